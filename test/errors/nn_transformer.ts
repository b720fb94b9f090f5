// nn.Transformer and its layers, and the lazy modules, misused: masks and memories of the wrong shape or
// dtype, sizes the heads don't divide, inputs a lazy module cannot infer its sizes from.
import * as torch from "../../src/index.js";
import { catch_warnings } from "../../src/warnings.js";
import type { ErrorTable } from "./error_table.js";

const { nn } = torch;
const r = (...shape: number[]) => torch.randn(shape);
const quiet = <T>(fn: () => T): T => catch_warnings(fn).result;

export const NN_TRANSFORMER_ERRORS: ErrorTable = {
  setup: `
import warnings
warnings.simplefilter('ignore')
def r(*shape):
    return torch.randn(*shape)
`,
  rows: [
    { py: "nn.Transformer(4, 3)", ts: () => new nn.Transformer(4, 3) },
    {
      py: "nn.Transformer(4, 2, activation='tanh')",
      ts: () => new nn.Transformer(4, 2, { activation: "tanh" }),
    },
    {
      py: "nn.TransformerDecoderLayer(4, 2, dim_feedforward=8)(r(3, 2, 4), r(5, 2, 3))",
      ts: () => new nn.TransformerDecoderLayer(4, 2, { dim_feedforward: 8 }).forward(r(3, 2, 4), r(5, 2, 3)),
    },
    {
      py: "nn.TransformerDecoderLayer(4, 2, dim_feedforward=8)(r(3, 2, 4), r(5, 3, 4))",
      ts: () => new nn.TransformerDecoderLayer(4, 2, { dim_feedforward: 8 }).forward(r(3, 2, 4), r(5, 3, 4)),
    },
    {
      py: "nn.TransformerDecoder(nn.TransformerDecoderLayer(4, 2, dim_feedforward=8), 2)(r(3, 2, 4), r(5, 2, 4), memory_mask=torch.zeros(3, 4))",
      ts: () =>
        new nn.TransformerDecoder(new nn.TransformerDecoderLayer(4, 2, { dim_feedforward: 8 }), 2).forward(
          r(3, 2, 4),
          r(5, 2, 4),
          { memory_mask: torch.zeros([3, 4]) },
        ),
    },
    {
      py: "nn.TransformerEncoder(nn.TransformerEncoderLayer(4, 2, dim_feedforward=8), 1)(r(3, 2, 4), mask=torch.zeros(3, 3, dtype=torch.long))",
      ts: () =>
        new nn.TransformerEncoder(new nn.TransformerEncoderLayer(4, 2, { dim_feedforward: 8 }), 1).forward(
          r(3, 2, 4),
          { mask: torch.zeros([3, 3], { dtype: torch.int64 }) },
        ),
    },
    {
      py: "nn.TransformerDecoderLayer(4, 2, dim_feedforward=8)(r(3, 2, 4), r(5, 2, 4), memory_key_padding_mask=torch.zeros(2, 5, dtype=torch.long))",
      ts: () =>
        new nn.TransformerDecoderLayer(4, 2, { dim_feedforward: 8 }).forward(r(3, 2, 4), r(5, 2, 4), {
          memory_key_padding_mask: torch.zeros([2, 5], { dtype: torch.int64 }),
        }),
    },
    { py: "nn.LazyLinear(3).weight.mean()", ts: () => quiet(() => new nn.LazyLinear(3)).weight.mean() },
    {
      py: "nn.LazyBatchNorm2d()(r(2, 3))",
      ts: () => quiet(() => new nn.LazyBatchNorm2d()).forward(r(2, 3)),
    },
    {
      py: "nn.LazyConvTranspose1d(3, 2)(r(2, 4, 5, 5))",
      ts: () => quiet(() => new nn.LazyConvTranspose1d(3, 2)).forward(r(2, 4, 5, 5)),
    },
    {
      py: "nn.LazyConv3d(2, 2, groups=2)(r(1, 3, 4, 4, 4))",
      ts: () => quiet(() => new nn.LazyConv3d(2, 2, { groups: 2 })).forward(r(1, 3, 4, 4, 4)),
    },
    {
      py: "nn.LazyBatchNorm1d()(torch.ones(3))",
      ts: () => quiet(() => new nn.LazyBatchNorm1d()).forward(torch.ones([3])),
    },
    {
      py: "nn.LazyLinear(3)(torch.tensor(1.))",
      ts: () => quiet(() => new nn.LazyLinear(3)).forward(torch.tensor(1.5)),
    },
  ],
};
