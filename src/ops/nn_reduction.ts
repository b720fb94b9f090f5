// The reduction argument of the loss functions (functional.py's _Reduction) and the checks they share.
import { is_grad_enabled } from "../autograd/grad_mode.js";
import { RuntimeError, ValueError } from "../errors.js";
import type { Tensor } from "../tensor/tensor.js";
import { emitWarning } from "../warnings.js";

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
