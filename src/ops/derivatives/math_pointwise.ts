// Derivatives of src/ops/math_pointwise.ts: logaddexp, logaddexp2, hypot and the angle conversions, each with
// derivatives.yaml's text and the same formula in tensor ops, in PyTorch's order.
import { derivative } from "../../autograd/derivative.js";
import type { Tensor } from "../../tensor/tensor.js";
import { add, div, exp, mul, powScalarBase, sub } from "../elementwise.js";

type Pair = { self: Tensor; other: Tensor };

export const MATH_POINTWISE_DERIVATIVES = {
  LogaddexpBackward0: derivative<Pair>({
    self: ["grad / (1 + exp(other - self))", (g, s) => div(g, add(exp(sub(s.other, s.self)), 1))],
    other: ["grad / (1 + exp(self - other))", (g, s) => div(g, add(exp(sub(s.self, s.other)), 1))],
  }),
  Logaddexp2Backward0: derivative<Pair>({
    self: [
      "grad / (1 + pow(2, other - self))",
      (g, s) => div(g, add(powScalarBase(2, sub(s.other, s.self)), 1)),
    ],
    other: [
      "grad / (1 + pow(2, self - other))",
      (g, s) => div(g, add(powScalarBase(2, sub(s.self, s.other)), 1)),
    ],
  }),
  HypotBackward0: derivative<Pair & { result: Tensor }>({
    self: ["grad * self / result", (g, s) => div(mul(g, s.self), s.result)],
    other: ["grad * other / result", (g, s) => div(mul(g, s.other), s.result)],
  }),
  Deg2RadBackward0: derivative<object>({
    self: ["deg2rad_backward(grad) = grad * M_PI_180", (g) => mul(g, Math.PI / 180)],
  }),
  Rad2DegBackward0: derivative<object>({
    self: ["rad2deg_backward(grad) = grad * M_180_PI", (g) => mul(g, 180 / Math.PI)],
  }),
};
