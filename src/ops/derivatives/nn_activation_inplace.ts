// Derivatives of src/ops/nn_activation_inplace.ts: LeakyReluBackward1, which reads the result.
import { derivative } from "../../autograd/derivative.js";
import { RuntimeError } from "../../errors.js";
import type { Tensor } from "../../tensor/tensor.js";
import { gt, mul, where } from "../elementwise.js";

export const NN_ACTIVATION_INPLACE_DERIVATIVES = {
  // leaky_relu_backward with is_result: a negative slope cannot be undone from the result.
  LeakyReluBackward1: derivative<{ result: Tensor; negativeSlope: number }>({
    self: [
      "leaky_relu_backward(grad, result, negative_slope, true)",
      (g, s) => {
        if (s.negativeSlope < 0)
          throw new RuntimeError(
            "In-place leakyReLu backward calculation is triggered with a negative slope which is not supported. This is caused by calling in-place forward function with a negative slope, please call out-of-place version instead. File an issue at https://github.com/pytorch/pytorch if you do require supporting in-place leakRelu backward calculation with negative slope",
          );
        return where(gt(s.result, 0), g, mul(g, s.negativeSlope));
      },
    ],
  }),
};
