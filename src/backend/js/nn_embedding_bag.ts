// The kernels of embedding_bag on the CPU (PyTorch 1.13's aten/src/ATen/native/EmbeddingBag.cpp, in a build
// without FBGEMM, as Debian's python3-torch is): the forward's sums, means and maxes of bags of rows, the dense
// backward of the weight, and the backward of per_sample_weights. Values are flat row-major arrays; `f32`
// rounds every step to float32 as the C++ kernels do in float.
import { fma } from "./fma.js";
import { sort } from "./libstdcxx_sort.js";

export const MODE_SUM = 0;
export const MODE_MEAN = 1;
export const MODE_MAX = 2;

/** What the forward kernel is given: the weight's rows, and the bags (indices and offsets after the checks). */
export interface BagProblem {
  weight: ArrayLike<number>;
  numWeights: number;
  dim: number;
  indices: ArrayLike<number>;
  offsets: ArrayLike<number>;
  mode: number;
  perSampleWeights: ArrayLike<number> | null;
  includeLastOffset: boolean;
  /** -1 for none, else wrapped to [0, numWeights). */
  paddingIdx: number;
  f32: boolean;
}

/** The forward's four results (torch.embedding_bag's), as flat arrays with their lengths implied. */
export interface BagResult {
  output: Float64Array;
  offset2bag: number[];
  bagSize: number[];
  maxIndices: number[];
}

/** make_offset2bag: the bag of each index position (offsets[0] is 0 by the checks). */
export function offset2bagOf(offsets: ArrayLike<number>, numBags: number, n: number): number[] {
  const marks = new Array<number>(n + 1).fill(0);
  for (let b = 0; b < numBags; b++) marks[offsets[b]] += 1;
  marks[0] -= 1;
  for (let i = 1; i <= n; i++) marks[i] += marks[i - 1];
  return marks.slice(0, n);
}

/** Raises the error of an index outside the table (the caller knows which kernel's message applies). */
export type IndexError = (position: number, idx: number) => never;

/**
 * _embedding_bag_cpu_impl: output [numBags, dim], with the bag sizes (less padding entries) and, for max, the
 * row each maximum came from. `fastPath` is is_fast_path: float, no padding_idx, sum or mean (or sum with
 * per_sample_weights), where the caffe2 kernel accumulates with fused multiply-adds and offset2bag stays empty.
 */
export function embeddingBagForward(
  p: BagProblem,
  fastPath: boolean,
  requiresGrad: boolean,
  indexError: IndexError,
): BagResult {
  const { weight, dim, indices, offsets, mode, f32 } = p;
  const r = f32 ? Math.fround : (x: number) => x;
  const n = indices.length;
  const numBags = p.includeLastOffset ? offsets.length - 1 : offsets.length;
  const ends = (b: number) => (b + 1 < offsets.length ? offsets[b + 1] : n);
  const output = new Float64Array(numBags * dim);
  const sumFast = fastPath && mode === MODE_SUM;
  const offset2bag = sumFast ? [] : offset2bagOf(offsets, numBags, n);
  // make_bag_size_out: sizes for mean, max or a weight that needs grad; otherwise offsets-shaped (and zeroed).
  const sized = requiresGrad || mode === MODE_MEAN || mode === MODE_MAX;
  const bagSize: number[] = sized
    ? Array.from({ length: numBags }, (_, b) =>
        b < numBags - 1 ? offsets[b + 1] - offsets[b] : n - offsets[b],
      )
    : new Array<number>(offsets.length).fill(0);
  const check = (i: number) => {
    const idx = indices[i];
    if (!(idx >= 0 && idx < p.numWeights)) indexError(i, idx);
    return idx;
  };
  if (mode === MODE_MAX) {
    const maxIndices = new Array<number>(numBags * dim).fill(0);
    const empty = new Array<boolean>(numBags).fill(true);
    for (let i = 0; i < n; i++) {
      const bag = offset2bag[i];
      const idx = check(i);
      if (idx === p.paddingIdx) {
        bagSize[bag]--;
        continue;
      }
      for (let d = 0; d < dim; d++) {
        const v = weight[idx * dim + d];
        if (empty[bag] || v > output[bag * dim + d]) {
          output[bag * dim + d] = v;
          maxIndices[bag * dim + d] = idx;
        }
      }
      empty[bag] = false;
    }
    return { output, offset2bag, bagSize, maxIndices };
  }
  const psw = p.perSampleWeights;
  if (fastPath) {
    // caffe2::EmbeddingLookupIdx: every index checked first (in order), then fma(weight, row, acc) per bag.
    for (let i = 0; i < n; i++) check(i);
    for (let b = 0; b < numBags; b++)
      for (let i = offsets[b]; i < ends(b); i++) {
        const row = indices[i] * dim;
        const w = psw === null ? 1 : psw[i];
        for (let d = 0; d < dim; d++) output[b * dim + d] = r(w * weight[row + d] + output[b * dim + d]);
      }
  } else {
    for (let i = 0; i < n; i++) {
      const idx = check(i);
      const bag = offset2bag[i];
      if (idx === p.paddingIdx) {
        if (sized) bagSize[bag]--;
        continue;
      }
      const w = psw === null ? null : psw[i];
      for (let d = 0; d < dim; d++) {
        const x = weight[idx * dim + d];
        output[bag * dim + d] = r(output[bag * dim + d] + (w === null ? x : r(x * w)));
      }
    }
  }
  if (mode === MODE_MEAN) {
    for (let b = 0; b < numBags; b++) {
      const size = Math.max(bagSize[b], 1);
      for (let d = 0; d < dim; d++) output[b * dim + d] = r(output[b * dim + d] / size);
    }
  } else bagSize.fill(0);
  return { output, offset2bag, bagSize, maxIndices: bagSize.slice() };
}

/** What the dense backward reads besides the gradient (the forward's results and arguments). */
export interface BagBackward {
  indices: ArrayLike<number>;
  offset2bag: number[];
  bagSize: number[];
  maxIndices: number[];
  numWeights: number;
  dim: number;
  scaleGradByFreq: boolean;
  mode: number;
  perSampleWeights: ArrayLike<number> | null;
  paddingIdx: number;
  f32: boolean;
}

/**
 * _embedding_bag_dense_backward_cpu: for max, each bag's gradient goes to the rows its maxima came from; for
 * sum and mean, the indices are sorted and each occurrence adds scale * grad[bag] to its row (BLAS axpy, whose
 * OpenBLAS kernels fuse the multiply-add). scale_grad_by_freq divides by counts[indices[i]] with i the number
 * of the group of equal indices, as PyTorch 1.13 does.
 */
export function embeddingBagDenseBackward(grad: ArrayLike<number>, s: BagBackward): Float64Array {
  const { dim, f32 } = s;
  const r = f32 ? Math.fround : (x: number) => x;
  const out = new Float64Array(s.numWeights * dim);
  const numBags = s.bagSize.length;
  if (s.mode === MODE_MAX) {
    for (let d = 0; d < dim; d++)
      for (let b = 0; b < numBags; b++) {
        if (s.bagSize[b] === 0) continue;
        const row = s.maxIndices[b * dim + d];
        out[row * dim + d] = r(out[row * dim + d] + grad[b * dim + d]);
      }
    return out;
  }
  const n = s.indices.length;
  const order = Array.from({ length: n }, (_, i) => i);
  sort(order, 0, n, (a, b) => s.indices[a] < s.indices[b]);
  const sorted = order.map((i) => s.indices[i]);
  const counts = new Map<number, number>();
  for (const v of sorted) counts.set(v, (counts.get(v) ?? 0) + 1);
  let group = 0;
  for (let start = 0; start < n; group++) {
    const index = sorted[start];
    const end = start + counts.get(index)!;
    if (index !== s.paddingIdx) {
      for (let j = start; j < end; j++) {
        const source = s.offset2bag[order[j]];
        let scale = 1.0;
        if (s.perSampleWeights !== null) scale = s.perSampleWeights[order[j]];
        if (s.scaleGradByFreq) scale /= counts.get(sorted[group])!;
        if (s.mode === MODE_MEAN && s.bagSize[source] !== 0) scale /= s.bagSize[source];
        const a = r(scale);
        for (let d = 0; d < dim; d++) {
          const k = index * dim + d;
          out[k] = f32
            ? Math.fround(a * grad[source * dim + d] + out[k])
            : fma(a, grad[source * dim + d], out[k]);
        }
      }
    }
    start = end;
  }
  return out;
}

/**
 * _embedding_bag_per_sample_weights_backward_cpu: each sample's gradient is the dot product of its bag's
 * gradient with its row (0 for padding), summed in order.
 */
export function embeddingBagPerSampleWeightsBackward(
  grad: ArrayLike<number>,
  weight: ArrayLike<number>,
  indices: ArrayLike<number>,
  offset2bag: number[],
  dim: number,
  paddingIdx: number,
  f32: boolean,
): Float64Array {
  const r = f32 ? Math.fround : (x: number) => x;
  const out = new Float64Array(indices.length);
  for (let i = 0; i < indices.length; i++) {
    const idx = indices[i];
    if (idx === paddingIdx) continue;
    const bag = offset2bag[i];
    // OpenBLAS's sdot accumulates float products in double.
    let acc = 0;
    for (let d = 0; d < dim; d++) acc += grad[bag * dim + d] * weight[idx * dim + d];
    out[i] = r(acc);
  }
  return out;
}
