// ConvolutionBackward0's formula for a transposed convolution (src/ops/nn_conv_transpose.ts), which
// derivatives/nn_conv.ts's row hands over to. convolution_backward with transposed=true as tensor ops over the
// forward's plan (windows over the output), so double backward works: the input's gradient is the ordinary
// convolution of grad (im2col of grad, then W @ cols), the weight's is input @ im2col(grad)^T summed over the
// batch, the bias's is grad summed over all but the channel dim.
import { is_grad_enabled } from "../../autograd/grad_mode.js";
import { backend } from "../../backend/backend.js";
import type { WindowGeometry } from "../../backend/js/conv.js";
import { Tensor } from "../../tensor/tensor.js";
import { matmul } from "../linalg.js";
import type { ConvTransposeSaved } from "../nn_conv_transpose.js";
import { unfoldWindows } from "../nn_windows.js";
import { sum } from "../reduce.js";
import { reshape, transpose } from "../shape.js";

/**
 * The first-order backward (nothing to record) with the backend's kernels: the input's gradient is the
 * convolution of grad, the weight's the convolution backward's weight gradient with input and grad swapped.
 */
function kernelBackward(
  g: Tensor,
  s: ConvTransposeSaved,
  geometry: WindowGeometry,
  mask: readonly boolean[],
): (Tensor | null)[] {
  const { input, weight, groups } = s;
  const kernels = backend().conv;
  const gView = mask[0] || mask[1] ? g.contiguous()._view() : null;
  const w = weight.contiguous()._view();
  const gradInput =
    mask[0] && gView !== null
      ? Tensor._fromData(kernels.convForward(gView, w, null, geometry, groups), input.shape, g.dtype)
      : null;
  const gradWeight =
    mask[1] && gView !== null
      ? Tensor._fromData(
          kernels.convBackward(input.contiguous()._view(), gView, w, geometry, groups, false, true)[1]!,
          weight.shape,
          g.dtype,
        )
      : null;
  const channelLess = [0, ...Array.from({ length: g.ndim - 2 }, (_, i) => i + 2)];
  return [gradInput, gradWeight, mask[2] ? sum(g, channelLess) : null];
}

/** convolution_backward (transposed) for the inputs grad_input_mask asks for (inputs: input, weight, bias). */
export function convTransposeBackward(
  g: Tensor,
  s: ConvTransposeSaved,
  mask: readonly boolean[],
): (Tensor | null)[] {
  if (!is_grad_enabled() && s.geometry !== null && g.dtype === s.input.dtype)
    return kernelBackward(g, s, s.geometry, mask);
  const { input, weight, plan, groups } = s;
  const [n, cIn] = input.shape;
  const cOut = weight.shape[1] * groups;
  const perGroup = (cOut / groups) * plan.kernelCount;
  const cols =
    mask[0] || mask[1] ? reshape(unfoldWindows(g, plan), [n, groups, perGroup, plan.outCount]) : null;
  let gradInput: Tensor | null = null;
  if (mask[0] && cols !== null) {
    const wMat = reshape(weight, [groups, cIn / groups, perGroup]);
    gradInput = reshape(matmul(wMat, cols), input.shape);
  }
  let gradWeight: Tensor | null = null;
  if (mask[1] && cols !== null) {
    const x = reshape(input, [n, groups, cIn / groups, plan.outCount]);
    gradWeight = reshape(sum(matmul(x, transpose(cols, 2, 3)), 0), weight.shape);
  }
  const channelLess = [0, ...Array.from({ length: g.ndim - 2 }, (_, i) => i + 2)];
  const gradBias = mask[2] ? sum(g, channelLess) : null;
  return [gradInput, gradWeight, gradBias];
}
