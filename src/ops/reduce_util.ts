// Shape bookkeeping shared by the reduction ops (their arguments are bound by the signature parser).
import { RuntimeError } from "../errors.js";
import { normalizeDim } from "../tensor/shape.js";
import type { Tensor } from "../tensor/tensor.js";

export type DimArg = number | readonly number[] | null;

/** Sorted, unique, non-negative dims; null means every dim. */
export function normalizeDims(dim: DimArg, ndim: number): number[] | null {
  if (dim === null) return null;
  const list = typeof dim === "number" ? [dim] : dim;
  const seen = new Set<number>();
  for (const d of list) {
    const n = normalizeDim(d, ndim);
    if (seen.has(n)) throw new RuntimeError(`dim ${n} appears multiple times in the list of dims`);
    seen.add(n);
  }
  return [...seen].sort((a, b) => a - b).filter((d) => d < ndim);
}

/** The dims a reduction over `dim` covers: every dim when it is null or empty, as PyTorch 1.13 reduces. */
export function reduceDims(dim: DimArg, ndim: number): number[] {
  const listed = normalizeDims(dim, ndim);
  return listed === null || listed.length === 0 ? allDims(ndim) : listed;
}

/** Every dim of an `ndim`-dim tensor. */
export function allDims(ndim: number): number[] {
  return Array.from({ length: ndim }, (_, i) => i);
}

export function reducedShape(shape: readonly number[], dims: readonly number[], keepdim: boolean): number[] {
  return keepdim
    ? shape.map((s, i) => (dims.includes(i) ? 1 : s))
    : shape.filter((_, i) => !dims.includes(i));
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
