// One scalar function per elementwise op. `r` rounds to the compute dtype after every step, in
// PyTorch's formula order, which is what makes float32 digits match PyTorch's.
import { RuntimeError } from "../../errors.js";
import { float64 } from "../../tensor/dtype.js";
import type { BinaryOp, UnaryOp } from "../backend.js";
import { erf, hypot, roundHalfEven } from "./special.js";
import { exp as glibcExp, exp2 as glibcExp2 } from "./glibc_d.js";
import { glibcLog } from "./glibc_log.js";
import { logf as glibcLogf } from "./glibc_logf.js";
import { pow as glibcPow } from "./glibc_pow.js";
import { powf as glibcPowf } from "./glibc_powf.js";
import { log2 as glibcLog2 } from "./glibc_log2.js";
import { log2f as glibcLog2f } from "./glibc_log2f.js";
import * as cephes from "./cephes.js";
import { lgamma as sleefLgamma, lgammaf as sleefLgammaf } from "./sleef_lgamma.js";
import { erfc as glibcErfc } from "./glibc_erf.js";
import * as glibcf from "./glibc_f.js";
import { log1p as fdlibmLog1p } from "./glibc_fdlibm.js";
import { expf } from "./sleef.js";
import { atan2f as glibcAtan2f } from "./glibc_atanf.js";
import { atan2 as sleefdAtan2 } from "./sleef_dp_inv.js";
import { LANE_OPS, singleLane } from "./vectorized_ops.js";
import { BITWISE_BINARY, BITWISE_UNARY } from "./bitwise_kernels.js";
import { MATH_FLOAT_BINARY, MATH_FLOAT_UNARY } from "./math_float_kernels.js";

export type Round = (v: number) => number;

/** std::log for the kernel's type: glibc's logf on floats, its double log otherwise. */
const logFor = (r: Round): ((x: number) => number) => (r === Math.fround ? glibcLogf : glibcLog);
export type UnaryKernel = (x: number, r: Round, p: readonly number[]) => number;
export type BinaryKernel = (a: number, b: number, r: Round) => number;

const SQRT1_2 = Math.SQRT1_2;
const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

function sigmoid(x: number, r: Round): number {
  return r(1 / r(1 + r(Math.exp(-x))));
}

/** PyTorch's vectorized float32 sigmoid: (1 + exp(0 - x)).reciprocal() with SLEEF's expf. */
export function sigmoidVectorized(x: number): number {
  const f = Math.fround;
  return f(1 / f(1 + expf(f(0 - x))));
}

/** a * b + c rounded once, as a fused multiply-add (exact for float32 operands). */
function fma(a: number, b: number, c: number): number {
  return Math.fround(a * b + c);
}

/**
 * erf of a float32 the way PyTorch's AVX2 Vectorized<float>::erf computes it (Abramowitz & Stegun
 * 7.1.26 with FMAs); gelu uses it, torch.erf does not.
 */
function vectorizedErf(x: number): number {
  const f = Math.fround;
  const ax = Math.abs(x);
  const t = f(1 / fma(f(0.3275911), ax, 1));
  let poly = fma(f(1.061405429), t, f(-1.453152027));
  poly = fma(poly, t, f(1.421413741));
  poly = fma(poly, t, f(-0.284496736));
  poly = fma(poly, t, f(0.254829592));
  const e = f(Math.exp(-f(x * x)));
  const y = fma(f(-e * t), poly, 1);
  return x < 0 ? -y : y;
}

/** C's pow: unlike Math.pow, pow(1, y) is 1 for any y (NaN too) and pow(-1, ±inf) is 1. */
function cPow(x: number, y: number): number {
  if (x === 1 || (x === -1 && (y === Infinity || y === -Infinity))) return 1;
  return Math.pow(x, y);
}

/**
 * powi_impl: an integer to a non-negative integer power by repeated squaring, wrapping around at every
 * product as int64 does (2 ** 64 is 0); exact in doubles while the result stays within 2^53.
 */
function integerPow(base: number, exponent: number, r: Round): number {
  const direct = Math.pow(base, exponent);
  if (Math.abs(direct) <= Number.MAX_SAFE_INTEGER) return direct;
  const bits = r(2 ** 40) === 2 ** 40 ? 64 : 32;
  let result = 1n;
  let b = BigInt(base);
  for (let e = BigInt(exponent); e > 0n; e >>= 1n) {
    if (e & 1n) result = BigInt.asIntN(bits, result * b);
    b = BigInt.asIntN(bits, b * b);
  }
  return Number(result);
}

function powScalar(x: number, e: number, r: Round): number {
  if (isIntegral(r) && e >= 0) return integerPow(x, e, r);
  // The special exponents PyTorch's pow kernel computes by multiplication.
  if (e === 2) return r(x * x);
  if (e === 3) return r(r(x * x) * x);
  if (e === 0.5) return r(Math.sqrt(x));
  if (e === -0.5) return r(1 / r(Math.sqrt(x)));
  if (e === -1) return r(1 / x);
  if (e === -2) return r(1 / r(x * x));
  return r(cPow(x, e));
}

export const UNARY: Record<UnaryOp, UnaryKernel> = {
  neg: (x) => -x,
  abs: (x) => Math.abs(x),
  sign: (x) => (x > 0 ? 1 : x < 0 ? -1 : 0),
  sqrt: (x, r) => r(Math.sqrt(x)),
  rsqrt: (x, r) => r(1 / r(Math.sqrt(x))),
  // PyTorch computes every float32 exp with SLEEF's vectorized expf (its vml path, 0-dim tensors included).
  exp: (x, r) => (r === Math.fround ? expf(x) : r(Math.exp(x))),
  expm1: (x, r) => r(Math.expm1(x)),
  log: (x, r) => r(Math.log(x)),
  log1p: (x, r) => r(Math.log1p(x)),
  log2: (x, r) => r(Math.log2(x)),
  log10: (x, r) => r(Math.log10(x)),
  sin: (x, r) => r(Math.sin(x)),
  cos: (x, r) => r(Math.cos(x)),
  tan: (x, r) => r(Math.tan(x)),
  asin: (x, r) => r(Math.asin(x)),
  acos: (x, r) => r(Math.acos(x)),
  atan: (x, r) => r(Math.atan(x)),
  sinh: (x, r) => r(Math.sinh(x)),
  cosh: (x, r) => r(Math.cosh(x)),
  tanh: (x, r) => r(Math.tanh(x)),
  sigmoid,
  logsigmoid: (x, r) => r(Math.min(0, x) - r(Math.log1p(r(Math.exp(-Math.abs(x)))))),
  // clamp_min(x, 0) keeps x unless it is below 0: relu(-0.0) is -0.0 and NaN passes through.
  relu: (x) => (x < 0 ? 0 : x),
  silu: (x, r) => r(x / r(1 + r(Math.exp(-x)))),
  // GeluKernelImpl's constants are cast to the compute dtype before use.
  // p[0] = 1: float32, where PyTorch's AVX2 kernel uses its polynomial erf.
  gelu: (x, r, p) => {
    const z = r(x * r(SQRT1_2));
    return r(r(x * 0.5) * r(1 + (p[0] === 1 ? vectorizedErf(z) : r(erf(z)))));
  },
  gelu_tanh: (x, r) => {
    const inner = r(r(SQRT_2_OVER_PI) * r(x + r(r(0.044715) * r(r(x * x) * x))));
    return r(r(0.5 * x) * r(1 + r(Math.tanh(inner))));
  },
  erf: (x, r) => r(erf(x)),
  reciprocal: (x, r) => r(1 / x),
  square: (x, r) => r(x * x),
  floor: (x) => Math.floor(x),
  ceil: (x) => Math.ceil(x),
  round: (x) => roundHalfEven(x),
  trunc: (x) => Math.trunc(x),
  frac: (x, r) => r(x - Math.trunc(x)),
  logical_not: (x) => (x === 0 ? 1 : 0),
  isnan: (x) => (Number.isNaN(x) ? 1 : 0),
  isinf: (x) => (x === Infinity || x === -Infinity ? 1 : 0),
  isfinite: (x) => (Number.isFinite(x) ? 1 : 0),
  pow_scalar: (x, r, p) => powScalar(x, p[0], r),
  clamp: (x, _r, p) => {
    if (Number.isNaN(x)) return x;
    let y = x;
    if (!Number.isNaN(p[0]) && y < p[0]) y = p[0];
    if (!Number.isNaN(p[1]) && y > p[1]) y = p[1];
    return y;
  },
  leaky_relu: (x, r, p) => (x > 0 ? x : r(x * p[0])),
  // PyTorch's elu computes exp(x * input_scale) - 1 (not expm1), times alpha * scale rounded first.
  elu: (x, r, p) => (x > 0 ? r(x * p[1]) : r(r(r(Math.exp(r(x * p[2]))) - 1) * r(p[0] * p[1]))),
  softplus: (x, r, p) => {
    const bx = r(x * p[0]);
    return bx > p[1] ? x : r(r(Math.log1p(r(Math.exp(bx)))) / p[0]);
  },
  // Activation.cpp's kernels (nn_activation.ts); NaN falls outside every comparison, so softshrink maps it to 0.
  hardshrink: (x, _r, p) => (x >= -p[0] && x <= p[0] ? 0 : x),
  softshrink: (x, r, p) => (x > p[0] ? r(x - p[0]) : x < -p[0] ? r(x + p[0]) : 0),
  threshold: (x, _r, p) => (x <= p[0] ? p[1] : x),
  hardsigmoid: (x, r) => r(Math.min(Math.max(r(x + 3), 0), 6) / 6),
  hardswish: (x, r) => r(r(x * Math.min(Math.max(r(x + 3), 0), 6)) / 6),
  mish: (x, r) => r(x * r(Math.tanh(r(Math.log1p(r === Math.fround ? expf(x) : Math.exp(x)))))),
  nan_to_num: (x, _r, p) => (Number.isNaN(x) ? p[0] : x === Infinity ? p[1] : x === -Infinity ? p[2] : x),
  // sinc_kernel: pi * x in the op math type, then sin(product) / product.
  sinc: (x, r) => {
    if (x === 0) return 1;
    const product = r(r(Math.PI) * x);
    return r(r(Math.sin(product)) / product);
  },
  // exp2_kernel is a scalar cpu_kernel (Vectorized has no exp2): std::exp2, glibc's exp2 for doubles.
  exp2: (x, r) => (r === Math.fround ? r(2 ** x) : glibcExp2(x)),
  erfc: (x, r) => r(glibcErfc(x)),
  erfinv: (x, r) => cephes.erfinv(x, r),
  // lgamma_kernel is a VML kernel: SLEEF's lgamma on every element (sleef_lgamma.ts).
  lgamma: (x, r) => (r === Math.fround ? sleefLgammaf(x) : sleefLgamma(x)),
  digamma: (x, r) => cephes.digamma(x, r),
  polygamma: (x, r, p) => cephes.polygamma(p[0], x, r),
  i0: (x, r) => cephes.i0(x, r),
  i0e: (x, r) => cephes.i0e(x, r),
  i1: (x, r) => cephes.i1(x, r),
  i1e: (x, r) => cephes.i1e(x, r),
  ndtri: (x, r) => cephes.ndtri(x, r),
  log_ndtr: (x, r) => cephes.logNdtr(x, r),
  erfcx: (x, r) => cephes.erfcx(x, r),
  entr: (x, r) => {
    if (Number.isNaN(x)) return x;
    if (x > 0) return r(-x * r(logFor(r)(x)));
    return x === 0 ? 0 : -Infinity;
  },
  // logit_kernel (eps < 0 stands for none): with eps the input is clamped to [eps, 1 - eps] first; log(x / (1 - x)), inf at 1.
  logit: (xIn, r, p) => {
    let x = xIn;
    if (p[0] >= 0) {
      const hi = r(1 - p[0]);
      x = x < p[0] ? p[0] : x > hi ? hi : x;
    }
    return x === 1 ? Infinity : r(logFor(r)(r(x / r(1 - x))));
  },
  ...BITWISE_UNARY,
  ...MATH_FLOAT_UNARY,
};

// A float element of these ops alone (0-dim tensors) gets what PyTorch's kernel gives one element.
// singleLane builds its lane per call (closures over the params): for an op called without params (sin, sigmoid,
// exp, ...) it is the same lane every time, so it is looked up once; ops with params look it up per call.
for (const op of LANE_OPS.float32) {
  const generic = UNARY[op];
  let plain: UnaryKernel | null = null;
  UNARY[op] = (x, r, p) => {
    if (r !== Math.fround) return generic(x, r, p);
    if (p.length === 0) return (plain ??= singleLane(op, "float32", p) ?? generic)(x, r, p);
    return (singleLane(op, "float32", p) ?? generic)(x, r, p);
  };
}
for (const op of LANE_OPS.float64) {
  const generic = UNARY[op];
  let plain: UnaryKernel | null = null;
  UNARY[op] = (x, r, p) => {
    if (r !== float64.cast) return generic(x, r, p);
    if (p.length === 0) return (plain ??= singleLane(op, "float64", p) ?? generic)(x, r, p);
    return (singleLane(op, "float64", p) ?? generic)(x, r, p);
  };
}

/** PyTorch's powi for a negative integer exponent: only 1 and -1 survive, everything else is 0. */
function integerNegativePow(base: number, exponent: number): number {
  if (base === 1) return 1;
  if (base === -1) return exponent % 2 === 0 ? 1 : -1;
  return 0;
}

/** Integer kernels get a round function that truncates: r(0.5) is 0 only for them. */
const isIntegral = (r: Round) => r(0.5) === 0;

function checkIntegerDivisor(b: number): void {
  if (b === 0) throw new RuntimeError("ZeroDivisionError");
}

/** c10::div_floor_floating, every step in the dtype's arithmetic, and div_floor_integer. */
function divFloor(a: number, b: number, r: Round): number {
  if (isIntegral(r)) {
    checkIntegerDivisor(b);
    const q = Math.trunc(a / b);
    return a % b !== 0 && a < 0 !== b < 0 ? q - 1 : q;
  }
  if (b === 0) return r(a / b);
  const mod = r(a % b);
  let div = r(r(a - mod) / b);
  if (mod !== 0 && b < 0 !== mod < 0) div = r(div - 1);
  if (div === 0) return r(a / b) < 0 || Object.is(r(a / b), -0) ? -0 : 0;
  let floored = Math.floor(div);
  if (r(div - floored) > 0.5) floored = r(floored + 1);
  return floored;
}

function divTrunc(a: number, b: number, r: Round): number {
  if (isIntegral(r)) {
    checkIntegerDivisor(b);
    return Math.trunc(a / b);
  }
  return Math.trunc(r(a / b));
}

function pythonMod(a: number, b: number, r: Round): number {
  const m = r(a % b);
  return m !== 0 && m < 0 !== b < 0 ? r(m + b) : m;
}

export const BINARY: Record<BinaryOp, BinaryKernel> = {
  add: (a, b, r) => r(a + b),
  sub: (a, b, r) => r(a - b),
  mul: (a, b, r) => r(a * b),
  div: (a, b, r) => r(a / b),
  div_floor: divFloor,
  div_trunc: divTrunc,
  // One float element (0-dim operands) takes pow_tensor_tensor_kernel's scalar path: glibc's pow (and powf).
  pow: (a, b, r) =>
    isIntegral(r)
      ? b < 0
        ? integerNegativePow(a, b)
        : integerPow(a, b, r)
      : r === Math.fround
        ? glibcPowf(a, b)
        : r === float64.cast
          ? glibcPow(a, b)
          : r(cPow(a, b)),
  // std::atan2 on floats is glibc's atan2f, PyTorch's scalar path (0-dim and vector tails); on doubles glibc's
  // atan2 is correctly rounded, as SLEEF's double-double atan2 rounded once is.
  atan2: (a, b, r) => (r === Math.fround ? glibcAtan2f(a, b) : r(sleefdAtan2(a, b))),
  fmod: (a, b, r) => r(a % b),
  remainder: pythonMod,
  maximum: (a, b) => (Number.isNaN(a) || Number.isNaN(b) ? NaN : Math.max(a, b)),
  minimum: (a, b) => (Number.isNaN(a) || Number.isNaN(b) ? NaN : Math.min(a, b)),
  eq: (a, b) => (a === b ? 1 : 0),
  ne: (a, b) => (a !== b ? 1 : 0),
  lt: (a, b) => (a < b ? 1 : 0),
  le: (a, b) => (a <= b ? 1 : 0),
  gt: (a, b) => (a > b ? 1 : 0),
  ge: (a, b) => (a >= b ? 1 : 0),
  logical_and: (a, b) => (a !== 0 && b !== 0 ? 1 : 0),
  logical_or: (a, b) => (a !== 0 || b !== 0 ? 1 : 0),
  logical_xor: (a, b) => ((a !== 0) !== (b !== 0) ? 1 : 0),
  // logaddexp_kernel's scalar function (1.13): m + log(1 + exp(-|a - b|)); a when both are the same infinity.
  logaddexp: (a, b, r) => {
    if (a === b && !Number.isFinite(a) && !Number.isNaN(a)) return a;
    const exp = r === Math.fround ? glibcf.expf : glibcExp;
    return r((a < b ? b : a) + r(logFor(r)(r(1 + exp(-Math.abs(r(a - b)))))));
  },
  // logaddexp2_kernel's scalar function (1.13): m + log2(1 + pow(2, -|a - b|)), glibc's log2f/powf on float.
  logaddexp2: (a, b, r) => {
    if (a === b && !Number.isFinite(a) && !Number.isNaN(a)) return a;
    const m = a < b ? b : a;
    if (r === Math.fround) return r(m + glibcLog2f(r(1 + glibcPowf(2, -Math.abs(r(a - b))))));
    return m + glibcLog2(1 + glibcPow(2, -Math.abs(a - b)));
  },
  hypot: (a, b, r) => (r === Math.fround ? r(Math.sqrt(a * a + b * b)) : hypot(a, b)),
  // xlogy_kernel / xlog1py_kernel: NaN for a NaN y, 0 for x = 0 (whatever y), else x * log(y).
  xlogy: (a, b, r) => (Number.isNaN(b) ? NaN : a === 0 ? 0 : r(a * r(logFor(r)(b)))),
  xlog1py: (a, b, r) =>
    Number.isNaN(b) ? NaN : a === 0 ? 0 : r(a * (r === Math.fround ? glibcf.log1pf(b) : fdlibmLog1p(b))),
  heaviside: (a, b) => (a === 0 ? b : a > 0 ? 1 : 0),
  ...BITWISE_BINARY,
  ...MATH_FLOAT_BINARY,
};
