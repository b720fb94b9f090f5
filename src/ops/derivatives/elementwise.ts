// Derivatives of src/ops/elementwise.ts: arithmetic, pow, sin/cos/exp/log, sigmoid, tanh, relu, clamp, where.
// Each row gives each input's formula as derivatives.yaml writes it, then the same formula in tensor ops (in
// PyTorch's operation order, so values and double-backward graphs match).
import { derivative } from "../../autograd/derivative.js";
import { zeros_like } from "../../tensor/creation.js";
import type { Tensor } from "../../tensor/tensor.js";
import { _sigmoid_backward, _threshold_backward } from "../backward_ops.js";
import {
  cos,
  div,
  eq,
  ge,
  gt,
  le,
  log,
  logical_and,
  logical_not,
  logical_or,
  lt,
  mul,
  ne,
  neg,
  powScalar,
  powTensor,
  rsub,
  sin,
  sub,
  where,
} from "../elementwise.js";

/** grad * alpha, skipping the multiply when alpha is 1 (PyTorch's maybe_multiply). */
const maybeMultiply = (g: Tensor, alpha: number) => (alpha === 1 ? g : mul(g, alpha));

/** pow_backward_exponent: grad * where(self == 0 & exponent >= 0, 0, result * log(self)). */
function powBackwardExponent(g: Tensor, self: Tensor, exponent: Tensor, result: Tensor): Tensor {
  const base = self.dtype === result.dtype ? self : self.to(result.dtype);
  const zeroBase = logical_and(eq(self, 0), ge(exponent, 0));
  return mul(g, where(logical_not(zeroBase), mul(result, log(base)), 0));
}

/** div_tensor_self_backward / div_tensor_other_backward without a rounding mode. */
const divSelf = (g: Tensor, other: Tensor) => div(g, other);
const divOther = (g: Tensor, self: Tensor, other: Tensor) => mul(neg(g), div(div(self, other), other));

export const ELEMENTWISE_DERIVATIVES = {
  AddBackward0: derivative<{ alpha: number }>({
    self: ["grad", (g) => g],
    other: ["maybe_multiply(grad, alpha)", (g, s) => maybeMultiply(g, s.alpha)],
  }),
  SubBackward0: derivative<{ alpha: number }>({
    self: ["grad", (g) => g],
    other: ["maybe_multiply(-grad, alpha)", (g, s) => maybeMultiply(neg(g), s.alpha)],
  }),
  RsubBackward0: derivative<{ alpha: number }>({
    self: ["maybe_multiply(-grad, alpha)", (g, s) => maybeMultiply(neg(g), s.alpha)],
    other: ["grad", (g) => g],
  }),
  RsubBackward1: derivative<{ alpha: number }>({
    self: ["maybe_multiply(-grad, alpha)", (g, s) => maybeMultiply(neg(g), s.alpha)],
  }),
  MulBackward0: derivative<{ self: Tensor; other: Tensor }>({
    self: ["grad * other", (g, s) => mul(g, s.other)],
    other: ["grad * self", (g, s) => mul(g, s.self)],
  }),
  // A tensor times a C++ Scalar (special_ndtr's last step): mul_tensor_backward(grad, other, ...).
  MulBackward1: derivative<{ other: number }>({
    self: ["mul_tensor_backward(grad, other, self.scalar_type())", (g, s) => mul(g, s.other)],
  }),
  DivBackward0: derivative<{ self: Tensor; other: Tensor }>({
    self: ["grad / other", (g, s) => divSelf(g, s.other)],
    other: ["-grad * ((self / other) / other)", (g, s) => divOther(g, s.self, s.other)],
  }),
  // A tensor divided by a C++ Scalar (cross_entropy with class probabilities divides its sum so in ATen).
  DivBackward1: derivative<{ other: number }>({
    self: ["grad / other", (g, s) => div(g, s.other)],
  }),
  // div.Tensor_mode: a rounding mode makes the result piecewise constant (zero gradients).
  DivBackward2: derivative<{ self: Tensor; other: Tensor; roundingMode: string | null }>({
    self: [
      "rounding_mode ? zeros_like(grad) : grad / other",
      (g, s) => (s.roundingMode !== null ? zeros_like(g) : divSelf(g, s.other)),
    ],
    other: [
      "rounding_mode ? zeros_like(grad) : -grad * ((self / other) / other)",
      (g, s) => (s.roundingMode !== null ? zeros_like(g) : divOther(g, s.self, s.other)),
    ],
  }),
  NegBackward0: derivative<object>({ self: ["grad.neg()", (g) => neg(g)] }),
  ReciprocalBackward0: derivative<{ result: Tensor }>({
    self: ["-grad * (result * result)", (g, s) => mul(neg(g), mul(s.result, s.result))],
  }),
  PowBackward0: derivative<{ self: Tensor; exponent: number }>({
    self: [
      "exponent == 0 ? zeros_like(self) : grad * (exponent * self.pow(exponent - 1))",
      (g, s) =>
        s.exponent === 0 ? zeros_like(s.self) : mul(g, mul(powScalar(s.self, s.exponent - 1), s.exponent)),
    ],
  }),
  PowBackward1: derivative<{ self: Tensor; exponent: Tensor; result: Tensor }>({
    self: [
      "where(exponent == 0, 0, grad * (exponent * self.pow(exponent - 1)))",
      (g, s) => where(ne(s.exponent, 0), mul(g, mul(s.exponent, powTensor(s.self, sub(s.exponent, 1)))), 0),
    ],
    exponent: [
      "grad * where(self == 0 & exponent >= 0, 0, result * log(self))",
      (g, s) => powBackwardExponent(g, s.self, s.exponent, s.result),
    ],
  }),
  PowBackward2: derivative<{ base: number; exponent: Tensor; result: Tensor }>({
    exponent: [
      "grad * (result * log(self)), 0 where self == 0 and exponent < 0",
      (g, s) => {
        const term = mul(s.result, Math.log(s.base));
        return mul(g, s.base === 0 ? where(lt(s.exponent, 0), term, 0) : term);
      },
    ],
  }),
  SinBackward0: derivative<{ self: Tensor }>({ self: ["grad * self.cos()", (g, s) => mul(g, cos(s.self))] }),
  CosBackward0: derivative<{ self: Tensor }>({
    self: ["grad * -self.sin()", (g, s) => mul(g, neg(sin(s.self)))],
  }),
  ExpBackward0: derivative<{ result: Tensor }>({ self: ["grad * result", (g, s) => mul(g, s.result)] }),
  LogBackward0: derivative<{ self: Tensor }>({ self: ["grad.div(self)", (g, s) => div(g, s.self)] }),
  SigmoidBackward0: derivative<{ result: Tensor }>({
    self: ["sigmoid_backward(grad, result)", (g, s) => _sigmoid_backward(g, s.result)],
  }),
  TanhBackward0: derivative<{ result: Tensor }>({
    self: ["grad * (1 - result * result)", (g, s) => mul(g, rsub(mul(s.result, s.result), 1))],
  }),
  ReluBackward0: derivative<{ result: Tensor }>({
    self: ["threshold_backward(grad, result, 0)", (g, s) => _threshold_backward(g, s.result, 0)],
  }),
  ClampBackward1: derivative<{ self: Tensor; min: number | null; max: number | null }>({
    self: [
      "grad where min <= self <= max, else 0",
      (g, s) => {
        const inMin = s.min === null ? null : ge(s.self, s.min);
        const inMax = s.max === null ? null : le(s.self, s.max);
        const mask = inMin && inMax ? logical_and(inMin, inMax) : (inMin ?? inMax);
        return mask ? where(mask, g, 0) : g;
      },
    ],
  }),
  // clamp.Tensor: clamp_backward for self; clamp_backward_min_max for the bounds (a bound that loses to
  // the other gets no gradient). An absent bound is recorded as a null input.
  ClampBackward0: derivative<{ self: Tensor; min: Tensor | null; max: Tensor | null }>({
    self: [
      "grad where min <= self <= max, else 0",
      (g, { self, min, max }) => {
        if (min !== null && max !== null) return where(logical_and(ge(self, min), le(self, max)), g, 0);
        return min !== null ? where(ge(self, min), g, 0) : where(le(self, max!), g, 0);
      },
    ],
    "min, max": [
      "grad where self < min < max (for min), where self > max or max < min (for max)",
      (g, { self, min, max }) => {
        if (min !== null && max !== null)
          return [
            where(logical_and(lt(self, min), lt(min, max)), g, 0),
            where(logical_or(gt(self, max), lt(max, min)), g, 0),
          ];
        return min !== null ? [where(lt(self, min), g, 0), null] : [null, where(gt(self, max!), g, 0)];
      },
    ],
  }),
  WhereBackward0: derivative<{ condition: Tensor }>({
    condition: null,
    self: ["where(condition, grad, 0)", (g, s) => where(s.condition, g, 0)],
    other: ["where(condition, 0, grad)", (g, s) => where(logical_not(s.condition), g, 0)],
  }),
};
