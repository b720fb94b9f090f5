// Derivatives of src/ops/softmax.ts: softmax and log_softmax, through their fused backward kernels (which
// have rows of their own in backward_ops.ts, for double backward).
import { derivative } from "../../autograd/derivative.js";
import type { Tensor } from "../../tensor/tensor.js";
import { _log_softmax_backward_data, _softmax_backward_data } from "../backward_ops.js";

export const SOFTMAX_DERIVATIVES = {
  SoftmaxBackward0: derivative<{ result: Tensor; dim: number }>({
    self: [
      "_softmax_backward_data(grad, result, dim, self.scalar_type())",
      (g, s) => _softmax_backward_data(g, s.result, s.dim),
    ],
  }),
  LogSoftmaxBackward0: derivative<{ result: Tensor; dim: number }>({
    self: [
      "_log_softmax_backward_data(grad, result, dim, self.scalar_type())",
      (g, s) => _log_softmax_backward_data(g, s.result, s.dim),
    ],
  }),
};
