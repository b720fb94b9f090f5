// F.pixel_shuffle / F.pixel_unshuffle given bad input (src/ops/nn_pixel_shuffle.ts).
import * as torch from "../../src/index.js";
import type { ErrorTable } from "./error_table.js";

const F = torch.nn.functional;

export const NN_PIXEL_SHUFFLE_ERRORS: ErrorTable = {
  setup: "",
  rows: [
    { py: "F.pixel_shuffle(torch.randn(8, 2), 2)", ts: () => F.pixel_shuffle(torch.randn(8, 2), 2) },
    { py: "F.pixel_shuffle(torch.randn(3, 2, 2), 0)", ts: () => F.pixel_shuffle(torch.randn(3, 2, 2), 0) },
    { py: "F.pixel_shuffle(torch.randn(6, 2, 2), 2)", ts: () => F.pixel_shuffle(torch.randn(6, 2, 2), 2) },
    { py: "F.pixel_unshuffle(torch.randn(8, 2), 2)", ts: () => F.pixel_unshuffle(torch.randn(8, 2), 2) },
    {
      py: "F.pixel_unshuffle(torch.randn(3, 4, 4), -1)",
      ts: () => F.pixel_unshuffle(torch.randn(3, 4, 4), -1),
    },
    {
      py: "F.pixel_unshuffle(torch.randn(3, 3, 4), 2)",
      ts: () => F.pixel_unshuffle(torch.randn(3, 3, 4), 2),
    },
    {
      py: "F.pixel_unshuffle(torch.randn(3, 4, 3), 2)",
      ts: () => F.pixel_unshuffle(torch.randn(3, 4, 3), 2),
    },
  ],
};
