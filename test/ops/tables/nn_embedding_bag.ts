// Op table rows: F.embedding_bag and torch.embedding_bag (src/ops/nn_embedding_bag.ts): modes sum, mean and max,
// offsets with an empty bag, 2-D input, per_sample_weights, include_last_offset, padding_idx, int32 indices and
// float64 weights. Indices are random ints in [1, 6] and the weights have 7 rows; offsets are written out.
// PyTorch 1.13's backward functions have no derivative of their own, so every row's double backward raises
// (gradgradcheck: false). scale_grad_by_freq changes the gradient on purpose (gradcheck: false).
import * as torch from "../../../src/index.js";
import { f, f64, noGrad, type InputSpec, type OpCase } from "../op_case.js";

const F = torch.nn.functional;
const indices = (...shape: number[]): InputSpec => noGrad({ shape, dtype: "int64", domain: "positive" });
const long = (v: number[]) => torch.tensor(v, { dtype: torch.int64 });
const OFFSETS = "torch.tensor([0, 3, 3, 7])";
const offsets = () => long([0, 3, 3, 7]);

const rows: OpCase[] = [
  {
    name: "embedding_bag.sum",
    py: `torch.nn.functional.embedding_bag(a, b, ${OFFSETS}, mode='sum')`,
    inputs: [indices(10), f(7, 3)],
    ts: (a, b) => F.embedding_bag(a, b, offsets(), { mode: "sum" }),
  },
  {
    name: "embedding_bag.mean",
    py: `torch.nn.functional.embedding_bag(a, b, ${OFFSETS})`,
    inputs: [indices(10), f(7, 3)],
    ts: (a, b) => F.embedding_bag(a, b, offsets()),
  },
  {
    name: "embedding_bag.max",
    py: `torch.nn.functional.embedding_bag(a, b, ${OFFSETS}, mode='max')`,
    inputs: [indices(10), f(7, 4)],
    ts: (a, b) => F.embedding_bag(a, b, offsets(), { mode: "max" }),
  },
  {
    name: "embedding_bag.2d_input",
    py: "torch.nn.functional.embedding_bag(a, b)",
    inputs: [indices(3, 4), f(7, 5)],
    ts: (a, b) => F.embedding_bag(a, b),
  },
  {
    name: "embedding_bag.2d_max",
    py: "torch.nn.functional.embedding_bag(a, b, mode='max')",
    inputs: [indices(4, 3), f(7, 2)],
    ts: (a, b) => F.embedding_bag(a, b, { mode: "max" }),
  },
  {
    name: "embedding_bag.per_sample_weights",
    py: "torch.nn.functional.embedding_bag(a, b, torch.tensor([0, 2, 5]), mode='sum', per_sample_weights=c)",
    inputs: [indices(8), f(7, 4), f(8)],
    ts: (a, b, c) => F.embedding_bag(a, b, long([0, 2, 5]), { mode: "sum", per_sample_weights: c }),
  },
  {
    name: "embedding_bag.per_sample_weights_2d",
    py: "torch.nn.functional.embedding_bag(a, b, mode='sum', per_sample_weights=c)",
    inputs: [indices(2, 5), f(7, 3), f(2, 5)],
    ts: (a, b, c) => F.embedding_bag(a, b, { mode: "sum", per_sample_weights: c }),
  },
  {
    name: "embedding_bag.include_last_offset",
    py: "torch.nn.functional.embedding_bag(a, b, torch.tensor([0, 2, 5, 8]), include_last_offset=True)",
    inputs: [indices(8), f(7, 3)],
    ts: (a, b) => F.embedding_bag(a, b, long([0, 2, 5, 8]), { include_last_offset: true }),
  },
  {
    name: "embedding_bag.padding_idx_mean",
    py: `torch.nn.functional.embedding_bag(a, b, ${OFFSETS}, padding_idx=2)`,
    inputs: [indices(10), f(7, 3)],
    ts: (a, b) => F.embedding_bag(a, b, offsets(), { padding_idx: 2 }),
  },
  {
    name: "embedding_bag.padding_idx_sum",
    py: `torch.nn.functional.embedding_bag(a, b, ${OFFSETS}, mode='sum', padding_idx=-4)`,
    inputs: [indices(10), f(7, 3)],
    ts: (a, b) => F.embedding_bag(a, b, offsets(), { mode: "sum", padding_idx: -4 }),
  },
  {
    name: "embedding_bag.padding_idx_max",
    py: `torch.nn.functional.embedding_bag(a, b, ${OFFSETS}, mode='max', padding_idx=1)`,
    inputs: [indices(10), f(7, 3)],
    ts: (a, b) => F.embedding_bag(a, b, offsets(), { mode: "max", padding_idx: 1 }),
  },
  {
    name: "embedding_bag.padding_idx_per_sample_weights",
    py: "torch.nn.functional.embedding_bag(a, b, torch.tensor([0, 4]), mode='sum', per_sample_weights=c, padding_idx=3)",
    inputs: [indices(9), f(7, 5), f(9)],
    ts: (a, b, c) =>
      F.embedding_bag(a, b, long([0, 4]), { mode: "sum", per_sample_weights: c, padding_idx: 3 }),
  },
  {
    name: "embedding_bag.scale_grad_by_freq",
    py: `torch.nn.functional.embedding_bag(a, b, ${OFFSETS}, scale_grad_by_freq=True)`,
    inputs: [indices(10), f(7, 3)],
    ts: (a, b) => F.embedding_bag(a, b, offsets(), { scale_grad_by_freq: true }),
    gradcheck: false,
  },
  {
    name: "embedding_bag.scale_grad_by_freq_sum",
    py: "torch.nn.functional.embedding_bag(a, b, mode='sum', scale_grad_by_freq=True)",
    inputs: [indices(3, 5), f(7, 2)],
    ts: (a, b) => F.embedding_bag(a, b, { mode: "sum", scale_grad_by_freq: true }),
    gradcheck: false,
  },
  {
    name: "embedding_bag.int32",
    py: "torch.nn.functional.embedding_bag(a, b, torch.tensor([0, 1, 4]), mode='sum')",
    inputs: [noGrad({ shape: [6], dtype: "int32", domain: "positive" }), f(7, 3)],
    ts: (a, b) => F.embedding_bag(a, b, long([0, 1, 4]), { mode: "sum" }),
  },
  {
    name: "embedding_bag.float64_mean",
    py: `torch.nn.functional.embedding_bag(a, b, ${OFFSETS})`,
    inputs: [indices(10), f64(7, 3)],
    ts: (a, b) => F.embedding_bag(a, b, offsets()),
  },
  {
    name: "embedding_bag.float64_per_sample_weights",
    py: "torch.nn.functional.embedding_bag(a, b, torch.tensor([0, 3]), mode='sum', per_sample_weights=c)",
    inputs: [indices(6), f64(7, 3), f64(6)],
    ts: (a, b, c) => F.embedding_bag(a, b, long([0, 3]), { mode: "sum", per_sample_weights: c }),
  },
  {
    name: "embedding_bag.torch_mean",
    py: "torch.embedding_bag(b, a, torch.tensor([0, 2, 2]), False, 1, False, None, False, None)[0]",
    inputs: [indices(7), f(7, 3)],
    ts: (a, b) => torch.embedding_bag(b, a, long([0, 2, 2]), false, 1, false, null, false, null)[0],
  },
];

export const NN_EMBEDDING_BAG_OPS: OpCase[] = rows.map((row) => ({ ...row, gradgradcheck: false }));
