// Op table rows for src/ops/scan.ts: cummax, cummin (values and indices) and logcumsumexp.
import * as torch from "../../../src/index.js";
import { f, f64, noGrad, type InputSpec, type OpCase } from "../op_case.js";

const i64 = (...shape: number[]): InputSpec => ({ shape, dtype: "int64" });
const bools = (...shape: number[]): InputSpec => ({ shape, dtype: "bool" });

export const SCAN_OPS: OpCase[] = [
  {
    name: "cummax",
    py: "torch.cummax(a, 1).values",
    inputs: [f(3, 5)],
    ts: (a) => torch.cummax(a, 1).values,
  },
  { name: "cummax.indices", py: "a.cummax(0)[1]", inputs: [noGrad(f(4, 3))], ts: (a) => a.cummax(0)[1] },
  {
    // Rounded values tie: the index moves to the last of equal values.
    name: "cummax.ties",
    py: "a.round().cummax(-1).indices",
    inputs: [noGrad(f(3, 6))],
    ts: (a) => a.round().cummax(-1).indices,
  },
  {
    name: "cummax.nan",
    py: "a.masked_fill(a > 0.5, float('nan')).cummax(1)[1]",
    inputs: [noGrad(f(3, 5))],
    ts: (a) => a.masked_fill(a.gt(0.5), NaN).cummax(1)[1],
  },
  {
    name: "cummax.0dim",
    py: "torch.cummax(a, 0).values",
    inputs: [f()],
    ts: (a) => torch.cummax(a, 0).values,
  },
  {
    // cummax_out fills a 0-dim tensor without wrapping dim: any dim goes (its backward's scatter_add_ would not)
    name: "cummin.0dim_any_dim",
    py: "torch.cummin(a, -2).values",
    inputs: [noGrad(f())],
    ts: (a) => torch.cummin(a, -2).values,
  },
  { name: "cummax.int", py: "torch.cummax(a, 0)[0]", inputs: [i64(4, 3)], ts: (a) => torch.cummax(a, 0)[0] },
  {
    name: "cummax.bool",
    py: "torch.cummax(a, 1)[1]",
    inputs: [noGrad(bools(2, 5))],
    ts: (a) => torch.cummax(a, 1)[1],
  },
  {
    name: "cummin",
    py: "torch.cummin(a, -1).values",
    inputs: [f(2, 3, 4)],
    ts: (a) => torch.cummin(a, -1).values,
  },
  { name: "cummin.method_float64", py: "a.cummin(0)[0]", inputs: [f64(5, 2)], ts: (a) => a.cummin(0)[0] },
  {
    name: "cummin.ties",
    py: "a.round().cummin(1)[1]",
    inputs: [noGrad(f(3, 6))],
    ts: (a) => a.round().cummin(1)[1],
  },
  {
    name: "logcumsumexp",
    py: "torch.logcumsumexp(a, 1)",
    inputs: [f(3, 5)],
    ts: (a) => torch.logcumsumexp(a, 1),
  },
  {
    name: "logcumsumexp.dim0_method",
    py: "a.logcumsumexp(0)",
    inputs: [f(4, 3)],
    ts: (a) => a.logcumsumexp(0),
  },
  {
    name: "logcumsumexp.long",
    py: "a.logcumsumexp(-1)",
    inputs: [f(2, 100)],
    ts: (a) => a.logcumsumexp(-1),
    gradcheck: false,
  },
  {
    name: "logcumsumexp.float64",
    py: "torch.logcumsumexp(a, -1)",
    inputs: [f64(2, 6)],
    ts: (a) => torch.logcumsumexp(a, -1),
  },
  {
    name: "logcumsumexp.infinite",
    py: "a.masked_fill(a > 0.5, float('inf')).masked_fill(a < -0.5, float('-inf')).logcumsumexp(1)",
    inputs: [noGrad(f(3, 6))],
    ts: (a) => a.masked_fill(a.gt(0.5), Infinity).masked_fill(a.lt(-0.5), -Infinity).logcumsumexp(1),
  },
];
