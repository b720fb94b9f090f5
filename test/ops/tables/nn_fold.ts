// Op table rows: F.unfold / F.fold (src/ops/nn_fold.ts). col2im sums overlapping windows: PyTorch adds them in
// its own order, so rows that overlap allow a few ulps.
import * as torch from "../../../src/index.js";
import { f, f64, type OpCase } from "../op_case.js";

const F = torch.nn.functional;
const SUMS = { ulps: 4, atol: 1e-7 };

export const NN_FOLD_OPS: OpCase[] = [
  {
    name: "unfold",
    py: "torch.nn.functional.unfold(a, 2)",
    inputs: [f(2, 3, 4, 5)],
    ts: (a) => F.unfold(a, 2),
  },
  {
    name: "unfold.all_options",
    py: "torch.nn.functional.unfold(a, (2, 3), dilation=(1, 2), padding=(1, 0), stride=(2, 1))",
    inputs: [f(1, 2, 5, 7)],
    ts: (a) => F.unfold(a, [2, 3], { dilation: [1, 2], padding: [1, 0], stride: [2, 1] }),
  },
  {
    name: "unfold.unbatched_float64",
    py: "torch.nn.functional.unfold(a, 3, 1, 1, 2)",
    inputs: [f64(2, 4, 5)],
    ts: (a) => F.unfold(a, 3, 1, 1, 2),
  },
  {
    name: "fold",
    py: "torch.nn.functional.fold(a, (3, 4), 2)",
    inputs: [f(2, 12, 6)],
    ts: (a) => F.fold(a, [3, 4], 2),
    ...SUMS,
  },
  {
    name: "fold.all_options",
    py: "torch.nn.functional.fold(a, 5, (2, 3), dilation=(2, 1), padding=1, stride=(1, 2))",
    inputs: [f(1, 12, 15)],
    ts: (a) => F.fold(a, 5, [2, 3], { dilation: [2, 1], padding: 1, stride: [1, 2] }),
    ...SUMS,
  },
  {
    name: "fold.unbatched_float64",
    py: "torch.nn.functional.fold(a, (4, 4), 2, stride=2)",
    inputs: [f64(8, 4)],
    ts: (a) => F.fold(a, [4, 4], 2, { stride: 2 }),
    ...SUMS,
  },
];
