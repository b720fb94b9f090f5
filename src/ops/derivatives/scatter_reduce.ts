// Derivative of src/ops/scatter_reduce.ts: PyTorch's scatter_reduce_backward (FunctionsManual.cpp), in its
// operation order. amax/amin share the gradient evenly between tied maxima/minima; prod computes the
// exclusive product where an input is 0.
import { derivative } from "../../autograd/derivative.js";
import { ones_like, zeros_like } from "../../tensor/creation.js";
import type { Tensor } from "../../tensor/tensor.js";
import { toDtype } from "../conversion.js";
import { div, eq, logical_and, mul, where } from "../elementwise.js";
import { gather, masked_fill, scatter, scatter_add } from "../indexing.js";
import { scatter_reduce, type ScatterReduction } from "../scatter_reduce.js";

export interface ScatterReduceSaved {
  self: Tensor;
  src: Tensor;
  index: Tensor;
  dim: number;
  reduce: ScatterReduction;
  includeSelf: boolean;
  result: Tensor;
}

function scatterReduceBackward(grad: Tensor, s: ScatterReduceSaved): [Tensor, Tensor] {
  const { self, src, index, dim, reduce, includeSelf, result } = s;
  let gradSelf: Tensor;
  let gradSrc: Tensor;
  if (reduce === "sum") {
    gradSelf = grad;
    gradSrc = gather(grad, dim, index);
  } else if (reduce === "prod") {
    const maskedSelf = masked_fill(self, eq(self, 0), 1);
    const maskedSelfResult = scatter_reduce(maskedSelf, dim, index, src, reduce, includeSelf);
    gradSelf = div(mul(grad, maskedSelfResult), maskedSelf);
    const srcZero = eq(src, 0);
    const srcNumZeros = gather(
      scatter_add(zeros_like(self), dim, index, toDtype(srcZero, self.dtype)),
      dim,
      index,
    );
    const srcSingleZero = logical_and(srcZero, eq(srcNumZeros, 1));
    const maskedSrc = masked_fill(src, srcSingleZero, 1);
    const maskedSrcResult = scatter_reduce(self, dim, index, maskedSrc, reduce, includeSelf);
    gradSrc = where(
      srcSingleZero,
      gather(mul(grad, maskedSrcResult), dim, index),
      div(gather(mul(grad, result), dim, index), masked_fill(src, srcZero, 1)),
    );
  } else if (reduce === "mean") {
    let n = scatter_add(includeSelf ? ones_like(grad) : zeros_like(grad), dim, index, ones_like(src));
    n = masked_fill(n, eq(n, 0), 1);
    gradSelf = div(grad, n);
    gradSrc = div(gather(grad, dim, index), gather(n, dim, index));
  } else {
    const value = gather(result, dim, index);
    const selfIsResult = toDtype(eq(self, result), self.dtype);
    const srcIsResult = toDtype(eq(src, value), self.dtype);
    const count = scatter_add(selfIsResult, dim, index, srcIsResult);
    const distributed = div(grad, count);
    gradSelf = mul(eq(self, result), distributed);
    gradSrc = mul(eq(src, value), gather(distributed, dim, index));
  }
  if (!includeSelf) gradSelf = scatter(gradSelf, dim, index, 0);
  return [gradSelf, gradSrc];
}

export const SCATTER_REDUCE_DERIVATIVES = {
  ScatterReduceBackward0: derivative<ScatterReduceSaved>({
    "self, src": [
      "scatter_reduce_backward(grad, self, dim, index, src, reduce, include_self, result)",
      scatterReduceBackward,
    ],
  }),
};
