// Op table rows: src/ops/join.ts (cat, stack, split, chunk, unbind, flip, roll, repeat, constant padding).
import * as torch from "../../../src/index.js";
import { f, type OpCase } from "../op_case.js";

export const JOIN_OPS: OpCase[] = [
  { name: "cat", py: "torch.cat([a, b], 1)", inputs: [f(2, 3), f(2, 2)], ts: (a, b) => torch.cat([a, b], 1) },
  {
    name: "cat.three_neg_dim",
    py: "torch.cat((a, b, c), -1)",
    inputs: [f(2, 1), f(2, 3), f(2, 2)],
    ts: (a, b, c) => torch.cat([a, b, c], -1),
  },
  {
    name: "cat.promote",
    py: "torch.cat([a, b])",
    inputs: [f(2), { shape: [3], dtype: "float64" }],
    ts: (a, b) => torch.cat([a, b]),
    gradcheck: false,
  },
  {
    name: "cat.int_float",
    py: "torch.cat([a, b])",
    inputs: [{ shape: [2], dtype: "int64" }, f(3)],
    ts: (a, b) => torch.cat([a, b]),
  },
  {
    name: "cat.noncontig",
    py: "torch.cat([a.t(), b])",
    inputs: [f(3, 2), f(1, 3)],
    ts: (a, b) => torch.cat([a.t(), b]),
  },
  { name: "stack", py: "torch.stack([a, b])", inputs: [f(2, 3), f(2, 3)], ts: (a, b) => torch.stack([a, b]) },
  {
    name: "stack.last_dim",
    py: "torch.stack((a, b, c), -1)",
    inputs: [f(2, 3), f(2, 3), f(2, 3)],
    ts: (a, b, c) => torch.stack([a, b, c], -1),
  },
  { name: "split.one_output", py: "a.split(2, 1)[1]", inputs: [f(2, 5)], ts: (a) => a.split(2, 1)[1] },
  { name: "split.last", py: "torch.split(a, 2)[2]", inputs: [f(5, 2)], ts: (a) => torch.split(a, 2)[2] },
  {
    name: "split.all_outputs",
    py: "torch.cat([t * (i + 1) for i, t in enumerate(a.split(2, 1))], 1)",
    inputs: [f(2, 5)],
    ts: (a) =>
      torch.cat(
        a.split(2, 1).map((t, i) => t.mul(i + 1)),
        1,
      ),
  },
  {
    name: "split.sizes",
    py: "a.split([1, 3], 1)[1]",
    inputs: [f(2, 4)],
    ts: (a) => a.split([1, 3], 1)[1],
  },
  { name: "chunk", py: "a.chunk(3, 1)[2]", inputs: [f(2, 7)], ts: (a) => a.chunk(3, 1)[2] },
  { name: "chunk.first", py: "torch.chunk(a, 2)[0]", inputs: [f(3, 2)], ts: (a) => torch.chunk(a, 2)[0] },
  { name: "unbind", py: "a.unbind(1)[2]", inputs: [f(2, 3)], ts: (a) => a.unbind(1)[2] },
  {
    name: "unbind.all",
    py: "torch.stack([t * (i + 1) for i, t in enumerate(torch.unbind(a))], 1)",
    inputs: [f(3, 2)],
    ts: (a) =>
      torch.stack(
        torch.unbind(a).map((t, i) => t.mul(i + 1)),
        1,
      ),
  },
  { name: "flip", py: "a.flip(0)", inputs: [f(3, 2)], ts: (a) => a.flip(0) },
  {
    name: "flip.dims",
    py: "torch.flip(a, (0, -1))",
    inputs: [f(2, 3, 4)],
    ts: (a) => torch.flip(a, [0, -1]),
  },
  { name: "roll.flat", py: "a.roll(2)", inputs: [f(2, 3)], ts: (a) => a.roll(2) },
  { name: "roll.dim", py: "a.roll(-1, 1)", inputs: [f(2, 3)], ts: (a) => a.roll(-1, 1) },
  {
    name: "roll.dims",
    py: "torch.roll(a, (1, 5), (0, 2))",
    inputs: [f(2, 3, 4)],
    ts: (a) => torch.roll(a, [1, 5], [0, 2]),
  },
  { name: "repeat", py: "a.repeat(2, 3)", inputs: [f(2, 3)], ts: (a) => a.repeat(2, 3), ulps: 4 },
  { name: "repeat.new_dims", py: "a.repeat(2, 1, 2)", inputs: [f(3)], ts: (a) => a.repeat(2, 1, 2), ulps: 4 },
  { name: "repeat.ones", py: "a.repeat(1, 1)", inputs: [f(2, 3)], ts: (a) => a.repeat([1, 1]) },
  {
    name: "pad",
    py: "torch.constant_pad_nd(a, (1, 2))",
    inputs: [f(2, 3)],
    ts: (a) => torch.constant_pad_nd(a, [1, 2]),
  },
  {
    name: "pad.value_2d",
    py: "torch.constant_pad_nd(a, (1, 0, 2, 1), -1.5)",
    inputs: [f(2, 3, 2)],
    ts: (a) => torch.constant_pad_nd(a, [1, 0, 2, 1], -1.5),
  },
  {
    name: "pad.negative",
    py: "torch.constant_pad_nd(a, (-1, 2, 1, -1))",
    inputs: [f(3, 4)],
    ts: (a) => torch.constant_pad_nd(a, [-1, 2, 1, -1]),
  },
  {
    name: "pad.crop_only",
    py: "torch.constant_pad_nd(a, (0, -2))",
    inputs: [f(2, 4)],
    ts: (a) => torch.constant_pad_nd(a, [0, -2]),
  },
  // 0-d and size-0 inputs (issue 13): a 0-d tensor's dim 0 is its one element; size-0 operands, also views
  // whose offset lies past their storage's end, join and roll to empty results.
  { name: "flip.0d", py: "a.flip(0)", inputs: [f()], ts: (a) => a.flip(0) },
  { name: "roll.0d", py: "a.roll(1)", inputs: [f()], ts: (a) => a.roll(1) },
  {
    name: "cat.size0",
    py: "torch.cat([a, b], 1)",
    inputs: [f(2, 0), f(2, 3)],
    ts: (a, b) => torch.cat([a, b], 1),
  },
  {
    name: "cat.size0_view_at_end",
    py: "torch.cat([a.narrow(1, 3, 0), b], 1)",
    inputs: [f(2, 3), f(2, 2)],
    ts: (a, b) => torch.cat([a.narrow(1, 3, 0), b], 1),
  },
  {
    name: "stack.size0",
    py: "torch.stack([a, b], 1)",
    inputs: [f(0, 3), f(0, 3)],
    ts: (a, b) => torch.stack([a, b], 1),
  },
  {
    name: "stack.size0_view_at_end",
    py: "torch.stack([a.narrow(0, 2, 0), b.narrow(0, 2, 0)])",
    inputs: [f(2, 3), f(2, 3)],
    ts: (a, b) => torch.stack([a.narrow(0, 2, 0), b.narrow(0, 2, 0)]),
  },
  {
    name: "cat.all_empty_1d",
    py: "torch.cat([a, b], 1)",
    inputs: [f(0), f(0)],
    ts: (a, b) => torch.cat([a, b], 1),
  },
  {
    name: "chunk.size0",
    py: "torch.cat([t * (i + 1) for i, t in enumerate(a.chunk(2, 1))], 1)",
    inputs: [f(3, 0)],
    ts: (a) =>
      torch.cat(
        a.chunk(2, 1).map((t, i) => t.mul(i + 1)),
        1,
      ),
  },
  { name: "roll.size0", py: "a.roll(1, 0)", inputs: [f(0, 3)], ts: (a) => a.roll(1, 0) },
  {
    name: "roll.size0_view_at_end",
    py: "a.narrow(1, 3, 0).roll(2)",
    inputs: [f(2, 3)],
    ts: (a) => a.narrow(1, 3, 0).roll(2),
  },
];
