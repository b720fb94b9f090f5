// Derivatives of src/ops/math.ts: rounding, roots, inverse trig, erf, the activations, nan_to_num and the
// binary math ops (atan2, fmod, remainder, maximum, minimum, lerp). Each row gives each input's formula as
// derivatives.yaml writes it (or the backward kernel it names), then the same formula in tensor ops, in
// PyTorch's operation order (so values and double-backward graphs match).
import { derivative } from "../../autograd/derivative.js";
import { _gelu_backward } from "../backward_ops.js";
import { RuntimeError } from "../../errors.js";
import { zeros_like } from "../../tensor/creation.js";
import type { Tensor } from "../../tensor/tensor.js";
import {
  add,
  div,
  eq,
  exp,
  gt,
  le,
  logical_not,
  lt,
  mul,
  neg,
  powScalar,
  reciprocal,
  rsub,
  sigmoid,
  sub,
  where,
} from "../elementwise.js";
import { abs, cosh, floor, isfinite, rsqrt, sign, sinh, trunc } from "../math.js";

const LN2 = 0.6931471805599453;
const LN10 = 2.3025850929940456;
const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

/** Piecewise-constant ops (floor, sign, ...). */
const zeroGrad = derivative<object>({ self: ["zeros_like(grad)", (g) => zeros_like(g)] });

/**
 * at::where(self == other, grad / 2, grad).masked_fill_(loses, 0): maximum's and minimum's gradient for one
 * input (ties share it), zero where `loses` (the other input wins).
 */
function extremumGrad(g: Tensor, self: Tensor, other: Tensor, loses: (a: Tensor, b: Tensor) => Tensor) {
  const shared = where(eq(self, other), div(g, 2), g);
  return where(logical_not(loses(self, other)), shared, 0);
}

type Pair = { self: Tensor; other: Tensor };

export const MATH_DERIVATIVES = {
  AbsBackward0: derivative<{ self: Tensor }>({
    self: ["grad * self.sgn()", (g, s) => mul(g, sign(s.self))],
  }),
  SignBackward0: zeroGrad,
  FloorBackward0: zeroGrad,
  CeilBackward0: zeroGrad,
  RoundBackward0: zeroGrad,
  RoundBackward1: zeroGrad,
  TruncBackward0: zeroGrad,
  FracBackward0: derivative<object>({ self: ["grad", (g) => g] }),
  SqrtBackward0: derivative<{ result: Tensor }>({
    self: ["grad / (2 * result)", (g, s) => div(g, mul(s.result, 2))],
  }),
  RsqrtBackward0: derivative<{ result: Tensor }>({
    self: ["-0.5 * grad * result.pow(3)", (g, s) => mul(mul(g, -0.5), powScalar(s.result, 3))],
  }),
  Expm1Backward0: derivative<{ result: Tensor }>({
    self: ["grad * (result + 1)", (g, s) => mul(g, add(s.result, 1))],
  }),
  Log1PBackward0: derivative<{ self: Tensor }>({
    self: ["log1p_backward(grad, self) = grad / (self + 1)", (g, s) => div(g, add(s.self, 1))],
  }),
  Log2Backward0: derivative<{ self: Tensor }>({
    self: ["grad / (self * 0.6931471805599453)", (g, s) => div(g, mul(s.self, LN2))],
  }),
  Log10Backward0: derivative<{ self: Tensor }>({
    self: ["grad / (self * 2.3025850929940456)", (g, s) => div(g, mul(s.self, LN10))],
  }),
  TanBackward0: derivative<{ result: Tensor }>({
    self: ["grad * (1 + result.pow(2))", (g, s) => mul(g, add(powScalar(s.result, 2), 1))],
  }),
  AsinBackward0: derivative<{ self: Tensor }>({
    self: ["grad * (-self * self + 1).rsqrt()", (g, s) => mul(g, rsqrt(add(mul(neg(s.self), s.self), 1)))],
  }),
  AcosBackward0: derivative<{ self: Tensor }>({
    self: [
      "grad * -((-self * self + 1).rsqrt())",
      (g, s) => mul(g, neg(rsqrt(add(mul(neg(s.self), s.self), 1)))),
    ],
  }),
  AtanBackward0: derivative<{ self: Tensor }>({
    self: ["grad / (self * self + 1)", (g, s) => div(g, add(mul(s.self, s.self), 1))],
  }),
  SinhBackward0: derivative<{ self: Tensor }>({
    self: ["grad * self.cosh()", (g, s) => mul(g, cosh(s.self))],
  }),
  CoshBackward0: derivative<{ self: Tensor }>({
    self: ["grad * self.sinh()", (g, s) => mul(g, sinh(s.self))],
  }),
  ErfBackward0: derivative<{ self: Tensor }>({
    self: [
      "2.0 / sqrt(M_PI) * exp(-(self.pow(2))) * grad",
      (g, s) => mul(mul(exp(neg(powScalar(s.self, 2))), TWO_OVER_SQRT_PI), g),
    ],
  }),
  // log_sigmoid_backward with buffer z = exp(-|x|): x < 0 gives 1 - z/(1+z), else z/(1+z).
  LogSigmoidBackward0: derivative<{ self: Tensor }>({
    self: [
      "log_sigmoid_backward(grad, self, buffer)",
      (g, s) => {
        const z = exp(neg(abs(s.self)));
        const t = div(z, add(z, 1));
        return mul(where(lt(s.self, 0), rsub(t, 1), t), g);
      },
    ],
  }),
  LeakyReluBackward0: derivative<{ self: Tensor; negativeSlope: number }>({
    self: [
      "leaky_relu_backward(grad, self, negative_slope, false)",
      (g, s) => where(gt(s.self, 0), g, mul(g, s.negativeSlope)),
    ],
  }),
  // elu_backward on the input: x <= 0 ? grad * input_scale * (alpha * scale) * exp(x * input_scale) : grad * scale.
  EluBackward0: derivative<{ self: Tensor; alpha: number; scale: number; inputScale: number }>({
    self: [
      "elu_backward(grad, alpha, scale, input_scale, /* is_result */ false, self)",
      (g, s) => {
        const negative = mul(mul(mul(g, s.inputScale), s.alpha * s.scale), exp(mul(s.self, s.inputScale)));
        return where(le(s.self, 0), negative, mul(g, s.scale));
      },
    ],
  }),
  GeluBackward0: derivative<{ self: Tensor; approximate: "none" | "tanh" }>({
    self: ["gelu_backward(grad, self, approximate)", (g, s) => _gelu_backward(g, s.self, s.approximate)],
  }),
  // silu_backward: grad * sigmoid * (1 + x * (1 - sigmoid)).
  SiluBackward0: derivative<{ self: Tensor }>({
    self: [
      "silu_backward(grad, self)",
      (g, s) => {
        const sig = sigmoid(s.self);
        return mul(mul(g, sig), add(mul(s.self, rsub(sig, 1)), 1));
      },
    ],
  }),
  // softplus_backward: x * beta > threshold ? grad : grad * z / (z + 1) with z = exp(x * beta).
  SoftplusBackward0: derivative<{ self: Tensor; beta: number; threshold: number }>({
    self: [
      "softplus_backward(grad, self, beta, threshold)",
      (g, s) => {
        const bx = mul(s.self, s.beta);
        const z = exp(bx);
        return where(le(bx, s.threshold), div(mul(g, z), add(z, 1)), g);
      },
    ],
  }),
  NanToNumBackward0: derivative<{ self: Tensor }>({
    self: ["grad * at::isfinite(self)", (g, s) => mul(g, isfinite(s.self))],
  }),

  // ---- Binary math ----

  // atan2_backward computes 1 / (self^2 + other^2) once for both inputs (its grad_input_mask).
  Atan2Backward0: derivative<Pair>({
    "self, other": [
      "atan2_backward(grad, self, other, grad_input_mask)",
      (g, s, { needsInputGrad }) => {
        const recip = reciprocal(add(mul(s.self, s.self), mul(s.other, s.other)));
        return [
          needsInputGrad[0] ? mul(mul(g, s.other), recip) : null,
          needsInputGrad[1] ? mul(mul(g, neg(s.self)), recip) : null,
        ];
      },
    ],
  }),
  FmodBackward0: derivative<object>({ self: ["grad", (g) => g] }),
  FmodBackward1: derivative<Pair>({
    self: ["grad", (g) => g],
    other: [
      '-grad * self.div(other, /*rounding_mode=*/"trunc")',
      (g, s) => mul(neg(g), trunc(div(s.self, s.other))),
    ],
  }),
  RemainderBackward0: derivative<object>({ self: ["grad", (g) => g] }),
  RemainderBackward1: derivative<Pair>({
    self: ["grad", (g) => g],
    other: [
      '-grad * self.div(other, /*rounding_mode=*/"floor")',
      (g, s) => mul(neg(g), floor(div(s.self, s.other))),
    ],
  }),
  // PyTorch's placeholder node for ops without a derivative (remainder(Scalar self, Tensor other)).
  // `qualified: false`: derivatives.yaml's not_implemented("name") rows, whose message names the op bare.
  "torch::autograd::NotImplemented": derivative<{ op: string; qualified?: boolean }>({
    other: [
      "not_implemented(op)",
      (_g, s) => {
        throw new RuntimeError(
          `derivative for ${s.qualified === false ? "" : "aten::"}${s.op} is not implemented`,
        );
      },
    ],
  }),
  MaximumBackward0: derivative<Pair>({
    self: [
      "at::where(self == other, grad / 2, grad).masked_fill_(self < other, 0)",
      (g, s) => extremumGrad(g, s.self, s.other, lt),
    ],
    other: [
      "at::where(self == other, grad / 2, grad).masked_fill_(self > other, 0)",
      (g, s) => extremumGrad(g, s.self, s.other, gt),
    ],
  }),
  MinimumBackward0: derivative<Pair>({
    self: [
      "at::where(self == other, grad / 2, grad).masked_fill_(self > other, 0)",
      (g, s) => extremumGrad(g, s.self, s.other, gt),
    ],
    other: [
      "at::where(self == other, grad / 2, grad).masked_fill_(self < other, 0)",
      (g, s) => extremumGrad(g, s.self, s.other, lt),
    ],
  }),
  LerpBackward0: derivative<{ weight: number }>({
    self: ["grad * (1 - weight.toDouble())", (g, s) => mul(g, 1 - s.weight)],
    end: ["grad * weight", (g, s) => mul(g, s.weight)],
  }),
  LerpBackward1: derivative<{ self: Tensor; end: Tensor; weight: Tensor }>({
    self: ["grad * (1 - weight)", (g, s) => mul(g, rsub(s.weight, 1))],
    end: ["grad * weight", (g, s) => mul(g, s.weight)],
    weight: ["grad * (end - self)", (g, s) => mul(g, sub(s.end, s.self))],
  }),
};
