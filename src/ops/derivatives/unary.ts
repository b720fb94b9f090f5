// Derivative rows for elementwise functions of one tensor (math functions, activations), and where.
// Each follows PyTorch's derivatives.yaml (or its backward kernel) in the same operation order.
import type { Tensor } from "../../tensor/tensor.js";
import { zeros_like } from "../../tensor/creation.js";
import { row } from "./row.js";
import { rsub, where } from "../elementwise.js";

/** Piecewise-constant ops (floor, sign, ...): PyTorch's zeros_like(grad). */
const zeroGrad = row<object>((g) => [zeros_like(g)]);
const LN2 = 0.6931471805599453;
const LN10 = 2.3025850929940456;
const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

export const UNARY_DERIVATIVES = {
  AbsBackward0: row<{ self: Tensor }>((g, s) => [g.mul(s.self.sign())]),
  SignBackward0: zeroGrad,
  FloorBackward0: zeroGrad,
  CeilBackward0: zeroGrad,
  RoundBackward0: zeroGrad,
  RoundBackward1: zeroGrad,
  TruncBackward0: zeroGrad,
  FracBackward0: row<object>((g) => [g]),
  SqrtBackward0: row<{ result: Tensor }>((g, s) => [g.div(s.result.mul(2))]),
  RsqrtBackward0: row<{ result: Tensor }>((g, s) => [g.mul(-0.5).mul(s.result.pow(3))]),
  Expm1Backward0: row<{ result: Tensor }>((g, s) => [g.mul(s.result.add(1))]),
  Log1PBackward0: row<{ self: Tensor }>((g, s) => [g.div(s.self.add(1))]),
  Log2Backward0: row<{ self: Tensor }>((g, s) => [g.div(s.self.mul(LN2))]),
  Log10Backward0: row<{ self: Tensor }>((g, s) => [g.div(s.self.mul(LN10))]),
  TanBackward0: row<{ result: Tensor }>((g, s) => [g.mul(s.result.pow(2).add(1))]),
  AsinBackward0: row<{ self: Tensor }>((g, s) => [g.mul(s.self.neg().mul(s.self).add(1).rsqrt())]),
  AcosBackward0: row<{ self: Tensor }>((g, s) => [g.mul(s.self.neg().mul(s.self).add(1).rsqrt().neg())]),
  AtanBackward0: row<{ self: Tensor }>((g, s) => [g.div(s.self.mul(s.self).add(1))]),
  SinhBackward0: row<{ self: Tensor }>((g, s) => [g.mul(s.self.cosh())]),
  CoshBackward0: row<{ self: Tensor }>((g, s) => [g.mul(s.self.sinh())]),
  ErfBackward0: row<{ self: Tensor }>((g, s) => [s.self.pow(2).neg().exp().mul(TWO_OVER_SQRT_PI).mul(g)]),
  // log_sigmoid_backward with buffer z = exp(-|x|): x < 0 gives 1 - z/(1+z), else z/(1+z).
  LogSigmoidBackward0: row<{ self: Tensor }>((g, s) => {
    const z = s.self.abs().neg().exp();
    const t = z.div(z.add(1));
    return [where(s.self.lt(0), rsub(t, 1), t).mul(g)];
  }),
  LeakyReluBackward0: row<{ self: Tensor; negativeSlope: number }>((g, s) => [
    where(s.self.gt(0), g, g.mul(s.negativeSlope)),
  ]),
  // elu_backward on the input: x <= 0 ? grad * input_scale * (alpha * scale) * exp(x * input_scale) : grad * scale.
  EluBackward0: row<{ self: Tensor; alpha: number; scale: number; inputScale: number }>((g, s) => {
    const negative = g
      .mul(s.inputScale)
      .mul(s.alpha * s.scale)
      .mul(s.self.mul(s.inputScale).exp());
    return [where(s.self.le(0), negative, g.mul(s.scale))];
  }),
  GeluBackward0: row<{ self: Tensor; approximate: "none" | "tanh" }>((g, s) =>
    s.approximate === "tanh" ? [g.mul(geluTanhDerivative(s.self))] : [g.mul(geluDerivative(s.self))],
  ),
  // silu_backward: grad * sigmoid * (1 + x * (1 - sigmoid)).
  SiluBackward0: row<{ self: Tensor }>((g, s) => {
    const sig = s.self.sigmoid();
    return [g.mul(sig).mul(s.self.mul(rsub(sig, 1)).add(1))];
  }),
  // softplus_backward: x * beta > threshold ? grad : grad * z / (z + 1) with z = exp(x * beta).
  SoftplusBackward0: row<{ self: Tensor; beta: number; threshold: number }>((g, s) => {
    const bx = s.self.mul(s.beta);
    const z = bx.exp();
    return [where(bx.le(s.threshold), g.mul(z).div(z.add(1)), g)];
  }),
  NanToNumBackward0: row<{ self: Tensor }>((g, s) => [g.mul(s.self.isfinite())]),
};

/** d/dx of x * Phi(x): cdf + x * pdf, PyTorch's GeluBackward kernel. */
function geluDerivative(x: Tensor): Tensor {
  const cdf = x.mul(Math.SQRT1_2).erf().add(1).mul(0.5);
  const pdf = x
    .mul(x)
    .mul(-0.5)
    .exp()
    .mul((2 / Math.sqrt(Math.PI)) * Math.SQRT1_2 * 0.5);
  return cdf.add(x.mul(pdf));
}

/** d/dx of the tanh approximation, in the kernel's order. */
function geluTanhDerivative(x: Tensor): Tensor {
  const beta = Math.SQRT2 * (2 / Math.sqrt(Math.PI)) * 0.5;
  const kappa = 0.044715;
  const xSq = x.mul(x);
  const xCube = xSq.mul(x);
  const tanhInner = x.add(xCube.mul(kappa)).mul(beta).tanh();
  const left = x.mul(0.5);
  const right = tanhInner.add(1);
  const leftDerivative = right.mul(0.5);
  const tanhDerivative = rsub(tanhInner.mul(tanhInner), 1);
  const innerDerivative = xSq
    .mul(3 * kappa)
    .add(1)
    .mul(beta);
  const rightDerivative = left.mul(tanhDerivative).mul(innerDerivative);
  return leftDerivative.add(rightDerivative);
}
