// A debug counter of kernel calls per backend, off by default (an internal hook, not public API): it answers
// "which kernels of this training step ran in TypeScript on the native backend?" (test/backend/dispatch.test.ts,
// BENCHMARKS.md). Turning it on replaces the backend's kernel members (and those of its norm, sort, lapack and optim
// kernel sets) with counting wrappers, and the native backend's entry-point table (`entryPoints`, the functions
// its kernels call) with wrappers that note each call into C; turning it off puts the originals back, so code
// that never turns it on runs exactly the same functions. A top-level kernel call counts as native when it
// called into C at least once, else as TypeScript; kernels a kernel calls are part of their caller. Work done
// outside the backend (loops written in src/ops/ on typed arrays) is not seen.
import { backend, type Backend } from "./backend.js";

/** Calls of one kernel key: `method[.op] dtype`, e.g. `unary.gelu float32`, `norm.layerNorm float32`. */
export interface KernelCalls {
  calls: number;
  /** calls that reached C */
  native: number;
  /** calls that ran only TypeScript */
  typescript: number;
  /** the TypeScript calls whose largest operand had at least `largeElements` elements */
  typescriptLarge: number;
  /** the largest operand (elements) of any call */
  maxElements: number;
}

type AnyFunction = (...args: unknown[]) => unknown;
type Members = Record<string, unknown>;

/** Members of the Backend interface holding sets of kernels: counted as `set.kernel`. */
const KERNEL_SETS = ["norm", "sort", "lapack", "optim", "conv", "pool", "rnn"];

let installed: { restore: () => void } | null = null;
const counts = new Map<string, KernelCalls>();
let largeElements = 1024;
let depth = 0;
let nativeCalls = 0;

/**
 * The addon's entry points as a plain object of the same functions: N-API defines them read-only, and the
 * counter needs to swap them. Calling through it costs what calling the addon does.
 */
export function countableEntryPoints<T extends object>(addon: T): T {
  const table: Members = {};
  for (const name of Object.getOwnPropertyNames(addon)) table[name] = (addon as Members)[name];
  return table as T;
}

const isTypedArray = (v: unknown): v is ArrayLike<number> =>
  ArrayBuffer.isView(v) && !(v instanceof DataView);

/** Elements of a kernel argument or result: a strided view's, a typed array's, or the largest array inside. */
function elementsOf(v: unknown): number {
  if (isTypedArray(v)) return v.length;
  if (v === null || typeof v !== "object") return 0;
  const shape = (v as { shape?: unknown }).shape;
  if (Array.isArray(shape) && "data" in v) return shape.reduce((a: number, b: number) => a * b, 1);
  let most = 0;
  for (const inner of Object.values(v)) if (isTypedArray(inner)) most = Math.max(most, inner.length);
  return most;
}

/** Kernels whose data operand is not their first strided argument: scatter's is src (its index comes first). */
const DATA_ARGUMENT: Record<string, number> = { scatter: 4 };

const hasDType = (a: unknown): a is { dtype: { name: string } } =>
  a !== null && typeof a === "object" && "dtype" in a && typeof a.dtype === "object";

/** `method[.op] dtype`: the op name when the first argument is one, the data operand's dtype. */
function keyOf(method: string, args: unknown[]): string {
  const op = typeof args[0] === "string" ? `.${args[0]}` : "";
  const at = DATA_ARGUMENT[method];
  const operand = at !== undefined && hasDType(args[at]) ? args[at] : args.find(hasDType);
  const data = args.find(isTypedArray);
  const dtype = operand?.dtype.name ?? data?.constructor.name.replace("Array", "").toLowerCase() ?? "";
  return dtype ? `${method}${op} ${dtype}` : `${method}${op}`;
}

function record(key: string, elements: number, ranNative: boolean): void {
  let entry = counts.get(key);
  if (!entry) {
    entry = { calls: 0, native: 0, typescript: 0, typescriptLarge: 0, maxElements: 0 };
    counts.set(key, entry);
  }
  entry.calls++;
  entry.maxElements = Math.max(entry.maxElements, elements);
  if (ranNative) entry.native++;
  else {
    entry.typescript++;
    if (elements >= largeElements) entry.typescriptLarge++;
  }
}

function countingKernel(name: string, kernel: AnyFunction): AnyFunction {
  return function (this: unknown, ...args: unknown[]) {
    if (depth > 0) return kernel.apply(this, args);
    depth++;
    const before = nativeCalls;
    let result: unknown;
    try {
      result = kernel.apply(this, args);
      return result;
    } finally {
      depth--;
      const elements = Math.max(elementsOf(result), ...args.map(elementsOf));
      record(keyOf(name, args), elements, nativeCalls > before);
    }
  };
}

function countingEntryPoint(entry: AnyFunction): AnyFunction {
  return function (this: unknown, ...args: unknown[]) {
    nativeCalls++;
    return entry.apply(this, args);
  };
}

/** Swaps every function member of `target` for wrap(name, fn); returns the undo. */
function swapMembers(
  target: Members,
  prefix: string,
  wrap: (name: string, fn: AnyFunction) => AnyFunction,
): () => void {
  const saved: [string, unknown][] = [];
  for (const name of Object.keys(target)) {
    const member = target[name];
    if (typeof member !== "function") continue;
    saved.push([name, member]);
    target[name] = wrap(prefix + name, member as AnyFunction);
  }
  return () => {
    for (const [name, member] of saved) target[name] = member;
  };
}

/**
 * Turns counting on for `on` true (on the active backend, or `target`), off for false. Counts of TypeScript
 * calls with an operand of at least `large` elements are kept apart (default 1024, the largest elementwise
 * cutover of src/backend/native/index.ts). Turning it on again resets the counts.
 */
export function setDispatchCounting(on: boolean, target: Backend = backend(), large = 1024): void {
  installed?.restore();
  installed = null;
  if (!on) return;
  counts.clear();
  largeElements = large;
  depth = 0;
  const undo: (() => void)[] = [];
  const members = target as unknown as Members;
  undo.push(swapMembers(members, "", countingKernel));
  for (const set of KERNEL_SETS) {
    const kernels = members[set];
    if (kernels !== null && typeof kernels === "object")
      undo.push(swapMembers(kernels as Members, `${set}.`, countingKernel));
  }
  const entryPoints = members.entryPoints;
  if (entryPoints !== null && typeof entryPoints === "object")
    undo.push(swapMembers(entryPoints as Members, "", (_, fn) => countingEntryPoint(fn)));
  installed = { restore: () => undo.reverse().forEach((f) => f()) };
}

/** The counts since counting was turned on, by kernel key. */
export function dispatchCounts(): ReadonlyMap<string, Readonly<KernelCalls>> {
  return counts;
}

/** Kernel keys that ran in TypeScript with an operand of at least the `large` size, sorted. */
export function largeTypeScriptKernels(): string[] {
  return [...counts]
    .filter(([, c]) => c.typescriptLarge > 0)
    .map(([key]) => key)
    .sort();
}
