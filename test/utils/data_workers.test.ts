// IterableDataset, ChainDataset, ConcatDataset, default_convert and loading with workers, against the orders,
// seeds and random draws of PyTorch 1.13 (test/utils/fixtures/gen_data_fixtures.py); errors: test/errors/data.ts.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { availableBackends } from "../../src/backend/backend.js";
import * as torch from "../../src/index.js";
import { onBackend } from "../helpers/backends.js";
import { warningSink } from "../helpers/warnings.js";
import {
  ChainDataset,
  ConcatDataset,
  DataLoader,
  Dataset,
  default_collate,
  default_convert,
  get_worker_info,
  IterableDataset,
  type DataLoaderOptions,
} from "../../src/utils/data/index.js";

type Batches = unknown[];
const expected = JSON.parse(readFileSync(new URL("./fixtures/data.json", import.meta.url), "utf8")) as {
  iterable: Record<string, Batches> & { chain_len: number; len: number[] };
  concat: [number[], number, number[]];
  workers: Record<string, [unknown[][], number[], number[]]>;
  collate: Record<string, unknown[]>;
  length_warnings: Record<string, [unknown[], string[]]>;
};

/** The documentation's example: each worker streams its share of [start, end). */
class Shard extends IterableDataset<number> {
  constructor(
    readonly start: number,
    readonly end: number,
  ) {
    super();
  }
  *[Symbol.iterator](): Iterator<number> {
    const info = get_worker_info();
    let [s, e] = [this.start, this.end];
    if (info !== null) {
      const per = Math.ceil((e - s) / info.num_workers);
      s = this.start + info.id * per;
      e = Math.min(s + per, this.end);
    }
    for (let i = s; i < e; i++) yield i;
  }
}

class Sized extends Shard {
  override get length(): number {
    return this.end - this.start;
  }
}

const values = (loader: Iterable<unknown>): unknown[] =>
  [...loader].map((b) => (b instanceof torch.Tensor ? b.tolist() : b));

describe("IterableDataset in a DataLoader", () => {
  const cases: Record<string, () => DataLoader<number, unknown>> = {
    single: () => new DataLoader(new Shard(3, 7)),
    w2: () => new DataLoader(new Shard(3, 7), { num_workers: 2 }),
    w12: () => new DataLoader(new Shard(3, 7), { num_workers: 12 }),
    batched_w2: () => new DataLoader(new Shard(0, 11), { batch_size: 2, num_workers: 2 }),
    drop_last_w3: () => new DataLoader(new Shard(0, 11), { batch_size: 2, drop_last: true, num_workers: 3 }),
    no_batching_w2: () => new DataLoader(new Shard(0, 5), { batch_size: null, num_workers: 2 }),
    prefetch1_w2: () =>
      new DataLoader(new Shard(0, 9), { batch_size: 2, num_workers: 2, prefetch_factor: 1 }),
    single_batched: () => new DataLoader(new Shard(0, 7), { batch_size: 3 }),
    single_drop_last: () => new DataLoader(new Shard(0, 7), { batch_size: 3, drop_last: true }),
  };
  for (const [name, make] of Object.entries(cases))
    it(`streams in PyTorch's order: ${name}`, () => expect(values(make())).toEqual(expected.iterable[name]));

  it("has len() from the dataset's, and ChainDataset chains streams", () => {
    const batched = (drop_last: boolean) =>
      new DataLoader(new Sized(0, 7), { batch_size: 3, drop_last }).length;
    expect([batched(false), batched(true)]).toEqual(expected.iterable.len);
    expect([...new ChainDataset([new Shard(0, 2), new Shard(5, 8)])]).toEqual(expected.iterable.chain);
    expect(new ChainDataset([new Sized(0, 2), new Sized(5, 8)]).length).toBe(expected.iterable.chain_len);
  });
});

describe("an IterableDataset longer than it reported", () => {
  /** Streams 0..3 but reports a length of 2. */
  class Liar extends IterableDataset<number> {
    *[Symbol.iterator](): Iterator<number> {
      yield* [0, 1, 2, 3];
    }
    override get length(): number {
      return 2;
    }
  }
  for (const [name, num_workers] of [
    ["w0", 0],
    ["w2", 2],
  ] as const)
    it(`warns past len(loader) as PyTorch does: ${name}`, () => {
      const loader = new DataLoader(new Liar(), { num_workers });
      void loader.length;
      const batches = values(loader);
      const messages = warningSink.recorded.map((w) =>
        w.message.replace(String(loader.dataset), "{dataset}"),
      );
      expect([batches, messages]).toEqual(expected.length_warnings[name]);
    });
});

describe("ConcatDataset", () => {
  it("keeps cumulative_sizes and indexes across datasets, negative indices too", () => {
    const c = new ConcatDataset<number>([[10, 11], [], [12, 13, 14]]);
    const [cumulative, length, items] = expected.concat;
    expect(c.cumulative_sizes).toEqual(cumulative);
    expect(c.length).toBe(length);
    expect(Array.from({ length: 10 }, (_, k) => c.get(k - 5))).toEqual(items);
    expect(values(new DataLoader(c, { batch_size: 2 }))).toEqual([[10, 11], [12, 13], [14]]);
  });
});

/** Index, worker id, worker seed mod 100003, and a draw from the global generator (in the worker: its own). */
class Noisy extends Dataset<unknown[]> {
  get length(): number {
    return 7;
  }
  get(i: number): unknown[] {
    const info = get_worker_info();
    const seed = info === null ? -1 : Number(info.seed % 100003n);
    return [i, info === null ? -1 : info.id, seed, torch.rand(1).item()];
  }
}

function noisy(opts: DataLoaderOptions<unknown[], unknown> = {}): [unknown[][], number[], number[]] {
  const g = new torch.Generator().manual_seed(21);
  torch.manual_seed(4);
  const loader = new DataLoader(new Noisy(), { batch_size: 2, generator: g, ...opts });
  const epochs = [0, 1].map(() => [...loader].map((b) => (b as torch.Tensor[]).map((col) => col.tolist())));
  return [
    epochs,
    torch.randperm(5, { generator: g }).tolist() as number[],
    torch.rand(2).tolist() as number[],
  ];
}

describe.each(availableBackends())(
  "DataLoader workers, run in the calling thread (%s backend)",
  (backend) => {
    onBackend(backend);
    const cases: Record<string, DataLoaderOptions<unknown[], unknown>> = {
      none: {},
      w2: { num_workers: 2 },
      w3_shuffle: { num_workers: 3, shuffle: true },
      w2_persistent: { num_workers: 2, persistent_workers: true },
      w2_init_fn: { num_workers: 2, worker_init_fn: (id: number) => void torch.manual_seed(1000 + id) },
    };
    for (const [name, opts] of Object.entries(cases))
      it(`load in the sampler's order with each worker's seed and random draws: ${name}`, () => {
        const [epochs, after, mainDraws] = expected.workers[name];
        const [ourEpochs, ourAfter, ourMain] = noisy(opts);
        expect(ourEpochs).toEqual(epochs);
        // The loader's generator and the main process's global generator are left where PyTorch leaves them.
        expect(ourAfter).toEqual(after);
        expect(ourMain).toEqual(mainDraws.map(Math.fround));
      });

    it("without batching, converts each sample (default_convert)", () => {
      expect([...new DataLoader([0, 1, 2, 3, 4], { batch_size: null, num_workers: 2 })]).toEqual(
        expected.workers.w2_no_batching[0],
      );
    });

    it("describes the worker to get_worker_info, and nothing outside one", () => {
      const seen: string[] = [];
      const loader = new DataLoader([0, 1, 2], {
        num_workers: 2,
        worker_init_fn: (id: number) => seen.push(`init ${id}: ${get_worker_info()!.id}`),
        collate_fn: (batch: number[]) =>
          `${batch} by ${get_worker_info()!.id}/${get_worker_info()!.num_workers}`,
      });
      expect([...loader]).toEqual(["0 by 0/2", "1 by 1/2", "2 by 0/2"]);
      expect(seen).toEqual(["init 0: 0", "init 1: 1"]);
      expect(get_worker_info()).toBeNull();
      const [info] = [
        ...new DataLoader([0], { num_workers: 1, collate_fn: () => String(get_worker_info()) }),
      ];
      expect(info).toMatch(/^WorkerInfo\(id=0, num_workers=1, seed=\d+, dataset=0\)$/);
    });
  },
);

describe("default_collate and default_convert", () => {
  it("collates nested objects and tuples as PyTorch collates dicts and sequences", () => {
    const b = default_collate([
      { a: [1.5, 2.5] as [number, number], b: [torch.tensor([1.0, 2.0]), 3.5] as [torch.Tensor, number] },
      { a: [3.5, 4.5] as [number, number], b: [torch.tensor([3.0, 4.0]), 5.5] as [torch.Tensor, number] },
    ]);
    expect([
      b.a[0].tolist(),
      b.a[1].tolist(),
      b.b[0].tolist(),
      b.b[1].tolist(),
      String(b.a[0].dtype),
      String(b.b[0].dtype),
    ]).toEqual(expected.collate.nested);
  });

  it("stacks NDArrays into a tensor and converts them, sharing memory", () => {
    const stacked = default_collate([
      new torch.NDArray(new Float32Array([0, 1, 2])),
      new torch.NDArray(new Float32Array([1, 1, 1])),
    ]);
    expect([stacked.tolist(), String(stacked.dtype)]).toEqual(expected.collate.ndarrays);
    const x = new torch.NDArray(new Int32Array([0, 1, 2, 3]));
    const c = default_convert({ x, y: [1.5, "s"], z: [new torch.NDArray(new Float64Array(2))] });
    expect([c.x.tolist(), String(c.x.dtype), c.y, c.z[0].tolist()]).toEqual(expected.collate.convert);
    x.data[0] = 7;
    expect(c.x.get(0).item()).toBe(7);
  });
});
