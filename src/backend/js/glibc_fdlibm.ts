// glibc 2.36's fdlibm-derived double functions (sysdeps/ieee754/dbl-64: s_expm1.c, s_log1p.c, e_sinh.c,
// e_cosh.c), which PyTorch's scalar float64 paths call. glibc evaluates their polynomials in its own order
// (Estrin-like), and sinh and cosh call glibc's exp, so JavaScript's fdlibm ports round differently. Debian's
// glibc picks -mfma builds of expm1 and log1p on CPUs with FMA: the multiply-adds GCC contracts there (a product
// whose only uses are additions in the same block) are written out as fma.
import { exp } from "./glibc_d.js";
import { fma } from "./fma.js";

const word = new Float64Array(1);
const half = new Int32Array(word.buffer);
const highWord = (x: number): number => ((word[0] = x), half[1]);
const lowWord = (x: number): number => ((word[0] = x), half[0]);
function withHighWord(x: number, hi: number): number {
  word[0] = x;
  half[1] = hi | 0;
  return word[0];
}

const LN2_HI = 6.9314718036912381649e-1;
const LN2_LO = 1.90821492927058770002e-10;
const INV_LN2 = 1.442695040888963387;
const Q1 = -3.33333333333331316428e-2;
const Q2 = 1.58730158725481460165e-3;
const Q3 = -7.93650757867487942473e-5;
const Q4 = 4.00821782732936239552e-6;
const Q5 = -2.01099218183624371326e-7;

/** glibc's expm1. */
export function expm1(x: number): number {
  let hx = highWord(x);
  const negative = hx < 0;
  hx &= 0x7fffffff;
  if (hx >= 0x4043687a) {
    if (hx >= 0x40862e42) {
      if (hx >= 0x7ff00000) {
        if (((hx & 0xfffff) | lowWord(x)) !== 0) return x + x;
        return negative ? -1 : x;
      }
      if (x > 7.09782712893383973096e2) return Infinity;
    }
    if (negative) return 1e-300 - 1;
  }
  let k: number;
  let c = 0;
  if (hx > 0x3fd62e42) {
    let hi: number;
    let lo: number;
    if (hx < 0x3ff0a2b2) {
      hi = negative ? x + LN2_HI : x - LN2_HI;
      lo = negative ? -LN2_LO : LN2_LO;
      k = negative ? -1 : 1;
    } else {
      k = Math.trunc(fma(INV_LN2, x, negative ? -0.5 : 0.5));
      hi = fma(-k, LN2_HI, x);
      lo = k * LN2_LO;
    }
    x = hi - lo;
    c = hi - x - lo;
  } else if (hx < 0x3c900000) {
    return x;
  } else k = 0;
  const hfx = 0.5 * x;
  const hxs = x * hfx;
  const r1a = fma(hxs, Q1, 1);
  const h2 = hxs * hxs;
  const r2 = fma(hxs, Q3, Q2);
  const h4 = h2 * h2;
  const r3 = fma(hxs, Q5, Q4);
  const r1 = fma(h4, r3, fma(h2, r2, r1a));
  const t = fma(-r1, hfx, 3);
  let e = hxs * ((r1 - t) / fma(-x, t, 6));
  if (k === 0) return x - fma(x, e, -hxs);
  e = fma(x, e - c, -c);
  e -= hxs;
  if (k === -1) return fma(0.5, x - e, -0.5);
  if (k === 1) return x < -0.25 ? -2 * (e - (x + 0.5)) : fma(2, x - e, 1);
  if (k <= -2 || k > 56) {
    const y = 1 - (e - x);
    return withHighWord(y, highWord(y) + (k << 20)) - 1;
  }
  let y: number;
  if (k < 20) {
    const t1 = withHighWord(1, 0x3ff00000 - (0x200000 >> k));
    y = t1 - (e - x);
  } else {
    const t1 = withHighWord(1, (0x3ff - k) << 20);
    y = x - (e + t1);
    y += 1;
  }
  return withHighWord(y, highWord(y) + (k << 20));
}

const LP1 = 6.66666666666673513e-1;
const LP2 = 3.999999999940941908e-1;
const LP3 = 2.857142874366239149e-1;
const LP4 = 2.222219843214978396e-1;
const LP5 = 1.818357216161805012e-1;
const LP6 = 1.531383769920937332e-1;
const LP7 = 1.479819860511658591e-1;

/** glibc's log1p. */
export function log1p(x: number): number {
  const hx = highWord(x);
  const ax = hx & 0x7fffffff;
  let k = 1;
  let f = 0;
  let hu = 0;
  let c = 0;
  if (hx < 0x3fda827a) {
    if (ax >= 0x3ff00000) return x === -1 ? -Infinity : NaN;
    if (ax < 0x3e200000) return ax < 0x3c900000 ? x : fma(-(x * x), 0.5, x);
    if (hx > 0 || hx <= (0xbfd2bec3 | 0)) {
      k = 0;
      f = x;
      hu = 1;
    }
  } else if (hx >= 0x7ff00000) return x + x;
  if (k !== 0) {
    let u: number;
    if (hx < 0x43400000) {
      u = 1 + x;
      hu = highWord(u);
      k = (hu >> 20) - 1023;
      c = k > 0 ? 1 - (u - x) : x - (u - 1);
      c /= u;
    } else {
      u = x;
      hu = highWord(u);
      k = (hu >> 20) - 1023;
      c = 0;
    }
    hu &= 0x000fffff;
    if (hu < 0x6a09e) u = withHighWord(u, hu | 0x3ff00000);
    else {
      k += 1;
      u = withHighWord(u, hu | 0x3fe00000);
      hu = (0x00100000 - hu) >> 2;
    }
    f = u - 1;
  }
  const hfsq = 0.5 * f * f;
  if (hu === 0) {
    if (f === 0) return k === 0 ? 0 : fma(k, LN2_HI, fma(k, LN2_LO, c));
    const r = hfsq * fma(-0.66666666666666666, f, 1);
    return k === 0 ? f - r : fma(k, LN2_HI, -(r - fma(k, LN2_LO, c) - f));
  }
  const s = f / (2 + f);
  const z = s * s;
  const z2 = z * z;
  const r2 = fma(z, LP3, LP2);
  const z4 = z2 * z2;
  const r3 = fma(z, LP5, LP4);
  const z6 = z4 * z2;
  const r4 = fma(z, LP7, LP6);
  // z * LP1 comes first, so it is the product fused into the first addition.
  const r = fma(z6, r4, fma(z4, r3, fma(z, LP1, z2 * r2)));
  // s * (hfsq + r) has uses in two blocks: a plain product.
  const sr = s * (hfsq + r);
  if (k === 0) return f - (hfsq - sr);
  return fma(k, LN2_HI, -(hfsq - (sr + fma(k, LN2_LO, c)) - f));
}

/** glibc's sinh. */
export function sinh(x: number): number {
  const jx = highWord(x);
  const ix = jx & 0x7fffffff;
  if (ix >= 0x7ff00000) return x + x;
  const h = jx < 0 ? -0.5 : 0.5;
  if (ix < 0x40360000) {
    if (ix < 0x3e300000) return x;
    const t = expm1(Math.abs(x));
    if (ix < 0x3ff00000) return h * (2 * t - (t * t) / (t + 1));
    return h * (t + t / (t + 1));
  }
  if (ix < 0x40862e42) return h * exp(Math.abs(x));
  const lx = lowWord(x) >>> 0;
  if (ix < 0x408633ce || (ix === 0x408633ce && lx <= 0x8fb9f87d)) {
    const w = exp(0.5 * Math.abs(x));
    const t = h * w;
    return t * w;
  }
  return x * 1e307;
}

/** glibc's cosh. */
export function cosh(x: number): number {
  const ix = highWord(x) & 0x7fffffff;
  if (ix < 0x40360000) {
    if (ix < 0x3fd62e43) {
      if (ix < 0x3c800000) return 1;
      const t = expm1(Math.abs(x));
      const w = 1 + t;
      return 1 + (t * t) / (w + w);
    }
    const t = exp(Math.abs(x));
    return 0.5 * t + 0.5 / t;
  }
  if (ix < 0x40862e42) return 0.5 * exp(Math.abs(x));
  const ax = Math.abs(x);
  if (ax <= 710.4758600739439) {
    const w = exp(0.5 * ax);
    const t = 0.5 * w;
    return t * w;
  }
  if (ix >= 0x7ff00000) return x * x;
  return Infinity;
}
