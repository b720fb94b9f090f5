// Shape and view ops. Views share storage with their input (and so its version counter).
import { IndexError, NotImplementedError, RuntimeError, ValueError } from "../errors.js";
import { emitWarning } from "../warnings.js";
import { channels_last, contiguous_format, MemoryFormat } from "../tensor/device.js";
import { bool as boolDtype, type DType } from "../tensor/dtype.js";
import { contiguousStrides, normalizeDim, numel, wrapDimOfTensor } from "../tensor/shape.js";
import { detach, isDetached, Tensor } from "../tensor/tensor.js";
import { defineMethods, defineOps } from "../signatures/registry.js";
import { Category } from "../tensor/dtype.js";
import { record } from "./core.js";

/** @internal A tensor viewing `base`'s storage with new geometry. */
export function makeView(
  base: Tensor,
  shape: readonly number[],
  strides: number[],
  offset = base._offset,
): Tensor {
  const view = new Tensor(base._storage, shape, strides, offset, base.dtype);
  // A detached tensor is no differentiable view (PyTorch's _base is None): views of it are views of it.
  view._base = base._base !== null && !isDetached(base) ? base._base : base;
  return view;
}

/** PyTorch's infer_size: resolves one -1 in a requested shape, with its errors in its order. */
function inferShape(shape: readonly number[], n: number): number[] {
  const out = [...shape];
  let infer = -1;
  let known = 1;
  for (let i = 0; i < out.length; i++) {
    const d = out[i];
    if (d === -1) {
      if (infer >= 0) throw new RuntimeError("only one dimension can be inferred");
      infer = i;
    } else if (d >= 0) known *= d;
    else throw new RuntimeError(`invalid shape dimension ${d}`);
  }
  if (n === known || (infer >= 0 && known > 0 && n % known === 0)) {
    if (infer >= 0) {
      if (known === 0)
        throw new RuntimeError(
          `cannot reshape tensor of 0 elements into shape [${shape.join(", ")}] because the unspecified dimension size -1 can be any value and is ambiguous`,
        );
      out[infer] = n / known;
    }
    return out;
  }
  throw new RuntimeError(`shape '[${shape.join(", ")}]' is invalid for input of size ${n}`);
}

/**
 * Strides that let `shape` view a tensor of `oldShape`/`oldStrides` without copying, or null when the
 * memory layout doesn't allow it (PyTorch's computeStride).
 */
function viewStrides(oldShape: readonly number[], oldStrides: readonly number[], shape: readonly number[]) {
  if (oldShape.length === 0) return shape.map(() => 1);
  if (numel(oldShape) === 0) {
    return oldShape.length === shape.length && oldShape.every((d, i) => d === shape[i])
      ? [...oldStrides]
      : contiguousStrides(shape);
  }
  const strides = new Array<number>(shape.length).fill(0);
  let viewDim = shape.length - 1;
  let chunkBaseStride = oldStrides[oldStrides.length - 1];
  let tensorNumel = 1;
  let viewNumel = 1;
  for (let d = oldShape.length - 1; d >= 0; d--) {
    tensorNumel *= oldShape[d];
    if (d === 0 || (oldShape[d - 1] !== 1 && oldStrides[d - 1] !== tensorNumel * chunkBaseStride)) {
      while (viewDim >= 0 && (viewNumel < tensorNumel || shape[viewDim] === 1)) {
        strides[viewDim] = viewNumel * chunkBaseStride;
        viewNumel *= shape[viewDim];
        viewDim--;
      }
      if (viewNumel !== tensorNumel) return null;
      if (d > 0) {
        chunkBaseStride = oldStrides[d - 1];
        tensorNumel = 1;
        viewNumel = 1;
      }
    }
  }
  return viewDim === -1 ? strides : null;
}

/** torch.reshape: a view when the strides allow it, a copy otherwise. */
export function reshape(input: Tensor, shape: readonly number[]): Tensor {
  const target = inferShape(shape, input.numel());
  const selfShape = input.shape;
  const strides = viewStrides(input.shape, input._strides, target);
  if (strides) {
    return record("ReshapeAliasBackward0", [input], makeView(input, target, strides), () => ({ selfShape }));
  }
  const source = contiguous(input);
  const out = makeView(source, target, contiguousStrides(target));
  return record("UnsafeViewBackward0", [source], out, () => ({ selfShape: source.shape }));
}

/**
 * @internal at::_unsafe_view: a fresh contiguous result (nothing else holds it) read with a new shape,
 * recorded as UnsafeViewBackward0 (matmul's folded products).
 */
export function unsafeView(x: Tensor, shape: number[]): Tensor {
  const selfShape = x.shape;
  const out = new Tensor(x._storage, shape, contiguousStrides(shape), x._offset, x.dtype);
  return record("UnsafeViewBackward0", [x], out, () => ({ selfShape }));
}

/** Tensor.view: always a view; fails (like PyTorch) when the strides don't allow one. */
export function view(input: Tensor, shape: readonly number[]): Tensor {
  const target = inferShape(shape, input.numel());
  const strides = viewStrides(input.shape, input._strides, target);
  if (!strides) {
    throw new RuntimeError(
      "view size is not compatible with input tensor's size and stride (at least one dimension spans across two " +
        "contiguous subspaces). Use .reshape(...) instead.",
    );
  }
  const selfShape = input.shape;
  return record("ViewBackward0", [input], makeView(input, target, strides), () => ({ selfShape }));
}

/**
 * Tensor.view(dtype): the same bytes read as another dtype. Each dtype keeps its own typed array here, so
 * only a view as the same element type is possible; PyTorch's errors for impossible views come first.
 */
function viewDtype(input: Tensor, dtype: DType): Tensor {
  if (dtype !== input.dtype && dtype.itemsize !== input.dtype.itemsize) {
    const what = `to view ${input.dtype.scalarTypeName} as ${dtype.scalarTypeName} (different element sizes)`;
    if (input.ndim === 0) throw new RuntimeError(`self.dim() cannot be 0 ${what}`);
    const last = input.ndim - 1;
    const ratio = dtype.itemsize / input.dtype.itemsize;
    if (ratio > 1 && input.shape[last] % ratio !== 0)
      throw new RuntimeError(
        `self.size(-1) must be divisible by ${ratio} ${what}, but got ${input.shape[last]}`,
      );
    if (input._strides[last] !== 1)
      throw new RuntimeError(`self.stride(-1) must be 1 ${what}, but got ${input._strides[last]}`);
    if (ratio > 1) {
      if (input._offset % ratio !== 0)
        throw new RuntimeError(
          `self.storage_offset() must be divisible by ${ratio} ${what}, but got ${input._offset}`,
        );
      for (let d = 0; d < last; d++) {
        if (input._strides[d] % ratio !== 0)
          throw new RuntimeError(
            `self.stride(${d}) must be divisible by ${ratio} ${what}, but got ${input._strides[d]}`,
          );
      }
    }
  }
  if (dtype !== input.dtype) {
    throw new NotImplementedError(
      `tensorgrad cannot view a ${input.dtype.scalarTypeName} tensor as ${dtype.scalarTypeName}: each dtype keeps its values in its own typed array, so their bytes cannot be reinterpreted`,
    );
  }
  // Not differentiable in PyTorch (a view autograd does not track): an alias cut from the graph, as detach().
  return detach(input);
}

/** How PyTorch's expand error names a tensor's type. */
function legacyTypeName(dtype: DType): string {
  return dtype === boolDtype ? "CPUBoolType" : `torch.${dtype.scalarTypeName}Tensor`;
}

/** Tensor.expand: broadcast size-1 dims (and new leading dims) without copying; -1 keeps a dim. */
export function expand(input: Tensor, size: readonly number[], implicit = false): Tensor {
  void implicit; // only marks broadcasting PyTorch itself inserted
  const lead = size.length - input.ndim;
  if (lead < 0) {
    throw new RuntimeError(
      `expand(${legacyTypeName(input.dtype)}{[${input.shape.join(", ")}]}, size=[${size.join(", ")}]): the number of sizes provided (${size.length}) must be greater or equal to the number of dimensions in the tensor (${input.ndim})`,
    );
  }
  // infer_expand_geometry's loop, from the last dim to the first: its first failing check names the error.
  const outShape = new Array<number>(size.length);
  const strides = new Array<number>(size.length);
  for (let i = size.length - 1; i >= 0; i--) {
    const want = size[i];
    if (i < lead) {
      if (want === -1)
        throw new RuntimeError(
          `The expanded size of the tensor (${want}) isn't allowed in a leading, non-existing dimension ${i}`,
        );
      outShape[i] = want;
      strides[i] = 0;
      continue;
    }
    const have = input.shape[i - lead];
    const target = want === -1 ? have : want;
    if (have !== target && have !== 1) {
      throw new RuntimeError(
        `The expanded size of the tensor (${target}) must match the existing size (${have}) at non-singleton dimension ${i}.  Target sizes: [${size.join(", ")}].  Tensor sizes: [${input.shape.join(", ")}]`,
      );
    }
    outShape[i] = target;
    strides[i] = have === target ? input._strides[i - lead] : 0;
  }
  if (outShape.some((d) => d < 0)) throw new RuntimeError("numel: integer multiplication overflow");
  const selfShape = input.shape;
  return record("ExpandBackward0", [input], makeView(input, outShape, strides), () => ({ selfShape }));
}

/** Tensor.expand_as(other): expand to other's shape. */
export function expand_as(input: Tensor, other: Tensor): Tensor {
  return expand(input, other.shape);
}

export function unsqueeze(input: Tensor, dim: number): Tensor {
  const d = normalizeDim(dim, input.ndim + 1);
  const shape = [...input.shape];
  const strides = [...input._strides];
  shape.splice(d, 0, 1);
  strides.splice(d, 0, d < input.ndim ? input._strides[d] * input.shape[d] : 1);
  return record("UnsqueezeBackward0", [input], makeView(input, shape, strides), () => ({ dim: d }));
}

/** torch.squeeze(input) drops every size-1 dim; squeeze(input, dim) only that one. */
export function squeeze(input: Tensor, dim?: number): Tensor {
  const drop = dim === undefined ? null : normalizeDim(dim, input.ndim);
  const keep = input.shape.map((s, i) => (drop === null ? s !== 1 : i !== drop || s !== 1));
  const selfShape = input.shape;
  const out = makeView(
    input,
    input.shape.filter((_, i) => keep[i]),
    input._strides.filter((_, i) => keep[i]),
  );
  return record(drop === null ? "SqueezeBackward0" : "SqueezeBackward1", [input], out, () => ({ selfShape }));
}

/**
 * @internal Tensor.squeeze_(dim) on a fresh result nobody else holds (matmul's 1-D @ 2-D drops the row it
 * added): recorded as PyTorch records the in-place squeeze, SqueezeBackward3.
 */
export function squeezeFresh(x: Tensor, dim: number): Tensor {
  const selfShape = x.shape;
  const keep = (_: number, i: number) => i !== dim;
  const out = new Tensor(x._storage, x.shape.filter(keep), x._strides.filter(keep), x._offset, x.dtype);
  return record("SqueezeBackward3", [x], out, () => ({ selfShape, dim }));
}

/** @internal Re-inserts reduced dims (sorted) as size 1, for reduction backward. */
export function unsqueezeDims(input: Tensor, dims: readonly number[]): Tensor {
  let out = input;
  for (const d of dims) out = unsqueeze(out, d);
  return out;
}

/** Strides of a 4-d tensor laid out channels last (NHWC in memory). */
function channelsLastStrides(shape: readonly number[]): number[] {
  const [, c, h, w] = shape;
  return [c * h * w, 1, w * c, c];
}

/** A contiguous tensor with the same values: this tensor itself when already contiguous. */
export function contiguous(input: Tensor, memory_format: MemoryFormat = contiguous_format): Tensor {
  if (memory_format === channels_last) return channelsLastContiguous(input);
  if (memory_format !== contiguous_format)
    throw new RuntimeError(
      `${memory_format.name.split("_")[0]} memory format is unsupported by the contiguous operator`,
    );
  if (input.is_contiguous()) return input;
  const out = Tensor._fromData(input.values(), input.shape, input.dtype);
  return record("CloneBackward0", [input], out, () => ({}));
}

function channelsLastContiguous(input: Tensor): Tensor {
  if (input.ndim !== 4) throw new RuntimeError("required rank 4 tensor to use channels_last format");
  const strides = channelsLastStrides(input.shape);
  if (input.shape.every((s, d) => s === 1 || input._strides[d] === strides[d])) return input;
  const nhwc = makeView(
    input,
    [0, 2, 3, 1].map((d) => input.shape[d]),
    [0, 2, 3, 1].map((d) => input._strides[d]),
  );
  const data = Tensor._fromData(nhwc.values(), nhwc.shape, input.dtype);
  const out = new Tensor(data._storage, input.shape, strides, 0, input.dtype);
  return record("CloneBackward0", [input], out, () => ({}));
}

/** torch.flatten: merges dims start_dim..end_dim into one (a view when the strides allow it). */
export function flatten(input: Tensor, start_dim = 0, end_dim = -1): Tensor {
  const start = normalizeDim(start_dim, input.ndim);
  const end = normalizeDim(end_dim, input.ndim);
  if (input.ndim === 0) return reshape(input, [1]);
  if (start > end) throw new RuntimeError("flatten() has invalid args: start_dim cannot come after end_dim");
  if (start === end) return input;
  const merged = numel(input.shape.slice(start, end + 1));
  return reshape(input, [...input.shape.slice(0, start), merged, ...input.shape.slice(end + 1)]);
}

/** torch.unflatten(x, dim, sizes): splits one dim into several (one size may be -1). */
export function unflatten(input: Tensor, dim: number, sizes: readonly number[]): Tensor {
  const d = normalizeDim(dim, input.ndim);
  if (sizes.length === 0) throw new RuntimeError("unflatten: sizes must be non-empty");
  const size = input.shape[wrapDimOfTensor(d, input.ndim)];
  let resolved: number[];
  try {
    resolved = inferShape(sizes, size);
  } catch (e) {
    // PyTorch rewords infer_size's std::runtime_errors (not its other checks).
    const message = (e as Error).message;
    if (message.includes("is invalid for input of size"))
      throw new RuntimeError(
        `unflatten: Provided sizes [${sizes.join(", ")}] don't multiply up to the size of dim ${d} (${size}) in the input tensor`,
      );
    if (message === "only one dimension can be inferred")
      throw new RuntimeError(`unflatten got an unexpected error:\n${message}`);
    throw e;
  }
  return view(input, [...input.shape.slice(0, d), ...resolved, ...input.shape.slice(d + 1)]);
}

/** Swaps two dims (a view). */
export function transpose(input: Tensor, dim0: number, dim1: number): Tensor {
  const a = normalizeDim(dim0, input.ndim);
  const b = normalizeDim(dim1, input.ndim);
  return record("TransposeBackward0", [input], swapped(input, a, b), () => ({ dim0: a, dim1: b }));
}

function swapped(input: Tensor, a: number, b: number): Tensor {
  // A 0-dim tensor has dims -1 and 0 to name (both the tensor itself): swapping them changes nothing.
  if (input.ndim === 0) return makeView(input, input.shape, input._strides);
  const shape = [...input.shape];
  const strides = [...input._strides];
  [shape[a], shape[b]] = [shape[b], shape[a]];
  [strides[a], strides[b]] = [strides[b], strides[a]];
  return makeView(input, shape, strides);
}

/** Reorders the dims (a view): permute(x, [2, 0, 1]) or x.permute(2, 0, 1). */
export function permute(input: Tensor, dims: readonly number[]): Tensor {
  if (dims.length !== input.ndim) {
    throw new RuntimeError(
      `permute(sparse_coo): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = ${input.ndim} is not equal to len(dims) = ${dims.length}`,
    );
  }
  const wrapped = dims.map((d) => normalizeDim(d, input.ndim));
  if (new Set(wrapped).size !== wrapped.length)
    throw new RuntimeError("permute(): duplicate dims are not allowed.");
  const out = makeView(
    input,
    wrapped.map((d) => input.shape[d]),
    wrapped.map((d) => input._strides[d]),
  );
  return record("PermuteBackward0", [input], out, () => ({ dims: wrapped }));
}

/** Transposes a matrix; 0-d and 1-d tensors come back as they are (still a view). */
export function t(input: Tensor): Tensor {
  if (input.ndim > 2)
    throw new RuntimeError(`t() expects a tensor with <= 2 dimensions, but self is ${input.ndim}D`);
  const out = input.ndim === 2 ? swapped(input, 0, 1) : makeView(input, input.shape, [...input._strides]);
  return record("TBackward0", [input], out, () => ({}));
}

/** torch.movedim(x, source, destination): moves dims to new positions, keeping the others in order. */
export function movedim(
  input: Tensor,
  source: number | readonly number[],
  destination: number | readonly number[],
): Tensor {
  const src = typeof source === "number" ? [source] : [...source];
  const dst = typeof destination === "number" ? [destination] : [...destination];
  if (src.length !== dst.length) {
    throw new RuntimeError(
      `movedim: Invalid source or destination dims: source ([${src.join(", ")}] dims) should contain the same number of dims as destination ([${dst.join(", ")}] dims)`,
    );
  }
  const ns = src.map((d) => normalizeDim(d, input.ndim));
  const nd = dst.map((d) => normalizeDim(d, input.ndim));
  if (new Set(ns).size !== ns.length)
    throw new RuntimeError(`movedim: repeated dim in \`source\` ([${src.join(", ")}])`);
  if (new Set(nd).size !== nd.length)
    throw new RuntimeError(`movedim: repeated dim in \`destination\` ([${dst.join(", ")}])`);
  // PyTorch returns a 0-dim tensor as an alias (the dims -1 and 0 both name the tensor itself).
  if (input.ndim === 0)
    return record("AliasBackward0", [input], makeView(input, input.shape, [...input._strides]), () => ({}));
  const order = new Array<number>(input.ndim).fill(-1);
  ns.forEach((s, i) => (order[nd[i]] = s));
  const rest = [...Array(input.ndim).keys()].filter((d) => !ns.includes(d));
  for (let i = 0, r = 0; i < order.length; i++) if (order[i] === -1) order[i] = rest[r++];
  return permute(input, order);
}

/** Tensor.mT: the last two dims swapped. */
function matrixTranspose(input: Tensor): Tensor {
  if (input.ndim === 0) return input;
  if (input.ndim < 2) {
    throw new RuntimeError(
      `tensor.mT is only supported on matrices or batches of matrices. Got ${input.ndim}-D tensor.`,
    );
  }
  return transpose(input, -2, -1);
}

let warnedNumpyT = false;

/** Tensor.T: every dim reversed (deprecated by PyTorch for anything but matrices). */
function numpyTranspose(input: Tensor): Tensor {
  if (input.ndim !== 0 && input.ndim !== 2 && !warnedNumpyT) {
    warnedNumpyT = true;
    emitWarning(
      "The use of `x.T` on tensors of dimension other than 2 to reverse their shape is deprecated and it will " +
        "throw an error in a future release. Consider `x.mT` to transpose batches of matrices or " +
        "`x.permute(*torch.arange(x.ndim - 1, -1, -1))` to reverse the dimensions of a tensor.",
    );
  }
  return permute(input, [...Array(input.ndim).keys()].reverse());
}

/** x.select(dim, i) is Python's x[..., i, ...]: drops the dim (a view). */
export function select(input: Tensor, dim: number, index: number): Tensor {
  if (input.ndim === 0) throw new IndexError("select() cannot be applied to a 0-dim tensor.");
  const d = normalizeDim(dim, input.ndim);
  const size = input.shape[d];
  if (index < -size || index >= size) {
    throw new IndexError(
      `select(): index ${index} out of range for tensor of size [${input.shape.join(", ")}] at dimension ${d}`,
    );
  }
  const i = index < 0 ? index + size : index;
  const out = selectView(input, d, i);
  const selfShape = input.shape;
  return record("SelectBackward0", [input], out, () => ({ selfShape, dim: d, index: i }));
}

/** The view of elements start, start+step, ... below end along dim; start/end already clamped. */
function sliceView(input: Tensor, d: number, start: number, end: number, step: number): Tensor {
  const shape = [...input.shape];
  const strides = [...input._strides];
  shape[d] = Math.floor((end - start + step - 1) / step);
  strides[d] *= step;
  return makeView(input, shape, strides, input._offset + start * input._strides[d]);
}

/** Python's start/end of a slice clamped to [0, size] with negatives counted from the end. */
function clampSlice(size: number, start: number | null, end: number | null): [number, number] {
  let s = start ?? 0;
  let e = end ?? size;
  if (s < 0) s += size;
  if (e < 0) e += size;
  s = Math.min(Math.max(s, 0), size);
  e = Math.min(Math.max(e, s), size);
  return [s, e];
}

/** @internal A slice recorded as SliceBackward0 (shared by slice and narrow). */
function recordedSlice(input: Tensor, d: number, start: number, end: number, step: number): Tensor {
  const selfShape = input.shape;
  return record("SliceBackward0", [input], sliceView(input, d, start, end, step), () => ({
    selfShape,
    dim: d,
    start,
    end,
    step,
  }));
}

/**
 * @internal Python's `x[start:end:step]` along one dim (a view): `slice(x, 1, 1, null, 2)` is `x[:, 1::2]`
 * (PyTorch has no public slice op; its indexing does this). Null bounds mean the whole dim; negative bounds
 * count from the end; step must be positive.
 */
export function slice(
  input: Tensor,
  dim = 0,
  start: number | null = null,
  end: number | null = null,
  step = 1,
): Tensor {
  if (step === 0) throw new ValueError("slice step cannot be zero");
  if (step < 0) throw new ValueError("step must be greater than zero");
  if (input.ndim === 0) throw new IndexError("slice() cannot be applied to a 0-dim tensor.");
  const d = normalizeDim(dim, input.ndim);
  const [s, e] = clampSlice(input.shape[d], start, end);
  return recordedSlice(input, d, s, e, step);
}

/** torch.narrow(x, dim, start, length): `length` elements from `start` along dim (a view). */
export function narrow(input: Tensor, dim: number, start: number | Tensor, length: number): Tensor {
  if (start instanceof Tensor) {
    if (start.ndim !== 0 || start.dtype.category !== Category.Integral)
      throw new RuntimeError("start must be an 0-dim integral Tensor.");
    start = start.item() as number;
  }
  if (input.ndim === 0) throw new RuntimeError("narrow() cannot be applied to a 0-dim tensor.");
  const d = normalizeDim(dim, input.ndim);
  const size = input.shape[d];
  // PyTorch wraps a negative start like a dim (start == size is the valid empty tail).
  const s = start === size ? start : normalizeDim(start, size);
  if (length < 0 || s > size - length) {
    throw new RuntimeError(`start (${s}) + length (${length}) exceeds dimension size (${size}).`);
  }
  return recordedSlice(input, d, s, s + length, 1);
}

/** @internal An unrecorded view of `length` elements from `start` along dim. */
export function narrowView(input: Tensor, dim: number, start: number, length: number): Tensor {
  return sliceView(input, dim, start, start + length, 1);
}

/** @internal An unrecorded view of index `i` along dim (dim removed). */
export function selectView(input: Tensor, dim: number, i: number): Tensor {
  return makeView(
    input,
    input.shape.filter((_, k) => k !== dim),
    input._strides.filter((_, k) => k !== dim),
    input._offset + i * input._strides[dim],
  );
}

/** @internal Slicing with clamped bounds, for slice_scatter. */
export function sliceViewClamped(
  input: Tensor,
  dim: number,
  start: number | null,
  end: number | null,
  step: number,
): { view: Tensor; start: number; end: number } {
  const [s, e] = clampSlice(input.shape[dim], start, end);
  return { view: sliceView(input, dim, s, e, step), start: s, end: e };
}

declare module "../tensor/tensor.js" {
  interface Tensor {
    /** The last two dims swapped (a view), like PyTorch's `x.mT`. */
    readonly mT: Tensor;
    /** Real tensors: the same as mT. */
    readonly mH: Tensor;
    /** Every dim reversed, like PyTorch's `x.T`. */
    readonly T: Tensor;
  }
}
for (const [name, get] of [
  ["mT", matrixTranspose],
  ["mH", matrixTranspose],
  ["T", numpyTranspose],
] as const) {
  Object.defineProperty(Tensor.prototype, name, {
    get(this: Tensor) {
      return get(this);
    },
    configurable: true,
  });
}

defineOps(
  "torch",
  {
    "reshape(Tensor input, SymIntArrayRef shape) -> Tensor": reshape,
    "unsqueeze(Tensor input, int64_t dim) -> Tensor": unsqueeze,
    "squeeze(Tensor input) -> Tensor": squeeze,
    "squeeze(Tensor input, int64_t dim) -> Tensor": squeeze,
    "squeeze(Tensor input, Dimname dim) -> Tensor": null,
    // Names the flattened dim: the result would be a named tensor.
    "flatten(Tensor input, int64_t start_dim, int64_t end_dim, Dimname out_dim) -> Tensor": () => {
      throw new RuntimeError("tensorgrad does not support named tensors (dimension names)");
    },
    "flatten(Tensor input, int64_t start_dim=0, int64_t end_dim=-1) -> Tensor": flatten,
    "flatten(Tensor input, Dimname start_dim, Dimname end_dim, Dimname out_dim) -> Tensor": null,
    "flatten(Tensor input, DimnameList dims, Dimname out_dim) -> Tensor": null,
    "transpose(Tensor input, int64_t dim0, int64_t dim1) -> Tensor": transpose,
    "transpose(Tensor input, Dimname dim0, Dimname dim1) -> Tensor": null,
    "swapaxes(Tensor input, int64_t axis0, int64_t axis1) -> Tensor": transpose,
    "swapdims(Tensor input, int64_t dim0, int64_t dim1) -> Tensor": transpose,
    "permute(Tensor input, IntArrayRef dims) -> Tensor": permute,
    "t(Tensor input) -> Tensor": t,
    "movedim(Tensor input, int64_t source, int64_t destination) -> Tensor": movedim,
    "movedim(Tensor input, IntArrayRef source, IntArrayRef destination) -> Tensor": movedim,
    "moveaxis(Tensor input, int64_t source, int64_t destination) -> Tensor": movedim,
    "moveaxis(Tensor input, IntArrayRef source, IntArrayRef destination) -> Tensor": movedim,
    "select(Tensor input, int64_t dim, int64_t index) -> Tensor": select,
    "select(Tensor input, Dimname dim, int64_t index) -> Tensor": null,
    "narrow(Tensor input, int64_t dim, Tensor start, int64_t length) -> Tensor": narrow,
    "narrow(Tensor input, int64_t dim, int64_t start, int64_t length) -> Tensor": narrow,
  },
  { methods: true },
);

// Tensor.unflatten is written in Python (join.ts declares it); torch.unflatten is native.
defineOps("torch", {
  "unflatten(Tensor input, Dimname dim, IntArrayRef sizes, DimnameList names) -> Tensor": null,
  "unflatten(Tensor input, int64_t dim, IntArrayRef sizes) -> Tensor": unflatten,
});

defineMethods({
  "view(ScalarType dtype) -> Tensor": viewDtype,
  "view(SymIntArrayRef size) -> Tensor": view,
  "expand(SymIntArrayRef size, *, bool implicit=False) -> Tensor": expand,
  "expand_as(Tensor other) -> Tensor": expand_as,
});
// Tensor.contiguous is declared with the conversions (conversion.ts); `contiguous` here takes its memory_format.
