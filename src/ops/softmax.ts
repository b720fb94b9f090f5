// Softmax and log-softmax with PyTorch's CPU kernels' float arithmetic (aten/src/ATen/native/cpu/SoftMaxKernel.cpp):
// along the last dim, an 8-lane (AVX2) max and sum and a multiply by 1/sum; along other dims, sequential sums
// and a divide. Every step is rounded to the tensor's dtype, so float32 digits match PyTorch's.
import { RuntimeError } from "../errors.js";
import { allocate, Category, toDType, type DType, type TypedArray } from "../tensor/dtype.js";
import { normalizeDim } from "../tensor/shape.js";
import type { Tensor } from "../tensor/tensor.js";
import { checkTensor, fromData, installMethods, record, type AsMethod } from "./core.js";
import { isOptions, typeName } from "./reduce_util.js";
import { expf } from "./sleef.js";

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

function softmaxKernel(
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
  // PyTorch's Vectorized<float>::exp is SLEEF's; double uses libm-quality exp.
  const exp = dtype.itemsize === 4 ? expf : (v: number) => Math.exp(v);
  if (dim === shape.length - 1) {
    for (let o = 0; o < outer; o++) {
      const base = o * dimSize;
      const row = (i: number) => x[base + i];
      const max = mapReduceAll(row, dimSize, width, (v) => v, maxOf);
      if (log) {
        const logSum = r(Math.log(mapReduceAll(row, dimSize, width, (v) => exp(r(v - max)), add)));
        for (let i = 0; i < dimSize; i++) out[base + i] = r(r(x[base + i] - max) - logSum);
      } else {
        for (let i = 0; i < dimSize; i++) out[base + i] = exp(r(x[base + i] - max));
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
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < inner; j++) {
      const base = o * dimSize * inner + j;
      let max = x[base];
      for (let d = 1; d < dimSize; d++) max = maxOf(max, x[base + d * inner]);
      let sum = 0;
      for (let d = 0; d < dimSize; d++) {
        const e = exp(r(x[base + d * inner] - max));
        if (!log) out[base + d * inner] = e;
        sum = r(sum + e);
      }
      if (log) {
        const logSum = r(Math.log(sum));
        for (let d = 0; d < dimSize; d++) out[base + d * inner] = r(r(x[base + d * inner] - max) - logSum);
      } else {
        for (let d = 0; d < dimSize; d++) out[base + d * inner] = r(out[base + d * inner] / sum);
      }
    }
  }
  return out;
}

interface SoftmaxOptions {
  dim?: number | null;
  dtype?: DType | string | null;
}

function softmaxLike(
  fn: "softmax" | "log_softmax",
  input: Tensor,
  dimOrOpts: number | null | SoftmaxOptions | undefined,
  dtypeArg?: DType | string | null,
): Tensor {
  checkTensor(input, fn);
  const opts: SoftmaxOptions = isOptions(dimOrOpts) ? dimOrOpts : { dim: dimOrOpts, dtype: dtypeArg };
  if (opts.dim === undefined) {
    throw new TypeError(`${fn}() missing required argument 'dim' (pos 1)`);
  }
  if (opts.dim === null) {
    throw new RuntimeError("Please look up dimensions by name, got: name = None.");
  }
  const dim = normalizeDim(opts.dim, input.ndim);
  const x = opts.dtype !== undefined && opts.dtype !== null ? input.to(toDType(opts.dtype)) : input;
  if (x.dtype.category !== Category.Floating) {
    // PyTorch 1.13 names log_softmax's other-dim kernel "softmax_kernel_impl" in this message too.
    const kernel =
      input.ndim > 0 && dim === input.ndim - 1 ? `${fn}_lastdim_kernel_impl` : "softmax_kernel_impl";
    throw new RuntimeError(`"${kernel}" not implemented for '${typeName(x.dtype)}'`);
  }
  const out = fromData(
    softmaxKernel(x.values(), x.shape, dim, x.dtype, fn === "log_softmax"),
    x.shape,
    x.dtype,
  );
  if (fn === "softmax") return record("SoftmaxBackward0", [x], out, () => ({ result: out, dim }));
  return record("LogSoftmaxBackward0", [x], out, () => ({ result: out, dim }));
}

/** torch.softmax(input, dim, dtype?) = exp(x - max) / sum(exp(x - max)) along dim. */
export function softmax(
  input: Tensor,
  dim: number | null | SoftmaxOptions,
  dtype?: DType | string | null,
): Tensor {
  return softmaxLike("softmax", input, dim, dtype);
}

/** torch.log_softmax(input, dim, dtype?) = x - max - log(sum(exp(x - max))) along dim. */
export function log_softmax(
  input: Tensor,
  dim: number | null | SoftmaxOptions,
  dtype?: DType | string | null,
): Tensor {
  return softmaxLike("log_softmax", input, dim, dtype);
}

declare module "../tensor/tensor.js" {
  interface Tensor {
    softmax: AsMethod<typeof softmax>;
    log_softmax: AsMethod<typeof log_softmax>;
  }
}
installMethods({ softmax, log_softmax });
