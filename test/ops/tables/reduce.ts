// Op table rows for src/ops/reduce.ts: sum, mean, prod, max/min, amax/amin, argmax/argmin, all/any.
import * as torch from "../../../src/index.js";
import { f, noGrad, type InputSpec, type OpCase } from "../op_case.js";

const i64 = (...shape: number[]): InputSpec => ({ shape, dtype: "int64" });
const bools = (...shape: number[]): InputSpec => ({ shape, dtype: "bool" });

const SUMS: OpCase[] = [
  { name: "sum", py: "a.sum()", inputs: [f(2, 3)], ts: (a) => a.sum() },
  { name: "sum.dim", py: "a.sum(1)", inputs: [f(2, 3, 4)], ts: (a) => a.sum(1) },
  {
    name: "sum.dims_keepdim",
    py: "torch.sum(a, (0, -1), keepdim=True)",
    inputs: [f(2, 3, 4)],
    ts: (a) => torch.sum(a, [0, -1], true),
  },
  { name: "sum.int", py: "a.sum()", inputs: [{ shape: [5], dtype: "int64" }], ts: (a) => a.sum() },
  {
    name: "sum.dtype",
    py: "a.sum(dtype=torch.float64)",
    inputs: [f(4)],
    ts: (a) => a.sum({ dtype: torch.float64 }),
  },
  // Long enough for PyTorch's cascade summation and 8-lane vector paths to show in the digits.
  { name: "sum.long", py: "a.sum()", inputs: [f(1000)], ts: (a) => a.sum(), gradcheck: false },
  { name: "sum.lastdim_long", py: "a.sum(-1)", inputs: [f(3, 300)], ts: (a) => a.sum(-1), gradcheck: false },
  { name: "sum.firstdim_long", py: "a.sum(0)", inputs: [f(70, 45)], ts: (a) => a.sum(0), gradcheck: false },
  { name: "sum.middle", py: "a.sum(1)", inputs: [f(3, 40, 5)], ts: (a) => a.sum(1), gradcheck: false },
  {
    name: "sum.transposed",
    py: "a.t().sum(1)",
    inputs: [f(20, 9)],
    ts: (a) => a.t().sum(1),
    gradcheck: false,
  },
  // An empty dim list reduces every dim in 1.13 (SumBackward1), as does dim=None.
  { name: "sum.empty_dims", py: "torch.sum(a, [])", inputs: [f(2, 3)], ts: (a) => torch.sum(a, []) },
  {
    name: "sum.none_keepdim",
    py: "torch.sum(a, None, True)",
    inputs: [f(2, 3)],
    ts: (a) => torch.sum(a, null, true),
  },
  { name: "mean", py: "a.mean()", inputs: [f(3, 4)], ts: (a) => a.mean() },
  {
    name: "mean.none_keepdim",
    py: "torch.mean(a, None, keepdim=True)",
    inputs: [f(2, 3)],
    ts: (a) => torch.mean(a, null, { keepdim: true }),
  },
  { name: "mean.dim", py: "a.mean(0)", inputs: [f(3, 4)], ts: (a) => a.mean(0) },
  {
    name: "mean.dim_keepdim",
    py: "a.mean(dim=-1, keepdim=True)",
    inputs: [f(3, 4)],
    ts: (a) => a.mean({ dim: -1, keepdim: true }),
  },
  { name: "mean.long", py: "a.mean(1)", inputs: [f(4, 257)], ts: (a) => a.mean(1), gradcheck: false },
];

const PRODS: OpCase[] = [
  { name: "prod", py: "a.prod()", inputs: [f(2, 3)], ts: (a) => a.prod(), ulps: 4 },
  { name: "prod.dim", py: "a.prod(1)", inputs: [f(3, 4)], ts: (a) => a.prod(1), ulps: 4 },
  {
    name: "prod.dim_keepdim",
    py: "torch.prod(a, -2, keepdim=True)",
    inputs: [f(3, 4)],
    ts: (a) => torch.prod(a, { dim: -2, keepdim: true }),
    ulps: 4,
  },
  {
    name: "prod.one_zero",
    py: "(a * torch.tensor([[1., 0, 1], [1, 1, 1]])).prod()",
    inputs: [f(2, 3)],
    ts: (a) =>
      a
        .mul(
          torch.tensor([
            [1, 0, 1],
            [1, 1, 1],
          ]),
        )
        .prod(),
    ulps: 4,
  },
  {
    name: "prod.two_zeros",
    py: "(a * torch.tensor([[1., 0, 1], [0, 1, 1]])).prod()",
    inputs: [f(2, 3)],
    ts: (a) =>
      a
        .mul(
          torch.tensor([
            [1, 0, 1],
            [0, 1, 1],
          ]),
        )
        .prod(),
    ulps: 4,
  },
  {
    name: "prod.dim_zeros",
    py: "(a * torch.tensor([[1., 0, 1, 0], [1, 1, 1, 1], [0, 1, 1, 1]])).prod(1)",
    inputs: [f(3, 4)],
    ts: (a) =>
      a
        .mul(
          torch.tensor([
            [1, 0, 1, 0],
            [1, 1, 1, 1],
            [0, 1, 1, 1],
          ]),
        )
        .prod(1),
    ulps: 4,
  },
  { name: "prod.int", py: "a.prod()", inputs: [i64(5)], ts: (a) => a.prod() },
  { name: "prod.bool_dim", py: "a.prod(0)", inputs: [bools(3, 2)], ts: (a) => a.prod(0) },
];

const SELECTS: OpCase[] = [
  { name: "max", py: "a.max()", inputs: [f(3, 4)], ts: (a) => a.max() },
  { name: "min", py: "a.min()", inputs: [f(3, 4)], ts: (a) => a.min() },
  { name: "max.dim_values", py: "a.max(1).values", inputs: [f(3, 4)], ts: (a) => a.max(1).values },
  {
    name: "max.dim_indices",
    py: "a.max(1)[1]",
    inputs: [noGrad(f(3, 4))],
    ts: (a) => a.max(1)[1],
  },
  {
    name: "min.dim_keepdim",
    py: "torch.min(a, 0, keepdim=True)[0]",
    inputs: [f(3, 4)],
    ts: (a) => {
      const [values] = torch.min(a, 0, true);
      return values;
    },
  },
  {
    name: "min.dim_indices_keepdim",
    py: "torch.min(a, dim=-1, keepdim=True).indices",
    inputs: [noGrad(f(3, 4))],
    ts: (a) => torch.min(a, { dim: -1, keepdim: true }).indices,
  },
  { name: "max.int", py: "a.max()", inputs: [i64(6)], ts: (a) => a.max() },
  {
    name: "max.ties",
    py: "a.unsqueeze(0).expand(3, 4).max()",
    inputs: [f(4)],
    ts: (a) => a.unsqueeze(0).expand(3, 4).max(),
  },
  { name: "amax", py: "a.amax()", inputs: [f(3, 4)], ts: (a) => a.amax() },
  { name: "amax.dim", py: "a.amax(1)", inputs: [f(3, 4)], ts: (a) => a.amax(1) },
  {
    name: "amin.dims_keepdim",
    py: "torch.amin(a, (0, 2), keepdim=True)",
    inputs: [f(2, 3, 4)],
    ts: (a) => torch.amin(a, [0, 2], true),
  },
  {
    name: "amax.ties",
    py: "a.unsqueeze(0).expand(3, 4).amax(0)",
    inputs: [f(4)],
    ts: (a) => a.unsqueeze(0).expand(3, 4).amax(0),
  },
  {
    name: "amin.ties_full",
    py: "a.unsqueeze(1).expand(4, 3).amin()",
    inputs: [f(4)],
    ts: (a) => a.unsqueeze(1).expand(4, 3).amin(),
  },
  { name: "argmax", py: "a.argmax()", inputs: [noGrad(f(3, 4))], ts: (a) => a.argmax() },
  { name: "argmax.dim", py: "a.argmax(1)", inputs: [noGrad(f(3, 4))], ts: (a) => a.argmax(1) },
  {
    name: "argmin.dim_keepdim",
    py: "torch.argmin(a, dim=-2, keepdim=True)",
    inputs: [noGrad(f(3, 4))],
    ts: (a) => torch.argmin(a, { dim: -2, keepdim: true }),
  },
  {
    name: "argmin.keepdim_nodim",
    py: "a.argmin(keepdim=True)",
    inputs: [noGrad(f(3, 4))],
    ts: (a) => a.argmin({ keepdim: true }),
  },
  { name: "all", py: "a.all()", inputs: [bools(3, 4)], ts: (a) => a.all() },
  { name: "any.dim", py: "a.any(1)", inputs: [bools(3, 4)], ts: (a) => a.any(1) },
  {
    name: "all.float_keepdim",
    py: "(a > 0).float().all(0, keepdim=True)",
    inputs: [noGrad(f(2, 3))],
    ts: (a) => a.gt(0).float().all(0, true),
  },
  { name: "any.int", py: "a.any()", inputs: [i64(4)], ts: (a) => a.any() },
];

export const REDUCE_OPS: OpCase[] = [...SUMS, ...PRODS, ...SELECTS];
