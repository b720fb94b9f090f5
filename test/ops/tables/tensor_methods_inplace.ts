// Op table rows for src/ops/tensor_methods_inplace.ts: the in-place comparisons and logical ops, floor_divide_,
// swapaxes_/swapdims_, fill_diagonal_ and put/put_, each on a clone so the graph has a non-leaf to modify.
import * as torch from "../../../src/index.js";
import { f, nz, noGrad, type OpCase } from "../op_case.js";

const long = (v: number[]) => torch.tensor(v.map(BigInt));
const i64 = (...shape: number[]) => noGrad({ shape, dtype: "int64" });

export const TENSOR_METHODS_INPLACE_OPS: OpCase[] = [
  {
    name: "eq_.tensor",
    py: "a.clone().eq_(b)",
    inputs: [f(2, 3), f(3)],
    ts: (a, b) => a.clone().eq_(b),
    gradcheck: false,
  },
  { name: "eq_.self", py: "a.clone().eq_(a)", inputs: [f(4)], ts: (a) => a.clone().eq_(a), gradcheck: false },
  {
    name: "ne_.scalar",
    py: "a.clone().ne_(0.5)",
    inputs: [f(4)],
    ts: (a) => a.clone().ne_(0.5),
    gradcheck: false,
  },
  {
    name: "lt_.scalar",
    py: "a.clone().lt_(0.25)",
    inputs: [f(2, 3)],
    ts: (a) => a.clone().lt_(0.25),
    gradcheck: false,
  },
  {
    name: "le_.tensor",
    py: "a.clone().le_(b)",
    inputs: [f(3), f(3)],
    ts: (a, b) => a.clone().le_(b),
    gradcheck: false,
  },
  {
    name: "gt_.tensor",
    py: "a.clone().gt_(b)",
    inputs: [f(2, 3), f(2, 1)],
    ts: (a, b) => a.clone().gt_(b),
    gradcheck: false,
  },
  {
    name: "ge_.scalar",
    py: "a.clone().ge_(0)",
    inputs: [f(5)],
    ts: (a) => a.clone().ge_(0),
    gradcheck: false,
  },
  {
    name: "lt_.int",
    py: "a.clone().lt_(b)",
    inputs: [i64(4), noGrad(f(4))],
    ts: (a, b) => a.clone().lt_(b),
    gradcheck: false,
  },
  { name: "eq_.int_float_scalar", py: "a.clone().eq_(1.5)", inputs: [i64(4)], ts: (a) => a.clone().eq_(1.5) },
  {
    name: "logical_and_",
    py: "a.clone().logical_and_(b)",
    inputs: [f(4), noGrad(f(4))],
    ts: (a, b) => a.clone().logical_and_(b),
    gradcheck: false,
  },
  {
    name: "logical_or_.int",
    py: "a.clone().logical_or_(b)",
    inputs: [i64(5), noGrad(f(5))],
    ts: (a, b) => a.clone().logical_or_(b),
  },
  {
    name: "logical_xor_",
    py: "(a > 0).logical_xor_(b > 0)",
    inputs: [noGrad(f(2, 3)), noGrad(f(3))],
    ts: (a, b) => a.gt(0).logical_xor_(b.gt(0)),
  },
  {
    name: "logical_not_",
    py: "a.clone().logical_not_()",
    inputs: [f(4)],
    ts: (a) => a.clone().logical_not_(),
    gradcheck: false,
  },
  {
    name: "floor_divide_.int",
    py: "a.clone().floor_divide_(b)",
    inputs: [i64(2, 3), noGrad({ shape: [3], dtype: "int64", domain: "nonzero" })],
    ts: (a, b) => a.clone().floor_divide_(b),
  },
  {
    name: "floor_divide_.float",
    py: "a.detach().clone().floor_divide_(2.5)",
    inputs: [noGrad(f(4))],
    ts: (a) => a.detach().clone().floor_divide_(2.5),
  },
  {
    name: "floor_divide_.tensor",
    py: "a.detach().clone().floor_divide_(b)",
    inputs: [noGrad(f(2, 3)), noGrad(nz(3))],
    ts: (a, b) => a.detach().clone().floor_divide_(b),
  },
  {
    name: "swapaxes_",
    py: "a.clone().swapaxes_(0, 2)",
    inputs: [f(2, 3, 4)],
    ts: (a) => a.clone().swapaxes_(0, 2),
  },
  {
    name: "swapdims_",
    py: "a.clone().swapdims_(-1, 0)",
    inputs: [f(2, 3)],
    ts: (a) => a.clone().swapdims_(-1, 0),
  },
  {
    name: "fill_diagonal_",
    py: "a.clone().fill_diagonal_(2)",
    inputs: [f(3, 4)],
    ts: (a) => a.clone().fill_diagonal_(2),
  },
  {
    name: "fill_diagonal_.wrap",
    py: "a.clone().fill_diagonal_(-1.5, wrap=True)",
    inputs: [f(7, 3)],
    ts: (a) => a.clone().fill_diagonal_(-1.5, { wrap: true }),
  },
  {
    name: "fill_diagonal_.no_wrap",
    py: "a.clone().fill_diagonal_(-1.5)",
    inputs: [f(7, 3)],
    ts: (a) => a.clone().fill_diagonal_(-1.5),
  },
  {
    name: "fill_diagonal_.cube",
    py: "a.clone().fill_diagonal_(0)",
    inputs: [f(2, 2, 2)],
    ts: (a) => a.clone().fill_diagonal_(0),
  },
  {
    name: "fill_diagonal_.transposed",
    py: "a.clone().t().fill_diagonal_(3)",
    inputs: [f(4, 3)],
    ts: (a) => a.clone().t().fill_diagonal_(3),
  },
  {
    name: "fill_diagonal_.int",
    py: "a.clone().fill_diagonal_(1.7)",
    inputs: [i64(3, 3)],
    ts: (a) => a.clone().fill_diagonal_(1.7),
  },
  {
    name: "put",
    py: "a.put(torch.tensor([0, -1, 4]), b)",
    inputs: [f(3, 3), f(3)],
    ts: (a, b) => a.put(long([0, -1, 4]), b),
  },
  {
    name: "put.accumulate",
    py: "a.put(torch.tensor([[1, 1], [5, 1]]), b, accumulate=True)",
    inputs: [f(2, 3), f(2, 2)],
    ts: (a, b) =>
      a.put(
        torch.tensor([
          [1n, 1n],
          [5n, 1n],
        ]),
        b,
        { accumulate: true },
      ),
  },
  {
    name: "put_.noncontiguous",
    py: "a.clone().t().put_(torch.tensor([1, 2]), b)",
    inputs: [f(2, 3), f(2)],
    ts: (a, b) =>
      a
        .clone()
        .t()
        .put_(long([1, 2]), b),
  },
  {
    name: "put_.accumulate",
    py: "a.clone().put_(torch.tensor([0, 0, 3]), b, True)",
    inputs: [f(4), f(3)],
    ts: (a, b) => a.clone().put_(long([0, 0, 3]), b, true),
  },
  {
    name: "put.int",
    py: "a.put(torch.tensor([2, 0]), b, True)",
    inputs: [i64(3), i64(2)],
    ts: (a, b) => a.put(long([2, 0]), b, true),
  },
  {
    name: "index_reduce.prod",
    py: "a.index_reduce(0, torch.tensor([0, 2, 0, 1]), b, 'prod')",
    inputs: [f(3, 2), f(4, 2)],
    ts: (a, b) => a.index_reduce(0, long([0, 2, 0, 1]), b, "prod"),
  },
  {
    name: "index_reduce.prod_zeros",
    py: "torch.index_reduce(a * torch.tensor([[1.0, 0.0], [1.0, 1.0], [0.0, 1.0]]), 0, torch.tensor([0, 2, 0]), b * torch.tensor([[1.0, 1.0], [0.0, 1.0], [1.0, 1.0]]), 'prod')",
    inputs: [f(3, 2), f(3, 2)],
    ts: (a, b) =>
      torch.index_reduce(
        a.mul(
          torch.tensor([
            [1, 0],
            [1, 1],
            [0, 1],
          ]),
        ),
        0,
        long([0, 2, 0]),
        b.mul(
          torch.tensor([
            [1, 1],
            [0, 1],
            [1, 1],
          ]),
        ),
        "prod",
      ),
  },
  {
    name: "index_reduce.mean_exclude_self",
    py: "a.index_reduce(1, torch.tensor([2, 0, 2]), b, 'mean', include_self=False)",
    inputs: [f(2, 4), f(2, 3)],
    ts: (a, b) => a.index_reduce(1, long([2, 0, 2]), b, "mean", { include_self: false }),
  },
  {
    name: "index_reduce.mean",
    py: "a.index_reduce(0, torch.tensor([1, 1, 0]), b, 'mean')",
    inputs: [f(2, 3), f(3, 3)],
    ts: (a, b) => a.index_reduce(0, long([1, 1, 0]), b, "mean"),
  },
  {
    name: "index_reduce.amax",
    py: "a.index_reduce(0, torch.tensor([0, 2, 0, 1]), b, 'amax')",
    inputs: [f(3, 2), f(4, 2)],
    ts: (a, b) => a.index_reduce(0, long([0, 2, 0, 1]), b, "amax"),
  },
  {
    name: "index_reduce.amin_exclude_self",
    py: "a.index_reduce(0, torch.tensor([0, 2, 0]), b, 'amin', include_self=False)",
    inputs: [f(3, 2), f(3, 2)],
    ts: (a, b) => a.index_reduce(0, long([0, 2, 0]), b, "amin", { include_self: false }),
  },
  {
    name: "index_reduce_.inplace",
    py: "a.clone().index_reduce_(0, torch.tensor([1, 0]), b, 'prod')",
    inputs: [f(3, 2), f(2, 2)],
    ts: (a, b) => a.clone().index_reduce_(0, long([1, 0]), b, "prod"),
  },
  {
    name: "index_reduce.int_mean",
    py: "a.index_reduce(0, torch.tensor([0, 0, 1]), b, 'mean')",
    inputs: [i64(2, 2), i64(3, 2)],
    ts: (a, b) => a.index_reduce(0, long([0, 0, 1]), b, "mean"),
  },
];
