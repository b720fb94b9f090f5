// Complex tensors' storage (docs/complex.md): a complex64 / complex128 tensor's storage is a Float32Array /
// Float64Array holding (real, imag) pairs; shape, strides and offset count complex elements. Any complex tensor is
// therefore also a float tensor of shape [...shape, 2], strides [...2 * strides, 1], offset 2 * offset: the view
// torch.view_as_real returns, and the one through which float kernels (copies, sums, adds) serve complex ones.
import type { StridedArray } from "../backend/backend.js";
import { backend } from "../backend/backend.js";
import { complex128, complex64, float32, float64, type DType, type TypedArray } from "./dtype.js";

/** The float dtype of a complex dtype's components (complex64 → float32); other dtypes are their own. */
export function toRealDtype(d: DType): DType {
  return d === complex64 ? float32 : d === complex128 ? float64 : d;
}

/** The complex dtype with a float dtype's components (float64 → complex128; anything else → complex64). */
export function toComplexDtype(d: DType): DType {
  return d.is_complex ? d : d === float64 ? complex128 : complex64;
}

/** A complex tensor's storage seen as floats: shape [...shape, 2] (what torch.view_as_real returns). */
export function realView(t: {
  readonly shape: readonly number[];
  readonly _strides: readonly number[];
  readonly _offset: number;
  readonly dtype: DType;
  readonly _storage: { readonly data: TypedArray };
}): StridedArray {
  return {
    data: t._storage.data,
    shape: [...t.shape, 2],
    strides: [...t._strides.map((s) => 2 * s), 1],
    offset: 2 * t._offset,
    dtype: toRealDtype(t.dtype),
  };
}

/** A complex tensor's values, row-major and interleaved (2 numbers per element), as a fresh array. */
export function complexValues(t: Parameters<typeof realView>[0]): TypedArray {
  const v = realView(t);
  return backend().copy(v, v.dtype);
}

/**
 * Writes src's values into a complex dst in place (core.ts's writeInto for complex tensors): both seen as
 * floats, a real src widened with imaginary parts 0. src has dst's shape.
 */
export function writeComplexInto(
  dst: Parameters<typeof realView>[0],
  src: Parameters<typeof realView>[0] & { _view(): StridedArray },
): void {
  const dv = realView(dst);
  const n = dst.shape.reduce((a, b) => a * b, 1);
  let values: TypedArray;
  if (src.dtype.is_complex) values = backend().copy(realView(src), dv.dtype);
  else {
    const re = backend().copy(src._view(), dv.dtype);
    values = new (dv.dtype === float32 ? Float32Array : Float64Array)(2 * n);
    for (let i = 0; i < n; i++) values[2 * i] = re[i];
  }
  const offsets = offsetsOf(dv.shape, dv.strides, dv.offset);
  for (let i = 0; i < offsets.length; i++) (dv.data as Float64Array)[offsets[i]] = values[i];
}

/** Row-major element offsets of a strided view. */
function offsetsOf(shape: readonly number[], strides: readonly number[], offset: number): number[] {
  let out = [offset];
  for (let d = 0; d < shape.length; d++) {
    const next: number[] = [];
    for (const o of out) for (let k = 0; k < shape[d]; k++) next.push(o + k * strides[d]);
    out = next;
  }
  return out;
}
