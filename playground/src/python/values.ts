// Python's values on tensorgrad: ints are bigints, floats JS numbers (so `torch.tensor(3)` is int64 and
// `torch.tensor(3.0)` float32, as in Python), lists arrays, tuples arrays marked as tuples, dicts Maps,
// None null. Operators on tensors call the functions PyTorch's Tensor operators call, so graphs record
// PyTorch's grad_fn names (`2 ** x` PowBackward1, `1 - p` RsubBackward1, `-1 * t` MulBackward0).
import * as torch from "../../../src/index.js";
import { pyFloatRepr, pyFormat, pyIntRepr, pyTuple } from "../../../src/python.js";

/** A Python exception raised by the program (or by a builtin): `name` is its Python class. */
export class PyError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

const TUPLES = new WeakSet<object>();

export function tuple<T>(items: T[]): T[] {
  TUPLES.add(items);
  return pyTuple(items);
}

export const isTuple = (v: unknown): v is unknown[] => Array.isArray(v) && TUPLES.has(v);

const SIZES = new WeakSet<object>();

/** A tensor's shape: a tuple that prints as torch.Size([2, 3]). */
export function size(dims: bigint[]): bigint[] {
  SIZES.add(dims);
  return tuple(dims);
}

export class PyRange {
  constructor(
    readonly start: bigint,
    readonly stop: bigint,
    readonly step: bigint,
  ) {
    if (step === 0n) throw new PyError("ValueError", "range() arg 3 must not be zero");
  }
  get length(): number {
    const n =
      this.step > 0n
        ? (this.stop - this.start + this.step - 1n) / this.step
        : (this.start - this.stop - this.step - 1n) / -this.step;
    return n > 0n ? Number(n) : 0;
  }
  *[Symbol.iterator](): Iterator<bigint> {
    for (let i = this.start; this.step > 0n ? i < this.stop : i > this.stop; i += this.step) yield i;
  }
  toString(): string {
    return this.step === 1n
      ? `range(${this.start}, ${this.stop})`
      : `range(${this.start}, ${this.stop}, ${this.step})`;
  }
}

/** Python objects the program defines: an instance of a Python class that is not an nn.Module. */
export interface PyObjectLike {
  __pyclass__?: { name: string };
}

/** Called for `__str__`/`__repr__` of the program's own classes (set by the interpreter). */
export const hooks: { dunder: (obj: object, name: string) => string | undefined } = {
  dunder: () => undefined,
};

export function pyTypeName(v: unknown): string {
  if (v === null || v === undefined) return "NoneType";
  if (typeof v === "bigint") return "int";
  if (typeof v === "number") return "float";
  if (typeof v === "boolean") return "bool";
  if (typeof v === "string") return "str";
  if (v instanceof torch.Tensor) return "Tensor";
  if (Array.isArray(v)) return isTuple(v) ? "tuple" : "list";
  if (v instanceof Map) return "dict";
  if (v instanceof PyRange) return "range";
  if (typeof v === "function") return "function";
  const ctor = (v as { constructor?: { name?: string } }).constructor;
  return ctor?.name ?? "object";
}

export function str(v: unknown): string {
  if (typeof v === "string") return v;
  if (v instanceof Error) return v.message;
  return repr(v);
}

export function repr(v: unknown): string {
  if (v === null || v === undefined) return "None";
  if (typeof v === "boolean") return v ? "True" : "False";
  if (typeof v === "bigint") return pyIntRepr(v);
  if (typeof v === "number") return pyFloatRepr(v);
  if (typeof v === "string") return strRepr(v);
  if (Array.isArray(v)) {
    if (SIZES.has(v)) return `torch.Size([${v.map(repr).join(", ")}])`;
    const items = v.map(repr).join(", ");
    if (!isTuple(v)) return `[${items}]`;
    return v.length === 1 ? `(${items},)` : `(${items})`;
  }
  if (v instanceof Map) return `{${[...v.entries()].map(([k, x]) => `${repr(k)}: ${repr(x)}`).join(", ")}}`;
  if (v instanceof Set) return v.size ? `{${[...v].map(repr).join(", ")}}` : "set()";
  if (typeof v === "function") return `<function ${v.name || "<lambda>"}>`;
  if (v instanceof Error) return `${v.name}(${strRepr(v.message)})`;
  if (typeof v === "object") {
    const own = hooks.dunder(v, "__repr__");
    if (own !== undefined) return own;
    if (v instanceof torch.DType || v instanceof torch.Tensor || v instanceof torch.nn.Module)
      return v.toString();
    // A torch.Size and other arrays-like the library returns print as Python's tuples.
    const text = (v as { toString(): string }).toString();
    return text === "[object Object]" ? `<${pyTypeName(v)} object>` : text;
  }
  return String(v);
}

function strRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    if (ch === quote || ch === "\\") out += "\\" + ch;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\t") out += "\\t";
    else if (ch === "\r") out += "\\r";
    else out += ch;
  }
  return out + quote;
}

/** str() of a value as print() and f"{v}" write it (a user class's __str__ first). */
export function toStr(v: unknown): string {
  if (v !== null && typeof v === "object" && !(v instanceof torch.Tensor)) {
    const own = hooks.dunder(v, "__str__");
    if (own !== undefined) return own;
  }
  return str(v);
}

/** format(v, spec): f"{v:spec}". A tensor formats through torch.format (a 0-dim tensor as its float). */
export function format(v: unknown, spec: string): string {
  if (v instanceof torch.Tensor) return spec === "" ? `${v}` : torch.format(v, spec);
  if (typeof v === "number") return pyFormat(v, spec, "float");
  if (typeof v === "bigint") return pyFormat(v, spec, "int");
  if (typeof v === "boolean") return spec === "" ? str(v) : pyFormat(v, spec, "bool");
  const text = toStr(v);
  if (spec === "") return text;
  const m = /^(.?[<>^])?(\d+)?$/.exec(spec);
  if (!m)
    throw new PyError(
      "ValueError",
      `Invalid format specifier '${spec}' for object of type '${pyTypeName(v)}'`,
    );
  const align = m[1] ?? "<";
  const fill = align.length === 2 ? align[0] : " ";
  const width = Number(m[2] ?? 0);
  const pad = Math.max(0, width - text.length);
  const dir = align[align.length - 1];
  if (dir === ">") return fill.repeat(pad) + text;
  if (dir === "^") return fill.repeat(Math.floor(pad / 2)) + text + fill.repeat(pad - Math.floor(pad / 2));
  return text + fill.repeat(pad);
}

export function truthy(v: unknown): boolean {
  if (v === null || v === undefined || v === false || v === 0 || v === 0n || v === "") return false;
  if (Array.isArray(v)) return v.length > 0;
  if (v instanceof Map || v instanceof Set) return v.size > 0;
  if (v instanceof PyRange) return v.length > 0;
  if (v instanceof torch.Tensor) {
    if (v.numel() !== 1)
      throw new PyError("RuntimeError", "Boolean value of Tensor with more than one value is ambiguous");
    return Boolean(v.item());
  }
  return true;
}

/** Python's numbers: bool and int as bigint, float as number. */
function num(v: unknown): bigint | number | null {
  if (typeof v === "bigint" || typeof v === "number") return v;
  if (typeof v === "boolean") return v ? 1n : 0n;
  return null;
}

function floorDiv(a: bigint, b: bigint): bigint {
  if (b === 0n) throw new PyError("ZeroDivisionError", "integer division or modulo by zero");
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

function numericOp(op: string, a: bigint | number, b: bigint | number): unknown {
  if (typeof a === "bigint" && typeof b === "bigint") {
    switch (op) {
      case "+":
        return a + b;
      case "-":
        return a - b;
      case "*":
        return a * b;
      case "/":
        if (b === 0n) throw new PyError("ZeroDivisionError", "division by zero");
        return Number(a) / Number(b);
      case "//":
        return floorDiv(a, b);
      case "%":
        return a - floorDiv(a, b) * b;
      case "**":
        return b >= 0n ? a ** b : Number(a) ** Number(b);
      case "&":
        return a & b;
      case "|":
        return a | b;
      case "^":
        return a ^ b;
      case "<<":
        return a << b;
      case ">>":
        return a >> b;
    }
  }
  const x = Number(a);
  const y = Number(b);
  switch (op) {
    case "+": return x + y;
    case "-": return x - y;
    case "*": return x * y;
    case "/":
      if (y === 0) throw new PyError("ZeroDivisionError", "float division by zero");
      return x / y;
    case "//":
      if (y === 0) throw new PyError("ZeroDivisionError", "float floor division by zero");
      return Math.floor(x / y);
    case "%":
      if (y === 0) throw new PyError("ZeroDivisionError", "float modulo");
      return x - Math.floor(x / y) * y;
    case "**": return x ** y;
  } // prettier-ignore
  throw unsupported(op, a, b);
}

function unsupported(op: string, a: unknown, b: unknown): PyError {
  return new PyError(
    "TypeError",
    `unsupported operand type(s) for ${op}: '${pyTypeName(a)}' and '${pyTypeName(b)}'`,
  );
}

/** Tensor operators: a Tensor on the left calls the method; on the right, Tensor's reflected operators. */
function tensorOp(op: string, a: unknown, b: unknown): unknown {
  const t = torch as unknown as Record<string, (...args: unknown[]) => unknown>;
  // A whole Python float (2.0) on an integer tensor must promote it to float, as the JS number 2 would not.
  const integral = (x: unknown) => x instanceof torch.Tensor && !x.is_floating_point();
  if (typeof b === "number" && Number.isInteger(b) && integral(a)) b = torch.tensor(b);
  if (typeof a === "number" && Number.isInteger(a) && integral(b)) a = torch.tensor(a);
  const left = a instanceof torch.Tensor;
  switch (op) {
    case "+": return left ? t.add(a, b) : t.add(b, a);
    case "-": return left ? t.sub(a, b) : t.sub(a, b);
    case "*": return left ? t.mul(a, b) : t.mul(a, b);
    case "/": return t.div(a, b);
    case "//": return left ? t.floor_divide(a, b) : t.floor_divide(torch.tensor(a as number), b);
    case "%": return left ? t.remainder(a, b) : t.remainder(a, b);
    // Python's `2 ** x` is Tensor.__rpow__: pow of a 0-dim tensor of the scalar (PowBackward1).
    case "**": return left ? t.pow(a, b) : t.pow(torch.tensor(a as number), b);
    case "@": return t.matmul(a, b);
    // tensorgrad has no bitwise kernels: on bool masks these are the logical ops (same values).
    case "&": return t.logical_and(boolMask(op, a), boolMask(op, b));
    case "|": return t.logical_or(boolMask(op, a), boolMask(op, b));
    case "^": return t.logical_xor(boolMask(op, a), boolMask(op, b));
  } // prettier-ignore
  throw unsupported(op, a, b);
}

function boolMask(op: string, v: unknown): unknown {
  if (typeof v === "boolean" || (v instanceof torch.Tensor && v.dtype === torch.bool)) return v;
  throw new PyError("TypeError", `'${op}' on tensors is supported for bool tensors only in the playground`);
}

export function binop(op: string, a: unknown, b: unknown): unknown {
  if (a instanceof torch.Tensor || b instanceof torch.Tensor) return tensorOp(op, a, b);
  const x = num(a);
  const y = num(b);
  if (x !== null && y !== null) return numericOp(op, x, y);
  if (op === "+") {
    if (typeof a === "string" && typeof b === "string") return a + b;
    if (Array.isArray(a) && Array.isArray(b) && isTuple(a) === isTuple(b)) {
      const joined = [...a, ...b];
      return isTuple(a) ? tuple(joined) : joined;
    }
  }
  if (op === "*") {
    const [seq, n] = typeof y === "bigint" ? [a, y] : typeof x === "bigint" ? [b, x] : [null, 0n];
    if (typeof seq === "string") return seq.repeat(Math.max(0, Number(n)));
    if (Array.isArray(seq)) {
      const out: unknown[] = [];
      for (let i = 0n; i < n; i++) out.push(...seq);
      return isTuple(seq) ? tuple(out) : out;
    }
  }
  if (op === "%" && typeof a === "string") return percentFormat(a, isTuple(b) ? b : [b]);
  const own = typeof a === "object" && a !== null ? hooks.dunder(a, DUNDER[op] ?? "") : undefined;
  if (own !== undefined) return own;
  throw unsupported(op, a, b);
}

const DUNDER: Record<string, string> = { "+": "__add__", "-": "__sub__", "*": "__mul__", "@": "__matmul__" };

function percentFormat(text: string, args: unknown[]): string {
  let i = 0;
  return text.replace(/%([-+ 0#]*\d*(?:\.\d+)?)([sdifre%])/g, (_, spec: string, type: string) => {
    if (type === "%") return "%";
    const v = args[i++];
    if (type === "s") return toStr(v);
    if (type === "r") return repr(v);
    if (type === "d" || type === "i") return pyFormat(BigInt(Math.trunc(Number(v))), spec + "d", "int");
    return pyFormat(Number(v), spec + type, "float");
  });
}

export function unary(op: string, v: unknown): unknown {
  if (op === "not") return !truthy(v);
  if (v instanceof torch.Tensor) {
    if (op === "-") return torch.neg(v);
    if (op === "+") return v;
    if (op === "~") return torch.logical_not(boolMask(op, v) as torch.Tensor);
  }
  const x = num(v);
  if (x !== null) {
    if (op === "-") return typeof x === "bigint" ? -x : -x;
    if (op === "+") return x;
    if (op === "~" && typeof x === "bigint") return ~x;
  }
  throw new PyError("TypeError", `bad operand type for unary ${op}: '${pyTypeName(v)}'`);
}

export function equals(a: unknown, b: unknown): boolean {
  const x = num(a);
  const y = num(b);
  if (x !== null && y !== null) return typeof x === typeof y ? x === y : Number(x) === Number(y);
  if (Array.isArray(a) && Array.isArray(b)) {
    const other = b;
    return isTuple(a) === isTuple(b) && a.length === b.length && a.every((v, i) => equals(v, other[i]));
  }
  if (a === undefined) a = null;
  if (b === undefined) b = null;
  return a === b;
}

export function compare(op: string, a: unknown, b: unknown): unknown {
  if (a instanceof torch.Tensor || b instanceof torch.Tensor) {
    const names: Record<string, string> = {
      "<": "lt",
      ">": "gt",
      "<=": "le",
      ">=": "ge",
      "==": "eq",
      "!=": "ne",
    };
    const name = names[op];
    if (name) {
      if (a instanceof torch.Tensor)
        return (torch as unknown as Record<string, (...x: unknown[]) => unknown>)[name](a, b);
      const flipped: Record<string, string> = { lt: "gt", gt: "lt", le: "ge", ge: "le", eq: "eq", ne: "ne" };
      return (torch as unknown as Record<string, (...x: unknown[]) => unknown>)[flipped[name]](b, a);
    }
  }
  switch (op) {
    case "==": return equals(a, b);
    case "!=": return !equals(a, b);
    case "is": return a === b || (a == null && b == null);
    case "is not": return !(a === b || (a == null && b == null));
    case "in": return contains(b, a);
    case "not in": return !contains(b, a);
  } // prettier-ignore
  const x = num(a);
  const y = num(b);
  let c: number;
  if (x !== null && y !== null) c = x < y ? -1 : x > y ? 1 : 0;
  else if (typeof a === "string" && typeof b === "string") c = a < b ? -1 : a > b ? 1 : 0;
  else if (Array.isArray(a) && Array.isArray(b)) {
    let i = 0;
    while (i < a.length && i < b.length && equals(a[i], b[i])) i++;
    c = i < a.length && i < b.length ? (truthy(compare("<", a[i], b[i])) ? -1 : 1) : a.length - b.length;
  } else
    throw new PyError(
      "TypeError",
      `'${op}' not supported between instances of '${pyTypeName(a)}' and '${pyTypeName(b)}'`,
    );
  switch (op) {
    case "<": return c < 0;
    case ">": return c > 0;
    case "<=": return c <= 0;
    case ">=": return c >= 0;
  } // prettier-ignore
  throw new PyError("TypeError", `unknown comparison ${op}`);
}

function contains(container: unknown, item: unknown): boolean {
  if (typeof container === "string") return container.includes(str(item));
  if (container instanceof Map) return [...container.keys()].some((k) => equals(k, item));
  return [...iterate(container)].some((v) => equals(v, item));
}

/** Python's iter(): lists, tuples, strings, dicts (keys), ranges, tensors (along dim 0), generators. */
export function* iterate(v: unknown): Generator<unknown> {
  if (v instanceof torch.Tensor) {
    if (v.dim() === 0) throw new PyError("TypeError", "iteration over a 0-d tensor");
    for (let i = 0; i < v.shape[0]; i++) yield v.get(i);
    return;
  }
  if (v instanceof Map) {
    yield* v.keys();
    return;
  }
  if (v !== null && typeof v === "object" && Symbol.iterator in v) {
    yield* v as Iterable<unknown>;
    return;
  }
  if (typeof v === "string") {
    yield* v;
    return;
  }
  throw new PyError("TypeError", `'${pyTypeName(v)}' object is not iterable`);
}

export function len(v: unknown): bigint {
  if (typeof v === "string" || Array.isArray(v)) return BigInt(v.length);
  if (v instanceof Map || v instanceof Set) return BigInt(v.size);
  if (v instanceof PyRange) return BigInt(v.length);
  if (v instanceof torch.Tensor) {
    if (v.dim() === 0) throw new PyError("TypeError", "len() of a 0-d tensor");
    return BigInt(v.shape[0]);
  }
  const n = (v as { length?: unknown } | null)?.length;
  if (typeof n === "number") return BigInt(n);
  throw new PyError("TypeError", `object of type '${pyTypeName(v)}' has no len()`);
}

/** A subscript element as tensorgrad's x.get/x.set take it (docs/indexing.md). */
export function indexArg(v: unknown): unknown {
  if (v instanceof Slice) {
    const part = (x: unknown) => (x === null || x === undefined ? "" : String(typeof x === "number" ? x : x));
    return `${part(v.start)}:${part(v.stop)}${v.step === null ? "" : `:${part(v.step)}`}`;
  }
  if (v === ELLIPSIS) return "...";
  if (Array.isArray(v)) return v.map(indexArg);
  return v;
}

export class Slice {
  constructor(
    readonly start: unknown,
    readonly stop: unknown,
    readonly step: unknown,
  ) {}
  toString(): string {
    return `slice(${repr(this.start)}, ${repr(this.stop)}, ${repr(this.step)})`;
  }
}

export const ELLIPSIS = Object.freeze({ toString: () => "Ellipsis" });

/** list[i], list[a:b:c], str[...], dict[k]. */
export function getItem(container: unknown, index: unknown): unknown {
  if (container instanceof Map) {
    for (const [k, v] of container) if (equals(k, index)) return v;
    throw new PyError("KeyError", repr(index));
  }
  if (Array.isArray(container) || typeof container === "string") {
    const n = container.length;
    if (index instanceof Slice) {
      const [start, stop, step] = sliceBounds(index, n);
      const out: unknown[] = [];
      for (let i = start; step > 0 ? i < stop : i > stop; i += step) out.push(container[i]);
      if (typeof container === "string") return out.join("");
      return isTuple(container) ? tuple(out) : out;
    }
    const i = Number(index as bigint);
    if (typeof index !== "bigint" && typeof index !== "boolean")
      throw new PyError(
        "TypeError",
        `${pyTypeName(container)} indices must be integers or slices, not ${pyTypeName(index)}`,
      );
    const at = i < 0 ? i + n : i;
    if (at < 0 || at >= n) throw new PyError("IndexError", `${pyTypeName(container)} index out of range`);
    return container[at];
  }
  if (container instanceof PyRange) return getItem([...container], index);
  // nn.Sequential and nn.ModuleList index with at(i); nn.ModuleDict and datasets with get(key).
  const at = (container as { at?: (i: number) => unknown } | null)?.at;
  if (typeof at === "function" && (typeof index === "bigint" || typeof index === "number"))
    return at.call(container, Number(index));
  const get = (container as { get?: (i: unknown) => unknown } | null)?.get;
  if (typeof get === "function") return get.call(container, index);
  throw new PyError("TypeError", `'${pyTypeName(container)}' object is not subscriptable`);
}

function sliceBounds(s: Slice, n: number): [number, number, number] {
  const step = s.step === null ? 1 : Number(s.step);
  if (step === 0) throw new PyError("ValueError", "slice step cannot be zero");
  const clamp = (v: unknown, dflt: number, lo: number, hi: number) => {
    if (v === null || v === undefined) return dflt;
    let i = Number(v);
    if (i < 0) i += n;
    return Math.min(Math.max(i, lo), hi);
  };
  return step > 0
    ? [clamp(s.start, 0, 0, n), clamp(s.stop, n, 0, n), step]
    : [clamp(s.start, n - 1, -1, n - 1), clamp(s.stop, -1, -1, n - 1), step];
}
