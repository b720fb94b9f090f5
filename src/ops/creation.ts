// The tensor factories' public forms: torch.tensor, zeros, ones, empty, full, the *_like factories, eye,
// arange, linspace, rand, randn, randint and randperm, declared with PyTorch's signatures. They build on
// the helpers in src/tensor/creation.ts, which the rest of the library calls directly.
import { RuntimeError } from "../errors.js";
import { bindNative } from "../signatures/bind.js";
import { defineOps, splitCall } from "../signatures/registry.js";
import { parseSignature } from "../signatures/schema.js";
import { filled, linspaceValues, rangeValues, tensorFromData, withRequiresGrad } from "../tensor/creation.js";
import { channels_last, Device, toCpuDevice, type Layout, type MemoryFormat } from "../tensor/device.js";
import {
  allocate,
  bool,
  Category,
  defaultFloatDtype,
  float32,
  float64,
  int32,
  int64,
  scalarCategory,
  type DType,
  type TypedArray,
} from "../tensor/dtype.js";
import {
  default_generator,
  normalFill,
  randpermIndices,
  uniformFill,
  type Generator,
} from "../tensor/random.js";
import { numel } from "../tensor/shape.js";
import { Tensor } from "../tensor/tensor.js";
import { emitWarning } from "../warnings.js";
import type { Scalar } from "./core.js";

const PIN_MEMORY_ERROR =
  "Pinned memory requires CUDA. PyTorch splits its backend into two shared libraries: a CPU library and a CUDA " +
  "library; this error has occurred because you are trying to use some CUDA functionality, but the CUDA library " +
  "has not been loaded by the dynamic linker for some reason.  The CUDA library MUST be loaded, EVEN IF you don't " +
  "directly use any symbols from the CUDA library! One common culprit is a lack of -Wl,--no-as-needed in your " +
  "link arguments; many dynamic linkers will delete dynamic library dependencies if you don't depend on any of " +
  "their symbols.  You can check if this has occurred by using ldd on your binary to see if there is a " +
  "dependency on *_cuda.so library.";

/** The TensorOptions every factory takes: tensorgrad has strided CPU tensors in unpinned memory only. */
export function checkOptions(_layout: Layout | null, device: Device | null, pinMemory: boolean | null): void {
  if (device !== null) toCpuDevice(device);
  if (pinMemory) throw new RuntimeError(PIN_MEMORY_ERROR);
}

export function checkSize(size: readonly number[]): void {
  for (const d of size) {
    if (d < 0)
      throw new RuntimeError(`Trying to create tensor with negative dimension ${d}: [${size.join(", ")}]`);
  }
}

function checkMemoryFormat(ndim: number, memoryFormat: MemoryFormat | null): void {
  if (memoryFormat === channels_last && ndim !== 4)
    throw new RuntimeError("required rank 4 tensor to use channels_last format");
}

/** A Python int (a bigint, or an integral JS number below 2^63: docs/int64.md) or bool rather than a float. */
const isIntScalar = (v: Scalar): boolean => scalarCategory(v) !== Category.Floating;

// ---- torch.tensor ----

function tensor(
  data: unknown,
  dtype: DType | null,
  device: Device | null,
  pinMemory: boolean,
  requiresGrad: boolean,
  names: string[] | null,
): Tensor {
  checkOptions(null, device, pinMemory);
  if (names !== null) throw new RuntimeError("tensorgrad does not support named tensors (dimension names)");
  if (data instanceof Tensor) {
    emitWarning(
      "To copy construct from a tensor, it is recommended to use sourceTensor.clone().detach() or " +
        "sourceTensor.clone().detach().requires_grad_(True), rather than torch.tensor(sourceTensor).",
    );
  }
  return withRequiresGrad(tensorFromData(data, dtype), requiresGrad);
}

// ---- filled tensors ----

function filledFactory(value: number) {
  return (
    size: number[],
    dtype: DType | null,
    layout: Layout | null,
    device: Device | null,
    pinMemory: boolean | null,
    requiresGrad: boolean | null,
  ): Tensor => {
    checkSize(size);
    checkOptions(layout, device, pinMemory);
    return withRequiresGrad(filled(size, dtype ?? defaultFloatDtype(), value), requiresGrad);
  };
}

const zeros = filledFactory(0);
const ones = filledFactory(1);

/** torch.empty: tensorgrad always initialises memory, so this is zeros. */
function empty(
  size: number[],
  memoryFormat: MemoryFormat | null,
  dtype: DType | null,
  layout: Layout | null,
  device: Device | null,
  pinMemory: boolean | null,
  requiresGrad: boolean | null,
): Tensor {
  checkMemoryFormat(size.length, memoryFormat);
  return zeros(size, dtype, layout, device, pinMemory, requiresGrad);
}

/** torch.full: the dtype follows the fill value as in PyTorch (bool, int64 for an int, else the default float). */
function full(
  size: number[],
  fillValue: Scalar,
  dtype: DType | null,
  layout: Layout | null,
  device: Device | null,
  pinMemory: boolean | null,
  requiresGrad: boolean | null,
): Tensor {
  checkSize(size);
  checkOptions(layout, device, pinMemory);
  const inferred =
    typeof fillValue === "boolean" ? bool : isIntScalar(fillValue) ? int64 : defaultFloatDtype();
  return withRequiresGrad(filled(size, dtype ?? inferred, Number(fillValue)), requiresGrad);
}

function likeFactory(value: number) {
  return (
    input: Tensor,
    memoryFormat: MemoryFormat | null,
    dtype: DType | null,
    layout: Layout | null,
    device: Device | null,
    pinMemory: boolean | null,
    requiresGrad: boolean | null,
  ): Tensor => {
    checkMemoryFormat(input.ndim, memoryFormat);
    checkOptions(layout, device, pinMemory);
    return withRequiresGrad(filled(input.shape, dtype ?? input.dtype, value), requiresGrad);
  };
}

function full_like(
  input: Tensor,
  fillValue: Scalar,
  memoryFormat: MemoryFormat | null,
  dtype: DType | null,
  layout: Layout | null,
  device: Device | null,
  pinMemory: boolean | null,
  requiresGrad: boolean | null,
): Tensor {
  checkMemoryFormat(input.ndim, memoryFormat);
  checkOptions(layout, device, pinMemory);
  return withRequiresGrad(filled(input.shape, dtype ?? input.dtype, Number(fillValue)), requiresGrad);
}

// ---- ranges ----

/** torch.arange: int64 when start, end and step are all ints (as `torch.arange(5)` is in Python), else the default float. */
function arange(
  start: Scalar,
  end: Scalar,
  step: Scalar,
  dtype: DType | null,
  layout: Layout | null,
  device: Device | null,
  pinMemory: boolean | null,
  requiresGrad: boolean | null,
): Tensor {
  checkOptions(layout, device, pinMemory);
  const target =
    dtype ?? (isIntScalar(start) && isIntScalar(end) && isIntScalar(step) ? int64 : defaultFloatDtype());
  if (target === bool) throw new RuntimeError(`"arange_cpu" not implemented for 'Bool'`);
  // Integral results compute in their own type: the bounds and step are truncated first.
  const read = target.is_floating_point ? Number : (v: Scalar) => Math.trunc(Number(v));
  return withRequiresGrad(rangeValues(read(start), read(end), read(step), target), requiresGrad);
}

function linspace(
  start: Scalar,
  end: Scalar,
  steps: number,
  dtype: DType | null,
  layout: Layout | null,
  device: Device | null,
  pinMemory: boolean | null,
  requiresGrad: boolean | null,
): Tensor {
  checkOptions(layout, device, pinMemory);
  const target = dtype ?? defaultFloatDtype();
  if (target === bool) throw new RuntimeError(`"linspace_cpu" not implemented for 'Bool'`);
  return withRequiresGrad(linspaceValues(Number(start), Number(end), steps, target), requiresGrad);
}

// ---- torch.eye ----

/** torch.eye(n, m=n): ones on the main diagonal, zeros elsewhere (bool allowed). */
function eye(
  n: number,
  m: number | null,
  dtype: DType | null,
  layout: Layout | null,
  device: Device | null,
  pinMemory: boolean | null,
  requiresGrad: boolean | null,
): Tensor {
  const columns = m ?? n;
  if (n < 0) throw new RuntimeError(`n must be greater or equal to 0, got ${n}`);
  if (columns < 0) throw new RuntimeError(`m must be greater or equal to 0, got ${columns}`);
  checkOptions(layout, device, pinMemory);
  const target = dtype ?? defaultFloatDtype();
  const data = allocate(target, n * columns);
  for (let i = 0; i < Math.min(n, columns); i++) data[i * columns + i] = 1;
  return withRequiresGrad(Tensor._fromData(data, [n, columns], target), requiresGrad);
}

// ---- random ----

function randomFactory(kind: "rand" | "randn") {
  return (
    size: number[],
    generator: Generator | null,
    dtype: DType | null,
    layout: Layout | null,
    device: Device | null,
    pinMemory: boolean | null,
    requiresGrad: boolean | null,
  ): Tensor => {
    checkSize(size);
    checkOptions(layout, device, pinMemory);
    const target = dtype ?? defaultFloatDtype();
    if (!target.is_floating_point) {
      const kernel = kind === "rand" ? "check_uniform_bounds" : "normal_kernel_cpu";
      throw new RuntimeError(`"${kernel}" not implemented for '${target.scalarTypeName}'`);
    }
    const data = allocate(target, numel(size));
    const gen = generator ?? default_generator;
    if (kind === "rand") uniformFill(data, 0, 1, gen, target === float64);
    else normalFill(data, 0, 1, gen, target === float64);
    return withRequiresGrad(Tensor._fromData(data, size, target), requiresGrad);
  };
}

const rand = randomFactory("rand");
const randn = randomFactory("randn");

/** The integers each dtype holds exactly, and its name in random_'s bound errors. */
const RANDOM_BOUNDS = new Map<DType, [number, number, string]>([
  [bool, [0, 1, "bool"]],
  [int32, [-(2 ** 31), 2 ** 31 - 1, "int"]],
  [float32, [-(2 ** 24), 2 ** 24, "float"]],
]);

/**
 * random_(from, to)'s checks and draws for `n` elements of `dtype`, in draw order (one 32-bit random() modulo the
 * range each): torch.randint's and randint_like's values.
 */
export function randintValues(
  low: number,
  high: number,
  n: number,
  dtype: DType,
  generator: Generator | null,
): TypedArray {
  if (high <= low)
    throw new RuntimeError(`random_ expects 'from' to be less than 'to', but got from=${low} >= to=${high}`);
  const bounds = RANDOM_BOUNDS.get(dtype);
  if (bounds !== undefined) {
    const [min, max, name] = bounds;
    if (low < min || low > max) throw new RuntimeError(`from is out of bounds for ${name}`);
    if (high - 1 < min || high - 1 > max) throw new RuntimeError(`to - 1 is out of bounds for ${name}`);
  }
  const gen = generator ?? default_generator;
  const range = high - low;
  const data = allocate(dtype, n);
  for (let i = 0; i < data.length; i++) data[i] = (gen.random() % range) + low;
  return data;
}

/** torch.randint: int64 values in [low, high). */
function randint(
  low: number,
  high: number,
  size: number[],
  generator: Generator | null,
  dtype: DType | null,
  layout: Layout | null,
  device: Device | null,
  pinMemory: boolean | null,
  requiresGrad: boolean | null,
): Tensor {
  checkSize(size);
  checkOptions(layout, device, pinMemory);
  const target = dtype ?? int64;
  const data = randintValues(low, high, numel(size), target, generator);
  return withRequiresGrad(Tensor._fromData(data, size, target), requiresGrad);
}

/** torch.randperm(n): a random permutation of 0..n-1 (int64 unless `dtype` says otherwise). */
function randperm(
  n: number,
  generator: Generator | null,
  dtype: DType | null,
  layout: Layout | null,
  device: Device | null,
  pinMemory: boolean | null,
  requiresGrad: boolean | null,
): Tensor {
  if (n < 0) throw new RuntimeError(`Trying to create tensor with negative dimension ${n}: [${n}]`);
  checkOptions(layout, device, pinMemory);
  const target = dtype ?? int64;
  if (target === bool) throw new RuntimeError(`"randperm" not implemented for 'Bool'`);
  const perm = randpermIndices(n, generator ?? default_generator);
  const data = allocate(target, n);
  for (let i = 0; i < n; i++) data[i] = target.cast(perm[i]);
  return withRequiresGrad(Tensor._fromData(data, [n], target), requiresGrad);
}

defineOps("torch", {
  // Bound by hand in PyTorch (python_torch_functions_manual.cpp).
  "tensor(PyObject* data, *, ScalarType dtype=None, Device? device=None, bool pin_memory=False, bool requires_grad=False, DimnameList? names=None) -> Tensor":
    tensor,
  "zeros(IntArrayRef size, *, DimnameList? names, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=False, bool? requires_grad=False) -> Tensor":
    null,
  "zeros(SymIntArrayRef size, *, Tensor out=None, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=False, bool? requires_grad=False) -> Tensor":
    zeros,
  "ones(IntArrayRef size, *, DimnameList? names, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=False, bool? requires_grad=False) -> Tensor":
    null,
  "ones(SymIntArrayRef size, *, Tensor out=None, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=False, bool? requires_grad=False) -> Tensor":
    ones,
  "empty(IntArrayRef size, *, DimnameList? names, MemoryFormat? memory_format=None, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=False, bool? requires_grad=False) -> Tensor":
    null,
  "empty(SymIntArrayRef size, *, MemoryFormat? memory_format=None, Tensor out=None, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=False, bool? requires_grad=False) -> Tensor":
    empty,
  "full(IntArrayRef size, Scalar fill_value, *, DimnameList? names, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=False, bool? requires_grad=False) -> Tensor":
    null,
  "full(SymIntArrayRef size, Scalar fill_value, *, Tensor out=None, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=False, bool? requires_grad=False) -> Tensor":
    full,
  "zeros_like(Tensor input, *, MemoryFormat? memory_format=None, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=False, bool? requires_grad=False) -> Tensor":
    likeFactory(0),
  "ones_like(Tensor input, *, MemoryFormat? memory_format=None, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=False, bool? requires_grad=False) -> Tensor":
    likeFactory(1),
  "empty_like(Tensor input, *, MemoryFormat? memory_format=None, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=False, bool? requires_grad=False) -> Tensor":
    likeFactory(0),
  "full_like(Tensor input, Scalar fill_value, *, MemoryFormat? memory_format=None, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=False, bool? requires_grad=False) -> Tensor":
    full_like,
  "arange(Scalar end, *, Tensor out=None, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=False, bool? requires_grad=False) -> Tensor":
    (end, ...options) => arange(0, end, 1, ...options),
  "arange(Scalar start, Scalar end, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=False, bool? requires_grad=False) -> Tensor":
    (start, end, ...options) => arange(start, end, 1, ...options),
  "arange(Scalar start, Scalar end, Scalar step=1, *, Tensor out=None, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=False, bool? requires_grad=False) -> Tensor":
    arange,
  "eye(int64_t n, *, Tensor out=None, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=False, bool? requires_grad=False) -> Tensor":
    (n, ...options) => eye(n, null, ...options),
  "eye(int64_t n, int64_t m, *, Tensor out=None, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=False, bool? requires_grad=False) -> Tensor":
    eye,
  "linspace(Scalar start, Scalar end, int64_t steps, *, Tensor out=None, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=False, bool? requires_grad=False) -> Tensor":
    linspace,
  "rand(IntArrayRef size, *, Generator? generator, DimnameList? names, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=False, bool? requires_grad=False) -> Tensor":
    null,
  "rand(IntArrayRef size, *, Generator? generator, Tensor out=None, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=False, bool? requires_grad=False) -> Tensor":
    rand,
  "rand(IntArrayRef size, *, Tensor out=None, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=False, bool? requires_grad=False) -> Tensor":
    (size, ...options) => rand(size, null, ...options),
  "rand(IntArrayRef size, *, DimnameList? names, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=False, bool? requires_grad=False) -> Tensor":
    null,
  "randn(IntArrayRef size, *, Generator? generator, DimnameList? names, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=False, bool? requires_grad=False) -> Tensor":
    null,
  "randn(IntArrayRef size, *, Generator? generator, Tensor out=None, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=False, bool? requires_grad=False) -> Tensor":
    randn,
  "randn(IntArrayRef size, *, Tensor out=None, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=False, bool? requires_grad=False) -> Tensor":
    (size, ...options) => randn(size, null, ...options),
  "randn(IntArrayRef size, *, DimnameList? names, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=False, bool? requires_grad=False) -> Tensor":
    null,
  "randint(int64_t high, IntArrayRef size, *, Generator? generator, Tensor out=None, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=False, bool? requires_grad=False) -> Tensor":
    (high, size, ...options) => randint(0, high, size, ...options),
  "randint(int64_t high, IntArrayRef size, *, Tensor out=None, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=False, bool? requires_grad=False) -> Tensor":
    (high, size, ...options) => randint(0, high, size, null, ...options),
  "randint(int64_t low, int64_t high, IntArrayRef size, *, Generator? generator, Tensor out=None, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=False, bool? requires_grad=False) -> Tensor":
    randint,
  "randint(int64_t low, int64_t high, IntArrayRef size, *, Tensor out=None, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=False, bool? requires_grad=False) -> Tensor":
    (low, high, size, ...options) => randint(low, high, size, null, ...options),
  "randperm(int64_t n, *, Generator? generator, Tensor out=None, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=False, bool? requires_grad=False) -> Tensor":
    randperm,
  "randperm(int64_t n, *, Tensor out=None, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=False, bool? requires_grad=False) -> Tensor":
    (n, ...options) => randperm(n, null, ...options),
});

// ---- torch.device ----

const DEVICE_SIGNATURES = [
  parseSignature("Device(Device device) -> Device", "native"),
  parseSignature("Device(c10::string_view type, int64_t? index=-1) -> Device", "native"),
];

interface DeviceConstructor {
  new (device: Device | string | number): Device;
  new (type: string, index?: number | null): Device;
  (device: Device | string | number): Device;
  (type: string, index?: number | null): Device;
  readonly prototype: Device;
}

/** torch.device("cpu"), torch.device("cuda", 0), torch.device("cpu:0"): with or without `new`. */
export const device = function device(...args: unknown[]): Device {
  const [positional, kwargs] = splitCall(args);
  const { index, values } = bindNative(DEVICE_SIGNATURES, positional, kwargs);
  if (index === 0) return values[0] as Device;
  const type = values[0] as string;
  const given = positional.length > 1 || (kwargs !== null && kwargs.index !== undefined);
  const deviceIndex = given ? (values[1] as number | null) : null;
  if (new Device(type).index !== null && deviceIndex !== null)
    throw new RuntimeError(
      `type (string) must not include an index because index was passed explicitly: ${type}`,
    );
  if (deviceIndex !== null && deviceIndex < 0) throw new RuntimeError("Device index must not be negative");
  return new Device(type, deviceIndex);
} as unknown as DeviceConstructor;
(device as { prototype: Device }).prototype = Device.prototype;
