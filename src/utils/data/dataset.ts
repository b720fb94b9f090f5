// torch.utils.data datasets. JS has no operator overloading, so PyTorch's `dataset[i]` is
// `dataset.get(i)` and `len(dataset)` is `dataset.length`. Plain arrays work wherever a dataset does,
// as Python lists do.
import { AssertionError, IndexError, ValueError } from "../../errors.js";
import { select } from "../../ops/shape_ops.js";
import { default_generator, type Generator } from "../../tensor/random.js";
import { Tensor } from "../../tensor/tensor.js";
import { emitWarning } from "../../warnings.js";
import { randpermIndices } from "./randperm.js";

/** torch.utils.data.Dataset: subclass it and implement `get(index)` and `get length()`. */
export abstract class Dataset<T> {
  /** PyTorch's `__getitem__`. */
  abstract get(index: number): T;
  /** PyTorch's `__len__`. */
  abstract get length(): number;
}

/** Anything the loaders accept: a Dataset or a plain array (Python's list). */
export type DatasetLike<T> = Dataset<T> | readonly T[];

/** `dataset[i]` for either spelling. */
export function getItem<T>(dataset: DatasetLike<T>, index: number): T {
  if (Array.isArray(dataset)) {
    if (!Number.isInteger(index) || index < -dataset.length || index >= dataset.length)
      throw new IndexError("list index out of range");
    return (dataset as readonly T[])[index < 0 ? index + dataset.length : index];
  }
  return (dataset as Dataset<T>).get(index);
}

export function datasetLength(dataset: DatasetLike<unknown>): number {
  const n = (dataset as { length?: unknown }).length;
  if (typeof n !== "number" || !Number.isInteger(n) || n < 0)
    throw new TypeError("object of type 'Dataset' has no len(): implement `get length()` returning a count");
  return n;
}

function checkDataset(dataset: unknown, fn: string): void {
  if (Array.isArray(dataset)) return;
  if (!(dataset instanceof Dataset))
    throw new TypeError(
      `${fn}: dataset must be a torch.utils.data.Dataset or an array, not ${describeValue(dataset)}`,
    );
}

function describeValue(v: unknown): string {
  if (v === null) return "null";
  if (typeof v === "object") return (v as object).constructor?.name ?? "object";
  return typeof v;
}

type TensorRow<T extends readonly Tensor[]> = { [K in keyof T]: Tensor };

/** torch.utils.data.TensorDataset: sample i is the i-th row of every tensor. */
export class TensorDataset<T extends Tensor[] = Tensor[]> extends Dataset<TensorRow<T>> {
  readonly tensors: T;

  constructor(...tensors: T) {
    super();
    tensors.forEach((t, i) => {
      if (!(t instanceof Tensor))
        throw new TypeError(`TensorDataset: argument ${i} must be a Tensor, not ${describeValue(t)}`);
      if (t.ndim === 0) throw new IndexError("dimension specified as 0 but tensor has no dimensions");
    });
    // PyTorch checks this with an assert, hence the AssertionError.
    if (tensors.some((t) => t.shape[0] !== tensors[0].shape[0]))
      throw new AssertionError("Size mismatch between tensors");
    this.tensors = tensors;
  }

  get(index: number): TensorRow<T> {
    return this.tensors.map((t) => select(t, 0, index)) as TensorRow<T>;
  }

  get length(): number {
    return this.tensors.length === 0 ? 0 : this.tensors[0].shape[0];
  }
}

/** torch.utils.data.Subset: the samples of `dataset` at `indices`, in that order. */
export class Subset<T> extends Dataset<T> {
  constructor(
    readonly dataset: DatasetLike<T>,
    readonly indices: readonly number[],
  ) {
    super();
    checkDataset(dataset, "Subset");
  }

  get(index: number): T {
    if (!Number.isInteger(index) || index < -this.indices.length || index >= this.indices.length)
      throw new IndexError("list index out of range");
    return getItem(this.dataset, this.indices[index < 0 ? index + this.indices.length : index]);
  }

  get length(): number {
    return this.indices.length;
  }
}

/**
 * torch.utils.data.random_split(dataset, lengths, generator = default_generator): counts, or fractions
 * summing to 1 (floored, the remainder handed out round-robin), over one randperm of the whole set.
 */
export function random_split<T>(
  dataset: DatasetLike<T>,
  lengths: readonly number[],
  generator: Generator = default_generator,
): Subset<T>[] {
  checkDataset(dataset, "random_split");
  const n = datasetLength(dataset);
  let counts = lengths.slice();
  const total = lengths.reduce((a, b) => a + b, 0);
  if (isClose(total, 1) && total <= 1) {
    counts = lengths.map((frac, i) => {
      if (frac < 0 || frac > 1) throw new ValueError(`Fraction at index ${i} is not between 0 and 1`);
      return Math.floor(n * frac);
    });
    const remainder = n - counts.reduce((a, b) => a + b, 0);
    for (let i = 0; i < remainder; i++) counts[i % counts.length] += 1;
    counts.forEach((c, i) => {
      if (c === 0) emitWarning(`Length of split at index ${i} is 0. This might result in an empty dataset.`);
    });
  }
  if (counts.some((c) => !Number.isInteger(c) || c < 0))
    throw new ValueError("random_split: lengths must be non-negative integers or fractions that sum to 1");
  const sum = counts.reduce((a, b) => a + b, 0);
  if (sum !== n) throw new ValueError("Sum of input lengths does not equal the length of the input dataset!");
  const indices = randpermIndices(sum, generator);
  let offset = 0;
  return counts.map((c) => {
    offset += c;
    return new Subset(dataset, indices.slice(offset - c, offset));
  });
}

/** Python's math.isclose with its default rel_tol = 1e-9. */
function isClose(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
}
