// Python's text of JS values, as PyTorch's messages and reprs print them: the one owner of that text.
// repr()/str() of floats, ints, bools, None, strings (with Python's quoting), tuples, lists, dicts and
// functions, and format()'s '{:.Nf}'/'{:.Ne}'. Module reprs, optimizer reprs, error messages and tensor
// printing all go through here, so `LeakyReLU(negative_slope=1e-05)` prints as Python does.

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
