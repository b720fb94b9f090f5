// Copies and dtype conversions.
import { backend } from "../backend/backend.js";
import { bool, describe, float32, float64, int32, int64, toDType, type DType } from "../tensor/dtype.js";
import { Tensor } from "../tensor/tensor.js";
import { checkTensor, fromData, installMethods, record, type AsMethod } from "./core.js";
import { contiguous } from "./shape_ops.js";

export interface ToOptions {
  dtype?: DType | string;
  device?: "cpu";
  copy?: boolean;
}

/** Tensor.to(dtype) or .to({ dtype, copy }): returns the tensor itself when nothing changes, like PyTorch. */
export function to(input: Tensor, dtypeOrOpts: DType | string | ToOptions): Tensor {
  checkTensor(input, "to");
  let opts: ToOptions;
  if (typeof dtypeOrOpts === "string" && (dtypeOrOpts === "cpu" || dtypeOrOpts.startsWith("cpu"))) opts = {};
  else if (
    typeof dtypeOrOpts === "string" ||
    (dtypeOrOpts !== null && dtypeOrOpts instanceof Object && "is_floating_point" in dtypeOrOpts)
  ) {
    opts = { dtype: dtypeOrOpts as DType | string };
  } else if (dtypeOrOpts !== null && typeof dtypeOrOpts === "object") opts = dtypeOrOpts as ToOptions;
  else
    throw new TypeError(`to() received an invalid combination of arguments - got (${describe(dtypeOrOpts)})`);
  const dtype = opts.dtype === undefined ? input.dtype : toDType(opts.dtype);
  if (dtype === input.dtype && !opts.copy) return input;
  const out = fromData(backend().copy(input._view(), dtype), input.shape, dtype);
  if (!dtype.is_floating_point) return out;
  const selfDtype = input.dtype;
  return record("ToCopyBackward0", [input], out, () => ({ selfDtype }));
}

/** A copy with its own storage; gradients flow back unchanged. */
export function clone(input: Tensor): Tensor {
  checkTensor(input, "clone");
  return record("CloneBackward0", [input], fromData(input.values(), input.shape, input.dtype), () => ({}));
}

const float = (input: Tensor): Tensor => to(input, float32);
const double = (input: Tensor): Tensor => to(input, float64);
const long = (input: Tensor): Tensor => to(input, int64);
const int = (input: Tensor): Tensor => to(input, int32);
const toBool = (input: Tensor): Tensor => to(input, bool);
const type_as = (input: Tensor, other: Tensor): Tensor =>
  to(input, checkTensor(other, "type_as", "other").dtype);

declare module "../tensor/tensor.js" {
  interface Tensor {
    to: AsMethod<typeof to>;
    clone: AsMethod<typeof clone>;
    contiguous: AsMethod<typeof contiguous>;
    float(): Tensor;
    double(): Tensor;
    long(): Tensor;
    int(): Tensor;
    bool(): Tensor;
    type_as(other: Tensor): Tensor;
  }
}
installMethods({ to, clone, contiguous, float, double, long, int, bool: toBool, type_as });
