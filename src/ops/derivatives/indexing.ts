// Derivative rows for indexing ops.
import { row } from "./row.js";
import { zeros, zeros_like } from "../../tensor/creation.js";
import type { Shape } from "../../tensor/shape.js";
import type { Tensor } from "../../tensor/tensor.js";
import { where } from "../elementwise.js";
import { slice } from "../shape.js";

/** grad * alpha, skipping the multiply when alpha is 1 (PyTorch's maybe_multiply). */
const maybeMultiply = (g: Tensor, alpha: number) => (alpha === 1 ? g : g.mul(alpha));

export const INDEXING_DERIVATIVES = {
  IndexSelectBackward0: row<{ selfShape: Shape; dim: number; index: Tensor }>((g, s) => [
    zeros([...s.selfShape], { dtype: g.dtype }).index_add(s.dim, s.index, g),
  ]),
  IndexAddBackward0: row<{ dim: number; index: Tensor; alpha: number }>((g, s, ctx) => [
    g,
    ctx.needsInputGrad[1] ? maybeMultiply(g.index_select(s.dim, s.index), s.alpha) : null,
  ]),
  GatherBackward0: row<{ selfShape: Shape; dim: number; index: Tensor }>((g, s) => [
    zeros([...s.selfShape], { dtype: g.dtype }).scatter_add(s.dim, s.index, g),
  ]),
  ScatterBackward0: row<{ dim: number; index: Tensor }>((g, s, ctx) => [
    ctx.needsInputGrad[0] ? g.scatter(s.dim, s.index, 0) : null,
    ctx.needsInputGrad[1] ? g.gather(s.dim, s.index) : null,
  ]),
  ScatterBackward1: row<{ dim: number; index: Tensor }>((g, s) => [g.scatter(s.dim, s.index, 0)]),
  ScatterAddBackward0: row<{ dim: number; index: Tensor }>((g, s, ctx) => [
    g,
    ctx.needsInputGrad[1] ? g.gather(s.dim, s.index) : null,
  ]),
  MaskedFillBackward0: row<{ mask: Tensor }>((g, s) => [g.masked_fill(s.mask, 0)]),
  MaskedFillBackward1: row<{ mask: Tensor }>((g, s, ctx) => [
    ctx.needsInputGrad[0] ? g.masked_fill(s.mask, 0) : null,
    ctx.needsInputGrad[1] ? where(s.mask, g, 0).sum() : null,
  ]),
  SelectScatterBackward0: row<{ dim: number; index: number }>((g, s, ctx) => [
    ctx.needsInputGrad[0] ? g.select_scatter(zeros_like(g.select(s.dim, s.index)), s.dim, s.index) : null,
    ctx.needsInputGrad[1] ? g.select(s.dim, s.index) : null,
  ]),
  SliceScatterBackward0: row<{ dim: number; start: number; end: number; step: number }>((g, s, ctx) => {
    const part = () => slice(g, s.dim, s.start, s.end, s.step);
    return [
      ctx.needsInputGrad[0] ? g.slice_scatter(zeros_like(part()), s.dim, s.start, s.end, s.step) : null,
      ctx.needsInputGrad[1] ? part() : null,
    ];
  }),
  TrilBackward0: row<{ diagonal: number }>((g, s) => [g.tril(s.diagonal)]),
  TriuBackward0: row<{ diagonal: number }>((g, s) => [g.triu(s.diagonal)]),
};
