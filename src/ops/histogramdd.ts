// torch.histogramdd (native/Histogram.cpp's histogramdd_bin_edges, _histogramdd_from_bin_cts and
// _histogramdd_from_bin_tensors, with cpu/HistogramKernel.cpp's kernel in histogram.ts): the points of an
// (..., N) input binned in N dims, by bin counts (equal bins between the range or the input's min and max per
// dim, LINEAR_INTERPOLATION_WITH_LOCAL_SEARCH) or by N tensors of edges (BINARY_SEARCH). Not differentiable:
// torch::autograd::NotImplemented nodes, as PyTorch 1.13 records.
import { RuntimeError } from "../errors.js";
import { cppDoubleStr } from "../python.js";
import { defineOps } from "../signatures/registry.js";
import { linspaceValues } from "../tensor/creation.js";
import { bool, float32, float64 } from "../tensor/dtype.js";
import type { Tensor } from "../tensor/tensor.js";
import { cppTypeName, record, recordOutputs } from "./core.js";
import { histogramddKernel, notImplemented, sizesStr, valueRange } from "./histogram.js";
import { NamedTuple } from "./reduce_util.js";

/** torch.return_types.histogramdd: `hist` and the tuple `bin_edges` (one tensor of edges per dim). */
export class HistogramddResult extends NamedTuple {
  declare readonly hist: Tensor;
  declare readonly bin_edges: readonly Tensor[];
  constructor(hist: Tensor, binEdges: readonly Tensor[]) {
    super("histogramdd", ["hist", "bin_edges"], [hist, Object.freeze([...binEdges]) as unknown as Tensor]);
  }
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    const edges = this.bin_edges.map((e) => e.toString());
    const tuple = edges.length === 1 ? `(${edges[0]},)` : `(${edges.join(", ")})`;
    return `torch.return_types.histogramdd(\nhist=${this.hist.toString()},\nbin_edges=${tuple})`;
  }
}

/** allocate_bin_edges_tensors' check, the first of every overload. */
function checkDims(input: Tensor): number {
  if (input.ndim < 2)
    throw new RuntimeError("torch.histogramdd: input tensor should have at least 2 dimensions");
  return input.shape[input.ndim - 1];
}

/** histogramdd_check_inputs: one 1-D, non-empty tensor of edges per dim in the input's dtype; the weight's. */
function checkInputs(input: Tensor, bins: readonly Tensor[], weight: Tensor | null): void {
  const n = input.shape[input.ndim - 1];
  if (bins.length !== n)
    throw new RuntimeError(
      `torch.histogramdd: expected ${n} sequences of bin edges for a ${n}-dimensional histogram but got ${bins.length}`,
    );
  bins.forEach((b, dim) => {
    if (b.dtype !== input.dtype)
      throw new RuntimeError(
        `torch.histogramdd: input tensor and bins tensors should have the same dtype, but got input with dtype ${cppTypeName(input.dtype)} and bins for dimension ${dim} with dtype ${cppTypeName(b.dtype)}`,
      );
    if (b.ndim !== 1)
      throw new RuntimeError(
        `torch.histogramdd: bins tensor should have one dimension, but got ${b.ndim} dimensions in the bins tensor for dimension ${dim}`,
      );
    if (b.numel() === 0)
      throw new RuntimeError(
        `torch.histogramdd: bins tensor should have at least 1 element, but got 0 elements in the bins tensor for dimension ${dim}`,
      );
  });
  if (weight === null) return;
  if (weight.dtype !== input.dtype)
    throw new RuntimeError(
      `torch.histogramdd: if weight tensor is provided, input tensor and weight tensor should have the same dtype, but got input(${cppTypeName(input.dtype)}), and weight(${cppTypeName(weight.dtype)})`,
    );
  const want = input.shape.slice(0, -1);
  const got = weight.ndim === 0 ? [1] : weight.shape;
  if (sizesStr(want) !== sizesStr(got))
    throw new RuntimeError(
      `torch.histogramdd: if weight tensor is provided it should have the same shape as the input tensor excluding its innermost dimension, but got input with shape ${sizesStr(input.shape)} and weight with shape ${sizesStr(weight.shape)}`,
    );
}

/** histogramdd_prepare_out's check of each dim's bin count, then the kernel's dtype dispatch. */
function checkCounts(input: Tensor, counts: readonly number[]): void {
  counts.forEach((c, dim) => {
    if (!(c > 0))
      throw new RuntimeError(`torch.histogram(): bins must be > 0, but got ${c} for dimension ${dim}`);
  });
  if (input.dtype !== float32 && input.dtype !== float64) throw notImplemented("histogram_cpu", input.dtype);
}

/** The input as M points of N coordinates (M x N). */
function asPoints(input: Tensor, n: number): Tensor {
  const m = input.shape.slice(0, -1).reduce((a, b) => a * b, 1);
  return input.reshape([m, n]);
}

/**
 * select_outer_bin_edges: each dim's [min, max] from `range` (2N numbers) or the points' own (numpy's [0, 1]
 * when there are none), finite and ordered, an empty range widened by 0.5 each way.
 */
function outerEdges(points: Tensor, n: number, range: readonly number[] | null): [number[], number[]] {
  const lo = new Array<number>(n).fill(0);
  const hi = new Array<number>(n).fill(1);
  if (range !== null) {
    if (range.length !== 2 * n)
      throw new RuntimeError(
        `torch.histogramdd: for a ${n}-dimensional histogram range should have ${2 * n} elements, but got ${range.length}`,
      );
    for (let d = 0; d < n; d++) [lo[d], hi[d]] = [range[2 * d], range[2 * d + 1]];
  } else if (points.numel() > 0) {
    if (points.dtype !== float32 && points.dtype !== float64)
      throw notImplemented("histogramdd", points.dtype);
    for (let d = 0; d < n; d++) [lo[d], hi[d]] = valueRange(points.select(1, d));
  }
  for (let d = 0; d < n; d++) {
    if (!Number.isFinite(lo[d]) || !Number.isFinite(hi[d]))
      throw new RuntimeError(
        `torch.histogramdd: dimension ${d}'s range [${cppDoubleStr(lo[d])}, ${cppDoubleStr(hi[d])}] is not finite`,
      );
    if (lo[d] > hi[d])
      throw new RuntimeError(
        `torch.histogramdd: min should not exceed max, but got min ${cppDoubleStr(lo[d])} max ${cppDoubleStr(hi[d])} for dimension ${d}`,
      );
    if (lo[d] === hi[d]) [lo[d], hi[d]] = [lo[d] - 0.5, hi[d] + 0.5];
  }
  return [lo, hi];
}

/**
 * torch.histogramdd(input, bins: int | int[], range=None, weight=None, density=False): `bins[d]` equal bins in
 * dim d (an int: the same count in every dim). The edges come from histogramdd_bin_edges and the counts from
 * _histogramdd_from_bin_cts, each its own NotImplemented node.
 */
export function histogramddCounts(
  input: Tensor,
  bins: number | readonly number[],
  range: readonly number[] | null = null,
  weight: Tensor | null = null,
  density = false,
): HistogramddResult {
  const n = checkDims(input);
  // A list shorter than N: PyTorch reads past its end (0 here, as observed, so the count check below fails).
  const counts = Array.from({ length: n }, (_, d) => (typeof bins === "number" ? bins : (bins[d] ?? 0)));
  const points = asPoints(input, n);
  const [lo, hi] = outerEdges(points, n, range);
  if (n > 0 && input.dtype === bool) throw notImplemented("linspace_cpu", input.dtype);
  const edges = counts.map((c, d) => linspaceValues(lo[d], hi[d], c + 1, input.dtype));
  checkInputs(input, edges, weight);
  checkCounts(input, counts);
  const hist = histogramddKernel(points, edges, weight, density, true);
  const inputs = [input, weight];
  const binEdges = recordOutputs("torch::autograd::NotImplemented@inputs", inputs, edges, () => ({
    op: "_histogramdd_bin_edges",
  }));
  const out = record("torch::autograd::NotImplemented@inputs", inputs, hist, () => ({
    op: "_histogramdd_from_bin_cts",
  }));
  return new HistogramddResult(out, binEdges);
}

/**
 * torch.histogramdd(input, bins: Tensor[], range=None, weight=None, density=False): the given edges in each
 * dim (range is ignored); bin_edges are the given tensors.
 */
export function histogramddEdges(
  input: Tensor,
  bins: readonly Tensor[],
  _range: readonly number[] | null = null,
  weight: Tensor | null = null,
  density = false,
): HistogramddResult {
  const n = checkDims(input);
  checkInputs(input, bins, weight);
  checkCounts(
    input,
    bins.map((b) => b.numel() - 1),
  );
  const edges = bins.map((b) => b.detach());
  const hist = histogramddKernel(asPoints(input, n), edges, weight, density, false);
  const out = record("torch::autograd::NotImplemented@inputs", [input, ...bins, weight], hist, () => ({
    op: "_histogramdd_from_bin_tensors",
  }));
  return new HistogramddResult(out, bins);
}

defineOps("torch", {
  "histogramdd(Tensor input, int64_t bins, ArrayRef<double>? range=None, Tensor? weight=None, bool density=False) -> (Tensor hist, Tensor[] bin_edges)":
    histogramddCounts,
  "histogramdd(Tensor input, IntArrayRef bins, ArrayRef<double>? range=None, Tensor? weight=None, bool density=False) -> (Tensor hist, Tensor[] bin_edges)":
    histogramddCounts,
  "histogramdd(Tensor input, TensorList bins, ArrayRef<double>? range=None, Tensor? weight=None, bool density=False) -> (Tensor hist, Tensor[] bin_edges)":
    histogramddEdges,
});
