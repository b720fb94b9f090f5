// Reductions and scans for the TypeScript backend.
import type { ArgReduceOp, ReduceOp, ScanOp, StridedArray } from "../backend.js";
import { allocate, type DType, type TypedArray } from "../../tensor/dtype.js";
import { contiguousStrides, numel } from "../../tensor/shape.js";
import { cascadeSum } from "./cascade_sum.js";
import { exp as glibcExp } from "./glibc_d.js";
import { log1p as fdlibmLog1p } from "./glibc_fdlibm.js";
import { elementOffsets, offsetsFor } from "./strided.js";

/** Moves `dims` to the end so a reduction walks [outer..., inner...] in row-major order. */
function splitForReduction(x: StridedArray, dims: readonly number[]) {
  const keep: number[] = [];
  for (let d = 0; d < x.shape.length; d++) if (!dims.includes(d)) keep.push(d);
  const order = [...keep, ...dims];
  const inner = numel(dims.map((d) => x.shape[d]));
  const offsets = offsetsFor(
    order.map((d) => x.shape[d]),
    order.map((d) => x.strides[d]),
    x.offset,
  );
  return { outer: numel(keep.map((d) => x.shape[d])), inner, offsets };
}

function reduceRow(
  op: ReduceOp,
  data: TypedArray,
  offsets: Int32Array,
  start: number,
  n: number,
  wrap: (v: number) => number,
): number {
  switch (op) {
    // Integer sums and products wrap around at every step, as two's-complement arithmetic does.
    case "sum": {
      let acc = 0;
      for (let i = 0; i < n; i++) acc = wrap(acc + data[offsets[start + i]]);
      return acc;
    }
    case "prod": {
      let acc = 1;
      for (let i = 0; i < n; i++) acc = wrap(acc * data[offsets[start + i]]);
      return acc;
    }
    case "max":
    case "min": {
      let acc = op === "max" ? -Infinity : Infinity;
      for (let i = 0; i < n; i++) {
        const v = data[offsets[start + i]];
        if (Number.isNaN(v)) return NaN;
        if (op === "max" ? v > acc : v < acc) acc = v;
      }
      return acc;
    }
    case "all":
      for (let i = 0; i < n; i++) if (data[offsets[start + i]] === 0) return 0;
      return 1;
    case "any":
      for (let i = 0; i < n; i++) if (data[offsets[start + i]] !== 0) return 1;
      return 0;
  }
}

export function reduce(op: ReduceOp, x: StridedArray, dims: readonly number[], outDtype: DType) {
  if (op === "sum" && outDtype.is_floating_point) {
    const out = allocate(outDtype, numel(x.shape.filter((_, d) => !dims.includes(d))));
    cascadeSum(x, dims, outDtype, out);
    return out;
  }
  const { outer, inner, offsets } = splitForReduction(x, dims);
  const out = allocate(outDtype, outer);
  if (op === "prod" && outDtype.is_floating_point) {
    for (let o = 0; o < outer; o++) out[o] = floatProduct(x.data, offsets, o * inner, inner, outDtype);
    return out;
  }
  for (let o = 0; o < outer; o++)
    out[o] = outDtype.cast(reduceRow(op, x.data, offsets, o * inner, inner, outDtype.wrap));
  return out;
}

/**
 * binary_kernel_reduce_vec's product of one output's elements, every step rounded to the dtype. A row that
 * is contiguous in memory runs vectorized_reduction: 4 accumulator vectors over whole blocks of 4 vectors,
 * folded (acc0 * acc1) * (acc2 * acc3), then lane by lane, then the rest of the row one by one. Other rows
 * (outer reductions, strided inputs) multiply in order.
 */
function floatProduct(data: TypedArray, offsets: Int32Array, start: number, n: number, dtype: DType): number {
  const r = dtype.cast;
  const lanes = dtype.itemsize === 4 ? 8 : 4;
  const first = offsets[start];
  let contiguous = true;
  for (let i = 1; i < n && contiguous; i++) contiguous = offsets[start + i] === first + i;
  const blocks = contiguous ? Math.floor(n / (4 * lanes)) : 0;
  let acc = 1;
  if (blocks > 0) {
    const vec = new Float64Array(4 * lanes);
    for (let k = 0; k < 4 * lanes; k++) vec[k] = data[first + k];
    for (let b = 1; b < blocks; b++)
      for (let k = 0; k < 4 * lanes; k++) vec[k] = r(vec[k] * data[first + b * 4 * lanes + k]);
    let folded = 0;
    for (let l = 0; l < lanes; l++) {
      const lane = r(r(vec[l] * vec[lanes + l]) * r(vec[2 * lanes + l] * vec[3 * lanes + l]));
      folded = l === 0 ? lane : r(folded * lane);
    }
    acc = folded;
  }
  for (let i = blocks * 4 * lanes; i < n; i++) acc = r(acc * data[offsets[start + i]]);
  return acc;
}
export function argReduce(op: ArgReduceOp, x: StridedArray, dim: number) {
  const { outer, inner, offsets } = splitForReduction(x, [dim]);
  const out = new Float64Array(outer);
  const better =
    op === "argmax" ? (v: number, best: number) => v > best : (v: number, best: number) => v < best;
  for (let o = 0; o < outer; o++) {
    let bestIndex = 0;
    let best = x.data[offsets[o * inner]];
    for (let i = 1; i < inner && !Number.isNaN(best); i++) {
      const v = x.data[offsets[o * inner + i]];
      if (Number.isNaN(v) || better(v, best)) {
        best = v;
        bestIndex = i;
      }
    }
    out[o] = bestIndex;
  }
  return out;
}
export function scan(op: ScanOp, x: StridedArray, dim: number, outDtype: DType) {
  const n = numel(x.shape);
  const out = allocate(outDtype, n);
  const offsets = elementOffsets(x);
  const size = x.shape[dim];
  const stride = contiguousStrides(x.shape)[dim];
  const round = outDtype.cast;
  // PyTorch's cpu_cum_base_kernel keeps the running value in acc_type (double for float32) and rounds
  // each output, so the accumulator here is a double kept apart from the rounded output.
  const acc = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const pos = Math.floor(i / stride) % size;
    const v = round(x.data[offsets[i]]);
    // The running value starts at the identity (0 + -0 is +0, so a leading -0 sums to 0 as in PyTorch).
    const prev = pos === 0 ? (op === "cumsum" ? 0 : 1) : acc[i - stride];
    acc[i] = op === "cumsum" ? prev + v : prev * v;
    out[i] = round(acc[i]);
  }
  return out;
}

/**
 * cpu_adaptive_avg_pool (AdaptiveAvgPoolKernel.cpp): each output's window of the last two dims summed in
 * order in the element type, then divided by its height and by its width.
 */
export function adaptiveAverage(x: StridedArray, outSize: readonly [number, number]): TypedArray {
  const nd = x.shape.length;
  const [height, width] = [x.shape[nd - 2], x.shape[nd - 1]];
  const [oh, ow] = outSize;
  const r = x.dtype.cast;
  const planeOffsets = offsetsFor(x.shape.slice(0, nd - 2), x.strides.slice(0, nd - 2), x.offset);
  const [sh, sw] = [x.strides[nd - 2], x.strides[nd - 1]];
  const out = allocate(x.dtype, planeOffsets.length * oh * ow);
  let k = 0;
  for (const base of planeOffsets) {
    for (let i = 0; i < oh; i++) {
      const h0 = Math.floor((i * height) / oh);
      const h1 = Math.ceil(((i + 1) * height) / oh);
      for (let j = 0; j < ow; j++) {
        const w0 = Math.floor((j * width) / ow);
        const w1 = Math.ceil(((j + 1) * width) / ow);
        let sum = 0;
        for (let h = h0; h < h1; h++)
          for (let w = w0; w < w1; w++) sum = r(sum + x.data[base + h * sh + w * sw]);
        out[k++] = r(r(sum / (h1 - h0)) / (w1 - w0));
      }
    }
  }
  return out;
}

/**
 * cummax / cummin (cummax_cummin_helper): the running extreme along `dim` and the index where it was last
 * taken; a tie moves the index forward (>= / <=), and every NaN takes over.
 */
export function cumExtreme(
  x: StridedArray,
  dim: number,
  op: "max" | "min",
): { values: TypedArray; indices: Float64Array } {
  const n = numel(x.shape);
  const values = allocate(x.dtype, n);
  const indices = new Float64Array(n);
  const offsets = elementOffsets(x);
  const size = x.shape.length === 0 ? 1 : x.shape[dim];
  const stride = x.shape.length === 0 ? 1 : contiguousStrides(x.shape)[dim];
  const takes =
    op === "max" ? (v: number, best: number) => v >= best : (v: number, best: number) => v <= best;
  for (let i = 0; i < n; i++) {
    const pos = Math.floor(i / stride) % size;
    const v = x.data[offsets[i]];
    if (pos === 0 || Number.isNaN(v) || (!Number.isNaN(values[i - stride]) && takes(v, values[i - stride]))) {
      values[i] = v;
      indices[i] = pos;
    } else {
      values[i] = values[i - stride];
      indices[i] = indices[i - stride];
    }
  }
  return { values, indices };
}

/**
 * logcumsumexp_cpu_kernel: the running value (a double, acc_type, for float32 too) starts at -inf and takes
 * log1p(exp(min - max)) + max with each element, with glibc's exp and log1p; when min == max is infinite it
 * is the element. Each output is the running value rounded to the element type.
 */
export function logcumsumexp(x: StridedArray, dim: number): TypedArray {
  const n = numel(x.shape);
  const out = allocate(x.dtype, n);
  const acc = new Float64Array(n);
  const offsets = elementOffsets(x);
  const size = x.shape.length === 0 ? 1 : x.shape[dim];
  const stride = x.shape.length === 0 ? 1 : contiguousStrides(x.shape)[dim];
  for (let i = 0; i < n; i++) {
    const pos = Math.floor(i / stride) % size;
    const v = x.data[offsets[i]];
    const prev = pos === 0 ? -Infinity : acc[i - stride];
    // std::min / std::max return their first argument when the other is NaN; a NaN running value wins.
    const lo = Number.isNaN(prev) ? prev : prev < v ? prev : v;
    const hi = Number.isNaN(prev) ? prev : v < prev ? prev : v;
    acc[i] = lo !== hi || Number.isFinite(lo) ? fdlibmLog1p(glibcExp(lo - hi)) + hi : v;
    out[i] = x.dtype.cast(acc[i]);
  }
  return out;
}
