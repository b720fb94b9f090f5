// Derivative rows for Arithmetic: add, sub, rsub, mul, div, neg, reciprocal, pow, fill, atan2, fmod,
// remainder, minimum, maximum, lerp.
import type { Tensor } from "../../tensor/tensor.js";
import { row } from "./row.js";
import { zeros_like } from "../../tensor/creation.js";
import { rsub, where } from "../elementwise.js";
import { RuntimeError } from "../../errors.js";

/** grad * alpha, skipping the multiply when alpha is 1 (PyTorch's maybe_multiply). */
const maybeMultiply = (g: Tensor, alpha: number) => (alpha === 1 ? g : g.mul(alpha));

export const ARITHMETIC_DERIVATIVES = {
  AddBackward0: row<{ alpha: number }>((g, s) => [g, maybeMultiply(g, s.alpha)]),
  SubBackward0: row<{ alpha: number }>((g, s) => [g, maybeMultiply(g.neg(), s.alpha)]),
  RsubBackward0: row<{ alpha: number }>((g, s) => [maybeMultiply(g.neg(), s.alpha), g]),
  RsubBackward1: row<{ alpha: number }>((g, s) => [maybeMultiply(g.neg(), s.alpha)]),
  MulBackward0: row<{ self: Tensor; other: Tensor }>((g, s, ctx) => [
    ctx.needsInputGrad[0] ? g.mul(s.other) : null,
    ctx.needsInputGrad[1] ? g.mul(s.self) : null,
  ]),
  DivBackward0: row<{ self: Tensor; other: Tensor }>((g, s, ctx) => [
    ctx.needsInputGrad[0] ? g.div(s.other) : null,
    ctx.needsInputGrad[1] ? g.neg().mul(s.self.div(s.other).div(s.other)) : null,
  ]),
  // div.Tensor_mode: a rounding mode makes the result piecewise constant (zero gradients).
  DivBackward2: row<{ self: Tensor; other: Tensor; roundingMode: string | null }>((g, s, ctx) => {
    if (s.roundingMode !== null) return [zeros_like(g), zeros_like(g)];
    return [
      ctx.needsInputGrad[0] ? g.div(s.other) : null,
      ctx.needsInputGrad[1] ? g.neg().mul(s.self.div(s.other).div(s.other)) : null,
    ];
  }),
  NegBackward0: row<object>((g) => [g.neg()]),
  ReciprocalBackward0: row<{ result: Tensor }>((g, s) => [g.neg().mul(s.result.mul(s.result))]),
  FillBackward2: row<object>((g) => [zeros_like(g)]),
  FillBackward3: row<object>((g) => [zeros_like(g), g.sum()]),
  ZeroBackward0: row<object>((g) => [zeros_like(g)]),
  PowBackward0: row<{ self: Tensor; exponent: number }>((g, s) => [
    s.exponent === 0 ? zeros_like(s.self) : g.mul(s.self.pow(s.exponent - 1).mul(s.exponent)),
  ]),
  // pow_backward_self: where(exponent == 0, 0, grad * (exponent * self.pow(exponent - 1))).
  PowBackward1: row<{ self: Tensor; exponent: Tensor; result: Tensor }>((g, s, ctx) => [
    ctx.needsInputGrad[0]
      ? where(s.exponent.ne(0), g.mul(s.exponent.mul(s.self.pow(s.exponent.sub(1)))), 0)
      : null,
    ctx.needsInputGrad[1] ? powBackwardExponent(g, s.self, s.exponent, s.result) : null,
  ]),
  PowBackward2: row<{ base: number; exponent: Tensor; result: Tensor }>((g, s) => {
    const term = s.result.mul(Math.log(s.base));
    return [g.mul(s.base === 0 ? where(s.exponent.lt(0), term, 0) : term)];
  }),
  Atan2Backward0: row<{ self: Tensor; other: Tensor }>((g, s, ctx) => {
    const recip = s.self.mul(s.self).add(s.other.mul(s.other)).reciprocal();
    return [
      ctx.needsInputGrad[0] ? g.mul(s.other).mul(recip) : null,
      ctx.needsInputGrad[1] ? g.mul(s.self.neg()).mul(recip) : null,
    ];
  }),
  FmodBackward0: row<object>((g) => [g]),
  FmodBackward1: row<{ self: Tensor; other: Tensor }>((g, s, ctx) => [
    g,
    ctx.needsInputGrad[1] ? g.neg().mul(s.self.div(s.other).trunc()) : null,
  ]),
  RemainderBackward0: row<object>((g) => [g]),
  // PyTorch's placeholder node for ops without a derivative (remainder(Scalar self, Tensor other)).
  "torch::autograd::NotImplemented": row<{ op: string }>((_g, s) => {
    throw new RuntimeError(`derivative for aten::${s.op} is not implemented`);
  }),
  RemainderBackward1: row<{ self: Tensor; other: Tensor }>((g, s, ctx) => [
    g,
    ctx.needsInputGrad[1] ? g.neg().mul(s.self.div(s.other).floor()) : null,
  ]),
  // where(self == other, grad / 2, grad), zeroed where the other operand wins.
  MaximumBackward0: row<{ self: Tensor; other: Tensor }>((g, s, ctx) => {
    const shared = where(s.self.eq(s.other), g.div(2), g);
    return [
      ctx.needsInputGrad[0] ? where(s.self.lt(s.other).logical_not(), shared, 0) : null,
      ctx.needsInputGrad[1] ? where(s.self.gt(s.other).logical_not(), shared, 0) : null,
    ];
  }),
  MinimumBackward0: row<{ self: Tensor; other: Tensor }>((g, s, ctx) => {
    const shared = where(s.self.eq(s.other), g.div(2), g);
    return [
      ctx.needsInputGrad[0] ? where(s.self.gt(s.other).logical_not(), shared, 0) : null,
      ctx.needsInputGrad[1] ? where(s.self.lt(s.other).logical_not(), shared, 0) : null,
    ];
  }),
  LerpBackward0: row<{ weight: number }>((g, s) => [g.mul(1 - s.weight), g.mul(s.weight)]),
  LerpBackward1: row<{ self: Tensor; end: Tensor; weight: Tensor }>((g, s, ctx) => [
    ctx.needsInputGrad[0] ? g.mul(rsub(s.weight, 1)) : null,
    ctx.needsInputGrad[1] ? g.mul(s.weight) : null,
    ctx.needsInputGrad[2] ? g.mul(s.end.sub(s.self)) : null,
  ]),
};

/** pow_backward_exponent: grad * where(self == 0 & exponent >= 0, 0, result * log(self)). */
function powBackwardExponent(g: Tensor, self: Tensor, exponent: Tensor, result: Tensor): Tensor {
  const base = self.dtype === result.dtype ? self : self.to(result.dtype);
  const zeroBase = self.eq(0).logical_and(exponent.ge(0));
  return g.mul(where(zeroBase.logical_not(), result.mul(base.log()), 0));
}
