// Grad mode's switches: whether ops record a graph. The flags live at the tensor layer
// (src/tensor/grad_mode_state.ts), since a new Storage reads the inference flag.
import { is_grad_enabled, setGradEnabled } from "../tensor/grad_mode_state.js";

export { is_grad_enabled };

/**
 * @internal Checks that a grad-mode body is a synchronous function. A mode is a global switch restored when
 * the call returns, so an async body would run its part after the first `await` in the caller's mode:
 * it is refused before any of it runs. A plain function that returns a promise is refused when it returns.
 */
export function checkSyncBody(fn: unknown, apiName: string): asserts fn is () => unknown {
  if (typeof fn !== "function")
    throw new TypeError(`${apiName} expects a function to run, but got ${typeof fn}`);
  if (Object.prototype.toString.call(fn) === "[object AsyncFunction]")
    throw new TypeError(asyncBodyMessage(apiName));
}

/** @internal Refuses a promise a body returned (the mode is already restored when it settles). */
export function refusePromise(result: unknown, apiName: string): void {
  if (!(result instanceof Promise)) return;
  // The caller gets this error instead of the promise, so the promise's own rejection is reported here.
  result.catch(() => undefined);
  throw new TypeError(asyncBodyMessage(apiName));
}

function asyncBodyMessage(apiName: string): string {
  return (
    `${apiName} runs synchronous functions only (grad mode is a global switch, so it would not apply after ` +
    `an 'await'): call ${apiName}(() => ...) around the synchronous steps inside the async function instead`
  );
}

function runWithGradMode<T>(mode: boolean, fn: () => T, apiName: string): T {
  checkSyncBody(fn, apiName);
  const previous = is_grad_enabled();
  setGradEnabled(mode);
  try {
    const result = fn();
    refusePromise(result, apiName);
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
