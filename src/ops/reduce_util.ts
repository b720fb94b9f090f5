// Argument parsing and shape bookkeeping shared by the reduction ops.
import { RuntimeError } from "../errors.js";
import type { DType } from "../tensor/dtype.js";
import { normalizeDim } from "../tensor/shape.js";

export type DimArg = number | readonly number[] | null;

export interface ReduceOptions {
  dim?: DimArg;
  keepdim?: boolean;
  dtype?: DType | string | null;
}

/** Whether a trailing argument is PyTorch's keyword arguments as an options object. */
export function isOptions<T>(
  v: T,
): v is Exclude<T, number | boolean | string | bigint | readonly number[] | null | undefined> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** Accepts PyTorch's spellings: (x), (x, dim, keepdim) and (x, { dim, keepdim, dtype }). */
export function reduceArgs(dimOrOpts: DimArg | ReduceOptions | undefined, keepdim?: boolean) {
  if (isOptions(dimOrOpts)) {
    const o = dimOrOpts as ReduceOptions;
    return { dim: o.dim ?? null, keepdim: o.keepdim ?? false, dtype: o.dtype ?? null };
  }
  return { dim: (dimOrOpts as DimArg | undefined) ?? null, keepdim: keepdim ?? false, dtype: null };
}

/** Sorted, unique, non-negative dims; null means every dim. */
export function normalizeDims(dim: DimArg, ndim: number): number[] | null {
  if (dim === null) return null;
  const list = typeof dim === "number" ? [dim] : [...dim];
  const seen = new Set<number>();
  for (const d of list) {
    const n = normalizeDim(d, ndim);
    if (seen.has(n)) throw new RuntimeError(`dim ${n} appears multiple times in the list of dims`);
    seen.add(n);
  }
  return [...seen].sort((a, b) => a - b).filter((d) => d < ndim);
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
