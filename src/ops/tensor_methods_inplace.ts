// Tensor methods PyTorch has without a torch.* function of their own: the in-place comparisons (eq_ .. ge_,
// which record EqBackward0/1 .. with zero gradients), the in-place logical ops (written through an out=
// kernel in PyTorch, so they record nothing and leave grad_fn as it was), floor_divide_, swapaxes_/swapdims_,
// fill_diagonal_ (as_strided views filled in place, as TensorFactories.cpp's), put/put_ (PutBackward0), index_reduce/index_reduce_ (IndexReduceBackward0), resize_as_, and
// ndimension, data_ptr and new_empty_strided.
import { no_grad } from "../autograd/grad_mode.js";
import { IndexError, RuntimeError } from "../errors.js";
import { defineMethods, defineNoArgMethods, defineOps } from "../signatures/registry.js";
import {
  channels_last,
  preserve_format,
  type Device,
  type Layout,
  type MemoryFormat,
} from "../tensor/device.js";
import { allocate, int32, int64, type DType } from "../tensor/dtype.js";
import { withRequiresGrad } from "../tensor/creation.js";
import { Storage, Tensor } from "../tensor/tensor.js";
import { emitWarning } from "../warnings.js";
import { fromData, inPlace, record, type Scalar, type TensorOrScalar } from "./core.js";
import { checkOptions, checkSize } from "./creation.js";
import {
  eq,
  floor_divide,
  ge,
  gt,
  le,
  logical_and,
  logical_not,
  logical_or,
  logical_xor,
  lt,
  ne,
} from "./elementwise.js";
import { transpose_ } from "./shape_inplace.js";
import { makeView, movedim } from "./shape.js";
import { normalizeDim } from "../tensor/shape.js";

// ---- eq_, ne_, lt_, le_, gt_, ge_: the comparison written into self as 0/1 in self's dtype ----

type CompareNode =
  | "EqBackward0"
  | "EqBackward1"
  | "NeBackward0"
  | "NeBackward1"
  | "LtBackward0"
  | "LtBackward1"
  | "LeBackward0"
  | "LeBackward1"
  | "GtBackward0"
  | "GtBackward1"
  | "GeBackward0"
  | "GeBackward1";

function compareInPlace(
  op: (a: Tensor, b: TensorOrScalar) => Tensor,
  scalarNode: CompareNode,
  tensorNode: CompareNode,
) {
  return (self: Tensor, other: TensorOrScalar): Tensor =>
    inPlace(self, (x) => {
      const values = op(x, other).to(x.dtype);
      if (other instanceof Tensor) return record(tensorNode, [x, other], values, () => ({}));
      return record(scalarNode, [x], values, () => ({}));
    });
}

export const eq_ = compareInPlace(eq, "EqBackward0", "EqBackward1");
export const ne_ = compareInPlace(ne, "NeBackward0", "NeBackward1");
export const lt_ = compareInPlace(lt, "LtBackward0", "LtBackward1");
export const le_ = compareInPlace(le, "LeBackward0", "LeBackward1");
export const gt_ = compareInPlace(gt, "GtBackward0", "GtBackward1");
export const ge_ = compareInPlace(ge, "GeBackward0", "GeBackward1");

// ---- logical_and_ .. logical_not_: PyTorch writes them through logical_*_out, which autograd does not see ----

function untracked(self: Tensor, compute: (x: Tensor) => Tensor): Tensor {
  return no_grad(() => inPlace(self, compute));
}
export const logical_and_ = (self: Tensor, other: Tensor): Tensor =>
  untracked(self, (x) => logical_and(x, other));
export const logical_or_ = (self: Tensor, other: Tensor): Tensor =>
  untracked(self, (x) => logical_or(x, other));
export const logical_xor_ = (self: Tensor, other: Tensor): Tensor =>
  untracked(self, (x) => logical_xor(x, other));
export const logical_not_ = (self: Tensor): Tensor => untracked(self, logical_not);

/** floor_divide_: floor_divide in place; its node is NotImplemented, naming aten::floor_divide_. */
export function floor_divide_(self: Tensor, other: TensorOrScalar): Tensor {
  return inPlace(self, (x) => {
    const out = no_grad(() => floor_divide(x, other));
    const needGrad = [x, other].filter((t): t is Tensor => t instanceof Tensor && t.requires_grad);
    return record("torch::autograd::NotImplemented", needGrad, out, () => ({ op: "floor_divide_" }));
  });
}

// ---- fill_diagonal_ ----

/**
 * self.as_strided([size], [stride], offset), recorded as PyTorch records it (AsStridedBackward0): its gradient
 * goes to the row-major positions in self of the storage elements the view reads.
 */
function asStridedView(self: Tensor, size: number, stride: number, offset: number): Tensor {
  const rowMajor = new Map<number, number>();
  const sizes = self.shape;
  const counter = new Array<number>(sizes.length).fill(0);
  for (let i = 0, n = self.numel(); i < n; i++) {
    let at = self._offset;
    for (let d = 0; d < sizes.length; d++) at += counter[d] * self._strides[d];
    if (!rowMajor.has(at)) rowMajor.set(at, i);
    for (let d = sizes.length - 1; d >= 0 && ++counter[d] === sizes[d]; d--) counter[d] = 0;
  }
  const index = allocate(int64, size);
  for (let k = 0; k < size; k++) index[k] = rowMajor.get(offset + k * stride) ?? 0;
  const baseShape = self.shape;
  return record("AsStridedBackward0", [self], makeView(self, [size], [stride], offset), () => ({
    index: fromData(index, [size], int64),
    baseShape,
  }));
}

/** Tensor.fill_diagonal_(fill_value, wrap=False): the main diagonal (all dims equal, or a tall matrix's, wrapped). */
export function fill_diagonal_(self: Tensor, fillValue: Scalar, wrap: boolean): Tensor {
  const nDims = self.ndim;
  if (nDims < 2) throw new RuntimeError("dimensions must larger than 1");
  const [height, width] = self.shape;
  if (nDims > 2 && self.shape.some((s) => s !== height))
    throw new RuntimeError("all dimensions of input must be of equal length");
  const size = Math.min(height, width);
  const stride = self._strides.reduce((a, b) => a + b, 0);
  asStridedView(self, size, stride, self._offset).fill_(fillValue);
  if (wrap && nDims === 2 && height > width + 1) {
    const step = width + 1;
    const wrapSize = Math.floor((self.numel() + step - 1) / step) - size;
    asStridedView(self, wrapSize, stride, self._offset + self._strides[0] * (width + 1)).fill_(fillValue);
  }
  return self;
}

// ---- put, put_ ----

function checkPut(self: Tensor, index: Tensor, source: Tensor): void {
  if (index.dtype !== int64)
    throw new RuntimeError(`put_(): Expected a long tensor for index, but got ${index.dtype.scalarTypeName}`);
  if (self.dtype !== source.dtype) {
    throw new RuntimeError(
      `put_(): self and source expected to have the same dtype, but got self.dtype = ${self.dtype.scalarTypeName} and source.dtype = ${source.dtype.scalarTypeName}`,
    );
  }
  if (source.numel() !== index.numel()) {
    throw new IndexError(
      `put_(): Expected source and index to have the same number of elements, but got source.numel() = ${source.numel()}, index.numel() = ${index.numel()}`,
    );
  }
}

/** Tensor.put(index, source, accumulate=False): source's values at flat (row-major) positions of a copy of self. */
export function put(self: Tensor, index: Tensor, source: Tensor, accumulate: boolean): Tensor {
  checkPut(self, index, source);
  const data = self.values().slice();
  const n = data.length;
  const positions = index.values();
  const values = source.values();
  for (let i = 0; i < positions.length; i++) {
    const p = Number(positions[i]);
    if (p >= n || p < -n)
      throw new IndexError(`out of range: tried to access index ${p} on a tensor of ${n} elements.`);
    const at = p < 0 ? p + n : p;
    data[at] = accumulate ? data[at] + values[i] : values[i];
  }
  // Integer sums wrap around as C's do (int32 2**31 - 1 + 5 is -2147483644).
  if (accumulate && !self.dtype.is_floating_point)
    for (let i = 0; i < n; i++) data[i] = self.dtype.wrap(data[i]);
  return record("PutBackward0", [self, source], fromData(data, self.shape, self.dtype), () => ({
    index,
    accumulate,
    sourceShape: source.shape,
  }));
}

export function put_(self: Tensor, index: Tensor, source: Tensor, accumulate: boolean): Tensor {
  return inPlace(self, (x) => put(x, index, source, accumulate));
}

// ---- index_reduce, index_reduce_ ----

/** PyTorch warns once per process (TORCH_WARN_ONCE) that index_reduce is in beta. */
let warnedBeta = false;

const REDUCE_IDENTITY: Record<string, number> = { prod: 1, mean: 0, amax: -Infinity, amin: Infinity };

function combine(reduce: string, a: number, b: number): number {
  if (reduce === "prod") return a * b;
  if (reduce === "mean") return a + b;
  if (Number.isNaN(a) || Number.isNaN(b)) return NaN;
  return reduce === "amax" ? Math.max(a, b) : Math.min(a, b);
}

/**
 * Tensor.index_reduce(dim, index, source, reduce, include_self=True): source's slices along dim reduced (prod,
 * mean, amax or amin) into self's slices at `index`; without include_self, self's values at indexed slices take
 * no part. An integer mean divides with floor rounding, as PyTorch's does.
 */
export function index_reduce(
  self: Tensor,
  dim: number,
  index: Tensor,
  source: Tensor,
  reduce: string,
  includeSelf: boolean,
): Tensor {
  if (!(reduce in REDUCE_IDENTITY)) {
    throw new RuntimeError(
      `index_reduce(): Expected reduce to be one of prod, mean, amax or amin but got ${reduce}.`,
    );
  }
  if (!warnedBeta) {
    warnedBeta = true;
    emitWarning("index_reduce() is in beta and the API may change at any time.");
  }
  const d = normalizeDim(dim, self.ndim);
  if (index.dtype !== int64 && index.dtype !== int32) {
    throw new RuntimeError(
      `index_reduce_(): Expected dtype int32/int64 for index but got: ${index.dtype.scalarTypeName}`,
    );
  }
  if (self.dtype !== source.dtype) {
    throw new RuntimeError(
      `index_reduce_(): self (${self.dtype.scalarTypeName}) and source (${source.dtype.scalarTypeName}) must have the same scalar type`,
    );
  }
  const count = source.ndim === 0 ? 1 : source.shape[d];
  if (index.numel() !== count) {
    throw new RuntimeError(
      `index_reduce_(): Number of indices (${index.numel()}) should be equal to source.size(dim): (${count}), for dim: ${d}`,
    );
  }
  const out = no_grad(() => {
    const front = (t: Tensor) => (t.ndim === 0 ? t.reshape([1]) : movedim(t, d, 0)).contiguous();
    const selfFront = front(self.detach());
    const rows = selfFront.shape[0];
    const inner = rows === 0 ? 0 : selfFront.numel() / rows;
    const data = selfFront.values().slice();
    const src = front(source.detach()).values();
    const positions = index.values();
    const counts = new Float64Array(rows).fill(includeSelf ? 1 : 0);
    const started = new Uint8Array(rows).fill(includeSelf ? 1 : 0);
    for (let j = 0; j < positions.length; j++) {
      const k = Number(positions[j]);
      if (k < 0 || k >= rows) throw new IndexError("index out of range in self");
      if (!started[k]) {
        data.fill(REDUCE_IDENTITY[reduce], k * inner, (k + 1) * inner);
        started[k] = 1;
      }
      counts[k]++;
      for (let c = 0; c < inner; c++)
        data[k * inner + c] = combine(reduce, data[k * inner + c], src[j * inner + c]);
    }
    if (reduce === "mean") {
      const integral = !self.dtype.is_floating_point;
      for (let k = 0; k < rows; k++) {
        const n = Math.max(counts[k], 1);
        for (let c = 0; c < inner; c++) {
          const v = data[k * inner + c] / n;
          data[k * inner + c] = integral ? Math.floor(v) : v;
        }
      }
    }
    const result = fromData(data, selfFront.shape, self.dtype);
    return self.ndim === 0 ? result.reshape([]) : movedim(result, 0, d).contiguous();
  });
  return record("IndexReduceBackward0", [self, source], out, () => ({
    self,
    source,
    index,
    dim: d,
    reduce,
    includeSelf,
    result: out,
  }));
}

export function index_reduce_(
  self: Tensor,
  dim: number,
  index: Tensor,
  source: Tensor,
  reduce: string,
  includeSelf: boolean,
): Tensor {
  return inPlace(self, (x) => index_reduce(x, dim, index, source, reduce, includeSelf));
}

// ---- ndimension, data_ptr, new_empty_strided ----

/**
 * Tensor.data_ptr(): tensorgrad has no addresses, so each storage gets a stable number (its creation serial
 * times 2^32) and a tensor's pointer is that plus its offset in bytes, as PyTorch's is; 0 for no elements.
 */
export function data_ptr(self: Tensor): number {
  if (self.numel() === 0) return 0;
  return self._storage.serial * 2 ** 32 + self._offset * self.dtype.itemsize;
}

/** Tensor.new_empty_strided(size, stride): a fresh tensor with those strides, over just enough storage. */
function new_empty_strided(
  self: Tensor,
  size: number[],
  stride: number[],
  dtype: DType | null,
  layout: Layout | null,
  device: Device | null,
  pinMemory: boolean | null,
  requiresGrad: boolean | null,
): Tensor {
  checkOptions(layout, device, pinMemory);
  if (size.length !== stride.length) {
    throw new RuntimeError(
      `dimensionality of sizes (${size.length}) must match dimensionality of strides (${stride.length})`,
    );
  }
  checkSize(size);
  const type = dtype ?? self.dtype;
  const extent = size.some((s) => s === 0) ? 0 : size.reduce((acc, s, i) => acc + (s - 1) * stride[i], 1);
  const out = new Tensor(new Storage(allocate(type, extent)), size, [...stride], 0, type);
  return withRequiresGrad(out, requiresGrad);
}

/**
 * Tensor.resize_as_(the_template, memory_format=None): resize_ to the template's sizes; preserve_format takes the
 * template's layout (channels_last for a 4-d channels-last template), as suggest_memory_format does.
 */
function resize_as_(self: Tensor, template: Tensor, memoryFormat: MemoryFormat | null): Tensor {
  let format = memoryFormat;
  if (format === preserve_format) {
    const channelsLast =
      template.ndim === 4 &&
      !template.is_contiguous() &&
      template.is_contiguous({ memory_format: channels_last });
    format = channelsLast ? channels_last : null;
  }
  return self.resize_([...template.shape], { memory_format: format });
}

defineNoArgMethods({
  "Tensor.ndimension() -> int": (self) => self.shape.length,
  "Tensor.data_ptr() -> int": data_ptr,
  "Tensor.logical_not_() -> Tensor": logical_not_,
});

defineMethods({
  "eq_(Tensor other) -> Tensor": eq_,
  "eq_(Scalar other) -> Tensor": eq_,
  "ne_(Tensor other) -> Tensor": ne_,
  "ne_(Scalar other) -> Tensor": ne_,
  "lt_(Tensor other) -> Tensor": lt_,
  "lt_(Scalar other) -> Tensor": lt_,
  "le_(Tensor other) -> Tensor": le_,
  "le_(Scalar other) -> Tensor": le_,
  "gt_(Tensor other) -> Tensor": gt_,
  "gt_(Scalar other) -> Tensor": gt_,
  "ge_(Tensor other) -> Tensor": ge_,
  "ge_(Scalar other) -> Tensor": ge_,
  "logical_and_(Tensor other) -> Tensor": logical_and_,
  "logical_or_(Tensor other) -> Tensor": logical_or_,
  "logical_xor_(Tensor other) -> Tensor": logical_xor_,
  "floor_divide_(Tensor other) -> Tensor": floor_divide_,
  "floor_divide_(Scalar other) -> Tensor": floor_divide_,
  "swapaxes_(int64_t axis0, int64_t axis1) -> Tensor": transpose_,
  "swapdims_(int64_t dim0, int64_t dim1) -> Tensor": transpose_,
  "fill_diagonal_(Scalar fill_value, bool wrap=False) -> Tensor": fill_diagonal_,
  "resize_as_(Tensor the_template, *, MemoryFormat? memory_format=None) -> Tensor": resize_as_,
  "index_reduce(int64_t dim, Tensor index, Tensor source, c10::string_view reduce, *, bool include_self=True) -> Tensor":
    index_reduce,
  "index_reduce_(int64_t dim, Tensor index, Tensor source, c10::string_view reduce, *, bool include_self=True) -> Tensor":
    index_reduce_,
  "put_(Tensor index, Tensor source, bool accumulate=False) -> Tensor": put_,
  "put(Tensor index, Tensor source, bool accumulate=False) -> Tensor": put,
  "new_empty_strided(SymIntArrayRef size, SymIntArrayRef stride, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=False, bool? requires_grad=False) -> Tensor":
    new_empty_strided,
});

defineOps("torch", {
  "index_reduce(Tensor input, int64_t dim, Tensor index, Tensor source, c10::string_view reduce, *, bool include_self=True, Tensor out=None) -> Tensor":
    index_reduce,
});
