// Python's text of JS values, as PyTorch's messages and reprs print them: the one owner of that text.
// repr()/str() of floats, ints, bools, None, strings (with Python's quoting), tuples, lists, dicts and
// functions, and format(value, spec) with Python's whole format-spec mini-language (torch.format uses it).
// Module reprs, optimizer reprs, error messages and tensor printing all go through here, so
// `LeakyReLU(negative_slope=1e-05)` prints as Python does.

import { OverflowError, ValueError } from "./errors.js";

// ---- repr(float), str(int) -----------------------------------------------------------------------------

/**
 * Python's repr(float): the shortest digits that round-trip (the same digits JS picks), laid out
 * the Python way: "4.0", "-0.0", "1e-05", "1e+16", "inf", "nan".
 */
export function pyFloatRepr(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (x === Infinity) return "inf";
  if (x === -Infinity) return "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const sign = x < 0 ? "-" : "";
  // Without an argument toExponential gives the shortest round-trip digits.
  const [mantissa = "", exponentText = "0"] = Math.abs(x).toExponential().split("e");
  const digits = mantissa.replace(".", "");
  const exp10 = Number(exponentText);
  // Python switches to exponent form when the decimal point would sit before -4 or after 16 digits.
  if (exp10 < -4 || exp10 >= 16) {
    const body = digits.length > 1 ? digits[0] + "." + digits.slice(1) : digits;
    return sign + body + "e" + (exp10 < 0 ? "-" : "+") + String(Math.abs(exp10)).padStart(2, "0");
  }
  if (exp10 < 0) return sign + "0." + "0".repeat(-exp10 - 1) + digits;
  const intDigits = exp10 + 1;
  if (digits.length <= intDigits) return sign + digits + "0".repeat(intDigits - digits.length) + ".0";
  return sign + digits.slice(0, intDigits) + "." + digits.slice(intDigits);
}

/** Python's str(int) for an integral JS number or bigint, without JS's exponent form above 1e21. */
export function pyIntRepr(x: number | bigint): string {
  if (typeof x === "bigint" || Number.isSafeInteger(x)) return String(x);
  if (Number.isInteger(x)) return BigInt(x).toString();
  return String(x);
}

/** str(bool). */
export function pyBool(b: boolean): string {
  return b ? "True" : "False";
}

/** repr(t.item()) for a value of a tensor's dtype: True/False, an int, or a Python float. */
export function pyScalarRepr(x: number, dtype: { name: string; is_floating_point: boolean }): string {
  if (dtype.name === "bool") return pyBool(x !== 0);
  return dtype.is_floating_point ? pyFloatRepr(x) : pyIntRepr(x);
}

// ---- str() and repr() of values ----------------------------------------------------------------------------

/** A float literal of PyTorch's source (`0.0`): JS cannot tell it from the int 0, Python's texts can. */
export class PyFloat {
  constructor(readonly value: number) {}
}

const TUPLES = new WeakSet<readonly unknown[]>();

/** Marks an array as a Python tuple (`betas=(0.9, 0.999)`, a module's `kernel_size`), for str()/repr(). */
export function pyTuple<T>(values: T): T {
  if (Array.isArray(values)) TUPLES.add(values);
  return values;
}

/** Whether an array was marked a Python tuple (what a parser's "not tuple" names). */
export const isPyTuple = (values: readonly unknown[]): boolean => TUPLES.has(values);

/**
 * Python's str() of a value, as print() and "{}".format(x) write it. A JS number that is an integer
 * stands for a Python int, any other for a float (wrap a float literal in PyFloat to print "1.0").
 */
export function pyStr(v: unknown): string {
  if (typeof v === "string") return v;
  if (typeof v === "number") return Number.isInteger(v) ? pyIntRepr(v) : pyFloatRepr(v);
  if (v instanceof PyFloat) return pyFloatRepr(v.value);
  if (v === null || v === undefined) return "None";
  if (typeof v === "boolean") return pyBool(v);
  if (typeof v === "bigint") return pyIntRepr(v);
  // Python's repr of a function, without the address JS cannot share.
  if (typeof v === "function") return `<function ${v.name || "<lambda>"}>`;
  if (Array.isArray(v)) {
    const items = v.map(pyRepr).join(", ");
    if (!TUPLES.has(v)) return `[${items}]`;
    return v.length === 1 ? `(${items},)` : `(${items})`;
  }
  if (v instanceof Set) return v.size === 0 ? "set()" : `{${[...v].map(pyRepr).join(", ")}}`;
  if (v instanceof Map) return pyDictRepr([...v.entries()]);
  const proto = typeof v === "object" ? Object.getPrototypeOf(v) : undefined;
  if (proto === Object.prototype || proto === null) return pyDictRepr(Object.entries(v as object));
  // An object's own str(): toString(), not the template-literal form (a tensor's is its format(), Python's f"{t}").
  return (v as { toString(): string }).toString();
}

/** Python's repr() of a value: strs quoted, everything else as str() writes it. */
export function pyRepr(v: unknown): string {
  return typeof v === "string" ? pyStrRepr(v) : pyStr(v);
}

/** str() of an array as the tuple it stands for: (3,) or (3, 3). */
export function pyTupleStr(values: readonly unknown[]): string {
  return pyStr(pyTuple([...values]));
}

function pyDictRepr(items: [unknown, unknown][]): string {
  return `{${items.map(([k, v]) => `${pyRepr(k)}: ${pyRepr(v)}`).join(", ")}}`;
}

/** What str.isprintable() refuses: Unicode's "Other" and "Separator" categories, except the space. */
const NOT_PRINTABLE = /[\p{C}\p{Z}]/u;

/** Python's repr(str): single quotes unless the text has one and no double quote; escapes as CPython. */
function pyStrRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (ch === quote || ch === "\\") out += "\\" + ch;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (ch !== " " && NOT_PRINTABLE.test(ch)) {
      const hex = code.toString(16);
      out +=
        code < 0x100
          ? "\\x" + hex.padStart(2, "0")
          : code < 0x10000
            ? "\\u" + hex.padStart(4, "0")
            : "\\U" + hex.padStart(8, "0");
    } else out += ch;
  }
  return out + quote;
}

// ---- format(x, '.Nf') and format(x, '.Ne') ------------------------------------------------------------------
//
// Python (like C printf) rounds the exact binary value of the double to N digits, breaking exact
// ties to even. JS toFixed/toExponential break ties away from zero and switch to exponent form
// for large values, so the digits are computed here from the double's exact value with BigInt.

/** |x| = mantissa * 2^exponent exactly, plus the sign bit (so -0 is negative). */
interface ExactDouble {
  readonly negative: boolean;
  readonly mantissa: bigint;
  readonly exponent: number;
}

const scratch = new DataView(new ArrayBuffer(8));

function decompose(x: number): ExactDouble {
  scratch.setFloat64(0, x);
  const hi = scratch.getUint32(0);
  const lo = scratch.getUint32(4);
  const negative = hi >>> 31 === 1;
  const biasedExponent = (hi >>> 20) & 0x7ff;
  const fraction = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (biasedExponent === 0) return { negative, mantissa: fraction, exponent: -1074 };
  return { negative, mantissa: fraction | (1n << 52n), exponent: biasedExponent - 1075 };
}

const powersOfTen: bigint[] = [1n];
function pow10(n: number): bigint {
  for (let i = powersOfTen.length; i <= n; i++) powersOfTen.push(powersOfTen[i - 1]! * 10n);
  return powersOfTen[n]!;
}

/** num/den rounded to an integer, exact ties to even (IEEE / printf rounding). */
function divideRoundHalfEven(num: bigint, den: bigint): bigint {
  const quotient = num / den;
  const twiceRemainder = (num % den) * 2n;
  if (twiceRemainder > den || (twiceRemainder === den && (quotient & 1n) === 1n)) return quotient + 1n;
  return quotient;
}

/** |x| * 10^scale as an exact fraction (scale may be negative). */
function scaledFraction(d: ExactDouble, scale: number): [bigint, bigint] {
  let num = d.mantissa;
  let den = 1n;
  if (d.exponent >= 0) num <<= BigInt(d.exponent);
  else den <<= BigInt(-d.exponent);
  if (scale >= 0) num *= pow10(scale);
  else den *= pow10(-scale);
  return [num, den];
}

function nonFinite(x: number): string | null {
  if (Number.isNaN(x)) return "nan";
  if (x === Infinity) return "inf";
  if (x === -Infinity) return "-inf";
  return null;
}

/** Python's format(x, `.${precision}f`), e.g. formatFixed(0.03125, 4) === "0.0312". */
export function formatFixed(x: number, precision: number): string {
  const special = nonFinite(x);
  if (special !== null) return special;
  const d = decompose(x);
  const [num, den] = scaledFraction(d, precision);
  const digits = divideRoundHalfEven(num, den)
    .toString()
    .padStart(precision + 1, "0");
  const intPart = digits.slice(0, digits.length - precision);
  const fracPart = digits.slice(digits.length - precision);
  return (d.negative ? "-" : "") + intPart + (precision > 0 ? "." + fracPart : "");
}

/** Python's format(x, `.${precision}e`), e.g. formatExponential(1e-5, 4) === "1.0000e-05". */
export function formatExponential(x: number, precision: number): string {
  const special = nonFinite(x);
  if (special !== null) return special;
  const d = decompose(x);
  let exp10 = 0;
  let digits: bigint = 0n;
  if (d.mantissa !== 0n) {
    const lowest = pow10(precision);
    const highest = pow10(precision + 1);
    // The float estimate can be off by one near powers of ten; the exact check below corrects it.
    exp10 = Math.floor(Math.log10(Math.abs(x)));
    for (;;) {
      const [num, den] = scaledFraction(d, precision - exp10);
      const truncated = num / den;
      if (truncated < lowest) exp10--;
      else if (truncated >= highest) exp10++;
      else {
        digits = divideRoundHalfEven(num, den);
        break;
      }
    }
    if (digits === highest) {
      digits = lowest;
      exp10++;
    }
  }
  const text = digits.toString().padStart(precision + 1, "0");
  const mantissa = precision > 0 ? text[0] + "." + text.slice(1) : text;
  const exponent = (exp10 < 0 ? "-" : "+") + String(Math.abs(exp10)).padStart(2, "0");
  return (d.negative ? "-" : "") + mantissa + "e" + exponent;
}

/** Python's right-aligned width for numbers, as in '{:10.4e}'. */
export function padLeft(text: string, width: number): string {
  return text.length >= width ? text : " ".repeat(width - text.length) + text;
}

// ---- format(x, spec): Python's format-spec mini-language ---------------------------------------------------
//
// [[fill]align][sign]["z"]["#"]["0"][width][grouping]["." precision][type], parsed and laid out as CPython 3.11
// does (Python/formatter_unicode.c, Python/pystrtod.c), for the values a tensor's item() gives: float, int, bool.

interface FormatSpec {
  fill: string;
  align: string | null;
  sign: string | null;
  noNegativeZero: boolean;
  alternate: boolean;
  width: number;
  grouping: string | null;
  precision: number | null;
  type: string;
}

const ALIGNS = "<>=^";

/** The character as CPython's messages show it ('n', or '\x1f' when not printable). */
function specChar(ch: string): string {
  return /^[\x20-\x7e]$/u.test(ch) || !NOT_PRINTABLE.test(ch) ? ch : `\\x${ch.codePointAt(0)!.toString(16)}`;
}

function parseFormatSpec(spec: string, typeName: string): FormatSpec {
  const chars = [...spec];
  const out: FormatSpec = {
    fill: " ",
    align: null,
    sign: null,
    noNegativeZero: false,
    alternate: false,
    width: -1,
    grouping: null,
    precision: null,
    type: "",
  };
  let pos = 0;
  let fillSpecified = false;
  if (chars.length >= 2 && ALIGNS.includes(chars[1]!)) {
    out.fill = chars[0]!;
    out.align = chars[1]!;
    fillSpecified = true;
    pos = 2;
  } else if (chars.length >= 1 && ALIGNS.includes(chars[0]!)) {
    out.align = chars[0]!;
    pos = 1;
  }
  if (pos < chars.length && "+- ".includes(chars[pos]!)) out.sign = chars[pos++]!;
  if (chars[pos] === "z") {
    out.noNegativeZero = true;
    pos++;
  }
  if (chars[pos] === "#") {
    out.alternate = true;
    pos++;
  }
  if (!fillSpecified && chars[pos] === "0") {
    out.fill = "0";
    out.align ??= "=";
    pos++;
  }
  const readInteger = (): string => {
    let digits = "";
    while (pos < chars.length && /^[0-9]$/.test(chars[pos]!)) digits += chars[pos++];
    return digits;
  };
  const width = readInteger();
  if (width !== "") out.width = Number(width);
  if (chars[pos] === ",") {
    out.grouping = ",";
    pos++;
  }
  if (chars[pos] === "_") {
    if (out.grouping !== null) throw new ValueError("Cannot specify both ',' and '_'.");
    out.grouping = "_";
    pos++;
  }
  if (chars[pos] === "," && out.grouping === "_") throw new ValueError("Cannot specify both ',' and '_'.");
  if (chars[pos] === ".") {
    pos++;
    const precision = readInteger();
    if (precision === "") throw new ValueError("Format specifier missing precision");
    out.precision = Number(precision);
  }
  if (chars.length - pos > 1)
    throw new ValueError(`Invalid format specifier '${spec}' for object of type '${typeName}'`);
  if (pos < chars.length) out.type = chars[pos]!;
  if (out.grouping !== null && !"defgEG%F".includes(out.type) && out.type !== "") {
    if (!(out.grouping === "_" && "boxX".includes(out.type)))
      throw new ValueError(`Cannot specify '${out.grouping}' with '${specChar(out.type)}'.`);
  }
  return out;
}

function unknownFormatCode(type: string, typeName: string): ValueError {
  return new ValueError(`Unknown format code '${specChar(type)}' for object of type '${typeName}'`);
}

/** Inserts `separator` every `size` digits from the right, zero-padding to at least `minWidth` characters. */
function groupDigits(digits: string, separator: string | null, size: number, minWidth: number): string {
  // inf and nan have no digits to group: their zero padding is plain.
  if (separator === null || digits === "") return digits.padStart(minWidth, "0");
  let count = digits.length;
  while (count + Math.floor(Math.max(count - 1, 0) / size) < minWidth) count++;
  const padded = digits.padStart(count, "0");
  let out = "";
  for (let i = 0; i < padded.length; i++) {
    if (i > 0 && (padded.length - i) % size === 0) out += separator;
    out += padded[i];
  }
  return out;
}

/** CPython's calc_number_widths + fill_number: sign, prefix, grouped digits, the rest, padded to the width. */
function layoutNumber(
  spec: FormatSpec,
  negative: boolean,
  prefix: string,
  digits: string,
  rest: string,
): string {
  const sign = negative ? "-" : spec.sign === "+" ? "+" : spec.sign === " " ? " " : "";
  const size = spec.grouping === "_" && "boxX".includes(spec.type) && spec.type !== "" ? 4 : 3;
  const zeroPadded = spec.fill === "0" && spec.align === "=";
  const minDigits = zeroPadded ? spec.width - sign.length - prefix.length - rest.length : 0;
  const grouped = groupDigits(digits, spec.grouping, size, minDigits);
  const body = sign + prefix + grouped + rest;
  const padding = spec.width - [...body].length;
  if (padding <= 0) return body;
  const fill = (n: number) => spec.fill.repeat(n);
  switch (spec.align ?? ">") {
    case "<":
      return body + fill(padding);
    case "^":
      return fill(Math.floor(padding / 2)) + body + fill(padding - Math.floor(padding / 2));
    case "=":
      return sign + prefix + fill(padding) + grouped + rest;
    default:
      return fill(padding) + body;
  }
}

/** |x| as PyOS_double_to_string writes it for a format code ('r' is repr), without the sign. */
function floatBody(x: number, type: string, precision: number, spec: FormatSpec, addDot0: boolean): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? "nan" : "inf";
  if (type === "r") return pyFloatRepr(x);
  if (type === "f") {
    const text = formatFixed(x, precision);
    return spec.alternate && precision === 0 ? text + "." : text;
  }
  if (type === "e") {
    const text = formatExponential(x, precision);
    return spec.alternate && precision === 0 ? text.replace("e", ".e") : text;
  }
  // 'g': `precision` significant digits, exponent form outside [1e-4, 10^precision).
  const digits = Math.max(precision, 1);
  const exp10 = Number(formatExponential(x, digits - 1).split("e")[1]);
  const useExponent = exp10 < -4 || exp10 + 1 > (addDot0 ? digits - 1 : digits);
  const trim = (text: string) => (spec.alternate ? text : text.replace(/\.?0+$/, ""));
  if (useExponent) {
    const [mantissa = "", exponent = ""] = formatExponential(x, digits - 1).split("e");
    const kept = mantissa.includes(".") ? trim(mantissa) : mantissa;
    return (spec.alternate && !kept.includes(".") ? kept + "." : kept) + "e" + exponent;
  }
  const fixed = formatFixed(x, digits - 1 - exp10);
  let text = fixed.includes(".") ? trim(fixed) : fixed;
  if (spec.alternate && !text.includes(".")) text += ".";
  if (addDot0 && !text.includes(".")) text += ".0";
  return text;
}

function formatFloatSpec(x: number, spec: FormatSpec, typeName: string): string {
  let type = spec.type;
  if (!"eEfFgGn%".includes(type) || (type !== "" && type.length !== 1))
    throw unknownFormatCode(type, typeName);
  const addDot0 = type === "";
  let precision = spec.precision;
  if (type === "") type = precision === null ? "r" : "g";
  if (type === "n") type = "g";
  let value = x;
  const percent = type === "%";
  if (percent) {
    type = "f";
    value *= 100;
  }
  const upper = type === type.toUpperCase() && type !== "r";
  type = type.toLowerCase();
  precision ??= 6;
  let negative = value < 0 || Object.is(value, -0);
  let body = floatBody(Math.abs(value), type, precision, spec, addDot0);
  if (upper) body = body.toUpperCase();
  if (percent) body += "%";
  // 'z': a value that rounds to zero loses its minus sign.
  if (negative && spec.noNegativeZero && Number.isFinite(value) && !/[1-9]/.test(body.replace(/e.*$/i, "")))
    negative = false;
  const digitsEnd = body.search(/[^0-9]/);
  const intDigits = digitsEnd < 0 ? body : body.slice(0, digitsEnd);
  return layoutNumber(spec, negative, "", intDigits, body.slice(intDigits.length));
}

const INT_BASES: Record<string, [number, string]> = {
  b: [2, "0b"],
  o: [8, "0o"],
  x: [16, "0x"],
  X: [16, "0X"],
  d: [10, ""],
  n: [10, ""],
};

function formatIntSpec(v: bigint, spec: FormatSpec, typeName: string): string {
  const type = spec.type === "" ? "d" : spec.type;
  if ("eEfFgG%".includes(type)) return formatFloatSpec(Number(v), spec, typeName);
  if (!(type in INT_BASES) && type !== "c") throw unknownFormatCode(type, typeName);
  if (spec.precision !== null) throw new ValueError("Precision not allowed in integer format specifier");
  if (spec.noNegativeZero)
    throw new ValueError("Negative zero coercion (z) not allowed in integer format specifier");
  if (type === "c") {
    if (spec.sign !== null) throw new ValueError("Sign not allowed with integer format specifier 'c'");
    if (spec.alternate)
      throw new ValueError("Alternate form (#) not allowed with integer format specifier 'c'");
    if (v < 0n || v > 0x10ffffn) throw new OverflowError("%c arg not in range(0x110000)");
    return layoutNumber(spec, false, "", "", String.fromCodePoint(Number(v)));
  }
  const [base, prefix] = INT_BASES[type]!;
  let digits = (v < 0n ? -v : v).toString(base);
  if (type === "X") digits = digits.toUpperCase();
  return layoutNumber(spec, v < 0n, spec.alternate ? prefix : "", digits, "");
}

/**
 * Python's format(value, spec) (`f"{value:spec}"`) for a float, an int or a bool, with Python's ValueErrors.
 * A JS number stands for a float unless `kind` says int; a bigint is an int.
 */
export function pyFormat(
  value: number | bigint | boolean,
  spec: string,
  kind?: "float" | "int" | "bool",
): string {
  const type = kind ?? (typeof value === "boolean" ? "bool" : typeof value === "bigint" ? "int" : "float");
  if (spec === "") {
    if (type === "bool") return pyBool(Boolean(value));
    return type === "int" ? pyIntRepr(BigInt(value)) : pyFloatRepr(Number(value));
  }
  const parsed = parseFormatSpec(spec, type);
  if (type === "float") return formatFloatSpec(Number(value), parsed, type);
  return formatIntSpec(BigInt(typeof value === "boolean" ? Number(value) : value), parsed, type);
}

// ---- C++'s `<<` of a double ------------------------------------------------------------------------------

/**
 * A double as ATen's C++ messages print it (an ostream's default "%g": six significant digits, no
 * trailing zeros): "2", "1.5", "0.123457", "1e+20", "-1e-07", "inf". JS cannot tell 2.0 from 2, and
 * neither can this text.
 */
export function cppDoubleStr(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0" : "0";
  const [mantissa = "", exponent = "+00"] = formatExponential(x, 5).split("e");
  const exp10 = Number(exponent);
  if (exp10 < -4 || exp10 >= 6) return withoutTrailingZeros(mantissa) + "e" + exponent;
  return withoutTrailingZeros(formatFixed(x, 5 - exp10));
}

function withoutTrailingZeros(text: string): string {
  return text.includes(".") ? text.replace(/0+$/, "").replace(/\.$/, "") : text;
}
