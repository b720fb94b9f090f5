// Grad mode's switches: whether ops record a graph. The flags live at the tensor layer
// (src/tensor/grad_mode_state.ts), since a new Storage reads the inference flag.
import { is_grad_enabled, setGradEnabled } from "../tensor/grad_mode_state.js";

export { is_grad_enabled };

function runWithGradMode<T>(mode: boolean, fn: () => T, apiName: string): T {
  if (typeof fn !== "function")
    throw new TypeError(`${apiName} expects a function to run, but got ${typeof fn}`);
  const previous = is_grad_enabled();
  setGradEnabled(mode);
  try {
    const result = fn();
    if (result instanceof Promise) {
      // The mode would be restored before the awaited part runs, silently recording (or not) a graph.
      throw new TypeError(
        `${apiName} runs synchronous functions only; call it inside the async function instead`,
      );
    }
    return result;
  } finally {
    setGradEnabled(previous);
  }
}

/** `with torch.no_grad():` — runs fn without recording a graph. */
export function no_grad<T>(fn: () => T): T {
  return runWithGradMode(false, fn, "torch.no_grad");
}

/** `with torch.enable_grad():` — runs fn recording a graph, even inside no_grad. */
export function enable_grad<T>(fn: () => T): T {
  return runWithGradMode(true, fn, "torch.enable_grad");
}

/** `torch.set_grad_enabled(mode)` sets the mode; with a function, runs it in that mode and restores. */
export function set_grad_enabled(mode: boolean): void;
export function set_grad_enabled<T>(mode: boolean, fn: () => T): T;
export function set_grad_enabled<T>(mode: boolean, fn?: () => T): T | void {
  if (typeof mode !== "boolean")
    throw new TypeError(`set_grad_enabled(): argument 'mode' must be bool, not ${typeof mode}`);
  if (fn === undefined) {
    setGradEnabled(mode);
    return;
  }
  return runWithGradMode(mode, fn, "torch.set_grad_enabled");
}
