// The signature table against PyTorch 1.13's own (test/fixtures/signatures.json, recorded by
// `npm run fixtures -- signatures`): every declared function and method has PyTorch's overloads in
// PyTorch's order, with its parameter names, types and defaults, and Python-level ones its parameters.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import "../../src/index.js";
import { REQUIRED, type Param } from "../../src/signatures/schema.js";
import { classSignatures, entries, type Entry, type PySignature } from "../../src/signatures/registry.js";

interface PyParam {
  name: string;
  kind: "POSITIONAL_OR_KEYWORD" | "KEYWORD_ONLY" | "VAR_POSITIONAL" | "VAR_KEYWORD" | "POSITIONAL_ONLY";
  default: string | null;
}
type FixtureEntry =
  | { kind: "native"; listing: string[]; hidden: boolean | null; signatures: (string | null)[] }
  | { kind: "python"; qualname: string; params: PyParam[] | null }
  | { kind: "noargs"; qualname: string }
  | { kind: "class"; init: { kind: "python"; qualname: string; params: PyParam[] | null } }
  | { kind: "property" }
  | null;

const FIXTURE = JSON.parse(
  readFileSync(new URL("../fixtures/signatures.json", import.meta.url), "utf8"),
) as Record<string, Record<string, FixtureEntry>>;

/** tensorgrad's own additions, which PyTorch does not have under these names. */
const EXTRAS = new Set([
  "torch.get_backend",
  "torch.set_backend",
  "torch.get_printoptions",
  // JS adaptations of PyTorch's context managers: `with torch.no_grad(): body` is `torch.no_grad(() => body)`.
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
  "torch.nn.utils.parametrize.cached",
  // tensorgrad's own: the step-by-step backward explanation, and safetensors files instead of pickles.
  "torch.autograd.explain",
  "torch.save",
  "torch.load",
  "torch.saveToBytes",
  "torch.loadFromBytes",
  "torch.metadataFromBytes",
  // torchviz's make_dot (not part of PyTorch) and its SVG rendering.
  "torch.viz.make_dot",
  "torch.viz.to_svg",
  // Bound by hand in PyTorch (python_torch_functions_manual.cpp), where the fixture script reads no listing or
  // native_functions.yaml's overloads instead of the parser's one signature: the call walk (calls.json) checks
  // them against what PyTorch's parser does.
  "torch.numel",
  "torch.range",
  // PyTorch 2.1's post-accumulate-grad hook.
  "Tensor.register_post_accumulate_grad_hook",
]);

/** A Python repr of a default, as JS values compare with ours. */
function pyValue(repr: string): unknown {
  if (repr === "None") return null;
  if (repr === "True") return true;
  if (repr === "False") return false;
  if (repr === "<required parameter>") return REQUIRED;
  if (/^'.*'$/.test(repr)) return repr.slice(1, -1);
  if (repr === "inf") return Infinity;
  if (/^[([].*[)\]]$/.test(repr)) {
    const inner = repr.slice(1, -1).replace(/,\s*$/, "");
    return inner === "" ? [] : inner.split(", ").map(pyValue);
  }
  const n = Number(repr);
  return Number.isNaN(n) ? repr : n;
}

function pyKind(p: Param): PyParam["kind"] {
  if (p.variadic === "args") return "VAR_POSITIONAL";
  if (p.variadic === "kwargs") return "VAR_KEYWORD";
  return p.keywordOnly ? "KEYWORD_ONLY" : "POSITIONAL_OR_KEYWORD";
}

/** A method's `self` is bound, not declared; a function may name its first parameter `self` (torch.eig). */
function expectPythonParams(params: readonly Param[], expected: PyParam[], method: boolean): void {
  const ours = params.map((p) => ({
    name: p.name,
    kind: pyKind(p),
    default: p.optional && !p.variadic ? p.defaultValue : undefined,
  }));
  const theirs = expected
    .filter((p) => !(method && p.name === "self"))
    .map((p) => ({
      name: p.name,
      kind: p.kind,
      default: p.default === null ? undefined : pyValue(p.default),
    }));
  expect(ours).toEqual(theirs);
}

function check(entry: Entry, fx: FixtureEntry): void {
  expect(fx, "PyTorch has no such name").not.toBeNull();
  if (fx === null) return;
  if (fx.kind === "native") {
    expect(entry.kind).toBe("native");
    const listing = entry.signatures.filter((s) => !s.hidden).map((s) => s.toString());
    expect(listing).toEqual(fx.listing);
    if (fx.hidden !== null) expect(entry.signatures.some((s) => s.hidden)).toBe(fx.hidden);
    // The full text (defaults included), wherever torchgen could rebuild PyTorch's.
    entry.signatures.forEach((s, i) => {
      const text = fx.signatures[i];
      if (entry.declared && text !== null && text !== undefined) expect(s.text).toBe(text);
    });
  } else if (fx.kind === "noargs") {
    expect(entry.kind).toBe("noargs");
    expect(entry.signatures[0].name).toBe(fx.qualname);
  } else if (fx.kind === "python") {
    expect(entry.kind).toBe("python");
    expect(entry.signatures[0].name).toBe(fx.qualname);
    if (fx.params) expectPythonParams(entry.signatures[0].params, fx.params, fx.qualname.includes("."));
  } else {
    throw new Error(`PyTorch's ${entry.name} is a ${fx.kind}, not a function`);
  }
}

describe("every declared function and method has PyTorch's signatures", () => {
  const declared = entries().filter((e) => !EXTRAS.has(`${e.namespace}.${e.name}`));
  it.each(declared.map((e) => [`${e.namespace}.${e.name}`, e] as const))("%s", (_name, entry) => {
    check(entry, FIXTURE[entry.namespace]?.[entry.name] ?? null);
  });
});

describe("every declared class signature is PyTorch's", () => {
  // Constructors once per class they serve, methods by their qualified name ("Module.train").
  const classes: [string, PySignature<string>, boolean][] = [...classSignatures()].flatMap(
    ([name, sig]): [string, PySignature<string>, boolean][] =>
      sig.isConstructor ? sig.classes.map((cls) => [cls, sig, true]) : [[name, sig, false]],
  );
  it.each(classes)("%s", (name, sig, isConstructor) => {
    const fx = FIXTURE[sig.module]?.[name];
    expect(fx?.kind).toBe(isConstructor ? "class" : "python");
    const expected = fx?.kind === "class" ? fx.init : fx?.kind === "python" ? fx : null;
    if (expected === null) return;
    expect(sig.signature.name).toBe(expected.qualname);
    if (expected.params) expectPythonParams(sig.signature.params, expected.params, true);
  });
});
