// torch.utils.data.DataLoader (PyTorch 1.13): batches of `batch_size` samples from the sampler (in order,
// shuffled with the same permutation PyTorch's RandomSampler draws, or the caller's sampler / batch_sampler),
// or from an IterableDataset's stream, joined by `collate_fn` (default_collate). With num_workers > 0 the
// workers run in the calling thread, in PyTorch's order, with their own seeds (src/utils/data/worker.ts).
import { AssertionError, NotImplementedError, ValueError } from "../../errors.js";
import { pyCall, pyCompare, pyList, pyTruthy } from "../../optim/python.js";
import { pyRepr, pyStr } from "../../python.js";
import { PySignature, type CallArgs } from "../../signatures/registry.js";
import { default_generator, drawInt64Seed, type Generator } from "../../tensor/random.js";
import { emitWarning } from "../../warnings.js";
import { default_collate, default_convert, type Collated } from "./collate.js";
import { datasetLength, IterableDataset, type DatasetLike } from "./dataset.js";
import { BatchSampler, RandomSampler, samplerLength, SequentialSampler } from "./sampler.js";
import { makeFetcher, Worker, workerBatches } from "./worker.js";

/** The keyword arguments of `new DataLoader(dataset, { ... })`, typed by the samples and batches. */
export interface DataLoaderOptions<T, B> {
  /** Samples per batch; null yields single samples without collation (PyTorch's batch_size=None). */
  batch_size?: number | null;
  shuffle?: boolean | null;
  /** The sample indices of an epoch, in order (an array, or any iterable PyTorch's Sampler would be). */
  sampler?: Iterable<number> | null;
  /** The batches of sample indices of an epoch (mutually exclusive with batch_size, shuffle, sampler, drop_last). */
  batch_sampler?: Iterable<number[]> | null;
  /** Workers, run in the calling thread in PyTorch's order with PyTorch's seeds (src/utils/data/worker.ts). */
  num_workers?: number;
  collate_fn?: ((batch: T[]) => B) | null;
  /** Accepted as PyTorch's CPU build does: there is no pinned memory without CUDA. */
  pin_memory?: boolean;
  /** Drop the last batch when it is smaller than batch_size. */
  drop_last?: boolean;
  /** Seconds to wait for a worker's batch (workers answer at once in-process, so it never expires). */
  timeout?: number;
  /** Called as each worker starts, with its id (inside the worker: get_worker_info() describes it). */
  worker_init_fn?: ((workerId: number) => void) | null;
  /** "fork", "spawn" or "forkserver", accepted with workers and unused (there are no processes). */
  multiprocessing_context?: string | null;
  /** Draws the shuffle order (and the per-epoch base seed PyTorch draws), instead of the global generator. */
  generator?: Generator | null;
  /** Batches sent ahead to each worker. */
  prefetch_factor?: number;
  /** Keep the workers (their random state, and no new base seed) from one epoch to the next. */
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

/**
 * `for (const [x, y] of loader)` iterates one epoch; `loader.length` is `len(loader)`, the number of
 * batches. Each new iteration reshuffles, consuming random numbers exactly as PyTorch does.
 */
export class DataLoader<T, B = Collated<T>> implements Iterable<B> {
  readonly dataset: DatasetLike<T>;
  readonly batch_size: number | null;
  readonly drop_last: boolean;
  /** The caller's sampler, or PyTorch's default: a SequentialSampler, or a RandomSampler with `shuffle` (null for an IterableDataset). */
  readonly sampler: Iterable<number> | null;
  /** The caller's batch_sampler, or PyTorch's BatchSampler over the sampler when batching a map-style dataset. */
  readonly batch_sampler: Iterable<number[]> | null;
  readonly num_workers: number;
  readonly prefetch_factor: number;
  readonly pin_memory: unknown;
  readonly pin_memory_device: string;
  readonly timeout: number;
  readonly worker_init_fn: unknown;
  readonly multiprocessing_context: unknown;
  readonly persistent_workers: unknown;
  /** The function batches go through: the one given, or default_collate (identity without batching). */
  readonly collate_fn: (batch: never) => unknown;
  readonly generator: Generator | null;
  readonly #iterable: boolean;
  /** The persistent workers, once started. */
  #workers: Worker[] | null = null;
  /** len(dataset) as len(loader) last read it (PyTorch's _IterableDataset_len_called). */
  #reportedLength: number | null = null;

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
    checkMultiprocessingContext(multiprocessing_context, num_workers, noWorkers);
    const iterable = dataset instanceof IterableDataset;
    if (iterable) {
      if (shuffleArg !== false && shuffleArg !== null)
        throw new ValueError(
          `DataLoader with IterableDataset: expected unspecified shuffle option, but got shuffle=${pyStr(shuffleArg)}`,
        );
      if (sampler !== null)
        throw new ValueError(
          `DataLoader with IterableDataset: expected unspecified sampler option, but got sampler=${pyStr(sampler)}`,
        );
      if (batchSampler !== null)
        throw new ValueError(
          `DataLoader with IterableDataset: expected unspecified batch_sampler option, but got batch_sampler=${pyStr(batchSampler)}`,
        );
    }
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
    // PyTorch's default samplers (RandomSampler checks the dataset's length here).
    const defaultSampler =
      sampler !== null || iterable
        ? sampler
        : shuffle
          ? new RandomSampler(dataset, false, null, generator)
          : new SequentialSampler(dataset);
    if (batch_size !== null && batchSampler === null) {
      // BatchSampler's checks, in its words (before its signature sees the values).
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
    this.sampler = defaultSampler as Iterable<number> | null;
    this.batch_sampler = (
      batchSampler === null && batch_size !== null && !iterable
        ? new BatchSampler(defaultSampler, Number(batch_size), drop_last as boolean)
        : batchSampler
    ) as Iterable<number[]> | null;
    this.num_workers = Number(num_workers);
    this.prefetch_factor = prefetch_factor as number;
    this.pin_memory = pin_memory;
    this.pin_memory_device = pin_memory_device;
    this.timeout = timeout as number;
    this.worker_init_fn = worker_init_fn;
    this.multiprocessing_context = multiprocessing_context;
    this.persistent_workers = persistent_workers;
    const autoCollation = batchSampler !== null || batch_size !== null;
    this.collate_fn = (collate_fn ?? (autoCollation ? default_collate : default_convert)) as (
      batch: never,
    ) => unknown;
    this.generator = generator;
    this.#iterable = iterable;
  }

  /** Number of batches (len(loader)): of the batch sampler, or of the sampler without batching. */
  get length(): number {
    if (!this.#iterable) return samplerLength(this.batch_sampler ?? this.sampler);
    // An IterableDataset's own length, batched; PyTorch remembers it, to warn when more is fetched.
    const n = datasetLength(this.dataset);
    this.#reportedLength = n;
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
    // Without CUDA, PyTorch ignores pin_memory=True (its iterator pins only when torch.cuda.is_available()).
    const indices = this.indexStream();
    const fetch = {
      dataset: this.dataset,
      autoCollation: this.batch_size !== null || this.batch_sampler !== null,
      collate: this.collate_fn,
      dropLast: this.drop_last,
    };
    if (this.num_workers === 0) {
      // PyTorch's iterator draws a 64-bit base seed (for worker processes) as soon as it is created.
      drawInt64Seed(this.generator ?? default_generator);
      if (this.timeout !== 0) throw new AssertionError("");
      const fetcher = makeFetcher(fetch);
      return this.warnPastLength(
        (function* () {
          for (const index of indices) {
            const batch = fetcher.fetch(index);
            if (batch.done) return;
            yield batch.value as B;
          }
        })(),
      );
    }
    // Persistent workers are started (and the base seed drawn) once; each epoch remakes their fetchers.
    let workers = this.#workers;
    if (workers === null) {
      const baseSeed = drawInt64Seed(this.generator ?? default_generator);
      workers = Array.from(
        { length: this.num_workers },
        (_, id) => new Worker(id, this.num_workers, baseSeed, this.dataset),
      );
      for (const w of workers)
        w.run(() => {
          if (this.worker_init_fn !== null) pyCall(this.worker_init_fn, w.info.id);
        });
      if (pyTruthy(this.persistent_workers)) this.#workers = workers;
    }
    for (const w of workers) w.fetcher = w.run(() => makeFetcher(fetch));
    return this.warnPastLength(workerBatches(workers, indices, this.prefetch_factor) as EpochIterator<B>);
  }

  /**
   * PyTorch's warning when an IterableDataset yields more than len(loader) reported: it compares the batches
   * yielded with the dataset's length, as PyTorch does.
   */
  private *warnPastLength(batches: EpochIterator<B>): EpochIterator<B> {
    const reported = this.#iterable ? this.#reportedLength : null;
    let yielded = 0;
    for (const batch of batches) {
      yielded++;
      if (reported !== null && yielded > reported) {
        let message = `Length of IterableDataset ${String(this.dataset)} was reported to be ${reported} (when accessing len(dataloader)), but ${yielded} samples have been fetched. `;
        if (this.num_workers > 0)
          message +=
            "For multiprocessing data-loading, this could be caused by not properly configuring the IterableDataset replica at each worker. Please see https://pytorch.org/docs/stable/data.html#torch.utils.data.IterableDataset for examples.";
        emitWarning(message);
      }
      yield batch;
    }
  }

  /** PyTorch's _index_sampler: what each fetch is given (a batch of indices, one index, or None for a stream). */
  private *indexStream(): EpochIterator<unknown> {
    if (this.#iterable) {
      // _InfiniteConstantSampler, batched by BatchSampler when auto-batching.
      const batch = this.batch_size === null ? null : new Array<null>(this.batch_size).fill(null);
      for (;;) yield batch;
    }
    if (this.batch_sampler === null) {
      yield* lazily(this.sampler);
      return;
    }
    for (const batch of lazily(this.batch_sampler)) yield pyList(batch);
  }

  toString(): string {
    return "<torch.utils.data.dataloader.DataLoader object>";
  }
}

type EpochIterator<B> = globalThis.Generator<B, void, undefined>;

const START_METHODS = ["fork", "spawn", "forkserver"];

/** The multiprocessing_context setter's checks: a start method's name, and only with workers. */
function checkMultiprocessingContext(context: unknown, numWorkers: unknown, noWorkers: boolean): void {
  if (context === null) return;
  if (noWorkers)
    throw new ValueError(
      `multiprocessing_context can only be used with multi-process loading (num_workers > 0), but got num_workers=${pyStr(numWorkers)}`,
    );
  if (typeof context !== "string")
    throw new TypeError(
      `multiprocessing_context option should be a valid context object or a string specifying the start method, but got multiprocessing_context=${pyStr(context)}`,
    );
  if (!START_METHODS.includes(context))
    throw new ValueError(
      `multiprocessing_context option should specify a valid start method in ['fork', 'spawn', 'forkserver'], but got multiprocessing_context=${pyRepr(context)}`,
    );
}

/** Python's `for x in it`: one item at a time (samplers draw their random numbers lazily), its error for a non-iterable. */
function lazily(source: unknown): Iterable<unknown> {
  if (source !== null && typeof source === "object" && Symbol.iterator in source)
    return source as Iterable<unknown>;
  return pyList(source);
}
