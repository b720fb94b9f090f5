// Python's warnings.warn: process.emitWarning in Node, console.warn in browsers.

export function emitWarning(message: string, category = "UserWarning"): void {
  const proc = (globalThis as { process?: { emitWarning?: (m: string, c: string) => void } }).process;
  if (proc && typeof proc.emitWarning === "function") proc.emitWarning(message, category);
  else console.warn(`${category}: ${message}`);
}
