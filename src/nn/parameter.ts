// nn.Parameter: a leaf tensor that modules register as a learnable weight.
import { RuntimeError, ValueError } from "../errors.js";
import { PySignature, type CallArgs } from "../signatures/registry.js";
import { parameterRepr } from "../tensor/format.js";
import { toCpuDevice } from "../tensor/device.js";
import type { DType } from "../tensor/dtype.js";
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

/** PyTorch's UninitializedTensorMixin: what a lazy module's parameters and buffers share until materialised. */
type Uninitialized = Tensor & {
  materialize(shape: readonly number[], device?: unknown, dtype?: DType | null): void;
};

/** Tensor methods an uninitialized tensor refuses, as PyTorch's __torch_function__ does for every torch function. */
const REFUSED = [
  "detach",
  "numel",
  "dim",
  "tolist",
  "item",
  "sum",
  "mean",
  "add",
  "sub",
  "mul",
  "div",
  "matmul",
  "mm",
  "t",
  "view",
  "reshape",
  "clone",
  "fill_",
  "zero_",
  "normal_",
  "uniform_",
  "abs",
  "exp",
  "pow",
  "neg",
  "flatten",
  "unsqueeze",
  "squeeze",
  "transpose",
  "permute",
  "contiguous",
  "expand",
  "norm",
  "max",
  "min",
];

function refuseOps(proto: object, clsName: string): void {
  for (const name of REFUSED)
    Object.defineProperty(proto, name, {
      value: () => {
        throw new ValueError(
          `Attempted to use an uninitialized parameter in <method '${name}' of 'torch._C._TensorBase' objects>. This error happens when you are using a \`LazyModule\` or explicitly manipulating \`torch.nn.parameter.${clsName}\` objects. When using LazyModules Call \`forward\` with a dummy batch to initialize the parameters before calling torch functions`,
        );
      },
      writable: true,
      configurable: true,
    });
}

/** UninitializedTensorMixin.materialize: new storage of `shape`, and the tensor becomes its cls_to_become. */
function materialize(
  t: Tensor,
  become: object,
  shape: readonly number[],
  device: unknown,
  dtype: DType | null,
): void {
  if (device !== null && device !== undefined) toCpuDevice(device as string);
  t.data = factoryEmpty([...shape], null, dtype ?? t.dtype);
  Object.setPrototypeOf(t, become);
}

const UNINITIALIZED_PARAMETER = new PySignature(
  "torch.nn",
  "UninitializedParameter.__new__(requires_grad: bool = True, device: device | None = None, dtype: dtype | None = None)",
);
const UNINITIALIZED_BUFFER = new PySignature(
  "torch.nn",
  "UninitializedBuffer.__new__(requires_grad: bool = False, device: device | None = None, dtype: dtype | None = None)",
);

/** A parameter whose shape is not known yet (a lazy module's, until its first forward); becomes a Parameter. */
export class UninitializedParameter extends Parameter {
  constructor(...args: CallArgs<"UninitializedParameter.__new__">) {
    const [requiresGrad, device, dtype] = UNINITIALIZED_PARAMETER.bind(args);
    super(factoryEmpty([0], device, dtype), requiresGrad);
  }

  /** Gives the parameter storage of `shape` (uninitialised, as torch.empty) and makes it a Parameter. */
  materialize(shape: readonly number[], device: unknown = null, dtype: DType | null = null): void {
    materialize(this, Parameter.prototype, shape, device, dtype);
  }

  override toString(): string {
    return "<UninitializedParameter>";
  }
}

/** A buffer whose shape is not known yet (a lazy module's running stats); becomes a plain Tensor. */
export class UninitializedBuffer extends Tensor {
  constructor(...args: CallArgs<"UninitializedBuffer.__new__">) {
    const [requiresGrad, device, dtype] = UNINITIALIZED_BUFFER.bind(args);
    const data = factoryEmpty([0], device, dtype);
    if (requiresGrad && !data.dtype.is_floating_point)
      throw new RuntimeError("Only Tensors of floating point and complex dtype can require gradients");
    super(data._storage, data.shape, data._strides.slice(), data._offset, data.dtype);
    this._requiresGrad = requiresGrad;
  }

  materialize(shape: readonly number[], device: unknown = null, dtype: DType | null = null): void {
    materialize(this, Tensor.prototype, shape, device, dtype);
  }

  override toString(): string {
    return "<UninitializedBuffer>";
  }

  /** `${b}` is the repr too, as for the Parameter this mirrors. */
  override [Symbol.toPrimitive](hint: string): string | number {
    return hint === "number" ? this._item() : this.toString();
  }
}

refuseOps(UninitializedParameter.prototype, "UninitializedParameter");
refuseOps(UninitializedBuffer.prototype, "UninitializedBuffer");

/** torch.nn.parameter.is_lazy: whether a parameter or buffer is still uninitialized. */
export function is_lazy(param: unknown): param is Uninitialized {
  return param instanceof UninitializedParameter || param instanceof UninitializedBuffer;
}
