// Indexing ops: index_select, index_add, gather, scatter(_add), masked_fill, select/slice_scatter, tril/triu.
// Index tensors are validated here (dtype, shape, range) because the backend kernels trust their inputs.
import { backend, type StridedArray } from "../backend/backend.js";
import { IndexError, RuntimeError } from "../errors.js";
import { bool, int32, int64, type DType } from "../tensor/dtype.js";
import { normalizeDim } from "../tensor/shape.js";
import { Tensor } from "../tensor/tensor.js";
import {
  checkTensor,
  fromData,
  inPlace,
  installMethods,
  isScalar,
  record,
  scalarTensor,
  writeInto,
  type AsMethod,
  type Scalar,
} from "./core.js";
import { selectView, sliceViewClamped } from "./shape_ops.js";
import { where } from "./elementwise.js";

const shapeText = (s: readonly number[]) => `[${s.join(", ")}]`;

/** Every index value must lie in [0, size) (PyTorch does not wrap negative indices in these ops). */
function checkRange(index: Tensor, size: number, message: (bad: number) => string): void {
  for (const v of index.values()) if (v < 0 || v >= size) throw new RuntimeError(message(v));
}

/** A 1-d index of dim `d` read as a tensor of `shape` (stride 0 on every other dim). */
function alongDim(index: Tensor, shape: readonly number[], d: number): StridedArray {
  const strides = shape.map(() => 0);
  strides[d] = index.ndim === 0 ? 0 : index._strides[0];
  return { ...index._view(), shape, strides };
}

function checkVectorIndex(fn: string, index: Tensor): void {
  checkTensor(index, fn, "index");
  if (index.dtype !== int64 && index.dtype !== int32)
    throw new RuntimeError(`${fn}(): Expected dtype int32 or int64 for index`);
  if (index.ndim > 1) throw new IndexError(`${fn}(): Index is supposed to be a vector`);
}

/** torch.index_select(x, dim, index): the entries of x at `index` (a 1-d int tensor) along dim. */
export function index_select(input: Tensor, dim: number, index: Tensor): Tensor {
  checkTensor(input, "index_select");
  const d = normalizeDim(dim, input.ndim);
  checkVectorIndex("index_select", index);
  const size = input.ndim === 0 ? 1 : input.shape[d];
  checkRange(index, size, (v) => `INDICES element is out of DATA bounds, id=${v} axis_dim=${size}`);
  const shape = input.ndim === 0 ? [] : [...input.shape];
  if (input.ndim > 0) shape[d] = index.numel();
  const x = input.ndim === 0 ? { ...input._view(), shape: [1], strides: [0] } : input._view();
  const data = backend().gather(
    x,
    input.ndim === 0 ? 0 : d,
    alongDim(index, input.ndim === 0 ? [1] : shape, d),
  );
  const out = fromData(data, shape, input.dtype);
  const selfShape = input.shape;
  return record("IndexSelectBackward0", [input], out, () => ({ selfShape, dim: d, index }));
}

export interface AlphaOption {
  alpha?: number;
}

/** torch.index_add(x, dim, index, source, { alpha }): adds alpha * source's slices into x at `index` along dim. */
export function index_add(
  input: Tensor,
  dim: number,
  index: Tensor,
  source: Tensor,
  opts: AlphaOption = {},
): Tensor {
  checkTensor(input, "index_add");
  checkTensor(source, "index_add", "source");
  const d = normalizeDim(dim, input.ndim);
  checkVectorIndex("index_add_", index);
  const count = source.ndim === 0 ? 1 : source.shape[d];
  if (index.numel() !== count) {
    throw new RuntimeError(
      `index_add_(): Number of indices (${index.numel()}) should be equal to source.size(dim): (${count}), for dim: ${d}`,
    );
  }
  if (source.dtype !== input.dtype) {
    throw new RuntimeError(
      `index_add_(): self (${input.dtype.scalarTypeName}) and source (${source.dtype.scalarTypeName}) must have the same scalar type`,
    );
  }
  checkRange(index, input.ndim === 0 ? 1 : input.shape[d], () => "index out of range in self");
  const alpha = opts.alpha ?? 1;
  const scaled = alpha === 1 ? source : source.mul(alpha);
  const data = input.values();
  backend().scatter(data, input.shape, d, alongDim(index, source.shape, d), scaled._view(), "add");
  const out = fromData(data, input.shape, input.dtype);
  return record("IndexAddBackward0", [input, source], out, () => ({ dim: d, index, alpha }));
}

/** gather/scatter's shape rule: index fits inside self (and src) except along dim. */
function checkGatherShapes(
  fn: "gather" | "scatter",
  self: Tensor,
  d: number,
  index: Tensor,
  src?: Tensor,
): void {
  if (index.ndim !== self.ndim && !(index.ndim <= 1 && self.ndim <= 1)) {
    throw new RuntimeError(
      `Index tensor must have the same number of dimensions as ${fn === "gather" ? "input" : "self"} tensor`,
    );
  }
  if (src && index.ndim !== src.ndim && !(index.ndim <= 1 && src.ndim <= 1))
    throw new RuntimeError("Index tensor must have the same number of dimensions as src tensor");
  const ok = (other: Tensor, skipDim: boolean) =>
    index.shape.every((s, k) => (skipDim && k === d) || s <= (other.ndim === 0 ? 1 : other.shape[k]));
  if (fn === "gather") {
    const bad = index.shape.findIndex((s, k) => k !== d && s > self.shape[k]);
    if (bad >= 0) {
      throw new RuntimeError(
        `Size does not match at dimension ${bad} expected index ${shapeText(index.shape)} to be smaller than self ${shapeText(self.shape)} apart from dimension ${d}`,
      );
    }
    return;
  }
  if (!ok(self, true) || (src && !ok(src, false))) {
    const srcText = src ? ` and to be smaller size than src ${shapeText(src.shape)}` : "";
    throw new RuntimeError(
      `Expected index ${shapeText(index.shape)} to be smaller than self ${shapeText(self.shape)} apart from dimension ${d}${srcText}`,
    );
  }
}

function checkIndexValues(index: Tensor, self: Tensor, d: number): void {
  const size = self.ndim === 0 ? 1 : self.shape[d];
  checkRange(index, size, (v) => `index ${v} is out of bounds for dimension ${d} with size ${size}`);
}

/** Strided array with at least one dim, for 0-d operands of gather/scatter. */
const atLeast1d = (t: Tensor): StridedArray =>
  t.ndim === 0 ? { ...t._view(), shape: [1], strides: [1] } : t._view();

/** torch.gather(x, dim, index): out[i][j][k] = x[i][index[i][j][k]][k] for dim 1. */
export function gather(input: Tensor, dim: number, index: Tensor): Tensor {
  checkTensor(input, "gather");
  checkTensor(index, "gather", "index");
  const d = normalizeDim(dim, input.ndim);
  if (index.dtype !== int64) throw new RuntimeError("gather(): Expected dtype int64 for index");
  checkGatherShapes("gather", input, d, index);
  checkIndexValues(index, input, d);
  const data = backend().gather(atLeast1d(input), d, atLeast1d(index));
  const out = fromData(data, index.shape, input.dtype);
  const selfShape = input.shape;
  return record("GatherBackward0", [input], out, () => ({ selfShape, dim: d, index }));
}

/** Shared checks and kernel call of scatter and scatter_add; returns the new values. */
function scatterValues(
  fn: string,
  input: Tensor,
  d: number,
  index: Tensor,
  src: Tensor,
  mode: "set" | "add",
  srcIsScalar = false,
) {
  checkTensor(index, fn, "index");
  if (index.dtype !== int64) throw new RuntimeError("scatter(): Expected dtype int64 for index");
  if (src.dtype !== input.dtype)
    throw new RuntimeError("scatter(): Expected self.dtype to be equal to src.dtype");
  const data = input.values();
  if (index.numel() === 0) return data;
  checkGatherShapes("scatter", input, d, index, srcIsScalar ? undefined : src);
  checkIndexValues(index, input, d);
  const shape = input.ndim === 0 ? [1] : input.shape;
  backend().scatter(data, shape, d, atLeast1d(index), atLeast1d(src), mode);
  return data;
}

/** A scalar `src` as a tensor broadcast to index's shape. */
function scalarSource(value: Scalar, dtype: DType, index: Tensor): Tensor {
  const s = scalarTensor(value, dtype);
  return new Tensor(
    s._storage,
    index.shape,
    index.shape.map(() => 0),
    0,
    dtype,
  );
}

/** torch.scatter(x, dim, index, src): a copy of x with src's values written at `index` along dim. */
export function scatter(input: Tensor, dim: number, index: Tensor, src: Tensor | Scalar): Tensor {
  checkTensor(input, "scatter");
  const d = normalizeDim(dim, input.ndim);
  if (isScalar(src)) {
    const data = scatterValues(
      "scatter",
      input,
      d,
      index,
      scalarSource(src, input.dtype, index),
      "set",
      true,
    );
    return record("ScatterBackward1", [input], fromData(data, input.shape, input.dtype), () => ({
      dim: d,
      index,
    }));
  }
  checkTensor(src, "scatter", "src");
  const data = scatterValues("scatter", input, d, index, src, "set");
  const out = fromData(data, input.shape, input.dtype);
  return record("ScatterBackward0", [input, src], out, () => ({ dim: d, index }));
}

/** torch.scatter_add(x, dim, index, src): a copy of x with src's values added at `index` along dim. */
export function scatter_add(input: Tensor, dim: number, index: Tensor, src: Tensor): Tensor {
  checkTensor(input, "scatter_add");
  checkTensor(src, "scatter_add", "src");
  const d = normalizeDim(dim, input.ndim);
  const data = scatterValues("scatter_add", input, d, index, src, "add");
  const out = fromData(data, input.shape, input.dtype);
  return record("ScatterAddBackward0", [input, src], out, () => ({ dim: d, index }));
}

export function scatter_(self: Tensor, dim: number, index: Tensor, src: Tensor | Scalar): Tensor {
  return inPlace(self, (x) => scatter(x, dim, index, src));
}

export function scatter_add_(self: Tensor, dim: number, index: Tensor, src: Tensor): Tensor {
  return inPlace(self, (x) => scatter_add(x, dim, index, src));
}

/** torch.masked_fill(x, mask, value): x with `value` where mask is true (mask broadcasts). */
export function masked_fill(input: Tensor, mask: Tensor, value: Scalar | Tensor): Tensor {
  checkTensor(input, "masked_fill");
  checkTensor(mask, "masked_fill", "mask");
  if (mask.dtype !== bool && mask.values().some((v) => v !== 0 && v !== 1))
    throw new RuntimeError("Mask tensor can take 0 and 1 values only");
  const condition = mask.dtype === bool ? mask : mask.ne(0);
  if (value instanceof Tensor) {
    if (value.ndim !== 0) {
      throw new RuntimeError(
        `masked_fill_ only supports a 0-dimensional value tensor, but got tensor with ${value.ndim} dimension(s).`,
      );
    }
    const fill = value.to(input.dtype);
    const out = where(condition.detach(), fill.detach(), input.detach());
    const maskSaved = condition;
    return record("MaskedFillBackward1", [input, value], out, () => ({ mask: maskSaved }));
  }
  if (!isScalar(value)) throw new TypeError(`masked_fill(): argument 'value' must be Number or Tensor`);
  const out = where(condition.detach(), scalarTensor(value, input.dtype), input.detach());
  const maskSaved = condition;
  return record("MaskedFillBackward0", [input], out, () => ({ mask: maskSaved }));
}

export function masked_fill_(self: Tensor, mask: Tensor, value: Scalar | Tensor): Tensor {
  return inPlace(self, (x) => masked_fill(x, mask, value));
}

function checkScatterSource(src: Tensor, slice: Tensor): void {
  if (src.ndim !== slice.ndim || src.shape.some((s, i) => s !== slice.shape[i])) {
    throw new RuntimeError(
      `expected src to have a size equal to the slice of self. src size = ${shapeText(src.shape)}, slice size = ${shapeText(slice.shape)}`,
    );
  }
}

/** torch.select_scatter(x, src, dim, index): a copy of x with x.select(dim, index) replaced by src. */
export function select_scatter(input: Tensor, src: Tensor, dim: number, index: number): Tensor {
  checkTensor(input, "select_scatter");
  checkTensor(src, "select_scatter", "src");
  const d = normalizeDim(dim, input.ndim);
  const size = input.shape[d];
  if (index < -size || index >= size) {
    throw new IndexError(
      `select(): index ${index} out of range for tensor of size ${shapeText(input.shape)} at dimension ${d}`,
    );
  }
  const i = index < 0 ? index + size : index;
  const out = fromData(input.values(), input.shape, input.dtype);
  const target = selectView(out, d, i);
  checkScatterSource(src, target);
  writeInto(target, src);
  out._storage.version = 0;
  return record("SelectScatterBackward0", [input, src], out, () => ({ dim: d, index: i }));
}

/** torch.slice_scatter(x, src, dim, start, end, step): a copy of x with that slice replaced by src. */
export function slice_scatter(
  input: Tensor,
  src: Tensor,
  dim = 0,
  start: number | null = null,
  end: number | null = null,
  step = 1,
): Tensor {
  checkTensor(input, "slice_scatter");
  checkTensor(src, "slice_scatter", "src");
  const d = normalizeDim(dim, input.ndim);
  if (step <= 0) throw new RuntimeError("slice step must be positive");
  const out = fromData(input.values(), input.shape, input.dtype);
  const clamped = sliceViewClamped(out, d, start, end, step);
  checkScatterSource(src, clamped.view);
  writeInto(clamped.view, src);
  out._storage.version = 0;
  return record("SliceScatterBackward0", [input, src], out, () => ({
    dim: d,
    start: clamped.start,
    end: clamped.end,
    step,
  }));
}

/** Keeps elements on and below (tril) or above (triu) the `diagonal`-th diagonal of the last two dims. */
function triangle(input: Tensor, diagonal: number, lower: boolean): Tensor {
  normalizeDim(-2, input.ndim);
  const rows = input.shape[input.ndim - 2];
  const cols = input.shape[input.ndim - 1];
  const keep = new Uint8Array(rows * cols);
  for (let i = 0; i < rows; i++)
    for (let j = 0; j < cols; j++)
      keep[i * cols + j] = (lower ? j - i <= diagonal : j - i >= diagonal) ? 1 : 0;
  const mask = fromData(keep, [rows, cols], bool);
  return where(mask, input.detach(), scalarTensor(0, input.dtype));
}

export function tril(input: Tensor, diagonal = 0): Tensor {
  checkTensor(input, "tril");
  return record("TrilBackward0", [input], triangle(input, diagonal, true), () => ({ diagonal }));
}

export function triu(input: Tensor, diagonal = 0): Tensor {
  checkTensor(input, "triu");
  return record("TriuBackward0", [input], triangle(input, diagonal, false), () => ({ diagonal }));
}

declare module "../tensor/tensor.js" {
  interface Tensor {
    index_select: AsMethod<typeof index_select>;
    index_add: AsMethod<typeof index_add>;
    gather: AsMethod<typeof gather>;
    scatter: AsMethod<typeof scatter>;
    scatter_add: AsMethod<typeof scatter_add>;
    scatter_: AsMethod<typeof scatter_>;
    scatter_add_: AsMethod<typeof scatter_add_>;
    masked_fill: AsMethod<typeof masked_fill>;
    masked_fill_: AsMethod<typeof masked_fill_>;
    select_scatter: AsMethod<typeof select_scatter>;
    slice_scatter: AsMethod<typeof slice_scatter>;
    tril: AsMethod<typeof tril>;
    triu: AsMethod<typeof triu>;
  }
}
installMethods({
  index_select,
  index_add,
  gather,
  scatter,
  scatter_add,
  scatter_,
  scatter_add_,
  masked_fill,
  masked_fill_,
  select_scatter,
  slice_scatter,
  tril,
  triu,
});
