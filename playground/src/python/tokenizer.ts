// Python's tokens for the playground's Python mode: names, numbers (int and float kept apart), strings
// (with r/f prefixes and triple quotes), operators, and the NEWLINE/INDENT/DEDENT structure of blocks.
// Brackets join lines, as in Python; comments and blank lines make no tokens.

export class PySyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = "SyntaxError";
  }
}

export type TokenKind = "name" | "int" | "float" | "string" | "op" | "newline" | "indent" | "dedent" | "eof";

export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  readonly line: number;
  /** Strings: the prefix letters, lower-cased ("f", "r", "rf", ""). */
  readonly prefix?: string;
}

const OPERATORS = [
  "**=", "//=", ">>=", "<<=", "...", "->", ":=",
  "+=", "-=", "*=", "/=", "%=", "@=", "&=", "|=", "^=", "**", "//", "<<", ">>", "<=", ">=", "==", "!=",
  "+", "-", "*", "/", "%", "@", "&", "|", "^", "~", "<", ">", "(", ")", "[", "]", "{", "}", ",", ":", ".",
  ";", "=",
]; // prettier-ignore

const NAME_START = /[A-Za-z_\u00c0-\uffff]/;
const NAME_CHAR = /[A-Za-z0-9_\u00c0-\uffff]/;
const NUMBER =
  /^(?:0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][+-]?\d[\d_]*)?j?)/;
const STRING_START = /^([rRbBfFuU]{0,2})('''|"""|'|")/;

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  const indents = [0];
  let depth = 0; // open brackets: newlines inside are not statement ends
  let i = 0;
  let line = 1;
  let atLineStart = true;
  const push = (kind: TokenKind, text: string, tokenLine = line, prefix?: string) =>
    tokens.push(
      prefix === undefined ? { kind, text, line: tokenLine } : { kind, text, line: tokenLine, prefix },
    );

  while (i < source.length) {
    if (atLineStart && depth === 0) {
      let col = 0;
      let j = i;
      while (j < source.length && (source[j] === " " || source[j] === "\t")) {
        col += source[j] === "\t" ? 8 - (col % 8) : 1;
        j++;
      }
      // Blank and comment-only lines do not change the indentation.
      if (j >= source.length || source[j] === "\n" || source[j] === "#" || source[j] === "\r") {
        while (j < source.length && source[j] !== "\n") j++;
        i = j + 1;
        line++;
        continue;
      }
      i = j;
      atLineStart = false;
      if (col > indents[indents.length - 1]) {
        indents.push(col);
        push("indent", "");
      } else {
        while (col < indents[indents.length - 1]) {
          indents.pop();
          push("dedent", "");
        }
        if (col !== indents[indents.length - 1])
          throw new PySyntaxError("unindent does not match any outer indentation level", line);
      }
    }
    const ch = source[i];
    if (ch === "\n") {
      if (depth === 0) {
        push("newline", "");
        atLineStart = true;
      }
      line++;
      i++;
      continue;
    }
    if (ch === " " || ch === "\t" || ch === "\r" || ch === "\f") {
      i++;
      continue;
    }
    if (ch === "#") {
      while (i < source.length && source[i] !== "\n") i++;
      continue;
    }
    if (ch === "\\" && source[i + 1] === "\n") {
      i += 2;
      line++;
      continue;
    }
    const rest = source.slice(i, i + 400);
    const str = STRING_START.exec(rest);
    if (str && (str[1] === "" || /^[rRbBfFuU]{1,2}$/.test(str[1]))) {
      const prefix = str[1].toLowerCase();
      const quote = str[2];
      const startLine = line;
      let j = i + str[0].length;
      let text = "";
      for (;;) {
        if (j >= source.length) throw new PySyntaxError("unterminated string literal", startLine);
        if (source.startsWith(quote, j)) break;
        const c = source[j];
        if (c === "\n") {
          if (quote.length === 1) throw new PySyntaxError("unterminated string literal", startLine);
          line++;
        }
        if (c === "\\" && j + 1 < source.length) {
          if (source[j + 1] === "\n") line++;
          text += c + source[j + 1];
          j += 2;
          continue;
        }
        text += c;
        j++;
      }
      i = j + quote.length;
      push("string", text, startLine, prefix);
      continue;
    }
    if (NAME_START.test(ch)) {
      let j = i + 1;
      while (j < source.length && NAME_CHAR.test(source[j])) j++;
      push("name", source.slice(i, j));
      i = j;
      continue;
    }
    if (/\d/.test(ch) || (ch === "." && /\d/.test(source[i + 1] ?? ""))) {
      const m = NUMBER.exec(rest);
      const text = m![0];
      if (text.endsWith("j")) throw new PySyntaxError("complex numbers are not supported", line);
      const isFloat = !/^0[xXoObB]/.test(text) && /[.eE]/.test(text);
      push(isFloat ? "float" : "int", text.replace(/_/g, ""));
      i += text.length;
      continue;
    }
    const op = OPERATORS.find((o) => source.startsWith(o, i));
    if (!op) throw new PySyntaxError(`invalid character '${ch}'`, line);
    if (op === "(" || op === "[" || op === "{") depth++;
    if (op === ")" || op === "]" || op === "}") depth = Math.max(0, depth - 1);
    push("op", op);
    i += op.length;
  }
  if (tokens.length && tokens[tokens.length - 1].kind !== "newline" && !atLineStart) push("newline", "");
  while (indents.length > 1) {
    indents.pop();
    push("dedent", "");
  }
  push("eof", "");
  return tokens;
}

/** A string literal's value: Python's escapes, unless raw. */
export function unescape(text: string, raw: boolean, line: number): string {
  if (raw) return text;
  return text.replace(
    /\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{1,3}|\n|.)/g,
    (_, e: string) => {
      switch (e[0]) {
        case "n":
          return "\n";
        case "t":
          return "\t";
        case "r":
          return "\r";
        case "\\":
          return "\\";
        case "'":
          return "'";
        case '"':
          return '"';
        case "\n":
          return "";
        case "0":
        case "1":
        case "2":
        case "3":
        case "4":
        case "5":
        case "6":
        case "7":
          return String.fromCodePoint(parseInt(e, 8));
        case "x":
        case "u":
        case "U":
          return String.fromCodePoint(parseInt(e.slice(1), 16));
        case "a":
          return "\x07";
        case "b":
          return "\b";
        case "f":
          return "\f";
        case "v":
          return "\v";
        default:
          if (line < 0) throw new PySyntaxError("bad escape", -line);
          return "\\" + e;
      }
    },
  );
}
