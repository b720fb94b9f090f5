// The element order and vector blocks of PyTorch's CPU loops for a unary op, which decide what a float
// kernel computes where its vectorized and scalar code round differently. TensorIterator sorts the input's
// dims by stride (a transpose is walked in memory order), merges dims that are contiguous together, and
// calls the kernel once per row of the innermost dim. In a row, `vml` ops (Sleef on every element, zero-
// padded in the last vector) and `cpu_kernel_vec` ops (vectors over whole 16-element blocks of a contiguous
// row, the scalar function on the rest and on strided rows) run differently; both are below.
import type { StridedArray } from "../backend.js";
import type { TypedArray } from "../../tensor/dtype.js";
import { numel } from "../../tensor/shape.js";
import { isDense } from "./strided.js";

/** Element k of the walk reads data[offsets[k]] and is output element order[k] (row-major). */
export interface Walk {
  n: number;
  /** null: the identity (a dense input walked in order). */
  order: Int32Array | null;
  /** null: offset + k. */
  offsets: Int32Array | null;
  offset: number;
  /** Elements per kernel call (the innermost merged dim). */
  rowLength: number;
  /** The rows are contiguous (or broadcast), so cpu_kernel_vec vectorizes them. */
  rowVectorized: boolean;
}

/** TensorIterator's walk over a unary op's input. */
export function walk(x: StridedArray): Walk {
  const n = numel(x.shape);
  if (isDense(x))
    return { n, order: null, offsets: null, offset: x.offset, rowLength: n, rowVectorized: true };
  // Dims of size 1 vanish; the rest go innermost-last by stride (original order where broadcast makes the
  // comparison ambiguous), then merge where the outer dim steps over exactly the inner one.
  const rowMajor: number[] = [];
  let step = 1;
  for (let d = x.shape.length - 1; d >= 0; d--) {
    rowMajor[d] = step;
    step *= x.shape[d];
  }
  let dims = x.shape
    .map((size, d) => ({ size, stride: x.strides[d], out: rowMajor[d] }))
    .filter((d) => d.size !== 1);
  if (dims.every((d) => d.stride !== 0)) dims = [...dims].sort((a, b) => b.stride - a.stride);
  const inner = dims[dims.length - 1] ?? { size: 1, stride: 1, out: 1 };
  // The kernel's row: the innermost dims that merge in the input (an outer stride spanning the inner dim).
  let rowLength = inner.size;
  for (let d = dims.length - 2; d >= 0 && dims[d].stride === dims[d + 1].stride * dims[d + 1].size; d--)
    rowLength *= dims[d].size;
  const order = new Int32Array(n);
  const offsets = new Int32Array(n);
  const outer = dims.slice(0, -1);
  const index = new Array<number>(outer.length).fill(0);
  let src = x.offset;
  let dst = 0;
  for (let k = 0; k < n;) {
    for (let j = 0; j < inner.size; j++, k++) {
      offsets[k] = src + j * inner.stride;
      order[k] = dst + j * inner.out;
    }
    for (let d = outer.length - 1; d >= 0; d--) {
      index[d]++;
      src += outer[d].stride;
      dst += outer[d].out;
      if (index[d] < outer[d].size) break;
      src -= outer[d].stride * outer[d].size;
      dst -= outer[d].out * outer[d].size;
      index[d] = 0;
    }
  }
  const rowVectorized = inner.stride === 1 || inner.stride === 0;
  return { n, order, offsets, offset: 0, rowLength, rowVectorized };
}

type Lane = (v: number) => number;

/** out[order[k]] = fn(input k) for every element (a vml op: the vector function everywhere). */
export function runEvery(w: Walk, data: TypedArray, out: TypedArray, fn: Lane, cast: Lane | null): void {
  const { n, order, offsets, offset } = w;
  if (!order || !offsets) {
    if (cast) for (let k = 0; k < n; k++) out[k] = fn(cast(data[offset + k]));
    else for (let k = 0; k < n; k++) out[k] = fn(data[offset + k]);
    return;
  }
  for (let k = 0; k < n; k++) {
    const v = data[offsets[k]];
    out[order[k]] = fn(cast ? cast(v) : v);
  }
}

/**
 * A vml op whose vector function branches per vector (Sleef's sin, cos, tan): `fn(v, band)` with band = the
 * largest `bandOf` of v's vector's lanes (`width` of them). A row's last vector is padded with zeros.
 */
export function runEveryBlocked(
  w: Walk,
  data: TypedArray,
  out: TypedArray,
  fn: (v: number, band: number) => number,
  bandOf: (v: number) => number,
  cast: Lane | null,
  width: number,
): void {
  const { n, order, offsets, offset, rowLength } = w;
  const at = (k: number) => {
    const v = data[offsets ? offsets[k] : offset + k];
    return cast ? cast(v) : v;
  };
  for (let row = 0; row < n; row += rowLength) {
    for (let b = 0; b < rowLength; b += width) {
      const end = Math.min(b + width, rowLength);
      let band = 0;
      for (let k = row + b; k < row + end; k++) band = Math.max(band, bandOf(at(k)));
      for (let k = row + b; k < row + end; k++) out[order ? order[k] : k] = fn(at(k), band);
    }
  }
}

/**
 * A cpu_kernel_vec op: `vec` on whole blocks of `block` elements at the start of each contiguous row,
 * `scalar` on the rest of the row and on every element of a strided row.
 */
export function runBlocks(
  w: Walk,
  data: TypedArray,
  out: TypedArray,
  vec: Lane,
  scalar: Lane,
  cast: Lane | null,
  block = 16,
): void {
  const { n, order, offsets, offset, rowLength, rowVectorized } = w;
  const vectorEnd = rowVectorized ? rowLength - (rowLength % block) : 0;
  if (!order || !offsets) {
    for (let k = 0; k < n; k++) {
      const v = cast ? cast(data[offset + k]) : data[offset + k];
      out[k] = k < vectorEnd ? vec(v) : scalar(v);
    }
    return;
  }
  for (let row = 0; row < n; row += rowLength) {
    for (let j = 0; j < rowLength; j++) {
      const k = row + j;
      const v = cast ? cast(data[offsets[k]]) : data[offsets[k]];
      out[order[k]] = j < vectorEnd ? vec(v) : scalar(v);
    }
  }
}

/**
 * A binary cpu_kernel_vec op over row-major output order: TensorIterator merges dims where both inputs step
 * over the inner dim exactly, and vectorizes a row when both inputs are contiguous in it or one of them is a
 * broadcast scalar. (Inputs whose memory order differs from row-major, which TensorIterator would reorder,
 * are walked row-major here, which leaves them on the scalar path.)
 */
export function binaryRows(a: StridedArray, b: StridedArray): { rowLength: number; rowVectorized: boolean } {
  const dims = a.shape
    .map((size, d) => ({ size, sa: a.strides[d], sb: b.strides[d] }))
    .filter((d) => d.size !== 1);
  const inner = dims[dims.length - 1] ?? { size: 1, sa: 1, sb: 1 };
  let rowLength = inner.size;
  let [stepA, stepB] = [inner.sa * inner.size, inner.sb * inner.size];
  for (let d = dims.length - 2; d >= 0 && dims[d].sa === stepA && dims[d].sb === stepB; d--) {
    rowLength *= dims[d].size;
    stepA *= dims[d].size;
    stepB *= dims[d].size;
  }
  const rowVectorized =
    (inner.sa === 1 && inner.sb === 1) ||
    (inner.sa === 0 && inner.sb === 1) ||
    (inner.sa === 1 && inner.sb === 0);
  return { rowLength, rowVectorized };
}

/** A binary op's walk: element k reads a[aOffsets[k]] and b[bOffsets[k]] and is output element order[k]. */
export interface BinaryWalk {
  n: number;
  order: Int32Array | null;
  aOffsets: ArrayLike<number>;
  bOffsets: ArrayLike<number>;
  rowLength: number;
  rowVectorized: boolean;
}

/**
 * A binary cpu_kernel_vec op: `vec` on whole blocks of `block` elements at the start of each vectorized row,
 * `scalar` on the rest.
 */
export function runBinaryBlocks(
  w: BinaryWalk,
  a: TypedArray,
  b: TypedArray,
  out: TypedArray,
  vec: (x: number, y: number) => number,
  scalar: (x: number, y: number) => number,
  block = 16,
): void {
  const { n, order, aOffsets, bOffsets, rowLength, rowVectorized } = w;
  const vectorEnd = rowVectorized ? rowLength - (rowLength % block) : 0;
  for (let row = 0; row < n; row += rowLength) {
    for (let j = 0; j < rowLength; j++) {
      const k = row + j;
      out[order ? order[k] : k] = (j < vectorEnd ? vec : scalar)(a[aOffsets[k]], b[bOffsets[k]]);
    }
  }
}
