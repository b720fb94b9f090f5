// Unary ops as PyTorch 1.13's AVX2 CPU kernels compute them, element for element. Float32:
// - vml ops (UnaryOpsKernel's IMPLEMENT_*_KERNEL): Sleef_*f8_u10 on every element;
// - cpu_kernel_vec ops: the Vectorized<float> function on 16-element blocks of contiguous rows, the scalar
//   function (glibc's float libm) on the rest;
// - gelu: oneDNN's kernel for contiguous inputs of more than one element, GeluKernel otherwise.
// Float64 likewise with Sleef_*d4_u10 on 4-lane vectors (cpu_kernel_vec blocks of 8) and glibc's double libm
// as the scalar function (glibc_d.ts).
import type { BinaryOp, StridedArray, UnaryOp } from "../backend.js";
import type { DType, TypedArray } from "../../tensor/dtype.js";
import * as glibc from "./glibc_f.js";
import { atan2f as glibcAtan2f } from "./glibc_atanf.js";
import { tanhf as glibcTanhf } from "./glibc_tanhf.js";
import { fma } from "./fma.js";
import { geluForward } from "./onednn.js";
import { expf } from "./sleef.js";
import { f } from "./sleef_df.js";
import * as sleefd from "./sleef_dp.js";
import * as sleefdLog from "./sleef_dp_log.js";
import * as sleefdInv from "./sleef_dp_inv.js";
import * as sleefdTrig from "./sleef_dp_trig.js";
import * as glibcd from "./glibc_d.js";
import * as fdlibm from "./glibc_fdlibm.js";
import { pow as glibcPow } from "./glibc_pow.js";
import { powf as glibcPowf } from "./glibc_powf.js";
import { log2 as glibcLog2 } from "./glibc_log2.js";
import { log2f as glibcLog2f } from "./glibc_log2f.js";
import { erf as glibcErf } from "./glibc_erf.js";
import { glibcLog } from "./glibc_log.js";
import { logf as glibcLogf } from "./glibc_logf.js";
import * as sleef from "./sleef_sp.js";
import { fmodf as sleefFmodf } from "./sleef_fmodf.js";
import { cosf, needsWide, sinf, tanf } from "./sleef_trig.js";
import {
  type BinaryWalk,
  binaryRows,
  runBinaryBlocks,
  runBlocks,
  runEvery,
  runEveryBlocked,
  walk,
} from "./vector_loops.js";
import { elementOffsets } from "./strided.js";
import { numel } from "../../tensor/shape.js";

type Params = readonly number[];
type Lane = (x: number) => number;

/**
 * log_sigmoid_cpu_kernel's vector body, which also runs the partial last vector (so every element):
 * minimum(x, 0) - log1p(exp(-|x|)); minimum gives its second operand for -0 and 0.
 */
function logSigmoidLane(x: number, exp: Lane, log1p: Lane, round: Lane): number {
  return round((x < 0 ? x : 0) - log1p(exp(-Math.abs(x))));
}

const VML: Partial<Record<UnaryOp, Lane>> = {
  exp: expf,
  expm1: sleef.expm1f,
  log: sleef.logf,
  log2: sleef.log2f,
  log10: sleef.log10f,
  log1p: sleef.log1pf,
  asin: sleef.asinf,
  acos: sleef.acosf,
  atan: sleef.atanf,
  tanh: sleef.tanhf,
  erf: sleef.erff,
  erfc: sleef.erfcf,
  logsigmoid: (x) => logSigmoidLane(x, expf, sleef.log1pf, f),
};

const TRIG: Partial<Record<UnaryOp, (x: number, wide: boolean) => number>> = {
  sin: sinf,
  cos: cosf,
  tan: tanf,
};

const SQRT1_2 = f(Math.SQRT1_2);
const wideBand = (x: number): number => (needsWide(x) ? 1 : 0);
type Trig = (x: number, band: number) => number;

/** A cpu_kernel_vec op's [vector, scalar] lane functions for these params, or null to leave it alone. */
type Blocked = (p: Params) => [Lane, Lane] | null;

/** pow's exponents that PyTorch computes by multiplication, sqrt or a copy, the same in both paths. */
const EXACT_EXPONENTS = new Set([0, 1, 2, 3, 0.5, -0.5, -1, -2]);

/** logit on one lane: the vector body (clamp, divide, log) and the scalar body agree but for the log. */
function logitLane(x: number, eps: number, round: Lane, log: Lane): number {
  let v = x;
  if (eps >= 0) {
    const hi = round(1 - eps);
    v = v < eps ? eps : v > hi ? hi : v;
  }
  return v === 1 ? Infinity : log(round(v / round(1 - v)));
}

const BLOCKED: Partial<Record<UnaryOp, Blocked>> = {
  sigmoid: () => [(x) => f(1 / f(1 + expf(f(0 - x)))), (x) => f(1 / f(1 + glibc.expf(-x)))],
  silu: () => [(x) => f(x / f(1 + expf(-x))), (x) => f(x / f(1 + glibc.expf(-x)))],
  cosh: () => [sleef.coshf, glibc.coshf],
  // mish_kernel: x * tanh(log1p(exp(x))), SLEEF's in the vector body and glibc's in the scalar tail.
  mish: () => [
    (x) => f(x * sleef.tanhf(sleef.log1pf(expf(x)))),
    (x) => f(x * glibcTanhf(glibc.log1pf(glibc.expf(x)))),
  ],
  sinh: () => [sleef.sinhf, glibc.sinhf],
  softplus: ([beta, threshold]) => [
    (x) => (f(x * beta) > threshold ? x : f(sleef.log1pf(expf(f(x * beta))) / beta)),
    (x) => (f(x * beta) > threshold ? x : f(glibc.log1pf(glibc.expf(f(x * beta))) / beta)),
  ],
  gelu: () => [
    (x) => f(f(x * 0.5) * f(1 + sleef.erff(f(x * SQRT1_2)))),
    (x) => f(f(x * 0.5) * f(1 + glibc.erff(f(x * SQRT1_2)))),
  ],
  // logit_kernel: x (clamped to [eps, 1 - eps] when eps >= 0) / (1 - x), then log; inf at 1.
  logit: ([eps]) => [(x) => logitLane(x, eps, f, sleef.logf), (x) => logitLane(x, eps, f, glibcLogf)],
  // The vector path raises to the exponent cast to float; the scalar one calls double pow.
  pow_scalar: ([e]) => {
    if (EXACT_EXPONENTS.has(e)) return null;
    const ef = f(e);
    // The scalar path is std::pow(float, double): glibc's double pow, rounded to float.
    return [(x) => sleef.powf(x, ef), (x) => f(glibcPow(x, e))];
  },
};

const VML64: Partial<Record<UnaryOp, Lane>> = {
  exp: sleefd.exp,
  expm1: sleefd.expm1,
  log: sleefdLog.log,
  log2: sleefdLog.log2,
  log10: sleefdLog.log10,
  log1p: sleefdLog.log1p,
  asin: sleefdInv.asin,
  acos: sleefdInv.acos,
  atan: sleefdInv.atan,
  tanh: sleefd.tanh,
  erf: sleefd.erf,
  erfc: sleefd.erfc,
  logsigmoid: (x) => logSigmoidLane(x, sleefd.exp, sleefdLog.log1p, (v) => v),
};

const TRIG64: Partial<Record<UnaryOp, (x: number, band: sleefdTrig.TrigBand) => number>> = {
  sin: sleefdTrig.sin,
  cos: sleefdTrig.cos,
  tan: sleefdTrig.tan,
};

/** M_SQRT2 * M_2_SQRTPI * 0.5, as GeluKernel computes it in double. */
const GELU_BETA = Math.SQRT2 * 1.1283791670955126 * 0.5;
const geluTanhVector = (x: number): number =>
  0.5 * x * (1 + sleefd.tanh(GELU_BETA * fma(0.044715, x * x * x, x)));
const geluTanhScalar = (x: number): number =>
  0.5 * x * (1 + Math.tanh(GELU_BETA * (x + 0.044715 * (x * x * x))));

const BLOCKED64: Partial<Record<UnaryOp, Blocked>> = {
  sigmoid: () => [(x) => 1 / (1 + sleefd.exp(0 - x)), (x) => 1 / (1 + glibcd.exp(-x))],
  silu: () => [(x) => x / (1 + sleefd.exp(-x)), (x) => x / (1 + glibcd.exp(-x))],
  cosh: () => [sleefd.cosh, fdlibm.cosh],
  mish: () => [
    (x) => x * sleefd.tanh(sleefdLog.log1p(sleefd.exp(x))),
    (x) => x * Math.tanh(fdlibm.log1p(glibcd.exp(x))),
  ],
  sinh: () => [sleefd.sinh, fdlibm.sinh],
  softplus: ([beta, threshold]) => [
    (x) => (x * beta > threshold ? x : sleefdLog.log1p(sleefd.exp(x * beta)) / beta),
    (x) => (x * beta > threshold ? x : fdlibm.log1p(glibcd.exp(x * beta)) / beta),
  ],
  gelu: () => [
    (x) => x * 0.5 * (1 + sleefd.erf(x * Math.SQRT1_2)),
    (x) => x * 0.5 * (1 + glibcErf(x * Math.SQRT1_2)),
  ],
  pow_scalar: ([e]) => (EXACT_EXPONENTS.has(e) ? null : [(x) => sleefdLog.pow(x, e), (x) => glibcPow(x, e)]),
  logit: ([eps]) => [
    (x) => logitLane(x, eps, (v) => v, sleefdLog.log),
    (x) => logitLane(x, eps, (v) => v, glibcLog),
  ],
  // GeluKernel's tanh approximation: the compiler fuses x + kKappa * x_cube in the vector body; the scalar
  // body's std::tanh is fdlibm's, as V8's Math.tanh.
  gelu_tanh: () => [geluTanhVector, geluTanhScalar],
};

/**
 * Writes op(x) computed in `dtype` into `out` and returns true when PyTorch's kernel for the op is one of the
 * above; false leaves it to the generic scalar kernels.
 */
export function vectorizedUnary(
  op: UnaryOp,
  x: StridedArray,
  dtype: DType,
  cast: Lane | null,
  params: Params,
  out: TypedArray,
): boolean {
  if (dtype.name === "float64") {
    const vml64 = VML64[op];
    if (vml64) {
      runEvery(walk(x), x.data, out, vml64, cast);
      return true;
    }
    const trig64 = TRIG64[op];
    if (trig64) {
      runEveryBlocked(walk(x), x.data, out, trig64 as Trig, sleefdTrig.trigBand, cast, 4);
      return true;
    }
    const lanes64 = BLOCKED64[op]?.(params);
    if (!lanes64) return false;
    runBlocks(walk(x), x.data, out, lanes64[0], lanes64[1], cast, 8);
    return true;
  }
  if (dtype.name !== "float32") return false;
  const vml = VML[op];
  if (vml) {
    runEvery(walk(x), x.data, out, vml, cast);
    return true;
  }
  const trig = TRIG[op];
  if (trig) {
    runEveryBlocked(walk(x), x.data, out, (v, band) => trig(v, band === 1), wideBand, cast, 8);
    return true;
  }
  if (op === "gelu" && x.shape.reduce((a, b) => a * b, 1) > 1 && !cast) {
    const w = walk(x);
    if (!w.order) {
      runEvery(w, x.data, out, geluForward, null);
      return true;
    }
  }
  const lanes = BLOCKED[op]?.(params);
  if (!lanes) return false;
  runBlocks(walk(x), x.data, out, lanes[0], lanes[1], cast);
  return true;
}

/**
 * What PyTorch computes for a single element (a 0-dim or one-element tensor) in `dtype`: the vml functions,
 * the trig functions with their own lane deciding the reduction, and the scalar function of cpu_kernel_vec ops.
 */
export function singleLane(op: UnaryOp, dtype: "float32" | "float64", params: Params): Lane | null {
  if (dtype === "float64") {
    const trig64 = TRIG64[op];
    if (trig64) return (x) => trig64(x, sleefdTrig.trigBand(x));
    return VML64[op] ?? BLOCKED64[op]?.(params)?.[1] ?? null;
  }
  const vml = VML[op];
  if (vml) return vml;
  const trig = TRIG[op];
  if (trig) return (x) => trig(x, needsWide(x));
  return BLOCKED[op]?.(params)?.[1] ?? null;
}

/** The ops singleLane knows, by dtype. */
export const LANE_OPS = {
  float32: [...Object.keys(VML), ...Object.keys(TRIG), ...Object.keys(BLOCKED)] as UnaryOp[],
  float64: [...Object.keys(VML64), ...Object.keys(TRIG64), ...Object.keys(BLOCKED64)] as UnaryOp[],
};

type BinaryLane = (a: number, b: number) => number;

/** Float32 binary cpu_kernel_vec ops: [Vectorized<float> function, scalar function]. */
const BLOCKED_BINARY: Partial<Record<BinaryOp, [BinaryLane, BinaryLane]>> = {
  atan2: [sleef.atan2f, glibcAtan2f],
  // pow_tensor_tensor_kernel: SLEEF's powf in the vector body, std::pow(float, float) (glibc's powf) on the tail.
  pow: [sleef.powf, glibcPowf],
  fmod: [sleefFmodf, (a, b) => f(a % b)],
  logaddexp: [
    (a, b) => logAddExpLane(a, b, (d) => f(sleef.logf(f(1 + expf(d))))),
    (a, b) => logAddExpLane(a, b, (d) => glibcLogf(f(1 + glibc.expf(d)))),
  ],
  logaddexp2: [
    (a, b) => logAddExpLane(a, b, (d) => f(sleef.log2f(f(1 + sleef.powf(2, d))))),
    (a, b) => logAddExpLane(a, b, (d) => glibcLog2f(f(1 + glibcPowf(2, d)))),
  ],
};

/**
 * logaddexp(2)_kernel on one lane: a where a == b is infinite, else max(a, b) + tail(-|a - b|) (the vector
 * body's blendv and maximum agree with the scalar body's branches on every input but NaN, which both propagate).
 */
function logAddExpLane(a: number, b: number, tail: (d: number) => number): number {
  if (a === b && Math.abs(a) === Infinity) return a;
  const m = Number.isNaN(a) || Number.isNaN(b) ? NaN : a < b ? b : a;
  return f(m + tail(-Math.abs(f(a - b))));
}

/** Float64 binary cpu_kernel_vec ops (4-lane vectors, blocks of 8): [Vectorized<double> function, scalar]. */
const BLOCKED_BINARY64: Partial<Record<BinaryOp, [BinaryLane, BinaryLane]>> = {
  // The scalar lane is glibc's atan2, correctly rounded: the same double-double result rounded once.
  atan2: [sleefdInv.atan2, sleefdInv.atan2],
  // pow_tensor_tensor_kernel: SLEEF's pow in the vector body, glibc's pow on the tail (float_power's kernel).
  pow: [sleefdLog.pow, glibcPow],
  logaddexp: [
    (a, b) => logAddExp64(a, b, (d) => sleefdLog.log(1 + sleefd.exp(d))),
    (a, b) => logAddExp64(a, b, (d) => glibcLog(1 + glibcd.exp(d))),
  ],
  logaddexp2: [
    (a, b) => logAddExp64(a, b, (d) => sleefdLog.log2(1 + sleefdLog.pow(2, d))),
    (a, b) => logAddExp64(a, b, (d) => glibcLog2(1 + glibcPow(2, d))),
  ],
};

function logAddExp64(a: number, b: number, tail: (d: number) => number): number {
  if (a === b && Math.abs(a) === Infinity) return a;
  const m = Number.isNaN(a) || Number.isNaN(b) ? NaN : a < b ? b : a;
  return m + tail(-Math.abs(a - b));
}

/**
 * Writes op(a, b) into `out` as PyTorch's vectorized loop computes it (inputs already in `dtype`) and returns
 * true; false leaves it to the generic scalar kernels.
 */
export function vectorizedBinary(
  op: BinaryOp,
  a: StridedArray,
  b: StridedArray,
  dtype: DType,
  out: TypedArray,
): boolean {
  const lanes =
    dtype.name === "float32"
      ? BLOCKED_BINARY[op]
      : dtype.name === "float64"
        ? BLOCKED_BINARY64[op]
        : undefined;
  if (!lanes || a.dtype !== dtype || b.dtype !== dtype) return false;
  const n = numel(a.shape);
  runBinaryBlocks(binaryWalk(a, b, n), a.data, b.data, out, ...lanes, dtype.name === "float32" ? 16 : 8);
  return true;
}

/**
 * TensorIterator's walk over two inputs: in memory order when they share a layout (a transpose is walked as
 * stored), else in row-major order (binaryRows).
 */
function binaryWalk(a: StridedArray, b: StridedArray, n: number): BinaryWalk {
  if (a.strides.every((s, d) => s === b.strides[d])) {
    const w = walk(a);
    const aOffsets = w.offsets ?? Array.from({ length: n }, (_, k) => w.offset + k);
    const shift = b.offset - a.offset;
    return { ...w, aOffsets, bOffsets: aOffsets.map((o: number) => o + shift) };
  }
  return { n, order: null, aOffsets: elementOffsets(a), bOffsets: elementOffsets(b), ...binaryRows(a, b) };
}
