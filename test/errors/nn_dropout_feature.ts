// F.dropout1d / dropout2d / dropout3d and their modules given bad input (src/ops/nn_dropout_feature.ts).
import * as torch from "../../src/index.js";
import type { ErrorTable } from "./error_table.js";

const F = torch.nn.functional;

export const NN_DROPOUT_FEATURE_ERRORS: ErrorTable = {
  setup: "",
  rows: [
    { py: "F.dropout1d(torch.randn(2, 3), 1.5)", ts: () => F.dropout1d(torch.randn(2, 3), 1.5) },
    { py: "F.dropout1d(torch.randn(2, 3, 4, 5))", ts: () => F.dropout1d(torch.randn(2, 3, 4, 5)) },
    { py: "F.dropout1d(torch.randn(4))", ts: () => F.dropout1d(torch.randn(4)) },
    {
      py: "F.dropout2d(torch.randn(2, 3, 4, 4), -0.5)",
      ts: () => F.dropout2d(torch.randn(2, 3, 4, 4), -0.5),
    },
    {
      py: "F.dropout3d(torch.randn(2, 3, 4, 4, 4), 2.0)",
      ts: () => F.dropout3d(torch.randn(2, 3, 4, 4, 4), 2),
    },
    { py: "F.dropout2d(torch.randn(4), 0.5)", ts: () => F.dropout2d(torch.randn(4), 0.5) },
    { py: "nn.Dropout2d(p=1.5)", ts: () => new torch.nn.Dropout2d({ p: 1.5 }) },
  ],
};
