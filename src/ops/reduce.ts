// Reductions over all elements or chosen dims.
import { backend } from "../backend/backend.js";
import { RuntimeError } from "../errors.js";
import { Category, int64, toDType, type DType } from "../tensor/dtype.js";
import { numel } from "../tensor/shape.js";
import type { Tensor } from "../tensor/tensor.js";
import {
  binaryKernel,
  checkTensor,
  fromData,
  installMethods,
  record,
  scalarTensor,
  type AsMethod,
} from "./core.js";
import { view } from "./shape_ops.js";
import { normalizeDims, reduceArgs, reducedShape, type ReduceOptions } from "./reduce_util.js";

export type { ReduceOptions } from "./reduce_util.js";

/** Sum along dims into `dtype`; no graph. */
function sumKernel(x: Tensor, dims: number[], keepdim: boolean, dtype: DType): Tensor {
  const data = backend().reduce("sum", x._view(), dims, dtype);
  return fromData(data, reducedShape(x.shape, dims, keepdim), dtype);
}

function sumDtype(x: Tensor, requested: DType | string | null): DType {
  if (requested !== null) return toDType(requested);
  return x.dtype.category === Category.Floating ? x.dtype : int64;
}

/** torch.sum(input), torch.sum(input, dim, keepdim?) or torch.sum(input, { dim, keepdim, dtype }). */
export function sum(
  input: Tensor,
  dim?: number | readonly number[] | null | ReduceOptions,
  keepdim?: boolean,
): Tensor {
  checkTensor(input, "sum");
  const args = reduceArgs(dim, keepdim);
  const dtype = sumDtype(input, args.dtype);
  const dims = normalizeDims(args.dim, input.ndim);
  const selfShape = input.shape;
  if (dims === null) {
    const all = input.shape.map((_, i) => i);
    return record("SumBackward0", [input], sumKernel(input, all, false, dtype), () => ({ selfShape }));
  }
  return record("SumBackward1", [input], sumKernel(input, dims, args.keepdim, dtype), () => ({
    selfShape,
    dims,
    keepdim: args.keepdim,
  }));
}

/** torch.mean: like sum, then divided by the number of elements reduced. */
export function mean(
  input: Tensor,
  dim?: number | readonly number[] | null | ReduceOptions,
  keepdim?: boolean,
): Tensor {
  checkTensor(input, "mean");
  const args = reduceArgs(dim, keepdim);
  const dtype = args.dtype === null ? input.dtype : toDType(args.dtype);
  if (dtype.category !== Category.Floating) {
    throw new RuntimeError(
      `mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: ${dtype.scalarTypeName}`,
    );
  }
  const dims = normalizeDims(args.dim, input.ndim) ?? input.shape.map((_, i) => i);
  const count = numel(dims.map((d) => input.shape[d]));
  const summed = sumKernel(input, dims, args.keepdim, dtype);
  const out = binaryKernel("div", summed, scalarTensor(count, dtype), dtype);
  const selfShape = input.shape;
  if (args.dim === null) return record("MeanBackward0", [input], out, () => ({ selfShape, count }));
  return record("MeanBackward1", [input], out, () => ({ selfShape, dims, keepdim: args.keepdim, count }));
}

/** Sums `input` down to `shape` (the inverse of broadcasting `shape` up to input's shape). */
export function sum_to_size(input: Tensor, shape: readonly number[]): Tensor {
  checkTensor(input, "sum_to_size");
  const lead = input.ndim - shape.length;
  if (lead < 0 || shape.some((s, i) => s !== 1 && s !== input.shape[lead + i])) {
    throw new RuntimeError(
      `size {${shape.join(", ")}} is not expandable to size {${input.shape.join(", ")}}.`,
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

declare module "../tensor/tensor.js" {
  interface Tensor {
    sum: AsMethod<typeof sum>;
    mean: AsMethod<typeof mean>;
    sum_to_size: AsMethod<typeof sum_to_size>;
  }
}
installMethods({ sum, mean, sum_to_size });
