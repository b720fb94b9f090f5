// TypeScript mode (playground/src/source.ts): TypeScript pasted from the README runs as written, types
// stripped with its lines kept, "tensorgrad" imports bound to the playground's torch.
import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { runCode } from "../../playground/src/runner.js";
import { bindImports, seedForPlayground, stripTypes } from "../../playground/src/source.js";
import { readmeTour } from "./readme_tour.js";

const seeds = resolve(import.meta.dirname, "../../examples/seeds");

describe("TypeScript mode", () => {
  const tour = readmeTour();

  it("finds the README's TypeScript tour", () => {
    expect(tour.length).toBeGreaterThanOrEqual(5);
    expect(tour[0].code).toContain('import * as torch from "tensorgrad";');
    expect(tour.some((p) => p.error !== null)).toBe(true);
  });

  it.each(tour.map((p, i) => [i, p] as const))(
    "runs README snippet %i and prints what the README says",
    async (_, p) => {
      const r = await runCode(p.code, "typescript");
      const logs = r.output.filter((o) => o.kind === "log").map((o) => o.text);
      expect(logs).toEqual(p.prints);
      expect(r.output.some((o) => o.kind === "warn")).toBe(p.warns);
      if (p.error) expect(r.error && `${r.error.name}: ${r.error.message}`).toBe(p.error.text);
      else expect(r.error).toBeNull();
      if (p.error) expect(r.error!.line).toBe(p.error.line);
    },
  );

  it("runs the seed tutorials' TypeScript ports and prints their expected output", async () => {
    const files = readdirSync(seeds).filter((f) => /^\d{3}_.*\.ts$/.test(f));
    expect(files).toHaveLength(5);
    for (const file of files) {
      const r = await runCode(seedForPlayground(readFileSync(resolve(seeds, file), "utf8")), "typescript");
      expect(r.error, file).toBeNull();
      const want = readFileSync(resolve(seeds, file.replace(/\.ts$/, ".expected.txt")), "utf8");
      const got = r.output
        .filter((o) => o.kind === "log")
        .map((o) => `${o.text}\n`)
        .join("");
      expect(got, file).toBe(want);
    }
  });

  it("keeps every line where it was", () => {
    const ts = [
      "interface Point {",
      "  x: number;",
      "}",
      "type T = torch.Tensor;",
      "const p = torch.tensor(1.0) as T;",
      "function f(t: T): T { return t!; }",
    ].join("\n");
    const js = stripTypes(ts);
    expect(js.split("\n")).toHaveLength(6);
    expect(js.split("\n")[4]).toMatch(/^const p = torch\.tensor\(1\.0\)\s*;$/);
    expect(js).not.toMatch(/interface|: T|as T/);
  });

  it("binds the imports of tensorgrad, and names any other module at its line", async () => {
    expect(
      bindImports(
        'import * as tg from "tensorgrad";\nimport {\n  tensor,\n  nn as n,\n} from "tensorgrad";\nx',
      ),
    ).toBe("const tg = torch;\nconst {\n  tensor,\n  nn: n,\n} = torch;\nx");
    const r = await runCode('const a = 1;\nimport fs from "node:fs";\nconsole.log(a, fs);', "typescript");
    expect(r.error).toEqual({
      name: "Error",
      message: "Cannot find module 'node:fs': the playground gives only 'tensorgrad' (as torch)",
      line: 2,
    });
    const bad = await runCode("const a: number = ;", "typescript");
    expect(bad.error).toMatchObject({ name: "SyntaxError", line: 1 });
  });

  it("reports a warning and a runtime error at the TypeScript line", async () => {
    const r = await runCode(
      [
        "interface Named { t: torch.Tensor }",
        "const x: torch.Tensor = torch.tensor(2.0, { requires_grad: true });",
        "const n: Named = { t: x.mul(3) };",
        "n.t.backward();",
        "console.log(n.t.grad);",
        "torch.ones(2).add(torch.ones(3));",
      ].join("\n"),
      "typescript",
    );
    expect(r.output.map((o) => [o.kind, o.line])).toEqual([
      ["warn", 5],
      ["log", null],
    ]);
    expect(r.error).toMatchObject({ name: "RuntimeError", line: 6 });
  });
});
