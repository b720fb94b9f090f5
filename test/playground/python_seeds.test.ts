// Python mode runs every cell of the five seed notebooks as written and prints what PyTorch 1.13 printed
// for it (test/fixtures/playground/seed_cells.json, recorded by scripts/gen_playground_seed_fixtures.py):
// print output, the Out[n] repr of a last bare expression, errors as the traceback's last line, warnings.
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { PythonSession, runCell } from "../../playground/src/python/index.js";
import { runCode, splitCells } from "../../playground/src/runner.js";
import * as torch from "../../src/index.js";

interface Cell {
  label: string;
  line: number;
  code: string;
  stdout: string;
  warnings: { category: string; message: string; line: number }[];
}
const notebooks = JSON.parse(
  readFileSync(new URL("../fixtures/playground/seed_cells.json", import.meta.url), "utf8"),
) as { notebook: string; cells: Cell[] }[];

describe("Python mode runs the seed notebooks", () => {
  for (const { notebook, cells } of notebooks) {
    it(`${notebook}: every cell prints what PyTorch printed`, () => {
      torch.manual_seed(0);
      const session = new PythonSession({ write: () => {} });
      const got = cells.map((cell) => {
        const r = runCell(session, cell.code);
        return {
          label: `${cell.label} (notebook line ${cell.line})`,
          stdout: r.stdout,
          warnings: r.warnings,
        };
      });
      const want = cells.map((cell) => ({
        label: `${cell.label} (notebook line ${cell.line})`,
        stdout: cell.stdout,
        warnings: cell.warnings,
      }));
      expect(got).toEqual(want);
    });
  }
});

describe("the playground's Python examples are the seed notebooks", () => {
  const dir = new URL("../../playground/examples/", import.meta.url);
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".py"))
    .sort();

  it("one example per notebook, one # %% cell per notebook cell", () => {
    expect(files).toHaveLength(notebooks.length);
    files.forEach((file, i) => {
      const cells = splitCells(readFileSync(new URL(file, dir), "utf8")).slice(1); // after the header comment
      expect(cells.map((c) => c.source.replace(/^# %%.*\n/, "").replace(/\n+$/, ""))).toEqual(
        notebooks[i].cells.map((c) => c.code),
      );
    });
  });

  it("each example prints in the playground what the notebook printed", async () => {
    for (const [i, file] of files.entries()) {
      torch.manual_seed(0);
      const r = await runCode(readFileSync(new URL(file, dir), "utf8"), "python");
      const printed = r.output.filter((o) => o.kind !== "warn").map((o) => `${o.text}\n`);
      expect(printed.join(""), file).toBe(notebooks[i].cells.map((c) => c.stdout).join(""));
      expect(r.output.filter((o) => o.kind === "warn").length).toBe(
        notebooks[i].cells.reduce((n, c) => n + c.warnings.length, 0),
      );
    }
  });
});
