// torch.nn.utils.clip_grad_norm_ / clip_grad_value_ (PyTorch 1.13's clip_grad.py).
import { no_grad } from "../autograd/grad_mode.js";
import { RuntimeError } from "../errors.js";
import { clamp } from "../ops/elementwise.js";
import { max, norm, stack } from "../ops/functions.js";
import { tensor } from "../tensor/creation.js";
import { Tensor } from "../tensor/tensor.js";

export type TensorOrTensors = Tensor | Iterable<Tensor>;

function asList(parameters: TensorOrTensors): Tensor[] {
  return parameters instanceof Tensor ? [parameters] : [...parameters];
}

export interface ClipGradNormOptions {
  norm_type?: number;
  error_if_nonfinite?: boolean;
}

/** Scales all gradients together so their combined norm is at most max_norm; returns the total norm (before clipping). */
export function clip_grad_norm_(
  parameters: TensorOrTensors,
  max_norm: number,
  norm_type: number | ClipGradNormOptions = 2.0,
  error_if_nonfinite = false,
): Tensor {
  if (typeof norm_type === "object") {
    error_if_nonfinite = norm_type.error_if_nonfinite ?? false;
    norm_type = norm_type.norm_type ?? 2.0;
  }
  const order = Number(norm_type);
  const grads = asList(parameters)
    .map((p) => p.grad)
    .filter((g): g is Tensor => g !== null);
  const maxNorm = Number(max_norm);
  if (grads.length === 0) return tensor(0.0);
  return no_grad(() => {
    let total_norm: Tensor;
    if (order === Infinity) {
      const norms = grads.map((g) => max(g.detach().abs()));
      total_norm = norms.length === 1 ? norms[0] : max(stack(norms));
    } else {
      total_norm = norm(stack(grads.map((g) => norm(g.detach(), order))), order);
    }
    if (error_if_nonfinite && !Number.isFinite(total_norm.item())) {
      throw new RuntimeError(
        `The total norm of order ${pyOrder(order)} for gradients from \`parameters\` is non-finite, so it cannot be clipped. To disable this error and scale the gradients by the non-finite norm anyway, set \`error_if_nonfinite=False\``,
      );
    }
    const clip_coef = total_norm.add(1e-6).reciprocal().mul(maxNorm);
    const clip_coef_clamped = clamp(clip_coef, null, 1.0);
    for (const g of grads) g.detach().mul_(clip_coef_clamped);
    return total_norm;
  });
}

function pyOrder(order: number): string {
  if (order === Infinity) return "inf";
  if (order === -Infinity) return "-inf";
  return Number.isInteger(order) ? order.toFixed(1) : String(order);
}

/** Clamps every gradient into [-clip_value, clip_value] in place. */
export function clip_grad_value_(parameters: TensorOrTensors, clip_value: number): void {
  const value = Number(clip_value);
  no_grad(() => {
    for (const p of asList(parameters)) {
      const g = p.grad;
      if (g !== null) g.detach().clamp_(-value, value);
    }
  });
}
