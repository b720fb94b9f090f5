// F.conv_transpose1d / 2d / 3d, conv3d and nn.ConvTranspose1d / 2d / 3d given bad input
// (src/ops/nn_conv_transpose.ts, src/nn/modules/conv.ts).
import * as torch from "../../src/index.js";
import type { ErrorTable } from "./error_table.js";

const { nn } = torch;
const F = nn.functional;
const x = () => torch.randn(2, 4, 5, 5);
const w = () => torch.randn(4, 3, 3, 3);
const x1 = () => torch.randn(2, 4, 5);
const w1 = () => torch.randn(4, 3, 3);
const x3 = () => torch.randn(1, 2, 3, 3, 3);
const w3 = () => torch.randn(2, 2, 2, 2, 2);

export const NN_CONV_TRANSPOSE_ERRORS: ErrorTable = {
  setup: `
def x():
    return torch.randn(2, 4, 5, 5)
def w():
    return torch.randn(4, 3, 3, 3)
def x1():
    return torch.randn(2, 4, 5)
def w1():
    return torch.randn(4, 3, 3)
def x3():
    return torch.randn(1, 2, 3, 3, 3)
def w3():
    return torch.randn(2, 2, 2, 2, 2)
`,
  rows: [
    {
      py: "F.conv_transpose2d(x()[0, 0], w())",
      ts: () => F.conv_transpose2d(x().select(0, 0).select(0, 0), w()),
    },
    {
      py: "F.conv_transpose2d(x(), w(), output_padding=1)",
      ts: () => F.conv_transpose2d(x(), w(), null, { output_padding: 1 }),
    },
    {
      py: "F.conv_transpose2d(x(), w(), stride=2, output_padding=(1, 2))",
      ts: () => F.conv_transpose2d(x(), w(), null, { stride: 2, output_padding: [1, 2] }),
    },
    { py: "F.conv_transpose2d(x()[:, :3], w())", ts: () => F.conv_transpose2d(x().narrow(1, 0, 3), w()) },
    {
      py: "F.conv_transpose2d(x(), w(), torch.randn(4))",
      ts: () => F.conv_transpose2d(x(), w(), torch.randn(4)),
    },
    {
      py: "F.conv_transpose2d(x(), w(), groups=3)",
      ts: () => F.conv_transpose2d(x(), w(), null, { groups: 3 }),
    },
    {
      py: "F.conv_transpose2d(x(), w(), groups=8)",
      ts: () => F.conv_transpose2d(x(), w(), null, { groups: 8 }),
    },
    {
      py: "F.conv_transpose2d(x(), w(), padding=-1)",
      ts: () => F.conv_transpose2d(x(), w(), null, { padding: -1 }),
    },
    {
      py: "F.conv_transpose2d(x(), w(), output_padding=-1)",
      ts: () => F.conv_transpose2d(x(), w(), null, { output_padding: -1 }),
    },
    {
      py: "F.conv_transpose2d(x(), w(), padding=9)",
      ts: () => F.conv_transpose2d(x(), w(), null, { padding: 9 }),
    },
    { py: "F.conv_transpose2d(x().double(), w())", ts: () => F.conv_transpose2d(x().double(), w()) },
    {
      py: "F.conv_transpose1d(x1(), w1(), stride=0)",
      ts: () => F.conv_transpose1d(x1(), w1(), null, { stride: 0 }),
    },
    {
      py: "F.conv_transpose1d(x1(), w1(), dilation=0)",
      ts: () => F.conv_transpose1d(x1(), w1(), null, { dilation: 0 }),
    },
    {
      py: "F.conv_transpose1d(x1(), w1(), output_padding=1)",
      ts: () => F.conv_transpose1d(x1(), w1(), null, { output_padding: 1 }),
    },
    {
      py: "F.conv_transpose1d(x1(), w1(), padding=9)",
      ts: () => F.conv_transpose1d(x1(), w1(), null, { padding: 9 }),
    },
    {
      py: "F.conv_transpose1d(x1(), w1(), torch.randn(3).double())",
      ts: () => F.conv_transpose1d(x1(), w1(), torch.randn(3).double()),
    },
    {
      py: "F.conv_transpose1d(x1().int(), w1().int())",
      ts: () => F.conv_transpose1d(x1().int(), w1().int()),
    },
    {
      py: "F.conv_transpose1d(x1(), w1(), groups=0)",
      ts: () => F.conv_transpose1d(x1(), w1(), null, { groups: 0 }),
    },
    { py: "F.conv_transpose1d(x1(), w())", ts: () => F.conv_transpose1d(x1(), w()) },
    {
      py: "F.conv_transpose1d(x1(), w1(), stride=(1, 2))",
      ts: () => F.conv_transpose1d(x1(), w1(), null, { stride: [1, 2] }),
    },
    {
      py: "F.conv3d(torch.randn(2, 3), torch.randn(1, 1, 1, 1, 1))",
      ts: () => F.conv3d(torch.randn(2, 3), torch.randn(1, 1, 1, 1, 1)),
    },
    {
      py: "F.conv3d(torch.randn(1, 2, 3, 3, 3), torch.randn(4, 3, 2, 2, 2))",
      ts: () => F.conv3d(torch.randn(1, 2, 3, 3, 3), torch.randn(4, 3, 2, 2, 2)),
    },
    {
      py: "F.conv3d(torch.randn(1, 2, 3, 3, 3), torch.randn(4, 2, 4, 2, 2))",
      ts: () => F.conv3d(torch.randn(1, 2, 3, 3, 3), torch.randn(4, 2, 4, 2, 2)),
    },
    {
      py: "F.conv_transpose3d(x3()[0, 0], w3())",
      ts: () => F.conv_transpose3d(x3().select(0, 0).select(0, 0), w3()),
    },
    {
      py: "F.conv_transpose3d(x3(), w3(), dilation=(1, 0, 1))",
      ts: () => F.conv_transpose3d(x3(), w3(), null, { dilation: [1, 0, 1] }),
    },
    {
      py: "F.conv_transpose3d(x3(), w3(), stride=(2, 1, 2), output_padding=(1, 1, 0))",
      ts: () => F.conv_transpose3d(x3(), w3(), null, { stride: [2, 1, 2], output_padding: [1, 1, 0] }),
    },
    {
      py: "F.conv_transpose3d(x3(), w3(), padding=(0, 3, 0))",
      ts: () => F.conv_transpose3d(x3(), w3(), null, { padding: [0, 3, 0] }),
    },
    {
      py: "F.conv_transpose3d(x3().int(), w3().int())",
      ts: () => F.conv_transpose3d(x3().int(), w3().int()),
    },
    { py: "F.conv_transpose3d(x3(), w3().double())", ts: () => F.conv_transpose3d(x3(), w3().double()) },
    {
      py: "F.conv_transpose3d(x3(), w3(), stride=(1, 2))",
      ts: () => F.conv_transpose3d(x3(), w3(), null, { stride: [1, 2] }),
    },
    { py: "F.conv_transpose3d(x3(), w())", ts: () => F.conv_transpose3d(x3(), w()) },
    // The modules' own checks.
    {
      py: "nn.ConvTranspose1d(4, 6, 3, padding_mode='reflect')",
      ts: () => new nn.ConvTranspose1d(4, 6, 3, { padding_mode: "reflect" }),
    },
    { py: "nn.ConvTranspose2d(4, 6, 3, groups=4)", ts: () => new nn.ConvTranspose2d(4, 6, 3, { groups: 4 }) },
    { py: "nn.Conv3d(4, 6, 3, groups=0)", ts: () => new nn.Conv3d(4, 6, 3, { groups: 0 }) },
    {
      py: "nn.ConvTranspose1d(4, 6, 3)(x1(), output_size=[3])",
      ts: () => new nn.ConvTranspose1d(4, 6, 3).forward(x1(), [3]),
    },
    {
      py: "nn.ConvTranspose1d(4, 6, 3)(x1(), output_size=[1, 2, 3, 4])",
      ts: () => new nn.ConvTranspose1d(4, 6, 3).forward(x1(), [1, 2, 3, 4]),
    },
    {
      py: "nn.ConvTranspose2d(4, 6, 3, stride=3)(x(), output_size=[2, 6, 16, 20])",
      ts: () => new nn.ConvTranspose2d(4, 6, 3, { stride: 3 }).forward(x(), [2, 6, 16, 20]),
    },
    {
      py: "nn.ConvTranspose2d(4, 6, 3, stride=2)(x()[0], output_size=[12])",
      ts: () => new nn.ConvTranspose2d(4, 6, 3, { stride: 2 }).forward(x().select(0, 0), [12]),
    },
    {
      py: "nn.ConvTranspose3d(2, 4, 2, padding_mode='circular')",
      ts: () => new nn.ConvTranspose3d(2, 4, 2, { padding_mode: "circular" }),
    },
    {
      py: "nn.ConvTranspose3d(2, 4, 2, stride=2)(x3(), output_size=[6, 9, 6])",
      ts: () => new nn.ConvTranspose3d(2, 4, 2, { stride: 2 }).forward(x3(), [6, 9, 6]),
    },
  ],
};
