// Derivatives of src/ops/nn_conv.ts: conv1d / conv2d's one ConvolutionBackward0 node. The formula is
// convolution_backward as tensor ops over the im2col plan of the forward's windows (nn_windows.ts), so double
// backward works (a first-order backward of a float convolution takes the backend's window kernels instead): the input's gradient is the transposed convolution (W^T @ grad, then col2im), the weight's is
// grad @ im2col(input)^T summed over the batch, the bias's is grad summed over all but the channel dim.
import { derivative } from "../../autograd/derivative.js";
import { is_grad_enabled } from "../../autograd/grad_mode.js";
import { backend } from "../../backend/backend.js";
import type { WindowGeometry } from "../../backend/js/conv.js";
import { Tensor } from "../../tensor/tensor.js";
import { matmul } from "../linalg.js";
import { foldWindows, slidingPlan, unfoldWindows, type SlidingGeometry } from "../nn_windows.js";
import { sum } from "../reduce.js";
import { reshape, transpose } from "../shape.js";
import type { ConvTransposeSaved } from "../nn_conv_transpose.js";
import { convTransposeBackward } from "./nn_conv_transpose.js";

/** Dims other than the channel dim (1): what the bias's gradient sums over. */
const exceptChannel = (ndim: number) => [0, ...Array.from({ length: ndim - 2 }, (_, i) => i + 2)];

export interface ConvSaved {
  input: Tensor;
  weight: Tensor;
  groups: number;
  /** The windows the forward slid over the input. */
  window: SlidingGeometry;
  /** The same windows as the backend's convolution kernels take them: set when the forward ran them. */
  geometry: WindowGeometry | null;
}

/** convolution_backward with the backend's kernel, for a first-order backward (nothing to record). */
function kernelBackward(
  g: Tensor,
  s: ConvSaved,
  geometry: WindowGeometry,
  mask: readonly boolean[],
): (Tensor | null)[] {
  const { input, weight, groups } = s;
  const [gradInput, gradWeight] =
    mask[0] || mask[1]
      ? backend().conv.convBackward(
          g.contiguous()._view(),
          input.contiguous()._view(),
          weight.contiguous()._view(),
          geometry,
          groups,
          mask[0],
          mask[1],
        )
      : [null, null];
  return [
    gradInput === null ? null : Tensor._fromData(gradInput, input.shape, g.dtype),
    gradWeight === null ? null : Tensor._fromData(gradWeight, weight.shape, g.dtype),
    mask[2] ? sum(g, exceptChannel(g.ndim)) : null,
  ];
}

/** convolution_backward for the inputs grad_input_mask asks for (inputs: input, weight, bias). */
function convolutionBackward(g: Tensor, s: ConvSaved, mask: readonly boolean[]): (Tensor | null)[] {
  // Under create_graph the formula is recorded: tensor ops over the im2col plan, differentiable again.
  if (!is_grad_enabled() && s.geometry !== null && g.dtype === s.input.dtype)
    return kernelBackward(g, s, s.geometry, mask);
  const { input, weight, groups } = s;
  const plan = slidingPlan(s.window);
  const [n, cIn] = input.shape;
  const cOut = weight.shape[0];
  const perGroup = (cIn / groups) * plan.kernelCount;
  const gFlat = reshape(g, [n, groups, cOut / groups, plan.outCount]);
  let gradInput: Tensor | null = null;
  if (mask[0]) {
    const wMat = reshape(weight, [groups, cOut / groups, perGroup]);
    const gradCols = reshape(matmul(transpose(wMat, 1, 2), gFlat), [n, cIn, plan.kernelCount, plan.outCount]);
    gradInput = foldWindows(gradCols, plan, input.shape);
  }
  let gradWeight: Tensor | null = null;
  if (mask[1]) {
    const cols = reshape(unfoldWindows(input, plan), [n, groups, perGroup, plan.outCount]);
    gradWeight = reshape(sum(matmul(gFlat, transpose(cols, 2, 3)), 0), weight.shape);
  }
  const gradBias = mask[2] ? sum(g, exceptChannel(g.ndim)) : null;
  return [gradInput, gradWeight, gradBias];
}

export const NN_CONV_DERIVATIVES = {
  ConvolutionBackward0: derivative<ConvSaved | ConvTransposeSaved>({
    "input, weight, bias": [
      "convolution_backward(grad, input, weight, bias->sizes(), stride, padding, dilation, transposed, output_padding, groups, grad_input_mask)",
      (g, s, ctx) =>
        "transposed" in s
          ? convTransposeBackward(g, s, ctx.needsInputGrad)
          : convolutionBackward(g, s, ctx.needsInputGrad),
    ],
  }),
};
