// Op table rows: F.pixel_shuffle / F.pixel_unshuffle (src/ops/nn_pixel_shuffle.ts).
import * as torch from "../../../src/index.js";
import { f, f64, type OpCase } from "../op_case.js";

const F = torch.nn.functional;
const i64 = (...shape: number[]) => ({ shape, dtype: "int64" as const });

export const NN_PIXEL_SHUFFLE_OPS: OpCase[] = [
  {
    name: "pixel_shuffle",
    py: "torch.nn.functional.pixel_shuffle(a, 2)",
    inputs: [f(2, 8, 2, 3)],
    ts: (a) => F.pixel_shuffle(a, 2),
  },
  {
    name: "pixel_shuffle.unbatched_float64",
    py: "torch.pixel_shuffle(a, 3)",
    inputs: [f64(9, 2, 1)],
    ts: (a) => torch.pixel_shuffle(a, 3),
  },
  {
    name: "pixel_shuffle.extra_batch_dims_int64",
    py: "torch.nn.functional.pixel_shuffle(a, 2)",
    inputs: [i64(2, 1, 4, 2, 2)],
    ts: (a) => F.pixel_shuffle(a, 2),
  },
  {
    name: "pixel_unshuffle",
    py: "torch.nn.functional.pixel_unshuffle(a, 2)",
    inputs: [f(2, 2, 4, 6)],
    ts: (a) => F.pixel_unshuffle(a, 2),
  },
  {
    name: "pixel_unshuffle.unbatched_float64",
    py: "torch.pixel_unshuffle(a, downscale_factor=3)",
    inputs: [f64(1, 3, 6)],
    ts: (a) => torch.pixel_unshuffle(a, { downscale_factor: 3 }),
  },
  {
    name: "pixel_unshuffle.extra_batch_dims_int64",
    py: "torch.nn.functional.pixel_unshuffle(a, 2)",
    inputs: [i64(3, 1, 2, 2, 4)],
    ts: (a) => F.pixel_unshuffle(a, 2),
  },
];
