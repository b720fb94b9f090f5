// Softmax and log-softmax with PyTorch's CPU kernels' float arithmetic (aten/src/ATen/native/cpu/SoftMaxKernel.cpp):
// along the last dim, a lane-wise (AVX2) max and sum and a multiply by 1/sum; along other dims, sequential sums
// and a divide per inner position. exp and log are SLEEF's vector functions, except std::exp (glibc) on the
// inner positions past the last whole vector of _vec_softmax and _vec_log_softmax (their scalar tails). Every
// step is rounded to the tensor's dtype. The native backend's C kernel (native/kernels.c) repeats this
// operation order exactly.
import type { StridedArray } from "../backend.js";
import { allocate, type DType, type TypedArray } from "../../tensor/dtype.js";
import { expf as glibcExpf } from "./glibc_f.js";
import { exp as glibcExp } from "./glibc_d.js";
import { expf } from "./sleef.js";
import { exp as expd } from "./sleef_dp.js";
import { log as logd } from "./sleef_dp_log.js";
import { logf } from "./sleef_sp.js";
import { elementOffsets, isDense } from "./strided.js";

type Round = (v: number) => number;

/**
 * vec_reduce_all: a full 8-lane float vector is folded by AVX2 shuffles (halves, then pairs, then
 * neighbours); a partial one has lane 0 absorb lanes 1..size-1 one at a time.
 */
function laneReduce(lanes: Float64Array, size: number, op: (a: number, b: number) => number): number {
  if (size === 8 && lanes.length === 8) {
    const a = [0, 1, 2, 3].map((i) => op(lanes[i], lanes[i + 4]));
    return op(op(a[0], a[2]), op(a[1], a[3]));
  }
  let acc = lanes[0];
  for (let i = 1; i < size; i++) acc = op(acc, lanes[i]);
  return acc;
}

/** vec::map_reduce_all over one row: a lane-wise accumulation of map(x), then laneReduce. */
function mapReduceAll(
  row: (i: number) => number,
  size: number,
  width: number,
  map: (v: number) => number,
  op: (a: number, b: number) => number,
): number {
  const acc = new Float64Array(width);
  if (size < width) {
    for (let l = 0; l < size; l++) acc[l] = map(row(l));
    return laneReduce(acc, size, op);
  }
  for (let l = 0; l < width; l++) acc[l] = map(row(l));
  let d = width;
  for (; d < size - (size % width); d += width) {
    for (let l = 0; l < width; l++) acc[l] = op(acc[l], map(row(d + l)));
  }
  // The partial tail vector updates only its own lanes (Vec::set).
  for (let l = 0; d + l < size; l++) acc[l] = op(acc[l], map(row(d + l)));
  return laneReduce(acc, width, op);
}

const maxOf = (a: number, b: number) => (Number.isNaN(a) || Number.isNaN(b) ? NaN : a > b ? a : b);

export function softmaxKernel(
  x: TypedArray,
  shape: readonly number[],
  dim: number,
  dtype: DType,
  log: boolean,
): TypedArray {
  const r: Round = dtype.cast;
  const n = x.length;
  const out = allocate(dtype, n);
  // A 0-dim tensor is a row of one.
  if (shape.length === 0) shape = [1];
  const dimSize = shape[dim];
  const inner = shape.slice(dim + 1).reduce((a, b) => a * b, 1);
  const outer = dimSize === 0 ? 0 : n / (dimSize * inner);
  const width = dtype.itemsize === 4 ? 8 : 4;
  const add = (a: number, b: number) => r(a + b);
  // Vectorized<float>::exp and Vectorized<double>::exp are SLEEF's (Sleef_expf8_u10, Sleef_expd4_u10).
  const vecExp = dtype.itemsize === 4 ? expf : expd;
  // log_softmax takes the log of the sum with Vectorized::log (Sleef_logf8_u10, Sleef_logd4_u10).
  const vecLog = dtype.itemsize === 4 ? logf : logd;
  // _vec_softmax's and _vec_log_softmax's scalar tails (the inner positions past the last whole vector) call
  // std::exp.
  const scalarExp = dtype.itemsize === 4 ? glibcExpf : glibcExp;
  if (dim === shape.length - 1) {
    for (let o = 0; o < outer; o++) {
      const base = o * dimSize;
      const row = (i: number) => x[base + i];
      const max = mapReduceAll(row, dimSize, width, (v) => v, maxOf);
      if (log) {
        const logSum = vecLog(mapReduceAll(row, dimSize, width, (v) => vecExp(r(v - max)), add));
        for (let i = 0; i < dimSize; i++) out[base + i] = r(r(x[base + i] - max) - logSum);
      } else {
        for (let i = 0; i < dimSize; i++) out[base + i] = vecExp(r(x[base + i] - max));
        const sum = mapReduceAll(
          (i) => out[base + i],
          dimSize,
          width,
          (v) => v,
          add,
        );
        const scale = r(1 / sum);
        for (let i = 0; i < dimSize; i++) out[base + i] = r(out[base + i] * scale);
      }
    }
    return out;
  }
  const vectorInner = inner - (inner % width);
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < inner; j++) {
      const base = o * dimSize * inner + j;
      const exp = j < vectorInner ? vecExp : scalarExp;
      let max = x[base];
      for (let d = 1; d < dimSize; d++) max = maxOf(max, x[base + d * inner]);
      let sum = 0;
      for (let d = 0; d < dimSize; d++) {
        const e = exp(r(x[base + d * inner] - max));
        if (!log) out[base + d * inner] = e;
        sum = r(sum + e);
      }
      if (log) {
        const logSum = vecLog(sum);
        for (let d = 0; d < dimSize; d++) out[base + d * inner] = r(r(x[base + d * inner] - max) - logSum);
      } else {
        for (let d = 0; d < dimSize; d++) out[base + d * inner] = r(out[base + d * inner] / sum);
      }
    }
  }
  return out;
}

/** The backend entry point: softmax (log: log_softmax) of `x` along `dim`, as a fresh contiguous array. */
export function softmax(x: StridedArray, dim: number, log: boolean): TypedArray {
  const n = x.shape.reduce((a, b) => a * b, 1);
  let values: TypedArray;
  if (isDense(x)) {
    values = x.data.subarray(x.offset, x.offset + n);
  } else {
    values = allocate(x.dtype, n);
    const offsets = elementOffsets(x);
    for (let i = 0; i < n; i++) values[i] = x.data[offsets[i]];
  }
  return softmaxKernel(values, x.shape, dim, x.dtype, log);
}
