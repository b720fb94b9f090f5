// Tensor.unfold and the in-place Tensor methods of src/ops/tensor_methods_inplace.ts given bad input.
import * as torch from "../../src/index.js";
import type { ErrorTable } from "./error_table.js";

const long = (v: number[]) => torch.tensor(v.map(BigInt));

export const TENSOR_METHODS_INPLACE_ERRORS: ErrorTable = {
  setup: "",
  rows: [
    { py: "torch.arange(6.).unfold(0, 7, 1)", ts: () => torch.arange(6).float().unfold(0, 7, 1) },
    { py: "torch.arange(6.).unfold(0, 2, 0)", ts: () => torch.arange(6).float().unfold(0, 2, 0) },
    { py: "torch.arange(6.).unfold(-1, 2, -1)", ts: () => torch.arange(6).float().unfold(-1, 2, -1) },
    { py: "torch.arange(6.).unfold(1, 2, 1)", ts: () => torch.arange(6).float().unfold(1, 2, 1) },
    { py: "torch.arange(6.).unfold(0, -1, 1)", ts: () => torch.arange(6).float().unfold(0, -1, 1) },
    { py: "torch.tensor(1.).unfold(0, 2, 1)", ts: () => torch.tensor(1).unfold(0, 2, 1) },
    { py: "torch.ones(3).eq_(torch.ones(2, 3))", ts: () => torch.ones(3).eq_(torch.ones(2, 3)) },
    {
      py: "torch.ones(3, requires_grad=True).lt_(0)",
      ts: () => torch.ones(3, { requires_grad: true }).lt_(0),
    },
    {
      py: "torch.ones(3, requires_grad=True).clone().floor_divide_(2).sum().backward()",
      ts: () => torch.ones(3, { requires_grad: true }).clone().floor_divide_(2).sum().backward(),
    },
    { py: "torch.tensor([1, 2]).floor_divide_(2.5)", ts: () => long([1, 2]).floor_divide_(2.5) },
    { py: "torch.zeros(3).fill_diagonal_(1)", ts: () => torch.zeros(3).fill_diagonal_(1) },
    { py: "torch.zeros(2, 3, 4).fill_diagonal_(1)", ts: () => torch.zeros(2, 3, 4).fill_diagonal_(1) },
    {
      py: "torch.zeros(3).put_(torch.tensor([0., 1.]), torch.ones(2))",
      ts: () => torch.zeros(3).put_(torch.tensor([0, 1]), torch.ones(2)),
    },
    {
      py: "torch.zeros(3).put_(torch.tensor([0, 1]), torch.ones(2, dtype=torch.float64))",
      ts: () => torch.zeros(3).put_(long([0, 1]), torch.ones(2, { dtype: torch.float64 })),
    },
    {
      py: "torch.zeros(3).put_(torch.tensor([0, 1]), torch.ones(1))",
      ts: () => torch.zeros(3).put_(long([0, 1]), torch.ones(1)),
    },
    {
      py: "torch.zeros(3).put(torch.tensor([0, 3]), torch.ones(2))",
      ts: () => torch.zeros(3).put(long([0, 3]), torch.ones(2)),
    },
    {
      py: "torch.zeros(3).put(torch.tensor([-4]), torch.ones(1))",
      ts: () => torch.zeros(3).put(long([-4]), torch.ones(1)),
    },
    {
      py: "torch.ones(2).new_empty_strided((2, 3), (1,))",
      ts: () => torch.ones(2).new_empty_strided([2, 3], [1]),
    },
    {
      py: "torch.ones(2).new_empty_strided((2, -1), (1, 1))",
      ts: () => torch.ones(2).new_empty_strided([2, -1], [1, 1]),
    },
    { py: "torch.ones(2).exponential_(-1.5)", ts: () => torch.ones(2).exponential_(-1.5) },
    { py: "torch.ones(2).geometric_(0)", ts: () => torch.ones(2).geometric_(0) },
    { py: "torch.ones(2).geometric_(float('nan'))", ts: () => torch.ones(2).geometric_(NaN) },
    { py: "torch.ones(2).log_normal_(1, 0)", ts: () => torch.ones(2).log_normal_(1, 0) },
    { py: "torch.ones(2, dtype=torch.long).exponential_()", ts: () => long([1, 1]).exponential_() },
    { py: "torch.ones(2, dtype=torch.long).log_normal_()", ts: () => long([1, 1]).log_normal_() },
    { py: "torch.ones(2, dtype=torch.long).cauchy_()", ts: () => long([1, 1]).cauchy_() },
    { py: "torch.ones(2).random_(5, 2)", ts: () => torch.ones(2).random_(5, 2) },
    { py: "torch.ones(2).random_(-1)", ts: () => torch.ones(2).random_(-1) },
    {
      py: "torch.ones(2, dtype=torch.int32).random_(0, 2**40)",
      ts: () => torch.ones(2, { dtype: torch.int32 }).random_(0, 2 ** 40),
    },
    {
      py: "torch.ones(2, dtype=torch.bool).random_(3)",
      ts: () => torch.ones(2, { dtype: torch.bool }).random_(3),
    },
    {
      py: "torch.ones(2, requires_grad=True).resize_as_(torch.ones(3))",
      ts: () => torch.ones(2, { requires_grad: true }).resize_as_(torch.ones(3)),
    },
    {
      py: "torch.ones(3, 2).index_reduce(0, torch.tensor([0]), torch.ones(1, 2), 'sum')",
      ts: () => torch.ones(3, 2).index_reduce(0, long([0]), torch.ones(1, 2), "sum"),
    },
    {
      py: "torch.ones(3, 2).index_reduce(0, torch.tensor([0.0]), torch.ones(1, 2), 'prod')",
      ts: () => torch.ones(3, 2).index_reduce(0, torch.tensor([0]), torch.ones(1, 2), "prod"),
    },
    {
      py: "torch.ones(3, 2).index_reduce(0, torch.tensor([0, 1]), torch.ones(1, 2), 'amax')",
      ts: () => torch.ones(3, 2).index_reduce(0, long([0, 1]), torch.ones(1, 2), "amax"),
    },
    {
      py: "torch.ones(3, 2).index_reduce(0, torch.tensor([-1]), torch.ones(1, 2), 'amin')",
      ts: () => torch.ones(3, 2).index_reduce(0, long([-1]), torch.ones(1, 2), "amin"),
    },
  ],
};
