// Op table rows: F.conv_transpose1d / 2d / 3d and F.conv3d (src/ops/nn_conv_transpose.ts). Ours is
// one matmul and col2im; PyTorch's slow_conv_transpose2d and MKLDNN sum the products in their own order, so rows
// allow a few ulps and an absolute slack where the sum cancels to near zero (docs/testing.md).
import * as torch from "../../../src/index.js";
import { f, f64, noGrad, type OpCase } from "../op_case.js";

const F = torch.nn.functional;
const i64 = (...shape: number[]) => ({ shape, dtype: "int64" as const });
/** Sums of products that cancel: a few ulps, or an absolute slack near zero. */
const SUMS = { ulps: 16, atol: 2e-6 };

export const NN_CONV_TRANSPOSE_OPS: OpCase[] = [
  {
    name: "conv_transpose2d",
    py: "torch.nn.functional.conv_transpose2d(a, b, c)",
    inputs: [f(2, 3, 4, 4), f(3, 2, 3, 3), f(2)],
    ts: (a, b, c) => F.conv_transpose2d(a, b, c),
    ...SUMS,
  },
  {
    name: "conv_transpose2d.stride_padding_output_padding",
    py: "torch.nn.functional.conv_transpose2d(a, b, c, stride=(2, 3), padding=(1, 0), output_padding=(1, 2))",
    inputs: [f(2, 2, 3, 4), f(2, 3, 3, 2), f(3)],
    ts: (a, b, c) => F.conv_transpose2d(a, b, c, { stride: [2, 3], padding: [1, 0], output_padding: [1, 2] }),
    ...SUMS,
  },
  {
    name: "conv_transpose2d.groups_dilation",
    py: "torch.nn.functional.conv_transpose2d(a, b, None, 2, 1, 1, 2, 2)",
    inputs: [f(1, 4, 3, 3), f(4, 3, 2, 3)],
    ts: (a, b) => F.conv_transpose2d(a, b, null, 2, 1, 1, 2, 2),
    ...SUMS,
  },
  {
    name: "conv_transpose2d.output_padding_below_dilation",
    py: "torch.nn.functional.conv_transpose2d(a, b, c, output_padding=1, dilation=2)",
    inputs: [f(1, 2, 3, 3), f(2, 2, 2, 2), f(2)],
    ts: (a, b, c) => F.conv_transpose2d(a, b, c, { output_padding: 1, dilation: 2 }),
    ...SUMS,
  },
  {
    name: "conv_transpose2d.unbatched",
    py: "torch.nn.functional.conv_transpose2d(a, b, c, stride=2)",
    inputs: [f(2, 3, 3), f(2, 2, 2, 2), f(2)],
    ts: (a, b, c) => F.conv_transpose2d(a, b, c, { stride: 2 }),
    ...SUMS,
  },
  {
    name: "conv_transpose2d.input_grad_only",
    py: "torch.nn.functional.conv_transpose2d(a, b, c, padding=1)",
    inputs: [f(2, 2, 4, 3), noGrad(f(2, 3, 3, 3)), noGrad(f(3))],
    ts: (a, b, c) => F.conv_transpose2d(a, b, c, { padding: 1 }),
    ...SUMS,
  },
  {
    name: "conv_transpose2d.weight_grad_only",
    py: "torch.nn.functional.conv_transpose2d(a, b, c, stride=2, padding=1)",
    inputs: [noGrad(f(2, 2, 3, 3)), f(2, 2, 3, 3), noGrad(f(2))],
    ts: (a, b, c) => F.conv_transpose2d(a, b, c, { stride: 2, padding: 1 }),
    ...SUMS,
  },
  {
    name: "conv_transpose2d.float64",
    py: "torch.nn.functional.conv_transpose2d(a, b, c, stride=2, padding=1, output_padding=1, groups=2)",
    inputs: [f64(2, 4, 3, 3), f64(4, 1, 3, 3), f64(2)],
    ts: (a, b, c) => F.conv_transpose2d(a, b, c, { stride: 2, padding: 1, output_padding: 1, groups: 2 }),
    ...SUMS,
  },
  {
    name: "conv_transpose2d.int64",
    py: "torch.nn.functional.conv_transpose2d(a, b, c, stride=2)",
    inputs: [i64(1, 2, 3, 3), i64(2, 2, 2, 2), i64(2)],
    ts: (a, b, c) => F.conv_transpose2d(a, b, c, { stride: 2 }),
  },
  {
    name: "conv_transpose1d",
    py: "torch.nn.functional.conv_transpose1d(a, b, c)",
    inputs: [f(2, 3, 5), f(3, 4, 3), f(4)],
    ts: (a, b, c) => F.conv_transpose1d(a, b, c),
    ...SUMS,
  },
  {
    name: "conv_transpose1d.all_options",
    py: "torch.nn.functional.conv_transpose1d(a, b, c, stride=3, padding=2, output_padding=2, groups=2, dilation=2)",
    inputs: [f(2, 4, 5), f(4, 2, 3), f(4)],
    ts: (a, b, c) =>
      F.conv_transpose1d(a, b, c, { stride: 3, padding: 2, output_padding: 2, groups: 2, dilation: 2 }),
    ...SUMS,
  },
  {
    name: "conv_transpose1d.unbatched_no_bias",
    py: "torch.nn.functional.conv_transpose1d(a, b, None, 2, 1)",
    inputs: [f(3, 4), f(3, 2, 4)],
    ts: (a, b) => F.conv_transpose1d(a, b, null, 2, 1),
    ...SUMS,
  },
  {
    name: "conv_transpose1d.float64",
    py: "torch.nn.functional.conv_transpose1d(a, b, c, stride=2, output_padding=1)",
    inputs: [f64(2, 2, 4), f64(2, 3, 3), f64(3)],
    ts: (a, b, c) => F.conv_transpose1d(a, b, c, { stride: 2, output_padding: 1 }),
    ...SUMS,
  },
  {
    name: "conv_transpose3d",
    py: "torch.nn.functional.conv_transpose3d(a, b, c)",
    inputs: [f(2, 3, 2, 3, 3), f(3, 2, 2, 2, 3), f(2)],
    ts: (a, b, c) => F.conv_transpose3d(a, b, c),
    ...SUMS,
  },
  {
    name: "conv_transpose3d.all_options",
    py: "torch.nn.functional.conv_transpose3d(a, b, c, stride=(2, 1, 3), padding=(1, 0, 1), output_padding=(1, 0, 2), groups=2, dilation=(1, 2, 1))",
    inputs: [f(1, 4, 2, 3, 2), f(4, 1, 3, 2, 2), f(2)],
    ts: (a, b, c) =>
      F.conv_transpose3d(a, b, c, {
        stride: [2, 1, 3],
        padding: [1, 0, 1],
        output_padding: [1, 0, 2],
        groups: 2,
        dilation: [1, 2, 1],
      }),
    ...SUMS,
  },
  {
    name: "conv_transpose3d.unbatched_no_bias",
    py: "torch.nn.functional.conv_transpose3d(a, b, None, 2, 1)",
    inputs: [f(2, 2, 3, 2), f(2, 3, 2, 3, 3)],
    ts: (a, b) => F.conv_transpose3d(a, b, null, 2, 1),
    ...SUMS,
  },
  {
    name: "conv_transpose3d.weight_grad_only",
    py: "torch.nn.functional.conv_transpose3d(a, b, c, stride=2)",
    inputs: [noGrad(f(1, 2, 2, 2, 3)), f(2, 2, 2, 2, 2), noGrad(f(2))],
    ts: (a, b, c) => F.conv_transpose3d(a, b, c, { stride: 2 }),
    ...SUMS,
  },
  {
    name: "conv_transpose3d.float64",
    py: "torch.nn.functional.conv_transpose3d(a, b, c, stride=2, padding=1, output_padding=1)",
    inputs: [f64(1, 2, 2, 2, 2), f64(2, 2, 3, 2, 3), f64(2)],
    ts: (a, b, c) => F.conv_transpose3d(a, b, c, { stride: 2, padding: 1, output_padding: 1 }),
    ...SUMS,
  },
  {
    name: "conv_transpose3d.int64",
    py: "torch.nn.functional.conv_transpose3d(a, b, c, stride=2)",
    inputs: [i64(1, 2, 2, 2, 2), i64(2, 2, 2, 2, 2), i64(2)],
    ts: (a, b, c) => F.conv_transpose3d(a, b, c, { stride: 2 }),
  },
  {
    name: "conv3d",
    py: "torch.nn.functional.conv3d(a, b, c)",
    inputs: [f(2, 2, 3, 4, 4), f(3, 2, 2, 3, 2), f(3)],
    ts: (a, b, c) => F.conv3d(a, b, c),
    ...SUMS,
  },
  {
    name: "conv3d.stride_padding_dilation_groups",
    py: "torch.nn.functional.conv3d(a, b, None, stride=(1, 2, 1), padding=(1, 0, 2), dilation=(2, 1, 1), groups=2)",
    inputs: [f(1, 4, 4, 5, 3), f(2, 2, 2, 2, 3)],
    ts: (a, b) =>
      F.conv3d(a, b, null, { stride: [1, 2, 1], padding: [1, 0, 2], dilation: [2, 1, 1], groups: 2 }),
    ...SUMS,
  },
  {
    name: "conv3d.same_unbatched",
    py: "torch.nn.functional.conv3d(a, b, c, padding='same')",
    inputs: [f(2, 3, 3, 4), f(2, 2, 2, 3, 2), f(2)],
    ts: (a, b, c) => F.conv3d(a, b, c, { padding: "same" }),
    ...SUMS,
  },
  {
    name: "conv3d.float64",
    py: "torch.nn.functional.conv3d(a, b, c, stride=2, padding=1)",
    inputs: [f64(1, 2, 4, 3, 4), f64(2, 2, 3, 3, 3), f64(2)],
    ts: (a, b, c) => F.conv3d(a, b, c, { stride: 2, padding: 1 }),
    ...SUMS,
  },
];
