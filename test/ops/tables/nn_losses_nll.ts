// Op table rows: F.nll_loss and F.cross_entropy (src/ops/nn_losses_nll.ts) with every reduction: class indices
// for 1-D, 2-D, 3-D and 4-D inputs, class weights, ignore_index, label smoothing, and class probabilities.
// Targets are fixed tensors written out in both languages.
import * as torch from "../../../src/index.js";
import { f, noGrad, pos, type InputSpec, type OpCase } from "../op_case.js";

const F = torch.nn.functional;
type Tensor = torch.Tensor;
type Reduction = "none" | "mean" | "sum";
const REDUCTIONS: readonly Reduction[] = ["none", "mean", "sum"];

/** A target of class indices, as a Python expression and as a tensor. */
interface Target {
  py: string;
  ts: () => Tensor;
}
function target(values: number | number[] | number[][] | number[][][]): Target {
  return {
    py: `torch.tensor(${JSON.stringify(values)})`,
    ts: () => torch.tensor(values as never, { dtype: torch.int64 }),
  };
}
/** [4] targets for 5 classes; with an ignored (-100) entry; [2, 4, 2] and [2, 4] spatial targets for 3 classes. */
const T = target([0, 4, 2, 1]);
const T_IGNORE = target([0, -100, 2, 4]);
const T_4D = target([
  [
    [0, 1],
    [2, 2],
    [1, 0],
    [2, 1],
  ],
  [
    [1, 1],
    [0, 2],
    [2, 0],
    [1, 1],
  ],
]);
const T_3D = target([
  [0, 1, 2, 2],
  [2, 1, 0, 1],
]);
const T_0D = target(3);

/** Reduced losses sum terms in another order than PyTorch's: a few ulps, or an absolute slack near zero. */
const LOSS = { ulps: 8, atol: 1e-6 };

/** One row per reduction; names end in ".none", ".mean", ".sum". */
function perReduction(
  name: string,
  py: (r: Reduction) => string,
  inputs: InputSpec[],
  ts: (r: Reduction) => OpCase["ts"],
): OpCase[] {
  return REDUCTIONS.map((r) => ({ name: `${name}.${r}`, py: py(r), inputs, ts: ts(r), ...LOSS }));
}

const NLL_LOSS_OPS: OpCase[] = [
  ...perReduction(
    "nll_loss",
    (r) => `torch.nn.functional.nll_loss(a.log_softmax(1), ${T.py}, reduction='${r}')`,
    [f(4, 5)],
    (r) => (a) => F.nll_loss(a.log_softmax(1), T.ts(), { reduction: r }),
  ),
  ...perReduction(
    "nll_loss.weight_ignored_target",
    (r) => `torch.nn.functional.nll_loss(a, ${T_IGNORE.py}, b, reduction='${r}')`,
    [f(4, 5), noGrad(pos(5))],
    (r) => (a, b) => F.nll_loss(a, T_IGNORE.ts(), b, { reduction: r }),
  ),
  ...perReduction(
    "nll_loss.ignore_index",
    (r) => `torch.nn.functional.nll_loss(a, ${T.py}, ignore_index=2, reduction='${r}')`,
    [f(4, 5)],
    (r) => (a) => F.nll_loss(a, T.ts(), { ignore_index: 2, reduction: r }),
  ),
  ...perReduction(
    "nll_loss.4d_weight",
    (r) => `torch.nn.functional.nll_loss(a, ${T_4D.py}, b, reduction='${r}')`,
    [f(2, 3, 4, 2), noGrad(pos(3))],
    (r) => (a, b) => F.nll_loss(a, T_4D.ts(), b, { reduction: r }),
  ),
  ...perReduction(
    "nll_loss.3d",
    (r) => `torch.nn.functional.nll_loss(a, ${T_3D.py}, reduction='${r}')`,
    [f(2, 3, 4)],
    (r) => (a) => F.nll_loss(a, T_3D.ts(), { reduction: r }),
  ),
  ...perReduction(
    "nll_loss.1d",
    (r) => `torch.nn.functional.nll_loss(a, ${T_0D.py}, reduction='${r}')`,
    [f(5)],
    (r) => (a) => F.nll_loss(a, T_0D.ts(), { reduction: r }),
  ),
  {
    name: "nll_loss.legacy_reduce_false",
    py: `torch.nn.functional.nll_loss(a, ${T.py}, None, None, -100, False)`,
    inputs: [f(4, 5)],
    ts: (a) => F.nll_loss(a, T.ts(), null, null, -100, false),
  },
  {
    name: "nll_loss.float64",
    py: `torch.nn.functional.nll_loss(a, ${T_IGNORE.py}, b)`,
    inputs: [
      { shape: [4, 5], dtype: "float64" },
      noGrad({ shape: [5], dtype: "float64", domain: "positive" }),
    ],
    ts: (a, b) => F.nll_loss(a, T_IGNORE.ts(), b),
  },
];

const CROSS_ENTROPY_OPS: OpCase[] = [
  ...perReduction(
    "cross_entropy",
    (r) => `torch.nn.functional.cross_entropy(a, ${T.py}, reduction='${r}')`,
    [f(4, 5)],
    (r) => (a) => F.cross_entropy(a, T.ts(), { reduction: r }),
  ),
  ...perReduction(
    "cross_entropy.weight_ignored_target",
    (r) => `torch.nn.functional.cross_entropy(a, ${T_IGNORE.py}, b, reduction='${r}')`,
    [f(4, 5), noGrad(pos(5))],
    (r) => (a, b) => F.cross_entropy(a, T_IGNORE.ts(), b, { reduction: r }),
  ),
  ...perReduction(
    "cross_entropy.ignore_index",
    (r) => `torch.nn.functional.cross_entropy(a, ${T.py}, None, None, 4, None, '${r}')`,
    [f(4, 5)],
    (r) => (a) => F.cross_entropy(a, T.ts(), null, null, 4, null, r),
  ),
  ...perReduction(
    "cross_entropy.4d",
    (r) => `torch.nn.functional.cross_entropy(a, ${T_4D.py}, reduction='${r}')`,
    [f(2, 3, 4, 2)],
    (r) => (a) => F.cross_entropy(a, T_4D.ts(), { reduction: r }),
  ),
  ...perReduction(
    "cross_entropy.3d_weight",
    (r) => `torch.nn.functional.cross_entropy(a, ${T_3D.py}, b, reduction='${r}')`,
    [f(2, 3, 4), noGrad(pos(3))],
    (r) => (a, b) => F.cross_entropy(a, T_3D.ts(), b, { reduction: r }),
  ),
  ...perReduction(
    "cross_entropy.1d",
    (r) => `torch.nn.functional.cross_entropy(a, ${T_0D.py}, reduction='${r}')`,
    [f(5)],
    (r) => (a) => F.cross_entropy(a, T_0D.ts(), { reduction: r }),
  ),
  ...perReduction(
    "cross_entropy.label_smoothing",
    (r) => `torch.nn.functional.cross_entropy(a, ${T_IGNORE.py}, reduction='${r}', label_smoothing=0.2)`,
    [f(4, 5)],
    (r) => (a) => F.cross_entropy(a, T_IGNORE.ts(), { reduction: r, label_smoothing: 0.2 }),
  ),
  ...perReduction(
    "cross_entropy.label_smoothing_weight",
    (r) => `torch.nn.functional.cross_entropy(a, ${T_IGNORE.py}, b, reduction='${r}', label_smoothing=0.2)`,
    [f(4, 5), noGrad(pos(5))],
    (r) => (a, b) => F.cross_entropy(a, T_IGNORE.ts(), b, { reduction: r, label_smoothing: 0.2 }),
  ),
  // Class probabilities: a float target of the input's shape (differentiable).
  ...perReduction(
    "cross_entropy.probabilities",
    (r) => `torch.nn.functional.cross_entropy(a, b.softmax(1), reduction='${r}')`,
    [f(4, 5), f(4, 5)],
    (r) => (a, b) => F.cross_entropy(a, b.softmax(1), { reduction: r }),
  ),
  ...perReduction(
    "cross_entropy.probabilities_weight_smoothing",
    (r) => `torch.nn.functional.cross_entropy(a, b.softmax(1), c, reduction='${r}', label_smoothing=0.1)`,
    [f(4, 5), f(4, 5), noGrad(pos(5))],
    (r) => (a, b, c) => F.cross_entropy(a, b.softmax(1), c, { reduction: r, label_smoothing: 0.1 }),
  ),
  ...perReduction(
    "cross_entropy.probabilities_4d",
    (r) => `torch.nn.functional.cross_entropy(a, a.flip(0).softmax(1), reduction='${r}')`,
    [f(2, 3, 4, 2)],
    (r) => (a) => F.cross_entropy(a, a.flip(0).softmax(1), { reduction: r }),
  ),
  {
    name: "cross_entropy.legacy_size_average_false",
    py: `torch.nn.functional.cross_entropy(a, ${T.py}, size_average=False)`,
    inputs: [f(4, 5)],
    ts: (a) => F.cross_entropy(a, T.ts(), { size_average: false }),
    ...LOSS,
  },
  {
    name: "cross_entropy.float64",
    py: `torch.nn.functional.cross_entropy(a, ${T.py}, label_smoothing=0.3)`,
    inputs: [{ shape: [4, 5], dtype: "float64" }],
    ts: (a) => F.cross_entropy(a, T.ts(), { label_smoothing: 0.3 }),
  },
];

export const NN_LOSSES_NLL_OPS: OpCase[] = [...NLL_LOSS_OPS, ...CROSS_ENTROPY_OPS];
