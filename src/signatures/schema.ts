// Signatures, written once per op in one of PyTorch's two languages and parsed here:
// - native ops in the Python argument parser's language, as PyTorch's generated bindings declare them
//   (torch/csrc/utils/python_arg_parser.cpp): "max(Tensor input, int64_t dim, bool keepdim=False, *, TensorList[2] out=None)";
// - Python-level APIs (nn modules, optimizers, torch.functional, ...) in Python's def syntax, with type
//   annotations from a small vocabulary: "split(tensor: Tensor, split_size_or_sections: int | int[], dim: int = 0)".
// Both may end with "-> ReturnType", which only the generated TypeScript declarations read.

import { contiguous_format, preserve_format, strided } from "../tensor/device.js";
import { int64 } from "../tensor/dtype.js";

/** The named constants native defaults use. */
const CONSTANTS: Record<string, unknown> = {
  "torch.int64": int64,
  "torch.strided": strided,
  "torch.contiguous_format": contiguous_format,
  "MemoryFormat::Contiguous": contiguous_format,
  "torch.preserve_format": preserve_format,
};

/** The parser's parameter types (python_arg_parser.cpp's ParameterType), by the names signatures use. */
export const enum ArgType {
  Tensor,
  Scalar,
  Int,
  SymInt,
  Double,
  Complex,
  TensorList,
  IntList,
  SymIntList,
  FloatList,
  Generator,
  Bool,
  PyObject,
  ScalarType,
  Layout,
  MemoryFormat,
  Device,
  String,
  Dimname,
  DimnameList,
  ScalarList,
}

const NATIVE_TYPES: Record<string, ArgType> = {
  Tensor: ArgType.Tensor,
  Scalar: ArgType.Scalar,
  int64_t: ArgType.Int,
  SymInt: ArgType.SymInt,
  double: ArgType.Double,
  complex: ArgType.Complex,
  TensorList: ArgType.TensorList,
  "c10::List<c10::optional<Tensor>>": ArgType.TensorList,
  IntArrayRef: ArgType.IntList,
  SymIntArrayRef: ArgType.SymIntList,
  "ArrayRef<double>": ArgType.FloatList,
  Generator: ArgType.Generator,
  bool: ArgType.Bool,
  "PyObject*": ArgType.PyObject,
  ScalarType: ArgType.ScalarType,
  Layout: ArgType.Layout,
  MemoryFormat: ArgType.MemoryFormat,
  Device: ArgType.Device,
  "std::string": ArgType.String,
  "c10::string_view": ArgType.String,
  Dimname: ArgType.Dimname,
  DimnameList: ArgType.DimnameList,
  ScalarList: ArgType.ScalarList,
};

/** What PyTorch 1.13 calls each type in its error texts (FunctionParameter::type_name). */
const TYPE_NAMES: Record<ArgType, string> = {
  [ArgType.Tensor]: "Tensor",
  [ArgType.Scalar]: "Number",
  [ArgType.Int]: "int",
  [ArgType.SymInt]: "SymInt",
  [ArgType.Double]: "float",
  [ArgType.Complex]: "complex",
  [ArgType.TensorList]: "tuple of Tensors",
  [ArgType.IntList]: "tuple of ints",
  [ArgType.SymIntList]: "tuple of SymInts",
  [ArgType.FloatList]: "tuple of floats",
  [ArgType.Generator]: "torch.Generator",
  [ArgType.Bool]: "bool",
  [ArgType.PyObject]: "object",
  [ArgType.ScalarType]: "torch.dtype",
  [ArgType.Layout]: "torch.layout",
  [ArgType.MemoryFormat]: "torch.memory_format",
  [ArgType.Device]: "torch.device",
  [ArgType.String]: "str",
  [ArgType.Dimname]: "name",
  [ArgType.DimnameList]: "tuple of names",
  [ArgType.ScalarList]: "tuple of Scalars",
};

/** Native ops whose Tensor parameters also take Python numbers (python_arg_parser.cpp). */
const NUMBERS_AS_TENSORS = new Set(
  ["add", "div", "divide", "mul", "multiply", "sub", "subtract", "true_divide", "floor_divide"]
    .flatMap((n) => [n, n + "_", n + "_out"])
    .concat(["to", "_to_copy", "copy_"]),
);

/** NumPy spellings PyTorch's parser accepts for some keyword names. */
const NUMPY_NAMES: Record<string, readonly string[]> = {
  dim: ["axis"],
  keepdim: ["keepdims"],
  input: ["x", "a", "x1"],
  other: ["x2"],
};

/** A Python-level type annotation: a name, a list of a type, a union, or a string literal. */
export type PyType =
  | { readonly kind: "name"; readonly name: string }
  | { readonly kind: "list"; readonly of: PyType }
  | { readonly kind: "union"; readonly members: readonly PyType[] }
  | { readonly kind: "literal"; readonly value: string };

export interface Param {
  /** The parameter as written in the signature. */
  readonly source: string;
  readonly name: string;
  /** The parser type of a native parameter (unused for Python-level ones). */
  readonly type: ArgType;
  /** The annotation of a Python-level parameter; null when it has none (anything goes). */
  readonly pyType: PyType | null;
  /** The type as written, for the generated TypeScript declarations. */
  readonly typeText: string;
  /** IntArrayRef[2]: the length a single int is broadcast to (0: no broadcasting). */
  readonly size: number;
  readonly optional: boolean;
  readonly allowNone: boolean;
  readonly keywordOnly: boolean;
  /** The default, as a JS value (null for None). */
  readonly defaultValue: unknown;
  readonly numpyNames: readonly string[];
  readonly allowNumbersAsTensors: boolean;
  /** Python's *args / **kwargs. */
  readonly variadic: "args" | "kwargs" | null;
  /**
   * A Python-level parameter whose value PyTorch's Python code hands to a native op unchecked (written
   * `~int | int[]`): its annotation types the declarations, and the native op's parser checks the value, with
   * PyTorch's own error text.
   */
  readonly forwarded?: boolean;
}

/** A value that must be given by keyword or position although the signature shows a default (SGD's lr in 1.13). */
export const REQUIRED: unique symbol = Symbol("required parameter");

export type SignatureKind = "native" | "python" | "noargs";

export class Signature {
  readonly minArgs: number;
  readonly maxArgs: number;
  readonly maxPosArgs: number;
  /** Parameters other than `out`, in order: what an implementation receives. */
  readonly implParams: readonly Param[];
  /** Index of the `out` parameter, or -1. */
  readonly outIndex: number;

  constructor(
    readonly kind: SignatureKind,
    readonly name: string,
    readonly params: readonly Param[],
    readonly returns: string,
    readonly text: string,
    /** Not listed in errors ("|hidden", "|deprecated"). */
    readonly hidden: boolean,
    /** Still callable, with PyTorch's deprecation warning, after every other signature ("|deprecated"). */
    readonly deprecated = false,
    /** A Python `@staticmethod`: its dotted name takes no `self`, so argument counts do not include one. */
    readonly staticMethod = false,
  ) {
    let min = 0;
    let pos = 0;
    for (const p of params) {
      if (p.variadic) continue;
      if (!p.optional) min++;
      if (!p.keywordOnly) pos++;
    }
    this.minArgs = min;
    this.maxArgs = params.length;
    this.maxPosArgs = pos;
    this.outIndex = kind === "native" ? params.findIndex((p) => p.name === "out" && p.keywordOnly) : -1;
    this.implParams = this.outIndex < 0 ? params : params.filter((_, i) => i !== this.outIndex);
  }

  /** The short name, without a class prefix ("__init__" of "Linear.__init__"). */
  get shortName(): string {
    return this.name.slice(this.name.lastIndexOf(".") + 1);
  }

  /** PyTorch's listing of a native signature in its errors: "(Tensor input, int dim, bool keepdim, *, tuple of Tensors out)". */
  toString(): string {
    const parts: string[] = [];
    let keywordShown = false;
    for (const p of this.params) {
      let text = `${typeName(p)} ${p.name}`;
      if (p.keywordOnly && !keywordShown) {
        text = "*, " + text;
        keywordShown = true;
      }
      parts.push(text);
    }
    return `(${parts.join(", ")})`;
  }
}

/** What PyTorch calls a parameter's type in its errors. */
export function typeName(p: Param): string {
  return p.pyType ? pyTypeText(p.pyType) : TYPE_NAMES[p.type];
}

/** The argument-count and type text of a Python-level annotation in our errors ("int or tuple of ints"). */
export function pyTypeText(t: PyType): string {
  switch (t.kind) {
    case "name":
      return PY_TYPE_WORDS[t.name] ?? t.name;
    case "literal":
      return "str";
    case "list":
      return `tuple of ${pluralWord(t.of)}`;
    case "union":
      return [
        ...new Set(t.members.filter((m) => !(m.kind === "name" && m.name === "None")).map(pyTypeText)),
      ].join(" or ");
  }
}

const PY_TYPE_WORDS: Record<string, string> = {
  Number: "Number",
  dtype: "torch.dtype",
  device: "torch.device",
};

function pluralWord(t: PyType): string {
  const word = pyTypeText(t);
  return t.kind === "name" && t.name === "Tensor" ? "Tensors" : word + "s";
}

// ---- parsing signature text ------------------------------------------------------------------------

/** Splits on ", " outside brackets and quotes. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = null;
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    else if (c === "[" || c === "(" || c === "{") depth++;
    else if (c === "]" || c === ")" || c === "}") depth--;
    else if (c === "," && depth === 0 && text[i + 1] === " ") {
      parts.push(text.slice(start, i));
      start = i + 2;
      i++;
    }
  }
  parts.push(text.slice(start));
  return parts.filter((p) => p !== "");
}

/** Splits "name(params) -> returns" into its three parts. */
const STATIC_METHOD = /^@staticmethod\s+/;

function splitHeader(text: string): { name: string; body: string; returns: string; flags: string } {
  const open = text.indexOf("(");
  if (open < 0) throw new Error(`signature without parameters: ${text}`);
  let depth = 0;
  let close = -1;
  for (let i = open; i < text.length; i++) {
    if (text[i] === "(") depth++;
    else if (text[i] === ")" && --depth === 0) {
      close = i;
      break;
    }
  }
  if (close < 0) throw new Error(`missing closing parenthesis: ${text}`);
  const tail = text.slice(close + 1).trim();
  const arrow = tail.indexOf("->");
  const flags = arrow < 0 ? tail : tail.slice(0, arrow).trim();
  return {
    name: text.slice(0, open).trim(),
    body: text.slice(open + 1, close),
    returns: arrow < 0 ? "" : tail.slice(arrow + 2).trim(),
    flags,
  };
}

/**
 * Parses one signature. `native`: the Python argument parser's language; `python`: Python's def syntax;
 * `noargs`: a C method that takes no arguments (`x.dim()`), whose errors Python words its own way.
 */
export function parseSignature(text: string, kind: SignatureKind): Signature {
  const { name, body, returns, flags } = splitHeader(text);
  const parts = splitTopLevel(body);
  if (kind === "python") {
    // A Python-level signature may begin with `@staticmethod`, as its def does in PyTorch's source.
    const bare = name.replace(STATIC_METHOD, "");
    const isStatic = bare !== name;
    return new Signature("python", bare, parsePythonParams(parts), returns, text, false, false, isStatic);
  }
  if (kind === "noargs") {
    if (parts.length > 0) throw new Error(`a noargs signature takes no parameters: ${text}`);
    return new Signature("noargs", name, [], returns, text, false);
  }
  const numbersAsTensors = NUMBERS_AS_TENSORS.has(name);
  const params: Param[] = [];
  let keywordOnly = false;
  for (const part of parts) {
    if (part === "*") {
      keywordOnly = true;
      continue;
    }
    params.push(parseNativeParam(part, keywordOnly, numbersAsTensors, text));
  }
  const deprecated = flags === "|deprecated";
  return new Signature("native", name, params, returns, text, flags === "|hidden" || deprecated, deprecated);
}

function parseNativeParam(
  part: string,
  keywordOnly: boolean,
  numbersAsTensors: boolean,
  text: string,
): Param {
  const space = part.indexOf(" ");
  if (space < 0) throw new Error(`missing type in "${part}" of ${text}`);
  let typeStr = part.slice(0, space);
  const typeText = typeStr;
  let allowNone = false;
  if (typeStr.endsWith("?")) {
    allowNone = true;
    typeStr = typeStr.slice(0, -1);
  }
  let size = 0;
  const bracket = typeStr.indexOf("[");
  if (bracket >= 0) {
    size = Number(typeStr.slice(bracket + 1, -1) || "0");
    typeStr = typeStr.slice(0, bracket);
  }
  const type = NATIVE_TYPES[typeStr];
  if (type === undefined) throw new Error(`invalid type "${typeStr}" in ${text}`);
  const rest = part.slice(space + 1);
  const eq = rest.indexOf("=");
  const name = eq < 0 ? rest : rest.slice(0, eq);
  let defaultValue: unknown = undefined;
  let optional = false;
  if (eq >= 0) {
    optional = true;
    const d = rest.slice(eq + 1);
    if (d === "None") allowNone = true;
    defaultValue = nativeDefault(type, size, d, text);
  }
  return {
    source: part,
    name,
    type,
    pyType: null,
    typeText,
    size,
    optional,
    allowNone,
    keywordOnly,
    defaultValue,
    numpyNames: NUMPY_NAMES[name] ?? [],
    allowNumbersAsTensors: numbersAsTensors,
    variadic: null,
  };
}

/** A default as python_arg_parser.cpp's set_default_str reads it. */
function nativeDefault(type: ArgType, size: number, text: string, sig: string): unknown {
  if (text === "None") return null;
  switch (type) {
    case ArgType.Int:
    case ArgType.SymInt:
    case ArgType.Double:
      // set_default_str reads an int default with atol and a float one with atof: the losses' default
      // `reduction=at::Reduction::Mean` is no number, so PyTorch 1.13's parser reads it as 0 (no
      // reduction): torch.kl_div(a, b) returns the unreduced loss, as torch.ctc_loss(...) does.
      return Number.isNaN(Number(text)) ? 0 : Number(text);
    case ArgType.Bool:
      return text === "True" || text === "true";
    case ArgType.Scalar:
      return Number(text);
    case ArgType.IntList:
    case ArgType.SymIntList:
      if (text.startsWith("{")) {
        const inner = text.slice(1, -1);
        return inner === "" ? [] : inner.split(",").map(Number);
      }
      return new Array<number>(size).fill(Number(text));
    case ArgType.String:
      return text.slice(1, -1);
    case ArgType.ScalarType:
    case ArgType.Layout:
    case ArgType.MemoryFormat: {
      const constant = CONSTANTS[text];
      if (constant === undefined) throw new Error(`unsupported default "${text}" in ${sig}`);
      return constant;
    }
    default:
      throw new Error(`unsupported default "${text}" in ${sig}`);
  }
}

// ---- Python-level signatures -----------------------------------------------------------------------

function parsePythonParams(parts: string[]): Param[] {
  const params: Param[] = [];
  let keywordOnly = false;
  for (const part of parts) {
    if (part === "*") {
      keywordOnly = true;
      continue;
    }
    const m = /^(\*{0,2})([A-Za-z_]\w*)\s*(?::\s*([^=]+?))?\s*(?:=\s*(.+))?$/.exec(part);
    if (!m) throw new Error(`unreadable parameter "${part}"`);
    const [, stars, name, written, defaultText] = m;
    const forwarded = written?.trim().startsWith("~") ?? false;
    const annotation = forwarded ? written!.trim().slice(1) : written;
    const pyType = annotation ? parsePyType(annotation.trim()) : null;
    const variadic = stars === "*" ? "args" : stars === "**" ? "kwargs" : null;
    if (variadic === "args") keywordOnly = true;
    const optional = defaultText !== undefined || variadic !== null;
    const defaultValue = defaultText === undefined ? undefined : pythonLiteral(defaultText.trim());
    params.push({
      source: part,
      name,
      type: ArgType.PyObject,
      pyType,
      typeText: annotation?.trim() ?? "",
      size: 0,
      optional,
      allowNone: defaultValue === null || (pyType !== null && allowsNone(pyType)),
      keywordOnly: keywordOnly && variadic !== "args",
      defaultValue,
      numpyNames: [],
      allowNumbersAsTensors: false,
      variadic,
      forwarded,
    });
  }
  return params;
}

function allowsNone(t: PyType): boolean {
  return t.kind === "name" ? t.name === "None" : t.kind === "union" && t.members.some(allowsNone);
}

/** Parses `int | int[] | None`, `Tensor[]`, `'mean' | 'sum'`, `(int | None)[]`. */
export function parsePyType(text: string): PyType {
  const members: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "(") depth++;
    else if (text[i] === ")") depth--;
    else if (text[i] === "|" && depth === 0) {
      members.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  members.push(text.slice(start).trim());
  if (members.length > 1) return { kind: "union", members: members.map(parsePyType) };
  if (text.endsWith("[]")) return { kind: "list", of: parsePyType(text.slice(0, -2)) };
  if (text.startsWith("(") && text.endsWith(")")) return parsePyType(text.slice(1, -1).trim());
  if (/^'.*'$/.test(text)) return { kind: "literal", value: text.slice(1, -1) };
  return { kind: "name", name: text };
}

/** A Python literal default: None, True/False, numbers, strings, () and []. */
function pythonLiteral(text: string): unknown {
  if (text === "None") return null;
  if (text === "True") return true;
  if (text === "False") return false;
  if (text === "<required parameter>") return REQUIRED;
  // An object Python shows by repr (random_split's `<torch._C.Generator object>`): the implementation resolves it.
  if (/^<.*>$/.test(text)) return text;
  if (/^'.*'$/.test(text) || /^".*"$/.test(text)) return text.slice(1, -1);
  if (text === "()" || text === "[]") return [];
  if (/^[([].*[)\]]$/.test(text))
    return splitTopLevel(text.slice(1, -1).replace(/,\s*$/, "")).map(pythonLiteral);
  if (text === "inf" || text === "float('inf')") return Infinity;
  if (text === "-inf" || text === "-float('inf')") return -Infinity;
  const n = Number(text);
  if (!Number.isNaN(n)) return n;
  throw new Error(`unsupported default ${text}`);
}

// ---- derived signatures ---------------------------------------------------------------------------------

/** Writes parameters back as signature text, with `*` before the first keyword-only one. */
function paramsText(params: readonly Param[]): string {
  const parts: string[] = [];
  let keywordShown = false;
  for (const p of params) {
    if (p.keywordOnly && !keywordShown && p.variadic === null) {
      parts.push("*");
      keywordShown = true;
    }
    parts.push(p.source);
  }
  return parts.join(", ");
}

/**
 * The Tensor method PyTorch derives from a native function: the function's Tensor `input` (the schema's
 * `self`) becomes the tensor the method is called on, and `out` goes. Null when there is no such input.
 */
export function methodOf(sig: Signature): { method: Signature; selfIndex: number } | null {
  const input = sig.params.find((p) => p.name === "input" && p.type === ArgType.Tensor);
  if (input === undefined) return null;
  const params = sig.params.filter((p) => p !== input && !(p.name === "out" && p.keywordOnly));
  const flag = sig.deprecated ? "|deprecated" : sig.hidden ? "|hidden" : "";
  const text = `${sig.name}(${paramsText(params)})${flag}${sig.returns ? ` -> ${sig.returns}` : ""}`;
  return {
    method: new Signature("native", sig.name, params, sig.returns, text, sig.hidden, sig.deprecated),
    selfIndex: sig.implParams.indexOf(input),
  };
}
