// glibc 2.36's powf (sysdeps/ieee754/flt-32/e_powf.c, ARM's optimized-routines algorithm) in the variant x86-64
// glibc runs on CPUs with FMA: std::pow(float, float), the scalar path of PyTorch's float32 pow_tensor_tensor_kernel
// (0-dim operands and the tail after its vector blocks). log2(x) from a 16-entry table and a polynomial, then
// exp2(y log2 x) from __exp2f_data's table (shared with expf, glibc_f.ts), in double arithmetic with the
// multiply-adds fused as GCC contracts them. It is not correctly rounded (0.82 ulp): the double pow rounded to
// float differs from it on about 1 value in 1500.
import { fma } from "./fma.js";
import { TAB } from "./glibc_f.js";
import { asFloat, asInt, f } from "./sleef_df.js";

/** A C hex float 0x1.<frac>p<e> (13 hex digits or fewer). */
const hex1 = (frac: string, e: number): number => parseInt(`1${frac.padEnd(13, "0")}`, 16) * 2 ** (e - 52);

/** __powf_log2_data.tab: (invc, logc) for each of the 16 subintervals (POWF_SCALE is 1 on x86-64). */
const LOG2_TAB: readonly (readonly [number, number])[] = [
  [hex1("661ec79f8f3be", 0), -hex1("efec65b963019", -2)],
  [hex1("571ed4aaf883d", 0), -hex1("b0b6832d4fca4", -2)],
  [hex1("49539f0f010b", 0), -hex1("7418b0a1fb77b", -2)],
  [hex1("3c995b0b80385", 0), -hex1("39de91a6dcf7b", -2)],
  [hex1("30d190c8864a5", 0), -hex1("01d9bf3f2b631", -2)],
  [hex1("25e227b0b8ea", 0), -hex1("97c1d1b3b7af", -3)],
  [hex1("1bb4a4a1a343f", 0), -hex1("2f9e393af3c9f", -3)],
  [hex1("12358f08ae5ba", 0), -hex1("960cbbf788d5c", -4)],
  [hex1("0953f419900a7", 0), -hex1("a6f9db6475fce", -5)],
  [1, 0],
  [hex1("e608cfd9a47ac", -1), hex1("338ca9f24f53d", -4)],
  [hex1("ca4b31f026aa", -1), hex1("476a9543891ba", -3)],
  [hex1("b2036576afce6", -1), hex1("e840b4ac4e4d2", -3)],
  [hex1("9c2d163a1aa2d", -1), hex1("40645f0c6651c", -2)],
  [hex1("886e6037841ed", -1), hex1("88e9c2c1b9ff8", -2)],
  [hex1("767dcf5534862", -1), hex1("ce0a44eb17bcc", -2)],
];
const A0 = hex1("27616c9496e0b", -2);
const A1 = -hex1("71969a075c67a", -2);
const A2 = hex1("ec70a6ca7badd", -2);
const A3 = -hex1("7154748bef6c8", -1);
const A4 = hex1("71547652ab82b", 0);
const OFF = 0x3f330000;

/** __exp2f_data.poly and shift_scaled (0x1.8p52 / 32). */
const C0 = hex1("c6af84b912394", -5);
const C1 = hex1("ebfce50fac4f3", -3);
const C2 = hex1("62e42ff0c52d6", -1);
const SHIFT = 1.5 * 2 ** 47;
const SIGN_BIAS = 1 << 16;
/** TAB's high and low words. */
const TAB_HI = Uint32Array.from(TAB, (t) => Number(t >> 32n));
const TAB_LO = Uint32Array.from(TAB, (t) => Number(t & 0xffffffffn));

const scratch = new Float64Array(1);
const words = new Uint32Array(scratch.buffer);

function log2Inline(ix: number): number {
  const tmp = (ix - OFF) >>> 0;
  const i = (tmp >>> 19) % 16;
  const top = (tmp & 0xff800000) >>> 0;
  const iz = (ix - top) >>> 0;
  const k = (top | 0) >> 23;
  const [invc, logc] = LOG2_TAB[i];
  const z = asFloat(iz | 0);
  const r = fma(z, invc, -1);
  const y0 = logc + k;
  const r2 = r * r;
  let y = fma(A0, r, A1);
  const p = fma(A2, r, A3);
  const r4 = r2 * r2;
  let q = fma(A4, r, y0);
  q = fma(p, r2, q);
  y = fma(y, r4, q);
  return y;
}

function exp2Inline(xd: number, signBias: number): number {
  let kd = xd + SHIFT;
  scratch[0] = kd;
  const ki = words[0];
  kd -= SHIFT;
  const r = xd - kd;
  const i = ki % 32;
  // t = tab[ki % N] + ((ki + sign_bias) << 47): only the low 17 bits of ki + sign_bias reach the high word.
  words[0] = TAB_LO[i];
  words[1] = (TAB_HI[i] + ((((ki + signBias) & 0x1ffff) << 15) >>> 0)) >>> 0;
  const s = scratch[0];
  const z = fma(C0, r, C1);
  const r2 = r * r;
  let y = fma(C2, r, 1);
  y = fma(z, r2, y);
  return y * s;
}

/** 0 if not an integer, 1 if odd, 2 if even; iy: the bits of a non-zero finite float. */
function checkint(iy: number): number {
  const e = (iy >>> 23) & 0xff;
  if (e < 0x7f) return 0;
  if (e > 0x7f + 23) return 2;
  if (iy & ((1 << (0x7f + 23 - e)) - 1)) return 0;
  if (iy & (1 << (0x7f + 23 - e))) return 1;
  return 2;
}

const zeroinfnan = (i: number): boolean => (2 * i - 1) >>> 0 >= 2 * 0x7f800000 - 1;

/** glibc's powf of two floats. */
export function powf(x: number, y: number): number {
  let signBias = 0;
  let ix = asInt(x) >>> 0;
  const iy = asInt(y) >>> 0;
  if ((ix - 0x00800000) >>> 0 >= 0x7f800000 - 0x00800000 || zeroinfnan(iy)) {
    if (zeroinfnan(iy)) {
      if ((2 * iy) >>> 0 === 0) return 1;
      if (ix === 0x3f800000) return 1;
      if ((2 * ix) >>> 0 > 2 * 0x7f800000 || (2 * iy) >>> 0 > 2 * 0x7f800000) return x + y;
      if ((2 * ix) >>> 0 === 2 * 0x3f800000) return 1;
      if ((2 * ix) >>> 0 < 2 * 0x3f800000 === !(iy & 0x80000000)) return 0;
      return f(y * y);
    }
    if (zeroinfnan(ix)) {
      let x2 = f(x * x);
      if (ix & 0x80000000 && checkint(iy) === 1) x2 = -x2;
      return iy & 0x80000000 ? f(1 / x2) : x2;
    }
    if (ix & 0x80000000) {
      const yint = checkint(iy);
      if (yint === 0) return NaN;
      if (yint === 1) signBias = SIGN_BIAS;
      ix = (ix & 0x7fffffff) >>> 0;
    }
    if (ix < 0x00800000) {
      // A subnormal x: normalized, so its biased exponent goes negative.
      ix = (((asInt(f(x * 2 ** 23)) & 0x7fffffff) - (23 << 23)) >>> 0) >>> 0;
    }
  }
  const ylogx = y * log2Inline(ix);
  scratch[0] = ylogx;
  if (((words[1] >>> 15) & 0xffff) >= 0x80bf) {
    // |y log2 x| >= 126: overflow, underflow, or the smallest subnormal (__math_may_uflowf).
    if (ylogx > hex1("fffffffd1d571", 6)) return signBias ? -Infinity : Infinity;
    if (ylogx <= -150) return signBias ? -0 : 0;
    if (ylogx < -149) return signBias ? -(2 ** -149) : 2 ** -149;
  }
  return f(exp2Inline(ylogx, signBias));
}
