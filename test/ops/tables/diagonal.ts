// Op table rows: src/ops/diagonal.ts (diagonal, a view; diag, diag_embed, diagflat and trace, copies).
import * as torch from "../../../src/index.js";
import { f, type InputSpec, type OpCase } from "../op_case.js";

const d64 = (...shape: number[]): InputSpec => ({ shape, dtype: "float64" });
const i64 = (...shape: number[]): InputSpec => ({ shape, dtype: "int64" });

export const DIAGONAL_OPS: OpCase[] = [
  { name: "diag.vector", py: "torch.diag(a)", inputs: [f(3)], ts: (a) => torch.diag(a) },
  { name: "diag.vector_offset", py: "torch.diag(a, 2)", inputs: [f(3)], ts: (a) => torch.diag(a, 2) },
  { name: "diag.vector_below", py: "a.diag(-1)", inputs: [f(4)], ts: (a) => a.diag(-1) },
  { name: "diag.matrix", py: "torch.diag(a)", inputs: [f(3, 4)], ts: (a) => torch.diag(a) },
  { name: "diag.matrix_offset", py: "a.diag(1)", inputs: [f(3, 4)], ts: (a) => a.diag(1) },
  { name: "diag.matrix_below", py: "torch.diag(a, -2)", inputs: [f(4, 3)], ts: (a) => torch.diag(a, -2) },
  { name: "diag.square", py: "torch.diag(a, 1)", inputs: [f(3, 3)], ts: (a) => torch.diag(a, 1) },
  { name: "diag.off_end", py: "torch.diag(a, 4)", inputs: [f(3, 4)], ts: (a) => torch.diag(a, 4) },
  { name: "diag.float64", py: "torch.diag(a)", inputs: [d64(4, 4)], ts: (a) => torch.diag(a) },
  { name: "diag.float64_vector", py: "a.diag(1)", inputs: [d64(3)], ts: (a) => a.diag(1) },
  { name: "diag.int", py: "torch.diag(a)", inputs: [i64(3)], ts: (a) => torch.diag(a) },
  { name: "diag.int_matrix", py: "a.diag(-1)", inputs: [i64(3, 3)], ts: (a) => a.diag(-1) },
  { name: "diagonal", py: "a.diagonal()", inputs: [f(3, 4)], ts: (a) => a.diagonal() },
  { name: "diagonal.offset", py: "torch.diagonal(a, 1)", inputs: [f(3, 4)], ts: (a) => torch.diagonal(a, 1) },
  {
    name: "diagonal.below_swapped",
    py: "torch.diagonal(a, -1, 1, 0)",
    inputs: [f(3, 4)],
    ts: (a) => torch.diagonal(a, -1, 1, 0),
  },
  {
    name: "diagonal.3d",
    py: "torch.diagonal(a, offset=1, dim1=0, dim2=2)",
    inputs: [f(2, 3, 4)],
    ts: (a) => torch.diagonal(a, { offset: 1, dim1: 0, dim2: 2 }),
  },
  {
    name: "diagonal.negative_dims",
    py: "a.diagonal(0, -1, -3)",
    inputs: [f(3, 2, 4)],
    ts: (a) => a.diagonal(0, -1, -3),
  },
  { name: "diagonal.off_end", py: "a.diagonal(7)", inputs: [f(3, 4)], ts: (a) => a.diagonal(7) },
  { name: "diagonal.float64", py: "a.diagonal(-1)", inputs: [d64(4, 4)], ts: (a) => a.diagonal(-1) },
  { name: "diagonal.int", py: "torch.diagonal(a)", inputs: [i64(3, 3)], ts: (a) => torch.diagonal(a) },
  { name: "diag_embed", py: "torch.diag_embed(a)", inputs: [f(2, 3)], ts: (a) => torch.diag_embed(a) },
  {
    name: "diag_embed.offset",
    py: "a.diag_embed(1, 0, 2)",
    inputs: [f(2, 3)],
    ts: (a) => a.diag_embed(1, 0, 2),
  },
  {
    name: "diag_embed.below_swapped",
    py: "torch.diag_embed(a, -1, 2, 0)",
    inputs: [f(2, 3)],
    ts: (a) => torch.diag_embed(a, -1, 2, 0),
  },
  {
    name: "diag_embed.vector",
    py: "torch.diag_embed(a, 2)",
    inputs: [f(3)],
    ts: (a) => torch.diag_embed(a, 2),
  },
  { name: "diag_embed.float64", py: "a.diag_embed()", inputs: [d64(2, 2, 3)], ts: (a) => a.diag_embed() },
  {
    name: "diag_embed.int",
    py: "torch.diag_embed(a, -1)",
    inputs: [i64(2, 3)],
    ts: (a) => torch.diag_embed(a, -1),
  },
  { name: "diagflat", py: "torch.diagflat(a)", inputs: [f(2, 2)], ts: (a) => torch.diagflat(a) },
  { name: "diagflat.offset", py: "a.diagflat(-1)", inputs: [f(3)], ts: (a) => a.diagflat(-1) },
  {
    name: "diagflat.strided",
    py: "torch.diagflat(a.t(), 2)",
    inputs: [f(2, 3)],
    ts: (a) => torch.diagflat(a.t(), 2),
  },
  { name: "diagflat.float64", py: "torch.diagflat(a)", inputs: [d64(3)], ts: (a) => torch.diagflat(a) },
  { name: "diagflat.int", py: "a.diagflat(1)", inputs: [i64(2, 2)], ts: (a) => a.diagflat(1) },
  { name: "trace", py: "torch.trace(a)", inputs: [f(3, 4)], ts: (a) => torch.trace(a), ulps: 0 },
  // PyTorch 1.13's trace_backward steps cols + 1 through all rows * cols elements, so a tall matrix's gradient
  // also lands below the diagonal: PyTorch's gradient (matched here) fails gradcheck in PyTorch too.
  { name: "trace.tall", py: "a.trace()", inputs: [f(5, 3)], ts: (a) => a.trace(), gradcheck: false, ulps: 0 },
  { name: "trace.strided", py: "a.t().trace()", inputs: [f(4, 4)], ts: (a) => a.t().trace(), ulps: 0 },
  { name: "trace.float64", py: "torch.trace(a)", inputs: [d64(4, 4)], ts: (a) => torch.trace(a), ulps: 0 },
  { name: "trace.int", py: "torch.trace(a)", inputs: [i64(3, 3)], ts: (a) => torch.trace(a) },
  {
    name: "trace.int32",
    py: "torch.trace(a)",
    inputs: [{ shape: [3, 2], dtype: "int32" }],
    ts: (a) => torch.trace(a),
  },
];
