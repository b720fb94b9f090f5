// Mask and index ops around Python's indexing: masked_select, masked_scatter, nonzero/argwhere, take,
// take_along_dim, index_fill, index_copy. They reuse the advanced-index core (index_put.ts) and gather.
import { no_grad } from "../autograd/grad_mode.js";
import { IndexError, RuntimeError } from "../errors.js";
import { bool, int64 } from "../tensor/dtype.js";
import { broadcastShapes, contiguousStrides, normalizeDim, numel } from "../tensor/shape.js";
import { Tensor } from "../tensor/tensor.js";
import { defineMethods, defineNoArgMethods, defineOps } from "../signatures/registry.js";
import {
  checkNoOverlap,
  deprecatedOnExpanded,
  fromData,
  hasInternalOverlap,
  inPlace,
  record,
  writeInto,
  type Scalar,
} from "./core.js";
import { whereTrue } from "./elementwise.js";
import { defineOutCheck } from "./out.js";
import { checkedScalar, gather } from "./indexing.js";
import { index } from "./index_put.js";
import { expand, reshape, view } from "./shape.js";

/** The mask as bool, broadcast with `input` to one shape (what masked_select and masked_scatter index). */
function broadcastMask(mask: Tensor, shape: readonly number[]): Tensor {
  const m = mask.dtype === bool ? mask : mask.ne(0);
  return no_grad(() => expand(m, [...shape]).contiguous());
}

/** torch.masked_select(x, mask): x's elements where mask is true, as a 1-d copy (both broadcast). */
export function masked_select(input: Tensor, mask: Tensor): Tensor {
  if (mask.dtype !== bool)
    throw new RuntimeError("masked_select: expected BoolTensor or ByteTensor for mask");
  // expand_outplace(mask, self): a size mismatch names the mask as tensor a.
  const shape = broadcastShapes(mask.shape, input.shape);
  // Indexing needs a dim for the mask to name: a 0-dim pair selects as one element.
  if (shape.length === 0) return masked_select(reshape(input, [1]), reshape(mask, [1]));
  const m = broadcastMask(mask, shape);
  const out = no_grad(() => index(expand(input.detach(), [...shape]), [m]));
  return record("MaskedSelectBackward0", [input], out, () => ({ shape, mask: m }));
}

/** torch.masked_scatter(x, mask, source): x with source's leading elements written, in order, where mask is true. */
export function masked_scatter(input: Tensor, mask: Tensor, source: Tensor): Tensor {
  return scatterMasked(input, mask, source, null);
}

/**
 * masked_scatter into a copy of `input`; `written` is the tensor an in-place call writes (null out of place).
 * PyTorch's in-place kernel walks self in row-major order and reads source.contiguous() as it goes, so a
 * contiguous source sharing self's memory sees the elements written so far.
 */
function scatterMasked(input: Tensor, mask: Tensor, source: Tensor, written: Tensor | null): Tensor {
  if (source.dtype !== input.dtype) {
    throw new RuntimeError(
      `masked_scatter: expected self and source to have same dtypes but got${input.dtype.scalarTypeName} and ${source.dtype.scalarTypeName}`,
    );
  }
  const m = broadcastMask(mask, input.shape);
  const data = input.values();
  const flags = m.values();
  const src = source.values();
  const live = written === null ? null : sharedElements(written, source);
  let next = 0;
  for (let i = 0; i < flags.length; i++) {
    if (flags[i] === 0) continue;
    if (next >= src.length) {
      // In place, PyTorch's kernel has written the elements before the one it lacks a source for.
      if (written !== null && !hasInternalOverlap(written))
        writeInto(written, fromData(data, input.shape, input.dtype));
      throw new RuntimeError("Number of elements of source < number of ones in mask");
    }
    const alias = live?.get(source._offset + next);
    data[i] = alias === undefined ? src[next] : data[alias];
    next++;
  }
  const out = fromData(data, input.shape, input.dtype);
  const sourceShape = source.shape;
  return record("MaskedScatterBackward0", [input, source], out, () => ({ mask: m, sourceShape }));
}

/** For a contiguous source in self's memory: each storage position of self's elements -> its row-major index. */
function sharedElements(self: Tensor, source: Tensor): Map<number, number> | null {
  if (source._storage !== self._storage || !source.is_contiguous()) return null;
  const positions = new Map<number, number>();
  const index = new Array<number>(self.ndim).fill(0);
  for (let j = 0, n = self.numel(); j < n; j++) {
    let position = self._offset;
    for (let d = 0; d < self.ndim; d++) position += index[d] * self._strides[d];
    positions.set(position, j);
    for (let d = self.ndim - 1; d >= 0 && ++index[d] === self.shape[d]; d--) index[d] = 0;
  }
  return positions;
}

export function masked_scatter_(self: Tensor, mask: Tensor, source: Tensor): Tensor {
  return inPlace(self, (x) => scatterMasked(x, mask, source, self));
}

/** torch.nonzero(x): the indices of x's nonzero elements, one row per element ([n, x.ndim], int64). */
export function nonzero(input: Tensor): Tensor {
  const columns = input.ndim === 0 ? [] : whereTrue(input);
  const n = input.ndim === 0 ? (input._item() !== 0 ? 1 : 0) : columns[0].numel();
  const data = new Float64Array(n * input.ndim);
  columns.forEach((c, d) => c.values().forEach((v, k) => (data[k * input.ndim + d] = v)));
  return fromData(data, [n, input.ndim], int64);
}

/** nonzero(as_tuple=True) is torch.where(x): one index tensor per dim (a 0-dim input counts as 1-d). */
function nonzeroMaybeTuple(input: Tensor, as_tuple = false): Tensor | Tensor[] {
  return as_tuple ? whereTrue(input) : nonzero(input);
}

/** torch.take(x, index): x read as 1-d at `index` (negative indices count from the end); index's shape. */
export function take(input: Tensor, indexTensor: Tensor): Tensor {
  if (indexTensor.dtype !== int64) {
    throw new RuntimeError(
      `take(): Expected a long tensor for index, but got ${indexTensor.dtype.scalarTypeName}`,
    );
  }
  const n = input.numel();
  if (n === 0 && indexTensor.numel() > 0) throw new IndexError("take(): tried to take from an empty tensor");
  for (const v of indexTensor.values()) {
    if (v < -n || v >= n)
      throw new IndexError(`out of range: tried to access index ${v} on a tensor of ${n} elements.`);
  }
  const out = no_grad(() => index(reshape(input.detach(), [-1]), [indexTensor]));
  const selfShape = input.shape;
  const saved = fromData(indexTensor.values(), indexTensor.shape, int64);
  return record("TakeBackward0", [input], out, () => ({ selfShape, index: saved }));
}

/** torch.take_along_dim(x, indices, dim=None): gather along dim with x and indices broadcast (1-d without dim). */
export function take_along_dim(input: Tensor, indices: Tensor, dim: number | null = null): Tensor {
  if (indices.dtype !== int64) {
    throw new RuntimeError(
      `torch.take_along_dim(): dtype of indices should be Long but got ${indices.dtype.scalarTypeName}`,
    );
  }
  // PyTorch flattens with view(-1), which refuses layouts a view cannot flatten (an expanded input).
  if (dim === null) return gather(view(input, [-1]), 0, view(indices, [-1]));
  if (input.ndim !== indices.ndim) {
    throw new RuntimeError(
      `torch.take_along_dim(): input and indices should have the same number of dimensions, but got ${input.ndim} dimensions for input, and ${indices.ndim} dimensions for indices`,
    );
  }
  const d = normalizeDim(dim, input.ndim);
  const shapeWith = (t: Tensor, size: number) => t.shape.map((s, k) => (k === d ? size : s));
  const common = broadcastShapes(shapeWith(input, 1), shapeWith(indices, 1));
  const x = expand(
    input,
    common.map((s, k) => (k === d ? input.shape[d] : s)),
  );
  const idx = expand(
    indices,
    common.map((s, k) => (k === d ? indices.shape[d] : s)),
  );
  return gather(x, d, idx);
}

/**
 * index_fill_ restrides self to index.numel() along dim with stride 0 before any index check: for an empty
 * self that reaches past its storage, and PyTorch's setStorage refuses.
 */
function checkRestridedFits(input: Tensor, d: number, count: number, written: Tensor | null): void {
  if (input.numel() !== 0 || count === 0) return;
  // Out of place, PyTorch fills a fresh clone: no storage, offset 0, contiguous strides.
  const offset = written?._offset ?? 0;
  const baseStrides = written?._strides ?? contiguousStrides(input.shape);
  const sizes = input.ndim === 0 ? [count] : input.shape.map((s, k) => (k === d ? count : s));
  const strides = input.ndim === 0 ? [0] : baseStrides.map((s, k) => (k === d ? 0 : s));
  if (sizes.some((s) => s === 0)) return;
  const itemsize = input.dtype.itemsize;
  const extent = sizes.reduce((sum, s, k) => sum + (s - 1) * strides[k], offset + 1);
  const available = written === null ? 0 : written._storage.data.length * itemsize;
  if (extent * itemsize > available) {
    throw new RuntimeError(
      `setStorage: sizes [${sizes.join(", ")}], strides [${strides.join(", ")}], storage offset ${offset}, and itemsize ${itemsize} requiring a storage size of ${extent * itemsize} are out of bounds for storage of size ${available}`,
    );
  }
}

/** index_fill/index_copy's index: int64, values in range along dim (negative ones wrap for index_fill). */
function checkDimIndex(fn: string, idx: Tensor, size: number, d: number, wrap: boolean): number[] {
  if (idx.dtype !== int64) throw new IndexError(`${fn}(): Expected dtype int64 for index.`);
  return Array.from(idx.values(), (v) => {
    if (v >= size || v < (wrap ? -size : 0)) {
      const prefix = wrap ? "" : `${fn}(): `;
      throw new IndexError(`${prefix}index ${v} is out of bounds for dimension ${d} with size ${size}`);
    }
    return v < 0 ? v + size : v;
  });
}

/** Calls write(flat offset, slice position k) for each element of x's slices at `positions` along d. */
function forEachSliceElement(
  shape: readonly number[],
  d: number,
  positions: readonly number[],
  write: (at: number, k: number, inner: number) => void,
): void {
  const outer = numel(shape.slice(0, d));
  const size = shape.length === 0 ? 1 : shape[d];
  const inner = numel(shape.slice(d + 1));
  positions.forEach((p, k) => {
    for (let o = 0; o < outer; o++)
      for (let i = 0; i < inner; i++) write((o * size + p) * inner + i, k, o * inner + i);
  });
}

/** torch.index_fill(x, dim, index, value): x with the slices at `index` along dim set to value. */
export function index_fill(
  input: Tensor,
  dim: number,
  idx: Tensor,
  value: Scalar | Tensor,
  written: Tensor | null = null,
): Tensor {
  if (value instanceof Tensor && value.ndim !== 0) {
    throw new RuntimeError(
      `index_fill_ only supports a 0-dimensional value tensor, but got tensor with ${value.ndim} dimension(s).`,
    );
  }
  const d = normalizeDim(dim, input.ndim);
  const size = input.ndim === 0 ? 1 : input.shape[d];
  if (idx.dtype !== int64) throw new IndexError("index_fill_(): Expected dtype int64 for index.");
  if (idx.ndim > 1) throw new RuntimeError("Index has to be a vector/scalar");
  checkRestridedFits(input, d, idx.numel(), written);
  const positions = checkDimIndex("index_fill_", idx, size, d, true);
  const fill = checkedScalar(value instanceof Tensor ? value._item() : value, input.dtype);
  const data = input.values();
  forEachSliceElement(input.shape, d, positions, (at) => (data[at] = fill));
  const out = fromData(data, input.shape, input.dtype);
  const saved = fromData(new Float64Array(positions), [positions.length], int64);
  if (value instanceof Tensor)
    return record("IndexFillBackward1", [input, value], out, () => ({ dim: d, index: saved }));
  return record("IndexFillBackward0", [input], out, () => ({ dim: d, index: saved }));
}

const INDEX_FILL_EXPANDED = deprecatedOnExpanded("index_fill_", "tensor[mask] = scalar", 1278);
export function index_fill_(self: Tensor, dim: number, idx: Tensor, value: Scalar | Tensor): Tensor {
  return inPlace(self, (x) => index_fill(x, dim, idx, value, self), INDEX_FILL_EXPANDED);
}

/** torch.index_copy(x, dim, index, source): x with source's k-th slice copied to slice index[k] along dim. */
export function index_copy(input: Tensor, dim: number, idx: Tensor, source: Tensor): Tensor {
  // PyTorch's meta function's checks, in its order.
  const d = normalizeDim(dim, input.ndim);
  const size = input.ndim === 0 ? 1 : input.shape[d];
  if (idx.ndim > 1)
    throw new IndexError(`index_copy_(): Index should have dimension 1 or 0 (got ${idx.ndim})`);
  const n = idx.numel();
  if (source.ndim === 0 && n !== 1)
    throw new IndexError(`index_copy_(): When source is scalar, index should have one element (got ${n})`);
  if (source.ndim !== input.ndim && source.ndim !== 0 && input.ndim !== 0) {
    throw new IndexError(
      `index_copy_(): When source and destination are not scalars, their dimensionality must match. Source dimensionality (${source.ndim}), destination dimensionality (${input.ndim})`,
    );
  }
  if (idx.dtype !== int64) {
    throw new RuntimeError(
      `index_copy_(): Expected a long tensor for index, but got ${idx.dtype.scalarTypeName}`,
    );
  }
  if (source.dtype !== input.dtype) {
    throw new RuntimeError(
      `index_copy_(): self and source expected to have the same dtype, but got (self) ${input.dtype.scalarTypeName} and (source) ${source.dtype.scalarTypeName}`,
    );
  }
  const sliced = (t: Tensor) => t.shape.filter((_, k) => k !== d);
  const [selfSlice, sourceSlice] = [sliced(input), sliced(source)];
  if (selfSlice.length !== sourceSlice.length || selfSlice.some((s, k) => s !== sourceSlice[k])) {
    throw new RuntimeError(
      `index_copy_(): Source/destination tensor must have same slice shapes. Destination slice shape: ${selfSlice.join(" ")} at dimension ${d} and source slice shape: ${sourceSlice.join(" ")} at dimension 0.`,
    );
  }
  const count = source.ndim === 0 ? 1 : source.shape[d];
  if (n !== count) {
    throw new IndexError(
      `index_copy_(): Number of indices (${n}) should be equal to source.size(dim) (${count})`,
    );
  }
  const positions = checkDimIndex("index_copy_", idx, size, d, false);
  const data = input.values();
  const src = source.values();
  const inner = numel(input.shape.slice(d + 1));
  forEachSliceElement(input.shape, d, positions, (at, k, flat) => {
    const o = Math.floor(flat / inner);
    data[at] = src[(o * count + k) * inner + (flat % inner)];
  });
  const out = fromData(data, input.shape, input.dtype);
  const saved = fromData(new Float64Array(positions), [positions.length], int64);
  return record("IndexCopyBackward0", [input, source], out, () => ({ dim: d, index: saved }));
}

export function index_copy_(self: Tensor, dim: number, idx: Tensor, source: Tensor): Tensor {
  return inPlace(self, (x) => {
    // index_copy's meta function first asserts that source does not overlap the tensor written to.
    checkNoOverlap(self, source);
    return index_copy(x, dim, idx, source);
  });
}

/** The Dimname overloads PyTorch declares but has not implemented (reportNYIDimnameOverload). */
const dimnameNotSupported = (op: string) => (): never => {
  throw new RuntimeError(
    `${op}: You passed a dimname (string) to this op in place of a dimension index but it does not yet support this behavior. Please pass a dimension index to work around this.`,
  );
};

defineOutCheck(["nonzero"], (out, args) => {
  if (args[1] === true)
    throw new RuntimeError("nonzero does not support the out kwarg when as_tuple is True");
  const dtype = (out as Tensor).dtype;
  if (dtype !== int64) {
    throw new RuntimeError(
      `nonzero: Expected out tensor to have scalar type Long but got scalar type${dtype.scalarTypeName}`,
    );
  }
});

defineOps(
  "torch",
  {
    "masked_select(Tensor input, Tensor mask, *, Tensor out=None) -> Tensor": masked_select,
    "masked_scatter(Tensor input, Tensor mask, Tensor source) -> Tensor": masked_scatter,
    "take(Tensor input, Tensor index, *, Tensor out=None) -> Tensor": take,
    "take_along_dim(Tensor input, Tensor indices, int64_t? dim=None, *, Tensor out=None) -> Tensor":
      take_along_dim,
    "index_fill(Tensor input, int64_t dim, Tensor index, Tensor value) -> Tensor": (
      input,
      dim,
      index,
      value,
    ) => index_fill(input, dim, index, value),
    "index_fill(Tensor input, Dimname dim, Tensor index, Tensor value) -> Tensor": null,
    "index_fill(Tensor input, int64_t dim, Tensor index, Scalar value) -> Tensor": (
      input,
      dim,
      index,
      value,
    ) => index_fill(input, dim, index, value),
    "index_fill(Tensor input, Dimname dim, Tensor index, Scalar value) -> Tensor": null,
    "index_copy(Tensor input, int64_t dim, Tensor index, Tensor source, *, Tensor out=None) -> Tensor":
      index_copy,
    "index_copy(Tensor input, Dimname dim, Tensor index, Tensor source) -> Tensor":
      dimnameNotSupported("index_copy"),
  },
  { methods: true },
);

// Tensor.argwhere is a C method without parameters in PyTorch.
defineNoArgMethods({ "Tensor.argwhere() -> Tensor": nonzero });

defineOps("torch", {
  "argwhere(Tensor input) -> Tensor": nonzero,
  // PyTorch's hand-written parser (python_torch_functions_manual.cpp) adds as_tuple to torchgen's form.
  "nonzero(Tensor input, *, bool as_tuple=False, Tensor out=None) -> Tensor | Tensor[]": nonzeroMaybeTuple,
});

defineMethods({
  "nonzero() -> Tensor": nonzero,
  "nonzero(*, bool as_tuple) -> Tensor | Tensor[]": nonzeroMaybeTuple,
  "masked_scatter_(Tensor mask, Tensor source) -> Tensor": masked_scatter_,
  "index_fill_(int64_t dim, Tensor index, Tensor value) -> Tensor": index_fill_,
  "index_fill_(Dimname dim, Tensor index, Tensor value) -> Tensor": null,
  "index_fill_(int64_t dim, Tensor index, Scalar value) -> Tensor": index_fill_,
  "index_fill_(Dimname dim, Tensor index, Scalar value) -> Tensor": null,
  "index_copy_(int64_t dim, Tensor index, Tensor source) -> Tensor": index_copy_,
  "index_copy_(Dimname dim, Tensor index, Tensor source) -> Tensor": dimnameNotSupported("index_copy"),
});
