// Derivative rows of the *_backward functions (src/ops/backward_ops.ts): what a second backward pass
// (create_graph) runs through a first one. Formulas from PyTorch's derivatives.yaml.
import type { Tensor } from "../../tensor/tensor.js";
import { zeros_like } from "../../tensor/creation.js";
import { row } from "./row.js";

export interface SoftmaxBackwardSaved {
  gradOutput: Tensor;
  output: Tensor;
  dim: number;
}

export const BACKWARD_OPS_DERIVATIVES = {
  // grad_output: sigmoid_backward(grad, output); output: grad * grad_output * (-2 * output + 1).
  SigmoidBackwardBackward0: row<{ grad: Tensor; output: Tensor }>((g, s, ctx) => [
    ctx.needsInputGrad[0] ? g._sigmoid_backward(s.output) : null,
    ctx.needsInputGrad[1] ? g.mul(s.grad).mul(s.output.mul(-2).add(1)) : null,
  ]),
  // grad_output: threshold_backward(grad, self, threshold); self: zeros_like(grad).
  ThresholdBackwardBackward0: row<{ self: Tensor; threshold: number }>((g, s, ctx) => [
    ctx.needsInputGrad[0] ? g._threshold_backward(s.self, s.threshold) : null,
    ctx.needsInputGrad[1] ? zeros_like(g) : null,
  ]),
  // grad_output: _softmax_backward_data(grad, output, dim); output: softmax_double_backward(grad, grad_output,
  // dim, output) = grad_output * grad - sum(output * grad_output) * grad - grad_output * sum(output * grad).
  SoftmaxBackwardDataBackward0: row<SoftmaxBackwardSaved>((g, s, ctx) => [
    ctx.needsInputGrad[0] ? g._softmax_backward_data(s.output, s.dim) : null,
    ctx.needsInputGrad[1]
      ? s.gradOutput
          .mul(g)
          .sub(s.output.mul(s.gradOutput).sum(s.dim, true).mul(g))
          .sub(s.gradOutput.mul(s.output.mul(g).sum(s.dim, true)))
      : null,
  ]),
  // grad_output: grad - sum(grad * exp(output)); output: -sum(grad_output) * exp(output) * grad.
  LogSoftmaxBackwardDataBackward0: row<SoftmaxBackwardSaved>((g, s, ctx) => [
    ctx.needsInputGrad[0] ? g.sub(g.mul(s.output.exp()).sum(s.dim, true)) : null,
    ctx.needsInputGrad[1] ? s.gradOutput.sum(s.dim, true).neg().mul(s.output.exp()).mul(g) : null,
  ]),
};
