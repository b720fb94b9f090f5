// Runs playground code, Python, JavaScript or TypeScript, and collects what the page shows: the output (prints,
// warnings and errors at their lines, in the order they happened), the error that stopped the program,
// and the graph to draw with its explanation. The graph is that of show(t), else of the largest
// backward() the program ran (a seed's logistic neuron, not its last `x**2`), else of the last printed
// tensor with a grad_fn. Leaves are named by the program's variables, the same names in graph and text.
import * as torch from "../../src/index.js";
import type { Explanation } from "../../src/autograd/explain.js";
import { pyStr } from "../../src/python.js";
import type { Node } from "../../src/autograd/node.js";
import type { SavedTensor } from "../../src/viz/saved.js";
import { pushWarningSink } from "../../src/warnings.js";
import { BackwardWatch, CreationLog, lineOf } from "./creation.js";
import { PyRunError, PythonSession } from "./python/index.js";
import { repr } from "./python/values.js";
import { SourceError, toRunnable } from "./source.js";
import { savedOf } from "./stepper.js";

export type Mode = "python" | "javascript" | "typescript";
export const MODES: readonly Mode[] = ["python", "javascript", "typescript"];

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
  /** An error inside backward(): the node that was running, and the line of the op that recorded it. */
  readonly node?: { readonly name: string; readonly line: number | null };
}

export interface RunResult {
  readonly output: OutputLine[];
  readonly error: RunError | null;
  /** The tensor whose graph to draw, with a name for every leaf of its graph. */
  readonly target: torch.Tensor | null;
  readonly params: Record<string, torch.Tensor>;
  readonly explanation: Explanation | null;
  /** Why there is no explanation (e.g. the graph was freed), when there is none. */
  readonly explainNote: string | null;
  /** What the explained nodes saved for backward, taken before backward() freed it. */
  readonly saved: Map<Node, SavedTensor[]>;
  /** Each node's line and forward value (the tensor the op returned). */
  readonly created: CreationLog;
  /** The node that was running when backward() raised the run's error. */
  readonly failedNode: Node | null;
}

const SOURCE_URL = "playground.js";
const FRAME = /playground\.js:(\d+):(\d+)/;

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
  const text = String(value);
  if (text !== "[object Object]") return text;
  try {
    return JSON.stringify(value);
  } catch {
    return text;
  }
}

/** Top-level `const|let|var name` declarations: read back at the end to name the graph's leaves. */
function topLevelNames(code: string): string[] {
  const names = new Set<string>();
  for (const m of code.matchAll(/^(?:const|let|var)\s+([A-Za-z_$][\w$]*)/gm)) names.add(m[1]);
  return [...names];
}

/** The nodes of t's graph, and its leaves (the tensors its AccumulateGrad nodes add into). */
function graphOf(t: torch.Tensor): { nodes: number; leaves: torch.Tensor[] } {
  const seen = new Set<unknown>();
  const leaves: torch.Tensor[] = [];
  const stack: unknown[] = t.grad_fn ? [t.grad_fn] : [];
  while (stack.length) {
    const node = stack.pop() as { next_functions: [unknown, number][]; variable?: torch.Tensor };
    if (!node || seen.has(node)) continue;
    seen.add(node);
    if (node.variable instanceof torch.Tensor) leaves.push(node.variable);
    for (const [next] of node.next_functions) stack.push(next);
  }
  return { nodes: seen.size, leaves };
}

/** Watches a run: output in order, warnings at their line, backward() calls, show(t). */
class Recorder {
  readonly output: OutputLine[] = [];
  shown: torch.Tensor | null = null;
  shownParams: Record<string, torch.Tensor> = {};
  biggest: { tensor: torch.Tensor; nodes: number } | null = null;
  lastPrinted: torch.Tensor | null = null;
  explanation: Explanation | null = null;
  explainNote: string | null = null;
  saved = new Map<Node, SavedTensor[]>();
  /** The line of the latest backward() call: the line of an error raised inside it. */
  backwardLine: number | null = null;
  /** The latest backward() that raised: its error and the node it was running. */
  failure: { error: unknown; node: Node | null } | null = null;
  readonly created: CreationLog;
  private muted = false;

  constructor(private readonly lineNow: () => number | null) {
    this.created = new CreationLog(lineNow);
  }

  push(kind: OutputLine["kind"], text: string, line: number | null = null): void {
    if (!this.muted) this.output.push({ kind, text, line });
  }

  explain(t: torch.Tensor, gradient: torch.Tensor | null): void {
    this.muted = true; // the user's own hooks run again while explaining: keep their prints out
    try {
      this.explanation = torch.autograd.explain(t, { gradient });
      this.saved = savedOf(this.explanation);
      this.explainNote = null;
    } catch (e) {
      this.explanation = null;
      this.explainNote = `Cannot explain this tensor: ${(e as Error).message}`;
    } finally {
      this.muted = false;
    }
  }

  show = (t: unknown, params?: unknown): void => {
    if (!(t instanceof torch.Tensor)) throw new TypeError("show(): expected a Tensor");
    this.shown = t;
    const entries = params instanceof Map ? [...params.entries()] : Object.entries(params ?? {});
    this.shownParams = Object.fromEntries(entries.filter(([, v]) => v instanceof torch.Tensor)) as Record<
      string,
      torch.Tensor
    >;
    if (t.requires_grad) this.explain(t, null);
    else this.explainNote = "This tensor does not require grad, so it has no backward graph.";
  };

  printed(values: unknown[]): void {
    for (const v of values) if (v instanceof torch.Tensor && v.grad_fn) this.lastPrinted = v;
  }

  /** Explain each backward before it runs (and frees the graph), when its graph is the largest so far. */
  beforeBackward(t: torch.Tensor, gradient: torch.Tensor | null): void {
    this.backwardLine = this.lineNow();
    if (this.shown !== null || !t.requires_grad) return;
    const { nodes } = graphOf(t);
    if (this.biggest && nodes < this.biggest.nodes) return;
    this.biggest = { tensor: t, nodes };
    this.explain(t, gradient);
  }

  /** Runs fn with backward() watched and warnings recorded at the line that raised them. */
  async watch(fn: () => Promise<void>): Promise<void> {
    const proto = torch.Tensor.prototype;
    const originalBackward = proto.backward;
    const stopWarnings = pushWarningSink((w) =>
      this.push("warn", `${w.category}: ${w.message}`, this.lineNow()),
    );
    const beforeBackward = (t: torch.Tensor, gradient: torch.Tensor | null) =>
      this.beforeBackward(t, gradient);
    const failed = (error: unknown, node: Node | null) => (this.failure = { error, node });
    proto.backward = function (this: torch.Tensor, ...args: unknown[]) {
      // backward(gradient, ...) or backward({ gradient, ... }).
      const first = args[0];
      const given =
        first instanceof torch.Tensor ? first : (first as { gradient?: unknown } | null)?.gradient;
      beforeBackward(this, given instanceof torch.Tensor ? given : null);
      const watch = this.grad_fn ? new BackwardWatch(this.grad_fn as Node) : null;
      try {
        return (originalBackward as (...a: unknown[]) => void).apply(this, args);
      } catch (e) {
        if (watch) failed(e, watch.failing(e));
        throw e;
      } finally {
        watch?.remove();
      }
    } as typeof originalBackward;
    try {
      await this.created.watch(fn);
    } finally {
      proto.backward = originalBackward;
      stopWarnings();
    }
  }

  /** An error that a backward() raised, with the node it was running and the op's line. */
  located(error: RunError, raised: unknown): RunError {
    const failure = this.failure;
    if (!failure) return error;
    const same =
      failure.error === raised || (failure.error instanceof Error && failure.error.message === error.message);
    if (!same || !failure.node) return error;
    return { ...error, node: { name: failure.node.name(), line: lineOf(this.created, failure.node) } };
  }

  result(error: RunError | null, variables: Iterable<[string, unknown]>): RunResult {
    const target = this.shown ?? this.biggest?.tensor ?? this.lastPrinted;
    const params: Record<string, torch.Tensor> = {};
    const named = new Set<torch.Tensor>();
    const add = (name: string, t: torch.Tensor) => {
      if (named.has(t)) return;
      named.add(t);
      params[name] = t;
    };
    for (const [name, t] of Object.entries(this.shownParams)) add(name, t);
    // The program's names for the leaves, and for the output the graph starts from.
    for (const [name, value] of variables)
      if (value instanceof torch.Tensor && (value.is_leaf || value === target)) add(name, value);
    // Leaves the program never bound to a name get one here, so the graph and the explainer agree on it.
    if (target) graphOf(target).leaves.forEach((leaf, i) => add(`leaf${i}`, leaf));
    const explanation = this.explanation as Explanation | null;
    let explainNote = this.explainNote;
    if (!explanation && !explainNote && target)
      explainNote = "The graph was not explained: call show(t) before t.backward() to see its steps.";
    return {
      output: this.output,
      error,
      target,
      params,
      explanation: explanation ? explanation.withNames(params) : null,
      explainNote,
      saved: this.saved,
      created: this.created,
      failedNode: error?.node ? (this.failure?.node ?? null) : null,
    };
  }
}

export function runCode(code: string, mode: Mode = "javascript"): Promise<RunResult> {
  return mode === "python" ? runPython(code) : runJavaScript(code, mode === "typescript");
}

async function runJavaScript(source: string, typescript: boolean): Promise<RunResult> {
  // The program's own frame must be in every stack, however deep the library call under it goes.
  Error.stackTraceLimit = Math.max(Error.stackTraceLimit, 200);
  const offset = await lineOffset();
  const recorder = new Recorder(() => lineFromStack(new Error().stack, offset));
  const capture =
    (kind: OutputLine["kind"]) =>
    (...args: unknown[]): void => {
      if (kind === "log") recorder.printed(args);
      recorder.push(
        kind,
        args.map(formatValue).join(" "),
        kind === "log" ? null : lineFromStack(new Error().stack, offset),
      );
    };
  const print = (...values: unknown[]): void => {
    recorder.printed(values);
    recorder.push("log", values.map(pyStr).join(" "));
  };

  let code: string;
  try {
    code = toRunnable(source, typescript);
  } catch (e) {
    if (!(e instanceof SourceError)) throw e;
    return recorder.result({ name: e.name, message: e.message, line: e.line }, []);
  }
  const saved = { log: console.log, warn: console.warn, error: console.error, info: console.info };
  console.log = capture("log");
  console.info = console.log;
  console.warn = capture("warn");
  console.error = capture("error");
  const names = topLevelNames(code);
  const scopeReader = `\n;__scope({${names.map((n) => `${JSON.stringify(n)}: typeof ${n} === "undefined" ? undefined : ${n}`).join(", ")}});`;
  let scope: Record<string, unknown> = {};
  let error: RunError | null = null;
  try {
    await recorder.watch(async () => {
      const fn = new AsyncFunction(...PARAMS, `${code}${scopeReader}\n//# sourceURL=${SOURCE_URL}`);
      await fn(torch, print, recorder.show, (s: Record<string, unknown>) => (scope = s));
    });
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    // An error raised inside backward() may come from a frame the program's stack does not reach.
    const line = lineFromStack(err.stack, offset) ?? recorder.backwardLine;
    error = recorder.located({ name: err.name, message: err.message, line }, e);
  } finally {
    Object.assign(console, saved);
  }
  return recorder.result(error, Object.entries(scope));
}

/**
 * Python: the code runs as notebook cells, split at lines that start with `# %%`; each cell's last bare
 * expression is shown (Out[n]); an error ends its cell only, as in a notebook, and the first is the run's.
 */
async function runPython(code: string): Promise<RunResult> {
  let cellStart = 0;
  let session: PythonSession | null = null;
  const recorder = new Recorder(() => (session ? session.currentLine + cellStart : null));
  let partial = "";
  const write = (text: string) => {
    const lines = (partial + text).split("\n");
    partial = lines.pop() ?? "";
    for (const line of lines) recorder.push("log", line);
  };
  const flush = () => {
    if (partial) recorder.push("log", partial);
    partial = "";
  };
  session = new PythonSession({ write, printed: (values) => recorder.printed(values) });
  session.globals.vars.set("show", recorder.show);
  let error: RunError | null = null;
  await recorder.watch(async () => {
    for (const cell of splitCells(code)) {
      cellStart = cell.firstLine - 1;
      try {
        const { value, isExpression } = session!.runCell(cell.source);
        flush();
        if (isExpression && value !== null && value !== undefined) {
          recorder.printed([value]);
          recorder.push("log", repr(value));
        }
      } catch (e) {
        flush();
        if (!(e instanceof PyRunError)) throw e;
        const line = e.info.line === null ? null : e.info.line + cellStart;
        recorder.push("error", `${e.info.name}: ${e.info.message}`, line);
        error ??= recorder.located({ name: e.info.name, message: e.info.message, line }, e);
      }
    }
  });
  return recorder.result(error, session.variables());
}

/** Notebook cells in a Python file: `# %%` lines start them (the VS Code / Jupytext convention). */
export function splitCells(code: string): { source: string; firstLine: number }[] {
  const lines = code.split("\n");
  const cells: { source: string; firstLine: number }[] = [];
  let start = 0;
  for (let i = 0; i <= lines.length; i++) {
    if (i === lines.length || (i > start && /^# ?%%/.test(lines[i]))) {
      cells.push({ source: lines.slice(start, i).join("\n"), firstLine: start + 1 });
      start = i;
    }
  }
  return cells.filter((c) => c.source.trim() !== "");
}
