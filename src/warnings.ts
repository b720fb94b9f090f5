// Python's warnings.warn. A warning shows at once, while the line that caused it runs, as Python prints it
// (Node's process.emitWarning would print it on a later tick, after the rest of a synchronous program).
//
// Like Python's default filter, a warning shows once per place that raises it (here: per call stack, so one line
// reached from two callers shows twice, where Python, keyed on the line alone, shows once).
// Node: emitted synchronously as a process 'warning' event, so Node's own listener prints it on stderr in its
// form, "(node:PID) UserWarning: message", and honours --no-warnings, NODE_NO_WARNINGS and --trace-warnings;
// `process.on("warning", ...)` sees it too. Browsers: console.warn("UserWarning: message").
// catch_warnings records warnings instead of showing them (Python's warnings.catch_warnings(record=True)).

/** A warning as Python's warnings.catch_warnings(record=True) records it. */
export interface WarningRecord {
  readonly message: string;
  /** Python's category name: "UserWarning", "DeprecationWarning", ... */
  readonly category: string;
}

/** Where warnings go instead of being shown, innermost last: a warning goes to the innermost only. */
type WarningSink = (warning: WarningRecord) => void;
const sinks: WarningSink[] = [];

export function emitWarning(message: string, category = "UserWarning"): void {
  const sink = sinks[sinks.length - 1];
  if (sink) sink({ message, category });
  else showWarning(message, category);
}

interface WarningProcess {
  emit?: (event: "warning", warning: Error) => boolean;
}

/**
 * What was shown, by message, category and call stack: Python's "default" action shows a warning once per
 * place that raises it (a loop repeating one line prints it once), and again from any other place.
 */
const shown = new Set<string>();

function callStack(): string {
  const errorClass = Error as { stackTraceLimit?: number };
  const limit = errorClass.stackTraceLimit;
  errorClass.stackTraceLimit = Infinity;
  try {
    return new Error().stack ?? "";
  } finally {
    errorClass.stackTraceLimit = limit;
  }
}

function showWarning(message: string, category: string): void {
  const key = `${category}\0${message}\0${callStack()}`;
  if (shown.has(key)) return;
  shown.add(key);
  const proc = (globalThis as { process?: WarningProcess }).process;
  if (proc && typeof proc.emit === "function") {
    const warning = new Error(message);
    warning.name = category;
    proc.emit("warning", warning);
  } else console.warn(`${category}: ${message}`);
}

/**
 * Runs fn and returns the warnings it raised instead of showing them, with fn's result: Python's
 * `with warnings.catch_warnings(record=True) as w:` (synchronous code only).
 */
export function catch_warnings<T>(fn: () => T): { result: T; warnings: WarningRecord[] } {
  const warnings: WarningRecord[] = [];
  const stop = pushWarningSink((w) => warnings.push(w));
  try {
    return { result: fn(), warnings };
  } finally {
    stop();
  }
}

/**
 * @internal Sends warnings to `sink` instead of showing them until the returned function is called (a
 * sink pushed later takes precedence while it is active). Test setups use it to assert expected warnings.
 */
export function pushWarningSink(sink: WarningSink): () => void {
  sinks.push(sink);
  return () => {
    const at = sinks.lastIndexOf(sink);
    if (at >= 0) sinks.splice(at, 1);
  };
}
