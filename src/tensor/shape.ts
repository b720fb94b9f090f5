// Shapes, strides and dims: the bookkeeping every op shares.
import { IndexError, RuntimeError } from "../errors.js";

export type Shape = readonly number[];

/** The shape of every 0-dim tensor: frozen, so tensors share it instead of copying. */
export const SCALAR_SHAPE: Shape = Object.freeze([]);
/** The strides of a 0-dim tensor, shared the same way (nothing writes a tensor's strides in place). */
export const SCALAR_STRIDES = Object.freeze([]) as unknown as number[];

export function numel(shape: Shape): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

export function contiguousStrides(shape: Shape): number[] {
  if (shape.length === 0) return SCALAR_STRIDES;
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= Math.max(shape[i], 1);
  }
  return strides;
}

export function isContiguous(shape: Shape, strides: readonly number[]): boolean {
  let expected = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    if (shape[i] === 1) continue;
    if (strides[i] !== expected) return false;
    expected *= shape[i];
  }
  return true;
}

export function shapesEqual(a: Shape, b: Shape): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** torch.broadcast_shapes, with PyTorch's error text (dims are compared from the right, as PyTorch does). */
export function broadcastShapes(a: Shape, b: Shape): number[] {
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  for (let i = n - 1; i >= 0; i--) {
    const da = i < n - a.length ? 1 : a[i - (n - a.length)];
    const db = i < n - b.length ? 1 : b[i - (n - b.length)];
    if (da !== db && da !== 1 && db !== 1) {
      throw new RuntimeError(
        `The size of tensor a (${da}) must match the size of tensor b (${db}) at non-singleton dimension ${i}`,
      );
    }
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/** Strides that read a tensor of `shape` as if it were expanded to `target` (0 on broadcast dims). */
export function broadcastStrides(shape: Shape, strides: readonly number[], target: Shape): number[] {
  const offset = target.length - shape.length;
  const out = new Array<number>(target.length).fill(0);
  for (let i = 0; i < shape.length; i++) out[i + offset] = shape[i] === 1 ? 0 : strides[i];
  return out;
}

/** Wraps a possibly negative dim, with PyTorch's IndexError text. */
export function normalizeDim(dim: number, ndim: number): number {
  if (!Number.isInteger(dim)) throw new TypeError(`dim must be an integer, but got ${dim}`);
  const min = ndim === 0 ? -1 : -ndim;
  const max = ndim === 0 ? 0 : ndim - 1;
  if (dim < min || dim > max) {
    throw new IndexError(
      `Dimension out of range (expected to be in range of [${min}, ${max}], but got ${dim})`,
    );
  }
  return dim < 0 ? dim + Math.max(ndim, 1) : dim;
}

/** maybe_wrap_dim(dim, ndim, wrap_scalar=false), as Tensor::size(dim): a 0-d tensor has no dim to name. */
export function wrapDimOfTensor(dim: number, ndim: number): number {
  if (ndim === 0) throw new IndexError(`Dimension specified as ${dim} but tensor has no dimensions`);
  return normalizeDim(dim, ndim);
}

/** Validates a user-given size list (no NaN, no negatives, integers only). */
export function checkShape(shape: unknown, argName = "size"): number[] {
  if (!Array.isArray(shape))
    throw new TypeError(`${argName} must be an array of integers, but got ${typeof shape}`);
  return shape.map((d, i) => {
    if (typeof d !== "number" || !Number.isInteger(d)) {
      throw new TypeError(`${argName} must be an array of integers, but element ${i} is ${String(d)}`);
    }
    if (d < 0)
      throw new RuntimeError(`Trying to create tensor with negative dimension ${d}: [${shape.join(", ")}]`);
    return d;
  });
}
