// F.adaptive_max_pool2d (torch._C._nn.adaptive_max_pool2d): the maximum over each adaptive window
// [floor(o*size/out), ceil((o+1)*size/out)) and its flat position in the input plane, recorded as PyTorch's one
// AdaptiveMaxPool2DBackward0 node (its row is in derivatives/nn_pool_adaptive_max.ts).
import { no_grad } from "../autograd/grad_mode.js";
import { RuntimeError, ValueError } from "../errors.js";
import { bindNative, bindPython } from "../signatures/bind.js";
import { definePython } from "../signatures/registry.js";
import { parseSignature } from "../signatures/schema.js";
import { checkAllocation } from "../tensor/dtype.js";
import type { Tensor } from "../tensor/tensor.js";
import { record } from "./core.js";
import { adaptivePlan, windowMax } from "./nn_windows.js";

/** What AdaptiveMaxPool2DBackward0 keeps: the input's shapes and each output's maximum's flat position. */
export interface AdaptiveMaxPoolSaved {
  inputShape: number[];
  shape4: number[];
  indices: Tensor;
}

/** at::adaptive_max_pool2d(input, output_size): [values, indices]. */
export function adaptive_max_pool2d(input: Tensor, output_size: readonly number[]): [Tensor, Tensor] {
  const ndim = input.ndim;
  if (ndim !== 3 && ndim !== 4)
    throw new RuntimeError(
      `adaptive_max_pool2d(): Expected 3D or 4D tensor, but got: [${input.shape.join(", ")}]`,
    );
  for (let i = 1; i < ndim; i++)
    if (input.shape[i] <= 0)
      throw new RuntimeError(
        `adaptive_max_pool2d(): Expected input to have non-zero size for non-batch dimensions, but input has sizes [${input.shape.join(", ")}] with dimension ${i} being empty`,
      );
  if (output_size.length !== 2)
    throw new RuntimeError("adaptive_max_pool2d(): internal error: output_size.size() must be 2");
  const outShape = [...input.shape.slice(0, -2), ...output_size];
  const negative = output_size.find((o) => o < 0);
  if (negative !== undefined)
    throw new RuntimeError(
      `Trying to create tensor with negative dimension ${negative}: [${outShape.join(", ")}]`,
    );
  if (!input.dtype.is_floating_point)
    throw new RuntimeError(`"adaptive_max_pool2d" not implemented for '${input.dtype.scalarTypeName}'`);
  const shape4 = ndim === 3 ? [1, ...input.shape] : [...input.shape];
  const [n, c] = shape4;
  // The output, before its windows are planned (an output size of 1e12 would otherwise plan for minutes).
  checkAllocation(
    input.dtype,
    outShape.reduce((a, b) => a * b, 1),
  );
  const [values, indices] = no_grad(() => {
    if (output_size.some((o) => o === 0))
      return [input.new_empty(outShape), input.new_empty(outShape).long()] as const;
    // Windows shorter than the longest one read padding: it never wins.
    return windowMax(input, adaptivePlan(shape4.slice(2), output_size), n, c, outShape);
  });
  const out = record("AdaptiveMaxPool2DBackward0", [input], values, () => ({
    inputShape: [...input.shape],
    shape4,
    indices,
  }));
  return [out, indices];
}

/** torch._C._nn.adaptive_max_pool2d, the builtin F.adaptive_max_pool2d hands its output size to. */
const NATIVE_ADAPTIVE_MAX_POOL2D = parseSignature(
  "adaptive_max_pool2d(Tensor input, IntArrayRef[2] output_size, *, TensorList[2] out=None) -> (Tensor, Tensor)",
  "native",
);

/** functional.py's _list_with_default: None entries take the input's trailing sizes. */
function listWithDefault(sizeArg: unknown, input: Tensor): unknown {
  // A str is a sequence to Python: its characters go on to the parser, which refuses the list.
  const outputSize = typeof sizeArg === "string" ? [...sizeArg] : sizeArg;
  if (typeof outputSize === "number" || !Array.isArray(outputSize)) return outputSize;
  if (input.ndim <= outputSize.length)
    throw new ValueError(`Input dimension should be at least ${outputSize.length + 1}`);
  const defaults = input.shape.slice(-outputSize.length);
  return outputSize.map((v: unknown, i) => (v === null ? defaults[i] : v));
}

const ADAPTIVE_PARAMS = "(input: Tensor, output_size: ~int | (int | None)[], return_indices: object = False)";
const WITH_INDICES = parseSignature(`adaptive_max_pool2d_with_indices${ADAPTIVE_PARAMS} -> Tensor`, "python");
const VALUES_ONLY = parseSignature(`_adaptive_max_pool2d${ADAPTIVE_PARAMS} -> Tensor`, "python");

/** Whether Python would take a boolean_dispatch flag as true. */
export const truthy = (flag: unknown): boolean =>
  flag !== false && flag !== null && flag !== undefined && flag !== 0 && flag !== "";

function adaptiveMaxPool2dWithIndices(...args: unknown[]): [Tensor, Tensor] {
  const [input, outputSize] = args as [Tensor, unknown];
  const bound = bindNative([NATIVE_ADAPTIVE_MAX_POOL2D], [input, listWithDefault(outputSize, input)], null);
  return adaptive_max_pool2d(...(bound.values.slice(0, 2) as [Tensor, number[]]));
}

/** F.adaptive_max_pool2d(*args, **kwargs): return_indices (keyword or third positional) picks the pair. */
function adaptiveMaxPool2dDispatch(args: unknown[], kwargs: Record<string, unknown>): Tensor {
  const flag = "return_indices" in kwargs ? kwargs.return_indices : args.length > 2 ? args[2] : false;
  const withIndices = truthy(flag);
  const bound = bindPython(withIndices ? WITH_INDICES : VALUES_ONLY, args, kwargs);
  const result = adaptiveMaxPool2dWithIndices(bound[0], bound[1]);
  // Typed as PyTorch annotates F.adaptive_max_pool2d (a Tensor); the _with_indices function is the typed pair.
  return (withIndices ? result : result[0]) as Tensor;
}

// Python functions of torch/nn/functional.py.
definePython(
  "torch.nn.functional",
  {
    "_adaptive_max_pool2d(*args, **kwargs) -> Tensor": adaptiveMaxPool2dDispatch,
    [`adaptive_max_pool2d_with_indices${ADAPTIVE_PARAMS} -> (Tensor, Tensor)`]: (
      input: Tensor,
      output_size: unknown,
    ) => adaptiveMaxPool2dWithIndices(input, output_size),
  },
  { publicNames: { _adaptive_max_pool2d: "adaptive_max_pool2d" } },
);
