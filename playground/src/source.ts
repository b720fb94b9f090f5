// The JavaScript the playground runs, from what was pasted: TypeScript's types stripped by sucrase (which
// keeps every line where it was, so errors and warnings stay at the user's lines), and the imports of
// "tensorgrad" bound to the torch the playground gives (a README snippet runs as pasted). Line for line.
import { transform } from "sucrase";

/** A problem in the pasted code itself, at its line (a TypeScript syntax error, an import of another module). */
export class SourceError extends Error {
  constructor(
    name: string,
    message: string,
    readonly line: number | null,
  ) {
    super(message);
    this.name = name;
  }
}

const LIBRARY = "tensorgrad";

/** `{ a, b as c }` as a destructuring pattern, `{ a, b: c }`. */
function bindingsPattern(specifiers: string): string {
  return specifiers.replace(/\b([\w$]+)\s+as\s+([\w$]+)/g, "$1: $2");
}

/** Pads a replacement with the newlines of what it replaces, so the lines after it do not move. */
function sameLines(original: string, replacement: string): string {
  const newlines = original.split("\n").length - 1;
  return replacement + "\n".repeat(Math.max(0, newlines - (replacement.split("\n").length - 1)));
}

const IMPORT =
  /^[ \t]*import\s+(?:type\s+)?([\w$]+\s*,\s*)?(\*\s*as\s+[\w$]+|\{[^}]*\}|[\w$]+)?\s*(?:from\s*)?(["'])([^"']+)\3\s*;?/gm;

/** Imports of "tensorgrad" become bindings of the given `torch`; `export` is dropped (the code is one scope). */
export function bindImports(js: string): string {
  const out = js.replace(
    IMPORT,
    (
      whole: string,
      first: string | undefined,
      rest: string | undefined,
      _q,
      from: string,
      offset: number,
    ) => {
      if (from !== LIBRARY) {
        const line = js.slice(0, offset).split("\n").length;
        throw new SourceError(
          "Error",
          `Cannot find module '${from}': the playground gives only '${LIBRARY}' (as torch)`,
          line,
        );
      }
      const bindings: string[] = [];
      for (const part of [first?.replace(/,\s*$/, ""), rest]) {
        if (!part) continue;
        const spec = part.trim();
        if (spec.startsWith("{")) bindings.push(`const ${bindingsPattern(spec)} = torch;`);
        else {
          const name = spec.replace(/^\*\s*as\s+/, "");
          if (name !== "torch") bindings.push(`const ${name} = torch;`);
        }
      }
      return sameLines(whole, bindings.join(" "));
    },
  );
  return out
    .replace(/^([ \t]*)export\s+default\s+(?=(?:async\s+)?(?:function|class)\b)/gm, "$1")
    .replace(/^([ \t]*)export\s+(?=(?:const|let|var|function|async|class)\b)/gm, "$1")
    .replace(/^[ \t]*export\s*\{[^}]*\}\s*;?/gm, (m) => sameLines(m, ""));
}

/** TypeScript without its types: interfaces, type aliases, annotations, `as`, `!` and modifiers go. */
export function stripTypes(ts: string): string {
  try {
    return transform(ts, { transforms: ["typescript"], disableESTransforms: true }).code;
  } catch (e) {
    // sucrase: "Unexpected token (3:14)".
    const message = (e as Error).message;
    const m = /\((\d+):(\d+)\)\s*$/.exec(message);
    throw new SourceError("SyntaxError", message.replace(/\s*\(\d+:\d+\)\s*$/, ""), m ? Number(m[1]) : null);
  }
}

/** A seed tutorial's TypeScript as the playground shows it: its `print` helper is the playground's own. */
export function seedForPlayground(source: string): string {
  return source.replace(
    /^import \{ print \} from "\.\/print\.js";$/m,
    "// print(...) is Python's print, given by the playground (examples/seeds/print.ts in the repository)",
  );
}

/** What runs: the code as JavaScript, with the same lines. */
export function toRunnable(code: string, typescript: boolean): string {
  return bindImports(typescript ? stripTypes(code) : code);
}
