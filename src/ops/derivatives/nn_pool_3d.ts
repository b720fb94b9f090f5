// Derivatives of src/ops/nn_pool_3d.ts: 3-D max pooling sends each output's gradient to its maximum's position,
// as adaptive max pooling does.
import { derivative } from "../../autograd/derivative.js";
import type { MaxPool3dSaved } from "../nn_pool_3d.js";
import { adaptiveMaxPoolBackward } from "./nn_pool_adaptive_max.js";

export const NN_POOL_3D_DERIVATIVES = {
  MaxPool3DWithIndicesBackward0: derivative<MaxPool3dSaved>({
    self: [
      "max_pool3d_with_indices_backward(grad, self, kernel_size, stride, padding, dilation, ceil_mode, result1)",
      (g, s) => adaptiveMaxPoolBackward(g, s),
    ],
  }),
};
