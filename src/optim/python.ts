// The few Python semantics PyTorch's optimizers, schedulers and data loader rely on when they validate
// their arguments (comparisons, str.format, calling, subscripting), so that a bad argument fails with
// the error PyTorch raises: CPython's TypeError for a comparison it cannot make, "'str' object is not
// callable", and so on. Arguments PyTorch checks this way are left unannotated in their signatures. The text
// of values (str(), repr(), format()) comes from ../python.ts.
import { AttributeError, IndexError, KeyError, ValueError } from "../errors.js";
import { pyTypeName } from "../signatures/messages.js";
import { formatExponential, formatFixed, PyFloat, pyRepr } from "../python.js";

export const ZERO = new PyFloat(0);
export const ONE = new PyFloat(1);

type Op = "<" | "<=" | ">" | ">=";

function asNumber(v: unknown): number | null {
  if (v instanceof PyFloat) return v.value;
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "bigint") return Number(v);
  return null;
}

function typeName(v: unknown): string {
  return v instanceof PyFloat ? "float" : pyTypeName(v);
}

/** Python's `a op b` on numbers (ints, floats, bools); CPython's TypeError for anything else. */
export function pyCompare(a: unknown, op: Op, b: unknown): boolean {
  const x = asNumber(a);
  const y = asNumber(b);
  if (x === null || y === null)
    throw new TypeError(`'${op}' not supported between instances of '${typeName(a)}' and '${typeName(b)}'`);
  switch (op) {
    case "<":
      return x < y;
    case "<=":
      return x <= y;
    case ">":
      return x > y;
    case ">=":
      return x >= y;
  }
}

/** Python's truth value of a plain value (`if nesterov and ...`). */
export function pyTruthy(v: unknown): boolean {
  if (v === null || v === undefined) return false;
  if (typeof v === "number") return v !== 0;
  if (typeof v === "bigint") return v !== 0n;
  if (typeof v === "string") return v.length > 0;
  if (typeof v === "boolean") return v;
  if (Array.isArray(v)) return v.length > 0;
  return true;
}

/** Calls what Python would call (`closure()`, `lr_lambda(epoch)`): CPython's TypeError when it is not callable. */
export function pyCall<R>(fn: unknown, ...args: unknown[]): R {
  if (typeof fn !== "function") throw new TypeError(`'${pyTypeName(fn)}' object is not callable`);
  return (fn as (...a: unknown[]) => R)(...args);
}

/** Python's `value[index]` on a list or str; CPython's TypeError when the value is not subscriptable. */
export function pyItem(value: unknown, index: number): unknown {
  if (Array.isArray(value) || typeof value === "string") {
    if (index >= value.length)
      throw new IndexError(`${typeof value === "string" ? "string" : "list"} index out of range`);
    return value[index];
  }
  throw new TypeError(`'${pyTypeName(value)}' object is not subscriptable`);
}

/** Python's len(); CPython's TypeError for a value without one. */
export function pyLen(value: unknown): number {
  if (Array.isArray(value) || typeof value === "string") return value.length;
  throw new TypeError(`object of type '${pyTypeName(value)}' has no len()`);
}

/** `obj.name` where PyTorch reads an attribute of an argument: CPython's AttributeError when it has none. */
export function pyAttr<T>(obj: unknown, name: string): T {
  if (obj === null || obj === undefined || typeof obj !== "object" || !(name in obj))
    throw new AttributeError(`'${pyTypeName(obj)}' object has no attribute '${name}'`);
  return (obj as Record<string, T>)[name];
}

/** `obj.name(*args)` on an argument PyTorch assumes is a tensor: CPython's AttributeError or TypeError otherwise. */
export function pyMethod<R>(obj: unknown, name: string, ...args: unknown[]): R {
  const fn = pyAttr<unknown>(obj, name);
  if (typeof fn !== "function") throw new TypeError(`'${pyTypeName(fn)}' object is not callable`);
  return (fn as (...a: unknown[]) => R).apply(obj, args);
}

/** `'text ' + value` in PyTorch's messages: CPython's TypeError when the value is not a str. */
export function pyConcat(text: string, value: unknown): string {
  if (typeof value !== "string")
    throw new TypeError(`can only concatenate str (not "${pyTypeName(value)}") to str`);
  return text + value;
}

/** Python's float(x) of a number, bool, str or one-element tensor-like (`.item()`); CPython's errors otherwise. */
export function pyFloat(v: unknown): number {
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "bigint") return Number(v);
  if (typeof v === "string") {
    const t = v.trim();
    if (/^[+-]?(inf|infinity)$/i.test(t)) return t.startsWith("-") ? -Infinity : Infinity;
    if (/^[+-]?nan$/i.test(t)) return NaN;
    if (/^[+-]?(\d(_?\d)*(\.(\d(_?\d)*)?)?|\.\d(_?\d)*)([eE][+-]?\d(_?\d)*)?$/.test(t))
      return Number(t.replace(/_/g, ""));
    throw new ValueError(`could not convert string to float: ${pyRepr(v)}`);
  }
  if (v !== null && typeof v === "object" && "item" in v && typeof v.item === "function")
    return Number((v as { item(): unknown }).item());
  throw new TypeError(`float() argument must be a string or a real number, not '${pyTypeName(v)}'`);
}

/** Python's `value * count` for an int count: numbers multiply, strs and lists repeat. */
export function pyTimes(value: unknown, count: number): unknown {
  if (typeof value === "number") return value * count;
  if (typeof value === "boolean") return Number(value) * count;
  if (typeof value === "string") return value.repeat(Math.max(0, count));
  if (Array.isArray(value)) return Array.from({ length: Math.max(0, count) }, () => value).flat();
  throw new TypeError(`unsupported operand type(s) for *: '${pyTypeName(value)}' and 'int'`);
}

/** Python's list(x): CPython's TypeError for a value that is not iterable. */
export function pyList(x: unknown): unknown[] {
  if ((x !== null && typeof x === "object" && Symbol.iterator in x) || typeof x === "string")
    return [...(x as Iterable<unknown>)];
  throw new TypeError(`'${pyTypeName(x)}' object is not iterable`);
}

/** The items of `d.update(value)` / `__dict__.update(value)`: a dict's, or an iterable's pairs; CPython's errors otherwise. */
export function pyDictItems(value: unknown): [string, unknown][] {
  if (value instanceof Map) return [...value.entries()].map(([k, v]) => [String(k), v]);
  if (value !== null && typeof value === "object" && !(Symbol.iterator in value))
    return Object.entries(value as Record<string, unknown>);
  return pyList(value).map((item, i) => {
    if (!Array.isArray(item) && typeof item !== "string")
      throw new TypeError(`cannot convert dictionary update sequence element #${i} to a sequence`);
    if (item.length !== 2)
      throw new ValueError(
        `dictionary update sequence element #${i} has length ${item.length}; 2 is required`,
      );
    return [String(item[0]), item[1]];
  });
}

/** `d[key]` on what PyTorch expects to be a dict: KeyError when missing, CPython's TypeError for a non-dict. */
export function pyGetKey(d: unknown, key: string): unknown {
  if (d instanceof Map) {
    if (!d.has(key)) throw new KeyError(pyRepr(key));
    return d.get(key);
  }
  if (typeof d === "string") throw new TypeError("string indices must be integers, not 'str'");
  if (Array.isArray(d)) throw new TypeError("list indices must be integers or slices, not str");
  if (d === null || typeof d !== "object")
    throw new TypeError(`'${pyTypeName(d)}' object is not subscriptable`);
  if (!(key in d)) throw new KeyError(pyRepr(key));
  return (d as Record<string, unknown>)[key];
}

/** Python's `"{:.4e}".format(x)`; its ValueError for a value that is not a number. */
export function pyFormatExp(x: unknown): string {
  if (typeof x !== "number" && typeof x !== "boolean")
    throw new ValueError(`Unknown format code 'e' for object of type '${pyTypeName(x)}'`);
  return formatExponential(Number(x), 4);
}

/** `("%.2f" if isinstance(epoch, float) else "%.5d") % epoch`, as PyTorch's verbose messages print an epoch. */
export function pyFormatEpoch(epoch: unknown): string {
  if (typeof epoch === "number" && !Number.isInteger(epoch)) return formatFixed(epoch, 2);
  if (typeof epoch !== "number" && typeof epoch !== "boolean")
    throw new TypeError(`%d format: a real number is required, not ${pyTypeName(epoch)}`);
  const n = Number(epoch);
  const digits = String(Math.abs(n)).padStart(5, "0");
  return n < 0 ? `-${digits}` : digits;
}

/** Python's `x ** y` on floats: CPython calls the C library's pow (glibc's, whose last bits Math.pow may not share). */
export { pow as pyPow } from "../backend/js/glibc_pow.js";
