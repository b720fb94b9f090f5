// The small examples in examples/ run as users run them (a child process importing "tensorgrad",
// mapped to the sources) and print what they promise.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));
const aliasTsconfig = fileURLToPath(new URL("../seeds/tsconfig.src-alias.json", import.meta.url));

function run(script: string): string {
  const result = spawnSync(process.execPath, ["--import", "tsx", script], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, TSX_TSCONFIG_PATH: aliasTsconfig },
  });
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
}

describe("examples", () => {
  it("logistic_neuron.ts learns a boundary between the classes", () => {
    const out = run("examples/logistic_neuron.ts");
    const boundary = Number(/decision boundary at x = ([\d.]+)/.exec(out)![1]);
    expect(boundary).toBeGreaterThan(2);
    expect(boundary).toBeLessThan(3);
  });

  it("regression.ts recovers y = 3x - 2", () => {
    const out = run("examples/regression.ts");
    const [, slope, sign, intercept] = /learned y = ([\d.]+)x ([+-]) ([\d.]+)/.exec(out)!;
    expect(Number(slope)).toBeCloseTo(3, 1);
    expect(sign === "-" ? -Number(intercept) : Number(intercept)).toBeCloseTo(-2, 1);
  });

  it("advanced_autograd.ts shows each feature working", () => {
    const out = run("examples/advanced_autograd.ts");
    expect(out).toContain(
      "tensor(12., grad_fn=<MulBackward0>) tensor(12., grad_fn=<MulBackward0>) tensor(6.)",
    );
    expect(out).toContain("ExpBackward");
    expect(out).toContain("has been modified by an inplace operation");
    expect(out).toContain("Function 'DivBackward0' returned nan values");
    expect(out).toContain("CheckpointFunctionBackward");
  });
});
