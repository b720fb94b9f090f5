// Python expressions, by precedence: lambda < if-else < or < and < not < comparisons < | < ^ < & < shifts
// < + - < * / // % @ < unary < ** < calls, subscripts, attributes. The statement parser extends this one.
import type { Arg, Comprehension, Expr, Param } from "./ast.js";
import { parseFString, type FStringPart } from "./fstring.js";
import { PySyntaxError, tokenize, unescape, type Token } from "./tokenizer.js";

const COMPARE = new Set(["<", ">", "==", ">=", "<=", "!=", "in", "not", "is"]);
export const AUG = new Set([
  "+=",
  "-=",
  "*=",
  "/=",
  "//=",
  "%=",
  "**=",
  "@=",
  "&=",
  "|=",
  "^=",
  "<<=",
  ">>=",
]);
export const UNSUPPORTED = new Set(["async", "await", "yield"]);

/** Parses the expression inside an f-string's braces. */
function parseEmbedded(text: string, line: number): Expr {
  const tokens = tokenize(`(${text})`).map((t) => ({ ...t, line: t.line - 1 + line }));
  return new ExpressionParser(tokens).expression();
}

export class ExpressionParser {
  protected pos = 0;
  constructor(protected readonly tokens: Token[]) {}

  protected get tok(): Token {
    return this.tokens[this.pos];
  }
  protected next(): Token {
    return this.tokens[this.pos++];
  }
  protected is(text: string, kind: Token["kind"] = "op"): boolean {
    return this.tok.kind === kind && this.tok.text === text;
  }
  protected isName(text: string): boolean {
    return this.is(text, "name");
  }
  protected accept(text: string, kind: Token["kind"] = "op"): boolean {
    if (!this.is(text, kind)) return false;
    this.pos++;
    return true;
  }
  protected expect(text: string, kind: Token["kind"] = "op"): Token {
    if (!this.is(text, kind)) this.fail(`expected '${text}'`);
    return this.next();
  }
  protected fail(what: string): never {
    const t = this.tok;
    const near = t.kind === "newline" ? "end of line" : t.kind === "eof" ? "end of input" : `'${t.text}'`;
    throw new PySyntaxError(`invalid syntax: ${what} (near ${near})`, t.line);
  }
  protected atStatementEnd(): boolean {
    return this.tok.kind === "newline" || this.tok.kind === "eof" || this.is(";");
  }

  protected name(): string {
    if (this.tok.kind !== "name") this.fail("expected a name");
    return this.next().text;
  }

  protected params(close: string): Param[] {
    const params: Param[] = [];
    while (!this.is(close)) {
      if (this.accept("/")) {
        if (!this.accept(",")) break;
        continue;
      }
      const star = this.accept("**") ? "**" : this.accept("*") ? "*" : undefined;
      if (star === "*" && (this.is(",") || this.is(close))) {
        if (!this.accept(",")) break;
        continue; // a bare `*`: the rest are keyword arguments, which any argument may be here
      }
      const name = this.name();
      if (close === ")" && this.accept(":")) this.expression();
      const dflt = this.accept("=") ? this.expression() : null;
      params.push(star ? { name, default: null, star } : { name, default: dflt });
      if (!this.accept(",")) break;
    }
    return params;
  }

  protected args(): Arg[] {
    const args: Arg[] = [];
    while (!this.is(")")) {
      if (this.accept("**")) args.push({ name: null, value: this.expression(), star: "**" });
      else if (this.accept("*")) args.push({ name: null, value: this.expression(), star: "*" });
      else if (
        this.tok.kind === "name" &&
        this.tokens[this.pos + 1].text === "=" &&
        this.tokens[this.pos + 1].kind === "op"
      ) {
        const name = this.name();
        this.next();
        args.push({ name, value: this.expression() });
      } else {
        const value = this.namedExpr();
        if (this.isName("for"))
          args.push({ name: null, value: this.comprehension("gen", value, null, value.line) });
        else args.push({ name: null, value });
      }
      if (!this.accept(",")) break;
    }
    return args;
  }

  /** `a, b = ...` and `for a, b in ...`: targets stop before `in`/`=`. */
  protected targetList(): Expr {
    const line = this.tok.line;
    const first = this.target();
    if (!this.is(",")) return first;
    const elts = [first];
    while (this.accept(",")) {
      if (this.isName("in") || this.is("=")) break;
      elts.push(this.target());
    }
    return { kind: "tuple", elts, line };
  }

  protected target(): Expr {
    if (this.accept("*")) return { kind: "starred", value: this.target(), line: this.tok.line };
    return checkTarget(this.bitOr());
  }

  /** An expression list: `a, b` is a tuple. */
  tupleOrExpr(allowStar = false): Expr {
    const line = this.tok.line;
    const first = allowStar && this.is("*") ? this.starred() : this.namedExpr();
    if (!this.is(",")) return first;
    const elts = [first];
    while (this.accept(",")) {
      if (
        this.atStatementEnd() ||
        this.is("=") ||
        this.is(")") ||
        this.is(":") ||
        (this.tok.kind === "op" && AUG.has(this.tok.text))
      )
        break;
      elts.push(allowStar && this.is("*") ? this.starred() : this.namedExpr());
    }
    return { kind: "tuple", elts, line };
  }

  protected starred(): Expr {
    const line = this.expect("*").line;
    return { kind: "starred", value: this.bitOr(), line };
  }

  protected namedExpr(): Expr {
    const e = this.expression();
    if (this.is(":=")) this.fail("':=' is not supported");
    return e;
  }

  expression(): Expr {
    const line = this.tok.line;
    if (this.accept("lambda", "name")) {
      const params = this.params(":");
      this.expect(":");
      return { kind: "lambda", params, body: this.expression(), line };
    }
    const body = this.orExpr();
    if (this.isName("if")) {
      this.next();
      const test = this.orExpr();
      this.expect("else", "name");
      return { kind: "ifexp", test, body, orelse: this.expression(), line };
    }
    return body;
  }

  protected orExpr(): Expr {
    let left = this.andExpr();
    while (this.isName("or")) {
      const line = this.next().line;
      left = { kind: "boolop", op: "or", left, right: this.andExpr(), line };
    }
    return left;
  }

  protected andExpr(): Expr {
    let left = this.notExpr();
    while (this.isName("and")) {
      const line = this.next().line;
      left = { kind: "boolop", op: "and", left, right: this.notExpr(), line };
    }
    return left;
  }

  protected notExpr(): Expr {
    if (this.isName("not")) {
      const line = this.next().line;
      return { kind: "unary", op: "not", operand: this.notExpr(), line };
    }
    return this.comparison();
  }

  protected comparison(): Expr {
    const left = this.bitOr();
    const ops: string[] = [];
    const rights: Expr[] = [];
    while (
      COMPARE.has(this.tok.text) &&
      (this.tok.kind === "op" || ["in", "not", "is"].includes(this.tok.text))
    ) {
      if (this.tok.kind === "name" && this.tok.text === "not") {
        if (this.tokens[this.pos + 1].text !== "in") break;
        this.pos += 2;
        ops.push("not in");
      } else if (this.accept("is", "name")) ops.push(this.accept("not", "name") ? "is not" : "is");
      else ops.push(this.next().text);
      rights.push(this.bitOr());
    }
    return ops.length ? { kind: "compare", left, ops, rights, line: left.line } : left;
  }

  protected binary(next: () => Expr, ops: string[]): Expr {
    let left = next();
    while (this.tok.kind === "op" && ops.includes(this.tok.text)) {
      const t = this.next();
      left = { kind: "binop", op: t.text, left, right: next(), line: t.line };
    }
    return left;
  }

  protected bitOr = (): Expr => this.binary(this.bitXor, ["|"]);
  protected bitXor = (): Expr => this.binary(this.bitAnd, ["^"]);
  protected bitAnd = (): Expr => this.binary(this.shift, ["&"]);
  protected shift = (): Expr => this.binary(this.arith, ["<<", ">>"]);
  protected arith = (): Expr => this.binary(this.term, ["+", "-"]);
  protected term = (): Expr => this.binary(this.factor, ["*", "/", "//", "%", "@"]);

  protected factor = (): Expr => {
    if (this.tok.kind === "op" && ["-", "+", "~"].includes(this.tok.text)) {
      const t = this.next();
      return { kind: "unary", op: t.text, operand: this.factor(), line: t.line };
    }
    return this.power();
  };

  protected power(): Expr {
    const base = this.primary();
    if (this.is("**")) {
      const t = this.next();
      return { kind: "binop", op: "**", left: base, right: this.factor(), line: t.line };
    }
    return base;
  }

  protected primary(): Expr {
    let e = this.atom();
    for (;;) {
      const line = this.tok.line;
      if (this.accept(".")) e = { kind: "attr", value: e, attr: this.name(), line };
      else if (this.accept("(")) {
        const args = this.args();
        this.expect(")");
        e = { kind: "call", func: e, args, line };
      } else if (this.accept("[")) {
        const index = this.subscript();
        this.expect("]");
        e = { kind: "subscript", value: e, index, line };
      } else return e;
    }
  }

  protected subscript(): Expr {
    const line = this.tok.line;
    const items: Expr[] = [];
    let tuple = false;
    while (!this.is("]")) {
      items.push(this.sliceItem());
      if (!this.accept(",")) break;
      tuple = true;
    }
    if (items.length === 0) this.fail("expected an index");
    return tuple ? { kind: "tuple", elts: items, line } : items[0];
  }

  protected sliceItem(): Expr {
    const line = this.tok.line;
    const bound = (): Expr | null =>
      this.is(":") || this.is(",") || this.is("]") ? null : this.expression();
    const lower = this.is("*") ? this.starred() : bound();
    if (!this.accept(":")) return lower!;
    const upper = bound();
    const step = this.accept(":") ? bound() : null;
    return { kind: "slice", lower, upper, step, line };
  }

  protected atom(): Expr {
    const t = this.tok;
    const line = t.line;
    switch (t.kind) {
      case "int":
        this.next();
        return { kind: "const", value: BigInt(t.text.replace(/^0(?=\d)/, "")), line };
      case "float":
        this.next();
        return { kind: "const", value: Number(t.text), line };
      case "string":
        return this.strings();
      case "name":
        if (UNSUPPORTED.has(t.text))
          throw new PySyntaxError(`'${t.text}' is not supported in the playground's Python`, line);
        if (t.text === "None" || t.text === "True" || t.text === "False") {
          this.next();
          return { kind: "const", value: t.text === "None" ? null : t.text === "True", line };
        }
        if (
          [
            "lambda",
            "if",
            "else",
            "for",
            "in",
            "not",
            "and",
            "or",
            "is",
            "def",
            "class",
            "return",
            "import",
            "from",
            "with",
            "as",
            "while",
            "pass",
          ].includes(t.text)
        )
          this.fail("expected an expression");
        this.next();
        return { kind: "name", id: t.text, line };
      case "op":
        if (this.accept("...")) return { kind: "const", value: "...", isEllipsis: true, line };
        if (this.accept("(")) {
          if (this.accept(")")) return { kind: "tuple", elts: [], line };
          const first = this.is("*") ? this.starred() : this.namedExpr();
          if (this.isName("for")) {
            const gen = this.comprehension("gen", first, null, line);
            this.expect(")");
            return gen;
          }
          if (!this.is(",")) {
            this.expect(")");
            return first;
          }
          const elts = [first];
          while (this.accept(",") && !this.is(")"))
            elts.push(this.is("*") ? this.starred() : this.namedExpr());
          this.expect(")");
          return { kind: "tuple", elts, line };
        }
        if (this.accept("[")) {
          const elts: Expr[] = [];
          while (!this.is("]")) {
            const e = this.is("*") ? this.starred() : this.namedExpr();
            if (elts.length === 0 && this.isName("for")) {
              const comp = this.comprehension("list", e, null, line);
              this.expect("]");
              return comp;
            }
            elts.push(e);
            if (!this.accept(",")) break;
          }
          this.expect("]");
          return { kind: "list", elts, line };
        }
        if (this.accept("{")) return this.dictOrSet(line);
    }
    this.fail("expected an expression");
  }

  protected dictOrSet(line: number): Expr {
    if (this.accept("}")) return { kind: "dict", keys: [], values: [], line };
    const keys: (Expr | null)[] = [];
    const values: Expr[] = [];
    const elts: Expr[] = [];
    let isDict = false;
    while (!this.is("}")) {
      if (this.accept("**")) {
        isDict = true;
        keys.push(null);
        values.push(this.bitOr());
      } else {
        const k = this.expression();
        if (this.accept(":")) {
          isDict = true;
          const v = this.expression();
          if (keys.length === 0 && this.isName("for")) {
            const comp = this.comprehension("dict", k, v, line);
            this.expect("}");
            return comp;
          }
          keys.push(k);
          values.push(v);
        } else {
          if (elts.length === 0 && this.isName("for")) {
            const comp = this.comprehension("set", k, null, line);
            this.expect("}");
            return comp;
          }
          elts.push(k);
        }
      }
      if (!this.accept(",")) break;
    }
    this.expect("}");
    return isDict ? { kind: "dict", keys, values, line } : { kind: "set", elts, line };
  }

  protected comprehension(
    type: "list" | "set" | "dict" | "gen",
    elt: Expr,
    value: Expr | null,
    line: number,
  ): Expr {
    const generators: Comprehension[] = [];
    while (this.accept("for", "name")) {
      const target = this.targetList();
      this.expect("in", "name");
      const iter = this.orExpr();
      const ifs: Expr[] = [];
      while (this.accept("if", "name")) ifs.push(this.orExpr());
      generators.push({ target, iter, ifs });
    }
    return { kind: "comp", type, elt, value, generators, line };
  }

  /** Adjacent string literals concatenate; f-strings split into text and `{expr!c:spec}` parts. */
  protected strings(): Expr {
    const line = this.tok.line;
    const parts: FStringPart[] = [];
    let formatted = false;
    while (this.tok.kind === "string") {
      const t = this.next();
      const raw = t.prefix!.includes("r");
      if (t.prefix!.includes("b")) throw new PySyntaxError("bytes literals are not supported", t.line);
      if (t.prefix!.includes("f")) {
        formatted = true;
        parts.push(...parseFString(t.text, raw, t.line, parseEmbedded));
      } else parts.push(unescape(t.text, raw, t.line));
    }
    if (!formatted) return { kind: "const", value: parts.join(""), line };
    return { kind: "fstring", parts, line };
  }
}

export function checkTarget(e: Expr): Expr {
  if (e.kind === "name" || e.kind === "attr" || e.kind === "subscript") return e;
  if (e.kind === "tuple" || e.kind === "list") {
    e.elts.forEach(checkTarget);
    return e;
  }
  if (e.kind === "starred") return e;
  throw new PySyntaxError(`cannot assign to ${e.kind === "call" ? "function call" : "expression"}`, e.line);
}
