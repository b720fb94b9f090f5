// F.conv1d / F.conv2d: im2col (index_select over the flattened spatial dims) + one grouped matmul,
// recorded as a single ConvolutionBackward0 node like PyTorch (its row is in derivatives/conv.ts).
import { no_grad } from "../../autograd/grad_mode.js";
import { RuntimeError } from "../../errors.js";
import { checkTensor, record } from "../../ops/core.js";
import type { Tensor } from "../../tensor/tensor.js";
import { slidingPlan, unfoldWindows } from "./windows.js";

export type IntOrTuple = number | readonly number[];
export type ConvPadding = IntOrTuple | "same" | "valid";

/** An int or a tuple of `n` ints as a tuple (PyTorch's _single/_pair). */
export function expandTuple(v: IntOrTuple, n: number, what = "argument"): number[] {
  const out = typeof v === "number" ? Array<number>(n).fill(v) : [...v];
  if (out.length === 1 && n > 1) return Array<number>(n).fill(out[0]);
  if (out.length !== n || out.some((x) => !Number.isInteger(x)))
    throw new RuntimeError(`expected ${what} to be a single integer value or a list of ${n} values`);
  return out;
}

export interface ConvOptions {
  stride?: IntOrTuple;
  padding?: ConvPadding;
  dilation?: IntOrTuple;
  groups?: number;
}

const sizeStr = (shape: readonly number[]) => `[${shape.join(", ")}]`;

/** The shared body of conv1d/conv2d over `dims` spatial dims. */
export function convNd(
  dims: number,
  fn: string,
  input: Tensor,
  weight: Tensor,
  bias: Tensor | null,
  opts: ConvOptions,
): Tensor {
  checkTensor(input, fn);
  checkTensor(weight, fn, "weight");
  const { stride: strideArg = 1, padding = 0, dilation: dilationArg = 1, groups = 1 } = opts;
  if (input.ndim !== dims + 1 && input.ndim !== dims + 2) {
    throw new RuntimeError(
      `Expected ${dims + 1}D (unbatched) or ${dims + 2}D (batched) input to ${fn}, but got input of size: ${sizeStr(input.shape)}`,
    );
  }
  if (input.ndim === dims + 1) {
    return convNd(dims, fn, input.unsqueeze(0), weight, bias, opts).squeeze(0);
  }
  const stride = expandTuple(strideArg, dims, "stride");
  const dilation = expandTuple(dilationArg, dims, "dilation");
  if (stride.some((s) => s <= 0)) throw new RuntimeError("non-positive stride is not supported");
  if (input.dtype !== weight.dtype) {
    const t = (d: typeof input.dtype) => `torch.${d.scalarTypeName}Tensor`;
    throw new RuntimeError(
      `Input type (${t(input.dtype)}) and weight type (${t(weight.dtype)}) should be the same or input should be a MKLDNN tensor and weight is a dense tensor`,
    );
  }
  if (weight.ndim !== dims + 2)
    throw new RuntimeError(
      `Expected ${dims + 2}-dimensional weight for ${dims + 2}-dimensional input ${sizeStr(input.shape)}, but got ${weight.ndim}-dimensional weight of size ${sizeStr(weight.shape)} instead`,
    );
  const kernel = weight.shape.slice(2);
  const sizes = input.shape.slice(2);
  let padBefore: number[];
  if (padding === "valid") padBefore = Array<number>(dims).fill(0);
  else if (padding === "same") {
    if (stride.some((s) => s !== 1))
      throw new RuntimeError("padding='same' is not supported for strided convolutions");
    padBefore = kernel.map((k, d) => Math.floor((dilation[d] * (k - 1)) / 2));
  } else if (typeof padding === "string") throw new RuntimeError(`Invalid padding string: '${padding}'`);
  else padBefore = expandTuple(padding, dims, "padding");
  if (padBefore.some((p) => p < 0)) throw new RuntimeError("negative padding is not supported");
  // "same" puts the odd extra element of padding after, like PyTorch's F.pad call.
  const padTotal =
    padding === "same" ? kernel.map((k, d) => dilation[d] * (k - 1)) : padBefore.map((p) => 2 * p);

  const [n, cIn] = input.shape;
  const cOut = weight.shape[0];
  if (!Number.isInteger(groups) || groups <= 0)
    throw new RuntimeError("non-positive groups is not supported");
  if (cOut % groups !== 0)
    throw new RuntimeError(
      `Given groups=${groups}, expected weight to be divisible by ${groups} at dimension 0, but got weight of size [${sizeStr(weight.shape)}] instead`,
    );
  if (cIn !== weight.shape[1] * groups)
    throw new RuntimeError(
      `Given groups=${groups}, weight of size ${sizeStr(weight.shape)}, expected input${sizeStr(input.shape)} to have ${weight.shape[1] * groups} channels, but got ${cIn} channels instead`,
    );
  if (bias !== null && (bias.ndim !== 1 || bias.shape[0] !== cOut))
    throw new RuntimeError(
      `Given weight of size ${sizeStr(weight.shape)}, expected bias to be 1-dimensional with ${cOut} elements, but got bias of size ${sizeStr(bias.shape)} instead`,
    );
  const padded = sizes.map((s, d) => s + padTotal[d]);
  const effKernel = kernel.map((k, d) => dilation[d] * (k - 1) + 1);
  if (effKernel.some((k, d) => k > padded[d]))
    throw new RuntimeError(
      `Calculated padded input size per channel: (${padded.join(" x ")}). Kernel size: (${effKernel.join(" x ")}). Kernel size can't be greater than actual input size`,
    );
  const outShape = padded.map((p, d) => Math.floor((p - effKernel[d]) / stride[d]) + 1);
  const plan = slidingPlan({ sizes, kernel, stride, padBefore, dilation, outShape });

  const perGroup = (cIn / groups) * plan.kernelCount;
  const unfolded = no_grad(() => unfoldWindows(input, plan).detach());
  const out = no_grad(() => {
    const cols = unfolded.reshape(n, groups, perGroup, plan.outCount);
    const wMat = weight.reshape(groups, cOut / groups, perGroup);
    let y = wMat.matmul(cols).reshape(n, cOut, plan.outCount);
    if (bias !== null) y = y.add(bias.reshape(1, cOut, 1));
    return y
      .reshape([n, cOut, ...outShape])
      .contiguous()
      .detach();
  });
  const inputs = bias === null ? [input, weight] : [input, weight, bias];
  return record("ConvolutionBackward0", inputs, out, () => ({ input, weight, plan, groups, cols: unfolded }));
}

export function conv1d(
  input: Tensor,
  weight: Tensor,
  bias: Tensor | null = null,
  stride: IntOrTuple | ConvOptions = 1,
  padding: ConvPadding = 0,
  dilation: IntOrTuple = 1,
  groups = 1,
): Tensor {
  const opts = typeof stride === "object" && !Array.isArray(stride) ? (stride as ConvOptions) : null;
  return convNd(
    1,
    "conv1d",
    input,
    weight,
    bias,
    opts ?? { stride: stride as IntOrTuple, padding, dilation, groups },
  );
}

export function conv2d(
  input: Tensor,
  weight: Tensor,
  bias: Tensor | null = null,
  stride: IntOrTuple | ConvOptions = 1,
  padding: ConvPadding = 0,
  dilation: IntOrTuple = 1,
  groups = 1,
): Tensor {
  const opts = typeof stride === "object" && !Array.isArray(stride) ? (stride as ConvOptions) : null;
  return convNd(
    2,
    "conv2d",
    input,
    weight,
    bias,
    opts ?? { stride: stride as IntOrTuple, padding, dilation, groups },
  );
}
