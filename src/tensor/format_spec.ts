// torch.format(t, spec): Python's f"{t:spec}" (Tensor.__format__), which JS template literals cannot express.
import { pyFormat } from "../python.js";
import { describe } from "./dtype.js";
import { Tensor } from "./tensor.js";

/**
 * `torch.format(t, ".2f")` is Python's `f"{t:.2f}"`: a 0-dim Tensor formats its value as Python's format() does
 * (`"3.14"`; int64 and bool tensors as Python ints and bools); any other tensor, and subclasses such as
 * Parameter, accept only the empty spec (giving str(t)) and raise PyTorch's TypeError otherwise.
 */
export function format(t: Tensor, spec = ""): string {
  if (!(t instanceof Tensor))
    throw new TypeError(`format(): argument 'input' must be Tensor, not ${describe(t)}`);
  if (typeof spec !== "string") throw new TypeError(`format() argument 2 must be str, not ${describe(spec)}`);
  if (t.ndim === 0 && t.constructor === Tensor) {
    const value = t._item();
    if (t.dtype.name === "bool") return pyFormat(value !== 0, spec, "bool");
    return pyFormat(value, spec, t.dtype.is_floating_point ? "float" : "int");
  }
  if (spec !== "")
    throw new TypeError(`unsupported format string passed to ${t.constructor.name}.__format__`);
  return t.toString();
}
