// Reductions, norms and softmax given bad input: dims out of range, empty inputs, dtypes PyTorch refuses.
import * as torch from "../../src/index.js";
import { bad, type ErrorTable } from "./error_table.js";

const x = () => torch.randn(3, 4);
const ints = () => torch.tensor([1n, 2n]);

export const REDUCE_ERRORS: ErrorTable = {
  setup: `
def x():
    return torch.randn(3, 4)
def ints():
    return torch.tensor([1, 2])
`,
  rows: [
    { name: "softmax(dim=None)", py: "torch.softmax(x(), None)", ts: () => torch.softmax(x(), bad(null)) },
    {
      name: "norm over three dims with 'fro'",
      py: "torch.norm(x(), 'fro', [0, 1, 0])",
      ts: () => torch.norm(x(), "fro", [0, 1, 0]),
    },
    { name: "norm with p='abc'", py: "torch.norm(x(), 'abc')", ts: () => torch.norm(x(), "abc") },
    {
      name: "argmax of bools",
      py: "torch.tensor([True, False]).argmax()",
      ts: () => torch.tensor([true, false]).argmax(),
    },
    {
      name: "all with out of another dtype",
      py: "torch.all(x(), out=torch.empty(0))",
      ts: () => torch.all(x(), { out: torch.empty(0) }),
    },
    { name: "sum(2)", py: "x().sum(2)", ts: () => x().sum(2) },
    { name: "sum((0, 0))", py: "x().sum((0, 0))", ts: () => x().sum([0, 0]) },
    { name: "max(2)", py: "x().max(2)", ts: () => x().max(2) },
    { name: "argmax(-3)", py: "x().argmax(-3)", ts: () => x().argmax(-3) },
    { name: "empty argmax()", py: "torch.empty(0).argmax()", ts: () => torch.empty(0).argmax() },
    { name: "empty max()", py: "torch.empty(0).max()", ts: () => torch.empty(0).max() },
    { name: "empty min()", py: "torch.empty(0).min()", ts: () => torch.empty(0).min() },
    { name: "max over an empty dim", py: "torch.empty(0, 3).max(0)", ts: () => torch.empty(0, 3).max(0) },
    { name: "empty amax()", py: "torch.empty(0).amax()", ts: () => torch.empty(0).amax() },
    {
      name: "argmin over an empty dim",
      py: "torch.empty(0, 3).argmin(0)",
      ts: () => torch.empty(0, 3).argmin(0),
    },
    { name: "amin((1, 1))", py: "x().amin((1, 1))", ts: () => x().amin([1, 1]) },
    { name: "var of ints", py: "ints().var()", ts: () => ints().var() },
    { name: "std of ints", py: "ints().std(0)", ts: () => ints().std(0) },
    { name: "norm of ints", py: "ints().norm()", ts: () => ints().norm() },
    {
      name: "vector_norm of ints",
      py: "torch.linalg.vector_norm(ints())",
      ts: () => torch.linalg.vector_norm(ints()),
    },
    {
      name: "vector_norm of order -1.5 over nothing",
      py: "torch.linalg.vector_norm(torch.empty(0), -1.5)",
      ts: () => torch.linalg.vector_norm(torch.empty(0), -1.5),
    },
    {
      name: "vector_norm of order inf over nothing",
      py: "torch.linalg.vector_norm(torch.empty(0), math.inf)",
      ts: () => torch.linalg.vector_norm(torch.empty(0), Infinity),
    },
    { name: "softmax of ints", py: "ints().softmax(0)", ts: () => ints().softmax(0) },
    {
      name: "log_softmax of ints over dim 0",
      py: "torch.ones([2, 3], dtype=torch.int64).log_softmax(0)",
      ts: () => torch.ones([2, 3], { dtype: torch.int64 }).log_softmax(0),
    },
    { name: "cumsum(5)", py: "x().cumsum(5)", ts: () => x().cumsum(5) },
    { name: "softmax(2)", py: "x().softmax(2)", ts: () => x().softmax(2) },
    { name: "logsumexp(3)", py: "x().logsumexp(3)", ts: () => x().logsumexp(3) },
    { name: "prod(4)", py: "x().prod(4)", ts: () => x().prod(4) },
    { name: "all(2)", py: "x().all(2)", ts: () => x().all(2) },
    {
      name: "cumsum_ into another dtype",
      py: "torch.tensor([1.5, -2.5]).cumsum_(0, dtype=torch.float64)",
      ts: () => torch.tensor([1.5, -2.5]).cumsum_(0, { dtype: torch.float64 }),
    },
    {
      name: "backward of remainder with a number dividend",
      py: "a = torch.tensor([1.5, 2.5], requires_grad=True)\ntorch.remainder(2, a).sum().backward()",
      ts: () =>
        torch
          .remainder(2, torch.tensor([1.5, 2.5]).requires_grad_())
          .sum()
          .backward(),
    },
    {
      name: "softmax of a 0-d int",
      py: "torch.softmax(torch.tensor(3), 0)",
      ts: () => torch.softmax(torch.tensor(3n), 0),
    },
    {
      name: "log_softmax of a 0-d int",
      py: "torch.tensor(3).log_softmax(-1)",
      ts: () => torch.tensor(3n).log_softmax(-1),
    },
    { name: "var_mean of ints", py: "torch.var_mean(ints())", ts: () => torch.var_mean(ints()) },
    { name: "std_mean of ints", py: "torch.std_mean(ints(), 0)", ts: () => torch.std_mean(ints(), 0) },
    { name: "nanmean of ints", py: "torch.nanmean(ints())", ts: () => torch.nanmean(ints()) },
    { name: "logcumsumexp of ints", py: "ints().logcumsumexp(0)", ts: () => ints().logcumsumexp(0) },
    {
      name: "aminmax of an empty tensor",
      py: "torch.aminmax(torch.zeros(0))",
      ts: () => torch.aminmax(torch.zeros(0)),
    },
    {
      name: "aminmax over an empty dim",
      py: "torch.aminmax(torch.zeros(2, 0), dim=1)",
      ts: () => torch.aminmax(torch.zeros(2, 0), { dim: 1 }),
    },
    {
      name: "backward through aminmax",
      py: "torch.aminmax(x().requires_grad_()).max.backward()",
      ts: () => torch.aminmax(x().requires_grad_()).max.backward(),
    },
    { name: "cummax dim out of range", py: "torch.cummax(x(), 2)", ts: () => torch.cummax(x(), 2) },
    {
      name: "count_nonzero with a repeated dim",
      py: "torch.count_nonzero(x(), [0, 0])",
      ts: () => torch.count_nonzero(x(), [0, 0]),
    },
  ],
};
