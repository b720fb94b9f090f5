// Derivatives of src/ops/reduce_nan.ts: nansum, var_mean / std_mean (one node, two outputs), and the
// NotImplemented node PyTorch 1.13 gives aminmax. nanmean and count_nonzero record no node of their own.
import { derivative } from "../../autograd/derivative.js";
import { RuntimeError } from "../../errors.js";
import type { Tensor } from "../../tensor/tensor.js";
import { add, div, logical_not, mul, ne, where } from "../elementwise.js";
import { isnan } from "../math.js";
import { expand, unsqueezeDims } from "../shape.js";
import { varBackward } from "./reduce_stats.js";

export interface NansumSaved {
  self: Tensor;
  dims: number[];
  keepdim: boolean;
}

/** sum_backward: the gradient put back over the reduced dims and expanded to self's shape. */
function sumBackward(g: Tensor, self: Tensor, dims: readonly number[], keepdim: boolean): Tensor {
  const grad = keepdim || self.ndim === 0 ? g : unsqueezeDims(g, dims);
  return expand(grad, [...self.shape]);
}

export interface StatsMeanSaved {
  self: Tensor;
  /** the first output: var or std */
  result0: Tensor;
  /** null: every dim */
  dims: number[] | null;
  correction: number;
  keepdim: boolean;
}

/** mean_backward: the mean's gradient spread evenly over the reduced elements. */
function meanBackward(g: Tensor, s: StatsMeanSaved): Tensor {
  const dims = s.dims ?? s.self.shape.map((_, d) => d);
  const count = dims.reduce((n, d) => n * s.self.shape[d], 1);
  return div(sumBackward(g, s.self, dims, s.keepdim && s.dims !== null), count);
}

/** var_mean_backward / std_mean_backward: the first output's gradient plus the mean's, where given. */
function statsMeanBackward(gStat: Tensor | null, gMean: Tensor | null, s: StatsMeanSaved, std: boolean) {
  const saved = {
    self: s.self,
    result: s.result0,
    dims: s.dims,
    correction: s.correction,
    keepdim: s.keepdim,
  };
  let grad: Tensor | null = null;
  if (gStat !== null) {
    const g = std ? where(ne(s.result0, 0), div(gStat, mul(s.result0, 2)), 0) : gStat;
    grad = varBackward(g, saved);
  }
  if (gMean !== null) {
    const aux = meanBackward(gMean, s);
    grad = grad === null ? aux : add(grad, aux);
  }
  return grad;
}

export const REDUCE_NAN_DERIVATIVES = {
  NansumBackward0: derivative<NansumSaved>({
    self: [
      "nansum_backward(grad.to(self.scalar_type()), self, dim, keepdim)",
      (g, s) => mul(sumBackward(g, s.self, s.dims, s.keepdim), logical_not(isnan(s.self))),
    ],
  }),
  VarMeanBackward0: derivative<StatsMeanSaved>(
    {
      self: [
        "var_mean_backward(grads[0], grads[1], self, dim, correction, keepdim)",
        (_g, s, { gradOutputs }) => statsMeanBackward(gradOutputs[0], gradOutputs[1], s, false),
      ],
    },
    ["result0"],
  ),
  StdMeanBackward0: derivative<StatsMeanSaved>({
    self: [
      "std_mean_backward(grads[0], grads[1], self, result0, dim, correction, keepdim)",
      (_g, s, { gradOutputs }) => statsMeanBackward(gradOutputs[0], gradOutputs[1], s, true),
    ],
  }),
  // PyTorch's node for an op without a derivative: backward through it raises.
  NotImplemented: derivative<{ op: string }>({
    self: [
      "not_implemented",
      (_g, s) => {
        throw new RuntimeError(`derivative for aten::${s.op} is not implemented`);
      },
    ],
  }),
};
