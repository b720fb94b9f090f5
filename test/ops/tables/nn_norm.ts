// Op table rows: F.batch_norm (training and eval, with and without affine parameters and running statistics)
// and F.layer_norm (src/ops/nn_norm.ts). Running statistics are fixed tensors written out in both languages.
import * as torch from "../../../src/index.js";
import { f, f64, noGrad, type OpCase } from "../op_case.js";

const F = torch.nn.functional;
type Tensor = torch.Tensor;

/** Running statistics for 3 channels, in the input's dtype (Python: RUNNING_MEAN_PY, RUNNING_VAR_PY). */
const runningMean = (like: Tensor) => torch.tensor([0.1, -0.2, 0.3], { dtype: like.dtype });
const runningVar = (like: Tensor) => torch.tensor([0.5, 1.5, 2.0], { dtype: like.dtype });
const RUNNING_MEAN_PY = "torch.tensor([0.1, -0.2, 0.3], dtype=a.dtype)";
const RUNNING_VAR_PY = "torch.tensor([0.5, 1.5, 2.0], dtype=a.dtype)";

const BATCH_NORM_OPS: OpCase[] = [
  {
    name: "batch_norm.training",
    py: "torch.nn.functional.batch_norm(a, None, None, b, c, training=True)",
    inputs: [f(4, 3, 2, 2), f(3), f(3)],
    ts: (a, b, c) => F.batch_norm(a, null, null, { weight: b, bias: c, training: true }),
  },
  {
    name: "batch_norm.training_running_stats",
    py: `torch.nn.functional.batch_norm(a, ${RUNNING_MEAN_PY}, ${RUNNING_VAR_PY}, b, c, True, 0.3, 1e-3)`,
    inputs: [f(3, 3, 4), f(3), f(3)],
    ts: (a, b, c) => F.batch_norm(a, runningMean(a), runningVar(a), b, c, true, 0.3, 1e-3),
  },
  {
    name: "batch_norm.training_weight_only",
    py: "torch.nn.functional.batch_norm(a, None, None, b, training=True)",
    inputs: [f(3, 3, 2), f(3)],
    ts: (a, b) => F.batch_norm(a, null, null, { weight: b, training: true }),
  },
  {
    name: "batch_norm.training_no_affine_2d",
    py: "torch.nn.functional.batch_norm(a, None, None, training=True, eps=1e-3)",
    inputs: [f(5, 3)],
    ts: (a) => F.batch_norm(a, null, null, { training: true, eps: 1e-3 }),
  },
  {
    name: "batch_norm.eval",
    py: `torch.nn.functional.batch_norm(a, ${RUNNING_MEAN_PY}, ${RUNNING_VAR_PY}, b, c)`,
    inputs: [f(2, 3, 2, 3), f(3), f(3)],
    ts: (a, b, c) => F.batch_norm(a, runningMean(a), runningVar(a), b, c),
  },
  {
    name: "batch_norm.eval_weight_only",
    py: `torch.nn.functional.batch_norm(a, ${RUNNING_MEAN_PY}, ${RUNNING_VAR_PY}, b, training=False)`,
    inputs: [f(3, 3, 2), f(3)],
    ts: (a, b) => F.batch_norm(a, runningMean(a), runningVar(a), { weight: b, training: false }),
  },
  {
    name: "batch_norm.eval_no_affine",
    py: `torch.nn.functional.batch_norm(a, ${RUNNING_MEAN_PY}, ${RUNNING_VAR_PY})`,
    inputs: [f(4, 3)],
    ts: (a) => F.batch_norm(a, runningMean(a), runningVar(a)),
  },
  // Only the parameters need a gradient (a frozen input): the row skips the input's.
  {
    name: "batch_norm.training_parameters_only",
    py: "torch.nn.functional.batch_norm(a, None, None, b, c, training=True)",
    inputs: [noGrad(f(4, 3, 2)), f(3), f(3)],
    ts: (a, b, c) => F.batch_norm(a, null, null, { weight: b, bias: c, training: true }),
  },
  // The gradient of a sum is expanded (not contiguous): PyTorch's TensorIterator backward, not its kernel.
  {
    name: "batch_norm.training_sum",
    py: `torch.nn.functional.batch_norm(a, ${RUNNING_MEAN_PY}, ${RUNNING_VAR_PY}, b, c, True).sum()`,
    inputs: [f(4, 3, 5), f(3), f(3)],
    ts: (a, b, c) => F.batch_norm(a, runningMean(a), runningVar(a), b, c, true).sum(),
  },
  {
    name: "batch_norm.eval_sum",
    py: `torch.nn.functional.batch_norm(a, ${RUNNING_MEAN_PY}, ${RUNNING_VAR_PY}, b, c).sum()`,
    inputs: [f(2, 3, 4), f(3), f(3)],
    ts: (a, b, c) => F.batch_norm(a, runningMean(a), runningVar(a), b, c).sum(),
  },
  // [N, C] input: the channels-last kernels, with a partial last vector of channels in float64.
  {
    name: "batch_norm.float64_2d",
    py: "torch.nn.functional.batch_norm(a, None, None, b, c, training=True)",
    inputs: [f64(7, 6), f64(6), f64(6)],
    ts: (a, b, c) => F.batch_norm(a, null, null, { weight: b, bias: c, training: true }),
  },
  {
    name: "batch_norm.float64_odd_image",
    py: `torch.nn.functional.batch_norm(a, ${RUNNING_MEAN_PY}, ${RUNNING_VAR_PY}, b, c, True, 0.2)`,
    inputs: [f64(3, 3, 5), f64(3), f64(3)],
    ts: (a, b, c) => F.batch_norm(a, runningMean(a), runningVar(a), b, c, true, 0.2),
  },
  {
    name: "batch_norm.float64",
    py: "torch.nn.functional.batch_norm(a, None, None, b, c, training=True)",
    inputs: [f64(3, 3, 2, 2), f64(3), f64(3)],
    ts: (a, b, c) => F.batch_norm(a, null, null, { weight: b, bias: c, training: true }),
  },
];

const LAYER_NORM_OPS: OpCase[] = [
  {
    name: "layer_norm",
    py: "torch.nn.functional.layer_norm(a, [5], b, c)",
    inputs: [f(2, 3, 5), f(5), f(5)],
    ts: (a, b, c) => F.layer_norm(a, [5], b, c),
  },
  {
    name: "layer_norm.two_dims",
    py: "torch.nn.functional.layer_norm(a, (2, 3), b, c)",
    inputs: [f(2, 2, 3), f(2, 3), f(2, 3)],
    ts: (a, b, c) => F.layer_norm(a, [2, 3], b, c),
  },
  {
    name: "layer_norm.no_affine_eps",
    py: "torch.nn.functional.layer_norm(a, [3, 5], eps=1e-3)",
    inputs: [f(2, 3, 5)],
    ts: (a) => F.layer_norm(a, [3, 5], { eps: 1e-3 }),
  },
  {
    name: "layer_norm.no_affine",
    py: "torch.nn.functional.layer_norm(a, [4])",
    inputs: [f(3, 4)],
    ts: (a) => F.layer_norm(a, [4]),
  },
  {
    name: "layer_norm.weight_only",
    py: "torch.nn.functional.layer_norm(a, [4], b)",
    inputs: [f(3, 4), f(4)],
    ts: (a, b) => F.layer_norm(a, [4], b),
  },
  // Normalizing every dim: the weight's and bias's gradients have no batch dims to sum.
  {
    name: "layer_norm.whole_input",
    py: "torch.nn.functional.layer_norm(a, [6], b, c)",
    inputs: [f(6), f(6), f(6)],
    ts: (a, b, c) => F.layer_norm(a, [6], b, c),
  },
  {
    name: "layer_norm.parameters_only",
    py: "torch.nn.functional.layer_norm(a, [5], b, c)",
    inputs: [noGrad(f(3, 5)), f(5), f(5)],
    ts: (a, b, c) => F.layer_norm(a, [5], b, c),
  },
  {
    name: "layer_norm.float64",
    py: "torch.nn.functional.layer_norm(a, [2, 3], b, c)",
    inputs: [f64(2, 2, 3), f64(2, 3), f64(2, 3)],
    ts: (a, b, c) => F.layer_norm(a, [2, 3], b, c),
  },
  // Rows of 1000: RowwiseMoments merges 8 chunks of 16 vectors in its cascade, then a tail of 0 elements.
  {
    name: "layer_norm.long_rows",
    py: "torch.nn.functional.layer_norm(a, [1000], b, c)",
    inputs: [f(3, 1000), f(1000), f(1000)],
    ts: (a, b, c) => F.layer_norm(a, [1000], b, c),
    gradcheck: false,
  },
  {
    name: "layer_norm.long_rows_float64",
    py: "torch.nn.functional.layer_norm(a, [389])",
    inputs: [f64(2, 389)],
    ts: (a) => F.layer_norm(a, [389]),
    gradcheck: false,
  },
];

export const NN_NORM_OPS: OpCase[] = [...BATCH_NORM_OPS, ...LAYER_NORM_OPS];
