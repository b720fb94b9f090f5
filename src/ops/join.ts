// Joining and splitting tensors (cat, stack, split, chunk, unbind) and whole-tensor rearrangements that
// copy (flip, roll, repeat, constant padding and F.pad). Splits return views sharing one multi-output node.
import { NotImplementedError, RuntimeError } from "../errors.js";
import { full, zeros } from "../tensor/creation.js";
import { resultType } from "../tensor/dtype.js";
import { contiguousStrides, normalizeDim, numel, wrapDimOfTensor } from "../tensor/shape.js";
import { Tensor } from "../tensor/tensor.js";
import { bindNative } from "../signatures/bind.js";
import { defineMethods, defineOps, definePython } from "../signatures/registry.js";
import { parseSignature } from "../signatures/schema.js";
import { record, recordOutputs, writeInto, type Scalar } from "./core.js";
import { padNonConstant } from "./nn_pad.js";
import { checkedScalar } from "./indexing.js";
import { makeView, narrowView, selectView, unflatten } from "./shape.js";

/** torch.cat(tensors, dim): joins along an existing dim, promoting dtypes. */
export function cat(list: readonly Tensor[], dim = 0): Tensor {
  if (list.length === 0) throw new RuntimeError("torch.cat(): expected a non-empty list of Tensors");
  list.forEach((t, i) => {
    if (t.ndim === 0)
      throw new RuntimeError(`zero-dimensional tensor (at position ${i}) cannot be concatenated`);
  });
  // PyTorch still skips 1-d empty tensors whatever the others' shape (legacy behaviour).
  const skipped = (t: Tensor) => t.ndim === 1 && t.shape[0] === 0;
  const ref = list.find((t) => !skipped(t));
  const dtype = resultType(list);
  if (ref === undefined) {
    // Every operand skipped: an empty result, still recorded (each input's gradient is empty too).
    const empty = zeros([0], { dtype });
    return record("CatBackward0", list, empty, () => ({ dim: 0, sizes: list.map(() => -1) }));
  }
  const d = normalizeDim(dim, ref.ndim);
  let total = 0;
  list.forEach((t, i) => {
    if (skipped(t)) return;
    if (t.ndim !== ref.ndim)
      throw new RuntimeError(`Tensors must have same number of dimensions: got ${ref.ndim} and ${t.ndim}`);
    for (let k = 0; k < ref.ndim; k++) {
      if (k !== d && t.shape[k] !== ref.shape[k]) {
        throw new RuntimeError(
          `Sizes of tensors must match except in dimension ${d}. Expected size ${ref.shape[k]} but got size ${t.shape[k]} for tensor number ${i} in the list.`,
        );
      }
    }
    total += t.shape[d];
  });
  const shape = [...ref.shape];
  shape[d] = total;
  const out = zeros(shape, { dtype });
  let offset = 0;
  for (const t of list) {
    if (skipped(t)) continue;
    writeInto(narrowView(out, d, offset, t.shape[d]), t);
    offset += t.shape[d];
  }
  // A fresh result starts at version 0 however many writes built it, as in PyTorch.
  out._storage.version = 0;
  const sizes = list.map((t) => (skipped(t) ? -1 : t.shape[d]));
  return record("CatBackward0", list, out, () => ({ dim: d, sizes }));
}

/** torch.stack(tensors, dim): joins equal-shaped tensors along a new dim. */
export function stack(list: readonly Tensor[], dim = 0): Tensor {
  if (list.length === 0) throw new RuntimeError("stack expects a non-empty TensorList");
  const ref = list[0];
  list.forEach((t, i) => {
    if (t.ndim !== ref.ndim || t.shape.some((s, k) => s !== ref.shape[k])) {
      throw new RuntimeError(
        `stack expects each tensor to be equal size, but got [${ref.shape.join(", ")}] at entry 0 and [${t.shape.join(", ")}] at entry ${i}`,
      );
    }
  });
  const d = normalizeDim(dim, ref.ndim + 1);
  const shape = [...ref.shape];
  shape.splice(d, 0, list.length);
  const out = zeros(shape, { dtype: resultType(list) });
  list.forEach((t, i) => writeInto(selectView(out, d, i), t));
  out._storage.version = 0;
  return record("StackBackward0", list, out, () => ({ dim: d }));
}

function checkSplitInput(input: Tensor, fn: string): void {
  if (input.ndim === 0) throw new RuntimeError(`${fn} expects at least a 1-dimensional tensor`);
}

/** Views of consecutive pieces of `sizes` along dim. */
function pieces(input: Tensor, d: number, sizes: readonly number[]): Tensor[] {
  let start = 0;
  return sizes.map((len) => {
    const piece = narrowView(input, d, start, len);
    start += len;
    return piece;
  });
}

function splitBySize(input: Tensor, splitSize: number, dim: number): Tensor[] {
  checkSplitInput(input, "split");
  if (splitSize < 0)
    throw new RuntimeError(`split expects split_size be non-negative, but got split_size=${splitSize}`);
  const d = normalizeDim(dim, input.ndim);
  const size = input.shape[d];
  if (splitSize === 0 && size !== 0) {
    throw new RuntimeError(
      `split_size can only be 0 if dimension size is 0, but got dimension size of ${size}`,
    );
  }
  const count = splitSize === 0 ? 1 : Math.max(Math.ceil(size / splitSize), 1);
  const sizes = Array.from({ length: count }, (_, i) => Math.min(splitSize, size - i * splitSize));
  const selfShape = input.shape;
  return recordOutputs("SplitBackward0", [input], pieces(input, d, sizes), () => ({
    dim: d,
    selfShape,
    sizes,
  }));
}

function splitWithSizes(input: Tensor, sizes: readonly number[], dim: number): Tensor[] {
  checkSplitInput(input, "split");
  const d = normalizeDim(dim, input.ndim);
  const size = input.shape[d];
  if (sizes.some((s) => s < 0)) {
    throw new RuntimeError(
      `split_with_sizes expects split_sizes have only non-negative entries, but got split_sizes=[${sizes.join(", ")}]`,
    );
  }
  if (sizes.reduce((a, b) => a + b, 0) !== size) {
    throw new RuntimeError(
      `split_with_sizes expects split_sizes to sum exactly to ${size} (input tensor's size at dimension ${d}), but got split_sizes=[${sizes.join(", ")}]`,
    );
  }
  const selfShape = input.shape;
  const list = [...sizes];
  return recordOutputs("SplitWithSizesBackward0", [input], pieces(input, d, list), () => ({
    dim: d,
    selfShape,
    sizes: list,
  }));
}

/** torch.split(x, size, dim): pieces of `size` (the last may be smaller), or of each size in a list. */
export function split(input: Tensor, split_size_or_sections: number | readonly number[], dim = 0): Tensor[] {
  return typeof split_size_or_sections === "number"
    ? splitBySize(input, split_size_or_sections, dim)
    : splitWithSizes(input, split_size_or_sections, dim);
}

// The natives Tensor.split calls (torch._VF.split and split_with_sizes), bound with their own errors.
const VF_SPLIT = [
  "split(Tensor input, int64_t split_size, int64_t dim=0) -> Tensor[]",
  "split(Tensor input, IntArrayRef split_size, int64_t dim=0) -> Tensor[]",
].map((text) => parseSignature(text, "native"));
const VF_SPLIT_WITH_SIZES = [
  parseSignature(
    "split_with_sizes(Tensor input, IntArrayRef split_sizes, int64_t dim=0) -> Tensor[]",
    "native",
  ),
];

/**
 * Tensor.split as PyTorch writes it in Python: a one-element tensor counts as its int; an int (a bool is
 * one in Python) goes to split, anything else to split_with_sizes, whose argument parsers check the types.
 */
function pythonSplit(self: Tensor, splitSize: unknown, dim: unknown): Tensor[] {
  if (splitSize instanceof Tensor && splitSize.numel() === 1)
    splitSize = Math.trunc(splitSize.item() as number);
  const isInt =
    (typeof splitSize === "number" && Number.isInteger(splitSize)) ||
    typeof splitSize === "bigint" ||
    typeof splitSize === "boolean";
  const { values } = bindNative(isInt ? VF_SPLIT : VF_SPLIT_WITH_SIZES, [self, splitSize, dim], null);
  return split(values[0] as Tensor, values[1] as number | number[], values[2] as number);
}

/** torch.chunk(x, chunks, dim): at most `chunks` pieces of equal size (the last may be smaller). */
export function chunk(input: Tensor, chunks: number, dim = 0): Tensor[] {
  checkSplitInput(input, "chunk");
  if (chunks <= 0) throw new RuntimeError(`chunk expects \`chunks\` to be greater than 0, got: ${chunks}`);
  const d = normalizeDim(dim, input.ndim);
  const size = input.shape[d];
  const splitSize = Math.ceil(size / chunks);
  if (splitSize === 0 && size === 0) return splitWithSizes(input, new Array<number>(chunks).fill(0), d);
  return splitBySize(input, splitSize, d);
}

/** torch.unbind(x, dim): every index along dim as a view with that dim removed. */
export function unbind(input: Tensor, dim = 0): Tensor[] {
  // PyTorch wraps the dim (a 0-dim tensor accepts -1 and 0) before it asks for the size there.
  const d = wrapDimOfTensor(normalizeDim(dim, input.ndim), input.ndim);
  const outs = Array.from({ length: input.shape[d] }, (_, i) => selectView(input, d, i));
  const selfShape = input.shape;
  return recordOutputs("UnbindBackward0", [input], outs, () => ({ dim: d, selfShape }));
}

function dimList(dims: readonly number[], ndim: number): number[] {
  const out = dims.map((d) => normalizeDim(d, ndim));
  out.forEach((d, i) => {
    if (out.indexOf(d) !== i) throw new RuntimeError(`dim ${d} appears multiple times in the list of dims`);
  });
  return out;
}

/** A fresh contiguous copy of `src` (any strides, possibly negative). */
function materialize(src: Tensor): Tensor {
  return Tensor._fromData(src.values(), src.shape, src.dtype);
}

/** torch.flip(x, dims): reverses the order of elements along dims (a copy). */
export function flip(input: Tensor, dims: readonly number[]): Tensor {
  const list = dimList(dims, input.ndim);
  const strides = [...input._strides];
  let offset = input._offset;
  for (const d of list) {
    // A 0-d tensor's dim 0 is its single element: nothing to reverse.
    if (input.ndim === 0 || input.shape[d] === 0) continue;
    offset += (input.shape[d] - 1) * strides[d];
    strides[d] = -strides[d];
  }
  const out = materialize(new Tensor(input._storage, input.shape, strides, offset, input.dtype));
  return record("FlipBackward0", [input], out, () => ({ dims: list }));
}

/** Rolls one dim of a contiguous tensor by `shift` into a new tensor. */
function rollDim(x: Tensor, shift: number, d: number): Tensor {
  const size = x.shape[d];
  const out = Tensor._fromData(x.values(), x.shape, x.dtype);
  if (size === 0) return out;
  const s = ((shift % size) + size) % size;
  if (s === 0) return out;
  writeInto(narrowView(out, d, s, size - s), narrowView(x, d, 0, size - s));
  writeInto(narrowView(out, d, 0, s), narrowView(x, d, size - s, s));
  return out;
}

/** torch.roll(x, shifts, dims): shifts elements along dims, wrapping around; with no dims, over the flattened tensor. */
export function roll(
  input: Tensor,
  shifts: readonly number[],
  dims: readonly number[] | null = null,
): Tensor {
  const shiftList = [...shifts];
  const dimsGiven = dims ?? [];
  if (shiftList.length === 0) throw new RuntimeError("`shifts` required");
  if (shiftList.length !== dimsGiven.length && !(dimsGiven.length === 0 && shiftList.length === 1)) {
    throw new RuntimeError(
      `shifts and dimensions must align. shifts: ${shiftList.length}, dims:${dimsGiven.length}`,
    );
  }
  const wrapped = dimsGiven.map((d) => wrapDimOfTensor(d, input.ndim));
  let out: Tensor;
  if (wrapped.length === 0) {
    const flat = Tensor._fromData(input.values(), [input.numel()], input.dtype);
    const rolled = rollDim(flat, shiftList[0], 0);
    out = new Tensor(rolled._storage, input.shape, contiguousStrides(input.shape), 0, input.dtype);
  } else {
    out = materialize(input);
    wrapped.forEach((d, i) => (out = rollDim(out, shiftList[i], d)));
  }
  out._storage.version = 0;
  return record("RollBackward0", [input], out, () => ({ shifts: shiftList, dims: wrapped }));
}

/** Tensor.repeat(...sizes): tiles the tensor `sizes[i]` times along each dim (new leading dims allowed). */
export function repeat(input: Tensor, sizes: readonly number[]): Tensor {
  const repeats = [...sizes];
  if (repeats.length < input.ndim) {
    throw new RuntimeError(
      "Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor",
    );
  }
  const lead = repeats.length - input.ndim;
  const padded = [...new Array<number>(lead).fill(1), ...input.shape];
  const paddedStrides = [...new Array<number>(lead).fill(0), ...input._strides];
  const target = padded.map((s, i) => s * repeats[i]);
  const negative = target.find((s) => s < 0);
  if (negative !== undefined) {
    throw new RuntimeError(
      `Trying to create tensor with negative dimension ${negative}: [${target.join(", ")}]`,
    );
  }
  const out = zeros(target, { dtype: input.dtype });
  if (numel(target) > 0) {
    // View the output as [r0, s0, r1, s1, ...] and copy the input, broadcast over the r dims, into it.
    const outStrides = contiguousStrides(target);
    const tiledShape = padded.flatMap((s, i) => [repeats[i], s]);
    const tiled = makeView(
      out,
      tiledShape,
      padded.flatMap((s, i) => [s * outStrides[i], outStrides[i]]),
    );
    const source = new Tensor(
      input._storage,
      tiledShape,
      paddedStrides.flatMap((st) => [0, st]),
      input._offset,
      input.dtype,
    );
    writeInto(tiled, source);
    out._storage.version = 0;
  }
  const selfShape = input.shape;
  return record("RepeatBackward0", [input], out, () => ({ repeats, selfShape }));
}

/**
 * torch.constant_pad_nd(x, pad, value): pads (or, with negative pads, crops) the last dims;
 * pad = [left, right] for the last dim, then [top, bottom] for the one before, and so on.
 */
export function constant_pad_nd(input: Tensor, pad: readonly number[], value: Scalar = 0): Tensor {
  if (pad.length % 2 !== 0)
    throw new RuntimeError(`Length of pad must be even but instead it equals ${pad.length}`);
  const ndim = input.ndim;
  const padDims = pad.length / 2;
  if (ndim < padDims) {
    throw new RuntimeError(
      `Length of pad should be no more than twice the number of dimensions of the input. Pad length is ${pad.length}while the input has ${ndim}dimensions.`,
    );
  }
  const lead = ndim - padDims;
  // Negative pads crop first (PyTorch narrows the input, with narrow's errors).
  let cropped = input;
  let allNonPositive = true;
  for (let d = lead; d < ndim; d++) {
    const before = pad[2 * (ndim - d - 1)];
    const after = pad[2 * (ndim - d - 1) + 1];
    if (before < 0) cropped = checkedNarrow(cropped, d, -before, cropped.shape[d] + before);
    else if (before !== 0) allNonPositive = false;
    if (after < 0) cropped = checkedNarrow(cropped, d, 0, cropped.shape[d] + after);
    else if (after !== 0) allNonPositive = false;
  }
  const newShape = input.shape.map((s, d) => {
    if (d < lead) return s;
    const before = pad[2 * (ndim - d - 1)];
    const after = pad[2 * (ndim - d - 1) + 1];
    const size = s + before + after;
    if (!allNonPositive && size <= 0) {
      throw new RuntimeError(
        `The input size ${s}, plus negative padding ${before} and ${after} resulted in a negative output size, which is invalid. Check dimension ${d} of your input.`,
      );
    }
    return size;
  });
  let out: Tensor;
  if (allNonPositive) {
    out = materialize(cropped);
  } else {
    out = full(newShape, checkedScalar(value, input.dtype), { dtype: input.dtype });
    let window = out;
    for (let d = lead; d < ndim; d++) {
      const before = pad[2 * (ndim - d - 1)];
      const after = pad[2 * (ndim - d - 1) + 1];
      if (before > 0) window = narrowView(window, d, before, window.shape[d] - before);
      if (after > 0) window = narrowView(window, d, 0, window.shape[d] - after);
    }
    writeInto(window, cropped);
    out._storage.version = 0;
  }
  const pads = [...pad];
  return record("ConstantPadNdBackward0", [input], out, () => ({ pad: pads }));
}

/** narrow's bounds check (without recording), as constant_pad_nd's cropping reports it. */
function checkedNarrow(x: Tensor, d: number, start: number, length: number): Tensor {
  const size = x.shape[d];
  const s = start === size ? start : normalizeDim(start, size);
  if (length < 0 || s > size - length)
    throw new RuntimeError(`start (${s}) + length (${length}) exceeds dimension size (${size}).`);
  return narrowView(x, d, s, length);
}

export type PadMode = "constant" | "reflect" | "replicate" | "circular";

/** torch.nn.functional.pad (torch._C._nn.pad): constant, reflect, replicate or circular. `value` null means 0. */
export function pad(
  input: Tensor,
  padding: readonly number[],
  mode: PadMode | string = "constant",
  value: number | null = null,
): Tensor {
  if (padding.length % 2 !== 0) throw new RuntimeError("Padding length must be divisible by 2");
  if (padding.length > input.ndim * 2) throw new RuntimeError("Padding length too large");
  if (mode === "constant") return constant_pad_nd(input, padding, value ?? 0);
  if (mode === "reflect" || mode === "replicate" || mode === "circular")
    return padNonConstant(input, padding, mode, value);
  throw new NotImplementedError(`Unrecognised padding mode ${mode}`);
}

const PAD_MODES = ["constant", "reflect", "replicate", "circular"];

/** F.pad (torch._C._nn.pad): the mode is checked first, as PyTorch's parser of the mode string does. */
function padImpl(input: Tensor, padding: number[], mode: string, value: number | null): Tensor {
  if (!PAD_MODES.includes(mode)) throw new NotImplementedError(`Unrecognised padding mode ${mode}`);
  return pad(input, padding, mode, value);
}

/** Python's truth value, as Tensor.unflatten tests its sizes. */
function pyTruthy(v: unknown): boolean {
  if (v instanceof Tensor) {
    if (v.numel() !== 1)
      throw new RuntimeError(
        `Boolean value of Tensor with ${v.numel() === 0 ? "no values" : "more than one value"} is ambiguous`,
      );
    return v._item() !== 0;
  }
  if (Array.isArray(v) || typeof v === "string") return v.length > 0;
  return !(v === null || v === false || v === 0 || v === 0n);
}

const TENSOR_UNFLATTEN = [
  "unflatten(Dimname dim, IntArrayRef sizes, DimnameList names) -> Tensor",
  "unflatten(int64_t dim, IntArrayRef sizes) -> Tensor",
].map((text) => parseSignature(text, "native"));

/** Tensor.unflatten as PyTorch writes it in Python: sizes must be truthy, then the native method binds them. */
function pythonUnflatten(self: Tensor, dim: unknown, sizes: unknown): Tensor {
  if (!pyTruthy(sizes)) throw new RuntimeError("unflatten: sizes must be non-empty");
  // (name, size) pairs are a named shape: named tensors are not supported.
  if (Array.isArray(sizes) && Array.isArray(sizes[0]))
    throw new RuntimeError("tensorgrad does not support named tensors (dimension names)");
  const { index, values } = bindNative(TENSOR_UNFLATTEN, [dim, sizes], null);
  if (index === 0) throw new RuntimeError("tensorgrad does not support named tensors (dimension names)");
  return unflatten(self, values[0] as number, values[1] as number[]);
}

defineOps("torch", {
  "cat(TensorList tensors, int64_t dim=0, *, Tensor out=None) -> Tensor": cat,
  "cat(TensorList tensors, Dimname dim, *, Tensor out=None) -> Tensor": null,
  "concat(TensorList tensors, int64_t dim=0, *, Tensor out=None) -> Tensor": cat,
  "concat(TensorList tensors, Dimname dim, *, Tensor out=None) -> Tensor": null,
  "concatenate(TensorList tensors, int64_t dim=0, *, Tensor out=None) -> Tensor": cat,
  "concatenate(TensorList tensors, Dimname dim, *, Tensor out=None) -> Tensor": null,
  "stack(TensorList tensors, int64_t dim=0, *, Tensor out=None) -> Tensor": stack,
  "constant_pad_nd(Tensor input, IntArrayRef pad, Scalar value=0) -> Tensor": constant_pad_nd,
});

defineOps(
  "torch",
  {
    "chunk(Tensor input, int64_t chunks, int64_t dim=0) -> Tensor[]": chunk,
    "unbind(Tensor input, int64_t dim=0) -> Tensor[]": unbind,
    "unbind(Tensor input, Dimname dim) -> Tensor[]": null,
    "flip(Tensor input, IntArrayRef dims) -> Tensor": flip,
    "roll(Tensor input, IntArrayRef[1] shifts, IntArrayRef[1] dims=None) -> Tensor": roll,
  },
  { methods: true },
);

defineMethods({
  "repeat(SymIntArrayRef repeats) -> Tensor": repeat,
});

defineOps("torch.nn.functional", {
  'pad(Tensor input, IntArrayRef pad, c10::string_view mode="constant", double? value=None) -> Tensor':
    padImpl,
});

// Written in Python in PyTorch (torch/functional.py, torch/_tensor.py), without annotations on what the
// natives they call check: those natives' argument errors are PyTorch's.
definePython("torch", {
  "split(tensor: Tensor, split_size_or_sections: object, dim: object = 0) -> Tensor[]": pythonSplit,
});
definePython("Tensor", {
  "Tensor.split(split_size: object, dim: object = 0) -> Tensor[]": pythonSplit,
  "Tensor.unflatten(dim: object, sizes: object) -> Tensor": pythonUnflatten,
});
