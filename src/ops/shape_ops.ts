// Shape and view ops. Views share storage with their input (and so its version counter).
import { IndexError, RuntimeError, ValueError } from "../errors.js";
import { emitWarning } from "../warnings.js";
import { contiguousStrides, normalizeDim, numel } from "../tensor/shape.js";
import { Tensor } from "../tensor/tensor.js";
import { checkTensor, installMethods, record, type AsMethod } from "./core.js";

/** @internal A tensor viewing `base`'s storage with new geometry. */
export function makeView(
  base: Tensor,
  shape: readonly number[],
  strides: number[],
  offset = base._offset,
): Tensor {
  const view = new Tensor(base._storage, shape, strides, offset, base.dtype);
  view._base = base._base ?? base;
  return view;
}

/** Resolves one -1 in a requested shape, with PyTorch's errors. */
function inferShape(shape: readonly number[], n: number): number[] {
  const out = [...shape];
  const infer = out.indexOf(-1);
  if (out.some((d, i) => d === -1 && i !== infer))
    throw new RuntimeError("only one dimension can be inferred");
  for (const d of out) {
    if (!Number.isInteger(d) || d < -1) throw new RuntimeError(`invalid shape dimension ${d}`);
  }
  if (infer >= 0) {
    const known = numel(out.filter((_, i) => i !== infer));
    if (known === 0 || n % known !== 0)
      throw new RuntimeError(`shape '[${shape.join(", ")}]' is invalid for input of size ${n}`);
    out[infer] = n / known;
  }
  if (numel(out) !== n)
    throw new RuntimeError(`shape '[${shape.join(", ")}]' is invalid for input of size ${n}`);
  return out;
}

function shapeArg(shape: readonly number[] | number, rest: number[]): number[] {
  return typeof shape === "number" ? [shape, ...rest] : [...shape];
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
export function reshape(input: Tensor, shape: readonly number[] | number, ...rest: number[]): Tensor {
  checkTensor(input, "reshape");
  const target = inferShape(shapeArg(shape, rest), input.numel());
  const selfShape = input.shape;
  const strides = viewStrides(input.shape, input._strides, target);
  if (strides) {
    return record("ReshapeAliasBackward0", [input], makeView(input, target, strides), () => ({ selfShape }));
  }
  const source = contiguous(input);
  const out = makeView(source, target, contiguousStrides(target));
  return record("UnsafeViewBackward0", [source], out, () => ({ selfShape: source.shape }));
}

/** Tensor.view: always a view; fails (like PyTorch) when the strides don't allow one. */
export function view(input: Tensor, shape: readonly number[] | number, ...rest: number[]): Tensor {
  checkTensor(input, "view");
  const target = inferShape(shapeArg(shape, rest), input.numel());
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

/** Tensor.expand: broadcast size-1 dims (and new leading dims) without copying; -1 keeps a dim. */
export function expand(input: Tensor, shape: readonly number[] | number, ...rest: number[]): Tensor {
  checkTensor(input, "expand");
  const target = shapeArg(shape, rest);
  const lead = target.length - input.ndim;
  if (lead < 0) {
    throw new RuntimeError(
      `expand(torch.FloatTensor{[${input.shape.join(", ")}]}, size=[${target.join(", ")}]): the number of sizes provided (${target.length}) must be greater or equal to the number of dimensions in the tensor (${input.ndim})`,
    );
  }
  const outShape: number[] = [];
  const strides: number[] = [];
  for (let i = 0; i < target.length; i++) {
    const want = target[i];
    if (i < lead) {
      if (want < 0)
        throw new RuntimeError(
          `The expanded size of the tensor (${want}) isn't allowed in a leading, non-existing dimension ${i}`,
        );
      outShape.push(want);
      strides.push(0);
      continue;
    }
    const have = input.shape[i - lead];
    const size = want === -1 ? have : want;
    if (have !== size && have !== 1) {
      throw new RuntimeError(
        `The expanded size of the tensor (${size}) must match the existing size (${have}) at non-singleton dimension ${i}.  Target sizes: [${target.join(", ")}].  Tensor sizes: [${input.shape.join(", ")}]`,
      );
    }
    outShape.push(size);
    strides.push(have === size ? input._strides[i - lead] : 0);
  }
  if (outShape.length === input.ndim && outShape.every((d, i) => d === input.shape[i])) {
    return record("ExpandBackward0", [input], makeView(input, outShape, input._strides.slice()), () => ({
      selfShape: input.shape,
    }));
  }
  const selfShape = input.shape;
  return record("ExpandBackward0", [input], makeView(input, outShape, strides), () => ({ selfShape }));
}

export function unsqueeze(input: Tensor, dim: number): Tensor {
  checkTensor(input, "unsqueeze");
  const d = normalizeDim(dim, input.ndim + 1);
  const shape = [...input.shape];
  const strides = [...input._strides];
  shape.splice(d, 0, 1);
  strides.splice(d, 0, d < input.ndim ? input._strides[d] * input.shape[d] : 1);
  return record("UnsqueezeBackward0", [input], makeView(input, shape, strides), () => ({ dim: d }));
}

/** torch.squeeze(input) drops every size-1 dim; squeeze(input, dim) only that one. */
export function squeeze(input: Tensor, dim?: number): Tensor {
  checkTensor(input, "squeeze");
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

/** @internal Re-inserts reduced dims (sorted) as size 1, for reduction backward. */
export function unsqueezeDims(input: Tensor, dims: readonly number[]): Tensor {
  let out = input;
  for (const d of dims) out = unsqueeze(out, d);
  return out;
}

/** A contiguous tensor with the same values: this tensor itself when already contiguous. */
export function contiguous(input: Tensor): Tensor {
  checkTensor(input, "contiguous");
  if (input.is_contiguous()) return input;
  const data = input.values();
  const out = Tensor._fromData(data, input.shape, input.dtype);
  return record("CloneBackward0", [input], out, () => ({}));
}

/** torch.flatten: merges dims start_dim..end_dim into one (a view when the strides allow it). */
export function flatten(input: Tensor, start_dim = 0, end_dim = -1): Tensor {
  checkTensor(input, "flatten");
  if (input.ndim === 0) return reshape(input, [1]);
  const start = normalizeDim(start_dim, input.ndim);
  const end = normalizeDim(end_dim, input.ndim);
  if (start > end) throw new RuntimeError("flatten() has invalid args: start_dim cannot come after end_dim");
  if (start === end) return input;
  const merged = numel(input.shape.slice(start, end + 1));
  return reshape(input, [...input.shape.slice(0, start), merged, ...input.shape.slice(end + 1)]);
}

/** Tensor.unflatten(dim, sizes): splits one dim into several (one size may be -1). */
export function unflatten(input: Tensor, dim: number, sizes: readonly number[]): Tensor {
  checkTensor(input, "unflatten");
  const d = normalizeDim(dim, input.ndim);
  if (sizes.length === 0) throw new RuntimeError("unflatten: sizes must be non-empty");
  const size = input.shape[d];
  const inferred = sizes.filter((s) => s === -1).length;
  if (inferred > 1)
    throw new RuntimeError("unflatten got an unexpected error:\nonly one dimension can be inferred");
  const known = numel(sizes.filter((s) => s !== -1));
  const resolved =
    inferred === 1 && known !== 0 && size % known === 0
      ? sizes.map((s) => (s === -1 ? size / known : s))
      : sizes;
  if (numel(resolved) !== size || resolved.includes(-1)) {
    throw new RuntimeError(
      `unflatten: Provided sizes [${sizes.join(", ")}] don't multiply up to the size of dim ${dim} (${size}) in the input tensor`,
    );
  }
  return view(input, [...input.shape.slice(0, d), ...resolved, ...input.shape.slice(d + 1)]);
}

/** Swaps two dims (a view). */
export function transpose(input: Tensor, dim0: number, dim1: number): Tensor {
  checkTensor(input, "transpose");
  const a = normalizeDim(dim0, input.ndim);
  const b = normalizeDim(dim1, input.ndim);
  return record("TransposeBackward0", [input], swapped(input, a, b), () => ({ dim0: a, dim1: b }));
}

function swapped(input: Tensor, a: number, b: number): Tensor {
  const shape = [...input.shape];
  const strides = [...input._strides];
  [shape[a], shape[b]] = [shape[b], shape[a]];
  [strides[a], strides[b]] = [strides[b], strides[a]];
  return makeView(input, shape, strides);
}

/** NumPy's name for transpose. */
export function swapaxes(input: Tensor, axis0: number, axis1: number): Tensor {
  checkTensor(input, "swapaxes");
  return transpose(input, axis0, axis1);
}
export const swapdims = swapaxes;

function dimsArg(dims: readonly number[] | number | undefined, rest: number[]): number[] {
  if (dims === undefined) return [];
  return typeof dims === "number" ? [dims, ...rest] : [...dims];
}

/** Reorders the dims (a view): permute(x, [2, 0, 1]) or x.permute(2, 0, 1). */
export function permute(input: Tensor, dims: readonly number[] | number, ...rest: number[]): Tensor {
  checkTensor(input, "permute");
  const order = dimsArg(dims, rest);
  if (order.length !== input.ndim) {
    throw new RuntimeError(
      `permute(sparse_coo): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = ${input.ndim} is not equal to len(dims) = ${order.length}`,
    );
  }
  const wrapped = order.map((d) => normalizeDim(d, input.ndim));
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
  checkTensor(input, "t");
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
  checkTensor(input, "movedim");
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
  const order = new Array<number>(input.ndim).fill(-1);
  ns.forEach((s, i) => (order[nd[i]] = s));
  const rest = [...Array(input.ndim).keys()].filter((d) => !ns.includes(d));
  for (let i = 0, r = 0; i < order.length; i++) if (order[i] === -1) order[i] = rest[r++];
  return permute(input, order);
}
export const moveaxis = movedim;

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

/** Tensor.expand_as(other): expand to other's shape. */
export function expand_as(input: Tensor, other: Tensor): Tensor {
  checkTensor(input, "expand_as");
  checkTensor(other, "expand_as", "other");
  return expand(input, other.shape);
}

/** x.select(dim, i) is Python's x[..., i, ...]: drops the dim (a view). */
export function select(input: Tensor, dim: number, index: number): Tensor {
  checkTensor(input, "select");
  if (input.ndim === 0) throw new IndexError("select() cannot be applied to a 0-dim tensor.");
  const d = normalizeDim(dim, input.ndim);
  const size = input.shape[d];
  if (!Number.isInteger(index)) throw new TypeError(`select(): argument 'index' must be int, not ${index}`);
  if (index < -size || index >= size) {
    throw new IndexError(
      `select(): index ${index} out of range for tensor of size [${input.shape.join(", ")}] at dimension ${d}`,
    );
  }
  const i = index < 0 ? index + size : index;
  const out = makeView(
    input,
    input.shape.filter((_, k) => k !== d),
    input._strides.filter((_, k) => k !== d),
    input._offset + i * input._strides[d],
  );
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
 * Python's `x[start:end:step]` along one dim (a view): `x.slice(1, 1, null, 2)` is `x[:, 1::2]`.
 * Omitted or null bounds mean the whole dim; negative bounds count from the end; step must be positive.
 */
export function slice(
  input: Tensor,
  dim = 0,
  start: number | null = null,
  end: number | null = null,
  step: number | null = 1,
): Tensor {
  checkTensor(input, "slice");
  for (const [name, v] of [
    ["start", start],
    ["end", end],
    ["step", step],
  ] as const) {
    if (v !== null && v !== undefined && !Number.isInteger(v))
      throw new TypeError(`slice indices must be integers or None, but got ${name}=${v}`);
  }
  const st = step ?? 1;
  if (st === 0) throw new ValueError("slice step cannot be zero");
  if (st < 0) throw new ValueError("step must be greater than zero");
  if (input.ndim === 0) throw new IndexError("slice() cannot be applied to a 0-dim tensor.");
  const d = normalizeDim(dim, input.ndim);
  const [s, e] = clampSlice(input.shape[d], start ?? null, end ?? null);
  return recordedSlice(input, d, s, e, st);
}

/** torch.narrow(x, dim, start, length): `length` elements from `start` along dim (a view). */
export function narrow(input: Tensor, dim: number, start: number, length: number): Tensor {
  checkTensor(input, "narrow");
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
    reshape: AsMethod<typeof reshape>;
    view: AsMethod<typeof view>;
    expand: AsMethod<typeof expand>;
    expand_as: AsMethod<typeof expand_as>;
    unsqueeze: AsMethod<typeof unsqueeze>;
    squeeze: AsMethod<typeof squeeze>;
    flatten: AsMethod<typeof flatten>;
    unflatten: AsMethod<typeof unflatten>;
    transpose: AsMethod<typeof transpose>;
    swapaxes: AsMethod<typeof swapaxes>;
    swapdims: AsMethod<typeof swapaxes>;
    permute: AsMethod<typeof permute>;
    t: AsMethod<typeof t>;
    movedim: AsMethod<typeof movedim>;
    moveaxis: AsMethod<typeof movedim>;
    select: AsMethod<typeof select>;
    slice: AsMethod<typeof slice>;
    narrow: AsMethod<typeof narrow>;
    /** The last two dims swapped (a view), like PyTorch's `x.mT`. */
    readonly mT: Tensor;
    /** Real tensors: the same as mT. */
    readonly mH: Tensor;
    /** Every dim reversed, like PyTorch's `x.T`. */
    readonly T: Tensor;
  }
}
installMethods({
  reshape,
  view,
  expand,
  expand_as,
  unsqueeze,
  squeeze,
  flatten,
  unflatten,
  transpose,
  swapaxes,
  swapdims: swapaxes,
  permute,
  t,
  movedim,
  moveaxis: movedim,
  select,
  slice,
  narrow,
});
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

export * from "./join.js";
