// SLEEF 3.5's float64 asin, acos, atan and atan2 as its AVX2 build (Sleef_*d4_u10, FMA) computes each lane (xasin_u1,
// xacos_u1, xatan_u1, xatan2_u1 with atan2k_u1 of sleefsimddp.c), which PyTorch's Vectorized<double> calls.
import {
  D,
  ddadd_d2_d,
  ddadd_d2_d2,
  ddadd_d_d,
  dddiv,
  ddmul_d2_d,
  ddmul_d2_d2,
  ddnormalize,
  ddsqrt_d,
  ddsqu,
  ddsub_d2_d,
  ddsub_d2_d2,
  fma,
  mulsign,
  poly12,
  poly16,
  signbit,
} from "./sleef_dd.js";

const ASIN_POLY = [
  0.3161587650653934628e-1, -0.1581918243329996643e-1, 0.1929045477267910674e-1, 0.660607747627717061e-2,
  0.1215360525577377331e-1, 0.1388715184501609218e-1, 0.1735956991223614604e-1, 0.2237176181932048341e-1,
  0.3038195928038132237e-1, 0.4464285681377102438e-1, 0.7500000000378581611e-1, 0.1666666666666497543,
];

/** The shared start of asin and acos: x (a pair, into D) and u with asin(|d|) = x + u for |d| < 0.5. */
function arcsinCore(d: number): { small: boolean; x2: number; u: number; xx: number; xy: number } {
  const a = Math.abs(d);
  const small = a < 0.5;
  const x2 = small ? d * d : (1 - a) * 0.5;
  let xx: number;
  let xy: number;
  if (small) {
    xx = a;
    xy = 0;
  } else {
    ddsqrt_d(x2);
    xx = D.x;
    xy = D.y;
  }
  if (a === 1) {
    xx = 0;
    xy = 0;
  }
  const x4 = x2 * x2;
  const x8 = x4 * x4;
  const u = poly12(x2, x4, x8, x8 * x8, ASIN_POLY) * (x2 * xx);
  return { small, x2, u, xx, xy };
}

/** Sleef_asind4_u10 on one lane. */
export function asin(d: number): number {
  const { small, u, xx, xy } = arcsinCore(d);
  let r: number;
  if (small) r = u + xx;
  else {
    ddsub_d2_d2(3.141592653589793116 / 4, 1.2246467991473532072e-16 / 4, xx, xy);
    ddsub_d2_d(D.x, D.y, u);
    r = (D.x + D.y) * 2;
  }
  return mulsign(r, d);
}

/** Sleef_acosd4_u10 on one lane. */
export function acos(d: number): number {
  const { small, u, xx, xy } = arcsinCore(d);
  let yx: number;
  let yy: number;
  if (small) {
    ddadd_d_d(mulsign(xx, d), mulsign(u, d));
    ddsub_d2_d2(3.141592653589793116 / 2, 1.2246467991473532072e-16 / 2, D.x, D.y);
    yx = D.x;
    yy = D.y;
  } else {
    ddadd_d2_d(xx, xy, u);
    yx = D.x * 2;
    yy = D.y * 2;
    if (d < 0) {
      ddsub_d2_d2(3.141592653589793116, 1.2246467991473532072e-16, yx, yy);
      yx = D.x;
      yy = D.y;
    }
  }
  return yx + yy;
}

const ATAN_POLY = [
  1.06298484191448746607415e-5, -0.000125620649967286867384336, 0.00070557664296393412389774,
  -0.00251865614498713360352999, 0.00646262899036991172313504, -0.0128281333663399031014274,
  0.0208024799924145797902497, -0.0289002344784740315686289, 0.0359785005035104590853656,
  -0.041848579703592507506027, 0.0470843011653283988193763, -0.0524914210588448421068719,
  0.0587946590969581003860434, -0.0666620884778795497194182, 0.0769225330296203768654095,
  -0.0909090442773387574781907,
];

/**
 * atan2k_u1((y, 0), (x, 0)) for y >= 0, into D: a negative x is reflected (q = -2), and the quotient is kept at
 * most 1 in magnitude by a quarter turn (q + 1).
 */
function atan2k(y: number, x: number): void {
  let q = x < 0 ? -2 : 0;
  const xx = x < 0 ? -x : x;
  const xy = x < 0 ? -0 : 0;
  let sx: number;
  let sy: number;
  if (xx < y) {
    q += 1;
    dddiv(-xx, -xy, y, 0);
  } else dddiv(y, 0, xx, xy);
  sx = D.x;
  sy = D.y;
  ddsqu(sx, sy);
  ddnormalize(D.x, D.y);
  const tx = D.x;
  const ty = D.y;
  const t2 = tx * tx;
  const t4 = t2 * t2;
  let u = poly16(tx, t2, t4, t4 * t4, ATAN_POLY);
  u = fma(u, tx, 0.111111108376896236538123);
  u = fma(u, tx, -0.142857142756268568062339);
  u = fma(u, tx, 0.199999999997977351284817);
  u = fma(u, tx, -0.333333333333317605173818);
  ddmul_d2_d2(sx, sy, tx, ty);
  ddmul_d2_d(D.x, D.y, u);
  ddadd_d2_d2(sx, sy, D.x, D.y);
  sx = D.x;
  sy = D.y;
  ddmul_d2_d(1.570796326794896557998982, 6.12323399573676603586882e-17, q);
  ddadd_d2_d2(D.x, D.y, sx, sy);
}

/** Sleef_atand4_u10 on one lane. */
export function atan(d: number): number {
  atan2k(Math.abs(d), 1);
  let r = D.x + D.y;
  if (d === Infinity || d === -Infinity) r = 1.570796326794896557998982;
  return mulsign(r, d);
}

/** visinf2_vd_vd_vd: m with d's sign bit or'ed in where d is infinite, +0 elsewhere. */
function infSign(d: number, m: number): number {
  if (Math.abs(d) !== Infinity) return 0;
  return d < 0 ? -Math.abs(m) : m;
}

/** Below this |x| (nexttoward(1 / DBL_MAX, 1)) xatan2_u1 scales both operands by 2^53 first. */
const ATAN2_TINY = 5.5626846462680083984e-309;

/** Sleef_atan2d4_u10 on one lane (xatan2_u1). */
export function atan2(y: number, x: number): number {
  if (Math.abs(x) < ATAN2_TINY) {
    x *= 2 ** 53;
    y *= 2 ** 53;
  }
  atan2k(Math.abs(y), x);
  let r = mulsign(D.x + D.y, x);
  if (Math.abs(x) === Infinity || x === 0) r = Math.PI / 2 - infSign(x, mulsign(Math.PI / 2, x));
  if (Math.abs(y) === Infinity) r = Math.PI / 2 - infSign(x, mulsign(Math.PI / 4, x));
  if (y === 0) r = signbit(x) ? Math.PI : 0;
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  return mulsign(r, y);
}
