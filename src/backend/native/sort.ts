// The native backend's sort and topk: native/sort.c on rows that are contiguous along the last dim (after a
// dense copy when they are not), for float32, float64 and int64 (whose Float64Array the C kernel reads as
// doubles, exactly); every other case runs src/backend/js/sort.ts, which orders elements the same way.
import type { StridedArray } from "../backend.js";
import { jsSortKernels, type SortKernels, type ValuesIndicesData } from "../js/sort.js";
import { jsBackend } from "../js/index.js";
import { allocate } from "../../tensor/dtype.js";
import { isContiguous, numel } from "../../tensor/shape.js";
import { OP_CODES, type RawAddon } from "./addon.js";

type FloatArray = Float32Array | Float64Array;
const SORT_OPS = OP_CODES.sortRows;

/** Whether C can sort x along dim: a float array (float32, float64, int64), dim the last of at least one. */
function eligible(x: StridedArray, dim: number): boolean {
  const floatData = x.data instanceof Float32Array || x.data instanceof Float64Array;
  return floatData && x.dtype.name !== "bool" && x.shape.length > 0 && dim === x.shape.length - 1;
}

export function nativeSortKernels(addon: RawAddon): SortKernels {
  /** `k` of each row along the last dim, by sortRows' op `op`. */
  const run = (x: StridedArray, k: number, op: number, sorted: boolean): ValuesIndicesData => {
    const dense = isContiguous(x.shape, x.strides)
      ? x
      : { ...x, data: jsBackend.copy(x, x.dtype), offset: 0 };
    const cols = x.shape[x.shape.length - 1];
    const rows = cols === 0 ? 0 : numel(x.shape) / cols;
    const values = allocate(x.dtype, rows * k) as FloatArray;
    const indices = new Float64Array(rows * k);
    addon.sortRows(
      dense.data as FloatArray,
      dense.offset,
      rows,
      cols,
      cols,
      k,
      op,
      sorted ? 1 : 0,
      values,
      indices,
    );
    return { values, indices };
  };
  return {
    sortRows(x, dim, descending, stable) {
      if (!eligible(x, dim)) return jsSortKernels.sortRows(x, dim, descending, stable);
      const op = stable
        ? descending
          ? SORT_OPS.stableDescending
          : SORT_OPS.stableAscending
        : descending
          ? SORT_OPS.descending
          : SORT_OPS.ascending;
      return run(x, x.shape[dim], op, true);
    },
    topkRows(x, dim, k, largest, sorted) {
      if (!eligible(x, dim)) return jsSortKernels.topkRows(x, dim, k, largest, sorted);
      return run(x, k, largest ? SORT_OPS.topkLargest : SORT_OPS.topkSmallest, sorted);
    },
  };
}
