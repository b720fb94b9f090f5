// Op table rows for src/ops/inplace.ts: the in-place forms, computed on a clone so the graph has a non-leaf
// to modify.
import * as torch from "../../../src/index.js";
import { f, nz, type OpCase } from "../op_case.js";

export const INPLACE_OPS: OpCase[] = [
  {
    name: "add_.inplace",
    py: "a.clone().add_(b, alpha=2)",
    inputs: [f(2, 3), f(3)],
    ts: (a, b) => a.clone().add_(b, { alpha: 2 }),
  },
  {
    name: "sub_.inplace",
    py: "a.clone().sub_(b)",
    inputs: [f(2, 3), f(2, 3)],
    ts: (a, b) => a.clone().sub_(b),
  },
  { name: "mul_.inplace", py: "a.clone().mul_(b)", inputs: [f(4), f(4)], ts: (a, b) => a.clone().mul_(b) },
  { name: "div_.inplace", py: "a.clone().div_(b)", inputs: [f(4), nz(4)], ts: (a, b) => a.clone().div_(b) },
  { name: "pow_.inplace", py: "a.clone().pow_(2)", inputs: [f(4)], ts: (a) => a.clone().pow_(2) },
  { name: "neg_.inplace", py: "a.clone().neg_()", inputs: [f(4)], ts: (a) => a.clone().neg_() },
  { name: "exp_.inplace", py: "a.clone().exp_()", inputs: [f(4)], ts: (a) => a.clone().exp_(), ulps: 2 },
  {
    name: "sigmoid_.inplace",
    py: "a.clone().sigmoid_()",
    inputs: [f(4)],
    ts: (a) => a.clone().sigmoid_(),
    ulps: 2,
  },
  {
    name: "clamp_.inplace",
    py: "a.clone().clamp_(-0.5, 0.5)",
    inputs: [f(6)],
    ts: (a) => a.clone().clamp_(-0.5, 0.5),
  },
  {
    name: "copy_.inplace",
    py: "torch.zeros(3).copy_(a)",
    inputs: [f(3)],
    ts: (a) => torch.zeros(3).copy_(a),
    // Copies into a float32 tensor: float64 finite differences would lose their precision there.
    gradcheck: false,
  },
];
