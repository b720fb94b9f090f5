// A recursive-descent parser for the playground's Python subset: statements and blocks (NEWLINE/INDENT/DEDENT
// from the tokenizer) over the expression parser. Syntax it does not know is a SyntaxError naming its line.
import type { Expr, Stmt } from "./ast.js";
import { AUG, checkTarget, ExpressionParser, UNSUPPORTED } from "./expression_parser.js";
import { PySyntaxError, tokenize } from "./tokenizer.js";

export function parse(source: string): Stmt[] {
  return new Parser(tokenize(source)).module();
}

class Parser extends ExpressionParser {
  module(): Stmt[] {
    const body: Stmt[] = [];
    while (this.tok.kind !== "eof") {
      if (this.accept("", "newline")) continue;
      if (this.tok.kind === "indent") throw new PySyntaxError("unexpected indent", this.tok.line);
      body.push(...this.statement());
    }
    return body;
  }

  protected block(): Stmt[] {
    this.expect(":");
    if (!this.accept("", "newline")) {
      const simple = this.simpleStatements();
      return simple;
    }
    if (this.tok.kind !== "indent") throw new PySyntaxError("expected an indented block", this.tok.line);
    this.next();
    const body: Stmt[] = [];
    while (!this.accept("", "dedent") && !this.is("", "eof")) body.push(...this.statement());
    return body;
  }

  protected statement(): Stmt[] {
    const t = this.tok;
    const line = t.line;
    if (t.kind === "op" && t.text === "@") {
      const decorators: Expr[] = [];
      while (this.accept("@")) {
        decorators.push(this.expression());
        this.expect("", "newline");
      }
      const def = this.statement()[0];
      if (def.kind !== "def") throw new PySyntaxError("decorators are supported on functions only", line);
      return [{ ...def, decorators }];
    }
    if (t.kind === "name") {
      switch (t.text) {
        case "def": {
          this.next();
          const name = this.name();
          this.expect("(");
          const params = this.params(")");
          this.expect(")");
          if (this.accept("->")) this.expression();
          return [{ kind: "def", name, params, body: this.block(), decorators: [], line }];
        }
        case "class": {
          this.next();
          const name = this.name();
          let bases: Expr[] = [];
          if (this.accept("(")) {
            bases = this.args().map((a) => a.value);
            this.expect(")");
          }
          return [{ kind: "class", name, bases, body: this.block(), line }];
        }
        case "if":
          return [this.ifStatement()];
        case "for": {
          this.next();
          const target = this.targetList();
          this.expect("in", "name");
          const iter = this.tupleOrExpr();
          const body = this.block();
          const orelse = this.acceptElse();
          return [{ kind: "for", target, iter, body, orelse, line }];
        }
        case "while": {
          this.next();
          const test = this.namedExpr();
          const body = this.block();
          return [{ kind: "while", test, body, orelse: this.acceptElse(), line }];
        }
        case "with": {
          this.next();
          const items: { context: Expr; target: Expr | null }[] = [];
          do {
            const context = this.expression();
            items.push({ context, target: this.accept("as", "name") ? this.target() : null });
          } while (this.accept(","));
          return [{ kind: "with", items, body: this.block(), line }];
        }
        case "try": {
          this.next();
          const body = this.block();
          const handlers: Extract<Stmt, { kind: "try" }>["handlers"] = [];
          while (this.isName("except")) {
            const hline = this.next().line;
            let type: Expr | null = null;
            let name: string | null = null;
            if (!this.is(":")) {
              type = this.expression();
              if (this.accept("as", "name")) name = this.name();
            }
            handlers.push({ type, name, body: this.block(), line: hline });
          }
          const orelse = this.acceptElse();
          const finalbody = this.accept("finally", "name") ? this.block() : [];
          if (!handlers.length && !finalbody.length) this.fail("expected 'except' or 'finally'");
          return [{ kind: "try", body, handlers, orelse, finalbody, line }];
        }
      }
      if (UNSUPPORTED.has(t.text) && this.tokens[this.pos + 1]?.kind !== "op")
        throw new PySyntaxError(`'${t.text}' is not supported in the playground's Python`, line);
    }
    return this.simpleStatements();
  }

  protected acceptElse(): Stmt[] {
    return this.accept("else", "name") ? this.block() : [];
  }

  protected ifStatement(): Stmt {
    const line = this.next().line; // if / elif
    const test = this.namedExpr();
    const body = this.block();
    let orelse: Stmt[] = [];
    if (this.isName("elif")) orelse = [this.ifStatement()];
    else orelse = this.acceptElse();
    return { kind: "if", test, body, orelse, line };
  }

  protected simpleStatements(): Stmt[] {
    const out = [this.simpleStatement()];
    while (this.accept(";")) {
      if (this.tok.kind === "newline") break;
      out.push(this.simpleStatement());
    }
    if (this.tok.kind !== "eof") this.expect("", "newline");
    return out;
  }

  protected simpleStatement(): Stmt {
    const t = this.tok;
    const line = t.line;
    if (t.kind === "name") {
      switch (t.text) {
        case "pass":
        case "break":
        case "continue":
          this.next();
          return { kind: t.text, line };
        case "return": {
          this.next();
          const value = this.atStatementEnd() ? null : this.tupleOrExpr();
          return { kind: "return", value, line };
        }
        case "raise": {
          this.next();
          const exc = this.atStatementEnd() ? null : this.expression();
          if (this.accept("from", "name")) this.expression();
          return { kind: "raise", exc, line };
        }
        case "assert": {
          this.next();
          const test = this.expression();
          return { kind: "assert", test, msg: this.accept(",") ? this.expression() : null, line };
        }
        case "del": {
          this.next();
          const targets = [this.target()];
          while (this.accept(",")) targets.push(this.target());
          return { kind: "del", targets, line };
        }
        case "global":
        case "nonlocal": {
          this.next();
          const names = [this.name()];
          while (this.accept(",")) names.push(this.name());
          return { kind: t.text, names, line };
        }
        case "import": {
          this.next();
          const names: { name: string; asname: string | null }[] = [];
          do {
            const name = this.dottedName();
            names.push({ name, asname: this.accept("as", "name") ? this.name() : null });
          } while (this.accept(","));
          return { kind: "import", names, line };
        }
        case "from": {
          this.next();
          const module = this.dottedName();
          this.expect("import", "name");
          const paren = this.accept("(");
          const names: { name: string; asname: string | null }[] = [];
          if (this.accept("*")) names.push({ name: "*", asname: null });
          else
            do {
              if (paren && this.is(")")) break;
              const name = this.name();
              names.push({ name, asname: this.accept("as", "name") ? this.name() : null });
            } while (this.accept(","));
          if (paren) this.expect(")");
          return { kind: "from", module, names, line };
        }
      }
    }
    const first = this.tupleOrExpr(true);
    if (this.tok.kind === "op" && AUG.has(this.tok.text)) {
      const op = this.next().text.slice(0, -1);
      return { kind: "augassign", target: checkTarget(first), op, value: this.tupleOrExpr(true), line };
    }
    if (this.accept(":")) {
      this.expression(); // the annotation: types are not checked
      return {
        kind: "annassign",
        target: checkTarget(first),
        value: this.accept("=") ? this.tupleOrExpr(true) : null,
        line,
      };
    }
    if (this.is("=")) {
      const targets = [checkTarget(first)];
      let value: Expr = first;
      while (this.accept("=")) {
        value = this.tupleOrExpr(true);
        if (this.is("=")) targets.push(checkTarget(value));
      }
      return { kind: "assign", targets, value, line };
    }
    return { kind: "expr", value: first, line };
  }

  protected dottedName(): string {
    let name = this.name();
    while (this.accept(".")) name += "." + this.name();
    return name;
  }
}
