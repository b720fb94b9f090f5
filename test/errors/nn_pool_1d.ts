// The 1-D pools, adaptive max pooling and the 3-D pools given bad input (src/ops/nn_pool_1d.ts,
// nn_pool_adaptive_max.ts, nn_pool_3d.ts):
// max_pool1d words its checks one way when no gradient is needed and runs max_pool2d's checks when one is.
import * as torch from "../../src/index.js";
import type { ErrorTable } from "./error_table.js";

const F = torch.nn.functional;
const x = () => torch.randn(2, 3, 8);
const xg = () => torch.randn(2, 3, 8).requires_grad_(true);
const x3 = () => torch.randn(1, 2, 4, 5, 6);
/** max_unpool2d's inputs: 2x2 pooled values and their indices in 4x4 planes. */
const v = () => torch.randn(1, 2, 2, 2);
const idx = () =>
  torch.tensor(
    [
      [
        [
          [0, 3],
          [8, 15],
        ],
        [
          [1, 2],
          [12, 14],
        ],
      ],
    ],
    { dtype: torch.int64 },
  );

export const NN_POOL_1D_ERRORS: ErrorTable = {
  setup: `
def x():
    return torch.randn(2, 3, 8)
def x3():
    return torch.randn(1, 2, 4, 5, 6)
def xg():
    return torch.randn(2, 3, 8).requires_grad_(True)
def v():
    return torch.randn(1, 2, 2, 2)
def idx():
    return torch.tensor([[[[0, 3], [8, 15]], [[1, 2], [12, 14]]]])
`,
  rows: [
    { py: "F.max_pool1d(x(), 0)", ts: () => F.max_pool1d(x(), 0) },
    { py: "F.max_pool1d(x(), 2, -1)", ts: () => F.max_pool1d(x(), 2, -1) },
    { py: "F.max_pool1d(x(), 3, padding=2)", ts: () => F.max_pool1d(x(), 3, { padding: 2 }) },
    { py: "F.max_pool1d(x(), 2, padding=-1)", ts: () => F.max_pool1d(x(), 2, { padding: -1 }) },
    { py: "F.max_pool1d(x(), 2, dilation=0)", ts: () => F.max_pool1d(x(), 2, { dilation: 0 }) },
    { py: "F.max_pool1d(x()[0, 0], 2)", ts: () => F.max_pool1d(x().select(0, 0).select(0, 0), 2) },
    { py: "F.max_pool1d(x()[:, :0], 2)", ts: () => F.max_pool1d(x().narrow(1, 0, 0), 2) },
    { py: "F.max_pool1d(x(), (2, 2))", ts: () => F.max_pool1d(x(), [2, 2]) },
    { py: "F.max_pool1d(x(), 2, (1, 1))", ts: () => F.max_pool1d(x(), 2, [1, 1]) },
    { py: "F.max_pool1d(x().long(), 2)", ts: () => F.max_pool1d(x().long(), 2) },
    { py: "F.max_pool1d(xg(), 0)", ts: () => F.max_pool1d(xg(), 0) },
    { py: "F.max_pool1d(xg(), 2, padding=-1)", ts: () => F.max_pool1d(xg(), 2, { padding: -1 }) },
    { py: "F.max_pool1d(xg(), 20)", ts: () => F.max_pool1d(xg(), 20) },
    { py: "F.max_pool1d(xg(), (2, 2))", ts: () => F.max_pool1d(xg(), [2, 2]) },
    { py: "F.max_pool1d(xg(), 2, dilation=0)", ts: () => F.max_pool1d(xg(), 2, { dilation: 0 }) },
    { py: "F.avg_pool1d(x(), 3, padding=2)", ts: () => F.avg_pool1d(x(), 3, { padding: 2 }) },
    { py: "F.avg_pool1d(x(), 20)", ts: () => F.avg_pool1d(x(), 20) },
    { py: "F.avg_pool1d(x()[None], 2)", ts: () => F.avg_pool1d(x().unsqueeze(0), 2) },
    { py: "F.avg_pool1d(x(), (2, 2))", ts: () => F.avg_pool1d(x(), [2, 2]) },
    { py: "F.avg_pool1d(x(), 2, 0)", ts: () => F.avg_pool1d(x(), 2, 0) },
    { py: "F.adaptive_avg_pool1d(x(), (2, 2))", ts: () => F.adaptive_avg_pool1d(x(), [2, 2]) },
    {
      py: "F.adaptive_avg_pool1d(x()[0, 0], 2)",
      ts: () => F.adaptive_avg_pool1d(x().select(0, 0).select(0, 0), 2),
    },
    { py: "F.adaptive_avg_pool1d(x(), -1)", ts: () => F.adaptive_avg_pool1d(x(), -1) },
    { py: "F.adaptive_avg_pool1d(x().long(), 2)", ts: () => F.adaptive_avg_pool1d(x().long(), 2) },
    { py: "F.adaptive_max_pool1d(x(), (2, 2))", ts: () => F.adaptive_max_pool1d(x(), [2, 2]) },
    { py: "F.adaptive_max_pool1d(x()[None], 2)", ts: () => F.adaptive_max_pool1d(x().unsqueeze(0), 2) },
    { py: "F.adaptive_max_pool1d(x().long(), 2)", ts: () => F.adaptive_max_pool1d(x().long(), 2) },
    {
      py: "F.adaptive_max_pool2d(x()[0, 0], 2)",
      ts: () => F.adaptive_max_pool2d(x().select(0, 0).select(0, 0), 2),
    },
    { py: "F.adaptive_max_pool2d(x(), (2, 2, 2))", ts: () => F.adaptive_max_pool2d(x(), [2, 2, 2]) },
    { py: "F.adaptive_max_pool2d(x()[:, :0], 2)", ts: () => F.adaptive_max_pool2d(x().narrow(1, 0, 0), 2) },
    { py: "F.adaptive_max_pool2d(x().long(), 2)", ts: () => F.adaptive_max_pool2d(x().long(), 2) },
    { py: "F.adaptive_max_pool2d(x(), -1)", ts: () => F.adaptive_max_pool2d(x(), -1) },
    {
      py: "F.max_unpool2d(v(), idx(), 2, output_size=[7, 7])",
      ts: () => F.max_unpool2d(v(), idx(), 2, { output_size: [7, 7] }),
    },
    {
      py: "F.max_unpool2d(v(), idx(), 2, output_size=[5])",
      ts: () => F.max_unpool2d(v(), idx(), 2, { output_size: [5] }),
    },
    { py: "F.max_unpool2d(v(), idx().int(), 2)", ts: () => F.max_unpool2d(v(), idx().int(), 2) },
    { py: "F.max_unpool2d(v(), idx()[:, :1], 2)", ts: () => F.max_unpool2d(v(), idx().narrow(1, 0, 1), 2) },
    {
      py: "F.max_unpool2d(v()[0, 0], idx()[0, 0], 2)",
      ts: () => F.max_unpool2d(v().select(0, 0).select(0, 0), idx().select(0, 0).select(0, 0), 2),
    },
    { py: "F.max_unpool2d(v(), idx(), 2, stride=1)", ts: () => F.max_unpool2d(v(), idx(), 2, { stride: 1 }) },
    { py: "F.max_unpool2d(v().long(), idx(), 2)", ts: () => F.max_unpool2d(v().long(), idx(), 2) },
    {
      py: "nn.AdaptiveMaxPool2d((2, 2, 2))(x())",
      ts: () => new torch.nn.AdaptiveMaxPool2d([2, 2, 2]).forward(x()),
    },
    { py: "F.max_pool3d(x3(), 0)", ts: () => F.max_pool3d(x3(), 0) },
    { py: "F.max_pool3d(x3(), 2, -1)", ts: () => F.max_pool3d(x3(), 2, -1) },
    { py: "F.max_pool3d(x3(), 3, padding=2)", ts: () => F.max_pool3d(x3(), 3, { padding: 2 }) },
    { py: "F.max_pool3d(x3(), 2, padding=-1)", ts: () => F.max_pool3d(x3(), 2, { padding: -1 }) },
    { py: "F.max_pool3d(x3(), 2, dilation=0)", ts: () => F.max_pool3d(x3(), 2, { dilation: 0 }) },
    { py: "F.max_pool3d(x3(), 9)", ts: () => F.max_pool3d(x3(), 9) },
    { py: "F.max_pool3d(x3()[0, 0], 2)", ts: () => F.max_pool3d(x3().select(0, 0).select(0, 0), 2) },
    { py: "F.max_pool3d(x3(), (2, 2))", ts: () => F.max_pool3d(x3(), [2, 2]) },
    { py: "F.max_pool3d(x3(), 2, (1, 1))", ts: () => F.max_pool3d(x3(), 2, [1, 1]) },
    { py: "F.max_pool3d(x3(), 2, padding=(1, 1))", ts: () => F.max_pool3d(x3(), 2, { padding: [1, 1] }) },
    { py: "F.max_pool3d(x3(), 2, dilation=(1, 1))", ts: () => F.max_pool3d(x3(), 2, { dilation: [1, 1] }) },
    { py: "F.max_pool3d(x3().long(), 2)", ts: () => F.max_pool3d(x3().long(), 2) },
    { py: "F.max_pool3d(x3()[:, :, :0], 2)", ts: () => F.max_pool3d(x3().narrow(2, 0, 0), 2) },
    { py: "F.avg_pool3d(x3()[0, 0], 2)", ts: () => F.avg_pool3d(x3().select(0, 0).select(0, 0), 2) },
    { py: "F.avg_pool3d(x3(), (2, 2))", ts: () => F.avg_pool3d(x3(), [2, 2]) },
    { py: "F.avg_pool3d(x3(), 2, (1, 2))", ts: () => F.avg_pool3d(x3(), 2, [1, 2]) },
    { py: "F.avg_pool3d(x3(), 2, padding=(1, 2))", ts: () => F.avg_pool3d(x3(), 2, { padding: [1, 2] }) },
    { py: "F.avg_pool3d(x3(), 0)", ts: () => F.avg_pool3d(x3(), 0) },
    { py: "F.avg_pool3d(x3(), 2, -1)", ts: () => F.avg_pool3d(x3(), 2, -1) },
    { py: "F.avg_pool3d(x3(), 2, padding=2)", ts: () => F.avg_pool3d(x3(), 2, { padding: 2 }) },
    { py: "F.avg_pool3d(x3(), 2, padding=-1)", ts: () => F.avg_pool3d(x3(), 2, { padding: -1 }) },
    { py: "F.avg_pool3d(x3(), (5, 1, 1))", ts: () => F.avg_pool3d(x3(), [5, 1, 1]) },
    {
      py: "F.avg_pool3d(x3(), 2, divisor_override=0)",
      ts: () => F.avg_pool3d(x3(), 2, { divisor_override: 0 }),
    },
    { py: "F.avg_pool3d(x3().int(), 2)", ts: () => F.avg_pool3d(x3().int(), 2) },
    { py: "F.avg_pool3d(x3().bool(), 2)", ts: () => F.avg_pool3d(x3().bool(), 2) },
    { py: "F.avg_pool3d(x3()[:, :0], 2)", ts: () => F.avg_pool3d(x3().narrow(1, 0, 0), 2) },
    { py: "F.avg_pool3d(x3()[0, :, :0], 2)", ts: () => F.avg_pool3d(x3().select(0, 0).narrow(1, 0, 0), 2) },
    {
      py: "F.adaptive_avg_pool3d(x3()[0, 0], 2)",
      ts: () => F.adaptive_avg_pool3d(x3().select(0, 0).select(0, 0), 2),
    },
    {
      py: "F.adaptive_avg_pool3d(torch.randn(3, 0, 5), 2)",
      ts: () => F.adaptive_avg_pool3d(torch.randn(3, 0, 5), 2),
    },
    { py: "F.adaptive_avg_pool3d(x3(), (2, 2))", ts: () => F.adaptive_avg_pool3d(x3(), [2, 2]) },
    {
      py: "F.adaptive_avg_pool3d(x3()[:, :0], (2, -1, 2))",
      ts: () => F.adaptive_avg_pool3d(x3().narrow(1, 0, 0), [2, -1, 2]),
    },
    { py: "F.adaptive_avg_pool3d(x3()[:, :0], 2)", ts: () => F.adaptive_avg_pool3d(x3().narrow(1, 0, 0), 2) },
    { py: "F.adaptive_avg_pool3d(x3().long(), 2)", ts: () => F.adaptive_avg_pool3d(x3().long(), 2) },
    { py: "F.adaptive_avg_pool3d(x3().long(), 1)", ts: () => F.adaptive_avg_pool3d(x3().long(), 1) },
    {
      py: "F.adaptive_avg_pool3d(x3()[0, 0], (None, 2, 2))",
      ts: () => F.adaptive_avg_pool3d(x3().select(0, 0).select(0, 0), [null, 2, 2]),
    },
    {
      py: "F.adaptive_max_pool3d(x3()[0, 0], 2)",
      ts: () => F.adaptive_max_pool3d(x3().select(0, 0).select(0, 0), 2),
    },
    { py: "F.adaptive_max_pool3d(x3(), (2, 2))", ts: () => F.adaptive_max_pool3d(x3(), [2, 2]) },
    { py: "F.adaptive_max_pool3d(x3()[:, :0], 2)", ts: () => F.adaptive_max_pool3d(x3().narrow(1, 0, 0), 2) },
    { py: "F.adaptive_max_pool3d(x3(), (2, -1, 2))", ts: () => F.adaptive_max_pool3d(x3(), [2, -1, 2]) },
    { py: "F.adaptive_max_pool3d(x3().long(), 2)", ts: () => F.adaptive_max_pool3d(x3().long(), 2) },
    {
      py: "F.adaptive_max_pool3d(x3()[0, 0], (None, 2, 2))",
      ts: () => F.adaptive_max_pool3d(x3().select(0, 0).select(0, 0), [null, 2, 2]),
    },
    {
      py: "nn.AdaptiveMaxPool3d((2, 2))(x3())",
      ts: () => new torch.nn.AdaptiveMaxPool3d([2, 2]).forward(x3()),
    },
    { py: "nn.AvgPool3d((2, 2))(x3())", ts: () => new torch.nn.AvgPool3d([2, 2]).forward(x3()) },
    // Negative and huge output sizes raise before any window is planned (2**40 planned for ever, -1 looped).
    {
      py: "F.adaptive_avg_pool2d(torch.ones(1, 4, 4), -1)",
      ts: () => F.adaptive_avg_pool2d(torch.ones(1, 4, 4), -1),
    },
    {
      py: "F.adaptive_avg_pool2d(torch.ones(1, 4, 4), (-1, 2))",
      ts: () => F.adaptive_avg_pool2d(torch.ones(1, 4, 4), [-1, 2]),
    },
    {
      py: "F.adaptive_avg_pool2d(torch.ones(1, 4, 4), (None, -1))",
      ts: () => F.adaptive_avg_pool2d(torch.ones(1, 4, 4), [null, -1]),
    },
    {
      py: "F.adaptive_avg_pool2d(torch.ones(3, 5), -1)",
      ts: () => F.adaptive_avg_pool2d(torch.ones(3, 5), -1),
    },
    {
      py: "F.adaptive_avg_pool2d(torch.ones(1, 4, 4), 2**20)",
      ts: () => F.adaptive_avg_pool2d(torch.ones(1, 4, 4), 2 ** 20),
    },
    {
      py: "F.adaptive_avg_pool2d(torch.ones(1, 4, 4), 2**40)",
      ts: () => F.adaptive_avg_pool2d(torch.ones(1, 4, 4), 2 ** 40),
    },
    {
      py: "F.adaptive_avg_pool2d(torch.ones(1, 4, 4, requires_grad=True), 2**20)",
      ts: () => F.adaptive_avg_pool2d(torch.ones([1, 4, 4], { requires_grad: true }), 2 ** 20),
    },
    {
      py: "nn.AdaptiveAvgPool2d(-1)(torch.ones(1, 4, 4))",
      ts: () => new torch.nn.AdaptiveAvgPool2d(-1).forward(torch.ones(1, 4, 4)),
    },
    {
      py: "F.adaptive_avg_pool1d(torch.ones(1, 4), 2**40)",
      ts: () => F.adaptive_avg_pool1d(torch.ones(1, 4), 2 ** 40),
    },
    {
      py: "F.adaptive_avg_pool1d(torch.ones(1, 4), 2**62)",
      ts: () => F.adaptive_avg_pool1d(torch.ones(1, 4), 2 ** 62),
    },
    {
      py: "F.adaptive_max_pool1d(torch.ones(1, 4), -1)",
      ts: () => F.adaptive_max_pool1d(torch.ones(1, 4), -1),
    },
    {
      py: "F.adaptive_max_pool1d(torch.ones(1, 4), 2**40)",
      ts: () => F.adaptive_max_pool1d(torch.ones(1, 4), 2 ** 40),
    },
    { py: "F.adaptive_max_pool2d(x(), 2**40)", ts: () => F.adaptive_max_pool2d(x(), 2 ** 40) },
    {
      py: "nn.AdaptiveMaxPool1d(-1)(torch.ones(1, 4))",
      ts: () => new torch.nn.AdaptiveMaxPool1d(-1).forward(torch.ones(1, 4)),
    },
    { py: "F.adaptive_avg_pool3d(x3(), -1)", ts: () => F.adaptive_avg_pool3d(x3(), -1) },
    { py: "F.adaptive_avg_pool3d(x3(), 2**20)", ts: () => F.adaptive_avg_pool3d(x3(), 2 ** 20) },
    { py: "F.adaptive_avg_pool3d(x3(), 2**40)", ts: () => F.adaptive_avg_pool3d(x3(), 2 ** 40) },
    { py: "F.adaptive_max_pool3d(x3(), 2**20)", ts: () => F.adaptive_max_pool3d(x3(), 2 ** 20) },
  ],
};
