// Float32 exp and log as PyTorch's AVX2 Vectorized<float> computes them (SLEEF's expf8_u10 / logf8_u10
// with fused multiply-adds), so vectorized kernels ported here (softmax) round like PyTorch's.
const f32 = Math.fround;

/** fma(a, b, c) rounded once to float32. a*b of two floats is exact in double; the sum needs a fix-up
 * only when it lands exactly halfway between two floats. */
export function fmaf(a: number, b: number, c: number): number {
  // Kept small, so the callers' compiled code inlines it (SLEEF's float functions call it a dozen times each);
  // the rare cases go to fmafRare.
  const s = a * b + c;
  const r = f32(s);
  // Mirrored through s, r lands on the other neighbour exactly when s is a midpoint (Sterbenz: exact).
  const other = 2 * s - r;
  return r === s || f32(other) !== other ? r : fmafRare(a * b, c, s, r, other);
}

/** fmaf when r is infinite (overflow) or s is a tie between the floats r and other (p = a * b, s = p + c). */
export function fmafRare(p: number, c: number, s: number, r: number, other: number): number {
  if (!Number.isFinite(r)) return r;
  // s is a tie: TwoSum recovers the part of p + c that s lost, whose sign breaks it as exact arithmetic would.
  const bb = s - p;
  const err = p - (s - bb) + (c - bb);
  if (err === 0) return r;
  return err > 0 === other > r ? other : r;
}

const R_LN2F = f32(1.442695040888963407359924681001892137426645954152985934135449406931);
const L2UF = f32(0.693145751953125);
const L2LF = f32(1.428606765330187045e-6);

const C0 = f32(0.000198527617612853646278381);
const C1 = f32(0.00139304355252534151077271);
const C2 = f32(0.00833336077630519866943359);
const C3 = f32(0.0416664853692054748535156);
const C4 = f32(0.166666671633720397949219);

/** 2^e for e in [-128, 127], from a table (Math.pow per element was a third of expf's time). */
const POW2 = Float64Array.from({ length: 256 }, (_, i) => 2 ** (i - 128));

/** SLEEF xexpf (u10) with FMA. */
export function expf(d: number): number {
  if (Number.isNaN(d)) return NaN;
  // SLEEF computes these lanes too, then overrides them: the same result.
  if (d < -104) return 0;
  if (d > 100) return Infinity;
  const q = roundHalfEven(f32(d * R_LN2F));
  let s = fmaf(q, -L2UF, d);
  s = fmaf(q, -L2LF, s);
  let u = fmaf(C0, s, C1);
  u = fmaf(u, s, C2);
  u = fmaf(u, s, C3);
  u = fmaf(u, s, C4);
  u = fmaf(u, s, 0.5);
  u = f32(1 + fmaf(f32(s * s), u, s));
  // vldexp2: u * 2^(q >> 1) * 2^(q - (q >> 1)), each step rounded to float.
  const h = q >> 1;
  return f32(f32(u * POW2[h + 128]) * POW2[q - h + 128]);
}

function roundHalfEven(v: number): number {
  const r = Math.round(v);
  return r - v === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
