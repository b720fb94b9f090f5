// torch.utils.data datasets. JS has no operator overloading, so PyTorch's `dataset[i]` is
// `dataset.get(i)` and `len(dataset)` is `dataset.length`. Plain arrays work wherever a dataset does,
// as Python lists do. Like PyTorch, the constructors store what they are given: a dataset that cannot
// be indexed fails when it is used, with Python's error.
import { AssertionError, IndexError, NotImplementedError, ValueError } from "../../errors.js";
import { pyAttr, pyList } from "../../optim/python.js";
import { getItem as subscript, type IndexPart } from "../../ops/subscript.js";
import { pyTypeName } from "../../signatures/messages.js";
import { definePython, PySignature, type CallArgs } from "../../signatures/registry.js";
import { default_generator, Generator, randpermIndices } from "../../tensor/random.js";
import { Tensor } from "../../tensor/tensor.js";
import { emitWarning } from "../../warnings.js";

export const MODULE = "torch.utils.data";

/**
 * torch.utils.data.Dataset: subclass it and implement `get(index)` (PyTorch's `__getitem__`) and
 * `get length()` (`__len__`).
 */
export abstract class Dataset<T> {
  /** Python's object.__init__: a Dataset takes no arguments. */
  constructor(...args: unknown[]) {
    if (args.length > 0) throw new TypeError(`${new.target.name}() takes no arguments`);
  }

  abstract get(index: number): T;
  abstract get length(): number;

  toString(): string {
    return `<torch.utils.data.dataset.${this.constructor.name} object>`;
  }
}

/** Anything the loaders accept: a Dataset or a plain array (Python's list). */
export type DatasetLike<T> = Dataset<T> | readonly T[];

/**
 * torch.utils.data.IterableDataset: a stream of samples. Subclass it and implement `[Symbol.iterator]`
 * (PyTorch's `__iter__`); `length` only if the stream has one. It cannot be indexed, as in PyTorch.
 */
export abstract class IterableDataset<T> extends Dataset<T> implements Iterable<T> {
  abstract [Symbol.iterator](): Iterator<T>;

  /** Dataset.__getitem__, which an IterableDataset does not override. */
  get(_index: number): T {
    throw new NotImplementedError("");
  }

  /** Python's len() of an object without __len__, unless a subclass gives one. */
  get length(): number {
    throw new TypeError(`object of type '${this.constructor.name}' has no len()`);
  }
}

/** Python's `seq[index]` on a list (negative indices count from the end). */
function listItem<T>(list: readonly T[], index: unknown): T {
  if (typeof index !== "number" || !Number.isInteger(index))
    throw new TypeError(`list indices must be integers or slices, not ${pyTypeName(index)}`);
  if (index < -list.length || index >= list.length) throw new IndexError("list index out of range");
  return list[index < 0 ? index + list.length : index];
}

/** `dataset[i]`, for a Dataset or a list; Python's error for anything else. */
export function getItem<T>(dataset: unknown, index: number): T {
  if (Array.isArray(dataset)) return listItem(dataset as T[], index);
  if (dataset instanceof Dataset) {
    // PyTorch's Dataset.__getitem__ raises NotImplementedError (a JS subclass may lack get()).
    if (typeof dataset.get !== "function") throw new NotImplementedError("");
    return (dataset as Dataset<T>).get(index);
  }
  throw new TypeError(`'${pyTypeName(dataset)}' object is not subscriptable`);
}

/** `len(dataset)`; Python's error for an object without one. */
export function datasetLength(dataset: unknown): number {
  const n = Array.isArray(dataset) || dataset instanceof Dataset ? dataset.length : undefined;
  if (typeof n === "number") return n;
  throw new TypeError(`object of type '${pyTypeName(dataset)}' has no len()`);
}

type TensorRow<T extends readonly Tensor[]> = { [K in keyof T]: Tensor };

/** `x.size(0)` as TensorDataset's assertion reads it. */
function sizeOf0(x: unknown): number {
  if (!(x instanceof Tensor)) pyAttr(x, "size");
  const t = x as Tensor;
  if (t.ndim === 0) throw new IndexError("Dimension specified as 0 but tensor has no dimensions");
  return t.shape[0];
}

// The tensors are unannotated: PyTorch reads their size(0) itself, and so do we.
const TENSOR_DATASET_INIT = new PySignature(MODULE, "TensorDataset.__init__(*tensors)");

/** torch.utils.data.TensorDataset: sample i is the i-th row of every tensor. */
export class TensorDataset<T extends Tensor[] = Tensor[]> extends Dataset<TensorRow<T>> {
  readonly tensors: T;

  constructor(...tensors: T);
  constructor(...args: CallArgs<"TensorDataset.__init__">);
  constructor(...args: unknown[]) {
    super();
    const [tensors] = TENSOR_DATASET_INIT.bind(args) as [unknown[]];
    // PyTorch checks this with an assert, hence the AssertionError.
    for (const t of tensors)
      if (sizeOf0(tensors[0]) !== sizeOf0(t)) throw new AssertionError("Size mismatch between tensors");
    this.tensors = tensors as T;
  }

  /**
   * `dataset[index]`: PyTorch's `tuple(tensor[index] for tensor in self.tensors)`. The index is written as
   * Tensor.get's subscript: `ds.get(3)`, a slice `ds.get("0:64")`, an index tensor or list `ds.get(idx)`.
   */
  get(...index: IndexPart[]): TensorRow<T> {
    return this.tensors.map((t) => subscript(t, ...index)) as TensorRow<T>;
  }

  get length(): number {
    return sizeOf0(pyListItem(this.tensors, 0));
  }
}

function pyListItem<T>(list: readonly T[], index: number): T {
  if (index >= list.length) throw new IndexError("tuple index out of range");
  return list[index];
}

// Both unannotated: PyTorch stores them and indexes them when the subset is used.
const SUBSET_INIT = new PySignature(MODULE, "Subset.__init__(dataset, indices)");

/** torch.utils.data.Subset: the samples of `dataset` at `indices`, in that order. */
export class Subset<T = unknown> extends Dataset<T> {
  readonly dataset: DatasetLike<T>;
  readonly indices: readonly number[];

  constructor(dataset: DatasetLike<T>, indices: readonly number[]);
  constructor(...args: CallArgs<"Subset.__init__">);
  constructor(...args: unknown[]) {
    super();
    const [dataset, indices] = SUBSET_INIT.bind(args);
    this.dataset = dataset as DatasetLike<T>;
    this.indices = indices as readonly number[];
  }

  get(index: number): T {
    if (!Array.isArray(this.indices))
      throw new TypeError(`'${pyTypeName(this.indices)}' object is not subscriptable`);
    return getItem(this.dataset, listItem(this.indices, index));
  }

  get length(): number {
    if (!Array.isArray(this.indices))
      throw new TypeError(`object of type '${pyTypeName(this.indices)}' has no len()`);
    return this.indices.length;
  }
}

// Unannotated: PyTorch stores list(datasets) and asserts on it.
const CONCAT_INIT = new PySignature(MODULE, "ConcatDataset.__init__(datasets)");

/** torch.utils.data.ConcatDataset: the samples of each dataset in turn (map-style datasets only). */
export class ConcatDataset<T = unknown> extends Dataset<T> {
  readonly datasets: DatasetLike<T>[];
  /** Running totals of the datasets' lengths, as PyTorch keeps them. */
  readonly cumulative_sizes: number[];

  constructor(datasets: Iterable<DatasetLike<T>>);
  constructor(...args: CallArgs<"ConcatDataset.__init__">);
  constructor(...args: unknown[]) {
    super();
    const [datasets] = CONCAT_INIT.bind(args);
    this.datasets = pyList(datasets) as DatasetLike<T>[];
    if (this.datasets.length === 0) throw new AssertionError("datasets should not be an empty iterable");
    for (const d of this.datasets)
      if (d instanceof IterableDataset)
        throw new AssertionError("ConcatDataset does not support IterableDataset");
    let total = 0;
    this.cumulative_sizes = this.datasets.map((d) => (total += datasetLength(d)));
  }

  get length(): number {
    return this.cumulative_sizes[this.cumulative_sizes.length - 1];
  }

  get(index: number): T {
    let idx = index;
    if (idx < 0) {
      if (-idx > this.length)
        throw new ValueError("absolute value of index should not exceed dataset length");
      idx += this.length;
    }
    // bisect.bisect_right(cumulative_sizes, idx)
    let datasetIdx = 0;
    while (datasetIdx < this.cumulative_sizes.length && this.cumulative_sizes[datasetIdx] <= idx)
      datasetIdx++;
    const sampleIdx = datasetIdx === 0 ? idx : idx - this.cumulative_sizes[datasetIdx - 1];
    return getItem(listItem(this.datasets, datasetIdx), sampleIdx);
  }
}

// Unannotated: PyTorch stores the iterable and checks each dataset as it reaches it.
const CHAIN_INIT = new PySignature(MODULE, "ChainDataset.__init__(datasets)");

/** torch.utils.data.ChainDataset: IterableDatasets streamed one after another, chained on the fly. */
export class ChainDataset<T = unknown> extends IterableDataset<T> {
  readonly datasets: Iterable<IterableDataset<T>>;

  constructor(datasets: Iterable<IterableDataset<T>>);
  constructor(...args: CallArgs<"ChainDataset.__init__">);
  constructor(...args: unknown[]) {
    super();
    const [datasets] = CHAIN_INIT.bind(args);
    this.datasets = datasets as Iterable<IterableDataset<T>>;
  }

  *[Symbol.iterator](): Iterator<T> {
    for (const d of pyList(this.datasets)) yield* chainMember<T>(d);
  }

  override get length(): number {
    let total = 0;
    for (const d of pyList(this.datasets)) total += datasetLength(chainMember(d));
    return total;
  }
}

function chainMember<T>(d: unknown): IterableDataset<T> {
  if (!(d instanceof IterableDataset)) throw new AssertionError("ChainDataset only supports IterableDataset");
  return d as IterableDataset<T>;
}

/** Python's sum() of a list of numbers: CPython's TypeError for anything else. */
function pySum(values: unknown): number {
  let total = 0;
  for (const v of pyList(values)) {
    if (typeof v !== "number" && typeof v !== "boolean")
      throw new TypeError(`unsupported operand type(s) for +: '${pyTypeName(total)}' and '${pyTypeName(v)}'`);
    total += Number(v);
  }
  return total;
}

/** Python's math.isclose with its default rel_tol = 1e-9. */
function isClose(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
}

/**
 * torch.utils.data.random_split(dataset, lengths, generator=default_generator): counts, or fractions
 * summing to 1 (floored, the remainder handed out round-robin), over one randperm of the whole set.
 */
function randomSplit(dataset: unknown, lengths: unknown, generator: unknown): Subset<unknown>[] {
  let counts = pyList(lengths) as number[];
  const total = pySum(counts);
  if (isClose(total, 1) && total <= 1) {
    const n = datasetLength(dataset);
    counts = counts.map((frac, i) => {
      if (frac < 0 || frac > 1) throw new ValueError(`Fraction at index ${i} is not between 0 and 1`);
      return Math.floor(n * frac);
    });
    const remainder = n - counts.reduce((a, b) => a + b, 0);
    for (let i = 0; i < remainder; i++) counts[i % counts.length] += 1;
    counts.forEach((c, i) => {
      if (c === 0) emitWarning(`Length of split at index ${i} is 0. This might result in an empty dataset.`);
    });
  }
  const sum = counts.reduce((a, b) => a + Number(b), 0);
  if (sum !== datasetLength(dataset))
    throw new ValueError("Sum of input lengths does not equal the length of the input dataset!");
  if (counts.some((c) => !Number.isInteger(c)))
    throw new TypeError("slice indices must be integers or None or have an __index__ method");
  // None, or the signature's default (PyTorch's default_generator), draw from the global generator.
  const indices = randpermIndices(sum, generator instanceof Generator ? generator : default_generator);
  let offset = 0;
  return counts.map((c) => {
    offset += c;
    return new Subset(dataset as DatasetLike<unknown>, indices.slice(offset - c, offset));
  });
}

// dataset and lengths are unannotated: PyTorch sums the lengths and takes len(dataset) itself.
definePython(MODULE, {
  "random_split(dataset, lengths, generator: Generator | None = <torch._C.Generator object>) -> Subset[]":
    randomSplit,
});
