// Derivatives of src/ops/scan.ts: cummax / cummin (the gradient lands where each running extreme was taken)
// and logcumsumexp (FunctionsManual.cpp's logcumsumexp_backward, in tensor ops).
import { derivative } from "../../autograd/derivative.js";
import { zeros } from "../../tensor/creation.js";
import type { Tensor } from "../../tensor/tensor.js";
import { abs } from "../math.js";
import { add, exp, gt, log, lt, sub, where } from "../elementwise.js";
import { scatter_add } from "../indexing.js";
import { flip } from "../join.js";
import { logcumsumexp } from "../scan.js";

export interface CumExtremeSaved {
  self: Tensor;
  dim: number;
  indices: Tensor;
}

/** cummaxmin_backward: zeros of self's shape with the gradient scatter-added at the indices. */
function cumExtremeBackward(g: Tensor, s: CumExtremeSaved): Tensor {
  if (s.self.numel() === 0) return s.self;
  if (s.self.ndim === 0) return g;
  return scatter_add(zeros([...s.self.shape], { dtype: g.dtype }), s.dim, s.indices, g);
}

export interface LogcumsumexpSaved {
  self: Tensor;
  result: Tensor;
  dim: number;
}

/** logcumsumexp_backward: the positive and negative parts of grad, each through a reversed logcumsumexp. */
function logcumsumexpBackward(g: Tensor, s: LogcumsumexpSaved): Tensor {
  if (g.ndim === 0 || g.numel() === 0) return g;
  const lowest = -(g.dtype.itemsize === 4 ? 3.4028234663852886e38 : Number.MAX_VALUE);
  const reverse = (x: Tensor) => flip(logcumsumexp(flip(x, [s.dim]), s.dim), [s.dim]);
  const logAbsGrad = log(abs(g));
  const logGradPositive = where(gt(g, 0), logAbsGrad, lowest);
  const logGradNegative = where(lt(g, 0), logAbsGrad, lowest);
  const outputPos = exp(add(reverse(sub(logGradPositive, s.result)), s.self));
  const outputNeg = exp(add(reverse(sub(logGradNegative, s.result)), s.self));
  return sub(outputPos, outputNeg);
}

export const SCAN_DERIVATIVES = {
  CummaxBackward0: derivative<CumExtremeSaved>({
    self: ["cummaxmin_backward(grad, self, indices, dim)", (g, s) => cumExtremeBackward(g, s)],
  }),
  CumminBackward0: derivative<CumExtremeSaved>({
    self: ["cummaxmin_backward(grad, self, indices, dim)", (g, s) => cumExtremeBackward(g, s)],
  }),
  LogcumsumexpBackward0: derivative<LogcumsumexpSaved>({
    self: ["logcumsumexp_backward(grad, self, result, dim)", (g, s) => logcumsumexpBackward(g, s)],
  }),
};
