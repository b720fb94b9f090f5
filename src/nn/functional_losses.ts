// Functional forms of the loss functions (torch.nn.functional), following PyTorch 1.13's torch/nn/functional.py
// and aten/src/ATen/native/Loss.cpp: same checks, error texts, arithmetic order and grad_fn names.
// nll_loss and cross_entropy live in functional_losses_nll.ts.
import { no_grad, is_grad_enabled } from "../autograd/grad_mode.js";
import { RuntimeError, ValueError } from "../errors.js";
import { backend } from "../backend/backend.js";
import * as jsLossKernels from "../backend/js/loss_kernels.js";
import { checkTensor, fromData, record } from "../ops/core.js";
import { broadcastShapes } from "../tensor/shape.js";
import type { Tensor } from "../tensor/tensor.js";
import { emitWarning } from "../warnings.js";
import { rsub, where } from "../ops/elementwise.js";

export * from "./functional_losses_nll.js";

export type Reduction = "none" | "mean" | "sum";

/** _Reduction.get_enum: the reduction string, validated with PyTorch's ValueError text. */
export function checkReduction(reduction: unknown): Reduction {
  if (reduction === "none" || reduction === "mean" || reduction === "sum") return reduction;
  if (reduction === "elementwise_mean") {
    emitWarning("reduction='elementwise_mean' is deprecated, please use reduction='mean' instead.");
    return "mean";
  }
  throw new ValueError(`${String(reduction)} is not a valid value for reduction`);
}

/** apply_loss_reduction: mean or sum of the elementwise loss, or the loss itself. */
export function applyReduction(loss: Tensor, reduction: Reduction): Tensor {
  if (reduction === "mean") return loss.mean();
  if (reduction === "sum") return loss.sum();
  return loss;
}

/** torch.Size's repr, for PyTorch's error and warning texts. */
export const sizeRepr = (t: Tensor) => `torch.Size([${t.shape.join(", ")}])`;

/** Error text of PyTorch's check that a non-differentiable argument does not require grad. */
export function checkNotDifferentiable(fn: string, arg: string, t: Tensor | null): void {
  if (t !== null && t.requires_grad && is_grad_enabled()) {
    throw new RuntimeError(
      `The function '${fn}' is not differentiable with respect to argument '${arg}'. This input cannot have requires_grad True.`,
    );
  }
}

/** The size warning and broadcast_tensors of mse_loss, l1_loss, smooth_l1_loss and huber_loss. */
function broadcastPair(input: Tensor, target: Tensor): [Tensor, Tensor] {
  const same = input.ndim === target.ndim && input.shape.every((d, i) => d === target.shape[i]);
  if (same) return [input, target];
  emitWarning(
    `Using a target size (${sizeRepr(target)}) that is different to the input size (${sizeRepr(input)}). ` +
      "This will likely lead to incorrect results due to broadcasting. Please ensure they have the same size.",
  );
  const shape = broadcastShapes(input.shape, target.shape);
  return [input.expand(shape), target.expand(shape)];
}

/** Float scalar arguments are cast to the tensor's dtype before PyTorch's kernels use them. */
const asDtype = (t: Tensor, v: number) => (t.dtype.name === "float32" ? Math.fround(v) : v);

export interface ReductionOptions {
  reduction?: Reduction;
}

/** F.mse_loss(input, target, reduction="mean"): (input - target)^2, reduced. */
export function mse_loss(input: Tensor, target: Tensor, opts: ReductionOptions = {}): Tensor {
  checkTensor(input, "mse_loss");
  checkTensor(target, "mse_loss", "target");
  const [x, y] = broadcastPair(input, target);
  const reduction = checkReduction(opts.reduction ?? "mean");
  const out = no_grad(() => {
    const diff = x.sub(y);
    return applyReduction(diff.mul(diff), reduction);
  });
  return record("MseLossBackward0", [x, y], out, () => ({ self: x, target: y, reduction }));
}

/** F.l1_loss(input, target, reduction="mean"): |input - target| reduced (composite in PyTorch 1.13). */
export function l1_loss(input: Tensor, target: Tensor, opts: ReductionOptions = {}): Tensor {
  checkTensor(input, "l1_loss");
  checkTensor(target, "l1_loss", "target");
  const [x, y] = broadcastPair(input, target);
  const reduction = checkReduction(opts.reduction ?? "mean");
  return applyReduction(x.sub(y).abs(), reduction);
}

export interface SmoothL1Options extends ReductionOptions {
  beta?: number;
}

/** F.smooth_l1_loss: 0.5 z^2 / beta for z = |x - y| < beta, else z - 0.5 beta; beta = 0 is l1_loss. */
export function smooth_l1_loss(input: Tensor, target: Tensor, opts: SmoothL1Options = {}): Tensor {
  checkTensor(input, "smooth_l1_loss");
  checkTensor(target, "smooth_l1_loss", "target");
  const [x, y] = broadcastPair(input, target);
  const reduction = checkReduction(opts.reduction ?? "mean");
  const beta = opts.beta ?? 1.0;
  if (beta < 0) throw new RuntimeError("smooth_l1_loss does not support negative values for beta.");
  if (beta === 0) return l1_loss(x, y, { reduction });
  const b = asDtype(x, beta);
  const out = no_grad(() => {
    const z = x.sub(y).abs();
    const inside = z.mul(0.5).mul(z).div(b);
    return applyReduction(where(z.lt(b), inside, z.sub(asDtype(x, 0.5 * b))), reduction);
  });
  return record("SmoothL1LossBackward0", [x, y], out, () => ({ self: x, target: y, reduction, beta: b }));
}

export interface HuberOptions extends ReductionOptions {
  delta?: number;
}

/** F.huber_loss: 0.5 z^2 for z = |x - y| < delta, else delta (z - 0.5 delta). */
export function huber_loss(input: Tensor, target: Tensor, opts: HuberOptions = {}): Tensor {
  checkTensor(input, "huber_loss");
  checkTensor(target, "huber_loss", "target");
  const [x, y] = broadcastPair(input, target);
  const reduction = checkReduction(opts.reduction ?? "mean");
  const delta = opts.delta ?? 1.0;
  if (!(delta > 0)) throw new RuntimeError("huber_loss does not support non-positive values for delta.");
  const d = asDtype(x, delta);
  const out = no_grad(() => {
    const z = x.sub(y).abs();
    const inside = z.mul(0.5).mul(z);
    const outside = z.sub(asDtype(x, 0.5 * d)).mul(d);
    return applyReduction(where(z.lt(d), inside, outside), reduction);
  });
  return record("HuberLossBackward0", [x, y], out, () => ({ self: x, target: y, reduction, delta: d }));
}

/** The weight of BCE, expanded to the target's shape as functional.py does (_infer_size). */
function expandWeight(weight: Tensor | null, target: Tensor): Tensor | null {
  if (weight === null) return null;
  checkTensor(weight, "binary_cross_entropy", "weight");
  return weight.expand(broadcastShapes(target.shape, weight.shape));
}

export interface BCEOptions extends ReductionOptions {
  weight?: Tensor | null;
}

/** F.binary_cross_entropy: -w (y log x + (1 - y) log(1 - x)), each log clamped to >= -100. */
export function binary_cross_entropy(input: Tensor, target: Tensor, opts: BCEOptions = {}): Tensor {
  checkTensor(input, "binary_cross_entropy");
  checkTensor(target, "binary_cross_entropy", "target");
  const reduction = checkReduction(opts.reduction ?? "mean");
  if (input.ndim !== target.ndim || input.shape.some((d, i) => d !== target.shape[i])) {
    throw new ValueError(
      `Using a target size (${sizeRepr(target)}) that is different to the input size (${sizeRepr(input)}) is deprecated. ` +
        "Please ensure they have the same size.",
    );
  }
  const weight = expandWeight(opts.weight ?? null, target);
  checkNotDifferentiable("binary_cross_entropy", "weight", weight);
  const out = no_grad(() => {
    const inRange = input.ge(0).logical_and(input.le(1)).all().item();
    if (!inRange) throw new RuntimeError("all elements of input should be between 0 and 1");
    const logOneMinus = input.neg().log1p().clamp({ min: -100 });
    const logInput = input.log().clamp({ min: -100 });
    const loss = target.sub(1).mul(logOneMinus).sub(target.mul(logInput));
    return applyReduction(weight === null ? loss : loss.mul(weight), reduction);
  });
  return record("BinaryCrossEntropyBackward0", [input, target], out, () => ({
    self: input,
    target,
    weight,
    reduction,
  }));
}

export interface BCEWithLogitsOptions extends BCEOptions {
  pos_weight?: Tensor | null;
}

/** F.binary_cross_entropy_with_logits: PyTorch's max-shifted, numerically stable formula. */
export function binary_cross_entropy_with_logits(
  input: Tensor,
  target: Tensor,
  opts: BCEWithLogitsOptions = {},
): Tensor {
  checkTensor(input, "binary_cross_entropy_with_logits");
  checkTensor(target, "binary_cross_entropy_with_logits", "target");
  const reduction = checkReduction(opts.reduction ?? "mean");
  if (input.ndim !== target.ndim || input.shape.some((d, i) => d !== target.shape[i])) {
    throw new ValueError(
      `Target size (${sizeRepr(target)}) must be the same as input size (${sizeRepr(input)})`,
    );
  }
  const weight = opts.weight ?? null;
  const posWeight = opts.pos_weight ?? null;
  checkNotDifferentiable("binary_cross_entropy_with_logits", "weight", weight);
  checkNotDifferentiable("binary_cross_entropy_with_logits", "pos_weight", posWeight);
  const out = no_grad(() => {
    if (
      weight === null &&
      posWeight === null &&
      input.dtype.is_floating_point &&
      target.dtype === input.dtype
    ) {
      // The "sigmoid + BCE" pair as one kernel: the same float steps as the formula below.
      const kernel = backend().bceWithLogits ?? jsLossKernels.bceWithLogits;
      return applyReduction(
        fromData(kernel(input._view(), target._view()), input.shape, input.dtype),
        reduction,
      );
    }
    const maxVal = input.neg().clamp({ min: 0 });
    // log(exp(-max) + exp(-x - max)), as Loss.cpp writes it.
    const logTerm = maxVal.neg().exp().add(input.neg().sub(maxVal).exp()).log();
    let loss: Tensor;
    if (posWeight !== null) {
      const logWeight = posWeight.sub(1).mul(target).add(1);
      loss = rsub(target, 1)
        .mul(input)
        .add(logWeight.mul(logTerm.add(maxVal)));
    } else {
      loss = rsub(target, 1).mul(input).add(maxVal).add(logTerm);
    }
    return applyReduction(weight === null ? loss : loss.mul(weight), reduction);
  });
  return record("BinaryCrossEntropyWithLogitsBackward0", [input, target], out, () => ({
    self: input,
    target,
    weight,
    pos_weight: posWeight,
    reduction,
  }));
}

export interface KLDivOptions {
  reduction?: Reduction | "batchmean";
  log_target?: boolean;
}

/** F.kl_div: target * (log target - input) (or exp(t) * (t - input) with log_target), reduced. */
export function kl_div(input: Tensor, target: Tensor, opts: KLDivOptions = {}): Tensor {
  checkTensor(input, "kl_div");
  checkTensor(target, "kl_div", "target");
  const given = opts.reduction ?? "mean";
  if (given === "mean") {
    emitWarning(
      "reduction: 'mean' divides the total loss by both the batch size and the support size." +
        "'batchmean' divides only by the batch size, and aligns with the KL div math definition." +
        "'mean' will be changed to behave the same as 'batchmean' in the next major release.",
    );
  }
  const reduction = given === "batchmean" ? "sum" : checkReduction(given);
  let loss: Tensor;
  if (opts.log_target) {
    loss = target.exp().mul(target.sub(input));
  } else {
    // xlogy(target, target): 0 where target == 0.
    const xlogy = where(target.ne(0), target.mul(target.log()), 0);
    loss = xlogy.sub(target.mul(input));
  }
  const reduced = applyReduction(loss, reduction);
  return given === "batchmean" && input.ndim !== 0 ? reduced.div(input.shape[0]) : reduced;
}
