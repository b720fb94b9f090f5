// The README's TypeScript, as programs to paste into the playground: the opening snippet and each snippet of
// "A tour, following the first tutorial" (a snippet that starts on a name it does not declare continues the
// one before it, as the tour's last two do). What each should print comes from the README's own comments:
// `console.log(...); // tensor(6.)` prints `tensor(6.)`, and `...; // RuntimeError: ...` raises that error there.
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export interface TourProgram {
  readonly code: string;
  /** The printed lines, in order. */
  readonly prints: string[];
  /** Whether the README says a warning is printed too. */
  readonly warns: boolean;
  readonly error: { readonly line: number; readonly text: string } | null;
}

const README = resolve(dirname(fileURLToPath(import.meta.url)), "../../README.md");

function tsBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => m[1].replace(/\n$/, ""));
}

function declares(code: string): Set<string> {
  return new Set([...code.matchAll(/\b(?:const|let|var|function)\s+([A-Za-z_$][\w$]*)/g)].map((m) => m[1]));
}

export function readmeTour(): TourProgram[] {
  const readme = readFileSync(README, "utf8");
  const start = readme.indexOf("## A tour");
  const end = readme.indexOf("\n## ", start + 1);
  if (start < 0 || end < 0) throw new Error("README.md has no section '## A tour'");
  const snippets = [tsBlocks(readme)[0], ...tsBlocks(readme.slice(start, end))];
  const programs: string[] = [];
  for (const snippet of snippets) {
    const first = /^\s*([A-Za-z_$][\w$]*)/.exec(snippet)?.[1];
    const continues =
      programs.length > 0 && first !== undefined && !/^(const|let|var|function|import|console)$/.test(first);
    if (continues && !declares(snippet).has(first)) programs[programs.length - 1] += `\n${snippet}`;
    else programs.push(snippet);
  }
  return programs.map((code) => {
    const prints: string[] = [];
    let error: TourProgram["error"] = null;
    let warns = false;
    code.split("\n").forEach((line, i) => {
      const comment = /;\s*\/\/\s*(.*)$/.exec(line)?.[1];
      if (comment === undefined) return;
      const said = comment.replace(/\s{2,}\(.*$/, "");
      if (/^\s*console\.log\(/.test(line)) {
        prints.push(said);
        if (/Warning/.test(comment)) warns = true;
      } else if (/^\w*Error: /.test(said)) error = { line: i + 1, text: said };
    });
    return { code, prints, warns, error };
  });
}
