// Margin, embedding and likelihood losses of torch.nn.functional: soft_margin_loss (its own node, as
// aten's kernel), margin_ranking_loss, hinge_embedding_loss, cosine_embedding_loss and triplet_margin_loss
// (aten/src/ATen/native/Loss.cpp's compositions), multilabel_soft_margin_loss, poisson_nll_loss,
// gaussian_nll_loss and triplet_margin_with_distance_loss (torch/nn/functional.py's), each in PyTorch 1.13's
// operation order so values and grad_fn names match.
import { no_grad } from "../autograd/grad_mode.js";
import { IndexError, RuntimeError, ValueError } from "../errors.js";
import { pyTypeName } from "../signatures/messages.js";
import { definePython } from "../signatures/registry.js";
import { zeros_like } from "../tensor/creation.js";
import { bool, Category, defaultFloatDtype, promoteTypes } from "../tensor/dtype.js";
import type { Tensor } from "../tensor/tensor.js";
import { record } from "./core.js";
import {
  add,
  checkNotBoolSub,
  clamp,
  div,
  eq,
  exp,
  log,
  mul,
  ne,
  neg,
  pow,
  rsub,
  sub,
  where,
} from "./elementwise.js";
import { clamp_ } from "./inplace.js";
import { logsigmoid, minimum } from "./math.js";
import { clampMin, pairwise_distance } from "./nn_distance.js";
import {
  applyReduction,
  checkNotDifferentiable,
  checkReduction,
  reductionOf,
  type Reduction,
} from "./nn_losses.js";
import { sum } from "./reduce.js";

/** F.soft_margin_loss: log(1 + exp(-input * target)), reduced; SoftMarginLossBackward0 covers input only. */
export function soft_margin_loss(
  input: Tensor,
  target: Tensor,
  sizeAverage: boolean | null = null,
  reduce: boolean | null = null,
  reduction = "mean",
): Tensor {
  const mode = reductionOf(sizeAverage, reduce, reduction);
  checkNotDifferentiable("soft_margin_loss", "target", target);
  if (input.dtype.category !== Category.Floating && input.dtype !== bool) {
    // soft_margin_loss_out: neg_out(output, input).mul_(target).exp_() in input's dtype: an integer input
    // cannot hold the product with a float target, nor its exp
    const promoted = promoteTypes(input.dtype, target.dtype);
    const result = promoted.category > input.dtype.category ? promoted : defaultFloatDtype();
    throw new RuntimeError(
      `result type ${result.scalarTypeName} can't be cast to the desired output type ${input.dtype.scalarTypeName}`,
    );
  }
  const out = no_grad(() => applyReduction(log(add(exp(mul(neg(input), target)), 1)), mode));
  return record("SoftMarginLossBackward0", [input], out, () => ({ self: input, target, reduction: mode }));
}

/** The size check of F.margin_ranking_loss, in functional.py's words. */
function checkSameDims(input1: Tensor, input2: Tensor, target: Tensor): void {
  if (input1.ndim !== input2.ndim || input1.ndim !== target.ndim)
    throw new RuntimeError(
      `margin_ranking_loss : All input tensors should have same dimension but got sizes: input1: ${sizeStr(input1)}, input2: ${sizeStr(input2)}, target: ${sizeStr(target)} `,
    );
}

const sizeStr = (t: Tensor) => `torch.Size([${t.shape.join(", ")}])`;

/** F.margin_ranking_loss: max(0, -target * (input1 - input2) + margin), reduced. */
export function margin_ranking_loss(
  input1: Tensor,
  input2: Tensor,
  target: Tensor,
  margin = 0,
  sizeAverage: boolean | null = null,
  reduce: boolean | null = null,
  reduction = "mean",
): Tensor {
  const mode = reductionOf(sizeAverage, reduce, reduction);
  checkSameDims(input1, input2, target);
  return marginRankingLoss(input1, input2, target, margin, mode);
}

/** aten's margin_ranking_loss (torch.margin_ranking_loss): the formula alone, inputs broadcast. */
export function marginRankingLoss(
  input1: Tensor,
  input2: Tensor,
  target: Tensor,
  margin: number,
  mode: Reduction,
): Tensor {
  return applyReduction(clampMin(add(mul(neg(target), sub(input1, input2)), margin), 0), mode);
}

/** F.hinge_embedding_loss: input where target is 1, max(0, margin - input) where it is -1, reduced. */
export function hinge_embedding_loss(
  input: Tensor,
  target: Tensor,
  margin = 1.0,
  sizeAverage: boolean | null = null,
  reduce: boolean | null = null,
  reduction = "mean",
): Tensor {
  const mode = reductionOf(sizeAverage, reduce, reduction);
  const zeros = zeros_like(input);
  // Loss.cpp's `margin - self` is empty_like(self).fill_(margin).sub_(self): margin takes self's dtype
  if (input.dtype === bool) checkNotBoolSub(input, input);
  const marginClamp = clampMin(rsub(input, margin), 0);
  const outputMargin = where(ne(target, 1), marginClamp, zeros);
  const outputSelf = where(ne(target, -1), input, zeros);
  return applyReduction(add(outputMargin, outputSelf), mode);
}

/** Loss.cpp's EPSILON, added to the squared magnitudes of cosine_embedding_loss. */
const EPSILON = 1e-12;

/** F.cosine_embedding_loss: 1 - cos where target is 1, max(0, cos - margin) where it is -1, reduced. */
export function cosine_embedding_loss(
  input1: Tensor,
  input2: Tensor,
  target: Tensor,
  margin = 0,
  sizeAverage: boolean | null = null,
  reduce: boolean | null = null,
  reduction = "mean",
): Tensor {
  const mode = reductionOf(sizeAverage, reduce, reduction);
  const targDim = target.ndim;
  if (targDim !== 1 && targDim !== 0)
    throw new RuntimeError("0D or 1D target tensor expected, multi-target not supported");
  const sizes = (t: Tensor) => `[${t.shape.join(", ")}]`;
  if (targDim === 1 && (input1.ndim !== 2 || input2.ndim !== 2))
    throw new RuntimeError(
      `1D target tensor expects 2D input tensors, but found inputs with sizes ${sizes(input1)} and ${sizes(input2)}.`,
    );
  if (targDim === 0 && (input1.ndim !== 1 || input2.ndim !== 1))
    throw new RuntimeError(
      `0D target tensor expects 1D input tensors, but found inputs with sizes ${sizes(input1)} and ${sizes(input2)}.`,
    );
  const prodSum = sum(mul(input1, input2), targDim);
  const magSquare1 = add(sum(mul(input1, input1), targDim), EPSILON);
  const magSquare2 = add(sum(mul(input2, input2), targDim), EPSILON);
  const denom = mul(magSquare1, magSquare2).sqrt_();
  const cos = div(prodSum, denom);
  const zeros = zeros_like(cos);
  const pos = rsub(cos, 1);
  const negative = clampMin(sub(cos, margin), 0);
  const output = add(where(eq(target, 1), pos, zeros), where(eq(target, -1), negative, zeros));
  return applyReduction(output, mode);
}

/** F.multilabel_soft_margin_loss: the mean over classes (the last dim) of -(y log σ(x) + (1 - y) log σ(-x)), weighted. */
export function multilabel_soft_margin_loss(
  input: Tensor,
  target: Tensor,
  weight: Tensor | null = null,
  sizeAverage: boolean | null = null,
  reduce: boolean | null = null,
  reduction = "mean",
): Tensor {
  const mode =
    sizeAverage !== null || reduce !== null ? reductionOf(sizeAverage, reduce, reduction) : reduction;
  let loss = neg(add(mul(target, logsigmoid(input)), mul(rsub(target, 1), logsigmoid(neg(input)))));
  if (weight !== null) loss = mul(loss, weight);
  const classDim = input.ndim - 1;
  // input.size(class_dim) of a 0-dim input
  if (input.ndim === 0) throw new IndexError("Dimension specified as -1 but tensor has no dimensions");
  loss = div(sum(loss, classDim), input.shape[classDim]);
  if (mode === "none") return loss;
  if (mode === "mean") return loss.mean();
  if (mode === "sum") return loss.sum();
  throw new ValueError(`${mode} is not valid`);
}

/** F.poisson_nll_loss: exp(input) - target * input (log_input), or input - target * log(input + eps). */
export function poisson_nll_loss(
  input: Tensor,
  target: Tensor,
  logInput = true,
  full = false,
  sizeAverage: boolean | null = null,
  eps = 1e-8,
  reduce: boolean | null = null,
  reduction = "mean",
): Tensor {
  const mode =
    sizeAverage !== null || reduce !== null ? reductionOf(sizeAverage, reduce, reduction) : reduction;
  if (mode !== "none" && mode !== "mean" && mode !== "sum") throw new ValueError(`${mode} is not valid`);
  let loss = logInput ? sub(exp(input), mul(target, input)) : sub(input, mul(target, log(add(input, eps))));
  if (full) {
    const stirling = add(sub(mul(target, log(target)), target), mul(log(mul(target, 2 * Math.PI)), 0.5));
    loss = add(loss, stirling.masked_fill(target.le(1), 0));
  }
  return applyReduction(loss, mode as Reduction);
}

/** F.gaussian_nll_loss: 0.5 * (log(var) + (input - target)^2 / var), var clamped to eps without a graph. */
export function gaussian_nll_loss(
  input: Tensor,
  target: Tensor,
  variance: Tensor,
  full = false,
  eps = 1e-6,
  reduction = "mean",
): Tensor {
  let v = variance;
  const same = (a: readonly number[], b: readonly number[]) =>
    a.length === b.length && a.every((d, i) => d === b[i]);
  if (!same(v.shape, input.shape)) {
    const lead = input.shape.slice(0, -1);
    if (same(lead, v.shape)) v = v.unsqueeze(-1);
    else if (!(same(lead, v.shape.slice(0, -1)) && v.shape[v.ndim - 1] === 1))
      throw new ValueError("var is of incorrect size");
  }
  if (reduction !== "none" && reduction !== "mean" && reduction !== "sum")
    throw new ValueError(`${reduction} is not valid`);
  if (no_grad(() => v.lt(0).any().item())) throw new ValueError("var has negative entry/entries");
  v = v.clone();
  no_grad(() => clamp_(v, eps));
  let loss = mul(add(log(v), div(pow(sub(input, target), 2), v)), 0.5);
  if (full) loss = add(loss, 0.5 * Math.log(2 * Math.PI));
  return applyReduction(loss, reduction);
}

/** torch.triplet_margin_loss: max(0, margin + d(a, p) - d(a, n)) with pairwise p-norm distances. */
export function triplet_margin_loss(
  anchor: Tensor,
  positive: Tensor,
  negative: Tensor,
  margin = 1.0,
  p = 2,
  eps = 1e-6,
  swap = false,
  sizeAverage: boolean | null = null,
  reduce: boolean | null = null,
  reduction = "mean",
): Tensor {
  const mode = reductionOf(sizeAverage, reduce, reduction);
  const [aDim, pDim, nDim] = [anchor.ndim, positive.ndim, negative.ndim];
  if (aDim !== pDim || pDim !== nDim)
    throw new RuntimeError(
      `All inputs should have same dimension but got ${aDim}D, ${pDim}D and ${nDim}D inputs.`,
    );
  const distPos = pairwise_distance(anchor, positive, p, eps);
  let distNeg = pairwise_distance(anchor, negative, p, eps);
  if (swap) distNeg = minimum(distNeg, pairwise_distance(positive, negative, p, eps));
  return applyReduction(clampMin(sub(add(distPos, margin), distNeg), 0), mode);
}

type Distance = (x1: Tensor, x2: Tensor) => Tensor;

/** F.triplet_margin_with_distance_loss: max(0, d(a, p) - d(a, n) + margin), any distance (pairwise_distance). */
export function triplet_margin_with_distance_loss(
  anchor: Tensor,
  positive: Tensor,
  negative: Tensor,
  distanceFunction: unknown = null,
  margin = 1.0,
  swap = false,
  reduction = "mean",
): Tensor {
  const distance = (distanceFunction ?? ((x1: Tensor, x2: Tensor) => pairwise_distance(x1, x2))) as Distance;
  if (typeof distance !== "function") throw new TypeError(`'${pyTypeName(distance)}' object is not callable`);
  const positiveDist = distance(anchor, positive);
  let negativeDist = distance(anchor, negative);
  if (swap) negativeDist = minimum(negativeDist, distance(positive, negative));
  const output = clamp(add(sub(positiveDist, negativeDist), margin), 0);
  const mode = checkReduction(reduction);
  if (mode === "mean") return output.mean();
  if (mode === "sum") return output.sum();
  return output;
}

const LEGACY = "size_average: bool | None = None, reduce: bool | None = None";
const REDUCTION = "reduction: str = 'mean'";

definePython("torch.nn.functional", {
  [`soft_margin_loss(input: Tensor, target: Tensor, ${LEGACY}, ${REDUCTION}) -> Tensor`]: soft_margin_loss,
  [`margin_ranking_loss(input1: Tensor, input2: Tensor, target: Tensor, margin: float = 0, ${LEGACY}, ${REDUCTION}) -> Tensor`]:
    margin_ranking_loss,
  [`hinge_embedding_loss(input: Tensor, target: Tensor, margin: float = 1.0, ${LEGACY}, ${REDUCTION}) -> Tensor`]:
    hinge_embedding_loss,
  [`cosine_embedding_loss(input1: Tensor, input2: Tensor, target: Tensor, margin: float = 0, ${LEGACY}, ${REDUCTION}) -> Tensor`]:
    cosine_embedding_loss,
  [`multilabel_soft_margin_loss(input: Tensor, target: Tensor, weight: Tensor | None = None, ${LEGACY}, ${REDUCTION}) -> Tensor`]:
    multilabel_soft_margin_loss,
  [`poisson_nll_loss(input: Tensor, target: Tensor, log_input: bool = True, full: bool = False, size_average: bool | None = None, eps: float = 1e-08, reduce: bool | None = None, ${REDUCTION}) -> Tensor`]:
    poisson_nll_loss,
  [`gaussian_nll_loss(input: Tensor, target: Tensor, var: Tensor, full: bool = False, eps: float = 1e-06, ${REDUCTION}) -> Tensor`]:
    gaussian_nll_loss,
  [`triplet_margin_loss(anchor: Tensor, positive: Tensor, negative: Tensor, margin: float = 1.0, p: float = 2, eps: float = 1e-06, swap: bool = False, ${LEGACY}, ${REDUCTION}) -> Tensor`]:
    triplet_margin_loss,
  [`triplet_margin_with_distance_loss(anchor: Tensor, positive: Tensor, negative: Tensor, *, distance_function=None, margin: float = 1.0, swap: bool = False, ${REDUCTION}) -> Tensor`]:
    triplet_margin_with_distance_loss,
});
