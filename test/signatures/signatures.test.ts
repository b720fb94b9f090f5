// The signature table against PyTorch 1.13's own (test/fixtures/signatures.json, recorded by
// `npm run fixtures -- signatures`): every declared function and method has PyTorch's overloads in
// PyTorch's order, with its parameter names, types and defaults, and Python-level ones its parameters.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import "../../src/index.js";
import { REQUIRED, type Param } from "../../src/signatures/schema.js";
import { classSignatures, entries, type Entry } from "../../src/signatures/registry.js";

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
const EXTRAS = new Set(["torch.get_backend", "torch.set_backend"]);

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

function expectPythonParams(params: readonly Param[], expected: PyParam[]): void {
  const ours = params.map((p) => ({
    name: p.name,
    kind: pyKind(p),
    default: p.optional && !p.variadic ? p.defaultValue : undefined,
  }));
  const theirs = expected
    .filter((p) => p.name !== "self")
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
    if (fx.params) expectPythonParams(entry.signatures[0].params, fx.params);
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
  const classes = [...classSignatures()];
  it.each(classes.map(([name, sig]) => [name, sig] as const))("%s", (name, sig) => {
    const owner = name.split(".")[0];
    const fx = FIXTURE[sig.module]?.[owner];
    expect(fx?.kind).toBe("class");
    if (fx?.kind !== "class") return;
    expect(sig.signature.name).toBe(fx.init.qualname);
    if (fx.init.params) expectPythonParams(sig.signature.params, fx.init.params);
  });
});
