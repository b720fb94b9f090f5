// f-strings: literal text, `{{`/`}}`, and `{expr!conversion:spec}` fields (the spec may hold fields itself),
// with Python 3.8's self-documenting `{x=}`. The expressions are parsed by the caller's parser.
import type { Expr } from "./ast.js";
import { PySyntaxError, unescape } from "./tokenizer.js";

export type FStringPart = string | { expr: Expr; conversion: string; spec: Expr | null };

export function parseFString(
  text: string,
  raw: boolean,
  line: number,
  parseExpr: (source: string, line: number) => Expr,
): FStringPart[] {
  const parts: FStringPart[] = [];
  let literal = "";
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === "{" && text[i + 1] === "{") {
      literal += "{";
      i += 2;
    } else if (c === "}" && text[i + 1] === "}") {
      literal += "}";
      i += 2;
    } else if (c === "{") {
      if (literal) parts.push(unescape(literal, raw, line));
      literal = "";
      // Find the end of the expression: the first top-level `!`, `:` or `}` outside brackets and strings.
      let depth = 0;
      let j = i + 1;
      let quote: string | null = null;
      for (; j < text.length; j++) {
        const d = text[j];
        if (quote) {
          if (d === quote) quote = null;
        } else if (d === "'" || d === '"') quote = d;
        else if ("([{".includes(d)) depth++;
        else if (")]}".includes(d) && depth > 0) depth--;
        else if (depth === 0 && (d === "}" || d === ":" || (d === "!" && text[j + 1] !== "="))) break;
      }
      const exprText = text.slice(i + 1, j);
      const selfDoc = /=\s*$/.test(exprText) && !/[=!<>]=\s*$/.test(exprText);
      const expr = parseExpr(selfDoc ? exprText.replace(/=\s*$/, "") : exprText, line);
      if (selfDoc) parts.push(exprText);
      let conversion = selfDoc ? "r" : "";
      if (text[j] === "!") {
        conversion = text[j + 1];
        j += 2;
      }
      let spec: Expr | null = null;
      if (text[j] === ":") {
        let k = j + 1;
        let nested = 0;
        for (; k < text.length; k++) {
          if (text[k] === "{") nested++;
          else if (text[k] === "}") {
            if (nested === 0) break;
            nested--;
          }
        }
        const specParts = parseFString(text.slice(j + 1, k), raw, line, parseExpr);
        spec = { kind: "fstring", parts: specParts, line };
        j = k;
      }
      if (text[j] !== "}") throw new PySyntaxError("f-string: expecting '}'", line);
      parts.push({ expr, conversion, spec });
      i = j + 1;
    } else if (c === "}") {
      throw new PySyntaxError("f-string: single '}' is not allowed", line);
    } else {
      literal += c;
      i++;
    }
  }
  if (literal) parts.push(unescape(literal, raw, line));
  return parts;
}
