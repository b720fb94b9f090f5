// Op table rows for src/ops/reduce_nan.ts: nansum, nanmean, count_nonzero, aminmax, var_mean, std_mean.
// NaNs come from masked_fill in both languages, so the rows also check that their gradient is zero.
import * as torch from "../../../src/index.js";
import { f, f64, noGrad, type InputSpec, type OpCase } from "../op_case.js";

const i64 = (...shape: number[]): InputSpec => ({ shape, dtype: "int64" });
const bools = (...shape: number[]): InputSpec => ({ shape, dtype: "bool" });
type Tensor = torch.Tensor;
/** a with NaN wherever it is above 0.5 (Python: WITH_NANS). */
const withNans = (a: Tensor) => a.masked_fill(a.gt(0.5), NaN);
const WITH_NANS = "a.masked_fill(a > 0.5, float('nan'))";

export const REDUCE_NAN_OPS: OpCase[] = [
  {
    name: "nansum",
    py: `torch.nansum(${WITH_NANS})`,
    inputs: [f(3, 4)],
    ts: (a) => torch.nansum(withNans(a)),
  },
  {
    name: "nansum.dim_keepdim",
    py: `torch.nansum(${WITH_NANS}, 1, keepdim=True)`,
    inputs: [f(3, 4)],
    ts: (a) => torch.nansum(withNans(a), 1, true),
  },
  {
    name: "nansum.dims_method",
    py: `(${WITH_NANS}).nansum((0, 2))`,
    inputs: [f(2, 3, 4)],
    ts: (a) => withNans(a).nansum([0, 2]),
  },
  { name: "nansum.long", py: "a.nansum(-1)", inputs: [f(3, 300)], ts: (a) => a.nansum(-1), gradcheck: false },
  {
    name: "nansum.float64",
    py: `torch.nansum(${WITH_NANS}, 0)`,
    inputs: [f64(4, 3)],
    ts: (a) => torch.nansum(withNans(a), 0),
  },
  { name: "nansum.int", py: "torch.nansum(a, 1)", inputs: [i64(3, 4)], ts: (a) => torch.nansum(a, 1) },
  {
    name: "nansum.dtype",
    py: "torch.nansum(a, dtype=torch.float64)",
    inputs: [f(3, 4)],
    ts: (a) => torch.nansum(a, { dtype: torch.float64 }),
  },
  {
    name: "nanmean",
    py: `torch.nanmean(${WITH_NANS})`,
    inputs: [f(3, 4)],
    ts: (a) => torch.nanmean(withNans(a)),
  },
  {
    name: "nanmean.dim_method",
    py: `(${WITH_NANS}).nanmean(0, True)`,
    inputs: [f(4, 3)],
    ts: (a) => withNans(a).nanmean(0, true),
  },
  {
    name: "nanmean.float64",
    py: `torch.nanmean(${WITH_NANS}, 1)`,
    inputs: [f64(3, 5)],
    ts: (a) => torch.nanmean(withNans(a), 1),
  },
  {
    name: "count_nonzero",
    py: "torch.count_nonzero(a.masked_fill(a > 0.5, 0))",
    inputs: [noGrad(f(3, 4))],
    ts: (a) => torch.count_nonzero(a.masked_fill(a.gt(0.5), 0)),
  },
  {
    name: "count_nonzero.dims_method",
    py: "a.masked_fill(a > 0.5, 0).count_nonzero((0, 2))",
    inputs: [noGrad(f(2, 3, 4))],
    ts: (a) => a.masked_fill(a.gt(0.5), 0).count_nonzero([0, 2]),
  },
  {
    name: "count_nonzero.int_dim",
    py: "torch.count_nonzero(a, 1)",
    inputs: [i64(3, 4)],
    ts: (a) => torch.count_nonzero(a, 1),
  },
  {
    name: "count_nonzero.bool",
    py: "a.count_nonzero(0)",
    inputs: [noGrad(bools(3, 4))],
    ts: (a) => a.count_nonzero(0),
  },
  {
    name: "aminmax.min",
    py: "torch.aminmax(a).min",
    inputs: [noGrad(f(3, 4))],
    ts: (a) => torch.aminmax(a).min,
  },
  {
    name: "aminmax.max_dim_keepdim",
    py: "torch.aminmax(a, dim=1, keepdim=True).max",
    inputs: [noGrad(f(3, 4))],
    ts: (a) => torch.aminmax(a, { dim: 1, keepdim: true }).max,
  },
  {
    name: "aminmax.method_int",
    py: "a.aminmax(dim=0)[0]",
    inputs: [i64(3, 4)],
    ts: (a) => a.aminmax({ dim: 0 })[0],
  },
  {
    name: "aminmax.nan",
    py: "torch.aminmax(a.masked_fill(a > 0.5, float('nan')), dim=-1)[1]",
    inputs: [noGrad(f(3, 4))],
    ts: (a) => torch.aminmax(a.masked_fill(a.gt(0.5), NaN), { dim: -1 })[1],
  },
  {
    name: "var_mean.var",
    py: "torch.var_mean(a, 1)[0]",
    inputs: [f(3, 4)],
    ts: (a) => torch.var_mean(a, 1)[0],
  },
  {
    name: "var_mean.mean",
    py: "torch.var_mean(a, 1)[1]",
    inputs: [f(3, 4)],
    ts: (a) => torch.var_mean(a, 1)[1],
  },
  {
    name: "var_mean.both_correction_keepdim",
    py: "(lambda r: r[0] + r[1])(torch.var_mean(a, (0, 2), correction=0, keepdim=True))",
    inputs: [f(2, 3, 4)],
    ts: (a) => {
      const [v, m] = torch.var_mean(a, [0, 2], { correction: 0, keepdim: true });
      return v.add(m);
    },
  },
  {
    name: "var_mean.all_unbiased_false",
    py: "(lambda r: r[0] * r[1])(torch.var_mean(a, False))",
    inputs: [f(3, 5)],
    ts: (a) => {
      const [v, m] = torch.var_mean(a, false);
      return v.mul(m);
    },
  },
  {
    name: "var_mean.float64",
    py: "torch.var_mean(a, 0)[0]",
    inputs: [f64(40, 3)],
    ts: (a) => torch.var_mean(a, 0)[0],
  },
  { name: "std_mean.std", py: "torch.std_mean(a)[0]", inputs: [f(3, 4)], ts: (a) => torch.std_mean(a)[0] },
  {
    name: "std_mean.both_dim_unbiased",
    py: "(lambda r: r[0] + r[1])(torch.std_mean(a, 1, False, True))",
    inputs: [f(3, 4)],
    ts: (a) => {
      const [s, m] = torch.std_mean(a, 1, false, true);
      return s.add(m);
    },
  },
  {
    name: "std_mean.mean_correction2",
    py: "torch.std_mean(a, -1, correction=2)[1]",
    inputs: [f64(2, 5)],
    ts: (a) => torch.std_mean(a, -1, { correction: 2 })[1],
  },
];
