// nn.Parameter: a leaf tensor that modules register as a learnable weight.
import { RuntimeError } from "../errors.js";
import { PySignature, type CallArgs } from "../signatures/registry.js";
import { parameterRepr } from "../tensor/format.js";
import { Tensor } from "../tensor/tensor.js";
import { factoryEmpty } from "./modules/common.js";

const PARAMETER = new PySignature(
  "torch.nn",
  "Parameter.__new__(data: Tensor | None = None, requires_grad: bool = True)",
);

export class Parameter extends Tensor {
  /** Wraps `data` (sharing its storage) as a leaf that requires grad unless told otherwise; no data: an empty tensor. */
  constructor(...args: CallArgs<"Parameter.__new__">) {
    const [given, requiresGrad] = PARAMETER.bind(args);
    const data = given ?? factoryEmpty([0], null, null);
    if (requiresGrad && !data.dtype.is_floating_point)
      throw new RuntimeError("Only Tensors of floating point and complex dtype can require gradients");
    super(data._storage, data.shape, data._strides.slice(), data._offset, data.dtype);
    this._requiresGrad = requiresGrad;
  }

  override toString(): string {
    return parameterRepr(this, this._requiresGrad);
  }

  /** `${p}` is the repr ("Parameter containing:\n..."): Python formats a Parameter, even a 0-dim one, by str(). */
  override [Symbol.toPrimitive](hint: string): string | number {
    return hint === "number" ? this._item() : this.toString();
  }
}
