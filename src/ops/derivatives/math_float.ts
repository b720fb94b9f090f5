// Derivatives of src/ops/math_float.ts: the inverse hyperbolic functions (and their in-place forms, which
// derivatives.yaml leaves not_implemented), copysign, fmax, fmin, frexp and nextafter (not_implemented), each
// with derivatives.yaml's text and the same formula in tensor ops, in PyTorch's order.
import { derivative } from "../../autograd/derivative.js";
import { NotImplementedError } from "../../errors.js";
import { zeros_like } from "../../tensor/creation.js";
import type { Tensor } from "../../tensor/tensor.js";
import { add, div, eq, ge, le, logical_not, logical_or, mul, powScalar, rsub, sub } from "../elementwise.js";
import { masked_fill } from "../indexing.js";
import { isnan, rsqrt } from "../math.js";
import { exp2 } from "../special.js";

type Self = { self: Tensor };
type Pair = { self: Tensor; other: Tensor };

/** derivatives.yaml's not_implemented(name): a node that raises when its gradient is asked for. */
const notImplemented = (op: string) =>
  [
    `not_implemented("${op}")`,
    () => {
      throw new NotImplementedError(`the derivative for '${op}' is not implemented.`);
    },
  ] as const;

/** copysign_tensor_self_backward: grad * (result / self), 0 where self is 0. */
const copysignSelf = [
  "copysign_tensor_self_backward(grad, self, result)",
  (g: Tensor, s: { self: Tensor; result: Tensor }) =>
    mul(g, masked_fill(div(s.result, s.self), eq(s.self, 0), 0)),
] as const;

/** fmax's and fmin's grad.masked_fill(mask, 0) where `wins` (>= or <=) or a NaN other picks self. */
function extremumGrad(g: Tensor, s: Pair, wins: (a: Tensor, b: Tensor) => Tensor, forSelf: boolean): Tensor {
  const selfPicked = logical_or(wins(s.self, s.other), isnan(s.other));
  return masked_fill(g, forSelf ? logical_not(selfPicked) : selfPicked, 0);
}

export const MATH_FLOAT_DERIVATIVES = {
  AsinhBackward0: derivative<Self>({
    self: ["grad * (self.pow(2) + 1).rsqrt().conj()", (g, s) => mul(g, rsqrt(add(powScalar(s.self, 2), 1)))],
  }),
  AcoshBackward0: derivative<Self>({
    self: [
      "self.is_complex() ? grad * ((self + 1).rsqrt() * (self - 1).rsqrt()).conj() : grad * (self * self - 1).rsqrt()",
      (g, s) => mul(g, rsqrt(sub(mul(s.self, s.self), 1))),
    ],
  }),
  AtanhBackward0: derivative<Self>({
    self: ["grad * 1 / (1 - self.pow(2)).conj()", (g, s) => div(mul(g, 1), rsub(powScalar(s.self, 2), 1))],
  }),
  AsinhBackward1: derivative<object>({ self: notImplemented("inplace version of asinh") }),
  AcoshBackward1: derivative<object>({ self: notImplemented("inplace version of acosh") }),
  AtanhBackward1: derivative<object>({ self: notImplemented("inplace version of atanh") }),
  CopysignBackward0: derivative<{ self: Tensor; result: Tensor }>({
    self: copysignSelf,
    other: ["zeros_like(other)", (g) => zeros_like(g)],
  }),
  CopysignBackward1: derivative<{ self: Tensor; result: Tensor }>({ self: copysignSelf }),
  FmaxBackward0: derivative<Pair>({
    self: [
      "grad.masked_fill((self >= other).logical_or_(other.isnan()).logical_not_(), 0)",
      (g, s) => extremumGrad(g, s, ge, true),
    ],
    other: [
      "grad.masked_fill((self >= other).logical_or_(other.isnan()), 0)",
      (g, s) => extremumGrad(g, s, ge, false),
    ],
  }),
  FminBackward0: derivative<Pair>({
    self: [
      "grad.masked_fill((self <= other).logical_or_(other.isnan()).logical_not_(), 0)",
      (g, s) => extremumGrad(g, s, le, true),
    ],
    other: [
      "grad.masked_fill((self <= other).logical_or_(other.isnan()), 0)",
      (g, s) => extremumGrad(g, s, le, false),
    ],
  }),
  FrexpBackward0: derivative<{ exponent: Tensor }>({
    self: ["grad / exponent.exp2()", (g, s) => div(g, exp2(s.exponent))],
  }),
  NextafterBackward0: derivative<object>({
    self: notImplemented("nextafter"),
    other: notImplemented("nextafter"),
  }),
};
