// SLEEF 3.5's float64 logarithms and pow as its AVX2 build (Sleef_*d4_u10, FMA) computes each lane: log
// (xlog_u1), log2, log10, log1p and pow (logk, expk) of sleefsimddp.c, which PyTorch's Vectorized<double> calls.
import {
  D,
  ddadd2_d2_d,
  ddadd2_d_d,
  ddadd2_d_d2,
  ddadd_d2_d,
  ddadd_d2_d2,
  ddadd_d_d,
  ddadd_d_d2,
  dddiv,
  ddmul_d2_d,
  ddmul_d2_d2,
  ddnormalize,
  ddsqu,
  fma,
  ilogb2k,
  ldexp2,
  ldexp3,
  poly7,
  poly9,
  poly10,
  rint,
  signbit,
  toInt,
} from "./sleef_dd.js";
import { L2L, L2U, R_LN2 } from "./sleef_dp.js";

const DBL_MIN = 2.2250738585072014e-308;
const TWO64 = 2 ** 64;
const LN2_HI = 0.693147180559945286226764;
const LN2_LO = 2.319046813846299558417771e-17;

/** m in [0.75, 1.5) and e with d = m * 2^e (subnormals scaled first), set by reduce(). */
let mant = 0;
let expo = 0;
function reduce(d: number): number {
  const tiny = d < DBL_MIN;
  const scaled = tiny ? d * TWO64 : d;
  const e = ilogb2k(scaled * (1 / 0.75));
  mant = ldexp3(scaled, -e);
  expo = tiny ? e - 64 : e;
  return scaled;
}

/** The special values every logarithm shares. */
function logSpecials(d: number, r: number): number {
  if (d === Infinity) return Infinity;
  if (d < 0 || Number.isNaN(d)) return NaN;
  if (d === 0) return -Infinity;
  return r;
}

const LOG_POLY = [
  0.1532076988502701353, 0.1525629051003428716, 0.1818605932937785996, 0.2222214519839380009,
  0.2857142932794299317, 0.399999999963525199, 0.6666666666667333541,
];

/** Sleef_logd4_u10 on one lane. */
export function log(d: number): number {
  reduce(d);
  ddadd2_d_d(-1, mant);
  const nx = D.x;
  const ny = D.y;
  ddadd2_d_d(1, mant);
  dddiv(nx, ny, D.x, D.y);
  const xx = D.x;
  const xy = D.y;
  const x2 = xx * xx;
  const x4 = x2 * x2;
  const t = poly7(x2, x4, x4 * x4, LOG_POLY);
  ddmul_d2_d(LN2_HI, LN2_LO, expo);
  ddadd_d2_d2(D.x, D.y, xx * 2, xy * 2);
  ddadd_d2_d(D.x, D.y, x2 * xx * t);
  return logSpecials(d, D.x + D.y);
}

const LOG10_POLY = [
  0.665372581957675846e-1, 0.6625722782820833712e-1, 0.7898105214313944078e-1, 0.9650955035715275132e-1,
  0.1240841409721444993, 0.1737177927454605086, 0.2895296546021972617,
];

/** Sleef_log10d4_u10 on one lane. */
export function log10(d: number): number {
  reduce(d);
  ddadd2_d_d(-1, mant);
  const nx = D.x;
  const ny = D.y;
  ddadd2_d_d(1, mant);
  dddiv(nx, ny, D.x, D.y);
  const xx = D.x;
  const xy = D.y;
  const x2 = xx * xx;
  const x4 = x2 * x2;
  const t = poly7(x2, x4, x4 * x4, LOG10_POLY);
  ddmul_d2_d(0.30102999566398119802, -2.803728127785170339e-18, expo);
  const sx = D.x;
  const sy = D.y;
  ddmul_d2_d2(xx, xy, 0.86858896380650363334, 1.1430059694096389311e-17);
  ddadd_d2_d2(sx, sy, D.x, D.y);
  ddadd_d2_d(D.x, D.y, x2 * xx * t);
  return logSpecials(d, D.x + D.y);
}

const LOG2_POLY = [
  0.221194175045608149, 0.2200768693152277689, 0.2623708057488514656, 0.3205977477944495502,
  0.4121985945485324709, 0.5770780162997058982, 0.96179669392608091449,
];

/** Sleef_log2d4_u10 on one lane. */
export function log2(d: number): number {
  reduce(d);
  ddadd2_d_d(-1, mant);
  const nx = D.x;
  const ny = D.y;
  ddadd2_d_d(1, mant);
  dddiv(nx, ny, D.x, D.y);
  const xx = D.x;
  const xy = D.y;
  const x2 = xx * xx;
  const x4 = x2 * x2;
  const t = poly7(x2, x4, x4 * x4, LOG2_POLY);
  ddmul_d2_d2(xx, xy, 2.885390081777926774, 6.0561604995516736434e-18);
  ddadd2_d_d2(expo, D.x, D.y);
  ddadd2_d2_d(D.x, D.y, x2 * xx * t);
  return logSpecials(d, D.x + D.y);
}

/** Sleef_log1pd4_u10 on one lane. */
export function log1p(d: number): number {
  let dp1 = d + 1;
  const tiny = dp1 < DBL_MIN;
  if (tiny) dp1 *= TWO64;
  let e = ilogb2k(dp1 * (1 / 0.75));
  const t0 = ldexp3(1, -e);
  const m = fma(d, t0, t0 - 1);
  if (tiny) e -= 64;
  ddmul_d2_d(LN2_HI, LN2_LO, e);
  const sx = D.x;
  const sy = D.y;
  ddadd_d_d(2, m);
  dddiv(m, 0, D.x, D.y);
  const xx = D.x;
  const xy = D.y;
  const x2 = xx * xx;
  const x4 = x2 * x2;
  const t = poly7(x2, x4, x4 * x4, LOG_POLY);
  ddadd_d2_d2(sx, sy, xx * 2, xy * 2);
  ddadd_d2_d(D.x, D.y, x2 * xx * t);
  let r = D.x + D.y;
  if (d > 1e307) r = Infinity;
  if (d < -1 || Number.isNaN(d)) r = NaN;
  if (d === -1) r = -Infinity;
  if (Object.is(d, -0)) r = -0;
  return r;
}

const LOGK_POLY = [
  0.116255524079935043668677, 0.103239680901072952701192, 0.117754809412463995466069,
  0.13332981086846273921509, 0.153846227114512262845736, 0.181818180850050775676507,
  0.222222222230083560345903, 0.285714285714249172087875, 0.400000000000000077715612,
];

/** logk: log of a positive double as a pair, into D. */
function logk(d: number): void {
  reduce(d);
  ddadd2_d_d(-1, mant);
  const nx = D.x;
  const ny = D.y;
  ddadd2_d_d(1, mant);
  dddiv(nx, ny, D.x, D.y);
  const xx = D.x;
  const xy = D.y;
  ddsqu(xx, xy);
  const x2x = D.x;
  const x2y = D.y;
  const x4 = x2x * x2x;
  const x8 = x4 * x4;
  const t = poly9(x2x, x4, x8, x8 * x8, LOGK_POLY);
  ddmul_d2_d(LN2_HI, LN2_LO, expo);
  let sx = D.x;
  let sy = D.y;
  ddadd_d2_d2(sx, sy, xx * 2, xy * 2);
  sx = D.x;
  sy = D.y;
  ddmul_d2_d2(x2x, x2y, xx, xy);
  const x3x = D.x;
  const x3y = D.y;
  ddmul_d2_d2(x3x, x3y, 0.666666666666666629659233, 3.80554962542412056336616e-17);
  ddadd_d2_d2(sx, sy, D.x, D.y);
  sx = D.x;
  sy = D.y;
  ddmul_d2_d2(x2x, x2y, x3x, x3y);
  ddmul_d2_d(D.x, D.y, t);
  ddadd_d2_d2(sx, sy, D.x, D.y);
}

const EXPK_POLY = [
  2.51069683420950419527139e-8, 2.76286166770270649116855e-7, 2.75572496725023574143864e-6,
  2.48014973989819794114153e-5, 0.000198412698809069797676111, 0.0013888888939977128960529,
  0.00833333333332371417601081, 0.0416666666665409524128449, 0.166666666666666740681535,
  0.500000000000000999200722,
];

/** expk: exp of a pair as one double. */
function expk(dx: number, dy: number): number {
  const dq = rint((dx + dy) * R_LN2);
  const q = toInt(dq);
  ddadd2_d2_d(dx, dy, dq * -L2U);
  ddadd2_d2_d(D.x, D.y, dq * -L2L);
  ddnormalize(D.x, D.y);
  const sx = D.x;
  const sy = D.y;
  const s2 = sx * sx;
  const s4 = s2 * s2;
  const u = poly10(sx, s2, s4, s4 * s4, EXPK_POLY);
  ddadd_d_d2(1, sx, sy);
  const tx = D.x;
  const ty = D.y;
  ddsqu(sx, sy);
  ddmul_d2_d(D.x, D.y, u);
  ddadd_d2_d2(tx, ty, D.x, D.y);
  return dx < -1000 ? 0 : ldexp2(D.x + D.y, q);
}

/** SLEEF's visint_vo_vd / visodd_vo_vd without FULL_FP_ROUNDING (exact for every double). */
const isInt = (y: number): boolean => Number.isInteger(y) || Math.abs(y) > 2 ** 53;
const isOdd = (y: number): boolean => Number.isInteger(y) && Math.abs(y) < 2 ** 53 && Math.abs(y % 2) === 1;

/** Sleef_powd4_u10 on one lane. */
export function pow(x: number, y: number): number {
  const yisint = isInt(y);
  const yisodd = isOdd(y) && yisint;
  logk(Math.abs(x));
  ddmul_d2_d(D.x, D.y, y);
  const dx = D.x;
  let result = expk(dx, D.y);
  if (dx > 709.78271114955742909217217426) result = Infinity;
  result *= x > 0 ? 1 : yisint ? (yisodd ? -1 : 1) : NaN;
  const efx = signbit(y) ? -(Math.abs(x) - 1) : Math.abs(x) - 1;
  if (y === Infinity || y === -Infinity) result = efx < 0 ? 0 : efx === 0 ? 1 : Infinity;
  if (x === Infinity || x === -Infinity || x === 0) {
    const sign = yisodd ? (signbit(x) ? -1 : 1) : 1;
    result = sign * ((x === 0 ? -y : y) < 0 ? 0 : Infinity);
  }
  if (Number.isNaN(x) || Number.isNaN(y)) result = NaN;
  if (y === 0 || x === 1) result = 1;
  return result;
}
