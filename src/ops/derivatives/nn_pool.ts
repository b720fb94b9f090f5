// Derivatives of src/ops/nn_pool.ts: max pooling sends each output's gradient to its maximum; average pooling
// spreads it evenly over its window (col2im of the gradient divided by each window's divisor). Written in
// tensor ops, so double backward works.
import { derivative } from "../../autograd/derivative.js";
import { zeros } from "../../tensor/creation.js";
import { is_grad_enabled } from "../../autograd/grad_mode.js";
import { backend } from "../../backend/backend.js";
import type { WindowGeometry } from "../../backend/js/conv.js";
import { float32, float64 } from "../../tensor/dtype.js";
import { Tensor } from "../../tensor/tensor.js";
import { div } from "../elementwise.js";
import { scatter_add } from "../indexing.js";
import { foldWindows, type WindowPlan } from "../nn_windows.js";
import { expand, reshape } from "../shape.js";

/** Average pooling's state: the input's shape, its batched [N, C, H, W] shape, its windows, each output's divisor ([L]). */
export interface AvgPoolSaved {
  inputShape: number[];
  shape4: number[];
  plan: WindowPlan;
  divisor: Tensor;
}

/** Max pooling's state; indices: the flat spatial position of each output's maximum; geometry: the windows, as
 * the backend's pooling kernels take them (null when the forward did not run them). */
export interface MaxPoolSaved {
  inputShape: number[];
  shape4: number[];
  indices: Tensor;
  geometry: WindowGeometry | null;
}

/**
 * max_pool{2,3}d_with_indices_backward with the backend's kernel, for a first-order backward (nothing to
 * record) of a float pooling whose forward ran the kernel; null when that does not apply (the caller then
 * records its scatter_add).
 */
export function maxPoolKernelBackward(
  g: Tensor,
  s: { inputShape: number[]; indices: Tensor; geometry: WindowGeometry | null },
): Tensor | null {
  if (is_grad_enabled() || s.geometry === null || !(g.dtype === float32 || g.dtype === float64)) return null;
  const data = backend().pool.maxPoolBackward(
    g.contiguous()._view(),
    s.indices.contiguous()._view(),
    s.geometry,
  );
  return Tensor._fromData(data, s.inputShape, g.dtype);
}

/** max_pool2d_with_indices_backward: each output's gradient added at its maximum's position. */
function maxPoolBackward(g: Tensor, s: MaxPoolSaved): Tensor {
  const fast = maxPoolKernelBackward(g, s);
  if (fast !== null) return fast;
  const [n, c] = s.shape4;
  const flatIdx = reshape(s.indices, [n, c, -1]);
  const spatial = s.shape4.slice(2).reduce((a, b) => a * b, 1);
  const grad = scatter_add(zeros([n, c, spatial], { dtype: g.dtype }), 2, flatIdx, reshape(g, [n, c, -1]));
  return reshape(grad, s.inputShape);
}

/** avg_pool2d_backward / _adaptive_avg_pool2d_backward: each output's gradient spread over its window. */
export function spreadOverWindows(g: Tensor, s: AvgPoolSaved): Tensor {
  const [n, c] = s.shape4;
  const per = div(reshape(g, [n, c, 1, s.plan.outCount]), s.divisor);
  const cols = expand(per, [n, c, s.plan.kernelCount, s.plan.outCount]);
  return reshape(foldWindows(cols, s.plan, s.shape4), s.inputShape);
}

export const NN_POOL_DERIVATIVES = {
  MaxPool2DWithIndicesBackward0: derivative<MaxPoolSaved>({
    self: [
      "max_pool2d_with_indices_backward(grad, self, kernel_size, stride, padding, dilation, ceil_mode, result1)",
      (g, s) => maxPoolBackward(g, s),
    ],
  }),
  AvgPool2DBackward0: derivative<AvgPoolSaved>({
    self: [
      "avg_pool2d_backward(grad, self, kernel_size, stride, padding, ceil_mode, count_include_pad, divisor_override)",
      (g, s) => spreadOverWindows(g, s),
    ],
  }),
  AdaptiveAvgPool2DBackward0: derivative<AvgPoolSaved>({
    self: ["_adaptive_avg_pool2d_backward(grad, self)", (g, s) => spreadOverWindows(g, s)],
  }),
};
