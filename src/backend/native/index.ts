// The native backend: C kernels (OpenBLAS gemm and addmm, elementwise ops, sums, max/min/argmax rows, softmax,
// the fused backward and loss kernels) where they win, and the TypeScript backend for everything else (other
// dtypes and ops, tensors below the measured cutovers). Every C kernel but gemm repeats the TypeScript kernel's
// arithmetic exactly (native/*.c), so both backends give PyTorch's digits.
import type { ArgReduceOp, Backend, BinaryOp, ReduceOp, StridedArray, UnaryOp } from "../backend.js";
import { iteratorDims } from "../js/cascade_sum.js";
import { jsBackend } from "../js/index.js";
import * as jsGradKernels from "../js/grad_kernels.js";
import * as jsLossKernels from "../js/loss_kernels.js";
import { softmax as jsSoftmax } from "../js/softmax.js";
import { isDense } from "../js/strided.js";
import { type DType, type TypedArray } from "../../tensor/dtype.js";
import { isContiguous, numel } from "../../tensor/shape.js";
import { OP_CODES, opCode, type RawAddon } from "./addon.js";
import { countableEntryPoints } from "../dispatch_count.js";
import { MAX_DIMS } from "./entry_points.js";
import { nativeGeev, nativeHouseholder, nativeLapack } from "./lapack.js";
import { nativeNormKernels } from "./norm.js";
import { nativeTwoNorms } from "./norm_reduce.js";
import { nativeRnnKernels } from "./rnn.js";
import { nativeSortKernels } from "./sort.js";
import { nativeFftAlong } from "./fft.js";
import { nativeOptimKernels } from "./optim.js";
import { nativeConvKernels, nativePoolKernels } from "./conv.js";
import { nativeIndexKernels, reducibleLast, withDimLast } from "./gather.js";
import { connectThreads } from "./threads.js";

/**
 * Element counts below which the N-API call (about 1 µs) costs more than the C loop saves, measured with
 * `npx tsx bench/cutover.ts` (table in BENCHMARKS.md). TENSORGRAD_NATIVE_CUTOVER=0 sends every eligible call
 * to C; the op-table tests set these to 0 the same way, so the C kernels run on the table's small tensors.
 */
export const CUTOVER = {
  /** neg, relu and strided copies: one JS operation per element */
  unary: 1024,
  /** exp, log, sigmoid, tanh: SLEEF or libm per element */
  transcendental: 16,
  binary: 1024,
  matmulFlops: 4096,
  reduce: 16,
  sum: 8,
  softmax: 8,
  gradKernel: 256,
};
const forced = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env
  ?.TENSORGRAD_NATIVE_CUTOVER;
if (forced !== undefined && /^\d+$/.test(forced)) {
  for (const key of Object.keys(CUTOVER) as (keyof typeof CUTOVER)[]) CUTOVER[key] = Number(forced);
}

type FloatArray = Float32Array | Float64Array;
/** The C kernels walk at most this many dims; more go to the JS backend. */
const MAX_NATIVE_DIMS = MAX_DIMS;
const { unary: UNARY, binary: BINARY, reduceRows: REDUCE_ROWS } = OP_CODES;

/** Unary ops whose C kernel is one exactly rounded operation per element, in float32 and float64 alike. */
const EXACT_OPS = new Set<UnaryOp>(["neg", "relu", "abs", "pow_scalar"]);
/** pow_scalar's exponents that PyTorch computes by multiplication, sqrt or a copy (the C kernel's). */
const EXACT_EXPONENTS = new Set([0, 1, 2, 3, 0.5, -0.5, -1, -2]);

function isFloat(d: DType): boolean {
  return d.name === "float32" || d.name === "float64";
}

/** Node's Buffer, present wherever the addon loads. */
const NodeBuffer = (globalThis as { Buffer?: { allocUnsafeSlow(size: number): Uint8Array } }).Buffer;
/** From this many bytes, zero-filling a fresh array costs as much as the kernel that overwrites it. */
const UNINITIALIZED_MIN_BYTES = 64 * 1024;

/**
 * A fresh array for a C kernel's output. Large ones skip zero-filling (Buffer.allocUnsafeSlow): every C
 * kernel writes each element of its output, so no stale byte is ever read.
 */
function newArray(dtype: DType, n: number): FloatArray {
  const bytes = n * dtype.itemsize;
  if (NodeBuffer && bytes >= UNINITIALIZED_MIN_BYTES) {
    const { buffer } = NodeBuffer.allocUnsafeSlow(bytes);
    return dtype.name === "float32" ? new Float32Array(buffer, 0, n) : new Float64Array(buffer, 0, n);
  }
  return dtype.name === "float32" ? new Float32Array(n) : new Float64Array(n);
}

/** Strides of a that walk the same memory as a dense [rows, cols] matrix, or null if BLAS can't read it. */
function blasLayout(
  rows: number,
  cols: number,
  rowStride: number,
  colStride: number,
): [trans: number, ld: number] | null {
  if ((colStride === 1 || cols === 1) && (rows === 1 || rowStride >= Math.max(1, cols)))
    return [0, rows === 1 ? Math.max(1, cols) : rowStride];
  if ((rowStride === 1 || rows === 1) && (cols === 1 || colStride >= Math.max(1, rows)))
    return [1, cols === 1 ? Math.max(1, rows) : colStride];
  return null;
}

interface Operand {
  data: FloatArray;
  offset: number;
  batchStride: number;
  trans: number;
  ld: number;
}

/** A [B, R, C] operand as BLAS sees it, copied to contiguous first when its strides don't allow that. */
function blasOperand(x: StridedArray, backend: Backend): Operand {
  const [batch, rows, cols] = x.shape;
  const layout = blasLayout(rows, cols, x.strides[1], x.strides[2]);
  if (layout && (x.strides[0] >= 0 || batch === 1)) {
    return {
      data: x.data as FloatArray,
      offset: x.offset,
      batchStride: batch === 1 ? 0 : x.strides[0],
      trans: layout[0],
      ld: layout[1],
    };
  }
  const dense = backend.copy(x, x.dtype) as FloatArray;
  return { data: dense, offset: 0, batchStride: rows * cols, trans: 0, ld: Math.max(1, cols) };
}

/** A 2-D operand as a batch of one. */
function batched(x: StridedArray): StridedArray {
  return { ...x, shape: [1, ...x.shape], strides: [0, ...x.strides] };
}

/** A fresh contiguous array as a view. */
function viewOf(data: TypedArray, shape: number[], dtype: DType): StridedArray {
  return { data, shape, strides: [shape[1], 1], offset: 0, dtype };
}

/** Two dense float operands of one dtype and shape, big enough for the C kernels. */
function denseFloatPair(a: StridedArray, b: StridedArray): boolean {
  const n = numel(a.shape);
  return (
    n >= CUTOVER.gradKernel &&
    isFloat(a.dtype) &&
    a.dtype === b.dtype &&
    isContiguous(a.shape, a.strides) &&
    isContiguous(b.shape, b.strides)
  );
}

/**
 * The native backend: a Backend with its `mv` (the gemv PyTorch's torch.mv calls), plus `boxMuller16`,
 * `normalPairs` and `mtUniformFill`, which src/tensor/random.ts uses when this backend is active.
 */
export interface NativeBackend extends Backend {
  mv(mat: StridedArray, vec: StridedArray, outDtype: DType): TypedArray;
  /** PyTorch's normal_fill_16 for double, in place on `blocks` blocks of 16 uniforms from `offset`, with glibc's log / cos / sin. */
  boxMuller16(data: Float64Array, offset: number, blocks: number, mean: number, std: number): void;
  /** normal_distribution<double>'s Box-Muller on pairs of uniforms (u1, u2) in place, with glibc's libm. */
  normalPairs(data: Float64Array, pairs: number): void;
  /** PyTorch's uniform_ from MT19937 words `state` (as bytes, twisted in place) starting at word `index`. */
  mtUniformFill: RawAddon["mtUniformFill"];
  /** The addon's entry points every kernel calls (src/backend/dispatch_count.ts counts calls through it). */
  readonly entryPoints: RawAddon;
}

export function createNativeBackend(rawAddon: RawAddon): NativeBackend {
  // Every kernel calls C through this table, which src/backend/dispatch_count.ts can swap when debugging.
  const addon = countableEntryPoints(rawAddon);
  // torch.set_num_threads reaches the pool and OpenBLAS through the raw addon (not counted as a kernel call).
  connectThreads((n) => rawAddon.setNumThreads(n));
  /** out = a op b in C, a and b already broadcast to one shape. */
  const nativeBinary = (code: number, op: BinaryOp, a: StridedArray, b: StridedArray, out: FloatArray) => {
    // A broadcast scalar on the left of a commutative op takes the scalar fast path on the right
    // (IEEE add and multiply are commutative, so the digits are the same).
    const scalarA = a.strides.every((s) => s === 0);
    if (scalarA && (op === "add" || op === "mul") && !b.strides.every((s) => s === 0)) [a, b] = [b, a];
    addon.binary(
      code,
      a.data as FloatArray,
      a.offset,
      a.strides,
      b.data as FloatArray,
      b.offset,
      b.strides,
      a.shape,
      out,
    );
  };

  const native: NativeBackend = {
    ...jsBackend,
    ...nativeIndexKernels(addon, CUTOVER),
    lapack: nativeLapack(addon),
    householder: nativeHouseholder(addon),
    geev: nativeGeev(addon),
    norm: nativeNormKernels(addon),
    twoNorms: nativeTwoNorms(addon, CUTOVER),
    rnn: nativeRnnKernels(addon, CUTOVER),
    sort: nativeSortKernels(addon),
    fftAlong: nativeFftAlong(addon),
    optim: nativeOptimKernels(addon),
    conv: nativeConvKernels(addon),
    pool: nativePoolKernels(addon),
    name: "native",
    entryPoints: addon,

    unary(
      op: UnaryOp,
      x: StridedArray,
      computeDtype: DType,
      outDtype: DType,
      params: readonly number[] = [],
    ) {
      const code = op === "pow_scalar" ? UNARY.pow : opCode("unary", op);
      const n = numel(x.shape);
      const exact = EXACT_OPS.has(op);
      const dtypeOk = x.dtype === computeDtype && outDtype === computeDtype && isFloat(computeDtype);
      const cutover = exact ? CUTOVER.unary : CUTOVER.transcendental;
      if (
        code === undefined ||
        !dtypeOk ||
        n < cutover ||
        x.shape.length > MAX_NATIVE_DIMS ||
        // pow: only the exponents PyTorch computes by multiplication or sqrt (the C kernel's).
        (op === "pow_scalar" && !EXACT_EXPONENTS.has(params[0])) ||
        // float32 gelu: oneDNN's kernel, which PyTorch runs on dense inputs of more than one element (its
        // GeluKernel on others), as src/backend/js/vectorized_ops.ts decides.
        (op === "gelu" && computeDtype.name === "float32" && (n < 2 || !isDense(x)))
      )
        return jsBackend.unary(op, x, computeDtype, outDtype, params);
      const out = newArray(outDtype, n);
      addon.unary(
        code,
        x.data as FloatArray,
        x.offset,
        x.shape,
        x.strides,
        out,
        op === "pow_scalar" ? params[0] : 0,
      );
      return out;
    },

    binary(op: BinaryOp, a: StridedArray, b: StridedArray, computeDtype: DType, outDtype: DType): TypedArray {
      const code = opCode("binary", op);
      const n = numel(a.shape);
      if (
        code === undefined ||
        n < CUTOVER.binary ||
        a.shape.length > MAX_NATIVE_DIMS ||
        !isFloat(computeDtype) ||
        a.dtype !== computeDtype ||
        b.dtype !== computeDtype ||
        outDtype !== computeDtype
      )
        return jsBackend.binary(op, a, b, computeDtype, outDtype);
      const out = newArray(outDtype, n);
      nativeBinary(code, op, a, b, out);
      return out;
    },

    binaryInto(op: "add" | "sub" | "mul" | "div", self: StridedArray, other: StridedArray): boolean {
      const n = numel(self.shape);
      if (
        n < CUTOVER.binary ||
        self.shape.length > MAX_NATIVE_DIMS ||
        !isFloat(self.dtype) ||
        other.dtype !== self.dtype ||
        !isContiguous(self.shape, self.strides)
      )
        return false;
      // Element i of the output is element i of self: each is read before it is written.
      const out = (self.data as FloatArray).subarray(self.offset, self.offset + n);
      nativeBinary(BINARY[op], op, self, other, out);
      return true;
    },

    copy(x: StridedArray, outDtype: DType): TypedArray {
      // Float data, and int64's (doubles in a Float64Array): strided copies (transposes, expands) gain from C,
      // dense ones are a memcpy either way (C's split over the pool for large ones).
      const n = numel(x.shape);
      if (
        !(isFloat(outDtype) || outDtype.name === "int64") ||
        x.dtype !== outDtype ||
        n < CUTOVER.unary ||
        x.shape.length > MAX_NATIVE_DIMS
      )
        return jsBackend.copy(x, outDtype);
      const out = newArray(outDtype, n);
      addon.unary(UNARY.copy, x.data as FloatArray, x.offset, x.shape, x.strides, out);
      return out;
    },

    reduce(op: ReduceOp, x: StridedArray, dims: readonly number[], outDtype: DType) {
      const n = numel(x.shape);
      if (
        op === "sum" &&
        isFloat(x.dtype) &&
        outDtype === x.dtype &&
        n >= CUTOVER.sum &&
        x.shape.length <= MAX_NATIVE_DIMS
      ) {
        // TypeScript reorders and coalesces the dims like TensorIterator; C runs the cascade over them.
        const it = iteratorDims(x, dims);
        const out = newArray(outDtype, numel(x.shape.filter((_, d) => !dims.includes(d))));
        addon.sumIter(
          x.data as FloatArray,
          x.offset,
          it.map((d) => d.size),
          it.map((d) => d.inStride),
          it.map((d) => d.outStride),
          out,
        );
        return out;
      }
      // max/min over trailing dims of a dense array: rows of `cols` contiguous elements.
      const nd = x.shape.length;
      let trailing = dims.length > 0 && dims.every((d, i) => d === nd - dims.length + i);
      const code = op === "max" || op === "min" ? REDUCE_ROWS[op] : undefined;
      // One dim elsewhere (max_pool's window dim): C copies it last first (max/min are exact in any layout).
      if (
        code !== undefined &&
        dims.length === 1 &&
        outDtype === x.dtype &&
        reducibleLast(x, dims[0], CUTOVER)
      ) {
        x = withDimLast(x, dims[0], native);
        dims = [nd - 1];
        trailing = true;
      }
      if (
        code === undefined ||
        !trailing ||
        n < CUTOVER.reduce ||
        !isFloat(x.dtype) ||
        outDtype !== x.dtype ||
        !isContiguous(x.shape, x.strides)
      )
        return jsBackend.reduce(op, x, dims, outDtype);
      const cols = numel(dims.map((d) => x.shape[d]));
      const rows = n / cols;
      const out = newArray(outDtype, rows);
      addon.reduceRows(x.data as FloatArray, x.offset, rows, cols, cols, code, out);
      return out;
    },

    argReduce(op: ArgReduceOp, x: StridedArray, dim: number): TypedArray {
      // Along the last dim of a dense array (argmax(1) of a batch of logits, say).
      const n = numel(x.shape);
      if (reducibleLast(x, dim, CUTOVER)) {
        x = withDimLast(x, dim, native);
        dim = x.shape.length - 1;
      }
      const nd = x.shape.length;
      if (
        nd === 0 ||
        dim !== nd - 1 ||
        n < CUTOVER.reduce ||
        !isFloat(x.dtype) ||
        x.shape[dim] === 0 ||
        !isContiguous(x.shape, x.strides)
      )
        return jsBackend.argReduce(op, x, dim);
      const cols = x.shape[dim];
      const out = new Float64Array(n / cols);
      addon.reduceRows(x.data as FloatArray, x.offset, n / cols, cols, cols, REDUCE_ROWS[op], out);
      return out;
    },

    softmax(x: StridedArray, dim: number, log: boolean): TypedArray {
      const n = numel(x.shape);
      if (!isFloat(x.dtype) || n === 0 || n < CUTOVER.softmax) return jsSoftmax(x, dim, log);
      const dense = isContiguous(x.shape, x.strides)
        ? { data: x.data as FloatArray, offset: x.offset }
        : { data: native.copy(x, x.dtype) as FloatArray, offset: 0 };
      const shape = x.shape.length === 0 ? [1] : x.shape;
      const dimSize = shape[dim];
      const inner = numel(shape.slice(dim + 1));
      const outer = dimSize === 0 ? 0 : n / (dimSize * inner);
      const out = newArray(x.dtype, n);
      const lastDim = dim === shape.length - 1 ? 1 : 0;
      addon.softmax(dense.data, dense.offset, outer, dimSize, inner, lastDim, log ? 1 : 0, out);
      return out;
    },

    sigmoidBackward(grad: StridedArray, output: StridedArray): TypedArray {
      if (!denseFloatPair(grad, output)) return jsGradKernels.sigmoidBackward(grad, output);
      const out = newArray(grad.dtype, numel(grad.shape));
      addon.sigmoidBackward(
        grad.data as FloatArray,
        grad.offset,
        output.data as FloatArray,
        output.offset,
        out,
      );
      return out;
    },

    thresholdBackward(grad: StridedArray, input: StridedArray, threshold: number): TypedArray {
      if (!denseFloatPair(grad, input)) return jsGradKernels.thresholdBackward(grad, input, threshold);
      const out = newArray(grad.dtype, numel(grad.shape));
      addon.thresholdBackward(
        grad.data as FloatArray,
        grad.offset,
        input.data as FloatArray,
        input.offset,
        threshold,
        out,
      );
      return out;
    },

    geluBackward(grad: StridedArray, input: StridedArray): TypedArray {
      // float32: oneDNN's derivative, which PyTorch runs on dense inputs of more than one element; strided
      // operands stay in TypeScript.
      if (!denseFloatPair(grad, input) || numel(grad.shape) < 2)
        return jsGradKernels.geluBackward(grad, input);
      const out = newArray(grad.dtype, numel(grad.shape));
      addon.geluBackward(grad.data as FloatArray, grad.offset, input.data as FloatArray, input.offset, out);
      return out;
    },

    softmaxBackward(grad: StridedArray, output: StridedArray, dim: number, log: boolean): TypedArray {
      const shape = grad.shape.length === 0 ? [1] : grad.shape;
      const n = numel(shape);
      const dimSize = shape[dim];
      const inner = numel(shape.slice(dim + 1));
      // The C kernel takes inner 1 for the last dim; another dim with trailing size-1 dims runs PyTorch's
      // other-dims kernel, which stays in TypeScript.
      if (!denseFloatPair(grad, output) || (inner === 1 && dim !== shape.length - 1))
        return jsGradKernels.softmaxBackward(grad, output, dim, log);
      const out = newArray(grad.dtype, n);
      addon.softmaxBackward(
        grad.data as FloatArray,
        grad.offset,
        output.data as FloatArray,
        output.offset,
        n / (dimSize * inner),
        dimSize,
        inner,
        log ? 1 : 0,
        out,
      );
      return out;
    },

    bceWithLogits(input: StridedArray, target: StridedArray): TypedArray {
      if (!denseFloatPair(input, target) || input.dtype.name !== "float32")
        return jsLossKernels.bceWithLogits(input, target);
      const out = newArray(input.dtype, numel(input.shape)) as Float32Array;
      addon.bceWithLogits(
        input.data as Float32Array,
        input.offset,
        target.data as Float32Array,
        target.offset,
        out,
      );
      return out;
    },

    bceWithLogitsBackward(input: StridedArray, target: StridedArray, grad: StridedArray, divisor: number) {
      const gradStride = grad.strides.every((s) => s === 0)
        ? 0
        : isContiguous(grad.shape, grad.strides)
          ? 1
          : -1;
      if (
        !denseFloatPair(input, target) ||
        input.dtype.name !== "float32" ||
        grad.dtype !== input.dtype ||
        gradStride < 0
      )
        return jsLossKernels.bceWithLogitsBackward(input, target, grad, divisor);
      const out = newArray(input.dtype, numel(input.shape)) as Float32Array;
      addon.bceWithLogitsBackward(
        input.data as Float32Array,
        input.offset,
        target.data as Float32Array,
        target.offset,
        grad.data as Float32Array,
        grad.offset,
        gradStride,
        divisor,
        out,
      );
      return out;
    },

    addmm(bias: StridedArray, a: StridedArray, b: StridedArray): TypedArray {
      const [m, k] = a.shape;
      const n = b.shape[1];
      const dtype = bias.dtype;
      if (
        !isFloat(dtype) ||
        a.dtype !== dtype ||
        b.dtype !== dtype ||
        m * n * k < CUTOVER.matmulFlops ||
        k === 0
      )
        return jsBackend.binary(
          "add",
          bias,
          viewOf(native.matmul(batched(a), batched(b), dtype), [m, n], dtype),
          dtype,
          dtype,
        );
      // out starts as the bias; a bias broadcast along rows (nn.Linear's) is one row copied m times.
      let out: FloatArray;
      if (bias.strides[0] === 0 && (bias.strides[1] === 1 || n === 1)) {
        out = newArray(dtype, m * n);
        const row = (bias.data as FloatArray).subarray(bias.offset, bias.offset + n);
        for (let i = 0; i < m; i++) out.set(row, i * n);
      } else {
        out = native.copy(bias, dtype) as FloatArray;
      }
      const A = blasOperand(batched(a), native);
      const B = blasOperand(batched(b), native);
      addon.gemm(A.data, A.offset, 0, A.trans, A.ld, B.data, B.offset, 0, B.trans, B.ld, out, 1, m, n, k, 1);
      return out;
    },

    normalPairs(data: Float64Array, pairs: number): void {
      addon.normalPairs(data, pairs);
    },

    mtUniformFill: (...args) => addon.mtUniformFill(...args),
    boxMuller16(data: Float64Array, offset: number, blocks: number, mean: number, std: number): void {
      addon.boxMuller16(data, offset, blocks, mean, std);
    },

    /**
     * mat [N, M] @ vec [M] as PyTorch's addmv_out_cpu calls BLAS gemv: column-major 'n' on a matrix with
     * unit row stride, 't' on one with unit column stride, 't' on a contiguous copy otherwise.
     */
    mv(mat: StridedArray, vec: StridedArray, outDtype: DType): TypedArray {
      const [rows, cols] = mat.shape;
      const [rowStride, colStride] = mat.strides;
      const incx = vec.strides[0];
      if (
        !isFloat(outDtype) ||
        mat.dtype !== outDtype ||
        vec.dtype !== outDtype ||
        rows * cols === 0 ||
        incx < 1
      )
        return jsBackend.matmul(
          batched(mat),
          { ...vec, shape: [1, cols, 1], strides: [0, incx, 0] },
          outDtype,
        );
      const out = newArray(outDtype, rows);
      // PyTorch's lda_cond, and its gemv's lda = m for a single column.
      const ldaFits = (m: number, n: number, lda: number) => n === 1 || lda >= Math.max(1, m);
      const matData = mat.data as FloatArray;
      const vecData = vec.data as FloatArray;
      if (rowStride === 1 && ldaFits(rows, cols, colStride)) {
        const lda = cols === 1 ? rows : colStride;
        addon.gemv(matData, mat.offset, 0, lda, rows, cols, vecData, vec.offset, incx, out);
      } else if (colStride === 1 && ldaFits(cols, rows, rowStride)) {
        const lda = rows === 1 ? cols : rowStride;
        addon.gemv(matData, mat.offset, 1, lda, cols, rows, vecData, vec.offset, incx, out);
      } else {
        const dense = native.copy(mat, outDtype) as FloatArray;
        addon.gemv(dense, 0, 1, cols, cols, rows, vecData, vec.offset, incx, out);
      }
      return out;
    },

    matmul(a: StridedArray, b: StridedArray, outDtype: DType): TypedArray {
      const [batch, m, k] = a.shape;
      const n = b.shape[2];
      if (
        !isFloat(outDtype) ||
        a.dtype !== outDtype ||
        b.dtype !== outDtype ||
        m * n * k < CUTOVER.matmulFlops ||
        batch === 0 ||
        k === 0
      )
        return jsBackend.matmul(a, b, outDtype);
      const A = blasOperand(a, native);
      const B = blasOperand(b, native);
      const out = newArray(outDtype, batch * m * n);
      addon.gemm(
        A.data,
        A.offset,
        A.batchStride,
        A.trans,
        A.ld,
        B.data,
        B.offset,
        B.batchStride,
        B.trans,
        B.ld,
        out,
        batch,
        m,
        n,
        k,
      );
      return out;
    },
  };
  return native;
}
