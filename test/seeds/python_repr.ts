// Python's str() and repr() of the values the seed notebooks print: tensors, None, bools, ints, floats, lists.
// The text comes from src/python.ts, the library's one owner of Python's text.
import type { DType, Tensor } from "../../src/index.js";

export { pyRepr, pyStr } from "../../src/python.js";

/** A value as Python would hold it. JS numbers that are integers stand for Python ints, others for floats. */
export type PyValue = Tensor | DType | number | boolean | string | null | readonly PyValue[];

/** True when a JS number stands for a Python float (the notebooks' Python ints are all whole numbers). */
export function isPyFloat(value: PyValue): value is number {
  return typeof value === "number" && !Number.isInteger(value);
}
