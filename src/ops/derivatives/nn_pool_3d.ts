// Derivatives of src/ops/nn_pool_3d.ts: 3-D max pooling sends each output's gradient to its maximum's position,
// as adaptive max pooling does (a first-order backward of a float pooling with the backend's kernel); 3-D
// average pooling spreads it over its window, as avg_pool2d's row does.
import { derivative } from "../../autograd/derivative.js";
import type { MaxPool3dSaved } from "../nn_pool_3d.js";
import { adaptiveMaxPoolBackward } from "./nn_pool_adaptive_max.js";
import { maxPoolKernelBackward, spreadOverWindows, type AvgPoolSaved } from "./nn_pool.js";

export const NN_POOL_3D_DERIVATIVES = {
  MaxPool3DWithIndicesBackward0: derivative<MaxPool3dSaved>({
    self: [
      "max_pool3d_with_indices_backward(grad, self, kernel_size, stride, padding, dilation, ceil_mode, result1)",
      (g, s) => maxPoolKernelBackward(g, s) ?? adaptiveMaxPoolBackward(g, s),
    ],
  }),
  AvgPool3DBackward0: derivative<AvgPoolSaved>({
    self: [
      "avg_pool3d_backward(grad, self, kernel_size, stride, padding, ceil_mode, count_include_pad, divisor_override)",
      (g, s) => spreadOverWindows(g, s),
    ],
  }),
  AdaptiveAvgPool3DBackward0: derivative<AvgPoolSaved>({
    self: ["_adaptive_avg_pool3d_backward(grad, self)", (g, s) => spreadOverWindows(g, s)],
  }),
};
