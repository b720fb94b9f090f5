// Tensor.numpy() and torch.from_numpy(): JavaScript has no NumPy, so tensorgrad's stand-in for an ndarray is
// NDArray, a typed array with NumPy's shape, strides (in bytes) and dtype name. As in PyTorch, both directions
// share memory: numpy() hands out the tensor's own storage and from_numpy() wraps the array's, so a write
// through either shows in the other (docs/numpy_and_devices.md).
import { RuntimeError, ValueError } from "../errors.js";
import { pyTypeName } from "../signatures/messages.js";
import { defineMethods } from "../signatures/registry.js";
import { DTYPES, type DType, type DTypeName, type TypedArray } from "../tensor/dtype.js";
import { numel } from "../tensor/shape.js";
import { Storage, Tensor } from "../tensor/tensor.js";

/** The typed array each dtype's storage is (int64 values are held in doubles: docs/int64.md). */
const STORAGE_ARRAY: Record<DTypeName, string> = {
  float32: "Float32Array",
  float64: "Float64Array",
  int64: "Float64Array",
  int32: "Int32Array",
  bool: "Uint8Array",
  complex64: "Float32Array",
  complex128: "Float64Array",
};

/** NumPy's name of the dtype a typed array holds when none is given. */
const DEFAULT_DTYPE: Record<string, string> = {
  Float32Array: "float32",
  Float64Array: "float64",
  Int32Array: "int32",
  Uint8Array: "uint8",
  Int8Array: "int8",
  Int16Array: "int16",
  Uint16Array: "uint16",
  Uint32Array: "uint32",
  BigInt64Array: "int64",
  BigUint64Array: "uint64",
  Uint8ClampedArray: "uint8",
};

/** NumPy's C-order strides in bytes. */
function cOrderStrides(shape: readonly number[], itemsize: number): number[] {
  const strides = new Array<number>(shape.length);
  let step = itemsize;
  for (let d = shape.length - 1; d >= 0; d--) {
    strides[d] = step;
    step *= Math.max(shape[d], 1);
  }
  return strides;
}

type AnyTypedArray =
  TypedArray | Int8Array | Int16Array | Uint16Array | Uint32Array | BigInt64Array | BigUint64Array;

/**
 * An ndarray as tensorgrad hands it out and takes it in: `data` is the memory (element [0, 0, ...] at index 0),
 * `strides` are in bytes as NumPy's are, `dtype` is NumPy's name ("float32", "int64", "bool", ...).
 * An int64 array's data is a Float64Array, as tensorgrad stores int64.
 */
export class NDArray {
  readonly data: AnyTypedArray;
  readonly shape: readonly number[];
  readonly strides: readonly number[];
  readonly dtype: string;

  constructor(
    data: AnyTypedArray,
    shape: readonly number[] = [data.length],
    strides: readonly number[] | null = null,
    dtype: string | null = null,
  ) {
    this.data = data;
    this.shape = Object.freeze(shape.slice());
    this.dtype = dtype ?? DEFAULT_DTYPE[data.constructor.name] ?? "object";
    this.strides = Object.freeze((strides ?? cOrderStrides(shape, data.BYTES_PER_ELEMENT)).slice());
  }

  get ndim(): number {
    return this.shape.length;
  }

  /** The number of elements (NumPy's `size`). */
  get size(): number {
    return numel(this.shape);
  }

  get itemsize(): number {
    return this.data.BYTES_PER_ELEMENT;
  }

  toString(): string {
    return `NDArray(shape=[${this.shape.join(", ")}], dtype=${this.dtype})`;
  }
}

/** Tensor.numpy(*, force=False): an NDArray over the tensor's storage. */
function numpy(input: Tensor, force: boolean): NDArray {
  if (input.requires_grad && !force)
    throw new RuntimeError(
      "Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.",
    );
  const itemsize = input.dtype.itemsize;
  const data = input._storage.data.subarray(input._offset);
  return new NDArray(
    data,
    input.shape,
    input._strides.map((s) => s * itemsize),
    input.dtype.name,
  );
}

// The message PyTorch lists its supported NumPy types in.
const SUPPORTED =
  "The only supported types are: float64, float32, float16, complex64, complex128, int64, int32, int16, int8, uint8, and bool.";
const PYTORCH_HAS = new Set([
  "float64",
  "float32",
  "float16",
  "complex64",
  "complex128",
  "int64",
  "int32",
  "int16",
  "int8",
  "uint8",
  "bool",
]);

/** torch.from_numpy(ndarray): a tensor sharing the array's memory (a C function of one positional argument). */
export function from_numpy(...args: unknown[]): Tensor {
  const last = args[args.length - 1];
  if (last !== null && typeof last === "object" && Object.getPrototypeOf(last) === Object.prototype)
    throw new TypeError("torch._VariableFunctionsClass.from_numpy() takes no keyword arguments");
  if (args.length !== 1)
    throw new TypeError(
      `torch._VariableFunctionsClass.from_numpy() takes exactly one argument (${args.length} given)`,
    );
  const array = args[0];
  if (!(array instanceof NDArray)) throw new TypeError(`expected np.ndarray (got ${pyTypeName(array)})`);
  if (!PYTORCH_HAS.has(array.dtype))
    throw new TypeError(`can't convert np.ndarray of type numpy.${array.dtype}. ${SUPPORTED}`);
  const dtype: DType | undefined = DTYPES[array.dtype as DTypeName];
  if (dtype === undefined)
    throw new TypeError(
      `can't convert np.ndarray of type numpy.${array.dtype}: tensorgrad has no ${array.dtype} tensors (float32, float64, int64, int32 and bool only)`,
    );
  if (array.data.constructor.name !== STORAGE_ARRAY[dtype.name])
    throw new TypeError(
      `from_numpy(): a ${array.dtype} array must hold its data in a ${STORAGE_ARRAY[dtype.name]} to share it with a tensor, not a ${array.data.constructor.name}`,
    );
  const itemsize = dtype.itemsize;
  const strides = array.strides.map((s) => {
    if (s < 0)
      throw new ValueError(
        "At least one stride in the given numpy array is negative, and tensors with negative strides are not currently supported. (You can probably work around this by making a copy of your array  with array.copy().) ",
      );
    if (s % itemsize !== 0)
      throw new ValueError(
        "given numpy array strides not a multiple of the element byte size. Copy the numpy array to reallocate the memory.",
      );
    return s / itemsize;
  });
  return new Tensor(new Storage(array.data as TypedArray), array.shape, strides, 0, dtype);
}

// Bound by hand in PyTorch (python_variable_methods.cpp, python_torch_functions_manual.cpp).
defineMethods({
  "numpy(*, bool force=False) -> NDArray": numpy,
});
