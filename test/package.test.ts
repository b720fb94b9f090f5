// The published shape of the package: a plain Node ESM script can `import * as torch from "tensorgrad"`.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";

const root = new URL("..", import.meta.url).pathname;

describe("the tensorgrad package", () => {
  beforeAll(() => {
    // npm ci builds dist/ through `prepare`; build here too so the test also runs on a fresh checkout.
    if (!existsSync(`${root}dist/index.js`))
      execFileSync("npx", ["tsc", "-p", "tsconfig.build.json"], { cwd: root });
  }, 120_000);

  it("imports from a plain ESM script through package exports, with type declarations", () => {
    const script = [
      'import * as torch from "tensorgrad";',
      "const x = torch.tensor(3.0, { requires_grad: true });",
      "const y = x.pow(2);",
      "y.backward();",
      "console.log(String(y.toString()), String(x.grad.toString()));",
    ].join("\n");
    const out = execFileSync("node", ["--input-type=module", "-e", script], { cwd: root, encoding: "utf8" });
    expect(out.trim()).toBe("tensor(9., grad_fn=<PowBackward0>) tensor(6.)");
    expect(existsSync(`${root}dist/index.d.ts`)).toBe(true);
  });
});
