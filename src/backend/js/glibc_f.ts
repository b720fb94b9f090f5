// glibc 2.36's float32 libm functions that PyTorch's scalar loops call (std::exp, std::erf, std::log1p,
// std::cosh, std::sinh on a float: the tails of its vectorized kernels and its 0-dim results). expf is the
// x86-64 FMA build that glibc picks on AVX2 machines (double arithmetic, fused as GCC contracts it); the others
// are the fdlibm float code, compiled without FMA.
import { fma } from "./fma.js";
import { asFloat, asInt, f } from "./sleef_df.js";

/** __exp2f_data.tab: bits of 2^(i/32) - (i << 47), which expf and powf (glibc_powf.ts) share. */
export const TAB = [
  0x3ff0000000000000n,
  0x3fefd9b0d3158574n,
  0x3fefb5586cf9890fn,
  0x3fef9301d0125b51n,
  0x3fef72b83c7d517bn,
  0x3fef54873168b9aan,
  0x3fef387a6e756238n,
  0x3fef1e9df51fdee1n,
  0x3fef06fe0a31b715n,
  0x3feef1a7373aa9cbn,
  0x3feedea64c123422n,
  0x3feece086061892dn,
  0x3feebfdad5362a27n,
  0x3feeb42b569d4f82n,
  0x3feeab07dd485429n,
  0x3feea47eb03a5585n,
  0x3feea09e667f3bcdn,
  0x3fee9f75e8ec5f74n,
  0x3feea11473eb0187n,
  0x3feea589994cce13n,
  0x3feeace5422aa0dbn,
  0x3feeb737b0cdc5e5n,
  0x3feec49182a3f090n,
  0x3feed503b23e255dn,
  0x3feee89f995ad3adn,
  0x3feeff76f2fb5e47n,
  0x3fef199bdd85529cn,
  0x3fef3720dcef9069n,
  0x3fef5818dcfba487n,
  0x3fef7c97337b9b5fn,
  0x3fefa4afa2a490dan,
  0x3fefd0765b6e4540n,
];
/** 2^(i/32): __exp2f_data.tab[i] + (i << 47) as doubles. */
const EXP2 = Float64Array.from(TAB, (t, i) => {
  const w = new BigInt64Array([t + (BigInt(i) << 47n)]);
  return new Float64Array(w.buffer)[0];
});
/** A C hex float literal 0x<int>.<frac>p<e>. */
function hexFloat(int: string, frac: string, e: number): number {
  return parseInt(int + frac, 16) * 2 ** (e - 4 * frac.length);
}
const N = 32;
const INV_LN2N = hexFloat("1", "71547652b82fe", 0) * N;
const SHIFT = hexFloat("1", "8", 52);
const C0 = hexFloat("1", "c6af84b912394", -5) / N / N / N;
const C1 = hexFloat("1", "ebfce50fac4f3", -3) / N / N;
const C2 = hexFloat("1", "62e42ff0c52d6", -1) / N;
const OFLOW = hexFloat("1", "62e42e", 6);
const UFLOW = -hexFloat("1", "9fe368", 6);
const MAY_UFLOW = -hexFloat("1", "9d1d9e", 6);

/** glibc's expf (e_expf.c, the -mfma build). */
export function expf(x: number): number {
  const abstop = (asInt(x) >>> 20) & 0x7ff;
  if (abstop >= 0x42b) {
    // |x| >= 88 or NaN
    if (x === -Infinity) return 0;
    if (abstop >= 0x7f8) return x + x;
    if (x > OFLOW) return Infinity;
    if (x < UFLOW) return 0;
    if (x < MAY_UFLOW) return 2 ** -149; // __math_may_uflowf: 0x1.4p-75f squared
  }
  // The multiply by InvLn2N fuses into both of its uses.
  const kd = fma(INV_LN2N, x, SHIFT) - SHIFT;
  const r = fma(INV_LN2N, x, -kd);
  const s = EXP2[kd & 31] * 2 ** Math.floor(kd / 32);
  const z = fma(C0, r, C1);
  let y = fma(C2, r, 1);
  y = fma(z, r * r, y);
  return f(y * s);
}

// s_expm1f.c
const O_THRESHOLD = f(8.8721679688e1);
const LN2_HI = f(6.9313812256e-1);
const LN2_LO = f(9.0580006145e-6);
const INVLN2 = f(1.4426950216);
const Q1 = f(-3.3333335072e-2);
const Q2 = f(1.5873016091e-3);
const Q3 = f(-7.936507609e-5);
const Q4 = f(4.0082177293e-6);
const Q5 = f(-2.0109921195e-7);
const HUGE = f(1e30);
const TINY = f(1e-30);

/** glibc's expm1f. */
export function expm1f(x: number): number {
  const word = asInt(x);
  const negative = word < 0;
  const hx = word & 0x7fffffff;
  if (hx >= 0x4195b844) {
    if (hx >= 0x42b17218) {
      if (hx > 0x7f800000) return x + x;
      if (hx === 0x7f800000) return negative ? -1 : x;
      if (x > O_THRESHOLD) return Infinity;
    }
    if (negative) return f(TINY - 1);
  }
  let k: number;
  let c = 0;
  if (hx > 0x3eb17218) {
    let hi: number;
    let lo: number;
    if (hx < 0x3f851592) {
      hi = negative ? f(x + LN2_HI) : f(x - LN2_HI);
      lo = negative ? -LN2_LO : LN2_LO;
      k = negative ? -1 : 1;
    } else {
      k = Math.trunc(f(f(INVLN2 * x) + (negative ? -0.5 : 0.5)));
      hi = f(x - f(k * LN2_HI));
      lo = f(k * LN2_LO);
    }
    x = f(hi - lo);
    c = f(f(hi - x) - lo);
  } else if (hx < 0x33000000) {
    const t = f(HUGE + x);
    return f(x - f(t - f(HUGE + x)));
  } else k = 0;
  const hfx = f(0.5 * x);
  const hxs = f(x * hfx);
  const r1 = f(1 + f(hxs * f(Q1 + f(hxs * f(Q2 + f(hxs * f(Q3 + f(hxs * f(Q4 + f(hxs * Q5))))))))));
  let t = f(3 - f(r1 * hfx));
  let e = f(hxs * f(f(r1 - t) / f(6 - f(x * t))));
  if (k === 0) return f(x - f(f(x * e) - hxs));
  e = f(f(x * f(e - c)) - c);
  e = f(e - hxs);
  if (k === -1) return f(f(0.5 * f(x - e)) - 0.5);
  if (k === 1) return x < -0.25 ? f(-2 * f(e - f(x + 0.5))) : f(1 + f(2 * f(x - e)));
  let y: number;
  if (k <= -2 || k > 56) {
    y = f(1 - f(e - x));
    return f(asFloat((asInt(y) + (k << 23)) | 0) - 1);
  }
  if (k < 23) {
    t = asFloat(0x3f800000 - (0x1000000 >> k));
    y = f(t - f(e - x));
  } else {
    t = asFloat((0x7f - k) << 23);
    y = f(f(x - f(e + t)) + 1);
  }
  return asFloat((asInt(y) + (k << 23)) | 0);
}

/** glibc's coshf (e_coshf.c). */
export function coshf(x: number): number {
  const ix = asInt(x) & 0x7fffffff;
  const ax = Math.abs(x);
  if (ix < 0x41b00000) {
    if (ix < 0x3eb17218) {
      if (ix < 0x24000000) return 1;
      const t = expm1f(ax);
      const w = f(1 + t);
      return f(1 + f(f(t * t) / f(w + w)));
    }
    const t = expf(ax);
    return f(f(0.5 * t) + f(0.5 / t));
  }
  if (ix < 0x42b17180) return f(0.5 * expf(ax));
  if (ix <= 0x42b2d4fc) {
    const w = expf(f(0.5 * ax));
    return f(f(0.5 * w) * w);
  }
  if (ix >= 0x7f800000) return f(x * x);
  return Infinity;
}

/** glibc's sinhf (e_sinhf.c). */
export function sinhf(x: number): number {
  const jx = asInt(x);
  const ix = jx & 0x7fffffff;
  if (ix >= 0x7f800000) return x + x;
  const h = jx < 0 ? -0.5 : 0.5;
  const ax = Math.abs(x);
  if (ix < 0x41b00000) {
    if (ix < 0x31800000) return x;
    const t = expm1f(ax);
    if (ix < 0x3f800000) return f(h * f(f(2 * t) - f(f(t * t) / f(t + 1))));
    return f(h * f(t + f(t / f(t + 1))));
  }
  if (ix < 0x42b17180) return f(h * expf(ax));
  if (ix <= 0x42b2d4fc) {
    const w = expf(f(0.5 * ax));
    return f(f(h * w) * w);
  }
  return f(x * f(1e37));
}

const hexf = (bits: number): number => asFloat(bits);
// s_erff.c's coefficients, from their bit patterns.
const ERX = hexf(0x3f58560b);
const EFX = hexf(0x3e0375d4);
const PP = [0x3e0375d4, 0xbea66beb, 0xbce9528f, 0xbbbd1489, 0xb7c756b1].map(hexf);
const QQ = [0, 0x3ecbbbce, 0x3d852a63, 0x3ba68116, 0x390aee49, 0xb684e21a].map(hexf);
const PA = [0xbb1acdc6, 0x3ed46805, 0xbebe9208, 0x3ea2fe54, 0xbde31cc2, 0x3d1151b3, 0xbb0df9c0].map(hexf);
const QA = [0, 0x3dd9f331, 0x3f0a5785, 0x3d931ae7, 0x3e013307, 0x3c5f6e13, 0x3c445aa3].map(hexf);
const RA = [
  0xbc21a093, 0xbf31a0b7, 0xc128f022, 0xc2798057, 0xc322658c, 0xc3389ae7, 0xc2a2932b, 0xc11d077e,
].map(hexf);
const SA = [
  0, 0x419d35ce, 0x4309a863, 0x43d9486f, 0x442158c9, 0x43d6810b, 0x42d9451f, 0x40d23f7c, 0xbd777f97,
].map(hexf);
const RB = [0xbc21a092, 0xbf4c9dd4, 0xc18e104b, 0xc320a2ea, 0xc41f6441, 0xc480230b, 0xc3f1c275].map(hexf);
const SB = [0, 0x41f2b459, 0x43a2e571, 0x44c01759, 0x4547fdbb, 0x451f90ce, 0x43ed43a7, 0xc1b38712].map(hexf);

/** c[0] + s*(c[1] + s*(... + s*c[n])) in float, innermost first as fdlibm writes it. */
function horner(c: readonly number[], s: number, from = 0): number {
  let acc = c[c.length - 1];
  for (let i = c.length - 2; i >= from; i--) acc = f(c[i] + f(s * acc));
  return acc;
}

/** 1 + s*(c[1] + s*(... )): fdlibm's denominators, whose constant term is one. */
const denominator = (c: readonly number[], s: number): number => f(1 + f(s * horner(c, s, 1)));

/** glibc's erff (s_erff.c). */
export function erff(x: number): number {
  const hx = asInt(x);
  const ix = hx & 0x7fffffff;
  if (ix >= 0x7f800000) return f((hx < 0 ? -1 : 1) + f(1 / x));
  if (ix < 0x3f580000) {
    if (ix < 0x31800000) {
      if (ix < 0x04000000) return f(0.0625 * f(f(16 * x) + f(f(16 * EFX) * x)));
      return f(x + f(EFX * x));
    }
    const z = f(x * x);
    const r = horner(PP, z);
    const s = denominator(QQ, z);
    const y = f(r / s);
    return f(x + f(x * y));
  }
  if (ix < 0x3fa00000) {
    const s = f(Math.abs(x) - 1);
    const p = horner(PA, s);
    const q = denominator(QA, s);
    return hx >= 0 ? f(ERX + f(p / q)) : f(-ERX - f(p / q));
  }
  if (ix >= 0x40c00000) return hx >= 0 ? f(1 - TINY) : f(TINY - 1);
  const ax = Math.abs(x);
  const s = f(1 / f(ax * ax));
  const big = ix >= 0x4036db6e;
  const R = horner(big ? RB : RA, s);
  const S = denominator(big ? SB : SA, s);
  const z = asFloat(asInt(ax) & 0xfffff000);
  const r = f(expf(f(f(-z * z) - 0.5625)) * expf(f(f(f(z - ax) * f(z + ax)) + f(R / S))));
  return hx >= 0 ? f(1 - f(r / ax)) : f(f(r / ax) - 1);
}

/** glibc's erfcf (s_erff.c): 1 - erf(x) without the cancellation (Math.h's log_ndtr calls it for floats). */
export function erfcf(x: number): number {
  const hx = asInt(x);
  const ix = hx & 0x7fffffff;
  if (ix >= 0x7f800000) return f((hx < 0 ? 2 : 0) + f(1 / x));
  if (ix < 0x3f580000) {
    if (ix < 0x23800000) return f(1 - x);
    const z = f(x * x);
    const y = f(horner(PP, z) / denominator(QQ, z));
    if (hx < 0x3e800000) return f(1 - f(x + f(x * y)));
    return f(0.5 - f(f(x * y) + f(x - 0.5)));
  }
  if (ix < 0x3fa00000) {
    const s = f(Math.abs(x) - 1);
    const pq = f(horner(PA, s) / denominator(QA, s));
    return hx >= 0 ? f(f(1 - ERX) - pq) : f(1 + f(ERX + pq));
  }
  if (ix < 0x41e00000) {
    const ax = Math.abs(x);
    const s = f(1 / f(ax * ax));
    if (hx < 0 && ix >= 0x40c00000) return f(2 - TINY);
    const big = ix >= 0x4036db6d;
    const R = horner(big ? RB : RA, s);
    const S = denominator(big ? SB : SA, s);
    const z = asFloat(asInt(ax) & 0xfffff000);
    const r = f(expf(f(f(-z * z) - 0.5625)) * expf(f(f(f(z - ax) * f(z + ax)) + f(R / S))));
    return hx > 0 ? f(r / ax) : f(2 - f(r / ax));
  }
  return hx > 0 ? 0 : f(2 - TINY);
}

// s_log1pf.c
const LP = [0, 0x3f2aaaab, 0x3ecccccd, 0x3e924925, 0x3e638e29, 0x3e3a3325, 0x3e1cd04f, 0x3e178897].map(hexf);
const LN2_HI_L = hexf(0x3f317180);
const LN2_LO_L = hexf(0x3717f7d1);

/** glibc's log1pf. */
export function log1pf(x: number): number {
  const hx = asInt(x);
  const ax = hx & 0x7fffffff;
  let k = 1;
  let fr = 0;
  let hu = 0;
  let c = 0;
  if (hx < 0x3ed413d7) {
    if (ax >= 0x3f800000) return x === -1 ? -Infinity : NaN;
    if (ax < 0x31000000) {
      if (ax < 0x24800000) return x;
      return f(x - f(f(x * x) * 0.5));
    }
    if (hx > 0 || hx <= (0xbe95f61f | 0)) {
      k = 0;
      fr = x;
      hu = 1;
    }
  }
  if (hx >= 0x7f800000) return x + x;
  if (k !== 0) {
    let u: number;
    if (hx < 0x5a000000) {
      u = f(1 + x);
      hu = asInt(u);
      k = (hu >> 23) - 127;
      c = k > 0 ? f(1 - f(u - x)) : f(x - f(u - 1));
      c = f(c / u);
    } else {
      u = x;
      hu = asInt(u);
      k = (hu >> 23) - 127;
      c = 0;
    }
    hu &= 0x007fffff;
    if (hu < 0x3504f7) {
      u = asFloat(hu | 0x3f800000);
    } else {
      k += 1;
      u = asFloat(hu | 0x3f000000);
      hu = (0x00800000 - hu) >> 2;
    }
    fr = f(u - 1);
  }
  const hfsq = f(f(0.5 * fr) * fr);
  if (hu === 0) {
    if (fr === 0) {
      if (k === 0) return 0;
      c = f(c + f(k * LN2_LO_L));
      return f(f(k * LN2_HI_L) + c);
    }
    const R = f(hfsq * f(1 - f(f(0.66666666666666666) * fr)));
    if (k === 0) return f(fr - R);
    return f(f(k * LN2_HI_L) - f(f(R - f(f(k * LN2_LO_L) + c)) - fr));
  }
  const s = f(fr / f(2 + fr));
  const z = f(s * s);
  const R = f(z * horner(LP, z, 1));
  if (k === 0) return f(fr - f(hfsq - f(s * f(hfsq + R))));
  return f(f(k * LN2_HI_L) - f(f(hfsq - f(f(s * f(hfsq + R)) + f(f(k * LN2_LO_L) + c))) - fr));
}
