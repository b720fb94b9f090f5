// torch.histogramdd against PyTorch 1.13 (test/fixtures/histogramdd.json, scripts/gen_histogramdd_fixtures.py):
// the named tuple's repr, grad_fn names, backward and argument errors. Values over random inputs are in the
// op table (test/ops/tables/histogram.ts, histogramdd.*).
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import * as torch from "../../src/index.js";

type Err = { type: string; message: string };
const fixture = JSON.parse(
  readFileSync(new URL("../fixtures/histogramdd.json", import.meta.url), "utf8"),
) as {
  reprs: Record<string, { repr: string }>;
  grad_fns: Record<string, { grad_fn: string | null; requires_grad: boolean }>;
  backward: Record<string, Err>;
  errors: Record<string, Err>;
};
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const t = torch as any;

function env() {
  const x = t.tensor([
    [0, 1],
    [1, 0],
    [2, 0],
    [2, 2],
  ]);
  return {
    x,
    xg: x.clone().requires_grad_(),
    w: t.tensor([1, 2, 4, 8]),
    wg: t.ones(4, { requires_grad: true }),
    b0: t.tensor([0, 1, 2]),
    b1: t.tensor([0, 1, 3]),
  };
}
type Env = ReturnType<typeof env>;
type Result = { hist: torch.Tensor; bin_edges: readonly torch.Tensor[] };
const inspect = Symbol.for("nodejs.util.inspect.custom");

const REPRS: Record<string, (e: Env) => Result> = {
  counts_weight: ({ x, w }) => t.histogramdd(x, { bins: [3, 3], weight: w }),
  int_range_density: ({ x }) => t.histogramdd(x, 2, [0, 1, 0, 1], null, true),
  tensor_bins: ({ x, b0, b1 }) => t.histogramdd(x, [b0, b1]),
  equal_values_widen: () => t.histogramdd(t.ones([3, 2]), { bins: 2 }),
  empty_points: () => t.histogramdd(t.zeros([0, 2]), { bins: 2 }),
  one_dim: ({ x }) => t.histogramdd(x.narrow(1, 0, 1), { bins: [3] }),
  extra_counts_ignored: ({ x }) => t.histogramdd(x, { bins: [2, 3, 4] }),
  no_dims: () => t.histogramdd(t.zeros([4, 0]), { bins: [] }),
};
const GRAD_FNS: Record<string, (e: Env) => torch.Tensor> = {
  hist_counts: ({ xg }) => t.histogramdd(xg, 2).hist,
  edges_counts: ({ xg }) => t.histogramdd(xg, 2).bin_edges[1],
  hist_tensor_bins: ({ xg, b0, b1 }) => t.histogramdd(xg, [b0, b1]).hist,
  edges_tensor_bins: ({ xg, b0, b1 }) => t.histogramdd(xg, [b0, b1]).bin_edges[0],
  hist_weight_only: ({ x, wg }) => t.histogramdd(x, 2, { weight: wg }).hist,
  hist_no_grad: ({ x }) => t.histogramdd(x, 2).hist,
};
const BACKWARD: Record<string, (e: Env) => unknown> = {
  counts: ({ xg }) => t.histogramdd(xg, 2).hist.sum().backward(),
  counts_weight_only: ({ x, wg }) => t.histogramdd(x, 2, { weight: wg }).hist.sum().backward(),
  edges: ({ xg }) => t.histogramdd(xg, 2).bin_edges[0].sum().backward(),
  tensor_bins: ({ xg, b0, b1 }) => t.histogramdd(xg, [b0, b1]).hist.sum().backward(),
};
const ERRORS: Record<string, (e: Env) => unknown> = {
  input_1d: () => t.histogramdd(t.tensor([1, 2]), { bins: 2 }),
  short_count_list: ({ x }) => t.histogramdd(x, { bins: [2] }),
  zero_count: ({ x }) => t.histogramdd(x, { bins: [2, 0] }),
  negative_count: ({ x }) => t.histogramdd(x, { bins: -1 }),
  range_length: ({ x }) => t.histogramdd(x, { bins: 2, range: [0, 1] }),
  range_order: ({ x }) => t.histogramdd(x, { bins: 2, range: [1, 0, 0, 1] }),
  range_not_finite: ({ x }) => t.histogramdd(x, { bins: 2, range: [0, Infinity, 0, 1] }),
  nan_range: () =>
    t.histogramdd(
      t.tensor([
        [NaN, 1],
        [1, 2],
      ]),
      { bins: 2 },
    ),
  long_input: ({ x }) => t.histogramdd(x.long(), { bins: 2 }),
  long_input_range: ({ x }) => t.histogramdd(x.long(), 2, { range: [0, 1, 0, 1] }),
  bool_input_range: ({ x }) => t.histogramdd(x.bool(), 2, { range: [0, 1, 0, 1] }),
  long_tensor_bins: ({ x }) =>
    t.histogramdd(x.long(), [t.tensor([0, 1], { dtype: t.int64 }), t.tensor([0, 1], { dtype: t.int64 })]),
  bins_dtype: ({ x }) => t.histogramdd(x.double(), { bins: [t.tensor([0, 1]), t.tensor([0, 1])] }),
  bins_count: ({ x }) => t.histogramdd(x, { bins: [t.tensor([0, 1])] }),
  bins_2d: ({ x }) => t.histogramdd(x, { bins: [t.tensor([[0, 1]]), t.tensor([0, 1])] }),
  bins_empty: ({ x }) => t.histogramdd(x, { bins: [t.tensor([0, 1]), t.tensor([])] }),
  bins_single_edge: ({ x }) => t.histogramdd(x, { bins: [t.tensor([0]), t.tensor([0, 1])] }),
  weight_shape: ({ x }) => t.histogramdd(x, { bins: 2, weight: t.ones(3) }),
  weight_shape_3d: () => t.histogramdd(t.zeros([2, 3, 2]), { bins: 2, weight: t.ones(6) }),
  weight_dtype: ({ x }) => t.histogramdd(x, { bins: 2, weight: t.ones(4, { dtype: t.float64 }) }),
  bins_str: ({ x }) => t.histogramdd(x, "a"),
};

function caught(fn: () => unknown): Error {
  try {
    fn();
  } catch (err) {
    return err as Error;
  }
  throw new Error("expected an error");
}

describe("torch.histogramdd matches PyTorch 1.13", () => {
  for (const [name, want] of Object.entries(fixture.reprs))
    it(`repr: ${name}`, () => {
      const r = REPRS[name](env()) as Result & { [inspect]: () => string };
      expect(r[inspect]()).toBe(want.repr);
      const [hist, edges] = r as unknown as [torch.Tensor, readonly torch.Tensor[]];
      expect(hist).toBe(r.hist);
      expect(edges).toBe(r.bin_edges);
    });
  for (const [name, want] of Object.entries(fixture.grad_fns))
    it(`grad_fn: ${name}`, () => {
      const out = GRAD_FNS[name](env());
      expect(out.grad_fn?.name() ?? null).toBe(want.grad_fn);
      expect(out.requires_grad).toBe(want.requires_grad);
    });
  for (const [name, want] of Object.entries(fixture.backward))
    it(`backward raises: ${name}`, () => {
      const err = caught(() => BACKWARD[name](env()));
      expect([err.constructor.name, err.message]).toEqual([want.type, want.message]);
    });
  for (const [name, want] of Object.entries(fixture.errors))
    it(`error: ${name}`, () => {
      const err = caught(() => ERRORS[name](env()));
      expect([err.constructor.name, err.message]).toEqual([want.type, want.message]);
    });
  it("bin_edges of tensor bins are the given tensors", () => {
    const { x, b0, b1 } = env();
    const r = t.histogramdd(x, [b0, b1]) as Result;
    expect(r.bin_edges[0]).toBe(b0);
    expect(r.bin_edges[1]).toBe(b1);
  });
});
