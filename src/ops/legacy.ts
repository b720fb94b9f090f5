// PyTorch's legacy tensor types as constructors: torch.FloatTensor, DoubleTensor, LongTensor, IntTensor and
// BoolTensor, called with sizes (`torch.FloatTensor(2, 3)`), with data (`torch.LongTensor([1, 2])`), with a
// tensor of their type, or with nothing; and `x instanceof torch.FloatTensor`, which is true exactly for
// tensors of that dtype, as Python's isinstance(x, torch.FloatTensor) is (requires_grad or not). They parse
// their arguments as torch/csrc/utils/tensor_new.cpp's legacy_tensor_ctor does.
import { RuntimeError } from "../errors.js";
import { bindNative } from "../signatures/bind.js";
import { splitCall } from "../signatures/registry.js";
import { parseSignature } from "../signatures/schema.js";
import { filled, tensorFromData } from "../tensor/creation.js";
import { Device } from "../tensor/device.js";
import { bool, float32, float64, int32, int64, type DType, type DTypeName } from "../tensor/dtype.js";
import { TorchSize } from "../tensor/size.js";
import { Tensor } from "../tensor/tensor.js";

// legacy_tensor_ctor's signatures, without the Storage and cdata ones (tensorgrad has no Storage objects).
const SIGNATURES = [
  parseSignature("new(*, Device? device=None) -> Tensor", "native"),
  parseSignature("new(Tensor other) -> Tensor", "native"),
  parseSignature("new(IntArrayRef size, *, Device? device=None) -> Tensor", "native"),
  parseSignature("new(PyObject* data, *, Device? device=None) -> Tensor", "native"),
];

/** The C++ names TensorOptions prints for a dtype. */
const CPP_NAMES: Record<DTypeName, string> = {
  float32: "float",
  float64: "double",
  int64: "long int",
  int32: "int",
  bool: "bool",
  complex64: "c10::complex<float>",
  complex128: "c10::complex<double>",
};

const optionsText = (dtype: DType): string =>
  `TensorOptions(dtype=${CPP_NAMES[dtype.name]}, device=cpu, layout=Strided, requires_grad=false (default), ` +
  "pinned_memory=false (default), memory_format=(nullopt))";

function checkLegacyDevice(device: unknown): void {
  if (device === null || device === undefined) return;
  const d = typeof device === "number" ? new Device("cuda", device) : new Device(device as Device | string);
  if (d.type !== "cpu")
    throw new RuntimeError(
      `legacy constructor expects device type: cpu but device type: ${d.type} was passed`,
    );
}

function pythonScalarName(v: unknown): string {
  if (typeof v === "boolean") return "bool";
  if (typeof v === "bigint" || (typeof v === "number" && Number.isInteger(v))) return "int";
  return "float";
}

function construct(dtype: DType, args: unknown[]): Tensor {
  const [positional, kwargs] = splitCall(args);
  const { index, values } = bindNative(SIGNATURES, positional, kwargs);
  if (index === 0) {
    checkLegacyDevice(values[0]);
    return filled([0], dtype, 0);
  }
  if (index === 1) {
    const other = values[0] as Tensor;
    if (other.dtype !== dtype)
      throw new TypeError(`expected ${optionsText(dtype)} (got ${optionsText(other.dtype)})`);
    return other;
  }
  checkLegacyDevice(values[1]);
  const first = positional[0];
  // A sequence given as the one argument is data, unless it is a torch.Size (tensor_new.cpp's new(sequence)).
  const isData = index === 3 || (Array.isArray(first) && !(first instanceof TorchSize));
  if (!isData) return filled(values[0] as number[], dtype, 0);
  const data = index === 3 ? values[0] : first;
  if (typeof data === "number" || typeof data === "bigint" || typeof data === "boolean")
    throw new TypeError(`new(): data must be a sequence (got ${pythonScalarName(data)})`);
  return tensorFromData(data, dtype);
}

interface LegacyConstructor {
  (...args: unknown[]): Tensor;
  new (...args: unknown[]): Tensor;
  /** The dtype of the tensors this type stands for (torch.FloatTensor.dtype is torch.float32). */
  readonly dtype: DType;
}

function legacyType(name: string, dtype: DType): LegacyConstructor {
  // A plain function (not a class) so that it may be called with or without `new`, as Python calls types.
  const ctor = function (...args: unknown[]): Tensor {
    return construct(dtype, args);
  };
  Object.defineProperty(ctor, "name", { value: name });
  Object.defineProperty(ctor, "dtype", { value: dtype });
  Object.defineProperty(ctor, Symbol.hasInstance, {
    value: (v: unknown) => v instanceof Tensor && v.dtype === dtype,
  });
  return ctor as unknown as LegacyConstructor;
}

export const FloatTensor = legacyType("FloatTensor", float32);
export const DoubleTensor = legacyType("DoubleTensor", float64);
export const LongTensor = legacyType("LongTensor", int64);
export const IntTensor = legacyType("IntTensor", int32);
export const BoolTensor = legacyType("BoolTensor", bool);
