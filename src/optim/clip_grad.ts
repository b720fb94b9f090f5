// torch.nn.utils.clip_grad_norm_ / clip_grad_value_ (PyTorch 1.13's clip_grad.py).
import { no_grad } from "../autograd/grad_mode.js";
import { RuntimeError } from "../errors.js";
import { clamp } from "../ops/elementwise.js";
import { clamp_, mul_ } from "../ops/inplace.js";
import { stack } from "../ops/join.js";
import { norm } from "../ops/reduce_stats.js";
import { pyFloatRepr } from "../python.js";
import { definePython } from "../signatures/registry.js";
import { tensor } from "../tensor/creation.js";
import { Tensor } from "../tensor/tensor.js";
import { pyAttr, pyFloat, pyList, pyTruthy } from "./python.js";

/** `p.grad for p in parameters if p.grad is not None`, a single tensor counting as [tensor]. */
function gradsOf(parameters: unknown): Tensor[] {
  const list = parameters instanceof Tensor ? [parameters] : pyList(parameters);
  const grads: Tensor[] = [];
  for (const p of list) {
    const g = pyAttr<Tensor | null>(p, "grad");
    if (g !== null) grads.push(g);
  }
  return grads;
}

/** Scales all gradients together so their combined norm is at most max_norm; returns the total norm (before clipping). */
function clipGradNorm(
  parameters: unknown,
  max_norm: unknown,
  norm_type: unknown,
  error_if_nonfinite: unknown,
): Tensor {
  const grads = gradsOf(parameters);
  const maxNorm = pyFloat(max_norm);
  const order = pyFloat(norm_type);
  if (grads.length === 0) return tensor(0.0);
  return no_grad(() => {
    let total_norm: Tensor;
    if (order === Infinity) {
      const norms = grads.map((g) => g.detach().abs().max());
      total_norm = norms.length === 1 ? norms[0] : stack(norms, 0).max();
    } else {
      total_norm = norm(
        stack(
          grads.map((g) => norm(g.detach(), order)),
          0,
        ),
        order,
      );
    }
    if (pyTruthy(error_if_nonfinite) && !Number.isFinite(Number(total_norm.item()))) {
      throw new RuntimeError(
        `The total norm of order ${pyFloatRepr(order)} for gradients from \`parameters\` is non-finite, so it cannot be clipped. To disable this error and scale the gradients by the non-finite norm anyway, set \`error_if_nonfinite=False\``,
      );
    }
    const clip_coef = total_norm.add(1e-6).reciprocal().mul(maxNorm);
    const clip_coef_clamped = clamp(clip_coef, null, 1.0);
    for (const g of grads) mul_(g.detach(), clip_coef_clamped);
    return total_norm;
  });
}

/** Clamps every gradient into [-clip_value, clip_value] in place. */
function clipGradValue(parameters: unknown, clip_value: unknown): void {
  const list = parameters instanceof Tensor ? [parameters] : pyList(parameters);
  const value = pyFloat(clip_value);
  no_grad(() => {
    for (const p of list) {
      const g = pyAttr<Tensor | null>(p, "grad");
      if (g !== null) clamp_(g.detach(), -value, value);
    }
  });
}

// All unannotated: PyTorch iterates parameters, calls float() on the numbers and tests error_if_nonfinite's truth itself.
definePython("torch.nn.utils", {
  "clip_grad_norm_(parameters, max_norm, norm_type=2.0, error_if_nonfinite=False) -> Tensor": clipGradNorm,
  "clip_grad_value_(parameters, clip_value) -> None": clipGradValue,
});
