// F.conv1d / F.conv2d (and conv3d through convNd): im2col (the backend's window kernel for float dtypes,
// index_select over the flattened spatial dims otherwise) + one grouped matmul, recorded as a single
// ConvolutionBackward0 node like PyTorch (its row is in derivatives/nn_conv.ts).
import { no_grad } from "../autograd/grad_mode.js";
import { RuntimeError } from "../errors.js";
import { defineOps } from "../signatures/registry.js";
import { bool, checkAllocation, float32 } from "../tensor/dtype.js";
import type { Tensor } from "../tensor/tensor.js";
import { emitWarning } from "../warnings.js";
import { backend } from "../backend/backend.js";
import { windowGeometry } from "../backend/js/conv.js";
import { fromData, record } from "./core.js";
import { slidingPlan, unfoldWindows, type SlidingGeometry } from "./nn_windows.js";

export type IntOrTuple = number | readonly number[];
export type ConvPadding = IntOrTuple | "same" | "valid";

/** An int or a tuple of `n` ints as a tuple (PyTorch's _single/_pair, for the modules' arguments). */
export function expandTuple(v: IntOrTuple, n: number, what = "argument"): number[] {
  const out = typeof v === "number" ? Array<number>(n).fill(v) : [...v];
  if (out.length === 1 && n > 1) return Array<number>(n).fill(out[0]);
  if (out.length !== n || out.some((x) => !Number.isInteger(x)))
    throw new RuntimeError(`expected ${what} to be a single integer value or a list of ${n} values`);
  return out;
}

/** A conv parameter list of one or `n` values as `n` values (expand_param_if_needed), with PyTorch's error. */
export function expandConvParam(v: readonly number[], n: number, what: string): number[] {
  if (v.length === 1) return Array<number>(n).fill(v[0]);
  if (v.length !== n)
    throw new RuntimeError(
      `expected ${what} to be a single integer value or a list of ${n} values to match the convolution dimensions, but got ${what}=[${v.join(", ")}]`,
    );
  return [...v];
}

const sizeStr = (shape: readonly number[]) => `[${shape.join(", ")}]`;
const product = (xs: readonly number[]) => xs.reduce((a, b) => a * b, 1);

/** c10's names of scalar types, as some of PyTorch's messages print them. */
const C_TYPE_NAMES: Record<string, string> = {
  float32: "float",
  float64: "double",
  int64: "long int",
  int32: "int",
  bool: "bool",
};

/** The kernel's extents as the 2-D backends see them (conv1d runs as a conv2d over [1, L]). */
const kernelOf = (weight: Tensor, dims: number): number[] =>
  dims === 1 ? [1, weight.shape[weight.ndim - 1]] : weight.shape.slice(2);

/**
 * Whether PyTorch's CPU convolution picks its MKLDNN backend (ConvParams::use_mkldnn, on a machine with more than
 * one thread): float32, and grouped, a kernel over 3x3, a batch over 1 or a large input. The backends word
 * their dtype errors differently.
 */
function usesMkldnn(input: Tensor, kernel: readonly number[], groups: number): boolean {
  // `input` is batched here (conv1d/conv2d add the batch dim of an unbatched input first).
  if (input.dtype !== float32) return false;
  return groups > 1 || (kernel[0] > 3 && kernel[1] > 3) || input.shape[0] > 1 || input.numel() > 20480;
}

/** The backend's dtype checks (on a batched input): MKLDNN's or slow_conv2d's. */
function checkBackendDtypes(
  input: Tensor,
  weight: Tensor,
  bias: Tensor | null,
  kernel: readonly number[],
  groups: number,
): void {
  const tensorType = (t: Tensor) => `torch.${t.dtype.scalarTypeName}Tensor`;
  if (usesMkldnn(input, kernel, groups)) {
    for (const [name, t] of [
      ["weight", weight],
      ["bias", bias],
    ] as const) {
      if (t !== null && t.dtype !== input.dtype)
        throw new RuntimeError(
          `Input type (${tensorType(input)}) and ${name} type (${tensorType(t)}) should be the same or input should be a MKLDNN tensor and ${name} is a dense tensor`,
        );
    }
    return;
  }
  if (input.dtype === bool) throw new RuntimeError(`"slow_conv2d_cpu" not implemented for 'Bool'`);
  if (input.dtype !== weight.dtype)
    throw new RuntimeError(
      `expected scalar type ${input.dtype.scalarTypeName} but found ${weight.dtype.scalarTypeName}`,
    );
}

let warnedSamePadding = false;

/** The shared body of conv1d/conv2d over `dims` spatial dims. */
export function convNd(
  dims: number,
  fn: string,
  input: Tensor,
  weight: Tensor,
  bias: Tensor | null,
  strideArg: readonly number[],
  padding: readonly number[] | string,
  dilationArg: readonly number[],
  groups: number,
): Tensor {
  if (input.ndim !== dims + 1 && input.ndim !== dims + 2) {
    throw new RuntimeError(
      `Expected ${dims + 1}D (unbatched) or ${dims + 2}D (batched) input to ${fn}, but got input of size: ${sizeStr(input.shape)}`,
    );
  }
  if (input.ndim === dims + 1) {
    return convNd(
      dims,
      fn,
      input.unsqueeze(0),
      weight,
      bias,
      strideArg,
      padding,
      dilationArg,
      groups,
    ).squeeze(0);
  }
  // at::_convolution_mode: a padding string.
  if (padding === "same") {
    if (strideArg.some((s) => s !== 1))
      throw new RuntimeError("padding='same' is not supported for strided convolutions");
  } else if (typeof padding === "string" && padding !== "valid")
    throw new RuntimeError(`Invalid padding string: '${padding}'`);
  // at::_convolution: its parameter checks, then check_shape_forward's, in PyTorch's order.
  const spatial = weight.ndim - 2;
  if (spatial <= 0) throw new RuntimeError("weight should have at least three dimensions");
  if (groups <= 0) throw new RuntimeError("non-positive groups is not supported");
  const stride = expandConvParam(strideArg, spatial, "stride");
  const padList = typeof padding === "string" ? null : expandConvParam(padding, spatial, "padding");
  const dilation = expandConvParam(dilationArg, spatial, "dilation");
  if (dilation.some((d) => d <= 0))
    throw new RuntimeError(`dilation should be greater than zero, but got [${dilation.join(", ")}]`);
  if (
    dims === 2 &&
    bias !== null &&
    bias.dtype !== input.dtype &&
    !usesMkldnn(input, kernelOf(weight, dims), groups)
  )
    throw new RuntimeError(
      `Input type (${C_TYPE_NAMES[input.dtype.name]}) and bias type (${C_TYPE_NAMES[bias.dtype.name]}) should be the same`,
    );
  if (padList !== null && padList.some((p) => p < 0))
    throw new RuntimeError("negative padding is not supported");
  if (stride.some((s) => s <= 0)) throw new RuntimeError("non-positive stride is not supported");
  if (weight.ndim !== input.ndim)
    throw new RuntimeError(
      `Expected ${weight.ndim}-dimensional input for ${weight.ndim}-dimensional weight ${sizeStr(weight.shape)}, but got ${input.ndim}-dimensional input of size ${sizeStr(input.shape)} instead`,
    );
  const [n, cIn] = input.shape;
  const cOut = weight.shape[0];
  if (cOut < groups)
    throw new RuntimeError(
      `Given groups=${groups}, expected weight to be at least ${groups} at dimension 0, but got weight of size ${sizeStr(weight.shape)} instead`,
    );
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
  const kernel = weight.shape.slice(2);
  const sizes = input.shape.slice(2);
  let padBefore: number[];
  let padTotal: number[];
  if (padding === "same") {
    // The odd extra element of padding goes after, like PyTorch's F.pad call (with its warning).
    padTotal = kernel.map((k, d) => dilation[d] * (k - 1));
    padBefore = padTotal.map((t) => Math.floor(t / 2));
    if (padTotal.some((t) => t % 2 !== 0) && !warnedSamePadding) {
      warnedSamePadding = true; // TORCH_WARN_ONCE
      emitWarning(
        "Using padding='same' with even kernel lengths and odd dilation may require a zero-padded copy of the input be created",
      );
    }
  } else {
    padBefore = padList ?? Array<number>(spatial).fill(0);
    padTotal = padBefore.map((p) => 2 * p);
  }
  const padded = sizes.map((s, d) => s + padTotal[d]);
  const effKernel = kernel.map((k, d) => dilation[d] * (k - 1) + 1);
  if (effKernel.some((k, d) => k > padded[d]))
    throw new RuntimeError(
      `Calculated padded input size per channel: (${padded.join(" x ")}). Kernel size: (${effKernel.join(" x ")}). Kernel size can't be greater than actual input size`,
    );
  checkBackendDtypes(input, weight, bias, kernelOf(weight, dims), groups);
  const outShape = padded.map((p, d) => Math.floor((p - effKernel[d]) / stride[d]) + 1);
  // im2col's buffer, checked before the plan is built (a padding of 1e12 would otherwise build for minutes).
  checkAllocation(input.dtype, n * cIn * product(kernel) * product(outShape));
  const window: SlidingGeometry = { sizes, kernel, stride, padBefore, dilation, outShape };
  if (input.dtype.is_floating_point && !input.dtype.is_complex && weight.dtype === input.dtype) {
    // The backend's whole convolution: im2col of a chunk of images at a time (no index tensors), one GEMM per
    // group over the chunk.
    const geometry = windowGeometry(n, cIn, sizes, kernel, stride, padBefore, dilation, outShape);
    const out = no_grad(() => {
      const b = bias === null ? null : bias.to(input.dtype).contiguous()._view();
      const data = backend().conv.convForward(
        input.contiguous()._view(),
        weight.contiguous()._view(),
        b,
        geometry,
        groups,
      );
      return fromData(data, [n, cOut, ...outShape], input.dtype);
    });
    return record("ConvolutionBackward0", [input, weight, bias], out, () => ({
      input,
      weight,
      groups,
      window,
      geometry,
    }));
  }
  const plan = slidingPlan(window);
  const perGroup = (cIn / groups) * plan.kernelCount;
  const out = no_grad(() => {
    const cols = unfoldWindows(input, plan).reshape(n, groups, perGroup, plan.outCount);
    const wMat = weight.reshape(groups, cOut / groups, perGroup);
    let y = wMat.matmul(cols).reshape(n, cOut, plan.outCount);
    // conv1d takes a bias of another dtype: it is copied into the output's.
    if (bias !== null) y = y.add(bias.to(input.dtype).reshape(1, cOut, 1));
    return y
      .reshape([n, cOut, ...outShape])
      .contiguous()
      .detach();
  });
  return record("ConvolutionBackward0", [input, weight, bias], out, () => ({
    input,
    weight,
    groups,
    window,
    geometry: null,
  }));
}

export function conv1d(
  input: Tensor,
  weight: Tensor,
  bias: Tensor | null = null,
  stride: readonly number[] = [1],
  padding: readonly number[] | string = [0],
  dilation: readonly number[] = [1],
  groups = 1,
): Tensor {
  return convNd(1, "conv1d", input, weight, bias, stride, padding, dilation, groups);
}

export function conv2d(
  input: Tensor,
  weight: Tensor,
  bias: Tensor | null = null,
  stride: readonly number[] = [1, 1],
  padding: readonly number[] | string = [0, 0],
  dilation: readonly number[] = [1, 1],
  groups = 1,
): Tensor {
  return convNd(2, "conv2d", input, weight, bias, stride, padding, dilation, groups);
}

// Builtins (torch.conv1d / torch.conv2d as F reaches them): the parser's signatures.
defineOps("torch.nn.functional", {
  "conv1d(Tensor input, Tensor weight, Tensor? bias=None, IntArrayRef[1] stride=1, IntArrayRef[1] padding=0, IntArrayRef[1] dilation=1, int64_t groups=1) -> Tensor":
    conv1d,
  'conv1d(Tensor input, Tensor weight, Tensor? bias=None, IntArrayRef[1] stride=1, c10::string_view padding="valid", IntArrayRef[1] dilation=1, int64_t groups=1) -> Tensor':
    conv1d,
  "conv2d(Tensor input, Tensor weight, Tensor? bias=None, IntArrayRef[2] stride=1, IntArrayRef[2] padding=0, IntArrayRef[2] dilation=1, int64_t groups=1) -> Tensor":
    conv2d,
  'conv2d(Tensor input, Tensor weight, Tensor? bias=None, IntArrayRef[2] stride=1, c10::string_view padding="valid", IntArrayRef[2] dilation=1, int64_t groups=1) -> Tensor':
    conv2d,
});
