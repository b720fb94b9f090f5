// Helpers nn.Module's methods share with PyTorch's Python side: torch.typename, and the parser of
// Module.to's arguments (torch._C._nn._parse_to).
import { bindNative, type Kwargs } from "../signatures/bind.js";
import { parseSignature, type Signature } from "../signatures/schema.js";
import { Device, toCpuDevice } from "../tensor/device.js";
import type { DType } from "../tensor/dtype.js";
import { Tensor } from "../tensor/tensor.js";
import { pyTypeName } from "../signatures/messages.js";

const TENSOR_TYPES: Record<string, string> = {
  float32: "torch.FloatTensor",
  float64: "torch.DoubleTensor",
  int64: "torch.LongTensor",
  int32: "torch.IntTensor",
  bool: "torch.BoolTensor",
};

/** torch.typename(v): "torch.FloatTensor" for a tensor, the type's name for anything else. */
export function typename(v: unknown): string {
  if (v instanceof Tensor) return TENSOR_TYPES[v.dtype.name] ?? "torch.Tensor";
  return pyTypeName(v);
}

/** The signatures torch._C._nn._parse_to binds Module.to's arguments with, in its order. */
const TO_SIGNATURES = [
  "to(Device device=None, ScalarType dtype=None, bool non_blocking=False, bool copy=False, *, MemoryFormat? memory_format=None)",
  "to(ScalarType dtype, bool non_blocking=False, bool copy=False, *, MemoryFormat? memory_format=None)",
  "to(Tensor tensor, bool non_blocking=False, bool copy=False, *, MemoryFormat? memory_format=None)",
].map((text) => parseSignature(text, "native"));

/** The dtype Module.to converts to (null: none), after checking that the device, if any, is the CPU. */
export function parseTo(args: readonly unknown[], kwargs: Record<string, unknown>): DType | null {
  const hasKwargs = Object.keys(kwargs).some((k) => kwargs[k] !== undefined);
  const { index, values } = bindNative(TO_SIGNATURES, args, (hasKwargs ? kwargs : null) as Kwargs);
  if (index === 0) {
    const [device, dtype] = values as [Device | null, DType | null];
    if (device !== null) toCpuDevice(device);
    return dtype;
  }
  if (index === 1) return values[0] as DType;
  return (values[0] as Tensor).dtype;
}

const EXTRA_REPR_SIGNATURES = new Map<string, Signature>();

/** "_NormBase.extra_repr()": the signature of the extra_repr a module's class inherits, named after its owner. */
export function extraReprSignature(module: object): Signature {
  let proto = Object.getPrototypeOf(module) as { constructor: { name: string } };
  while (!Object.prototype.hasOwnProperty.call(proto, "extra_repr")) proto = Object.getPrototypeOf(proto);
  const owner = proto.constructor.name;
  let sig = EXTRA_REPR_SIGNATURES.get(owner);
  if (sig === undefined) {
    sig = parseSignature(`${owner}.extra_repr()`, "python");
    EXTRA_REPR_SIGNATURES.set(owner, sig);
  }
  return sig;
}
