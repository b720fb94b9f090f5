// Derivative rows for Arithmetic: add, sub, rsub, mul, div, neg, reciprocal, pow, fill.
import type { Tensor } from "../../tensor/tensor.js";
import { row } from "./row.js";
import { zeros_like } from "../../tensor/creation.js";

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
  NegBackward0: row<object>((g) => [g.neg()]),
  ReciprocalBackward0: row<{ result: Tensor }>((g, s) => [g.neg().mul(s.result.mul(s.result))]),
  FillBackward0: row<object>((g) => [zeros_like(g)]),
  PowBackward0: row<{ self: Tensor; exponent: number }>((g, s) => [
    s.exponent === 0 ? zeros_like(s.self) : g.mul(s.self.pow(s.exponent - 1).mul(s.exponent)),
  ]),
};
