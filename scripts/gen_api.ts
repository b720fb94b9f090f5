// `npm run gen:api` writes src/generated/ from the signature table: the typed exports of every public
// namespace (torch, torch.nn.functional, ...), the Tensor methods' declarations, and the types that check
// each implementation against its signature. `--check` fails when the committed files are stale (lint runs it).
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import * as prettier from "prettier";
import "../src/register.js";
import { ArgType, type Param, type PyType, type Signature } from "../src/signatures/schema.js";
import { classSignatures, entries, type Entry } from "../src/signatures/registry.js";

const OUT_DIR = "src/generated";

/** Each public namespace: its generated module, and what a user writes to reach it. */
const NAMESPACES: Record<string, string> = {
  torch: "torch",
  "torch.nn.functional": "nn_functional",
  "torch.nn.init": "nn_init",
  "torch.linalg": "linalg",
  "torch.special": "special",
  "torch.fft": "fft",
  "torch.autograd": "autograd",
  "torch.autograd.functional": "autograd_functional",
  "torch.viz": "viz",
  "torch.nn.utils": "nn_utils",
  "torch.nn.utils.rnn": "nn_utils_rnn",
  "torch.nn.parallel": "nn_parallel",
  "torch.utils.data": "utils_data",
  "torch.utils.checkpoint": "utils_checkpoint",
  "torch.cuda": "cuda",
};

/** Where the named types used in declarations come from (paths relative to src/generated/). */
const TYPE_IMPORTS: Record<string, string> = {
  Tensor: "../tensor/tensor.js",
  PrintOptions: "../tensor/format.js",
  DType: "../tensor/dtype.js",
  Generator: "../tensor/random.js",
  Device: "../tensor/device.js",
  Layout: "../tensor/device.js",
  MemoryFormat: "../tensor/device.js",
  Scalar: "../ops/core.js",
  ValuesIndices: "../ops/reduce.js",
  NamedTuple: "../ops/reduce_util.js",
  Module: "../nn/module.js",
  Parameter: "../nn/parameter.js",
  PackedSequence: "../nn/utils_rnn.js",
  Nested: "../tensor/tensor.js",
  RemovableHandle: "../autograd/node.js",
  Explanation: "../autograd/explain.js",
  NamedTensors: "../autograd/explain.js",
  StateDictLike: "../io/safetensors.js",
  Subset: "../utils/data/dataset.js",
  NDArray: "../ops/numpy.js",
  WorkerInfo: "../utils/data/worker.js",
};

// ---- TypeScript types of parameters ---------------------------------------------------------------------

/** What a caller may pass for a native parameter. */
function nativeArgType(p: Param, bound: boolean): string {
  const t = nativeBase(p, bound);
  return p.allowNone && !(bound && p.optional && p.defaultValue !== null) ? `${t} | null` : t;
}

function nativeBase(p: Param, bound: boolean): string {
  switch (p.type) {
    case ArgType.Tensor:
      return p.allowNumbersAsTensors && p.name !== "out" ? "Tensor | Scalar" : "Tensor";
    case ArgType.Scalar:
      return "Scalar";
    case ArgType.Int:
    case ArgType.SymInt:
    case ArgType.Double:
    case ArgType.Complex:
      return "number";
    case ArgType.Bool:
      return "boolean";
    case ArgType.IntList:
    case ArgType.SymIntList:
      return bound ? "number[]" : p.size > 0 ? "number | readonly number[]" : "readonly number[]";
    case ArgType.FloatList:
      return bound ? "number[]" : "readonly number[]";
    case ArgType.ScalarList:
      return bound ? "Scalar[]" : "readonly Scalar[]";
    case ArgType.TensorList:
      return bound ? "Tensor[]" : "readonly Tensor[]";
    case ArgType.Generator:
      return "Generator";
    case ArgType.ScalarType:
      return "DType";
    case ArgType.Layout:
      return "Layout";
    case ArgType.MemoryFormat:
      return "MemoryFormat";
    case ArgType.Device:
      return bound ? "Device" : "Device | string | number";
    case ArgType.String:
    case ArgType.Dimname:
      return "string";
    case ArgType.DimnameList:
      return bound ? "string[]" : "readonly string[]";
    case ArgType.PyObject:
      return "unknown";
  }
}

const PY_NAMES: Record<string, string> = {
  int: "number",
  float: "number",
  Number: "Scalar",
  bool: "boolean",
  str: "string",
  None: "null",
  Tensor: "Tensor",
  dtype: "DType",
  device: "Device | string | number",
  Generator: "Generator",
  callable: "(...args: any[]) => any",
  dict: "Record<string, unknown>",
  bytes: "Uint8Array | ArrayBuffer",
  truthy: "boolean",
  function: "(...args: any[]) => any",
  set: "Set<unknown>",
  iterable: "Iterable<unknown>",
  object: "unknown",
  Any: "unknown",
};

function pyTsType(t: PyType | null, bound: boolean): string {
  if (t === null) return "unknown";
  switch (t.kind) {
    case "literal":
      return JSON.stringify(t.value);
    case "list": {
      const inner = pyTsType(t.of, bound);
      const wrapped = /[|&]/.test(inner) ? `(${inner})` : inner;
      return bound ? `${wrapped}[]` : `readonly ${wrapped}[]`;
    }
    case "union":
      // A function type inside a union needs parentheses: `boolean | ((...args: any[]) => any)`.
      return [
        ...new Set(t.members.map((m) => pyTsType(m, bound)).map((s) => (s.includes("=>") ? `(${s})` : s))),
      ].join(" | ");
    case "name":
      if (bound && t.name === "device") return "Device | string | number";
      return PY_NAMES[t.name] ?? t.name;
  }
}

function pyArgType(p: Param, bound: boolean): string {
  const t = pyTsType(p.pyType, bound);
  return p.defaultValue === null && !/\bnull\b/.test(t) && t !== "unknown" ? `${t} | null` : t;
}

// ---- return types ---------------------------------------------------------------------------------------

const RETURNS: Record<string, string> = {
  "": "void",
  None: "void",
  Tensor: "Tensor",
  "Tensor[]": "Tensor[]",
  bool: "boolean",
  int: "number",
  float: "number",
  Scalar: "Scalar",
  str: "string",
  ScalarType: "DType",
  "int[]": "number[]",
  "(Tensor values, Tensor indices)": "ValuesIndices",
};

function returnType(sig: Signature): string {
  const r = sig.returns;
  if (r in RETURNS) return RETURNS[r];
  const unnamed = /^\(((?:Tensor, )*Tensor)\)$/.exec(r);
  if (unnamed) return `[${unnamed[1]}]`;
  // A named tuple (torch.return_types.*): indexable, and each field by name.
  const named = /^\(((?:Tensor(?:\[\])? \w+, )*Tensor(?:\[\])? \w+)\)$/.exec(r);
  if (named) {
    // A `Tensor[] name` field (histogramdd's bin_edges) is a tuple of tensors.
    const fields = named[1].split(", ").map((p) => p.split(" "));
    const type = (t: string) => (t === "Tensor[]" ? "readonly Tensor[]" : "Tensor");
    return `NamedTuple & { ${fields.map(([t, f]) => `readonly ${f}: ${type(t)}`).join("; ")} }`;
  }
  return r;
}

// ---- overloads ------------------------------------------------------------------------------------------

const ident = (name: string) =>
  /^(function|default|new|in|var|class|delete)$/.test(name) ? `${name}_` : name;

interface ParamView {
  name: string;
  type: string;
  optional: boolean;
}

/** The call forms of one signature: k leading positional arguments, the rest in an options object. */
function overloads(
  positional: ParamView[],
  keywordOnly: ParamView[],
  ret: string,
  rest: string | null,
): string[] {
  const forms: string[] = [];
  const firstOptional = positional.findIndex((p) => p.optional);
  const required = firstOptional < 0 ? positional.length : firstOptional;
  for (let k = positional.length; k >= 0; k--) {
    const lead = positional
      .slice(0, k)
      .map((p, i) => `${ident(p.name)}${i >= required ? "?" : ""}: ${p.type}`);
    const inOpts = [...positional.slice(k), ...keywordOnly];
    const optsType = `{ ${inOpts.map((p) => `${p.name}${p.optional && !p.name.startsWith("[") ? "?" : ""}: ${p.type}`).join("; ")} }`;
    const optsRequired = inOpts.some((p) => !p.optional);
    if (rest !== null) {
      // With *args every positional parameter comes first; a rest parameter must be last, so the options
      // object goes in a tuple after it.
      if (k < positional.length) continue;
      forms.push(`(${[...lead, rest].join(", ")}): ${ret}`);
      if (inOpts.length > 0) {
        const elements = [...lead.map((l) => l.replace("?:", ":")), rest, `opts: ${optsType}`];
        forms.push(`(...args: [${elements.join(", ")}]): ${ret}`);
      }
      continue;
    }
    const parts = [...lead];
    if (inOpts.length > 0) parts.push(`opts${optsRequired ? "" : "?"}: ${optsType}`);
    // Optional positional parameters before a required options object are not expressible: skip the form.
    if (optsRequired && lead.some((l) => l.includes("?:"))) continue;
    forms.push(`(${parts.join(", ")}): ${ret}`);
  }
  return forms;
}

function nativeForms(sig: Signature): string[] {
  if (sig.hidden) return [];
  // Named-tensor overloads (a required Dimname) are not offered; an optional `names=None` is left out.
  const isName = (p: Param) => p.type === ArgType.Dimname || p.type === ArgType.DimnameList;
  if (sig.params.some((p) => isName(p) && !p.optional)) return [];
  const view = (p: Param): ParamView => ({
    name: p.name,
    type: nativeArgType(p, false),
    optional: p.optional || p.allowNone,
  });
  const params = sig.params.filter((p) => !isName(p));
  const positional = params.filter((p) => !p.keywordOnly).map(view);
  const keywordOnly = params.filter((p) => p.keywordOnly).map(view);
  const ret = returnType(sig);
  const forms = overloads(positional, keywordOnly, ret, null);
  const first = sig.params[0];
  if (sig.maxPosArgs === 1 && (first.type === ArgType.IntList || first.type === ArgType.SymIntList)) {
    const opts =
      keywordOnly.length > 0 ? `{ ${keywordOnly.map((p) => `${p.name}?: ${p.type}`).join("; ")} }` : null;
    forms.push(`(...${ident(first.name)}: number[]): ${ret}`);
    if (opts) forms.push(`(...args: [...${ident(first.name)}: number[], opts: ${opts}]): ${ret}`);
  }
  return forms;
}

/** The array type of *args whose elements have type `t` (a union in parentheses). */
function elementsOf(t: PyType | null, bound: boolean): string {
  const inner = pyTsType(t, bound).replace(/^readonly /, "");
  return /[|&]/.test(inner) ? `(${inner})[]` : `${inner}[]`;
}

function pythonForms(sig: Signature): string[] {
  const view = (p: Param): ParamView => ({ name: p.name, type: pyArgType(p, false), optional: p.optional });
  const positional = sig.params.filter((p) => !p.keywordOnly && p.variadic === null).map(view);
  const keywordOnly = sig.params.filter((p) => p.keywordOnly && p.variadic === null).map(view);
  // **kwargs: the options object takes other keys too.
  if (sig.params.some((p) => p.variadic === "kwargs"))
    keywordOnly.push({ name: "[key: string]", type: "unknown", optional: true });
  const varargs = sig.params.find((p) => p.variadic === "args");
  const rest = varargs ? `...${ident(varargs.name)}: ${elementsOf(varargs.pyType, false)}` : null;
  const forms = overloads(positional, keywordOnly, returnType(sig), rest);
  return forms;
}

function formsOf(entry: Entry): string[] {
  const forms = entry.signatures.flatMap((s) =>
    entry.kind === "python"
      ? pythonForms(s)
      : entry.kind === "noargs"
        ? [`(): ${returnType(s)}`]
        : nativeForms(s),
  );
  return [...new Set(forms)];
}

/** The implementation type of a declared signature: bound values in, the return type out. */
function implType(sig: Signature, selfFirst: boolean): string {
  const params = sig.kind === "python" ? sig.params : sig.implParams;
  const parts = params.map((p) => {
    const name = ident(p.name);
    if (p.variadic === "args") return `${name}: ${elementsOf(p.pyType, true)}`;
    if (p.variadic === "kwargs") return `${name}: Record<string, unknown>`;
    return `${name}: ${sig.kind === "python" ? pyArgType(p, true) : nativeArgType(p, true)}`;
  });
  if (selfFirst) parts.unshift("self: Tensor");
  return `(${parts.join(", ")}) => ${returnType(sig)}`;
}

// ---- writing --------------------------------------------------------------------------------------------

const HEADER =
  "// Generated by scripts/gen_api.ts from the signature declarations (`npm run gen:api`): do not edit.\n";

function importsFor(body: string, from: string): string {
  const used = Object.keys(TYPE_IMPORTS).filter((name) => new RegExp(`\\b${name}\\b`).test(body));
  const byPath = new Map<string, string[]>();
  for (const name of used) {
    const path = TYPE_IMPORTS[name].replace(/^\.\.\//, from);
    byPath.set(path, [...(byPath.get(path) ?? []), name]);
  }
  return [...byPath].map(([path, names]) => `import type { ${names.join(", ")} } from "${path}";`).join("\n");
}

function namespaceModule(namespace: string, list: Entry[]): string {
  const body = list
    .map((e) => {
      const forms = formsOf(e);
      // A reserved word (torch.var) is declared under another name and exported under its own.
      const local = ident(e.name);
      const declared = `const ${local} = publicFunction(${JSON.stringify(namespace)}, ${JSON.stringify(e.name)}) as {\n${forms.map((f) => `  ${f};`).join("\n")}\n};`;
      return local === e.name ? `export ${declared}` : `${declared}\nexport { ${local} as ${e.name} };`;
    })
    .join("\n\n");
  return `${HEADER}import "../register.js";\nimport { publicFunction } from "../signatures/registry.js";\n${importsFor(body, "../")}\n\n${body}\n`;
}

function typesModule(all: Entry[]): string {
  const methods = all
    .filter((e) => e.namespace === "Tensor")
    .map((e) =>
      formsOf(e)
        .map((f) => `    ${e.name}${f};`)
        .join("\n"),
    )
    .join("\n");
  const impls: string[] = [];
  for (const e of all) {
    if (!e.declared) continue;
    e.signatures.forEach((s, i) => {
      if (e.impls[i] === null) return;
      impls.push(`    ${JSON.stringify(s.text)}: ${implType(s, e.namespace === "Tensor")};`);
    });
  }
  // One signature may be declared in two namespaces (torch.no_grad and torch.autograd.no_grad).
  const uniqueImpls = [...new Set(impls)];
  const calls: string[] = [];
  const bound: string[] = [];
  for (const [name, { signature: sig }] of classSignatures()) {
    const forms = pythonForms(sig).map((f) => f.slice(0, f.lastIndexOf(")") + 1));
    calls.push(`    ${JSON.stringify(name)}: ${forms.map((f) => `[${f.slice(1, -1)}]`).join(" | ")};`);
    bound.push(
      `    ${JSON.stringify(name)}: [${implType(sig, false).slice(1, implType(sig, false).lastIndexOf(")"))}];`,
    );
  }
  const block = (name: string, lines: string[]) =>
    lines.length > 0 ? `  interface ${name} {\n${lines.join("\n")}\n  }\n` : "";
  const body =
    `declare module "../tensor/tensor.js" {\n  interface Tensor {\n${methods}\n  }\n}\n\n` +
    `declare module "../signatures/registry.js" {\n${block("SignatureTypes", uniqueImpls)}${block("PythonCalls", calls)}${block("PythonBound", bound)}}`;
  return `${HEADER}${importsFor(body, "../")}\n\n${body}\n`;
}

async function main(): Promise<void> {
  const check = process.argv.includes("--check");
  const all = entries();
  const files = new Map<string, string>();
  for (const [namespace, file] of Object.entries(NAMESPACES)) {
    const list = all.filter((e) => e.namespace === namespace);
    if (list.length > 0) files.set(`${OUT_DIR}/${file}.ts`, namespaceModule(namespace, list));
  }
  files.set(`${OUT_DIR}/types.ts`, typesModule(all));
  const config = await prettier.resolveConfig("src/index.ts");
  let stale = 0;
  mkdirSync(OUT_DIR, { recursive: true });
  for (const [path, raw] of files) {
    const text = await prettier.format(raw, { ...config, parser: "typescript" });
    let old = "";
    try {
      old = readFileSync(path, "utf8");
    } catch {
      /* a new file */
    }
    if (old === text) continue;
    stale++;
    if (check) console.error(`${path} is stale: run \`npm run gen:api\``);
    else writeFileSync(path, text);
  }
  if (check && stale > 0) process.exit(1);
  if (!check) console.log(`gen:api: ${files.size} files, ${stale} rewritten`);
}

await main();
