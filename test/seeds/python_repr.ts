// Python's str() and repr() of the values the seed notebooks print: tensors, None, bools, ints, floats, lists.
import { DType, Tensor } from "../../src/index.js";
import { pythonFloatRepr, pythonIntRepr } from "../../src/tensor/pyfloat.js";

/** A value as Python would hold it. JS numbers that are integers stand for Python ints, others for floats. */
export type PyValue = Tensor | DType | number | boolean | string | null | readonly PyValue[];

/** True when a JS number stands for a Python float (the notebooks' Python ints are all whole numbers). */
export function isPyFloat(value: PyValue): value is number {
  return typeof value === "number" && !Number.isInteger(value);
}

/** repr(value): strings quoted, tensors their PyTorch repr. */
export function pyRepr(value: PyValue): string {
  if (typeof value === "string") return `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
  return pyStr(value);
}

/** str(value), what print() writes for one argument. */
export function pyStr(value: PyValue): string {
  if (value === null) return "None";
  if (typeof value === "boolean") return value ? "True" : "False";
  if (typeof value === "number")
    return Number.isInteger(value) ? pythonIntRepr(value) : pythonFloatRepr(value);
  if (typeof value === "string") return value;
  if (value instanceof Tensor || value instanceof DType) return value.toString();
  // A list's str is the repr of its items.
  return `[${value.map(pyRepr).join(", ")}]`;
}
