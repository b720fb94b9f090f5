// torch.utils.data and torch.randperm as they work; their PyTorch errors are rows of test/errors/data.ts.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as torch from "../../src/index.js";
import {
  DataLoader,
  Dataset,
  default_collate,
  random_split,
  Subset,
  TensorDataset,
} from "../../src/utils/data/index.js";

const { randperm } = torch;

// Orders drawn by real PyTorch 1.13: test/utils/fixtures/gen_data_fixtures.py.
const expected = JSON.parse(readFileSync(new URL("./fixtures/data.json", import.meta.url), "utf8")) as {
  randperm: Record<string, number[]>;
  randperm_default: [number[], number[]];
  gen_epochs: number[][][];
  gen_after: number[];
  gen_drop_last: [number[][], number];
  global_shuffle: [number[][], number[]];
  global_noshuffle: [number[][], number[]];
  split_counts: number[][];
  split_fracs: number[][];
  split_fracs_round: number[][];
  split_default: number[][];
  tensor_ds: [number[][], number[]][];
  tensor_ds_index: Record<string, unknown[]>;
  timing: Record<string, [unknown[][], number[]]>;
};

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
const seeded = (s: number) => new torch.Generator().manual_seed(s);

describe("torch.randperm", () => {
  for (const [key, perm] of Object.entries(expected.randperm)) {
    const [n, seed] = key.split("_").map(Number);
    it(`randperm(${n}) with seed ${seed} matches PyTorch`, () => {
      const t = randperm(n, { generator: seeded(seed) });
      expect(t.dtype).toBe(torch.int64);
      expect(t.shape).toEqual([n]);
      expect(Array.from(t.values())).toEqual(perm);
    });
  }

  it("draws from the global generator and honours dtype", () => {
    torch.manual_seed(7);
    expect(randperm(6).tolist()).toEqual(expected.randperm_default[0]);
    const t = randperm(6, { dtype: torch.int32 });
    expect(t.dtype).toBe(torch.int32);
    expect(t.tolist()).toEqual(expected.randperm_default[1]);
    expect(randperm(3, { dtype: torch.float32, requires_grad: true }).requires_grad).toBe(true);
  });
});

describe("DataLoader", () => {
  it("shuffles with a generator exactly as PyTorch, reshuffling every epoch", () => {
    const g = seeded(5);
    const loader = new DataLoader(range(10), { batch_size: 3, shuffle: true, generator: g });
    expect(loader.length).toBe(4);
    for (const epoch of expected.gen_epochs) expect([...loader].map((b) => b.tolist())).toEqual(epoch);
    // The generator is left where PyTorch leaves it (shuffle draws plus one 64-bit base seed per epoch).
    expect(randperm(5, { generator: g }).tolist()).toEqual(expected.gen_after);
  });

  it("draws at the same moments as PyTorch's samplers (exact multiples, drop_last, no batching, early break)", () => {
    const make: Record<string, [(g: torch.Generator) => DataLoader<number, unknown>, number | null]> = {
      multiple: [(g) => new DataLoader(range(6), { batch_size: 3, shuffle: true, generator: g }), null],
      multiple_drop_last: [
        (g) => new DataLoader(range(6), { batch_size: 3, shuffle: true, generator: g, drop_last: true }),
        null,
      ],
      drop_last: [
        (g) => new DataLoader(range(7), { batch_size: 3, shuffle: true, generator: g, drop_last: true }),
        null,
      ],
      no_batching: [(g) => new DataLoader(range(5), { batch_size: null, shuffle: true, generator: g }), null],
      cut_short: [(g) => new DataLoader(range(9), { batch_size: 2, shuffle: true, generator: g }), 1],
    };
    for (const [key, [makeLoader, stop]] of Object.entries(make)) {
      const g = seeded(11);
      const loader = makeLoader(g);
      const result: unknown[][] = [];
      for (let epoch = 0; epoch < 2; epoch++) {
        const batches: unknown[] = [];
        for (const b of loader) {
          batches.push(b instanceof torch.Tensor ? b.tolist() : b);
          if (batches.length === stop) break;
        }
        result.push(batches);
      }
      expect([result, randperm(4, { generator: g }).tolist()], key).toEqual(expected.timing[key]);
    }
  });

  it("drops the last short batch with drop_last", () => {
    const loader = new DataLoader(range(10), {
      batch_size: 3,
      shuffle: true,
      generator: seeded(5),
      drop_last: true,
    });
    const [batches, length] = expected.gen_drop_last;
    expect(loader.length).toBe(length);
    expect([...loader].map((b) => b.tolist())).toEqual(batches);
  });

  it("shuffles from the global generator and leaves it where PyTorch does", () => {
    torch.manual_seed(0);
    const batches = [...new DataLoader(range(7), { batch_size: 3, shuffle: true })].map((b) => b.tolist());
    expect(batches).toEqual(expected.global_shuffle[0]);
    expect(torch.rand(2).tolist()).toEqual(expected.global_shuffle[1].map(Math.fround));
    torch.manual_seed(0);
    const ordered = [...new DataLoader(range(7), { batch_size: 3 })].map((b) => b.tolist());
    expect(ordered).toEqual(expected.global_noshuffle[0]);
    expect(torch.rand(2).tolist()).toEqual(expected.global_noshuffle[1].map(Math.fround));
  });

  it("batches a TensorDataset into [x, y] pairs", () => {
    const x = torch.tensor(range(10), { dtype: torch.float32 }).reshape(5, 2);
    const y = torch.tensor(range(5), { dtype: torch.int64 });
    const dataset = new TensorDataset(x, y);
    expect(dataset.length).toBe(5);
    const loader = new DataLoader(dataset, { batch_size: 2, shuffle: true, generator: seeded(0) });
    expect(loader.length).toBe(3);
    const seen: [unknown, unknown][] = [];
    for (const [xb, yb] of loader) {
      expect(xb.dtype).toBe(torch.float32);
      expect(yb.dtype).toBe(torch.int64);
      seen.push([xb.tolist(), yb.tolist()]);
    }
    expect(seen).toEqual(expected.tensor_ds);
  });

  it("yields single samples with batch_size null and applies a custom collate_fn", () => {
    expect([...new DataLoader([1, 2, 3], { batch_size: null })]).toEqual([1, 2, 3]);
    const sums = new DataLoader([1, 2, 3, 4, 5], {
      batch_size: 2,
      collate_fn: (b: number[]) => b.reduce((a, c) => a + c),
    });
    expect([...sums]).toEqual([3, 7, 5]);
    expect(new DataLoader([1, 2, 3], { batch_size: null }).length).toBe(3);
  });

  it("works with a user Dataset subclass", () => {
    class Squares extends Dataset<{ x: number; label: string }> {
      get(index: number) {
        return { x: index * index, label: `n${index}` };
      }
      get length() {
        return 3;
      }
    }
    const [batch] = [...new DataLoader(new Squares(), { batch_size: 3 })];
    expect(batch.x.dtype).toBe(torch.float64);
    expect(batch.x.tolist()).toEqual([0, 1, 4]);
    expect(batch.label).toEqual(["n0", "n1", "n2"]);
  });
});

describe("DataLoader's PyTorch signature", () => {
  it("takes positional arguments and keywords in an options object", () => {
    expect([...new DataLoader(range(5), 2)].map((b) => b.tolist())).toEqual([[0, 1], [2, 3], [4]]);
    const shuffled = new DataLoader(range(10), 3, true, { generator: seeded(5) });
    expect([...shuffled].map((b) => b.tolist())).toEqual(expected.gen_epochs[0]);
  });

  it("iterates a sampler or batch_sampler given as arrays (any iterable of indices)", () => {
    const loader = new DataLoader([10, 20, 30], { sampler: [2, 0] });
    expect([...loader].map((b) => b.tolist())).toEqual([[30], [10]]);
    expect(loader.length).toBe(2);
    const batched = new DataLoader([10, 20, 30], { batch_sampler: [[2, 0], [1]] });
    expect([...batched].map((b) => b.tolist())).toEqual([[30, 10], [20]]);
    expect(batched.length).toBe(2);
    const once = new DataLoader([1, 2], { sampler: new Set([1, 0]) });
    expect(once.length).toBe(2);
    expect([...once].map((b) => b.tolist())).toEqual([[2], [1]]);
    // A sampler without a length leaves the loader without one (its text: test/errors/data.ts).
    const iterator = new DataLoader([1, 2], { sampler: [1][Symbol.iterator]() });
    expect(() => iterator.length).toThrow(TypeError);
  });

  // PyTorch's errors for bad options and datasets are rows of test/errors/data.ts; workers: data_workers.test.ts.
  it("prints as PyTorch", () => {
    const notADataset = new DataLoader(5 as never);
    expect(String(notADataset)).toBe("<torch.utils.data.dataloader.DataLoader object>");
  });
});

describe("default_collate", () => {
  it("stacks tensors along a new dim 0, promoting dtypes like torch.stack", () => {
    const out = default_collate([torch.tensor([1, 2]), torch.tensor([3, 4], { dtype: torch.float64 })]);
    expect(out.shape).toEqual([2, 2]);
    expect(out.dtype).toBe(torch.float64);
    expect(out.tolist()).toEqual([
      [1, 2],
      [3, 4],
    ]);
    const transposed = torch
      .tensor([
        [1, 2],
        [3, 4],
      ])
      .transpose(0, 1);
    expect(default_collate([transposed, transposed]).tolist()).toEqual([
      [
        [1, 3],
        [2, 4],
      ],
      [
        [1, 3],
        [2, 4],
      ],
    ]);
  });

  it("turns numbers, bigints and booleans into float64, int64 and bool tensors", () => {
    expect(default_collate([1.5, 2.5]).dtype).toBe(torch.float64);
    expect(default_collate([1n, 3n]).dtype).toBe(torch.int64);
    const flags = default_collate([true, false]);
    expect(flags.dtype).toBe(torch.bool);
    expect(flags.tolist()).toEqual([true, false]);
  });

  it("collates objects key-wise and tuples element-wise", () => {
    const out = default_collate([
      { a: 1.5, b: [1n, 2n] as [bigint, bigint] },
      { a: 2.5, b: [3n, 4n] as [bigint, bigint] },
    ]);
    expect(out.a.tolist()).toEqual([1.5, 2.5]);
    expect(out.b.map((t) => t.tolist())).toEqual([
      [1, 3],
      [2, 4],
    ]);
  });
});

describe("TensorDataset, Subset and random_split", () => {
  it("TensorDataset indexes every tensor's first dim and checks sizes", () => {
    const ds = new TensorDataset(
      torch.tensor([
        [1, 2],
        [3, 4],
      ]),
      torch.tensor([5, 6]),
    );
    const [x, y] = ds.get(1);
    expect(x.tolist()).toEqual([3, 4]);
    expect(y.item()).toBe(6);
  });

  it("TensorDataset.get takes Python's subscripts: slices, index tensors, lists, masks", () => {
    const x = torch.arange(10, { dtype: torch.float32 }).reshape(5, 2);
    const ds = new TensorDataset(x, torch.arange(5));
    const cases: Record<string, Parameters<typeof ds.get>> = {
      "1:3": ["1:3"],
      "-2:": ["-2:"],
      "::2": ["::2"],
      "-1": [-1],
      tensor_4_0: [torch.tensor([4n, 0n])],
      list_1_1_3: [[1, 1, 3]],
      mask: [torch.tensor([true, false, true, false, true])],
      "5": [5],
      "-6": [-6],
    };
    for (const [key, index] of Object.entries(cases)) {
      const want = expected.tensor_ds_index[key];
      if (want[0] === "IndexError") {
        expect(() => ds.get(...index), key).toThrow(new torch.IndexError(want[1] as string));
        continue;
      }
      expect(
        ds.get(...index).map((t) => t.tolist()),
        key,
      ).toEqual(want);
    }
    // A slice is a view of each tensor, as in PyTorch: writing to it writes to the dataset's tensor.
    const [xb] = ds.get("0:2");
    xb.fill_(-1);
    expect(x.get(1).tolist()).toEqual([-1, -1]);
  });

  it("Subset picks indices of its dataset", () => {
    const sub = new Subset(["a", "b", "c", "d"], [3, 1]);
    expect(sub.length).toBe(2);
    expect([sub.get(0), sub.get(1), sub.get(-1)]).toEqual(["d", "b", "b"]);
    // A 0-dim tensor has no first dim (its text: test/errors/data.ts).
    expect(() => new TensorDataset(torch.tensor(1))).toThrow(torch.IndexError);
  });

  it("random_split matches PyTorch for counts and fractions", () => {
    const indices = (splits: Subset[]) => splits.map((s) => [...s.indices]);
    expect(indices(random_split(range(10), [3, 7], seeded(42)))).toEqual(expected.split_counts);
    expect(indices(random_split(range(10), [0.3, 0.3, 0.4], seeded(42)))).toEqual(expected.split_fracs);
    expect(indices(random_split(range(11), [0.5, 0.5], seeded(3)))).toEqual(expected.split_fracs_round);
    torch.manual_seed(1);
    expect(indices(random_split(range(5), [2, 3]))).toEqual(expected.split_default);
  });

  it("bind PyTorch's signatures", () => {
    expect(new Subset({ dataset: [1, 2, 3], indices: [2] } as never).get(0)).toBe(3);
    const split = random_split(range(10), [3, 7], { generator: seeded(42) });
    expect(split.map((sub) => [...sub.indices])).toEqual(expected.split_counts);
  });
});
