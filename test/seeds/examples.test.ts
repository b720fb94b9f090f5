// Runs each seed tutorial in examples/seeds/ as a user would (a child process, `import ... from "tensorgrad"`) and
// compares its stdout with the output PyTorch 1.13 prints for the same notebook (examples/seeds/*.expected.txt).
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));
const examplesDir = fileURLToPath(new URL("../../examples/seeds/", import.meta.url));
// Maps the "tensorgrad" import to src/index.ts, so the examples run against the sources without a build.
const aliasTsconfig = fileURLToPath(new URL("./tsconfig.src-alias.json", import.meta.url));

const scripts = readdirSync(examplesDir)
  .filter((f) => /^\d{3}_.*\.ts$/.test(f))
  .sort();

/** What a non-leaf `.grad` access prints on stderr (Node's form of PyTorch's UserWarning). */
const NON_LEAF_WARNING =
  /^\(node:\d+\) UserWarning: The \.grad attribute of a Tensor that is not a leaf Tensor/;

describe("seed tutorials in examples/seeds print what PyTorch prints", () => {
  it("has the five seed notebooks, each with its expected output", () => {
    expect(scripts).toHaveLength(5);
    for (const script of scripts)
      expect(existsSync(examplesDir + script.replace(/\.ts$/, ".expected.txt"))).toBe(true);
  });

  for (const script of scripts) {
    it(script, () => {
      const run = spawnSync(process.execPath, ["--import", "tsx", `examples/seeds/${script}`], {
        cwd: root,
        encoding: "utf8",
        env: { ...process.env, TSX_TSCONFIG_PATH: aliasTsconfig, NODE_NO_WARNINGS: undefined },
      });
      expect(run.status, run.stderr).toBe(0);
      const expected = readFileSync(examplesDir + script.replace(/\.ts$/, ".expected.txt"), "utf8");
      expect(run.stdout).toBe(expected);
      // Only the non-leaf .grad UserWarning may reach stderr (once per access, with Node's trace hint).
      const stderrLines = run.stderr.split("\n").filter((line) => line.trim() !== "");
      const unexpected = stderrLines.filter(
        (line) => !NON_LEAF_WARNING.test(line) && !line.startsWith("(Use `node --trace-warnings"),
      );
      expect(unexpected).toEqual([]);
    });
  }
});
