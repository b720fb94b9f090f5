// Sizes beyond memory (docs/memory.md), grad-mode callbacks that are async, and warnings shown at the line
// that raised them.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it, vi } from "vitest";
import * as torch from "../../src/index.js";
import { randpermIndices, randpermInto } from "../../src/tensor/random.js";
import { catch_warnings, emitWarning } from "../../src/warnings.js";
import { warningSink } from "../helpers/warnings.js";

const allocator = (
  JSON.parse(readFileSync(new URL("../fixtures/int64.json", import.meta.url), "utf8")) as {
    allocator: { call: string; error: [string, string] }[];
  }
).allocator;

/** The call and how long it took to throw. */
function timedError(fn: () => unknown): { error: [string, string] | null; ms: number } {
  const started = performance.now();
  try {
    fn();
    return { error: null, ms: performance.now() - started };
  } catch (e) {
    return { error: [(e as Error).name, (e as Error).message], ms: performance.now() - started };
  }
}

describe("sizes beyond memory get PyTorch's allocator error at once", () => {
  afterEach(() => torch.set_allocation_limit(null));
  const calls: Record<string, () => unknown> = {
    "zeros(1e12)": () => torch.zeros(1e12),
    "zeros([1e6, 1e6], dtype=float64)": () => torch.zeros([1e6, 1e6], { dtype: torch.float64 }),
    "randperm(2**40)": () => torch.randperm(2 ** 40),
    "ones(2**40, dtype=bool)": () => torch.ones(2 ** 40, { dtype: torch.bool }),
    "empty(2**62)": () => torch.empty(2 ** 62),
    "empty(2**61)": () => torch.empty(2 ** 61),
    "empty(2**60)": () => torch.empty(2 ** 60),
    "zeros([2**31, 2**31, 4])": () => torch.zeros([2 ** 31, 2 ** 31, 4]),
    "zeros([2**31, 2**31, 2], dtype=bool)": () => torch.zeros([2 ** 31, 2 ** 31, 2], { dtype: torch.bool }),
    "zeros([2**32, 2**32, 0])": () => torch.zeros([2 ** 32, 2 ** 32, 0]),
  };
  for (const c of allocator) {
    it(c.call, () => {
      const { error, ms } = timedError(calls[c.call]!);
      expect(error).toEqual(c.error);
      expect(ms).toBeLessThan(100);
    });
  }

  it("refuses randperm(2**31) before its shuffle (16 GiB of int64, over the 4 GiB default)", () => {
    const { error, ms } = timedError(() => torch.randperm(2 ** 31));
    expect(error?.[1]).toMatch(
      /DefaultCPUAllocator: can't allocate memory: you tried to allocate 17179869184 bytes/,
    );
    expect(ms).toBeLessThan(100);
  });

  it("refuses a conv2d whose padding makes im2col's buffer too large, before building its plan", () => {
    const conv = () =>
      torch.nn.functional.conv2d(torch.zeros(1, 1, 3, 3), torch.zeros(1, 1, 2, 2), { padding: 1e12 });
    expect(conv).toThrow(torch.RuntimeError);
    expect(conv).toThrow(/DefaultCPUAllocator: can't allocate memory/);
  });

  it("randpermInto shuffles a storage in place exactly as randperm does", () => {
    const seeded = () => new torch.Generator().manual_seed(7);
    const inPlace = randpermInto(new Float64Array(50), seeded());
    expect(Array.from(inPlace)).toEqual(randpermIndices(50, seeded()));
    expect(Array.from(inPlace)).toEqual(torch.randperm(50, { generator: seeded() }).tolist());
  });

  it("has a default of at most 4 GiB, which set_allocation_limit moves", () => {
    expect(torch.get_allocation_limit()).toBeLessThanOrEqual(2 ** 32);
    torch.set_allocation_limit(1000);
    expect(torch.zeros(250).shape).toEqual([250]);
    expect(() => torch.zeros(251)).toThrow("you tried to allocate 1004 bytes");
    expect(() => torch.arange(300)).toThrow("you tried to allocate 2400 bytes");
    torch.set_allocation_limit(null);
    expect(torch.zeros(251).shape).toEqual([251]);
    expect(() => torch.set_allocation_limit(-1)).toThrow(TypeError);
  });
});

describe("grad-mode callbacks refuse async functions before running any of them", () => {
  const modes: [string, (fn: () => unknown) => unknown][] = [
    ["torch.no_grad", (fn) => torch.no_grad(fn)],
    ["torch.enable_grad", (fn) => torch.enable_grad(fn)],
    ["torch.set_grad_enabled", (fn) => torch.set_grad_enabled(false, fn)],
    ["torch.inference_mode", (fn) => torch.inference_mode(fn)],
    ["torch.inference_mode", (fn) => torch.inference_mode(false, fn)],
  ];
  for (const [name, run] of modes) {
    it(`${name}(async () => ...)`, () => {
      let ran = false;
      const body = async () => {
        ran = true;
        await Promise.resolve();
      };
      expect(() => run(body)).toThrow(TypeError);
      expect(() => run(body)).toThrow(
        `${name} runs synchronous functions only (grad mode is a global switch, so it would not apply after an 'await'): call ${name}(() => ...) around the synchronous steps inside the async function instead`,
      );
      expect(ran).toBe(false);
      expect(torch.is_grad_enabled()).toBe(true);
    });

    it(`${name}: a plain function returning a promise is refused, its rejection handled`, async () => {
      const unhandled = vi.fn();
      process.on("unhandledRejection", unhandled);
      try {
        expect(() => run(() => Promise.reject(new Error("inside")))).toThrow(
          /runs synchronous functions only/,
        );
        await new Promise((resolve) => setTimeout(resolve, 10));
        expect(unhandled).not.toHaveBeenCalled();
        expect(torch.is_grad_enabled()).toBe(true);
      } finally {
        process.off("unhandledRejection", unhandled);
      }
    });
  }

  it("keeps the synchronous form", () => {
    const x = torch.tensor([1.0], { requires_grad: true });
    expect(torch.no_grad(() => x.mul(2)).requires_grad).toBe(false);
    expect(x.mul(2).requires_grad).toBe(true);
  });
});

describe("warnings show where Python shows them", () => {
  const root = fileURLToPath(new URL("../../", import.meta.url));
  const run = (code: string, ...flags: string[]) =>
    spawnSync(process.execPath, [...flags, "--import", "tsx", "--input-type=module", "-e", code], {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, NODE_NO_WARNINGS: undefined },
    });

  it("prints synchronously, between the lines around the one that raised it", () => {
    // stdout and stderr into one pipe (fd 2 duplicated onto fd 1), so the order is the order of writes.
    const code = `
      import { emitWarning } from "./src/warnings.ts";
      import { writeSync } from "node:fs";
      writeSync(2, "before\\n");
      emitWarning("The .grad attribute of a Tensor that is not a leaf Tensor is being accessed.");
      writeSync(2, "after\\n");`;
    const result = run(code);
    expect(result.status, result.stderr).toBe(0);
    const lines = result.stderr.split("\n").filter((l) => l !== "");
    expect(lines[0]).toBe("before");
    expect(lines[1]).toMatch(
      /^\(node:\d+\) UserWarning: The \.grad attribute of a Tensor that is not a leaf Tensor/,
    );
    expect(lines[lines.length - 1]).toBe("after");
  });

  it("shows a warning once per place that raises it, as Python's default filter does", () => {
    const code = `
      import { emitWarning } from "./src/warnings.ts";
      const warnHere = () => emitWarning("from a loop");
      for (let i = 0; i < 3; i++) warnHere();
      emitWarning("from a loop");
      emitWarning("another message");`;
    const result = run(code);
    expect(result.status, result.stderr).toBe(0);
    const warnings = result.stderr.split("\n").filter((l) => l.includes("UserWarning"));
    expect(warnings.map((l) => l.replace(/^\(node:\d+\) /, ""))).toEqual([
      "UserWarning: from a loop",
      "UserWarning: from a loop",
      "UserWarning: another message",
    ]);
  });

  it("honours --no-warnings and reaches process.on('warning') listeners at once", () => {
    const code = `
      import { emitWarning } from "./src/warnings.ts";
      const seen = [];
      process.on("warning", (w) => seen.push(w.name + ": " + w.message));
      emitWarning("first");
      emitWarning("second", "DeprecationWarning");
      console.log(JSON.stringify(seen));`;
    const result = run(code, "--no-warnings");
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout.trim()).toBe(JSON.stringify(["UserWarning: first", "DeprecationWarning: second"]));
    expect(result.stderr).not.toMatch(/Warning/);
  });

  it("catch_warnings records instead of showing, innermost first", () => {
    const outer = catch_warnings(() => {
      emitWarning("a");
      const inner = catch_warnings(() => {
        emitWarning("b", "DeprecationWarning");
        return 3;
      });
      expect(inner).toEqual({ result: 3, warnings: [{ message: "b", category: "DeprecationWarning" }] });
      emitWarning("c");
    });
    expect(outer.warnings.map((w) => w.message)).toEqual(["a", "c"]);
    expect(warningSink.recorded).toEqual([]);
  });

  it("goes to the test setup's warningSink in tests, for assertions", () => {
    const warn = vi.spyOn(warningSink, "emit");
    const x = torch.tensor(4.0, { requires_grad: true });
    const y = x.pow(2);
    expect(y.grad).toBeNull();
    expect(warn).toHaveBeenCalledWith(
      expect.stringMatching(/^The \.grad attribute of a Tensor that is not a leaf Tensor is being accessed/),
      "UserWarning",
    );
    warn.mockRestore();
    expect(warningSink.recorded.length).toBe(1);
  });
});
