// The DataLoader's workers, run in the calling thread. PyTorch forks `num_workers` processes; each seeds
// its global generator with base_seed + id, calls worker_init_fn, and fetches the batches sent to it in
// turn. Here each worker is a context entered for its own work: get_worker_info() describes it and the
// global generator holds the worker's own random state, so a dataset that draws random numbers (an
// augmentation) draws what it would in that worker process. The DataLoader sends tasks round-robin, as
// PyTorch does, and yields them in order (docs/numpy_and_devices.md says why not worker_threads).
import { definePython } from "../../signatures/registry.js";
import { default_generator, Generator } from "../../tensor/random.js";
import { pyCall } from "../../optim/python.js";
import { getItem, IterableDataset } from "./dataset.js";

/** torch.utils.data.get_worker_info()'s answer inside a worker: its id, the worker count, its seed and dataset. */
export class WorkerInfo {
  readonly id: number;
  readonly num_workers: number;
  /** base_seed + id: the 64-bit seed the worker's global generator started from. */
  readonly seed: bigint;
  readonly dataset: unknown;

  /** @internal The DataLoader makes these. */
  constructor(id: number, num_workers: number, seed: bigint, dataset: unknown) {
    this.id = id;
    this.num_workers = num_workers;
    this.seed = seed;
    this.dataset = dataset;
    Object.freeze(this);
  }

  toString(): string {
    return `WorkerInfo(id=${this.id}, num_workers=${this.num_workers}, seed=${this.seed}, dataset=${String(this.dataset)})`;
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

let current: WorkerInfo | null = null;

definePython("torch.utils.data", {
  // null outside a worker (in the main process), as PyTorch's None.
  "get_worker_info() -> WorkerInfo | null": () => current,
});

type GeneratorState = Record<string, unknown>;

/** A copy of a generator's fields (its Mersenne Twister state, position and cached normal). */
function snapshot(g: Generator): GeneratorState {
  return Object.fromEntries(Object.entries(g).map(([k, v]) => [k, v instanceof Uint32Array ? v.slice() : v]));
}

function restore(g: Generator, state: GeneratorState): void {
  for (const [k, v] of Object.entries(state))
    (g as unknown as GeneratorState)[k] = v instanceof Uint32Array ? v.slice() : v;
}

/** A batch, or the end of an IterableDataset's stream (PyTorch's StopIteration from a fetcher). */
export type Fetched = { done: false; value: unknown } | { done: true };

/** PyTorch's _MapDatasetFetcher / _IterableDatasetFetcher: one index (or batch of indices) in, one batch out. */
export interface Fetcher {
  fetch(index: unknown): Fetched;
}

export interface FetchOptions {
  dataset: unknown;
  autoCollation: boolean;
  collate: unknown;
  dropLast: boolean;
}

export function makeFetcher({ dataset, autoCollation, collate, dropLast }: FetchOptions): Fetcher {
  if (!(dataset instanceof IterableDataset)) {
    return {
      fetch: (index) => ({
        done: false,
        value: autoCollation
          ? pyCall(
              collate,
              (index as number[]).map((i) => getItem(dataset, i)),
            )
          : pyCall(collate, getItem(dataset, index as number)),
      }),
    };
  }
  const it = (dataset as IterableDataset<unknown>)[Symbol.iterator]();
  let ended = false;
  return {
    fetch(index) {
      if (ended) return { done: true };
      if (!autoCollation) {
        const next = it.next();
        if (next.done) {
          ended = true;
          return { done: true };
        }
        return { done: false, value: pyCall(collate, next.value) };
      }
      const wanted = (index as unknown[]).length;
      const data: unknown[] = [];
      while (data.length < wanted) {
        const next = it.next();
        if (next.done) {
          ended = true;
          break;
        }
        data.push(next.value);
      }
      if (data.length === 0 || (dropLast && data.length < wanted)) return { done: true };
      return { done: false, value: pyCall(collate, data) };
    },
  };
}

/** One worker: its info, its global random state, and its fetcher (remade each epoch). */
export class Worker {
  readonly info: WorkerInfo;
  fetcher: Fetcher | null = null;
  readonly #rng: Generator;

  constructor(id: number, numWorkers: number, baseSeed: bigint, dataset: unknown) {
    // PyTorch seeds the worker's global generator with base_seed + id (a 64-bit sum).
    const seed = BigInt.asUintN(64, baseSeed + BigInt(id));
    this.info = new WorkerInfo(id, numWorkers, seed, dataset);
    this.#rng = new Generator().manual_seed(seed);
  }

  /** Runs `work` as this worker: get_worker_info() is its info and the global generator is its own. */
  run<T>(work: () => T): T {
    const outer = current;
    const mainState = snapshot(default_generator);
    restore(default_generator, snapshot(this.#rng));
    current = this.info;
    try {
      return work();
    } finally {
      restore(this.#rng, snapshot(default_generator));
      restore(default_generator, mainState);
      current = outer;
    }
  }
}

/**
 * The batches of one epoch with workers, in the order PyTorch's _MultiProcessingDataLoaderIter yields them
 * when each worker answers in turn: `prefetch` tasks per worker are sent round-robin to the workers still
 * running, results come back in the order sent, a worker whose stream ended (an IterableDataset) stops
 * getting tasks, and the tasks it still had are skipped.
 */
export function* workerBatches(
  workers: readonly Worker[],
  indices: Iterator<unknown>,
  prefetch: number,
): globalThis.Generator<unknown, void, undefined> {
  const active = workers.map(() => true);
  const tasks: { worker: number; index: unknown }[] = [];
  let cycle = 0;
  let samplerDone = false;
  const tryPut = (): void => {
    if (samplerDone) return;
    const next = indices.next();
    if (next.done) {
      samplerDone = true;
      return;
    }
    for (let k = 0; k < workers.length; k++) {
      const w = cycle;
      cycle = (cycle + 1) % workers.length;
      if (active[w]) {
        tasks.push({ worker: w, index: next.value });
        return;
      }
    }
  };
  for (let i = 0; i < prefetch * workers.length; i++) tryPut();
  for (;;) {
    while (tasks.length > 0 && !active[tasks[0].worker]) tasks.shift();
    const task = tasks.shift();
    if (task === undefined) return;
    const worker = workers[task.worker];
    const result = worker.run(() => worker.fetcher!.fetch(task.index));
    if (result.done) {
      active[task.worker] = false;
      tryPut();
      continue;
    }
    tryPut();
    yield result.value;
  }
}
