// Python mode's entry points: run a program (or a notebook's cells, in order, in one session) and collect
// what it prints, the notebook's Out[n] display of each cell's last expression, warnings at their line,
// and the error (with its line) that stopped it. Used by the playground page and by the Node tests.
import { pushWarningSink } from "../../../src/warnings.js";
import { PyRunError, PythonSession, type PyErrorInfo } from "./interpreter.js";
import { repr } from "./values.js";

export { PythonSession, PyRunError } from "./interpreter.js";
export type { PyErrorInfo } from "./interpreter.js";

export interface PyWarning {
  readonly category: string;
  readonly message: string;
  readonly line: number;
}

export interface CellResult {
  /** Everything the cell wrote: print output, then its Out[n] text, or "Name: message" when it raised. */
  readonly stdout: string;
  readonly warnings: PyWarning[];
  readonly error: PyErrorInfo | null;
}

/**
 * Runs one cell in `session`, as Jupyter does: the value of a last bare expression is shown with repr()
 * unless it is None; an exception shows as its last traceback line and the next cell still runs.
 */
export function runCell(session: PythonSession, source: string, lineOffset = 0): CellResult {
  let stdout = "";
  const warnings: PyWarning[] = [];
  const restoreWrite = session.redirect((text) => (stdout += text));
  const stop = pushWarningSink((w) => warnings.push({ ...w, line: session.currentLine + lineOffset }));
  let error: PyErrorInfo | null = null;
  try {
    const { value, isExpression } = session.runCell(source);
    if (isExpression && value !== null && value !== undefined) stdout += repr(value) + "\n";
  } catch (e) {
    if (!(e instanceof PyRunError)) throw e;
    error = { ...e.info, line: e.info.line === null ? null : e.info.line + lineOffset };
    stdout += `${e.info.name}: ${e.info.message}\n`;
  } finally {
    stop();
    restoreWrite();
  }
  return { stdout, warnings, error };
}
