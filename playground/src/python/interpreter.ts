// Runs the playground's Python over its syntax tree, calling tensorgrad for torch. Runs synchronously, so
// `with torch.no_grad():` wraps its body in torch.no_grad(fn). Errors carry the line of the innermost
// statement that raised them (inside a def, the line in the def that failed), as the playground marks it.
import * as torch from "../../../src/index.js";
import type { Expr, Stmt } from "./ast.js";
import { importModule, makeBuiltins } from "./builtins.js";
import { Evaluator } from "./evaluator.js";
import { parse } from "./parser.js";
import {
  BreakSignal,
  ContinueSignal,
  inplace,
  METHOD,
  ReturnSignal,
  Scope,
  setItem,
  type UserFunction,
} from "./runtime.js";
import { PySyntaxError } from "./tokenizer.js";
import * as V from "./values.js";

export { USER_CALL } from "./runtime.js";

export interface PyErrorInfo {
  readonly name: string;
  readonly message: string;
  readonly line: number | null;
}

/** Thrown by runCell: the program's uncaught exception (or SyntaxError) and the line it came from. */
export class PyRunError extends Error {
  constructor(
    readonly info: PyErrorInfo,
    override readonly cause: unknown,
  ) {
    super(`${info.name}: ${info.message}`);
    this.name = info.name;
  }
}

const errorLines = new WeakMap<object, number>();

export interface SessionOptions {
  /** Where print() writes (one call per print, with its `end`). */
  readonly write: (text: string) => void;
  /** Told the values each print() call prints (the playground draws the graph of a printed tensor). */
  readonly printed?: (values: unknown[]) => void;
}

/** One program's globals, kept across cells (as a notebook keeps them). */
export class PythonSession extends Evaluator {
  readonly globals: Scope;
  private readonly builtins: Scope;

  constructor(private readonly options: SessionOptions) {
    super();
    this.builtins = new Scope(null);
    for (const [k, v] of Object.entries(makeBuiltins(this))) {
      this.builtins.vars.set(k, v);
      if (typeof v === "function") this.builtinFunctions.add(v);
    }
    this.globals = new Scope(this.builtins);
    this.globals.vars.set("__name__", "__main__");
    V.hooks.dunder = (obj, name) => {
      const method = (obj as Record<string | symbol, unknown>)[name];
      if (typeof method === "function" && (method as UserFunction)[METHOD])
        return V.str(this.call(method, [obj], new Map()));
      return undefined;
    };
  }

  private writer: (text: string) => void = (text) => this.options.write(text);

  printed(values: unknown[]): void {
    this.options.printed?.(values);
  }

  write(text: string): void {
    this.writer(text);
  }

  /** Sends print() output to `write` until the returned function is called. */
  redirect(write: (text: string) => void): () => void {
    const saved = this.writer;
    this.writer = write;
    return () => (this.writer = saved);
  }

  /** Variables the program bound at the top level. */
  variables(): Map<string, unknown> {
    return this.globals.vars;
  }

  /**
   * Runs one cell; returns the value of its last statement when that is an expression (the notebook's
   * Out[n]), else undefined.
   */
  runCell(source: string): { value: unknown; isExpression: boolean } {
    let body: Stmt[];
    try {
      body = parse(source);
    } catch (e) {
      if (e instanceof PySyntaxError)
        throw new PyRunError({ name: e.name, message: e.message, line: e.line }, e);
      throw e;
    }
    try {
      const last = body[body.length - 1];
      const isExpression = last?.kind === "expr";
      this.block(isExpression ? body.slice(0, -1) : body, this.globals);
      if (isExpression) {
        this.currentLine = last.line;
        return { value: this.eval(last.value, this.globals), isExpression };
      }
      return { value: undefined, isExpression };
    } catch (e) {
      if (e instanceof BreakSignal || e instanceof ContinueSignal || e instanceof ReturnSignal)
        throw new PyRunError(
          {
            name: "SyntaxError",
            message: "'return', 'break' or 'continue' outside a loop or function",
            line: this.currentLine,
          },
          e,
        );
      const err = e instanceof Error ? e : new V.PyError("Exception", String(e));
      const line = errorLines.get(err) ?? this.currentLine;
      const name = err instanceof RangeError && /call stack/.test(err.message) ? "RecursionError" : err.name;
      throw new PyRunError({ name, message: err.message, line }, err);
    }
  }

  // ---- statements ------------------------------------------------------------------------------------

  protected block(body: Stmt[], scope: Scope): void {
    for (const stmt of body) this.exec(stmt, scope);
  }

  private exec(stmt: Stmt, scope: Scope): void {
    this.currentLine = stmt.line;
    try {
      this.execInner(stmt, scope);
    } catch (e) {
      if (e !== null && typeof e === "object" && e instanceof Error && !errorLines.has(e))
        errorLines.set(e, stmt.line);
      throw e;
    }
  }

  private execInner(stmt: Stmt, scope: Scope): void {
    switch (stmt.kind) {
      case "expr":
        this.eval(stmt.value, scope);
        return;
      case "assign": {
        const value = this.eval(stmt.value, scope);
        for (const t of stmt.targets) this.assign(t, value, scope);
        return;
      }
      case "annassign":
        if (stmt.value) this.assign(stmt.target, this.eval(stmt.value, scope), scope);
        return;
      case "augassign": {
        const old = this.eval(stmt.target, scope);
        const value = this.eval(stmt.value, scope);
        this.assign(stmt.target, inplace(stmt.op, old, value), scope);
        return;
      }
      case "def": {
        let fn: unknown = this.makeFunction(stmt.name, stmt.params, stmt.body, scope);
        for (const d of [...stmt.decorators].reverse()) fn = this.call(this.eval(d, scope), [fn], new Map());
        this.bind(stmt.name, fn, scope);
        return;
      }
      case "class":
        this.bind(stmt.name, this.makeClass(stmt, scope), scope);
        return;
      case "return":
        throw new ReturnSignal(stmt.value ? this.eval(stmt.value, scope) : null);
      case "pass":
        return;
      case "break":
        throw new BreakSignal();
      case "continue":
        throw new ContinueSignal();
      case "if":
        this.block(V.truthy(this.eval(stmt.test, scope)) ? stmt.body : stmt.orelse, scope);
        return;
      case "while": {
        while (V.truthy(this.eval(stmt.test, scope))) {
          if (this.loopBody(stmt.body, scope)) return;
          this.currentLine = stmt.line;
        }
        this.block(stmt.orelse, scope);
        return;
      }
      case "for": {
        for (const item of V.iterate(this.eval(stmt.iter, scope))) {
          this.assign(stmt.target, item, scope);
          if (this.loopBody(stmt.body, scope)) return;
          this.currentLine = stmt.line;
        }
        this.block(stmt.orelse, scope);
        return;
      }
      case "with":
        this.withItems(stmt.items, 0, stmt.body, scope);
        return;
      case "import":
        for (const { name, asname } of stmt.names) {
          const module = importModule(name);
          if (asname) this.bind(asname, module, scope);
          else this.bind(name.split(".")[0], importModule(name.split(".")[0]), scope);
        }
        return;
      case "from": {
        const module = importModule(stmt.module);
        for (const { name, asname } of stmt.names) {
          if (name === "*") {
            for (const [k, v] of Object.entries(module as object))
              if (!k.startsWith("_")) this.bind(k, v, scope);
            continue;
          }
          let value: unknown;
          try {
            value = importModule(`${stmt.module}.${name}`);
          } catch {
            if (!(name in (module as object)))
              throw new V.PyError("ImportError", `cannot import name '${name}' from '${stmt.module}'`);
            value = (module as Record<string, unknown>)[name];
          }
          this.bind(asname ?? name, value, scope);
        }
        return;
      }
      case "try":
        this.tryStatement(stmt, scope);
        return;
      case "raise": {
        if (!stmt.exc) throw this.handling ?? new V.PyError("RuntimeError", "No active exception to reraise");
        let exc = this.eval(stmt.exc, scope);
        if (typeof exc === "function") exc = this.call(exc, [], new Map());
        if (!(exc instanceof Error))
          throw new V.PyError("TypeError", "exceptions must derive from BaseException");
        throw exc;
      }
      case "assert":
        if (!V.truthy(this.eval(stmt.test, scope)))
          throw new V.PyError("AssertionError", stmt.msg ? V.toStr(this.eval(stmt.msg, scope)) : "");
        return;
      case "del":
        for (const t of stmt.targets) this.delete(t, scope);
        return;
      case "global":
      case "nonlocal":
        for (const n of stmt.names) scope.globalNames.add(n);
        return;
    }
  }

  /** Runs a loop body; true when it ran `break`. */
  private loopBody(body: Stmt[], scope: Scope): boolean {
    try {
      this.block(body, scope);
    } catch (e) {
      if (e instanceof BreakSignal) return true;
      if (e instanceof ContinueSignal) return false;
      throw e;
    }
    return false;
  }

  private handling: Error | null = null;

  private tryStatement(stmt: Extract<Stmt, { kind: "try" }>, scope: Scope): void {
    try {
      let raised = false;
      try {
        this.block(stmt.body, scope);
      } catch (e) {
        if (!(e instanceof Error) || e instanceof PyRunError) throw e;
        raised = true;
        const handler = stmt.handlers.find(
          (h) => h.type === null || this.matches(e, this.eval(h.type, scope)),
        );
        if (!handler) throw e;
        if (handler.name) this.bind(handler.name, e, scope);
        const outer = this.handling;
        this.handling = e;
        try {
          this.block(handler.body, scope);
        } finally {
          this.handling = outer;
        }
      }
      if (!raised) this.block(stmt.orelse, scope);
    } finally {
      this.block(stmt.finalbody, scope);
    }
  }

  private matches(e: Error, type: unknown): boolean {
    if (Array.isArray(type)) return type.some((t) => this.matches(e, t));
    const name =
      (type as { __pyname__?: string } | null)?.__pyname__ ?? (type as { name?: string } | null)?.name;
    if (name === "Exception" || name === "BaseException") return true;
    if (
      typeof type === "function" &&
      !(type as { __pyname__?: string }).__pyname__ &&
      e instanceof (type as new () => Error)
    )
      return true;
    if (e.name === name) return true;
    // Python's hierarchy where PyTorch's errors rely on it.
    const parents: Record<string, string[]> = {
      LookupError: ["IndexError", "KeyError"],
      ArithmeticError: ["ZeroDivisionError", "OverflowError"],
      RuntimeError: ["NotImplementedError", "RecursionError"],
    };
    return (parents[name ?? ""] ?? []).includes(e.name);
  }

  private withItems(
    items: { context: Expr; target: Expr | null }[],
    i: number,
    body: Stmt[],
    scope: Scope,
  ): void {
    if (i === items.length) {
      this.block(body, scope);
      return;
    }
    const { context, target } = items[i];
    const inner = () => this.withItems(items, i + 1, body, scope);
    // torch's grad-mode managers: torch.no_grad() and friends, called with no function.
    if (context.kind === "call") {
      const fn = this.eval(context.func, scope);
      if (fn === torch.no_grad || fn === torch.enable_grad || fn === torch.inference_mode) {
        const args = this.evalArgs(context.args, scope);
        if (target) this.assign(target, null, scope);
        if (fn === torch.inference_mode && args.args.length && !V.truthy(args.args[0])) return inner();
        (fn as (f: () => void) => void)(inner);
        return;
      }
      if (fn === torch.set_grad_enabled) {
        const { args, kwargs } = this.evalArgs(context.args, scope);
        torch.set_grad_enabled(V.truthy(args[0] ?? kwargs.get("mode")), inner);
        return;
      }
    }
    const manager = this.eval(context, scope) as Record<string, unknown>;
    const enter = this.getattr(manager, "__enter__");
    const exit = this.getattr(manager, "__exit__");
    const value = this.call(enter, [], new Map());
    if (target) this.assign(target, value, scope);
    try {
      inner();
    } catch (e) {
      if (V.truthy(this.call(exit, [(e as Error).name ?? null, e, null], new Map()))) return;
      throw e;
    }
    this.call(exit, [null, null, null], new Map());
  }

  private bind(name: string, value: unknown, scope: Scope): void {
    if (scope.globalNames.has(name)) {
      for (let s: Scope | null = scope.parent; s; s = s.parent)
        if (s.vars.has(name) || s === this.globals) {
          s.vars.set(name, value);
          return;
        }
    }
    scope.vars.set(name, value);
  }

  protected assign(target: Expr, value: unknown, scope: Scope): void {
    switch (target.kind) {
      case "name":
        this.bind(target.id, value, scope);
        return;
      case "attr": {
        const obj = this.eval(target.value, scope) as Record<string, unknown>;
        if (obj === null || typeof obj !== "object")
          throw new V.PyError(
            "AttributeError",
            `'${V.pyTypeName(obj)}' object attribute '${target.attr}' is read-only`,
          );
        obj[target.attr] = value;
        return;
      }
      case "subscript": {
        const obj = this.eval(target.value, scope);
        const index = this.eval(target.index, scope);
        setItem(obj, index, value);
        return;
      }
      case "tuple":
      case "list": {
        const items = [...V.iterate(value)];
        const star = target.elts.findIndex((e) => e.kind === "starred");
        if (star < 0) {
          if (items.length !== target.elts.length)
            throw new V.PyError(
              "ValueError",
              items.length > target.elts.length
                ? `too many values to unpack (expected ${target.elts.length})`
                : `not enough values to unpack (expected ${target.elts.length}, got ${items.length})`,
            );
          target.elts.forEach((e, i) => this.assign(e, items[i], scope));
          return;
        }
        const after = target.elts.length - star - 1;
        target.elts.slice(0, star).forEach((e, i) => this.assign(e, items[i], scope));
        this.assign(
          (target.elts[star] as Extract<Expr, { kind: "starred" }>).value,
          items.slice(star, items.length - after),
          scope,
        );
        target.elts.slice(star + 1).forEach((e, i) => this.assign(e, items[items.length - after + i], scope));
        return;
      }
      default:
        throw new V.PyError("SyntaxError", "cannot assign to expression");
    }
  }

  private delete(target: Expr, scope: Scope): void {
    if (target.kind === "name") {
      if (!scope.vars.delete(target.id))
        throw new V.PyError("NameError", `name '${target.id}' is not defined`);
    } else if (target.kind === "attr")
      delete (this.eval(target.value, scope) as Record<string, unknown>)[target.attr];
    else if (target.kind === "subscript") {
      const obj = this.eval(target.value, scope);
      const index = this.eval(target.index, scope);
      if (obj instanceof Map) obj.delete(index);
      else if (Array.isArray(obj))
        obj.splice(Number(index) < 0 ? obj.length + Number(index) : Number(index), 1);
    }
  }
}
