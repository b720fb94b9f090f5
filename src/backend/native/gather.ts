// The native backend's gather and scatter on float and int64 data (native/im2col.c): index_select, which is
// how src/ops/nn_windows.ts builds convolution's and pooling's im2col, and index_add / scatter, their col2im
// and embedding's backward; and where with a bool condition (im2col's padding mask). Same walk and summation
// order as src/backend/js/index.ts, so the same bits.
import type { Backend, StridedArray } from "../backend.js";
import { jsBackend } from "../js/index.js";
import type { Shape } from "../../tensor/shape.js";
import { contiguousStrides, isContiguous, numel } from "../../tensor/shape.js";
import type { DType, TypedArray } from "../../tensor/dtype.js";
import type { RawAddon } from "./addon.js";
import { MAX_DIMS } from "./entry_points.js";

type FloatArray = Float32Array | Float64Array;

const isFloatData = (d: TypedArray): d is FloatArray =>
  d instanceof Float32Array || d instanceof Float64Array;

/**
 * Whether `dtype` lives in an array of `data`'s type: float32 in a Float32Array, float64 and int64 in a
 * Float64Array. int64 is as exact in C as in TypeScript: both copy and add the same doubles.
 */
const storedAs = (dtype: string, data: TypedArray) =>
  data instanceof Float32Array ? dtype === "float32" : dtype === "float64" || dtype === "int64";

/** `cutover.unary` (src/backend/native/index.ts): from that many index elements, as for a copy, C pays off. */
export function nativeIndexKernels(
  addon: RawAddon,
  cutover: { readonly unary: number },
): Pick<Backend, "gather" | "scatter" | "where"> {
  return {
    where(cond: StridedArray, a: StridedArray, b: StridedArray, outDtype: DType): TypedArray {
      const n = numel(cond.shape);
      if (
        cond.dtype.name !== "bool" ||
        !(outDtype.name === "float32" || outDtype.name === "float64") ||
        a.dtype !== outDtype ||
        b.dtype !== outDtype ||
        n < cutover.unary ||
        cond.shape.length > MAX_DIMS
      )
        return jsBackend.where(cond, a, b, outDtype);
      const out = outDtype.name === "float32" ? new Float32Array(n) : new Float64Array(n);
      addon.where(
        cond.data as Uint8Array,
        cond.offset,
        cond.strides,
        a.data as FloatArray,
        a.offset,
        a.strides,
        b.data as FloatArray,
        b.offset,
        b.strides,
        cond.shape,
        out,
      );
      return out;
    },

    gather(x: StridedArray, dim: number, index: StridedArray): TypedArray {
      const n = numel(index.shape);
      if (
        n < cutover.unary ||
        index.shape.length > MAX_DIMS ||
        x.strides.length !== index.shape.length ||
        !isFloatData(x.data) ||
        !storedAs(x.dtype.name, x.data) ||
        !(index.data instanceof Float64Array)
      )
        return jsBackend.gather(x, dim, index);
      const out = x.data instanceof Float32Array ? new Float32Array(n) : new Float64Array(n);
      addon.gatherDim(
        x.data,
        x.offset,
        index.shape,
        x.strides,
        x.shape[dim],
        index.data,
        index.offset,
        index.strides,
        dim,
        out,
      );
      return out;
    },

    scatter(
      out: TypedArray,
      outShape: Shape,
      dim: number,
      index: StridedArray,
      src: StridedArray,
      mode: "set" | "add",
    ): void {
      const n = numel(index.shape);
      if (
        n < cutover.unary ||
        index.shape.length > MAX_DIMS ||
        src.strides.length !== index.shape.length ||
        outShape.length !== index.shape.length ||
        !isFloatData(out) ||
        src.data.constructor !== out.constructor ||
        !storedAs(src.dtype.name, out) ||
        !(index.data instanceof Float64Array)
      )
        return jsBackend.scatter(out, outShape, dim, index, src, mode);
      addon.scatterDim(
        out,
        index.shape,
        contiguousStrides(outShape).slice(0, index.shape.length),
        outShape[dim],
        index.data,
        index.offset,
        index.strides,
        src.data as FloatArray,
        src.offset,
        src.strides,
        dim,
        mode === "add" ? 1 : 0,
      );
    },
  };
}

/**
 * Whether a max/min/argmax/argmin of float x along `dim`, not already its dense last dim, is worth a C
 * strided copy that moves `dim` last (then C reduces rows): a large float array with elements along dim.
 */
export function reducibleLast(x: StridedArray, dim: number, cutover: { readonly unary: number }): boolean {
  const nd = x.shape.length;
  return (
    nd > 1 &&
    nd <= MAX_DIMS &&
    (x.dtype.name === "float32" || x.dtype.name === "float64") &&
    x.shape[dim] > 0 &&
    numel(x.shape) >= cutover.unary &&
    !(dim === nd - 1 && isContiguous(x.shape, x.strides))
  );
}

/** A dense copy of x with `dim` moved last, the other dims in order (the reduction's output order). */
export function withDimLast(x: StridedArray, dim: number, backend: Backend): StridedArray {
  const order = [...x.shape.keys()].filter((d) => d !== dim).concat(dim);
  const shape = order.map((d) => x.shape[d]);
  const view = { ...x, shape, strides: order.map((d) => x.strides[d]) };
  return {
    data: backend.copy(view, x.dtype),
    shape,
    strides: contiguousStrides(shape),
    offset: 0,
    dtype: x.dtype,
  };
}
