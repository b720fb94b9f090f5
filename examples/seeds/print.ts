// Python's print(), for the seed tutorials: `print(x.grad, y.grad)` shows `tensor(-7.6613) None`.
import * as torch from "tensorgrad";

/** What the tutorials pass to print: tensors, None (null), bools, numbers, strings, dtypes and lists. */
export type Printable =
  torch.Tensor | torch.DType | number | boolean | string | null | undefined | readonly Printable[];

/** Python's repr(float): shortest round-trip digits (JS picks the same), with Python's `.0` and exponent style. */
function floatRepr(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  if (x !== 0 && (Math.abs(x) >= 1e16 || Math.abs(x) < 1e-4)) {
    // Python writes exponents with at least two digits: 1e-05, 1.5e+16.
    const [mantissa, exponent] = x.toExponential().split("e");
    return `${mantissa}e${exponent[0]}${exponent.slice(1).padStart(2, "0")}`;
  }
  if (Number.isInteger(x)) return `${Object.is(x, -0) ? "-0" : x}.0`;
  return String(x);
}

/**
 * Python's str() of one value. A JS number stands for a Python int when it is whole (the tutorials'
 * `dy_dx(3)` is the int 6) and for a Python float otherwise.
 */
export function pyStr(value: Printable): string {
  if (value === null || value === undefined) return "None";
  if (typeof value === "boolean") return value ? "True" : "False";
  if (typeof value === "number") return Number.isInteger(value) ? BigInt(value).toString() : floatRepr(value);
  if (typeof value === "string") return value;
  // toString() is PyTorch's repr; String(t) / `${t}` would give Python's format (a 0-dim tensor's float).
  if (value instanceof torch.Tensor || value instanceof torch.DType) return value.toString();
  return `[${value.map((v) => (typeof v === "string" ? `'${v}'` : pyStr(v))).join(", ")}]`;
}

/** print(*values): str() of each, separated by spaces. */
export function print(...values: Printable[]): void {
  console.log(values.map(pyStr).join(" "));
}
