// Making tensors: the internal helpers behind torch.tensor, zeros, ones, full, the *_like factories,
// arange and linspace (whose public, argument-checked forms are declared in src/ops/creation.ts).
// JS has one number type, so numbers make float32 tensors (Python's 3.0); integer data is written as
// bigint (3n) or with { dtype: torch.int64 }.
import { fma } from "../backend/js/fma.js";
import { fmaf } from "../backend/js/sleef.js";
import { RuntimeError, ValueError } from "../errors.js";
import { cppDoubleStr, pyIntRepr } from "../python.js";
import { pyTypeName } from "../python_type.js";
import {
  allocate,
  bool,
  Category,
  converter,
  defaultFloatDtype,
  float32,
  float64,
  int32,
  int64,
  type DType,
  type TypedArray,
} from "./dtype.js";
import { numel } from "./shape.js";
import { Tensor } from "./tensor.js";

/** Options of the internal helpers (the public factories take PyTorch's keywords). */
export interface TensorOptions {
  dtype?: DType | null;
  requires_grad?: boolean;
}

export type NestedData = number | boolean | bigint | Tensor | readonly NestedData[];
export type TensorData =
  NestedData | TypedArray | BigInt64Array | Int8Array | Int16Array | Uint16Array | Uint32Array;

const REQUIRES_GRAD_DTYPE_ERROR = "Only Tensors of floating point and complex dtype can require gradients";

/** Sets requires_grad on a fresh tensor, refusing dtypes that cannot have gradients as PyTorch does. */
export function withRequiresGrad(t: Tensor, requiresGrad: boolean | null | undefined): Tensor {
  if (requiresGrad) {
    if (!t.dtype.is_floating_point) throw new RuntimeError(REQUIRES_GRAD_DTYPE_ERROR);
    t._requiresGrad = true;
  }
  return t;
}

/** A new contiguous tensor of `shape` with every element `value` (a bigint is a Python int, checked exactly). */
export function filled(shape: readonly number[], dtype: DType, fillValue: number | bigint): Tensor {
  const value = typeof fillValue === "bigint" ? leafValue(fillValue, dtype) : fillValue;
  for (const d of shape)
    if (d < 0)
      throw new RuntimeError(`Trying to create tensor with negative dimension ${d}: [${shape.join(", ")}]`);
  checkStorageSize(shape, dtype);
  const range = INTEGER_RANGE[dtype.name];
  // fill_'s Scalar conversion: its C++ type name (int64_t, int) in PyTorch's overflow error.
  if (range !== undefined && !(value >= range[0] && value <= range[1]))
    throw new RuntimeError(
      `value cannot be converted to type ${dtype === int64 ? "int64_t" : "int"} without overflow`,
    );
  const data = allocate(dtype, numel(shape));
  if (value !== 0) data.fill(dtype.cast(value));
  return Tensor._fromData(data, shape, dtype);
}

const INT64_MAX = 2n ** 63n - 1n;

/**
 * PyTorch's storage-size check (computeStorageNbytes): the element count, and its bytes, must fit in int64, or
 * "Storage size calculation overflowed"; sizes that fit but exceed memory get the allocator's error later.
 */
function checkStorageSize(shape: readonly number[], dtype: DType): void {
  if (numel(shape) * dtype.itemsize < 2 ** 53 && shape.every((d) => d < 2 ** 31)) return;
  let count = 1n;
  let overflowed = false;
  for (const d of shape) {
    count *= BigInt(d);
    if (count > INT64_MAX) overflowed = true;
  }
  if (overflowed || count * BigInt(dtype.itemsize) > INT64_MAX)
    throw new RuntimeError(
      `Storage size calculation overflowed with sizes=[${shape.map(pyIntRepr).join(", ")}]`,
    );
}

// ---- torch.tensor ----

function typedArrayDtype(a: ArrayBufferView): DType {
  if (a instanceof Float32Array) return float32;
  if (a instanceof Float64Array) return float64;
  if (a instanceof Int32Array) return int32;
  return int64;
}

/** How far a leaf pushes the inferred dtype: bool < int < float (torch.tensor's type inference). */
const enum Kind {
  None,
  Bool,
  Int,
  Float,
}

/** PyTorch's infer_scalar_type over every leaf: what the data holds, or its error for a leaf it can't read. */
function inferKind(v: unknown, first: boolean): Kind {
  if (Array.isArray(v)) {
    let kind = Kind.None;
    v.forEach((item, i) => (kind = Math.max(kind, inferKind(item, first && i === 0))));
    return kind;
  }
  switch (typeof v) {
    case "number":
      return Kind.Float;
    case "bigint":
      return Kind.Int;
    case "boolean":
      return Kind.Bool;
    case "string":
      // A string where the first element stands is read as a sequence of characters, one dimension too many.
      if (first) throw new ValueError(`too many dimensions 'str'`);
      throw new TypeError(`new(): invalid data type 'str'`);
  }
  if (v instanceof Tensor) {
    if (v.numel() !== 1) throw new ValueError("only one element tensors can be converted to Python scalars");
    return v.dtype.is_floating_point ? Kind.Float : v.dtype === bool ? Kind.Bool : Kind.Int;
  }
  throw new RuntimeError(`Could not infer dtype of ${pyTypeName(v)}`);
}

/** The sizes of nested data, read along the first elements (compute_sizes). */
function sizesOf(data: unknown): number[] {
  const shape: number[] = [];
  for (let level = data; Array.isArray(level); level = level[0]) {
    shape.push(level.length);
    if (level.length === 0) break;
  }
  return shape;
}

/** Writes nested data into `out` in row-major order, checking it is rectangular (recursive_store). */
function store(data: unknown, shape: readonly number[], dtype: DType, out: TypedArray): void {
  let at = 0;
  const visit = (v: unknown, dim: number): void => {
    if (dim === shape.length) {
      if (Array.isArray(v)) {
        if (dtype.is_floating_point) throw new TypeError("must be real number, not list");
        throw new TypeError("'list' object cannot be interpreted as an integer");
      }
      out[at++] = dtype.cast(leafValue(v, dtype));
      return;
    }
    if (!Array.isArray(v)) throw new TypeError("not a sequence");
    if (v.length !== shape[dim])
      throw new ValueError(`expected sequence of length ${shape[dim]} at dim ${dim} (got ${v.length})`);
    for (const item of v) visit(item, dim + 1);
  };
  visit(data, 0);
}

function leafValue(v: unknown, dtype: DType): number {
  if (v instanceof Tensor) return v.item();
  if (typeof v === "bigint" && dtype.category === Category.Integral) {
    // int32 refuses what it cannot hold later, with PyTorch's overflow error.
    return exactInt64(v, dtype === int64);
  }
  return Number(v as number | bigint | boolean);
}

const INT64_LIMIT = 2n ** 63n;

/**
 * A bigint as an int64 element: Python's int unpacking refuses what int64 cannot hold, and tensorgrad refuses
 * what its doubles cannot hold exactly (beyond 2^53 only some integers are doubles; docs/int64.md).
 */
function exactInt64(v: bigint, mustBeExact: boolean): number {
  if (v < -INT64_LIMIT || v >= INT64_LIMIT) throw new RuntimeError("Overflow when unpacking long");
  const x = Number(v);
  if (mustBeExact && BigInt(x) !== v)
    throw new RuntimeError(
      `int64 value ${v} cannot be stored exactly: tensorgrad's int64 tensors hold their values as doubles, exact ` +
        `up to 2^53 in magnitude; the nearest they can hold is ${BigInt(x)} (see docs/int64.md)`,
    );
  return x;
}

/** The range c10::checked_convert accepts for an integer dtype (its limits as doubles: int64's max is 2^63). */
const INTEGER_RANGE: Partial<Record<DType["name"], readonly [number, number]>> = {
  int64: [-(2 ** 63), 2 ** 63],
  int32: [-(2 ** 31), 2 ** 31 - 1],
};

/** PyTorch's overflow check when numbers become elements of an integer dtype (torch.tensor(1e20, dtype=long)). */
function checkCastable(dtype: DType, values: ArrayLike<number | bigint>): void {
  const range = INTEGER_RANGE[dtype.name];
  if (range === undefined) return;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    const inRange =
      typeof v === "bigint" ? v >= BigInt(range[0]) && v <= BigInt(range[1]) : v >= range[0] && v <= range[1];
    if (!inRange) throw new RuntimeError(`value cannot be converted to type ${dtype.name} without overflow`);
  }
}

/**
 * A new tensor copying `data` (numbers, nested arrays, typed arrays, a tensor). Numbers give float32,
 * bigints int64, booleans bool, unless `dtype` says otherwise.
 */
export function tensorFromData(data: unknown, dtype: DType | null): Tensor {
  if (data instanceof Tensor) {
    const target = dtype ?? data.dtype;
    const values = data.values();
    if (target === data.dtype) return Tensor._fromData(values, data.shape, target);
    // A tensor's elements convert as `.to(dtype)` does (an int64 into int32 wraps), unchecked.
    const out = allocate(target, values.length);
    const cast = converter(data.dtype, target);
    for (let i = 0; i < values.length; i++) out[i] = cast(values[i]);
    return Tensor._fromData(out, data.shape, target);
  }
  if (ArrayBuffer.isView(data) && !(data instanceof DataView)) {
    const source = data as unknown as ArrayLike<number | bigint>;
    const target = dtype ?? typedArrayDtype(data);
    checkCastable(target, source);
    const out = allocate(target, source.length);
    for (let i = 0; i < source.length; i++) {
      const v = source[i]!;
      out[i] = target.cast(typeof v === "bigint" ? leafValue(v, target) : v);
    }
    return Tensor._fromData(out, [source.length], target);
  }
  if (typeof data === "string") throw new TypeError(`new(): invalid data type 'str'`);
  const kind = inferKind(data, true);
  const inferred = kind === Kind.Int ? int64 : kind === Kind.Bool ? bool : defaultFloatDtype();
  const target = dtype ?? inferred;
  const shape = sizesOf(data);
  const out = allocate(target, numel(shape));
  if (!target.is_floating_point && target !== bool) {
    const leaves: number[] = [];
    const collect = (v: unknown): void =>
      Array.isArray(v) ? v.forEach(collect) : void leaves.push(leafValue(v, target));
    collect(data);
    checkCastable(target, leaves);
  }
  store(data, shape, target, out);
  return Tensor._fromData(out, shape, target);
}

/** Internal torch.tensor(data, { dtype, requires_grad }). */
export function tensor(data: TensorData, opts: TensorOptions = {}): Tensor {
  return withRequiresGrad(tensorFromData(data, opts.dtype ?? null), opts.requires_grad);
}

// ---- filled tensors ----

export function zeros(shape: readonly number[], opts: TensorOptions = {}): Tensor {
  return withRequiresGrad(filled(shape, opts.dtype ?? defaultFloatDtype(), 0), opts.requires_grad);
}

export function ones(shape: readonly number[], opts: TensorOptions = {}): Tensor {
  return withRequiresGrad(filled(shape, opts.dtype ?? defaultFloatDtype(), 1), opts.requires_grad);
}

/** torch.empty: tensorgrad always initialises memory, so this is zeros. */
export function empty(shape: readonly number[], opts: TensorOptions = {}): Tensor {
  return zeros(shape, opts);
}

/** full(size, fill_value): the dtype follows the fill value (number float32, bigint int64, boolean bool). */
export function full(
  shape: readonly number[],
  fillValue: number | boolean | bigint,
  opts: TensorOptions = {},
): Tensor {
  const inferred =
    typeof fillValue === "boolean" ? bool : typeof fillValue === "bigint" ? int64 : defaultFloatDtype();
  const value = typeof fillValue === "boolean" ? Number(fillValue) : fillValue;
  return withRequiresGrad(filled(shape, opts.dtype ?? inferred, value), opts.requires_grad);
}

export function zeros_like(input: Tensor, opts: TensorOptions = {}): Tensor {
  return withRequiresGrad(filled(input.shape, opts.dtype ?? input.dtype, 0), opts.requires_grad);
}

export function ones_like(input: Tensor, opts: TensorOptions = {}): Tensor {
  return withRequiresGrad(filled(input.shape, opts.dtype ?? input.dtype, 1), opts.requires_grad);
}

export function empty_like(input: Tensor, opts: TensorOptions = {}): Tensor {
  return zeros_like(input, opts);
}

export function full_like(input: Tensor, fillValue: number | boolean, opts: TensorOptions = {}): Tensor {
  return withRequiresGrad(
    filled(input.shape, opts.dtype ?? input.dtype, Number(fillValue)),
    opts.requires_grad,
  );
}

// ---- ranges ----

/** start, start + step, ... up to (not including) end, in `dtype`: PyTorch's arange checks and length. */
export function rangeValues(start: number, end: number, step: number, dtype: DType): Tensor {
  if (step === 0) throw new RuntimeError("step must be nonzero");
  if (!Number.isFinite(start) || !Number.isFinite(end))
    throw new RuntimeError(`unsupported range: ${cppDoubleStr(start)} -> ${cppDoubleStr(end)}`);
  if ((step > 0 && end < start) || (step < 0 && end > start))
    throw new RuntimeError("upper bound and larger bound inconsistent with step sign");
  const n = Math.ceil((end - start) / step);
  const data = allocate(dtype, n);
  for (let i = 0; i < n; i++) data[i] = dtype.cast(start + i * step);
  return Tensor._fromData(data, [n], dtype);
}

/** Internal arange(end): 0, 1, ..., end - 1 (int64 unless `dtype` says otherwise). */
export function arange(end: number, opts: TensorOptions = {}): Tensor {
  return withRequiresGrad(rangeValues(0, end, 1, opts.dtype ?? int64), opts.requires_grad);
}

/**
 * linspace's values as PyTorch's CPU kernel builds them (RangeFactoriesKernel.cpp): from `start` up to half
 * way and from `end` down after it, so the last value is exactly `end`. Floating dtypes go in blocks of two
 * AVX2 vectors (16 floats, 8 doubles): each vector's first value is start + step * i (or end - step * k) with
 * a fused multiply-add, its other lanes add lane * step to it; the elements past the last block are computed
 * one by one with the fused formula.
 */
export function linspaceValues(start: number, end: number, steps: number, dtype: DType): Tensor {
  if (steps < 0) throw new RuntimeError("number of steps must be non-negative");
  const data = allocate(dtype, steps);
  if (steps === 1) data[0] = dtype.cast(start);
  else if (steps > 1 && dtype.is_floating_point) {
    const r = dtype.cast;
    const fused = dtype.itemsize === 4 ? fmaf : fma;
    const [s, e] = [r(start), r(end)];
    const step = r(r(e - s) / (steps - 1));
    const halfway = Math.floor(steps / 2);
    const at = (i: number) => (i < halfway ? fused(step, i, s) : fused(-step, steps - i - 1, e));
    const width = dtype.itemsize === 4 ? 8 : 4;
    const vectorEnd = steps - (steps % (2 * width));
    for (let i = 0; i < vectorEnd; i += width) {
      const base = at(i);
      data[i] = base;
      for (let lane = 1; lane < width; lane++) data[i + lane] = r(base + r(lane * step));
    }
    for (let i = vectorEnd; i < steps; i++) data[i] = at(i);
  } else if (steps > 1) {
    // Integral dtypes compute in double and truncate, as PyTorch's integer linspace kernel does.
    const step = (end - start) / (steps - 1);
    const halfway = Math.floor(steps / 2);
    for (let i = 0; i < steps; i++)
      data[i] = dtype.cast(i < halfway ? start + step * i : end - step * (steps - i - 1));
  }
  return Tensor._fromData(data, [steps], dtype);
}
