// Op table rows: src/ops/nn_pad.ts (F.pad's reflect, replicate and circular modes).
import * as torch from "../../../src/index.js";
import { f, f64, type OpCase } from "../op_case.js";

const F = torch.nn.functional;

export const NN_PAD_OPS: OpCase[] = [
  {
    name: "pad.reflect_1d",
    py: "torch.nn.functional.pad(a, (2, 1), mode='reflect')",
    inputs: [f(2, 3, 4)],
    ts: (a) => F.pad(a, [2, 1], "reflect"),
  },
  {
    name: "pad.reflect_1d_unbatched",
    py: "torch.nn.functional.pad(a, (3, 0), mode='reflect')",
    inputs: [f(3, 4)],
    ts: (a) => F.pad(a, [3, 0], "reflect"),
  },
  {
    name: "pad.reflect_2d",
    py: "torch.nn.functional.pad(a, (1, 2, 2, 1), mode='reflect')",
    inputs: [f(1, 2, 3, 4)],
    ts: (a) => F.pad(a, [1, 2, 2, 1], "reflect"),
  },
  {
    name: "pad.reflect_2d_negative",
    py: "torch.nn.functional.pad(a, (-1, 2, 1, -1), mode='reflect')",
    inputs: [f(2, 3, 4)],
    ts: (a) => F.pad(a, [-1, 2, 1, -1], "reflect"),
  },
  {
    name: "pad.reflect_3d",
    py: "torch.nn.functional.pad(a, (1, 1, 2, 0, 1, 1), mode='reflect')",
    inputs: [f64(1, 2, 3, 3, 4)],
    ts: (a) => F.pad(a, [1, 1, 2, 0, 1, 1], "reflect"),
  },
  {
    name: "pad.replicate_1d",
    py: "torch.nn.functional.pad(a, (5, 2), mode='replicate')",
    inputs: [f(2, 3, 4)],
    ts: (a) => F.pad(a, [5, 2], "replicate"),
  },
  {
    name: "pad.replicate_2d",
    py: "torch.nn.functional.pad(a, (3, 1, 0, 4), mode='replicate')",
    inputs: [f(2, 3, 4)],
    ts: (a) => F.pad(a, [3, 1, 0, 4], "replicate"),
  },
  {
    name: "pad.replicate_3d",
    py: "torch.nn.functional.pad(a, (1, 2, 1, 0, 2, 1), mode='replicate')",
    inputs: [f(1, 1, 2, 3, 4)],
    ts: (a) => F.pad(a, [1, 2, 1, 0, 2, 1], "replicate"),
  },
  {
    name: "pad.replicate_float64",
    py: "torch.nn.functional.pad(a, (2, 2), mode='replicate')",
    inputs: [f64(3, 4)],
    ts: (a) => F.pad(a, [2, 2], "replicate"),
  },
  {
    name: "pad.circular_1d",
    py: "torch.nn.functional.pad(a, (2, 3), mode='circular')",
    inputs: [f(2, 3, 4)],
    ts: (a) => F.pad(a, [2, 3], "circular"),
  },
  {
    name: "pad.circular_2d_negative",
    py: "torch.nn.functional.pad(a, (2, -1, 1, 1), mode='circular')",
    inputs: [f(1, 2, 3, 4)],
    ts: (a) => F.pad(a, [2, -1, 1, 1], "circular"),
  },
  {
    name: "pad.circular_3d",
    py: "torch.nn.functional.pad(a, (1, 1, 1, 0, 0, 2), mode='circular')",
    inputs: [f64(1, 1, 2, 3, 4)],
    ts: (a) => F.pad(a, [1, 1, 1, 0, 0, 2], "circular"),
  },
  {
    name: "pad.circular_int",
    py: "torch.nn.functional.pad(a, (1, 2), mode='circular')",
    inputs: [{ shape: [2, 2, 3], dtype: "int64" }],
    ts: (a) => F.pad(a, [1, 2], "circular"),
  },
];
