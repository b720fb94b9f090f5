// torch.utils.data.DataLoader (PyTorch 1.13, map-style datasets, loading in the main process): batches of
// `batch_size` samples from the sampler (in order, shuffled with the same permutation PyTorch's
// RandomSampler draws, or the caller's sampler / batch_sampler), joined by `collate_fn` (default_collate).
import { AssertionError, NotImplementedError, ValueError } from "../../errors.js";
import { pyCall, pyCompare, pyList, pyTruthy } from "../../optim/python.js";
import { pyStr } from "../../python.js";
import { pyTypeName } from "../../signatures/messages.js";
import { PySignature, type CallArgs } from "../../signatures/registry.js";
import { default_generator, drawInt64Seed, Generator, randpermIndices } from "../../tensor/random.js";
import { emitWarning } from "../../warnings.js";
import { default_collate, type Collated } from "./collate.js";
import { datasetLength, getItem, type DatasetLike } from "./dataset.js";

/** The keyword arguments of `new DataLoader(dataset, { ... })`, typed by the samples and batches. */
export interface DataLoaderOptions<T, B> {
  /** Samples per batch; null yields single samples without collation (PyTorch's batch_size=None). */
  batch_size?: number | null;
  shuffle?: boolean | null;
  /** The sample indices of an epoch, in order (an array, or any iterable PyTorch's Sampler would be). */
  sampler?: Iterable<number> | null;
  /** The batches of sample indices of an epoch (mutually exclusive with batch_size, shuffle, sampler, drop_last). */
  batch_sampler?: Iterable<number[]> | null;
  /** Must be 0: tensorgrad loads in the main process. */
  num_workers?: number;
  collate_fn?: ((batch: T[]) => B) | null;
  /** Accepted as PyTorch's CPU build does: there is no pinned memory without CUDA. */
  pin_memory?: boolean;
  /** Drop the last batch when it is smaller than batch_size. */
  drop_last?: boolean;
  /** Seconds to wait for a worker's batch (unused without workers, as in PyTorch). */
  timeout?: number;
  /** Called in each worker process (unused without workers, as in PyTorch). */
  worker_init_fn?: ((workerId: number) => void) | null;
  multiprocessing_context?: null;
  /** Draws the shuffle order (and the per-epoch base seed PyTorch draws), instead of the global generator. */
  generator?: Generator | null;
  prefetch_factor?: number;
  persistent_workers?: boolean;
  pin_memory_device?: string;
}

// Everything PyTorch checks itself (comparisons, isinstance, truthiness) or stores until it iterates is
// unannotated, so that a bad value fails as it does there. (TypeScript callers get DataLoaderOptions.)
const INIT = new PySignature(
  "torch.utils.data",
  "DataLoader.__init__(dataset, batch_size=1, shuffle=None, sampler=None, batch_sampler=None, num_workers=0, collate_fn=None, pin_memory=False, drop_last=False, timeout=0, worker_init_fn=None, multiprocessing_context=None, generator: Generator | None = None, *, prefetch_factor=2, persistent_workers=False, pin_memory_device: str = '')",
);

/** isinstance(x, int) and not isinstance(x, bool), for batch_size. */
const isPositiveIntArg = (x: unknown): boolean =>
  ((typeof x === "number" && Number.isInteger(x)) || typeof x === "bigint") && pyCompare(x, ">", 0);

/** len() of a sampler: Python's error for one without a length (an iterator). */
function samplerLength(sampler: unknown): number {
  if (Array.isArray(sampler)) return sampler.length;
  if (sampler instanceof Set || sampler instanceof Map) return sampler.size;
  const n = (sampler as { length?: unknown } | null)?.length;
  if (typeof n === "number") return n;
  throw new TypeError(`object of type '${pyTypeName(sampler)}' has no len()`);
}

/**
 * `for (const [x, y] of loader)` iterates one epoch; `loader.length` is `len(loader)`, the number of
 * batches. Each new iteration reshuffles, consuming random numbers exactly as PyTorch does.
 */
export class DataLoader<T, B = Collated<T>> implements Iterable<B> {
  readonly dataset: DatasetLike<T>;
  readonly batch_size: number | null;
  readonly drop_last: boolean;
  /** The caller's sampler, or null for PyTorch's default SequentialSampler / RandomSampler. */
  readonly sampler: Iterable<number> | null;
  readonly batch_sampler: Iterable<number[]> | null;
  readonly num_workers: number;
  readonly prefetch_factor: number;
  readonly pin_memory: unknown;
  readonly pin_memory_device: string;
  readonly timeout: number;
  readonly worker_init_fn: unknown;
  readonly multiprocessing_context: null;
  readonly persistent_workers: unknown;
  /** The function batches go through: the one given, or default_collate (identity without batching). */
  readonly collate_fn: (batch: never) => unknown;
  readonly generator: Generator | null;
  readonly #shuffle: boolean;

  constructor(dataset: DatasetLike<T>, opts?: DataLoaderOptions<T, B>);
  constructor(
    dataset: DatasetLike<T>,
    batch_size: number | null,
    shuffle?: boolean | null,
    opts?: Omit<DataLoaderOptions<T, B>, "batch_size" | "shuffle">,
  );
  constructor(...args: CallArgs<"DataLoader.__init__">);
  constructor(...args: unknown[]) {
    const [
      dataset,
      batchSizeArg,
      shuffleArg,
      sampler,
      batchSampler,
      num_workers,
      collate_fn,
      pin_memory,
      dropLastArg,
      timeout,
      worker_init_fn,
      multiprocessing_context,
      generator,
      prefetch_factor,
      persistent_workers,
      pin_memory_device,
    ] = INIT.bind(args);
    if (pyCompare(num_workers, "<", 0))
      throw new ValueError(
        "num_workers option should be non-negative; use num_workers=0 to disable multiprocessing.",
      );
    if (pyCompare(timeout, "<", 0)) throw new ValueError("timeout option should be non-negative");
    const noWorkers = num_workers === 0 || num_workers === false;
    if (noWorkers && prefetch_factor !== 2)
      throw new ValueError(
        "prefetch_factor option could only be specified in multiprocessing.let num_workers > 0 to enable multiprocessing.",
      );
    if (!noWorkers && !pyCompare(prefetch_factor, ">", 0)) throw new AssertionError("");
    if (pyTruthy(persistent_workers) && noWorkers)
      throw new ValueError("persistent_workers option needs num_workers > 0");
    if (!noWorkers)
      throw new NotImplementedError(
        "tensorgrad's DataLoader loads in the main process: num_workers must be 0 (JS has no worker processes here)",
      );
    if (multiprocessing_context !== null)
      throw new ValueError(
        `multiprocessing_context can only be used with multi-process loading (num_workers > 0), but got num_workers=${pyStr(num_workers)}`,
      );
    const shuffle = pyTruthy(shuffleArg);
    let batch_size = batchSizeArg;
    let drop_last = dropLastArg;
    if (sampler !== null && shuffle)
      throw new ValueError("sampler option is mutually exclusive with shuffle");
    if (batchSampler !== null) {
      if (batch_size !== 1 || shuffle || sampler !== null || pyTruthy(drop_last))
        throw new ValueError(
          "batch_sampler option is mutually exclusive with batch_size, shuffle, sampler, and drop_last",
        );
      batch_size = null;
      drop_last = false;
    } else if (batch_size === null && pyTruthy(drop_last)) {
      throw new ValueError(
        "batch_size=None option disables auto-batching and is mutually exclusive with drop_last",
      );
    }
    // RandomSampler checks the dataset's length; BatchSampler its arguments.
    if (sampler === null && shuffle) {
      const n = datasetLength(dataset);
      if (n <= 0)
        throw new ValueError(`num_samples should be a positive integer value, but got num_samples=${n}`);
    }
    if (batch_size !== null && batchSampler === null) {
      if (!isPositiveIntArg(batch_size))
        throw new ValueError(
          `batch_size should be a positive integer value, but got batch_size=${pyStr(batch_size)}`,
        );
      if (typeof drop_last !== "boolean")
        throw new ValueError(`drop_last should be a boolean value, but got drop_last=${pyStr(drop_last)}`);
    }
    this.dataset = dataset as DatasetLike<T>;
    this.batch_size = batch_size === null ? null : Number(batch_size);
    this.drop_last = drop_last as boolean;
    this.sampler = sampler as Iterable<number> | null;
    this.batch_sampler = batchSampler as Iterable<number[]> | null;
    this.num_workers = 0;
    this.prefetch_factor = 2;
    this.pin_memory = pin_memory;
    this.pin_memory_device = pin_memory_device;
    this.timeout = timeout as number;
    this.worker_init_fn = worker_init_fn;
    this.multiprocessing_context = null;
    this.persistent_workers = persistent_workers;
    const autoCollation = batchSampler !== null || batch_size !== null;
    this.collate_fn = (collate_fn ?? (autoCollation ? default_collate : (sample: unknown) => sample)) as (
      batch: never,
    ) => unknown;
    this.generator = generator;
    this.#shuffle = shuffle;
  }

  /** Number of batches (len(loader)): of the batch sampler, or of the sampler without batching. */
  get length(): number {
    if (this.batch_sampler !== null) return samplerLength(this.batch_sampler);
    const n = this.sampler !== null ? samplerLength(this.sampler) : datasetLength(this.dataset);
    if (this.batch_size === null) return n;
    return this.drop_last ? Math.floor(n / this.batch_size) : Math.ceil(n / this.batch_size);
  }

  [Symbol.iterator](): Iterator<B> {
    if (this.pin_memory_device.length > 0) {
      if (!pyTruthy(this.pin_memory))
        emitWarning(
          "pin memory device is set and pin_memory flag is not used then device pinned memory won't be usedplease set pin_memory to true, if you need to use the device pin memory",
        );
      else throw new NotImplementedError(`tensorgrad has no pinned memory on '${this.pin_memory_device}'`);
    }
    const batches = this.batches();
    // PyTorch's iterator draws a 64-bit base seed (for worker processes) as soon as it is created.
    drawInt64Seed(this.generator ?? default_generator);
    return batches;
  }

  /**
   * The sample indices of one epoch. PyTorch's RandomSampler is lazy: its seed and permutation are drawn
   * on the first request, and when it runs out it draws one more (discarded) permutation, from
   * `randperm(n)[:num_samples % n]`.
   */
  private *indices(): EpochIterator<number> {
    if (this.sampler !== null) {
      yield* pyList(this.sampler) as number[];
      return;
    }
    const n = datasetLength(this.dataset);
    if (!this.#shuffle) {
      for (let i = 0; i < n; i++) yield i;
      return;
    }
    // Without a generator, RandomSampler seeds a fresh one from the global generator.
    const generator = this.generator ?? new Generator().manual_seed(drawInt64Seed(default_generator));
    yield* randpermIndices(n, generator);
    randpermIndices(n, generator);
  }

  /** The index batches: the caller's batch_sampler, or PyTorch's BatchSampler over the sampler (both branches, so draws happen at the same times). */
  private *indexBatches(size: number): EpochIterator<number[]> {
    if (this.batch_sampler !== null) {
      for (const batch of pyList(this.batch_sampler)) yield pyList(batch) as number[];
      return;
    }
    const indices = this.indices();
    if (this.drop_last) {
      for (;;) {
        const batch: number[] = [];
        for (let k = 0; k < size; k++) {
          const next = indices.next();
          if (next.done) return;
          batch.push(next.value);
        }
        yield batch;
      }
    }
    let batch: number[] = [];
    for (const index of indices) {
      batch.push(index);
      if (batch.length === size) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  }

  private *batches(): EpochIterator<B> {
    const collate = this.collate_fn as unknown;
    if (this.batch_size === null && this.batch_sampler === null) {
      // Without auto-batching PyTorch applies collate_fn to each sample; its default leaves samples as they are.
      for (const index of this.indices()) yield pyCall<B>(collate, getItem(this.dataset, index));
      return;
    }
    for (const batch of this.indexBatches(this.batch_size ?? 1))
      yield pyCall<B>(
        collate,
        batch.map((i) => getItem(this.dataset, i)),
      );
  }

  toString(): string {
    return "<torch.utils.data.dataloader.DataLoader object>";
  }
}

type EpochIterator<B> = globalThis.Generator<B, void, undefined>;
