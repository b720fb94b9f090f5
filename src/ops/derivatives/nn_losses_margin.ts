// Derivatives of src/ops/nn_losses_margin.ts: soft_margin_loss's own node, and clamp_min's (which the margin
// losses of aten's Loss.cpp end in).
import { derivative } from "../../autograd/derivative.js";
import type { Tensor } from "../../tensor/tensor.js";
import { add, div, exp, ge, mul, neg, where } from "../elementwise.js";
import type { Reduction } from "../nn_losses.js";
import {
  multilabelMarginLossBackward,
  multiMarginLossBackward,
  type MultilabelMarginSaved,
  type MultiMarginSaved,
} from "../nn_losses_multi_margin.js";

export const NN_LOSSES_MARGIN_DERIVATIVES = {
  ClampMinBackward0: derivative<{ self: Tensor; min: number }>({
    self: [
      "where(self >= min, grad, at::scalar_tensor(0., grad.options()))",
      (g, s) => where(ge(s.self, s.min), g, 0),
    ],
  }),
  MultiMarginLossBackward0: derivative<MultiMarginSaved>({
    self: [
      "multi_margin_loss_backward(grad, self, target, p, margin, weight, reduction)",
      (g, s) => multiMarginLossBackward(g, s),
    ],
  }),
  MultilabelMarginLossBackward0: derivative<MultilabelMarginSaved>({
    self: [
      "multilabel_margin_loss_backward(grad, self, target, reduction, is_target)",
      (g, s) => multilabelMarginLossBackward(g, s),
    ],
  }),
  // soft_margin_loss_backward: -norm * target * z / (1 + z) * grad with z = exp(-target * input).
  SoftMarginLossBackward0: derivative<{ self: Tensor; target: Tensor; reduction: Reduction }>({
    self: [
      "soft_margin_loss_backward(grad, self, target, reduction)",
      (g, s) => {
        const norm = s.reduction === "mean" ? 1 / s.self.numel() : 1;
        const z = exp(mul(neg(s.target), s.self));
        return mul(div(mul(mul(s.target, z), -norm), add(z, 1)), g);
      },
    ],
  }),
};
