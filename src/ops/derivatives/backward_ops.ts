// Derivatives of the *_backward functions (src/ops/backward_ops.ts): what a second backward pass
// (create_graph) runs through a first one. Formulas from PyTorch's derivatives.yaml, in its operation order.
import { derivative } from "../../autograd/derivative.js";
import { zeros_like } from "../../tensor/creation.js";
import type { Tensor } from "../../tensor/tensor.js";
import { _sigmoid_backward, _softmax_backward_data, _threshold_backward } from "../backward_ops.js";
import { add, exp, mul, neg, sub } from "../elementwise.js";
import { sum } from "../reduce.js";

export interface SoftmaxBackwardSaved {
  gradOutput: Tensor;
  output: Tensor;
  dim: number;
}

export const BACKWARD_OPS_DERIVATIVES = {
  SigmoidBackwardBackward0: derivative<{ grad: Tensor; output: Tensor }>({
    grad_output: ["sigmoid_backward(grad, output)", (g, s) => _sigmoid_backward(g, s.output)],
    output: [
      "grad * grad_output * (-2 * output + 1)",
      (g, s) => mul(mul(g, s.grad), add(mul(s.output, -2), 1)),
    ],
  }),
  ThresholdBackwardBackward0: derivative<{ self: Tensor; threshold: number }>({
    grad_output: [
      "threshold_backward(grad, self, threshold)",
      (g, s) => _threshold_backward(g, s.self, s.threshold),
    ],
    self: ["zeros_like(grad)", (g) => zeros_like(g)],
  }),
  SoftmaxBackwardDataBackward0: derivative<SoftmaxBackwardSaved>({
    grad_output: [
      "_softmax_backward_data(grad, output, dim, input_dtype)",
      (g, s) => _softmax_backward_data(g, s.output, s.dim),
    ],
    output: [
      "softmax_double_backward(grad, grad_output, dim, output)",
      (g, { gradOutput, output, dim }) =>
        sub(
          sub(mul(gradOutput, g), mul(sum(mul(output, gradOutput), dim, true), g)),
          mul(gradOutput, sum(mul(output, g), dim, true)),
        ),
    ],
  }),
  LogSoftmaxBackwardDataBackward0: derivative<SoftmaxBackwardSaved>({
    grad_output: [
      "grad - (grad * output.exp()).sum(dim, true)",
      (g, s) => sub(g, sum(mul(g, exp(s.output)), s.dim, true)),
    ],
    output: [
      "-grad_output.sum(dim, true) * output.exp() * grad",
      (g, s) => mul(mul(neg(sum(s.gradOutput, s.dim, true)), exp(s.output)), g),
    ],
  }),
};
