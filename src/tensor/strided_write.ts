// Writing a contiguous run of values into a strided window of a storage array (ops/core.ts writeInto).
import type { TypedArray } from "./dtype.js";

/**
 * Writes `values` (in row-major order) into the strided window (offset, shape, strides) of `data`, one row of
 * the last dim at a time: a unit-stride row of 16 or more elements is one TypedArray.set (slice_scatter's
 * writes of a split's gradients), others an element loop. The outer index advances once per row.
 */
export function writeRows(
  data: TypedArray,
  offset: number,
  shape: readonly number[],
  strides: readonly number[],
  values: TypedArray,
): void {
  const outer = shape.length - 1;
  const row = shape[outer];
  const step = strides[outer];
  const index = new Array<number>(outer).fill(0);
  let off = offset;
  for (let i = 0; i < values.length; i += row) {
    if (step === 1 && row >= 16) data.set(values.subarray(i, i + row), off);
    else for (let j = 0; j < row; j++) data[off + j * step] = values[i + j];
    for (let d = outer - 1; d >= 0; d--) {
      off += strides[d];
      if (++index[d] < shape[d]) break;
      off -= index[d] * strides[d];
      index[d] = 0;
    }
  }
}
