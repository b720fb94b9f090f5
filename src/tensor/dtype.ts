// Data types, their storage arrays, and PyTorch's type-promotion rules.
import { RuntimeError } from "../errors.js";
import { PYTHON_TYPE } from "../python_type.js";
import { SCALAR_SHAPE } from "./shape.js";

export type DTypeName = "float32" | "float64" | "int64" | "int32" | "bool";
export type TypedArray = Float32Array | Float64Array | Int32Array | Uint8Array;

/** PyTorch's promotion categories: a higher category always wins. */
export const enum Category {
  Bool = 0,
  Integral = 1,
  Floating = 2,
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
    /** Rounds a JS number to a value this dtype can hold. */
    readonly cast: (v: number) => number,
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

  get is_floating_point(): boolean {
    return this.category === Category.Floating;
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
};

const toInt = (v: number): number => (Number.isNaN(v) ? 0 : Math.trunc(v));
const toInt32 = (v: number): number => (Number.isNaN(v) ? 0 : v | 0);

export const float32 = new DType("float32", 4, Category.Floating, 0, Math.fround);
export const float64 = new DType("float64", 8, Category.Floating, 1, (v) => v);
/** int64 values live in a Float64Array: exact for |v| < 2^53. */
export const int64 = new DType("int64", 8, Category.Integral, 1, toInt);
export const int32 = new DType("int32", 4, Category.Integral, 0, toInt32);
export const bool = new DType("bool", 1, Category.Bool, 0, (v) => (v !== 0 ? 1 : 0));

export const DTYPES: Record<DTypeName, DType> = { float32, float64, int64, int32, bool };
/** PyTorch's aliases (`torch.float`, `torch.long`, ...). */
const ALIASES: Record<string, DType> = {
  float: float32,
  double: float64,
  long: int64,
  int: int32,
  ...DTYPES,
};

export function defaultFloatDtype(): DType {
  return float32;
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

export function allocate(dtype: DType, n: number): TypedArray {
  try {
    // Identity checks instead of a switch on the name: this runs for every tensor an op makes.
    if (dtype === float32) return new Float32Array(n);
    if (dtype === float64 || dtype === int64) return new Float64Array(n);
    if (dtype === int32) return new Int32Array(n);
    return new Uint8Array(n);
  } catch (e) {
    throw e instanceof RangeError && n >= 0 ? allocatorError(n * dtype.itemsize) : e;
  }
}

/** What PyTorch's CPU allocator raises when the memory is not there: at once, before anything runs. */
export function allocatorError(bytes: number): RuntimeError {
  return new RuntimeError(
    `[enforce fail at alloc_cpu.cpp:75] err == 0. DefaultCPUAllocator: can't allocate memory: you tried to allocate ${bytes} bytes. Error code 12 (Cannot allocate memory)`,
  );
}

/** The wider of two dtypes (torch.promote_types). */
export function promoteTypes(a: DType, b: DType): DType {
  if (a === b) return a;
  if (a.category !== b.category) return a.category > b.category ? a : b;
  return a.rank >= b.rank ? a : b;
}

/** A Python number as PyTorch sees it: booleans are bool, integral numbers and bigints are int. */
export function scalarCategory(v: number | boolean | bigint): Category {
  if (typeof v === "boolean") return Category.Bool;
  if (typeof v === "bigint") return Category.Integral;
  return Number.isInteger(v) ? Category.Integral : Category.Floating;
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
    else if (zeroDimResult.category > result.category) result = zeroDimResult;
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
