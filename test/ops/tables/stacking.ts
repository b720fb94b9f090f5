// Op table rows for src/ops/stacking.ts: hstack/vstack/row_stack/dstack/column_stack, tensor_split and
// hsplit/vsplit/dsplit (one piece each: its SliceBackward0 and gradient), split_with_sizes, broadcast_to and
// broadcast_tensors.
import * as torch from "../../../src/index.js";
import { f, f64, noGrad, type InputSpec, type OpCase } from "../op_case.js";

const i64 = (...shape: number[]): InputSpec => ({ shape, dtype: "int64" });

export const STACKING_OPS: OpCase[] = [
  {
    name: "hstack.vectors",
    py: "torch.hstack([a, b])",
    inputs: [f(3), f(2)],
    ts: (a, b) => torch.hstack([a, b]),
  },
  {
    name: "hstack.matrices",
    py: "torch.hstack((a, b))",
    inputs: [f(2, 3), f64(2, 1)],
    ts: (a, b) => torch.hstack([a, b]),
  },
  {
    name: "hstack.scalar",
    py: "torch.hstack([a.sum(), b])",
    inputs: [f(3), f(2)],
    ts: (a, b) => torch.hstack([a.sum(), b]),
  },
  { name: "vstack", py: "torch.vstack([a, b])", inputs: [f(3), f(2, 3)], ts: (a, b) => torch.vstack([a, b]) },
  {
    name: "vstack.int",
    py: "torch.vstack([a, b])",
    inputs: [i64(3), f(3)],
    ts: (a, b) => torch.vstack([a, b]),
  },
  {
    name: "row_stack",
    py: "torch.row_stack([a, b])",
    inputs: [f(2, 2), f(2)],
    ts: (a, b) => torch.row_stack([a, b]),
  },
  { name: "dstack", py: "torch.dstack([a, b])", inputs: [f(3), f(1, 3)], ts: (a, b) => torch.dstack([a, b]) },
  {
    name: "dstack.matrices",
    py: "torch.dstack([a, b])",
    inputs: [f(2, 3), f(2, 3, 2)],
    ts: (a, b) => torch.dstack([a, b]),
  },
  {
    name: "column_stack",
    py: "torch.column_stack([a, b, a.sum()])",
    inputs: [f(1), f(1, 2)],
    ts: (a, b) => torch.column_stack([a, b, a.sum()]),
  },
  {
    name: "column_stack.vectors",
    py: "torch.column_stack((a, b))",
    inputs: [f(4), f(4, 2)],
    ts: (a, b) => torch.column_stack([a, b]),
  },

  // Splits: one piece each.
  {
    name: "tensor_split.sections",
    py: "torch.tensor_split(a, 3)[0]",
    inputs: [f(7)],
    ts: (a) => torch.tensor_split(a, 3)[0],
  },
  {
    name: "tensor_split.sections_dim",
    py: "a.tensor_split(3, dim=1)[2]",
    inputs: [f(2, 7)],
    ts: (a) => a.tensor_split(3, { dim: 1 })[2],
  },
  {
    name: "tensor_split.indices",
    py: "torch.tensor_split(a, [1, 4], 1)[1]",
    inputs: [f(2, 6)],
    ts: (a) => torch.tensor_split(a, [1, 4], 1)[1],
  },
  {
    name: "tensor_split.indices_clamped",
    py: "torch.tensor_split(a, [4, 2, 9])[3]",
    inputs: [f(6)],
    ts: (a) => torch.tensor_split(a, [4, 2, 9])[3],
  },
  {
    name: "tensor_split.tensor_indices",
    py: "torch.tensor_split(a, torch.tensor([1, 3], { dtype: torch.int64 }))[1]",
    inputs: [f(5, 2)],
    ts: (a) => torch.tensor_split(a, torch.tensor([1, 3], { dtype: torch.int64 }))[1],
  },
  {
    name: "tensor_split.tensor_sections",
    py: "torch.tensor_split(a, torch.tensor(2), dim=-1)[0]",
    inputs: [f(2, 5)],
    ts: (a) => torch.tensor_split(a, torch.tensor(2, { dtype: torch.int64 }), { dim: -1 })[0],
  },
  { name: "hsplit.vector", py: "torch.hsplit(a, 2)[1]", inputs: [f(6)], ts: (a) => torch.hsplit(a, 2)[1] },
  { name: "hsplit.indices", py: "a.hsplit([1, 3])[1]", inputs: [f(2, 4)], ts: (a) => a.hsplit([1, 3])[1] },
  { name: "vsplit", py: "torch.vsplit(a, 2)[0]", inputs: [f(4, 3)], ts: (a) => torch.vsplit(a, 2)[0] },
  { name: "vsplit.indices", py: "a.vsplit([3])[1]", inputs: [f(4, 2)], ts: (a) => a.vsplit([3])[1] },
  { name: "dsplit", py: "torch.dsplit(a, 2)[1]", inputs: [f(2, 1, 4)], ts: (a) => torch.dsplit(a, 2)[1] },
  {
    name: "split_with_sizes",
    py: "torch.split_with_sizes(a, [1, 3], 1)[1]",
    inputs: [f(2, 4)],
    ts: (a) => torch.split_with_sizes(a, [1, 3], 1)[1],
  },
  {
    name: "split_with_sizes.method",
    py: "a.split_with_sizes([2, 3])[0]",
    inputs: [f(5)],
    ts: (a) => a.split_with_sizes([2, 3])[0],
  },

  // Broadcasting.
  {
    name: "broadcast_to",
    py: "torch.broadcast_to(a, (2, 3))",
    inputs: [f(3)],
    ts: (a) => torch.broadcast_to(a, [2, 3]),
  },
  {
    name: "broadcast_to.method",
    py: "a.broadcast_to([2, -1, 4])",
    inputs: [f(3, 1)],
    ts: (a) => a.broadcast_to([2, -1, 4]),
  },
  {
    name: "broadcast_tensors",
    py: "torch.broadcast_tensors(a, b)[1]",
    inputs: [noGrad(f(2, 1)), f(3)],
    ts: (a, b) => torch.broadcast_tensors(a, b)[1],
  },
  {
    name: "broadcast_tensors.same_shape",
    py: "torch.broadcast_tensors(a * 2, b)[0]",
    inputs: [f(2, 3), noGrad(f(3))],
    ts: (a, b) => torch.broadcast_tensors(a.mul(2), b)[0],
  },
];
