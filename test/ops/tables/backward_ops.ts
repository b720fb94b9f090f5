// Op table rows for src/ops/backward_ops.ts: the backward kernels as ops of their own (what a second
// backward pass differentiates).
import * as torch from "../../../src/index.js";
import { f, f64, nz, type OpCase } from "../op_case.js";

const F = torch.nn.functional;
type Tensor = torch.Tensor;

/** Running statistics for 3 channels, in the input's dtype (as in tables/nn_norm.ts). */
const runningMean = (like: Tensor) => torch.tensor([0.1, -0.2, 0.3], { dtype: like.dtype });
const runningVar = (like: Tensor) => torch.tensor([0.5, 1.5, 2.0], { dtype: like.dtype });
const RUNNING_STATS_PY =
  "torch.tensor([0.1, -0.2, 0.3], dtype=a.dtype), torch.tensor([0.5, 1.5, 2.0], dtype=a.dtype)";

/**
 * d out / d wrt for grad_output g, recorded (create_graph): the backward op as the second pass sees it. Rows
 * whose backward would not read every input square the output first (PyTorch's grad of an unused input is None).
 */
const gradOf = (out: Tensor, wrt: Tensor, g: Tensor): Tensor =>
  torch.autograd.grad(out, wrt, g, { create_graph: true })[0]!;
const gradPy = (out: string, wrt: string, g: string) =>
  `torch.autograd.grad(${out}, ${wrt}, ${g}, create_graph=True)[0]`;

/**
 * The first backward of layer_norm, batch_norm and gelu under create_graph: PyTorch's fused backward kernels
 * (their bits) recorded as NativeLayerNormBackwardBackward0, NativeBatchNormBackwardBackward0 and
 * GeluBackwardBackward0, whose own rows give the double backward.
 */
/**
 * layer_norm_double_backward and batchnorm_double_backward read the saved mean and rstd as constants, so with
 * batch statistics a third derivative misses their dependence on the input: PyTorch 1.13's gradgradcheck of
 * these rows fails too (GradcheckError), while eval mode (running statistics, truly constant) passes.
 */
const THIRD_ORDER_WITH_BATCH_STATISTICS = false;

const NORM_BACKWARD_OPS: OpCase[] = [
  {
    name: "native_layer_norm_backward.grad_input",
    py: gradPy("torch.nn.functional.layer_norm(a, [5], b)", "a", "c"),
    inputs: [f(2, 3, 5), f(5), f(2, 3, 5)],
    ts: (a, b, c) => gradOf(F.layer_norm(a, [5], b), a, c),
    gradgradcheck: THIRD_ORDER_WITH_BATCH_STATISTICS,
  },
  {
    name: "native_layer_norm_backward.grad_weight",
    py: gradPy("torch.nn.functional.layer_norm(a, (2, 3), b).pow(2)", "b", "c"),
    inputs: [f(2, 2, 3), f(2, 3), f(2, 2, 3)],
    ts: (a, b, c) => gradOf(F.layer_norm(a, [2, 3], b).pow(2), b, c),
    gradgradcheck: THIRD_ORDER_WITH_BATCH_STATISTICS,
  },
  {
    name: "native_layer_norm_backward.no_affine_float64",
    py: gradPy("torch.nn.functional.layer_norm(a, [4])", "a", "b"),
    inputs: [f64(3, 4), f64(3, 4)],
    ts: (a, b) => gradOf(F.layer_norm(a, [4]), a, b),
    gradgradcheck: THIRD_ORDER_WITH_BATCH_STATISTICS,
  },
  {
    name: "native_batch_norm_backward.training",
    py: gradPy("torch.nn.functional.batch_norm(a, None, None, b, training=True)", "a", "c"),
    inputs: [f(4, 3, 2), f(3), f(4, 3, 2)],
    ts: (a, b, c) => gradOf(F.batch_norm(a, null, null, { weight: b, training: true }), a, c),
    gradgradcheck: THIRD_ORDER_WITH_BATCH_STATISTICS,
  },
  {
    name: "native_batch_norm_backward.training_grad_weight",
    py: gradPy("torch.nn.functional.batch_norm(a, None, None, b, training=True).pow(2)", "b", "c"),
    inputs: [f(4, 3), f(3), f(4, 3)],
    ts: (a, b, c) => gradOf(F.batch_norm(a, null, null, { weight: b, training: true }).pow(2), b, c),
    gradgradcheck: THIRD_ORDER_WITH_BATCH_STATISTICS,
  },
  {
    name: "native_batch_norm_backward.training_no_affine_float64",
    py: gradPy("torch.nn.functional.batch_norm(a, None, None, training=True)", "a", "b"),
    inputs: [f64(4, 3, 2), f64(4, 3, 2)],
    ts: (a, b) => gradOf(F.batch_norm(a, null, null, { training: true }), a, b),
    gradgradcheck: THIRD_ORDER_WITH_BATCH_STATISTICS,
  },
  {
    name: "native_batch_norm_backward.eval",
    py: gradPy(`torch.nn.functional.batch_norm(a, ${RUNNING_STATS_PY}, b).pow(2)`, "a", "c"),
    inputs: [f(4, 3, 2), f(3), f(4, 3, 2)],
    ts: (a, b, c) => gradOf(F.batch_norm(a, runningMean(a), runningVar(a), b).pow(2), a, c),
  },
  {
    name: "native_batch_norm_backward.eval_grad_weight",
    py: gradPy(`torch.nn.functional.batch_norm(a, ${RUNNING_STATS_PY}, b).pow(2)`, "b", "c"),
    inputs: [f(4, 3, 2), f(3), f(4, 3, 2)],
    ts: (a, b, c) => gradOf(F.batch_norm(a, runningMean(a), runningVar(a), b).pow(2), b, c),
  },
  {
    // hardtanh_backward is its own node (HardtanhBackwardBackward0), even where grad needs no graph
    name: "hardtanh_backward",
    py: gradPy("torch.nn.functional.hardtanh(a, -0.5, 0.5)", "a", "b"),
    inputs: [f(2, 5), f(2, 5)],
    ts: (a, b) => gradOf(F.hardtanh(a, -0.5, 0.5), a, b),
  },
  {
    name: "gelu_backward",
    py: gradPy("torch.nn.functional.gelu(a)", "a", "b"),
    inputs: [f(2, 5), f(2, 5)],
    ts: (a, b) => gradOf(F.gelu(a), a, b),
  },
  {
    name: "gelu_backward.float64",
    py: gradPy("torch.nn.functional.gelu(a)", "a", "b"),
    inputs: [f64(9), f64(9)],
    ts: (a, b) => gradOf(F.gelu(a), a, b),
  },
  {
    name: "gelu_backward.tanh",
    py: gradPy("torch.nn.functional.gelu(a, approximate='tanh')", "a", "b"),
    inputs: [f(2, 5), f(2, 5)],
    ts: (a, b) => gradOf(F.gelu(a, { approximate: "tanh" }), a, b),
    ulps: 0,
  },
  {
    // GeluBackwardKernelImpl's tanh branch: a 16-element vector block (Sleef's tanhf) and a scalar tail (glibc's)
    name: "gelu_backward.tanh_blocks",
    py: gradPy("torch.nn.functional.gelu(a, approximate='tanh')", "a", "b"),
    inputs: [f(4, 5), f(4, 5)],
    ts: (a, b) => gradOf(F.gelu(a, { approximate: "tanh" }), a, b),
    ulps: 0,
  },
  {
    name: "gelu_backward.tanh_float64",
    py: gradPy("torch.nn.functional.gelu(a, approximate='tanh')", "a", "b"),
    inputs: [f64(9), f64(9)],
    ts: (a, b) => gradOf(F.gelu(a, { approximate: "tanh" }), a, b),
    ulps: 0,
  },
];

export const BACKWARD_OPS_OPS: OpCase[] = [
  {
    name: "_sigmoid_backward",
    py: "torch.ops.aten.sigmoid_backward(a, b)",
    inputs: [f(2, 3), { shape: [2, 3], domain: "unit" }],
    ts: (a, b) => a._sigmoid_backward(b),
  },
  {
    name: "_threshold_backward",
    py: "torch.ops.aten.threshold_backward(a, b, 0)",
    inputs: [f(2, 3), nz(2, 3)],
    ts: (a, b) => a._threshold_backward(b, 0),
  },
  {
    name: "_softmax_backward_data",
    py: "torch._softmax_backward_data(a, b, 1, a.dtype)",
    inputs: [f(3, 10), f(3, 10)],
    ts: (a, b) => a._softmax_backward_data(b, 1),
  },
  {
    name: "_softmax_backward_data.dim0",
    py: "torch._softmax_backward_data(a, b, 0, a.dtype)",
    inputs: [f(4, 3), f(4, 3)],
    ts: (a, b) => a._softmax_backward_data(b, 0),
  },
  {
    name: "_log_softmax_backward_data",
    py: "torch._log_softmax_backward_data(a, b, 1, a.dtype)",
    inputs: [f(3, 10), f(3, 10)],
    ts: (a, b) => a._log_softmax_backward_data(b, 1),
    // Its double backward's grad - sum(grad * exp(out)) cancels, amplifying exp's last-bit differences.
    ulps: 16,
  },
  {
    name: "_log_softmax_backward_data.dim0",
    py: "torch._log_softmax_backward_data(a, b, 0, a.dtype)",
    inputs: [f(4, 3), f(4, 3)],
    ts: (a, b) => a._log_softmax_backward_data(b, 0),
  },
  ...NORM_BACKWARD_OPS,
];
