// F.max_pool2d, F.avg_pool2d, F.adaptive_avg_pool2d over window plans, each recorded as the one
// node PyTorch records (MaxPool2DWithIndicesBackward0, AvgPool2DBackward0, AdaptiveAvgPool2DBackward0).
import { no_grad } from "../autograd/grad_mode.js";
import { IndexError, RuntimeError, ValueError } from "../errors.js";
import { bindNative, bindPython } from "../signatures/bind.js";
import { defineOps, definePython, publicFunction } from "../signatures/registry.js";
import { parseSignature } from "../signatures/schema.js";
import { adaptiveAverage } from "../backend/js/reduce.js";
import { record } from "./core.js";
import { backend } from "../backend/backend.js";
import { windowGeometry } from "../backend/js/conv.js";
import { bool, float32, float64, int64 } from "../tensor/dtype.js";
import { Tensor } from "../tensor/tensor.js";
import type { IntOrTuple } from "./nn_conv.js";
import {
  adaptivePlan,
  checkOutputSize,
  slidingPlan,
  unfoldWindows,
  windowMax,
  type WindowPlan,
} from "./nn_windows.js";

/** PyTorch's pooling_output_shape. */
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

interface PoolGeometry {
  kernel: number[];
  stride: number[];
  padding: number[];
  dilation: number[];
  outShape: number[];
}

/** The pooling ops' int-pair parameters: one int or a list of one or two (PyTorch's messages by op and name). */
const PAIR_MESSAGES: Record<string, string> = {
  "max_pool2d:kernel_size": "max_pool2d: kernel_size must either be a single int, or a tuple of two ints",
  "max_pool2d:stride": "max_pool2d: stride must either be omitted, a single int, or a tuple of two ints",
  "max_pool2d:padding": "max_pool2d: padding must be either be a single int, or a tuple of two ints",
  "max_pool2d:dilation": "max_pool2d: dilation must be either a single int, or a tuple of two ints",
  "avg_pool2d:kernel_size": "avg_pool2d: kernel_size must either be a single int, or a tuple of two ints",
  "avg_pool2d:stride": "avg_pool2d: stride must either be omitted, a single int, or a tuple of two ints",
  "avg_pool2d:padding": "avg_pool2d: padding must either be a single int, or a tuple of two ints",
};

function pair(fn: string, what: string, v: IntOrTuple): number[] {
  if (typeof v === "number") return [v, v];
  if (v.length === 1) return [v[0], v[0]];
  if (v.length !== 2) throw new RuntimeError(PAIR_MESSAGES[`${fn}:${what}`]);
  return [v[0], v[1]];
}

/** The pooling parameters as pairs; an omitted (None or empty) stride is the kernel size. */
function poolParams(
  fn: string,
  kernelArg: IntOrTuple,
  strideArg: IntOrTuple | null,
  paddingArg: IntOrTuple,
  dilationArg: IntOrTuple,
): Omit<PoolGeometry, "outShape"> {
  const kernel = pair(fn, "kernel_size", kernelArg);
  const omitted = strideArg === null || (typeof strideArg !== "number" && strideArg.length === 0);
  const stride = omitted ? kernel : pair(fn, "stride", strideArg);
  const padding = pair(fn, "padding", paddingArg);
  const dilation = pair(fn, "dilation", dilationArg);
  return { kernel, stride, padding, dilation };
}

/** pool2d_shape_check: argument checks and the output size. */
function poolGeometry(
  input: Tensor,
  { kernel, stride, padding, dilation }: Omit<PoolGeometry, "outShape">,
  ceil: boolean,
): PoolGeometry {
  if (stride.some((s) => s === 0)) throw new RuntimeError("stride should not be zero");
  if (kernel.some((k) => k <= 0))
    throw new RuntimeError(
      `kernel size should be greater than zero, but got kH: ${kernel[0]} kW: ${kernel[1]}`,
    );
  if (stride.some((s) => s < 0))
    throw new RuntimeError(`stride should be greater than zero, but got dH: ${stride[0]} dW: ${stride[1]}`);
  if (dilation.some((d) => d <= 0))
    throw new RuntimeError(
      `dilation should be greater than zero, but got dilationH: ${dilation[0]} dilationW: ${dilation[1]}`,
    );
  for (let d = 0; d < 2; d++) {
    if (padding[d] > kernel[d] / 2)
      throw new RuntimeError(
        `pad should be at most half of kernel size, but got pad=${padding[d]} and kernel_size=${kernel[d]}`,
      );
  }
  const [c, h, w] = input.shape.slice(-3);
  const outShape = [h, w].map((size, d) =>
    poolOutSize(size, kernel[d], padding[d], stride[d], dilation[d], ceil),
  );
  if (outShape.some((o) => o < 1))
    throw new RuntimeError(
      `Given input size: (${c}x${h}x${w}). Calculated output size: (${c}x${outShape[0]}x${outShape[1]}). Output size is too small`,
    );
  return { kernel, stride, padding, dilation, outShape };
}

function checkPoolInput(input: Tensor, fn: string): void {
  if (fn === "avg_pool2d" && input.ndim < 3)
    throw new IndexError(
      `Dimension out of range (expected to be in range of [${-Math.max(input.ndim, 1)}, ${Math.max(input.ndim, 1) - 1}], but got -3)`,
    );
  if (input.ndim !== 3 && input.ndim !== 4) {
    throw new RuntimeError("non-empty 3D or 4D (batch mode) tensor expected for input");
  }
  if (input.shape.slice(-3).some((s) => s === 0))
    throw new RuntimeError(
      `Expected 3D or 4D (batch mode) tensor with optional 0 dim batch size for input, but got:[${input.shape.join(", ")}]`,
    );
}

/** The 4-D view pooling works on: an unbatched [C, H, W] input becomes [1, C, H, W]. */
const batched = (input: Tensor): number[] => (input.ndim === 3 ? [1, ...input.shape] : [...input.shape]);

/**
 * max_pool2d_with_indices(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False):
 * [values, indices] (indices are flat positions in each input plane).
 */
export function max_pool2d_with_indices(
  input: Tensor,
  kernel_size: IntOrTuple,
  stride: IntOrTuple | null = null,
  padding: IntOrTuple = 0,
  dilation: IntOrTuple = 1,
  ceil_mode = false,
): [Tensor, Tensor] {
  const params = poolParams("max_pool2d", kernel_size, stride, padding, dilation);
  checkPoolInput(input, "max_pool2d");
  const geo = poolGeometry(input, params, ceil_mode);
  // PyTorch's kernel is dispatched for floating types only (after the shape checks).
  if (!input.dtype.is_floating_point)
    throw new RuntimeError(`"max_pool2d" not implemented for '${input.dtype.scalarTypeName}'`);
  const shape4 = batched(input);
  const outShape = [...input.shape.slice(0, -2), ...geo.outShape];
  const [n, c] = shape4;
  if (input.dtype === float32 || input.dtype === float64) {
    // The backend's max pooling kernel: values and indices in one pass, PyTorch's first-max / NaN rule.
    const geometry = windowGeometry(
      n,
      c,
      shape4.slice(2),
      geo.kernel,
      geo.stride,
      geo.padding,
      geo.dilation,
      geo.outShape,
    );
    const [v, i] = backend().pool.maxPool(input.contiguous()._view(), geometry);
    const indices = Tensor._fromData(i, outShape, int64);
    const out = record(
      "MaxPool2DWithIndicesBackward0",
      [input],
      Tensor._fromData(v, outShape, input.dtype),
      () => ({
        inputShape: [...input.shape],
        shape4,
        indices,
        geometry,
      }),
    );
    return [out, indices];
  }
  const plan = slidingPlan({
    sizes: shape4.slice(2),
    kernel: geo.kernel,
    stride: geo.stride,
    padBefore: geo.padding,
    dilation: geo.dilation,
    outShape: geo.outShape,
  });
  const [values, indices] = no_grad(() => windowMax(input, plan, n, c, outShape));
  const out = record("MaxPool2DWithIndicesBackward0", [input], values, () => ({
    inputShape: [...input.shape],
    shape4,
    indices,
    geometry: null,
  }));
  return [out, indices];
}

/** max_pool2d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False): the values only. */
export function max_pool2d(
  input: Tensor,
  kernel_size: IntOrTuple,
  stride: IntOrTuple | null = null,
  padding: IntOrTuple = 0,
  dilation: IntOrTuple = 1,
  ceil_mode = false,
): Tensor {
  return max_pool2d_with_indices(input, kernel_size, stride, padding, dilation, ceil_mode)[0];
}

/** Per-dim window sizes for the divisor, as avg_pool2d's kernel computes them. */
export function windowSizes(
  size: number,
  k: number,
  s: number,
  p: number,
  outSize: number,
  includePad: boolean,
): number[] {
  const sizes: number[] = [];
  for (let o = 0; o < outSize; o++) {
    let start = o * s - p;
    let end = Math.min(start + k, size + p);
    const withPad = end - start;
    start = Math.max(start, 0);
    end = Math.min(end, size);
    sizes.push(includePad ? withPad : end - start);
  }
  return sizes;
}

/** [L] divisors from per-dim window sizes (their products, row-major over output positions). */
export function divisorTensor(perDim: number[][], dtype: Tensor["dtype"]): Tensor {
  let products = [1];
  for (const sizes of perDim) products = products.flatMap((p) => sizes.map((k) => p * k));
  const data = dtype === float64 ? Float64Array.from(products) : Float32Array.from(products);
  return Tensor._fromData(data, [data.length], dtype === float64 ? float64 : float32);
}

/** Each window's sum over its divisor; [n, c]: the batched input's leading sizes. */
export function averageWindows(
  input: Tensor,
  plan: WindowPlan,
  divisor: Tensor,
  outShape: number[],
  [n, c]: readonly number[] = batched(input),
): Tensor {
  return no_grad(() => {
    const sums = unfoldWindows(input.reshape(n, c, plan.inCount), plan).sum(2);
    // Integer inputs keep their dtype, the quotient truncated as PyTorch's integer kernel divides.
    const mean = input.dtype.is_floating_point
      ? sums.div(divisor)
      : sums.div(divisor, { rounding_mode: "trunc" }).to(input.dtype);
    return mean.reshape(outShape).detach();
  });
}

/** avg_pool2d(input, kernel_size, stride=None, padding=0, ceil_mode, count_include_pad, divisor_override). */
export function avg_pool2d(
  input: Tensor,
  kernel_size: IntOrTuple,
  stride: IntOrTuple | null = null,
  padding: IntOrTuple = 0,
  ceil_mode = false,
  count_include_pad = true,
  divisor_override: number | null = null,
): Tensor {
  const params = poolParams("avg_pool2d", kernel_size, stride, padding, 1);
  if (divisor_override === 0) throw new RuntimeError("divisor must be not zero");
  checkPoolInput(input, "avg_pool2d");
  const geo = poolGeometry(input, params, ceil_mode);
  // PyTorch's kernel covers integers too, but not bool.
  if (input.dtype === bool) throw new RuntimeError(`"avg_pool2d" not implemented for 'Bool'`);
  const shape4 = batched(input);
  const sizes = shape4.slice(2);
  const plan = slidingPlan({
    sizes,
    kernel: geo.kernel,
    stride: geo.stride,
    padBefore: geo.padding,
    dilation: [1, 1],
    outShape: geo.outShape,
  });
  const perDim = sizes.map((size, d) =>
    windowSizes(size, geo.kernel[d], geo.stride[d], geo.padding[d], geo.outShape[d], count_include_pad),
  );
  const divisor =
    divisor_override !== null
      ? divisorTensor(
          [geo.outShape[0], geo.outShape[1]].map((o, d) =>
            Array<number>(o).fill(d === 0 ? divisor_override : 1),
          ),
          input.dtype,
        )
      : divisorTensor(perDim, input.dtype);
  const outShape = [...input.shape.slice(0, -2), ...geo.outShape];
  const out = averageWindows(input, plan, divisor, outShape);
  return record("AvgPool2DBackward0", [input], out, () => ({
    inputShape: [...input.shape],
    shape4,
    plan,
    divisor,
  }));
}

/** F.adaptive_avg_pool2d; `null` in output_size keeps that input size. */
export function adaptive_avg_pool2d(input: Tensor, output_size: number | readonly (number | null)[]): Tensor {
  const sizes = input.shape.slice(-2);
  const requested = typeof output_size === "number" ? [output_size, output_size] : [...output_size];
  if (requested.length !== 2) throw new RuntimeError("adaptive_avg_pool2d: output_size must be 2");
  const outSize = requested.map((o, d) => (o === null ? sizes[d] : o));
  // aten::adaptive_avg_pool2d checks the sizes before the input's rank (and before planning any window).
  if (outSize[0] < 0 || outSize[1] < 0)
    throw new RuntimeError(
      `adaptive_avg_pool2d: elements of output_size must be greater than or equal to 0 but received {${outSize[0]}, ${outSize[1]}}`,
    );
  // PyTorch takes a mean when the output is one element per plane.
  if (outSize[0] === 1 && outSize[1] === 1) return input.mean([-1, -2], true);
  if (input.ndim !== 3 && input.ndim !== 4)
    throw new RuntimeError(
      `adaptive_avg_pool2d(): Expected 3D or 4D tensor, but got [${input.shape.join(", ")}]`,
    );
  const outShape = [...input.shape.slice(0, -2), ...outSize];
  checkOutputSize(outShape, input.dtype, true);
  const shape4 = batched(input);
  const plan = adaptivePlan(sizes, outSize);
  const perDim = sizes.map((size, d) =>
    Array.from(
      { length: outSize[d] },
      (_, o) => Math.ceil(((o + 1) * size) / outSize[d]) - Math.floor((o * size) / outSize[d]),
    ),
  );
  const divisor = divisorTensor(perDim, input.dtype);
  const out = input.dtype.is_floating_point
    ? Tensor._fromData(adaptiveAverage(input._view(), [outSize[0], outSize[1]]), outShape, input.dtype)
    : averageWindows(input, plan, divisor, outShape);
  return record("AdaptiveAvgPool2DBackward0", [input], out, () => ({
    inputShape: [...input.shape],
    shape4,
    plan,
    divisor,
  }));
}

/**
 * F.max_pool2d's parameters (return_indices only steers its dispatch). PyTorch's Python code hands them
 * unchecked to the native torch.max_pool2d / torch._C._nn.max_pool2d_with_indices (`~`: forwarded), whose
 * parser raises the errors users see ("max_pool2d(): argument 'stride' (position 3) must be tuple of ints, not str").
 */
const POOL_PARAMS =
  "(input: ~Tensor, kernel_size: ~int | int[], stride: ~int | int[] | None = None, padding: ~int | int[] = 0, dilation: ~int | int[] = 1, ceil_mode: ~bool = False, return_indices: object = False)";
const NATIVE_POOL_PARAMS =
  "(Tensor input, IntArrayRef[2] kernel_size, IntArrayRef[2] stride=None, IntArrayRef[2] padding=0, IntArrayRef[2] dilation=1, bool ceil_mode=False";

/** The two functions F.max_pool2d dispatches to (PyTorch's boolean_dispatch on return_indices). */
const MAX_POOL2D = parseSignature(`_max_pool2d${POOL_PARAMS} -> Tensor`, "python");
const MAX_POOL2D_WITH_INDICES = parseSignature(`max_pool2d_with_indices${POOL_PARAMS} -> Tensor`, "python");
/** torch._C._nn.max_pool2d_with_indices, the builtin F.max_pool2d_with_indices forwards to. */
const NATIVE_WITH_INDICES = parseSignature(
  `max_pool2d_with_indices${NATIVE_POOL_PARAMS}, *, TensorList[2] out=None) -> (Tensor, Tensor)`,
  "native",
);

type PoolArgs = [Tensor, IntOrTuple, IntOrTuple | null, IntOrTuple, IntOrTuple, boolean];

/** Binds F.max_pool2d's forwarded arguments the way the native op's parser does, with its errors. */
function bindForwarded(sig: typeof NATIVE_WITH_INDICES, args: unknown[]): PoolArgs {
  return bindNative([sig], args, null).values.slice(0, 6) as PoolArgs;
}

/**
 * F.max_pool2d(*args, **kwargs): return_indices (by keyword, or the 7th positional argument) picks
 * max_pool2d_with_indices or _max_pool2d, which bind the arguments and hand them to the native ops.
 */
function maxPool2dDispatch(args: unknown[], kwargs: Record<string, unknown>): Tensor {
  const flag = "return_indices" in kwargs ? kwargs.return_indices : args.length > 6 ? args[6] : false;
  const withIndices = flag !== false && flag !== null && flag !== 0 && flag !== "";
  const bound = bindPython(withIndices ? MAX_POOL2D_WITH_INDICES : MAX_POOL2D, args, kwargs).slice(0, 6);
  if (!withIndices) return (publicFunction("torch", "max_pool2d") as (...a: unknown[]) => Tensor)(...bound);
  // Typed as PyTorch annotates F.max_pool2d (a Tensor); max_pool2d_with_indices is the typed way to the pair.
  return max_pool2d_with_indices(...bindForwarded(NATIVE_WITH_INDICES, bound)) as unknown as Tensor;
}

/** F.max_pool2d_with_indices: return_indices is accepted and ignored (the indices always come back). */
function maxPool2dWithIndices(...args: unknown[]): [Tensor, Tensor] {
  return max_pool2d_with_indices(...bindForwarded(NATIVE_WITH_INDICES, args.slice(0, 6)));
}

/** F.adaptive_avg_pool2d: `None` entries keep the input's size (functional.py's _list_with_default). */
function adaptiveAvgPool2d(input: Tensor, outputSize: number | (number | null)[]): Tensor {
  if (typeof outputSize !== "number" && input.ndim <= outputSize.length)
    throw new ValueError(`Input dimension should be at least ${outputSize.length + 1}`);
  return adaptive_avg_pool2d(input, outputSize);
}

// Builtins: torch._C._nn.avg_pool2d (F.avg_pool2d) and torch.max_pool2d (which F.max_pool2d forwards to).
defineOps("torch.nn.functional", {
  "avg_pool2d(Tensor input, IntArrayRef[2] kernel_size, IntArrayRef[2] stride=None, IntArrayRef[2] padding=0, bool ceil_mode=False, bool count_include_pad=True, int64_t? divisor_override=None, *, Tensor out=None) -> Tensor":
    avg_pool2d,
});
defineOps("torch", {
  [`max_pool2d${NATIVE_POOL_PARAMS}) -> Tensor`]: max_pool2d,
});

// Python functions of torch/nn/functional.py.
definePython(
  "torch.nn.functional",
  {
    "_max_pool2d(*args, **kwargs) -> Tensor": maxPool2dDispatch,
    [`max_pool2d_with_indices${POOL_PARAMS} -> (Tensor, Tensor)`]: maxPool2dWithIndices,
    "adaptive_avg_pool2d(input: Tensor, output_size: int | (int | None)[]) -> Tensor": adaptiveAvgPool2d,
  },
  { publicNames: { _max_pool2d: "max_pool2d" } },
);
