// The orders PyTorch 1.13's CPU kernels leave on rows of 17 to 300 elements full of ties and NaNs, on every
// backend: std::sort's (unstable past 16 elements) and the stable sort's, topk's partial_sort and nth_element
// paths, kthvalue's quickselect, median's and mode's picks among ties, and unique's std::unordered_set order.
// The op table's rows are smaller; these reach the introsort and partial_sort paths (test/fixtures/sorting_orders.json,
// scripts/gen_sorting_fixtures.py).
import { readFileSync } from "node:fs";
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import * as torch from "../../src/index.js";
import { availableBackends } from "../../src/backend/backend.js";
import { DTYPES, type DTypeName } from "../../src/tensor/dtype.js";
import { onBackend } from "../helpers/backends.js";

interface OrderCase {
  dtype: DTypeName;
  shape: number[];
  x: (number | null)[];
  results: Record<string, (number | null)[]>;
}

const { cases, reprs } = JSON.parse(
  readFileSync(new URL("../fixtures/sorting_orders.json", import.meta.url), "utf8"),
) as { cases: OrderCase[]; reprs: Record<string, string> };

type Run = (x: torch.Tensor, half: number) => torch.Tensor;
const RUNS: Record<string, Run> = {
  sort: (x) => torch.sort(x).indices,
  sort_descending: (x) => torch.sort(x, { descending: true }).indices,
  sort_stable: (x) => torch.sort(x, { stable: true }).indices,
  sort_stable_descending: (x) => torch.sort(x, { stable: true, descending: true }).indices,
  sort_dim0: (x) => torch.sort(x.t().contiguous(), 0).indices,
  topk_2: (x) => torch.topk(x, 2).indices,
  topk_2_smallest: (x) => torch.topk(x, 2, { largest: false }).indices,
  topk_half: (x, half) => torch.topk(x, half).indices,
  topk_half_unsorted: (x, half) => torch.topk(x, half, { sorted: false }).indices,
  kthvalue_half: (x, half) => torch.kthvalue(x, half).indices,
  median: (x) => torch.median(x, 1).indices,
  nanmedian: (x) => torch.nanmedian(x, 1).indices,
  mode: (x) => torch.mode(x, 1).indices,
  unique_unsorted: (x) => torch.unique(x, { sorted: false }) as torch.Tensor,
  unique_sorted: (x) => torch.unique(x) as torch.Tensor,
};

const plain = (t: torch.Tensor) => Array.from(t.values(), (v) => (Number.isNaN(v) ? null : v));

describe.each(availableBackends())("orders of ties and NaNs on the %s backend", (backendName) => {
  onBackend(backendName);
  describe.each(cases.map((c) => [`${c.dtype} ${c.shape.join("x")}`, c] as const))("%s", (_name, c) => {
    const x = torch
      .tensor(
        c.x.map((v) => v ?? NaN),
        { dtype: DTYPES[c.dtype] },
      )
      .reshape(c.shape);
    it.each(Object.keys(RUNS))("%s is PyTorch's", (key) => {
      expect(plain(RUNS[key](x, Math.floor(c.shape[1] / 2)))).toEqual(c.results[key]);
    });
    it("sort and topk of a strided view are those of its copy", () => {
      const strided = x.t().contiguous().t();
      expect(plain(torch.sort(strided).indices)).toEqual(c.results.sort);
      expect(plain(torch.topk(strided, 2).indices)).toEqual(c.results.topk_2);
    });
  });
});

describe("the (values, indices) results", () => {
  const x = () =>
    torch.tensor([
      [3, 1, NaN, 1],
      [2, 0.5, 2, -1],
    ]);
  const RESULTS: Record<string, () => unknown> = {
    sort: () => torch.sort(x()),
    topk: () => torch.topk(x(), 2),
    kthvalue: () => torch.kthvalue(x(), 2),
    median: () => torch.median(x(), 1),
    nanmedian: () => torch.nanmedian(x(), 0),
    mode: () => torch.mode(x()),
    max: () => torch.max(x(), 1),
  };
  it.each(Object.keys(RESULTS))("print as PyTorch's torch.return_types.%s", (name) => {
    expect(inspect(RESULTS[name]())).toBe(reprs[name]);
  });
});
