// Derivatives of src/ops/reduce.ts: sum, mean, prod, max/min (full and along a dim), amax/amin. Each row
// gives its formula as derivatives.yaml writes it, then the same formula in tensor ops, in PyTorch's
// operation order (FunctionsManual.cpp's sum_backward, prod_backward, ...).
import { derivative } from "../../autograd/derivative.js";
import { arange, ones, zeros } from "../../tensor/creation.js";
import type { Shape } from "../../tensor/shape.js";
import type { Tensor } from "../../tensor/tensor.js";
import { div, eq, mul, ne, where } from "../elementwise.js";
import { sum, sumAll } from "../reduce.js";
import { cat, flip } from "../join.js";
import { cumprod } from "../reduce_stats.js";
import { expand, narrow, reshape, unsqueeze, unsqueezeDims } from "../shape.js";

/** restore_reduced_dims: puts back the dims (sorted ascending) a reduction without keepdim dropped. */
export function restoreReducedDims(
  g: Tensor,
  dims: readonly number[],
  keepdim: boolean,
  ndim: number,
): Tensor {
  return keepdim || ndim === 0 ? g : unsqueezeDims(g, dims);
}

/**
 * prod_safe_zeros_backward: for each element the product of the others along `dim`, as
 * cumprod([1, x0, x1, ...]) * flip(cumprod([1, x_{n-1}, ...])), times grad. Tensor ops, so its own
 * derivative (a Hessian at a point with zeros) is right.
 */
export function prodSafeZerosBackward(g: Tensor, input: Tensor, dim: number): Tensor {
  if (input.numel() === 0) return expand(g, [...input.shape]);
  const onesShape = [...input.shape];
  onesShape[dim] = 1;
  const one = ones(onesShape, { dtype: g.dtype });
  const size = input.shape[dim];
  const exclusiveNormal = cumprod(cat([one, narrow(input, dim, 0, size - 1)], dim), dim);
  const narrowReverse = flip(narrow(input, dim, 1, size - 1), [dim]);
  const exclusiveReverse = flip(cumprod(cat([one, narrowReverse], dim), dim), [dim]);
  return mul(g, mul(exclusiveNormal, exclusiveReverse));
}

/** prod_backward for one dim (the whole tensor flattened when dim is null). */
function prodBackward(g: Tensor, self: Tensor, result: Tensor, dim: number | null, keepdim: boolean): Tensor {
  if (self.ndim === 0) return g;
  if (dim !== null && !keepdim) {
    g = unsqueeze(g, dim);
    result = unsqueeze(result, dim);
  }
  const zeroCount = sumAll(eq(self, 0)).item();
  if (zeroCount === 0) return mul(g, div(result, self));
  if (dim === null) {
    // PyTorch 1.13 gives zeros (with no graph) for two zeros or more, under grad mode too.
    if (zeroCount > 1) return zeros([...self.shape], { dtype: self.dtype });
    return reshape(prodSafeZerosBackward(g, reshape(self, [-1]), 0), [...self.shape]);
  }
  return prodSafeZerosBackward(g, self, dim);
}

/** evenly_distribute_backward: the gradient of a full max/min shared among the elements equal to it. */
function evenlyDistribute(g: Tensor, self: Tensor, result: Tensor): Tensor {
  const mask = Number.isNaN(result.item()) ? ne(self, self) : eq(self, result);
  return where(mask, div(g, sumAll(mask)), 0);
}

export interface SelectSaved {
  selfShape: Shape;
  dim: number;
  indices: Tensor;
  keepdim: boolean;
}

/** value_selecting_reduction_backward: the gradient lands where `indices` point along `dim`. */
function selectAtIndices(g: Tensor, s: SelectSaved): Tensor {
  if (s.selfShape.length === 0) return g;
  const grad = s.keepdim ? g : unsqueeze(g, s.dim);
  const indices = s.keepdim ? s.indices : unsqueeze(s.indices, s.dim);
  const positions = s.selfShape.map((_, d) => (d === s.dim ? s.selfShape[d] : 1));
  const mask = eq(reshape(arange(s.selfShape[s.dim], { dtype: indices.dtype }), positions), indices);
  return where(mask, grad, 0);
}

export interface AmaxSaved {
  self: Tensor;
  result: Tensor;
  dims: number[];
  keepdim: boolean;
}

/** scale_grad_by_count: amax/amin's gradient split evenly among ties. */
function amaxBackward(g: Tensor, s: AmaxSaved): Tensor {
  const ndim = s.self.ndim;
  const mask = eq(restoreReducedDims(s.result, s.dims, s.keepdim, ndim), s.self);
  return mul(div(restoreReducedDims(g, s.dims, s.keepdim, ndim), sum(mask, s.dims, true)), mask);
}

const AMAX_TEXT =
  "scale_grad_by_count(restore_reduced_dims(grad, dim, keepdim), restore_reduced_dims(result, dim, keepdim) == self, dim)";

export const REDUCE_DERIVATIVES = {
  SumBackward0: derivative<{ selfShape: Shape }>({
    self: ["grad.expand(self.sizes())", (g, s) => expand(g, s.selfShape)],
  }),
  SumBackward1: derivative<{ selfShape: Shape; dims: number[]; keepdim: boolean }>({
    self: [
      "sum_backward(grad, self.sizes(), dim, keepdim)",
      (g, s) => expand(s.keepdim ? g : unsqueezeDims(g, s.dims), s.selfShape),
    ],
  }),
  MeanBackward0: derivative<{ selfShape: Shape; count: number }>({
    self: ["grad.expand(self.sizes()) / self.numel()", (g, s) => div(expand(g, s.selfShape), s.count)],
  }),
  // PyTorch 1.13's node keeps self for its sizes: a second backward through it raises.
  MeanBackward1: derivative<{ selfShape: Shape; dims: number[]; keepdim: boolean; count: number }>(
    {
      self: [
        "sum_backward(grad, self.sizes(), dim, keepdim) / _safe_size(self.sizes(), dim)",
        (g, s) => div(expand(s.keepdim ? g : unsqueezeDims(g, s.dims), s.selfShape), s.count),
      ],
    },
    [],
    { savesUnreadTensor: true },
  ),
  ProdBackward0: derivative<{ self: Tensor; result: Tensor }>({
    self: [
      "prod_backward(grad, self.to(grad.scalar_type()), result)",
      (g, s) => prodBackward(g, s.self, s.result, null, false),
    ],
  }),
  ProdBackward1: derivative<{ self: Tensor; result: Tensor; dim: number; keepdim: boolean }>({
    self: [
      "prod_backward(grad, self.to(grad.scalar_type()), result, dim, keepdim)",
      (g, s) => prodBackward(g, s.self, s.result, s.dim, s.keepdim),
    ],
  }),
  MaxBackward1: derivative<{ self: Tensor; result: Tensor }>({
    self: ["evenly_distribute_backward(grad, self, result)", (g, s) => evenlyDistribute(g, s.self, s.result)],
  }),
  MinBackward1: derivative<{ self: Tensor; result: Tensor }>({
    self: ["evenly_distribute_backward(grad, self, result)", (g, s) => evenlyDistribute(g, s.self, s.result)],
  }),
  MaxBackward0: derivative<SelectSaved>({
    self: [
      "value_selecting_reduction_backward(grad, dim, indices, self.sizes(), keepdim)",
      (g, s) => selectAtIndices(g, s),
    ],
  }),
  MinBackward0: derivative<SelectSaved>({
    self: [
      "value_selecting_reduction_backward(grad, dim, indices, self.sizes(), keepdim)",
      (g, s) => selectAtIndices(g, s),
    ],
  }),
  AmaxBackward0: derivative<AmaxSaved>({ self: [AMAX_TEXT, (g, s) => amaxBackward(g, s)] }),
  AminBackward0: derivative<AmaxSaved>({ self: [AMAX_TEXT, (g, s) => amaxBackward(g, s)] }),
};
