// nn.EmbeddingBag, nn.Embedding.from_pretrained and torch.embedding_bag against real PyTorch 1.13
// (scripts/gen_embedding_bag_fixtures.py, test/fixtures/nn/embedding_bag.json), on both backends: parameters
// after manual_seed (PyTorch's samples, exactly), reprs, outputs and gradients, torch.embedding_bag's
// offset2bag / bag_size / max_indices, and the warning of the old argument order.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { availableBackends } from "../../src/backend/backend.js";
import * as torch from "../../src/index.js";
import { catch_warnings } from "../../src/warnings.js";
import { onBackend } from "../helpers/backends.js";
import { decodeFlat, expectClose, type Encoded } from "../helpers/compare.js";

const nn = torch.nn;
type Tensor = torch.Tensor;

interface ModuleFixture {
  repr: string;
  weight: Encoded;
  requires_grad: boolean;
  output: Encoded;
  grad_fn: string | null;
  grad?: Encoded;
  weight_after: Encoded;
}
interface NativeResult {
  values: Encoded;
  dtype: string;
  shape: number[];
}

const FIXTURE = JSON.parse(readFileSync("test/fixtures/nn/embedding_bag.json", "utf8")) as Record<
  string,
  unknown
> & {
  native: Record<string, NativeResult[]>;
  swapped: { output: Encoded; warnings: string[] };
};
const long = (v: number[] | number[][]) => torch.tensor(v, { dtype: torch.int64 });
const flat = (t: Tensor) => Array.from(t.detach().values(), Number);

/** Each module case: how it is built and called (the Python side writes the same). */
const MODULE_CASES: Record<string, { seed: number; build: () => torch.nn.Module; inputs: () => Tensor[] }> = {
  sum: {
    seed: 0,
    build: () => new nn.EmbeddingBag(10, 3, { mode: "sum" }),
    inputs: () => [long([1, 2, 4, 5, 4, 3, 2, 9]), long([0, 4])],
  },
  mean_padding_max_norm: {
    seed: 1,
    build: () => new nn.EmbeddingBag(6, 4, { max_norm: 1.0, padding_idx: -2 }),
    inputs: () => [long([0, 4, 1, 1, 5, 3]), long([0, 2, 2, 5])],
  },
  max_2d: {
    seed: 2,
    build: () => new nn.EmbeddingBag(5, 2, { mode: "max", norm_type: 1.0 }),
    inputs: () => [
      long([
        [0, 1, 2],
        [4, 3, 3],
      ]),
    ],
  },
  per_sample_weights: {
    seed: 3,
    build: () =>
      new nn.EmbeddingBag(5, 3, { mode: "sum", include_last_offset: true, scale_grad_by_freq: true }),
    inputs: () => [long([0, 1, 1, 4]), long([0, 1, 4]), torch.tensor([0.5, -1.0, 2.0, 0.25])],
  },
  from_pretrained: {
    seed: 4,
    build: () =>
      nn.EmbeddingBag.from_pretrained(torch.arange(12, { dtype: torch.float32 }).reshape(4, 3), {
        mode: "max",
      }),
    inputs: () => [long([0, 3, 2]), long([0, 1])],
  },
  from_pretrained_trainable: {
    seed: 4,
    build: () =>
      nn.EmbeddingBag.from_pretrained(torch.arange(12.0).reshape(4, 3).div(5), {
        freeze: false,
        include_last_offset: true,
        padding_idx: 1,
      }),
    inputs: () => [long([0, 3, 2, 1]), long([0, 2, 4])],
  },
  embedding_from_pretrained: {
    seed: 5,
    build: () =>
      nn.Embedding.from_pretrained(torch.arange(6, { dtype: torch.float32 }).reshape(3, 2), {
        freeze: false,
        padding_idx: 0,
      }),
    inputs: () => [
      long([
        [0, 1],
        [2, 2],
      ]),
    ],
  },
};

/** torch.embedding_bag's calls, as the fixture script makes them (weight: randn(7, 3) after manual_seed(6)). */
function nativeCalls(w: Tensor): Record<string, () => Tensor[]> {
  const e = torch.embedding_bag;
  const i32 = (v: number[]) => torch.tensor(v, { dtype: torch.int32 });
  return {
    sum_fast: () => e(w, long([1, 2, 4, 5]), long([0, 2]), false, 0, false, null, false, null),
    sum_grad: () =>
      e(w.clone().requires_grad_(), long([1, 2, 4, 5]), long([0, 2, 2]), false, 0, false, null, true, null),
    sum_padding: () => e(w, long([1, 2, 4, 5]), long([0, 2]), false, 0, false, null, false, 2),
    mean_padding: () => e(w, long([1, 2, 4, 5, 2]), long([0, 2, 2]), false, 1, false, null, false, 2),
    max: () => e(w, long([1, 2, 4, 5, 1]), long([0, 3, 3]), false, 2, false, null, false, null),
    double_sum: () => e(w.double(), long([1, 2, 4, 5]), long([0, 2]), false, 0, false, null, false, null),
    int32: () => e(w, i32([1, 2, 4]), i32([0, 1]), false, 1, false, null, false, null),
  };
}

for (const backend of availableBackends()) {
  describe(`nn.EmbeddingBag on ${backend}`, () => {
    onBackend(backend);
    for (const [name, c] of Object.entries(MODULE_CASES)) {
      it(name, () => {
        const fx = FIXTURE[name] as ModuleFixture;
        torch.manual_seed(c.seed);
        const m = c.build() as torch.nn.Module & { weight: Tensor };
        expect(m.toString()).toBe(fx.repr);
        expect(flat(m.weight)).toEqual(decodeFlat(fx.weight));
        expect(m.weight.requires_grad).toBe(fx.requires_grad);
        const out = (m as unknown as { forward: (...x: Tensor[]) => Tensor }).forward(...c.inputs());
        expect(out.grad_fn?.name() ?? null).toBe(fx.grad_fn);
        expectClose(flat(out), decodeFlat(fx.output), "float32", 2, "output");
        if (fx.grad !== undefined) {
          out.backward(torch.arange(out.numel(), { dtype: out.dtype }).reshape(out.shape).div(7).sub(1));
          expectClose(flat(m.weight.grad!), decodeFlat(fx.grad), "float32", 8, "grad");
        }
        expect(flat(m.weight)).toEqual(decodeFlat(fx.weight_after));
      });
    }

    for (const name of Object.keys(FIXTURE.native)) {
      it(`torch.embedding_bag ${name}`, () => {
        torch.manual_seed(6);
        const results = nativeCalls(torch.randn(7, 3))[name]();
        FIXTURE.native[name].forEach((expected, k) => {
          expect(`torch.${results[k].dtype.name}`).toBe(expected.dtype);
          expect([...results[k].shape]).toEqual(expected.shape);
          expectClose(
            flat(results[k]),
            decodeFlat(expected.values),
            expected.dtype.slice(6),
            1,
            `result ${k}`,
          );
        });
      });
    }

    it("swaps weight and input given in the old order, with PyTorch's warning", () => {
      torch.manual_seed(6);
      const w = torch.randn(7, 3);
      const { result, warnings } = catch_warnings(() =>
        torch.nn.functional.embedding_bag(w, long([1, 2, 3]), long([0, 1]), { mode: "sum" }),
      );
      expect(warnings.map((x) => x.message)).toEqual(FIXTURE.swapped.warnings);
      expectClose(flat(result), decodeFlat(FIXTURE.swapped.output), "float32", 1);
    });
  });
}
