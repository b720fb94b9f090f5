// Derivative rows for Arithmetic: add, sub, rsub, mul, div, neg, reciprocal, pow, fill, atan2, fmod,
// remainder, minimum, maximum, lerp.
import type { Tensor } from "../../tensor/tensor.js";
import { row } from "./row.js";
import { zeros_like } from "../../tensor/creation.js";
import { rsub, where } from "../elementwise.js";
import { RuntimeError } from "../../errors.js";

export const ARITHMETIC_DERIVATIVES = {
  FillBackward2: row<object>((g) => [zeros_like(g)]),
  FillBackward3: row<object>((g) => [zeros_like(g), g.sum()]),
  ZeroBackward0: row<object>((g) => [zeros_like(g)]),
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
