// Op table rows: reduce ops.
import * as torch from "../../../src/index.js";
import { f, type OpCase } from "../op_case.js";

export const REDUCE_OPS: OpCase[] = [
  { name: "sum", py: "a.sum()", inputs: [f(2, 3)], ts: (a) => a.sum(), ulps: 8 },
  { name: "sum.dim", py: "a.sum(1)", inputs: [f(2, 3, 4)], ts: (a) => a.sum(1), ulps: 8 },
  {
    name: "sum.dims_keepdim",
    py: "torch.sum(a, (0, -1), keepdim=True)",
    inputs: [f(2, 3, 4)],
    ts: (a) => torch.sum(a, [0, -1], true),
    ulps: 8,
  },
  { name: "sum.int", py: "a.sum()", inputs: [{ shape: [5], dtype: "int64" }], ts: (a) => a.sum() },
  {
    name: "sum.dtype",
    py: "a.sum(dtype=torch.float64)",
    inputs: [f(4)],
    ts: (a) => a.sum({ dtype: torch.float64 }),
  },
  { name: "mean", py: "a.mean()", inputs: [f(3, 4)], ts: (a) => a.mean(), ulps: 8 },
  { name: "mean.dim", py: "a.mean(0)", inputs: [f(3, 4)], ts: (a) => a.mean(0), ulps: 8 },
  {
    name: "mean.dim_keepdim",
    py: "a.mean(dim=-1, keepdim=True)",
    inputs: [f(3, 4)],
    ts: (a) => a.mean({ dim: -1, keepdim: true }),
    ulps: 8,
  },
];
