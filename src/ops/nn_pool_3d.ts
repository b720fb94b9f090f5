// F.max_pool3d (torch.max_pool3d, torch._C._nn.max_pool3d_with_indices): the maximum of each window over three
// spatial dims and its flat position in the input volume, over a window plan (nn_windows.ts), recorded as
// PyTorch's one MaxPool3DWithIndicesBackward0 node; F.avg_pool3d and F.adaptive_avg_pool3d, each window's sum
// over its divisor (AvgPool3DBackward0, AdaptiveAvgPool3DBackward0). Their rows are in derivatives/nn_pool_3d.ts.
import { no_grad } from "../autograd/grad_mode.js";
import { RuntimeError } from "../errors.js";
import { bindNative, bindPython } from "../signatures/bind.js";
import { defineOps, definePython } from "../signatures/registry.js";
import { parseSignature } from "../signatures/schema.js";
import { backend } from "../backend/backend.js";
import { windowGeometry, type WindowGeometry } from "../backend/js/conv.js";
import { checkAllocation, float32, float64, int64 } from "../tensor/dtype.js";
import { averageWindows, divisorTensor, windowSizes } from "./nn_pool.js";
import { listWithDefault } from "./nn_pool_adaptive_max.js";
import { Tensor } from "../tensor/tensor.js";
import { record } from "./core.js";
import type { AdaptiveMaxPoolSaved } from "./nn_pool_adaptive_max.js";
import { truthy } from "./nn_pool_adaptive_max.js";
import { adaptivePlan, checkOutputSize, slidingPlan, windowMax } from "./nn_windows.js";

/**
 * What MaxPool3DWithIndicesBackward0 keeps: as adaptive max pooling, each output's maximum's position; and the
 * windows as the backend's pooling kernels take them, when the forward ran them (float dtypes).
 */
export type MaxPool3dSaved = AdaptiveMaxPoolSaved & { geometry: WindowGeometry | null };

const TRIPLE_MESSAGES: Record<string, string> = {
  kernel_size: "max_pool3d: kernel_size must either be a single int, or a tuple of three ints",
  stride: "max_pool3d: stride must either be omitted, a single int, or a tuple of three ints",
  padding: "max_pool3d: padding must be either be a single int, or a tuple of three ints",
  dilation: "max_pool3d: dilation must be either a single int, or a tuple of three ints",
};

function triple(name: string, v: readonly number[]): number[] {
  if (v.length === 1) return [v[0], v[0], v[0]];
  if (v.length !== 3) throw new RuntimeError(TRIPLE_MESSAGES[name]);
  return [...v];
}

/** pooling_output_shape, with its own checks. */
function poolOutSize(
  size: number,
  k: number,
  pad: number,
  stride: number,
  dil: number,
  ceil: boolean,
): number {
  if (stride === 0) throw new RuntimeError("stride should not be zero");
  if (pad < 0) throw new RuntimeError(`pad must be non-negative, but got pad: ${pad}`);
  let out = Math.floor((size + 2 * pad - dil * (k - 1) - 1 + (ceil ? stride - 1 : 0)) / stride) + 1;
  if (ceil && (out - 1) * stride >= size + pad) out--;
  return out;
}

/** at::max_pool3d_with_indices: [values, indices]. */
export function max_pool3d_with_indices(
  input: Tensor,
  kernel_size: readonly number[],
  stride: readonly number[] | null = null,
  padding: readonly number[] = [0],
  dilation: readonly number[] = [1],
  ceil_mode = false,
): [Tensor, Tensor] {
  const kernel = triple("kernel_size", kernel_size);
  const strides = stride === null || stride.length === 0 ? kernel : triple("stride", stride);
  const pads = triple("padding", padding);
  const dils = triple("dilation", dilation);
  const ndim = input.ndim;
  if (ndim !== 4 && ndim !== 5)
    throw new RuntimeError("non-empty 4D or 5D (batch mode) tensor expected for input");
  for (let i = ndim - 4; i < ndim; i++)
    if (input.shape[i] <= 0)
      throw new RuntimeError(
        `max_pool3d_with_indices_out_cpu_template(): Expected input's non-batch dimensions to have positive length, but input has a shape of [${input.shape.join(", ")}] and non-batch dimension 0 has length zero!`,
      );
  const sizes = input.shape.slice(-3);
  const outSizes = sizes.map((s, d) => poolOutSize(s, kernel[d], pads[d], strides[d], dils[d], ceil_mode));
  // pool3d_shape_check.
  if (kernel.some((k) => k <= 0))
    throw new RuntimeError(
      `kernel size should be greater than zero, but got kT: ${kernel[0]} kH: ${kernel[1]} kW: ${kernel[2]}`,
    );
  if (strides.some((s) => s <= 0))
    throw new RuntimeError(
      `stride should be greater than zero, but got dT: ${strides[0]} dH: ${strides[1]} dW: ${strides[2]}`,
    );
  if (dils.some((d) => d <= 0))
    throw new RuntimeError(
      `dilation should be greater than zero, but got dilationT: ${dils[0]} dilationH: ${dils[1]} dilationW: ${dils[2]}`,
    );
  for (let d = 0; d < 3; d++)
    if (pads[d] > kernel[d] / 2)
      throw new RuntimeError(
        `pad should be at most half of kernel size, but got pad=${pads[d]} and kernel_size=${kernel[d]}`,
      );
  const channels = input.shape[ndim - 4];
  if (outSizes.some((o) => o < 1))
    throw new RuntimeError(
      `Given input size: (${[channels, ...sizes].join("x")}). Calculated output size: (${[channels, ...outSizes].join("x")}). Output size is too small`,
    );
  if (!input.dtype.is_floating_point)
    throw new RuntimeError(
      `"max_pool3d_with_indices_cpu" not implemented for '${input.dtype.scalarTypeName}'`,
    );
  const shape4 = ndim === 4 ? [1, ...input.shape] : [...input.shape];
  const [n, c] = shape4;
  const outShape = [...input.shape.slice(0, -3), ...outSizes];
  checkAllocation(
    input.dtype,
    n * c * kernel[0] * kernel[1] * kernel[2] * outSizes[0] * outSizes[1] * outSizes[2],
  );
  if (input.dtype === float32 || input.dtype === float64) {
    // The backend's max pooling kernel: PyTorch's first-max / NaN rule, as max_pool2d's.
    const geometry = windowGeometry(n, c, sizes, kernel, strides, pads, dils, outSizes);
    const [v, i] = backend().pool.maxPool(input.contiguous()._view(), geometry);
    const indices = Tensor._fromData(i, outShape, int64);
    const values = Tensor._fromData(v, outShape, input.dtype);
    const out = record("MaxPool3DWithIndicesBackward0", [input], values, () => ({
      inputShape: [...input.shape],
      shape4,
      indices,
      geometry,
    }));
    return [out, indices];
  }
  const plan = slidingPlan({
    sizes,
    kernel,
    stride: strides,
    padBefore: pads,
    dilation: dils,
    outShape: outSizes,
  });
  const [values, indices] = no_grad(() => windowMax(input, plan, n, c, outShape));
  const out = record("MaxPool3DWithIndicesBackward0", [input], values, () => ({
    inputShape: [...input.shape],
    shape4,
    indices,
    geometry: null,
  }));
  return [out, indices];
}

/** at::max_pool3d: the values only. */
export function max_pool3d(
  input: Tensor,
  kernel_size: readonly number[],
  stride: readonly number[] | null = null,
  padding: readonly number[] = [0],
  dilation: readonly number[] = [1],
  ceil_mode = false,
): Tensor {
  return max_pool3d_with_indices(input, kernel_size, stride, padding, dilation, ceil_mode)[0];
}

const NATIVE_PARAMS =
  "(Tensor input, IntArrayRef[3] kernel_size, IntArrayRef[3] stride=None, IntArrayRef[3] padding=0, IntArrayRef[3] dilation=1, bool ceil_mode=False";
defineOps("torch", { [`max_pool3d${NATIVE_PARAMS}) -> Tensor`]: max_pool3d });
/** torch._C._nn.max_pool3d_with_indices, the builtin F.max_pool3d_with_indices hands its arguments to. */
const NATIVE_WITH_INDICES = parseSignature(
  `max_pool3d_with_indices${NATIVE_PARAMS}, *, TensorList[2] out=None) -> (Tensor, Tensor)`,
  "native",
);
const NATIVE_VALUES = parseSignature(`max_pool3d${NATIVE_PARAMS}) -> Tensor`, "native");

/** F.max_pool3d's parameters, forwarded unchecked (`~`) to the builtins, whose parser raises the errors. */
const POOL_PARAMS =
  "(input: ~Tensor, kernel_size: ~int | int[], stride: ~int | int[] | None = None, padding: ~int | int[] = 0, dilation: ~int | int[] = 1, ceil_mode: ~bool = False, return_indices: object = False)";
const VALUES_ONLY = parseSignature(`_max_pool3d${POOL_PARAMS} -> Tensor`, "python");
const WITH_INDICES = parseSignature(`max_pool3d_with_indices${POOL_PARAMS} -> Tensor`, "python");

type PoolArgs = [Tensor, number[], number[] | null, number[], number[], boolean];

/** functional.py's max_pool3d_with_indices / _max_pool3d: None stride becomes [], then the builtin's parser. */
function forward(withIndices: boolean, bound: unknown[]): Tensor | [Tensor, Tensor] {
  const args = bound.slice(0, 6);
  if (args[2] === null) args[2] = [];
  const values = bindNative([withIndices ? NATIVE_WITH_INDICES : NATIVE_VALUES], args, null).values;
  const pooled = max_pool3d_with_indices(...(values.slice(0, 6) as PoolArgs));
  return withIndices ? pooled : pooled[0];
}

/** F.max_pool3d(*args, **kwargs): return_indices (keyword or 7th positional) picks the pair or the values. */
function maxPool3dDispatch(args: unknown[], kwargs: Record<string, unknown>): Tensor {
  const withIndices = truthy(
    "return_indices" in kwargs ? kwargs.return_indices : args.length > 6 ? args[6] : false,
  );
  const bound = bindPython(withIndices ? WITH_INDICES : VALUES_ONLY, args, kwargs);
  // Typed as PyTorch annotates F.max_pool3d (a Tensor); max_pool3d_with_indices is the typed way to the pair.
  return forward(withIndices, bound) as Tensor;
}

// Python functions of torch/nn/functional.py.
definePython(
  "torch.nn.functional",
  {
    "_max_pool3d(*args, **kwargs) -> Tensor": maxPool3dDispatch,
    [`max_pool3d_with_indices${POOL_PARAMS} -> (Tensor, Tensor)`]: (...args: unknown[]) =>
      forward(true, args) as [Tensor, Tensor],
  },
  { publicNames: { _max_pool3d: "max_pool3d" } },
);

/** avg_pool3d's int-triple parameters: one int or a list of one or three. */
function avgTriple(what: string, v: readonly number[]): number[] {
  if (v.length === 1) return [v[0], v[0], v[0]];
  if (v.length !== 3) {
    const forms = what === "stride" ? "must be omitted, a single int," : "must be a single int,";
    throw new RuntimeError(`avg_pool3d: ${what} ${forms} or a tuple of three ints`);
  }
  return [...v];
}

/** pooling_output_shape with all three of its checks (avg_pool3d has no dilation). */
function avgOutSize(size: number, k: number, pad: number, stride: number, ceil: boolean): number {
  if (stride === 0) throw new RuntimeError("stride should not be zero");
  if (pad < 0) throw new RuntimeError(`pad must be non-negative, but got pad: ${pad}`);
  if (pad > Math.trunc(k / 2))
    throw new RuntimeError(
      `pad should be at most half of kernel size, but got pad=${pad} and kernel_size=${k}`,
    );
  return poolOutSize(size, k, pad, stride, 1, ceil);
}

/** at::avg_pool3d(input, kernel_size, stride=[], padding=0, ceil_mode, count_include_pad, divisor_override). */
export function avg_pool3d(
  input: Tensor,
  kernel_size: readonly number[],
  stride: readonly number[] | null = null,
  padding: readonly number[] = [0],
  ceil_mode = false,
  count_include_pad = true,
  divisor_override: number | null = null,
): Tensor {
  const kernel = avgTriple("kernel_size", kernel_size);
  const strides = stride === null || stride.length === 0 ? kernel : avgTriple("stride", stride);
  const pads = avgTriple("padding", padding);
  const ndim = input.ndim;
  if (ndim !== 4 && ndim !== 5)
    throw new RuntimeError("non-empty 4D or 5D (batch mode) tensor expected for input");
  if (divisor_override === 0) throw new RuntimeError("divisor must be not zero");
  const sizes = input.shape.slice(-3);
  const outSizes = sizes.map((s, d) => avgOutSize(s, kernel[d], pads[d], strides[d], ceil_mode));
  // pool3d_shape_check.
  if (kernel.some((k) => k <= 0))
    throw new RuntimeError(
      `kernel size should be greater than zero, but got kT: ${kernel[0]} kH: ${kernel[1]} kW: ${kernel[2]}`,
    );
  if (strides.some((s) => s <= 0))
    throw new RuntimeError(
      `stride should be greater than zero, but got dT: ${strides[0]} dH: ${strides[1]} dW: ${strides[2]}`,
    );
  for (let i = ndim - 4; i < ndim; i++)
    if (input.shape[i] <= 0)
      throw new RuntimeError(
        `avg_pool3d(): Expected input's non-batch dimensions to have positive length, but input has a shape of [${input.shape.join(", ")}] and non-batch dimension 0 has length zero!`,
      );
  if (sizes.some((s, d) => s < kernel[d]))
    throw new RuntimeError(
      `input image (T: ${sizes[0]} H: ${sizes[1]} W: ${sizes[2]}) smaller than kernel size (kT: ${kernel[0]} kH: ${kernel[1]} kW: ${kernel[2]})`,
    );
  const channels = input.shape[ndim - 4];
  if (outSizes.some((o) => o < 1))
    throw new RuntimeError(
      `Given input size: (${[channels, ...sizes].join("x")}). Calculated output size: (${[channels, ...outSizes].join("x")}). Output size is too small`,
    );
  // avg_pool3d_out_frame's dispatch: floating types and int64.
  if (!input.dtype.is_floating_point && input.dtype !== int64)
    throw new RuntimeError(`"avg_pool3d_out_frame" not implemented for '${input.dtype.scalarTypeName}'`);
  const shape4 = ndim === 4 ? [1, ...input.shape] : [...input.shape];
  const [n, c] = shape4;
  const product = (xs: readonly number[]) => xs.reduce((a, b) => a * b, 1);
  checkAllocation(input.dtype, n * c * product(kernel) * product(outSizes));
  const plan = slidingPlan({
    sizes,
    kernel,
    stride: strides,
    padBefore: pads,
    dilation: [1, 1, 1],
    outShape: outSizes,
  });
  const perDim =
    divisor_override !== null
      ? outSizes.map((o, d) => Array<number>(o).fill(d === 0 ? divisor_override : 1))
      : sizes.map((size, d) =>
          windowSizes(size, kernel[d], strides[d], pads[d], outSizes[d], count_include_pad),
        );
  const divisor = divisorTensor(perDim, input.dtype);
  const outShape = [...input.shape.slice(0, -3), ...outSizes];
  const out = averageWindows(input, plan, divisor, outShape, [n, c]);
  return record("AvgPool3DBackward0", [input], out, () => ({
    inputShape: [...input.shape],
    shape4,
    plan,
    divisor,
  }));
}

/** at::adaptive_avg_pool3d(input, output_size): a mean when the output is one element per volume. */
export function adaptive_avg_pool3d(input: Tensor, output_size: readonly number[]): Tensor {
  if (output_size.length !== 3) throw new RuntimeError("adaptive_avg_pool3d: output_size must be 3");
  const [ot, oh, ow] = output_size;
  if (output_size.some((o) => o < 0))
    throw new RuntimeError(
      `adaptive_avg_pool2d: elements of output_size must be greater than or equal to 0 but received {${ot}, ${oh},${ow}}`,
    );
  if (ot === 1 && oh === 1 && ow === 1) return input.mean([-1, -2, -3], true);
  const ndim = input.ndim;
  for (let i = 1; i < ndim; i++)
    if (input.shape[i] <= 0)
      throw new RuntimeError(
        `adaptive_avg_pool3d(): Expected input to have non-zero size for non-batch dimensions, but input has sizes [${input.shape.join(", ")}] with dimension ${i} being empty`,
      );
  if (ndim !== 4 && ndim !== 5)
    throw new RuntimeError(
      `adaptive_avg_pool3d(): Expected 4D or 5D tensor, but got [${input.shape.join(", ")}]`,
    );
  if (!input.dtype.is_floating_point)
    throw new RuntimeError(`"adaptive_avg_pool3d_cpu" not implemented for '${input.dtype.scalarTypeName}'`);
  const shape4 = ndim === 4 ? [1, ...input.shape] : [...input.shape];
  const [n, c] = shape4;
  const sizes = input.shape.slice(-3);
  const outShape = [...input.shape.slice(0, -3), ...output_size];
  checkOutputSize(outShape, input.dtype, true);
  const plan = adaptivePlan(sizes, output_size);
  const perDim = sizes.map((size, d) =>
    Array.from(
      { length: output_size[d] },
      (_, o) => Math.ceil(((o + 1) * size) / output_size[d]) - Math.floor((o * size) / output_size[d]),
    ),
  );
  const divisor = divisorTensor(perDim, input.dtype);
  const out = averageWindows(input, plan, divisor, outShape, [n, c]);
  return record("AdaptiveAvgPool3DBackward0", [input], out, () => ({
    inputShape: [...input.shape],
    shape4,
    plan,
    divisor,
  }));
}

// Builtins: torch._C._nn.avg_pool3d (F.avg_pool3d).
defineOps("torch.nn.functional", {
  "avg_pool3d(Tensor input, IntArrayRef[3] kernel_size, IntArrayRef[3] stride=None, IntArrayRef[3] padding=0, bool ceil_mode=False, bool count_include_pad=True, int64_t? divisor_override=None, *, Tensor out=None) -> Tensor":
    avg_pool3d,
});

/** torch._C._nn.adaptive_avg_pool3d, the builtin F.adaptive_avg_pool3d hands its output size to. */
const NATIVE_ADAPTIVE_AVG = parseSignature(
  "adaptive_avg_pool3d(Tensor input, IntArrayRef[3] output_size, *, Tensor out=None) -> Tensor",
  "native",
);

definePython("torch.nn.functional", {
  "adaptive_avg_pool3d(input: Tensor, output_size: ~int | (int | None)[]) -> Tensor": (
    input: Tensor,
    outputSize: unknown,
  ) => {
    const bound = bindNative([NATIVE_ADAPTIVE_AVG], [input, listWithDefault(outputSize, input)], null);
    return adaptive_avg_pool3d(...(bound.values.slice(0, 2) as [Tensor, number[]]));
  },
});
