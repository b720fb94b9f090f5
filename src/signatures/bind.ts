// Binding a JS call to a signature: which overload it is, and the value of every parameter.
// Native signatures follow python_arg_parser.cpp (FunctionSignature::parse, PythonArgParser::raw_parse
// and print_error, then PythonArgs' conversions); Python-level ones follow CPython's own rules.
import { RuntimeError } from "../errors.js";
import { Device, Layout, MemoryFormat } from "../tensor/device.js";
import { Category, DType } from "../tensor/dtype.js";
import { Generator } from "../tensor/random.js";
import { Tensor } from "../tensor/tensor.js";
import {
  extraArgsMessage,
  extraKwargsMessage,
  invalidArgsMessage,
  missingArgsMessage,
  noArgsMessage,
  pyMissingMessage,
  pyTooManyMessage,
  pyTypeName,
} from "./messages.js";
import { ArgType, pyTypeText, typeName, type Param, type PyType, type Signature } from "./schema.js";
import { checkInt64Operand } from "./int_range.js";

/** Keyword arguments: the options object of a call, or null when there is none. */
export type Kwargs = Record<string, unknown> | null;

/** Whether `v` is a plain object literal: what a call's trailing options object must be. */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== "object") return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

// ---- native: checking one argument (FunctionParameter::check) -----------------------------------------

function isIndex(v: unknown): boolean {
  if (typeof v === "number") return Number.isInteger(v);
  if (typeof v === "bigint") return true;
  return v instanceof Tensor && v.shape.length === 0 && v.dtype.category === Category.Integral;
}

function isDouble(v: unknown): boolean {
  return typeof v === "number" || typeof v === "bigint" || typeof v === "boolean";
}

const isScalarValue = isDouble;

function isZeroDimNoGrad(v: unknown): boolean {
  return v instanceof Tensor && v.shape.length === 0 && !v._requiresGrad;
}

/** check(): whether `v` fits the parameter. Tensor lists with a non-tensor element raise at once, as in PyTorch. */
function check(p: Param, v: unknown, argnum: number): boolean {
  switch (p.type) {
    case ArgType.Tensor:
      return v instanceof Tensor || (p.allowNumbersAsTensors && isScalarValue(v));
    case ArgType.Scalar:
    case ArgType.Complex:
    case ArgType.Double:
      return isDouble(v) || isZeroDimNoGrad(v);
    case ArgType.Int:
    case ArgType.SymInt:
      return isIndex(v) && (!(v instanceof Tensor) || !v._requiresGrad);
    case ArgType.Bool:
      return typeof v === "boolean";
    case ArgType.IntList:
    case ArgType.SymIntList:
      if (Array.isArray(v)) return v.length === 0 || isIndex(v[0]);
      return p.size > 0 && isIndex(v) && !(v instanceof Tensor);
    case ArgType.FloatList:
      return Array.isArray(v) && (v.length === 0 || isDouble(v[0]));
    case ArgType.ScalarList:
      return Array.isArray(v) && v.every(isScalarValue);
    case ArgType.TensorList:
      if (!Array.isArray(v)) return false;
      for (let i = 0; i < v.length; i++) {
        if (!(v[i] instanceof Tensor))
          throw new TypeError(
            `expected Tensor as element ${i} in argument ${argnum}, but got ${pyTypeName(v[i])}`,
          );
      }
      return true;
    case ArgType.Generator:
      return v instanceof Generator;
    case ArgType.ScalarType:
      return v instanceof DType;
    case ArgType.Layout:
      return v instanceof Layout;
    case ArgType.MemoryFormat:
      return v instanceof MemoryFormat;
    case ArgType.Device:
      return (typeof v === "number" && Number.isInteger(v)) || typeof v === "string" || v instanceof Device;
    case ArgType.String:
      return typeof v === "string";
    case ArgType.Dimname:
      // THPUtils_checkDimname: None passes the check (and fails when converted to a name).
      return v === null || typeof v === "string";
    case ArgType.DimnameList:
      return (
        (Array.isArray(v) && v.every((x) => x === null || typeof x === "string")) ||
        (p.size === 1 && typeof v === "string")
      );
    case ArgType.PyObject:
      return true;
  }
}

// ---- native: one signature (FunctionSignature::parse) ----------------------------------------------------

/** Marks "take every positional argument as this int list" (`x.view(2, 3)`). */
const VARARGS = Symbol("varargs");

/**
 * The raw argument of each parameter (undefined: use the default), or null when the call doesn't fit and
 * `raise` is false. With `raise`, a misfit throws PyTorch's TypeError for this signature.
 */
function parseNative(
  sig: Signature,
  args: readonly unknown[],
  kwargs: Kwargs,
  raise: boolean,
): unknown[] | null {
  const nargs = args.length;
  const params = sig.params;
  let remainingKwargs = 0;
  if (kwargs !== null) for (const k in kwargs) if (kwargs[k] !== undefined) remainingKwargs++;
  const first = params[0];
  const allowVarargs =
    sig.maxPosArgs === 1 &&
    first !== undefined &&
    (first.type === ArgType.IntList || first.type === ArgType.SymIntList);
  if (nargs > sig.maxPosArgs && !allowVarargs) {
    if (raise) throw new TypeError(extraArgsMessage(sig, nargs));
    return null;
  }
  const out = new Array<unknown>(params.length);
  let argPos = 0;
  for (let i = 0; i < params.length; i++) {
    const p = params[i];
    let v: unknown = undefined;
    let isKwd = false;
    if (argPos < nargs) {
      if (p.keywordOnly) {
        if (raise) throw new TypeError(extraArgsMessage(sig, nargs));
        return null;
      }
      v = args[argPos];
    } else if (kwargs !== null) {
      v = kwargs[p.name];
      for (let j = 0; v === undefined && j < p.numpyNames.length; j++) v = kwargs[p.numpyNames[j]];
      isKwd = true;
    }
    const varargsEligible = allowVarargs && argPos === 0 && !isKwd;
    if ((v === undefined && p.optional) || (v === null && p.allowNone)) {
      out[i] = undefined;
    } else if (v === undefined) {
      if (raise) throw new TypeError(missingArgsMessage(sig, i));
      return null;
    } else if (check(p, v, i)) {
      out[i] = v;
    } else if (varargsEligible && isIndex(args[0])) {
      out[i] = VARARGS;
      argPos = nargs;
      continue;
    } else if (raise) {
      throw new TypeError(
        isKwd
          ? `${sig.name}(): argument '${p.name}' must be ${typeName(p)}, not ${pyTypeName(v)}`
          : `${sig.name}(): argument '${p.name}' (position ${argPos + 1}) must be ${typeName(p)}, not ${pyTypeName(v)}`,
      );
    } else {
      return null;
    }
    if (!isKwd) argPos++;
    else if (v !== undefined) remainingKwargs--;
  }
  if (remainingKwargs > 0) {
    if (raise) throw new TypeError(extraKwargsMessage(sig, kwargs!, nargs));
    return null;
  }
  return out;
}

// ---- native: converting the raw arguments (PythonArgs' accessors) -----------------------------------------

const INT64_LIMIT = 2 ** 63;

function toInt(v: unknown): number {
  if (typeof v === "number") {
    if (v >= INT64_LIMIT || v < -INT64_LIMIT) throw new RuntimeError("Overflow when unpacking long");
    return v === 0 ? 0 : v;
  }
  if (typeof v === "bigint") {
    if (v >= 2n ** 63n || v < -(2n ** 63n)) throw new RuntimeError("Overflow when unpacking long");
    return Number(v);
  }
  return (v as Tensor).item();
}

function toIntList(sig: Signature, p: Param, v: unknown): number[] {
  if (!Array.isArray(v)) return new Array<number>(p.size).fill(toInt(v));
  const out = new Array<number>(v.length);
  for (let i = 0; i < v.length; i++) {
    const item: unknown = v[i];
    const ok =
      isIndex(item) &&
      !(typeof item === "number" && (item >= INT64_LIMIT || item < -INT64_LIMIT)) &&
      !(typeof item === "bigint" && (item >= 2n ** 63n || item < -(2n ** 63n)));
    if (!ok) {
      throw new TypeError(
        `${sig.name}(): argument '${p.name}' must be ${typeName(p)}, but found element of type ${pyTypeName(item)} at pos ${i + 1}`,
      );
    }
    out[i] = toInt(item);
  }
  return out;
}

function toNumber(v: unknown): number {
  if (typeof v === "number") return v;
  if (typeof v === "bigint" || typeof v === "boolean") return Number(v);
  return (v as Tensor).item();
}

/** A 0-dim tensor given as a Scalar stands for its value, as PyTorch's Tensor.item() does. */
function toScalar(v: unknown): unknown {
  if (!(v instanceof Tensor)) return v;
  const x = v.item();
  return v.dtype.category === Category.Bool ? x !== 0 : x;
}

function convertNative(sig: Signature, p: Param, v: unknown, args: readonly unknown[]): unknown {
  if (v === undefined) return p.optional ? (p.defaultValue ?? null) : null;
  checkInt64Operand(p, v);
  switch (p.type) {
    case ArgType.Int:
    case ArgType.SymInt:
      return toInt(v);
    case ArgType.Double:
    case ArgType.Complex:
      return toNumber(v);
    case ArgType.Scalar:
      return toScalar(v);
    case ArgType.IntList:
    case ArgType.SymIntList:
      return toIntList(sig, p, v === VARARGS ? args : v);
    case ArgType.FloatList:
      return (v as unknown[]).map(toNumber);
    case ArgType.TensorList:
      // PythonArgs::tensorlist_n: a fixed-size list (`TensorList[3] out`) must have that many.
      if (p.size > 0 && Array.isArray(v) && v.length !== p.size)
        throw new TypeError(`expected tuple of ${p.size} elements but got ${v.length}`);
      return Array.isArray(v) ? [...(v as unknown[])] : [v];
    case ArgType.ScalarList:
    case ArgType.DimnameList:
      return Array.isArray(v) ? [...(v as unknown[])] : [v];
    case ArgType.Device:
      return typeof v === "number" ? new Device("cuda", v) : new Device(v as string | Device);
    default:
      return v;
  }
}

/** The overload a native call binds to and its converted arguments (every parameter, `out` included). */
export interface Bound {
  readonly index: number;
  readonly values: unknown[];
}

/** PythonArgParser::raw_parse: the first signature that takes the call; PyTorch's error when none does. */
export function bindNative(sigs: readonly Signature[], args: readonly unknown[], kwargs: Kwargs): Bound {
  let index = -1;
  let raw: unknown[] | null = null;
  if (sigs.length === 1) {
    raw = parseNative(sigs[0], args, kwargs, true);
    index = 0;
  } else {
    for (let i = 0; i < sigs.length && raw === null; i++) {
      raw = parseNative(sigs[i], args, kwargs, false);
      index = i;
    }
    if (raw === null) throw invalidCombination(sigs, args, kwargs);
  }
  const sig = sigs[index];
  const values = raw as unknown[];
  for (let i = 0; i < values.length; i++) values[i] = convertNative(sig, sig.params[i], values[i], args);
  return { index, values };
}

/** print_error: the one plausible signature's own error, or the listing of every signature. */
function invalidCombination(sigs: readonly Signature[], args: readonly unknown[], kwargs: Kwargs): TypeError {
  let given = args.length;
  if (kwargs !== null) for (const k in kwargs) if (kwargs[k] !== undefined) given++;
  const plausible = sigs.filter((s) => !s.hidden && given >= s.minArgs && given <= s.maxArgs);
  if (plausible.length === 1) parseNative(plausible[0], args, kwargs, true);
  const listing = sigs.filter((s) => !s.hidden).map((s) => s.toString());
  return new TypeError(invalidArgsMessage(sigs[0].name, listing, args, kwargs));
}

// ---- Python-level signatures (CPython's binding, then our type checks) -------------------------------------

/** Type checks for class names in Python-level annotations, registered by the layers that define them. */
const PY_CLASS_CHECKS = new Map<string, (v: unknown) => boolean>();

export function registerPyType(name: string, test: (v: unknown) => boolean): void {
  PY_CLASS_CHECKS.set(name, test);
}

function matchesPy(t: PyType, v: unknown): boolean {
  switch (t.kind) {
    case "union":
      return t.members.some((m) => matchesPy(m, v));
    case "list":
      return Array.isArray(v) && v.every((x) => matchesPy(t.of, x));
    case "literal":
      return typeof v === "string";
    case "name":
      switch (t.name) {
        case "None":
          return v === null;
        case "int":
          return isIndex(v) && !(v instanceof Tensor);
        case "float":
          return typeof v === "number" || typeof v === "bigint";
        case "Number":
          return isScalarValue(v);
        case "bool":
          return typeof v === "boolean";
        case "str":
          return typeof v === "string";
        case "Tensor":
          return v instanceof Tensor;
        case "dtype":
          return v instanceof DType;
        case "device":
          return (
            v instanceof Device || typeof v === "string" || (typeof v === "number" && Number.isInteger(v))
          );
        case "Generator":
          return v instanceof Generator;
        case "callable":
          return typeof v === "function";
        case "dict":
          return isPlainObject(v) || v instanceof Map;
        case "object":
        case "Any":
          return true;
      }
      return PY_CLASS_CHECKS.get(t.name)?.(v) ?? true;
  }
}

/** A bound Python-level value as the implementation receives it: ints and floats as JS numbers. */
function convertPy(t: PyType | null, v: unknown): unknown {
  if (typeof v === "bigint" && t !== null && (matchesPy(t, 1) || matchesPy(t, 1.5))) return Number(v);
  if (Array.isArray(v) && t !== null) return v.map((x) => (typeof x === "bigint" ? Number(x) : x));
  return v;
}

/**
 * Whether a Python-level name is a method, whose argument counts include `self` ("Linear.__init__"); a
 * `@staticmethod` has none ("Transformer.generate_square_subsequent_mask").
 */
function selfCount(sig: Signature): number {
  return sig.name.includes(".") && !sig.staticMethod ? 1 : 0;
}

/** Binds a call to a Python-level signature: one value per parameter (*args as an array, **kwargs as an object). */
export function bindPython(sig: Signature, args: readonly unknown[], kwargs: Kwargs): unknown[] {
  const params = sig.params;
  const values = new Array<unknown>(params.length).fill(undefined);
  const given = new Array<boolean>(params.length).fill(false);
  const positional: number[] = [];
  let varargs = -1;
  let varkw = -1;
  params.forEach((p, i) => {
    if (p.variadic === "args") varargs = i;
    else if (p.variadic === "kwargs") varkw = i;
    else if (!p.keywordOnly) positional.push(i);
  });
  const nargs = args.length;
  for (let i = 0; i < Math.min(nargs, positional.length); i++) {
    values[positional[i]] = args[i];
    given[positional[i]] = true;
  }
  if (varargs >= 0) values[varargs] = args.slice(positional.length);
  const extra: Record<string, unknown> = {};
  let keywordOnlyGiven = 0;
  if (kwargs !== null) {
    for (const key of Object.keys(kwargs)) {
      const v = kwargs[key];
      if (v === undefined) continue;
      const index = params.findIndex((p) => p.name === key && p.variadic === null);
      if (index < 0) {
        if (varkw < 0) throw new TypeError(`${sig.name}() got an unexpected keyword argument '${key}'`);
        extra[key] = v;
        continue;
      }
      if (given[index]) throw new TypeError(`${sig.name}() got multiple values for argument '${key}'`);
      values[index] = v;
      given[index] = true;
      if (params[index].keywordOnly) keywordOnlyGiven++;
    }
  }
  if (varkw >= 0) values[varkw] = extra;
  const self = selfCount(sig);
  if (nargs > positional.length && varargs < 0) {
    const defaults = positional.filter((i) => params[i].optional).length;
    throw new TypeError(
      pyTooManyMessage(sig.name, positional.length + self, defaults, nargs + self, keywordOnlyGiven),
    );
  }
  const missing = positional.filter((i) => !given[i] && !params[i].optional).map((i) => params[i].name);
  if (missing.length > 0) throw new TypeError(pyMissingMessage(sig.name, missing, false));
  const missingKw = params
    .map((p, i) => [p, i] as const)
    .filter(([p, i]) => p.keywordOnly && !p.variadic && !given[i] && !p.optional)
    .map(([p]) => p.name);
  if (missingKw.length > 0) throw new TypeError(pyMissingMessage(sig.name, missingKw, true));
  for (let i = 0; i < params.length; i++) {
    const p = params[i];
    if (p.variadic) continue;
    if (!given[i]) {
      values[i] = p.defaultValue === undefined ? null : p.defaultValue;
      continue;
    }
    const v = values[i];
    if (p.forwarded) continue;
    if (p.pyType !== null && !matchesPy(p.pyType, v)) {
      // Python code calls a callback it was given: a non-callable fails there, in CPython's words.
      if (p.pyType.kind === "name" && p.pyType.name === "callable")
        throw new TypeError(`'${pyTypeName(v)}' object is not callable`);
      const at = positional.indexOf(i);
      const where = at >= 0 && at < nargs ? ` (position ${at + 1})` : "";
      throw new TypeError(
        `${sig.name}(): argument '${p.name}'${where} must be ${pyTypeText(p.pyType)}, not ${pyTypeName(v)}`,
      );
    }
    values[i] = convertPy(p.pyType, v);
  }
  return values;
}

/**
 * The values a Python-level signature binds a call without arguments to (every default), made fresh per call
 * (defaults such as `()` are arrays an implementation may keep); null when a parameter is required.
 */
export function pythonDefaults(sig: Signature): (() => unknown[]) | null {
  if (sig.params.some((p) => !p.optional && p.variadic === null)) return null;
  const make = sig.params.map((p): (() => unknown) => {
    if (p.variadic === "args") return () => [];
    if (p.variadic === "kwargs") return () => ({});
    const v = p.defaultValue === undefined ? null : p.defaultValue;
    return Array.isArray(v) ? () => [...(v as unknown[])] : () => v;
  });
  return () => make.map((f) => f());
}

/** A C method that takes nothing: any argument is an error in CPython's words. */
export function bindNoArgs(sig: Signature, args: readonly unknown[], kwargs: Kwargs): unknown[] {
  if (kwargs !== null && Object.keys(kwargs).some((k) => kwargs[k] !== undefined))
    throw new TypeError(`${sig.name}() takes no keyword arguments`);
  if (args.length > 0) throw new TypeError(noArgsMessage(sig.name, args.length));
  return [];
}

// ---- the fast path: positional calls of simple types ------------------------------------------------------

/** What the fast path makes of a call for one signature besides binding it. */
export const NO_MATCH = 0;
export const UNSURE = 1;
const MATCH = 2;
type Verdict = typeof NO_MATCH | typeof UNSURE | typeof MATCH;

const INT_LIMIT = 2 ** 53;

/**
 * A native signature compiled for calls without keywords: each positional argument is checked with a few
 * typeof/instanceof tests and passed on as is. Wherever the full parser might decide or convert differently
 * (a bigint, a 0-dim tensor standing for a number, an int list to check element by element), the plan says
 * UNSURE and the call takes the full path, so the two agree on every call.
 */
export class FastPlan {
  private readonly positional: readonly Param[];
  /** The implementation's arguments: a scratch array refilled per call (apply copies it before the body runs). */
  private readonly scratch: unknown[];
  private readonly defaults: readonly unknown[];
  /** Where each implementation parameter lands once a method's tensor is put in. */
  private readonly slots: readonly number[];
  private readonly needsKeyword: boolean;
  private readonly listFirst: boolean;

  constructor(
    sig: Signature,
    private readonly selfIndex: number,
  ) {
    this.positional = sig.params.filter((p) => !p.keywordOnly);
    const impl = sig.implParams;
    this.scratch = new Array<unknown>(selfIndex >= 0 ? impl.length + 1 : impl.length).fill(null);
    this.defaults = impl.map((p) => (p.optional ? (p.defaultValue ?? null) : null));
    this.slots = impl.map((_, i) => (selfIndex >= 0 && i >= selfIndex ? i + 1 : i));
    this.needsKeyword = sig.params.some((p) => p.keywordOnly && !p.optional);
    this.listFirst = this.positional.length === 1 && isListParam(this.positional[0]);
  }

  /** The implementation's arguments for the first n of `args`, NO_MATCH, or UNSURE. */
  bind(self: unknown, args: ArrayLike<unknown>, n: number): unknown[] | typeof NO_MATCH | typeof UNSURE {
    const positional = this.positional;
    if (n > positional.length) return this.listFirst ? UNSURE : NO_MATCH;
    if (this.needsKeyword) return NO_MATCH;
    const { scratch, defaults, slots } = this;
    for (let i = 0; i < defaults.length; i++) scratch[slots[i]] = defaults[i];
    if (this.selfIndex >= 0) scratch[this.selfIndex] = self;
    for (let i = 0; i < n; i++) {
      const p = positional[i];
      const v = args[i];
      if (v === null && p.allowNone) continue;
      const verdict = fastCheck(p, v);
      if (verdict !== MATCH) return this.release(verdict);
      // Positional parameters come first among the implementation's, in order. Lists are copied and ints
      // lose a -0, as the full path's conversions do.
      scratch[slots[i]] = Array.isArray(v) ? v.slice() : v === 0 && p.type === ArgType.Int ? 0 : v;
    }
    for (let i = n; i < positional.length; i++) if (!positional[i].optional) return this.release(NO_MATCH);
    return scratch;
  }

  /**
   * Empties the scratch array once a call has failed to bind or has run (fastCall), and returns `result`. A
   * tensor left there would live until the plan's next call: across two scavenges V8 promotes it, and its
   * buffer then waits for a full (mark-compact) GC, about one per few steps of a 4 MB-tensor training loop.
   */
  release<T>(result: T): T {
    this.scratch.fill(null);
    return result;
  }
}

function isListParam(p: Param): boolean {
  return p.type === ArgType.IntList || p.type === ArgType.SymIntList;
}

const isScalarType = (v: unknown) => typeof v === "number" || typeof v === "boolean" || typeof v === "bigint";

function fastCheck(p: Param, v: unknown): Verdict {
  if (v === undefined || typeof v === "bigint") return UNSURE;
  switch (p.type) {
    case ArgType.Tensor:
      return v instanceof Tensor || (p.allowNumbersAsTensors && isScalarType(v)) ? MATCH : NO_MATCH;
    case ArgType.Scalar:
      return isScalarType(v) ? MATCH : v instanceof Tensor ? UNSURE : NO_MATCH;
    case ArgType.Int:
    case ArgType.SymInt:
      if (typeof v === "number")
        return !Number.isInteger(v) ? NO_MATCH : Math.abs(v) < INT_LIMIT ? MATCH : UNSURE;
      return typeof v === "bigint" || v instanceof Tensor ? UNSURE : NO_MATCH;
    case ArgType.Double:
      if (typeof v === "number") return MATCH;
      return typeof v === "bigint" || typeof v === "boolean" || v instanceof Tensor ? UNSURE : NO_MATCH;
    case ArgType.Bool:
      return typeof v === "boolean" ? MATCH : NO_MATCH;
    case ArgType.String:
      return typeof v === "string" ? MATCH : NO_MATCH;
    case ArgType.ScalarType:
      return v instanceof DType ? MATCH : NO_MATCH;
    case ArgType.Device:
      // The full path converts a device; anything the parser's check refuses (a dtype: x.to(dtype)) fails here.
      return v instanceof Device || typeof v === "string" || typeof v === "number" ? UNSURE : NO_MATCH;
    case ArgType.IntList:
    case ArgType.SymIntList:
      if (!Array.isArray(v)) return UNSURE;
      for (let i = 0; i < v.length; i++) {
        const x: unknown = v[i];
        if (typeof x !== "number" || !Number.isInteger(x) || Math.abs(x) >= INT_LIMIT || Object.is(x, -0))
          return UNSURE;
      }
      return MATCH;
    case ArgType.TensorList:
      if (!Array.isArray(v)) return NO_MATCH;
      for (let i = 0; i < v.length; i++) if (!(v[i] instanceof Tensor)) return UNSURE;
      return MATCH;
    default:
      return UNSURE;
  }
}
