// Python mode's subset, program by program, against what PyTorch 1.13 printed for the same source
// (test/fixtures/playground/programs.json, from programs.py); and its errors: a clear message at the line.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { PythonSession, runCell } from "../../playground/src/python/index.js";
import * as torch from "../../src/index.js";

interface Program {
  name: string;
  code: string;
  stdout: string;
  warnings: { category: string; message: string; line: number }[];
}
const programs = JSON.parse(
  readFileSync(new URL("../fixtures/playground/programs.json", import.meta.url), "utf8"),
) as Program[];

function run(code: string) {
  const session = new PythonSession({ write: () => {} });
  session.globals.vars.set("torch", torch);
  return runCell(session, code);
}

describe("Python mode prints what PyTorch prints", () => {
  for (const program of programs)
    it(program.name, () => {
      torch.manual_seed(0);
      const r = run(program.code);
      expect(r.stdout).toBe(program.stdout);
      expect(r.warnings).toEqual(program.warnings);
    });
});

describe("Python mode's errors name their line", () => {
  it.each([
    ["x = 1\nasync def f():\n  pass", "SyntaxError", 2, "'async' is not supported"],
    ["x = 1\ny = (1,\n", "SyntaxError", 3, "invalid syntax"],
    ["a = 1\nb = nothing + 1", "NameError", 2, "name 'nothing' is not defined"],
    [
      "def f(x):\n    y = x\n    return y.foo\nf(1)",
      "AttributeError",
      3,
      "'int' object has no attribute 'foo'",
    ],
    ["x = 1\n  y = 2", "SyntaxError", 2, "unexpected indent"],
    ["for i in range(2):\nprint(i)", "SyntaxError", 2, "expected an indented block"],
    ["import numpy as np", "ModuleNotFoundError", 1, "No module named 'numpy'"],
    [
      "x = torch.tensor(1.0)\n\nx.backward()",
      "RuntimeError",
      3,
      "element 0 of tensors does not require grad",
    ],
    ["s = 'abc\nt = 1", "SyntaxError", 1, "unterminated string literal"],
    ["x = yield 1", "SyntaxError", 1, "'yield' is not supported"],
  ])("%j", (code, name, line, message) => {
    const r = run(code);
    expect(r.error).toMatchObject({ name, line });
    expect(r.error?.message).toContain(message);
  });

  it("a warning is reported at the line that raised it", () => {
    const r = run("x = torch.tensor(2.0, requires_grad=True)\ny = x * 2\n\nprint(y.grad)");
    expect(r.stdout).toBe("None\n");
    expect(r.warnings).toMatchObject([{ category: "UserWarning", line: 4 }]);
  });

  it("cells share one session, as a notebook's do", () => {
    const session = new PythonSession({ write: () => {} });
    expect(runCell(session, "import torch\nx = torch.tensor([1.0, 2.0], requires_grad=True)").stdout).toBe(
      "",
    );
    expect(runCell(session, "y = (x * x).sum()\ny.backward()\nx.grad").stdout).toBe("tensor([2., 4.])\n");
  });
});
