// Op table rows: src/ops/atleast.ts (ravel, atleast_1d/2d/3d: views made by reshape, unsqueeze and view).
import * as torch from "../../../src/index.js";
import type { Tensor } from "../../../src/index.js";
import { f, noGrad, type InputSpec, type OpCase } from "../op_case.js";

const d64 = (...shape: number[]): InputSpec => ({ shape, dtype: "float64" });
const i64 = (...shape: number[]): InputSpec => ({ shape, dtype: "int64" });
/** The i-th tensor of an atleast_* result given a sequence. */
const nth = (result: Tensor | Tensor[], i: number) => (result as Tensor[])[i];

export const ATLEAST_OPS: OpCase[] = [
  { name: "ravel", py: "torch.ravel(a)", inputs: [f(2, 3)], ts: (a) => torch.ravel(a) },
  { name: "ravel.strided", py: "a.t().ravel()", inputs: [f(2, 3)], ts: (a) => a.t().ravel() },
  { name: "ravel.0d", py: "a.ravel()", inputs: [f()], ts: (a) => a.ravel() },
  { name: "ravel.float64", py: "torch.ravel(a)", inputs: [d64(2, 2, 2)], ts: (a) => torch.ravel(a) },
  { name: "ravel.int", py: "a.ravel()", inputs: [i64(3, 2)], ts: (a) => a.ravel() },
  {
    name: "atleast_1d.0d",
    py: "torch.atleast_1d(a)",
    inputs: [f()],
    ts: (a) => torch.atleast_1d(a) as Tensor,
  },
  {
    name: "atleast_1d.1d",
    py: "torch.atleast_1d(a)",
    inputs: [f(3)],
    ts: (a) => torch.atleast_1d(a) as Tensor,
  },
  {
    name: "atleast_2d.0d",
    py: "torch.atleast_2d(a)",
    inputs: [f()],
    ts: (a) => torch.atleast_2d(a) as Tensor,
  },
  {
    name: "atleast_2d.1d",
    py: "torch.atleast_2d(a)",
    inputs: [f(3)],
    ts: (a) => torch.atleast_2d(a) as Tensor,
  },
  {
    name: "atleast_2d.3d",
    py: "torch.atleast_2d(a)",
    inputs: [f(2, 1, 3)],
    ts: (a) => torch.atleast_2d(a) as Tensor,
  },
  {
    name: "atleast_3d.0d",
    py: "torch.atleast_3d(a)",
    inputs: [f()],
    ts: (a) => torch.atleast_3d(a) as Tensor,
  },
  {
    name: "atleast_3d.1d",
    py: "torch.atleast_3d(a)",
    inputs: [f(3)],
    ts: (a) => torch.atleast_3d(a) as Tensor,
  },
  {
    name: "atleast_3d.2d",
    py: "torch.atleast_3d(a)",
    inputs: [f(2, 3)],
    ts: (a) => torch.atleast_3d(a) as Tensor,
  },
  {
    name: "atleast_3d.4d",
    py: "torch.atleast_3d(a)",
    inputs: [f(2, 1, 2, 2)],
    ts: (a) => torch.atleast_3d(a) as Tensor,
  },
  {
    name: "atleast_1d.sequence",
    py: "torch.atleast_1d((a, b))[0]",
    inputs: [f(), noGrad(f(2))],
    ts: (a, b) => nth(torch.atleast_1d([a, b]), 0),
  },
  {
    name: "atleast_2d.varargs",
    py: "torch.atleast_2d(a, b)[1]",
    inputs: [noGrad(f(2, 2)), f(3)],
    ts: (a, b) => nth(torch.atleast_2d(a, b), 1),
  },
  {
    name: "atleast_3d.list",
    py: "torch.atleast_3d([a, b])[0]",
    inputs: [f(2, 3), noGrad(f())],
    ts: (a, b) => nth(torch.atleast_3d([a, b]), 0),
  },
  {
    name: "atleast_2d.float64",
    py: "torch.atleast_2d(a)",
    inputs: [d64(4)],
    ts: (a) => torch.atleast_2d(a) as Tensor,
  },
  {
    name: "atleast_3d.int",
    py: "torch.atleast_3d(a)",
    inputs: [i64(2)],
    ts: (a) => torch.atleast_3d(a) as Tensor,
  },
];
