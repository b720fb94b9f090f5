// Derivatives of src/ops/nn_ctc.ts: _ctc_loss's one node (log_probs is its only differentiable input).
import { derivative } from "../../autograd/derivative.js";
import { ctc_loss_backward, type CtcSaved } from "../nn_ctc.js";

export const NN_CTC_DERIVATIVES = {
  CtcLossBackward0: derivative<CtcSaved>({
    log_probs: [
      "_ctc_loss_backward(grad, log_probs, targets, input_lengths, target_lengths, result0, result1, blank, zero_infinity)",
      (g, s) => ctc_loss_backward(g, s),
    ],
  }),
};
