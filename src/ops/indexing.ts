// Indexing ops: index_select, index_add, gather, scatter(_add), masked_fill, select/slice_scatter, tril/triu.
// Index tensors are validated here (dtype, shape, range) because the backend kernels trust their inputs.
import { backend, type StridedArray } from "../backend/backend.js";
import { IndexError, RuntimeError } from "../errors.js";
import { bool, float32, int32, int64, type DType, type TypedArray } from "../tensor/dtype.js";
import { broadcastShapes, contiguousStrides, normalizeDim } from "../tensor/shape.js";
import { Tensor } from "../tensor/tensor.js";
import { defineMethods, defineOps } from "../signatures/registry.js";
import {
  deprecatedOnExpanded,
  fromData,
  inPlace,
  record,
  scalarTensor,
  scalarValue,
  writeInto,
  type Scalar,
} from "./core.js";
import { toDtype } from "./conversion.js";
import { selectView, sliceViewClamped } from "./shape.js";
import { where } from "./elementwise.js";

const shapeText = (s: readonly number[]) => `[${s.join(", ")}]`;

const FLOAT32_MAX = 3.4028234663852886e38;
const C_TYPE_NAMES: Partial<Record<string, string>> = { float32: "float", int64: "int64_t", int32: "int" };

/**
 * A Scalar converted to a dtype the way c10::checked_convert does: values it can't hold raise. Its overflows()
 * tests f < lowest() || f > max() in double, where int64's max() rounds up to 2^63, so a float 2^63 passes and
 * converts to -2^63 (x86's cvttsd2si) as in PyTorch; int32's limits are exact, so 2147483647.5 overflows.
 */
export function checkedScalar(value: Scalar, dtype: DType): number {
  const v = scalarValue(value);
  const fits =
    dtype === float32
      ? !Number.isFinite(v) || Math.abs(v) <= FLOAT32_MAX
      : dtype === int64
        ? v >= -(2 ** 63) && v <= 2 ** 63
        : dtype === int32
          ? v >= -(2 ** 31) && v <= 2 ** 31 - 1
          : true;
  if (!fits)
    throw new RuntimeError(`value cannot be converted to type ${C_TYPE_NAMES[dtype.name]} without overflow`);
  return dtype.cast(v);
}

/** Every index value must lie in [0, size) (PyTorch does not wrap negative indices in these ops). */
function checkRange(index: Tensor, size: number, error: (bad: number) => Error): void {
  for (const v of index.values()) if (v < 0 || v >= size) throw error(v);
}

/** A 1-d index of dim `d` read as a tensor of `shape` (stride 0 on every other dim). */
function alongDim(index: Tensor, shape: readonly number[], d: number): StridedArray {
  const strides = shape.map(() => 0);
  strides[d] = index.ndim === 0 ? 0 : index._strides[0];
  return { ...index._view(), shape, strides };
}

/** Strided array with at least one dim, for 0-d operands of gather/scatter. */
const atLeast1d = (t: Tensor): StridedArray =>
  t.ndim === 0 ? { ...t._view(), shape: [1], strides: [1] } : t._view();

function checkVectorIndex(fn: string, index: Tensor): void {
  if (index.dtype !== int64 && index.dtype !== int32)
    throw new RuntimeError(`${fn}(): Expected dtype int32 or int64 for index`);
  if (index.ndim > 1) {
    // index_add's meta function says what it got; index_select's check does not.
    const got =
      fn === "index_add_"
        ? `, but got dim: ${index.ndim} with type: ${index.dtype.scalarTypeName} and size: [${index.shape.join(", ")}]`
        : "";
    throw new IndexError(`${fn}(): Index is supposed to be a vector${got}`);
  }
}

/** torch.index_select(x, dim, index): the entries of x at `index` (a 1-d int tensor) along dim. */
export function index_select(input: Tensor, dim: number, index: Tensor): Tensor {
  const d = normalizeDim(dim, input.ndim);
  checkVectorIndex("index_select", index);
  const size = input.ndim === 0 ? 1 : input.shape[d];
  // PyTorch's CPU kernel has its own loop for dim 1 of a tensor of 2+ dims, with its own error.
  checkRange(index, size, (v) =>
    d === 1 && input.ndim > 1
      ? new RuntimeError(`INDICES element is out of DATA bounds, id=${v} axis_dim=${size}`)
      : new IndexError("index out of range in self"),
  );
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

/** Bool results of an "add" scatter hold counts: PyTorch's bool addition is `or`. */
function boolify(data: TypedArray, dtype: DType): TypedArray {
  if (dtype === bool) for (let i = 0; i < data.length; i++) if (data[i] !== 0) data[i] = 1;
  return data;
}

/** torch.index_add(x, dim, index, source, alpha=1): adds alpha * source's slices into x at `index` along dim. */
export function index_add(
  input: Tensor,
  dim: number,
  index: Tensor,
  source: Tensor,
  alpha: Scalar = 1,
): Tensor {
  const d = normalizeDim(dim, input.ndim);
  checkVectorIndex("index_add_", index);
  if (input.ndim === 0 && source.ndim > 1)
    throw new RuntimeError(`source.dim() (${source.ndim}) must one or zero for given self.dim() (0)`);
  // PyTorch's message reads source.size(dim), which a 0-d source does not have.
  if (source.ndim === 0 && index.numel() !== 1)
    throw new IndexError(`Dimension specified as ${d} but tensor has no dimensions`);
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
  checkRange(
    index,
    input.ndim === 0 ? 1 : input.shape[d],
    () => new IndexError("index out of range in self"),
  );
  const factor = checkedScalar(alpha, input.dtype);
  const scaled = factor === 1 ? source : source.mul(factor);
  const data = input.values();
  // A 0-d self or source is its one element along dim 0, as in PyTorch.
  const sourceShape = source.ndim === 0 ? [1] : source.shape;
  const sourceView = source.ndim === 0 ? atLeast1d(scaled) : scaled._view();
  const outShape = input.ndim === 0 ? [1] : input.shape;
  backend().scatter(data, outShape, d, alongDim(index, sourceShape, d), sourceView, "add");
  const out = fromData(boolify(data, input.dtype), input.shape, input.dtype);
  return record("IndexAddBackward0", [input, source], out, () => ({
    dim: d,
    index,
    alpha: factor,
    sourceShape: source.shape,
  }));
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
  checkRange(
    index,
    size,
    (v) => new RuntimeError(`index ${v} is out of bounds for dimension ${d} with size ${size}`),
  );
}

/** torch.gather(x, dim, index): out[i][j][k] = x[i][index[i][j][k]][k] for dim 1. */
export function gather(input: Tensor, dim: number, index: Tensor, sparse_grad = false): Tensor {
  void sparse_grad; // gradients are dense here; only their layout would differ
  const d = normalizeDim(dim, input.ndim);
  if (index.dtype !== int64) throw new RuntimeError("gather(): Expected dtype int64 for index");
  checkGatherShapes("gather", input, d, index);
  checkIndexValues(index, input, d);
  const data = backend().gather(atLeast1d(input), d, atLeast1d(index));
  const out = fromData(data, index.shape, input.dtype);
  const selfShape = input.shape;
  return record("GatherBackward0", [input], out, () => ({ selfShape, dim: d, index }));
}

type ScatterMode = "set" | "add" | "multiply";

/** Shared checks and kernel call of the scatter ops; returns the new values. */
/** scatter_gather_dtype_check: made before scatter's meta function looks at `reduce`. */
function checkScatterDtypes(input: Tensor, index: Tensor, src: Tensor): void {
  if (index.dtype !== int64) throw new RuntimeError("scatter(): Expected dtype int64 for index");
  if (src.dtype !== input.dtype)
    throw new RuntimeError("scatter(): Expected self.dtype to be equal to src.dtype");
}

function scatterValues(
  input: Tensor,
  d: number,
  index: Tensor,
  src: Tensor,
  mode: ScatterMode,
  srcIsScalar = false,
) {
  checkScatterDtypes(input, index, src);
  const data = input.values();
  if (index.numel() === 0) return data;
  checkGatherShapes("scatter", input, d, index, srcIsScalar ? undefined : src);
  checkIndexValues(index, input, d);
  const shape = input.ndim === 0 ? [1] : input.shape;
  if (mode === "multiply") multiplyScatter(data, shape, d, index, src);
  else backend().scatter(data, shape, d, atLeast1d(index), atLeast1d(src), mode);
  return boolify(data, input.dtype);
}

/** scatter(..., reduce="multiply"): data[...index[p]...] *= src[p], in index order (no backend kernel). */
function multiplyScatter(
  data: TypedArray,
  shape: readonly number[],
  d: number,
  index: Tensor,
  src: Tensor,
): void {
  const idx = index.values();
  const idxShape = index.ndim === 0 ? [1] : index.shape;
  const srcStrides = src.ndim === 0 ? [0] : src._strides;
  const dataStrides = contiguousStrides(shape);
  const coords = new Array<number>(idxShape.length).fill(0);
  for (let p = 0; p < idx.length; p++) {
    let at = 0;
    let from = src._offset;
    for (let k = 0; k < coords.length; k++) {
      at += (k === d ? idx[p] : coords[k]) * dataStrides[k];
      from += coords[k] * srcStrides[k];
    }
    data[at] *= src._storage.data[from];
    for (let k = coords.length - 1; k >= 0 && ++coords[k] === idxShape[k]; k--) coords[k] = 0;
  }
}

/** A scalar `src` as a tensor broadcast to index's shape. */
function scalarSource(value: Scalar, dtype: DType, index: Tensor): Tensor {
  const s = scalarTensor(checkedScalar(value, dtype), dtype);
  return new Tensor(
    s._storage,
    index.shape,
    index.shape.map(() => 0),
    0,
    dtype,
  );
}

function reduceMode(reduce: string | null): ScatterMode {
  if (reduce === null) return "set";
  if (reduce === "add" || reduce === "multiply") return reduce;
  throw new RuntimeError("reduce argument must be either add or multiply.");
}

/**
 * torch.scatter(x, dim, index, src, reduce=None): a copy of x with src's values (a tensor or a number)
 * written at `index` along dim, or added or multiplied in with `reduce`.
 */
export function scatter(
  input: Tensor,
  dim: number,
  index: Tensor,
  src: Tensor | Scalar,
  reduce: string | null = null,
): Tensor {
  const d = normalizeDim(dim, input.ndim);
  const scalar = !(src instanceof Tensor);
  const source = src instanceof Tensor ? src : scalarSource(src, input.dtype, index);
  checkScatterDtypes(input, index, source);
  const mode = reduceMode(reduce);
  const out = fromData(scatterValues(input, d, index, source, mode, scalar), input.shape, input.dtype);
  if (mode !== "set") {
    // PyTorch has no derivative for the reducing overloads.
    const inputs = scalar ? [input] : [input, source];
    return record("torch::autograd::NotImplemented", inputs, out, () => ({ op: "scatter" }));
  }
  if (scalar) return record("ScatterBackward1", [input], out, () => ({ dim: d, index }));
  return record("ScatterBackward0", [input, source], out, () => ({ dim: d, index }));
}

/** torch.scatter_add(x, dim, index, src): a copy of x with src's values added at `index` along dim. */
export function scatter_add(input: Tensor, dim: number, index: Tensor, src: Tensor): Tensor {
  const d = normalizeDim(dim, input.ndim);
  const out = fromData(scatterValues(input, d, index, src, "add"), input.shape, input.dtype);
  return record("ScatterAddBackward0", [input, src], out, () => ({ dim: d, index }));
}

export function scatter_(
  self: Tensor,
  dim: number,
  index: Tensor,
  src: Tensor | Scalar,
  reduce: string | null = null,
): Tensor {
  return inPlace(self, (x) => scatter(x, dim, index, src, reduce));
}

/** With an empty index PyTorch's scatter_add_ returns before its kernel's overlap check. */
const NOTHING_TO_SCATTER = Object.freeze({ allowOverlap: true });
export function scatter_add_(self: Tensor, dim: number, index: Tensor, src: Tensor): Tensor {
  return inPlace(
    self,
    (x) => scatter_add(x, dim, index, src),
    index.numel() === 0 ? NOTHING_TO_SCATTER : undefined,
  );
}

export function index_add_(
  self: Tensor,
  dim: number,
  index: Tensor,
  source: Tensor,
  alpha: Scalar = 1,
): Tensor {
  return inPlace(self, (x) => index_add(x, dim, index, source, alpha));
}

/** torch.masked_fill(x, mask, value): x with `value` where mask is true (mask broadcasts). */
export function masked_fill(input: Tensor, mask: Tensor, value: Scalar | Tensor): Tensor {
  if (mask.dtype !== bool && mask.values().some((v) => v !== 0 && v !== 1))
    throw new RuntimeError("Mask tensor can take 0 and 1 values only");
  const condition = mask.dtype === bool ? mask : mask.ne(0);
  const maskSaved = condition;
  if (value instanceof Tensor) {
    if (value.ndim !== 0) {
      throw new RuntimeError(
        `masked_fill_ only supports a 0-dimensional value tensor, but got tensor with ${value.ndim} dimension(s).`,
      );
    }
    // PyTorch fills with value.item(), a Scalar its checked conversion refuses when out of range.
    if (!value.dtype.is_complex && !input.dtype.is_complex) checkedScalar(value._item(), input.dtype);
    const fill = toDtype(value.detach(), input.dtype);
    const out = where(condition.detach(), fill, input.detach());
    return record("MaskedFillBackward1", [input, value], out, () => ({ mask: maskSaved }));
  }
  const fill = scalarTensor(checkedScalar(value, input.dtype), input.dtype);
  const out = where(condition.detach(), fill, input.detach());
  return record("MaskedFillBackward0", [input], out, () => ({ mask: maskSaved }));
}

const MASKED_FILL_EXPANDED = deprecatedOnExpanded("masked_fill_", "tensor[mask] = scalar", 1651);
export function masked_fill_(self: Tensor, mask: Tensor, value: Scalar | Tensor): Tensor {
  return inPlace(
    self,
    (x) => {
      // In place, a size mismatch names self as tensor a (masked_fill names the mask first).
      broadcastShapes(x.shape, mask.shape);
      return masked_fill(x, mask, value);
    },
    MASKED_FILL_EXPANDED,
  );
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
  if (input.ndim === 0) throw new IndexError("select() cannot be applied to a 0-dim tensor.");
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
  if (input.ndim === 0) throw new IndexError("slice() cannot be applied to a 0-dim tensor.");
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
  if (input.ndim === 0) throw new IndexError("Dimension specified as -2 but tensor has no dimensions");
  // PyTorch's tril/triu return an empty input before looking at its dims (an empty 1-d tensor passes).
  if (input.numel() === 0) return input.detach().clone();
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
  return record("TrilBackward0", [input], triangle(input, diagonal, true), () => ({ diagonal }));
}

export function triu(input: Tensor, diagonal = 0): Tensor {
  return record("TriuBackward0", [input], triangle(input, diagonal, false), () => ({ diagonal }));
}

// PyTorch's tril_/triu_ write into expanded tensors without a word.
const TRIANGLE_EXPANDED = Object.freeze({ allowOverlap: true });
export function tril_(self: Tensor, diagonal = 0): Tensor {
  return inPlace(self, (x) => tril(x, diagonal), TRIANGLE_EXPANDED);
}

export function triu_(self: Tensor, diagonal = 0): Tensor {
  return inPlace(self, (x) => triu(x, diagonal), TRIANGLE_EXPANDED);
}

/** The Dimname overloads PyTorch declares but has not implemented (reportNYIDimnameOverload). */
const dimnameNotSupported = (op: string) => (): never => {
  throw new RuntimeError(
    `${op}: You passed a dimname (string) to this op in place of a dimension index but it does not yet support this behavior. Please pass a dimension index to work around this.`,
  );
};

defineOps(
  "torch",
  {
    "index_select(Tensor input, int64_t dim, Tensor index, *, Tensor out=None) -> Tensor": index_select,
    "index_select(Tensor input, Dimname dim, Tensor index, *, Tensor out=None) -> Tensor":
      dimnameNotSupported("index_select"),
    "index_add(Tensor input, int64_t dim, Tensor index, Tensor source, *, Scalar alpha=1, Tensor out=None) -> Tensor":
      index_add,
    "index_add(Tensor input, Dimname dim, Tensor index, Tensor source, *, Scalar alpha=1) -> Tensor":
      dimnameNotSupported("index_add"),
    "gather(Tensor input, int64_t dim, Tensor index, *, bool sparse_grad=False, Tensor out=None) -> Tensor":
      gather,
    "gather(Tensor input, Dimname dim, Tensor index, *, bool sparse_grad=False, Tensor out=None) -> Tensor":
      dimnameNotSupported("gather"),
    "scatter(Tensor input, int64_t dim, Tensor index, Tensor src, *, Tensor out=None) -> Tensor": scatter,
    "scatter(Tensor input, int64_t dim, Tensor index, Tensor src, *, c10::string_view reduce, Tensor out=None) -> Tensor":
      scatter,
    "scatter(Tensor input, Dimname dim, Tensor index, Tensor src) -> Tensor": dimnameNotSupported("scatter"),
    "scatter(Tensor input, int64_t dim, Tensor index, Scalar value, *, Tensor out=None) -> Tensor": scatter,
    "scatter(Tensor input, int64_t dim, Tensor index, Scalar value, *, c10::string_view reduce, Tensor out=None) -> Tensor":
      scatter,
    "scatter(Tensor input, Dimname dim, Tensor index, Scalar value) -> Tensor":
      dimnameNotSupported("scatter"),
    "scatter_add(Tensor input, int64_t dim, Tensor index, Tensor src, *, Tensor out=None) -> Tensor":
      scatter_add,
    "scatter_add(Tensor input, Dimname dim, Tensor index, Tensor src) -> Tensor":
      dimnameNotSupported("scatter_add"),
    "masked_fill(Tensor input, Tensor mask, Tensor value) -> Tensor": masked_fill,
    "masked_fill(Tensor input, Tensor mask, Scalar value) -> Tensor": masked_fill,
    "select_scatter(Tensor input, Tensor src, int64_t dim, int64_t index) -> Tensor": select_scatter,
    "slice_scatter(Tensor input, Tensor src, int64_t dim=0, SymInt? start=None, SymInt? end=None, SymInt step=1) -> Tensor":
      slice_scatter,
    "tril(Tensor input, int64_t diagonal=0, *, Tensor out=None) -> Tensor": tril,
    "triu(Tensor input, int64_t diagonal=0, *, Tensor out=None) -> Tensor": triu,
  },
  { methods: true },
);

defineMethods({
  "index_add_(int64_t dim, Tensor index, Tensor source, *, Scalar alpha=1) -> Tensor": index_add_,
  "scatter_(int64_t dim, Tensor index, Tensor src) -> Tensor": scatter_,
  "scatter_(int64_t dim, Tensor index, Tensor src, *, c10::string_view reduce) -> Tensor": scatter_,
  "scatter_(int64_t dim, Tensor index, Scalar value) -> Tensor": scatter_,
  "scatter_(int64_t dim, Tensor index, Scalar value, *, c10::string_view reduce) -> Tensor": scatter_,
  "scatter_add_(int64_t dim, Tensor index, Tensor src) -> Tensor": scatter_add_,
  "masked_fill_(Tensor mask, Tensor value) -> Tensor": masked_fill_,
  "masked_fill_(Tensor mask, Scalar value) -> Tensor": masked_fill_,
  "tril_(int64_t diagonal=0) -> Tensor": tril_,
  "triu_(int64_t diagonal=0) -> Tensor": triu_,
});
