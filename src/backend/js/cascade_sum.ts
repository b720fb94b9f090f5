// A port of PyTorch 1.13's float sum (aten/src/ATen/native/cpu/SumKernel.cpp, `cascade_sum`): the
// TensorIterator dim order and coalescing, the 2-D loop's choice between vectorized_inner_sum,
// vectorized_outer_sum, scalar_inner_sum and scalar_outer_sum, row_sum's 4-way ILP and multi_row_sum's
// 4-level cascade, all with AVX2 vector widths (8 float / 4 double lanes). Every add is rounded to the
// accumulator dtype, so float32 sums have PyTorch's digits, not just its value to within an ulp.
//
// PyTorch splits a reduction across threads once it has 32768 (GRAIN_SIZE) elements or more; this port
// models one thread. On the machine the fixtures were checked on (torch.get_num_threads() == 1) every
// size matches; with more threads, sums of >= 32768 elements may differ from PyTorch's in the last ulp.
import type { StridedArray } from "../backend.js";
import type { DType, TypedArray } from "../../tensor/dtype.js";

type Round = (v: number) => number;
/** Loads accumulator k's element of row i. */
type Load = (i: number, k: number) => number;

function ceilLog2(x: number): number {
  if (x <= 2) return 1;
  // The last set bit of x - 1, plus one.
  return 32 - Math.clz32(x - 1);
}

/** multi_row_sum: `width` independent sums over `size` rows, cascaded over 4 levels to limit error growth. */
function multiRowSum(width: number, size: number, load: Load, r: Round): Float64Array {
  const numLevels = 4;
  const levelPower = Math.max(4, Math.floor(ceilLog2(size) / numLevels));
  const levelStep = 2 ** levelPower;
  const levelMask = levelStep - 1;
  const acc = Array.from({ length: numLevels }, () => new Float64Array(width));
  let i = 0;
  while (i + levelStep <= size) {
    for (let j = 0; j < levelStep; j++, i++) {
      for (let k = 0; k < width; k++) acc[0][k] = r(acc[0][k] + load(i, k));
    }
    for (let j = 1; j < numLevels; j++) {
      for (let k = 0; k < width; k++) {
        acc[j][k] = r(acc[j][k] + acc[j - 1][k]);
        acc[j - 1][k] = 0;
      }
      if ((i & (levelMask * 2 ** (j * levelPower))) !== 0) break;
    }
  }
  for (; i < size; i++) for (let k = 0; k < width; k++) acc[0][k] = r(acc[0][k] + load(i, k));
  for (let j = 1; j < numLevels; j++) for (let k = 0; k < width; k++) acc[0][k] = r(acc[0][k] + acc[j][k]);
  return acc[0];
}

/** row_sum: `size` elements of `lanes`-wide vectors, read as a (-1, 4) array for instruction-level parallelism. */
function rowSum(size: number, lanes: number, load: Load, r: Round): Float64Array {
  const ilp = 4;
  const sizeIlp = Math.floor(size / ilp);
  const partial = multiRowSum(
    ilp * lanes,
    sizeIlp,
    (i, k) => load(i * ilp + Math.floor(k / lanes), k % lanes),
    r,
  );
  for (let i = sizeIlp * ilp; i < size; i++) {
    for (let l = 0; l < lanes; l++) partial[l] = r(partial[l] + load(i, l));
  }
  for (let k = 1; k < ilp; k++)
    for (let l = 0; l < lanes; l++) partial[l] = r(partial[l] + partial[k * lanes + l]);
  return partial.subarray(0, lanes);
}

interface Loop2d {
  /** Element (i along the reduced dim, j along the kept dim). */
  at: (i: number, j: number) => number;
  reduced: number;
  kept: number;
  store: (j: number, v: number) => void;
}

function vectorizedInnerSum({ at, reduced, kept, store }: Loop2d, lanes: number, r: Round): void {
  const vecSize = Math.floor(reduced / lanes);
  for (let j = 0; j < kept; j++) {
    const vec = rowSum(vecSize, lanes, (i, l) => at(i * lanes + l, j), r);
    let acc = 0;
    for (let k = vecSize * lanes; k < reduced; k++) acc = r(acc + at(k, j));
    for (let l = 0; l < lanes; l++) acc = r(acc + vec[l]);
    store(j, acc);
  }
}

function vectorizedOuterSum({ at, reduced, kept, store }: Loop2d, lanes: number, r: Round): void {
  const nrows = 4;
  let j = 0;
  for (; j + nrows * lanes <= kept; j += nrows * lanes) {
    const base = j;
    const sums = multiRowSum(nrows * lanes, reduced, (i, k) => at(i, base + k), r);
    for (let k = 0; k < nrows * lanes; k++) store(base + k, sums[k]);
  }
  for (; j + lanes <= kept; j += lanes) {
    const base = j;
    const sums = rowSum(reduced, lanes, (i, l) => at(i, base + l), r);
    for (let l = 0; l < lanes; l++) store(base + l, sums[l]);
  }
  for (; j < kept; j++) {
    const col = j;
    store(col, rowSum(reduced, 1, (i) => at(i, col), r)[0]);
  }
}

function scalarInnerSum({ at, reduced, kept, store }: Loop2d, r: Round): void {
  for (let j = 0; j < kept; j++) store(j, rowSum(reduced, 1, (i) => at(i, j), r)[0]);
}

function scalarOuterSum({ at, reduced, kept, store }: Loop2d, r: Round): void {
  const nrows = 4;
  let j = 0;
  for (; j + (nrows - 1) < kept; j += nrows) {
    const base = j;
    const sums = multiRowSum(nrows, reduced, (i, k) => at(i, base + k), r);
    for (let k = 0; k < nrows; k++) store(base + k, sums[k]);
  }
  for (; j < kept; j++) {
    const col = j;
    store(col, rowSum(reduced, 1, (i) => at(i, col), r)[0]);
  }
}

export interface IterDim {
  size: number;
  inStride: number;
  outStride: number;
}

/** TensorIterator's reorder_dimensions for a reduction: reduced dims first, then by input stride. */
export function iteratorDims(x: StridedArray, dims: readonly number[]): IterDim[] {
  const ndim = x.shape.length;
  const outStrides = new Array<number>(ndim).fill(0);
  let s = 1;
  for (let d = ndim - 1; d >= 0; d--) {
    if (dims.includes(d)) continue;
    outStrides[d] = s;
    s *= x.shape[d];
  }
  const all: IterDim[] = x.shape.map((size, d) => ({
    size,
    inStride: x.strides[d],
    outStride: outStrides[d],
  }));
  const shouldSwap = (a: IterDim, b: IterDim): number => {
    if ((a.outStride === 0) !== (b.outStride === 0)) return b.outStride === 0 ? 1 : -1;
    for (const [s0, s1] of [
      [a.outStride, b.outStride],
      [a.inStride, b.inStride],
    ]) {
      if (s0 === 0 || s1 === 0) continue;
      if (s0 < s1) return -1;
      if (s0 > s1) return 1;
      if (a.size > b.size) return 1;
    }
    return 0;
  };
  const perm = all.slice().reverse();
  for (let i = 1; i < perm.length; i++) {
    let d1 = i;
    for (let d0 = i - 1; d0 >= 0; d0--) {
      const c = shouldSwap(perm[d0], perm[d1]);
      if (c > 0) {
        [perm[d0], perm[d1]] = [perm[d1], perm[d0]];
        d1 = d0;
      } else if (c < 0) break;
    }
  }
  // coalesce_dimensions
  const out: IterDim[] = [];
  for (const d of perm) {
    const prev = out[out.length - 1];
    const canMerge =
      prev !== undefined &&
      (prev.size === 1 ||
        d.size === 1 ||
        (prev.inStride * prev.size === d.inStride && prev.outStride * prev.size === d.outStride));
    if (!canMerge) {
      out.push({ ...d });
    } else if (prev.size === 1) {
      Object.assign(prev, d);
    } else if (d.size !== 1) {
      prev.size *= d.size;
    }
  }
  return out;
}

/** Sums `x` over `dims` into a fresh array of `outDtype` (a float dtype) the way PyTorch's CPU sum does. */
export function cascadeSum(x: StridedArray, dims: readonly number[], outDtype: DType, out: TypedArray): void {
  const r = outDtype.cast;
  const lanes = outDtype.itemsize === 4 ? 8 : 4;
  const src = x.data;
  const castIn = x.dtype === outDtype ? null : r;
  out.fill(0);
  const it = iteratorDims(x, dims);
  if (it.length === 0) it.push({ size: 1, inStride: 0, outStride: 0 });
  if (it.some((d) => d.size === 0)) return;
  const d0 = it[0];
  const d1 = it[1] ?? { size: 1, inStride: 0, outStride: 0 };
  const outer = it.slice(2);
  const outerCount = outer.reduce((n, d) => n * d.size, 1);
  const index = new Array<number>(outer.length).fill(0);
  for (let o = 0; o < outerCount; o++) {
    let inBase = x.offset;
    let outBase = 0;
    outer.forEach((d, k) => {
      inBase += index[k] * d.inStride;
      outBase += index[k] * d.outStride;
    });
    loop2d(inBase, outBase);
    for (let k = 0; k < outer.length; k++) {
      if (++index[k] < outer[k].size) break;
      index[k] = 0;
    }
  }

  function loop2d(inBase: number, outBase: number): void {
    let [size0, size1] = [d0.size, d1.size];
    let [in0, in1] = [d0.inStride, d1.inStride];
    let [out0, out1] = [d0.outStride, d1.outStride];
    // Move the reduction to be the first dim.
    if (out0 !== 0 && out1 === 0) {
      [in0, in1, out0, out1, size0, size1] = [in1, in0, out1, out0, size1, size0];
    }
    const load = (p: number) => (castIn ? castIn(src[p]) : src[p]);
    if (out0 !== 0 && out1 !== 0) {
      // Not a reduction: every element lands in its own output.
      for (let j = 0; j < size1; j++) {
        for (let i = 0; i < size0; i++) {
          const o = outBase + i * out0 + j * out1;
          out[o] = r(out[o] + load(inBase + i * in0 + j * in1));
        }
      }
      return;
    }
    const loop: Loop2d = {
      at: (i, j) => load(inBase + i * in0 + j * in1),
      reduced: size0,
      kept: size1,
      // CastStoreAccumulate: partial sums of one output from several 2-D loops add up in the output.
      store: (j, v) => {
        const o = outBase + j * out1;
        out[o] = r(out[o] + v);
      },
    };
    if (in0 === 1 && size0 >= lanes) vectorizedInnerSum(loop, lanes, r);
    else if (in1 === 1 && size1 >= lanes) vectorizedOuterSum(loop, lanes, r);
    else if (in0 < in1) scalarInnerSum(loop, r);
    else scalarOuterSum(loop, r);
  }
}
