// The pure-TypeScript backend: runs everywhere, and is the reference the native backend is tested against.
import type { Backend, BinaryOp, StridedArray, UnaryOp } from "../backend.js";
import { allocate, converter, type DType, type TypedArray } from "../../tensor/dtype.js";
import { contiguousStrides, numel, type Shape } from "../../tensor/shape.js";
import { BINARY, UNARY } from "./scalar_kernels.js";
import { tryFastBinary, tryFastUnary } from "./fast_paths.js";
import { vectorizedBinary, vectorizedUnary } from "./vectorized_ops.js";
import { matmul } from "./matmul.js";
import { jsConvKernels } from "./conv.js";
import { jsPoolKernels } from "./pool.js";
import { jsLapack } from "./lapack.js";
import { argReduce, reduce, scan } from "./reduce.js";
import { softmax } from "./softmax.js";
import { elementOffsets, isDense, offsetsFor } from "./strided.js";

/** The params of a unary op that takes none: one shared array, not a new one per call. */
const NO_PARAMS: readonly number[] = Object.freeze([]);

export const jsBackend: Backend = {
  name: "js",
  conv: jsConvKernels,
  pool: jsPoolKernels,

  unary(
    op: UnaryOp,
    x: StridedArray,
    computeDtype: DType,
    outDtype: DType,
    params: readonly number[] = NO_PARAMS,
  ) {
    const kernel = UNARY[op];
    // Integer results wrap around as C's do (the square of 2**40 is 0 in int64); inputs convert with a cast.
    const round = computeDtype.is_floating_point ? computeDtype.cast : computeDtype.wrap;
    const n = numel(x.shape);
    const out = allocate(outDtype, n);
    const castIn = x.dtype === computeDtype ? null : converter(x.dtype, computeDtype);
    // Transcendentals follow PyTorch's vectorized kernels, element by element (vectorized_ops.ts).
    if (outDtype === computeDtype && vectorizedUnary(op, x, computeDtype, castIn, params, out)) return out;
    if (outDtype === computeDtype && tryFastUnary(op, x, computeDtype, out)) return out;
    const src = x.data;
    if (isDense(x)) {
      const o = x.offset;
      for (let i = 0; i < n; i++) out[i] = kernel(castIn ? castIn(src[o + i]) : src[o + i], round, params);
    } else {
      const offsets = elementOffsets(x);
      for (let i = 0; i < n; i++)
        out[i] = kernel(castIn ? castIn(src[offsets[i]]) : src[offsets[i]], round, params);
    }
    if (!outDtype.is_floating_point && outDtype.name !== "bool") {
      const castOut = converter(computeDtype, outDtype);
      for (let i = 0; i < n; i++) out[i] = castOut(out[i]);
    }
    return out;
  },

  binary(op: BinaryOp, a: StridedArray, b: StridedArray, computeDtype: DType, outDtype: DType) {
    const kernel = BINARY[op];
    // Integer arithmetic wraps around as C's does (2**62 * 4 is 0 in int64), where a float cast would saturate.
    const round = computeDtype.is_floating_point ? computeDtype.cast : computeDtype.wrap;
    const n = numel(a.shape);
    const out = allocate(outDtype, n);
    if (outDtype === computeDtype && n > 1 && tryFastBinary(op, a, b, computeDtype, out)) return out;
    if (outDtype === computeDtype && vectorizedBinary(op, a, b, computeDtype, out)) return out;
    const castA = a.dtype === computeDtype ? null : round;
    const castB = b.dtype === computeDtype ? null : round;
    const ad = a.data;
    const bd = b.data;
    if (n === 1) {
      const va = castA ? castA(ad[a.offset]) : ad[a.offset];
      const vb = castB ? castB(bd[b.offset]) : bd[b.offset];
      out[0] = kernel(va, vb, round);
      return out;
    }
    const ao = elementOffsets(a);
    const bo = elementOffsets(b);
    for (let i = 0; i < n; i++) {
      const va = castA ? castA(ad[ao[i]]) : ad[ao[i]];
      const vb = castB ? castB(bd[bo[i]]) : bd[bo[i]];
      out[i] = kernel(va, vb, round);
    }
    return out;
  },

  where(cond: StridedArray, a: StridedArray, b: StridedArray, outDtype: DType) {
    const n = numel(cond.shape);
    const out = allocate(outDtype, n);
    const co = elementOffsets(cond);
    const ao = elementOffsets(a);
    const bo = elementOffsets(b);
    const castA = converter(a.dtype, outDtype);
    const castB = converter(b.dtype, outDtype);
    for (let i = 0; i < n; i++) {
      out[i] = cond.data[co[i]] !== 0 ? castA(a.data[ao[i]]) : castB(b.data[bo[i]]);
    }
    return out;
  },

  reduce,

  argReduce,

  scan,

  matmul,

  lapack: jsLapack,

  softmax,

  copy(x: StridedArray, outDtype: DType) {
    const n = numel(x.shape);
    const out = allocate(outDtype, n);
    // PyTorch's copy kernel: integers into a narrower integer type wrap, floats convert as x86 does.
    const cast = x.dtype === outDtype ? null : converter(x.dtype, outDtype);
    if (isDense(x) && !cast) {
      out.set(x.data.subarray(x.offset, x.offset + n));
      return out;
    }
    const offsets = elementOffsets(x);
    for (let i = 0; i < n; i++) out[i] = cast ? cast(x.data[offsets[i]]) : x.data[offsets[i]];
    return out;
  },

  gather(x: StridedArray, dim: number, index: StridedArray) {
    const n = numel(index.shape);
    const out = allocate(x.dtype, n);
    // Offsets of x restricted to index's shape with x's strides; the index moves along `dim`.
    const base = offsetsFor(index.shape, x.strides, x.offset);
    const io = elementOffsets(index);
    const stride = x.strides[dim];
    const baseStrideInDim = contiguousStrides(index.shape)[dim];
    for (let i = 0; i < n; i++) {
      const posInDim = Math.floor(i / baseStrideInDim) % index.shape[dim];
      out[i] = x.data[base[i] - posInDim * stride + index.data[io[i]] * stride];
    }
    return out;
  },

  scatter(
    out: TypedArray,
    outShape: Shape,
    dim: number,
    index: StridedArray,
    src: StridedArray,
    mode: "set" | "add",
  ) {
    const n = numel(index.shape);
    const outStrides = contiguousStrides(outShape);
    const base = offsetsFor(index.shape, outStrides, 0);
    const io = elementOffsets(index);
    const so = offsetsFor(index.shape, src.strides, src.offset);
    const stride = outStrides[dim];
    const indexStrideInDim = contiguousStrides(index.shape)[dim];
    for (let i = 0; i < n; i++) {
      const posInDim = Math.floor(i / indexStrideInDim) % index.shape[dim];
      const target = base[i] - posInDim * stride + index.data[io[i]] * stride;
      const v = src.data[so[i]];
      out[target] = mode === "add" ? out[target] + v : v;
    }
  },
};
