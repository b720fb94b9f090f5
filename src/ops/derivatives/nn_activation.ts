// Derivatives of src/ops/nn_activation.ts. Each row gives derivatives.yaml's text (the backward kernel it
// names) and the same function in tensor ops, in the order of that kernel's vectorized path in
// aten/src/ATen/native/cpu/Activation.cpp (whose masks send NaN inputs to a zero gradient).
import { derivative } from "../../autograd/derivative.js";
import { is_grad_enabled } from "../../autograd/grad_mode.js";
import { expf, fmaf } from "../../backend/js/sleef.js";
import { fma } from "../../backend/js/fma.js";
import { tanhf as glibcTanhf } from "../../backend/js/glibc_tanhf.js";
import * as sleef from "../../backend/js/sleef_sp.js";
import * as sleefd from "../../backend/js/sleef_dp.js";
import * as sleefdLog from "../../backend/js/sleef_dp_log.js";
import * as glibc from "../../backend/js/glibc_f.js";
import * as glibcd from "../../backend/js/glibc_d.js";
import * as fdlibm from "../../backend/js/glibc_fdlibm.js";
import { allocate, float32, float64 } from "../../tensor/dtype.js";
import type { Tensor } from "../../tensor/tensor.js";
import { fromData, record } from "../core.js";
import { no_grad } from "../../autograd/grad_mode.js";
import {
  add,
  div,
  exp,
  gt,
  le,
  logical_and,
  logical_or,
  lt,
  mul,
  rsub,
  sigmoid,
  tanh,
  where,
} from "../elementwise.js";
import { cat } from "../join.js";
import { log1p } from "../math.js";
import { narrow } from "../shape.js";
import { preluChannelView, preluWeightGrad } from "../nn_activation.js";
import { _hardtanh_backward } from "../backward_ops.js";

/** hardsigmoid_backward's 1/6, a float constant even for double inputs. */
const ONE_SIXTH = Math.fround(1 / 6);

/** shrink_backward: the gradient passes outside [-lambd, lambd]. */
const shrinkRow = (op: string) =>
  derivative<{ self: Tensor; lambd: number }>({
    self: [
      `${op}_backward(grad, self, lambd)`,
      (g, s) => where(logical_or(lt(s.self, -s.lambd), gt(s.self, s.lambd)), g, 0),
    ],
  });

/** leaky_relu_backward(grad, self, negative_slope, false). */
const leakyReluBackward = (g: Tensor, self: Tensor, slope: number): Tensor =>
  where(gt(self, 0), g, mul(g, slope));

type MishLane = (dy: number, x: number) => number;
const f = Math.fround;

/**
 * mish_backward_kernel's float32 lanes: [vector body (SLEEF), scalar tail (glibc)]. PyTorch's build contracts
 * tanh_softplus + x * sigmoid * (1 - tanh_softplus^2) into two FMAs.
 */
const MISH_BACKWARD_F32: [MishLane, MishLane] = [
  (dy, x) => {
    const sig = f(1 / f(1 + expf(-x)));
    const t = sleef.tanhf(sleef.log1pf(expf(x)));
    return f(dy * fmaf(f(x * sig), fmaf(-t, t, 1), t));
  },
  (dy, x) => {
    const sig = f(1 / f(1 + glibc.expf(-x)));
    const t = glibcTanhf(glibc.log1pf(glibc.expf(x)));
    return f(dy * fmaf(f(x * sig), fmaf(-t, t, 1), t));
  },
];

const MISH_BACKWARD_F64: [MishLane, MishLane] = [
  (dy, x) => {
    const sig = 1 / (1 + sleefd.exp(-x));
    const t = sleefd.tanh(sleefdLog.log1p(sleefd.exp(x)));
    return dy * fma(x * sig, fma(-t, t, 1), t);
  },
  (dy, x) => {
    const sig = 1 / (1 + glibcd.exp(-x));
    const t = Math.tanh(fdlibm.log1p(glibcd.exp(x)));
    return dy * fma(x * sig, fma(-t, t, 1), t);
  },
];

/**
 * mish_backward's kernel on contiguous operands (or a broadcast scalar grad) of one shape and dtype: cpu_kernel_vec runs its vector body on
 * blocks of two vectors (16 floats, 8 doubles) and its scalar body on the rest; null where that does not apply.
 */
function mishBackwardKernel(g: Tensor, self: Tensor): Tensor | null {
  const lanes =
    self.dtype === float32 ? MISH_BACKWARD_F32 : self.dtype === float64 ? MISH_BACKWARD_F64 : null;
  if (lanes === null || g.dtype !== self.dtype || g.numel() !== self.numel()) return null;
  // A grad expanded from one value (sum's backward) is a broadcast scalar to the kernel, which still vectorizes.
  const gContiguous = g.is_contiguous() || g.stride().every((s) => s === 0);
  if (g.shape.some((d, i) => d !== self.shape[i]) || !gContiguous || !self.is_contiguous()) return null;
  const [dy, x] = [g.values(), self.values()];
  const n = x.length;
  const block = self.dtype === float32 ? 16 : 8;
  const vectorEnd = n - (n % block);
  const out = allocate(self.dtype, n);
  for (let i = 0; i < n; i++) out[i] = lanes[i < vectorEnd ? 0 : 1](dy[i], x[i]);
  return fromData(out, self.shape, self.dtype);
}

export const NN_ACTIVATION_DERIVATIVES = {
  HardtanhBackward0: derivative<{ self: Tensor; minVal: number; maxVal: number }>({
    self: [
      "hardtanh_backward(grad, self, min_val, max_val)",
      (g, s) => _hardtanh_backward(g, s.self, s.minVal, s.maxVal),
    ],
  }),
  ThresholdBackward0: derivative<{ self: Tensor; threshold: number }>({
    self: ["threshold_backward(grad, self, threshold)", (g, s) => where(le(s.self, s.threshold), 0, g)],
  }),
  ThresholdBackward1: derivative<{ self: Tensor; threshold: number }>({
    self: ["threshold_backward(grad, self, threshold)", (g, s) => where(le(s.self, s.threshold), 0, g)],
  }),
  HardshrinkBackward0: shrinkRow("hardshrink"),
  SoftshrinkBackward0: shrinkRow("softshrink"),
  HardsigmoidBackward0: derivative<{ self: Tensor }>({
    self: [
      "hardsigmoid_backward(grad, self)",
      (g, s): Tensor => {
        // derivatives.yaml has no formula for hardsigmoid_backward: a NotImplemented node, as in PyTorch
        // (self first: the node's one formula covers its first input)
        const out = no_grad(() => where(logical_and(gt(s.self, -3), lt(s.self, 3)), mul(g, ONE_SIXTH), 0));
        return record("torch::autograd::NotImplemented", [s.self, g], out, () => ({
          op: "hardsigmoid_backward",
        }));
      },
    ],
  }),
  // hardswish_backward: 0 below -3, grad * (x / 3 + 0.5) up to 3, grad above.
  HardswishBackward0: derivative<{ self: Tensor }>({
    self: [
      "hardswish_backward(grad, self)",
      (g, s) => where(lt(s.self, -3), 0, where(le(s.self, 3), mul(g, add(div(s.self, 3), 0.5)), g)),
    ],
  }),
  // mish_backward: grad * (tanh(softplus(x)) + x * sigmoid(x) * (1 - tanh(softplus(x))^2)).
  MishBackward0: derivative<{ self: Tensor }>({
    self: [
      "GradMode::is_enabled() ? infinitely_differentiable_mish_backward(grad, self) : mish_backward(grad, self)",
      (g, s) => {
        // Without create_graph nothing records the formula: mish_backward's kernel gives PyTorch's bits.
        const kernel = is_grad_enabled() ? null : mishBackwardKernel(g, s.self);
        if (kernel !== null) return kernel;
        const sig = sigmoid(s.self);
        const tanhSoftplus = tanh(log1p(exp(s.self)));
        return mul(g, add(tanhSoftplus, mul(mul(s.self, sig), rsub(mul(tanhSoftplus, tanhSoftplus), 1))));
      },
    ],
  }),
  // elu_backward with scale 1 and input_scale 1 / alpha: x <= 0 ? grad * (1 / alpha) * alpha * exp(x / alpha) : grad.
  CeluBackward0: derivative<{ self: Tensor; alpha: number }>({
    self: [
      "elu_backward(grad, alpha, 1, 1.0/alpha.toFloat(), /* is_result */ false, self)",
      (g, s) => {
        // alpha.toFloat(): the backward's input_scale divides by alpha rounded to float.
        const inputScale = 1 / Math.fround(s.alpha);
        const negative = mul(mul(mul(g, inputScale), s.alpha), exp(mul(s.self, inputScale)));
        return where(le(s.self, 0), negative, g);
      },
    ],
  }),
  // elu_backward with is_result: result <= 0 ? grad * input_scale * (result + alpha * scale) : grad * scale.
  EluBackward1: derivative<{ result: Tensor; alpha: number; scale: number; inputScale: number }>({
    self: [
      "elu_backward(grad, alpha, scale, input_scale, /* is_result */ true, result)",
      (g, s) => {
        const negative = mul(mul(g, s.inputScale), add(s.result, s.alpha * s.scale));
        return where(le(s.result, 0), negative, mul(g, s.scale));
      },
    ],
  }),
  CeluBackward1: derivative<{ result: Tensor; alpha: number }>({
    self: [
      "elu_backward(grad, alpha, 1, 1.0/alpha.toFloat(), /* is_result */ true, result)",
      (g, s) => where(le(s.result, 0), mul(mul(g, 1 / Math.fround(s.alpha)), add(s.result, s.alpha)), g),
    ],
  }),
  // prelu_backward: grad where input > 0, weight * grad elsewhere; the weight's gradient sums input * grad
  // over the negative side, per channel.
  PreluBackward0: derivative<{ self: Tensor; weight: Tensor }>({
    "self, weight": [
      "prelu_backward(grad, self, weight)",
      (g, s, { needsInputGrad }) => [
        needsInputGrad[0] ? where(gt(s.self, 0), g, mul(preluChannelView(s.weight, s.self), g)) : null,
        needsInputGrad[1] ? preluWeightGrad(g, s.self, s.weight) : null,
      ],
    ],
  }),
  RreluWithNoiseBackward0: derivative<{
    self: Tensor;
    noise: Tensor | null;
    lower: number;
    upper: number;
    training: boolean;
  }>({
    self: [
      "rrelu_with_noise_backward(grad, self, noise, lower, upper, training, false)",
      (g, s) =>
        s.training && s.upper - s.lower > 1e-6 && s.noise !== null
          ? mul(g, s.noise)
          : leakyReluBackward(g, s.self, (s.lower + s.upper) / 2),
    ],
  }),
  RreluWithNoiseBackward1: derivative<{
    result: Tensor;
    noise: Tensor | null;
    lower: number;
    upper: number;
    training: boolean;
  }>({
    self: [
      "rrelu_with_noise_backward(grad, result, noise, lower, upper, training, true)",
      (g, s) =>
        s.training && s.upper - s.lower > 1e-6 && s.noise !== null
          ? mul(g, s.noise)
          : leakyReluBackward(g, s.result, (s.lower + s.upper) / 2),
    ],
  }),
  // glu_backward: sigmoid(b) * grad for the first half a, (1 - sigmoid(b)) * sigmoid(b) * a * grad for b.
  GluBackward0: derivative<{ self: Tensor; dim: number }>({
    self: [
      "glu_backward(grad, self, dim)",
      (g, s) => {
        const half = s.self.shape[s.dim] / 2;
        const a = narrow(s.self, s.dim, 0, half);
        const sig = sigmoid(narrow(s.self, s.dim, half, half));
        return cat([mul(sig, g), mul(mul(mul(rsub(sig, 1), sig), a), g)], s.dim);
      },
    ],
  }),
};
