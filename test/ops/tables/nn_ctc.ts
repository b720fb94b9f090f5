// Op table rows: F.ctc_loss and torch.ctc_loss (src/ops/nn_ctc.ts): reductions, padded and concatenated targets,
// lengths as lists and tensors, zero_infinity, unbatched input, a blank other than 0, int32 targets, float64.
// log_probs are log_softmax of the random input over 7 classes; targets are random ints in [1, 6] (never the
// blank 0). PyTorch 1.13's _ctc_loss_backward has no derivative, so double backward raises (gradgradcheck: false).
import * as torch from "../../../src/index.js";
import { f, f64, noGrad, type InputSpec, type OpCase } from "../op_case.js";

const F = torch.nn.functional;
const targets = (...shape: number[]): InputSpec => noGrad({ shape, dtype: "int64", domain: "positive" });
const long = (v: number[]) => torch.tensor(v, { dtype: torch.int64 });
const lp = (a: torch.Tensor) => a.log_softmax(2);

const rows: OpCase[] = [
  {
    name: "ctc_loss.mean",
    py: "torch.nn.functional.ctc_loss(a.log_softmax(2), b, [6, 5], [3, 2])",
    inputs: [f(6, 2, 7), targets(2, 3)],
    ts: (a, b) => F.ctc_loss(lp(a), b, [6, 5], [3, 2]),
  },
  {
    name: "ctc_loss.sum",
    py: "torch.nn.functional.ctc_loss(a.log_softmax(2), b, [5, 6, 4], [2, 4, 1], reduction='sum')",
    inputs: [f(6, 3, 7), targets(3, 4)],
    ts: (a, b) => F.ctc_loss(lp(a), b, [5, 6, 4], [2, 4, 1], { reduction: "sum" }),
  },
  {
    name: "ctc_loss.none",
    py: "torch.nn.functional.ctc_loss(a.log_softmax(2), b, [8, 7], [4, 0], reduction='none')",
    inputs: [f(8, 2, 7), targets(2, 4)],
    ts: (a, b) => F.ctc_loss(lp(a), b, [8, 7], [4, 0], { reduction: "none" }),
  },
  {
    name: "ctc_loss.concatenated_targets",
    py: "torch.nn.functional.ctc_loss(a.log_softmax(2), b, [7, 6], [3, 2])",
    inputs: [f(7, 2, 7), targets(5)],
    ts: (a, b) => F.ctc_loss(lp(a), b, [7, 6], [3, 2]),
  },
  {
    name: "ctc_loss.tensor_lengths",
    py: "torch.nn.functional.ctc_loss(a.log_softmax(2), b, torch.tensor([6, 5]), torch.tensor([3, 2]), reduction='none')",
    inputs: [f(6, 2, 7), targets(2, 3)],
    ts: (a, b) => F.ctc_loss(lp(a), b, long([6, 5]), long([3, 2]), { reduction: "none" }),
  },
  {
    name: "ctc_loss.zero_infinity",
    py: "torch.nn.functional.ctc_loss(a.log_softmax(2), b, [2, 5], [3, 2], zero_infinity=True)",
    inputs: [f(5, 2, 7), targets(2, 3)],
    ts: (a, b) => F.ctc_loss(lp(a), b, [2, 5], [3, 2], { zero_infinity: true }),
  },
  {
    name: "ctc_loss.infinite_none",
    py: "torch.nn.functional.ctc_loss(a.log_softmax(2), b, [2, 5], [3, 2], reduction='none', zero_infinity=True)",
    inputs: [f(5, 2, 7), targets(2, 3)],
    ts: (a, b) => F.ctc_loss(lp(a), b, [2, 5], [3, 2], { reduction: "none", zero_infinity: true }),
  },
  {
    name: "ctc_loss.unbatched",
    py: "torch.nn.functional.ctc_loss(a.log_softmax(1), b, [6], [3], reduction='none')",
    inputs: [f(6, 7), targets(3)],
    ts: (a, b) => F.ctc_loss(a.log_softmax(1), b, [6], [3], { reduction: "none" }),
  },
  {
    name: "ctc_loss.unbatched_mean",
    py: "torch.nn.functional.ctc_loss(a.log_softmax(1), b, [5], [2])",
    inputs: [f(5, 7), targets(2)],
    ts: (a, b) => F.ctc_loss(a.log_softmax(1), b, [5], [2]),
  },
  {
    name: "ctc_loss.blank_last",
    py: "torch.nn.functional.ctc_loss(a.log_softmax(2), b - 1, [6, 6], [3, 3], blank=6, reduction='sum')",
    inputs: [f(6, 2, 7), targets(2, 3)],
    ts: (a, b) => F.ctc_loss(lp(a), b.sub(1), [6, 6], [3, 3], { blank: 6, reduction: "sum" }),
  },
  {
    name: "ctc_loss.int32_targets",
    py: "torch.nn.functional.ctc_loss(a.log_softmax(2), b, [4, 4], [2, 2])",
    inputs: [f(4, 2, 7), noGrad({ shape: [2, 2], dtype: "int32", domain: "positive" })],
    ts: (a, b) => F.ctc_loss(lp(a), b, [4, 4], [2, 2]),
  },
  {
    name: "ctc_loss.float64",
    py: "torch.nn.functional.ctc_loss(a.log_softmax(2), b, [6, 4], [3, 2])",
    inputs: [f64(6, 2, 7), targets(2, 3)],
    ts: (a, b) => F.ctc_loss(lp(a), b, [6, 4], [3, 2]),
  },
  {
    name: "ctc_loss.torch_sum",
    py: "torch.ctc_loss(a.log_softmax(2), b, [6, 5], [3, 2], 0, 2)",
    inputs: [f(6, 2, 7), targets(2, 3)],
    ts: (a, b) => torch.ctc_loss(lp(a), b, [6, 5], [3, 2], 0, 2),
  },
];

export const NN_CTC_OPS: OpCase[] = rows.map((row) => ({ ...row, gradgradcheck: false }));
