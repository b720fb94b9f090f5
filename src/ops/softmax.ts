// torch.softmax / torch.log_softmax: argument handling and autograd here; the kernel (PyTorch's CPU arithmetic,
// digit for digit) is the backend's softmax, or src/backend/js/softmax.ts for a backend without one.
import { RuntimeError } from "../errors.js";
import { backend } from "../backend/backend.js";
import { softmax as jsSoftmax } from "../backend/js/softmax.js";
import { Category, toDType, type DType } from "../tensor/dtype.js";
import { normalizeDim } from "../tensor/shape.js";
import type { Tensor } from "../tensor/tensor.js";
import { checkTensor, fromData, installMethods, record, type AsMethod } from "./core.js";
import { isOptions } from "./reduce_util.js";

interface SoftmaxOptions {
  dim?: number | null;
  dtype?: DType | string | null;
}

function softmaxLike(
  fn: "softmax" | "log_softmax",
  input: Tensor,
  dimOrOpts: number | null | SoftmaxOptions | undefined,
  dtypeArg?: DType | string | null,
): Tensor {
  checkTensor(input, fn);
  const opts: SoftmaxOptions = isOptions(dimOrOpts) ? dimOrOpts : { dim: dimOrOpts, dtype: dtypeArg };
  if (opts.dim === undefined) {
    throw new TypeError(`${fn}() missing required argument 'dim' (pos 1)`);
  }
  if (opts.dim === null) {
    throw new RuntimeError("Please look up dimensions by name, got: name = None.");
  }
  const dim = normalizeDim(opts.dim, input.ndim);
  const x = opts.dtype !== undefined && opts.dtype !== null ? input.to(toDType(opts.dtype)) : input;
  if (x.dtype.category !== Category.Floating) {
    // PyTorch 1.13 names log_softmax's other-dim kernel "softmax_kernel_impl" in this message too.
    const kernel =
      input.ndim > 0 && dim === input.ndim - 1 ? `${fn}_lastdim_kernel_impl` : "softmax_kernel_impl";
    throw new RuntimeError(`"${kernel}" not implemented for '${x.dtype.scalarTypeName}'`);
  }
  const kernel = backend().softmax ?? jsSoftmax;
  const out = fromData(kernel(x._view(), dim, fn === "log_softmax"), x.shape, x.dtype);
  if (fn === "softmax") return record("SoftmaxBackward0", [x], out, () => ({ result: out, dim }));
  return record("LogSoftmaxBackward0", [x], out, () => ({ result: out, dim }));
}

/** torch.softmax(input, dim, dtype?) = exp(x - max) / sum(exp(x - max)) along dim. */
export function softmax(
  input: Tensor,
  dim: number | null | SoftmaxOptions,
  dtype?: DType | string | null,
): Tensor {
  return softmaxLike("softmax", input, dim, dtype);
}

/** torch.log_softmax(input, dim, dtype?) = x - max - log(sum(exp(x - max))) along dim. */
export function log_softmax(
  input: Tensor,
  dim: number | null | SoftmaxOptions,
  dtype?: DType | string | null,
): Tensor {
  return softmaxLike("log_softmax", input, dim, dtype);
}

declare module "../tensor/tensor.js" {
  interface Tensor {
    softmax: AsMethod<typeof softmax>;
    log_softmax: AsMethod<typeof log_softmax>;
  }
}
installMethods({ softmax, log_softmax });
