// Derivatives of src/ops/special.ts (sinc, exp2, erfc, erfinv, lgamma, digamma, polygamma, mvlgamma, the
// Bessel functions, ndtri, log_ndtr, erfcx, entr, logit, xlogy, xlog1py): derivatives.yaml's text (or the
// FunctionsManual.cpp function it names) and the same formula in tensor ops, in PyTorch's order.
import { derivative } from "../../autograd/derivative.js";
import { full } from "../../tensor/creation.js";
import type { Tensor } from "../../tensor/tensor.js";
import { fromData } from "../core.js";
import {
  add,
  cos,
  div,
  eq,
  exp,
  ge,
  gt,
  le,
  log,
  logical_and,
  mul,
  ne,
  neg,
  powScalar,
  reciprocal,
  rsub,
  sin,
  sub,
  where,
} from "../elementwise.js";
import { abs, sign } from "../math.js";
import { sum } from "../reduce.js";
import { unsqueeze } from "../shape.js";
import { digamma, erfinv, i0, i0e, i1, i1e, polygamma, xlog1py, xlogy } from "../special.js";

const SQRT_PI = Math.sqrt(Math.PI);
const SQRT_2PI = Math.sqrt(2 * Math.PI);

/** A 0-dim tensor of x's dtype (at::full({}, value, self.options())). */
const filledLike = (x: Tensor, value: number): Tensor => full([], value, { dtype: x.dtype });

/**
 * i1_backward / i1e_backward: at x = 0 the formula divides by zero, so |x| <= eps gets the limit 0.5 (the
 * input is swapped for eps there first, so no NaN reaches the gradient's graph).
 */
function besselI1Grad(g: Tensor, self: Tensor, result: Tensor, scaled: boolean): Tensor {
  const eps = self.dtype.name === "float32" ? 2 ** -23 : 2 ** -52;
  const notTiny = gt(abs(self), eps);
  const safe = where(notTiny, self, filledLike(self, eps));
  const gradx = scaled
    ? sub(i0e(safe), mul(result, add(sign(safe), reciprocal(safe))))
    : sub(i0(safe), mul(result, reciprocal(safe)));
  return mul(g, where(notTiny, gradx, filledLike(self, 0.5)));
}

/** mvlgamma_backward: grad * sum over the last axis of digamma(self + [(1 - p)/2, ..., 0]). */
function mvlgammaGrad(g: Tensor, self: Tensor, p: number): Tensor {
  const offsets = new (self.dtype.name === "float32" ? Float32Array : Float64Array)(p);
  for (let k = 0; k < p; k++) offsets[k] = -p / 2 + 0.5 + 0.5 * k;
  const args = add(fromData(offsets, [p], self.dtype), unsqueeze(self, -1));
  return mul(g, sum(digamma(args), [-1]));
}

export const SPECIAL_DERIVATIVES = {
  SincBackward0: derivative<{ self: Tensor }>({
    self: [
      "sinc_backward(grad, self): grad * (self_pi * self_pi.cos() - self_pi.sin()) / (self * self * M_PI), 0 at 0",
      (g, s) => {
        const selfPi = mul(s.self, Math.PI);
        const selfSquaredPi = mul(mul(s.self, s.self), Math.PI);
        const out = div(mul(g, sub(mul(selfPi, cos(selfPi)), sin(selfPi))), selfSquaredPi);
        return where(eq(selfSquaredPi, 0), filledLike(g, 0), out);
      },
    ],
  }),
  Exp2Backward0: derivative<{ result: Tensor }>({
    self: ["grad * result * M_LN2", (g, s) => mul(mul(g, s.result), Math.LN2)],
  }),
  ErfcBackward0: derivative<{ self: Tensor }>({
    self: [
      "-2.0 / sqrt(M_PI) * exp(-(self.pow(2))) * grad",
      (g, s) => mul(mul(exp(neg(powScalar(s.self, 2))), -2 / SQRT_PI), g),
    ],
  }),
  ErfinvBackward0: derivative<{ self: Tensor }>({
    self: [
      "0.5 * sqrt(M_PI) * exp(self.erfinv().pow(2)) * grad",
      (g, s) => mul(mul(exp(powScalar(erfinv(s.self), 2)), 0.5 * SQRT_PI), g),
    ],
  }),
  LgammaBackward0: derivative<{ self: Tensor }>({
    self: ["grad * digamma(self)", (g, s) => mul(g, digamma(s.self))],
  }),
  DigammaBackward0: derivative<{ self: Tensor }>({
    self: ["grad * polygamma(1, self)", (g, s) => mul(g, polygamma(1, s.self))],
  }),
  PolygammaBackward0: derivative<{ n: number; self: Tensor }>({
    self: ["grad * polygamma(n + 1, self)", (g, s) => mul(g, polygamma(s.n + 1, s.self))],
  }),
  PolygammaBackward1: derivative<{ n: number; self: Tensor }>({
    self: ["grad * polygamma(n + 1, self)", (g, s) => mul(g, polygamma(s.n + 1, s.self))],
  }),
  MvlgammaBackward0: derivative<{ self: Tensor; p: number }>({
    self: ["mvlgamma_backward(grad, self, p)", (g, s) => mvlgammaGrad(g, s.self, s.p)],
  }),
  I0Backward0: derivative<{ self: Tensor }>({
    self: ["grad * at::special_i1(self)", (g, s) => mul(g, i1(s.self))],
  }),
  SpecialI0EBackward0: derivative<{ self: Tensor; result: Tensor }>({
    self: [
      "grad * (at::special_i1e(self) - self.sgn() * result)",
      (g, s) => mul(g, sub(i1e(s.self), mul(sign(s.self), s.result))),
    ],
  }),
  SpecialI1Backward0: derivative<{ self: Tensor; result: Tensor }>({
    self: ["i1_backward(grad, self, result)", (g, s) => besselI1Grad(g, s.self, s.result, false)],
  }),
  SpecialI1EBackward0: derivative<{ self: Tensor; result: Tensor }>({
    self: ["i1e_backward(grad, self, result)", (g, s) => besselI1Grad(g, s.self, s.result, true)],
  }),
  SpecialNdtriBackward0: derivative<{ result: Tensor }>({
    self: [
      "grad * std::sqrt(2 * M_PI) * (result.square() / 2).exp()",
      (g, s) => mul(mul(g, SQRT_2PI), exp(div(mul(s.result, s.result), 2))),
    ],
  }),
  SpecialLogNdtrBackward0: derivative<{ self: Tensor; result: Tensor }>({
    self: [
      "grad / std::sqrt(2 * M_PI) * (result + self.pow(2) / 2).neg().exp()",
      (g, s) => mul(div(g, SQRT_2PI), exp(neg(add(s.result, div(powScalar(s.self, 2), 2))))),
    ],
  }),
  SpecialErfcxBackward0: derivative<{ self: Tensor; result: Tensor }>({
    self: [
      "(2.0 * self * result - 2.0 / sqrt(M_PI)) * grad",
      (g, s) => mul(sub(mul(mul(s.self, 2), s.result), 2 / SQRT_PI), g),
    ],
  }),
  SpecialEntrBackward0: derivative<{ self: Tensor }>({
    self: ["grad * (-(1 + self.log()))", (g, s) => mul(g, neg(add(log(s.self), 1)))],
  }),
  LogitBackward0: derivative<{ self: Tensor; eps: number | null }>({
    self: [
      "infinitely_differentiable_logit_backward(grad, self, eps)",
      (g, s) => {
        const [lo, hi] = s.eps === null ? [0, 1] : [s.eps, 1 - s.eps];
        const inside = logical_and(ge(s.self, lo), le(s.self, hi));
        const outside = filledLike(s.self, s.eps === null ? NaN : 0);
        return where(inside, div(g, mul(s.self, rsub(s.self, 1))), outside);
      },
    ],
  }),
  XlogyBackward0: derivative<{ self: Tensor; other: Tensor }>({
    self: ["grad * at::xlogy((self != 0), other)", (g, s) => mul(g, xlogy(ne(s.self, 0), s.other))],
    other: ["grad * self / other", (g, s) => div(mul(g, s.self), s.other)],
  }),
  XlogyBackward1: derivative<{ self: number; other: Tensor }>({
    other: ["grad * self / other", (g, s) => div(mul(g, s.self), s.other)],
  }),
  XlogyBackward2: derivative<{ self: Tensor; other: number }>({
    self: ["grad * at::xlogy((self != 0), other)", (g, s) => mul(g, xlogy(ne(s.self, 0), s.other))],
  }),
  SpecialXlog1PyBackward0: derivative<{ self: Tensor; other: Tensor }>({
    self: ["grad * at::xlog1py((self != 0), other)", (g, s) => mul(g, xlog1py(ne(s.self, 0), s.other))],
    other: ["grad * self / (other + 1)", (g, s) => div(mul(g, s.self), add(s.other, 1))],
  }),
  SpecialXlog1PyBackward1: derivative<{ self: number; other: Tensor }>({
    other: ["grad * self / (other + 1)", (g, s) => div(mul(g, s.self), add(s.other, 1))],
  }),
  SpecialXlog1PyBackward2: derivative<{ self: Tensor; other: number }>({
    self: ["grad * at::xlog1py((self != 0), other)", (g, s) => mul(g, xlog1py(ne(s.self, 0), s.other))],
  }),
};
