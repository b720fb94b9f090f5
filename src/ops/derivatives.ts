// The one table of derivative formulas (PyTorch's tools/autograd/derivatives.yaml).
// Each row is keyed by the grad_fn name PyTorch gives the op, and returns one gradient per input of
// the op (null where an input needs none). Formulas are written in tensor ops, so running them with
// grad mode on (create_graph) records a graph of the backward pass and higher derivatives come free.
// Broadcast inputs need no care here: the engine sums each gradient back to its input's shape and dtype.
import type { Formula } from "../autograd/node.js";
import type { Tensor } from "../tensor/tensor.js";
import type { Shape } from "../tensor/shape.js";
import type { DType } from "../tensor/dtype.js";
import { zeros_like } from "../tensor/creation.js";
import { where } from "./elementwise.js";
import { unsqueezeDims } from "./shape_ops.js";

const row = <S extends object>(f: Formula<S>) => f;

/** grad * alpha, skipping the multiply when alpha is 1 (PyTorch's maybe_multiply). */
const maybeMultiply = (g: Tensor, alpha: number) => (alpha === 1 ? g : g.mul(alpha));

export const DERIVATIVES = {
  // ---- arithmetic ----
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

  // ---- elementwise functions ----
  SinBackward0: row<{ self: Tensor }>((g, s) => [g.mul(s.self.cos())]),
  CosBackward0: row<{ self: Tensor }>((g, s) => [g.mul(s.self.sin().neg())]),
  ExpBackward0: row<{ result: Tensor }>((g, s) => [g.mul(s.result)]),
  LogBackward0: row<{ self: Tensor }>((g, s) => [g.div(s.self)]),
  // PyTorch's sigmoid_backward kernel order: grad * (1 - y) * y.
  SigmoidBackward0: row<{ result: Tensor }>((g, s) => [g.mul(s.result.rsub(1)).mul(s.result)]),
  TanhBackward0: row<{ result: Tensor }>((g, s) => [g.mul(s.result.mul(s.result).rsub(1))]),
  ReluBackward0: row<{ result: Tensor }>((g, s) => [where(s.result.gt(0), g, 0)]),
  ClampBackward1: row<{ self: Tensor; min: number | null; max: number | null }>((g, s) => {
    const inMin = s.min === null ? null : s.self.ge(s.min);
    const inMax = s.max === null ? null : s.self.le(s.max);
    const mask = inMin && inMax ? inMin.logical_and(inMax) : (inMin ?? inMax);
    return [mask ? where(mask, g, 0) : g];
  }),
  WhereBackward0: row<{ condition: Tensor }>((g, s, ctx) => [
    null,
    ctx.needsInputGrad[1] ? where(s.condition, g, 0) : null,
    ctx.needsInputGrad[2] ? where(s.condition, 0, g) : null,
  ]),

  // ---- reductions ----
  SumBackward0: row<{ selfShape: Shape }>((g, s) => [g.expand(s.selfShape)]),
  SumBackward1: row<{ selfShape: Shape; dims: number[]; keepdim: boolean }>((g, s) => [
    (s.keepdim ? g : unsqueezeDims(g, s.dims)).expand(s.selfShape),
  ]),
  MeanBackward0: row<{ selfShape: Shape; count: number }>((g, s) => [g.expand(s.selfShape).div(s.count)]),
  MeanBackward1: row<{ selfShape: Shape; dims: number[]; keepdim: boolean; count: number }>((g, s) => [
    (s.keepdim ? g : unsqueezeDims(g, s.dims)).expand(s.selfShape).div(s.count),
  ]),

  // ---- copies, conversions and views ----
  CloneBackward0: row<object>((g) => [g]),
  ToCopyBackward0: row<{ selfDtype: DType }>((g, s) => [g.to(s.selfDtype)]),
  ExpandBackward0: row<{ selfShape: Shape }>((g, s) => [g.sum_to_size(s.selfShape)]),
  ViewBackward0: row<{ selfShape: Shape }>((g, s) => [g.reshape(s.selfShape)]),
  ReshapeAliasBackward0: row<{ selfShape: Shape }>((g, s) => [g.reshape(s.selfShape)]),
  UnsafeViewBackward0: row<{ selfShape: Shape }>((g, s) => [g.reshape(s.selfShape)]),
  UnsqueezeBackward0: row<{ dim: number }>((g, s) => [g.squeeze(s.dim)]),
  SqueezeBackward0: row<{ selfShape: Shape }>((g, s) => [g.reshape(s.selfShape)]),
  SqueezeBackward1: row<{ selfShape: Shape }>((g, s) => [g.reshape(s.selfShape)]),
};

export type DerivativeName = keyof typeof DERIVATIVES;
export type SavedOf<K extends DerivativeName> = (typeof DERIVATIVES)[K] extends Formula<infer S> ? S : never;
