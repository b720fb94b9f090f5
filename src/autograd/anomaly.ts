// Anomaly detection (torch.autograd.set_detect_anomaly): nodes remember where the forward pass made
// them, and the engine checks every backward output for NaN, naming the node that produced it.

let anomalyEnabled = false;

export function is_anomaly_enabled(): boolean {
  return anomalyEnabled;
}

/** torch.autograd.set_detect_anomaly(mode); with a function, runs it in that mode and restores. */
export function set_detect_anomaly(mode: boolean): void;
export function set_detect_anomaly<T>(mode: boolean, fn: () => T): T;
export function set_detect_anomaly<T>(mode: boolean, fn?: () => T): T | void {
  if (typeof mode !== "boolean")
    throw new TypeError(`set_detect_anomaly(): argument 'mode' must be bool, not ${typeof mode}`);
  if (fn === undefined) {
    anomalyEnabled = mode;
    return;
  }
  const previous = anomalyEnabled;
  anomalyEnabled = mode;
  try {
    return fn();
  } finally {
    anomalyEnabled = previous;
  }
}

/** `with torch.autograd.detect_anomaly():` — runs fn (forward and backward) with anomaly detection on. */
export function detect_anomaly<T>(fn: () => T): T {
  return set_detect_anomaly(true, fn);
}

/** The forward stack to remember for a new node, or undefined when anomaly mode is off (the usual, free case). */
export function forwardTrace(): string | undefined {
  if (!anomalyEnabled) return undefined;
  // Deep enough to reach the caller's frames past node construction and the signature layer's wrappers.
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = Math.max(limit, 20);
  const stack = new Error().stack ?? "";
  Error.stackTraceLimit = limit;
  // Drop the "Error" line and the frames inside node construction.
  return stack.split("\n").slice(1).join("\n");
}
