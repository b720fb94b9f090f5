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

/**
 * A result with named fields, PyTorch's torch.return_types.<name> (a structseq): read by index, by field name,
 * and destructured as `[a, b] = ...`; its repr (console.log prints it) is PyTorch's. No toString: like a tuple,
 * the signature walk reads it field by field.
 */
export class NamedTuple {
  readonly [index: number]: Tensor;
  readonly length: number;
  constructor(
    /** The torch.return_types name its repr shows ("max", "linalg_qr", ...). */
    readonly typeName: string,
    readonly fields: readonly string[],
    values: readonly Tensor[],
  ) {
    this.length = values.length;
    values.forEach((value, i) => {
      Object.defineProperty(this, i, { value, enumerable: true });
      Object.defineProperty(this, fields[i], { value, enumerable: false });
    });
  }
  *[Symbol.iterator](): IterableIterator<Tensor> {
    for (let i = 0; i < this.length; i++) yield this[i];
  }
  /** The structseq repr, e.g. `torch.return_types.linalg_qr(\nQ=tensor(...),\nR=tensor(...))`. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    const items = this.fields.map((f, i) => `${f}=${this[i].toString()}`);
    return `torch.return_types.${this.typeName}(\n${items.join(",\n")})`;
  }
}

/** A NamedTuple whose fields `N` are typed. */
export type Named<N extends string> = NamedTuple & { readonly [K in N]: Tensor };

export function named<N extends string>(
  typeName: string,
  fields: readonly N[],
  values: readonly Tensor[],
): Named<N> {
  return new NamedTuple(typeName, fields, values) as Named<N>;
}

/** `tuple` under another torch.return_types name, as torch.qr returns linalg_qr's result as a `qr`. */
export function renamed<N extends string>(typeName: string, tuple: Named<N>): Named<N> {
  return new NamedTuple(typeName, tuple.fields, [...tuple]) as Named<N>;
}

/** The (values, indices) pair max/min, sort, topk, cummax, ... return with a dim. */
export class ValuesIndices extends NamedTuple {
  declare readonly values: Tensor;
  declare readonly indices: Tensor;
  constructor(values: Tensor, indices: Tensor, typeName = "max") {
    super(typeName, ["values", "indices"], [values, indices]);
  }
}
