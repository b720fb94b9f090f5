// Python's builtins, the modules a tutorial imports (torch, torch.nn, torch.nn.functional, torch.optim,
// math), the methods of str/list/dict, and the places where a number tensorgrad returns is a Python int
// (sizes, dims, counts, an int tensor's item()) rather than a float.
import * as torch from "../../../src/index.js";
import type { PythonSession } from "./interpreter.js";
import * as V from "./values.js";

type Fn = (...args: unknown[]) => unknown;

const MATH: Record<string, unknown> = {
  pi: Math.PI,
  e: Math.E,
  tau: 2 * Math.PI,
  inf: Infinity,
  nan: NaN,
  floor: (x: unknown) => (typeof x === "bigint" ? x : BigInt(Math.floor(Number(x)))),
  ceil: (x: unknown) => (typeof x === "bigint" ? x : BigInt(Math.ceil(Number(x)))),
  trunc: (x: unknown) => (typeof x === "bigint" ? x : BigInt(Math.trunc(Number(x)))),
  log: (x: unknown, base?: unknown) => {
    if (Number(x) <= 0) throw new V.PyError("ValueError", "math domain error");
    return base === undefined ? Math.log(Number(x)) : Math.log(Number(x)) / Math.log(Number(base));
  },
  sqrt: (x: unknown) => {
    if (Number(x) < 0) throw new V.PyError("ValueError", "math domain error");
    return Math.sqrt(Number(x));
  },
  isnan: (x: unknown) => Number.isNaN(Number(x)),
  isinf: (x: unknown) => Math.abs(Number(x)) === Infinity,
  isclose: (a: unknown, b: unknown) =>
    Math.abs(Number(a) - Number(b)) <= 1e-9 * Math.max(Math.abs(Number(a)), Math.abs(Number(b))),
  factorial: (n: unknown) => {
    let r = 1n;
    for (let i = 2n; i <= BigInt(n as bigint); i++) r *= i;
    return r;
  },
};
for (const name of [
  "cos",
  "sin",
  "tan",
  "acos",
  "asin",
  "atan",
  "atan2",
  "exp",
  "log2",
  "log10",
  "log1p",
  "expm1",
  "tanh",
  "sinh",
  "cosh",
  "fabs",
  "pow",
  "hypot",
] as const) {
  const f = (name === "fabs" ? Math.abs : Math[name]) as (...a: number[]) => number;
  MATH[name] = (...args: unknown[]) => f(...args.map(Number));
}

const MODULES: Record<string, () => unknown> = {
  torch: () => torch,
  "torch.nn": () => torch.nn,
  "torch.nn.functional": () => torch.nn.functional,
  "torch.optim": () => torch.optim,
  "torch.autograd": () => torch.autograd,
  "torch.utils": () => torch.utils,
  "torch.utils.data": () => torch.utils.data,
  "torch.linalg": () => torch.linalg,
  math: () => MATH,
};

export function importModule(name: string): unknown {
  const make = MODULES[name];
  if (!make)
    throw new V.PyError(
      "ModuleNotFoundError",
      `No module named '${name}' (the playground has ${Object.keys(MODULES).join(", ")})`,
    );
  return make();
}

/** Library results that are Python ints. */
const INT_RESULTS = new Set([
  "dim",
  "ndimension",
  "numel",
  "nelement",
  "element_size",
  "get_device",
  "storage_offset",
  "ndim",
  "_version",
]);

export function fromLibrary(value: unknown, name: string): unknown {
  if (typeof value === "number" && INT_RESULTS.has(name) && Number.isInteger(value)) return BigInt(value);
  if ((name === "shape" || name === "stride") && Array.isArray(value))
    return V.size(value.map((v) => BigInt(v as number)));
  return value;
}

/** Python's number for one element of a tensor of this dtype. */
function scalar(v: unknown, t: torch.Tensor): unknown {
  if (typeof v === "boolean" || typeof v === "bigint") return v;
  if (t.dtype === torch.bool) return Boolean(v);
  if (!t.is_floating_point() && typeof v === "number") return BigInt(v);
  return v;
}

function deep(v: unknown, t: torch.Tensor): unknown {
  return Array.isArray(v) ? v.map((x) => deep(x, t)) : scalar(v, t);
}

const STRING_METHODS: Record<string, (s: string, ...a: unknown[]) => unknown> = {
  upper: (s) => s.toUpperCase(),
  lower: (s) => s.toLowerCase(),
  strip: (s, c) => (c ? s.replace(new RegExp(`^[${escapeRe(String(c))}]+|[${escapeRe(String(c))}]+$`, "g"), "") : s.trim()),
  lstrip: (s) => s.trimStart(),
  rstrip: (s) => s.trimEnd(),
  split: (s, sep, max) => {
    const parts = sep === undefined || sep === null ? s.trim().split(/\s+/).filter((x) => x) : s.split(String(sep));
    if (max === undefined || Number(max) < 0) return parts;
    return [...parts.slice(0, Number(max)), ...(parts.length > Number(max) ? [parts.slice(Number(max)).join(String(sep ?? " "))] : [])];
  },
  join: (s, items) => [...V.iterate(items)].map((x) => {
    if (typeof x !== "string") throw new V.PyError("TypeError", `sequence item 0: expected str instance, ${V.pyTypeName(x)} found`);
    return x;
  }).join(s),
  replace: (s, a, b) => s.split(String(a)).join(String(b)),
  startswith: (s, p) => s.startsWith(String(p)),
  endswith: (s, p) => s.endsWith(String(p)),
  title: (s) => s.replace(/\b\w/g, (c) => c.toUpperCase()),
  capitalize: (s) => s.charAt(0).toUpperCase() + s.slice(1).toLowerCase(),
  find: (s, p) => BigInt(s.indexOf(String(p))),
  count: (s, p) => BigInt(s.split(String(p)).length - 1),
  isdigit: (s) => /^\d+$/.test(s),
  center: (s, w, f) => V.format(s, `${f ?? " "}^${w}`),
  ljust: (s, w, f) => V.format(s, `${f ?? " "}<${w}`),
  rjust: (s, w, f) => V.format(s, `${f ?? " "}>${w}`),
  zfill: (s, w) => s.padStart(Number(w), "0"),
}; // prettier-ignore

function escapeRe(s: string): string {
  return s.replace(/[\\\]^-]/g, "\\$&");
}

/** `"{} {:.2f}".format(a, b)` and `{name}` fields. */
function strFormat(s: string, args: unknown[], kwargs: Record<string, unknown>): string {
  let auto = 0;
  return s.replace(
    /\{\{|\}\}|\{([^{}!:]*)(?:!([rs]))?(?::([^{}]*))?\}/g,
    (m, field: string, conv: string, spec: string) => {
      if (m === "{{") return "{";
      if (m === "}}") return "}";
      const value = field === "" ? args[auto++] : /^\d+$/.test(field) ? args[Number(field)] : kwargs[field];
      const converted = conv === "r" ? V.repr(value) : conv === "s" ? V.toStr(value) : value;
      return V.format(converted, spec ?? "");
    },
  );
}

/** Attributes Python has and a JS value lacks (or has with another meaning). Undefined: none special. */
export function pyAttribute(obj: unknown, name: string): unknown {
  if (obj instanceof torch.Tensor) {
    switch (name) {
      case "shape":
        return V.size(obj.shape.map((v) => BigInt(v)));
      case "size":
        return (dim?: unknown) =>
          dim === undefined
            ? V.size(obj.shape.map((v) => BigInt(v)))
            : BigInt(obj.size(Number(dim) as never) as unknown as number);
      case "item":
        return () => scalar(obj.item(), obj);
      case "tolist":
        return () => deep(obj.tolist(), obj);
      case "ndim":
        return BigInt(obj.dim());
      case "__len__":
        return () => V.len(obj);
    }
    return undefined;
  }
  if (typeof obj === "string") {
    if (name === "format")
      return (...a: unknown[]) => {
        const last = a[a.length - 1];
        const kw =
          last !== null && typeof last === "object" && Object.getPrototypeOf(last) === Object.prototype
            ? (a.pop() as Record<string, unknown>)
            : {};
        return strFormat(obj, a, kw);
      };
    const m = STRING_METHODS[name];
    if (!m) throw new V.PyError("AttributeError", `'str' object has no attribute '${name}'`);
    return (...a: unknown[]) => m(obj, ...a);
  }
  if (Array.isArray(obj)) {
    const list: Record<string, Fn> = {
      append: (v) => void obj.push(v),
      extend: (v) => void obj.push(...V.iterate(v)),
      pop: (i) => {
        if (!obj.length) throw new V.PyError("IndexError", "pop from empty list");
        const at = i === undefined ? obj.length - 1 : Number(i) < 0 ? obj.length + Number(i) : Number(i);
        return obj.splice(at, 1)[0];
      },
      insert: (i, v) => void obj.splice(Number(i) < 0 ? obj.length + Number(i) : Number(i), 0, v),
      remove: (v) => {
        const at = obj.findIndex((x) => V.equals(x, v));
        if (at < 0) throw new V.PyError("ValueError", "list.remove(x): x not in list");
        obj.splice(at, 1);
      },
      index: (v) => {
        const at = obj.findIndex((x) => V.equals(x, v));
        if (at < 0) throw new V.PyError("ValueError", `${V.repr(v)} is not in list`);
        return BigInt(at);
      },
      count: (v) => BigInt(obj.filter((x) => V.equals(x, v)).length),
      reverse: () => void obj.reverse(),
      sort: (opts) => void sortInPlace(obj, opts as { key?: Fn; reverse?: boolean } | undefined),
      copy: () => [...obj],
      clear: () => void obj.splice(0),
    };
    if (V.isTuple(obj) && !["index", "count"].includes(name))
      throw new V.PyError("AttributeError", `'tuple' object has no attribute '${name}'`);
    if (!list[name])
      throw new V.PyError("AttributeError", `'${V.pyTypeName(obj)}' object has no attribute '${name}'`);
    return list[name];
  }
  if (obj instanceof Map) {
    const dict: Record<string, Fn> = {
      keys: () => [...obj.keys()],
      values: () => [...obj.values()],
      items: () => [...obj.entries()].map(([k, v]) => V.tuple([k, v])),
      get: (k, d) => {
        for (const [kk, v] of obj) if (V.equals(kk, k)) return v;
        return d ?? null;
      },
      update: (other) => {
        for (const [k, v] of other instanceof Map ? other : Object.entries(other as object)) obj.set(k, v);
      },
      pop: (k, d) => {
        for (const [kk, v] of obj)
          if (V.equals(kk, k)) {
            obj.delete(kk);
            return v;
          }
        if (d === undefined) throw new V.PyError("KeyError", V.repr(k));
        return d;
      },
      setdefault: (k, d) => {
        for (const [kk, v] of obj) if (V.equals(kk, k)) return v;
        obj.set(k, d ?? null);
        return d ?? null;
      },
      copy: () => new Map(obj),
      clear: () => obj.clear(),
    };
    if (!dict[name]) throw new V.PyError("AttributeError", `'dict' object has no attribute '${name}'`);
    return dict[name];
  }
  return undefined;
}

function sortInPlace(items: unknown[], opts?: { key?: Fn; reverse?: boolean }): unknown[] {
  const key = opts?.key ?? ((x: unknown) => x);
  const keyed = items.map((v) => [key(v), v] as const);
  keyed.sort((a, b) =>
    V.truthy(V.compare("<", a[0], b[0])) ? -1 : V.truthy(V.compare("<", b[0], a[0])) ? 1 : 0,
  );
  if (opts?.reverse) keyed.reverse();
  items.splice(0, items.length, ...keyed.map((k) => k[1]));
  return items;
}

function exceptionClass(name: string): Fn {
  const cls = (...args: unknown[]) => new V.PyError(name, args.length ? V.toStr(args[0]) : "");
  Object.defineProperty(cls, "name", { value: name });
  (cls as unknown as { __pyname__: string }).__pyname__ = name;
  return cls;
}

const EXCEPTIONS = [
  "Exception",
  "BaseException",
  "ValueError",
  "TypeError",
  "RuntimeError",
  "KeyError",
  "IndexError",
  "ZeroDivisionError",
  "AttributeError",
  "NameError",
  "StopIteration",
  "AssertionError",
  "NotImplementedError",
  "ImportError",
  "LookupError",
  "ArithmeticError",
  "OverflowError",
  "UserWarning",
];

export function makeBuiltins(session: PythonSession): Record<string, unknown> {
  /** Keyword arguments reach builtins as a trailing options object, as they reach tensorgrad. */
  const withOptions = <T extends object>(args: unknown[]): [unknown[], Partial<T>] => {
    const last = args[args.length - 1];
    if (last !== null && typeof last === "object" && Object.getPrototypeOf(last) === Object.prototype)
      return [args.slice(0, -1), last as Partial<T>];
    return [args, {}];
  };
  const toInt = (v: unknown): bigint => {
    if (v instanceof torch.Tensor) return toInt(v.item());
    if (typeof v === "bigint") return v;
    if (typeof v === "boolean") return v ? 1n : 0n;
    if (typeof v === "string") {
      if (!/^\s*[-+]?\d+\s*$/.test(v))
        throw new V.PyError("ValueError", `invalid literal for int() with base 10: ${V.repr(v)}`);
      return BigInt(v.trim());
    }
    return BigInt(Math.trunc(Number(v)));
  };
  const toFloat = (v: unknown): number => {
    if (v instanceof torch.Tensor) return Number(v.item());
    if (typeof v === "string") {
      const x = Number(v.trim().replace(/^([-+]?)inf(inity)?$/i, "$1Infinity"));
      if (Number.isNaN(x) && !/nan/i.test(v))
        throw new V.PyError("ValueError", `could not convert string to float: ${V.repr(v)}`);
      return x;
    }
    return Number(v);
  };
  const builtins: Record<string, unknown> = {
    print: (...args: unknown[]) => {
      const [values, opts] = withOptions<{ sep: string; end: string }>(args);
      session.printed(values);
      session.write(values.map(V.toStr).join(opts.sep ?? " ") + (opts.end ?? "\n"));
      return null;
    },
    repr: (v: unknown) => V.repr(v),
    str: (v: unknown = "") => V.toStr(v),
    int: toInt,
    float: toFloat,
    bool: (v: unknown = false) => V.truthy(v),
    len: V.len,
    abs: (v: unknown) =>
      v instanceof torch.Tensor
        ? torch.abs(v)
        : typeof v === "bigint"
          ? v < 0n
            ? -v
            : v
          : Math.abs(Number(v)),
    range: (...a: unknown[]) => {
      const n = a.map((x) => toIndex(x));
      return n.length === 1 ? new V.PyRange(0n, n[0], 1n) : new V.PyRange(n[0], n[1], n[2] ?? 1n);
    },
    enumerate: (it: unknown, start: unknown = 0n) => {
      const s =
        typeof start === "object" && start !== null
          ? ((start as { start?: bigint }).start ?? 0n)
          : (start as bigint);
      return [...V.iterate(it)].map((v, i) => V.tuple([BigInt(i) + s, v]));
    },
    zip: (...its: unknown[]) => {
      const lists = its.map((x) => [...V.iterate(x)]);
      const n = Math.min(...lists.map((l) => l.length));
      return Array.from({ length: lists.length ? n : 0 }, (_, i) => V.tuple(lists.map((l) => l[i])));
    },
    list: (it: unknown = []) => [...V.iterate(it)],
    tuple: (it: unknown = []) => V.tuple([...V.iterate(it)]),
    set: (it: unknown = []) => new Set(V.iterate(it)),
    dict: (...a: unknown[]) => {
      const [pos, kw] = withOptions<Record<string, unknown>>(a);
      const m = new Map<unknown, unknown>();
      if (pos[0] instanceof Map) for (const [k, v] of pos[0]) m.set(k, v);
      else if (pos[0] !== undefined)
        for (const kv of V.iterate(pos[0])) m.set(...([...V.iterate(kv)] as [unknown, unknown]));
      for (const [k, v] of Object.entries(kw)) m.set(k, v);
      return m;
    },
    min: (...a: unknown[]) => extreme(a, ">"),
    max: (...a: unknown[]) => extreme(a, "<"),
    sum: (it: unknown, start: unknown = 0n) =>
      [...V.iterate(it)].reduce((acc, v) => V.binop("+", acc, v), start),
    round: (v: unknown, digits?: unknown) => {
      if (v instanceof torch.Tensor)
        return digits === undefined ? torch.round(v) : torch.round(v, { decimals: Number(digits) });
      if (typeof v === "bigint") return v;
      const x = Number(v);
      if (digits === undefined || digits === null) return BigInt(roundHalfEven(x));
      // toFixed rounds the double's exact decimal value, as Python's round does (round(2.675, 2) is 2.67).
      return Number(x.toFixed(Math.max(0, Math.min(100, Number(digits)))));
    },
    sorted: (it: unknown, opts?: { key?: Fn; reverse?: boolean }) => sortInPlace([...V.iterate(it)], opts),
    reversed: (it: unknown) => [...V.iterate(it)].reverse(),
    map: (f: Fn, ...its: unknown[]) => {
      const lists = its.map((x) => [...V.iterate(x)]);
      return Array.from({ length: Math.min(...lists.map((l) => l.length)) }, (_, i) =>
        session.call(
          f,
          lists.map((l) => l[i]),
          new Map(),
        ),
      );
    },
    filter: (f: Fn | null, it: unknown) =>
      [...V.iterate(it)].filter((v) => V.truthy(f === null ? v : session.call(f, [v], new Map()))),
    any: (it: unknown) => [...V.iterate(it)].some(V.truthy),
    all: (it: unknown) => [...V.iterate(it)].every(V.truthy),
    isinstance: (v: unknown, cls: unknown) => isInstance(v, cls, builtins),
    hasattr: (o: unknown, n: string) => {
      try {
        session.getattr(o, n);
        return true;
      } catch {
        return false;
      }
    },
    getattr: (o: unknown, n: string, d?: unknown) => {
      try {
        return session.getattr(o, n);
      } catch (e) {
        if (d !== undefined) return d;
        throw e;
      }
    },
    setattr: (o: Record<string, unknown>, n: string, v: unknown) => {
      o[n] = v;
      return null;
    },
    type: (v: unknown) => {
      if (v instanceof Error) return builtins[v.name] ?? exceptionClass(v.name);
      if (v !== null && typeof v === "object" && !Array.isArray(v) && !(v instanceof Map))
        return (v as object).constructor;
      return builtins[V.pyTypeName(v)] ?? V.pyTypeName(v);
    },
    callable: (v: unknown) => typeof v === "function" || v instanceof torch.nn.Module,
    format: (v: unknown, spec: unknown = "") => V.format(v, String(spec)),
    divmod: (a: unknown, b: unknown) => V.tuple([V.binop("//", a, b), V.binop("%", a, b)]),
    pow: (a: unknown, b: unknown) => V.binop("**", a, b),
    iter: (v: unknown) => V.iterate(v),
    next: (it: Iterator<unknown>, d?: unknown) => {
      const r = it.next();
      if (r.done) {
        if (d !== undefined) return d;
        throw new V.PyError("StopIteration", "");
      }
      return r.value;
    },
    super: () => {
      throw new V.PyError(
        "RuntimeError",
        "super(): only super().__init__() inside a class's __init__ is supported",
      );
    },
    object: Object,
    id: (v: unknown) => BigInt(ids.get(v as object) ?? ids.set(v as object, ids.size + 1).size),
    input: () => {
      throw new V.PyError("RuntimeError", "input() is not available in the playground");
    },
  };
  for (const name of EXCEPTIONS) builtins[name] = exceptionClass(name);
  return builtins;
}

const ids = new Map<object, number>();

function toIndex(v: unknown): bigint {
  if (typeof v === "bigint") return v;
  if (typeof v === "boolean") return v ? 1n : 0n;
  if (v instanceof torch.Tensor && !v.is_floating_point() && v.numel() === 1)
    return BigInt(v.item() as number);
  throw new V.PyError("TypeError", `'${V.pyTypeName(v)}' object cannot be interpreted as an integer`);
}

function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

function extreme(args: unknown[], worse: string): unknown {
  const last = args[args.length - 1];
  let key: Fn = (x) => x;
  if (last !== null && typeof last === "object" && Object.getPrototypeOf(last) === Object.prototype) {
    key = (last as { key: Fn }).key;
    args = args.slice(0, -1);
  }
  const items = args.length === 1 ? [...V.iterate(args[0])] : args;
  if (!items.length) throw new V.PyError("ValueError", "max() arg is an empty sequence");
  return items.reduce((best, v) => (V.truthy(V.compare(worse, key(best), key(v))) ? v : best));
}

function isInstance(v: unknown, cls: unknown, b: Record<string, unknown>): boolean {
  if (Array.isArray(cls)) return cls.some((c) => isInstance(v, c, b));
  if (cls === b.int) return typeof v === "bigint" || typeof v === "boolean";
  if (cls === b.float) return typeof v === "number";
  if (cls === b.bool) return typeof v === "boolean";
  if (cls === b.str) return typeof v === "string";
  if (cls === b.list) return Array.isArray(v) && !V.isTuple(v);
  if (cls === b.tuple) return V.isTuple(v);
  if (cls === b.dict) return v instanceof Map;
  const pyname = (cls as { __pyname__?: string }).__pyname__;
  if (pyname) return v instanceof Error && (pyname === "Exception" || v.name === pyname);
  return typeof cls === "function" && v instanceof (cls as new () => unknown);
}
