// Op table rows: the 1-D pools (src/ops/nn_pool_1d.ts: F.max_pool1d, F.avg_pool1d, F.adaptive_avg_pool1d,
// F.adaptive_max_pool1d), F.adaptive_max_pool2d / 3d (src/ops/nn_pool_adaptive_max.ts) and the 3-D pools
// (src/ops/nn_pool_3d.ts: F.max_pool3d, F.avg_pool3d, F.adaptive_avg_pool3d).
import * as torch from "../../../src/index.js";
import { f, f64, noGrad, type OpCase } from "../op_case.js";

const F = torch.nn.functional;
const i64 = (...shape: number[]) => ({ shape, dtype: "int64" as const });

/** The F.* pools with return_indices: typed as PyTorch annotates them (a Tensor), they return the pair. */
const pair = (out: torch.Tensor) => out as unknown as [torch.Tensor, torch.Tensor];

/** Averages: PyTorch adds a window's elements in its own order, so the last bits may differ. */
const SUMS = { ulps: 8, atol: 1e-7 };

export const NN_POOL_1D_OPS: OpCase[] = [
  {
    name: "max_pool1d",
    py: "torch.nn.functional.max_pool1d(a, 2)",
    inputs: [f(2, 3, 8)],
    ts: (a) => F.max_pool1d(a, 2),
  },
  {
    name: "max_pool1d.all_options",
    py: "torch.nn.functional.max_pool1d(a, 3, stride=2, padding=1, dilation=2, ceil_mode=True)",
    inputs: [f(2, 2, 9)],
    ts: (a) => F.max_pool1d(a, 3, { stride: 2, padding: 1, dilation: 2, ceil_mode: true }),
  },
  {
    name: "max_pool1d.unbatched_positional",
    py: "torch.nn.functional.max_pool1d(a, 3, 1, 1)",
    inputs: [f(3, 6)],
    ts: (a) => F.max_pool1d(a, 3, 1, 1),
  },
  {
    name: "max_pool1d.no_grad",
    py: "torch.nn.functional.max_pool1d(a, 2, 1)",
    inputs: [noGrad(f(2, 3, 5))],
    ts: (a) => F.max_pool1d(a, 2, 1),
  },
  {
    name: "max_pool1d.return_indices",
    py: "torch.nn.functional.max_pool1d(a, 2, return_indices=True)[0]",
    inputs: [f(1, 2, 7)],
    ts: (a) => pair(F.max_pool1d(a, 2, { return_indices: true }))[0],
  },
  {
    name: "max_pool1d.return_indices.indices",
    py: "torch.nn.functional.max_pool1d(a, 2, 1, 0, 1, False, True)[1]",
    inputs: [f(1, 2, 7)],
    ts: (a) => pair(F.max_pool1d(a, 2, 1, 0, 1, false, true))[1],
  },
  {
    name: "max_pool1d.float64",
    py: "torch.max_pool1d(a, 3, 2, 1)",
    inputs: [f64(2, 2, 7)],
    ts: (a) => torch.max_pool1d(a, 3, 2, 1),
  },
  {
    name: "max_pool1d_with_indices.indices",
    py: "torch.max_pool1d_with_indices(a, 2, ceil_mode=True)[1]",
    inputs: [f(2, 5)],
    ts: (a) => torch.max_pool1d_with_indices(a, 2, { ceil_mode: true })[1],
  },
  {
    name: "avg_pool1d",
    py: "torch.nn.functional.avg_pool1d(a, 3)",
    inputs: [f(2, 3, 9)],
    ts: (a) => F.avg_pool1d(a, 3),
    ...SUMS,
  },
  {
    name: "avg_pool1d.pad_ceil_exclude",
    py: "torch.nn.functional.avg_pool1d(a, 3, stride=2, padding=1, ceil_mode=True, count_include_pad=False)",
    inputs: [f(2, 2, 8)],
    ts: (a) => F.avg_pool1d(a, 3, { stride: 2, padding: 1, ceil_mode: true, count_include_pad: false }),
    ...SUMS,
  },
  {
    name: "avg_pool1d.unbatched_float64",
    py: "torch.nn.functional.avg_pool1d(a, 2, 1, 1)",
    inputs: [f64(3, 5)],
    ts: (a) => F.avg_pool1d(a, 2, 1, 1),
    ...SUMS,
  },

  // Integers keep their dtype, each window's sum divided with truncation.
  {
    name: "avg_pool1d.int64",
    py: "torch.nn.functional.avg_pool1d(a, 4, padding=2, ceil_mode=True)",
    inputs: [i64(2, 2, 7)],
    ts: (a) => F.avg_pool1d(a, 4, { padding: 2, ceil_mode: true }),
  },
  {
    name: "adaptive_avg_pool1d",
    py: "torch.nn.functional.adaptive_avg_pool1d(a, 3)",
    inputs: [f(2, 3, 7)],
    ts: (a) => F.adaptive_avg_pool1d(a, 3),
    ...SUMS,
  },
  {
    name: "adaptive_avg_pool1d.one",
    py: "torch.nn.functional.adaptive_avg_pool1d(a, (1,))",
    inputs: [f(2, 5)],
    ts: (a) => F.adaptive_avg_pool1d(a, [1]),
    ...SUMS,
  },
  {
    name: "adaptive_avg_pool1d.float64_upsampling",
    py: "torch.nn.functional.adaptive_avg_pool1d(a, 7)",
    inputs: [f64(1, 2, 4)],
    ts: (a) => F.adaptive_avg_pool1d(a, 7),
    ...SUMS,
  },
  {
    name: "adaptive_max_pool1d",
    py: "torch.nn.functional.adaptive_max_pool1d(a, 3)",
    inputs: [f(2, 3, 8)],
    ts: (a) => F.adaptive_max_pool1d(a, 3),
  },
  {
    name: "adaptive_max_pool1d.return_indices",
    py: "torch.nn.functional.adaptive_max_pool1d(a, 4, True)[1]",
    inputs: [f(3, 7)],
    ts: (a) => pair(F.adaptive_max_pool1d(a, 4, true))[1],
  },
  {
    name: "adaptive_max_pool1d.torch_float64",
    py: "torch.adaptive_max_pool1d(a, 5)[0]",
    inputs: [f64(1, 2, 9)],
    ts: (a) => torch.adaptive_max_pool1d(a, 5)[0],
  },
  {
    name: "adaptive_max_pool2d",
    py: "torch.nn.functional.adaptive_max_pool2d(a, 3)",
    inputs: [f(2, 3, 7, 5)],
    ts: (a) => F.adaptive_max_pool2d(a, 3),
  },
  {
    name: "adaptive_max_pool2d.none",
    py: "torch.nn.functional.adaptive_max_pool2d(a, (None, 2))",
    inputs: [f(2, 4, 5)],
    ts: (a) => F.adaptive_max_pool2d(a, [null, 2]),
  },
  {
    name: "adaptive_max_pool2d.return_indices",
    py: "torch.nn.functional.adaptive_max_pool2d(a, (4, 3), return_indices=True)[0]",
    inputs: [f(1, 2, 6, 9)],
    ts: (a) => pair(F.adaptive_max_pool2d(a, [4, 3], { return_indices: true }))[0],
  },
  {
    name: "adaptive_max_pool2d.return_indices.indices",
    py: "torch.nn.functional.adaptive_max_pool2d(a, (4, 3), return_indices=True)[1]",
    inputs: [f(1, 2, 6, 9)],
    ts: (a) => pair(F.adaptive_max_pool2d(a, [4, 3], { return_indices: true }))[1],
  },
  {
    name: "adaptive_max_pool2d.with_indices_float64",
    py: "torch.nn.functional.adaptive_max_pool2d_with_indices(a, 5)[0]",
    inputs: [f64(2, 3, 4)],
    ts: (a) => F.adaptive_max_pool2d_with_indices(a, 5)[0],
  },
  // F.lp_pool2d (src/ops/nn_pool_lp.ts): a composite of avg_pool2d and pointwise ops.
  {
    name: "lp_pool2d",
    py: "torch.nn.functional.lp_pool2d(a, 2, 2)",
    inputs: [f(2, 3, 4, 6)],
    ts: (a) => F.lp_pool2d(a, 2, 2),
    ...SUMS,
  },
  {
    name: "lp_pool2d.stride_ceil_float64",
    py: "torch.nn.functional.lp_pool2d(a, 3.0, (2, 3), stride=(1, 2), ceil_mode=True)",
    inputs: [{ ...f64(1, 2, 4, 5), domain: "positive" as const }],
    ts: (a) => F.lp_pool2d(a, 3, [2, 3], { stride: [1, 2], ceil_mode: true }),
    ...SUMS,
  },
  // F.max_pool3d (src/ops/nn_pool_3d.ts).
  {
    name: "max_pool3d",
    py: "torch.nn.functional.max_pool3d(a, 2)",
    inputs: [f(2, 2, 4, 4, 5)],
    ts: (a) => F.max_pool3d(a, 2),
  },
  {
    name: "max_pool3d.all_options",
    py: "torch.nn.functional.max_pool3d(a, (1, 2, 3), stride=(2, 1, 1), padding=(0, 1, 1), dilation=(2, 1, 1), ceil_mode=True)",
    inputs: [f(1, 2, 4, 5, 6)],
    ts: (a) =>
      F.max_pool3d(a, [1, 2, 3], {
        stride: [2, 1, 1],
        padding: [0, 1, 1],
        dilation: [2, 1, 1],
        ceil_mode: true,
      }),
  },
  {
    name: "max_pool3d.return_indices.indices",
    py: "torch.nn.functional.max_pool3d(a, 2, 1, 1, 1, False, True)[1]",
    inputs: [f(2, 3, 3, 4)],
    ts: (a) => pair(F.max_pool3d(a, 2, 1, 1, 1, false, true))[1],
  },
  {
    name: "max_pool3d.unbatched_float64",
    py: "torch.max_pool3d(a, 2, 1)",
    inputs: [f64(2, 3, 3, 4)],
    ts: (a) => torch.max_pool3d(a, 2, 1),
  },
  // F.avg_pool3d, F.adaptive_avg_pool3d (src/ops/nn_pool_3d.ts), F.adaptive_max_pool3d (nn_pool_adaptive_max.ts).
  {
    name: "avg_pool3d",
    py: "torch.nn.functional.avg_pool3d(a, 2)",
    inputs: [f(2, 2, 4, 4, 5)],
    ts: (a) => F.avg_pool3d(a, 2),
    ...SUMS,
  },
  {
    name: "avg_pool3d.all_options",
    py: "torch.nn.functional.avg_pool3d(a, (2, 3, 2), stride=(1, 2, 3), padding=(1, 1, 0), ceil_mode=True, count_include_pad=False)",
    inputs: [f(1, 2, 4, 5, 6)],
    ts: (a) =>
      F.avg_pool3d(a, [2, 3, 2], {
        stride: [1, 2, 3],
        padding: [1, 1, 0],
        ceil_mode: true,
        count_include_pad: false,
      }),
    ...SUMS,
  },
  {
    name: "avg_pool3d.divisor_override_unbatched",
    py: "torch.nn.functional.avg_pool3d(a, 2, 1, 1, False, True, 3)",
    inputs: [f(2, 3, 3, 4)],
    ts: (a) => F.avg_pool3d(a, 2, 1, 1, false, true, 3),
    ...SUMS,
  },
  {
    name: "avg_pool3d.float64_ceil",
    py: "torch.nn.functional.avg_pool3d(a, 3, 2, 1, True)",
    inputs: [f64(1, 2, 5, 4, 6)],
    ts: (a) => F.avg_pool3d(a, 3, 2, 1, true),
    ...SUMS,
  },
  {
    name: "avg_pool3d.int64",
    py: "torch.nn.functional.avg_pool3d(a, 2, padding=1, count_include_pad=False)",
    inputs: [i64(1, 2, 3, 4, 3)],
    ts: (a) => F.avg_pool3d(a, 2, { padding: 1, count_include_pad: false }),
  },
  {
    name: "adaptive_avg_pool3d",
    py: "torch.nn.functional.adaptive_avg_pool3d(a, (2, 3, 4))",
    inputs: [f(2, 2, 5, 4, 7)],
    ts: (a) => F.adaptive_avg_pool3d(a, [2, 3, 4]),
    ...SUMS,
  },
  {
    name: "adaptive_avg_pool3d.none_unbatched",
    py: "torch.nn.functional.adaptive_avg_pool3d(a, (None, 2, 3))",
    inputs: [f(2, 3, 5, 4)],
    ts: (a) => F.adaptive_avg_pool3d(a, [null, 2, 3]),
    ...SUMS,
  },
  {
    name: "adaptive_avg_pool3d.mean",
    py: "torch.nn.functional.adaptive_avg_pool3d(a, 1)",
    inputs: [f(2, 2, 3, 4, 3)],
    ts: (a) => F.adaptive_avg_pool3d(a, 1),
    ...SUMS,
  },
  {
    name: "adaptive_avg_pool3d.float64",
    py: "torch.nn.functional.adaptive_avg_pool3d(a, (3, 2, 5))",
    inputs: [f64(1, 2, 4, 5, 3)],
    ts: (a) => F.adaptive_avg_pool3d(a, [3, 2, 5]),
    ...SUMS,
  },
  {
    name: "adaptive_max_pool3d",
    py: "torch.nn.functional.adaptive_max_pool3d(a, (2, 3, 2))",
    inputs: [f(2, 2, 5, 4, 7)],
    ts: (a) => F.adaptive_max_pool3d(a, [2, 3, 2]),
  },
  {
    name: "adaptive_max_pool3d.return_indices.indices",
    py: "torch.nn.functional.adaptive_max_pool3d(a, (None, 3, 2), True)[1]",
    inputs: [f(2, 3, 5, 4)],
    ts: (a) => pair(F.adaptive_max_pool3d(a, [null, 3, 2], true))[1],
  },
  {
    name: "adaptive_max_pool3d.with_indices_values",
    py: "torch.nn.functional.adaptive_max_pool3d_with_indices(a, 3)[0]",
    inputs: [f(1, 2, 4, 5, 3)],
    ts: (a) => F.adaptive_max_pool3d_with_indices(a, 3)[0],
  },
  {
    name: "adaptive_max_pool3d.float64",
    py: "torch.nn.functional.adaptive_max_pool3d(a, (3, 2, 4))",
    inputs: [f64(1, 2, 4, 5, 6)],
    ts: (a) => F.adaptive_max_pool3d(a, [3, 2, 4]),
  },
];
