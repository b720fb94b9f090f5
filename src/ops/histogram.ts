// Binning: searchsorted, bucketize (native/Bucketization.cpp, BucketizationUtils.h), histc and histogram
// (native/Histogram.cpp's histogram_histc_cpu_out and histogram_out_cpu, cpu/HistogramKernel.cpp) and bincount
// (native/SummaryOps.cpp). None is differentiable except bincount's weights, which PyTorch 1.13 declares
// not implemented.
import { no_grad } from "../autograd/grad_mode.js";
import { RuntimeError } from "../errors.js";
import { cppDoubleStr } from "../python.js";
import { defineOps } from "../signatures/registry.js";
import { linspaceValues, tensorFromData } from "../tensor/creation.js";
import {
  allocate,
  bool,
  Category,
  float32,
  float64,
  inferScalarDtype,
  int32,
  int64,
  promoteTypes,
  resultType,
  type DType,
} from "../tensor/dtype.js";
import type { Tensor } from "../tensor/tensor.js";
import { cppTypeName, fromData, record, recordOutputs, type Scalar } from "./core.js";
import { named, type Named } from "./linalg_common.js";
import { defineOutCheck } from "./out.js";

export function notImplemented(kernel: string, dtype: DType): RuntimeError {
  return new RuntimeError(`"${kernel}" not implemented for '${dtype.scalarTypeName}'`);
}

export const sizesStr = (shape: readonly number[]): string => `[${shape.join(", ")}]`;

/** searchsorted_pre_check's checks of side, right and sorter, which come before those of `out`. */
function checkSideAndSorter(
  boundaries: Tensor,
  right: boolean,
  side: string | null,
  sorter: Tensor | null,
): void {
  if (side !== null) {
    if (side !== "left" && side !== "right")
      throw new RuntimeError(`torch.searchsorted(): side can only be 'left' or 'right' but got ${side}`);
    if (right && side !== "right")
      throw new RuntimeError(
        `torch.searchsorted(): side and right can't be set to opposites, got side of ${side} while right was True`,
      );
  }
  if (sorter !== null) {
    if (sizesStr(sorter.shape) !== sizesStr(boundaries.shape))
      throw new RuntimeError(
        `torch.searchsorted(): boundary and sorter must have the same size, but got boundary tensor ${sizesStr(boundaries.shape)}and got sorter tensor ${sizesStr(sorter.shape)}`,
      );
    if (sorter.dtype !== int64)
      throw new RuntimeError(
        `torch.searchsorted(): sorter must be a tensor of long dtype but got dtype ${sorter.dtype.scalarTypeName}`,
      );
  }
}

/** The rest of searchsorted_pre_check: the shapes of boundaries and input. */
function checkShapes(boundaries: Tensor, input: Tensor): void {
  if (boundaries.ndim === 0)
    throw new RuntimeError(
      "torch.searchsorted(): boundaries tensor should have positive dimension, but got 0 dimension",
    );
  if (input.ndim === 0 && boundaries.ndim !== 1)
    throw new RuntimeError(
      `torch.searchsorted(): input value can be a scalar only when boundaries tensor dimension is 1, but we got boundaries tensor dim(${boundaries.ndim}) and input value's dim(0) numel(1)`,
    );
  const leadingMatch =
    boundaries.ndim === input.ndim && boundaries.shape.slice(0, -1).every((s, d) => s === input.shape[d]);
  if (boundaries.ndim !== 1 && !leadingMatch)
    throw new RuntimeError(
      `torch.searchsorted(): boundaries tensor should be 1 dimension or the first N-1 dimensions of boundaries tensor and input value tensor must match, but we got boundaries tensor ${sizesStr(boundaries.shape)} and input value tensor ${sizesStr(input.shape)}`,
    );
}

/**
 * The binary searches of Bucketization.cpp's cus_lower_bound / cus_upper_bound, per input element, in the
 * common dtype of both: the position within its row of boundaries (read through `sorter` when given).
 */
function searchKernel(
  boundaries: Tensor,
  input: Tensor,
  common: DType,
  right: boolean,
  sorter: Tensor | null,
  outDtype: DType,
): Tensor {
  const bd = boundaries.to(common).values();
  const values = input.to(common).values();
  const order = sorter?.values() ?? null;
  const rowSize = boundaries.shape[boundaries.ndim - 1];
  const inputRow = input.ndim === 0 ? 1 : input.shape[input.ndim - 1];
  const out = allocate(outDtype, values.length);
  for (let i = 0; i < values.length; i++) {
    const start = boundaries.ndim === 1 ? 0 : Math.floor(i / inputRow) * rowSize;
    const val = values[i];
    let lo = start;
    let hi = start + rowSize;
    while (lo < hi) {
      const mid = lo + ((hi - lo) >> 1);
      const midVal = order ? bd[order[mid] + start] : bd[mid];
      const goesRight = right ? !(midVal > val) : !(midVal >= val);
      if (goesRight) lo = mid + 1;
      else hi = mid;
    }
    out[i] = lo - start;
  }
  return fromData(out, input.shape, outDtype);
}

function searchsortedWith(
  boundaries: Tensor,
  input: Tensor,
  common: DType,
  outInt32: boolean,
  right: boolean,
  side: string | null,
  sorter: Tensor | null,
): Tensor {
  checkSideAndSorter(boundaries, right, side, sorter);
  checkShapes(boundaries, input);
  if (!(common.category === Category.Floating || common.category === Category.Integral) || common === bool)
    throw notImplemented("searchsorted_out_cpu", common);
  const isRight = side !== null ? side === "right" : right;
  return searchKernel(boundaries, input, common, isRight, sorter, outInt32 ? int32 : int64);
}

/** torch.searchsorted(sorted_sequence, input, *, out_int32=False, right=False, side=None, sorter=None). */
export function searchsorted(
  sorted_sequence: Tensor,
  input: Tensor,
  out_int32 = false,
  right = false,
  side: string | null = null,
  sorter: Tensor | null = null,
): Tensor {
  const common = promoteTypes(sorted_sequence.dtype, input.dtype);
  return searchsortedWith(sorted_sequence, input, common, out_int32, right, side, sorter);
}

/** A Python number as searchsorted_scalar_tensor makes it: a 0-dim wrapped number (it promotes as a scalar). */
function scalarInput(value: Scalar, boundaries: Tensor): [Tensor, DType] {
  const tensor = tensorFromData(value, inferScalarDtype(value));
  return [tensor, resultType([boundaries, value])];
}

/** torch.searchsorted(sorted_sequence, self: Number, ...): a 0-dim result. */
export function searchsortedScalar(
  sorted_sequence: Tensor,
  self: Scalar,
  out_int32 = false,
  right = false,
  side: string | null = null,
  sorter: Tensor | null = null,
): Tensor {
  const [input, common] = scalarInput(self, sorted_sequence);
  return searchsortedWith(sorted_sequence, input, common, out_int32, right, side, sorter);
}

function checkBucketize(boundaries: Tensor): void {
  if (boundaries.ndim !== 1)
    throw new RuntimeError(`boundaries tensor must be 1 dimension, but got dim(${boundaries.ndim})`);
}

/** torch.bucketize(input, boundaries, *, out_int32=False, right=False): searchsorted on 1-D boundaries. */
export function bucketize(input: Tensor, boundaries: Tensor, out_int32 = false, right = false): Tensor {
  checkBucketize(boundaries);
  return searchsorted(boundaries, input, out_int32, right);
}

/** torch.bucketize(self: Number, boundaries, ...). */
export function bucketizeScalar(self: Scalar, boundaries: Tensor, out_int32 = false, right = false): Tensor {
  checkBucketize(boundaries);
  return searchsortedScalar(boundaries, self, out_int32, right);
}

/** histc_select_outer_bin_edges: min == max means the input's own range; an empty range widens by 1. */
function outerEdges(input: Tensor, min: number, max: number): [number, number] {
  let [lo, hi] = [min, max];
  // aminmax's NaN, made by its vectorized min/max from two or more elements, is the negative default NaN.
  let nanText = "nan";
  if (lo === hi && input.numel() > 0) {
    [lo, hi] = valueRange(input);
    if (input.numel() > 1) nanText = "-nan";
  }
  if (lo === hi) [lo, hi] = [lo - 1, hi + 1];
  const text = (v: number) => (Number.isNaN(v) ? nanText : cppDoubleStr(v));
  if (!Number.isFinite(lo) || !Number.isFinite(hi))
    throw new RuntimeError(`torch.histc: range of [${text(lo)}, ${text(hi)}] is not finite`);
  if (!(lo < hi)) throw new RuntimeError("torch.histc: max must be larger than min");
  return [lo, hi];
}

/**
 * torch.histc(input, bins=100, min=0, max=0): counts in `bins` equal bins, as HistogramKernel.cpp's
 * LINEAR_INTERPOLATION: bin = (x - left) * bins / (right - left) in the input's dtype, truncated, the last
 * edge falling in the last bin; elements outside [left, right] are not counted.
 */
export function histc(input: Tensor, bins = 100, min: Scalar = 0, max: Scalar = 0): Tensor {
  if (!(bins > 0))
    throw new RuntimeError(`torch.histogram(): bins must be > 0, but got ${bins} for dimension 0`);
  const [lo, hi] = outerEdges(input, Number(min), Number(max));
  const dtype = input.dtype;
  // The bin edges are a linspace in the input's dtype, which has no bool kernel.
  if (dtype === bool) throw notImplemented("linspace_cpu", dtype);
  if (dtype !== float32 && dtype !== float64) throw notImplemented("histogram_cpu", dtype);
  const edges = linspaceValues(lo, hi, bins + 1, dtype).values();
  const [left, right] = [edges[0], edges[bins]];
  const r = dtype.cast;
  const hist = allocate(dtype, bins);
  for (const x of input.values()) {
    // A NaN passes the range check; its bin, (int64_t)NaN = INT64_MIN, times the element size wraps around to
    // bin 0's address, where PyTorch 1.13 counts it.
    if (Number.isNaN(x)) {
      hist[0] += 1;
      continue;
    }
    if (x < left || x > right) continue;
    let pos = Math.trunc(r(r(r(x - left) * bins) / r(right - left)));
    if (pos === bins) pos -= 1;
    hist[pos] += 1;
  }
  return fromData(hist, [bins], dtype);
}

/** The input's [min, max] (aminmax's; a NaN makes both NaN). */
export function valueRange(input: Tensor): [number, number] {
  let [lo, hi] = [Infinity, -Infinity];
  for (const v of input.values()) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
  return [lo, hi];
}

/** The first index in edges[lo, hi) whose edge is above x (std::upper_bound; a NaN is above nothing). */
function upperBound(edges: ArrayLike<number>, lo: number, hi: number, x: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (x < edges[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * One coordinate's bin in HistogramKernel.cpp's histogramdd_cpu_contiguous (`linear`:
 * LINEAR_INTERPOLATION_WITH_LOCAL_SEARCH over equal bins, else BINARY_SEARCH), or -1 outside the outer edges.
 */
function binOf(edges: ArrayLike<number>, x: number, linear: boolean, r: (v: number) => number): number {
  const numEdges = edges.length;
  const [left, right] = [edges[0], edges[numEdges - 1]];
  if (x < left || right < x) return -1;
  let pos: number;
  if (!linear) pos = upperBound(edges, 0, numEdges, x) - 1;
  else if (Number.isNaN(x)) {
    // (int64_t)NaN is INT64_MIN: the local search's window wraps to edges [-1, 2), above none of which a
    // NaN lies, so PyTorch 1.13 counts it in bin 1.
    pos = 1;
  } else {
    pos = Math.trunc(r(r(r(x - left) * (numEdges - 1)) / r(right - left)));
    pos = upperBound(edges, Math.max(0, pos - 1), Math.min(pos + 2, numEdges), x) - 1;
  }
  return pos === numEdges - 1 ? pos - 1 : pos;
}

/**
 * HistogramKernel.cpp's histogramdd_cpu_contiguous: the M points of `input` (M x N, row-major values) binned
 * in each of the N dims, weights summed in the input's dtype, points outside any dim's outer edges skipped;
 * then `density` divides by the total and by the bin widths along each dim.
 */
export function histogramddKernel(
  input: Tensor,
  edgeTensors: readonly Tensor[],
  weight: Tensor | null,
  density: boolean,
  linear: boolean,
): Tensor {
  const dtype = input.dtype;
  const n = edgeTensors.length;
  const edges = edgeTensors.map((e) => e.values());
  const shape = edges.map((e) => e.length - 1);
  const strides = new Array<number>(n).fill(1);
  for (let d = n - 2; d >= 0; d--) strides[d] = strides[d + 1] * shape[d + 1];
  const r = dtype.cast;
  const hist = allocate(
    dtype,
    shape.reduce((a, b) => a * b, 1),
  );
  const points = input.values();
  const weights = weight?.values();
  const m = n === 0 ? 0 : points.length / n;
  for (let i = 0; i < m; i++) {
    let index = 0;
    let d = 0;
    for (; d < n; d++) {
      const pos = binOf(edges[d], points[i * n + d], linear, r);
      if (pos < 0) break;
      index += strides[d] * pos;
    }
    if (d === n) hist[index] = hist[index] + (weights === undefined ? 1 : weights[i]);
  }
  const out = fromData(hist, shape, dtype);
  if (!density) return out;
  return no_grad(() => {
    out.div_(out.sum());
    edgeTensors.forEach((e, dim) => {
      const widths = shape.map((size, k) => (k === dim ? size : 1));
      out.div_(e.diff().reshape(widths));
    });
    return out;
  });
}

/** The 1-D histogram: histogramddKernel of the flattened input as N x 1. */
function histogramKernel(
  input: Tensor,
  edgesTensor: Tensor,
  weight: Tensor | null,
  density: boolean,
  linear: boolean,
): Tensor {
  return histogramddKernel(input, [edgesTensor], weight, density, linear);
}

const HISTOGRAM_FIELDS = ["hist", "bin_edges"] as const;

/** histogramdd_check_inputs for a 1-D histogram (input as N x 1, weight as N). */
function checkHistogramInputs(input: Tensor, bins: Tensor, weight: Tensor | null): void {
  if (bins.dtype !== input.dtype)
    throw new RuntimeError(
      `torch.histogramdd: input tensor and bins tensors should have the same dtype, but got input with dtype ${cppTypeName(input.dtype)} and bins for dimension 0 with dtype ${cppTypeName(bins.dtype)}`,
    );
  if (bins.ndim !== 1)
    throw new RuntimeError(
      `torch.histogramdd: bins tensor should have one dimension, but got ${bins.ndim} dimensions in the bins tensor for dimension 0`,
    );
  if (bins.numel() === 0)
    throw new RuntimeError(
      "torch.histogramdd: bins tensor should have at least 1 element, but got 0 elements in the bins tensor for dimension 0",
    );
  if (weight === null) return;
  if (weight.dtype !== input.dtype)
    throw new RuntimeError(
      `torch.histogramdd: if weight tensor is provided, input tensor and weight tensor should have the same dtype, but got input(${cppTypeName(input.dtype)}), and weight(${cppTypeName(weight.dtype)})`,
    );
  if (weight.numel() !== input.numel())
    throw new RuntimeError(
      `torch.histogramdd: if weight tensor is provided it should have the same shape as the input tensor excluding its innermost dimension, but got input with shape ${sizesStr([input.numel(), 1])} and weight with shape ${sizesStr([weight.numel()])}`,
    );
}

function histogramResult(input: Tensor, hist: Tensor, edges: Tensor): Named<"hist" | "bin_edges"> {
  const outs = recordOutputs("torch::autograd::NotImplemented@inputs", [input], [hist, edges], () => ({
    op: "histogram",
  }));
  return named("histogram", [...HISTOGRAM_FIELDS], outs);
}

/** torch.histogram(input, bins: Tensor, *, weight=None, density=False): counts between the given edges. */
export function histogramEdges(
  input: Tensor,
  bins: Tensor,
  weight: Tensor | null = null,
  density = false,
): Named<"hist" | "bin_edges"> {
  checkHistogramInputs(input, bins, weight);
  if (bins.numel() < 2)
    throw new RuntimeError("torch.histogram(): bins must be > 0, but got 0 for dimension 0");
  if (input.dtype !== float32 && input.dtype !== float64)
    throw notImplemented("histogramdd_cpu", input.dtype);
  const edges = bins.detach().clone();
  return histogramResult(input, histogramKernel(input, edges, weight, density, false), edges);
}

/**
 * torch.histogram(input, bins=100, *, range=None, weight=None, density=False): `bins` equal bins between the
 * range (default: the input's min and max, widened by 0.5 each way when equal; [0, 1] when empty).
 */
export function histogramCount(
  input: Tensor,
  bins = 100,
  range: number[] | null = null,
  weight: Tensor | null = null,
  density = false,
): Named<"hist" | "bin_edges"> {
  if (!(bins > 0))
    throw new RuntimeError(`torch.histogram(): bins must be > 0, but got ${bins} for dimension 0`);
  let [lo, hi] = [0, 1];
  if (range !== null) {
    if (range.length !== 2)
      throw new RuntimeError(
        `torch.histogramdd: for a 1-dimensional histogram range should have 2 elements, but got ${range.length}`,
      );
    [lo, hi] = range;
  } else if (input.numel() > 0) {
    if (input.dtype !== float32 && input.dtype !== float64) throw notImplemented("histogramdd", input.dtype);
    [lo, hi] = valueRange(input);
  }
  if (!Number.isFinite(lo) || !Number.isFinite(hi))
    throw new RuntimeError(
      `torch.histogramdd: dimension 0's range [${cppDoubleStr(lo)}, ${cppDoubleStr(hi)}] is not finite`,
    );
  if (lo > hi)
    throw new RuntimeError(
      `torch.histogramdd: min should not exceed max, but got min ${cppDoubleStr(lo)} max ${cppDoubleStr(hi)} for dimension 0`,
    );
  if (lo === hi) [lo, hi] = [lo - 0.5, hi + 0.5];
  if (input.dtype === bool) throw notImplemented("linspace_cpu", input.dtype);
  const edges = linspaceValues(lo, hi, bins + 1, input.dtype);
  checkHistogramInputs(input, edges, weight);
  if (input.dtype !== float32 && input.dtype !== float64) throw notImplemented("histogram_cpu", input.dtype);
  return histogramResult(input, histogramKernel(input, edges, weight, density, true), edges);
}

/**
 * torch.bincount(input, weights=None, minlength=0): counts (int64) or summed weights of each non-negative
 * integer, float32 weights summing in float32 and any others in float64.
 */
export function bincount(input: Tensor, weights: Tensor | null = null, minlength = 0): Tensor {
  if (input.dtype.category !== Category.Integral || input.dtype === bool)
    throw notImplemented("bincount_cpu", input.dtype);
  if (minlength < 0) throw new RuntimeError("minlength should be >= 0");
  const outDtype = weights === null ? int64 : weights.dtype === float32 ? float32 : float64;
  if (input.ndim === 1 && input.numel() === 0)
    return fromData(allocate(int64, minlength), [minlength], int64);
  const values = input.values();
  if (input.ndim !== 1 || values.some((v) => v < 0))
    throw new RuntimeError("bincount only supports 1-d non-negative integral inputs.");
  if (weights !== null && (weights.ndim !== 1 || weights.shape[0] !== input.shape[0]))
    throw new RuntimeError("weights should be 1-d and have the same length as input");
  let largest = 0;
  for (const v of values) if (v > largest) largest = v;
  const bins = Math.max(largest + 1, minlength);
  const out = allocate(outDtype, bins);
  const w = weights?.to(outDtype).values() ?? null;
  // A typed array of the output's dtype rounds each float32 sum as PyTorch's float accumulator does.
  for (let i = 0; i < values.length; i++) out[values[i]] += w ? w[i] : 1;
  const result = fromData(out, [bins], outDtype);
  if (weights === null) return result;
  return record("torch::autograd::NotImplemented", [weights], result, () => ({ op: "bincount" }));
}

/** searchsorted_pre_check's check of `out`, after those of side and sorter (bucketize: of its boundaries). */
function checkOutIndices(out: Tensor, outInt32: boolean): void {
  if (out.dtype !== (outInt32 ? int32 : int64))
    throw new RuntimeError(
      `torch.searchsorted(): output tensor's dtype is wrong, it can only be Int(int32) or Long(int64) depending on whether out_int32 flag is True, but we got output tensor's dtype ${out.dtype.scalarTypeName} and out_int32 flag is ${outInt32 ? "True" : "False"}`,
    );
}
defineOutCheck(["searchsorted"], (out, args) => {
  const [boundaries, , outInt32, right, side, sorter] = args as Parameters<typeof searchsorted>;
  checkSideAndSorter(boundaries, right ?? false, side ?? null, sorter ?? null);
  checkOutIndices(out as Tensor, outInt32 === true);
});
defineOutCheck(["bucketize"], (out, args) => {
  const [, boundaries, outInt32] = args as Parameters<typeof bucketize>;
  checkBucketize(boundaries);
  checkOutIndices(out as Tensor, outInt32 === true);
});

defineOps("torch", {
  "searchsorted(Tensor sorted_sequence, Tensor input, *, bool out_int32=False, bool right=False, c10::string_view? side=None, Tensor? sorter=None, Tensor out=None) -> Tensor":
    searchsorted,
  "searchsorted(Tensor sorted_sequence, Scalar self, *, bool out_int32=False, bool right=False, c10::string_view? side=None, Tensor? sorter=None) -> Tensor":
    searchsortedScalar,
  "bucketize(Tensor input, Tensor boundaries, *, bool out_int32=False, bool right=False, Tensor out=None) -> Tensor":
    bucketize,
  "bucketize(Scalar self, Tensor boundaries, *, bool out_int32=False, bool right=False) -> Tensor":
    bucketizeScalar,
});

defineOps(
  "torch",
  {
    "histc(Tensor input, int64_t bins=100, Scalar min=0, Scalar max=0, *, Tensor out=None) -> Tensor": histc,
    "bincount(Tensor input, Tensor? weights=None, int64_t minlength=0) -> Tensor": bincount,
    "histogram(Tensor input, Tensor bins, *, Tensor? weight=None, bool density=False, TensorList[2] out=None) -> (Tensor hist, Tensor bin_edges)":
      histogramEdges,
    "histogram(Tensor input, int64_t bins=100, *, ArrayRef<double>? range=None, Tensor? weight=None, bool density=False, TensorList[2] out=None) -> (Tensor hist, Tensor bin_edges)":
      histogramCount,
  },
  { methods: true },
);
