// Records what a ported seed case prints, in the shape of test/.. refdata's seed_cases.json outputs.
import { Tensor } from "../../src/index.js";
import { isPyFloat, pyRepr, pyStr, type PyValue } from "./python_repr.js";

/** One printed output; the optional fields are those seed_cases.json gives for the same kind. */
export interface Output {
  kind: "repr" | "str" | "format" | "values" | "error" | "warning";
  expr: string;
  text: string;
  /** format: the whole f-string line. */
  line?: string;
  /** values: tolist(), its dtype ("torch.float32", or "python float") and shape. */
  values?: unknown;
  dtype?: string;
  shape?: number[];
  /** error: the exception class name. */
  type?: string;
  /** warning: the category; `text` is the message without PyTorch's "(Triggered internally ...)" suffix. */
  category?: string;
  /** Graph facts behind a `grad_fn.name() / is_leaf / requires_grad` or `next_functions` line. */
  tensor?: string;
  grad_fn?: string | null;
  is_leaf?: boolean;
  requires_grad?: boolean;
  next_functions?: (string | null)[];
}

type Lazy<T> = T | (() => T);

export class Recorder {
  readonly outputs: Output[] = [];
  /** The expression being evaluated, so a warning it emits is filed under it. */
  private currentExpr = "";

  /** Called by the warningSink spy (test/helpers/warnings.ts). */
  warning(message: string, category: string): void {
    this.outputs.push({ kind: "warning", expr: this.currentExpr, text: message, category });
  }

  /** `print(repr(value))`, or a notebook cell's displayed value. */
  repr(expr: string, value: Lazy<PyValue>): void {
    const v = this.evaluate(expr, value);
    this.outputs.push({ kind: "repr", expr, text: pyRepr(v) });
    this.values(expr, v);
  }

  /** `print(value)`. */
  str(expr: string, value: Lazy<PyValue>): void {
    const v = this.evaluate(expr, value);
    this.outputs.push({ kind: "str", expr, text: pyStr(v) });
    this.values(expr, v);
  }

  /** `print(a, b, ...)`: one line, then the values of each tensor among them. */
  strs(exprs: readonly string[], values: () => readonly PyValue[]): void {
    const expr = exprs.join(", ");
    const vs = this.evaluate(expr, values);
    this.outputs.push({ kind: "str", expr, text: vs.map(pyStr).join(" ") });
    vs.forEach((v, i) => this.values(exprs[i], v));
  }

  /** `print(f"...")`: `line` is the TS template literal's text; parts are the tensors formatted in it. */
  fprint(line: string, ...parts: [string, Tensor | null][]): void {
    for (const [expr, t] of parts) {
      this.outputs.push({ kind: "format", expr, text: `${t}`, line });
      this.values(expr, t);
    }
  }

  /** `print(t.grad_fn.name() if t.grad_fn else None, t.is_leaf, t.requires_grad)`. */
  node(name: string, t: Tensor): void {
    const gradFn = t.grad_fn ? t.grad_fn.name() : null;
    this.outputs.push({
      kind: "str",
      expr: `${name}.grad_fn.name() if ${name}.grad_fn else None, ${name}.is_leaf, ${name}.requires_grad`,
      text: [gradFn, t.is_leaf, t.requires_grad].map(pyStr).join(" "),
      tensor: name,
      grad_fn: gradFn,
      is_leaf: t.is_leaf,
      requires_grad: t.requires_grad,
    });
  }

  /** `print([type(f).__name__ if f is not None else None for f, _ in t.grad_fn.next_functions])`. */
  nextFunctions(name: string, t: Tensor): void {
    if (!t.grad_fn) throw new Error(`${name} has no grad_fn`);
    const names = t.grad_fn.next_functions.map(([node]) => (node ? node.name() : null));
    this.outputs.push({
      kind: "str",
      expr: `[type(f).__name__ if f is not None else None for f, _ in ${name}.grad_fn.next_functions]`,
      text: pyStr(names),
      tensor: name,
      next_functions: names,
    });
  }

  /** `try: <expr> except Exception as e: print(f"{type(e).__name__}: {e}")`. */
  error(expr: string, fn: () => unknown): void {
    try {
      this.evaluate(expr, fn);
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      this.outputs.push({ kind: "error", expr, text: err.message, type: err.name });
      return;
    }
    this.outputs.push({ kind: "error", expr, text: "(no exception raised)", type: "None" });
  }

  private evaluate<T>(expr: string, value: Lazy<T>): T {
    this.currentExpr = expr;
    try {
      return typeof value === "function" ? (value as () => T)() : value;
    } finally {
      this.currentExpr = "";
    }
  }

  /** The refdata adds `tolist()` after every printed tensor and Python float. */
  private values(expr: string, v: PyValue): void {
    if (v instanceof Tensor) {
      this.outputs.push({
        kind: "values",
        expr,
        text: "",
        values: v.tolist(),
        dtype: v.dtype.toString(),
        shape: [...v.shape],
      });
    } else if (isPyFloat(v)) {
      this.outputs.push({ kind: "values", expr, text: "", values: v, dtype: "python float", shape: [] });
    }
  }
}
