// Derivatives of src/ops/nn_losses_nll.ts: nll_loss's two nodes (cross_entropy is log_softmax then nll_loss).
// The target is not differentiable (derivatives.yaml: non_differentiable) and is not recorded.
import { derivative } from "../../autograd/derivative.js";
import { is_grad_enabled } from "../../autograd/grad_mode.js";
import { zeros_like } from "../../tensor/creation.js";
import type { Tensor } from "../../tensor/tensor.js";
import { _nll_loss_backward } from "../backward_ops.js";
import { div, mul, ne, neg, where } from "../elementwise.js";
import { gather, scatter } from "../indexing.js";
import type { Reduction } from "../nn_losses.js";
import { expand, flatten, reshape, unsqueeze, view } from "../shape.js";

export interface NllSaved {
  self: Tensor;
  target: Tensor;
  weight: Tensor | null;
  reduction: Reduction;
  ignore_index: number;
  total_weight: Tensor;
}

/**
 * nll_loss_backward in tensor ops: zeros except grad_input[i, target[i]] = -w[target[i]] * grad (grad /
 * total_weight for mean), 0 where target == ignore_index. Input is [C] (0-dim target), [N, C] or [N, C, H, W].
 */
function nllBackward(g: Tensor, s: NllSaved): Tensor {
  const classDim = s.self.ndim === 1 ? 0 : 1;
  const target = s.target.ndim === 0 ? reshape(s.target, [1]) : s.target;
  const valid = ne(target, s.ignore_index);
  const safeTarget = where(valid, target, 0);
  const classWeight = s.weight === null ? null : view(gather(s.weight, 0, flatten(safeTarget)), target.shape);
  let coefficient: Tensor;
  if (s.reduction === "none" && s.self.ndim > 1) {
    coefficient = neg(g);
  } else {
    const scaled = s.reduction === "mean" ? div(g, s.total_weight) : g;
    coefficient = expand(neg(scaled), target.shape);
  }
  if (classWeight !== null) coefficient = mul(classWeight, coefficient);
  coefficient = where(valid, coefficient, 0);
  if (s.self.ndim === 1) return scatter(zeros_like(s.self), 0, safeTarget, coefficient);
  return scatter(
    zeros_like(s.self),
    classDim,
    unsqueeze(safeTarget, classDim),
    unsqueeze(coefficient, classDim),
  );
}

export const NN_LOSSES_NLL_DERIVATIVES = {
  // One pass when no graph is being recorded; the composite ops (differentiable) for double backward.
  NllLossBackward0: derivative<NllSaved>({
    self: [
      "nll_loss_backward(grad, self, target, weight, reduction, ignore_index, total_weight)",
      (g, s) =>
        is_grad_enabled()
          ? nllBackward(g, s)
          : _nll_loss_backward(g, s.self, s.target, s.weight, s.reduction, s.ignore_index, s.total_weight),
    ],
  }),
  NllLoss2DBackward0: derivative<NllSaved>({
    self: [
      "nll_loss2d_backward(grad, self, target, weight, reduction, ignore_index, total_weight)",
      (g, s) => nllBackward(g, s),
    ],
  }),
};
