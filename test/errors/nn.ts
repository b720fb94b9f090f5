// nn layers and nn.functional given bad input: convolutions, pooling, normalization, embedding, attention,
// dropout, init, and keywords PyTorch does not take.
import * as torch from "../../src/index.js";
import { bad, type ErrorTable } from "./error_table.js";

const { nn } = torch;
const F = nn.functional;
const w = () => torch.randn(4, 3, 3, 3);
const grid = () => torch.arange(16, { dtype: torch.float32 }).reshape(1, 1, 4, 4);
const boolMask = (...shape: number[]) => torch.zeros(shape, { dtype: torch.bool });

export const NN_ERRORS: ErrorTable = {
  setup: `
def w():
    return torch.randn(4, 3, 3, 3)
def grid():
    return torch.arange(16, dtype=torch.float32).reshape(1, 1, 4, 4)
def boolMask(*shape):
    return torch.zeros(shape, dtype=torch.bool)
`,
  rows: [
    // Convolutions.
    { py: "F.conv2d(torch.randn(2, 3), w())", ts: () => F.conv2d(torch.randn(2, 3), w()) },
    { py: "F.conv2d(torch.randn(2, 5, 5, 5), w())", ts: () => F.conv2d(torch.randn(2, 5, 5, 5), w()) },
    { py: "F.conv2d(torch.randn(2, 3, 2, 2), w())", ts: () => F.conv2d(torch.randn(2, 3, 2, 2), w()) },
    {
      py: "F.conv2d(torch.randn(2, 3, 5, 5), w(), None, stride=2, padding='same')",
      ts: () => F.conv2d(torch.randn(2, 3, 5, 5), w(), null, { stride: 2, padding: "same" }),
    },
    {
      py: "F.conv2d(torch.randn(2, 3, 5, 5), w(), None, padding='foo')",
      ts: () => F.conv2d(torch.randn(2, 3, 5, 5), w(), null, { padding: bad("foo") }),
    },
    {
      py: "F.conv1d(torch.randn(2, 3, 5, 5), w().select(3, 0))",
      ts: () => F.conv1d(torch.randn(2, 3, 5, 5), w().select(3, 0)),
    },
    {
      py: "F.conv2d(torch.randn(2, 3, 5, 5), w(), torch.randn(3))",
      ts: () => F.conv2d(torch.randn(2, 3, 5, 5), w(), torch.randn(3)),
    },
    {
      py: "F.conv2d(torch.randn(2, 4, 5, 5), torch.randn(4, 2, 3, 3), None, groups=3)",
      ts: () => F.conv2d(torch.randn(2, 4, 5, 5), torch.randn(4, 2, 3, 3), null, { groups: 3 }),
    },
    {
      py: "F.conv2d(torch.randn(2, 3, 5, 5), w(), None, stride=0)",
      ts: () => F.conv2d(torch.randn(2, 3, 5, 5), w(), null, { stride: 0 }),
    },
    {
      py: "F.conv2d(torch.randn(2, 3, 5, 5), w(), None, padding=-1)",
      ts: () => F.conv2d(torch.randn(2, 3, 5, 5), w(), null, { padding: -1 }),
    },
    {
      py: "F.conv2d(torch.randn(2, 3, 5, 5), w().double())",
      ts: () => F.conv2d(torch.randn(2, 3, 5, 5), w().double()),
    },
    { py: "nn.Conv2d(3, 4, 3, groups=2)", ts: () => new nn.Conv2d(3, 4, 3, { groups: 2 }) },
    { py: "nn.Conv2d(4, 3, 3, groups=2)", ts: () => new nn.Conv2d(4, 3, 3, { groups: 2 }) },
    { py: "nn.Conv2d(4, 4, 3, groups=0)", ts: () => new nn.Conv2d(4, 4, 3, { groups: 0 }) },
    // (nn.Conv2d(4, 4, 3, padding="foo") is no row: PyTorch prints the valid strings as a set, in hash order.)
    {
      py: "nn.Conv2d(4, 4, 3, stride=2, padding='same')",
      ts: () => new nn.Conv2d(4, 4, 3, { stride: 2, padding: "same" }),
    },
    // Pooling.
    { py: "F.max_pool2d(torch.randn(3, 5), 2)", ts: () => F.max_pool2d(torch.randn(3, 5), 2) },
    {
      py: "F.max_pool2d(torch.randn(2, 3, 5, 5), 2, padding=2)",
      ts: () => F.max_pool2d(torch.randn(2, 3, 5, 5), 2, { padding: 2 }),
    },
    { py: "F.max_pool2d(torch.randn(2, 3, 5, 5), 6)", ts: () => F.max_pool2d(torch.randn(2, 3, 5, 5), 6) },
    {
      py: "F.max_pool2d(torch.randn(2, 3, 5, 5), 2, stride=0)",
      ts: () => F.max_pool2d(torch.randn(2, 3, 5, 5), 2, { stride: 0 }),
    },
    {
      py: "F.avg_pool2d(torch.randn(2, 3, 5, 5), 2, padding=2)",
      ts: () => F.avg_pool2d(torch.randn(2, 3, 5, 5), 2, { padding: 2 }),
    },
    { py: "F.avg_pool2d(torch.randn(3, 5), 2)", ts: () => F.avg_pool2d(torch.randn(3, 5), 2) },
    {
      py: "F.adaptive_avg_pool2d(torch.randn(3, 5), 2)",
      ts: () => F.adaptive_avg_pool2d(torch.randn(3, 5), 2),
    },
    {
      py: "F.adaptive_avg_pool2d(torch.randn(2, 3, 5, 5), [2, 2, 2])",
      ts: () => F.adaptive_avg_pool2d(torch.randn(2, 3, 5, 5), [2, 2, 2]),
    },
    { py: "F.max_pool2d(grid(), 2, foo=1)", ts: () => F.max_pool2d(grid(), 2, bad({ foo: 1 })) },
    {
      py: "F.max_pool2d(grid(), 2, return_indices=True, foo=1)",
      ts: () => F.max_pool2d(grid(), 2, bad({ return_indices: true, foo: 1 })),
    },
    // Normalization.
    {
      py: "nn.BatchNorm1d(3)(torch.randn(1, 3))",
      ts: () => new nn.BatchNorm1d(3).forward(torch.randn(1, 3)),
    },
    {
      py: "nn.BatchNorm1d(3)(torch.randn(2, 3, 4, 4))",
      ts: () => new nn.BatchNorm1d(3).forward(torch.randn(2, 3, 4, 4)),
    },
    {
      py: "nn.BatchNorm2d(3)(torch.randn(2, 3))",
      ts: () => new nn.BatchNorm2d(3).forward(torch.randn(2, 3)),
    },
    {
      py: "nn.BatchNorm2d(3)(torch.randn(2, 4, 3, 3))",
      ts: () => new nn.BatchNorm2d(3).forward(torch.randn(2, 4, 3, 3)),
    },
    {
      py: "nn.LayerNorm([3, 5])(torch.randn(2, 5, 3))",
      ts: () => new nn.LayerNorm([3, 5]).forward(torch.randn(2, 5, 3)),
    },
    {
      py: "F.batch_norm(torch.tensor([[1., 2., 3.], [4., 6., 8.]]), None, None)",
      ts: () =>
        F.batch_norm(
          torch.tensor([
            [1, 2, 3],
            [4, 6, 8],
          ]),
          null,
          null,
        ),
    },
    // Embedding, Bilinear, attention.
    {
      py: "nn.Embedding(5, 3)(torch.tensor([1., 2.]))",
      ts: () => new nn.Embedding(5, 3).forward(torch.tensor([1, 2])),
    },
    {
      py: "nn.Embedding(5, 3)(torch.tensor([1, 5]))",
      ts: () => new nn.Embedding(5, 3).forward(torch.tensor([1n, 5n])),
    },
    { py: "nn.Embedding(5, 3, padding_idx=5)", ts: () => new nn.Embedding(5, 3, { padding_idx: 5 }) },
    {
      py: "nn.Bilinear(3, 4, 2)(torch.randn(2, 3), torch.randn(3, 4))",
      ts: () => new nn.Bilinear(3, 4, 2).forward(torch.randn(2, 3), torch.randn(3, 4)),
    },
    {
      py: "nn.Bilinear(3, 4, 2)(torch.randn(2, 4), torch.randn(2, 4))",
      ts: () => new nn.Bilinear(3, 4, 2).forward(torch.randn(2, 4), torch.randn(2, 4)),
    },
    {
      py: "nn.Bilinear(3, 4, 2)(torch.randn(2, 3), torch.randn(2, 3))",
      ts: () => new nn.Bilinear(3, 4, 2).forward(torch.randn(2, 3), torch.randn(2, 3)),
    },
    { py: "nn.MultiheadAttention(5, 2)", ts: () => new nn.MultiheadAttention(5, 2) },
    {
      py: "nn.MultiheadAttention(4, 2)(torch.randn(3, 2, 4), torch.randn(3, 4), torch.randn(3, 4))",
      ts: () =>
        new nn.MultiheadAttention(4, 2).forward(torch.randn(3, 2, 4), torch.randn(3, 4), torch.randn(3, 4)),
    },
    {
      name: "MultiheadAttention with a 2-D attn_mask of the wrong shape",
      py: "x = torch.randn(3, 2, 4)\nnn.MultiheadAttention(4, 2)(x, x, x, attn_mask=boolMask(2, 3))",
      ts: () => {
        const x = torch.randn(3, 2, 4);
        return new nn.MultiheadAttention(4, 2).forward(x, x, x, { attn_mask: boolMask(2, 3) });
      },
    },
    {
      name: "MultiheadAttention with a key_padding_mask of the wrong shape",
      py: "x = torch.randn(3, 2, 4)\nnn.MultiheadAttention(4, 2)(x, x, x, key_padding_mask=boolMask(2, 4))",
      ts: () => {
        const x = torch.randn(3, 2, 4);
        return new nn.MultiheadAttention(4, 2).forward(x, x, x, { key_padding_mask: boolMask(2, 4) });
      },
    },
    // Linear, dropout, padding, softmax, init, argument counts.
    { py: "nn.Linear(2, 3)(torch.randn(4, 5))", ts: () => new nn.Linear(2, 3).forward(torch.randn(4, 5)) },
    { py: "nn.Dropout(1.5)", ts: () => new nn.Dropout(1.5) },
    { py: "nn.Dropout(2)", ts: () => new nn.Dropout(2) },
    { py: "F.dropout(torch.ones(4), 1.5)", ts: () => F.dropout(torch.ones(4), 1.5) },
    { py: "F.dropout(torch.ones(4), -1e-05)", ts: () => F.dropout(torch.ones(4), -1e-5) },
    { py: "F.pad(torch.ones([1, 2]), [1, 1], 'foo')", ts: () => F.pad(torch.ones([1, 2]), [1, 1], "foo") },
    { py: "F.softmax(torch.ones(1, 3), 'x')", ts: () => F.softmax(torch.ones(1, 3), "x") },
    { py: "F.logsigmoid(torch.ones([2]), 1)", ts: () => F.logsigmoid(torch.ones([2]), bad(1)) },
    {
      py: "nn.init.kaiming_uniform_(torch.empty([2, 3]), mode='fan_x')",
      ts: () => nn.init.kaiming_uniform_(torch.empty([2, 3]), { mode: bad("fan_x") }),
    },
    { py: "nn.init.kaiming_uniform_(torch.empty(3))", ts: () => nn.init.kaiming_uniform_(torch.empty(3)) },
    {
      py: "nn.init.calculate_gain('leaky_relu', 'x')",
      ts: () => nn.init.calculate_gain("leaky_relu", bad("x")),
    },
    { py: "nn.init.calculate_gain('foo')", ts: () => nn.init.calculate_gain(bad("foo")) },
  ],
};
