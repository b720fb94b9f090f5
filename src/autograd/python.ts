// Python's reading of the flags and callbacks PyTorch's Python-level autograd functions take without
// checking them: `create_graph="x"` is true (truthiness), a non-callable fails only when it is called, and
// the engine's C entry point reads its flags as bytes ('b' format). Two annotations for such parameters:
// `truthy` (any value; TS boolean) and `function` (any value; TS function), checked when used.
import { OverflowError, RuntimeError } from "../errors.js";
import { pyTypeName } from "../signatures/messages.js";
import { registerPyType } from "../signatures/bind.js";
import { Tensor } from "../tensor/tensor.js";

registerPyType("truthy", () => true);
registerPyType("function", () => true);

/** Python's bool(v). */
export function pyTruthy(v: unknown): boolean {
  if (v === null || v === undefined) return false;
  if (Array.isArray(v)) return v.length > 0;
  if (v instanceof Tensor) {
    if (v.numel() !== 1)
      throw new RuntimeError("Boolean value of Tensor with more than one value is ambiguous");
    return v._item() !== 0;
  }
  if (v instanceof Map || v instanceof Set) return v.size > 0;
  if (typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype)
    return Object.keys(v).length > 0;
  return Boolean(v);
}

/** PyArg_ParseTuple's 'b' (an unsigned byte): how the engine's C entry point reads retain_graph and create_graph. */
export function byteFlag(v: unknown): boolean {
  if (typeof v === "boolean") return v;
  if (typeof v === "bigint" || (typeof v === "number" && Number.isInteger(v))) {
    const n = Number(v);
    if (n < 0) throw new OverflowError("unsigned byte integer is less than minimum");
    if (n > 255) throw new OverflowError("unsigned byte integer is greater than maximum");
    return n !== 0;
  }
  if (typeof v === "number") throw new TypeError("integer argument expected, got float");
  throw new TypeError(`'${pyTypeName(v)}' object cannot be interpreted as an integer`);
}

/** Calls a callback as Python does: a non-callable fails here, in CPython's words. */
export function callPython(func: unknown, args: readonly unknown[]): unknown {
  if (typeof func !== "function") throw new TypeError(`'${pyTypeName(func)}' object is not callable`);
  return (func as (...a: unknown[]) => unknown)(...args);
}
