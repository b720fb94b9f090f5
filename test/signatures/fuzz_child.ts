// Random arguments for every public entry point (run by fuzz.test.ts in a child process, so that a crash
// or a hang fails the test instead of the runner). Prints a JSON report: the violations found.
//
// Violations: an error that is not one of Python's classes (a RangeError, a plain Error from an internal
// invariant), a message showing JS internals, an unknown option key that was accepted (ignored), a
// tensor result with a non-integer or negative size.
import * as torch from "../../src/index.js";
import { classSignatures, entries, publicFunction, type Entry } from "../../src/signatures/registry.js";
import type { Param } from "../../src/signatures/schema.js";

const PYTHON_ERRORS = new Set([
  "TypeError",
  "RuntimeError",
  "IndexError",
  "ValueError",
  "KeyError",
  "NotImplementedError",
  "AssertionError",
  "SafetensorError",
  "ZeroDivisionError",
  "AttributeError",
  "OverflowError",
]);

/**
 * Entry points the random calls leave out: JS adaptations that switch global modes for the rest of the
 * process (grad mode, anomaly mode), and tensorgrad's file and rendering functions (async, they touch files).
 */
const SKIPPED = new Set([
  "torch.no_grad",
  "torch.enable_grad",
  "torch.set_grad_enabled",
  "torch.inference_mode",
  "torch.autograd.no_grad",
  "torch.autograd.enable_grad",
  "torch.autograd.set_grad_enabled",
  "torch.autograd.inference_mode",
  "torch.autograd.set_detect_anomaly",
  "torch.autograd.detect_anomaly",
  "torch.save",
  "torch.load",
  "torch.viz.to_svg",
  "torch.set_backend",
  "torch.set_printoptions",
]);
// (Python's own "'int' object is not iterable" is fine; V8's "x is not iterable" is not.)
const JS_INTERNALS =
  /Cannot read properties|is not a function|\[object Object\]|\bundefined\b|=>|function \(|(?<!' object) is not iterable|Invalid typed array length|Maximum call stack/;
const BOGUS_KEY = "not_a_parameter_of_any_op";

// A small seeded generator (mulberry32): the same seed gives the same calls.
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const seed = Number(process.env.FUZZ_SEED ?? 1);
const callsPerEntry = Number(process.env.FUZZ_CALLS ?? 20);
const random = rng(seed);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];

function tensorValue(): torch.Tensor {
  const shapes = [[], [0], [3], [2, 3], [1, 3], [2, 1, 3]];
  const shape = pick(shapes);
  const n = shape.reduce((a, b) => a * b, 1);
  const data = Array.from({ length: n }, () => Math.round((random() * 8 - 4) * 4) / 4);
  const dtype = pick([torch.float32, torch.float32, torch.float64, torch.int64, torch.bool]);
  const t = torch.tensor(dtype === torch.bool ? data.map((x) => x > 0) : data, { dtype }).reshape(shape);
  return dtype.is_floating_point && random() < 0.3 ? t.requires_grad_(true) : t;
}

function scalarValue(): unknown {
  return pick([0, 1, 2, -1, 3, 0.5, -2.5, 1e-3, NaN, Infinity, -Infinity, -0, 2 ** 40, true, false, 2n, -1n]);
}

function anyValue(depth = 0): unknown {
  const r = random();
  if (r < 0.3) return tensorValue();
  if (r < 0.55) return scalarValue();
  if (r < 0.6) return pick(["x", "", "mean", "sum", "floor", "none", "cpu", "cuda"]);
  if (r < 0.65) return null;
  if (r < 0.67) return undefined;
  if (r < 0.8 && depth < 2) {
    const n = Math.floor(random() * 4);
    return Array.from({ length: n }, () =>
      random() < 0.6 ? pick([0, 1, 2, -1, 1.5, NaN]) : anyValue(depth + 1),
    );
  }
  if (r < 0.85) return pick([torch.float32, torch.float64, torch.int64, torch.bool]);
  if (r < 0.88) return () => 1;
  if (r < 0.9) return new torch.Generator();
  return tensorValue();
}

/** An argument that often fits the parameter (so calls get past the parser) and sometimes doesn't. */
function valueFor(p: Param): unknown {
  if (random() < 0.25) return anyValue();
  const text = p.typeText;
  if (/Tensor\b(?!List)|Tensor$/.test(text) && !/\[\]/.test(text)) return tensorValue();
  if (/TensorList|Tensor\[\]/.test(text)) return [tensorValue(), tensorValue()];
  if (/IntArrayRef|int\[\]/.test(text)) return pick([[1], [0], [2, 3], [-1], [3, 2], [1.5], [NaN], []]);
  if (/int64_t|SymInt|\bint\b/.test(text)) return pick([0, 1, -1, 2, 2.5, NaN, Infinity, -3]);
  if (/double|float|Scalar|Number/.test(text)) return scalarValue();
  if (/bool/.test(text)) return pick([true, false, 1]);
  if (/string|str/.test(text)) return pick(["mean", "sum", "none", "floor", "trunc", "x"]);
  if (/ScalarType|dtype/.test(text)) return pick([torch.float32, torch.float64, torch.int64, "float32"]);
  return anyValue();
}

interface Violation {
  target: string;
  args: string;
  problem: string;
}

function describeArg(a: unknown, depth = 0): string {
  if (a instanceof torch.Tensor)
    return `Tensor(${a.dtype.name}, [${a.shape.join(",")}]${a.requires_grad ? ", grad" : ""})`;
  if (typeof a === "bigint") return `${a}n`;
  if (typeof a === "function") return "function";
  if (typeof a === "number") return Object.is(a, -0) ? "-0" : String(a);
  if (a instanceof torch.DType) return `torch.${a.name}`;
  if (Array.isArray(a))
    return depth > 2 ? "[...]" : `[${a.map((x) => describeArg(x, depth + 1)).join(", ")}]`;
  if (a !== null && typeof a === "object" && Object.getPrototypeOf(a) === Object.prototype) {
    return `{${Object.entries(a)
      .map(([k, v]) => `${k}: ${describeArg(v, depth + 1)}`)
      .join(", ")}}`;
  }
  if (a !== null && typeof a === "object") return (a as object).constructor?.name ?? "object";
  return JSON.stringify(a) ?? String(a);
}

function describeArgs(args: unknown[]): string {
  return args.map((a) => describeArg(a)).join(", ");
}

function checkResult(r: unknown): string | null {
  const tensors =
    r instanceof torch.Tensor ? [r] : Array.isArray(r) ? r.filter((x) => x instanceof torch.Tensor) : [];
  for (const t of tensors as torch.Tensor[]) {
    if (t.shape.some((d) => !Number.isInteger(d) || d < 0)) return `result has shape [${t.shape.join(", ")}]`;
  }
  return null;
}

const violations: Violation[] = [];
let calls = 0;

const trace = process.env.FUZZ_TRACE === "1";

function attempt(target: string, call: () => unknown, args: unknown[], bogus: boolean): void {
  calls++;
  if (trace) process.stderr.write(`${target}(${describeArgs(args)})\n`);
  try {
    const r = call();
    if (bogus)
      violations.push({ target, args: describeArgs(args), problem: "accepted an unknown option key" });
    const bad = checkResult(r);
    if (bad) violations.push({ target, args: describeArgs(args), problem: bad });
  } catch (e) {
    const err = e as Error;
    const name = err?.name ?? typeof e;
    if (!PYTHON_ERRORS.has(name))
      violations.push({ target, args: describeArgs(args), problem: `${name}: ${err?.message}` });
    else if (JS_INTERNALS.test(err.message))
      violations.push({ target, args: describeArgs(args), problem: `JS internals: ${err.message}` });
  }
}

/** Whether a Python-level parameter is annotated to take a dict (registry.ts's splitCall reads it the same way). */
function takesDict(p: Param | undefined): boolean {
  const isDict = (t: Param["pyType"]): boolean =>
    t !== null &&
    t !== undefined &&
    (t.kind === "name" ? t.name === "dict" : t.kind === "union" && t.members.some(isDict));
  return isDict(p?.pyType ?? null);
}

/** Positional arguments for one of the entry's signatures, often with an options object. */
function randomCall(params: readonly Param[]): { args: unknown[]; bogus: boolean } {
  // A signature with **kwargs takes any keyword: an unknown one is not ignored there, it is accepted.
  const takesAnyKeyword = params.some((p) => p.variadic === "kwargs");
  const positional = params.filter((p) => !p.keywordOnly && p.variadic === null);
  const n = Math.min(
    positional.length + (random() < 0.15 ? 1 : 0),
    Math.floor(random() * (positional.length + 2)),
  );
  const args: unknown[] = [];
  for (let i = 0; i < n; i++) args.push(i < positional.length ? valueFor(positional[i]) : anyValue());
  let bogus = false;
  if (random() < 0.4) {
    const opts: Record<string, unknown> = {};
    for (const p of params)
      if (p.variadic === null && random() < 0.3 && !positional.slice(0, n).includes(p))
        opts[p.name] = valueFor(p);
    if (random() < 0.3) {
      opts[BOGUS_KEY] = 1;
      // Where the next positional parameter takes a dict, the object is that argument, not the options.
      bogus = !takesAnyKeyword && !takesDict(positional[n]);
    }
    args.push(opts);
  }
  return { args, bogus };
}

function fuzzEntry(e: Entry): void {
  const label = `${e.namespace}.${e.name}`;
  // In-place ops on shared samples are fine: every call builds fresh arguments.
  for (let i = 0; i < callsPerEntry; i++) {
    const sig = pick(e.signatures);
    const { args, bogus } = randomCall(sig.params);
    if (e.namespace === "Tensor") {
      const self = tensorValue();
      const method = (self as unknown as Record<string, (...a: unknown[]) => unknown>)[e.name];
      attempt(label, () => method.apply(self, args), [self, ...args], bogus);
    } else {
      const fn = publicFunction(e.namespace, e.name) as (...a: unknown[]) => unknown;
      attempt(label, () => fn(...args), args, bogus);
    }
  }
}

/** A class by its Python path ("torch.nn" + "Linear"), found in the torch namespace object. */
function classOf(module: string, owner: string): (new (...a: unknown[]) => unknown) | null {
  let obj: unknown = torch;
  for (const part of module.split(".").slice(1)) obj = (obj as Record<string, unknown>)?.[part];
  const cls = (obj as Record<string, unknown>)?.[owner];
  return typeof cls === "function" ? (cls as new (...a: unknown[]) => unknown) : null;
}

for (const e of entries()) if (!SKIPPED.has(`${e.namespace}.${e.name}`)) fuzzEntry(e);
for (const [, sig] of classSignatures()) {
  if (!sig.isConstructor) continue;
  for (const owner of sig.classes) {
    const cls = classOf(sig.module, owner);
    if (cls === null) continue;
    for (let i = 0; i < callsPerEntry; i++) {
      const { args, bogus } = randomCall(sig.signature.params);
      attempt(`${sig.module}.${owner}`, () => new cls(...args), args, bogus);
    }
  }
}

process.stdout.write(JSON.stringify({ seed, calls, violations }));
