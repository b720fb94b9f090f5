// The selection kernels of PyTorch 1.13's CPU sort, topk, kthvalue, median, nanmedian and mode, one row along
// `dim` at a time, moving elements exactly as PyTorch's kernels do, so indices of equal elements (and of NaNs)
// come out as PyTorch's: aten/src/ATen/native/cpu/SortingKernel.cpp (sort: std::sort, or std::stable_sort
// when stable; topk: TopKImpl.h's partial_sort or nth_element + sort), native/Sorting.cpp (kthvalue's
// quick_select_template, median_with_indices_impl's nth_element) and cpu/TensorCompareKernel.cpp (mode's
// std::sort of (value, index) pairs). Each libstdc++ algorithm runs on the row's positions, comparing their
// values: the same moves as PyTorch's composite (value, index) elements.
import type { StridedArray } from "../backend.js";
import { allocate, type TypedArray } from "../../tensor/dtype.js";
import { nthElement, partialSort, sort, type Less } from "./libstdcxx_sort.js";

/** Values and int64 indices along a dim, both contiguous in the result's shape. */
export interface ValuesIndicesData {
  values: TypedArray;
  indices: Float64Array;
}

/** The kernels a backend may run in its own code (the native backend's native/sort.c). */
export interface SortKernels {
  sortRows(x: StridedArray, dim: number, descending: boolean, stable: boolean): ValuesIndicesData;
  topkRows(x: StridedArray, dim: number, k: number, largest: boolean, sorted: boolean): ValuesIndicesData;
}

/** A strided array's rows along `dim`: where each starts, and how to step and write them out. */
interface Rows {
  /** Storage offset of each row's first element, rows in row-major order of the other dims. */
  starts: number[];
  size: number;
  stride: number;
  /** Product of the dims after `dim`: row r of an output with `k` elements along dim starts at ... */
  inner: number;
}

function rowsOf(x: StridedArray, dim: number): Rows {
  const shape = x.shape.length === 0 ? [1] : x.shape;
  const strides = x.shape.length === 0 ? [0] : x.strides;
  const starts: number[] = [];
  const coords = shape.map(() => 0);
  const count = shape.reduce((a, s, d) => (d === dim ? a : a * s), 1);
  for (let r = 0; r < count; r++) {
    let at = x.offset;
    for (let d = 0; d < shape.length; d++) at += coords[d] * strides[d];
    starts.push(at);
    for (let d = shape.length - 1; d >= 0; d--) {
      if (d === dim) continue;
      if (++coords[d] < shape[d]) break;
      coords[d] = 0;
    }
  }
  const inner = shape.slice(dim + 1).reduce((a, s) => a * s, 1);
  return { starts, size: shape[dim], stride: strides[dim], inner };
}

/** Where element j of row r goes in a contiguous output with `k` elements along the dim. */
const outAt = (rows: Rows, r: number, j: number, k: number): number =>
  (Math.floor(r / rows.inner) * k + j) * rows.inner + (r % rows.inner);

/** One row's values, copied out in order. */
function readRow(x: StridedArray, rows: Rows, r: number): number[] {
  const row = new Array<number>(rows.size);
  for (let j = 0; j < rows.size; j++) row[j] = x.data[rows.starts[r] + j * rows.stride];
  return row;
}

/** Runs `select` on each row's positions 0..size-1 and writes the first `k` it leaves, with their values. */
function selectRows(
  x: StridedArray,
  dim: number,
  k: number,
  select: (row: number[], positions: number[]) => void,
): ValuesIndicesData {
  const rows = rowsOf(x, dim);
  const total = rows.starts.length * k;
  const values = allocate(x.dtype, total);
  const indices = new Float64Array(total);
  for (let r = 0; r < rows.starts.length; r++) {
    const row = readRow(x, rows, r);
    const positions = Array.from({ length: rows.size }, (_, j) => j);
    select(row, positions);
    for (let j = 0; j < k; j++) {
      const at = outAt(rows, r, j, k);
      values[at] = row[positions[j]];
      indices[at] = positions[j];
    }
  }
  return { values, indices };
}

const isNaN = Number.isNaN;
/** SortingKernel.cpp's KeyValueCompAsc / topk's smallest-first order: NaN after every number. */
const ascending = (a: number, b: number): boolean => (!isNaN(a) && isNaN(b)) || a < b;
/** KeyValueCompDesc / kthvalue's gt_or_nan: NaN before every number. */
const descending = (a: number, b: number): boolean => (isNaN(a) && !isNaN(b)) || a > b;

const byValue =
  (row: number[], less: (a: number, b: number) => boolean): Less<number> =>
  (i, j) =>
    less(row[i], row[j]);

/** sort(dim, descending, stable): std::stable_sort or std::sort of (value, index) along each row. */
export function sortRows(
  x: StridedArray,
  dim: number,
  descendingOrder: boolean,
  stable: boolean,
): ValuesIndicesData {
  const size = x.shape.length === 0 ? 1 : x.shape[dim];
  return selectRows(x, dim, size, (row, positions) => {
    const less = byValue(row, descendingOrder ? descending : ascending);
    // Any stable sort leaves equal elements in one order, std::stable_sort's; V8's Array.prototype.sort is stable.
    if (stable) positions.sort((i, j) => (less(i, j) ? -1 : less(j, i) ? 1 : 0));
    else sort(positions, 0, positions.length, less);
  });
}

/** topk(k, dim, largest, sorted): TopKImpl.h's topk_impl_loop. */
export function topkRows(
  x: StridedArray,
  dim: number,
  k: number,
  largest: boolean,
  sorted: boolean,
): ValuesIndicesData {
  return selectRows(x, dim, k, (row, positions) => {
    if (k === 0) return;
    const less = byValue(row, largest ? descending : ascending);
    const n = positions.length;
    if (k * 64 <= n) partialSort(positions, 0, k, n, less);
    else {
      nthElement(positions, 0, k - 1, n, less);
      if (sorted) sort(positions, 0, k - 1, less);
    }
  });
}

/** kthvalue(k, dim): Sorting.cpp's quick_select_template (Sedgewick's), the k-th smallest with NaN largest. */
export function kthvalueRows(x: StridedArray, dim: number, k: number): ValuesIndicesData {
  return selectRows(x, dim, 1, (row, positions) => {
    const arr = row.slice();
    const swap = (i: number, j: number) => {
      [arr[i], arr[j]] = [arr[j], arr[i]];
      [positions[i], positions[j]] = [positions[j], positions[i]];
    };
    quickSelect(arr, k - 1, swap);
    // selectRows writes positions[0]; the k-th smallest sits at k - 1.
    positions[0] = positions[k - 1];
  });
}

function quickSelect(arr: number[], k: number, swap: (i: number, j: number) => void): void {
  const gtOrNan = descending;
  let L = 0;
  let R = arr.length - 1;
  for (;;) {
    if (R <= L) return;
    if (R === L + 1) {
      if (gtOrNan(arr[L], arr[R])) swap(L, R);
      return;
    }
    const P = (L + R) >> 1;
    swap(P, L + 1);
    if (gtOrNan(arr[L + 1], arr[R])) swap(L + 1, R);
    if (gtOrNan(arr[L], arr[R])) swap(L, R);
    if (gtOrNan(arr[L + 1], arr[L])) swap(L + 1, L);
    let i = L + 1;
    let j = R;
    const piv = arr[L];
    for (;;) {
      do i++;
      while (gtOrNan(piv, arr[i]));
      do j--;
      while (gtOrNan(arr[j], piv));
      if (j < i) break;
      swap(i, j);
    }
    swap(L, j);
    if (j <= k) L = i;
    if (j >= k) R = j - 1;
  }
}

/**
 * median(dim) / nanmedian(dim): median_with_indices_impl. median returns a row's first NaN if it has one;
 * otherwise nth_element of the positions, ordered by value then position (NaNs last for nanmedian).
 */
export function medianRows(x: StridedArray, dim: number, ignoreNan: boolean): ValuesIndicesData {
  return selectRows(x, dim, 1, (row, positions) => {
    const size = row.length;
    if (!ignoreNan) {
      const firstNan = row.findIndex(isNaN);
      if (firstNan >= 0) {
        positions[0] = firstNan;
        return;
      }
    }
    // C++'s integer division truncates: an all-NaN row of nanmedian selects position 0.
    const nth = Math.trunc((size - (ignoreNan ? row.filter(isNaN).length : 0) - 1) / 2);
    nthElement(
      positions,
      0,
      nth,
      size,
      (i, j) => row[i] < row[j] || (row[i] === row[j] && i < j) || (isNaN(row[j]) && !isNaN(row[i])),
    );
    positions[0] = positions[nth];
  });
}

/**
 * median() / nanmedian() of every element: median_impl's nth_element of the values (NaN if any for
 * median; the median of the numbers for nanmedian; NaN for an empty input).
 */
export function medianAll(x: StridedArray, ignoreNan: boolean): number {
  const values: number[] = [];
  forEachElement(x, (v) => values.push(v));
  if (values.length === 0) return NaN;
  if (!ignoreNan && values.some(isNaN)) return NaN;
  // The value at the middle position is the same whichever algorithm puts it there.
  const numbers = values.filter((v) => !isNaN(v)).sort((a, b) => a - b);
  return numbers.length === 0 ? NaN : numbers[Math.trunc((numbers.length - 1) / 2)];
}

function forEachElement(x: StridedArray, f: (v: number) => void): void {
  const shape = x.shape;
  const n = shape.reduce((a, s) => a * s, 1);
  const coords = shape.map(() => 0);
  for (let i = 0; i < n; i++) {
    let at = x.offset;
    for (let d = 0; d < shape.length; d++) at += coords[d] * x.strides[d];
    f(x.data[at]);
    for (let d = shape.length - 1; d >= 0 && ++coords[d] === shape[d]; d--) coords[d] = 0;
  }
}

/**
 * mode(dim): TensorCompareKernel.cpp's mode_kernel_impl: std::sort of (value, index) pairs by value, then
 * the last element of the first longest run of equal values.
 */
export function modeRows(x: StridedArray, dim: number): ValuesIndicesData {
  return selectRows(x, dim, 1, (row, positions) => {
    const n = positions.length;
    sort(positions, 0, n, (i, j) => row[i] < row[j]);
    let mode = 0;
    let run = 0;
    let longest = 0;
    for (let i = 0; i < n; i++) {
      run++;
      if (i === n - 1 || row[positions[i]] !== row[positions[i + 1]]) {
        if (run > longest) {
          mode = positions[i];
          longest = run;
        }
        run = 0;
      }
    }
    positions[0] = mode;
  });
}

export const jsSortKernels: SortKernels = { sortRows, topkRows };
