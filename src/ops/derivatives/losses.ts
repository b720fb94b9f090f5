// Derivative rows for the fused loss kernels (PyTorch's *_backward functions), written in tensor ops so
// double backward works. Each follows the arithmetic order of PyTorch 1.13's CPU backward kernel.
import type { Tensor } from "../../tensor/tensor.js";
import { zeros_like } from "../../tensor/creation.js";
import { is_grad_enabled } from "../../autograd/grad_mode.js";
import { row } from "./row.js";
import { rsub, where } from "../elementwise.js";
import { logsigmoid } from "../math.js";

/** Reduction enum as PyTorch's at::Reduction: "none", "mean" or "sum". */
export type Reduction = "none" | "mean" | "sum";

export interface PairSaved {
  self: Tensor;
  target: Tensor;
  reduction: Reduction;
}

/** 1/numel for mean, else 1 (scaled by `by`). */
const normOf = (s: PairSaved, by: number) => (s.reduction === "mean" ? by / s.self.numel() : by);

/** mse_loss_backward: norm * (input - target) * grad. */
const mseBackward = (g: Tensor, input: Tensor, target: Tensor, norm: number) =>
  input.sub(target).mul(norm).mul(g);

/** smooth_l1_loss_backward: -norm*g below -beta, norm*g above beta, norm*x*g/beta between. */
function smoothL1Backward(g: Tensor, input: Tensor, target: Tensor, norm: number, beta: number): Tensor {
  const x = input.sub(target);
  const inside = x.mul(norm).mul(g).div(beta);
  return where(x.gt(-beta), where(x.lt(beta), inside, g.mul(norm)), g.mul(-norm));
}

/** huber_loss_backward: -norm*g*delta below -delta, norm*g*delta above delta, norm*x*g between. */
function huberBackward(g: Tensor, input: Tensor, target: Tensor, norm: number, delta: number): Tensor {
  const x = input.sub(target);
  const inside = x.mul(norm).mul(g);
  return where(x.gt(-delta), where(x.lt(delta), inside, g.mul(norm).mul(delta)), g.mul(-norm).mul(delta));
}

export interface NllSaved {
  self: Tensor;
  target: Tensor;
  weight: Tensor | null;
  reduction: Reduction;
  ignore_index: number;
  total_weight: Tensor;
}

/**
 * nll_loss_backward: zeros except grad_input[i, target[i]] = -w[target[i]] * grad (grad / total_weight
 * for mean), 0 where target == ignore_index. Input is [C] (0-dim target), [N, C] or [N, C, H, W].
 */
function nllBackward(g: Tensor, s: NllSaved): Tensor {
  const classDim = s.self.ndim === 1 ? 0 : 1;
  const target = s.target.ndim === 0 ? s.target.reshape([1]) : s.target;
  const valid = target.ne(s.ignore_index);
  const safeTarget = where(valid, target, 0);
  const classWeight = s.weight === null ? null : s.weight.gather(0, safeTarget.flatten()).view(target.shape);
  let coefficient: Tensor;
  if (s.reduction === "none" && s.self.ndim > 1) {
    coefficient = g.neg();
  } else {
    const scaled = s.reduction === "mean" ? g.div(s.total_weight) : g;
    coefficient = scaled.neg().expand(target.shape);
  }
  if (classWeight !== null) coefficient = classWeight.mul(coefficient);
  coefficient = where(valid, coefficient, 0);
  if (s.self.ndim === 1) return zeros_like(s.self).scatter(0, safeTarget, coefficient);
  return zeros_like(s.self).scatter(
    classDim,
    safeTarget.unsqueeze(classDim),
    coefficient.unsqueeze(classDim),
  );
}

export const LOSSES_DERIVATIVES = {
  // derivatives.yaml: self: mse_loss_backward(grad, self, target, reduction); target: (grad, target, self).
  MseLossBackward0: row<PairSaved>((g, s, ctx) => {
    const norm = normOf(s, 2);
    return [
      ctx.needsInputGrad[0] ? mseBackward(g, s.self, s.target, norm) : null,
      ctx.needsInputGrad[1] ? mseBackward(g, s.target, s.self, norm) : null,
    ];
  }),
  SmoothL1LossBackward0: row<PairSaved & { beta: number }>((g, s, ctx) => {
    const norm = normOf(s, 1);
    return [
      ctx.needsInputGrad[0] ? smoothL1Backward(g, s.self, s.target, norm, s.beta) : null,
      ctx.needsInputGrad[1] ? smoothL1Backward(g, s.target, s.self, norm, s.beta) : null,
    ];
  }),
  HuberLossBackward0: row<PairSaved & { delta: number }>((g, s, ctx) => {
    const norm = normOf(s, 1);
    return [
      ctx.needsInputGrad[0] ? huberBackward(g, s.self, s.target, norm, s.delta) : null,
      ctx.needsInputGrad[1] ? huberBackward(g, s.target, s.self, norm, s.delta) : null,
    ];
  }),
  // binary_cross_entropy_backward: g * (x - y) / max((1 - x) * x, EPSILON), * weight, / numel for mean.
  // binary_cross_entropy_target_backward: -logit(x) * g, * weight, / numel for mean.
  BinaryCrossEntropyBackward0: row<PairSaved & { weight: Tensor | null }>((g, s, ctx) => {
    const finish = (t: Tensor) => {
      const weighted = s.weight === null ? t : t.mul(s.weight);
      return s.reduction === "mean" ? weighted.div(s.self.numel()) : weighted;
    };
    const x = s.self;
    return [
      ctx.needsInputGrad[0]
        ? finish(g.mul(x.sub(s.target)).div(rsub(x, 1).mul(x).clamp({ min: 1e-12 })))
        : null,
      ctx.needsInputGrad[1] ? finish(x.div(rsub(x, 1)).log().neg().mul(g)) : null,
    ];
  }),
  // binary_cross_entropy_with_logits_backward and its target_backward (Loss.cpp / FunctionsManual.cpp).
  BinaryCrossEntropyWithLogitsBackward0: row<
    PairSaved & { weight: Tensor | null; pos_weight: Tensor | null }
  >((g, s, ctx) => {
    const finish = (t: Tensor) => {
      const weighted = s.weight === null ? t : t.mul(s.weight);
      return s.reduction === "mean" ? weighted.div(s.self.numel()) : weighted;
    };
    const x = s.self;
    const y = s.target;
    const pw = s.pos_weight;
    let gradInput: Tensor | null = null;
    if (ctx.needsInputGrad[0]) {
      if (pw === null && s.weight === null) {
        // Fused (the same digits as the composite below, which double backward still records).
        return [
          x._bce_with_logits_backward(y, g, s.reduction === "mean" ? x.numel() : 1),
          ctx.needsInputGrad[1] ? finish(x.neg().mul(g)) : null,
        ];
      }
      if (pw === null) gradInput = x.sigmoid().sub(y).mul(g);
      else {
        const t = pw.mul(y);
        gradInput = t.add(1).sub(y).mul(x.sigmoid()).sub(t).mul(g);
      }
    }
    let gradTarget: Tensor | null = null;
    if (ctx.needsInputGrad[1]) {
      gradTarget = pw === null ? x.neg().mul(g) : logsigmoid(x.neg()).sub(logsigmoid(x).mul(pw)).mul(g);
    }
    return [gradInput && finish(gradInput), gradTarget && finish(gradTarget)];
  }),
  // One pass when no graph is being recorded; the composite ops (differentiable) for double backward.
  NllLossBackward0: row<NllSaved>((g, s) => [
    is_grad_enabled()
      ? nllBackward(g, s)
      : g._nll_loss_backward(s.self, s.target, s.weight, s.reduction, s.ignore_index, s.total_weight),
  ]),
  NllLoss2DBackward0: row<NllSaved>((g, s) => [nllBackward(g, s)]),
};
