// Thousands of random calls over every public entry point, in a child process (see fuzz_child.ts): no
// JS-internal error, no ignored option, no accepted invalid size, no crash and no hang.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

const child = fileURLToPath(new URL("./fuzz_child.ts", import.meta.url));

it.each([1, 2, 3])(
  "random calls with seed %i raise only Python's errors, in plain words",
  (seed) => {
    const run = spawnSync(process.execPath, ["--import", "tsx", child], {
      env: { ...process.env, FUZZ_SEED: String(seed), NODE_NO_WARNINGS: "1" },
      encoding: "utf8",
      timeout: 240_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(run.error, "the child process hung or could not start").toBeUndefined();
    expect(run.status, run.stderr.slice(-2000)).toBe(0);
    const report = JSON.parse(run.stdout) as {
      calls: number;
      violations: { target: string; args: string; problem: string }[];
    };
    expect(report.calls).toBeGreaterThan(1000);
    expect(report.violations.slice(0, 20)).toEqual([]);
  },
  300_000,
);
