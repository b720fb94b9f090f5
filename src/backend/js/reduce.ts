// Reductions and scans for the TypeScript backend.
import type { ArgReduceOp, ReduceOp, ScanOp, StridedArray } from "../backend.js";
import { allocate, type DType, type TypedArray } from "../../tensor/dtype.js";
import { contiguousStrides, numel } from "../../tensor/shape.js";
import { cascadeSum } from "./cascade_sum.js";
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

function reduceRow(op: ReduceOp, data: TypedArray, offsets: Int32Array, start: number, n: number): number {
  switch (op) {
    case "sum": {
      let acc = 0;
      for (let i = 0; i < n; i++) acc += data[offsets[start + i]];
      return acc;
    }
    case "prod": {
      let acc = 1;
      for (let i = 0; i < n; i++) acc *= data[offsets[start + i]];
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
  for (let o = 0; o < outer; o++) out[o] = outDtype.cast(reduceRow(op, x.data, offsets, o * inner, inner));
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
    acc[i] = pos === 0 ? v : op === "cumsum" ? acc[i - stride] + v : acc[i - stride] * v;
    out[i] = round(acc[i]);
  }
  return out;
}
