// F.unfold / F.fold given bad input (src/ops/nn_fold.ts): im2col's and col2im's checks, in their order.
import * as torch from "../../src/index.js";
import type { ErrorTable } from "./error_table.js";

const F = torch.nn.functional;
const img = () => torch.randn(1, 3, 4, 4);
const cols = () => torch.randn(1, 12, 4);

export const NN_FOLD_ERRORS: ErrorTable = {
  setup: `
def img():
    return torch.randn(1, 3, 4, 4)
def cols():
    return torch.randn(1, 12, 4)
`,
  rows: [
    { py: "F.unfold(torch.randn(2, 3), 2)", ts: () => F.unfold(torch.randn(2, 3), 2) },
    { py: "F.unfold(img(), (2, 2, 2))", ts: () => F.unfold(img(), [2, 2, 2]) },
    { py: "F.unfold(img(), 0)", ts: () => F.unfold(img(), 0) },
    { py: "F.unfold(img(), 2, dilation=0)", ts: () => F.unfold(img(), 2, { dilation: 0 }) },
    {
      py: "F.unfold(img(), 2, padding=-1, stride=0)",
      ts: () => F.unfold(img(), 2, { padding: -1, stride: 0 }),
    },
    { py: "F.unfold(img(), 2, stride=0)", ts: () => F.unfold(img(), 2, { stride: 0 }) },
    { py: "F.unfold(img(), 5)", ts: () => F.unfold(img(), 5) },
    { py: "F.unfold(torch.randn(1, 0, 4, 4), 2)", ts: () => F.unfold(torch.randn(1, 0, 4, 4), 2) },
    { py: "F.unfold(img().long(), 2)", ts: () => F.unfold(img().long(), 2) },
    { py: "F.fold(cols(), (3, 3, 3), 2)", ts: () => F.fold(cols(), [3, 3, 3], 2) },
    { py: "F.fold(torch.randn(1, 12, 5), (3, 3), 2)", ts: () => F.fold(torch.randn(1, 12, 5), [3, 3], 2) },
    { py: "F.fold(torch.randn(1, 10, 4), (3, 3), 2)", ts: () => F.fold(torch.randn(1, 10, 4), [3, 3], 2) },
    { py: "F.fold(cols(), (3, 3), 0)", ts: () => F.fold(cols(), [3, 3], 0) },
    {
      py: "F.fold(cols(), (3, 3), 2, padding=-1, dilation=0)",
      ts: () => F.fold(cols(), [3, 3], 2, { padding: -1, dilation: 0 }),
    },
    {
      py: "F.fold(cols(), (3, 3), 2, stride=0, dilation=0)",
      ts: () => F.fold(cols(), [3, 3], 2, { stride: 0, dilation: 0 }),
    },
    { py: "F.fold(cols(), (0, 3), 2)", ts: () => F.fold(cols(), [0, 3], 2) },
    {
      py: "F.fold(torch.randn(1, 1, 12, 4), (3, 3), 2)",
      ts: () => F.fold(torch.randn(1, 1, 12, 4), [3, 3], 2),
    },
    { py: "F.fold(cols().long(), (3, 3), 2)", ts: () => F.fold(cols().long(), [3, 3], 2) },
  ],
};
