// Functional forms of the loss functions (torch.nn.functional), following PyTorch 1.13's torch/nn/functional.py
// and aten/src/ATen/native/Loss.cpp: same checks, error texts, arithmetic order and grad_fn names. The reduction
// argument's handling (functional.py's _Reduction) is here too; nll_loss and cross_entropy live in nn_losses_nll.ts.
import { is_grad_enabled, no_grad } from "../autograd/grad_mode.js";
import { RuntimeError, ValueError } from "../errors.js";
import { pyStr } from "../python.js";
import { backend } from "../backend/backend.js";
import * as jsLossKernels from "../backend/js/loss_kernels.js";
import { fromData, record } from "./core.js";
import { broadcastShapes } from "../tensor/shape.js";
import { float32, resultType, type DType } from "../tensor/dtype.js";
import type { Tensor } from "../tensor/tensor.js";
import { emitWarning } from "../warnings.js";
import { where } from "./elementwise.js";
import { add_, clamp_, exp_, log_, mul_, sub_ } from "./inplace.js";
import { full_like } from "../tensor/creation.js";
import { definePython } from "../signatures/registry.js";

// ---- the reduction argument --------------------------------------------------------------------------------

export type Reduction = "none" | "mean" | "sum";

/** _Reduction.get_enum: the reduction string, validated with PyTorch's ValueError text. */
export function checkReduction(reduction: unknown): Reduction {
  if (reduction === "none" || reduction === "mean" || reduction === "sum") return reduction;
  if (reduction === "elementwise_mean") {
    emitWarning("reduction='elementwise_mean' is deprecated, please use reduction='mean' instead.");
    return "mean";
  }
  throw new ValueError(`${pyStr(reduction)} is not a valid value for reduction`);
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

/** _Reduction.legacy_get_string: the reduction the deprecated size_average / reduce flags stand for. */
export function legacyReduction(sizeAverage: boolean | null, reduce: boolean | null): Reduction {
  const average = sizeAverage ?? true;
  const reduced = reduce ?? true;
  const reduction = average && reduced ? "mean" : reduced ? "sum" : "none";
  emitWarning(
    `size_average and reduce args will be deprecated, please use reduction='${reduction}' instead.`,
  );
  return reduction;
}

/** The reduction of a loss that still takes size_average and reduce (they win when given, as in PyTorch). */
export function reductionOf(
  sizeAverage: boolean | null,
  reduce: boolean | null,
  reduction: string,
): Reduction {
  if (sizeAverage !== null || reduce !== null) return legacyReduction(sizeAverage, reduce);
  return checkReduction(reduction);
}

// ---- the losses ---------------------------------------------------------------------------------------------

const sameShape = (a: Tensor, b: Tensor) => a.ndim === b.ndim && a.shape.every((d, i) => d === b.shape[i]);

/** The warning of mse_loss, l1_loss, smooth_l1_loss and huber_loss when target and input sizes differ. */
function warnIfSizesDiffer(input: Tensor, target: Tensor): void {
  if (sameShape(input, target)) return;
  emitWarning(
    `Using a target size (${sizeRepr(target)}) that is different to the input size (${sizeRepr(input)}). ` +
      "This will likely lead to incorrect results due to broadcasting. Please ensure they have the same size.",
  );
}

/** The size warning, then the reduction (size_average / reduce win when given), in functional.py's order. */
function reductionAfterSizeWarning(
  input: Tensor,
  target: Tensor,
  sizeAverage: boolean | null,
  reduce: boolean | null,
  reduction: string,
): string {
  warnIfSizesDiffer(input, target);
  return sizeAverage !== null || reduce !== null ? legacyReduction(sizeAverage, reduce) : reduction;
}

/** torch.broadcast_tensors of input and target. */
function broadcastPair(input: Tensor, target: Tensor): [Tensor, Tensor] {
  if (sameShape(input, target)) return [input, target];
  const shape = broadcastShapes(input.shape, target.shape);
  return [input.expand(shape), target.expand(shape)];
}

/**
 * The dtype mse_loss's and smooth_l1_loss's TensorIterator computes in (input and target promoted): PyTorch
 * has float kernels only, and names the kernel that refused.
 */
function floatKernelDtype(kernel: string, input: Tensor, target: Tensor): DType {
  const dtype = resultType([input, target]);
  if (!dtype.is_floating_point)
    throw new RuntimeError(`"${kernel}" not implemented for '${dtype.scalarTypeName}'`);
  return dtype;
}

/** A loss kernel's operand in its compute dtype (read under no_grad; the node keeps the original). */
const computedIn = (t: Tensor, dtype: DType) => (t.dtype === dtype ? t : t.to(dtype));

/** Float scalar arguments are cast to the tensor's dtype before PyTorch's kernels use them. */
const asDtype = (dtype: DType, v: number) => (dtype.name === "float32" ? Math.fround(v) : v);

/** The option objects the loss modules take (their constructors' keywords). */
export interface ReductionOptions {
  reduction?: Reduction;
}
export interface SmoothL1Options extends ReductionOptions {
  beta?: number;
}
export interface HuberOptions extends ReductionOptions {
  delta?: number;
}
export interface BCEOptions extends ReductionOptions {
  weight?: Tensor | null;
}
export interface BCEWithLogitsOptions extends BCEOptions {
  pos_weight?: Tensor | null;
}
export interface KLDivOptions {
  reduction?: Reduction | "batchmean";
  log_target?: boolean;
}

/** F.mse_loss(input, target, size_average=None, reduce=None, reduction="mean"): (input - target)^2, reduced. */
export function mse_loss(
  input: Tensor,
  target: Tensor,
  size_average: boolean | null = null,
  reduce: boolean | null = null,
  reduction = "mean",
): Tensor {
  const given = reductionAfterSizeWarning(input, target, size_average, reduce, reduction);
  const [x, y] = broadcastPair(input, target);
  const mode = checkReduction(given);
  const dtype = floatKernelDtype("mse_cpu", x, y);
  const out = no_grad(() => {
    const diff = computedIn(x, dtype).sub(computedIn(y, dtype));
    return applyReduction(diff.mul(diff), mode);
  });
  return record("MseLossBackward0", [x, y], out, () => ({ self: x, target: y, reduction: mode }));
}

/** F.l1_loss(input, target, size_average=None, reduce=None, reduction="mean"): |input - target| reduced. */
export function l1_loss(
  input: Tensor,
  target: Tensor,
  size_average: boolean | null = null,
  reduce: boolean | null = null,
  reduction = "mean",
): Tensor {
  const given = reductionAfterSizeWarning(input, target, size_average, reduce, reduction);
  const [x, y] = broadcastPair(input, target);
  return applyReduction(x.sub(y).abs(), checkReduction(given));
}

/**
 * F.smooth_l1_loss: 0.5 z^2 / beta for z = |x - y| < beta, else z - 0.5 beta. beta = 0 gives l1_loss's values,
 * still through the smooth_l1_loss kernel (grad_fn SmoothL1LossBackward0), as in PyTorch 1.13.
 */
export function smooth_l1_loss(
  input: Tensor,
  target: Tensor,
  size_average: boolean | null = null,
  reduce: boolean | null = null,
  reduction = "mean",
  beta = 1.0,
): Tensor {
  const given = reductionAfterSizeWarning(input, target, size_average, reduce, reduction);
  const [x, y] = broadcastPair(input, target);
  const mode = checkReduction(given);
  if (beta < 0) throw new RuntimeError("smooth_l1_loss does not support negative values for beta.");
  const dtype = floatKernelDtype("smooth_l1_cpu", x, y);
  const b = asDtype(dtype, beta);
  const out = no_grad(() => {
    const z = computedIn(x, dtype).sub(computedIn(y, dtype)).abs();
    const inside = z.mul(0.5).mul(z).div(b);
    return applyReduction(where(z.lt(b), inside, z.sub(asDtype(dtype, 0.5 * b))), mode);
  });
  return record("SmoothL1LossBackward0", [x, y], out, () => ({
    self: x,
    target: y,
    reduction: mode,
    beta: b,
  }));
}

/** F.huber_loss(input, target, reduction="mean", delta=1.0): 0.5 z^2 for z = |x - y| < delta, else delta (z - 0.5 delta). */
export function huber_loss(input: Tensor, target: Tensor, reduction = "mean", delta = 1.0): Tensor {
  warnIfSizesDiffer(input, target);
  const [x, y] = broadcastPair(input, target);
  const mode = checkReduction(reduction);
  if (!(delta > 0)) throw new RuntimeError("huber_loss does not support non-positive values for delta.");
  // The loss is written into a tensor of input's dtype, computed in the promoted dtype.
  const dtype = resultType([x, y]);
  if (dtype.category > x.dtype.category) {
    throw new RuntimeError(
      `result type ${dtype.scalarTypeName} can't be cast to the desired output type ${x.dtype.scalarTypeName}`,
    );
  }
  if (!x.dtype.is_floating_point)
    throw new RuntimeError(`"huber_cpu" not implemented for '${x.dtype.scalarTypeName}'`);
  const d = asDtype(dtype, delta);
  const out = no_grad(() => {
    const z = computedIn(x, dtype).sub(computedIn(y, dtype)).abs();
    const inside = z.mul(0.5).mul(z);
    const outside = z.sub(asDtype(dtype, 0.5 * d)).mul(d);
    return applyReduction(computedIn(where(z.lt(d), inside, outside), x.dtype), mode);
  });
  return record("HuberLossBackward0", [x, y], out, () => ({ self: x, target: y, reduction: mode, delta: d }));
}

/** The weight of BCE, expanded to the target's shape as functional.py does (_infer_size). */
function expandWeight(weight: Tensor | null, target: Tensor): Tensor | null {
  if (weight === null) return null;
  return weight.expand(broadcastShapes(target.shape, weight.shape));
}

/** F.binary_cross_entropy: -w (y log x + (1 - y) log(1 - x)), each log clamped to >= -100. */
export function binary_cross_entropy(
  input: Tensor,
  target: Tensor,
  weightIn: Tensor | null = null,
  size_average: boolean | null = null,
  reduce: boolean | null = null,
  reduction = "mean",
): Tensor {
  const mode = reductionOf(size_average, reduce, reduction);
  if (!sameShape(input, target)) {
    throw new ValueError(
      `Using a target size (${sizeRepr(target)}) that is different to the input size (${sizeRepr(input)}) is deprecated. ` +
        "Please ensure they have the same size.",
    );
  }
  const weight = expandWeight(weightIn, target);
  checkNotDifferentiable("binary_cross_entropy", "weight", weight);
  // The kernel's TensorIterator takes no type promotion (loss, input, target of one dtype), then dispatches on
  // floating types only, before its range check.
  if (target.dtype !== input.dtype)
    throw new RuntimeError(
      `Found dtype ${target.dtype.scalarTypeName} but expected ${input.dtype.scalarTypeName}`,
    );
  if (!input.dtype.is_floating_point)
    throw new RuntimeError(`"binary_cross_entropy" not implemented for '${input.dtype.scalarTypeName}'`);
  const out = no_grad(() => {
    const inRange = input.ge(0).logical_and(input.le(1)).all().item();
    if (!inRange) throw new RuntimeError("all elements of input should be between 0 and 1");
    const logOneMinus = input.neg().log1p().clamp({ min: -100 });
    const logInput = input.log().clamp({ min: -100 });
    const loss = target.sub(1).mul(logOneMinus).sub(target.mul(logInput));
    return applyReduction(weight === null ? loss : loss.mul(weight), mode);
  });
  return record("BinaryCrossEntropyBackward0", [input, target], out, () => ({
    self: input,
    target,
    weight,
    reduction: mode,
  }));
}

/** F.binary_cross_entropy_with_logits: functional.py's size check, then aten's op. */
export function binary_cross_entropy_with_logits(
  input: Tensor,
  target: Tensor,
  weight: Tensor | null = null,
  size_average: boolean | null = null,
  reduce: boolean | null = null,
  reduction = "mean",
  pos_weight: Tensor | null = null,
): Tensor {
  const mode = reductionOf(size_average, reduce, reduction);
  if (!sameShape(input, target)) {
    throw new ValueError(
      `Target size (${sizeRepr(target)}) must be the same as input size (${sizeRepr(input)})`,
    );
  }
  return bceWithLogits(input, target, weight, pos_weight, mode);
}

/**
 * aten's binary_cross_entropy_with_logits (torch.binary_cross_entropy_with_logits): PyTorch's max-shifted,
 * numerically stable formula; target broadcasts as Loss.cpp's in-place chain lets it.
 */
export function bceWithLogits(
  input: Tensor,
  target: Tensor,
  weight: Tensor | null,
  posWeight: Tensor | null,
  mode: Reduction,
): Tensor {
  checkNotDifferentiable("binary_cross_entropy_with_logits", "weight", weight);
  checkNotDifferentiable("binary_cross_entropy_with_logits", "pos_weight", posWeight);
  const out = no_grad(() => {
    if (
      weight === null &&
      posWeight === null &&
      sameShape(input, target) &&
      input.dtype === float32 &&
      target.dtype === input.dtype
    ) {
      // The "sigmoid + BCE" pair as one kernel: the same float steps as the formula below, with SLEEF's expf and
      // logf as float32's exp_ and log_ run them. (float64 takes the formula: its kernels' Math.exp and Math.log
      // are not the Sleef_expd4/logd4 of PyTorch's double exp_ and log_.)
      const kernel = backend().bceWithLogits ?? jsLossKernels.bceWithLogits;
      return applyReduction(fromData(kernel(input._view(), target._view()), input.shape, input.dtype), mode);
    }
    // Loss.cpp's chain of in-place ops, in its order: their dtype and shape checks are PyTorch's errors here
    // (an integer input fails at exp_, an integer target at mul_(input), a bool target at 1 - target).
    const maxVal = clamp_(input.neg(), 0);
    // 1 - target is C++'s Scalar - Tensor: empty_like(target).fill_(1).sub_(target).
    const oneMinusTarget = () => sub_(full_like(target, 1), target);
    // log(exp(-max) + exp(-x - max)), as Loss.cpp writes it.
    const logTerm = () => log_(add_(exp_(maxVal.neg()), exp_(input.neg().sub(maxVal))));
    let loss: Tensor;
    if (posWeight !== null) {
      const logWeight = add_(posWeight.sub(1).mul(target), 1);
      loss = mul_(oneMinusTarget(), input);
      loss = add_(loss, mul_(logWeight, add_(logTerm(), maxVal)));
    } else {
      loss = add_(add_(mul_(oneMinusTarget(), input), maxVal), logTerm());
    }
    return applyReduction(weight === null ? loss : mul_(loss, weight), mode);
  });
  return record("BinaryCrossEntropyWithLogitsBackward0", [input, target], out, () => ({
    self: input,
    target,
    weight,
    pos_weight: posWeight,
    reduction: mode,
  }));
}

/** F.kl_div: aten's kl_div with functional.py's 'batchmean' (a sum divided by the batch size) and warning. */
export function kl_div(
  input: Tensor,
  target: Tensor,
  size_average: boolean | null = null,
  reduce: boolean | null = null,
  reduction = "mean",
  log_target = false,
): Tensor {
  let mode: Reduction;
  if (size_average !== null || reduce !== null) mode = legacyReduction(size_average, reduce);
  else {
    if (reduction === "mean") {
      emitWarning(
        "reduction: 'mean' divides the total loss by both the batch size and the support size." +
          "'batchmean' divides only by the batch size, and aligns with the KL div math definition." +
          "'mean' will be changed to behave the same as 'batchmean' in the next major release.",
      );
    }
    mode = checkReduction(reduction === "batchmean" ? "sum" : reduction);
  }
  const reduced = klDiv(input, target, mode, log_target);
  return reduction === "batchmean" && input.ndim !== 0 ? reduced.div(input.shape[0]) : reduced;
}

/** aten's kl_div (torch.kl_div): target * (log target - input), or exp(t) * (t - input) with log_target. */
export function klDiv(input: Tensor, target: Tensor, mode: Reduction, logTarget: boolean): Tensor {
  if (input.dtype.is_complex || target.dtype.is_complex)
    throw new RuntimeError("kl_div: Complex inputs not supported.");
  if (!input.dtype.is_floating_point || !target.dtype.is_floating_point)
    throw new RuntimeError("kl_div: Integral inputs not supported.");
  let loss: Tensor;
  if (logTarget) {
    loss = target.exp().mul(target.sub(input));
  } else {
    // xlogy(target, target): 0 where target == 0.
    const xlogy = where(target.ne(0), target.mul(target.log()), 0);
    loss = xlogy.sub(target.mul(input));
  }
  return applyReduction(loss, mode);
}

definePython("torch.nn.functional", {
  "mse_loss(input: Tensor, target: Tensor, size_average: bool | None = None, reduce: bool | None = None, reduction: 'none' | 'mean' | 'sum' = 'mean') -> Tensor":
    mse_loss,
  "l1_loss(input: Tensor, target: Tensor, size_average: bool | None = None, reduce: bool | None = None, reduction: 'none' | 'mean' | 'sum' = 'mean') -> Tensor":
    l1_loss,
  "smooth_l1_loss(input: Tensor, target: Tensor, size_average: bool | None = None, reduce: bool | None = None, reduction: 'none' | 'mean' | 'sum' = 'mean', beta: float = 1.0) -> Tensor":
    smooth_l1_loss,
  "huber_loss(input: Tensor, target: Tensor, reduction: 'none' | 'mean' | 'sum' = 'mean', delta: float = 1.0) -> Tensor":
    huber_loss,
  "binary_cross_entropy(input: Tensor, target: Tensor, weight: Tensor | None = None, size_average: bool | None = None, reduce: bool | None = None, reduction: 'none' | 'mean' | 'sum' = 'mean') -> Tensor":
    binary_cross_entropy,
  "binary_cross_entropy_with_logits(input: Tensor, target: Tensor, weight: Tensor | None = None, size_average: bool | None = None, reduce: bool | None = None, reduction: 'none' | 'mean' | 'sum' = 'mean', pos_weight: Tensor | None = None) -> Tensor":
    binary_cross_entropy_with_logits,
  "kl_div(input: Tensor, target: Tensor, size_average: bool | None = None, reduce: bool | None = None, reduction: 'none' | 'batchmean' | 'mean' | 'sum' = 'mean', log_target: bool = False) -> Tensor":
    kl_div,
});
