// Runs playground code: captures console output, finds the line an error or warning came from (the code
// is compiled with a sourceURL, so its stack frames name "playground.js:LINE:COL"), and keeps the graph
// of the tensor to show: show(t), else the last tensor backward() ran on, else the last printed one.
import * as torch from "tensorgrad";
import type { Explanation } from "../../src/autograd/explain.js";
import { pyStr, type Printable } from "../../examples/seeds/print.js";

const SOURCE_URL = "playground.js";
const FRAME = /playground\.js:(\d+):(\d+)/;

export interface OutputLine {
  readonly kind: "log" | "warn" | "error";
  readonly text: string;
  /** The line of the user's code that printed it (warnings, errors). */
  readonly line: number | null;
}

export interface RunError {
  readonly name: string;
  readonly message: string;
  readonly line: number | null;
}

export interface RunResult {
  readonly output: OutputLine[];
  readonly error: RunError | null;
  /** The tensor whose graph to draw, with the names of the leaves the code bound to variables. */
  readonly target: torch.Tensor | null;
  readonly params: Record<string, torch.Tensor>;
  readonly explanation: Explanation | null;
  /** Why there is no explanation (e.g. the graph was freed), when there is none. */
  readonly explainNote: string | null;
}

type AsyncFn = (...args: unknown[]) => Promise<unknown>;
const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => AsyncFn;
const PARAMS = ["torch", "print", "show", "__scope"];

/** Lines the Function wrapper adds before the body, measured once (browsers differ). */
let headerLines: number | null = null;
async function lineOffset(): Promise<number> {
  if (headerLines !== null) return headerLines;
  try {
    await new AsyncFunction(...PARAMS, `throw new Error("probe");\n//# sourceURL=${SOURCE_URL}`)();
  } catch (e) {
    const m = FRAME.exec(String((e as Error).stack));
    headerLines = m ? Number(m[1]) - 1 : 2;
  }
  return headerLines ?? 2;
}

function lineFromStack(stack: string | undefined, offset: number): number | null {
  const m = FRAME.exec(stack ?? "");
  return m ? Number(m[1]) - offset : null;
}

/** console.log's text for one value: tensors by their repr, like Node's console does. */
export function formatValue(value: unknown): string {
  if (typeof value === "string") return value;
  if (value instanceof torch.Tensor || value instanceof torch.DType) return value.toString();
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint")
    return String(value);
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  if (Array.isArray(value)) return `[ ${value.map(formatValue).join(", ")} ]`;
  if (typeof value === "function") return `[Function: ${value.name || "anonymous"}]`;
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

/** Top-level `const|let|var name` declarations: read back at the end to name the graph's leaves. */
function topLevelNames(code: string): string[] {
  const names = new Set<string>();
  for (const m of code.matchAll(/^(?:const|let|var)\s+([A-Za-z_$][\w$]*)/gm)) names.add(m[1]);
  return [...names];
}

export async function runCode(code: string): Promise<RunResult> {
  // The program's own frame must be in every stack, however deep the library call under it goes.
  Error.stackTraceLimit = Math.max(Error.stackTraceLimit, 200);
  const offset = await lineOffset();
  const output: OutputLine[] = [];
  let muted = false;
  const capture =
    (kind: OutputLine["kind"]) =>
    (...args: unknown[]): void => {
      if (muted) return;
      const line = kind === "log" ? null : lineFromStack(new Error().stack, offset);
      output.push({ kind, text: args.map(formatValue).join(" "), line });
    };

  let shown: torch.Tensor | null = null;
  let lastBackward: torch.Tensor | null = null;
  let lastPrinted: torch.Tensor | null = null;
  let explanation: Explanation | null = null;
  let explainNote: string | null = null;
  const tryExplain = (
    t: torch.Tensor,
    gradient: torch.Tensor | null,
    params?: Record<string, torch.Tensor>,
  ) => {
    muted = true; // the user's own hooks run again while explaining: keep their prints out
    try {
      explanation = torch.autograd.explain(t, { gradient, params });
      explainNote = null;
    } catch (e) {
      explanation = null;
      explainNote = `Cannot explain this tensor: ${(e as Error).message}`;
    } finally {
      muted = false;
    }
  };
  const show = (t: unknown, params?: Record<string, torch.Tensor>): void => {
    if (!(t instanceof torch.Tensor)) throw new TypeError("show(): expected a Tensor");
    shown = t;
    if (t.requires_grad) tryExplain(t, null, params);
    else explainNote = "This tensor does not require grad, so it has no backward graph.";
  };
  const print = (...values: Printable[]): void => {
    for (const v of values) if (v instanceof torch.Tensor && v.grad_fn) lastPrinted = v;
    console.log(values.map(pyStr).join(" "));
  };

  const saved = { log: console.log, warn: console.warn, error: console.error, info: console.info };
  const proto = torch.Tensor.prototype;
  const originalBackward = proto.backward;
  console.log = (...args: unknown[]) => {
    for (const v of args) if (v instanceof torch.Tensor && v.grad_fn) lastPrinted = v;
    capture("log")(...args);
  };
  console.info = console.log;
  console.warn = capture("warn");
  console.error = capture("error");
  // Explain each backward before it runs (and frees the graph); the last one is what is shown.
  const beforeBackward = (t: torch.Tensor, gradient: torch.Tensor | null): void => {
    if (shown !== null || !t.requires_grad) return;
    lastBackward = t;
    tryExplain(t, gradient);
  };
  proto.backward = function (this: torch.Tensor, ...args: unknown[]) {
    // backward(gradient, ...) or backward({ gradient, ... }).
    const first = args[0];
    const given = first instanceof torch.Tensor ? first : (first as { gradient?: unknown } | null)?.gradient;
    beforeBackward(this, given instanceof torch.Tensor ? given : null);
    return (originalBackward as (...a: unknown[]) => void).apply(this, args);
  } as typeof originalBackward;

  const names = topLevelNames(code);
  const scopeReader = `\n;__scope({${names.map((n) => `${JSON.stringify(n)}: typeof ${n} === "undefined" ? undefined : ${n}`).join(", ")}});`;
  let scope: Record<string, unknown> = {};
  let error: RunError | null = null;
  try {
    const fn = new AsyncFunction(...PARAMS, `${code}${scopeReader}\n//# sourceURL=${SOURCE_URL}`);
    await fn(torch, print, show, (s: Record<string, unknown>) => (scope = s));
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    error = { name: err.name, message: err.message, line: lineFromStack(err.stack, offset) };
  } finally {
    Object.assign(console, saved);
    proto.backward = originalBackward;
  }

  const params: Record<string, torch.Tensor> = {};
  for (const [name, value] of Object.entries(scope)) if (value instanceof torch.Tensor) params[name] = value;
  const target = shown ?? lastBackward ?? lastPrinted;
  const finalExplanation = explanation as Explanation | null;
  if (!finalExplanation && !explainNote && target)
    explainNote = "The graph was not explained: call show(t) before t.backward() to see its steps.";
  return {
    output,
    error,
    target,
    params,
    explanation: finalExplanation ? finalExplanation.withNames(params) : null,
    explainNote,
  };
}
