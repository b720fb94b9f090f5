// SLEEF 3.5's float64 sin, cos and tan (xsin_u1, xcos_u1, xtan_u1: Sleef_sind4_u10 and friends, which PyTorch's
// AVX2 Vectorized<double> calls on every element). Their non-deterministic build picks one argument reduction
// per 4-lane vector: Cody-Waite with two constants when every lane is below 15 in magnitude, with four below
// 1e14, Payne-Hanek (rempi) otherwise (NaN and infinity included), and they round differently, so callers pass
// the vector's `band` (trigBand of its largest lane).
import {
  D,
  ddadd2_d2_d,
  ddadd2_d2_d2,
  ddadd2_d_d,
  ddadd_d2_d,
  ddadd_d2_d2,
  ddadd_d_d,
  ddadd_d_d2,
  dddiv,
  ddmul_d2_d,
  ddmul_d2_d2,
  ddmul_d_d,
  ddnormalize,
  ddsqu,
  fma,
  ilogb2k,
  ldexp3,
  mulsign,
  poly8,
  rint,
  toInt,
} from "./sleef_dd.js";
import { REMPITAB_DP } from "./sleef_rempitab_dp.js";

const M_1_PI = 0.318309886183790671537767526745028724;
const PI_A = 3.1415926218032836914;
const PI_B = 3.1786509424591713469e-8;
const PI_C = 1.2246467864107188502e-16;
const PI_D = 1.2736634327021899816e-24;
const PI_A2 = 3.141592653589793116;
const PI_B2 = 1.2246467991473532072e-16;
const M_2_PI_H = 0.63661977236758138243;
const M_2_PI_L = -3.9357353350364971764e-17;

/** 0: every lane below 15; 1: below 1e14; 2: otherwise (Payne-Hanek). */
export type TrigBand = 0 | 1 | 2;
export function trigBand(x: number): TrigBand {
  const a = Math.abs(x);
  return a < 15 ? 0 : a < 1e14 ? 1 : 2;
}

let remQ = 0;
/** rempisub (FULL_FP_ROUNDING): x minus its nearest quarter-integer; remQ = 4x's offset from 4 * rint(x). */
function rempisub(x: number): number {
  const y = rint(x * 4);
  remQ = toInt(y - rint(x) * 4);
  return x - y * 0.25;
}

/** rempi's result: the reduced pair and the quadrant. */
const R = { x: 0.5, y: 0.5, q: 0 };

/** rempi: Payne-Hanek reduction of a by pi/2 into R. */
function rempi(a: number): void {
  let ex = ilogb2k(a) - 55;
  const q0 = ex > 700 - 55 ? -64 : 0;
  a = ldexp3(a, q0);
  if (ex < 0) ex = 0;
  // NaN and infinity index past the table; their lanes end as NaN whatever is read.
  const i = Math.min(ex, REMPITAB_DP.length / 4 - 1) << 2;
  ddmul_d_d(a, REMPITAB_DP[i]);
  let xx = rempisub(D.x);
  let q = remQ;
  ddnormalize(xx, D.y);
  xx = D.x;
  let xy = D.y;
  ddmul_d_d(a, REMPITAB_DP[i + 1]);
  ddadd2_d2_d2(xx, xy, D.x, D.y);
  xx = rempisub(D.x);
  q = (q + remQ) | 0;
  ddnormalize(xx, D.y);
  xx = D.x;
  xy = D.y;
  ddmul_d2_d(REMPITAB_DP[i + 2], REMPITAB_DP[i + 3], a);
  ddadd2_d2_d2(xx, xy, D.x, D.y);
  ddnormalize(D.x, D.y);
  ddmul_d2_d2(D.x, D.y, PI_A2 * 2, PI_B2 * 2);
  const small = Math.abs(a) < 0.7;
  R.x = small ? a : D.x;
  R.y = small ? 0 : D.y;
  R.q = q;
}

/** The Cody-Waite tail shared by sin, cos and tan's band 1: s -= (dqh + dql) * (pi in pieces) * scale. */
function reduceFour(u: number, dqh: number, dql: number, scale: number, firstAdd2: boolean): void {
  if (firstAdd2) ddadd2_d_d(u, dql * (-PI_A * scale));
  else ddadd_d_d(u, dql * (-PI_A * scale));
  ddadd2_d2_d(D.x, D.y, dqh * (-PI_B * scale));
  ddadd2_d2_d(D.x, D.y, dql * (-PI_B * scale));
  ddadd2_d2_d(D.x, D.y, dqh * (-PI_C * scale));
  ddadd2_d2_d(D.x, D.y, dql * (-PI_C * scale));
  ddadd_d2_d(D.x, D.y, (dqh + dql) * (-PI_D * scale));
}

const SIN_POLY = [
  2.72052416138529567917983e-15, -7.6429259411395447190023e-13, 1.60589370117277896211623e-10,
  -2.5052106814843123359368e-8, 2.75573192104428224777379e-6, -0.000198412698412046454654947,
];

/** The sin polynomial on the reduced pair (sx, sy), before the quadrant's sign. */
function sinPoly(tx: number, ty: number): number {
  ddsqu(tx, ty);
  const sx = D.x;
  const sy = D.y;
  const s2 = sx * sx;
  const s4 = s2 * s2;
  const c = SIN_POLY;
  let u = fma(s4, fma(sx, c[0], c[1]), fma(s2, fma(sx, c[2], c[3]), fma(sx, c[4], c[5])));
  u = fma(u, sx, 0.00833333333333318056201922);
  ddadd_d_d(-0.166666666666666657414808, u * sx);
  ddmul_d2_d2(D.x, D.y, sx, sy);
  ddadd_d_d2(1, D.x, D.y);
  return fma(tx, D.x, fma(ty, D.x, tx * D.y));
}

const isInfOrNaN = (d: number): boolean => !Number.isFinite(d);

/** Sleef_sind4_u10 on one lane of a vector in `band`. */
export function sin(d: number, band: TrigBand): number {
  let ql: number;
  if (band === 0) {
    const dql = rint(d * M_1_PI);
    ql = toInt(dql);
    ddadd_d_d(fma(dql, -PI_A2, d), dql * -PI_B2);
  } else if (band === 1) {
    const dqh = Math.trunc(d * (M_1_PI / (1 << 24))) * (1 << 24);
    const dql = rint(fma(d, M_1_PI, -dqh));
    ql = toInt(dql);
    reduceFour(fma(dqh, -PI_A, d), dqh, dql, 1, false);
  } else {
    rempi(d);
    ql = ((R.q & 3) * 2 + (R.x > 0 ? 2 : 1)) >> 2;
    if ((R.q & 1) === 1) {
      ddadd2_d2_d2(R.x, R.y, mulsign(-PI_A2 * 0.5, R.x), mulsign(-PI_B2 * 0.5, R.x));
      ddnormalize(D.x, D.y);
    } else ddnormalize(R.x, R.y);
    if (isInfOrNaN(d)) D.x = NaN;
  }
  let u = sinPoly(D.x, D.y);
  if ((ql & 1) === 1) u = -u;
  return d === 0 ? d : u;
}

/** Sleef_cosd4_u10 on one lane of a vector in `band`. */
export function cos(d: number, band: TrigBand): number {
  let ql: number;
  if (band === 0) {
    const dql = fma(2, rint(fma(d, M_1_PI, -0.5)), 1);
    ql = toInt(dql);
    ddadd2_d_d(d, dql * (-PI_A2 * 0.5));
    ddadd_d2_d(D.x, D.y, dql * (-PI_B2 * 0.5));
  } else if (band === 1) {
    let dqh = Math.trunc(fma(d, M_1_PI / (1 << 23), -M_1_PI / (1 << 24)));
    ql = toInt(rint(d * M_1_PI + fma(dqh, -(1 << 23), -0.5)));
    dqh *= 1 << 24;
    ql = (ql + ql + 1) | 0;
    reduceFour(fma(dqh, -PI_A * 0.5, d), dqh, ql, 0.5, true);
  } else {
    rempi(d);
    ql = ((R.q & 3) * 2 + (R.x > 0 ? 8 : 7)) >> 1;
    if ((R.q & 1) === 0) {
      const y = R.x > 0 ? 0 : -1;
      ddadd2_d2_d2(R.x, R.y, mulsign(-PI_A2 * 0.5, y), mulsign(-PI_B2 * 0.5, y));
      ddnormalize(D.x, D.y);
    } else ddnormalize(R.x, R.y);
    if (isInfOrNaN(d)) D.x = NaN;
  }
  const u = sinPoly(D.x, D.y);
  return (ql & 2) === 0 ? -u : u;
}

const TAN_POLY = [
  0.3245098826639276316e-3, 0.5619219738114323735e-3, 0.1460781502402784494e-2, 0.3591611540792499519e-2,
  0.8863268409563113126e-2, 0.2186948728185535498e-1, 0.539682539951727297e-1, 0.1333333333330500581,
];

/** Sleef_tand4_u10 on one lane of a vector in `band`. */
export function tan(d: number, band: TrigBand): number {
  let ql: number;
  if (band === 0) {
    const dql = rint(d * (2 * M_1_PI));
    ql = toInt(dql);
    ddadd_d_d(fma(dql, -PI_A2 * 0.5, d), dql * (-PI_B2 * 0.5));
  } else if (band === 1) {
    const dqh = Math.trunc(d * ((2 * M_1_PI) / (1 << 24))) * (1 << 24);
    ddmul_d2_d(M_2_PI_H, M_2_PI_L, d);
    ddadd2_d2_d(D.x, D.y, (d < 0 ? -0.5 : 0.5) - dqh);
    const dql = Math.trunc(D.x + D.y);
    ql = toInt(dql);
    reduceFour(fma(dqh, -PI_A * 0.5, d), dqh, dql, 0.5, false);
  } else {
    rempi(d);
    ql = R.q;
    D.x = isInfOrNaN(d) ? NaN : R.x;
    D.y = isInfOrNaN(d) ? NaN : R.y;
  }
  const tx = D.x * 0.5;
  const ty = D.y * 0.5;
  ddsqu(tx, ty);
  const sx = D.x;
  const sy = D.y;
  const s2 = sx * sx;
  let u = poly8(sx, s2, s2 * s2, TAN_POLY);
  u = fma(u, sx, 0.3333333333333343695);
  ddmul_d2_d2(sx, sy, tx, ty);
  ddmul_d2_d(D.x, D.y, u);
  ddadd_d2_d2(tx, ty, D.x, D.y);
  const xx = D.x;
  const xy = D.y;
  ddsqu(xx, xy);
  ddadd_d_d2(-1, D.x, D.y);
  const yx = D.x;
  const yy = D.y;
  const x2x = xx * -2;
  const x2y = xy * -2;
  if ((ql & 1) === 1) dddiv(-yx, -yy, x2x, x2y);
  else dddiv(x2x, x2y, yx, yy);
  const r = D.x + D.y;
  return d === 0 ? d : r;
}
