// Op table rows for src/ops/nn_activation.ts: hardtanh/relu6, threshold, the shrinks, hardsigmoid/hardswish,
// mish, selu/celu, prelu, rrelu (eval, and training with PyTorch's draws after manual_seed), glu, softsign and
// tanhshrink, in their torch.nn.functional, torch.* and method forms. Inputs are scaled where the samples
// would otherwise miss a branch (hardtanh's clamp, hardswish's -3..3 ramp).
import * as torch from "../../../src/index.js";
import { f, f64, noGrad, type InputSpec, type OpCase } from "../op_case.js";

const F = torch.nn.functional;
const i64 = (...shape: number[]): InputSpec => ({ shape, dtype: "int64" });

export const NN_ACTIVATION_OPS: OpCase[] = [
  {
    name: "hardtanh",
    py: "torch.nn.functional.hardtanh(a * 2)",
    inputs: [f(3, 4)],
    ts: (a) => F.hardtanh(a.mul(2)),
  },
  {
    name: "hardtanh.bounds",
    py: "torch.nn.functional.hardtanh(a, -0.5, max_val=0.25)",
    inputs: [f64(8)],
    ts: (a) => F.hardtanh(a, -0.5, { max_val: 0.25 }),
  },
  {
    name: "hardtanh.int",
    py: "torch.nn.functional.hardtanh(a)",
    inputs: [i64(6)],
    ts: (a) => F.hardtanh(a),
  },
  {
    name: "hardtanh.inplace",
    py: "torch.nn.functional.hardtanh(a * 1, inplace=True)",
    inputs: [f(5)],
    ts: (a) => F.hardtanh(a.mul(1), { inplace: true }),
  },
  { name: "relu6", py: "torch.nn.functional.relu6(a * 5)", inputs: [f(2, 5)], ts: (a) => F.relu6(a.mul(5)) },
  {
    name: "relu6.int",
    py: "torch.nn.functional.relu6(a * 4)",
    inputs: [i64(6)],
    ts: (a) => F.relu6(a.mul(4)),
  },
  {
    name: "threshold",
    py: "torch.nn.functional.threshold(a, 0.1, 20.0)",
    inputs: [f(2, 4)],
    ts: (a) => F.threshold(a, 0.1, 20),
  },
  {
    name: "threshold.torch_int",
    py: "torch.threshold(a, 1, -7)",
    inputs: [i64(6)],
    ts: (a) => torch.threshold(a, 1, -7),
  },
  {
    name: "threshold.float64",
    py: "torch.threshold(a, -0.5, 0.5)",
    inputs: [f64(7)],
    ts: (a) => torch.threshold(a, -0.5, 0.5),
  },
  {
    name: "hardshrink",
    py: "torch.nn.functional.hardshrink(a)",
    inputs: [f(2, 5)],
    ts: (a) => F.hardshrink(a),
  },
  {
    name: "hardshrink.method",
    py: "a.hardshrink(0.3)",
    inputs: [f64(8)],
    ts: (a) => a.hardshrink(0.3),
  },
  {
    name: "softshrink",
    py: "torch.nn.functional.softshrink(a)",
    inputs: [f(2, 5)],
    ts: (a) => F.softshrink(a),
  },
  {
    name: "softshrink.lambd",
    py: "torch.nn.functional.softshrink(a, lambd=0.25)",
    inputs: [f64(8)],
    ts: (a) => F.softshrink(a, { lambd: 0.25 }),
  },
  {
    name: "hardsigmoid",
    py: "torch.nn.functional.hardsigmoid(a * 4)",
    inputs: [f(3, 4)],
    ts: (a) => F.hardsigmoid(a.mul(4)),
    // derivatives.yaml has no formula for hardsigmoid_backward: its double backward raises
    gradgradcheck: false,
  },
  {
    name: "hardsigmoid.float64",
    py: "torch.nn.functional.hardsigmoid(a * 4)",
    inputs: [f64(10)],
    ts: (a) => F.hardsigmoid(a.mul(4)),
    gradgradcheck: false,
  },
  {
    name: "hardswish",
    py: "torch.nn.functional.hardswish(a * 4)",
    inputs: [f(3, 4)],
    ts: (a) => F.hardswish(a.mul(4)),
  },
  {
    name: "hardswish.float64",
    py: "torch.nn.functional.hardswish(a * 4)",
    inputs: [f64(10)],
    ts: (a) => F.hardswish(a.mul(4)),
  },
  { name: "mish", py: "torch.nn.functional.mish(a * 3)", inputs: [f(3, 4)], ts: (a) => F.mish(a.mul(3)) },
  { name: "mish.float64", py: "torch.nn.functional.mish(a)", inputs: [f64(8)], ts: (a) => F.mish(a) },
  { name: "selu", py: "torch.nn.functional.selu(a)", inputs: [f(2, 4)], ts: (a) => F.selu(a), ulps: 2 },
  { name: "selu.torch_float64", py: "torch.selu(a)", inputs: [f64(8)], ts: (a) => torch.selu(a) },
  { name: "celu", py: "torch.nn.functional.celu(a)", inputs: [f(2, 4)], ts: (a) => F.celu(a), ulps: 2 },
  {
    name: "celu.alpha",
    py: "torch.celu(a, 0.3)",
    inputs: [f64(8)],
    ts: (a) => torch.celu(a, 0.3),
  },
  {
    name: "prelu",
    py: "torch.nn.functional.prelu(a, b)",
    inputs: [f(2, 3, 4), f(3)],
    ts: (a, b) => F.prelu(a, b),
  },
  {
    name: "prelu.shared",
    py: "torch.prelu(a, b)",
    inputs: [f(2, 3, 2), f(1)],
    ts: (a, b) => torch.prelu(a, b),
  },
  {
    name: "prelu.method_float64",
    py: "a.prelu(b)",
    inputs: [f64(4, 2), f64(2)],
    ts: (a, b) => a.prelu(b),
  },
  { name: "prelu.1d", py: "torch.prelu(a, b)", inputs: [f(5), f(1)], ts: (a, b) => torch.prelu(a, b) },
  { name: "rrelu.eval", py: "torch.nn.functional.rrelu(a)", inputs: [f(2, 4)], ts: (a) => F.rrelu(a) },
  {
    name: "rrelu.training",
    py: "(torch.manual_seed(3), torch.nn.functional.rrelu(a, training=True))[1]",
    inputs: [f(3, 4)],
    ts: (a) => {
      torch.manual_seed(3);
      return F.rrelu(a, { training: true });
    },
  },
  {
    name: "rrelu.training_float64",
    py: "(torch.manual_seed(5), torch.rrelu(a, 0.1, 0.9, True))[1]",
    inputs: [f64(10)],
    ts: (a) => {
      torch.manual_seed(5);
      return torch.rrelu(a, 0.1, 0.9, true);
    },
  },
  { name: "glu", py: "torch.nn.functional.glu(a)", inputs: [f(3, 4)], ts: (a) => F.glu(a) },
  {
    name: "glu.dim0_float64",
    py: "torch.nn.functional.glu(a, 0)",
    inputs: [f64(4, 3)],
    ts: (a) => F.glu(a, 0),
  },
  { name: "softsign", py: "torch.nn.functional.softsign(a)", inputs: [f(2, 4)], ts: (a) => F.softsign(a) },
  { name: "softsign.int", py: "torch.nn.functional.softsign(a)", inputs: [i64(5)], ts: (a) => F.softsign(a) },
  {
    name: "tanhshrink",
    py: "torch.nn.functional.tanhshrink(a)",
    inputs: [f(2, 4)],
    ts: (a) => F.tanhshrink(a),
    ulps: 2,
  },
  {
    name: "tanhshrink.float64",
    py: "torch.nn.functional.tanhshrink(a)",
    inputs: [f64(6)],
    ts: (a) => F.tanhshrink(a),
  },
  // Module forms: their forward calls the functional form with the module's settings.
  {
    name: "module.PReLU",
    py: "torch.nn.PReLU(3, init=0.1, dtype=torch.float64)(a)",
    inputs: [f64(2, 3)],
    ts: (a) => new torch.nn.PReLU(3, 0.1, { dtype: torch.float64 }).forward(a),
  },
  {
    name: "module.Threshold_inplace",
    py: "torch.nn.Threshold(0.2, -1.0, inplace=True)(a * 1)",
    inputs: [f(6)],
    ts: (a) => new torch.nn.Threshold(0.2, -1, true).forward(a.mul(1)),
  },
  {
    name: "module.CELU",
    py: "torch.nn.CELU(2.0)(a)",
    inputs: [noGrad(f(6))],
    ts: (a) => new torch.nn.CELU(2).forward(a),
    ulps: 2,
  },
];
