// Derivatives of src/ops/nn_pool_adaptive_max.ts: adaptive max pooling sends each output's gradient to its
// maximum's position (a scatter_add, so double backward gathers the gradient's gradient back).
import { derivative } from "../../autograd/derivative.js";
import { zeros } from "../../tensor/creation.js";
import type { Tensor } from "../../tensor/tensor.js";
import { scatter_add } from "../indexing.js";
import type { AdaptiveMaxPoolSaved } from "../nn_pool_adaptive_max.js";
import { reshape } from "../shape.js";

/** adaptive_max_pool2d_backward (and max_pool3d_with_indices_backward): each output's gradient added at its maximum's position. */
export function adaptiveMaxPoolBackward(g: Tensor, s: AdaptiveMaxPoolSaved): Tensor {
  const [n, c] = s.shape4;
  const spatial = s.shape4.slice(2).reduce((a, b) => a * b, 1);
  const flatIdx = reshape(s.indices, [n, c, -1]);
  const grad = scatter_add(zeros([n, c, spatial], { dtype: g.dtype }), 2, flatIdx, reshape(g, [n, c, -1]));
  return reshape(grad, s.inputShape);
}

export const NN_POOL_ADAPTIVE_MAX_DERIVATIVES = {
  AdaptiveMaxPool2DBackward0: derivative<AdaptiveMaxPoolSaved>({
    self: ["adaptive_max_pool2d_backward(grad, self, result1)", (g, s) => adaptiveMaxPoolBackward(g, s)],
  }),
  AdaptiveMaxPool3DBackward0: derivative<AdaptiveMaxPoolSaved>({
    self: ["adaptive_max_pool3d_backward(grad, self, result1)", (g, s) => adaptiveMaxPoolBackward(g, s)],
  }),
};
