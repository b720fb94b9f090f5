// Derivative rows for Elementwise functions of one tensor, and where.
import type { Tensor } from "../../tensor/tensor.js";
import { row } from "./row.js";

export const UNARY_DERIVATIVES = {
  SinBackward0: row<{ self: Tensor }>((g, s) => [g.mul(s.self.cos())]),
  CosBackward0: row<{ self: Tensor }>((g, s) => [g.mul(s.self.sin().neg())]),
  ExpBackward0: row<{ result: Tensor }>((g, s) => [g.mul(s.result)]),
  LogBackward0: row<{ self: Tensor }>((g, s) => [g.div(s.self)]),
  // PyTorch's sigmoid_backward kernel order: grad * (1 - y) * y.
  SigmoidBackward0: row<{ result: Tensor }>((g, s) => [g.mul(s.result.rsub(1)).mul(s.result)]),
  TanhBackward0: row<{ result: Tensor }>((g, s) => [g.mul(s.result.mul(s.result).rsub(1))]),
  ReluBackward0: row<{ result: Tensor }>((g, s) => [g.where(s.result.gt(0), 0)]),
  ClampBackward1: row<{ self: Tensor; min: number | null; max: number | null }>((g, s) => {
    const inMin = s.min === null ? null : s.self.ge(s.min);
    const inMax = s.max === null ? null : s.self.le(s.max);
    const mask = inMin && inMax ? inMin.logical_and(inMax) : (inMin ?? inMax);
    return [mask ? g.where(mask, 0) : g];
  }),
  WhereBackward0: row<{ condition: Tensor }>((g, s, ctx) => [
    null,
    ctx.needsInputGrad[1] ? g.where(s.condition, 0) : null,
    ctx.needsInputGrad[2] ? g.where(s.condition.logical_not(), 0) : null,
  ]),
};
