// The walk over every declared signature: for each, calls that give each keyword parameter in an options
// object, and calls PyTorch rejects (unknown keywords, extra positional arguments, wrong types, non-integer
// sizes, missing arguments). Cases are plain data so that gen_call_fixtures.py can make the same call in
// PyTorch; calls.test.ts replays them in tensorgrad and compares outcomes.
import { ArgType, type Param, type PyType, type Signature } from "../../src/signatures/schema.js";
import { classSignatures, entries, type Entry } from "../../src/signatures/registry.js";
import { classMethodCases } from "./class_calls.js";
import * as SAMPLE_TABLES from "./samples/index.js";

/** A value both sides can build: JSON, plus tagged objects. Integral numbers are Python ints, others floats. */
export type Value =
  | number
  | string
  | boolean
  | null
  | Value[]
  | { tensor: string; requires_grad?: true }
  | { float: "nan" | "inf" | "-inf" }
  | { dtype: string }
  | { bigint: string }
  | { object: "Unmatchable" }
  | { generator: number }
  // A dict (where a plain object would be the options object), an object made by calling a public class
  // or function ("torch.optim.SGD"), and a function returning a constant (a closure, lr_lambda, collate_fn).
  | { dict: Record<string, Value> }
  | { new: string; args: Value[]; kwargs?: Record<string, Value> }
  | { returns: Value };

export interface CallCase {
  /** Unique, stable: `${target}/${kind}`. */
  id: string;
  /** "torch.add", "Tensor.add" (called on `self`), "torch.nn.functional.relu", "torch.nn.Linear" (a class). */
  target: string;
  self?: Value;
  args: Value[];
  kwargs: Record<string, Value> | null;
  /**
   * For a Python-level signature's argument of the wrong type (a str, a fraction, NaN or infinity where it
   * wants something else): the signature's name and the argument. PyTorch does not check those types
   * itself; tensorgrad checks the annotation up front (docs/signatures.md).
   */
  annotation?: { name: string; param: string };
}

/** The tensors calls use, by name: small, deterministic, the same on both sides. */
export const SAMPLE_TENSORS: Record<string, { dtype: string; shape: number[]; data: number[] }> = {
  f23: { dtype: "float32", shape: [2, 3], data: [0.25, -1.5, 2, 0.75, -0.5, 3] },
  g23: { dtype: "float32", shape: [2, 3], data: [1.5, 0.5, -2, 2.25, 1, -0.75] },
  f32: { dtype: "float32", shape: [3, 2], data: [1, -2, 0.5, 1.5, -1, 2] },
  f3: { dtype: "float32", shape: [3], data: [0.5, -1, 2] },
  f2: { dtype: "float32", shape: [2], data: [1.5, -0.5] },
  f0: { dtype: "float32", shape: [], data: [0.75] },
  fe: { dtype: "float32", shape: [0], data: [] },
  f223: { dtype: "float32", shape: [2, 2, 3], data: [0.5, 1, -1, 2, 0.25, -0.5, 1.5, -2, 0.75, 1, -1.25, 0] },
  f232: { dtype: "float32", shape: [2, 3, 2], data: [1, 0.5, -1, 2, 0.25, 1.5, -0.5, 1, 2, -2, 0.5, 0.75] },
  d23: { dtype: "float64", shape: [2, 3], data: [0.25, -1.5, 2, 0.75, -0.5, 3] },
  i23: { dtype: "int64", shape: [2, 3], data: [3, -1, 0, 2, 5, -4] },
  idx23: { dtype: "int64", shape: [2, 3], data: [0, 1, 2, 2, 1, 0] },
  idx2: { dtype: "int64", shape: [2], data: [1, 0] },
  b23: { dtype: "bool", shape: [2, 3], data: [1, 0, 1, 0, 0, 1] },
  // Weights for nn.functional's layers: a conv2d kernel, attention projections (embed_dim 2).
  f2212: { dtype: "float32", shape: [2, 2, 1, 2], data: [0.5, -1, 1.5, 0.25, -0.5, 2, 1, -0.75] },
  f62: { dtype: "float32", shape: [6, 2], data: [0.5, -0.25, 1, 0.75, -1, 0.5, 0.25, 1.5, -0.5, 1, 2, -1] },
  f22: { dtype: "float32", shape: [2, 2], data: [1, -0.5, 0.25, 0.75] },
  f6: { dtype: "float32", shape: [6], data: [0.1, -0.2, 0.3, 0.05, -0.1, 0.2] },
};

/** Tensor arguments by parameter name (others get f23). */
const TENSOR_BY_NAME: Record<string, string> = {
  condition: "b23",
  mask: "b23",
  index: "idx23",
  indices: "idx23",
  mat2: "f32",
  vec: "f3",
  vec2: "f3",
  tensor: "f3",
  src: "g23",
  source: "g23",
  target: "g23",
  weight: "g23",
};

/** String arguments by parameter name: values PyTorch accepts. */
const STRING_BY_NAME: Record<string, string> = {
  rounding_mode: "floor",
  reduce: "sum",
  reduction: "sum",
  approximate: "tanh",
  mode: "constant",
  equation: "ij->ji",
};

/**
 * Per-target samples where the generic ones don't fit an op (a matrix product's shapes, a view's size):
 * by target, then parameter name; `alt` is the value passed where the default would be. Each area of the
 * library keeps its own table in samples/.
 */
export type SampleOverrides = Record<string, Record<string, { value: Value; alt?: Value }>>;
const OVERRIDES: SampleOverrides = Object.assign(
  {},
  ...Object.entries(SAMPLE_TABLES)
    .filter(([name]) => name.endsWith("_SAMPLES"))
    .map(([, table]) => table),
);

/** A sample for a parameter; `alt` picks a second value (to pass where the default would be). */
function sample(p: Param, alt: boolean, target = ""): Value {
  const override = OVERRIDES[target]?.[p.name];
  if (override !== undefined) return alt && override.alt !== undefined ? override.alt : override.value;
  if (p.pyType !== null) return pySample(p.pyType, p.name, alt);
  switch (p.type) {
    case ArgType.Tensor:
      return { tensor: TENSOR_BY_NAME[p.name] ?? (alt ? "g23" : "f23") };
    case ArgType.Scalar:
    case ArgType.Double:
    case ArgType.Complex:
      return alt ? 1.5 : 0.5;
    case ArgType.Int:
    case ArgType.SymInt:
      return p.name.includes("dim") ? (alt ? 0 : 1) : alt ? 2 : 1;
    case ArgType.Bool:
      return p.optional ? !(p.defaultValue as boolean) : alt;
    case ArgType.IntList:
    case ArgType.SymIntList:
      return p.name === "size" || p.name === "shape" ? [3, 2] : alt ? [0] : [1];
    case ArgType.FloatList:
      return [0.5];
    case ArgType.ScalarList:
      return [0.5];
    case ArgType.TensorList:
      return [{ tensor: "f23" }, { tensor: "g23" }];
    case ArgType.ScalarType:
      return { dtype: alt ? "float64" : "float32" };
    case ArgType.String:
      return STRING_BY_NAME[p.name] ?? "x";
    case ArgType.Generator:
      return { generator: 7 };
    default:
      return null;
  }
}

function pySample(t: PyType, name: string, alt: boolean): Value {
  switch (t.kind) {
    case "literal":
      return t.value;
    case "list":
      return [pySample(t.of, name, alt)];
    case "union": {
      const first = t.members.find((m) => !(m.kind === "name" && m.name === "None")) ?? t.members[0];
      return pySample(first, name, alt);
    }
    case "name":
      switch (t.name) {
        case "Tensor":
          return { tensor: TENSOR_BY_NAME[name] ?? (alt ? "g23" : "f23") };
        case "int":
          return name.includes("dim") ? (alt ? 0 : 1) : alt ? 2 : 1;
        case "float":
        case "Number":
          return alt ? 1.5 : 0.5;
        case "bool":
          return alt;
        case "str":
          return STRING_BY_NAME[name] ?? "x";
        case "dtype":
          return { dtype: alt ? "float64" : "float32" };
        case "None":
          return null;
      }
      return null;
  }
}

/** A value of the wrong type for a parameter: a str, or an int where PyTorch wants a str. */
function wrongType(p: Param): Value {
  if (p.type === ArgType.String || (p.pyType?.kind === "name" && p.pyType.name === "str")) return 1;
  if (p.type === ArgType.PyObject && p.pyType === null) return null;
  return "x";
}

function isIntLike(p: Param): boolean {
  if (p.pyType !== null) return p.pyType.kind === "name" && p.pyType.name === "int";
  return [ArgType.Int, ArgType.SymInt, ArgType.IntList, ArgType.SymIntList].includes(p.type);
}

function isListLike(p: Param): boolean {
  return p.type === ArgType.IntList || p.type === ArgType.SymIntList;
}

/** The cases of one signature of an entry point. */
export function casesOf(target: string, sig: Signature, self: Value | undefined, index: number): CallCase[] {
  const sampleOf = (p: Param, alt: boolean) => sample(p, alt, target);
  const params = sig.params.filter((p) => p.variadic === null);
  if (params.some((p) => p.type === ArgType.Dimname || p.type === ArgType.DimnameList)) return [];
  const positional = params.filter((p) => !p.keywordOnly);
  const required = positional.filter((p) => !p.optional);
  const base = required.map((p) => sampleOf(p, false));
  const out: CallCase[] = [];
  const add = (kind: string, args: Value[], kwargs: Record<string, Value> | null) => {
    const bad = /^(wrong-type|fraction|nan|inf):(.*)$/.exec(kind);
    out.push({
      id: `${target}/${index}/${kind}`,
      target,
      ...(self !== undefined ? { self } : {}),
      args,
      kwargs,
      ...(bad && sig.kind === "python" ? { annotation: { name: sig.name, param: bad[2] } } : {}),
    });
  };
  add("base", base, null);
  add(
    "all-positional",
    positional.map((p) => sampleOf(p, p.optional)),
    null,
  );
  for (const p of params) {
    if (p.name === "out") {
      add("kw:out", base, { out: { tensor: "fe" } });
      continue;
    }
    if (p.optional || p.keywordOnly) add(`kw:${p.name}`, base, { [p.name]: sampleOf(p, true) });
    else
      add(
        `kw:${p.name}`,
        base.slice(0, required.indexOf(p)),
        Object.fromEntries(required.slice(required.indexOf(p)).map((q) => [q.name, sampleOf(q, false)])),
      );
    for (const alias of p.numpyNames.filter((a) => a === "axis" || a === "keepdims")) {
      add(
        `alias:${alias}`,
        base.filter((_, i) => required[i] !== p),
        { [alias]: sampleOf(p, !required.includes(p)) },
      );
    }
  }
  add("unknown-keyword", base, { not_a_parameter: 1 });
  add("extra-positional", [...positional.map((p) => sampleOf(p, false)), 1], null);
  if (required.length > 0) add("missing", [], null);
  positional.forEach((p, i) => {
    const args = positional.slice(0, Math.max(i + 1, required.length)).map((q) => sampleOf(q, false));
    add(
      `wrong-type:${p.name}`,
      args.map((v, j) => (j === i ? wrongType(p) : v)),
      null,
    );
    if (isIntLike(p)) {
      for (const [label, bad] of [
        ["fraction", 2.5],
        ["nan", { float: "nan" }],
        ["inf", { float: "inf" }],
      ] as const) {
        add(
          `${label}:${p.name}`,
          args.map((v, j) => (j === i ? (isListLike(p) ? [bad] : bad) : v)),
          null,
        );
      }
    }
  });
  // The same call on other dtypes: which ones PyTorch takes, and its error for the others.
  const input = positional.find((p) => p.name === "input" || p.name === "self");
  for (const dtype of ["i23", "b23", "d23"]) {
    if (self !== undefined)
      out.push({
        id: `${target}/${index}/dtype:${dtype}`,
        target,
        self: { tensor: dtype },
        args: base,
        kwargs: null,
      });
    else if (input !== undefined && input.type === ArgType.Tensor && required.includes(input))
      add(
        `dtype:${dtype}`,
        base.map((v, j) => (required[j] === input ? { tensor: dtype } : v)),
        null,
      );
  }
  return out;
}

const TARGET_PREFIX: Record<string, string> = { Tensor: "Tensor" };

/** Every case, for every declared function, method and class signature. */
export function allCases(): CallCase[] {
  const cases: CallCase[] = [];
  for (const e of entries()) {
    const target = `${TARGET_PREFIX[e.namespace] ?? e.namespace}.${e.name}`;
    const self: Value | undefined = e.namespace === "Tensor" ? { tensor: "f23" } : undefined;
    if (e.kind === "noargs") {
      cases.push({ id: `${target}/0/base`, target, self, args: [], kwargs: null });
      cases.push({ id: `${target}/0/extra-positional`, target, self, args: [1], kwargs: null });
      cases.push({
        id: `${target}/0/unknown-keyword`,
        target,
        self,
        args: [],
        kwargs: { not_a_parameter: 1 },
      });
      continue;
    }
    e.signatures.forEach((s, i) => {
      if (!s.hidden) cases.push(...casesOf(target, s, self, i));
    });
  }
  // Constructors, once per class they serve (class methods are walked by class_calls.ts).
  for (const sig of classSignatures().values()) {
    if (!sig.isConstructor) continue;
    for (const cls of sig.classes)
      cases.push(...casesOf(`${sig.module}.${cls}`, sig.signature, undefined, 0));
  }
  cases.push(...classMethodCases());
  return dedupe(cases);
}

/** Signatures of one entry share many calls; keep each distinct call once. */
function dedupe(cases: CallCase[]): CallCase[] {
  const seen = new Set<string>();
  return cases.filter((c) => {
    const key = JSON.stringify([c.target, c.self, c.args, c.kwargs]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export type { Entry };
