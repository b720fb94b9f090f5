// Op table rows for src/ops/histogram.ts: searchsorted, bucketize, histc, histogram, bincount. Boundaries come sorted
// from a.sort(); integer inputs give ties with the boundaries, where `right` decides the side.
import * as torch from "../../../src/index.js";
import { f, f64, noGrad, type InputSpec, type OpCase } from "../op_case.js";

const i64 = (...shape: number[]): InputSpec => ({ shape, dtype: "int64" });

export const HISTOGRAM_OPS: OpCase[] = [
  {
    name: "searchsorted",
    py: "torch.searchsorted(a.sort().values, b)",
    inputs: [f(6), f(2, 3)],
    ts: (a, b) => torch.searchsorted(a.sort().values, b),
  },
  {
    name: "searchsorted.right_rows",
    py: "torch.searchsorted(a.sort(-1).values, b, right=True)",
    inputs: [f(2, 5), f(2, 3)],
    ts: (a, b) => torch.searchsorted(a.sort(-1).values, b, { right: true }),
  },
  {
    name: "searchsorted.side_sorter",
    py: "torch.searchsorted(a, b, side='right', sorter=a.argsort())",
    inputs: [i64(8), i64(3, 4)],
    ts: (a, b) => torch.searchsorted(a, b, { side: "right", sorter: a.argsort() }),
  },
  {
    name: "searchsorted.rows_sorter_left",
    py: "torch.searchsorted(a, b, side='left', sorter=a.argsort(stable=True))",
    inputs: [i64(2, 8), i64(2, 5)],
    ts: (a, b) => torch.searchsorted(a, b, { side: "left", sorter: a.argsort({ stable: true }) }),
  },
  {
    name: "searchsorted.int_ties",
    py: "torch.searchsorted(a.sort().values, b)",
    inputs: [i64(10), i64(6)],
    ts: (a, b) => torch.searchsorted(a.sort().values, b),
  },
  {
    name: "searchsorted.int_ties_right",
    py: "torch.searchsorted(a.sort().values, b, right=True)",
    inputs: [i64(10), i64(6)],
    ts: (a, b) => torch.searchsorted(a.sort().values, b, { right: true }),
  },
  {
    name: "searchsorted.promote_int32",
    py: "torch.searchsorted(a.sort().values, b, out_int32=True)",
    inputs: [f(7), f64(4)],
    ts: (a, b) => torch.searchsorted(a.sort().values, b, { out_int32: true }),
  },
  {
    name: "searchsorted.scalar",
    py: "torch.searchsorted(a.sort().values, 0.3)",
    inputs: [f(7)],
    ts: (a) => torch.searchsorted(a.sort().values, 0.3),
  },
  {
    name: "bucketize",
    py: "torch.bucketize(b, a.sort().values)",
    inputs: [f(5), f(3, 4)],
    ts: (a, b) => torch.bucketize(b, a.sort().values),
  },
  {
    name: "bucketize.right_int",
    py: "torch.bucketize(b, a.sort().values, right=True)",
    inputs: [i64(6), i64(8)],
    ts: (a, b) => torch.bucketize(b, a.sort().values, { right: true }),
  },
  {
    name: "bucketize.scalar_int32",
    py: "torch.bucketize(1, a.sort().values, out_int32=True)",
    inputs: [i64(6)],
    ts: (a) => torch.bucketize(1, a.sort().values, { out_int32: true }),
  },
  { name: "histc", py: "torch.histc(a, 5)", inputs: [f(50)], ts: (a) => torch.histc(a, 5) },
  { name: "histc.default_bins", py: "torch.histc(a)", inputs: [f(300)], ts: (a) => torch.histc(a) },
  {
    name: "histc.range",
    py: "torch.histc(a, 16, -1, 1)",
    inputs: [f(60)],
    ts: (a) => torch.histc(a, 16, -1, 1),
  },
  {
    name: "histc.edges",
    py: "torch.histc((a * 2).round(), 4, -2, 2)",
    inputs: [f(30)],
    ts: (a) => torch.histc(a.mul(2).round(), 4, -2, 2),
  },
  {
    name: "histc.nan_in_range",
    py: "torch.histc(a.masked_fill(a > 1, float('nan')), 4, -2, 2)",
    inputs: [f(30)],
    ts: (a) => torch.histc(a.masked_fill(a.gt(1), NaN), 4, -2, 2),
  },
  {
    name: "histc.method_float64",
    py: "a.histc(bins=6, min=0, max=1.5)",
    inputs: [f64(40)],
    ts: (a) => a.histc({ bins: 6, min: 0, max: 1.5 }),
  },
  {
    name: "histogram.hist",
    py: "torch.histogram(a, 7).hist",
    inputs: [noGrad(f(200))],
    ts: (a) => torch.histogram(a, 7).hist,
  },
  {
    name: "histogram.bin_edges",
    py: "torch.histogram(a, 7).bin_edges",
    inputs: [noGrad(f(200))],
    ts: (a) => torch.histogram(a, 7).bin_edges,
  },
  {
    name: "histogram.range_weight_float64",
    py: "torch.histogram(a, 5, range=(-1., 1.5), weight=b).hist",
    inputs: [noGrad(f64(40)), noGrad(f64(40))],
    ts: (a, b) => torch.histogram(a, 5, { range: [-1, 1.5], weight: b }).hist,
  },
  {
    name: "histogram.density",
    py: "a.histogram(bins=6, density=True).hist",
    inputs: [noGrad(f(3, 10))],
    ts: (a) => a.histogram({ bins: 6, density: true }).hist,
  },
  {
    name: "histogram.edges_on_bin_edges",
    py: "torch.histogram((a * 4).round() / 4, 8, range=(-1., 1.)).hist",
    inputs: [noGrad(f(60))],
    ts: (a) => torch.histogram(a.mul(4).round().div(4), 8, { range: [-1, 1] }).hist,
  },
  {
    name: "histogram.nan_in_range",
    py: "torch.histogram(a.masked_fill(a > 1, float('nan')), 4, range=(-2., 2.)).hist",
    inputs: [noGrad(f(30))],
    ts: (a) => torch.histogram(a.masked_fill(a.gt(1), NaN), 4, { range: [-2, 2] }).hist,
  },
  {
    name: "histogram.tensor_bins",
    py: "torch.histogram(a, b.sort().values).hist",
    inputs: [noGrad(f(50)), noGrad(f(6))],
    ts: (a, b) => torch.histogram(a, b.sort().values).hist,
  },
  {
    name: "histogram.tensor_bins_weight_density",
    py: "torch.histogram(a, b.sort().values, weight=c, density=True).hist",
    inputs: [noGrad(f64(50)), noGrad(f64(5)), noGrad(f64(50))],
    ts: (a, b, c) => torch.histogram(a, b.sort().values, { weight: c, density: true }).hist,
  },
  {
    name: "histogram.tensor_bins_nan",
    py: "torch.histogram(a.masked_fill(a > 1, float('nan')), torch.tensor([-3., -1., 0., 2.])).hist",
    inputs: [noGrad(f(30))],
    ts: (a) => torch.histogram(a.masked_fill(a.gt(1), NaN), torch.tensor([-3, -1, 0, 2])).hist,
  },
  { name: "bincount", py: "torch.bincount(a.abs())", inputs: [i64(20)], ts: (a) => torch.bincount(a.abs()) },
  {
    name: "bincount.weights",
    py: "torch.bincount(a.abs(), b)",
    inputs: [i64(10), noGrad(f(10))],
    ts: (a, b) => torch.bincount(a.abs(), b),
  },
  {
    name: "bincount.weights_float64_minlength",
    py: "a.abs().bincount(b, minlength=9)",
    inputs: [i64(10), noGrad(f64(10))],
    ts: (a, b) => a.abs().bincount(b, 9),
  },
  {
    name: "bincount.int_weights",
    py: "torch.bincount(a.abs(), b)",
    inputs: [i64(10), i64(10)],
    ts: (a, b) => torch.bincount(a.abs(), b),
  },
  {
    name: "histogramdd.int_bins",
    py: "torch.histogramdd(a, 3).hist",
    inputs: [noGrad(f(40, 2))],
    ts: (a) => torch.histogramdd(a, 3).hist,
  },
  {
    name: "histogramdd.bin_counts_edges",
    py: "torch.cat(torch.histogramdd(a, [4, 2, 3]).bin_edges)",
    inputs: [noGrad(f(30, 3))],
    ts: (a) => torch.cat([...torch.histogramdd(a, [4, 2, 3]).bin_edges]),
  },
  {
    name: "histogramdd.bin_counts_3d_input",
    py: "torch.histogramdd(a, [4, 2, 3]).hist",
    inputs: [noGrad(f(5, 6, 3))],
    ts: (a) => torch.histogramdd(a, [4, 2, 3]).hist,
  },
  {
    name: "histogramdd.range_weight_density_float64",
    py: "torch.histogramdd(a, [3, 5], range=[-1., 1., -2., 0.5], weight=b.abs(), density=True).hist",
    inputs: [noGrad(f64(50, 2)), noGrad(f64(50))],
    ts: (a, b) => torch.histogramdd(a, [3, 5], [-1, 1, -2, 0.5], b.abs(), true).hist,
  },
  {
    name: "histogramdd.tensor_bins_weight",
    py: "torch.histogramdd(a, [torch.tensor([-2., -0.5, 0., 1.5]), torch.tensor([-1., 0., 1.])], weight=b).hist",
    inputs: [noGrad(f(40, 2)), noGrad(f(40))],
    ts: (a, b) =>
      torch.histogramdd(a, [torch.tensor([-2, -0.5, 0, 1.5]), torch.tensor([-1, 0, 1])], { weight: b }).hist,
  },
  {
    name: "histogramdd.tensor_bins_density",
    py: "torch.histogramdd(a, [b.sort().values, torch.tensor([-3., 0., 3.])], density=True).hist",
    inputs: [noGrad(f(40, 2)), noGrad(f(6))],
    ts: (a, b) => torch.histogramdd(a, [b.sort().values, torch.tensor([-3, 0, 3])], { density: true }).hist,
  },
  {
    name: "histogramdd.nan_and_edges",
    py: "torch.histogramdd(((a * 2).round() / 2).masked_fill(a > 1.2, float('nan')), 4, range=[-1., 1., -1., 1.]).hist",
    inputs: [noGrad(f(40, 2))],
    ts: (a) => torch.histogramdd(a.mul(2).round().div(2).masked_fill(a.gt(1.2), NaN), 4, [-1, 1, -1, 1]).hist,
  },
];
