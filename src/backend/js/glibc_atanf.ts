// glibc 2.36's float32 atanf and atan2f (the fdlibm float code of sysdeps/ieee754/flt-32, compiled without
// FMA): std::atan2 on floats, which PyTorch's atan2 kernel calls on the scalar tail of its vectorized loop.
import { asInt, f } from "./sleef_df.js";

const ATAN_HI = [4.6364760399e-1, 7.8539812565e-1, 9.8279368877e-1, 1.5707962513].map(f);
const ATAN_LO = [5.012158244e-9, 3.7748947079e-8, 3.447321717e-8, 7.5497894159e-8].map(f);
const AT = [
  3.3333334327e-1, -2.0000000298e-1, 1.4285714924e-1, -1.1111110449e-1, 9.0908870101e-2, -7.6918758452e-2,
  6.6610731184e-2, -5.8335702866e-2, 4.9768779427e-2, -3.6531571299e-2, 1.6285819933e-2,
].map(f);

/** glibc's __atanf (s_atanf.c). */
export function atanf(x: number): number {
  const hx = asInt(x);
  const ix = hx & 0x7fffffff;
  if (ix >= 0x4c000000) {
    if (ix > 0x7f800000) return x;
    return hx > 0 ? f(ATAN_HI[3] + ATAN_LO[3]) : f(-ATAN_HI[3] - ATAN_LO[3]);
  }
  let id: number;
  if (ix < 0x3ee00000) {
    if (ix < 0x31000000) return x;
    id = -1;
  } else {
    x = Math.abs(x);
    if (ix < 0x3f980000) {
      if (ix < 0x3f300000) {
        id = 0;
        x = f(f(f(2 * x) - 1) / f(2 + x));
      } else {
        id = 1;
        x = f(f(x - 1) / f(x + 1));
      }
    } else if (ix < 0x401c0000) {
      id = 2;
      x = f(f(x - 1.5) / f(1 + f(1.5 * x)));
    } else {
      id = 3;
      x = f(-1 / x);
    }
  }
  const z = f(x * x);
  const w = f(z * z);
  const odd = (terms: number[]): number => terms.reduceRight((acc, c) => f(c + f(w * acc)));
  const s1 = f(z * odd([AT[0], AT[2], AT[4], AT[6], AT[8], AT[10]]));
  const s2 = f(w * odd([AT[1], AT[3], AT[5], AT[7], AT[9]]));
  if (id < 0) return f(x - f(x * f(s1 + s2)));
  const r = f(ATAN_HI[id] - f(f(f(x * f(s1 + s2)) - ATAN_LO[id]) - x));
  return hx < 0 ? -r : r;
}

const PI_O_4 = f(7.8539818525e-1);
const PI_O_2 = f(1.5707963705);
const PI = f(3.141592741);
const PI_LO = f(-8.7422776573e-8);

/** glibc's __ieee754_atan2f (e_atan2f.c); the `+ tiny` of its exact results only raises inexact. */
export function atan2f(y: number, x: number): number {
  const hx = asInt(x);
  const hy = asInt(y);
  const ix = hx & 0x7fffffff;
  const iy = hy & 0x7fffffff;
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  if (hx === 0x3f800000) return atanf(y);
  const m = ((hy >>> 31) & 1) | ((hx >>> 30) & 2);
  const negative = (m & 1) === 1;
  if (iy === 0) return m < 2 ? y : negative ? -PI : PI;
  if (ix === 0) return negative ? -PI_O_2 : PI_O_2;
  if (ix === 0x7f800000) {
    const r = iy === 0x7f800000 ? (m < 2 ? PI_O_4 : f(3 * PI_O_4)) : m < 2 ? 0 : PI;
    return negative ? -r : r;
  }
  if (iy === 0x7f800000) return negative ? -PI_O_2 : PI_O_2;
  const k = (iy - ix) >> 23;
  let z: number;
  if (k > 60) z = f(PI_O_2 + f(0.5 * PI_LO));
  else if (hx < 0 && k < -60) z = 0;
  else z = atanf(Math.abs(f(y / x)));
  switch (m) {
    case 0:
      return z;
    case 1:
      return -z;
    case 2:
      return f(PI - f(z - PI_LO));
    default:
      return f(f(z - PI_LO) - PI);
  }
}
