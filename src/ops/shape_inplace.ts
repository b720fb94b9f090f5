// The in-place shape methods: unsqueeze_, squeeze_, t_, transpose_ change a tensor's sizes and strides (not its
// values) and record the in-place node PyTorch records (UnsqueezeBackward1, SqueezeBackward2/3, TBackward1,
// TransposeBackward1); resize_ changes sizes and storage and records nothing, refusing tensors that require grad.
import { is_grad_enabled } from "../autograd/grad_mode.js";
import { noteView } from "../autograd/view_inplace.js";
import { RuntimeError } from "../errors.js";
import { defineMethods } from "../signatures/registry.js";
import { channels_last, type MemoryFormat } from "../tensor/device.js";
import { allocate } from "../tensor/dtype.js";
import { contiguousStrides, normalizeDim, numel, wrapDimOfTensor } from "../tensor/shape.js";
import { Tensor } from "../tensor/tensor.js";
import { checkInPlaceAutograd, record } from "./core.js";

type ShapeNode =
  "UnsqueezeBackward1" | "SqueezeBackward2" | "SqueezeBackward3" | "TBackward1" | "TransposeBackward1";

/**
 * Gives self new sizes and strides over the same storage and bumps its version, as PyTorch's in-place view ops
 * do; in a graph, self's history becomes `node` applied to its previous self.
 */
function restride<K extends ShapeNode>(
  self: Tensor,
  shape: readonly number[],
  strides: number[],
  node: K,
  saved: Parameters<typeof record<K>>[3],
): Tensor {
  if (is_grad_enabled()) checkInPlaceAutograd(self);
  const previous = new Tensor(self._storage, self.shape, self._strides, self._offset, self.dtype);
  // The getter first brings a view's history up to date with earlier writes to its storage.
  previous._gradFn = self.grad_fn;
  previous._outputNr = self._outputNr;
  previous._requiresGrad = self.requires_grad;
  const out = record(
    node,
    [previous],
    new Tensor(self._storage, shape, strides, self._offset, self.dtype),
    saved,
  );
  (self as { shape: readonly number[] }).shape = out.shape;
  self._strides = out._strides;
  self._bumpVersion();
  if (out._gradFn !== null) {
    self._gradFn = out._gradFn;
    self._outputNr = out._outputNr;
  }
  // A view's new grad_fn is current with its storage's version (PyTorch's attr_version), not a stale one.
  if (self._base !== null) noteView(self, null, false);
  return self;
}

function unsqueeze_(self: Tensor, dim: number): Tensor {
  const d = normalizeDim(dim, self.ndim + 1);
  const shape = [...self.shape];
  const strides = [...self._strides];
  shape.splice(d, 0, 1);
  strides.splice(d, 0, d < self.ndim ? self._strides[d] * self.shape[d] : 1);
  return restride(self, shape, strides, "UnsqueezeBackward1", () => ({ dim: d }));
}

function squeeze_(self: Tensor, dim: number | null): Tensor {
  const drop = dim === null ? null : self.ndim === 0 ? null : wrapDimOfTensor(dim, self.ndim);
  if (dim !== null && self.ndim === 0) normalizeDim(dim, 0);
  const keep = self.shape.map((s, i) => (dim === null ? s !== 1 : i !== drop || s !== 1));
  const selfShape = self.shape;
  const shape = self.shape.filter((_, i) => keep[i]);
  const strides = self._strides.filter((_, i) => keep[i]);
  if (dim === null) return restride(self, shape, strides, "SqueezeBackward2", () => ({ selfShape }));
  return restride(self, shape, strides, "SqueezeBackward3", () => ({ selfShape, dim: drop ?? 0 }));
}

export function transpose_(self: Tensor, dim0: number, dim1: number): Tensor {
  const d0 = normalizeDim(dim0, self.ndim);
  const d1 = normalizeDim(dim1, self.ndim);
  const shape = [...self.shape];
  const strides = [...self._strides];
  // A 0-dim tensor's dims 0 and -1 wrap to a dim it does not have: nothing to swap.
  if (self.ndim > 0) {
    [shape[d0], shape[d1]] = [shape[d1], shape[d0]];
    [strides[d0], strides[d1]] = [strides[d1], strides[d0]];
  }
  return restride(self, shape, strides, "TransposeBackward1", () => ({ dim0: d0, dim1: d1 }));
}

function t_(self: Tensor): Tensor {
  if (self.ndim > 2)
    throw new RuntimeError(`t_() expects a tensor with <= 2 dimensions, but self is ${self.ndim}D`);
  const shape = [...self.shape].reverse();
  const strides = [...self._strides].reverse();
  return restride(self, shape, strides, "TBackward1", () => ({}));
}

/**
 * Tensor.resize_(size): contiguous strides over self's storage from its offset, which grows (keeping its values)
 * when too small. PyTorch leaves the new elements uninitialized; tensorgrad's are zeros.
 */
function resize_(self: Tensor, size: number[], memoryFormat: MemoryFormat | null): Tensor {
  if (memoryFormat === channels_last && size.length !== 4)
    throw new RuntimeError("required rank 4 tensor to use channels_last format");
  if (self.requires_grad) throw new RuntimeError("cannot resize variables that require grad");
  if (size.some((d) => d < 0)) throw new RuntimeError("numel: integer multiplication overflow");
  const needed = self._offset + numel(size);
  const storage = self._storage;
  if (storage.data.length < needed) {
    const grown = allocate(self.dtype, needed);
    grown.set(storage.data as never);
    // Every tensor sharing the storage sees the larger one, as they share PyTorch's StorageImpl.
    storage.data = grown;
  }
  (self as { shape: readonly number[] }).shape = Object.freeze([...size]);
  if (memoryFormat === channels_last) {
    const [, c, h, w] = size;
    self._strides = [c * h * w, 1, w * c, c];
  } else self._strides = contiguousStrides(size);
  return self;
}

defineMethods({
  "unsqueeze_(int64_t dim) -> Tensor": unsqueeze_,
  "squeeze_() -> Tensor": (self) => squeeze_(self, null),
  "squeeze_(int64_t dim) -> Tensor": squeeze_,
  // Declared by PyTorch 1.13, which refuses any name.
  "squeeze_(Dimname dim) -> Tensor": () => {
    throw new RuntimeError(
      "squeeze: You passed a dimname (string) to this op in place of a dimension index but it does not yet support this behavior. Please pass a dimension index to work around this.",
    );
  },
  "transpose_(int64_t dim0, int64_t dim1) -> Tensor": transpose_,
  "t_() -> Tensor": t_,
  "resize_(SymIntArrayRef size, *, MemoryFormat? memory_format=None) -> Tensor": resize_,
});
