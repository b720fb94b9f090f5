// Op table rows: src/ops/rotate.ts (rot90, with its own node; fliplr and flipud, composites of flip).
import * as torch from "../../../src/index.js";
import { f, type InputSpec, type OpCase } from "../op_case.js";

const d64 = (...shape: number[]): InputSpec => ({ shape, dtype: "float64" });
const i64 = (...shape: number[]): InputSpec => ({ shape, dtype: "int64" });

export const ROTATE_OPS: OpCase[] = [
  { name: "rot90", py: "torch.rot90(a)", inputs: [f(3, 4)], ts: (a) => torch.rot90(a) },
  { name: "rot90.twice", py: "a.rot90(2)", inputs: [f(3, 4)], ts: (a) => a.rot90(2) },
  {
    name: "rot90.three",
    py: "torch.rot90(a, 3, [1, 2])",
    inputs: [f(2, 3, 4)],
    ts: (a) => torch.rot90(a, 3, [1, 2]),
  },
  {
    name: "rot90.negative",
    py: "torch.rot90(a, -1, [-1, 0])",
    inputs: [f(3, 4)],
    ts: (a) => torch.rot90(a, -1, [-1, 0]),
  },
  { name: "rot90.zero", py: "a.rot90(0)", inputs: [f(3, 4)], ts: (a) => a.rot90(0) },
  {
    name: "rot90.five",
    py: "a.rot90(k=5, dims=(2, 0))",
    inputs: [f(2, 3, 4)],
    ts: (a) => a.rot90({ k: 5, dims: [2, 0] }),
  },
  {
    name: "rot90.float64",
    py: "torch.rot90(a, 1, [0, 1])",
    inputs: [d64(2, 3)],
    ts: (a) => torch.rot90(a, 1, [0, 1]),
  },
  { name: "rot90.int", py: "a.rot90(-2)", inputs: [i64(3, 2)], ts: (a) => a.rot90(-2) },
  { name: "fliplr", py: "torch.fliplr(a)", inputs: [f(3, 4)], ts: (a) => torch.fliplr(a) },
  { name: "fliplr.3d", py: "a.fliplr()", inputs: [f(2, 3, 2)], ts: (a) => a.fliplr() },
  { name: "fliplr.float64", py: "torch.fliplr(a)", inputs: [d64(2, 3)], ts: (a) => torch.fliplr(a) },
  { name: "fliplr.int", py: "a.fliplr()", inputs: [i64(3, 3)], ts: (a) => a.fliplr() },
  { name: "flipud", py: "torch.flipud(a)", inputs: [f(4)], ts: (a) => torch.flipud(a) },
  { name: "flipud.2d", py: "a.flipud()", inputs: [f(3, 2)], ts: (a) => a.flipud() },
  { name: "flipud.float64", py: "torch.flipud(a)", inputs: [d64(3, 2)], ts: (a) => torch.flipud(a) },
  { name: "flipud.int", py: "a.flipud()", inputs: [i64(4)], ts: (a) => a.flipud() },
];
