// The README's first command: `npm run demo` trains the MLP on the real MNIST digits and must reach
// 0.95 test accuracy. Runs the script as a user would (a child process importing "tensorgrad"),
// mapped to the sources so no build is needed.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import * as torch from "../../src/index.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const aliasTsconfig = fileURLToPath(new URL("../seeds/tsconfig.src-alias.json", import.meta.url));

function runDemo(args: string[]) {
  return spawnSync(process.execPath, ["--import", "tsx", "examples/mnist/train.ts", ...args], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, TSX_TSCONFIG_PATH: aliasTsconfig },
  });
}

describe("the MNIST demo", () => {
  it("trains the MLP to at least 0.95 test accuracy and saves loadable safetensors weights", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tensorgrad-demo-"));
    const out = join(dir, "mlp.safetensors");
    try {
      const run = runDemo(["--out", out]);
      expect(run.status, run.stderr).toBe(0);
      const lines = run.stdout.trim().split("\n");
      const last = lines[lines.length - 1];
      expect(last).toMatch(/^test accuracy: 0\.\d{4}$/);
      expect(Number(last.split(": ")[1])).toBeGreaterThanOrEqual(0.95);
      expect(run.stdout).toMatch(/epoch 8\/8 .* loss \d\.\d{4} acc 0\.\d{4} \d+ samples\/s/);
      expect(existsSync(out)).toBe(true);
      const weights = await torch.load(out);
      expect(Object.keys(weights).sort()).toEqual([
        "1.bias",
        "1.weight",
        "4.bias",
        "4.weight",
        "7.bias",
        "7.weight",
      ]);
      expect([...weights["1.weight"].shape]).toEqual([256, 784]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 600_000);

  it("explains its options and rejects bad ones", () => {
    const help = runDemo(["--help"]);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("--model mlp|cnn");
    const bad = runDemo(["--epochs", "0"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("--epochs must be a positive integer");
  });
});
