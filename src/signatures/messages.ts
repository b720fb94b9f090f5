// The texts PyTorch and Python raise for arguments that don't fit a signature, word for word:
// python_arg_parser.cpp's extra_args / missing_args / extra_kwargs, invalid_arguments.cpp's
// "received an invalid combination of arguments", and CPython's own binding errors for Python-level
// functions. JS values are named by the Python type they stand for (number -> int or float, null -> NoneType).
import { PYTHON_TYPE, pyTypeName } from "../python_type.js";
import type { Signature } from "./schema.js";

export { PYTHON_TYPE, pyTypeName };

// ---- python_arg_parser.cpp ---------------------------------------------------------------------------

/** extra_args(): more positional arguments than the signature takes. */
export function extraArgsMessage(sig: Signature, nargs: number): string {
  const { minArgs, maxPosArgs, name } = sig;
  if (minArgs !== maxPosArgs)
    return `${name}() takes from ${minArgs} to ${maxPosArgs} positional arguments but ${nargs} were given`;
  return `${name}() takes ${maxPosArgs} positional argument${maxPosArgs === 1 ? "" : "s"} but ${nargs} ${nargs === 1 ? "was" : "were"} given`;
}

/** missing_args(): PyTorch's text, including its plural quirk ("1 required positional arguments"). */
export function missingArgsMessage(sig: Signature, from: number): string {
  const missing = sig.params
    .slice(from)
    .filter((p) => !p.optional)
    .map((p) => `"${p.name}"`);
  return `${sig.name}() missing ${missing.length} required positional argument${missing.length === 1 ? "s" : ""}: ${missing.join(", ")}`;
}

/** extra_kwargs(): the first keyword that is unknown, or names a parameter already given by position. */
export function extraKwargsMessage(sig: Signature, kwargs: Record<string, unknown>, nargs: number): string {
  for (const key of Object.keys(kwargs)) {
    if (kwargs[key] === undefined) continue;
    const index = sig.params.findIndex((p) => p.name === key);
    if (index < 0) return `${sig.name}() got an unexpected keyword argument '${key}'`;
    if (index < nargs) return `${sig.name}() got multiple values for argument '${key}'`;
  }
  return "invalid keyword arguments";
}

// ---- invalid_arguments.cpp ---------------------------------------------------------------------------

type Matcher = (v: unknown) => boolean;

/** _buildType: what the listing's type words accept, compared by Python type name. */
function buildMatcher(typeName: string, nullable: boolean): Matcher {
  let m: Matcher;
  if (typeName === "float") m = (v) => ["float", "int", "long"].includes(pyTypeName(v));
  else if (typeName === "int") m = (v) => ["int", "long"].includes(pyTypeName(v));
  else m = (v) => pyTypeName(v) === typeName;
  return nullable ? (v) => v === null || m(v) : m;
}

interface Option {
  args: { name: string; match: Matcher }[];
  variadic: boolean;
}

/** _parseOption: reads a listing such as "(Tensor input, *, torch.dtype dtype)" back, "*" included. */
function parseOption(text: string): Option {
  if (text === "no arguments") return { args: [], variadic: false };
  const inner = text.slice(1, -1);
  const args = inner.split(", ").map((arg) => {
    let start = 0;
    let nullable = false;
    if (arg[start] === "[") {
      nullable = true;
      start++;
      arg = arg.slice(0, arg.length - " or None]".length);
    }
    const lastSpace = arg.lastIndexOf(" ");
    let typeEnd = lastSpace;
    if (arg.includes("...")) typeEnd -= 4;
    const name = arg.slice(lastSpace + 1);
    const typeName = lastSpace < 0 ? arg.slice(start) : arg.slice(start, typeEnd);
    return { name, match: buildMatcher(typeName, nullable) };
  });
  return { args, variadic: inner.includes("...") };
}

function argcountMatch(option: Option, nargs: number, kwargs: readonly string[]): boolean {
  const got = nargs + kwargs.length;
  return got === option.args.length || (option.variadic && got > option.args.length);
}

function formattedArgDesc(
  option: Option,
  args: readonly unknown[],
  kwargs: Record<string, unknown>,
  keys: readonly string[],
): string {
  let result = "(";
  const total = args.length + keys.length;
  for (let i = 0; i < total; i++) {
    const isKwarg = i >= args.length;
    // PyTorch names a keyword argument after the option's i-th parameter, not the keyword given.
    const name = isKwarg ? option.args[i]?.name : undefined;
    const value = isKwarg ? kwargs[name ?? ""] : args[i];
    let matching = false;
    if (i < option.args.length) matching = option.args[i].match(value);
    else if (option.variadic) matching = option.args[option.args.length - 1].match(value);
    // PyTorch 1.13 names a list or tuple by its type alone ("!list!").
    const text = (isKwarg ? `${name}=` : "") + pyTypeName(value);
    result += (matching ? text : `!${text}!`) + ", ";
  }
  // PyTorch trims the last ", " only when there were positional arguments: "(dim=int, )".
  if (args.length > 0) result = result.slice(0, -2);
  return result + ")";
}

function argDesc(args: readonly unknown[], kwargs: Record<string, unknown>, keys: readonly string[]): string {
  let result = "(";
  for (const a of args) result += `${pyTypeName(a)}, `;
  for (const k of keys) result += `${k}=${pyTypeName(kwargs[k])}, `;
  if (args.length > 0) result = result.slice(0, -2);
  return result + ")";
}

function tryMatchKwargs(option: Option, keys: readonly string[]): string[] {
  const start = Math.max(0, option.args.length - keys.length);
  const names = option.args.slice(start).map((a) => a.name);
  return keys.filter((k) => !names.includes(k));
}

/** format_invalid_args: no overload took the arguments. */
export function invalidArgsMessage(
  functionName: string,
  options: readonly string[],
  args: readonly unknown[],
  kwargs: Record<string, unknown> | null,
): string {
  const given = kwargs ?? {};
  // PyTorch copies the keywords into a std::unordered_map and lists them in its iteration order.
  const keys = unorderedMapOrder(Object.keys(given).filter((k) => given[k] !== undefined));
  let msg = `${functionName}() received an invalid combination of arguments - `;
  if (options.length === 1) {
    const option = parseOption(options[0]);
    const unmatched = keys.length > 0 ? tryMatchKwargs(option, keys) : [];
    if (unmatched.length > 0) return msg + `got unrecognized keyword arguments: ${unmatched.join(", ")}`;
    msg += "got ";
    msg += argcountMatch(option, args.length, keys)
      ? formattedArgDesc(option, args, given, keys)
      : argDesc(args, given, keys);
    return msg + `, but expected ${options[0]}`;
  }
  msg += `got ${argDesc(args, given, keys)}, but expected one of:\n`;
  for (const text of options) {
    const option = parseOption(text);
    msg += ` * ${text}\n`;
    if (!argcountMatch(option, args.length, keys)) continue;
    const unmatched = keys.length > 0 ? tryMatchKwargs(option, keys) : [];
    msg +=
      unmatched.length > 0
        ? `      didn't match because some of the keywords were incorrect: ${unmatched.join(", ")}\n`
        : `      didn't match because some of the arguments have invalid types: ${formattedArgDesc(option, args, given, keys)}\n`;
  }
  return msg;
}

// ---- libstdc++'s std::unordered_map<std::string, T> iteration order -------------------------------------

const MASK64 = (1n << 64n) - 1n;
const MUL = (0xc6a4a793n << 32n) + 0x5bd1e995n;
const shiftMix = (v: bigint) => v ^ (v >> 47n);

/** std::_Hash_bytes (64-bit), which std::hash<std::string> calls with seed 0xc70f6907. */
function hashBytes(bytes: Uint8Array, seed = 0xc70f6907n): bigint {
  const len = BigInt(bytes.length);
  const aligned = bytes.length & ~7;
  let hash = (seed ^ ((len * MUL) & MASK64)) & MASK64;
  const load = (from: number, n: number) => {
    let r = 0n;
    for (let i = n - 1; i >= 0; i--) r = (r << 8n) + BigInt(bytes[from + i]);
    return r;
  };
  for (let p = 0; p < aligned; p += 8) {
    const data = (shiftMix((load(p, 8) * MUL) & MASK64) * MUL) & MASK64;
    hash = ((hash ^ data) * MUL) & MASK64;
  }
  if ((bytes.length & 7) !== 0) hash = ((hash ^ load(aligned, bytes.length & 7)) * MUL) & MASK64;
  hash = (shiftMix(hash) * MUL) & MASK64;
  return shiftMix(hash);
}

const FAST_BUCKETS = [2, 2, 2, 3, 5, 5, 7, 7, 11, 11, 11, 11, 13, 13];
const PRIMES = [
  17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97, 103, 109, 113, 127, 137,
];

/** The keys in the order a default-constructed unordered_map iterates after emplacing them in turn. */
export function unorderedMapOrder(keys: readonly string[]): string[] {
  if (keys.length < 2) return [...keys];
  const encoder = new TextEncoder();
  const hashes = new Map(keys.map((k) => [k, hashBytes(encoder.encode(k))]));
  let bucketCount = 1;
  let nextResize = 0;
  let list: string[] = [];
  const bucketOf = (k: string, n: number) => Number(hashes.get(k)! % BigInt(n));
  const nextBuckets = (n: number): number => {
    if (n < FAST_BUCKETS.length) {
      nextResize = Math.floor(FAST_BUCKETS[n]);
      return FAST_BUCKETS[n];
    }
    const p = PRIMES.find((q) => q >= n) ?? n;
    nextResize = p;
    return p;
  };
  // Insertion into a bucket puts the node at that bucket's front; into an empty bucket, at the list's front.
  const insert = (order: string[], key: string, n: number): string[] => {
    const b = bucketOf(key, n);
    const at = order.findIndex((k) => bucketOf(k, n) === b);
    if (at < 0) return [key, ...order];
    return [...order.slice(0, at), key, ...order.slice(at)];
  };
  for (let i = 0; i < keys.length; i++) {
    // _M_need_rehash with a max load factor of 1; the first insertion asks for at least 11 buckets.
    if (i + 1 > nextResize) {
      const minBuckets = Math.max(i + 1, nextResize === 0 ? 11 : 0);
      if (minBuckets >= bucketCount) {
        const grown = nextBuckets(Math.max(minBuckets + 1, bucketCount * 2));
        // _M_rehash_aux walks the old list, putting each node first in its new bucket.
        let rehashed: string[] = [];
        for (const k of list) rehashed = insert(rehashed, k, grown);
        list = rehashed;
        bucketCount = grown;
      } else {
        nextResize = bucketCount;
      }
    }
    list = insert(list, keys[i], bucketCount);
  }
  return list;
}

// ---- CPython's own binding errors (Python-level functions) -------------------------------------------

function quotedList(names: readonly string[]): string {
  const q = names.map((n) => `'${n}'`);
  if (q.length === 1) return q[0];
  if (q.length === 2) return `${q[0]} and ${q[1]}`;
  return `${q.slice(0, -1).join(", ")}, and ${q[q.length - 1]}`;
}

/** "f() missing 2 required positional arguments: 'a' and 'b'" (or keyword-only ones). */
export function pyMissingMessage(name: string, missing: readonly string[], keywordOnly: boolean): string {
  const kind = keywordOnly ? "keyword-only" : "positional";
  return `${name}() missing ${missing.length} required ${kind} argument${missing.length === 1 ? "" : "s"}: ${quotedList(missing)}`;
}

/** CPython's too_many_positional: "f() takes from 3 to 6 positional arguments but 7 were given" (counts include `self`). */
export function pyTooManyMessage(
  name: string,
  maxPositional: number,
  defaults: number,
  given: number,
  keywordOnlyGiven: number,
): string {
  const plural = defaults > 0 || maxPositional !== 1;
  const takes = defaults > 0 ? `from ${maxPositional - defaults} to ${maxPositional}` : `${maxPositional}`;
  const keywordOnly =
    keywordOnlyGiven > 0
      ? ` positional argument${given !== 1 ? "s" : ""} (and ${keywordOnlyGiven} keyword-only argument${keywordOnlyGiven !== 1 ? "s" : ""})`
      : "";
  const verb = given === 1 && keywordOnlyGiven === 0 ? "was" : "were";
  return `${name}() takes ${takes} positional argument${plural ? "s" : ""} but ${given}${keywordOnly} ${verb} given`;
}

/** C methods without parameters (METH_NOARGS): "_TensorBase.dim() takes no arguments (1 given)". */
export function noArgsMessage(name: string, given: number): string {
  return `${name}() takes no arguments (${given} given)`;
}
