// Float32 exp and log as PyTorch's AVX2 Vectorized<float> computes them (SLEEF's expf8_u10 / logf8_u10
// with fused multiply-adds), so vectorized kernels ported here (softmax) round like PyTorch's.
const f32 = Math.fround;

/** fma(a, b, c) rounded once to float32. a*b of two floats is exact in double; the sum needs a fix-up
 * only when it lands exactly halfway between two floats. */
export function fmaf(a: number, b: number, c: number): number {
  const p = a * b;
  const s = p + c;
  // TwoSum: the part of p + c that s lost.
  const bb = s - p;
  const err = p - (s - bb) + (c - bb);
  const r = f32(s);
  if (err === 0 || r === s) return r;
  const other = s > r ? nextFloat(r, 1) : nextFloat(r, -1);
  const mid = (r + other) / 2;
  if (s !== mid) return r;
  // s sits on a tie that exact arithmetic would have broken by err's sign.
  return err > 0 === other > r ? other : r;
}

const scratch = new Float32Array(1);
const bits = new Int32Array(scratch.buffer);
function nextFloat(x: number, dir: 1 | -1): number {
  scratch[0] = x;
  if (x === 0) return dir * 1.401298464324817e-45;
  bits[0] += x > 0 === dir > 0 ? 1 : -1;
  return scratch[0];
}

const R_LN2F = f32(1.442695040888963407359924681001892137426645954152985934135449406931);
const L2UF = f32(0.693145751953125);
const L2LF = f32(1.428606765330187045e-6);

/** SLEEF xexpf (u10) with FMA. */
export function expf(d: number): number {
  if (Number.isNaN(d)) return NaN;
  const q = roundHalfEven(f32(d * R_LN2F));
  let s = fmaf(q, -L2UF, d);
  s = fmaf(q, -L2LF, s);
  let u = f32(0.000198527617612853646278381);
  u = fmaf(u, s, f32(0.00139304355252534151077271));
  u = fmaf(u, s, f32(0.00833336077630519866943359));
  u = fmaf(u, s, f32(0.0416664853692054748535156));
  u = fmaf(u, s, f32(0.166666671633720397949219));
  u = fmaf(u, s, 0.5);
  u = f32(1 + fmaf(f32(s * s), u, s));
  u = ldexp2f(u, q);
  if (d < -104) u = 0;
  if (d > 100) u = Infinity;
  return u;
}

/** vldexp2: u * 2^(q >> 1) * 2^(q - (q >> 1)), each step rounded to float. */
function ldexp2f(u: number, q: number): number {
  const h = q >> 1;
  return f32(f32(u * 2 ** h) * 2 ** (q - h));
}

function roundHalfEven(v: number): number {
  const r = Math.round(v);
  return r - v === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
