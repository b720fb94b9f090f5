// torch.nn.utils.clip_grad_norm (PyTorch 1.13's clip_grad.py): the deprecated alias of clip_grad_norm_,
// which warns and then clips.
import { definePython, publicFunction } from "../../signatures/registry.js";
import type { Tensor } from "../../tensor/tensor.js";
import { emitWarning } from "../../warnings.js";

export function clip_grad_norm(
  parameters: unknown,
  max_norm: unknown,
  norm_type: unknown,
  error_if_nonfinite: unknown,
): Tensor {
  emitWarning("torch.nn.utils.clip_grad_norm is now deprecated in favor of torch.nn.utils.clip_grad_norm_.");
  const clip = publicFunction("torch.nn.utils", "clip_grad_norm_") as (...a: unknown[]) => Tensor;
  return clip(parameters, max_norm, norm_type, error_if_nonfinite);
}

// Unannotated as clip_grad_norm_ is: the values go through to it unchecked.
definePython("torch.nn.utils", {
  "clip_grad_norm(parameters, max_norm, norm_type=2.0, error_if_nonfinite=False) -> Tensor": clip_grad_norm,
});
