// The table of public entry points: every torch.* function, Tensor method, nn.functional / nn.init
// function and Python-level constructor is declared here once, by its signatures and implementations.
// From it come the callables users get (argument parsing included), the Tensor methods, and, through
// scripts/gen_api.ts, their TypeScript declarations.
import { Tensor } from "../tensor/tensor.js";
import { RuntimeError } from "../errors.js";
import { emitWarning } from "../warnings.js";
import {
  bindNative,
  bindNoArgs,
  bindPython,
  FastPlan,
  isPlainObject,
  NO_MATCH,
  pythonDefaults,
  UNSURE,
  type Kwargs,
} from "./bind.js";
import { complexFree, guardComplex } from "./complex_dispatch.js";
import { ArgType, methodOf, parseSignature, type Signature, type SignatureKind } from "./schema.js";

// An implementation takes the signature's parameters in order (without `out`; methods get the tensor
// where the function takes `input`).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Impl = (...args: any[]) => unknown;

/**
 * Types the generated declarations (src/generated/) fill in: implementations by signature text, so that an
 * implementation whose parameters don't fit its signature fails to compile; and for Python-level class
 * signatures by name, the arguments callers may pass and the values binding them gives.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface SignatureTypes {}
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface PythonCalls {}
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface PythonBound {}

type NameOf<T extends string> = T extends `@staticmethod ${infer N}(${string}`
  ? N
  : T extends `${infer N}(${string}`
    ? N
    : string;

/** The arguments a Python-level class signature takes (for a constructor's rest parameter). */
export type CallArgs<N extends string> = N extends keyof PythonCalls ? PythonCalls[N] : unknown[];
/** What binding them gives: one value per parameter. */
export type BoundArgs<N extends string> = N extends keyof PythonBound ? PythonBound[N] : unknown[];

// Signatures without a generated type (named-tensor overloads) take null.
type Impls<K extends string> = { [P in K]: P extends keyof SignatureTypes ? SignatureTypes[P] : Impl | null };

export interface Entry {
  /** "torch", "Tensor" (methods), "torch.nn.functional", ... */
  readonly namespace: string;
  readonly name: string;
  readonly kind: SignatureKind;
  readonly signatures: readonly Signature[];
  /** One per signature; null for named-tensor overloads, which tensorgrad declares but cannot run. */
  readonly impls: readonly (Impl | null)[];
  /** Methods: where the tensor goes among each implementation's arguments. */
  readonly selfIndex: readonly number[];
  /** False for the Tensor methods derived from a function's declaration. */
  readonly declared: boolean;
}

const ENTRIES = new Map<string, Entry>();
const CALLABLES = new Map<string, (...args: never[]) => unknown>();

const keyOf = (namespace: string, name: string) => `${namespace}:${name}`;

/** Every declared entry point, in declaration order (for the generator and the tests). */
export function entries(): Entry[] {
  return [...ENTRIES.values()];
}

/** PyTorch binds a Tensor method without parameters as a C method that takes none ("Tensor.abs()"). */
function asNoArgs(entry: Entry): Entry {
  const [sig] = entry.signatures;
  if (
    entry.namespace !== "Tensor" ||
    entry.kind !== "native" ||
    entry.signatures.length !== 1 ||
    sig.params.length > 0
  )
    return entry;
  return {
    ...entry,
    kind: "noargs",
    signatures: [parseSignature(`Tensor.${sig.name}() -> ${sig.returns}`, "noargs")],
  };
}

/** PyTorch tries deprecated signatures after every other (a stable partition). */
function deprecatedLast(entry: Entry): Entry {
  if (!entry.signatures.some((s) => s.deprecated)) return entry;
  const order = entry.signatures
    .map((_, i) => i)
    .sort((a, b) => +entry.signatures[a].deprecated - +entry.signatures[b].deprecated);
  return {
    ...entry,
    signatures: order.map((i) => entry.signatures[i]),
    impls: order.map((i) => entry.impls[i]),
    selfIndex: order.map((i) => entry.selfIndex[i]),
  };
}

function register(declared: Entry): void {
  const sorted = deprecatedLast(asNoArgs(declared));
  // Complex tensors reach an implementation only through guardComplex (docs/complex.md).
  const entry = {
    ...sorted,
    impls: sorted.impls.map((impl) => impl && guardComplex(sorted.namespace, sorted.name, impl)),
  };
  const key = keyOf(entry.namespace, entry.name);
  if (ENTRIES.has(key)) throw new Error(`${entry.namespace}.${entry.name} is declared twice`);
  ENTRIES.set(key, entry);
  // The fast path calls the unwrapped implementations when no argument is complex (one call fewer per op).
  const direct: Direct = { impls: sorted.impls, free: complexFree(entry.namespace, entry.name) };
  const callable =
    entry.namespace === "Tensor" ? methodCallable(entry, direct) : functionCallable(entry, direct);
  CALLABLES.set(key, callable);
  if (entry.namespace === "Tensor") {
    Object.defineProperty(Tensor.prototype, entry.name, {
      value: callable,
      writable: true,
      configurable: true,
    });
  }
}

/** The user-facing function declared as `namespace.name` (what the generated modules export). */
export function publicFunction(namespace: string, name: string): (...args: never[]) => unknown {
  const f = CALLABLES.get(keyOf(namespace, name));
  if (f === undefined) throw new Error(`${namespace}.${name} is not declared`);
  return f;
}

/** Groups a declaration object's signatures by function name, keeping their order. */
function group(
  kind: SignatureKind,
  decls: Record<string, Impl | null>,
): Map<string, [Signature, Impl | null][]> {
  const byName = new Map<string, [Signature, Impl | null][]>();
  for (const [text, impl] of Object.entries(decls)) {
    const sig = parseSignature(text, kind);
    const name = kind === "native" ? sig.name : sig.shortName;
    const list = byName.get(name) ?? [];
    list.push([sig, impl]);
    byName.set(name, list);
  }
  return byName;
}

/**
 * Native ops (the Python argument parser's signatures) in a namespace; `methods: true` also installs the
 * Tensor methods PyTorch derives from them. A null implementation marks a named-tensor overload.
 */
export function defineOps<K extends string>(
  namespace: string,
  decls: Impls<K> | Record<K, null>,
  opts: { methods?: boolean; publicNames?: Record<string, string> } = {},
): void {
  for (const [name, overloads] of group("native", decls as Record<string, Impl | null>)) {
    register({
      namespace,
      name: opts.publicNames?.[name] ?? name,
      kind: "native",
      signatures: overloads.map(([s]) => s),
      impls: overloads.map(([, i]) => i),
      selfIndex: overloads.map(() => -1),
      declared: true,
    });
    if (!opts.methods) continue;
    const methods = overloads.flatMap(([sig, impl]) => {
      const m = methodOf(sig);
      return m === null ? [] : [{ ...m, impl }];
    });
    if (methods.length === 0)
      throw new Error(`${name} has no overload with a Tensor input to make a method of`);
    register({
      namespace: "Tensor",
      name,
      kind: "native",
      signatures: methods.map((m) => m.method),
      impls: methods.map((m) => m.impl),
      selfIndex: methods.map((m) => m.selfIndex),
      declared: false,
    });
  }
}

/** Native Tensor methods with signatures of their own (`view`, `add_`, ...): implementations take the tensor first. */
export function defineMethods<K extends string>(decls: Impls<K> | Record<K, null>): void {
  for (const [name, overloads] of group("native", decls as Record<string, Impl | null>)) {
    register({
      namespace: "Tensor",
      name,
      kind: "native",
      signatures: overloads.map(([s]) => s),
      impls: overloads.map(([, i]) => i),
      selfIndex: overloads.map(() => 0),
      declared: true,
    });
  }
}

/**
 * Python-level functions ("split(tensor: Tensor, ...)"), or Tensor methods written in Python ("Tensor.split(...)").
 * `publicNames` maps a signature's name to the one users reach it by, where Python's errors print another
 * (`F.max_pool2d` is a dispatcher whose errors say "_max_pool2d()"); defineOps takes the same option
 * (`F.logsigmoid` is the builtin "log_sigmoid").
 */
export function definePython<K extends string>(
  namespace: string,
  decls: Impls<K>,
  opts: { publicNames?: Record<string, string> } = {},
): void {
  for (const [name, overloads] of group("python", decls as Record<string, Impl>)) {
    if (overloads.length !== 1)
      throw new Error(`Python-level ${name} has one signature, not ${overloads.length}`);
    register({
      namespace,
      name: opts.publicNames?.[name] ?? name,
      kind: "python",
      signatures: [overloads[0][0]],
      impls: [overloads[0][1]],
      selfIndex: [namespace === "Tensor" ? 0 : -1],
      declared: true,
    });
  }
}

/** C methods that take no arguments ("_TensorBase.dim()"). */
export function defineNoArgMethods<K extends string>(decls: Impls<K>): void {
  for (const [name, overloads] of group("noargs", decls as Record<string, Impl>)) {
    register({
      namespace: "Tensor",
      name,
      kind: "noargs",
      signatures: [overloads[0][0]],
      impls: [overloads[0][1]],
      selfIndex: [0],
      declared: true,
    });
  }
}

/** C functions of a namespace that take no arguments ("torch.is_grad_enabled()"). */
export function defineNoArgFunctions<K extends string>(namespace: string, decls: Impls<K>): void {
  for (const [name, overloads] of group("noargs", decls as Record<string, Impl>)) {
    register({
      namespace,
      name,
      kind: "noargs",
      signatures: [overloads[0][0]],
      impls: [overloads[0][1]],
      selfIndex: [-1],
      declared: true,
    });
  }
}

// ---- calling ---------------------------------------------------------------------------------------------

/** Whether the positional parameter at `index` of a Python-level signature takes a dict (so a plain object there is not the options). */
function takesDictAt(entry: Entry, index: number): boolean {
  if (entry.kind !== "python") return false;
  const positional = entry.signatures[0].params.filter((p) => !p.keywordOnly && p.variadic === null);
  const p = positional[index];
  if (p === undefined) return false;
  const t = p.pyType;
  const isDict = (x: typeof t): boolean =>
    x !== null && (x.kind === "name" ? x.name === "dict" : x.kind === "union" && x.members.some(isDict));
  return isDict(t);
}

/**
 * Splits a JS call into positional arguments and keyword arguments: a plain object in last position is
 * the options object. Trailing `undefined`s count as not given; an `undefined` between arguments is None.
 */
export function splitCall(args: readonly unknown[], entry?: Entry): [unknown[], Kwargs] {
  let end = args.length;
  while (end > 0 && args[end - 1] === undefined) end--;
  let kwargs: Kwargs = null;
  if (end > 0 && isPlainObject(args[end - 1]) && !(entry !== undefined && takesDictAt(entry, end - 1))) {
    kwargs = args[end - 1] as Record<string, unknown>;
    end--;
  }
  const positional = new Array<unknown>(end);
  for (let i = 0; i < end; i++) positional[i] = args[i] === undefined ? null : args[i];
  return [positional, kwargs];
}

/** Hooks the ops layer provides for `out=` arguments (this layer cannot copy tensors). */
export interface OutHooks {
  /** Throws PyTorch's error when an argument requires grad (out= is not differentiable). */
  check(name: string, args: readonly unknown[], out: unknown): void;
  /** Writes the result into `out` (resizing it as PyTorch does) and returns what the call returns. */
  write(result: unknown, out: unknown): unknown;
}

let outHooks: OutHooks | null = null;

export function setOutHooks(hooks: OutHooks): void {
  outHooks = hooks;
}

const warnedDeprecated = new Set<Signature>();

/** TORCH_WARN_ONCE of PythonArgParser::check_deprecated. */
function warnDeprecated(entry: Entry, sig: Signature): void {
  if (warnedDeprecated.has(sig)) return;
  warnedDeprecated.add(sig);
  const others = entry.signatures.filter((s) => !s.hidden).map((s) => `\n\t${s.name}${s.toString()}`);
  emitWarning(
    `This overload of ${sig.name} is deprecated:\n\t${sig.name}${sig.toString()}` +
      (others.length > 0
        ? `\nConsider using one of the following signatures instead:${others.join("")}`
        : ""),
  );
}

function namedTensorError(args: readonly unknown[]): RuntimeError {
  const t =
    args.find((a): a is Tensor => a instanceof Tensor) ??
    (args.find(Array.isArray) as Tensor[] | undefined)?.[0];
  const name =
    args.find((a) => typeof a === "string") ??
    (args.find((a) => Array.isArray(a) && typeof a[0] === "string") as string[] | undefined)?.[0];
  if (t instanceof Tensor && name !== undefined)
    return new RuntimeError(`Name '${name}' not found in Tensor[${t.shape.map(() => "None").join(", ")}].`);
  // A Dimname given as None (softmax(x, None) binds the Dimname overload): THPDimname_parse's error.
  if (args.includes(null)) return new RuntimeError("Please look up dimensions by name, got: name = None.");
  return new RuntimeError("tensorgrad does not support named tensors (dimension names)");
}

/** Runs overload `index` of `entry` on bound values (every parameter, `out` included). */
function invoke(entry: Entry, index: number, values: unknown[], self: Tensor | null): unknown {
  const sig = entry.signatures[index];
  let out: unknown = null;
  if (sig.outIndex >= 0) {
    out = values[sig.outIndex];
    if (sig.outIndex === values.length - 1) values.length--;
    else values.splice(sig.outIndex, 1);
  }
  if (self !== null) {
    const at = entry.selfIndex[index];
    if (at === 0) values.unshift(self);
    else values.splice(at, 0, self);
  }
  const impl = entry.impls[index];
  if (impl === null) throw namedTensorError(values);
  if (sig.deprecated) warnDeprecated(entry, sig);
  if (out === null) return impl(...values);
  outHooks!.check(sig.name, values, out);
  return outHooks!.write(impl(...values), out);
}

/**
 * Tries the entry's signatures in order on a positional call through their fast plans; undefined when the
 * full parser must decide (keywords, conversions, or no match: it raises the error).
 */
function fastCall(
  entry: Entry,
  plans: readonly FastPlan[],
  direct: Direct,
  self: Tensor | null,
  args: unknown[],
): unknown {
  const n = args.length;
  if (n > 0 && (isPlainObject(args[n - 1]) || args[n - 1] === undefined)) return NO_FAST;
  for (let i = 0; i < plans.length; i++) {
    const bound = plans[i].bind(self, args, n);
    if (bound === UNSURE) return NO_FAST;
    if (bound === NO_MATCH) continue;
    const plan = plans[i];
    if (entry.signatures[i].deprecated) return plan.release(NO_FAST);
    const impl = direct.free(bound) ? direct.impls[i] : entry.impls[i];
    if (impl === null) return plan.release(NO_FAST);
    try {
      return impl(...bound);
    } finally {
      plan.release(null);
    }
  }
  return NO_FAST;
}

const NO_FAST = Symbol("no fast path");

/** The implementations without guardComplex's wrapper, and when a call may use them (complex_dispatch.ts). */
interface Direct {
  readonly impls: readonly (Impl | null)[];
  readonly free: (args: readonly unknown[]) => boolean;
}

const NO_ARGS: readonly unknown[] = Object.freeze([]);

/** A tensor that is not complex: a method's own tensor may go straight to the unwrapped implementation. */
const isPlainTensor = (t: unknown): boolean => t instanceof Tensor && !t.dtype.is_complex;

function plansOf(entry: Entry): FastPlan[] {
  return entry.signatures.map((s, i) => new FastPlan(s, entry.selfIndex[i]));
}

function functionCallable(entry: Entry, direct: Direct): (...args: unknown[]) => unknown {
  switch (entry.kind) {
    case "native": {
      const plans = plansOf(entry);
      return function (...args: unknown[]): unknown {
        const fast = fastCall(entry, plans, direct, null, args);
        if (fast !== NO_FAST) return fast;
        const [positional, kwargs] = splitCall(args);
        const { index, values } = bindNative(entry.signatures, positional, kwargs);
        return invoke(entry, index, values, null);
      };
    }
    case "python": {
      const defaults = pythonDefaults(entry.signatures[0]);
      return function (...args: unknown[]): unknown {
        let bound: unknown[];
        if (args.length === 0 && defaults !== null) bound = defaults();
        else {
          const [positional, kwargs] = splitCall(args, entry);
          bound = bindPython(entry.signatures[0], positional, kwargs);
        }
        return (direct.free(bound) ? direct.impls[0]! : entry.impls[0]!)(...bound);
      };
    }
    case "noargs": {
      const impl = entry.impls[0]!;
      return function (...args: unknown[]): unknown {
        if (args.length === 0) return impl();
        const [positional, kwargs] = splitCall(args);
        bindNoArgs(entry.signatures[0], positional, kwargs);
        return impl();
      };
    }
  }
}

function methodCallable(entry: Entry, direct: Direct): (this: Tensor, ...args: unknown[]) => unknown {
  switch (entry.kind) {
    case "native": {
      const plans = plansOf(entry);
      return function (this: Tensor, ...args: unknown[]): unknown {
        const fast = fastCall(entry, plans, direct, this, args);
        if (fast !== NO_FAST) return fast;
        const [positional, kwargs] = splitCall(args);
        const { index, values } = bindNative(entry.signatures, positional, kwargs);
        return invoke(entry, index, values, this);
      };
    }
    case "python": {
      const defaults = pythonDefaults(entry.signatures[0]);
      return function (this: Tensor, ...args: unknown[]): unknown {
        let bound: unknown[];
        if (args.length === 0 && defaults !== null) bound = defaults();
        else {
          const [positional, kwargs] = splitCall(args, entry);
          bound = bindPython(entry.signatures[0], positional, kwargs);
        }
        const impl = isPlainTensor(this) && direct.free(bound) ? direct.impls[0]! : entry.impls[0]!;
        return impl.call(null, this, ...bound);
      };
    }
    case "noargs": {
      const guarded = entry.impls[0]!;
      const plain = direct.impls[0]!;
      // `arguments` rather than a rest parameter: ops call t.numel(), t.dim(), t.is_contiguous() internally on
      // every op, and a call without arguments then allocates nothing.
      return function (this: Tensor): unknown {
        const impl = isPlainTensor(this) && direct.free(NO_ARGS) ? plain : guarded;
        if (arguments.length === 0) return impl(this);
        // eslint-disable-next-line prefer-rest-params -- a rest parameter would allocate on every call
        const [positional, kwargs] = splitCall(Array.prototype.slice.call(arguments) as unknown[]);
        bindNoArgs(entry.signatures[0], positional, kwargs);
        return impl(this);
      };
    }
  }
}

// ---- Python-level signatures of classes (constructors and methods of modules, optimizers, ...) ----------

const CLASS_SIGNATURES = new Map<string, PySignature<string>>();

/** Every Python-level class signature, by qualified name (for the generator and the tests). */
export function classSignatures(): Map<string, PySignature<string>> {
  return CLASS_SIGNATURES;
}

/**
 * A Python-level signature a class binds its arguments with: `new PySignature("torch.nn", "Linear.__init__(in_features: int, ...)")`.
 * The module is where Python finds the class (for the fixtures that pin it to PyTorch's). `classes` names
 * the public classes a constructor serves when its qualified name is a shared base's, as PyTorch's errors
 * print it (`_BatchNorm.__init__` for BatchNorm1d and BatchNorm2d); by default, the class the name starts with.
 */
export class PySignature<T extends string> {
  readonly signature: Signature;
  readonly classes: readonly string[];
  private readonly entry: Entry;

  constructor(
    readonly module: string,
    text: T,
    classes?: readonly string[],
  ) {
    this.signature = parseSignature(text, "python");
    this.classes = classes ?? [this.signature.name.split(".")[0]];
    if (CLASS_SIGNATURES.has(this.signature.name))
      throw new Error(`${this.signature.name} is declared twice`);
    CLASS_SIGNATURES.set(this.signature.name, this as PySignature<string>);
    this.entry = {
      namespace: "",
      name: this.signature.name,
      kind: "python",
      signatures: [this.signature],
      impls: [null],
      selfIndex: [-1],
      declared: false,
    };
  }

  /** Whether this is a constructor (`__init__`, `__new__` as Parameter's, or a C class's own name), not a method. */
  get isConstructor(): boolean {
    const short = this.signature.shortName;
    // A C class binds its constructor under the class's own name ("Generator(device=None)").
    return short === "__init__" || short === "__new__" || !this.signature.name.includes(".");
  }

  /** Binds the arguments of a call: one value per parameter, defaults filled in. */
  bind(args: readonly unknown[]): BoundArgs<NameOf<T>> {
    const [positional, kwargs] = splitCall(args, this.entry);
    return bindPython(this.signature, positional, kwargs) as BoundArgs<NameOf<T>>;
  }
}

/** Whether a native parameter is an int list that may be given as varargs (`x.view(2, 3)`). */
export function takesVarargs(sig: Signature): boolean {
  const first = sig.params[0];
  return (
    sig.maxPosArgs === 1 &&
    first !== undefined &&
    (first.type === ArgType.IntList || first.type === ArgType.SymIntList)
  );
}
