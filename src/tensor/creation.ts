// Making tensors: from JS data, filled, ranges, random. JS has one number type, so numbers make
// float32 tensors (Python's 3.0); integer data is written as bigint (3n) or with { dtype: torch.int64 }.
import { RuntimeError, ValueError } from "../errors.js";
import {
  allocate,
  bool,
  defaultFloatDtype,
  describe,
  float32,
  float64,
  int32,
  int64,
  toDType,
  type DType,
  type TypedArray,
} from "./dtype.js";
import { default_generator, normalFill, uniformFill, type Generator } from "./random.js";
import { checkShape, numel } from "./shape.js";
import { Tensor } from "./tensor.js";

export interface TensorOptions {
  dtype?: DType | string | null;
  requires_grad?: boolean;
  device?: "cpu" | null;
}

export interface RandomOptions extends TensorOptions {
  generator?: Generator | null;
}

export type NestedData = number | boolean | bigint | readonly NestedData[];
export type TensorData =
  NestedData | TypedArray | BigInt64Array | Int8Array | Int16Array | Uint16Array | Uint32Array;

function checkOptions(opts: unknown, fn: string): TensorOptions {
  if (opts === undefined || opts === null) return {};
  if (typeof opts !== "object" || Array.isArray(opts))
    throw new TypeError(`${fn}(): options must be an object, not ${describe(opts)}`);
  const o = opts as TensorOptions;
  if (o.device !== undefined && o.device !== null && o.device !== "cpu") {
    throw new RuntimeError(`${fn}(): tensorgrad runs on the CPU only, but got device '${String(o.device)}'`);
  }
  if (o.requires_grad !== undefined && typeof o.requires_grad !== "boolean") {
    throw new TypeError(`${fn}(): argument 'requires_grad' must be bool, not ${describe(o.requires_grad)}`);
  }
  return o;
}

function finish(t: Tensor, opts: TensorOptions): Tensor {
  if (opts.requires_grad) {
    if (!t.dtype.is_floating_point)
      throw new RuntimeError("Only Tensors of floating point and complex dtype can require gradients");
    t._requiresGrad = true;
  }
  return t;
}

function filled(shape: number[], dtype: DType, value: number): Tensor {
  const data = allocate(dtype, numel(shape));
  if (value !== 0) data.fill(dtype.cast(value));
  return Tensor._fromData(data, shape, dtype);
}

// ---- torch.tensor ----

function typedArrayDtype(a: ArrayBufferView): DType {
  if (a instanceof Float32Array) return float32;
  if (a instanceof Float64Array) return float64;
  if (a instanceof Int32Array) return int32;
  return int64;
}

/** Walks nested arrays once: checks they are rectangular, collects values, and infers the dtype. */
function flatten(data: NestedData): { shape: number[]; values: (number | boolean | bigint)[]; dtype: DType } {
  const shape: number[] = [];
  for (let level: NestedData = data; Array.isArray(level); level = (level as NestedData[])[0]) {
    shape.push((level as NestedData[]).length);
    if ((level as NestedData[]).length === 0) break;
  }
  const values: (number | boolean | bigint)[] = [];
  let sawFloat = false;
  let sawInt = false;
  let sawBool = false;
  const visit = (v: NestedData, dim: number): void => {
    if (Array.isArray(v)) {
      if (dim >= shape.length) throw new TypeError("not a sequence");
      if (v.length !== shape[dim])
        throw new ValueError(`expected sequence of length ${shape[dim]} at dim ${dim} (got ${v.length})`);
      for (const item of v) visit(item, dim + 1);
      return;
    }
    if (dim < shape.length) throw new TypeError(`not a sequence`);
    if (typeof v === "number") sawFloat = true;
    else if (typeof v === "bigint") sawInt = true;
    else if (typeof v === "boolean") sawBool = true;
    else throw new TypeError(`new(): invalid data type '${describe(v)}'`);
    values.push(v);
  };
  visit(data, 0);
  const dtype = sawFloat ? defaultFloatDtype() : sawInt ? int64 : sawBool ? bool : defaultFloatDtype();
  return { shape, values, dtype };
}

/**
 * torch.tensor(data, { dtype, requires_grad }): a new tensor copying `data` (numbers, nested arrays,
 * typed arrays). Numbers give float32, bigints int64, booleans bool, unless `dtype` says otherwise.
 */
export function tensor(data: TensorData | Tensor, opts?: TensorOptions): Tensor {
  const o = checkOptions(opts, "tensor");
  if (data instanceof Tensor) {
    const dtype = o.dtype ? toDType(o.dtype) : data.dtype;
    return finish(
      Tensor._fromData(
        data._view().dtype === dtype ? data.values() : castValues(data.values(), dtype),
        data.shape,
        dtype,
      ),
      o,
    );
  }
  if (ArrayBuffer.isView(data) && !(data instanceof DataView)) {
    const source = data as ArrayLike<number | bigint>;
    const dtype = o.dtype ? toDType(o.dtype) : typedArrayDtype(data);
    const out = allocate(dtype, source.length);
    for (let i = 0; i < source.length; i++) out[i] = dtype.cast(Number(source[i]));
    return finish(Tensor._fromData(out, [source.length], dtype), o);
  }
  if (data === undefined || data === null || (typeof data === "object" && !Array.isArray(data))) {
    throw new TypeError(`new(): invalid data type '${describe(data)}'`);
  }
  const { shape, values, dtype: inferred } = flatten(data as NestedData);
  const dtype = o.dtype ? toDType(o.dtype) : inferred;
  const out = allocate(dtype, values.length);
  for (let i = 0; i < values.length; i++) out[i] = dtype.cast(Number(values[i]));
  return finish(Tensor._fromData(out, shape, dtype), o);
}

function castValues(values: TypedArray, dtype: DType): TypedArray {
  const out = allocate(dtype, values.length);
  for (let i = 0; i < values.length; i++) out[i] = dtype.cast(values[i]);
  return out;
}

// ---- filled tensors ----

type SizeArgs = (number | readonly number[] | TensorOptions | undefined)[];

/** PyTorch's size spellings: f(2, 3), f([2, 3]) and either followed by an options object. */
function parseSize(fn: string, args: SizeArgs): [number[], TensorOptions] {
  let opts: unknown = undefined;
  let rest = args;
  const last = args[args.length - 1];
  if (last !== undefined && typeof last === "object" && !Array.isArray(last)) {
    opts = last;
    rest = args.slice(0, -1);
  }
  const dims = rest.length === 1 && Array.isArray(rest[0]) ? rest[0] : rest;
  return [checkShape(dims, "size"), checkOptions(opts, fn)];
}

function dtypeOr(opts: TensorOptions, fallback: DType): DType {
  return opts.dtype ? toDType(opts.dtype) : fallback;
}

export function zeros(...args: SizeArgs): Tensor {
  const [shape, o] = parseSize("zeros", args);
  return finish(filled(shape, dtypeOr(o, defaultFloatDtype()), 0), o);
}

export function ones(...args: SizeArgs): Tensor {
  const [shape, o] = parseSize("ones", args);
  return finish(filled(shape, dtypeOr(o, defaultFloatDtype()), 1), o);
}

/** torch.empty: tensorgrad always initialises memory, so this is zeros. */
export function empty(...args: SizeArgs): Tensor {
  const [shape, o] = parseSize("empty", args);
  return finish(filled(shape, dtypeOr(o, defaultFloatDtype()), 0), o);
}

/** torch.full(size, fill_value): the dtype follows the fill value (number float32, bigint int64, boolean bool). */
export function full(
  size: readonly number[],
  fill_value: number | boolean | bigint,
  opts?: TensorOptions,
): Tensor {
  const o = checkOptions(opts, "full");
  if (typeof fill_value !== "number" && typeof fill_value !== "boolean" && typeof fill_value !== "bigint") {
    throw new TypeError(`full(): argument 'fill_value' must be Number, not ${describe(fill_value)}`);
  }
  const inferred =
    typeof fill_value === "boolean" ? bool : typeof fill_value === "bigint" ? int64 : defaultFloatDtype();
  return finish(filled(checkShape(size), dtypeOr(o, inferred), Number(fill_value)), o);
}

function likeOptions(input: Tensor, opts: TensorOptions | undefined, fn: string): [DType, TensorOptions] {
  if (!(input instanceof Tensor))
    throw new TypeError(`${fn}(): argument 'input' must be Tensor, not ${describe(input)}`);
  const o = checkOptions(opts, fn);
  return [dtypeOr(o, input.dtype), o];
}

export function zeros_like(input: Tensor, opts?: TensorOptions): Tensor {
  const [dtype, o] = likeOptions(input, opts, "zeros_like");
  return finish(filled([...input.shape], dtype, 0), o);
}

export function ones_like(input: Tensor, opts?: TensorOptions): Tensor {
  const [dtype, o] = likeOptions(input, opts, "ones_like");
  return finish(filled([...input.shape], dtype, 1), o);
}

export function empty_like(input: Tensor, opts?: TensorOptions): Tensor {
  return zeros_like(input, opts);
}

export function full_like(input: Tensor, fill_value: number | boolean, opts?: TensorOptions): Tensor {
  const [dtype, o] = likeOptions(input, opts, "full_like");
  return finish(filled([...input.shape], dtype, Number(fill_value)), o);
}

// ---- ranges ----

function checkNumber(v: unknown, fn: string, arg: string): number {
  if (typeof v !== "number" || Number.isNaN(v))
    throw new TypeError(`${fn}(): argument '${arg}' must be Number, not ${describe(v)}`);
  return v;
}

/**
 * torch.arange(end) or torch.arange(start, end, step?): int64 when every argument is an integer
 * (as `torch.arange(5)` is in Python), float32 otherwise.
 */
export function arange(
  start: number,
  end?: number | TensorOptions,
  step?: number | TensorOptions,
  opts?: TensorOptions,
): Tensor {
  const args = [start, end, step, opts];
  const last = args.findIndex((a) => a !== undefined && typeof a === "object");
  const o = checkOptions(last >= 0 ? args[last] : undefined, "arange");
  const nums = (last >= 0 ? args.slice(0, last) : args).filter((a) => a !== undefined) as number[];
  nums.forEach((v, i) => checkNumber(v, "arange", ["start", "end", "step"][i]));
  const [from, to, by] = nums.length === 1 ? [0, nums[0], 1] : [nums[0], nums[1], nums[2] ?? 1];
  if (by === 0) throw new RuntimeError("step must be nonzero");
  if (!Number.isFinite(from) || !Number.isFinite(to))
    throw new RuntimeError(`unsupported range: ${from} -> ${to}`);
  if ((by > 0 && to < from) || (by < 0 && to > from))
    throw new RuntimeError("upper bound and larger bound inconsistent with step sign");
  const allInts = nums.every((v) => Number.isInteger(v));
  const dtype = dtypeOr(o, allInts ? int64 : defaultFloatDtype());
  const n = Math.ceil((to - from) / by);
  const data = allocate(dtype, n);
  for (let i = 0; i < n; i++) data[i] = dtype.cast(from + i * by);
  return finish(Tensor._fromData(data, [n], dtype), o);
}

/** torch.linspace(start, end, steps): PyTorch's two-sided formula, so the last value is exactly `end`. */
export function linspace(start: number, end: number, steps: number, opts?: TensorOptions): Tensor {
  checkNumber(start, "linspace", "start");
  checkNumber(end, "linspace", "end");
  if (typeof steps !== "number" || !Number.isInteger(steps))
    throw new TypeError(`linspace(): argument 'steps' must be int, not ${describe(steps)}`);
  if (steps < 0) throw new RuntimeError("number of steps must be non-negative");
  const o = checkOptions(opts, "linspace");
  const dtype = dtypeOr(o, defaultFloatDtype());
  const r = dtype.cast;
  const data = allocate(dtype, steps);
  if (steps === 1) data[0] = r(start);
  else if (steps > 1) {
    const [s, e] = [r(start), r(end)];
    const step = r(r(e - s) / (steps - 1));
    const halfway = Math.floor(steps / 2);
    for (let i = 0; i < steps; i++)
      data[i] = i < halfway ? r(s + r(step * i)) : r(e - r(step * (steps - i - 1)));
  }
  return finish(Tensor._fromData(data, [steps], dtype), o);
}

// ---- random ----

function randomArgs(fn: string, args: (number | readonly number[] | RandomOptions | undefined)[]) {
  const [shape, o] = parseSize(fn, args);
  const opts = o as RandomOptions;
  const dtype = dtypeOr(opts, defaultFloatDtype());
  if (!dtype.is_floating_point)
    throw new RuntimeError(
      `"${fn === "rand" ? "check_uniform_bounds" : "normal_kernel_cpu"}" not implemented for '${dtype.name}'`,
    );
  return { shape, opts, dtype, gen: opts.generator ?? default_generator };
}

/** torch.rand: uniform on [0, 1), the same numbers as PyTorch after the same manual_seed. */
export function rand(...args: (number | readonly number[] | RandomOptions | undefined)[]): Tensor {
  const { shape, opts, dtype, gen } = randomArgs("rand", args);
  const data = allocate(dtype, numel(shape));
  uniformFill(data, 0, 1, gen, dtype === float64);
  return finish(Tensor._fromData(data, shape, dtype), opts);
}

/** torch.randn: standard normal, the same numbers as PyTorch after the same manual_seed. */
export function randn(...args: (number | readonly number[] | RandomOptions | undefined)[]): Tensor {
  const { shape, opts, dtype, gen } = randomArgs("randn", args);
  const data = allocate(dtype, numel(shape));
  normalFill(data, 0, 1, gen, dtype === float64);
  return finish(Tensor._fromData(data, shape, dtype), opts);
}

/** torch.randint(low?, high, size): int64 values in [low, high). */
export function randint(
  low: number,
  high: number | readonly number[],
  size?: readonly number[] | RandomOptions,
  opts?: RandomOptions,
): Tensor {
  const [lo, hi, shape, rawOpts] = Array.isArray(high)
    ? [0, low, high, size as RandomOptions | undefined]
    : [low, high as number, size as readonly number[], opts];
  const o = checkOptions(rawOpts, "randint") as RandomOptions;
  if (!Number.isInteger(lo) || !Number.isInteger(hi))
    throw new TypeError("randint(): low and high must be integers");
  if (hi <= lo)
    throw new RuntimeError(`random_ expects 'from' to be less than 'to', but got from=${lo} >= to=${hi}`);
  const dims = checkShape(shape);
  const dtype = dtypeOr(o, int64);
  const gen = o.generator ?? default_generator;
  const range = hi - lo;
  const data = allocate(dtype, numel(dims));
  for (let i = 0; i < data.length; i++) data[i] = (gen.random() % range) + lo;
  return finish(Tensor._fromData(data, dims, dtype), o);
}
