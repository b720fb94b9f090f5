// Op table rows: masked_select, masked_scatter, nonzero/argwhere, take, take_along_dim, index_fill,
// index_copy, index_put. Index tensors and masks are literals, the same in `ts` and `py`.
import * as torch from "../../../src/index.js";
import { f, noGrad, type OpCase } from "../op_case.js";

const long = (v: number[]) => torch.tensor(v.map(BigInt));
const long2 = (rows: number[][]) => torch.tensor(rows.map((r) => r.map(BigInt)));
const SCATTER_INDEX = long2([
  [0, 1, 0],
  [1, 1, 0],
]);
const MASK = [
  [true, false, true],
  [false, true, true],
];
const MASK_PY = "torch.tensor([[True, False, True], [False, True, True]])";

export const MASKED_OPS: OpCase[] = [
  {
    name: "masked_select",
    py: `a.masked_select(${MASK_PY})`,
    inputs: [f(2, 3)],
    ts: (a) => a.masked_select(torch.tensor(MASK)),
  },
  {
    name: "masked_select.broadcast",
    py: "torch.masked_select(a, torch.tensor([True, False, True]))",
    inputs: [f(2, 3)],
    ts: (a) => torch.masked_select(a, torch.tensor([true, false, true])),
  },
  {
    name: "masked_select.broadcast_input",
    py: `torch.masked_select(a, ${MASK_PY})`,
    inputs: [f(3)],
    ts: (a) => torch.masked_select(a, torch.tensor(MASK)),
  },
  {
    name: "masked_select.zero_dim",
    py: "torch.masked_select(a, torch.tensor(True))",
    inputs: [f()],
    ts: (a) => torch.masked_select(a, torch.tensor(true)),
  },
  {
    name: "masked_select.zero_dim_false",
    py: "a.masked_select(torch.tensor(False))",
    inputs: [f()],
    ts: (a) => a.masked_select(torch.tensor(false)),
  },
  {
    name: "masked_select.zero_dim_mask",
    py: "torch.masked_select(a, torch.tensor(True))",
    inputs: [f(3)],
    ts: (a) => torch.masked_select(a, torch.tensor(true)),
  },
  {
    name: "masked_scatter",
    py: `a.masked_scatter(${MASK_PY}, b)`,
    inputs: [f(2, 3), f(5)],
    ts: (a, b) => a.masked_scatter(torch.tensor(MASK), b),
  },
  // In place, a contiguous source in self's memory is read as it is written (PyTorch's kernel reads it live).
  {
    name: "masked_scatter_.source_is_self",
    py: "(lambda c: c.masked_scatter_(torch.tensor([[False], [True], [True], [False]]), c))(a.clone())",
    inputs: [noGrad({ shape: [4, 2], dtype: "int64" })],
    ts: (a) => {
      const c = a.clone();
      return c.masked_scatter_(torch.tensor([[false], [true], [true], [false]]), c);
    },
  },
  {
    name: "masked_scatter_.source_overlaps_self",
    py: "(lambda c: c.masked_scatter_(torch.tensor([False, True, True, False, True, True]), c[1:]))(a.clone())",
    inputs: [noGrad(f(6))],
    ts: (a) => {
      const c = a.clone();
      return c.masked_scatter_(torch.tensor([false, true, true, false, true, true]), c.narrow(0, 1, 5));
    },
  },
  {
    name: "masked_scatter.broadcast_mask",
    py: "torch.masked_scatter(a, torch.tensor([False, True, True]), b)",
    inputs: [f(2, 3), f(2, 3)],
    ts: (a, b) => torch.masked_scatter(a, torch.tensor([false, true, true]), b),
  },
  {
    name: "nonzero",
    py: "torch.nonzero(a)",
    inputs: [noGrad({ shape: [3, 4], dtype: "int64" })],
    ts: (a) => torch.nonzero(a) as torch.Tensor,
  },
  {
    name: "nonzero.bool",
    py: "a.nonzero()",
    inputs: [noGrad({ shape: [2, 3, 2], dtype: "bool" })],
    ts: (a) => a.nonzero(),
  },
  {
    name: "nonzero.as_tuple",
    py: "torch.stack(a.nonzero(as_tuple=True))",
    inputs: [noGrad({ shape: [3, 4], dtype: "int64" })],
    ts: (a) => torch.stack(a.nonzero({ as_tuple: true }) as torch.Tensor[]),
  },
  {
    name: "nonzero.zero_dim",
    py: "torch.nonzero(a)",
    inputs: [f()],
    ts: (a) => torch.nonzero(a) as torch.Tensor,
  },
  {
    name: "nonzero.function_as_tuple",
    py: "torch.stack(torch.nonzero(a, as_tuple=True))",
    inputs: [noGrad({ shape: [2, 3, 2], dtype: "bool" })],
    ts: (a) => torch.stack(torch.nonzero(a, { as_tuple: true }) as torch.Tensor[]),
  },
  {
    name: "nonzero.function_as_tuple_false",
    py: "torch.nonzero(a, as_tuple=False)",
    inputs: [noGrad({ shape: [3, 4], dtype: "int64" })],
    ts: (a) => torch.nonzero(a, { as_tuple: false }) as torch.Tensor,
  },
  {
    name: "nonzero.as_tuple_zero_dim",
    py: "torch.stack(torch.nonzero(a, as_tuple=True))",
    inputs: [f()],
    ts: (a) => torch.stack(torch.nonzero(a, { as_tuple: true }) as torch.Tensor[]),
  },
  {
    name: "argwhere",
    py: "torch.argwhere(a)",
    inputs: [noGrad({ shape: [3, 4], dtype: "int64" })],
    ts: (a) => torch.argwhere(a),
  },
  {
    name: "take",
    py: "a.take(torch.tensor([[0, 5], [-1, 2]]))",
    inputs: [f(2, 3)],
    ts: (a) =>
      a.take(
        long2([
          [0, 5],
          [-1, 2],
        ]),
      ),
  },
  {
    name: "take.repeated_noncontig",
    py: "torch.take(a.t(), torch.tensor([1, 1, 4]))",
    inputs: [f(2, 3)],
    ts: (a) => torch.take(a.t(), long([1, 1, 4])),
  },
  {
    name: "take_along_dim",
    py: "a.take_along_dim(torch.tensor([[0, 2], [1, 1]]), 1)",
    inputs: [f(2, 3)],
    ts: (a) =>
      a.take_along_dim(
        long2([
          [0, 2],
          [1, 1],
        ]),
        1,
      ),
  },
  {
    name: "take_along_dim.broadcast",
    py: "torch.take_along_dim(a, torch.tensor([[2, 0]]), dim=1)",
    inputs: [f(3, 4)],
    ts: (a) => torch.take_along_dim(a, long2([[2, 0]]), { dim: 1 }),
  },
  {
    name: "take_along_dim.flat",
    py: "torch.take_along_dim(a, torch.tensor([5, 0, 5]))",
    inputs: [f(2, 3)],
    ts: (a) => torch.take_along_dim(a, long([5, 0, 5])),
  },
  {
    name: "index_fill",
    py: "a.index_fill(1, torch.tensor([0, -1]), 1.5)",
    inputs: [f(2, 3)],
    ts: (a) => a.index_fill(1, long([0, -1]), 1.5),
  },
  {
    name: "index_fill.tensor_value",
    py: "torch.index_fill(a, 0, torch.tensor([1]), b)",
    inputs: [f(3, 2), f()],
    ts: (a, b) => torch.index_fill(a, 0, long([1]), b),
  },
  {
    name: "index_copy",
    py: "a.index_copy(1, torch.tensor([2, 0]), b)",
    inputs: [f(2, 3), f(2, 2)],
    ts: (a, b) => a.index_copy(1, long([2, 0]), b),
  },
  {
    name: "index_copy.dim0",
    py: "torch.index_copy(a, 0, torch.tensor([3, 1]), b)",
    inputs: [f(4, 2), f(2, 2)],
    ts: (a, b) => torch.index_copy(a, 0, long([3, 1]), b),
  },
  {
    name: "index_put",
    py: "torch.index_put(a, (torch.tensor([0, 2]), torch.tensor([1, 0])), b)",
    inputs: [f(3, 2), f(2)],
    ts: (a, b) => torch.index_put(a, [long([0, 2]), long([1, 0])], b),
  },
  {
    name: "index_put.accumulate",
    py: "a.index_put((torch.tensor([1, 1, 0]),), b, accumulate=True)",
    inputs: [f(3, 2), f(3, 2)],
    ts: (a, b) => a.index_put([long([1, 1, 0])], b, { accumulate: true }),
  },
  {
    name: "index_put.mask",
    py: "torch.index_put(a, (torch.tensor([True, False, True]),), b)",
    inputs: [f(3, 2), f(2)],
    ts: (a, b) => torch.index_put(a, [torch.tensor([true, false, true])], b),
  },
  {
    name: "scatter_reduce.sum",
    py: 'a.scatter_reduce(0, torch.tensor([[0, 1, 0], [1, 1, 0]]), b, "sum", include_self=True)',
    inputs: [f(2, 3), f(2, 3)],
    ts: (a, b) => a.scatter_reduce(0, SCATTER_INDEX, b, "sum", { include_self: true }),
  },
  {
    name: "scatter_reduce.sum.exclude_self",
    py: 'a.scatter_reduce(0, torch.tensor([[0, 1, 0], [1, 1, 0]]), b, "sum", include_self=False)',
    inputs: [f(2, 3), f(2, 3)],
    ts: (a, b) => a.scatter_reduce(0, SCATTER_INDEX, b, "sum", { include_self: false }),
  },
  {
    name: "scatter_reduce.prod",
    py: 'a.scatter_reduce(0, torch.tensor([[0, 1, 0], [1, 1, 0]]), b, "prod", include_self=True)',
    inputs: [f(2, 3), f(2, 3)],
    ts: (a, b) => a.scatter_reduce(0, SCATTER_INDEX, b, "prod", { include_self: true }),
  },
  {
    name: "scatter_reduce.prod.exclude_self",
    py: 'a.scatter_reduce(0, torch.tensor([[0, 1, 0], [1, 1, 0]]), b, "prod", include_self=False)',
    inputs: [f(2, 3), f(2, 3)],
    ts: (a, b) => a.scatter_reduce(0, SCATTER_INDEX, b, "prod", { include_self: false }),
  },
  {
    name: "scatter_reduce.mean",
    py: 'a.scatter_reduce(0, torch.tensor([[0, 1, 0], [1, 1, 0]]), b, "mean", include_self=True)',
    inputs: [f(2, 3), f(2, 3)],
    ts: (a, b) => a.scatter_reduce(0, SCATTER_INDEX, b, "mean", { include_self: true }),
  },
  {
    name: "scatter_reduce.mean.exclude_self",
    py: 'a.scatter_reduce(0, torch.tensor([[0, 1, 0], [1, 1, 0]]), b, "mean", include_self=False)',
    inputs: [f(2, 3), f(2, 3)],
    ts: (a, b) => a.scatter_reduce(0, SCATTER_INDEX, b, "mean", { include_self: false }),
  },
  {
    name: "scatter_reduce.amax",
    py: 'a.scatter_reduce(0, torch.tensor([[0, 1, 0], [1, 1, 0]]), b, "amax", include_self=True)',
    inputs: [f(2, 3), f(2, 3)],
    ts: (a, b) => a.scatter_reduce(0, SCATTER_INDEX, b, "amax", { include_self: true }),
  },
  {
    name: "scatter_reduce.amax.exclude_self",
    py: 'a.scatter_reduce(0, torch.tensor([[0, 1, 0], [1, 1, 0]]), b, "amax", include_self=False)',
    inputs: [f(2, 3), f(2, 3)],
    ts: (a, b) => a.scatter_reduce(0, SCATTER_INDEX, b, "amax", { include_self: false }),
  },
  {
    name: "scatter_reduce.amin",
    py: 'a.scatter_reduce(0, torch.tensor([[0, 1, 0], [1, 1, 0]]), b, "amin", include_self=True)',
    inputs: [f(2, 3), f(2, 3)],
    ts: (a, b) => a.scatter_reduce(0, SCATTER_INDEX, b, "amin", { include_self: true }),
  },
  {
    name: "scatter_reduce.amin.exclude_self",
    py: 'a.scatter_reduce(0, torch.tensor([[0, 1, 0], [1, 1, 0]]), b, "amin", include_self=False)',
    inputs: [f(2, 3), f(2, 3)],
    ts: (a, b) => a.scatter_reduce(0, SCATTER_INDEX, b, "amin", { include_self: false }),
  },
  {
    name: "scatter_reduce.dim1_smaller_index",
    py: 'torch.scatter_reduce(a, 1, torch.tensor([[0, 0], [2, 1]]), b, reduce="mean")',
    // src's gradient would have index's shape, which PyTorch's engine rejects: src takes none.
    inputs: [f(2, 3), noGrad(f(2, 3))],
    ts: (a, b) =>
      torch.scatter_reduce(
        a,
        1,
        long2([
          [0, 0],
          [2, 1],
        ]),
        b,
        "mean",
      ),
  },
  {
    name: "scatter_reduce.int_mean",
    py: 'a.scatter_reduce(0, torch.tensor([[0, 1, 0], [1, 1, 0]]), b, "mean")',
    inputs: [noGrad({ shape: [2, 3], dtype: "int64" }), noGrad({ shape: [2, 3], dtype: "int64" })],
    ts: (a, b) => a.scatter_reduce(0, SCATTER_INDEX, b, "mean"),
  },
  {
    name: "scatter_reduce.int_amax",
    py: 'a.scatter_reduce(0, torch.tensor([[0, 1, 0], [1, 1, 0]]), b, "amax", include_self=False)',
    inputs: [noGrad({ shape: [2, 3], dtype: "int64" }), noGrad({ shape: [2, 3], dtype: "int64" })],
    ts: (a, b) => a.scatter_reduce(0, SCATTER_INDEX, b, "amax", { include_self: false }),
  },
  // bool amin/amax start from True/False where include_self=False.
  {
    name: "scatter_reduce.amin_bool",
    py: "a.scatter_reduce(0, torch.tensor([1, 2, 1]), b, 'amin', include_self=False)",
    inputs: [
      { shape: [3], dtype: "bool" },
      { shape: [3], dtype: "bool" },
    ],
    ts: (a, b) => a.scatter_reduce(0, long([1, 2, 1]), b, "amin", { include_self: false }),
  },
];
