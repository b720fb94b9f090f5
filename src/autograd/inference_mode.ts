// torch.inference_mode: no graph is recorded, and tensors made inside are "inference tensors" that may
// never be saved for backward later. Inference-ness belongs to the storage (set when it is made), so
// views share it.
import { RuntimeError } from "../errors.js";
import type { Tensor } from "../tensor/tensor.js";
import { is_inference_mode_enabled, setInferenceMode } from "../tensor/grad_mode_state.js";
import { checkSyncBody, is_grad_enabled, refusePromise, set_grad_enabled } from "./grad_mode.js";

export { is_inference_mode_enabled };

/** @internal Whether t was made inside inference_mode. */
export function isInferenceTensor(t: Tensor): boolean {
  return t._storage.inference;
}

export const INFERENCE_SAVE_ERROR =
  "Inference tensors cannot be saved for backward. To work around you can make a clone to get a normal tensor and use it in autograd.";

/** @internal Throws PyTorch's error when an inference tensor would be saved for backward. */
export function checkNotInference(saved: readonly Tensor[]): void {
  for (const t of saved) if (t._storage.inference) throw new RuntimeError(INFERENCE_SAVE_ERROR);
}

/** `with torch.inference_mode():` — runs fn without autograd; `inference_mode(false, fn)` runs it normally. */
export function inference_mode<T>(fn: () => T): T;
export function inference_mode<T>(mode: boolean, fn: () => T): T;
export function inference_mode<T>(modeOrFn: boolean | (() => T), maybeFn?: () => T): T {
  const mode = typeof modeOrFn === "boolean" ? modeOrFn : true;
  const fn = typeof modeOrFn === "function" ? modeOrFn : maybeFn;
  checkSyncBody(fn, "torch.inference_mode");
  if (!mode) {
    const result = fn();
    refusePromise(result, "torch.inference_mode");
    return result;
  }
  const previous = is_inference_mode_enabled();
  const wasGrad = is_grad_enabled();
  setInferenceMode(true);
  set_grad_enabled(false);
  try {
    const result = fn();
    refusePromise(result, "torch.inference_mode");
    return result;
  } finally {
    setInferenceMode(previous);
    set_grad_enabled(wasGrad);
  }
}
