// Derivatives of src/ops/nn_losses.ts: the fused loss kernels' rows (PyTorch's *_backward functions), written
// in tensor ops so double backward works. Each follows the arithmetic order of PyTorch 1.13's CPU backward
// kernel. The target is differentiable too, as in derivatives.yaml.
import { derivative } from "../../autograd/derivative.js";
import { RuntimeError } from "../../errors.js";
import { bool } from "../../tensor/dtype.js";
import type { Tensor } from "../../tensor/tensor.js";
import { _bce_with_logits_backward } from "../backward_ops.js";
import { add, clamp, div, gt, log, lt, mul, neg, rsub, sigmoid, sub, where } from "../elementwise.js";
import { logsigmoid } from "../math.js";
import { div_, mul_, sub_ } from "../inplace.js";
import { is_grad_enabled } from "../../autograd/grad_mode.js";
import type { Reduction } from "../nn_losses.js";

/** What every pointwise loss saves: its (broadcast) input and target, and the reduction. */
export interface PairSaved {
  self: Tensor;
  target: Tensor;
  reduction: Reduction;
}

/** The reduction's factor: `by` / numel for mean, else `by`. */
const normOf = (s: PairSaved, by: number) => (s.reduction === "mean" ? by / s.self.numel() : by);

/**
 * The backward kernels of mse, huber and binary_cross_entropy run a TensorIterator over input and target that
 * does not promote (their forwards do): a target of another dtype fails there, e.g. an int64 target.
 */
function checkSameDtype(input: Tensor, target: Tensor): void {
  if (target.dtype !== input.dtype)
    throw new RuntimeError(
      `Found dtype ${target.dtype.scalarTypeName} but expected ${input.dtype.scalarTypeName}`,
    );
}

/** mse_loss_backward: norm * (input - target) * grad. */
function mseBackward(g: Tensor, input: Tensor, target: Tensor, norm: number): Tensor {
  checkSameDtype(input, target);
  return mul(mul(sub(input, target), norm), g);
}

/** smooth_l1_loss_backward: -norm*g below -beta, norm*g above beta, norm*x*g/beta between. */
/** A bool operand of a loss's backward, as numbers: PyTorch's kernel promotes it, where sub() refuses bool. */
const numeric = (t: Tensor, other: Tensor) => (t.dtype === bool ? t.to(other.dtype) : t);

function smoothL1Backward(g: Tensor, input: Tensor, target: Tensor, norm: number, beta: number): Tensor {
  const x = sub(numeric(input, target), numeric(target, input));
  // beta = 0 has no quadratic part: without its x / beta branch (0 / 0) the second derivative is zero, as
  // smooth_l1_loss_double_backward's special case gives.
  if (beta === 0) return where(gt(x, 0), mul(g, norm), mul(g, -norm));
  const inside = div(mul(mul(x, norm), g), beta);
  return where(gt(x, -beta), where(lt(x, beta), inside, mul(g, norm)), mul(g, -norm));
}

/** huber_loss_backward: -norm*g*delta below -delta, norm*g*delta above delta, norm*x*g between. */
function huberBackward(g: Tensor, input: Tensor, target: Tensor, norm: number, delta: number): Tensor {
  checkSameDtype(input, target);
  const x = sub(input, target);
  const inside = mul(mul(x, norm), g);
  return where(
    gt(x, -delta),
    where(lt(x, delta), inside, mul(mul(g, norm), delta)),
    mul(mul(g, -norm), delta),
  );
}

export interface BCESaved extends PairSaved {
  weight: Tensor | null;
}

export interface BCEWithLogitsSaved extends BCESaved {
  pos_weight: Tensor | null;
}

const sameShape = (a: Tensor, b: Tensor) => a.ndim === b.ndim && a.shape.every((d, i) => d === b.shape[i]);

/** The end of every BCE backward: times weight, then / numel for mean. */
function weightedAndReduced(t: Tensor, s: BCESaved): Tensor {
  const weighted = s.weight === null ? t : mul(t, s.weight);
  return s.reduction === "mean" ? div(weighted, s.self.numel()) : weighted;
}

/** binary_cross_entropy_backward: grad * (x - y) / max((1 - x) * x, EPSILON). */
function bceBackward(g: Tensor, s: BCESaved): Tensor {
  checkSameDtype(s.self, s.target);
  const x = s.self;
  return weightedAndReduced(div(mul(g, sub(x, s.target)), clamp(mul(rsub(x, 1), x), 1e-12)), s);
}

/** binary_cross_entropy_target_backward: -log(x / (1 - x)) * grad. */
function bceTargetBackward(g: Tensor, s: BCESaved): Tensor {
  const x = s.self;
  return weightedAndReduced(mul(neg(log(div(x, rsub(x, 1)))), g), s);
}

/**
 * binary_cross_entropy_with_logits_backward (FunctionsManual.cpp): (sigmoid(x) - y) * grad, or with pos_weight
 * ((pos_weight * y + 1 - y) * sigmoid(x) - pos_weight * y) * grad; times weight, / numel for mean. Without a
 * graph (plain backward) PyTorch runs it as in-place ops on sigmoid(x): each step rounds to input's dtype (a
 * float32 input with a float64 target gives float32 steps) and a target that broadcasts input to a larger shape
 * fails there ("output with shape [4] doesn't match the broadcast shape [3, 4]"). With create_graph it runs
 * out of place, promoting, as the composite ops below do.
 */
function bceWithLogitsBackward(g: Tensor, s: BCEWithLogitsSaved): Tensor {
  const x = s.self;
  const y = s.target;
  const pw = s.pos_weight;
  const inPlace = !is_grad_enabled();
  // Fused when nothing weighs and nothing promotes or broadcasts (the same digits as the in-place chain).
  const plain = x.dtype === y.dtype && x.dtype === g.dtype && x.dtype.is_floating_point && sameShape(x, y);
  if (pw === null && s.weight === null && (plain || !inPlace))
    return _bce_with_logits_backward(x, y, g, s.reduction === "mean" ? x.numel() : 1);
  if (!inPlace) {
    if (pw === null) return weightedAndReduced(mul(sub(sigmoid(x), y), g), s);
    const t = mul(pw, y);
    return weightedAndReduced(mul(sub(mul(sub(add(t, 1), y), sigmoid(x)), t), g), s);
  }
  let gi: Tensor;
  if (pw === null) gi = sub_(sigmoid(x), y);
  else {
    const t = mul(pw, y);
    gi = sub_(mul_(sub_(add(t, 1), y), sigmoid(x)), t);
  }
  gi = mul_(gi, g);
  if (s.weight !== null) gi = mul_(gi, s.weight);
  return s.reduction === "mean" ? div_(gi, x.numel()) : gi;
}

/**
 * binary_cross_entropy_with_logits_target_backward: -x * grad, or (log_sigmoid(-x) - log_sigmoid(x) * pos_weight)
 * * grad; times weight, / target's numel for mean: in place on the first product, as PyTorch runs it even
 * with create_graph (a float32 input's log_sigmoid rounds each step to float32 for a float64 target).
 */
function bceWithLogitsTargetBackward(g: Tensor, s: BCEWithLogitsSaved): Tensor {
  const x = s.self;
  const pw = s.pos_weight;
  let gt: Tensor = pw === null ? mul(neg(x), g) : mul_(sub_(logsigmoid(neg(x)), mul_(logsigmoid(x), pw)), g);
  if (s.weight !== null) gt = mul_(gt, s.weight);
  return s.reduction === "mean" ? div_(gt, s.target.numel()) : gt;
}

export const NN_LOSSES_DERIVATIVES = {
  MseLossBackward0: derivative<PairSaved>({
    self: [
      "mse_loss_backward(grad, self, target, reduction)",
      (g, s) => mseBackward(g, s.self, s.target, normOf(s, 2)),
    ],
    target: [
      "mse_loss_backward(grad, target, self, reduction)",
      (g, s) => mseBackward(g, s.target, s.self, normOf(s, 2)),
    ],
  }),
  SmoothL1LossBackward0: derivative<PairSaved & { beta: number }>({
    self: [
      "smooth_l1_loss_backward(grad, self, target, reduction, beta)",
      (g, s) => smoothL1Backward(g, s.self, s.target, normOf(s, 1), s.beta),
    ],
    target: [
      "smooth_l1_loss_backward(grad, target, self, reduction, beta)",
      (g, s) => smoothL1Backward(g, s.target, s.self, normOf(s, 1), s.beta),
    ],
  }),
  HuberLossBackward0: derivative<PairSaved & { delta: number }>({
    self: [
      "huber_loss_backward(grad, self, target, reduction, delta)",
      (g, s) => huberBackward(g, s.self, s.target, normOf(s, 1), s.delta),
    ],
    target: [
      "huber_loss_backward(grad, target, self, reduction, delta)",
      (g, s) => huberBackward(g, s.target, s.self, normOf(s, 1), s.delta),
    ],
  }),
  BinaryCrossEntropyBackward0: derivative<BCESaved>({
    self: ["binary_cross_entropy_backward(grad, self, target, weight, reduction)", bceBackward],
    target: [
      "binary_cross_entropy_target_backward(grad, self, target, weight, reduction)",
      bceTargetBackward,
    ],
  }),
  BinaryCrossEntropyWithLogitsBackward0: derivative<BCEWithLogitsSaved>({
    self: [
      "binary_cross_entropy_with_logits_backward(grad, self, target, weight, pos_weight, reduction)",
      bceWithLogitsBackward,
    ],
    target: [
      "binary_cross_entropy_with_logits_target_backward(grad, self, target, weight, pos_weight, reduction)",
      bceWithLogitsTargetBackward,
    ],
  }),
};
