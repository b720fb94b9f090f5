// The compute interface every backend implements. Kernels work on flat typed arrays described by
// shape/strides/offset, return fresh contiguous arrays, and know nothing about autograd.
import type { ConvKernels } from "./js/conv.js";
import type { NormKernels } from "./js/norm_kernels.js";
import type { PoolKernels } from "./js/pool.js";
import type { RnnKernels } from "./js/rnn.js";
import type { SortKernels } from "./js/sort.js";
import type { OptimKernels } from "./native/optim.js";
import type { DType, TypedArray } from "../tensor/dtype.js";
import type { Shape } from "../tensor/shape.js";
import type { Geev } from "./js/eig.js";
import type { Householder } from "./js/householder.js";
import type { Lapack } from "./js/lapack.js";

/** A read-only strided window onto a typed array. */
export interface StridedArray {
  readonly data: TypedArray;
  readonly shape: Shape;
  readonly strides: readonly number[];
  readonly offset: number;
  readonly dtype: DType;
}

/** Elementwise functions of one tensor; some take numeric parameters (listed after the name). */
export type UnaryOp =
  | "neg"
  | "abs"
  | "sign"
  | "sqrt"
  | "rsqrt"
  | "exp"
  | "expm1"
  | "log"
  | "log1p"
  | "log2"
  | "log10"
  | "sin"
  | "cos"
  | "tan"
  | "asin"
  | "acos"
  | "atan"
  | "sinh"
  | "cosh"
  | "tanh"
  | "sigmoid"
  | "logsigmoid"
  | "relu"
  | "silu"
  | "gelu"
  | "gelu_tanh"
  | "erf"
  | "reciprocal"
  | "square"
  | "floor"
  | "ceil"
  | "round"
  | "trunc"
  | "frac"
  | "logical_not"
  | "isnan"
  | "isinf"
  | "isfinite"
  /** [exponent] */
  | "pow_scalar"
  /** [min, max]; a missing bound is NaN */
  | "clamp"
  /** [negative_slope] */
  | "leaky_relu"
  /** [alpha, scale, input_scale] */
  | "elu"
  /** [beta, threshold] */
  | "softplus"
  /** [lambd] */
  | "hardshrink"
  /** [lambd] */
  | "softshrink"
  /** [threshold, value] */
  | "threshold"
  | "hardsigmoid"
  | "hardswish"
  | "mish"
  /** [nan, posinf, neginf] */
  | "nan_to_num"
  | "sinc"
  | "exp2"
  | "erfc"
  | "erfinv"
  | "lgamma"
  | "digamma"
  /** params: [n], n >= 1 (n = 0 is digamma) */
  | "polygamma"
  | "i0"
  | "i0e"
  | "i1"
  | "i1e"
  | "ndtri"
  | "log_ndtr"
  | "erfcx"
  | "entr"
  /** params: [eps], negative for none */
  | "logit"
  // src/ops/bitwise.ts (kernels in js/bitwise_kernels.ts): integer/bool not; the tests give bool for any dtype
  | "bitwise_not"
  | "signbit"
  | "isposinf"
  | "isneginf"
  // src/ops/math_float.ts (kernels in js/math_float_kernels.ts): glibc's inverse hyperbolics, frexp's two parts
  | "asinh"
  | "acosh"
  | "atanh"
  | "frexp_mantissa"
  | "frexp_exponent";

/** Elementwise functions of two tensors broadcast to one shape. */
export type BinaryOp =
  | "add"
  | "sub"
  | "mul"
  | "div"
  /** torch.div(..., rounding_mode="floor"): Python's floor division */
  | "div_floor"
  /** torch.div(..., rounding_mode="trunc") */
  | "div_trunc"
  | "pow"
  | "atan2"
  | "fmod"
  | "remainder"
  | "maximum"
  | "minimum"
  | "eq"
  | "ne"
  | "lt"
  | "le"
  | "gt"
  | "ge"
  | "logical_and"
  | "logical_or"
  | "logical_xor"
  | "logaddexp"
  | "logaddexp2"
  | "hypot"
  | "xlogy"
  | "xlog1py"
  | "heaviside"
  // src/ops/bitwise.ts (kernels in js/bitwise_kernels.ts): integer and bool dtypes only
  | "bitwise_and"
  | "bitwise_or"
  | "bitwise_xor"
  | "lshift"
  | "rshift"
  | "gcd"
  | "lcm"
  // src/ops/math_float.ts (kernels in js/math_float_kernels.ts): float bit manipulation and NaN-ignoring extrema
  | "copysign"
  | "fmax"
  | "fmin"
  | "nextafter";

export type ReduceOp = "sum" | "prod" | "max" | "min" | "all" | "any";
export type ArgReduceOp = "argmax" | "argmin";
export type ScanOp = "cumsum" | "cumprod";

export interface Backend {
  readonly name: string;
  /** out[i] = f(x[i]) computed in `computeDtype` (every step rounded to it) and stored as `outDtype`. */
  unary(
    op: UnaryOp,
    x: StridedArray,
    computeDtype: DType,
    outDtype: DType,
    params?: readonly number[],
  ): TypedArray;
  /** `a` and `b` are already broadcast to `outShape` (stride 0 on broadcast dims). */
  binary(op: BinaryOp, a: StridedArray, b: StridedArray, computeDtype: DType, outDtype: DType): TypedArray;
  /** out = cond ? a : b, all three already broadcast to one shape. */
  where(cond: StridedArray, a: StridedArray, b: StridedArray, outDtype: DType): TypedArray;
  /** Reduces over `dims` (sorted, unique); the result has those dims removed. */
  reduce(op: ReduceOp, x: StridedArray, dims: readonly number[], outDtype: DType): TypedArray;
  /** Index (int64) of the max/min along one dim; the first on ties, NaN wins like PyTorch. */
  argReduce(op: ArgReduceOp, x: StridedArray, dim: number): TypedArray;
  /** Inclusive scan along one dim; result is contiguous in x's shape. */
  scan(op: ScanOp, x: StridedArray, dim: number, outDtype: DType): TypedArray;
  /** Batched matrix product: a is [B, M, K], b is [B, K, N] (any strides); returns [B, M, N]. */
  matmul(a: StridedArray, b: StridedArray, outDtype: DType): TypedArray;
  /**
   * Optional: 2-D mat [N, M] @ 1-D vec [M] as BLAS gemv, the call PyTorch's torch.mv makes (a gemv sums in
   * another order than a gemm of one column). Backends without it use matmul.
   */
  mv?(mat: StridedArray, vec: StridedArray, outDtype: DType): TypedArray;
  /**
   * Optional: bias + a @ b for 2-D a [M, K], b [K, N] and a bias already broadcast to [M, N], all of one float
   * dtype, as BLAS computes it with beta = 1 (the product added onto the bias panel by panel, like PyTorch's
   * addmm). Backends without it add the bias to matmul's result.
   */
  addmm?(bias: StridedArray, a: StridedArray, b: StridedArray): TypedArray;
  /**
   * Optional: self = self op other in place, for a contiguous float `self` and `other` of its dtype already
   * broadcast to its shape and not overlapping it. Returns false (having done nothing) when it declines.
   */
  binaryInto?(op: "add" | "sub" | "mul" | "div", self: StridedArray, other: StridedArray): boolean;
  /** torch.linalg's LAPACK routines on float64 batches (src/backend/js/lapack.ts). */
  readonly lapack: Lapack;
  /** Optional: ormqr and the LDL^T routines (src/backend/js/householder.ts's ports when absent). */
  readonly householder?: Householder;
  /** Optional: torch.linalg.eig's ?geev (src/backend/js/eig.ts's port of dgeev when absent). */
  readonly geev?: Geev;
  /** A contiguous copy converted to `outDtype`. */
  copy(x: StridedArray, outDtype: DType): TypedArray;
  /** out[...] = x[... index[...] ...] along `dim`; index has the output's shape. Indices are pre-validated. */
  gather(x: StridedArray, dim: number, index: StridedArray): TypedArray;
  /** Writes (or adds) src into the contiguous array `out` of `outShape` along `dim` at index. Pre-validated. */
  scatter(
    out: TypedArray,
    outShape: Shape,
    dim: number,
    index: StridedArray,
    src: StridedArray,
    mode: "set" | "add",
  ): void;
  /**
   * Optional: softmax (log: log_softmax) of a float array along `dim` as a fresh contiguous array, with
   * PyTorch's CPU arithmetic. Backends without it use the TypeScript kernel (src/backend/js/softmax.ts).
   */
  softmax?(x: StridedArray, dim: number, log: boolean): TypedArray;
  /*
   * Optional: PyTorch's fused backward kernels, on float operands of one dtype and shape. Backends without
   * them use src/backend/js/grad_kernels.ts, whose arithmetic they must repeat.
   */
  /** grad * (1 - output) * output */
  sigmoidBackward?(grad: StridedArray, output: StridedArray): TypedArray;
  /** input <= threshold ? 0 : grad */
  thresholdBackward?(grad: StridedArray, input: StridedArray, threshold: number): TypedArray;
  /** grad * gelu'(input), the exact gelu's */
  geluBackward?(grad: StridedArray, input: StridedArray): TypedArray;
  /** (grad - sum(grad * output)) * output, or for log: grad - exp(output) * sum(grad), along dim */
  softmaxBackward?(grad: StridedArray, output: StridedArray, dim: number, log: boolean): TypedArray;
  /** Convolution's im2col and col2im without index tensors (src/backend/js/conv.ts). */
  readonly conv: ConvKernels;
  /** Max pooling with indices and its backward (src/backend/js/pool.ts). */
  readonly pool: PoolKernels;
  /** Optional: layer norm and batch norm with the arithmetic of src/backend/js/norm_kernels.ts. */
  readonly norm?: NormKernels;
  /** Optional: the optimizers' fused updates (src/backend/native/optim.ts); without them, tensor ops. */
  readonly optim?: OptimKernels;
  /** Optional: sort and topk along a dim in PyTorch's order (src/backend/js/sort.ts). */
  readonly sort?: SortKernels;
  /**
   * Optional: the unscaled DFT along `dim` of a contiguous interleaved complex128 buffer of `shape`, in place
   * (inverse: the conjugate kernel), with the bits of src/backend/js/fft.ts's fftAlong.
   */
  fftAlong?(data: Float64Array, shape: readonly number[], dim: number, inverse: boolean): void;
  /** Optional: twoNorms of src/backend/js/norm_reduce.ts (p = 2 vector norms over dims), with its bits. */
  twoNorms?(x: StridedArray, dims: readonly number[], outputs: number): TypedArray;
  /** Optional: the recurrent cells' fused pointwise kernels, with the loops of src/backend/js/rnn.ts. */
  readonly rnn?: RnnKernels;
  /** binary_cross_entropy_with_logits per element, no weights (src/backend/js/loss_kernels.ts) */
  bceWithLogits?(input: StridedArray, target: StridedArray): TypedArray;
  /** (sigmoid(input) - target) * grad / divisor (src/backend/js/loss_kernels.ts) */
  bceWithLogitsBackward?(
    input: StridedArray,
    target: StridedArray,
    grad: StridedArray,
    divisor: number,
  ): TypedArray;
}

let active: Backend | null = null;
const registry = new Map<string, Backend>();

export function registerBackend(backend: Backend): void {
  registry.set(backend.name, backend);
  if (!active) active = backend;
}

export function backend(): Backend {
  if (!active) throw new Error("no tensorgrad backend is registered");
  return active;
}

export function set_backend(name: string): void {
  const found = registry.get(name);
  if (!found) {
    throw new Error(`unknown backend '${name}'; available: ${[...registry.keys()].join(", ")}`);
  }
  active = found;
}

export function get_backend(): string {
  return backend().name;
}

export function availableBackends(): string[] {
  return [...registry.keys()];
}
