// Walking strided arrays in row-major order.
import type { StridedArray } from "../backend.js";
import { isContiguous, numel, type Shape } from "../../tensor/shape.js";

/** Offsets into `view.data` of every element, in row-major order of `view.shape`. */
export function elementOffsets(view: Pick<StridedArray, "shape" | "strides" | "offset">): Int32Array {
  return offsetsFor(view.shape, view.strides, view.offset);
}

export function offsetsFor(shape: Shape, strides: readonly number[], start: number): Int32Array {
  const n = numel(shape);
  const out = new Int32Array(n);
  const ndim = shape.length;
  if (n === 0) return out;
  if (ndim === 0) {
    out[0] = start;
    return out;
  }
  const index = new Array<number>(ndim).fill(0);
  const innerSize = shape[ndim - 1];
  const innerStride = strides[ndim - 1];
  let base = start;
  for (let i = 0; i < n;) {
    for (let j = 0; j < innerSize; j++) out[i++] = base + j * innerStride;
    // Carry into the outer dims like an odometer.
    for (let d = ndim - 2; d >= 0; d--) {
      index[d]++;
      base += strides[d];
      if (index[d] < shape[d]) break;
      base -= strides[d] * shape[d];
      index[d] = 0;
    }
  }
  return out;
}

/** True when the view's elements are data[offset .. offset + numel) in order. */
export function isDense(view: StridedArray): boolean {
  return isContiguous(view.shape, view.strides);
}

/**
 * True when the view covers data[offset .. offset + numel) exactly, in some dim order (a transposed or permuted
 * contiguous tensor): PyTorch's TensorIterator then walks it in memory order.
 */
export function isPermutedDense(view: Pick<StridedArray, "shape" | "strides">): boolean {
  const dims = view.shape
    .map((size, d) => [size, view.strides[d]] as const)
    .filter(([size]) => size !== 1)
    .sort((a, b) => a[1] - b[1]);
  let expected = 1;
  for (const [size, stride] of dims) {
    if (stride !== expected) return false;
    expected *= size;
  }
  return true;
}
