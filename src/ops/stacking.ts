// NumPy-style joins and splits as PyTorch 1.13 composes them (TensorShape.cpp): hstack/vstack/row_stack/
// dstack/column_stack are atleast_Nd or reshape then cat; tensor_split/hsplit/vsplit/dsplit are at::slice
// calls (one SliceBackward0 per piece); split_with_sizes; and broadcasting (broadcast_to is expand,
// broadcast_tensors expands all to one shape, broadcast_shapes computes it without tensors).
import { RuntimeError } from "../errors.js";
import { bindNative } from "../signatures/bind.js";
import { defineOps, definePython } from "../signatures/registry.js";
import { parseSignature } from "../signatures/schema.js";
import { int64 } from "../tensor/dtype.js";
import { broadcastShapes, normalizeDim } from "../tensor/shape.js";
import { sizeOf, type TorchSize } from "../tensor/size.js";
import type { Tensor } from "../tensor/tensor.js";
import { atleast_1d, atleast_2d, atleast_3d } from "./atleast.js";
import { cat, split } from "./join.js";
import { expand, reshape, slice } from "./shape.js";

function nonEmpty(name: string, tensors: readonly Tensor[]): void {
  if (tensors.length === 0) throw new RuntimeError(`${name} expects a non-empty TensorList`);
}

/** torch.hstack: cat along dim 0 for vectors, else dim 1, after atleast_1d. */
export function hstack(tensors: readonly Tensor[]): Tensor {
  nonEmpty("hstack", tensors);
  const rep = tensors.map(atleast_1d);
  return cat(rep, rep[0].ndim === 1 ? 0 : 1);
}

/** torch.vstack (and row_stack): cat along dim 0 after atleast_2d. */
export function vstack(tensors: readonly Tensor[]): Tensor {
  nonEmpty("vstack", tensors);
  return cat(tensors.map(atleast_2d), 0);
}

/** torch.dstack: cat along dim 2 after atleast_3d. */
export function dstack(tensors: readonly Tensor[]): Tensor {
  nonEmpty("dstack", tensors);
  return cat(tensors.map(atleast_3d), 2);
}

/** torch.column_stack: 0-d and 1-d tensors become (numel, 1) columns, then hstack. */
export function column_stack(tensors: readonly Tensor[]): Tensor {
  nonEmpty("column_stack", tensors);
  return hstack(tensors.map((t) => (t.ndim <= 1 ? reshape(t, [t.numel(), 1]) : t)));
}

function checkSplittable(input: Tensor): void {
  if (input.ndim === 0)
    throw new RuntimeError(
      `tensor_split expected at least a 1-dimensional tensor, but got a tensor with ${input.ndim} dims`,
    );
}

/** torch.tensor_split(x, sections, dim): sections pieces, the first size % sections one longer. */
export function tensorSplitSections(input: Tensor, sections: number, dim = 0): Tensor[] {
  checkSplittable(input);
  if (sections <= 0) throw new RuntimeError(`number of sections must be larger than 0, got ${sections}`);
  const d = normalizeDim(dim, input.ndim);
  const size = input.shape[d];
  const minSize = Math.floor(size / sections);
  const extra = size % sections;
  const out: Tensor[] = [];
  let start = 0;
  for (let i = 0; i < sections; i++) {
    const length = i < extra ? minSize + 1 : minSize;
    out.push(slice(input, d, start, start + length));
    start += length;
  }
  return out;
}

/** torch.tensor_split(x, indices, dim): the pieces between consecutive indices (at::slice clamps them). */
export function tensorSplitIndices(input: Tensor, indices: readonly number[], dim = 0): Tensor[] {
  checkSplittable(input);
  const d = normalizeDim(dim, input.ndim);
  const out: Tensor[] = [];
  let start = 0;
  for (const end of indices) {
    out.push(slice(input, d, start, end));
    start = end;
  }
  out.push(slice(input, d, start, input.shape[d]));
  return out;
}

/** torch.tensor_split(x, tensor, dim): a 0-d int64 tensor is a section count, a 1-d one a list of indices. */
export function tensorSplitTensor(input: Tensor, indicesOrSections: Tensor, dim = 0): Tensor[] {
  if (indicesOrSections.dtype !== int64)
    throw new RuntimeError(
      `tensor_split expected tensor_indices_or_sections to have dtype of long, but got ${indicesOrSections.dtype.scalarTypeName}`,
    );
  if (indicesOrSections.ndim > 1)
    throw new RuntimeError(
      `tensor_split expected tensor_indices_or_sections to be a zero-dimensional or one-dimensional tensor, but got a tensor with ${indicesOrSections.ndim} dims`,
    );
  if (indicesOrSections.ndim === 0) return tensorSplitSections(input, Number(indicesOrSections.item()), dim);
  return tensorSplitIndices(input, Array.from(indicesOrSections.values(), Number), dim);
}

const ORDINAL = { hsplit: "1", vsplit: "2", dsplit: "3" } as const;

/** hsplit/vsplit/dsplit: tensor_split along dim 1 (0 for vectors), 0 or 2, with their own checks. */
function directionalSplit(
  name: "hsplit" | "vsplit" | "dsplit",
  input: Tensor,
  arg: number | readonly number[],
) {
  const minDims = Number(ORDINAL[name]);
  if (input.ndim < minDims)
    throw new RuntimeError(
      `torch.${name} requires a tensor with at least ${minDims} dimension, but got a tensor with ${input.ndim} dimensions!`,
    );
  const dim = name === "hsplit" ? (input.ndim === 1 ? 0 : 1) : name === "vsplit" ? 0 : 2;
  if (typeof arg !== "number") return tensorSplitIndices(input, arg, dim);
  if (arg === 0 || input.shape[dim] % arg !== 0)
    throw new RuntimeError(
      `torch.${name} attempted to split along dimension ${dim}, but the size of the dimension ${input.shape[dim]} is not divisible by the split_size ${arg}!`,
    );
  return tensorSplitSections(input, arg, dim);
}

/**
 * torch.broadcast_to(x, size): x.expand(size), with infer_expand_geometry's error, which names the first
 * mismatch counting from the last dim.
 */
export function broadcast_to(input: Tensor, size: readonly number[]): Tensor {
  const lead = size.length - input.ndim;
  for (let i = size.length - 1; i >= Math.max(lead, 0); i--) {
    const have = input.shape[i - lead];
    const want = size[i] === -1 ? have : size[i];
    if (have !== want && have !== 1)
      throw new RuntimeError(
        `The expanded size of the tensor (${want}) must match the existing size (${have}) at non-singleton dimension ${i}.  Target sizes: [${size.join(", ")}].  Tensor sizes: [${input.shape.join(", ")}]`,
      );
  }
  return expand(input, size);
}

/** _VF.broadcast_tensors: each tensor expanded to the common shape; one already of that shape is returned as is. */
export function broadcastTensors(tensors: readonly Tensor[]): Tensor[] {
  let shape: number[] = [];
  for (const t of tensors) shape = broadcastShapes(shape, t.shape);
  return tensors.map((t) =>
    t.ndim === shape.length && t.shape.every((d, i) => d === shape[i]) ? t : expand(t, shape),
  );
}

const VF_BROADCAST_TENSORS = [parseSignature("broadcast_tensors(TensorList tensors) -> Tensor[]", "native")];

/** torch.broadcast_tensors(*tensors): torch/functional.py's variadic wrapper around the native. */
function broadcast_tensors(tensors: unknown[]): Tensor[] {
  const { values } = bindNative(VF_BROADCAST_TENSORS, [tensors], null);
  return broadcastTensors(values[0] as Tensor[]);
}

/** Python's repr of a shape argument in broadcast_shapes' error tuple. */
function pyRepr(v: unknown): string {
  if (typeof v === "string") return `'${v}'`;
  if (v === null || v === undefined) return "None";
  if (typeof v === "boolean") return v ? "True" : "False";
  return String(v);
}

/** torch.broadcast_shapes(*shapes): torch/functional.py's loop, with its errors. */
export function broadcast_shapes(shapes: unknown[]): TorchSize {
  const isInt = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v);
  let maxLen = 0;
  for (const shape of shapes) {
    if (isInt(shape)) maxLen = Math.max(maxLen, 1);
    else if (Array.isArray(shape)) maxLen = Math.max(maxLen, shape.length);
  }
  const result = new Array<number>(maxLen).fill(1);
  for (let shape of shapes) {
    if (isInt(shape)) shape = [shape];
    if (!Array.isArray(shape))
      throw new RuntimeError(
        `('Input shapes should be of type ints, a tuple of ints, or a list of ints, got ', ${pyRepr(shape)})`,
      );
    const dims = shape as number[];
    for (let i = 1; i <= dims.length; i++) {
      const d = dims[dims.length - i];
      if (d < 0) throw new RuntimeError(`Trying to create tensor with negative dimension (${d}): (${d})`);
      if (d === 1 || d === result[maxLen - i]) continue;
      if (result[maxLen - i] !== 1)
        throw new RuntimeError("Shape mismatch: objects cannot be broadcast to a single shape");
      result[maxLen - i] = d;
    }
  }
  return sizeOf(result);
}

defineOps("torch", {
  "hstack(TensorList tensors, *, Tensor out=None) -> Tensor": hstack,
  "vstack(TensorList tensors, *, Tensor out=None) -> Tensor": vstack,
  "row_stack(TensorList tensors, *, Tensor out=None) -> Tensor": vstack,
  "dstack(TensorList tensors, *, Tensor out=None) -> Tensor": dstack,
  "column_stack(TensorList tensors, *, Tensor out=None) -> Tensor": column_stack,
});

defineOps(
  "torch",
  {
    "hsplit(Tensor input, int64_t sections) -> Tensor[]": (input, s) => directionalSplit("hsplit", input, s),
    "hsplit(Tensor input, IntArrayRef indices) -> Tensor[]": (input, i) =>
      directionalSplit("hsplit", input, i),
    "vsplit(Tensor input, int64_t sections) -> Tensor[]": (input, s) => directionalSplit("vsplit", input, s),
    "vsplit(Tensor input, IntArrayRef indices) -> Tensor[]": (input, i) =>
      directionalSplit("vsplit", input, i),
    "dsplit(Tensor input, int64_t sections) -> Tensor[]": (input, s) => directionalSplit("dsplit", input, s),
    "dsplit(Tensor input, IntArrayRef indices) -> Tensor[]": (input, i) =>
      directionalSplit("dsplit", input, i),
    "tensor_split(Tensor input, Tensor tensor_indices_or_sections, int64_t dim=0) -> Tensor[]":
      tensorSplitTensor,
    "tensor_split(Tensor input, int64_t sections, int64_t dim=0) -> Tensor[]": tensorSplitSections,
    "tensor_split(Tensor input, IntArrayRef indices, int64_t dim=0) -> Tensor[]": tensorSplitIndices,
    "split_with_sizes(Tensor input, IntArrayRef split_sizes, int64_t dim=0) -> Tensor[]": (
      input,
      sizes,
      dim,
    ) => split(input, sizes, dim),
    "broadcast_to(Tensor input, IntArrayRef size) -> Tensor": broadcast_to,
  },
  { methods: true },
);

definePython("torch", {
  "broadcast_tensors(*tensors) -> Tensor[]": broadcast_tensors,
  "broadcast_shapes(*shapes) -> int[]": broadcast_shapes,
});
