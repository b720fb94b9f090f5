// F.adaptive_max_pool2d / 3d (torch._C._nn.adaptive_max_pool{2,3}d): the maximum over each adaptive window
// [floor(o*size/out), ceil((o+1)*size/out)) and its flat position in the input plane (volume), recorded as
// PyTorch's one AdaptiveMaxPool2DBackward0 / AdaptiveMaxPool3DBackward0 node (their rows are in
// derivatives/nn_pool_adaptive_max.ts).
import { no_grad } from "../autograd/grad_mode.js";
import { RuntimeError, ValueError } from "../errors.js";
import { bindNative, bindPython } from "../signatures/bind.js";
import { definePython } from "../signatures/registry.js";
import { parseSignature } from "../signatures/schema.js";
import type { Tensor } from "../tensor/tensor.js";
import { record } from "./core.js";
import { adaptivePlan, checkOutputSize, windowMax } from "./nn_windows.js";

/** What AdaptiveMaxPool2DBackward0 keeps: the input's shapes and each output's maximum's flat position. */
export interface AdaptiveMaxPoolSaved {
  inputShape: number[];
  shape4: number[];
  indices: Tensor;
}

/** at::adaptive_max_pool{2,3}d(input, output_size) over the last `dims` dims: [values, indices]. */
function adaptiveMaxPoolNd(dims: 2 | 3, input: Tensor, output_size: readonly number[]): [Tensor, Tensor] {
  const fn = `adaptive_max_pool${dims}d`;
  const ndim = input.ndim;
  if (ndim !== dims + 1 && ndim !== dims + 2)
    throw new RuntimeError(
      `${fn}(): Expected ${dims + 1}D or ${dims + 2}D tensor, but got: [${input.shape.join(", ")}]`,
    );
  for (let i = 1; i < ndim; i++)
    if (input.shape[i] <= 0)
      throw new RuntimeError(
        `${fn}(): Expected input to have non-zero size for non-batch dimensions, but input has sizes [${input.shape.join(", ")}] with dimension ${i} being empty`,
      );
  if (output_size.length !== dims)
    throw new RuntimeError(`${fn}(): internal error: output_size.size() must be ${dims}`);
  const outShape = [...input.shape.slice(0, -dims), ...output_size];
  const negative = output_size.find((o) => o < 0);
  if (negative !== undefined)
    throw new RuntimeError(
      `Trying to create tensor with negative dimension ${negative}: [${outShape.join(", ")}]`,
    );
  if (!input.dtype.is_floating_point)
    throw new RuntimeError(
      `"${dims === 3 ? "adaptive_max_pool3d_cpu" : fn}" not implemented for '${input.dtype.scalarTypeName}'`,
    );
  const shape4 = ndim === dims + 1 ? [1, ...input.shape] : [...input.shape];
  const [n, c] = shape4;
  // The output, before its windows are planned (an output size of 1e12 would otherwise plan for minutes).
  checkOutputSize(outShape, input.dtype, false);
  const [values, indices] = no_grad(() => {
    if (output_size.some((o) => o === 0))
      return [input.new_empty(outShape), input.new_empty(outShape).long()] as const;
    // Windows shorter than the longest one read padding: it never wins.
    return windowMax(input, adaptivePlan(shape4.slice(2), output_size), n, c, outShape);
  });
  const out = record(`AdaptiveMaxPool${dims}DBackward0`, [input], values, () => ({
    inputShape: [...input.shape],
    shape4,
    indices,
  }));
  return [out, indices];
}

/** at::adaptive_max_pool2d(input, output_size): [values, indices]. */
export function adaptive_max_pool2d(input: Tensor, output_size: readonly number[]): [Tensor, Tensor] {
  return adaptiveMaxPoolNd(2, input, output_size);
}

/** at::adaptive_max_pool3d(input, output_size): [values, indices]. */
export function adaptive_max_pool3d(input: Tensor, output_size: readonly number[]): [Tensor, Tensor] {
  return adaptiveMaxPoolNd(3, input, output_size);
}

/** torch._C._nn.adaptive_max_pool{2,3}d, the builtins F.adaptive_max_pool{2,3}d hand their output size to. */
const NATIVE_ADAPTIVE_MAX_POOL = {
  2: parseSignature(
    "adaptive_max_pool2d(Tensor input, IntArrayRef[2] output_size, *, TensorList[2] out=None) -> (Tensor, Tensor)",
    "native",
  ),
  3: parseSignature(
    "adaptive_max_pool3d(Tensor input, IntArrayRef[3] output_size, *, TensorList[2] out=None) -> (Tensor, Tensor)",
    "native",
  ),
};

/** functional.py's _list_with_default: None entries take the input's trailing sizes. */
export function listWithDefault(sizeArg: unknown, input: Tensor): unknown {
  // A str is a sequence to Python: its characters go on to the parser, which refuses the list.
  const outputSize = typeof sizeArg === "string" ? [...sizeArg] : sizeArg;
  if (typeof outputSize === "number" || !Array.isArray(outputSize)) return outputSize;
  if (input.ndim <= outputSize.length)
    throw new ValueError(`Input dimension should be at least ${outputSize.length + 1}`);
  const defaults = input.shape.slice(-outputSize.length);
  return outputSize.map((v: unknown, i) => (v === null ? defaults[i] : v));
}

const ADAPTIVE_PARAMS = "(input: Tensor, output_size: ~int | (int | None)[], return_indices: object = False)";
const SIGS = {
  2: {
    withIndices: parseSignature(`adaptive_max_pool2d_with_indices${ADAPTIVE_PARAMS} -> Tensor`, "python"),
    valuesOnly: parseSignature(`_adaptive_max_pool2d${ADAPTIVE_PARAMS} -> Tensor`, "python"),
  },
  3: {
    withIndices: parseSignature(`adaptive_max_pool3d_with_indices${ADAPTIVE_PARAMS} -> Tensor`, "python"),
    valuesOnly: parseSignature(`_adaptive_max_pool3d${ADAPTIVE_PARAMS} -> Tensor`, "python"),
  },
};

/** Whether Python would take a boolean_dispatch flag as true. */
export const truthy = (flag: unknown): boolean =>
  flag !== false && flag !== null && flag !== undefined && flag !== 0 && flag !== "";

function adaptiveMaxPoolWithIndices(dims: 2 | 3, input: Tensor, outputSize: unknown): [Tensor, Tensor] {
  const sig = NATIVE_ADAPTIVE_MAX_POOL[dims];
  const bound = bindNative([sig], [input, listWithDefault(outputSize, input)], null);
  return adaptiveMaxPoolNd(dims, ...(bound.values.slice(0, 2) as [Tensor, number[]]));
}

/** F.adaptive_max_pool{2,3}d(*args, **kwargs): return_indices (keyword or third positional) picks the pair. */
function adaptiveMaxPoolDispatch(dims: 2 | 3, args: unknown[], kwargs: Record<string, unknown>): Tensor {
  const flag = "return_indices" in kwargs ? kwargs.return_indices : args.length > 2 ? args[2] : false;
  const withIndices = truthy(flag);
  const bound = bindPython(withIndices ? SIGS[dims].withIndices : SIGS[dims].valuesOnly, args, kwargs);
  const result = adaptiveMaxPoolWithIndices(dims, bound[0] as Tensor, bound[1]);
  // Typed as PyTorch annotates F.adaptive_max_pool2d (a Tensor); the _with_indices function is the typed pair.
  return (withIndices ? result : result[0]) as Tensor;
}

// Python functions of torch/nn/functional.py.
definePython(
  "torch.nn.functional",
  {
    "_adaptive_max_pool2d(*args, **kwargs) -> Tensor": (args: unknown[], kwargs: Record<string, unknown>) =>
      adaptiveMaxPoolDispatch(2, args, kwargs),
    [`adaptive_max_pool2d_with_indices${ADAPTIVE_PARAMS} -> (Tensor, Tensor)`]: (
      input: Tensor,
      output_size: unknown,
    ) => adaptiveMaxPoolWithIndices(2, input, output_size),
    "_adaptive_max_pool3d(*args, **kwargs) -> Tensor": (args: unknown[], kwargs: Record<string, unknown>) =>
      adaptiveMaxPoolDispatch(3, args, kwargs),
    [`adaptive_max_pool3d_with_indices${ADAPTIVE_PARAMS} -> (Tensor, Tensor)`]: (
      input: Tensor,
      output_size: unknown,
    ) => adaptiveMaxPoolWithIndices(3, input, output_size),
  },
  {
    publicNames: { _adaptive_max_pool2d: "adaptive_max_pool2d", _adaptive_max_pool3d: "adaptive_max_pool3d" },
  },
);
