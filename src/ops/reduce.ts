// Reductions over all elements or chosen dims: sum, mean and Tensor.sum_to_size; prod, max/min (with
// indices), amax/amin, argmax/argmin, all/any. The declarations after each group give its PyTorch signatures
// (argument checking happens there, before an op runs).
import { backend, type ReduceOp } from "../backend/backend.js";
import { IndexError, RuntimeError } from "../errors.js";
import { defineMethods, defineOps } from "../signatures/registry.js";
import { bool, Category, int64, type DType } from "../tensor/dtype.js";
import { contiguousStrides, normalizeDim, numel } from "../tensor/shape.js";
import type { Tensor } from "../tensor/tensor.js";
import { binaryKernel, fromData, record, scalarTensor } from "./core.js";
import { checkOutDtype, maximum, minimum } from "./math.js";
import { defineOutCheck } from "./out.js";
import {
  allDims,
  normalizeDims,
  reduceDims,
  reducedShape,
  ValuesIndices,
  type DimArg,
} from "./reduce_util.js";
import { view } from "./shape.js";

/** Sum along dims into `dtype`; no graph. */
function sumKernel(x: Tensor, dims: number[], keepdim: boolean, dtype: DType): Tensor {
  // An integer sum of floats converts each element first (the iterator's common dtype), then adds.
  const operand =
    dtype.category !== Category.Floating && x.dtype.category === Category.Floating
      ? {
          ...x._view(),
          data: backend().copy(x._view(), dtype),
          strides: contiguousStrides(x.shape),
          offset: 0,
          dtype,
        }
      : x._view();
  const data = backend().reduce("sum", operand, dims, dtype);
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
  // sum_to with an empty shape is a plain sum(): a new tensor (SumBackward0, integers summed as int64).
  if (shape.length === 0) return sumAll(input);
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

// ---- prod, max/min, amax/amin, argmax/argmin, all/any ----------------------------------------------

export { ValuesIndices } from "./reduce_util.js";

/** `op` over `dims` (sorted, unique) into `dtype`, no graph. */
function reduceKernel(op: ReduceOp, x: Tensor, dims: number[], keepdim: boolean, dtype: DType): Tensor {
  const data = backend().reduce(op, x._view(), dims, dtype);
  return fromData(data, reducedShape(x.shape, dims, keepdim), dtype);
}

/** prod's result dtype: the requested one, else floats keep theirs and integers and bools multiply in int64. */
function prodDtype(input: Tensor, requested: DType | null): DType {
  if (requested !== null) return requested;
  return input.dtype.category === Category.Floating ? input.dtype : int64;
}

/** torch.prod(input, *, dtype): the product of every element (ProdBackward0). */
export function prodAll(input: Tensor, dtype: DType | null = null): Tensor {
  const resultDtype = prodDtype(input, dtype);
  const self = input.dtype === resultDtype ? input : input.detach().to(resultDtype);
  const out = reduceKernel("prod", self, allDims(input.ndim), false, resultDtype);
  return record("ProdBackward0", [input], out, () => ({ self: input, result: out }));
}

/** torch.prod(input, dim, keepdim, *, dtype): products along one dim (ProdBackward1). */
export function prod(input: Tensor, dim: number, keepdim = false, dtype: DType | null = null): Tensor {
  const resultDtype = prodDtype(input, dtype);
  const self = input.dtype === resultDtype ? input : input.detach().to(resultDtype);
  const d = normalizeDim(dim, input.ndim);
  const dims = input.ndim === 0 ? [] : [d];
  const out = reduceKernel("prod", self, dims, keepdim, resultDtype);
  return record("ProdBackward1", [input], out, () => ({ self: input, result: out, dim: d, keepdim }));
}

/** max/min/argmax's checks that a reduced dim is not empty. */
function checkNonEmpty(fn: string, input: Tensor, dims: readonly number[] | null): void {
  if (dims === null) {
    if (input.numel() === 0) {
      const tail =
        fn === "argmax" || fn === "argmin" ? "" : " Specify the reduction dim with the 'dim' argument.";
      const Err = tail ? RuntimeError : IndexError;
      throw new Err(`${fn}(): Expected reduction dim to be specified for input.numel() == 0.${tail}`);
    }
    return;
  }
  for (const d of dims) {
    if (input.ndim > 0 && input.shape[d] === 0) {
      throw new IndexError(`${fn}(): Expected reduction dim ${d} to have non-zero size.`);
    }
  }
}

function selectWithIndices(fn: "max" | "min", input: Tensor, dim: number, keepdim: boolean): ValuesIndices {
  const d = normalizeDim(dim, input.ndim);
  checkNonEmpty(fn, input, [d]);
  const dims = input.ndim === 0 ? [] : [d];
  const shape = reducedShape(input.shape, dims, keepdim);
  const values = reduceKernel(fn, input, dims, keepdim, input.dtype);
  const indices =
    input.ndim === 0
      ? fromData(new Float64Array(1), [], int64)
      : fromData(backend().argReduce(fn === "max" ? "argmax" : "argmin", input._view(), d), shape, int64);
  const name = fn === "max" ? "MaxBackward0" : "MinBackward0";
  record(name, [input], values, () => ({ selfShape: input.shape, dim: d, indices, keepdim }));
  return new ValuesIndices(values, indices, fn);
}

function fullSelect(fn: "max" | "min", input: Tensor): Tensor {
  checkNonEmpty(fn, input, null);
  const out = reduceKernel(fn, input, allDims(input.ndim), false, input.dtype);
  return record(fn === "max" ? "MaxBackward1" : "MinBackward1", [input], out, () => ({
    self: input,
    result: out,
  }));
}

/** torch.max(input): the largest element (NaN if any). */
export const maxAll = (input: Tensor): Tensor => fullSelect("max", input);
/** torch.min(input): the smallest element (NaN if any). */
export const minAll = (input: Tensor): Tensor => fullSelect("min", input);
/** torch.max(input, dim, keepdim) → (values, indices), also destructurable as `[values, indices]`. */
export const maxDim = (input: Tensor, dim: number, keepdim = false): ValuesIndices =>
  selectWithIndices("max", input, dim, keepdim);
/** torch.min(input, dim, keepdim) → (values, indices). */
export const minDim = (input: Tensor, dim: number, keepdim = false): ValuesIndices =>
  selectWithIndices("min", input, dim, keepdim);

function amaxLike(fn: "amax" | "amin", input: Tensor, dim: DimArg, keepdim: boolean) {
  const listed = normalizeDims(dim, input.ndim);
  const full = listed === null || listed.length === 0;
  const dims = full ? allDims(input.ndim) : listed;
  checkNonEmpty(fn, input, full ? null : dims);
  const out = reduceKernel(fn === "amax" ? "max" : "min", input, dims, keepdim, input.dtype);
  return record(fn === "amax" ? "AmaxBackward0" : "AminBackward0", [input], out, () => ({
    self: input,
    result: out,
    dims,
    keepdim,
  }));
}

/** torch.amax(input, dim=(), keepdim=False): max over dims (all when empty); ties share the gradient. */
export function amax(input: Tensor, dim: DimArg = null, keepdim = false): Tensor {
  return amaxLike("amax", input, dim, keepdim);
}

/** torch.amin: see amax. */
export function amin(input: Tensor, dim: DimArg = null, keepdim = false): Tensor {
  return amaxLike("amin", input, dim, keepdim);
}

function argReduce(fn: "argmax" | "argmin", input: Tensor, dim: number | null, keepdim: boolean) {
  const refuseBool = () => {
    if (input.dtype === bool) throw new RuntimeError(`"${fn}_cpu" not implemented for 'Bool'`);
  };
  if (dim === null) {
    checkNonEmpty(fn, input, null);
    refuseBool();
    const flat = fromData(input.values(), [input.numel()], input.dtype);
    const data = backend().argReduce(fn, flat._view(), 0);
    return fromData(data, keepdim ? input.shape.map(() => 1) : [], int64);
  }
  const d = normalizeDim(dim, input.ndim);
  if (input.ndim === 0) {
    refuseBool();
    return fromData(new Float64Array(1), [], int64);
  }
  checkNonEmpty(fn, input, [d]);
  // PyTorch fills zeros for a dim of size 1, and has nothing to compute for an empty input: no dtype dispatch.
  const shape = reducedShape(input.shape, [d], keepdim);
  if (input.shape[d] === 1 || input.numel() === 0)
    return fromData(new Float64Array(shape.reduce((a, b) => a * b, 1)), shape, int64);
  refuseBool();
  const data = backend().argReduce(fn, input._view(), d);
  return fromData(data, reducedShape(input.shape, [d], keepdim), int64);
}

/** torch.argmax(input, dim=None, keepdim=False): int64 index of the max (of the flattened input without dim). */
export function argmax(input: Tensor, dim: number | null = null, keepdim = false): Tensor {
  return argReduce("argmax", input, dim, keepdim);
}

/** torch.argmin: see argmax. */
export function argmin(input: Tensor, dim: number | null = null, keepdim = false): Tensor {
  return argReduce("argmin", input, dim, keepdim);
}

/** all/any over one dim (every dim when null): bool results, never differentiable. */
function logical(fn: "all" | "any", input: Tensor, dim: number | null, keepdim: boolean) {
  if (dim === null) return reduceKernel(fn, input, allDims(input.ndim), false, bool);
  const d = normalizeDim(dim, input.ndim);
  return reduceKernel(fn, input, input.ndim === 0 ? [] : [d], keepdim, bool);
}

/** all/any's named-dim overloads: PyTorch 1.13 declares them but refuses any name. */
function dimnameUnsupported(fn: "all" | "any"): RuntimeError {
  return new RuntimeError(
    `${fn}: You passed a dimname (string) to this op in place of a dimension index but it does not yet support this behavior. Please pass a dimension index to work around this.`,
  );
}

/** torch.all(input) or torch.all(input, dim, keepdim): whether every element is nonzero (bool). */
export function all(input: Tensor, dim: number | null = null, keepdim = false): Tensor {
  return logical("all", input, dim, keepdim);
}

/** torch.any: whether some element is nonzero (bool). */
export function any(input: Tensor, dim: number | null = null, keepdim = false): Tensor {
  return logical("any", input, dim, keepdim);
}

// out= checks PyTorch's meta functions make before computing.
defineOutCheck(["argmax", "argmin"], (out) => checkOutDtype(out as Tensor, int64));
for (const name of ["all", "any"]) {
  defineOutCheck([name], (out) => {
    const dtype = (out as Tensor).dtype;
    if (dtype !== bool) {
      throw new RuntimeError(`${name} only supports bool tensor for result, got: ${dtype.scalarTypeName}`);
    }
  });
}
defineOutCheck(["amax", "amin"], (out, args) => {
  const [input] = args as [Tensor];
  const dtype = (out as Tensor).dtype;
  if (dtype !== input.dtype) {
    throw new RuntimeError(
      `Expected the dtype for input and out to match, but got ${input.dtype.scalarTypeName} for input's dtype and ${dtype.scalarTypeName} for out's dtype.`,
    );
  }
});
defineOutCheck(["max", "min"], (out, args) => {
  // Only max(input, dim) takes (values, indices); max(input, other) checks its one out as any op does.
  if (!Array.isArray(out)) return;
  const [values, indices] = out as Tensor[];
  checkOutDtype(values, (args[0] as Tensor).dtype);
  checkOutDtype(indices, int64);
});

defineOps(
  "torch",
  {
    "prod(Tensor input, *, ScalarType? dtype=None) -> Tensor": prodAll,
    "prod(Tensor input, int64_t dim, bool keepdim=False, *, ScalarType? dtype=None, Tensor out=None) -> Tensor":
      prod,
    "prod(Tensor input, Dimname dim, bool keepdim=False, *, ScalarType? dtype=None, Tensor out=None) -> Tensor":
      null,
    "max(Tensor input) -> Tensor": maxAll,
    "max(Tensor input, Tensor other, *, Tensor out=None) -> Tensor": maximum,
    "max(Tensor input, int64_t dim, bool keepdim=False, *, TensorList[2] out=None) -> (Tensor values, Tensor indices)":
      maxDim,
    "max(Tensor input, Dimname dim, bool keepdim=False, *, TensorList[2] out=None) -> (Tensor values, Tensor indices)":
      null,
    "min(Tensor input) -> Tensor": minAll,
    "min(Tensor input, Tensor other, *, Tensor out=None) -> Tensor": minimum,
    "min(Tensor input, int64_t dim, bool keepdim=False, *, TensorList[2] out=None) -> (Tensor values, Tensor indices)":
      minDim,
    "min(Tensor input, Dimname dim, bool keepdim=False, *, TensorList[2] out=None) -> (Tensor values, Tensor indices)":
      null,
    "amax(Tensor input, IntArrayRef[1] dim=None, bool keepdim=False, *, Tensor out=None) -> Tensor": amax,
    "amin(Tensor input, IntArrayRef[1] dim=None, bool keepdim=False, *, Tensor out=None) -> Tensor": amin,
    "argmax(Tensor input, int64_t? dim=None, bool keepdim=False, *, Tensor out=None) -> Tensor": argmax,
    "argmin(Tensor input, int64_t? dim=None, bool keepdim=False, *, Tensor out=None) -> Tensor": argmin,
    "all(Tensor input, *, Tensor out=None) -> Tensor": (input) => all(input),
    "all(Tensor input, int64_t dim, bool keepdim=False, *, Tensor out=None) -> Tensor": all,
    "all(Tensor input, Dimname dim, bool keepdim=False, *, Tensor out=None) -> Tensor": () => {
      throw dimnameUnsupported("all");
    },
    "any(Tensor input, *, Tensor out=None) -> Tensor": (input) => any(input),
    "any(Tensor input, int64_t dim, bool keepdim=False, *, Tensor out=None) -> Tensor": any,
    "any(Tensor input, Dimname dim, bool keepdim=False, *, Tensor out=None) -> Tensor": () => {
      throw dimnameUnsupported("any");
    },
  },
  { methods: true },
);
