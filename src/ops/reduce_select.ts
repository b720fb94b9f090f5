// Reductions that pick or combine elements: prod, max/min (with indices), amax/amin, argmax/argmin, all/any.
import { backend, type ReduceOp } from "../backend/backend.js";
import { IndexError, RuntimeError } from "../errors.js";
import { bool, Category, int64, toDType, type DType } from "../tensor/dtype.js";
import { normalizeDim } from "../tensor/shape.js";
import type { Tensor } from "../tensor/tensor.js";
import { checkTensor, fromData, installMethods, record, type AsMethod } from "./core.js";
import { allDims, isOptions, normalizeDims, reducedShape, type DimArg } from "./reduce_util.js";

/** `op` over `dims` (sorted, unique) into `dtype`, no graph. */
function reduceKernel(op: ReduceOp, x: Tensor, dims: number[], keepdim: boolean, dtype: DType): Tensor {
  const data = backend().reduce(op, x._view(), dims, dtype);
  return fromData(data, reducedShape(x.shape, dims, keepdim), dtype);
}

interface DimKeepdim {
  dim?: number | null;
  keepdim?: boolean;
}

function dimArgs(dimOrOpts: number | null | DimKeepdim | undefined, keepdim?: boolean) {
  if (isOptions(dimOrOpts)) return { dim: dimOrOpts.dim ?? null, keepdim: dimOrOpts.keepdim ?? false };
  return { dim: dimOrOpts ?? null, keepdim: keepdim ?? false };
}

export interface ProdOptions extends DimKeepdim {
  dtype?: DType | string | null;
}

/** torch.prod(input), torch.prod(input, dim, keepdim?) or torch.prod(input, { dim, keepdim, dtype }). */
export function prod(input: Tensor, dim?: number | null | ProdOptions, keepdim?: boolean): Tensor {
  checkTensor(input, "prod");
  const args = dimArgs(dim, keepdim);
  const requested = isOptions(dim) ? (dim.dtype ?? null) : null;
  const dtype =
    requested !== null
      ? toDType(requested)
      : input.dtype.category === Category.Floating
        ? input.dtype
        : int64;
  const self = input.dtype === dtype ? input : input.detach().to(dtype);
  if (args.dim === null) {
    const out = reduceKernel("prod", self, allDims(input.ndim), false, dtype);
    return record("ProdBackward0", [input], out, () => ({ self: input, result: out }));
  }
  const d = normalizeDim(args.dim, input.ndim);
  const dims = input.ndim === 0 ? [] : [d];
  const out = reduceKernel("prod", self, dims, args.keepdim, dtype);
  return record("ProdBackward1", [input], out, () => ({
    self: input,
    result: out,
    dim: d,
    keepdim: args.keepdim,
  }));
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

/** The (values, indices) pair max/min return with a dim; like PyTorch's namedtuple it also destructures as `[values, indices]`. */
export class ValuesIndices {
  readonly 0: Tensor;
  readonly 1: Tensor;
  readonly length = 2;
  constructor(
    readonly values: Tensor,
    readonly indices: Tensor,
  ) {
    this[0] = values;
    this[1] = indices;
  }
  *[Symbol.iterator](): IterableIterator<Tensor> {
    yield this.values;
    yield this.indices;
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
  return new ValuesIndices(values, indices);
}

function fullSelect(fn: "max" | "min", input: Tensor): Tensor {
  checkNonEmpty(fn, input, null);
  const out = reduceKernel(fn, input, allDims(input.ndim), false, input.dtype);
  return record(fn === "max" ? "MaxBackward1" : "MinBackward1", [input], out, () => ({
    self: input,
    result: out,
  }));
}

/** torch.max(input) → tensor; torch.max(input, dim, keepdim?) → { values, indices } (also `[values, indices]`). */
export function max(input: Tensor): Tensor;
export function max(input: Tensor, dim: number | DimKeepdim, keepdim?: boolean): ValuesIndices;
export function max(input: Tensor, dim?: number | DimKeepdim, keepdim?: boolean): Tensor | ValuesIndices {
  checkTensor(input, "max");
  const args = dimArgs(dim, keepdim);
  return args.dim === null
    ? fullSelect("max", input)
    : selectWithIndices("max", input, args.dim, args.keepdim);
}

/** torch.min: see max. */
export function min(input: Tensor): Tensor;
export function min(input: Tensor, dim: number | DimKeepdim, keepdim?: boolean): ValuesIndices;
export function min(input: Tensor, dim?: number | DimKeepdim, keepdim?: boolean): Tensor | ValuesIndices {
  checkTensor(input, "min");
  const args = dimArgs(dim, keepdim);
  return args.dim === null
    ? fullSelect("min", input)
    : selectWithIndices("min", input, args.dim, args.keepdim);
}

interface AmaxOptions {
  dim?: DimArg;
  keepdim?: boolean;
}

function amaxLike(
  fn: "amax" | "amin",
  input: Tensor,
  dim: DimArg | AmaxOptions | undefined,
  keepdim?: boolean,
) {
  checkTensor(input, fn);
  const opts = isOptions(dim) ? dim : { dim: dim ?? null, keepdim };
  const listed = normalizeDims(opts.dim ?? null, input.ndim);
  const dims = listed === null || listed.length === 0 ? allDims(input.ndim) : listed;
  checkNonEmpty(fn, input, listed === null || listed.length === 0 ? null : dims);
  const keep = opts.keepdim ?? false;
  const out = reduceKernel(fn === "amax" ? "max" : "min", input, dims, keep, input.dtype);
  return record(fn === "amax" ? "AmaxBackward0" : "AminBackward0", [input], out, () => ({
    self: input,
    result: out,
    dims,
    keepdim: keep,
  }));
}

/** torch.amax(input, dim=(), keepdim=False): max over dims (all when empty); ties share the gradient. */
export function amax(input: Tensor, dim?: DimArg | AmaxOptions, keepdim?: boolean): Tensor {
  return amaxLike("amax", input, dim, keepdim);
}

/** torch.amin: see amax. */
export function amin(input: Tensor, dim?: DimArg | AmaxOptions, keepdim?: boolean): Tensor {
  return amaxLike("amin", input, dim, keepdim);
}

function argReduce(
  fn: "argmax" | "argmin",
  input: Tensor,
  dimOrOpts?: number | null | DimKeepdim,
  keepdim?: boolean,
) {
  checkTensor(input, fn);
  const args = dimArgs(dimOrOpts, keepdim);
  if (args.dim === null) {
    checkNonEmpty(fn, input, null);
    const flat = fromData(input.values(), [input.numel()], input.dtype);
    const data = backend().argReduce(fn, flat._view(), 0);
    return fromData(data, args.keepdim ? input.shape.map(() => 1) : [], int64);
  }
  const d = normalizeDim(args.dim, input.ndim);
  if (input.ndim === 0) return fromData(new Float64Array(1), [], int64);
  checkNonEmpty(fn, input, [d]);
  const data = backend().argReduce(fn, input._view(), d);
  return fromData(data, reducedShape(input.shape, [d], args.keepdim), int64);
}

/** torch.argmax(input, dim=None, keepdim=False): int64 index of the max (of the flattened input without dim). */
export function argmax(input: Tensor, dim?: number | null | DimKeepdim, keepdim?: boolean): Tensor {
  return argReduce("argmax", input, dim, keepdim);
}

/** torch.argmin: see argmax. */
export function argmin(input: Tensor, dim?: number | null | DimKeepdim, keepdim?: boolean): Tensor {
  return argReduce("argmin", input, dim, keepdim);
}

function logical(
  fn: "all" | "any",
  input: Tensor,
  dimOrOpts?: number | null | DimKeepdim,
  keepdim?: boolean,
) {
  checkTensor(input, fn);
  const args = dimArgs(dimOrOpts, keepdim);
  const dims =
    args.dim === null ? allDims(input.ndim) : input.ndim === 0 ? [] : [normalizeDim(args.dim, input.ndim)];
  if (args.dim !== null && input.ndim === 0) normalizeDim(args.dim, 0);
  return reduceKernel(fn, input, dims, args.dim === null ? false : args.keepdim, bool);
}

/** torch.all(input) or torch.all(input, dim, keepdim?): whether every element is nonzero (bool). */
export function all(input: Tensor, dim?: number | null | DimKeepdim, keepdim?: boolean): Tensor {
  return logical("all", input, dim, keepdim);
}

/** torch.any: whether some element is nonzero (bool). */
export function any(input: Tensor, dim?: number | null | DimKeepdim, keepdim?: boolean): Tensor {
  return logical("any", input, dim, keepdim);
}

declare module "../tensor/tensor.js" {
  interface Tensor {
    prod: AsMethod<typeof prod>;
    max(): Tensor;
    max(dim: number | DimKeepdim, keepdim?: boolean): ValuesIndices;
    min(): Tensor;
    min(dim: number | DimKeepdim, keepdim?: boolean): ValuesIndices;
    amax: AsMethod<typeof amax>;
    amin: AsMethod<typeof amin>;
    argmax: AsMethod<typeof argmax>;
    argmin: AsMethod<typeof argmin>;
    all: AsMethod<typeof all>;
    any: AsMethod<typeof any>;
  }
}
installMethods({ prod, max, min, amax, amin, argmax, argmin, all, any });
