// torch.as_strided / Tensor.as_strided(size, stride, storage_offset=None) and as_strided_ (in place): a view of the input's storage with the
// given geometry (TensorShape.cpp's as_strided_tensorimpl and setStrided, with their checks in their order). The
// view shares the storage and its version counter; its gradient is as_strided_backward's (AsStridedBackward0):
// each view element's gradient goes to the input element that holds its storage element, divided among the input
// elements sharing it when the input overlaps itself (an expanded input), and dropped where the input holds none.
import { is_grad_enabled } from "../autograd/grad_mode.js";
import { noteView } from "../autograd/view_inplace.js";
import { RuntimeError } from "../errors.js";
import { defineOps } from "../signatures/registry.js";
import { allocate, float64, int64 } from "../tensor/dtype.js";
import { Tensor } from "../tensor/tensor.js";
import { checkInPlaceAutograd, fromData, record } from "./core.js";
import { makeView } from "./shape.js";

/** at::detail::computeStorageNbytes in elements: 0 for an empty geometry, else one past the last element. */
function storageElements(size: readonly number[], stride: readonly number[]): number {
  let n = 1;
  for (let i = 0; i < size.length; i++) {
    if (size[i] === 0) return 0;
    // A negative size wraps around in PyTorch's unsigned arithmetic, which it reports as an overflow.
    if (size[i] < 0)
      throw new RuntimeError(
        `Storage size calculation overflowed with sizes=[${size.join(", ")}] and strides=[${stride.join(", ")}]`,
      );
    n += stride[i] * (size[i] - 1);
  }
  return n;
}

/** setStrided's checks: lengths, strides, bounds within the storage, then the offset. */
function checkGeometry(
  input: Tensor,
  size: readonly number[],
  stride: readonly number[],
  offset: number,
): void {
  if (size.length !== stride.length) throw new RuntimeError("mismatch in length of strides and shape");
  if (stride.some((s) => s < 0))
    throw new RuntimeError(
      `as_strided: Negative strides are not supported at the moment, got strides: [${stride.join(", ")}]`,
    );
  const needed = storageElements(size, stride);
  const itemsize = input.dtype.itemsize;
  const available = input._storage.data.length / (input.dtype.is_complex ? 2 : 1);
  if (needed !== 0 && needed + offset > available)
    throw new RuntimeError(
      `setStorage: sizes [${size.join(", ")}], strides [${stride.join(", ")}], storage offset ${offset}, and ` +
        `itemsize ${itemsize} requiring a storage size of ${(needed + offset) * itemsize} are out of bounds for ` +
        `storage of size ${available * itemsize}`,
    );
  if (offset < 0) throw new RuntimeError(`Tensor: invalid storage offset ${offset}`);
}

/** The storage positions of a geometry's elements, in row-major order. */
function positions(size: readonly number[], stride: readonly number[], offset: number): number[] {
  const n = size.reduce((a, b) => a * b, 1);
  const out = new Array<number>(n);
  const counter = new Array<number>(size.length).fill(0);
  for (let i = 0; i < n; i++) {
    let at = offset;
    for (let d = 0; d < size.length; d++) at += counter[d] * stride[d];
    out[i] = at;
    for (let d = size.length - 1; d >= 0 && ++counter[d] === size[d]; d--) counter[d] = 0;
  }
  return out;
}

/**
 * What AsStridedBackward0 saves (src/ops/derivatives/view_inplace.ts): for each view element the input element
 * holding its storage element (the input's numel where none does), and, for an input that overlaps itself, each
 * input element's representative and the number of input elements sharing its storage element.
 */
function backwardState(input: Tensor, size: readonly number[], stride: readonly number[], offset: number) {
  const inputPositions = positions(input.shape, input._strides, input._offset);
  const first = new Map<number, number>();
  const count = new Map<number, number>();
  inputPositions.forEach((p, i) => {
    if (!first.has(p)) first.set(p, i);
    count.set(p, (count.get(p) ?? 0) + 1);
  });
  const viewPositions = positions(size, stride, offset);
  const index = allocate(int64, viewPositions.length);
  viewPositions.forEach((p, k) => (index[k] = first.get(p) ?? inputPositions.length));
  const baseShape = input.shape;
  if (first.size === inputPositions.length)
    return { index: fromData(index, [index.length], int64), baseShape };
  const representative = allocate(int64, inputPositions.length);
  const counts = allocate(float64, inputPositions.length);
  inputPositions.forEach((p, i) => {
    representative[i] = first.get(p)!;
    counts[i] = count.get(p)!;
  });
  return {
    index: fromData(index, [index.length], int64),
    baseShape,
    representative: fromData(representative, [inputPositions.length], int64),
    counts: fromData(counts, [inputPositions.length], float64),
  };
}

/** torch.as_strided(input, size, stride, storage_offset=None): a view; the offset defaults to the input's. */
export function as_strided(
  input: Tensor,
  size: number[],
  stride: number[],
  storageOffset: number | null = null,
): Tensor {
  const offset = storageOffset ?? input._offset;
  checkGeometry(input, size, stride, offset);
  const view = makeView(input, size, [...stride], offset);
  return record("AsStridedBackward0", [input], view, () => backwardState(input, size, stride, offset));
}

/**
 * torch.as_strided_ / Tensor.as_strided_: self takes the geometry in place (its version bumps); in a graph its
 * history becomes AsStridedBackward1 of its previous self, whose gradient is as_strided's.
 */
export function as_strided_(
  self: Tensor,
  size: number[],
  stride: number[],
  storageOffset: number | null = null,
): Tensor {
  if (is_grad_enabled()) checkInPlaceAutograd(self);
  const offset = storageOffset ?? self._offset;
  checkGeometry(self, size, stride, offset);
  const previous = new Tensor(self._storage, self.shape, self._strides, self._offset, self.dtype);
  // The getter first brings a view's history up to date with earlier writes to its storage.
  previous._gradFn = self.grad_fn;
  previous._outputNr = self._outputNr;
  previous._requiresGrad = self.requires_grad;
  const restrided = new Tensor(self._storage, size, [...stride], offset, self.dtype);
  const out = record("AsStridedBackward1", [previous], restrided, () =>
    backwardState(previous, size, stride, offset),
  );
  (self as { shape: readonly number[] }).shape = out.shape;
  self._strides = out._strides;
  self._offset = offset;
  self._bumpVersion();
  if (out._gradFn !== null) {
    self._gradFn = out._gradFn;
    self._outputNr = out._outputNr;
  }
  // A view's new grad_fn is current with its storage's version (PyTorch's attr_version), not a stale one.
  if (self._base !== null) noteView(self, null, false);
  return self;
}

defineOps(
  "torch",
  {
    "as_strided(Tensor input, SymIntArrayRef size, SymIntArrayRef stride, SymInt? storage_offset=None) -> Tensor":
      as_strided,
    "as_strided_(Tensor input, SymIntArrayRef size, SymIntArrayRef stride, SymInt? storage_offset=None) -> Tensor":
      as_strided_,
  },
  { methods: true },
);
