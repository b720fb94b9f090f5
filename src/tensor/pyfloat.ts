// Python's repr() of scalars: what `f"{t}"` prints for a 0-dim tensor (via t.item()).

import type { DType } from "./dtype.js";

/**
 * Python's repr(float): the shortest digits that round-trip (the same digits JS picks), laid out
 * the Python way: "4.0", "-0.0", "1e-05", "1e+16", "inf", "nan".
 */
export function pythonFloatRepr(x: number): string {
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

/** Python's str(int) for an integral JS number, without JS's exponent form above 1e21. */
export function pythonIntRepr(x: number): string {
  if (Number.isSafeInteger(x)) return String(x);
  if (Number.isInteger(x)) return BigInt(x).toString();
  return String(x);
}

/** repr(t.item()) for a value of the given dtype: an int, True/False, or a Python float. */
export function pythonScalarRepr(x: number, dtype: DType): string {
  if (dtype.name === "bool") return x !== 0 ? "True" : "False";
  if (!dtype.is_floating_point) return pythonIntRepr(x);
  return pythonFloatRepr(x);
}
