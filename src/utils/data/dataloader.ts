// torch.utils.data.DataLoader (single process): batches of `batch_size` samples, in order or shuffled
// with the same permutation PyTorch's RandomSampler draws, joined by `collate_fn` (default_collate).
import { ValueError } from "../../errors.js";
import { default_generator, Generator } from "../../tensor/random.js";
import { default_collate, type Collated } from "./collate.js";
import { datasetLength, getItem, Dataset, type DatasetLike } from "./dataset.js";
import { drawInt64Seed, randpermIndices } from "./randperm.js";

export interface DataLoaderOptions<T, B> {
  /** Samples per batch; null yields single samples without collation (PyTorch's batch_size=None). */
  batch_size?: number | null;
  shuffle?: boolean;
  /** Drop the last batch when it is smaller than batch_size. */
  drop_last?: boolean;
  collate_fn?: ((batch: T[]) => B) | null;
  /** Draws the shuffle order (and the per-epoch base seed PyTorch draws), instead of the global generator. */
  generator?: Generator | null;
}

/**
 * `for (const [x, y] of loader)` iterates one epoch; `loader.length` is `len(loader)`, the number of
 * batches. Each new iteration reshuffles, consuming random numbers exactly as PyTorch does.
 */
export class DataLoader<T, B = Collated<T>> implements Iterable<B> {
  readonly dataset: DatasetLike<T>;
  readonly batch_size: number | null;
  readonly shuffle: boolean;
  readonly drop_last: boolean;
  /** The collate function given, or null for default_collate. */
  readonly collate_fn: ((batch: T[]) => B) | null;
  readonly generator: Generator | null;

  constructor(dataset: DatasetLike<T>, opts: DataLoaderOptions<T, B> = {}) {
    if (!Array.isArray(dataset) && !(dataset instanceof Dataset))
      throw new TypeError("DataLoader: dataset must be a torch.utils.data.Dataset or an array");
    if (typeof opts !== "object" || opts === null || Array.isArray(opts))
      throw new TypeError("DataLoader: options must be an object");
    const { batch_size = 1, shuffle = false, drop_last = false, collate_fn = null, generator = null } = opts;
    if (
      batch_size !== null &&
      (typeof batch_size !== "number" || !Number.isInteger(batch_size) || batch_size <= 0)
    )
      throw new ValueError(
        `batch_size should be a positive integer value, but got batch_size=${String(batch_size)}`,
      );
    if (typeof shuffle !== "boolean")
      throw new TypeError(`DataLoader: shuffle must be a boolean, not ${typeof shuffle}`);
    if (typeof drop_last !== "boolean")
      throw new ValueError(`drop_last should be a boolean value, but got drop_last=${String(drop_last)}`);
    if (batch_size === null && drop_last)
      throw new ValueError(
        "batch_size=None option disables auto-batching and is mutually exclusive with drop_last",
      );
    if (collate_fn !== null && typeof collate_fn !== "function")
      throw new TypeError("DataLoader: collate_fn must be a function");
    if (generator !== null && !(generator instanceof Generator))
      throw new TypeError("DataLoader: generator must be a torch.Generator");
    if (shuffle && datasetLength(dataset) === 0)
      throw new ValueError("num_samples should be a positive integer value, but got num_samples=0");
    this.dataset = dataset;
    this.batch_size = batch_size;
    this.shuffle = shuffle;
    this.drop_last = drop_last;
    this.collate_fn = collate_fn;
    this.generator = generator;
  }

  /** Number of batches (len(loader)). */
  get length(): number {
    const n = datasetLength(this.dataset);
    if (this.batch_size === null) return n;
    return this.drop_last ? Math.floor(n / this.batch_size) : Math.ceil(n / this.batch_size);
  }

  [Symbol.iterator](): Iterator<B> {
    // PyTorch's iterator draws a 64-bit base seed (for worker processes) as soon as it is created.
    drawInt64Seed(this.generator ?? default_generator);
    return this.batches();
  }

  /**
   * The sample indices of one epoch, as PyTorch's RandomSampler generator makes them, lazily: its
   * seed and permutation are drawn on the first request, and when it runs out it draws one more
   * (discarded) permutation, from `randperm(n)[:num_samples % n]`.
   */
  private *sampler(): EpochIterator<number> {
    const n = datasetLength(this.dataset);
    if (!this.shuffle) {
      for (let i = 0; i < n; i++) yield i;
      return;
    }
    // Without a generator, RandomSampler seeds a fresh one from the global generator.
    const generator = this.generator ?? new Generator().manual_seed(drawInt64Seed(default_generator));
    yield* randpermIndices(n, generator);
    randpermIndices(n, generator);
  }

  /** PyTorch's BatchSampler over the sampler, both of its branches, so the draws happen at the same times. */
  private *batches(): EpochIterator<B> {
    const indices = this.sampler();
    const load = (batch: number[]): B => {
      const samples = batch.map((i) => getItem(this.dataset, i));
      return this.collate_fn ? this.collate_fn(samples) : (default_collate(samples) as B);
    };
    const size = this.batch_size;
    if (size === null) {
      for (const index of indices) {
        const sample = getItem(this.dataset, index);
        // Without auto-batching PyTorch applies collate_fn to each sample; its default leaves samples as they are.
        yield (this.collate_fn ? (this.collate_fn as unknown as (s: T) => B)(sample) : sample) as B;
      }
      return;
    }
    if (this.drop_last) {
      for (;;) {
        const batch: number[] = [];
        for (let k = 0; k < size; k++) {
          const next = indices.next();
          if (next.done) return;
          batch.push(next.value);
        }
        yield load(batch);
      }
    }
    let batch: number[] = [];
    for (const index of indices) {
      batch.push(index);
      if (batch.length === size) {
        yield load(batch);
        batch = [];
      }
    }
    if (batch.length > 0) yield load(batch);
  }
}

type EpochIterator<B> = globalThis.Generator<B, void, undefined>;
