// Scans of issue #14 beside cumsum and cumprod: torch.cummax, torch.cummin (values with the indices where
// they were taken) and torch.logcumsumexp, with PyTorch 1.13's CPU kernels' arithmetic
// (src/backend/js/reduce.ts: cumExtreme, logcumsumexp).
import { cumExtreme, logcumsumexp as logcumsumexpKernel } from "../backend/js/reduce.js";
import { RuntimeError } from "../errors.js";
import { defineOps } from "../signatures/registry.js";
import { Category, int64 } from "../tensor/dtype.js";
import { normalizeDim } from "../tensor/shape.js";
import type { Tensor } from "../tensor/tensor.js";
import { fromData, record } from "./core.js";
import { ValuesIndices } from "./reduce_util.js";

function cumulativeExtreme(fn: "cummax" | "cummin", input: Tensor, dim: number): ValuesIndices {
  // cummax_out fills a 0-dim tensor and leaves an empty one without wrapping dim: any dim goes there
  const anyDim = input.ndim === 0 || input.numel() === 0;
  const d =
    anyDim && (dim >= input.ndim || dim < -Math.max(input.ndim, 1))
      ? 0
      : normalizeDim(dim, Math.max(input.ndim, 1));
  const { values, indices } = cumExtreme(input._view(), d, fn === "cummax" ? "max" : "min");
  const valuesOut = fromData(values, input.shape, input.dtype);
  const indicesOut = fromData(indices, input.shape, int64);
  const name = fn === "cummax" ? "CummaxBackward0" : "CumminBackward0";
  record(name, [input], valuesOut, () => ({ self: input, dim: d, indices: indicesOut }));
  return new ValuesIndices(valuesOut, indicesOut, fn);
}

/** torch.cummax(input, dim) -> (values, indices): the running maximum and where it was last taken. */
export function cummax(input: Tensor, dim: number): ValuesIndices {
  return cumulativeExtreme("cummax", input, dim);
}

/** torch.cummin(input, dim) -> (values, indices). */
export function cummin(input: Tensor, dim: number): ValuesIndices {
  return cumulativeExtreme("cummin", input, dim);
}

/** torch.logcumsumexp(input, dim): log(cumsum(exp(input))) along dim, computed stably (floats only). */
export function logcumsumexp(input: Tensor, dim: number): Tensor {
  const d = normalizeDim(dim, Math.max(input.ndim, 1));
  if (input.dtype.category !== Category.Floating)
    throw new RuntimeError(`"logcumsumexp_out_cpu" not implemented for '${input.dtype.scalarTypeName}'`);
  const out = fromData(logcumsumexpKernel(input._view(), d), input.shape, input.dtype);
  return record("LogcumsumexpBackward0", [input], out, () => ({ self: input, result: out, dim: d }));
}

defineOps(
  "torch",
  {
    "cummax(Tensor input, int64_t dim, *, TensorList[2] out=None) -> (Tensor values, Tensor indices)": cummax,
    "cummax(Tensor input, Dimname dim, *, TensorList[2] out=None) -> (Tensor values, Tensor indices)": null,
    "cummin(Tensor input, int64_t dim, *, TensorList[2] out=None) -> (Tensor values, Tensor indices)": cummin,
    "cummin(Tensor input, Dimname dim, *, TensorList[2] out=None) -> (Tensor values, Tensor indices)": null,
    "logcumsumexp(Tensor input, int64_t dim, *, Tensor out=None) -> Tensor": logcumsumexp,
    "logcumsumexp(Tensor input, Dimname dim, *, Tensor out=None) -> Tensor": null,
  },
  { methods: true },
);
