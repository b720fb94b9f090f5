// Op table rows: F.max_pool2d, F.avg_pool2d, F.adaptive_avg_pool2d (src/ops/nn_pool.ts), with their kernel,
// stride, padding, dilation, ceil_mode, count_include_pad and divisor_override options.
import * as torch from "../../../src/index.js";
import { f, f64, type OpCase } from "../op_case.js";

const F = torch.nn.functional;

/** F.max_pool2d with return_indices: typed as PyTorch annotates it (a Tensor), it returns the pair. */
const withIndices = (out: torch.Tensor) => out as unknown as [torch.Tensor, torch.Tensor];

const MAX_POOL_OPS: OpCase[] = [
  {
    name: "max_pool2d",
    py: "torch.nn.functional.max_pool2d(a, 2)",
    inputs: [f(2, 3, 6, 6)],
    ts: (a) => F.max_pool2d(a, 2),
  },
  {
    name: "max_pool2d.positional_stride",
    py: "torch.nn.functional.max_pool2d(a, 2, 1)",
    inputs: [f(1, 2, 4, 5)],
    ts: (a) => F.max_pool2d(a, 2, 1),
  },
  {
    name: "max_pool2d.stride_padding_ceil_mode",
    py: "torch.nn.functional.max_pool2d(a, 3, stride=2, padding=1, ceil_mode=True)",
    inputs: [f(2, 2, 6, 5)],
    ts: (a) => F.max_pool2d(a, 3, { stride: 2, padding: 1, ceil_mode: true }),
  },
  {
    name: "max_pool2d.dilation",
    py: "torch.nn.functional.max_pool2d(a, (2, 3), stride=(1, 2), dilation=2)",
    inputs: [f(1, 2, 7, 8)],
    ts: (a) => F.max_pool2d(a, [2, 3], { stride: [1, 2], dilation: 2 }),
  },
  {
    name: "max_pool2d.dilation_square",
    py: "torch.nn.functional.max_pool2d(a, 2, dilation=2)",
    inputs: [f(1, 2, 5, 5)],
    ts: (a) => F.max_pool2d(a, 2, { dilation: 2 }),
  },
  {
    name: "max_pool2d.unbatched",
    py: "torch.nn.functional.max_pool2d(a, 2, stride=1)",
    inputs: [f(2, 4, 5)],
    ts: (a) => F.max_pool2d(a, 2, { stride: 1 }),
  },
  {
    name: "max_pool2d.float64",
    py: "torch.nn.functional.max_pool2d(a, 3, 2, 1)",
    inputs: [f64(1, 3, 5, 6)],
    ts: (a) => F.max_pool2d(a, 3, 2, 1),
  },
  {
    name: "max_pool2d.return_indices",
    py: "torch.nn.functional.max_pool2d(a, 2, return_indices=True)[0]",
    inputs: [f(1, 2, 4, 4)],
    ts: (a) => withIndices(F.max_pool2d(a, 2, { return_indices: true }))[0],
  },
  {
    name: "max_pool2d.return_indices.indices",
    py: "torch.nn.functional.max_pool2d(a, 2, return_indices=True)[1]",
    inputs: [f(1, 2, 4, 4)],
    ts: (a) => withIndices(F.max_pool2d(a, 2, { return_indices: true }))[1],
  },
  {
    name: "max_pool2d.return_indices_positional",
    py: "torch.nn.functional.max_pool2d(a, 3, 2, 1, 1, True, True)[0]",
    inputs: [f(2, 2, 6, 5)],
    ts: (a) => withIndices(F.max_pool2d(a, 3, 2, 1, 1, true, true))[0],
  },
  {
    name: "max_pool2d.return_indices_positional.indices",
    py: "torch.nn.functional.max_pool2d(a, 3, 2, 1, 1, True, True)[1]",
    inputs: [f(2, 2, 6, 5)],
    ts: (a) => withIndices(F.max_pool2d(a, 3, 2, 1, 1, true, true))[1],
  },
  {
    name: "max_pool2d_with_indices",
    py: "torch.nn.functional.max_pool2d_with_indices(a, 3, 2, 1)[0]",
    inputs: [f(1, 2, 5, 6)],
    ts: (a) => F.max_pool2d_with_indices(a, 3, 2, 1)[0],
  },
  {
    name: "max_pool2d_with_indices.indices",
    py: "torch.nn.functional.max_pool2d_with_indices(a, (2, 3), dilation=(2, 1))[1]",
    inputs: [f(2, 3, 7, 7)],
    ts: (a) => F.max_pool2d_with_indices(a, [2, 3], { dilation: [2, 1] })[1],
  },
  {
    name: "torch.max_pool2d",
    py: "torch.max_pool2d(a, 2, 2, 1, 1, True)",
    inputs: [f(1, 2, 5, 5)],
    ts: (a) => torch.max_pool2d(a, 2, 2, 1, 1, true),
  },
];

const AVG_POOL_OPS: OpCase[] = [
  {
    name: "avg_pool2d",
    py: "torch.nn.functional.avg_pool2d(a, 2)",
    inputs: [f(2, 3, 6, 6)],
    ts: (a) => F.avg_pool2d(a, 2),
  },
  {
    name: "avg_pool2d.positional_stride",
    py: "torch.nn.functional.avg_pool2d(a, 2, 1)",
    inputs: [f(1, 2, 4, 5)],
    ts: (a) => F.avg_pool2d(a, 2, 1),
  },
  {
    name: "avg_pool2d.padding_exclude_pad",
    py: "torch.nn.functional.avg_pool2d(a, 3, stride=2, padding=1, ceil_mode=True, count_include_pad=False)",
    inputs: [f(2, 2, 6, 5)],
    ts: (a) => F.avg_pool2d(a, 3, { stride: 2, padding: 1, ceil_mode: true, count_include_pad: false }),
  },
  {
    name: "avg_pool2d.padding_include_pad",
    py: "torch.nn.functional.avg_pool2d(a, 3, stride=2, padding=1, ceil_mode=True)",
    inputs: [f(2, 2, 6, 5)],
    ts: (a) => F.avg_pool2d(a, 3, { stride: 2, padding: 1, ceil_mode: true }),
  },
  {
    name: "avg_pool2d.padding_floor_mode",
    py: "torch.nn.functional.avg_pool2d(a, 3, padding=1)",
    inputs: [f(1, 1, 4, 4)],
    ts: (a) => F.avg_pool2d(a, 3, { padding: 1 }),
  },
  {
    name: "avg_pool2d.divisor_override",
    py: "torch.nn.functional.avg_pool2d(a, (2, 3), divisor_override=4)",
    inputs: [f(1, 2, 4, 6)],
    ts: (a) => F.avg_pool2d(a, [2, 3], { divisor_override: 4 }),
  },
  {
    name: "avg_pool2d.unbatched",
    py: "torch.nn.functional.avg_pool2d(a, 2, stride=1, padding=1)",
    inputs: [f(2, 3, 4)],
    ts: (a) => F.avg_pool2d(a, 2, { stride: 1, padding: 1 }),
  },
  {
    name: "avg_pool2d.float64",
    py: "torch.nn.functional.avg_pool2d(a, 3, 2, 1, True, False)",
    inputs: [f64(1, 2, 5, 6)],
    ts: (a) => F.avg_pool2d(a, 3, 2, 1, true, false),
  },
];

const ADAPTIVE_POOL_OPS: OpCase[] = [
  {
    name: "adaptive_avg_pool2d",
    py: "torch.nn.functional.adaptive_avg_pool2d(a, 4)",
    inputs: [f(2, 2, 7, 9)],
    ts: (a) => F.adaptive_avg_pool2d(a, 4),
  },
  {
    name: "adaptive_avg_pool2d.pair",
    py: "torch.nn.functional.adaptive_avg_pool2d(a, (3, 2))",
    inputs: [f(2, 2, 7, 5)],
    ts: (a) => F.adaptive_avg_pool2d(a, [3, 2]),
  },
  {
    name: "adaptive_avg_pool2d.none_keeps_size",
    py: "torch.nn.functional.adaptive_avg_pool2d(a, (3, None))",
    inputs: [f(1, 3, 5, 4)],
    ts: (a) => F.adaptive_avg_pool2d(a, [3, null]),
  },
  // One output per plane: PyTorch takes a mean (MeanBackward1).
  {
    name: "adaptive_avg_pool2d.global",
    py: "torch.nn.functional.adaptive_avg_pool2d(a, 1)",
    inputs: [f(2, 3, 4, 5)],
    ts: (a) => F.adaptive_avg_pool2d(a, 1),
  },
  {
    name: "adaptive_avg_pool2d.unbatched",
    py: "torch.nn.functional.adaptive_avg_pool2d(a, (2, 3))",
    inputs: [f(2, 5, 7)],
    ts: (a) => F.adaptive_avg_pool2d(a, [2, 3]),
  },
  {
    name: "adaptive_avg_pool2d.float64",
    py: "torch.nn.functional.adaptive_avg_pool2d(a, (4, 3))",
    inputs: [f64(1, 2, 6, 5)],
    ts: (a) => F.adaptive_avg_pool2d(a, [4, 3]),
  },
];

/** Averages: PyTorch adds a window's elements in its own order, so the last bits may differ (relative to the
 * sum's terms, which may cancel: hence the absolute slack). */
const windowSums = (rows: OpCase[]): OpCase[] => rows.map((row) => ({ ulps: 8, atol: 1e-7, ...row }));

export const NN_POOL_OPS: OpCase[] = [
  ...MAX_POOL_OPS,
  ...windowSums(AVG_POOL_OPS),
  ...windowSums(ADAPTIVE_POOL_OPS),
];
