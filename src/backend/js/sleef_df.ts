// The lane arithmetic of SLEEF 3.5's float32 functions as its AVX2 build runs them (helperavx2.h, df.h with
// ENABLE_FMA_SP): float ops each rounded once, fused multiply-adds, "double-float" pairs, and the integer
// conversions of the x86 vector instructions. sleef_sp.ts and sleef_trig.ts port the functions on top.
// A pair result lands in P (P.x high, P.y low): callers copy both out before the next pair operation. An object
// with double fields, not module variables, so storing a result allocates nothing.
import { fmaf } from "./sleef.js";

export const f = Math.fround;
export { fmaf };

/** The pair result of the last df operation (x: high part, y: low part). */
export const P = { x: 0.5, y: 0.5 };

const word = new Float32Array(1);
const bits = new Int32Array(word.buffer);

/** A float's bits as an int32. */
export function asInt(x: number): number {
  word[0] = x;
  return bits[0];
}

/** The float with these bits (a NaN comes back as some NaN). */
export function asFloat(i: number): number {
  bits[0] = i;
  return word[0];
}

/** x86 cvtps2dq: round half to even; NaN and out-of-range give INT32_MIN. */
export function rintInt(x: number): number {
  if (!(x >= -2147483648 && x < 2147483648)) return -2147483648;
  return rintf(x) | 0;
}

/** x86 cvttps2dq: truncation; NaN and out-of-range give INT32_MIN. */
export function truncInt(x: number): number {
  if (!(x > -2147483649 && x < 2147483648)) return -2147483648;
  return Math.trunc(x) | 0;
}

/** roundps to nearest even, keeping -0 and the sign of results that round to 0. */
export function rintf(x: number): number {
  const r = Math.round(x);
  const out = r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
  return out === 0 ? (x < 0 || Object.is(x, -0) ? -0 : 0) : out;
}

/** Sign bit of a float (false for NaN: JavaScript keeps no NaN sign). */
export function signbit(x: number): boolean {
  return x < 0 || Object.is(x, -0);
}

/** x with its sign flipped where y's sign bit is set (vmulsign). */
export const mulsign = (x: number, y: number): number => (signbit(y) ? -x : x);

/** x with y's sign (vcopysign). */
export const copysign = (x: number, y: number): number => (signbit(y) ? -Math.abs(x) : Math.abs(x));

/** ((bits >> 23) & 0xff) - 0x7f: the biased exponent of a normal float, unbiased. */
export const ilogb2k = (d: number): number => ((asInt(d) >>> 23) & 0xff) - 0x7f;

/** vilogbk: ilogb with subnormals scaled up first. */
export function ilogbk(d: number): number {
  const o = d < 5.421010862427522e-20;
  if (o) d = f(1.8446744073709552e19 * d);
  return (((asInt(d) >>> 23) & 0xff) - (o ? 64 + 0x7f : 0x7f)) | 0;
}

/** d * 2^q by adding q to the exponent field (vldexp3). */
export const ldexp3 = (d: number, q: number): number => asFloat((asInt(d) + (q << 23)) | 0);

/** 2^q from bits (vpow2i). */
export const pow2i = (q: number): number => asFloat(((q + 0x7f) << 23) | 0);

/** vldexp2: d * 2^(e >> 1) * 2^(e - (e >> 1)), each product rounded. */
export const ldexp2 = (d: number, e: number): number => f(f(d * pow2i(e >> 1)) * pow2i(e - (e >> 1)));

/** vldexp_vf_vf_vi2: x * 2^q in steps that survive any q. */
export function ldexp(x: number, q: number): number {
  let m = q >> 31;
  m = (((m + q) >> 6) - m) << 4;
  q = q - (m << 2);
  m = m + 0x7f;
  m = m > 0 ? m : 0;
  m = m > 0xff ? 0xff : m;
  let u = asFloat(m << 23);
  x = f(f(f(f(x * u) * u) * u) * u);
  u = asFloat(((q + 0x7f) << 23) | 0);
  return f(x * u);
}

export const add3 = (a: number, b: number, c: number): number => f(f(a + b) + c);
export const add4 = (a: number, b: number, c: number, d: number): number => f(f(f(a + b) + c) + d);

function set(x: number, y: number): void {
  P.x = x;
  P.y = y;
}

export function dfnormalize(tx: number, ty: number): void {
  const s = f(tx + ty);
  set(s, f(f(tx - s) + ty));
}

export function dfscale(dx: number, dy: number, s: number): void {
  set(f(dx * s), f(dy * s));
}

export function dfadd_f_f(x: number, y: number): void {
  const s = f(x + y);
  set(s, f(f(x - s) + y));
}

export function dfadd2_f_f(x: number, y: number): void {
  const s = f(x + y);
  const v = f(s - x);
  set(s, f(f(x - f(s - v)) + f(y - v)));
}

export function dfadd2_f_f2(x: number, yx: number, yy: number): void {
  const s = f(x + yx);
  const v = f(s - x);
  set(s, f(f(f(x - f(s - v)) + f(yx - v)) + yy));
}

export function dfadd_f2_f(xx: number, xy: number, y: number): void {
  const s = f(xx + y);
  set(s, add3(f(xx - s), y, xy));
}

export function dfsub_f2_f(xx: number, xy: number, y: number): void {
  const s = f(xx - y);
  set(s, f(f(f(xx - s) - y) + xy));
}

export function dfadd2_f2_f(xx: number, xy: number, y: number): void {
  const s = f(xx + y);
  const v = f(s - xx);
  const t = f(f(xx - f(s - v)) + f(y - v));
  set(s, f(t + xy));
}

export function dfadd_f_f2(x: number, yx: number, yy: number): void {
  const s = f(x + yx);
  set(s, add3(f(x - s), yx, yy));
}

export function dfadd_f2_f2(xx: number, xy: number, yx: number, yy: number): void {
  const s = f(xx + yx);
  set(s, add4(f(xx - s), yx, xy, yy));
}

export function dfadd2_f2_f2(xx: number, xy: number, yx: number, yy: number): void {
  const s = f(xx + yx);
  const v = f(s - xx);
  const t = f(f(xx - f(s - v)) + f(yx - v));
  set(s, f(t + f(xy + yy)));
}

export function dfsub_f2_f2(xx: number, xy: number, yx: number, yy: number): void {
  const s = f(xx - yx);
  let t = f(xx - s);
  t = f(t - yx);
  t = f(t + xy);
  set(s, f(t - yy));
}

export function dfdiv(nx: number, ny: number, dx: number, dy: number): void {
  const t = f(1 / dx);
  const s = f(nx * t);
  const u = fmaf(t, nx, -s);
  const v = fmaf(-dy, t, fmaf(-dx, t, 1));
  set(s, fmaf(s, v, fmaf(ny, t, u)));
}

export function dfmul_f_f(x: number, y: number): void {
  const s = f(x * y);
  set(s, fmaf(x, y, -s));
}

export function dfsqu(xx: number, xy: number): void {
  const s = f(xx * xx);
  set(s, fmaf(f(xx + xx), xy, fmaf(xx, xx, -s)));
}

export function dfmul_f2_f2(xx: number, xy: number, yx: number, yy: number): void {
  const s = f(xx * yx);
  set(s, fmaf(xx, yy, fmaf(xy, yx, fmaf(xx, yx, -s))));
}

/** The product of two pairs as one float. */
export const dfmul_f2_f2_f = (xx: number, xy: number, yx: number, yy: number): number =>
  fmaf(xx, yx, fmaf(xy, yx, f(xx * yy)));

export function dfmul_f2_f(xx: number, xy: number, y: number): void {
  const s = f(xx * y);
  set(s, fmaf(xy, y, fmaf(xx, y, -s)));
}

export function dfrec_f(d: number): void {
  const s = f(1 / d);
  set(s, f(s * fmaf(-d, s, 1)));
}

export function dfrec_f2(dx: number, dy: number): void {
  const s = f(1 / dx);
  set(s, f(s * fmaf(-dy, s, fmaf(-dx, s, 1))));
}

export function dfsqrt_f(d: number): void {
  const t = f(Math.sqrt(d));
  // dfscale(dfmul(dfadd2(d, dfmul(t, t)), dfrec(t)), 0.5)
  dfmul_f_f(t, t);
  dfadd2_f_f2(d, P.x, P.y);
  const ax = P.x;
  const ay = P.y;
  dfrec_f(t);
  dfmul_f2_f2(ax, ay, P.x, P.y);
  dfscale(P.x, P.y, 0.5);
}

/** vcast_vf2_d: a double constant as a float pair. */
export function f2const(d: number): [number, number] {
  const hi = f(d);
  return [hi, f(d - hi)];
}
