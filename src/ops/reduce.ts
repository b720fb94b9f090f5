// Sums and means over all elements or chosen dims, and Tensor.sum_to_size. The declarations at the end give
// each its PyTorch signatures (argument checking happens there, before an op runs).
import { backend } from "../backend/backend.js";
import { RuntimeError } from "../errors.js";
import { defineMethods, defineOps } from "../signatures/registry.js";
import { Category, int64, type DType } from "../tensor/dtype.js";
import { numel } from "../tensor/shape.js";
import type { Tensor } from "../tensor/tensor.js";
import { binaryKernel, fromData, record, scalarTensor } from "./core.js";
import { view } from "./shape_ops.js";
import { allDims, reduceDims, reducedShape } from "./reduce_util.js";

/** Sum along dims into `dtype`; no graph. */
function sumKernel(x: Tensor, dims: number[], keepdim: boolean, dtype: DType): Tensor {
  const data = backend().reduce("sum", x._view(), dims, dtype);
  return fromData(data, reducedShape(x.shape, dims, keepdim), dtype);
}

/** sum's result dtype: the requested one, else floats keep theirs and integers and bools sum in int64. */
function sumDtype(x: Tensor, requested: DType | null): DType {
  if (requested !== null) return requested;
  return x.dtype.category === Category.Floating ? x.dtype : int64;
}

/** torch.sum(input, *, dtype): every element (SumBackward0). */
export function sumAll(input: Tensor, dtype: DType | null = null): Tensor {
  const selfShape = input.shape;
  const out = sumKernel(input, allDims(input.ndim), false, sumDtype(input, dtype));
  return record("SumBackward0", [input], out, () => ({ selfShape }));
}

/** torch.sum(input, dim, keepdim, *, dtype): over `dim`, every dim when it is null or empty (SumBackward1). */
export function sum(
  input: Tensor,
  dim: number | readonly number[] | null = null,
  keepdim = false,
  dtype: DType | null = null,
): Tensor {
  const dims = reduceDims(dim, input.ndim);
  const selfShape = input.shape;
  const out = sumKernel(input, dims, keepdim, sumDtype(input, dtype));
  return record("SumBackward1", [input], out, () => ({ selfShape, dims, keepdim }));
}

/** mean's dtype: floating only, the requested one or the input's, with PyTorch's two texts. */
function meanDtype(input: Tensor, requested: DType | null): DType {
  const dtype = requested ?? input.dtype;
  if (dtype.category !== Category.Floating) {
    const which = requested === null ? "Input" : "Optional";
    throw new RuntimeError(
      `mean(): could not infer output dtype. ${which} dtype must be either a floating point or complex dtype. Got: ${dtype.scalarTypeName}`,
    );
  }
  return dtype;
}

function meanOver(input: Tensor, dims: number[], keepdim: boolean, dtype: DType): Tensor {
  const count = numel(dims.map((d) => input.shape[d]));
  const summed = sumKernel(input, dims, keepdim, dtype);
  return binaryKernel("div", summed, scalarTensor(count, dtype), dtype);
}

/** torch.mean(input, *, dtype): the mean of every element (MeanBackward0). */
export function meanAll(input: Tensor, dtype: DType | null = null): Tensor {
  const dims = allDims(input.ndim);
  const out = meanOver(input, dims, false, meanDtype(input, dtype));
  const selfShape = input.shape;
  const count = input.numel();
  return record("MeanBackward0", [input], out, () => ({ selfShape, count }));
}

/** torch.mean(input, dim, keepdim, *, dtype): over `dim`, every dim when it is null or empty (MeanBackward1). */
export function mean(
  input: Tensor,
  dim: number | readonly number[] | null = null,
  keepdim = false,
  dtype: DType | null = null,
): Tensor {
  const resultDtype = meanDtype(input, dtype);
  const dims = reduceDims(dim, input.ndim);
  const out = meanOver(input, dims, keepdim, resultDtype);
  const selfShape = input.shape;
  const count = numel(dims.map((d) => input.shape[d]));
  return record("MeanBackward1", [input], out, () => ({ selfShape, dims, keepdim, count }));
}

/** Tensor.sum_to_size(size): sums `input` down to `size` (the inverse of broadcasting size up to input's shape). */
export function sum_to_size(input: Tensor, shape: readonly number[]): Tensor {
  const lead = input.ndim - shape.length;
  if (lead < 0 || shape.some((s, i) => s !== 1 && s !== input.shape[lead + i])) {
    throw new RuntimeError(
      `size {[${shape.join(", ")}]} is not expandable to size {[${input.shape.join(", ")}]}.`,
    );
  }
  const dims: number[] = [];
  for (let i = 0; i < input.ndim; i++) {
    if (i < lead || (shape[i - lead] === 1 && input.shape[i] !== 1)) dims.push(i);
  }
  if (dims.length === 0) return input;
  const summed = sum(input, dims, true);
  return lead === 0 ? summed : view(summed, shape);
}

defineOps(
  "torch",
  {
    "sum(Tensor input, *, ScalarType? dtype=None) -> Tensor": sumAll,
    "sum(Tensor input, IntArrayRef[1]? dim, bool keepdim=False, *, ScalarType? dtype=None, Tensor out=None) -> Tensor":
      sum,
    "sum(Tensor input, DimnameList[1] dim, bool keepdim=False, *, ScalarType? dtype=None, Tensor out=None) -> Tensor":
      null,
    "mean(Tensor input, *, ScalarType? dtype=None) -> Tensor": meanAll,
    "mean(Tensor input, IntArrayRef[1]? dim, bool keepdim=False, *, ScalarType? dtype=None, Tensor out=None) -> Tensor":
      mean,
    "mean(Tensor input, DimnameList[1] dim, bool keepdim=False, *, ScalarType? dtype=None, Tensor out=None) -> Tensor":
      null,
  },
  { methods: true },
);

defineMethods({
  "sum_to_size(IntArrayRef size) -> Tensor": sum_to_size,
});
