// Derivative rows for Copies, conversions, views, joins and splits.
import { row } from "./row.js";
import { zeros } from "../../tensor/creation.js";
import type { DType } from "../../tensor/dtype.js";
import type { Shape } from "../../tensor/shape.js";
import type { Tensor } from "../../tensor/tensor.js";
import { constant_pad_nd } from "../join.js";

/** The gradient of a split-like op: each output's gradient written back into its place (zeros elsewhere). */
function joinGrads(
  grads: readonly (Tensor | null)[],
  like: Tensor,
  selfShape: Shape,
  place: (acc: Tensor, g: Tensor, i: number) => Tensor,
): Tensor {
  let acc = zeros([...selfShape], { dtype: like.dtype });
  grads.forEach((g, i) => {
    if (g) acc = place(acc, g, i);
  });
  return acc;
}

export interface SplitSaved {
  dim: number;
  selfShape: Shape;
  sizes: number[];
}

const splitBackward = row<SplitSaved>((g, s, ctx) => {
  const starts = s.sizes.map((_, i) => s.sizes.slice(0, i).reduce((a, b) => a + b, 0));
  return [
    joinGrads(ctx.gradOutputs, g, s.selfShape, (acc, gi, i) =>
      acc.slice_scatter(gi, s.dim, starts[i], starts[i] + s.sizes[i]),
    ),
  ];
});

export const SHAPE_DERIVATIVES = {
  CloneBackward0: row<object>((g) => [g]),
  ToCopyBackward0: row<{ selfDtype: DType }>((g, s) => [g.to(s.selfDtype)]),
  ExpandBackward0: row<{ selfShape: Shape }>((g, s) => [g.sum_to_size(s.selfShape)]),
  ViewBackward0: row<{ selfShape: Shape }>((g, s) => [g.reshape(s.selfShape)]),
  ReshapeAliasBackward0: row<{ selfShape: Shape }>((g, s) => [g.reshape(s.selfShape)]),
  UnsafeViewBackward0: row<{ selfShape: Shape }>((g, s) => [g.reshape(s.selfShape)]),
  UnsqueezeBackward0: row<{ dim: number }>((g, s) => [g.squeeze(s.dim)]),
  SqueezeBackward0: row<{ selfShape: Shape }>((g, s) => [g.reshape(s.selfShape)]),
  SqueezeBackward1: row<{ selfShape: Shape }>((g, s) => [g.reshape(s.selfShape)]),
  TransposeBackward0: row<{ dim0: number; dim1: number }>((g, s) => [g.transpose(s.dim0, s.dim1)]),
  PermuteBackward0: row<{ dims: number[] }>((g, s) => {
    const inverse = new Array<number>(s.dims.length);
    s.dims.forEach((d, i) => (inverse[d] = i));
    return [g.permute(inverse)];
  }),
  TBackward0: row<object>((g) => [g.t()]),
  SelectBackward0: row<{ selfShape: Shape; dim: number; index: number }>((g, s) => [
    zeros([...s.selfShape], { dtype: g.dtype }).select_scatter(g, s.dim, s.index),
  ]),
  SliceBackward0: row<{ selfShape: Shape; dim: number; start: number; end: number; step: number }>((g, s) => [
    zeros([...s.selfShape], { dtype: g.dtype }).slice_scatter(g, s.dim, s.start, s.end, s.step),
  ]),
  CatBackward0: row<{ dim: number; sizes: number[] }>((g, s, ctx) => {
    let offset = 0;
    return s.sizes.map((size, i) => {
      // PyTorch skips 1-d empty inputs in cat; their gradient is empty too.
      if (size < 0) return ctx.needsInputGrad[i] ? zeros([0], { dtype: g.dtype }) : null;
      const piece = ctx.needsInputGrad[i] ? g.narrow(s.dim, offset, size) : null;
      offset += size;
      return piece;
    });
  }),
  StackBackward0: row<{ dim: number }>((g, s) => g.unbind(s.dim)),
  SplitBackward0: splitBackward,
  SplitWithSizesBackward0: splitBackward,
  UnbindBackward0: row<{ dim: number; selfShape: Shape }>((g, s, ctx) => [
    joinGrads(ctx.gradOutputs, g, s.selfShape, (acc, gi, i) => acc.select_scatter(gi, s.dim, i)),
  ]),
  FlipBackward0: row<{ dims: number[] }>((g, s) => [g.flip(s.dims)]),
  RollBackward0: row<{ shifts: number[]; dims: number[] }>((g, s) => [
    g.roll(
      s.shifts.map((x) => -x),
      s.dims.length === 0 ? null : s.dims,
    ),
  ]),
  // PyTorch's repeat_backward: sum new leading dims away, then each repeated dim's copies.
  RepeatBackward0: row<{ repeats: number[]; selfShape: Shape }>((g, s) => {
    if (s.repeats.includes(0)) return [zeros([...s.selfShape], { dtype: g.dtype })];
    let grad = g;
    const lead = g.ndim - s.selfShape.length;
    for (let i = 0; i < lead; i++) grad = grad.sum(0);
    const gradSize: number[] = [];
    const sumDims: number[] = [];
    s.selfShape.forEach((size, d) => {
      if (s.repeats[d + lead] !== 1) {
        gradSize.push(s.repeats[d + lead]);
        sumDims.push(gradSize.length - 1);
      }
      gradSize.push(size);
    });
    grad = grad.reshape(gradSize);
    return [sumDims.length > 0 ? grad.sum(sumDims) : grad];
  }),
  ConstantPadNdBackward0: row<{ pad: number[] }>((g, s) => [
    constant_pad_nd(
      g,
      s.pad.map((p) => -p),
    ),
  ]),
};
