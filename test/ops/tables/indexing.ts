// Op table rows: indexing ops. Index tensors are literals (the same in `ts` and `py`) so they are valid.
import * as torch from "../../../src/index.js";
import { f, noGrad, type OpCase } from "../op_case.js";

const long = (v: number[]) => torch.tensor(v.map(BigInt));
const long2 = (rows: number[][]) => torch.tensor(rows.map((r) => r.map(BigInt)));
const long3 = (blocks: number[][][]) => torch.tensor(blocks.map((b) => b.map((r) => r.map(BigInt))));

export const INDEXING_OPS: OpCase[] = [
  {
    name: "index_select",
    py: "a.index_select(1, torch.tensor([2, 0, 2]))",
    inputs: [f(2, 3)],
    ts: (a) => a.index_select(1, long([2, 0, 2])),
  },
  {
    name: "index_select.dim0_noncontig",
    py: "torch.index_select(a.t(), 0, torch.tensor([1, 1]))",
    inputs: [f(3, 2)],
    ts: (a) => torch.index_select(a.t(), 0, long([1, 1])),
  },
  {
    name: "index_add",
    py: "a.index_add(0, torch.tensor([0, 2, 0]), b, alpha=2)",
    inputs: [f(3, 2), f(3, 2)],
    ts: (a, b) => a.index_add(0, long([0, 2, 0]), b, { alpha: 2 }),
  },
  {
    name: "gather",
    py: "a.gather(1, torch.tensor([[0, 0], [2, 1]]))",
    inputs: [f(2, 3)],
    ts: (a) =>
      a.gather(
        1,
        long2([
          [0, 0],
          [2, 1],
        ]),
      ),
  },
  {
    name: "gather.dim0_smaller",
    py: "torch.gather(a, 0, torch.tensor([[[1], [0]]]))",
    inputs: [f(2, 3, 2)],
    ts: (a) => torch.gather(a, 0, long3([[[1], [0]]])),
  },
  {
    name: "scatter.src",
    py: "a.scatter(0, torch.tensor([[1, 0, 2]]), b)",
    inputs: [f(3, 3), f(1, 3)],
    ts: (a, b) => a.scatter(0, long2([[1, 0, 2]]), b),
  },
  {
    name: "scatter.value",
    py: "torch.scatter(a, 1, torch.tensor([[1], [0]]), 2.5)",
    inputs: [f(2, 3)],
    ts: (a) => torch.scatter(a, 1, long2([[1], [0]]), 2.5),
  },
  {
    name: "scatter_add",
    py: "a.scatter_add(1, torch.tensor([[0, 0, 2], [1, 1, 1]]), b)",
    inputs: [f(2, 3), f(2, 3)],
    ts: (a, b) =>
      a.scatter_add(
        1,
        long2([
          [0, 0, 2],
          [1, 1, 1],
        ]),
        b,
      ),
  },
  {
    name: "scatter_.inplace",
    py: "a.clone().scatter_(0, torch.tensor([[2, 0]]), b)",
    inputs: [f(3, 2), f(1, 2)],
    ts: (a, b) => a.clone().scatter_(0, long2([[2, 0]]), b),
  },
  {
    name: "scatter_add_.inplace",
    py: "(a * 1).scatter_add_(0, torch.tensor([1, 1, 0]), b)",
    inputs: [f(3), f(3)],
    ts: (a, b) => a.mul(1).scatter_add_(0, long([1, 1, 0]), b),
  },
  {
    name: "masked_fill",
    py: "a.masked_fill(b, -2.0)",
    inputs: [f(2, 3), noGrad({ shape: [3], dtype: "bool" })],
    ts: (a, b) => a.masked_fill(b, -2),
  },
  {
    name: "masked_fill.tensor_value",
    py: "torch.masked_fill(a, b, c)",
    inputs: [f(2, 3), noGrad({ shape: [2, 3], dtype: "bool" }), f()],
    ts: (a, b, c) => torch.masked_fill(a, b, c),
  },
  {
    name: "masked_fill.int",
    py: "a.masked_fill(b, 7)",
    inputs: [{ shape: [4], dtype: "int64" }, noGrad({ shape: [4], dtype: "bool" })],
    ts: (a, b) => a.masked_fill(b, 7),
  },
  {
    name: "masked_fill_.inplace",
    py: "a.clone().masked_fill_(b, 0.5)",
    inputs: [f(2, 2), noGrad({ shape: [2, 2], dtype: "bool" })],
    ts: (a, b) => a.clone().masked_fill_(b, 0.5),
  },
  {
    name: "select_scatter",
    py: "torch.select_scatter(a, b, 1, -1)",
    inputs: [f(2, 3), f(2)],
    ts: (a, b) => torch.select_scatter(a, b, 1, -1),
  },
  {
    name: "slice_scatter",
    py: "torch.slice_scatter(a, b, 0, 1, None, 2)",
    inputs: [f(5, 2), f(2, 2)],
    ts: (a, b) => torch.slice_scatter(a, b, 0, 1, null, 2),
  },
  { name: "tril", py: "a.tril()", inputs: [f(3, 4)], ts: (a) => a.tril() },
  { name: "tril.diag", py: "torch.tril(a, -1)", inputs: [f(2, 3, 3)], ts: (a) => torch.tril(a, -1) },
  // An empty input is returned before its dims are looked at: an empty 1-d tensor passes.
  { name: "triu.empty_1d", py: "torch.triu(a)", inputs: [f(0)], ts: (a) => torch.triu(a) },
  { name: "triu", py: "a.triu(1)", inputs: [f(4, 3)], ts: (a) => a.triu(1) },
  { name: "triu.int", py: "a.triu()", inputs: [{ shape: [3, 3], dtype: "int64" }], ts: (a) => a.triu() },
  // 0-d and size-0 operands (issue 13): a 0-d self is one element along dim 0.
  {
    name: "index_add.0d",
    py: "a.index_add(0, torch.tensor([0]), b, alpha=3)",
    inputs: [f(), f()],
    ts: (a, b) => a.index_add(0, long([0]), b, { alpha: 3 }),
  },
  {
    name: "index_add.0d_self_1d_source",
    py: "a.index_add(0, torch.tensor([0, 0]), b)",
    inputs: [f(), f(2)],
    ts: (a, b) => a.index_add(0, long([0, 0]), b),
    // Its double backward runs index_select's backward on a 0-d grad, which raises in PyTorch 1.13.
    gradgradcheck: false,
  },
  {
    name: "index_add.0d_source",
    py: "a.index_add(0, torch.tensor([1]), b, alpha=2)",
    inputs: [f(3), f()],
    ts: (a, b) => a.index_add(0, long([1]), b, { alpha: 2 }),
  },
  {
    name: "index_select.0d",
    py: "a.index_select(0, torch.tensor([0, 0]))",
    // Its backward raises in PyTorch 1.13 (index_select_backward reads grad's dim 0).
    inputs: [noGrad(f())],
    ts: (a) => a.index_select(0, long([0, 0])),
  },
  {
    name: "select_scatter.size0",
    py: "torch.select_scatter(a, b, 1, 0)",
    inputs: [f(0, 3), f(0)],
    ts: (a, b) => torch.select_scatter(a, b, 1, 0),
  },
];
