// torch.multinomial / Tensor.multinomial on the CPU, drawing what PyTorch 1.13 draws for the same generator
// state (aten/src/ATen/native/Distributions.cpp multinomial_out, cpu/MultinomialKernel.cpp):
// - without replacement: q = empty_like(p).exponential_(1), then argmax (one sample) or
//   topk (several) of p / q: the Gumbel-max trick with exp applied;
// - with replacement: per row, the normalized cumulative distribution in the element type, then one
//   53-bit uniform per sample and a binary search.
import { RuntimeError } from "../errors.js";
import { defineOps } from "../signatures/registry.js";
import { checkAllocation, float64, int64, type TypedArray } from "../tensor/dtype.js";
import { default_generator, type Generator } from "../tensor/random.js";
import type { Tensor } from "../tensor/tensor.js";
import { fromData } from "./core.js";
import { glibcLog } from "../backend/js/glibc_log.js";
import { nthElement, partialSort, sort } from "../backend/js/libstdcxx_sort.js";
import { defineOutCheck } from "./out.js";

/** The largest n such that every integer up to n is a float32. */
const FLOAT32_MAX_CONSECUTIVE_INT = 2 ** 24;

/** multinomial_out's argument checks, in its order. */
function checkArguments(input: Tensor): void {
  if (!(input.ndim > 0 && input.ndim <= 2)) throw new RuntimeError("prob_dist must be 1 or 2 dim");
  if (!input.dtype.is_floating_point)
    throw new RuntimeError(
      `multinomial only supports floating-point dtypes for input, got: ${input.dtype.scalarTypeName}`,
    );
}

function checkCounts(input: Tensor, numSamples: number, replacement: boolean): void {
  if (!(numSamples > 0)) throw new RuntimeError("cannot sample n_sample <= 0 samples");
  const categories = input.shape[input.ndim - 1];
  if (!(replacement || numSamples <= categories))
    throw new RuntimeError("cannot sample n_sample > prob_dist.size(-1) samples without replacement");
  if (categories > FLOAT32_MAX_CONSECUTIVE_INT)
    throw new RuntimeError("number of categories cannot exceed 2^24");
}

/**
 * The logical indices of `input` in the order empty_like(input) lays its elements out in memory, which is
 * the order exponential_ fills them: a dense column-major 2-D input keeps its layout.
 */
function fillOrder(input: Tensor): number[] | null {
  if (input.ndim !== 2) return null;
  const [rows, cols] = input.shape;
  const [s0, s1] = input._strides;
  const columnMajor = rows > 1 && cols > 1 && s0 === 1 && s1 === rows;
  if (!columnMajor) return null;
  const order: number[] = [];
  for (let c = 0; c < cols; c++) for (let r = 0; r < rows; r++) order.push(r * cols + c);
  return order;
}

/** The Gumbel-max draw: p / Exp(1) per element, in the element type, then the top numSamples per row. */
function sampleWithoutReplacement(
  input: Tensor,
  probs: TypedArray,
  numSamples: number,
  gen: Generator,
): Float64Array {
  const round = input.dtype === float64 ? (v: number) => v : Math.fround;
  // The sanity checks PyTorch makes on this path: max < inf and min >= 0 (so no NaN), no all-zero row.
  for (let i = 0; i < probs.length; i++) {
    const p = probs[i];
    if (!(p < Infinity && p >= 0))
      throw new RuntimeError("probability tensor contains either `inf`, `nan` or element < 0");
  }
  const categories = input.shape[input.ndim - 1];
  const rows = probs.length / categories;
  for (let r = 0; r < rows; r++) {
    let allZero = true;
    for (let j = 0; j < categories && allZero; j++) allZero = probs[r * categories + j] === 0;
    if (allZero) throw new RuntimeError("invalid multinomial distribution (sum of probabilities <= 0)");
  }
  // exponential_distribution<double>: -1 / lambda * log(1 - u) with glibc's log, u a 53-bit uniform; cast
  // to the element type.
  const q = new Float64Array(probs.length);
  const order = fillOrder(input);
  for (let k = 0; k < q.length; k++) q[order === null ? k : order[k]] = round(-glibcLog(1 - gen.uniform53()));
  for (let k = 0; k < q.length; k++) q[k] = round(probs[k] / q[k]);

  const result = new Float64Array(rows * numSamples);
  for (let r = 0; r < rows; r++) {
    const row = Array.from({ length: categories }, (_, j) => ({ score: q[r * categories + j], index: j }));
    const ranked = numSamples === 1 ? [row[argmax(row)]] : topk(row, numSamples);
    for (let s = 0; s < numSamples; s++) result[r * numSamples + s] = ranked[s].index;
  }
  return result;
}

interface Scored {
  score: number;
  index: number;
}

/** argmax: the first maximum, a NaN counting as the maximum. */
function argmax(row: Scored[]): number {
  let best = 0;
  for (let j = 1; j < row.length && !Number.isNaN(row[best].score); j++)
    if (Number.isNaN(row[j].score) || row[j].score > row[best].score) best = j;
  return best;
}

/** topk(largest, sorted) as PyTorch's CPU kernel selects: libstdc++'s partial_sort, or nth_element + sort. */
function topk(row: Scored[], k: number): Scored[] {
  const before = (x: Scored, y: Scored) =>
    (Number.isNaN(x.score) && !Number.isNaN(y.score)) || x.score > y.score;
  if (k * 64 <= row.length) partialSort(row, 0, k, row.length, before);
  else {
    nthElement(row, 0, k - 1, row.length, before);
    sort(row, 0, k - 1, before);
  }
  return row.slice(0, k);
}

/** MultinomialKernel.cpp's multinomial_with_replacement_apply, row by row. */
function sampleWithReplacement(
  input: Tensor,
  probs: TypedArray,
  numSamples: number,
  gen: Generator,
): Float64Array {
  const round = input.dtype === float64 ? (v: number) => v : Math.fround;
  const categories = input.shape[input.ndim - 1];
  const rows = input.ndim > 1 ? input.shape[0] : 1;
  const cumulative = new Float64Array(categories);
  const result = new Float64Array(rows * numSamples);
  for (let r = 0; r < rows; r++) {
    let sum = 0;
    for (let j = 0; j < categories; j++) {
      const p = probs[r * categories + j];
      if (!(p >= 0))
        throw new RuntimeError("invalid multinomial distribution (encountering probability entry < 0)");
      if (!Number.isFinite(p))
        throw new RuntimeError(
          "invalid multinomial distribution (encountering probability entry = infinity or NaN)",
        );
      sum = round(sum + p);
      cumulative[j] = sum;
    }
    if (!(sum > 0)) throw new RuntimeError("invalid multinomial distribution (sum of probabilities <= 0)");
    for (let j = 0; j < categories; j++) cumulative[j] = round(cumulative[j] / sum);
    for (let s = 0; s < numSamples; s++) {
      const u = gen.uniform53();
      cumulative[categories - 1] = 1;
      let left = 0;
      let right = categories;
      while (right - left > 0) {
        const mid = left + Math.floor((right - left) / 2);
        if (cumulative[mid] < u) left = mid + 1;
        else right = mid;
      }
      result[r * numSamples + s] = left;
    }
  }
  return result;
}

/** torch.multinomial(input, num_samples, replacement=False, *, generator=None): int64 category indices. */
export function multinomial(
  input: Tensor,
  numSamples: number,
  replacement = false,
  generator: Generator | null = null,
): Tensor {
  checkArguments(input);
  checkCounts(input, numSamples, replacement);
  const shape = input.ndim === 1 ? [numSamples] : [input.shape[0], numSamples];
  const total = shape.reduce((a, b) => a * b, 1);
  if (total === 0) return fromData(new Float64Array(0), shape, int64);
  checkAllocation(int64, total);
  const probs = input.detach().contiguous().values();
  const gen = generator ?? default_generator;
  // (PyTorch 1.13 takes the exponential path only without replacement; later versions also for one sample.)
  const data = !replacement
    ? sampleWithoutReplacement(input, probs, numSamples, gen)
    : sampleWithReplacement(input, probs, numSamples, gen);
  return fromData(data, shape, int64);
}

// multinomial_out checks the input's rank and dtype, then that out is Long, then the counts.
defineOutCheck(["multinomial"], (out, args) => {
  checkArguments(args[0] as Tensor);
  if ((out as Tensor).dtype !== int64)
    throw new RuntimeError(
      `multinomial expects Long tensor out, got: ${(out as Tensor).dtype.scalarTypeName}`,
    );
});

defineOps(
  "torch",
  {
    "multinomial(Tensor input, int64_t num_samples, bool replacement=False, *, Generator? generator=None, Tensor out=None) -> Tensor":
      multinomial,
  },
  { methods: true },
);
