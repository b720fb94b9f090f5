// Derivatives of src/ops/reduce_stats.ts: var/std, norm and linalg.vector_norm, logsumexp, cumsum/cumprod.
// Each row gives its formula as derivatives.yaml writes it, then the same formula in tensor ops, in
// PyTorch's operation order (FunctionsManual.cpp's var_backward, norm_backward, ...).
import { derivative } from "../../autograd/derivative.js";
import { ones } from "../../tensor/creation.js";
import type { DType } from "../../tensor/dtype.js";
import type { Tensor } from "../../tensor/tensor.js";
import { toDtype } from "../conversion.js";
import { div, eq, exp, logical_or, mul, ne, powScalar, sub, where } from "../elementwise.js";
import { cat, flip } from "../join.js";
import { abs, isnan, sign } from "../math.js";
import { mean, meanAll, prod, sum, sumAll } from "../reduce.js";
import { cumprod, cumsum } from "../reduce_stats.js";
import { expand, narrow, unsqueezeDims } from "../shape.js";
import { restoreReducedDims } from "./reduce.js";

export interface VarSaved {
  self: Tensor;
  result: Tensor;
  dims: number[] | null;
  correction: number;
  keepdim: boolean;
}

/** var_backward: grad * 2 / (n - correction) * (self - self.mean(dim, true)). */
export function varBackward(g: Tensor, s: VarSaved): Tensor {
  const self = s.self;
  if (self.ndim === 0 || s.dims === null) {
    const n = self.numel();
    if (n === s.correction) return mul(g, Infinity);
    return mul(mul(g, 2 / (n - s.correction)), sub(self, meanAll(self)));
  }
  const grad = !s.keepdim && self.ndim > 1 ? unsqueezeDims(g, s.dims) : g;
  const dof = s.dims.reduce((n, d) => n * self.shape[d], 1) - s.correction;
  return mul(mul(grad, 2 / dof), sub(self, mean(self, s.dims, true)));
}

export interface NormSaved {
  self: Tensor;
  result: Tensor;
  ord: number;
  dims: number[];
  keepdim: boolean;
}

/** norm_backward (also linalg_vector_norm_backward). */
export function normBackward(g: Tensor, s: NormSaved): Tensor | null {
  const { self, ord: p } = s;
  let grad = g;
  let norm = s.result;
  if (!s.keepdim && self.ndim !== 0) {
    grad = unsqueezeDims(grad, s.dims);
    norm = unsqueezeDims(norm, s.dims);
  }
  if (p === 0) return null;
  if (p === 1) return mul(sign(self), grad);
  if (p === 2) return mul(grad, where(ne(norm, 0), div(self, norm), 0));
  if (!Number.isFinite(p)) {
    const selfAbs = abs(self);
    const mask = logical_or(eq(selfAbs, norm), isnan(selfAbs));
    return mul(sign(self), mul(div(grad, sum(mask, s.dims, true)), mask));
  }
  if (p < 1) {
    const selfScaled = mul(sign(self), where(ne(self, 0), powScalar(abs(self), p - 1), 0));
    return mul(mul(selfScaled, grad), powScalar(norm, 1 - p));
  }
  const selfScaled =
    p < 2 ? mul(sign(self), powScalar(abs(self), p - 1)) : mul(self, powScalar(abs(self), p - 2));
  const scale = where(ne(norm, 0), div(grad, powScalar(norm, p - 1)), 0);
  return mul(selfScaled, scale);
}

/** cumsum_backward: the reversed running sum of the gradient. */
const reversedCumsum = (x: Tensor, dim: number) => flip(cumsum(flip(x, [dim]), dim), [dim]);

/**
 * cumprod_backward: the sum over later outputs of grad * output / input. With zeros in the input it is
 * PyTorch's O(n^2) formula in tensor ops (the one it differentiates for double backward):
 * grad_input[k] = sum_{j >= k} grad[j] * prod_{i <= j, i != k} input[i].
 */
function cumprodBackward(g: Tensor, s: { self: Tensor; result: Tensor; dim: number }): Tensor {
  const { self: input, result, dim } = s;
  if (input.numel() <= 1 || input.ndim === 0 || input.shape[dim] === 1) return g;
  if (sumAll(eq(input, 0)).item() === 0) return div(reversedCumsum(mul(result, g), dim), input);
  const size = input.shape[dim];
  const onesShape = [...input.shape];
  onesShape[dim] = 1;
  const one = ones(onesShape, { dtype: g.dtype });
  const grads: Tensor[] = [];
  for (let k = 0; k < size; k++) {
    let omittedProducts: Tensor;
    if (k === 0) {
      omittedProducts = cat([one, cumprod(narrow(input, dim, 1, size - 1), dim)], dim);
    } else {
      const prodsUntilK = prod(narrow(input, dim, 0, k), dim, true);
      if (k === size - 1) omittedProducts = prodsUntilK;
      else {
        const prodsFromKPlus1 = cumprod(narrow(input, dim, k + 1, size - k - 1), dim);
        const later = mul(expand(prodsUntilK, [...prodsFromKPlus1.shape]), prodsFromKPlus1);
        omittedProducts = cat([prodsUntilK, later], dim);
      }
    }
    grads.push(sum(mul(narrow(g, dim, k, size - k), omittedProducts), [dim], true));
  }
  return cat(grads, dim);
}

export const REDUCE_STATS_DERIVATIVES = {
  VarBackward0: derivative<VarSaved>(
    { self: ["var_backward(grad, self, dim, correction, keepdim)", (g, s) => varBackward(g, s)] },
    ["result"],
  ),
  // std_backward: var_backward of grad / (2 * result), zero where the result is.
  StdBackward0: derivative<VarSaved>({
    self: [
      "std_backward(result, grad, self, dim, correction, keepdim)",
      (g, s) => varBackward(where(ne(s.result, 0), div(g, mul(s.result, 2)), 0), s),
    ],
  }),
  NormBackward1: derivative<NormSaved>({
    self: ["norm_backward(grad, self, p, result, dim, keepdim)", (g, s) => normBackward(g, s)],
  }),
  // norm with a dtype: `self` is saved in that dtype; the engine casts the gradient back to the input's.
  NormBackward3: derivative<NormSaved>({
    self: [
      "norm_backward(grad, self.to(grad.scalar_type()), p, result, dim, keepdim)",
      (g, s) => normBackward(g, s),
    ],
  }),
  LinalgVectorNormBackward0: derivative<NormSaved>({
    self: [
      "linalg_vector_norm_backward(grad, self, ord, result, dim, keepdim)",
      (g, s) => normBackward(g, s),
    ],
  }),
  LogsumexpBackward0: derivative<{ self: Tensor; result: Tensor; dims: number[]; keepdim: boolean }>({
    self: [
      "logsumexp_backward(grad, self, result, dim, keepdim)",
      (g, s) => {
        const ndim = s.self.ndim;
        const grad = restoreReducedDims(g, s.dims, s.keepdim, ndim);
        return mul(grad, exp(sub(s.self, restoreReducedDims(s.result, s.dims, s.keepdim, ndim))));
      },
    ],
  }),
  CumsumBackward0: derivative<{ dim: number; selfDtype: DType }>({
    self: [
      "cumsum_backward(grad.to(self.scalar_type()), dim)",
      (g, s) => {
        const grad = toDtype(g, s.selfDtype);
        if (grad.numel() <= 1 || grad.ndim === 0 || grad.shape[s.dim] === 1) return grad;
        return reversedCumsum(grad, s.dim);
      },
    ],
  }),
  CumprodBackward0: derivative<{ self: Tensor; result: Tensor; dim: number }>({
    self: [
      "cumprod_backward(grad.to(self.scalar_type()), self, dim, result)",
      (g, s) => cumprodBackward(g, s),
    ],
  }),
};
