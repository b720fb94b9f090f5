// Bad arguments to the native addon, raw and through its TypeScript checks, must throw, never crash.
// The calls run in a child process (tsx), so a segfault fails the tests instead of killing vitest.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));
const built = existsSync(`${root}build/Release/tensorgrad_native.node`);
const child = fileURLToPath(new URL("./native_safety_child.ts", import.meta.url));
const tsx = `${root}node_modules/tsx/dist/cli.mjs`;

/** Names of the bad calls in native_safety_child.ts (kept here so the list shows in the test report). */
const BAD_CALLS = [
  "raw unary no args",
  "raw unary int array",
  "raw unary offset past end",
  "raw unary huge stride",
  "raw unary negative stride",
  "raw unary short out",
  "raw unary mixed types",
  "raw unary bad op",
  "raw unary shape string",
  "raw unary fractional offset",
  "raw unary 17 dims",
  "raw binary b out of bounds",
  "raw binary negative shape",
  "raw gemm a too short",
  "raw gemm small lda",
  "raw gemm batch overrun",
  "raw gemm bad accumulate",
  "checked gemm bad accumulate",
  "raw gemm negative m",
  "raw reduceRows overrun",
  "raw reduceRows argmax float32 out",
  "raw reduceRows bad op",
  "checked unary offset past end",
  "checked unary stride overrun",
  "checked unary NaN offset",
  "checked binary strides length",
  "checked binary int64 storage mismatch",
  "checked gemm transposed overrun",
  "checked gemm out length",
  "checked reduceRows zero cols",
  "checked reduceRows argmin short out",
  "checked unary not an array",
  "raw sumIter no args",
  "raw sumIter x out of bounds",
  "raw sumIter out out of bounds",
  "raw sumIter strides length",
  "raw sumIter mixed types",
  "raw sumIter negative size",
  "raw softmax no args",
  "raw softmax float64",
  "raw softmax overrun",
  "raw softmax short out",
  "raw softmax lastDim with inner",
  "raw softmax huge sizes",
  "raw softmax bad log flag",
  "checked sumIter x overrun",
  "checked sumIter out overrun",
  "checked sumIter fractional size",
  "checked sumIter out type",
  "checked softmax overrun",
  "checked softmax out length",
  "checked softmax not float32",
  "checked softmax negative inner",
  "raw sigmoidBackward no args",
  "raw sigmoidBackward g overrun",
  "raw sigmoidBackward mixed types",
  "raw thresholdBackward x overrun",
  "raw thresholdBackward threshold string",
  "raw softmaxBackward sizes mismatch out",
  "raw softmaxBackward y overrun",
  "raw softmaxBackward zero dim",
  "raw softmaxBackward huge sizes",
  "checked sigmoidBackward y overrun",
  "checked thresholdBackward out type",
  "checked softmaxBackward out length",
  "raw bceWithLogits float64",
  "raw bceWithLogits y overrun",
  "raw bceWithLogitsBackward bad gStride",
  "raw bceWithLogitsBackward g overrun",
  "checked bceWithLogitsBackward zero divisor",
];

if (!built) {
  console.warn(
    "native_safety: build/Release/tensorgrad_native.node is not built; skipping (npm rebuild tensorgrad)",
  );
}

describe.skipIf(!built)("native addon argument safety (child process)", () => {
  const outcomes = new Map<string, string>();
  let exit = "";
  beforeAll(() => {
    const r = spawnSync(process.execPath, [tsx, child], { cwd: root, encoding: "utf8", timeout: 60_000 });
    exit = `status ${r.status}, signal ${r.signal}, stderr ${r.stderr.slice(-500)}`;
    for (const line of r.stdout.split("\n").filter(Boolean)) {
      const { name, result } = JSON.parse(line) as { name: string; result: string };
      outcomes.set(name, result);
    }
  });

  it("the child process exits normally (no crash)", () => {
    expect(exit).toMatch(/^status 0, signal null/);
  });

  it.each(BAD_CALLS)("%s throws an Error", (name) => {
    expect(outcomes.get(name), exit).toMatch(/^threw: /);
  });

  it.each(["good unary", "good sumIter", "good thresholdBackward", "good softmax"])(
    "a valid call after the bad ones computes the right values (%s)",
    (name) => {
      expect(outcomes.get(name), exit).toBe("returned");
    },
  );
});
