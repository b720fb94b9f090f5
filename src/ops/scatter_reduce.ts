// torch.scatter_reduce(x, dim, index, src, reduce, include_self=True): src's values reduced ("sum", "prod",
// "mean", "amax", "amin") into x at `index` along dim, in index order as PyTorch's serial CPU kernel.
import { RuntimeError } from "../errors.js";
import { bool, Category, int32, int64, type DType, type TypedArray } from "../tensor/dtype.js";
import { contiguousStrides, normalizeDim } from "../tensor/shape.js";
import type { Tensor } from "../tensor/tensor.js";
import { emitWarning } from "../warnings.js";
import { defineMethods, defineOps } from "../signatures/registry.js";
import { fromData, inPlace, record } from "./core.js";

export type ScatterReduction = "sum" | "prod" | "mean" | "amax" | "amin";
const REDUCTIONS: readonly string[] = ["sum", "prod", "mean", "amax", "amin"];

const shapeText = (s: readonly number[]) => `[${s.join(", ")}]`;
const dimsOf = (t: Tensor) => (t.ndim === 0 ? [1] : t.shape);

let betaWarned = false;

/** scatter's checks (dtype, dims, shapes, index range), with PyTorch's texts. */
function checkScatter(self: Tensor, d: number, index: Tensor, src: Tensor): void {
  if (index.dtype !== int64) throw new RuntimeError("scatter(): Expected dtype int64 for index");
  if (src.dtype !== self.dtype)
    throw new RuntimeError("scatter(): Expected self.dtype to be equal to src.dtype");
  const low = (t: Tensor) => t.ndim <= 1;
  if (index.ndim !== self.ndim && !(low(index) && low(self)))
    throw new RuntimeError("Index tensor must have the same number of dimensions as self tensor");
  if (index.ndim !== src.ndim && !(low(index) && low(src)))
    throw new RuntimeError("Index tensor must have the same number of dimensions as src tensor");
  const [is, ss, rs] = [dimsOf(index), dimsOf(self), dimsOf(src)];
  if (is.some((s, k) => (k !== d && s > ss[k]) || s > rs[k])) {
    throw new RuntimeError(
      `Expected index ${shapeText(index.shape)} to be smaller than self ${shapeText(self.shape)} apart from dimension ${d} and to be smaller size than src ${shapeText(src.shape)}`,
    );
  }
  const size = ss[d];
  for (const v of index.values()) {
    if (v < 0 || v >= size)
      throw new RuntimeError(`index ${v} is out of bounds for dimension ${d} with size ${size}`);
  }
}

/** The reduction's starting value where include_self=False (PyTorch fills the scattered-to places with it). */
function identity(reduce: ScatterReduction, dtype: DType): number {
  if (reduce === "prod") return 1;
  if (reduce !== "amax" && reduce !== "amin") return 0;
  if (dtype === bool) return reduce === "amax" ? 0 : 1;
  // The dtype's lowest (amax) or highest (amin) value.
  const bound = dtype.category === Category.Floating ? Infinity : dtype === int32 ? 2 ** 31 : 2 ** 63;
  return reduce === "amax" ? -bound : dtype === int32 ? bound - 1 : bound;
}

/** Visits (flat offset into self, flat offset into src) for every element of index, in index order. */
function forEachScatter(
  self: Tensor,
  d: number,
  index: Tensor,
  src: Tensor,
  visit: (at: number, from: number) => void,
): void {
  const idx = index.values();
  const idxShape = dimsOf(index);
  const selfStrides = contiguousStrides(dimsOf(self));
  const srcStrides = src.ndim === 0 ? [0] : src._strides;
  const coords = new Array<number>(idxShape.length).fill(0);
  for (let p = 0; p < idx.length; p++) {
    let at = 0;
    let from = src._offset;
    for (let k = 0; k < coords.length; k++) {
      at += (k === d ? idx[p] : coords[k]) * selfStrides[k];
      from += coords[k] * srcStrides[k];
    }
    visit(at, from);
    for (let k = coords.length - 1; k >= 0 && ++coords[k] === idxShape[k]; k--) coords[k] = 0;
  }
}

function reduceValues(
  self: Tensor,
  d: number,
  index: Tensor,
  src: Tensor,
  reduce: ScatterReduction,
  includeSelf: boolean,
): TypedArray {
  const data = self.values();
  const source = src._storage.data;
  const floating = self.dtype.category === Category.Floating;
  if (!includeSelf) forEachScatter(self, d, index, src, (at) => (data[at] = identity(reduce, self.dtype)));
  const counts = reduce === "mean" ? new Float64Array(data.length).fill(includeSelf ? 1 : 0) : null;
  forEachScatter(self, d, index, src, (at, from) => {
    const v = source[from];
    if (reduce === "sum" || reduce === "mean") data[at] += v;
    else if (reduce === "prod") data[at] *= v;
    // NaN wins in amax/amin, as in PyTorch's kernels.
    else if (reduce === "amax") data[at] = Number.isNaN(v) || v > data[at] ? v : data[at];
    else data[at] = Number.isNaN(v) || v < data[at] ? v : data[at];
    if (counts) counts[at]++;
  });
  if (counts) {
    for (let i = 0; i < data.length; i++) {
      const n = counts[i] === 0 ? 1 : counts[i];
      data[i] = floating ? data[i] / n : Math.floor(data[i] / n);
    }
  }
  return data;
}

export function scatter_reduce(
  input: Tensor,
  dim: number,
  index: Tensor,
  src: Tensor,
  reduce: string,
  include_self = true,
): Tensor {
  if (!betaWarned) {
    betaWarned = true;
    emitWarning("scatter_reduce() is in beta and the API may change at any time.");
  }
  const d = normalizeDim(dim, input.ndim);
  if (!REDUCTIONS.includes(reduce))
    throw new RuntimeError("reduce argument must be either sum, prod, mean, amax or amin.");
  checkScatter(input, d, index, src);
  const mode = reduce as ScatterReduction;
  if (mode === "mean" && input.dtype === bool) {
    // With nothing to scatter PyTorch goes straight to its integer mean's floor division.
    const kernel = index.numel() === 0 ? "div_floor_cpu" : "scatter_gather_tensor_cpu_reduce_mean";
    throw new RuntimeError(`"${kernel}" not implemented for 'Bool'`);
  }
  const data = index.numel() === 0 ? input.values() : reduceValues(input, d, index, src, mode, include_self);
  const out = fromData(data, input.shape, input.dtype);
  return record("ScatterReduceBackward0", [input, src], out, () => ({
    self: input,
    src,
    index,
    dim: d,
    reduce: mode,
    includeSelf: include_self,
    result: out,
  }));
}

export function scatter_reduce_(
  self: Tensor,
  dim: number,
  index: Tensor,
  src: Tensor,
  reduce: string,
  include_self = true,
): Tensor {
  if (reduce === "mean" && self.dtype === bool && !include_self && index.numel() > 0) {
    // PyTorch fills the scattered-to places of self with the reduction's identity before its kernel refuses bool.
    inPlace(self, (x) => {
      const d = normalizeDim(dim, x.ndim);
      checkScatter(x, d, index, src);
      const data = x.values();
      forEachScatter(x, d, index, src, (at) => (data[at] = identity("mean", x.dtype)));
      return fromData(data, x.shape, x.dtype);
    });
  }
  return inPlace(self, (x) => scatter_reduce(x, dim, index, src, reduce, include_self));
}

defineOps(
  "torch",
  {
    "scatter_reduce(Tensor input, int64_t dim, Tensor index, Tensor src, c10::string_view reduce, *, bool include_self=True, Tensor out=None) -> Tensor":
      scatter_reduce,
  },
  { methods: true },
);

defineMethods({
  "scatter_reduce_(int64_t dim, Tensor index, Tensor src, c10::string_view reduce, *, bool include_self=True) -> Tensor":
    scatter_reduce_,
});
