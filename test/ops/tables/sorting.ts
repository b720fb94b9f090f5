// Op table rows for src/ops/sorting.ts: sort, argsort, msort, topk, kthvalue, median, nanmedian, mode. Ties come
// from repeated inputs (a.repeat, torch.cat) and small integers, NaNs from masked_fill: their indices are the
// ones PyTorch's CPU kernels leave (std::sort is not stable past 16 elements; topk takes partial_sort or
// nth_element + sort; kthvalue a quickselect).
import * as torch from "../../../src/index.js";
import { f, f64, noGrad, type InputSpec, type OpCase } from "../op_case.js";

const i64 = (...shape: number[]): InputSpec => ({ shape, dtype: "int64" });
const bools = (...shape: number[]): InputSpec => ({ shape, dtype: "bool" });
/** `a` with its elements above 0.5 replaced by NaN, in Python and TypeScript. */
const NAN_PY = "a.masked_fill(a > 0.5, float('nan'))";
const withNan = (a: torch.Tensor) => a.masked_fill(a.gt(0.5), NaN);

const SORTS: OpCase[] = [
  { name: "sort", py: "torch.sort(a).values", inputs: [f(3, 5)], ts: (a) => torch.sort(a).values },
  { name: "sort.indices", py: "torch.sort(a)[1]", inputs: [noGrad(f(3, 5))], ts: (a) => torch.sort(a)[1] },
  {
    name: "sort.descending_dim0",
    py: "torch.sort(a, 0, True).values",
    inputs: [f(4, 3)],
    ts: (a) => torch.sort(a, 0, true).values,
  },
  {
    name: "sort.stable",
    py: "torch.sort(a, stable=True, descending=True).values",
    inputs: [f(3, 5)],
    ts: (a) => torch.sort(a, { stable: true, descending: true }).values,
  },
  {
    name: "sort.ties_values",
    py: "torch.sort(a.repeat(1, 6), dim=1).values",
    inputs: [f(2, 5)],
    ts: (a) => torch.sort(a.repeat(1, 6), { dim: 1 }).values,
  },
  {
    name: "sort.ties_indices",
    py: "torch.sort(a.repeat(1, 6), dim=1)[1]",
    inputs: [noGrad(f(2, 5))],
    ts: (a) => torch.sort(a.repeat(1, 6), { dim: 1 })[1],
  },
  {
    name: "sort.ties_descending_indices",
    py: "a.repeat(1, 6).sort(1, True).indices",
    inputs: [noGrad(f(2, 5))],
    ts: (a) => a.repeat(1, 6).sort(1, true).indices,
  },
  {
    name: "sort.stable_ties_indices",
    py: "torch.sort(a.repeat(1, 6), stable=True, dim=1)[1]",
    inputs: [noGrad(f(2, 5))],
    ts: (a) => torch.sort(a.repeat(1, 6), { stable: true, dim: 1 })[1],
  },
  { name: "sort.int_indices", py: "torch.sort(a)[1]", inputs: [i64(3, 40)], ts: (a) => torch.sort(a)[1] },
  { name: "sort.int_values", py: "a.sort(0).values", inputs: [i64(30, 2)], ts: (a) => a.sort(0).values },
  { name: "sort.bool_indices", py: "torch.sort(a)[1]", inputs: [bools(20)], ts: (a) => torch.sort(a)[1] },
  {
    name: "sort.nan_indices",
    py: `torch.sort(${NAN_PY}, descending=True)[1]`,
    inputs: [noGrad(f(3, 20))],
    ts: (a) => torch.sort(withNan(a), { descending: true })[1],
  },
  {
    name: "sort.nan_values",
    py: `torch.sort(${NAN_PY}).values`,
    inputs: [f(2, 8)],
    ts: (a) => torch.sort(withNan(a)).values,
    gradcheck: false,
  },
  {
    name: "sort.float64",
    py: "a.sort(descending=True)[0]",
    inputs: [f64(4, 5)],
    ts: (a) => a.sort({ descending: true })[0],
  },
  { name: "sort.scalar", py: "torch.sort(a).values", inputs: [f()], ts: (a) => torch.sort(a).values },
  {
    name: "argsort",
    py: "torch.argsort(a.repeat(1, 6), dim=1)",
    inputs: [noGrad(f(2, 5))],
    ts: (a) => torch.argsort(a.repeat(1, 6), { dim: 1 }),
  },
  {
    name: "argsort.stable_descending",
    py: "torch.argsort(a, stable=True, descending=True)",
    inputs: [i64(2, 30)],
    ts: (a) => torch.argsort(a, { stable: true, descending: true }),
  },
  { name: "argsort.method", py: "a.argsort(0)", inputs: [noGrad(f(4, 3))], ts: (a) => a.argsort(0) },
  { name: "msort", py: "torch.msort(a)", inputs: [f(4, 3)], ts: (a) => torch.msort(a) },
  { name: "msort.method_int", py: "a.msort()", inputs: [i64(20, 2)], ts: (a) => a.msort() },
];

const TOPKS: OpCase[] = [
  { name: "topk", py: "torch.topk(a, 2).values", inputs: [f(3, 6)], ts: (a) => torch.topk(a, 2).values },
  {
    name: "topk.smallest_indices",
    py: "torch.topk(a, 3, dim=0, largest=False)[1]",
    inputs: [noGrad(f(5, 4))],
    ts: (a) => torch.topk(a, 3, { dim: 0, largest: false })[1],
  },
  {
    name: "topk.unsorted",
    py: "torch.topk(a, 4, sorted=False).values",
    inputs: [f(2, 7)],
    ts: (a) => torch.topk(a, 4, { sorted: false }).values,
  },
  {
    name: "topk.partial_sort_ties",
    py: "torch.topk(a.repeat(1, 40), 2, dim=1)[1]",
    inputs: [noGrad(f(2, 5))],
    ts: (a) => torch.topk(a.repeat(1, 40), 2, { dim: 1 })[1],
  },
  {
    name: "topk.partial_sort_values",
    py: "torch.topk(a.repeat(1, 40), 3, dim=1, largest=False).values",
    inputs: [f(2, 5)],
    ts: (a) => torch.topk(a.repeat(1, 40), 3, { dim: 1, largest: false }).values,
  },
  {
    name: "topk.int_indices",
    py: "torch.topk(a, 5)[1]",
    inputs: [i64(3, 40)],
    ts: (a) => torch.topk(a, 5)[1],
  },
  {
    name: "topk.int_unsorted_indices",
    py: "torch.topk(a, 30, sorted=False, largest=False)[1]",
    inputs: [i64(2, 50)],
    ts: (a) => torch.topk(a, 30, { sorted: false, largest: false })[1],
  },
  {
    name: "topk.nan_indices",
    py: `torch.topk(${NAN_PY}, 6)[1]`,
    inputs: [noGrad(f(3, 20))],
    ts: (a) => torch.topk(withNan(a), 6)[1],
  },
  {
    name: "topk.float64",
    py: "a.topk(2, largest=False).values",
    inputs: [f64(3, 4)],
    ts: (a) => a.topk(2, { largest: false }).values,
  },
  { name: "topk.scalar", py: "torch.topk(a, 1).values", inputs: [f()], ts: (a) => torch.topk(a, 1).values },
  {
    name: "kthvalue",
    py: "torch.kthvalue(a, 2).values",
    inputs: [f(3, 5)],
    ts: (a) => torch.kthvalue(a, 2).values,
  },
  {
    name: "kthvalue.keepdim",
    py: "torch.kthvalue(a, 2, 0, True).values",
    inputs: [f(4, 3)],
    ts: (a) => torch.kthvalue(a, 2, 0, true).values,
  },
  {
    name: "kthvalue.ties_values",
    py: "torch.kthvalue(a.repeat(1, 5), 8, 1).values",
    inputs: [f(3, 4)],
    ts: (a) => torch.kthvalue(a.repeat(1, 5), 8, 1).values,
  },
  {
    name: "kthvalue.int_indices",
    py: "torch.kthvalue(a, 7, 1)[1]",
    inputs: [i64(3, 20)],
    ts: (a) => torch.kthvalue(a, 7, 1)[1],
  },
  {
    name: "kthvalue.nan_indices",
    py: `torch.kthvalue(${NAN_PY}, 15)[1]`,
    inputs: [noGrad(f(3, 20))],
    ts: (a) => torch.kthvalue(withNan(a), 15)[1],
  },
  {
    name: "kthvalue.method_float64",
    py: "a.kthvalue(3).values",
    inputs: [f64(2, 5)],
    ts: (a) => a.kthvalue(3).values,
  },
];

const MEDIANS: OpCase[] = [
  { name: "median", py: "torch.median(a)", inputs: [f(3, 5)], ts: (a) => torch.median(a) },
  {
    name: "median.ties",
    py: "torch.median(a.repeat(3, 1))",
    inputs: [f(2, 2)],
    ts: (a) => torch.median(a.repeat(3, 1)),
  },
  { name: "median.int", py: "a.median()", inputs: [i64(8)], ts: (a) => a.median() },
  { name: "median.empty", py: "torch.median(a)", inputs: [f(0)], ts: (a) => torch.median(a) },
  { name: "median.empty_int", py: "torch.median(a)", inputs: [i64(0)], ts: (a) => torch.median(a) },
  {
    name: "median.dim",
    py: "torch.median(a, 1).values",
    inputs: [f(3, 5)],
    ts: (a) => torch.median(a, 1).values,
  },
  {
    name: "median.dim_keepdim",
    py: "torch.median(a, 0, keepdim=True).values",
    inputs: [f(4, 3)],
    ts: (a) => torch.median(a, 0, { keepdim: true }).values,
  },
  {
    name: "median.dim_ties_values",
    py: "torch.median(a.repeat(1, 4), 1).values",
    inputs: [f(3, 4)],
    ts: (a) => torch.median(a.repeat(1, 4), 1).values,
  },
  {
    name: "median.int_indices",
    py: "torch.median(a, 1)[1]",
    inputs: [i64(3, 20)],
    ts: (a) => torch.median(a, 1)[1],
  },
  {
    name: "median.nan_indices",
    py: `torch.median(${NAN_PY}, 1)[1]`,
    inputs: [noGrad(f(4, 10))],
    ts: (a) => torch.median(withNan(a), 1)[1],
  },
  {
    name: "median.method_float64",
    py: "a.median(-1).values",
    inputs: [f64(3, 4)],
    ts: (a) => a.median(-1).values,
  },
  {
    name: "nanmedian",
    py: `torch.nanmedian(${NAN_PY})`,
    inputs: [f(3, 5)],
    ts: (a) => torch.nanmedian(withNan(a)),
  },
  {
    name: "nanmedian.dim",
    py: `torch.nanmedian(${NAN_PY}, 1).values`,
    inputs: [f(4, 6)],
    ts: (a) => torch.nanmedian(withNan(a), 1).values,
  },
  {
    name: "nanmedian.dim_indices",
    py: `${NAN_PY}.nanmedian(1)[1]`,
    inputs: [noGrad(f(4, 20))],
    ts: (a) => withNan(a).nanmedian(1)[1],
  },
  { name: "nanmedian.int", py: "torch.nanmedian(a)", inputs: [i64(7)], ts: (a) => torch.nanmedian(a) },
  { name: "mode", py: "torch.mode(a).values", inputs: [f(3, 5)], ts: (a) => torch.mode(a).values },
  {
    name: "mode.ties_values",
    py: "torch.mode(torch.cat([a, a[:, :2]], 1), 1).values",
    inputs: [f(3, 5)],
    ts: (a) => torch.mode(torch.cat([a, a.narrow(1, 0, 2)], 1), 1).values,
  },
  {
    name: "mode.keepdim",
    py: "torch.mode(a, 0, keepdim=True).values",
    inputs: [f(4, 3)],
    ts: (a) => torch.mode(a, 0, true).values,
  },
  {
    name: "mode.int_indices",
    py: "torch.mode(a, 1)[1]",
    inputs: [i64(3, 40)],
    ts: (a) => torch.mode(a, 1)[1],
  },
  { name: "mode.int_values", py: "a.mode(0).values", inputs: [i64(30, 3)], ts: (a) => a.mode(0).values },
  { name: "mode.bool_indices", py: "torch.mode(a)[1]", inputs: [bools(2, 20)], ts: (a) => torch.mode(a)[1] },
];

export const SORTING_OPS: OpCase[] = [...SORTS, ...TOPKS, ...MEDIANS];

const QUANTILES: OpCase[] = [
  { name: "quantile", py: "torch.quantile(a, 0.3)", inputs: [f(3, 5)], ts: (a) => torch.quantile(a, 0.3) },
  {
    name: "quantile.tensor_q_dim",
    py: "torch.quantile(a, b / 2.2, dim=1)",
    inputs: [f(3, 5), { shape: [4], domain: "positive", grad: false }],
    ts: (a, b) => torch.quantile(a, b.div(2.2), 1),
  },
  {
    name: "quantile.dim0_keepdim",
    py: "torch.quantile(a, 0.75, dim=0, keepdim=True)",
    inputs: [f(4, 3)],
    ts: (a) => torch.quantile(a, 0.75, 0, true),
  },
  {
    name: "quantile.keepdim_nodim",
    py: "a.quantile(0.4, keepdim=True)",
    inputs: [f(2, 3)],
    ts: (a) => a.quantile(0.4, { keepdim: true }),
  },
  {
    name: "quantile.ties",
    py: "torch.quantile(a.repeat(1, 3), 0.5, dim=1)",
    inputs: [f(2, 4)],
    ts: (a) => torch.quantile(a.repeat(1, 3), 0.5, 1),
  },
  {
    name: "quantile.nan",
    py: `torch.quantile(${NAN_PY}, 0.25, dim=1)`,
    inputs: [f(4, 5)],
    ts: (a) => torch.quantile(withNan(a), 0.25, 1),
    gradcheck: false,
  },
  {
    name: "quantile.float64",
    py: "torch.quantile(a, 0.9, -1)",
    inputs: [f64(3, 6)],
    ts: (a) => torch.quantile(a, 0.9, -1),
  },
  ...(["lower", "higher", "midpoint", "nearest"] as const).map((mode): OpCase => ({
    name: `quantile.${mode}`,
    py: `torch.quantile(a, 0.3, dim=1, interpolation='${mode}')`,
    inputs: [f(3, 6)],
    ts: (a) => torch.quantile(a, 0.3, 1, { interpolation: mode }),
  })),
  {
    name: "nanquantile",
    py: `torch.nanquantile(${NAN_PY}, 0.3)`,
    inputs: [f(3, 5)],
    ts: (a) => torch.nanquantile(withNan(a), 0.3),
  },
  {
    name: "nanquantile.dim",
    py: `torch.nanquantile(${NAN_PY}, torch.tensor([0.2, 0.6], dtype=a.dtype), dim=1, interpolation='midpoint')`,
    inputs: [f(4, 6)],
    ts: (a) =>
      torch.nanquantile(withNan(a), torch.tensor([0.2, 0.6], { dtype: a.dtype }), 1, {
        interpolation: "midpoint",
      }),
  },
  {
    name: "nanquantile.method_nearest",
    py: `${NAN_PY}.nanquantile(0.5, 0, interpolation='nearest')`,
    inputs: [f(5, 3)],
    ts: (a) => withNan(a).nanquantile(0.5, 0, { interpolation: "nearest" }),
  },
];

SORTING_OPS.push(...QUANTILES);
