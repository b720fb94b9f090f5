// Op table rows: F.conv1d / F.conv2d (src/ops/nn_conv.ts). Our convolution is im2col + one matmul; PyTorch's
// CPU backends (MKLDNN, slow_conv2d) sum the products in their own order, so rows allow a few ulps
// and an absolute slack where the sum cancels to near zero.
import * as torch from "../../../src/index.js";
import { f, f64, noGrad, type OpCase } from "../op_case.js";

const F = torch.nn.functional;
/** Sums of products that cancel: a few ulps, or an absolute slack near zero. */
const SUMS = { ulps: 16, atol: 2e-6 };

export const NN_CONV_OPS: OpCase[] = [
  {
    name: "conv2d",
    py: "torch.nn.functional.conv2d(a, b, c)",
    inputs: [f(2, 3, 5, 5), f(4, 3, 3, 3), f(4)],
    ts: (a, b, c) => F.conv2d(a, b, c),
    ...SUMS,
  },
  {
    name: "conv2d.no_bias",
    py: "torch.nn.functional.conv2d(a, b)",
    inputs: [f(1, 2, 4, 6), f(3, 2, 2, 3)],
    ts: (a, b) => F.conv2d(a, b),
    ...SUMS,
  },
  {
    name: "conv2d.stride_padding",
    py: "torch.nn.functional.conv2d(a, b, c, stride=(2, 1), padding=(1, 2))",
    inputs: [f(2, 2, 6, 5), f(4, 2, 3, 2), f(4)],
    ts: (a, b, c) => F.conv2d(a, b, c, { stride: [2, 1], padding: [1, 2] }),
    ...SUMS,
  },
  {
    name: "conv2d.positional_stride_padding",
    py: "torch.nn.functional.conv2d(a, b, c, 2, 1)",
    inputs: [f(1, 2, 5, 6), f(3, 2, 3, 3), f(3)],
    ts: (a, b, c) => F.conv2d(a, b, c, 2, 1),
    ...SUMS,
  },
  {
    name: "conv2d.dilation_groups",
    py: "torch.nn.functional.conv2d(a, b, None, padding=2, dilation=2, groups=2)",
    inputs: [f(1, 4, 6, 6), f(6, 2, 3, 3)],
    ts: (a, b) => F.conv2d(a, b, null, { padding: 2, dilation: 2, groups: 2 }),
    ...SUMS,
  },
  {
    name: "conv2d.dilation_pair",
    py: "torch.nn.functional.conv2d(a, b, c, stride=(2, 1), padding=1, dilation=(1, 2))",
    inputs: [f(2, 2, 5, 6), f(3, 2, 2, 3), f(3)],
    ts: (a, b, c) => F.conv2d(a, b, c, { stride: [2, 1], padding: 1, dilation: [1, 2] }),
    ...SUMS,
  },
  {
    name: "conv2d.same_even_kernel",
    py: "torch.nn.functional.conv2d(a, b, c, padding='same')",
    inputs: [f(1, 2, 5, 5), f(3, 2, 4, 4), f(3)],
    ts: (a, b, c) => F.conv2d(a, b, c, { padding: "same" }),
    ...SUMS,
  },
  {
    name: "conv2d.same_groups",
    py: "torch.nn.functional.conv2d(a, b, None, padding='same', groups=2)",
    inputs: [f(1, 4, 4, 4), f(2, 2, 2, 3)],
    ts: (a, b) => F.conv2d(a, b, null, { padding: "same", groups: 2 }),
    ...SUMS,
  },
  {
    name: "conv2d.valid",
    py: "torch.nn.functional.conv2d(a, b, c, padding='valid')",
    inputs: [f(2, 2, 5, 4), f(3, 2, 3, 3), f(3)],
    ts: (a, b, c) => F.conv2d(a, b, c, { padding: "valid" }),
    ...SUMS,
  },
  {
    name: "conv2d.unbatched",
    py: "torch.nn.functional.conv2d(a, b, c, padding=1)",
    inputs: [f(2, 5, 5), f(3, 2, 3, 3), f(3)],
    ts: (a, b, c) => F.conv2d(a, b, c, { padding: 1 }),
    ...SUMS,
  },
  // Only some inputs need a gradient: the row computes only theirs (grad_input_mask).
  {
    name: "conv2d.input_grad_only",
    py: "torch.nn.functional.conv2d(a, b, c, padding=1)",
    inputs: [f(1, 2, 4, 4), noGrad(f(3, 2, 3, 3)), noGrad(f(3))],
    ts: (a, b, c) => F.conv2d(a, b, c, { padding: 1 }),
    ...SUMS,
  },
  {
    name: "conv2d.weight_grad_only",
    py: "torch.nn.functional.conv2d(a, b, c, stride=2)",
    inputs: [noGrad(f(2, 2, 5, 5)), f(3, 2, 3, 3), noGrad(f(3))],
    ts: (a, b, c) => F.conv2d(a, b, c, { stride: 2 }),
    ...SUMS,
  },
  {
    name: "conv2d.float64",
    py: "torch.nn.functional.conv2d(a, b, c, padding=1, groups=2)",
    inputs: [f64(2, 4, 4, 5), f64(4, 2, 3, 3), f64(4)],
    ts: (a, b, c) => F.conv2d(a, b, c, { padding: 1, groups: 2 }),
    ...SUMS,
  },
  {
    name: "conv1d",
    py: "torch.nn.functional.conv1d(a, b, c)",
    inputs: [f(2, 3, 7), f(4, 3, 3), f(4)],
    ts: (a, b, c) => F.conv1d(a, b, c),
    ...SUMS,
  },
  {
    name: "conv1d.stride_padding",
    py: "torch.nn.functional.conv1d(a, b, c, stride=2, padding=2)",
    inputs: [f(2, 3, 7), f(2, 3, 3), f(2)],
    ts: (a, b, c) => F.conv1d(a, b, c, { stride: 2, padding: 2 }),
    ...SUMS,
  },
  {
    name: "conv1d.same_dilation_groups",
    py: "torch.nn.functional.conv1d(a, b, c, padding='same', dilation=2, groups=2)",
    inputs: [f(2, 2, 8), f(4, 1, 3), f(4)],
    ts: (a, b, c) => F.conv1d(a, b, c, { padding: "same", dilation: 2, groups: 2 }),
    ...SUMS,
  },
  {
    name: "conv1d.unbatched_no_bias",
    py: "torch.nn.functional.conv1d(a, b, None, 1, 1)",
    inputs: [f(3, 6), f(2, 3, 3)],
    ts: (a, b) => F.conv1d(a, b, null, 1, 1),
    ...SUMS,
  },
];
