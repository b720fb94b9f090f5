// Op table rows: src/ops/repeat.ts (tile, repeat_interleave: PyTorch's composites of repeat and index_select).
import * as torch from "../../../src/index.js";
import { f, type InputSpec, type OpCase } from "../op_case.js";

const d64 = (...shape: number[]): InputSpec => ({ shape, dtype: "float64" });
const i64 = (...shape: number[]): InputSpec => ({ shape, dtype: "int64" });
const counts = (...shape: number[]): InputSpec => ({ shape, dtype: "int64", domain: "positive" });

export const REPEAT_OPS: OpCase[] = [
  { name: "tile", py: "torch.tile(a, (2,))", inputs: [f(3, 4)], ts: (a) => torch.tile(a, [2]) },
  { name: "tile.lead", py: "a.tile((2, 1, 3))", inputs: [f(3, 4)], ts: (a) => a.tile([2, 1, 3]) },
  { name: "tile.same", py: "a.tile((2, 2))", inputs: [f(3, 2)], ts: (a) => a.tile([2, 2]) },
  { name: "tile.empty", py: "torch.tile(a, ())", inputs: [f(2, 3)], ts: (a) => torch.tile(a, []) },
  {
    name: "tile.float64",
    py: "torch.tile(a, (3, 1))",
    inputs: [d64(2, 2)],
    ts: (a) => torch.tile(a, [3, 1]),
  },
  { name: "tile.int", py: "a.tile((2,))", inputs: [i64(2, 3)], ts: (a) => a.tile([2]) },
  {
    name: "repeat_interleave",
    py: "torch.repeat_interleave(a, 2)",
    inputs: [f(2, 3)],
    ts: (a) => torch.repeat_interleave(a, 2),
  },
  {
    name: "repeat_interleave.dim",
    py: "a.repeat_interleave(3, 1)",
    inputs: [f(2, 3)],
    ts: (a) => a.repeat_interleave(3, 1),
  },
  {
    name: "repeat_interleave.dim_neg",
    py: "a.repeat_interleave(2, dim=-2)",
    inputs: [f(2, 3)],
    ts: (a) => a.repeat_interleave(2, { dim: -2 }),
  },
  {
    name: "repeat_interleave.tensor",
    py: "torch.repeat_interleave(a, torch.tensor([1, 0, 2]), 0)",
    inputs: [f(3, 2)],
    ts: (a) => torch.repeat_interleave(a, torch.tensor([1n, 0n, 2n]), 0),
  },
  {
    name: "repeat_interleave.tensor_one",
    py: "a.repeat_interleave(torch.tensor([2]), dim=1)",
    inputs: [f(2, 3)],
    ts: (a) => a.repeat_interleave(torch.tensor([2n]), { dim: 1 }),
  },
  {
    name: "repeat_interleave.tensor_0d",
    py: "torch.repeat_interleave(a, torch.tensor(3))",
    inputs: [f(2, 2)],
    ts: (a) => torch.repeat_interleave(a, torch.tensor(3n)),
  },
  {
    name: "repeat_interleave.output_size",
    py: "torch.repeat_interleave(a, torch.tensor([1, 2]), dim=0, output_size=3)",
    inputs: [f(2, 3)],
    ts: (a) => torch.repeat_interleave(a, torch.tensor([1n, 2n]), { dim: 0, output_size: 3 }),
  },
  {
    name: "repeat_interleave.0d",
    py: "torch.repeat_interleave(a, 3)",
    inputs: [f()],
    ts: (a) => torch.repeat_interleave(a, 3),
  },
  {
    name: "repeat_interleave.float64",
    py: "a.repeat_interleave(2, 0)",
    inputs: [d64(2, 3)],
    ts: (a) => a.repeat_interleave(2, 0),
  },
  {
    name: "repeat_interleave.int",
    py: "torch.repeat_interleave(a, 2, 1)",
    inputs: [i64(2, 2)],
    ts: (a) => torch.repeat_interleave(a, 2, 1),
  },
  {
    name: "repeat_interleave.counts",
    py: "torch.repeat_interleave(a)",
    inputs: [counts(4)],
    ts: (a) => torch.repeat_interleave(a),
  },
  {
    name: "repeat_interleave.counts_output_size",
    py: "torch.repeat_interleave(a, output_size=int(a.sum()))",
    inputs: [counts(3)],
    ts: (a) => torch.repeat_interleave(a, { output_size: Number(a.sum().item()) }),
  },
  {
    name: "repeat_interleave.tensor_repeats_input",
    py: "torch.repeat_interleave(a, b, dim=0)",
    inputs: [f(3, 2), counts(3)],
    ts: (a, b) => torch.repeat_interleave(a, b, { dim: 0 }),
  },
];
