// Op table rows: the pointwise losses of src/ops/nn_losses.ts (mse, l1, smooth_l1, huber, binary_cross_entropy,
// binary_cross_entropy_with_logits, kl_div), each with every reduction, and their weights and options.
// Probabilities come from unit-domain inputs as (x + 1) / 2, in (0.05, 0.95); a target's gradient is checked
// too where derivatives.yaml has one.
import * as torch from "../../../src/index.js";
import { f, f64, noGrad, pos, type InputSpec, type OpCase } from "../op_case.js";

const F = torch.nn.functional;
type Tensor = torch.Tensor;
type Reduction = "none" | "mean" | "sum";
const REDUCTIONS: readonly Reduction[] = ["none", "mean", "sum"];

const unit = (...shape: number[]): InputSpec => ({ shape, domain: "unit" });
/** A probability from a unit-domain input, the same arithmetic in both languages. */
const prob = (t: Tensor) => t.add(1).div(2);
const PROB = (v: string) => `((${v} + 1) / 2)`;

/** Reduced losses sum terms in another order than PyTorch's: a few ulps, or an absolute slack near zero. */
const LOSS = { ulps: 8, atol: 1e-6 };

/** One row per reduction: `py` and `ts` get the reduction; names end in ".none", ".mean", ".sum". */
function perReduction(
  name: string,
  py: (r: Reduction) => string,
  inputs: InputSpec[],
  ts: (r: Reduction) => OpCase["ts"],
): OpCase[] {
  return REDUCTIONS.map((r) => ({ name: `${name}.${r}`, py: py(r), inputs, ts: ts(r), ...LOSS }));
}

const PAIR_LOSS_OPS: OpCase[] = [
  ...perReduction(
    "mse_loss",
    (r) => `torch.nn.functional.mse_loss(a, b, reduction='${r}')`,
    [f(4, 5), f(4, 5)],
    (r) => (a, b) => F.mse_loss(a, b, { reduction: r }),
  ),
  // A target of another shape broadcasts (with PyTorch's warning).
  {
    name: "mse_loss.broadcast",
    py: "torch.nn.functional.mse_loss(a, b, reduction='sum')",
    inputs: [f(3, 4), f(4)],
    ts: (a, b) => F.mse_loss(a, b, { reduction: "sum" }),
    ...LOSS,
  },
  // The legacy size_average / reduce flags stand for a reduction (they win over it).
  {
    name: "mse_loss.legacy_reduce_false",
    py: "torch.nn.functional.mse_loss(a, b, reduce=False)",
    inputs: [f(2, 3), f(2, 3)],
    ts: (a, b) => F.mse_loss(a, b, { reduce: false }),
  },
  {
    name: "mse_loss.legacy_size_average_false",
    py: "torch.nn.functional.mse_loss(a, b, False, None, 'none')",
    inputs: [f(2, 3), f(2, 3)],
    ts: (a, b) => F.mse_loss(a, b, false, null, "none"),
    ...LOSS,
  },
  {
    name: "mse_loss.float64",
    py: "torch.nn.functional.mse_loss(a, b)",
    inputs: [f64(3, 4), f64(3, 4)],
    ts: (a, b) => F.mse_loss(a, b),
  },
  ...perReduction(
    "l1_loss",
    (r) => `torch.nn.functional.l1_loss(a, b, reduction='${r}')`,
    [f(4, 5), f(4, 5)],
    (r) => (a, b) => F.l1_loss(a, b, { reduction: r }),
  ),
  {
    name: "l1_loss.positional_reduction",
    py: "torch.nn.functional.l1_loss(a, b, None, None, 'sum')",
    inputs: [f(2, 3), f(2, 3)],
    ts: (a, b) => F.l1_loss(a, b, null, null, "sum"),
    ...LOSS,
  },
  ...perReduction(
    "smooth_l1_loss",
    (r) => `torch.nn.functional.smooth_l1_loss(a, b, reduction='${r}')`,
    [f(4, 5), f(4, 5)],
    (r) => (a, b) => F.smooth_l1_loss(a, b, { reduction: r }),
  ),
  ...perReduction(
    "smooth_l1_loss.beta",
    (r) => `torch.nn.functional.smooth_l1_loss(a, b, reduction='${r}', beta=0.7)`,
    [f(4, 5), f(4, 5)],
    (r) => (a, b) => F.smooth_l1_loss(a, b, { reduction: r, beta: 0.7 }),
  ),
  // beta = 0 is l1_loss.
  {
    name: "smooth_l1_loss.beta_zero",
    py: "torch.nn.functional.smooth_l1_loss(a, b, beta=0.0)",
    inputs: [f(3, 4), f(3, 4)],
    ts: (a, b) => F.smooth_l1_loss(a, b, { beta: 0.0 }),
    ...LOSS,
  },
  ...perReduction(
    "huber_loss",
    (r) => `torch.nn.functional.huber_loss(a, b, reduction='${r}')`,
    [f(4, 5), f(4, 5)],
    (r) => (a, b) => F.huber_loss(a, b, { reduction: r }),
  ),
  ...perReduction(
    "huber_loss.delta",
    (r) => `torch.nn.functional.huber_loss(a, b, '${r}', 0.6)`,
    [f(4, 5), f(4, 5)],
    (r) => (a, b) => F.huber_loss(a, b, r, 0.6),
  ),
];

/** binary_cross_entropy_with_logits's pos_weight, written out in both languages (the table binds three inputs). */
const POS_WEIGHT_PY = "torch.tensor([0.5, 1.5, 2.0, 1.0, 0.75], dtype=a.dtype)";
const posWeight = (like: Tensor) => torch.tensor([0.5, 1.5, 2.0, 1.0, 0.75], { dtype: like.dtype });

const BCE_OPS: OpCase[] = [
  ...perReduction(
    "binary_cross_entropy",
    (r) => `torch.nn.functional.binary_cross_entropy(${PROB("a")}, ${PROB("b")}, reduction='${r}')`,
    [unit(4, 5), unit(4, 5)],
    (r) => (a, b) => F.binary_cross_entropy(prob(a), prob(b), { reduction: r }),
  ),
  ...perReduction(
    "binary_cross_entropy.weight",
    (r) => `torch.nn.functional.binary_cross_entropy(${PROB("a")}, ${PROB("b")}, c, reduction='${r}')`,
    [unit(4, 5), unit(4, 5), noGrad(pos(5))],
    (r) => (a, b, c) => F.binary_cross_entropy(prob(a), prob(b), c, { reduction: r }),
  ),
  {
    name: "binary_cross_entropy.legacy_size_average_false",
    py: `torch.nn.functional.binary_cross_entropy(${PROB("a")}, ${PROB("b")}, size_average=False)`,
    inputs: [unit(3, 2), unit(3, 2)],
    ts: (a, b) => F.binary_cross_entropy(prob(a), prob(b), { size_average: false }),
    ...LOSS,
  },
  {
    name: "binary_cross_entropy.float64",
    py: `torch.nn.functional.binary_cross_entropy(${PROB("a")}, ${PROB("b")})`,
    inputs: [
      { ...unit(3, 4), dtype: "float64" },
      { ...unit(3, 4), dtype: "float64" },
    ],
    ts: (a, b) => F.binary_cross_entropy(prob(a), prob(b)),
  },
  // Without weights the input's gradient is one fused kernel.
  ...perReduction(
    "binary_cross_entropy_with_logits",
    (r) => `torch.nn.functional.binary_cross_entropy_with_logits(a, ${PROB("b")}, reduction='${r}')`,
    [f(4, 5), unit(4, 5)],
    (r) => (a, b) => F.binary_cross_entropy_with_logits(a, prob(b), { reduction: r }),
  ),
  ...perReduction(
    "binary_cross_entropy_with_logits.weight",
    (r) => `torch.nn.functional.binary_cross_entropy_with_logits(a, ${PROB("b")}, c, reduction='${r}')`,
    [f(4, 5), unit(4, 5), noGrad(pos(4, 5))],
    (r) => (a, b, c) => F.binary_cross_entropy_with_logits(a, prob(b), c, { reduction: r }),
  ),
  ...perReduction(
    "binary_cross_entropy_with_logits.pos_weight",
    (r) =>
      `torch.nn.functional.binary_cross_entropy_with_logits(a, ${PROB("b")}, reduction='${r}', pos_weight=${POS_WEIGHT_PY})`,
    [f(4, 5), unit(4, 5)],
    (r) => (a, b) =>
      F.binary_cross_entropy_with_logits(a, prob(b), { reduction: r, pos_weight: posWeight(a) }),
  ),
  ...perReduction(
    "binary_cross_entropy_with_logits.weights",
    (r) =>
      `torch.nn.functional.binary_cross_entropy_with_logits(a, ${PROB("b")}, c, None, None, '${r}', ${POS_WEIGHT_PY})`,
    [f(4, 5), unit(4, 5), noGrad(pos(4, 5))],
    (r) => (a, b, c) => F.binary_cross_entropy_with_logits(a, prob(b), c, null, null, r, posWeight(a)),
  ),
  {
    name: "binary_cross_entropy_with_logits.float64",
    py: `torch.nn.functional.binary_cross_entropy_with_logits(a, ${PROB("b")})`,
    inputs: [f64(3, 4), { ...unit(3, 4), dtype: "float64" }],
    ts: (a, b) => F.binary_cross_entropy_with_logits(a, prob(b)),
  },
];

const KL_DIV_OPS: OpCase[] = [
  ...[...REDUCTIONS, "batchmean" as const].flatMap((r): OpCase[] => [
    {
      name: `kl_div.${r}`,
      py: `torch.nn.functional.kl_div(a.log_softmax(1), ${PROB("b")}, reduction='${r}')`,
      inputs: [f(4, 5), unit(4, 5)],
      ts: (a, b) => F.kl_div(a.log_softmax(1), prob(b), { reduction: r }),
      ...LOSS,
    },
    {
      name: `kl_div.log_target.${r}`,
      py: `torch.nn.functional.kl_div(a.log_softmax(1), b, reduction='${r}', log_target=True)`,
      inputs: [f(4, 5), f(4, 5)],
      ts: (a, b) => F.kl_div(a.log_softmax(1), b, { reduction: r, log_target: true }),
      ...LOSS,
    },
  ]),
];

// Mixed dtypes: huber_loss writes into input's dtype, mse_loss and smooth_l1_loss compute in the promoted one.
const PROMOTING_LOSS_OPS: OpCase[] = [
  {
    name: "huber_loss.float64_target",
    py: "torch.nn.functional.huber_loss(a, b, reduction='none')",
    // PyTorch's backward refuses the mixed dtypes: the forward only.
    inputs: [noGrad(f(2, 3)), { shape: [2, 3], dtype: "float64", grad: false }],
    ts: (a, b) => torch.nn.functional.huber_loss(a, b, "none"),
  },
  {
    name: "mse_loss.int_input",
    py: "torch.nn.functional.mse_loss(a, b)",
    inputs: [{ shape: [2, 3], dtype: "int64" }, noGrad(f(2, 3))],
    ts: (a, b) => torch.nn.functional.mse_loss(a, b),
  },
  {
    name: "smooth_l1_loss.bool_target",
    py: "torch.nn.functional.smooth_l1_loss(a, b, reduction='sum')",
    inputs: [f(2, 3), { shape: [2, 3], dtype: "bool" }],
    ts: (a, b) => torch.nn.functional.smooth_l1_loss(a, b, { reduction: "sum" }),
  },
];

export const NN_LOSSES_OPS: OpCase[] = [...PAIR_LOSS_OPS, ...BCE_OPS, ...KL_DIV_OPS, ...PROMOTING_LOSS_OPS];
