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
  // Views of a tensor written in place: their grad_fn is regenerated as AsStridedBackward0 of the base's new
  // history, and their gradient flows through it (and the written view's through CopySlices).
  {
    name: "view_of_written_base",
    py: "(lambda y: (y.t(), y.mul_(2))[0])(a * 1)",
    inputs: [f(2, 3)],
    ts: (a) => {
      const y = a.mul(1);
      const v = y.t();
      y.mul_(2);
      return v;
    },
  },
  {
    name: "written_view_of_view",
    py: "(lambda y: (y.narrow(1, 0, 2), y.narrow(1, 1, 2).exp_())[0])(a * 1)",
    inputs: [f(2, 3)],
    ts: (a) => {
      const y = a.mul(1);
      const v = y.narrow(1, 0, 2);
      y.narrow(1, 1, 2).exp_();
      return v;
    },
    ulps: 2,
  },
  // An op computed through internal views (embedding, conv1d) returns no view: in place, its own node.
  {
    name: "tanh_.embedding_output",
    py: "torch.nn.functional.embedding(torch.tensor([1, 0, 1]), a).tanh_()",
    inputs: [f(2, 3)],
    ts: (a) => torch.nn.functional.embedding(torch.tensor([1n, 0n, 1n]), a).tanh_(),
    ulps: 2,
  },
  {
    name: "relu_.conv1d_output",
    py: "torch.nn.functional.conv1d(a, b).relu_()",
    inputs: [f(1, 2, 5), f(3, 2, 2)],
    ts: (a, b) => torch.nn.functional.conv1d(a, b).relu_(),
    ulps: 4,
    atol: 1e-6,
  },
];
