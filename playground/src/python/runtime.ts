// The interpreter's runtime pieces shared by its evaluator and its statements: scopes, the marks on the
// program's functions and classes, control-flow signals, and how Python values cross into tensorgrad
// (subscripts as x.get/x.set arguments, augmented assignment in place, keyword arguments as one options object).
import * as torch from "../../../src/index.js";
import type { Param } from "./ast.js";
import * as V from "./values.js";

export class BreakSignal {}
export class ContinueSignal {}
export class ReturnSignal {
  constructor(readonly value: unknown) {}
}

/** A function the program defined: callable from JS (hooks, lambdas passed to tensorgrad) too. */
export const USER_CALL = Symbol("python.call");
/** Marks a function stored on a class: reading it through an instance binds `self`. */
export const METHOD = Symbol("python.method");
export const PY_CLASS = Symbol("python.class");
/** Hidden scope entries (not Python names: they hold a space) for super(): a method's self, its class. */
export const SELF = " self";
export const CLASS = " class";

export type UserCall = (args: unknown[], kwargs: Map<string, unknown>) => unknown;
export type UserFunction = ((...args: unknown[]) => unknown) & { [USER_CALL]: UserCall; [METHOD]?: boolean };

export class Scope {
  readonly vars = new Map<string, unknown>();
  readonly globalNames = new Set<string>();
  constructor(
    readonly parent: Scope | null,
    readonly isClass = false,
  ) {}
  lookup(name: string): { found: boolean; value?: unknown } {
    // Class bodies are not visible from the methods defined in them, as in Python.
    for (let s: Scope | null = this as Scope; s; s = s.parent) {
      if (s.isClass && s !== (this as Scope)) continue;
      if (s.vars.has(name)) return { found: true, value: s.vars.get(name) };
    }
    return { found: false };
  }
}

export function dictSet(map: Map<unknown, unknown>, key: unknown, value: unknown): void {
  for (const k of map.keys())
    if (V.equals(k, key)) {
      map.set(k, value);
      return;
    }
  map.set(key, value);
}

export function bindParams(
  name: string,
  params: Param[],
  defaults: unknown[],
  args: unknown[],
  kwargs: Map<string, unknown>,
  local: Scope,
): void {
  let i = 0;
  const extra = new Map(kwargs);
  if (args.length) local.vars.set(SELF, args[0]);
  params.forEach((p, k) => {
    if (p.star === "*") {
      local.vars.set(p.name, V.tuple(args.slice(i)));
      i = args.length;
    } else if (p.star === "**") {
      const rest = new Map<unknown, unknown>(extra);
      extra.clear();
      local.vars.set(p.name, rest);
    } else if (i < args.length) {
      if (extra.has(p.name))
        throw new V.PyError("TypeError", `${name}() got multiple values for argument '${p.name}'`);
      local.vars.set(p.name, args[i++]);
    } else if (extra.has(p.name)) {
      local.vars.set(p.name, extra.get(p.name));
      extra.delete(p.name);
    } else if (defaults[k] !== undefined) local.vars.set(p.name, defaults[k]);
    else throw new V.PyError("TypeError", `${name}() missing 1 required positional argument: '${p.name}'`);
  });
  if (i < args.length)
    throw new V.PyError(
      "TypeError",
      `${name}() takes ${params.filter((p) => !p.star).length} positional arguments but ${args.length} were given`,
    );
  if (extra.size)
    throw new V.PyError(
      "TypeError",
      `${name}() got an unexpected keyword argument '${[...extra.keys()][0]}'`,
    );
}

/** Factories whose result is floating when a Python float is among their numbers: arange(3.0), full((2,), 2.0). */
export const FLOAT_DTYPE_FROM_ARGS = new Set<unknown>([torch.arange, torch.full]);

export function isClass(fn: unknown): boolean {
  return typeof fn === "function" && /^class[\s{]/.test(Function.prototype.toString.call(fn));
}

/** One argument of x.get()/x.set() per element of Python's subscript tuple. */
export function subscriptArgs(index: unknown): unknown[] {
  if (V.isTuple(index)) return index.map(V.indexArg);
  return [V.indexArg(index)];
}

export function setItem(obj: unknown, index: unknown, value: unknown): void {
  if (obj instanceof torch.Tensor) {
    (obj.set as (...a: unknown[]) => unknown)(...subscriptArgs(index), toLibrary(value));
    return;
  }
  if (obj instanceof Map) {
    dictSet(obj, index, value);
    return;
  }
  if (Array.isArray(obj) && !V.isTuple(obj)) {
    if (index instanceof V.Slice) {
      const n = obj.length;
      const start =
        index.start === null
          ? 0
          : Math.min(n, Number(index.start) < 0 ? n + Number(index.start) : Number(index.start));
      const stop =
        index.stop === null
          ? n
          : Math.min(n, Number(index.stop) < 0 ? n + Number(index.stop) : Number(index.stop));
      obj.splice(start, Math.max(0, stop - start), ...V.iterate(value));
      return;
    }
    const i = Number(index);
    const at = i < 0 ? i + obj.length : i;
    if (at < 0 || at >= obj.length) throw new V.PyError("IndexError", "list assignment index out of range");
    obj[at] = value;
    return;
  }
  throw new V.PyError("TypeError", `'${V.pyTypeName(obj)}' object does not support item assignment`);
}

export const INPLACE: Record<string, string> = {
  "+": "add_", "-": "sub_", "*": "mul_", "/": "div_", "**": "pow_", "//": "floor_divide_", "%": "remainder_",
}; // prettier-ignore

/** `a op= b`: in place on tensors (Tensor.__iadd__ and friends) and lists, a new value otherwise. */
export function inplace(op: string, old: unknown, value: unknown): unknown {
  if (old instanceof torch.Tensor && INPLACE[op]) {
    const method = (old as unknown as Record<string, (v: unknown) => unknown>)[INPLACE[op]];
    return method.call(old, toLibrary(value));
  }
  if (op === "+" && Array.isArray(old) && !V.isTuple(old)) {
    old.push(...V.iterate(value));
    return old;
  }
  return V.binop(op, old, value);
}

/** Python values as tensorgrad takes them: dicts as plain objects (options), ranges as arrays. */
export function toLibrary(v: unknown): unknown {
  if (v instanceof V.PyRange) return [...v];
  if (v instanceof V.Slice || v === V.ELLIPSIS) return V.indexArg(v);
  return v;
}
