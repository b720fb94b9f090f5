// Op table rows for src/ops/unfold.ts: Tensor.unfold's windows (overlapping, disjoint, with a gap, on a
// strided input, on a 0-d input) and their gradients through unfold_backward.
import { f, noGrad, type OpCase } from "../op_case.js";

export const UNFOLD_OPS: OpCase[] = [
  { name: "unfold.overlapping", py: "a.unfold(1, 3, 1)", inputs: [f(2, 5)], ts: (a) => a.unfold(1, 3, 1) },
  { name: "unfold.disjoint", py: "a.unfold(0, 2, 2)", inputs: [f(6)], ts: (a) => a.unfold(0, 2, 2) },
  { name: "unfold.gap", py: "a.unfold(-1, 2, 3)", inputs: [f(3, 8)], ts: (a) => a.unfold(-1, 2, 3) },
  {
    name: "unfold.twice",
    py: "a.t().unfold(0, 2, 1).unfold(1, 2, 2)",
    inputs: [f(4, 5)],
    ts: (a) => a.t().unfold(0, 2, 1).unfold(1, 2, 2),
  },
  { name: "unfold.scalar", py: "a.unfold(0, 1, 1)", inputs: [f()], ts: (a) => a.unfold(0, 1, 1) },
  { name: "unfold.empty", py: "a.unfold(0, 0, 2)", inputs: [f(4)], ts: (a) => a.unfold(0, 0, 2) },
  {
    name: "unfold.float64",
    py: "a.unfold(1, 2, 1)",
    inputs: [{ shape: [2, 3], dtype: "float64" }],
    ts: (a) => a.unfold(1, 2, 1),
  },
  {
    name: "unfold.int",
    py: "a.unfold(0, 2, 1)",
    inputs: [noGrad({ shape: [5], dtype: "int64" })],
    ts: (a) => a.unfold(0, 2, 1),
  },
];
