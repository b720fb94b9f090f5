// glibc 2.36's inverse hyperbolic functions, which PyTorch 1.13's asinh/acosh/atanh kernels call on every
// element (cpu_kernel with std::asinh, no vectorized body): the fdlibm float code (s_asinhf.c, e_acoshf.c,
// e_atanhf.c) and double code (s_asinh.c, e_acosh.c, e_atanh.c), compiled without FMA, calling
// __ieee754_logf / __ieee754_log through x86-64's FMA ifunc and the fdlibm log1pf / log1p.
import { fma } from "./fma.js";
import { log1pf } from "./glibc_f.js";
import { log1p } from "./glibc_fdlibm.js";
import { glibcLog } from "./glibc_log.js";
import { asFloat, asInt, f } from "./sleef_df.js";

/** __logf_data.tab: (invc, logc) for each of the 16 subintervals. */
export const LOGF_TAB = [
  [0x1661ec79f8f3be / 2 ** 52, -0x157bf7808caade / 2 ** 54],
  [0x1571ed4aaf883d / 2 ** 52, -0x12bef0a7c06ddb / 2 ** 54],
  [0x149539f0f010b0 / 2 ** 52, -0x101eae7f513a67 / 2 ** 54],
  [0x13c995b0b80385 / 2 ** 52, -0x1b31d8a68224e9 / 2 ** 55],
  [0x130d190c8864a5 / 2 ** 52, -0x16574f0ac07758 / 2 ** 55],
  [0x125e227b0b8ea0 / 2 ** 52, -0x11aa2bc79c8100 / 2 ** 55],
  [0x11bb4a4a1a343f / 2 ** 52, -0x1a4e76ce8c0e5e / 2 ** 56],
  [0x112358f08ae5ba / 2 ** 52, -0x11973c5a611ccc / 2 ** 56],
  [0x10953f419900a7 / 2 ** 52, -0x1252f438e10c1e / 2 ** 57],
  [1, 0],
  [0x1e608cfd9a47ac / 2 ** 53, 0x1aa5aa5df25984 / 2 ** 57],
  [0x1ca4b31f026aa0 / 2 ** 53, 0x1c5e53aa362eb4 / 2 ** 56],
  [0x1b2036576afce6 / 2 ** 53, 0x1526e57720db08 / 2 ** 55],
  [0x19c2d163a1aa2d / 2 ** 53, 0x1bc2860d224770 / 2 ** 55],
  [0x1886e6037841ed / 2 ** 53, 0x11058bc8a07ee1 / 2 ** 54],
  [0x1767dcf5534862 / 2 ** 53, 0x14043057b6ee09 / 2 ** 54],
];
export const LOGF_LN2 = 0x162e42fefa39ef / 2 ** 53;
export const A0 = -0x100ea348b88334 / 2 ** 54;
export const A1 = 0x15575b0be00b6a / 2 ** 54;
export const A2 = -0x1ffffef20a4123 / 2 ** 54;
export const OFF = 0x3f330000;

/** glibc's logf (e_logf.c) as its FMA build computes it: double arithmetic, the multiply-adds fused. */
export function logf(x: number): number {
  let ix = asInt(x) >>> 0;
  if (ix === 0x3f800000) return 0;
  if ((ix - 0x00800000) >>> 0 >= 0x7f800000 - 0x00800000) {
    if ((ix << 1) >>> 0 === 0) return -Infinity;
    if (ix === 0x7f800000) return x;
    if (ix & 0x80000000 || (ix << 1) >>> 0 >= 0xff000000) return NaN;
    // A subnormal: normalize it.
    ix = (asInt(f(x * 2 ** 23)) >>> 0) - (23 << 23);
  }
  const tmp = (ix - OFF) >>> 0;
  const i = (tmp >>> (23 - 4)) % 16;
  const k = (tmp | 0) >> 23;
  const iz = (ix - ((tmp & (0x1ff << 23)) >>> 0)) >>> 0;
  const [invc, logc] = LOGF_TAB[i];
  const z = asFloat(iz | 0);
  const r = fma(z, invc, -1);
  const y0 = fma(k, LOGF_LN2, logc);
  const r2 = r * r;
  let y = fma(A1, r, A2);
  y = fma(A0, r2, y);
  y = fma(y, r2, y0 + r);
  return f(y);
}

const LN2F = f(6.9314718246e-1);

/** glibc's asinhf (s_asinhf.c). */
export function asinhf(x: number): number {
  const ix = asInt(x) & 0x7fffffff;
  if (ix < 0x38000000) return x;
  let w: number;
  if (ix > 0x47000000) {
    if (ix >= 0x7f800000) return x + x;
    w = f(logf(Math.abs(x)) + LN2F);
  } else {
    const xa = Math.abs(x);
    if (ix > 0x40000000) {
      w = logf(f(f(2 * xa) + f(1 / f(f(Math.sqrt(f(f(xa * xa) + 1))) + xa))));
    } else {
      const t = f(xa * xa);
      w = log1pf(f(xa + f(t / f(1 + f(Math.sqrt(f(1 + t)))))));
    }
  }
  return x < 0 || Object.is(x, -0) ? -Math.abs(w) : Math.abs(w);
}

/** glibc's acoshf (e_acoshf.c). */
export function acoshf(x: number): number {
  const hx = asInt(x);
  if (hx < 0x3f800000) return NaN;
  if (hx >= 0x4d800000) {
    if (hx >= 0x7f800000) return x + x;
    return f(logf(x) + LN2F);
  }
  if (hx === 0x3f800000) return 0;
  if (hx > 0x40000000) {
    const t = f(x * x);
    return logf(f(f(2 * x) - f(1 / f(x + f(Math.sqrt(f(t - 1)))))));
  }
  const t = f(x - 1);
  return log1pf(f(t + f(Math.sqrt(f(f(2 * t) + f(t * t))))));
}

/** glibc's atanhf (e_atanhf.c). */
export function atanhf(x: number): number {
  const xa = Math.abs(x);
  let t: number;
  if (xa < 0.5) {
    if (xa < 2 ** -28) return x;
    t = f(xa + xa);
    t = f(0.5 * log1pf(f(t + f(f(t * xa) / f(1 - xa)))));
  } else if (xa < 1) {
    t = f(0.5 * log1pf(f(f(xa + xa) / f(1 - xa))));
  } else {
    if (xa > 1) return NaN;
    if (Number.isNaN(xa)) return x;
    return x / 0;
  }
  return x < 0 || Object.is(x, -0) ? -t : t;
}

const LN2 = 6.93147180559945286227e-1;
const word = new DataView(new ArrayBuffer(8));
function highWord(x: number): number {
  word.setFloat64(0, x);
  return word.getInt32(0);
}

/** glibc's asinh (s_asinh.c). */
export function asinh(x: number): number {
  const ix = highWord(x) & 0x7fffffff;
  if (ix < 0x3e300000) return x;
  let w: number;
  if (ix > 0x41b00000) {
    if (ix >= 0x7ff00000) return x + x;
    w = glibcLog(Math.abs(x)) + LN2;
  } else {
    const xa = Math.abs(x);
    if (ix > 0x40000000) {
      w = glibcLog(2 * xa + 1 / (Math.sqrt(xa * xa + 1) + xa));
    } else {
      const t = xa * xa;
      w = log1p(xa + t / (1 + Math.sqrt(1 + t)));
    }
  }
  return x < 0 || Object.is(x, -0) ? -Math.abs(w) : Math.abs(w);
}

/** glibc's acosh (e_acosh.c, the 64-bit-word version). */
export function acosh(x: number): number {
  word.setFloat64(0, x);
  const hx = word.getBigInt64(0);
  if (hx > 0x4000000000000000n) {
    if (hx >= 0x41b0000000000000n) {
      if (hx >= 0x7ff0000000000000n) return x + x;
      return glibcLog(x) + LN2;
    }
    const t = x * x;
    return glibcLog(2 * x - 1 / (x + Math.sqrt(t - 1)));
  }
  if (hx > 0x3ff0000000000000n) {
    const t = x - 1;
    return log1p(t + Math.sqrt(2 * t + t * t));
  }
  if (hx === 0x3ff0000000000000n) return 0;
  return NaN;
}

/** glibc's atanh (e_atanh.c). */
export function atanh(x: number): number {
  const xa = Math.abs(x);
  let t: number;
  if (xa < 0.5) {
    if (xa < 2 ** -28) return x;
    t = xa + xa;
    t = 0.5 * log1p(t + (t * xa) / (1 - xa));
  } else if (xa < 1) {
    t = 0.5 * log1p((xa + xa) / (1 - xa));
  } else {
    if (xa > 1) return NaN;
    if (Number.isNaN(xa)) return x;
    return x / 0;
  }
  return x < 0 || Object.is(x, -0) ? -t : t;
}
