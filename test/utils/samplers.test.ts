// torch.utils.data samplers: index streams against PyTorch 1.13's for the same seed (test/utils/fixtures/data.json).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as torch from "../../src/index.js";
import {
  BatchSampler,
  DataLoader,
  RandomSampler,
  SequentialSampler,
  SubsetRandomSampler,
  WeightedRandomSampler,
} from "../../src/utils/data/index.js";

const expected = JSON.parse(readFileSync(new URL("./fixtures/data.json", import.meta.url), "utf8")) as {
  samplers: Record<string, [unknown[][], number[]]>;
  random_global: [number[], number[]];
  loader_sampler: [number[][], number[][]];
};
const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

const SAMPLERS: Record<string, (g: torch.Generator) => Iterable<unknown>> = {
  sequential: () => new SequentialSampler(range(5)),
  random: (g) => new RandomSampler(range(7), { generator: g }),
  random_num_samples: (g) => new RandomSampler(range(4), { num_samples: 10, generator: g }),
  random_replacement: (g) =>
    new RandomSampler(range(9), { replacement: true, num_samples: 40, generator: g }),
  subset_random: (g) => new SubsetRandomSampler([3, 9, 4, 7, 1], g),
  weighted: (g) => new WeightedRandomSampler([0.1, 0.5, 2.0, 0.0, 1.0], 8, { generator: g }),
  weighted_no_replacement: (g) =>
    new WeightedRandomSampler([0.1, 0.5, 2.0, 0.3, 1.0], 4, { replacement: false, generator: g }),
  batch: (g) => new BatchSampler(new RandomSampler(range(7), { generator: g }), 3, false),
  batch_drop_last: (g) => new BatchSampler(new RandomSampler(range(7), { generator: g }), 3, true),
};

describe("samplers draw PyTorch's index streams", () => {
  for (const [name, make] of Object.entries(SAMPLERS)) {
    it(name, () => {
      const g = new torch.Generator().manual_seed(3);
      const sampler = make(g);
      const epochs = [[...sampler], [...sampler]];
      expect([epochs, torch.randperm(4, { generator: g }).tolist()]).toEqual(expected.samplers[name]);
    });
  }

  it("RandomSampler without a generator seeds one from the global generator", () => {
    torch.manual_seed(5);
    expect([...new RandomSampler(range(6))]).toEqual(expected.random_global[0]);
    expect(torch.rand(2).tolist()).toEqual(expected.random_global[1].map(Math.fround));
  });

  it("lengths are len() of PyTorch's samplers", () => {
    expect(new SequentialSampler(range(5)).length).toBe(5);
    expect(new RandomSampler(range(4), { num_samples: 10 }).length).toBe(10);
    expect(new BatchSampler(new SequentialSampler(range(7)), 3, false).length).toBe(3);
    expect(new BatchSampler(new SequentialSampler(range(7)), 3, true).length).toBe(2);
    expect(String(new SequentialSampler(range(2)))).toBe(
      "<torch.utils.data.sampler.SequentialSampler object>",
    );
  });

  it("the DataLoader takes a sampler or a batch_sampler", () => {
    const g = new torch.Generator().manual_seed(8);
    const sampled = new DataLoader(range(10), {
      batch_size: 4,
      sampler: new SubsetRandomSampler(
        range(5).map((i) => 2 * i),
        g,
      ),
    });
    expect([...sampled].map((b) => b.tolist())).toEqual(expected.loader_sampler[0]);
    const batched = new DataLoader(range(10), {
      batch_sampler: new BatchSampler(new RandomSampler(range(10), { generator: g }), 3, true),
    });
    expect([...batched].map((b) => b.tolist())).toEqual(expected.loader_sampler[1]);
  });
});
