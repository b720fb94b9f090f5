// The grad-mode and inference-mode flags themselves. They sit at the tensor layer because a new Storage
// records whether inference mode is on; the switches built on them (no_grad, enable_grad, set_grad_enabled,
// inference_mode) are autograd's, in src/autograd/grad_mode.ts and inference_mode.ts.
// JS runs one thread per realm, so one flag of each suffices.

let gradEnabled = true;
let inferenceMode = false;

/** Whether ops record a graph. */
export function is_grad_enabled(): boolean {
  return gradEnabled;
}

/** @internal Sets grad mode (the switches in autograd/grad_mode.ts restore it around their function). */
export function setGradEnabled(mode: boolean): void {
  gradEnabled = mode;
}

/** Whether torch.inference_mode is on: new storages made now are inference storages. */
export function is_inference_mode_enabled(): boolean {
  return inferenceMode;
}

/** @internal Switches inference mode (torch.inference_mode does it around its function). */
export function setInferenceMode(mode: boolean): void {
  inferenceMode = mode;
}
