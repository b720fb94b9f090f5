// SLEEF 3.5's float32 functions that PyTorch's AVX2 Vectorized<float> calls (Sleef_*f8_u10, the *_u1 lane
// code of sleefsimdsp.c), ported lane for lane on sleef_df.ts: the same operations in the same order, each
// rounded to float, with the same fused multiply-adds. sin, cos and tan are in sleef_trig.ts.
import {
  dfadd2_f2_f,
  dfadd2_f2_f2,
  dfadd2_f_f,
  dfadd2_f_f2,
  dfadd_f2_f,
  dfadd_f2_f2,
  dfadd_f_f,
  dfadd_f_f2,
  dfdiv,
  dfmul_f2_f,
  dfmul_f2_f2,
  dfmul_f_f,
  dfnormalize,
  dfrec_f2,
  dfscale,
  dfsqrt_f,
  dfsqu,
  dfsub_f2_f,
  dfsub_f2_f2,
  f,
  f2const,
  fmaf,
  ilogb2k,
  ldexp,
  ldexp2,
  ldexp3,
  mulsign,
  rintInt,
  P,
  signbit,
  truncInt,
} from "./sleef_df.js";

const FLT_MIN = 2 ** -126;
const TWO64 = 2 ** 64;
const R_LN2 = f(1.442695040888963407359924681001892137426645954152985934135449406931);
const L2U = f(0.693145751953125);
const L2L = f(1.428606765330187045e-6);
const LN2_HI = f(0.69314718246459960938);
const LN2_LO = f(-1.904654323148236017e-9);
const FOUR_THIRDS = f(1 / 0.75);
const PI_HI = f(3.1415927410125732422);
const PI_LO = f(-8.7422776573475857731e-8);

/** log's argument split: m in [0.75, 1.5) and its exponent e, subnormals scaled by 2^64 first. */
let splitE = 0;
function splitMantissa(d: number): number {
  const tiny = d < FLT_MIN;
  if (tiny) d = f(d * TWO64);
  const e = ilogb2k(f(d * FOUR_THIRDS));
  splitE = tiny ? e - 64 : e;
  return ldexp3(d, -e);
}

/** The special values log, log2 and log10 share. */
function logSpecials(d: number, r: number): number {
  if (d === Infinity) return Infinity;
  if (d < 0 || Number.isNaN(d)) return NaN;
  return d === 0 ? -Infinity : r;
}

/** Sleef_logf8_u10 (xlogf_u1). */
export function logf(d: number): number {
  const m = splitMantissa(d);
  const e = splitE;
  dfmul_f2_f(LN2_HI, LN2_LO, e);
  const sx = P.x;
  const sy = P.y;
  dfadd2_f_f(-1, m);
  const nx = P.x;
  const ny = P.y;
  dfadd2_f_f(1, m);
  dfdiv(nx, ny, P.x, P.y);
  const xx = P.x;
  const xy = P.y;
  const x2 = f(xx * xx);
  let t = f(0.3027294874);
  t = fmaf(t, x2, f(0.3996108174));
  t = fmaf(t, x2, f(0.666669488));
  dfadd_f2_f2(sx, sy, f(xx * 2), f(xy * 2));
  dfadd_f2_f(P.x, P.y, f(f(x2 * xx) * t));
  return logSpecials(d, f(P.x + P.y));
}

/** Sleef_log2f8_u10 (xlog2f). */
export function log2f(d: number): number {
  const m = splitMantissa(d);
  const e = splitE;
  dfadd2_f_f(-1, m);
  const nx = P.x;
  const ny = P.y;
  dfadd2_f_f(1, m);
  dfdiv(nx, ny, P.x, P.y);
  const xx = P.x;
  const xy = P.y;
  const x2 = f(xx * xx);
  let t = f(0.4374550283);
  t = fmaf(t, x2, f(0.5764790177));
  t = fmaf(t, x2, f(0.961801290512));
  dfmul_f2_f2(xx, xy, f(2.8853900432586669922), f(3.2734474483568488616e-8));
  dfadd2_f_f2(e, P.x, P.y);
  dfadd2_f2_f(P.x, P.y, f(f(x2 * xx) * t));
  return logSpecials(d, f(P.x + P.y));
}

/** Sleef_log10f8_u10 (xlog10f). */
export function log10f(d: number): number {
  const m = splitMantissa(d);
  const e = splitE;
  dfadd2_f_f(-1, m);
  const nx = P.x;
  const ny = P.y;
  dfadd2_f_f(1, m);
  dfdiv(nx, ny, P.x, P.y);
  const xx = P.x;
  const xy = P.y;
  const x2 = f(xx * xx);
  let t = f(0.1314289868);
  t = fmaf(t, x2, f(0.1735493541));
  t = fmaf(t, x2, f(0.2895309627));
  dfmul_f2_f(f(0.30103001), f(-1.432098889e-8), e);
  const sx = P.x;
  const sy = P.y;
  dfmul_f2_f2(xx, xy, f(0.868588984), f(-2.170757285e-8));
  dfadd_f2_f2(sx, sy, P.x, P.y);
  dfadd_f2_f(P.x, P.y, f(f(x2 * xx) * t));
  return logSpecials(d, f(P.x + P.y));
}

/** Sleef_log1pf8_u10 (xlog1pf). */
export function log1pf(d: number): number {
  let dp1 = f(d + 1);
  const tiny = dp1 < FLT_MIN;
  if (tiny) dp1 = f(dp1 * TWO64);
  let e = ilogb2k(f(dp1 * FOUR_THIRDS));
  const t0 = ldexp3(1, -e);
  const m = fmaf(d, t0, f(t0 - 1));
  if (tiny) e -= 64;
  dfmul_f2_f(LN2_HI, LN2_LO, e);
  const sx = P.x;
  const sy = P.y;
  dfadd_f_f(2, m);
  dfdiv(m, 0, P.x, P.y);
  const xx = P.x;
  const xy = P.y;
  const x2 = f(xx * xx);
  let t = f(0.3027294874);
  t = fmaf(t, x2, f(0.3996108174));
  t = fmaf(t, x2, f(0.666669488));
  dfadd_f2_f2(sx, sy, f(xx * 2), f(xy * 2));
  dfadd_f2_f(P.x, P.y, f(f(x2 * xx) * t));
  let r = f(P.x + P.y);
  if (d > f(1e38)) r = Infinity;
  if (-1 > d) r = NaN;
  if (d === -1) r = -Infinity;
  return Object.is(d, -0) ? -0 : r;
}

/** expk2's result (double fields: stores allocate nothing). */
const E = { x: 0.5, y: 0.5 };

/** expk2f: exp of a float pair as a pair (E.x, E.y). */
function expk2(dx: number, dy: number): void {
  const q = rintInt(f(f(dx + dy) * R_LN2));
  const qf = f(q);
  dfadd2_f2_f(dx, dy, f(qf * -L2U));
  dfadd2_f2_f(P.x, P.y, f(qf * -L2L));
  const sx = P.x;
  const sy = P.y;
  let u = f(0.0001980960224);
  u = fmaf(u, sx, f(0.001394256484));
  u = fmaf(u, sx, f(0.008333456703));
  u = fmaf(u, sx, f(0.04166637361));
  dfmul_f2_f(sx, sy, u);
  dfadd2_f2_f(P.x, P.y, f(0.166666659414234244790680580464));
  dfmul_f2_f2(sx, sy, P.x, P.y);
  dfadd2_f2_f(P.x, P.y, 0.5);
  const tx = P.x;
  const ty = P.y;
  dfsqu(sx, sy);
  dfmul_f2_f2(P.x, P.y, tx, ty);
  dfadd2_f2_f2(sx, sy, P.x, P.y);
  dfadd_f_f2(1, P.x, P.y);
  const under = dx < -104;
  E.x = under ? 0 : ldexp2(P.x, q);
  E.y = under ? 0 : ldexp2(P.y, q);
}

/** Sleef_tanhf8_u10 (xtanhf). */
export function tanhf(x: number): number {
  expk2(Math.abs(x), 0);
  const dx = E.x;
  const dy = E.y;
  dfrec_f2(dx, dy);
  const ex = P.x;
  const ey = P.y;
  dfadd_f2_f2(dx, dy, -ex, -ey);
  const nx = P.x;
  const ny = P.y;
  dfadd_f2_f2(dx, dy, ex, ey);
  dfdiv(nx, ny, P.x, P.y);
  let y = f(P.x + P.y);
  if (Math.abs(x) > f(8.664339742) || Number.isNaN(y)) y = 1;
  return Number.isNaN(x) ? NaN : mulsign(y, x);
}

/** Sleef_coshf8_u10 (xcoshf). */
export function coshf(x: number): number {
  expk2(Math.abs(x), 0);
  const dx = E.x;
  const dy = E.y;
  dfrec_f2(dx, dy);
  dfadd_f2_f2(dx, dy, P.x, P.y);
  let y = f(f(P.x + P.y) * 0.5);
  if (Math.abs(x) > 89 || Number.isNaN(y)) y = Infinity;
  return Number.isNaN(x) ? NaN : y;
}

/** Sleef_sinhf8_u10 (xsinhf). */
export function sinhf(x: number): number {
  expk2(Math.abs(x), 0);
  const dx = E.x;
  const dy = E.y;
  dfrec_f2(dx, dy);
  dfsub_f2_f2(dx, dy, P.x, P.y);
  let y = f(f(P.x + P.y) * 0.5);
  if (Math.abs(x) > 89 || Number.isNaN(y)) y = Infinity;
  return Number.isNaN(x) ? NaN : mulsign(y, x);
}

/** Sleef_expm1f8_u10 (xexpm1f). */
export function expm1f(a: number): number {
  expk2(a, 0);
  dfadd2_f2_f(E.x, E.y, -1);
  let x = f(P.x + P.y);
  if (a > f(88.72283172607421875)) x = Infinity;
  if (a < f(-16.63553233343868742601357)) x = -1;
  return Object.is(a, -0) ? -0 : x;
}

const ERF_C1 = [
  f2const(-0.376125876000657465175213237214),
  f2const(-0.63458890590841038997121080921),
  f2const(-0.643598050547891613081201721633),
];
const ERF_C2 = [
  f2const(1.12837916021059138255978217023),
  f2const(-1.12879855826694507209862753992),
  f2const(-1.12461487742845562801052956293),
];
const ERF_T = [
  [f(0.7089292194e-4), f(-0.1792667899e-4), f(-0.9495757695e-5)],
  [f(-0.7768311189e-3), f(0.393763301e-3), f(0.2481465926e-3)],
  [f(0.5159463733e-2), f(-0.3949181177e-2), f(-0.2918176819e-2)],
  [f(-0.2683781274e-1), f(0.244547464e-1), f(0.2059706673e-1)],
  [f(0.1128318012), f(-0.107099615), f(-0.9901899844e-1)],
];

/** Sleef_erff8_u10 (xerff_u1). */
export function erff(s: number): number {
  const a = Math.abs(s);
  const k = a < f(1.1) ? 0 : a < f(2.4) ? 1 : 2;
  const u = k === 0 ? f(a * a) : a;
  let t = ERF_T[0][k];
  for (let i = 1; i < 5; i++) t = fmaf(t, u, ERF_T[i][k]);
  dfmul_f_f(t, u);
  dfadd2_f2_f2(P.x, P.y, ERF_C1[k][0], ERF_C1[k][1]);
  dfmul_f2_f(P.x, P.y, u);
  dfadd2_f2_f2(P.x, P.y, ERF_C2[k][0], ERF_C2[k][1]);
  dfmul_f2_f(P.x, P.y, a);
  let dx = P.x;
  let dy = P.y;
  if (k !== 0) {
    expk2(dx, dy);
    dfadd_f_f2(1, -E.x, -E.y);
    dx = P.x;
    dy = P.y;
  }
  const r = mulsign(a < 4 ? f(dx + dy) : 1, s);
  return Number.isNaN(a) ? NaN : r;
}

/** xerfcf_u15's polynomial per range (|a| < 1, < 2.2, < 4.3, < 10.1), highest power first, and its pairs. */
const ERFC_T = [
  [-0.8638041618e-4, 0.6000166177e-3, -0.1665703603e-2, 0.1795156277e-3, 0.1914106123e-1],
  [-0.6236977242e-5, 0.5749821503e-4, 0.6002851478e-5, -0.2851036377e-2, 0.2260518074e-1],
  [-0.3869504035, 0.1288077235e1, -0.1816803217e1, 0.1249150872e1, -0.1328857988],
  [0.1115344167e1, -0.9454904199, -0.3667259514, 0.7155663371, -0.1262947265e-1],
].map((row) => row.map(f));
const ERFC_PAIRS = [
  [-0.102775359343930288081655368891, -0.636619483208481931303752546439, -1.12837917790537404939545770596],
  [-0.105247583459338632253369014063, -0.635609463574589034216723775292, -1.12855987376668622084547028949],
  [-0.482365310333045318680618892669, -0.134450203224533979217859332703e-2, -0.57231978115047294956178610108],
  [
    -0.498961546254537647970305302739, -0.471199543422848492080722832666e-4,
    -0.572364030327966044425932623525,
  ],
].map((row) => row.map(f2const));

/** Sleef_erfcf8_u15 (xerfcf_u15). */
export function erfcf(s: number): number {
  const a = Math.abs(s);
  const o1 = a < f(2.2);
  const range = a < 1 ? 0 : o1 ? 1 : a < f(4.3) ? 2 : 3;
  let ux = a;
  let uy = 0;
  if (!o1) {
    dfdiv(1, 0, a, 0);
    ux = P.x;
    uy = P.y;
  }
  const c = ERFC_T[range];
  let t = c[0];
  for (let i = 1; i < c.length; i++) t = fmaf(t, ux, c[i]);
  const [p0, p1, p2] = ERFC_PAIRS[range];
  dfmul_f2_f(ux, uy, t);
  dfadd2_f2_f2(P.x, P.y, p0[0], p0[1]);
  dfmul_f2_f2(P.x, P.y, ux, uy);
  dfadd2_f2_f2(P.x, P.y, p1[0], p1[1]);
  dfmul_f2_f2(P.x, P.y, ux, uy);
  dfadd2_f2_f2(P.x, P.y, p2[0], p2[1]);
  const dx = P.x;
  const dy = P.y;
  if (o1) dfmul_f2_f(dx, dy, a);
  else {
    dfmul_f2_f(-a, 0, a);
    dfadd2_f2_f2(P.x, P.y, dx, dy);
  }
  expk2(P.x, P.y);
  let rx = E.x;
  let ry = E.y;
  if (!o1) {
    dfmul_f2_f2(rx, ry, ux, uy);
    rx = P.x;
    ry = P.y;
  }
  let r = a < f(10.1) ? f(rx + ry) : 0;
  if (s < 0) r = f(2 - r);
  return Number.isNaN(s) ? NaN : r;
}

const L = { x: 0.5, y: 0.5 };

/** logkf: log of a float as a pair (L.x, L.y), for pow. */
function logk(d: number): void {
  const m = splitMantissa(d);
  const e = splitE;
  dfadd2_f_f(-1, m);
  const nx = P.x;
  const ny = P.y;
  dfadd2_f_f(1, m);
  dfdiv(nx, ny, P.x, P.y);
  const xx = P.x;
  const xy = P.y;
  dfsqu(xx, xy);
  const x2x = P.x;
  const x2y = P.y;
  let t = f(0.240320354700088500976562);
  t = fmaf(t, x2x, f(0.285112679004669189453125));
  t = fmaf(t, x2x, f(0.400007992982864379882812));
  dfmul_f2_f(LN2_HI, LN2_LO, e);
  dfadd_f2_f2(P.x, P.y, f(xx * 2), f(xy * 2));
  const sx = P.x;
  const sy = P.y;
  dfmul_f2_f(x2x, x2y, t);
  dfadd2_f2_f2(P.x, P.y, f(0.66666662693023681640625), f(3.69183861259614332084311e-9));
  const cx = P.x;
  const cy = P.y;
  dfmul_f2_f2(x2x, x2y, xx, xy);
  dfmul_f2_f2(P.x, P.y, cx, cy);
  dfadd_f2_f2(sx, sy, P.x, P.y);
  L.x = P.x;
  L.y = P.y;
}

/** expkf: exp of a float pair, as one float. */
function expk(dx: number, dy: number): number {
  const q = rintInt(f(f(dx + dy) * R_LN2));
  const qf = f(q);
  dfadd2_f2_f(dx, dy, f(qf * -L2U));
  dfadd2_f2_f(P.x, P.y, f(qf * -L2L));
  dfnormalize(P.x, P.y);
  const sx = P.x;
  const sy = P.y;
  let u = f(0.00136324646882712841033936);
  u = fmaf(u, sx, f(0.00836596917361021041870117));
  u = fmaf(u, sx, f(0.0416710823774337768554688));
  u = fmaf(u, sx, f(0.166665524244308471679688));
  u = fmaf(u, sx, f(0.499999850988388061523438));
  dfsqu(sx, sy);
  dfmul_f2_f(P.x, P.y, u);
  dfadd_f2_f2(sx, sy, P.x, P.y);
  dfadd_f_f2(1, P.x, P.y);
  const r = ldexp(f(P.x + P.y), q);
  return dx < -104 ? 0 : r;
}

/** Sleef_powf8_u10 (xpowf). */
export function powf(x: number, y: number): number {
  const ay = Math.abs(y);
  const yisint = Math.trunc(y) === y || ay > 1 << 24;
  const yisodd = (truncInt(y) & 1) === 1 && yisint && ay < 1 << 24;
  logk(Math.abs(x));
  dfmul_f2_f(L.x, L.y, y);
  let result = expk(P.x, P.y);
  if (Number.isNaN(result)) result = Infinity;
  result = f(result * (x > 0 ? 1 : yisint ? (yisodd ? -1 : 1) : NaN));
  const efx = mulsign(f(Math.abs(x) - 1), y);
  if (ay === Infinity) result = efx < 0 ? 0 : efx === 0 ? 1 : Infinity;
  if (Math.abs(x) === Infinity || x === 0) {
    const sign = yisodd ? (x < 0 || Object.is(x, -0) ? -1 : 1) : 1;
    result = sign * ((x === 0 ? -y : y) < 0 ? 0 : Infinity);
  }
  if (Number.isNaN(x) || Number.isNaN(y)) result = NaN;
  return y === 0 || x === 1 ? 1 : result;
}

/**
 * atan2kf_u1((y, 0), (x, 0)) for y >= 0 into P: the angle of (x, y) as a float pair. A negative x is
 * reflected (q = -2), and the quotient is kept at most 1 in magnitude by a quarter turn (q + 1).
 */
function atan2k(y: number, x: number): void {
  let q = x < 0 ? -2 : 0;
  const xx = x < 0 ? -x : x;
  const xy = x < 0 ? -0 : 0;
  const swap = xx < y;
  if (swap) {
    q += 1;
    dfdiv(-xx, -xy, y, 0);
  } else dfdiv(y, 0, xx, xy);
  const sx = P.x;
  const sy = P.y;
  dfsqu(sx, sy);
  dfnormalize(P.x, P.y);
  const tx = P.x;
  const ty = P.y;
  let u = f(-0.00176397908944636583328247);
  u = fmaf(u, tx, f(0.0107900900766253471374512));
  u = fmaf(u, tx, f(-0.0309564601629972457885742));
  u = fmaf(u, tx, f(0.0577365085482597351074219));
  u = fmaf(u, tx, f(-0.0838950723409652709960938));
  u = fmaf(u, tx, f(0.109463557600975036621094));
  u = fmaf(u, tx, f(-0.142626821994781494140625));
  u = fmaf(u, tx, f(0.199983194470405578613281));
  dfadd_f_f(f(-0.333332866430282592773438), f(u * tx));
  dfmul_f2_f2(tx, ty, P.x, P.y);
  dfadd_f_f2(1, P.x, P.y);
  dfmul_f2_f2(sx, sy, P.x, P.y);
  const px = P.x;
  const py = P.y;
  dfmul_f2_f(f(1.5707963705062866211), f(-4.3711388286737928865e-8), q);
  dfadd_f2_f2(P.x, P.y, px, py);
}

/** Sleef_atanf8_u10 (xatanf_u1 through atan2kf_u1 with x = 1). */
export function atanf(d: number): number {
  atan2k(Math.abs(d), 1);
  let r = f(P.x + P.y);
  if (Math.abs(d) === Infinity) r = f(1.570796326794896557998982);
  return mulsign(r, d);
}

const PI_F = f(Math.PI);
const PI_2F = f(Math.PI / 2);
const PI_4F = f(Math.PI / 4);
/** Below this |x| (nexttowardf(1 / FLT_MAX, 1)) xatan2f_u1 scales both operands by 2^24 first. */
const ATAN2_TINY = f(2.9387372783541830947e-39);

/** visinf2_vf_vf_vf: m with d's sign bit or'ed in where d is infinite, +0 elsewhere. */
function infSign(d: number, m: number): number {
  if (Math.abs(d) !== Infinity) return 0;
  return d < 0 ? -Math.abs(m) : m;
}

/** Sleef_atan2f8_u10 (xatan2f_u1). */
export function atan2f(y: number, x: number): number {
  if (Math.abs(x) < ATAN2_TINY) {
    x = f(x * (1 << 24));
    y = f(y * (1 << 24));
  }
  atan2k(Math.abs(y), x);
  let r = mulsign(f(P.x + P.y), x);
  if (Math.abs(x) === Infinity || x === 0) r = f(PI_2F - infSign(x, mulsign(PI_2F, x)));
  if (Math.abs(y) === Infinity) r = f(PI_2F - infSign(x, mulsign(PI_4F, x)));
  if (y === 0) r = signbit(x) ? PI_F : 0;
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  return mulsign(r, y);
}

/** The shared start of asin and acos: the pair x = |d|, or sqrt((1 - |d|) / 2) from 0.5 on, and u. */
const AC = { x: 0.5, y: 0.5 };
function asinCore(d: number, small: boolean): number {
  const ad = Math.abs(d);
  const x2 = small ? f(d * d) : f(f(1 - ad) * 0.5);
  if (small) {
    AC.x = ad;
    AC.y = 0;
  } else {
    dfsqrt_f(x2);
    AC.x = P.x;
    AC.y = P.y;
  }
  if (ad === 1) {
    AC.x = 0;
    AC.y = 0;
  }
  let u = f(0.4197454825e-1);
  u = fmaf(u, x2, f(0.2424046025e-1));
  u = fmaf(u, x2, f(0.4547423869e-1));
  u = fmaf(u, x2, f(0.7495029271e-1));
  u = fmaf(u, x2, f(0.1666677296));
  return f(u * f(x2 * AC.x));
}

/** Sleef_asinf8_u10 (xasinf_u1). */
export function asinf(d: number): number {
  const small = Math.abs(d) < 0.5;
  const u = asinCore(d, small);
  if (small) return mulsign(f(u + AC.x), d);
  dfsub_f2_f2(f(PI_HI / 4), f(PI_LO / 4), AC.x, AC.y);
  dfsub_f2_f(P.x, P.y, u);
  return mulsign(f(f(P.x + P.y) * 2), d);
}

/** Sleef_acosf8_u10 (xacosf_u1). */
export function acosf(d: number): number {
  const small = Math.abs(d) < 0.5;
  const u = asinCore(d, small);
  if (small) {
    dfadd_f_f(mulsign(AC.x, d), mulsign(u, d));
    dfsub_f2_f2(f(PI_HI / 2), f(PI_LO / 2), P.x, P.y);
  } else {
    dfadd_f2_f(AC.x, AC.y, u);
    dfscale(P.x, P.y, 2);
    if (d < 0) dfsub_f2_f2(PI_HI, PI_LO, P.x, P.y);
  }
  return f(P.x + P.y);
}
