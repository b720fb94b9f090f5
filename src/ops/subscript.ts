// Python's subscripts: `x.get(...)` is `x[...]` and `x.set(..., value)` is `x[...] = value`, following
// PyTorch's python_variable_indexing.cpp and TensorIndexing.h step by step (applySlicing, then at::index or
// index_put_ for the tensor parts), so views, copies, grad_fn names and error texts are PyTorch's.
//
// Each argument is one element of Python's subscript tuple: an int, a string, null (None), a boolean, a
// Tensor, or a (nested) array of numbers or booleans (an int64 index or a bool mask, as Python's lists).
// A string is written as between Python's brackets and may hold several comma-separated basic parts:
// ints, slices (`1:3`, `::2`, `-1:`, `:`), `...`, `None`, `True`/`False`. `x.get(":, 1:3")` is `x[:, 1:3]`,
// `x.get("...", idx, null)` is `x[..., idx, None]`. One argument without a comma is Python's single index
// (`x[:]`); a trailing comma makes a tuple (`x.get("0:2,")` is `x[0:2,]`).
import { IndexError, ValueError } from "../errors.js";
import { bool, int64, type DType } from "../tensor/dtype.js";
import { tensorFromData } from "../tensor/creation.js";
import { Tensor } from "../tensor/tensor.js";
import { record, scalarTensor } from "./core.js";
import { index, index_put_ } from "./index_put.js";
import { checkedScalar } from "./indexing.js";
import { makeView, select, slice, unsqueeze, view } from "./shape.js";

/** A nested JS array written where Python would write a list: an index tensor or a mask. */
export type IndexArray = readonly (number | boolean | bigint | IndexArray)[];
/** One element of a subscript (see the file comment). */
export type IndexPart = number | bigint | boolean | string | null | Tensor | IndexArray;

/** A parsed subscript element, as PyTorch's TensorIndex. */
type Part =
  | { kind: "int"; value: number }
  | { kind: "slice"; start: number | null; stop: number | null; step: number | null }
  | { kind: "ellipsis" }
  | { kind: "none" }
  | { kind: "bool"; value: boolean }
  | { kind: "tensor"; tensor: Tensor };

/** Python's PY_SSIZE_T_MAX, what an omitted slice stop stands for. */
const STOP_MAX = Number.MAX_SAFE_INTEGER;
const VALID_INDICES =
  "only integers, slices (`:`), ellipsis (`...`), None and long or byte Variables are valid indices";

const INT = /^[+-]?\d+$/;
const SLICE = /^([+-]?\d+)?\s*:\s*([+-]?\d+)?\s*(?::\s*([+-]?\d+)?)?$/;

function parseText(text: string, whole: string): Part {
  const s = text.trim();
  if (s === "...") return { kind: "ellipsis" };
  if (s === "None") return { kind: "none" };
  if (s === "True" || s === "False") return { kind: "bool", value: s === "True" };
  if (INT.test(s)) return { kind: "int", value: Number(s) };
  const m = SLICE.exec(s);
  if (m) {
    const num = (v: string | undefined) => (v === undefined ? null : Number(v));
    return { kind: "slice", start: num(m[1]), stop: num(m[2]), step: num(m[3]) };
  }
  throw new IndexError(
    `invalid subscript '${s}' in "${whole}": write ints, slices (1:3, ::2, :), ..., None, True or False, and pass tensors or arrays as separate arguments`,
  );
}

/** A JS array as Python's list index: int64 for numbers, bool for booleans (an empty list is int64). */
function arrayIndex(values: IndexArray): Tensor {
  const leaves = (values as unknown[]).flat(Infinity);
  if (leaves.length > 0 && leaves.every((v) => typeof v === "boolean")) return tensorFromData(values, bool);
  // JS numbers are all floats: whole ones are Python's ints here, and any other makes a float index.
  const whole = leaves.every((v) => typeof v === "bigint" || Number.isInteger(v));
  return tensorFromData(values, whole ? int64 : null);
}

function partOf(v: IndexPart): Part {
  if (v === null) return { kind: "none" };
  if (typeof v === "boolean") return { kind: "bool", value: v };
  if (typeof v === "bigint") return { kind: "int", value: Number(v) };
  if (typeof v === "number") {
    if (!Number.isInteger(v)) throw new IndexError(`${VALID_INDICES} (got float)`);
    return { kind: "int", value: v };
  }
  if (v instanceof Tensor) return { kind: "tensor", tensor: v };
  if (Array.isArray(v)) return { kind: "tensor", tensor: arrayIndex(v) };
  throw new IndexError(`${VALID_INDICES} (got ${v === undefined ? "NoneType" : typeof v})`);
}

/** The subscript's elements, and whether it is Python's single (non-tuple) index. */
function parseSubscript(args: readonly IndexPart[]): { parts: Part[]; single: boolean } {
  const parts: Part[] = [];
  let single = args.length === 1;
  for (const arg of args) {
    if (typeof arg !== "string") {
      parts.push(partOf(arg));
      continue;
    }
    const pieces = arg.split(",");
    if (pieces.length > 1) single = false;
    // A trailing comma ("0:2,") makes a tuple without adding an element, as in Python; "" is `x[()]`.
    if (pieces.length > 1 && pieces[pieces.length - 1].trim() === "") pieces.pop();
    if (pieces.length === 1 && pieces[0].trim() === "") {
      single = false;
      continue;
    }
    for (const piece of pieces) parts.push(parseText(piece, arg));
  }
  return { parts, single };
}

/** count_specified_dimensions: the dims a subscript consumes (a mask consumes one per mask dim). */
function specifiedDims(parts: readonly Part[]): number {
  let count = 0;
  for (const p of parts) {
    if (p.kind === "int" || p.kind === "slice") count++;
    else if (p.kind === "tensor") count += p.tensor.dtype === bool ? p.tensor.ndim : 1;
  }
  return count;
}

/** applySelect: PyTorch's bounds check (naming the subscript position) before select(). */
function applySelect(t: Tensor, dim: number, i: number, realDim: number): Tensor {
  if (i === 0 && dim === 0 && t.ndim === 0) {
    throw new IndexError(
      "invalid index of a 0-dim tensor. Use `tensor.item()` in Python or `tensor.item<T>()` in C++ to convert a 0-dim tensor to a number",
    );
  }
  const size = t.shape[dim] ?? 0;
  if (!(size >= -i && size > i))
    throw new IndexError(`index ${i} is out of bounds for dimension ${realDim} with size ${size}`);
  return select(t, dim, i);
}

/** applySlice: Python's slice on one dim; a tuple's slice that covers the dim exactly is skipped. */
function applySlice(t: Tensor, dim: number, p: Extract<Part, { kind: "slice" }>, optimize: boolean): Tensor {
  const step = p.step ?? 1;
  if (step === 0) throw new ValueError("slice step cannot be zero");
  if (step < 0) throw new ValueError("step must be greater than zero");
  const start = p.start ?? 0;
  const stop = p.stop ?? STOP_MAX;
  if (optimize && start === 0 && step === 1 && stop === t.shape[dim]) return t;
  return slice(t, dim, start, stop, step);
}

/** boolToIndexingTensor: x[True] indexes a new dim of size 1 with [0], x[False] with []. */
const boolIndex = (value: boolean) => tensorFromData(value ? [0] : [], int64);

/** applySlicing: the basic parts as views, in order; the tensor parts collected for at::index. */
function applySlicing(self: Tensor, parts: readonly Part[]): { result: Tensor; indices: (Tensor | null)[] } {
  let specified = specifiedDims(parts);
  if (specified > self.ndim) throw new IndexError(`too many indices for tensor of dimension ${self.ndim}`);
  const indices: (Tensor | null)[] = [];
  const recordIndex = (t: Tensor) => {
    while (indices.length < dim) indices.push(null);
    indices[dim] = t;
    dim++; // PyTorch's recordTensorIndex: one dim, even for a mask of several
  };
  let result = self;
  let dim = 0;
  parts.forEach((p, realDim) => {
    switch (p.kind) {
      case "int":
        result = applySelect(result, dim, p.value, realDim);
        return;
      case "slice":
        result = applySlice(result, dim, p, true);
        dim++;
        return;
      case "ellipsis":
        dim += self.ndim - specified;
        specified = self.ndim; // a second `...` consumes nothing more
        return;
      case "none":
        result = unsqueeze(result, dim);
        dim++;
        return;
      case "bool":
        result = unsqueeze(result, dim);
        recordIndex(boolIndex(p.value));
        return;
      case "tensor": {
        const t = p.tensor;
        if (t.ndim === 0 && (t.dtype === int64 || t.dtype.name === "int32")) {
          result = applySelect(result, dim, t.item(), realDim);
        } else if (t.ndim === 0 && t.dtype === bool) {
          result = unsqueeze(result, dim);
          recordIndex(boolIndex(t._item() !== 0));
        } else recordIndex(t);
        return;
      }
    }
  });
  return { result, indices };
}

/** at::alias: a view of the whole tensor (what `x[...]` returns). */
export function alias(input: Tensor): Tensor {
  return record("AliasBackward0", [input], makeView(input, input.shape, [...input._strides]), () => ({}));
}

/** Python's `x[subscript]`: basic parts give views, tensor parts a copy (see the file comment). */
export function getItem(self: Tensor, ...subscript: IndexPart[]): Tensor {
  const { parts, single } = parseSubscript(subscript);
  if (single) {
    const p = parts[0];
    if (p.kind === "none") return unsqueeze(self, 0);
    if (p.kind === "ellipsis") return alias(self);
    if (p.kind === "int") return applySelect(self, 0, p.value, 0);
    if (p.kind === "slice") {
      if (self.ndim === 0) throw new IndexError("slice() cannot be applied to a 0-dim tensor.");
      return applySlice(self, 0, p, false);
    }
  }
  const { result, indices } = applySlicing(self, parts);
  if (indices.length === 0) return result === self ? alias(self) : result;
  return index(result, indices);
}

/** slicePrefix1sSize: a value's leading size-1 dims are dropped before it is written into the target. */
function dropLeadingOnes(value: Tensor): Tensor {
  let lead = 0;
  while (lead < value.ndim && value.shape[lead] === 1) lead++;
  return lead === 0 ? value : view(value, value.shape.slice(lead));
}

/** copy_to: same shape → copy_, a 0-dim value → fill_, otherwise the value expanded to the target → copy_. */
function copyTo(dst: Tensor, src: Tensor): void {
  if (dst.ndim === src.ndim && dst.shape.every((s, i) => s === src.shape[i])) {
    dst.copy_(src);
    return;
  }
  if (src.ndim === 0) {
    dst.fill_(src);
    return;
  }
  dst.copy_(dropLeadingOnes(src).expand(dst.shape as number[]));
}

/** valueToTensor: a number becomes a 0-dim tensor of the target's dtype. */
function valueTensor(value: Tensor | number | boolean | bigint, dtype: DType): Tensor {
  if (value instanceof Tensor) return value;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint")
    return scalarTensor(checkedScalar(value, dtype), dtype); // scalar_tensor's fill_ checks the range
  throw new TypeError(
    `can't assign a ${typeof value} to a Tensor: the value must be a Tensor, a number or a boolean`,
  );
}

/** set_item's fast paths for a single (non-tuple) index; false when the general path must run. */
function setSingle(self: Tensor, p: Part, value: Tensor): boolean {
  if (p.kind === "bool" && !p.value) return true; // x[False] = v writes nothing
  if (p.kind === "ellipsis") copyTo(self, value);
  else if (p.kind === "none" || p.kind === "bool") copyTo(unsqueeze(self, 0), value);
  else if (p.kind === "int") copyTo(applySelect(self, 0, p.value, 0), value);
  else if (p.kind === "slice") {
    if (self.ndim === 0) throw new IndexError("slice() cannot be applied to a 0-dim tensor.");
    copyTo(applySlice(self, 0, p, false), value);
  } else return false;
  return true;
}

/** Python's `x[subscript] = value` (set_item): writes through a view, or index_put_ for tensor parts. */
export function setItem(self: Tensor, ...args: [...IndexPart[], Tensor | number | boolean | bigint]): Tensor {
  if (args.length < 2) throw new TypeError("Tensor.set() takes a subscript and a value");
  const value = valueTensor(args[args.length - 1] as Tensor | number, self.dtype);
  const { parts, single } = parseSubscript(args.slice(0, -1) as IndexPart[]);
  if (single && setSingle(self, parts[0], value)) return self;
  const { result, indices } = applySlicing(self, parts);
  if (indices.length === 0) {
    copyTo(result, value);
    return self;
  }
  const stripped = dropLeadingOnes(value);
  index_put_(result, indices, stripped.ndim === value.ndim ? value : stripped);
  return self;
}

declare module "../tensor/tensor.js" {
  interface Tensor {
    /**
     * Python's `x[...]`. Each argument is one element of the subscript: an int, a string of basic parts
     * (`":, 1:3"`, `"..., None"`), null (None), a boolean, an index or mask Tensor, or an array.
     * `x.get(":, 0")` is `x[:, 0]`; `x.get(mask)` is `x[mask]`; `x.get(rows, cols)` is `x[rows, cols]`.
     */
    get(...subscript: IndexPart[]): Tensor;
    /**
     * Python's `x[...] = value`: the subscript as for get(), then the value (a Tensor or a number,
     * broadcast). Writes into x and returns x.
     */
    set(...args: [...subscript: IndexPart[], value: Tensor | number | boolean | bigint]): Tensor;
  }
}

Object.defineProperty(Tensor.prototype, "get", {
  value: function (this: Tensor, ...subscript: IndexPart[]) {
    return getItem(this, ...subscript);
  },
  writable: true,
  configurable: true,
});
Object.defineProperty(Tensor.prototype, "set", {
  value: function (this: Tensor, ...args: [...IndexPart[], Tensor | number | boolean | bigint]) {
    return setItem(this, ...args);
  },
  writable: true,
  configurable: true,
});
