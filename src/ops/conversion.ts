// Copies and conversions: Tensor.to (dtype, device, another tensor's dtype), clone, contiguous, the dtype
// shorthands (float, double, long, int, bool), type_as and type.
import { backend } from "../backend/backend.js";
import { RuntimeError, ValueError } from "../errors.js";
import { defineMethods, defineOps } from "../signatures/registry.js";
import {
  bool,
  DType,
  DTYPES,
  float32,
  float64,
  int32,
  int64,
  inferScalarDtype,
  type DTypeName,
} from "../tensor/dtype.js";
import { channels_last, toCpuDevice, type Device, type MemoryFormat } from "../tensor/device.js";
import { Tensor } from "../tensor/tensor.js";
import { fromData, record, type Scalar } from "./core.js";
import { contiguous } from "./shape.js";
import { complexToDtype } from "./complex.js";

/** PyTorch's check for a memory format the tensor's rank cannot have. */
export function checkMemoryFormat(input: Tensor, memoryFormat: MemoryFormat | null): void {
  if (memoryFormat === channels_last && input.ndim !== 4)
    throw new RuntimeError("required rank 4 tensor to use channels_last format");
}

/** A copy converted to `dtype`, or the tensor itself when nothing changes and no copy is asked for. */
export function toDtype(input: Tensor, dtype: DType, copy = false): Tensor {
  if (dtype === input.dtype && !copy) return input;
  if (dtype.is_complex || input.dtype.is_complex) return complexToDtype(input, dtype, copy);
  const out = fromData(backend().copy(input._view(), dtype), input.shape, dtype);
  if (!dtype.is_floating_point) return out;
  const selfDtype = input.dtype;
  return record("ToCopyBackward0", [input], out, () => ({ selfDtype }));
}

function toWithFormat(input: Tensor, dtype: DType, copy: boolean, memoryFormat: MemoryFormat | null): Tensor {
  checkMemoryFormat(input, memoryFormat);
  // A contiguous_format request on a strided tensor copies it (backend copies come out contiguous).
  const mustCopy =
    copy || (memoryFormat !== null && memoryFormat.name === "contiguous_format" && !input.is_contiguous());
  return toDtype(input, dtype, mustCopy);
}

/** Tensor.to(device=None, dtype=None, ...): tensorgrad has the CPU only, where every tensor already is. */
function toDevice(
  input: Tensor,
  device: Device | null,
  dtype: DType | null,
  _nonBlocking: boolean,
  copy: boolean,
  memoryFormat: MemoryFormat | null,
): Tensor {
  if (device !== null) toCpuDevice(device);
  return toWithFormat(input, dtype ?? input.dtype, copy, memoryFormat);
}

/** Tensor.to(other): other's dtype (a number stands for a wrapped scalar tensor: int64, float64 or bool). */
function toOther(
  input: Tensor,
  other: Tensor | Scalar,
  _nonBlocking: boolean,
  copy: boolean,
  memoryFormat: MemoryFormat | null,
): Tensor {
  const dtype = other instanceof Tensor ? other.dtype : wrappedScalarDtype(other);
  return toWithFormat(input, dtype, copy, memoryFormat);
}

function wrappedScalarDtype(v: Scalar): DType {
  if (typeof v === "number") return Number.isInteger(v) ? int64 : float64;
  return inferScalarDtype(v);
}

/** A copy with its own storage; gradients flow back unchanged. */
export function clone(input: Tensor, memoryFormat: MemoryFormat | null = null): Tensor {
  checkMemoryFormat(input, memoryFormat);
  return record("CloneBackward0", [input], fromData(input.values(), input.shape, input.dtype), () => ({}));
}

/** The Python type name of a dtype's CPU tensor type ("torch.FloatTensor"), as Tensor.type() gives it. */
export const TENSOR_TYPE_NAMES: Record<DTypeName, string> = {
  float32: "torch.FloatTensor",
  float64: "torch.DoubleTensor",
  int64: "torch.LongTensor",
  int32: "torch.IntTensor",
  bool: "torch.BoolTensor",
  complex64: "torch.ComplexFloatTensor",
  complex128: "torch.ComplexDoubleTensor",
};

/** Tensor.type(): the type name; Tensor.type(dtype or "torch.DoubleTensor"): a converted tensor. */
function type(
  input: Tensor,
  dtype: unknown,
  _nonBlocking: boolean,
  memoryFormat: MemoryFormat | null,
): Tensor | string {
  if (dtype === null) return TENSOR_TYPE_NAMES[input.dtype.name];
  let target: DType;
  if (dtype instanceof DType) target = dtype;
  else if (typeof dtype === "string") {
    const name = (Object.keys(TENSOR_TYPE_NAMES) as DTypeName[]).find((n) => TENSOR_TYPE_NAMES[n] === dtype);
    if (name === undefined) throw new ValueError(`invalid type: '${dtype}'`);
    target = DTYPES[name];
  } else throw new TypeError("dtype must be a type, str, or dtype object");
  checkMemoryFormat(input, memoryFormat);
  return toDtype(input, target);
}

/** The dtype shorthands: x.float() is x.to(torch.float32), ... */
const shorthand =
  (dtype: DType) =>
  (input: Tensor, memoryFormat: MemoryFormat | null): Tensor =>
    toWithFormat(input, dtype, false, memoryFormat);

/** Tensor.contiguous(memory_format=torch.contiguous_format). */
function contiguousFormat(input: Tensor, memoryFormat: MemoryFormat): Tensor {
  checkMemoryFormat(input, memoryFormat);
  return contiguous(input);
}

defineOps(
  "torch",
  {
    "clone(Tensor input, *, MemoryFormat? memory_format=None) -> Tensor": clone,
  },
  { methods: true },
);

// Bound by hand in PyTorch (python_variable_methods.cpp).
defineMethods({
  "to(Device device=None, ScalarType dtype=None, bool non_blocking=False, bool copy=False, *, MemoryFormat? memory_format=None) -> Tensor":
    toDevice,
  "to(ScalarType dtype, bool non_blocking=False, bool copy=False, *, MemoryFormat? memory_format=None) -> Tensor":
    (input, dtype, _nonBlocking, copy, memoryFormat) => toWithFormat(input, dtype, copy, memoryFormat),
  "to(Tensor tensor, bool non_blocking=False, bool copy=False, *, MemoryFormat? memory_format=None) -> Tensor":
    toOther,
  "type(PyObject* dtype=None, bool non_blocking=False, *, MemoryFormat? memory_format=None) -> Tensor | string":
    type,
  "type(PyObject* dtype=None, bool async=False, *, MemoryFormat? memory_format=None)|deprecated -> Tensor | string":
    type,
  "float(*, MemoryFormat? memory_format=None) -> Tensor": shorthand(float32),
  "double(*, MemoryFormat? memory_format=None) -> Tensor": shorthand(float64),
  "long(*, MemoryFormat? memory_format=None) -> Tensor": shorthand(int64),
  "int(*, MemoryFormat? memory_format=None) -> Tensor": shorthand(int32),
  "bool(*, MemoryFormat? memory_format=None) -> Tensor": shorthand(bool),
  "type_as(Tensor other) -> Tensor": (input, other) => toDtype(input, other.dtype),
  "contiguous(*, MemoryFormat memory_format=MemoryFormat::Contiguous) -> Tensor": contiguousFormat,
});
