// Data types, their storage arrays, and PyTorch's type-promotion rules.
import { RuntimeError } from "../errors.js";
import { PYTHON_TYPE } from "../python_type.js";
import { SCALAR_SHAPE } from "./shape.js";

export type DTypeName = "float32" | "float64" | "int64" | "int32" | "bool" | "complex64" | "complex128";
export type TypedArray = Float32Array | Float64Array | Int32Array | Uint8Array;

/** PyTorch's promotion categories: a higher category always wins. */
export const enum Category {
  Bool = 0,
  Integral = 1,
  Floating = 2,
  /** complex64 / complex128 (docs/complex.md): interleaved (real, imag) pairs in a float array. */
  Complex = 3,
}

/** A 0-dim input's shape and dtype, as the autograd engine records it (node.ts's InputMetadata). */
interface ScalarMeta {
  readonly shape: readonly number[];
  readonly dtype: DType;
}

export class DType {
  /** @internal */
  constructor(
    readonly name: DTypeName,
    readonly itemsize: number,
    readonly category: Category,
    /** Rank inside its category, used to pick the wider of two types. */
    readonly rank: number,
    /**
     * Converts a JS number to a value this dtype holds, as PyTorch's CPU kernels convert a float (static_cast on
     * x86): float32 rounds; integer types truncate toward zero and give their minimum for NaN, ±inf and values
     * out of range (docs/int64.md).
     */
    readonly cast: (v: number) => number,
    /**
     * Brings the exact result of integer arithmetic into this dtype's range by two's-complement wraparound, as
     * C++ integer arithmetic does (`2**62 * 4` is 0 in int64). Floating and bool types: as `cast`.
     */
    readonly wrap: (v: number) => number = cast,
  ) {}

  /** How PyTorch's argument errors name a dtype argument ("got (torch.dtype, int)"). */
  readonly [PYTHON_TYPE] = "torch.dtype";

  /** @internal What the autograd engine records of a 0-dim input of this dtype: one object, shared. */
  readonly _scalarMeta: ScalarMeta = Object.freeze({ shape: SCALAR_SHAPE, dtype: this });
  /** @internal Lists of n copies of _scalarMeta, by n (core.ts fills them on first use). */
  readonly _scalarMetaLists: (readonly ScalarMeta[])[] = [];

  /** PyTorch's C++ scalar type name, as its error messages print it ("Float", "Long", ...). */
  get scalarTypeName(): string {
    return SCALAR_TYPE_NAMES[this.name];
  }

  /** PyTorch's C++ type name ("float", "long int", "c10::complex<float>"), as its dtype checks print it. */
  get cppTypeName(): string {
    return CPP_TYPE_NAMES[this.name];
  }

  get is_floating_point(): boolean {
    return this.category === Category.Floating;
  }

  /** complex64 or complex128: each element is two numbers of `storage` (docs/complex.md). */
  get is_complex(): boolean {
    return this.category === Category.Complex;
  }

  toString(): string {
    return `torch.${this.name}`;
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

const SCALAR_TYPE_NAMES: Record<DTypeName, string> = {
  float32: "Float",
  float64: "Double",
  int64: "Long",
  int32: "Int",
  bool: "Bool",
  complex64: "ComplexFloat",
  complex128: "ComplexDouble",
};

const CPP_TYPE_NAMES: Record<DTypeName, string> = {
  float32: "float",
  float64: "double",
  int64: "long int",
  int32: "int",
  bool: "bool",
  complex64: "c10::complex<float>",
  complex128: "c10::complex<double>",
};

const INT64_MIN = -(2 ** 63);
const INT32_MIN = -(2 ** 31);

/** float → int64 on x86 (cvttsd2si): toward zero; NaN, ±inf and values outside [-2^63, 2^63) give INT64_MIN. */
const toInt64 = (v: number): number => (v >= INT64_MIN && v < 2 ** 63 ? Math.trunc(v) || 0 : INT64_MIN);
/** float → int32 on x86 (cvttss2si/cvttsd2si): the same, with INT32_MIN. */
const toInt32 = (v: number): number => (v >= INT32_MIN && v < 2 ** 31 ? v | 0 : INT32_MIN);

/** An integer result modulo 2^64 into [-2^63, 2^63); `%` on doubles is exact, and so are the ±2^64 steps. */
function wrapInt64(v: number): number {
  if (!Number.isFinite(v)) return INT64_MIN;
  let r = Math.trunc(v);
  if (r >= INT64_MIN && r < 2 ** 63) return r || 0;
  r %= 2 ** 64;
  if (r >= 2 ** 63) r -= 2 ** 64;
  else if (r < INT64_MIN) r += 2 ** 64;
  return r || 0;
}

/** An integer result modulo 2^32 into [-2^31, 2^31): JS's ToInt32, which is exact for every finite double. */
const wrapInt32 = (v: number): number => (Number.isFinite(v) ? v | 0 : INT32_MIN);

export const float32 = new DType("float32", 4, Category.Floating, 0, Math.fround);
export const float64 = new DType("float64", 8, Category.Floating, 1, (v) => v);
/**
 * int64 values live in a Float64Array: every integer up to 2^53 in magnitude is exact; beyond, a value is the
 * double nearest to PyTorch's (docs/int64.md). No int64 tensor holds a fraction, NaN, ±inf or a value outside
 * [-2^63, 2^63).
 */
export const int64 = new DType("int64", 8, Category.Integral, 1, toInt64, wrapInt64);
export const int32 = new DType("int32", 4, Category.Integral, 0, toInt32, wrapInt32);
export const bool = new DType("bool", 1, Category.Bool, 0, (v) => (v !== 0 ? 1 : 0));

/**
 * How PyTorch's copy kernel converts an element of `from` into `to` (static_cast on x86): an integer or bool
 * source into an integer type wraps modulo 2^bits as C's integer conversion does (`int64 2**40 → int32` is 0);
 * a float source into an integer type is cvttsd2si (toward zero; NaN, ±inf, out of range → the minimum); into
 * bool, nonzero is true. Floats round as `to.cast`.
 */
export function converter(from: DType, to: DType): (v: number) => number {
  return to.category === Category.Integral && from.category <= Category.Integral ? to.wrap : to.cast;
}

/** complex64: a Float32Array of 2n numbers (real, imag, real, imag, ...); `cast` rounds one component. */
export const complex64 = new DType("complex64", 8, Category.Complex, 0, Math.fround);
/** complex128: a Float64Array of 2n numbers. */
export const complex128 = new DType("complex128", 16, Category.Complex, 1, (v) => v);

export const DTYPES: Record<DTypeName, DType> = {
  float32,
  float64,
  int64,
  int32,
  bool,
  complex64,
  complex128,
};
/** PyTorch's aliases (`torch.float`, `torch.long`, ...). */
const ALIASES: Record<string, DType> = {
  float: float32,
  double: float64,
  long: int64,
  int: int32,
  cfloat: complex64,
  cdouble: complex128,
  ...DTYPES,
};

let defaultFloat: DType = float32;

/** torch.get_default_dtype(): what Python floats, float factories and nn parameters are made as. */
export function defaultFloatDtype(): DType {
  return defaultFloat;
}

/** @internal torch.set_default_dtype (src/ops/settings.ts checks the argument). */
export function setDefaultFloatDtype(dtype: DType): void {
  defaultFloat = dtype;
}

/** Accepts a DType or a name such as "float32", "torch.float64" or "long". */
export function toDType(d: DType | string, argName = "dtype"): DType {
  if (d instanceof DType) return d;
  if (typeof d === "string") {
    const found = ALIASES[d.startsWith("torch.") ? d.slice(6) : d];
    if (found) return found;
    throw new TypeError(
      `${argName} must be one of torch.float32, torch.float64, torch.int64, torch.int32, torch.bool, but got '${d}'`,
    );
  }
  throw new TypeError(`${argName} must be a torch.dtype, but got ${describe(d)}`);
}

/** Bytes in the ArrayBuffer Node 20's Buffer and most browsers' engines hold at most: 4 GiB. */
const PORTABLE_ARRAY_BYTES = 2 ** 32;

/** The machine's physical memory where the runtime tells it (Node), else Infinity. */
function physicalMemory(): number {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const os = proc?.getBuiltinModule?.("node:os") as { totalmem?: () => number } | undefined;
  return os?.totalmem?.() ?? Infinity;
}

let allocationLimit = Math.min(PORTABLE_ARRAY_BYTES, physicalMemory());

/**
 * The most bytes one tensor's storage may take (docs/memory.md): 4 GiB, or the physical memory if less. A
 * larger request gets PyTorch's allocator error at once instead of exhausting memory (or running for minutes
 * first). `set_allocation_limit(bytes)` moves it; `null` restores the default. Requests the JS engine cannot
 * hold get the same error whatever the limit.
 */
export function set_allocation_limit(bytes: number | null): void {
  if (bytes === null) allocationLimit = Math.min(PORTABLE_ARRAY_BYTES, physicalMemory());
  else if (typeof bytes === "number" && bytes >= 0 && !Number.isNaN(bytes)) allocationLimit = bytes;
  else
    throw new TypeError(
      `set_allocation_limit(): 'bytes' must be a non-negative number or null, not ${describe(bytes)}`,
    );
}

export function get_allocation_limit(): number {
  return allocationLimit;
}

/** Throws PyTorch's allocator error when n elements of dtype exceed the allocation limit; call before long work. */
export function checkAllocation(dtype: DType, n: number): void {
  if (n * dtype.itemsize > allocationLimit) throw allocatorError(n, dtype.itemsize);
}

export function allocate(dtype: DType, n: number): TypedArray {
  checkAllocation(dtype, n);
  // A small size cannot fail: no try block on the path every op's result takes (0-dim ops allocate one).
  if (n <= 64 && n >= 0 && Number.isInteger(n)) return newTypedArray(dtype, n);
  try {
    return newTypedArray(dtype, n);
  } catch (e) {
    throw e instanceof RangeError && n >= 0 ? allocatorError(n, dtype.itemsize) : e;
  }
}

function newTypedArray(dtype: DType, n: number): TypedArray {
  // Identity checks instead of a switch on the name: this runs for every tensor an op makes.
  if (dtype === float32) return new Float32Array(n);
  if (dtype === float64 || dtype === int64) return new Float64Array(n);
  if (dtype === int32) return new Int32Array(n);
  if (dtype === complex64) return new Float32Array(2 * n);
  if (dtype === complex128) return new Float64Array(2 * n);
  return new Uint8Array(n);
}

/** What PyTorch's CPU allocator raises when the memory is not there: at once, before anything runs. */
export function allocatorError(n: number, itemsize: number): RuntimeError {
  const bytes = Number.isInteger(n) ? String(BigInt(n) * BigInt(itemsize)) : String(n * itemsize);
  return new RuntimeError(
    `[enforce fail at alloc_cpu.cpp:75] err == 0. DefaultCPUAllocator: can't allocate memory: you tried to allocate ${bytes} bytes. Error code 12 (Cannot allocate memory)`,
  );
}

/** The wider of two dtypes (torch.promote_types). */
export function promoteTypes(a: DType, b: DType): DType {
  if (a === b) return a;
  // Complex with floating keeps the wider precision of the two (complex64 with float64 is complex128).
  if (a.category === Category.Complex && b.category === Category.Floating)
    return a.rank >= b.rank ? a : complex128;
  if (b.category === Category.Complex && a.category === Category.Floating)
    return b.rank >= a.rank ? b : complex128;
  if (a.category !== b.category) return a.category > b.category ? a : b;
  return a.rank >= b.rank ? a : b;
}

/**
 * A Python number as PyTorch sees it: booleans are bool, bigints and integral numbers below 2^63 in magnitude
 * are int; a number beyond int64 is the Python float it also spells (docs/int64.md).
 */
export function scalarCategory(v: number | boolean | bigint): Category {
  if (typeof v === "boolean") return Category.Bool;
  if (typeof v === "bigint") return Category.Integral;
  return Number.isInteger(v) && v >= -(2 ** 63) && v < 2 ** 63 ? Category.Integral : Category.Floating;
}

/** The dtype `torch.tensor(v)` gives a single JS value: numbers are float (JS has no int literal), bigints int64. */
export function inferScalarDtype(v: number | boolean | bigint): DType {
  if (typeof v === "boolean") return bool;
  if (typeof v === "bigint") return int64;
  return defaultFloatDtype();
}

/** Operands of an op for torch.result_type: tensors with dims outrank 0-dim tensors, which outrank scalars. */
export interface PromotionOperand {
  readonly dtype: DType;
  readonly ndim: number;
}

export function resultType(operands: readonly (PromotionOperand | number | boolean | bigint)[]): DType {
  let dimResult: DType | null = null;
  let zeroDimResult: DType | null = null;
  let scalarCat = -1;
  for (const op of operands) {
    if (typeof op === "object") {
      if (op.ndim > 0) dimResult = dimResult ? promoteTypes(dimResult, op.dtype) : op.dtype;
      else zeroDimResult = zeroDimResult ? promoteTypes(zeroDimResult, op.dtype) : op.dtype;
    } else {
      scalarCat = Math.max(scalarCat, scalarCategory(op));
    }
  }
  let result = dimResult;
  if (zeroDimResult) {
    if (!result) result = zeroDimResult;
    else if (zeroDimResult.category > result.category)
      // c10's combine_categories: a floating dim result takes a complex 0-dim one's category, not its precision.
      result =
        zeroDimResult.category === Category.Complex && result.category === Category.Floating
          ? result.rank === 1
            ? complex128
            : complex64
          : zeroDimResult;
  }
  if (scalarCat >= 0) {
    const scalarDtype =
      scalarCat === Category.Floating ? defaultFloatDtype() : scalarCat === Category.Integral ? int64 : bool;
    if (!result || scalarCat > result.category) result = scalarDtype;
  }
  return result ?? defaultFloatDtype();
}

export function describe(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "Array";
  if (typeof v === "object") return (v as object).constructor?.name ?? "object";
  return typeof v;
}
