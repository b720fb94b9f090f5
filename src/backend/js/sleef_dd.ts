// SLEEF 3.5's "double-double" arithmetic (dd.h with ENABLE_FMA_DP, as its AVX2 build compiles it) and the
// bit-level helpers of sleefsimddp.c, for the float64 ports (sleef_dp*.ts). A pair result lands in D (D.x high,
// D.y low); callers copy it out before the next call. The fused steps are emulated exactly (fma.ts).
import { fma, twoProductError } from "./fma.js";

export { fma };

export const D = { x: 0.5, y: 0.5 };

const word = new Float64Array(1);
const half = new Int32Array(word.buffer);

/** x * y - s exactly where s = RN(x * y) (vfmapn): Dekker's product error away from overflow and underflow. */
export function productError(x: number, y: number, s: number): number {
  const a = Math.abs(s);
  const ax = Math.abs(x);
  const ay = Math.abs(y);
  return a > 1e-290 && a < 1e290 && ax < 1e290 && ay < 1e290 ? twoProductError(x, y, s) : fma(x, y, -s);
}

export function ddnormalize(tx: number, ty: number): void {
  const s = tx + ty;
  D.x = s;
  D.y = tx - s + ty;
}

export function ddadd_d_d(x: number, y: number): void {
  const s = x + y;
  D.x = s;
  D.y = x - s + y;
}

export function ddadd2_d_d(x: number, y: number): void {
  const s = x + y;
  const v = s - x;
  D.x = s;
  D.y = x - (s - v) + (y - v);
}

export function ddadd_d2_d(xx: number, xy: number, y: number): void {
  const s = xx + y;
  D.x = s;
  D.y = xx - s + y + xy;
}

export function ddsub_d2_d(xx: number, xy: number, y: number): void {
  const s = xx - y;
  D.x = s;
  D.y = xx - s - y + xy;
}

export function ddadd2_d2_d(xx: number, xy: number, y: number): void {
  const s = xx + y;
  const v = s - xx;
  const w = xx - (s - v) + (y - v);
  D.x = s;
  D.y = w + xy;
}

export function ddadd_d_d2(x: number, yx: number, yy: number): void {
  const s = x + yx;
  D.x = s;
  D.y = x - s + yx + yy;
}

export function ddadd2_d_d2(x: number, yx: number, yy: number): void {
  const s = x + yx;
  const v = s - x;
  D.x = s;
  D.y = x - (s - v) + (yx - v) + yy;
}

export function ddadd_d2_d2(xx: number, xy: number, yx: number, yy: number): void {
  const s = xx + yx;
  D.x = s;
  D.y = xx - s + yx + xy + yy;
}

export function ddadd2_d2_d2(xx: number, xy: number, yx: number, yy: number): void {
  const s = xx + yx;
  const v = s - xx;
  const t = xx - (s - v) + (yx - v);
  D.x = s;
  D.y = t + (xy + yy);
}

export function ddsub_d2_d2(xx: number, xy: number, yx: number, yy: number): void {
  const s = xx - yx;
  D.x = s;
  D.y = xx - s - yx + xy - yy;
}

export function dddiv(nx: number, ny: number, dx: number, dy: number): void {
  const t = 1 / dx;
  const s = nx * t;
  const u = productError(t, nx, s);
  const v = fma(-dy, t, fma(-dx, t, 1));
  D.x = s;
  D.y = fma(s, v, fma(ny, t, u));
}

export function ddmul_d_d(x: number, y: number): void {
  const s = x * y;
  D.x = s;
  D.y = productError(x, y, s);
}

export function ddsqu(xx: number, xy: number): void {
  const s = xx * xx;
  D.x = s;
  D.y = fma(xx + xx, xy, productError(xx, xx, s));
}

export function ddmul_d2_d2(xx: number, xy: number, yx: number, yy: number): void {
  const s = xx * yx;
  D.x = s;
  D.y = fma(xx, yy, fma(xy, yx, productError(xx, yx, s)));
}

export function ddmul_d2_d(xx: number, xy: number, y: number): void {
  const s = xx * y;
  D.x = s;
  D.y = fma(xy, y, productError(xx, y, s));
}

export function ddrec_d(d: number): void {
  const s = 1 / d;
  D.x = s;
  D.y = s * fma(-d, s, 1);
}

export function ddrec_d2(dx: number, dy: number): void {
  const s = 1 / dx;
  D.x = s;
  D.y = s * fma(-dy, s, fma(-dx, s, 1));
}

export function ddsqrt_d(d: number): void {
  const t = Math.sqrt(d);
  ddmul_d_d(t, t);
  ddadd2_d_d2(d, D.x, D.y);
  const ax = D.x;
  const ay = D.y;
  ddrec_d(t);
  ddmul_d2_d2(ax, ay, D.x, D.y);
  D.x *= 0.5;
  D.y *= 0.5;
}

/** Round half to even (vrint_vd_vd). */
export function rint(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** vrint_vi_vd / vtruncate_vi_vd: out-of-range and NaN lanes become INT_MIN, as cvtpd2dq gives. */
export const toInt = (x: number): number => (Math.abs(x) < 2147483648 ? x | 0 : -2147483648);

/** The exponent field minus the bias (vilogb2k_vi_vd). */
export function ilogb2k(d: number): number {
  word[0] = d;
  return ((half[1] >>> 20) & 0x7ff) - 0x3ff;
}

/** q added to the exponent field, wrapping as the 32-bit lane add does (vldexp3_vd_vd_vi). */
export function ldexp3(d: number, q: number): number {
  word[0] = d;
  half[1] = (half[1] + (q << 20)) | 0;
  return word[0];
}

/** 2^q from its bits (vpow2i_vd_vi). */
export function pow2i(q: number): number {
  half[0] = 0;
  half[1] = ((q + 0x3ff) << 20) | 0;
  return word[0];
}

/** vldexp2_vd_vd_vi. */
export const ldexp2 = (d: number, e: number): number => d * pow2i(e >> 1) * pow2i(e - (e >> 1));

export function signbit(x: number): boolean {
  return x < 0 || Object.is(x, -0);
}

/** x with its sign flipped where y is negative (vmulsign_vd_vd_vd). */
export const mulsign = (x: number, y: number): number => (signbit(y) ? -x : x);

// Estrin's scheme as estrin.h nests it (c: coefficients from the highest power down, from index i).
const p2 = (x: number, c: readonly number[], i: number) => fma(x, c[i], c[i + 1]);
const p4 = (x: number, x2: number, c: readonly number[], i: number) =>
  fma(x2, fma(x, c[i], c[i + 1]), fma(x, c[i + 2], c[i + 3]));
const p8 = (x: number, x2: number, x4: number, c: readonly number[], i: number) =>
  fma(x4, p4(x, x2, c, i), p4(x, x2, c, i + 4));

export const poly7 = (x: number, x2: number, x4: number, c: readonly number[]) =>
  fma(x4, fma(x2, c[0], fma(x, c[1], c[2])), p4(x, x2, c, 3));
export const poly8 = (x: number, x2: number, x4: number, c: readonly number[]) => p8(x, x2, x4, c, 0);
export const poly9 = (x: number, x2: number, x4: number, x8: number, c: readonly number[]) =>
  fma(x8, c[0], p8(x, x2, x4, c, 1));
export const poly10 = (x: number, x2: number, x4: number, x8: number, c: readonly number[]) =>
  fma(x8, p2(x, c, 0), p8(x, x2, x4, c, 2));
export const poly12 = (x: number, x2: number, x4: number, x8: number, c: readonly number[]) =>
  fma(x8, p4(x, x2, c, 0), p8(x, x2, x4, c, 4));
export const poly16 = (x: number, x2: number, x4: number, x8: number, c: readonly number[]) =>
  fma(x8, p8(x, x2, x4, c, 0), p8(x, x2, x4, c, 8));
