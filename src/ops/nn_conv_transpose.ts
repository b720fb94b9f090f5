// F.conv_transpose1d / 2d / 3d, and F.conv3d (nn_conv.ts's convNd over three spatial dims).
// A transposed convolution is the adjoint of the convolution with the same geometry: its windows are planned
// over the *output* (nn_windows.ts), the forward multiplies W^T into the input and sums the columns back with
// col2im, and it records PyTorch's one ConvolutionBackward0 node (transposed=true; the row's formula for this
// case is in derivatives/nn_conv_transpose.ts).
import { no_grad } from "../autograd/grad_mode.js";
import { RuntimeError } from "../errors.js";
import { defineOps } from "../signatures/registry.js";
import { backend } from "../backend/backend.js";
import { windowGeometry, type WindowGeometry } from "../backend/js/conv.js";
import { checkAllocation, float32, float64, int64 } from "../tensor/dtype.js";
import { Tensor } from "../tensor/tensor.js";
import { record } from "./core.js";
import { convNd, expandConvParam } from "./nn_conv.js";
import { foldWindows, slidingPlan, type WindowPlan } from "./nn_windows.js";

const sizeStr = (shape: readonly number[]) => `[${shape.join(", ")}]`;

/** What ConvolutionBackward0 keeps for a transposed convolution. */
export interface ConvTransposeSaved {
  input: Tensor;
  weight: Tensor;
  /** Windows over the output: the plan a convolution of the output back to the input would use. */
  plan: WindowPlan;
  groups: number;
  /** The same windows as the backend's convolution kernels take them, when the forward ran them (floats). */
  geometry: WindowGeometry | null;
  transposed: true;
}

/**
 * slow_conv_transpose{2,3}d_shape_check's checks (PyTorch runs conv_transpose1d as a 2-D one over [1, L], so its
 * messages name a height of 1), after at::_convolution's own.
 */
function checkTransposeGeometry(
  sizes: readonly number[],
  kernel: readonly number[],
  stride: readonly number[],
  padding: readonly number[],
  outputPadding: readonly number[],
  dilation: readonly number[],
): number[] {
  const names = sizes.length === 3 ? ["depth", "height", "width"] : ["height", "width"];
  const widen = (v: readonly number[], fill: number) => (v.length === 1 ? [fill, v[0]] : [...v]);
  const listed = (what: string, v: readonly number[], sep: string) =>
    names.map((name, d) => `${what}_${name}: ${v[d]}`).join(sep);
  const dil = widen(dilation, 1);
  if (dil.some((d) => d <= 0))
    throw new RuntimeError(`dilation should be greater than zero, but got ${listed("dilation", dil, ", ")}`);
  const str = widen(stride, 1);
  const op = widen(outputPadding, 0);
  if (!op.every((o, d) => o < str[d] || o < dil[d]))
    throw new RuntimeError(
      `output padding must be smaller than either stride or dilation, but got ${listed("output_padding", op, " ")} ${listed("stride", str, " ")} ${listed("dilation", dil, " ")}`,
    );
  const outShape = sizes.map(
    (s, d) => (s - 1) * stride[d] - 2 * padding[d] + (dilation[d] * (kernel[d] - 1) + 1) + outputPadding[d],
  );
  if (outShape.some((o) => o < 1))
    throw new RuntimeError(
      `Given input size per channel: (${widen(sizes, 1).join(" x ")}). Calculated output size per channel: (${widen(outShape, 1).join(" x ")}). Output size is too small`,
    );
  return outShape;
}

/** The shared body of conv_transpose1d/2d/3d over `dims` spatial dims (at::_convolution with transposed=true). */
export function convTransposeNd(
  dims: number,
  fn: string,
  input: Tensor,
  weight: Tensor,
  bias: Tensor | null,
  strideArg: readonly number[],
  paddingArg: readonly number[],
  outputPaddingArg: readonly number[],
  groups: number,
  dilationArg: readonly number[],
): Tensor {
  if (input.ndim !== dims + 1 && input.ndim !== dims + 2) {
    throw new RuntimeError(
      `Expected ${dims + 1}D (unbatched) or ${dims + 2}D (batched) input to ${fn}, but got input of size: ${sizeStr(input.shape)}`,
    );
  }
  if (input.ndim === dims + 1) {
    const args = [strideArg, paddingArg, outputPaddingArg, groups, dilationArg] as const;
    return convTransposeNd(dims, fn, input.unsqueeze(0), weight, bias, ...args).squeeze(0);
  }
  // at::_convolution's parameter checks, then check_shape_forward's, in PyTorch's order.
  const spatial = weight.ndim - 2;
  if (spatial <= 0) throw new RuntimeError("weight should have at least three dimensions");
  if (groups <= 0) throw new RuntimeError("non-positive groups is not supported");
  const stride = expandConvParam(strideArg, spatial, "stride");
  const padding = expandConvParam(paddingArg, spatial, "padding");
  const outputPadding = expandConvParam(outputPaddingArg, spatial, "output_padding");
  const dilation = expandConvParam(dilationArg, spatial, "dilation");
  if (padding.some((p) => p < 0)) throw new RuntimeError("negative padding is not supported");
  if (outputPadding.some((p) => p < 0)) throw new RuntimeError("negative output_padding is not supported");
  if (stride.some((s) => s <= 0)) throw new RuntimeError("non-positive stride is not supported");
  if (weight.ndim !== input.ndim)
    throw new RuntimeError(
      `Expected ${weight.ndim}-dimensional input for ${weight.ndim}-dimensional weight ${sizeStr(weight.shape)}, but got ${input.ndim}-dimensional input of size ${sizeStr(input.shape)} instead`,
    );
  const [n, cIn] = input.shape;
  if (weight.shape[0] < groups)
    throw new RuntimeError(
      `Given groups=${groups}, expected weight to be at least ${groups} at dimension 0, but got weight of size ${sizeStr(weight.shape)} instead`,
    );
  if (weight.shape[0] % groups !== 0)
    throw new RuntimeError(
      `Given groups=${groups}, expected weight to be divisible by ${groups} at dimension 0, but got weight of size [${sizeStr(weight.shape)}] instead`,
    );
  if (cIn !== weight.shape[0])
    throw new RuntimeError(
      `Given transposed=1, weight of size ${sizeStr(weight.shape)}, expected input${sizeStr(input.shape)} to have ${weight.shape[0]} channels, but got ${cIn} channels instead`,
    );
  const cOut = weight.shape[1] * groups;
  if (bias !== null && (bias.ndim !== 1 || bias.shape[0] !== cOut))
    throw new RuntimeError(
      `Given transposed=1, weight of size ${sizeStr(weight.shape)}, expected bias to be 1-dimensional with ${cOut} elements, but got bias of size ${sizeStr(bias.shape)} instead`,
    );
  const kernel = weight.shape.slice(2);
  const sizes = input.shape.slice(2);
  const outShape = checkTransposeGeometry(sizes, kernel, stride, padding, outputPadding, dilation);
  // slow_conv_transpose2d's dtype dispatch: floating types and int64 only; then every operand in the input's.
  if (!input.dtype.is_floating_point && input.dtype !== int64)
    throw new RuntimeError(
      `"slow_conv_transpose${dims === 3 ? 3 : 2}d_out_cpu" not implemented for '${input.dtype.scalarTypeName}'`,
    );
  for (const t of [weight, bias])
    if (t !== null && t.dtype !== input.dtype)
      throw new RuntimeError(
        `expected scalar type ${input.dtype.scalarTypeName} but found ${t.dtype.scalarTypeName}`,
      );
  const product = (xs: readonly number[]) => xs.reduce((a, b) => a * b, 1);
  checkAllocation(input.dtype, n * cOut * product(kernel) * product(sizes));
  const plan = slidingPlan({
    sizes: outShape,
    kernel,
    stride,
    padBefore: padding,
    dilation,
    outShape: sizes,
  });

  if (input.dtype === float32 || input.dtype === float64) {
    // The adjoint of the convolution over the output: the backend's convolution backward (col2im of W^T @ x).
    const geometry = windowGeometry(n, cOut, outShape, kernel, stride, padding, dilation, sizes);
    const y = no_grad(() => {
      const [data] = backend().conv.convBackward(
        input.contiguous()._view(),
        input._view(),
        weight.contiguous()._view(),
        geometry,
        groups,
        true,
        false,
      );
      const full = Tensor._fromData(data!, [n, cOut, ...outShape], input.dtype);
      return bias === null ? full : full.add(bias.reshape([1, cOut, ...outShape.map(() => 1)])).detach();
    });
    return record("ConvolutionBackward0", [input, weight, bias], y, () => ({
      input,
      weight,
      plan,
      groups,
      geometry,
      transposed: true as const,
    }));
  }
  const out = no_grad(() => {
    // int64 sums exactly in float64 for the values an integer convolution sees; the result is cast back.
    const compute = input.dtype === int64 ? float64 : input.dtype;
    const perGroup = (cOut / groups) * plan.kernelCount;
    const x = input.to(compute).reshape(n, groups, cIn / groups, plan.outCount);
    const wMat = weight.to(compute).reshape(groups, cIn / groups, perGroup);
    const cols = wMat.transpose(1, 2).matmul(x).reshape(n, cOut, plan.kernelCount, plan.outCount);
    let y = foldWindows(cols, plan, [n, cOut, ...outShape]);
    if (bias !== null) y = y.add(bias.to(compute).reshape([1, cOut, ...outShape.map(() => 1)]));
    return y.to(input.dtype).contiguous().detach();
  });
  return record("ConvolutionBackward0", [input, weight, bias], out, () => ({
    input,
    weight,
    plan,
    groups,
    geometry: null,
    transposed: true as const,
  }));
}

export function conv_transpose1d(
  input: Tensor,
  weight: Tensor,
  bias: Tensor | null = null,
  stride: readonly number[] = [1],
  padding: readonly number[] = [0],
  output_padding: readonly number[] = [0],
  groups = 1,
  dilation: readonly number[] = [1],
): Tensor {
  return convTransposeNd(
    1,
    "conv_transpose1d",
    input,
    weight,
    bias,
    stride,
    padding,
    output_padding,
    groups,
    dilation,
  );
}

export function conv_transpose2d(
  input: Tensor,
  weight: Tensor,
  bias: Tensor | null = null,
  stride: readonly number[] = [1, 1],
  padding: readonly number[] = [0, 0],
  output_padding: readonly number[] = [0, 0],
  groups = 1,
  dilation: readonly number[] = [1, 1],
): Tensor {
  return convTransposeNd(
    2,
    "conv_transpose2d",
    input,
    weight,
    bias,
    stride,
    padding,
    output_padding,
    groups,
    dilation,
  );
}

export function conv_transpose3d(
  input: Tensor,
  weight: Tensor,
  bias: Tensor | null = null,
  stride: readonly number[] = [1, 1, 1],
  padding: readonly number[] = [0, 0, 0],
  output_padding: readonly number[] = [0, 0, 0],
  groups = 1,
  dilation: readonly number[] = [1, 1, 1],
): Tensor {
  return convTransposeNd(
    3,
    "conv_transpose3d",
    input,
    weight,
    bias,
    stride,
    padding,
    output_padding,
    groups,
    dilation,
  );
}

export function conv3d(
  input: Tensor,
  weight: Tensor,
  bias: Tensor | null = null,
  stride: readonly number[] = [1, 1, 1],
  padding: readonly number[] | string = [0, 0, 0],
  dilation: readonly number[] = [1, 1, 1],
  groups = 1,
): Tensor {
  return convNd(3, "conv3d", input, weight, bias, stride, padding, dilation, groups);
}

// Builtins (torch.conv_transpose1d / 2d / 3d and conv3d as F reaches them): the parser's signatures.
defineOps("torch.nn.functional", {
  "conv_transpose1d(Tensor input, Tensor weight, Tensor? bias=None, IntArrayRef[1] stride=1, IntArrayRef[1] padding=0, IntArrayRef[1] output_padding=0, int64_t groups=1, IntArrayRef[1] dilation=1) -> Tensor":
    conv_transpose1d,
  "conv_transpose2d(Tensor input, Tensor weight, Tensor? bias=None, IntArrayRef[2] stride=1, IntArrayRef[2] padding=0, IntArrayRef[2] output_padding=0, int64_t groups=1, IntArrayRef[2] dilation=1) -> Tensor":
    conv_transpose2d,
  "conv_transpose3d(Tensor input, Tensor weight, Tensor? bias=None, IntArrayRef[3] stride=1, IntArrayRef[3] padding=0, IntArrayRef[3] output_padding=0, int64_t groups=1, IntArrayRef[3] dilation=1) -> Tensor":
    conv_transpose3d,
  "conv3d(Tensor input, Tensor weight, Tensor? bias=None, IntArrayRef[3] stride=1, IntArrayRef[3] padding=0, IntArrayRef[3] dilation=1, int64_t groups=1) -> Tensor":
    conv3d,
  'conv3d(Tensor input, Tensor weight, Tensor? bias=None, IntArrayRef[3] stride=1, c10::string_view padding="valid", IntArrayRef[3] dilation=1, int64_t groups=1) -> Tensor':
    conv3d,
});
