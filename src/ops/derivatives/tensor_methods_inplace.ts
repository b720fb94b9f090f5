// Derivative rows of src/ops/tensor_methods_inplace.ts: the in-place comparisons (zero gradients, as
// derivatives.yaml's eq_.Scalar/eq_.Tensor rows and their kin) and put (PutBackward0).
import { derivative } from "../../autograd/derivative.js";
import { ones, zeros } from "../../tensor/creation.js";
import type { Shape } from "../../tensor/shape.js";
import type { Tensor } from "../../tensor/tensor.js";
import { div, eq, logical_and, mul, where } from "../elementwise.js";
import { index_add, index_select, masked_fill } from "../indexing.js";
import { index_fill, take } from "../masked.js";
import { reshape } from "../shape.js";
import { index_reduce, put } from "../tensor_methods_inplace.js";

export interface IndexReduceSaved {
  self: Tensor;
  source: Tensor;
  index: Tensor;
  dim: number;
  reduce: string;
  includeSelf: boolean;
  result: Tensor;
}

/** FunctionsManual.cpp's index_reduce_backward: both gradients at once. */
function indexReduceBackward(g: Tensor, s: IndexReduceSaved): [Tensor, Tensor] {
  const { self, source, index, dim, reduce, includeSelf, result } = s;
  let gradSelf: Tensor;
  let gradSrc: Tensor;
  if (reduce === "prod") {
    const maskedSelf = masked_fill(self, eq(self, 0), 1);
    const maskedSelfResult = index_reduce(maskedSelf, dim, index, source, reduce, includeSelf);
    gradSelf = div(mul(g, maskedSelfResult), maskedSelf);
    const srcZero = eq(source, 0);
    const srcNumZeros = index_select(
      index_add(zeros([...self.shape], { dtype: self.dtype }), dim, index, srcZero.to(self.dtype)),
      dim,
      index,
    );
    // PyTorch wraps this in a DelayedError node (its double backward raises) when two or more zeros meet at one
    // position; tensorgrad's double backward differentiates it instead.
    const srcSingleZero = logical_and(srcZero, eq(srcNumZeros, 1));
    const maskedSrc = masked_fill(source, srcSingleZero, 1);
    const maskedSrcResult = index_reduce(self, dim, index, maskedSrc, reduce, includeSelf);
    gradSrc = where(
      srcSingleZero,
      index_select(mul(g, maskedSrcResult), dim, index),
      div(index_select(mul(g, result), dim, index), masked_fill(source, srcZero, 1)),
    );
  } else if (reduce === "mean") {
    let n = includeSelf ? ones([...g.shape], { dtype: g.dtype }) : zeros([...g.shape], { dtype: g.dtype });
    n = index_add(n, dim, index, ones([...source.shape], { dtype: g.dtype }));
    n = masked_fill(n, eq(n, 0), 1);
    gradSelf = div(g, n);
    gradSrc = div(index_select(g, dim, index), index_select(n, dim, index));
  } else {
    const value = index_select(result, dim, index);
    const selfIsResult = eq(self, result).to(self.dtype);
    const sourceIsResult = eq(source, value).to(self.dtype);
    const distributed = div(g, index_add(selfIsResult, dim, index, sourceIsResult));
    gradSelf = mul(selfIsResult, distributed);
    gradSrc = mul(sourceIsResult, index_select(distributed, dim, index));
  }
  if (!includeSelf) gradSelf = index_fill(gradSelf, dim, index, 0);
  return [gradSelf, gradSrc];
}

const zerosLikeGrad = (g: Tensor): Tensor => zeros([...g.shape], { dtype: g.dtype });
// The engine sums a gradient back to its input's shape, so other's zeros may take grad's shape.
const scalarRow = () => derivative<Record<string, never>>({ self: ["zeros_like(self)", zerosLikeGrad] });
const tensorRow = () =>
  derivative<Record<string, never>>({
    self: ["zeros_like(self)", zerosLikeGrad],
    other: ["zeros_like(other)", zerosLikeGrad],
  });

export const TENSOR_METHODS_INPLACE_DERIVATIVES = {
  EqBackward0: scalarRow(),
  EqBackward1: tensorRow(),
  NeBackward0: scalarRow(),
  NeBackward1: tensorRow(),
  LtBackward0: scalarRow(),
  LtBackward1: tensorRow(),
  LeBackward0: scalarRow(),
  LeBackward1: tensorRow(),
  GtBackward0: scalarRow(),
  GtBackward1: tensorRow(),
  GeBackward0: scalarRow(),
  GeBackward1: tensorRow(),
  IndexReduceBackward0: derivative<IndexReduceSaved>({
    "self, source": [
      "index_reduce_backward(grad, self, dim, index, source, reduce, include_self, result)",
      (g, s, { needsInputGrad }) => {
        const [gradSelf, gradSrc] = indexReduceBackward(g, s);
        return [needsInputGrad[0] ? gradSelf : null, needsInputGrad[1] ? gradSrc : null];
      },
    ],
  }),
  PutBackward0: derivative<{ index: Tensor; accumulate: boolean; sourceShape: Shape }>({
    self: [
      "accumulate ? grad : grad.put(index, zeros_like(source), false)",
      (g, s) => (s.accumulate ? g : put(g, s.index, zeros([...s.sourceShape], { dtype: g.dtype }), false)),
    ],
    source: ["grad.take(index).reshape_as(source)", (g, s) => reshape(take(g, s.index), s.sourceShape)],
  }),
};
