// The 1-D pools: max_pool1d, avg_pool1d, adaptive_avg_pool1d, adaptive_max_pool1d. As in PyTorch
// (aten/src/ATen/native/Pooling.cpp), each checks its 1-D arguments, then runs the 2-D op over the input
// unsqueezed at -2 and squeezes the result, so its grad_fn is SqueezeBackward1 over the 2-D op's node.
import { is_grad_enabled } from "../autograd/grad_mode.js";
import { RuntimeError } from "../errors.js";
import { bindPython } from "../signatures/bind.js";
import { defineOps, definePython, publicFunction } from "../signatures/registry.js";
import { parseSignature } from "../signatures/schema.js";
import type { Tensor } from "../tensor/tensor.js";
import { adaptive_avg_pool2d, avg_pool2d, max_pool2d_with_indices } from "./nn_pool.js";
import { adaptive_max_pool2d, truthy } from "./nn_pool_adaptive_max.js";

/** checkDimRange(fn, self, 2, 4): a [C, L] or [N, C, L] input. */
function checkDimRange(fn: string, input: Tensor): void {
  if (input.ndim < 2 || input.ndim > 3)
    throw new RuntimeError(
      `Expected 2 to 3 dimensions, but got ${input.ndim}-dimensional tensor for argument #1 'self' (while checking arguments for ${fn})`,
    );
}

/** check1d: a list argument of exactly one int. */
function check1d(fn: string, name: string, v: readonly number[]): void {
  if (v.length !== 1)
    throw new RuntimeError(`${fn}() argument '${name}' should contain one int (got ${v.length})`);
}

const omitted = (stride: readonly number[] | null): stride is null | [] =>
  stride === null || stride.length === 0;

/** at::max_pool1d_with_indices: [values, indices], through max_pool2d_with_indices over [.., 1, L]. */
export function max_pool1d_with_indices(
  input: Tensor,
  kernel_size: readonly number[],
  strideArg: readonly number[] | null = null,
  padding: readonly number[] = [0],
  dilation: readonly number[] = [1],
  ceil_mode = false,
): [Tensor, Tensor] {
  const stride = omitted(strideArg) ? kernel_size : strideArg;
  checkDimRange("max_pool1d", input);
  check1d("max_pool1d", "kernel_size", kernel_size);
  check1d("max_pool1d", "stride", stride);
  check1d("max_pool1d", "padding", padding);
  check1d("max_pool1d", "dilation", dilation);
  // pooling_output_shape's check, which PyTorch's max_pool2d makes after its zero-stride check (nn_pool.ts's
  // max_pool2d does not make it yet).
  if (stride[0] !== 0 && padding[0] < 0)
    throw new RuntimeError(`pad must be non-negative, but got pad: ${padding[0]}`);
  const [values, indices] = max_pool2d_with_indices(
    input.unsqueeze(-2),
    [1, kernel_size[0]],
    [1, stride[0]],
    [0, padding[0]],
    [1, dilation[0]],
    ceil_mode,
  );
  return [values.squeeze(-2), indices.squeeze(-2)];
}

/** The 1-D pooling output size (pooling_output_shape). */
function poolOutSize(
  size: number,
  k: number,
  pad: number,
  stride: number,
  dil: number,
  ceil: boolean,
): number {
  let out = Math.floor((size + 2 * pad - dil * (k - 1) - 1 + (ceil ? stride - 1 : 0)) / stride) + 1;
  if (ceil && (out - 1) * stride >= size + pad) out--;
  return out;
}

/** max_pool1d_impl's checks (the path PyTorch takes when no gradient is needed), in its order. */
function checkMaxPool1dImpl(
  kernel: readonly number[],
  strideArg: readonly number[] | null,
  padding: readonly number[],
  dilation: readonly number[],
): number[] {
  if (kernel.length !== 1)
    throw new RuntimeError(
      `max_pool1d() kernel_size must be an int, list of ints or tuple of ints of size 1 but got size ${kernel.length}`,
    );
  if (!omitted(strideArg) && strideArg.length !== 1)
    throw new RuntimeError(
      `max_pool1d() stride must be None, an int, list of ints, or tuple of ints of size 1 but got size ${strideArg.length}`,
    );
  if (padding.length !== 1)
    throw new RuntimeError(
      `max_pool1d() padding must be an int, list of ints, or tuple of ints of size 1 but got size ${padding.length}`,
    );
  if (dilation.length !== 1)
    throw new RuntimeError(
      `max_pool1d() dilation must be an int, list of ints or tuple of ints of size 1 but got size ${dilation.length}`,
    );
  const stride = omitted(strideArg) ? kernel : strideArg;
  const [k, s, p, d] = [kernel[0], stride[0], padding[0], dilation[0]];
  if (k <= 0) throw new RuntimeError(`max_pool1d() kernel_size must be greater than zero, but got ${k}`);
  if (s <= 0) throw new RuntimeError(`max_pool1d() stride must be greater than zero, but got ${s}`);
  if (p < 0) throw new RuntimeError(`max_pool1d() padding must be non-negative, but got ${p}`);
  if (p > k / 2)
    throw new RuntimeError(
      `max_pool1d() padding should be at most half of kernel size, but got padding=${p} and kernel_size=${k}`,
    );
  if (d <= 0) throw new RuntimeError(`max_pool1d() dilation must be greater than zero, but got ${d}`);
  return [s];
}

/**
 * at::max_pool1d: with a gradient to track, max_pool1d_with_indices's values; without, max_pool1d_impl, which
 * checks its arguments in its own words and gives an empty result where the window does not fit.
 */
export function max_pool1d(
  input: Tensor,
  kernel_size: readonly number[],
  stride: readonly number[] | null = null,
  padding: readonly number[] = [0],
  dilation: readonly number[] = [1],
  ceil_mode = false,
): Tensor {
  const ndim = input.ndim;
  const ok =
    (ndim === 2 && input.shape[0] !== 0 && input.shape[1] !== 0) ||
    (ndim === 3 && input.shape[1] !== 0 && input.shape[2] !== 0);
  if (!ok)
    throw new RuntimeError(
      `max_pool1d: Expected 2D or 3D (batch mode) tensor with optional 0 dim batch size for input, but got:[${input.shape.join(", ")}]`,
    );
  if (input.requires_grad && is_grad_enabled())
    return max_pool1d_with_indices(input, kernel_size, stride, padding, dilation, ceil_mode)[0];
  const [s] = checkMaxPool1dImpl(kernel_size, stride, padding, dilation);
  if (!input.dtype.is_floating_point)
    throw new RuntimeError(`"max_pool1d_impl" not implemented for '${input.dtype.scalarTypeName}'`);
  const length = input.shape[ndim - 1];
  if (poolOutSize(length, kernel_size[0], padding[0], s, dilation[0], ceil_mode) <= 0)
    return input.new_empty([...input.shape.slice(0, -1), 0]);
  return max_pool1d_with_indices(input, kernel_size, [s], padding, dilation, ceil_mode)[0];
}

/** at::avg_pool1d, through avg_pool2d over [.., 1, L]. */
export function avg_pool1d(
  input: Tensor,
  kernel_size: readonly number[],
  strideArg: readonly number[] | null = null,
  padding: readonly number[] = [0],
  ceil_mode = false,
  count_include_pad = true,
): Tensor {
  const stride = omitted(strideArg) ? kernel_size : strideArg;
  checkDimRange("avg_pool1d", input);
  check1d("avg_pool1d", "kernel_size", kernel_size);
  check1d("avg_pool1d", "stride", stride);
  check1d("avg_pool1d", "padding", padding);
  return avg_pool2d(
    input.unsqueeze(-2),
    [1, kernel_size[0]],
    [1, stride[0]],
    [0, padding[0]],
    ceil_mode,
    count_include_pad,
  ).squeeze(-2);
}

/** at::adaptive_avg_pool1d, through adaptive_avg_pool2d over [.., 1, L]. */
export function adaptive_avg_pool1d(input: Tensor, output_size: readonly number[]): Tensor {
  checkDimRange("adaptive_avg_pool1d", input);
  check1d("adaptive_avg_pool1d", "output_size", output_size);
  // adaptive_avg_pool2d's own checks, worded with the 2-D output size.
  if (output_size[0] < 0)
    throw new RuntimeError(
      `adaptive_avg_pool2d: elements of output_size must be greater than or equal to 0 but received {1, ${output_size[0]}}`,
    );
  // One output per plane is a mean (with mean's dtype check); the kernel takes floating types only.
  if (output_size[0] !== 1 && !input.dtype.is_floating_point)
    throw new RuntimeError(`"adaptive_avg_pool2d" not implemented for '${input.dtype.scalarTypeName}'`);
  if (output_size[0] === 0) return input.new_empty([...input.shape.slice(0, -1), 0]);
  return adaptive_avg_pool2d(input.unsqueeze(-2), [1, output_size[0]]).squeeze(-2);
}

/** at::adaptive_max_pool1d: [values, indices], through adaptive_max_pool2d over [.., 1, L]. */
export function adaptive_max_pool1d(input: Tensor, output_size: readonly number[]): [Tensor, Tensor] {
  checkDimRange("adaptive_max_pool1d", input);
  check1d("adaptive_max_pool1d", "output_size", output_size);
  const [values, indices] = adaptive_max_pool2d(input.unsqueeze(-2), [1, output_size[0]]);
  return [values.squeeze(-2), indices.squeeze(-2)];
}

defineOps("torch", {
  "max_pool1d(Tensor input, IntArrayRef[1] kernel_size, IntArrayRef[1] stride=None, IntArrayRef[1] padding=0, IntArrayRef[1] dilation=1, bool ceil_mode=False) -> Tensor":
    max_pool1d,
  "max_pool1d_with_indices(Tensor input, IntArrayRef[1] kernel_size, IntArrayRef[1] stride=None, IntArrayRef[1] padding=0, IntArrayRef[1] dilation=1, bool ceil_mode=False) -> (Tensor, Tensor)":
    max_pool1d_with_indices,
  "adaptive_max_pool1d(Tensor input, IntArrayRef[1] output_size) -> (Tensor, Tensor)": adaptive_max_pool1d,
});
// Builtins F reaches directly (F.avg_pool1d is torch.avg_pool1d).
defineOps("torch.nn.functional", {
  "avg_pool1d(Tensor input, IntArrayRef[1] kernel_size, IntArrayRef[1] stride=None, IntArrayRef[1] padding=0, bool ceil_mode=False, bool count_include_pad=True) -> Tensor":
    avg_pool1d,
  "adaptive_avg_pool1d(Tensor input, IntArrayRef[1] output_size) -> Tensor": adaptive_avg_pool1d,
});

/**
 * F.max_pool1d's parameters, forwarded unchecked (`~`) to torch.max_pool1d / torch.max_pool1d_with_indices,
 * whose parser raises the errors users see.
 */
const POOL_PARAMS =
  "(input: ~Tensor, kernel_size: ~int | int[], stride: ~int | int[] | None = None, padding: ~int | int[] = 0, dilation: ~int | int[] = 1, ceil_mode: ~bool = False, return_indices: object = False)";
const MAX_POOL1D = parseSignature(`_max_pool1d${POOL_PARAMS} -> Tensor`, "python");
const MAX_POOL1D_WITH_INDICES = parseSignature(`max_pool1d_with_indices${POOL_PARAMS} -> Tensor`, "python");
const ADAPTIVE_PARAMS = "(input: ~Tensor, output_size: ~int | int[], return_indices: object = False)";
const ADAPTIVE_MAX_POOL1D = parseSignature(`_adaptive_max_pool1d${ADAPTIVE_PARAMS} -> Tensor`, "python");
const ADAPTIVE_MAX_POOL1D_WITH_INDICES = parseSignature(
  `adaptive_max_pool1d_with_indices${ADAPTIVE_PARAMS} -> Tensor`,
  "python",
);

type Native = (...a: unknown[]) => unknown;
const torchFn = (name: string) => publicFunction("torch", name) as Native;

/** functional.py's max_pool1d_with_indices / _max_pool1d: None stride becomes [], then the builtin. */
function maxPool1dForward(withIndices: boolean, bound: unknown[]): unknown {
  const args = bound.slice(0, 6);
  if (args[2] === null) args[2] = [];
  return torchFn(withIndices ? "max_pool1d_with_indices" : "max_pool1d")(...args);
}

/** F.max_pool1d(*args, **kwargs): return_indices (keyword or 7th positional) picks the pair or the values. */
function maxPool1dDispatch(args: unknown[], kwargs: Record<string, unknown>): Tensor {
  const withIndices = truthy(
    "return_indices" in kwargs ? kwargs.return_indices : args.length > 6 ? args[6] : false,
  );
  const bound = bindPython(withIndices ? MAX_POOL1D_WITH_INDICES : MAX_POOL1D, args, kwargs);
  // Typed as PyTorch annotates F.max_pool1d (a Tensor); max_pool1d_with_indices is the typed way to the pair.
  return maxPool1dForward(withIndices, bound) as Tensor;
}

/** F.adaptive_max_pool1d(*args, **kwargs): the pair from torch.adaptive_max_pool1d, or its values. */
function adaptiveMaxPool1dDispatch(args: unknown[], kwargs: Record<string, unknown>): Tensor {
  const withIndices = truthy(
    "return_indices" in kwargs ? kwargs.return_indices : args.length > 2 ? args[2] : false,
  );
  const bound = bindPython(
    withIndices ? ADAPTIVE_MAX_POOL1D_WITH_INDICES : ADAPTIVE_MAX_POOL1D,
    args,
    kwargs,
  );
  const pair = torchFn("adaptive_max_pool1d")(bound[0], bound[1]) as [Tensor, Tensor];
  return (withIndices ? pair : pair[0]) as Tensor;
}

// Python functions of torch/nn/functional.py.
definePython(
  "torch.nn.functional",
  {
    "_max_pool1d(*args, **kwargs) -> Tensor": maxPool1dDispatch,
    [`max_pool1d_with_indices${POOL_PARAMS} -> (Tensor, Tensor)`]: (...args: unknown[]) =>
      maxPool1dForward(true, args) as [Tensor, Tensor],
    "_adaptive_max_pool1d(*args, **kwargs) -> Tensor": adaptiveMaxPool1dDispatch,
    [`adaptive_max_pool1d_with_indices${ADAPTIVE_PARAMS} -> (Tensor, Tensor)`]: (
      input: Tensor,
      output_size: unknown,
    ) => torchFn("adaptive_max_pool1d")(input, output_size) as [Tensor, Tensor],
  },
  { publicNames: { _max_pool1d: "max_pool1d", _adaptive_max_pool1d: "adaptive_max_pool1d" } },
);
