// torch.nn.parallel as PyTorch 1.13 runs it without GPUs: data_parallel fails at the step PyTorch's does,
// with its error (test/fixtures/devices.json, from scripts/gen_device_fixtures.py).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as torch from "../../src/index.js";

const { nn } = torch;
const expected = JSON.parse(readFileSync(new URL("../fixtures/devices.json", import.meta.url), "utf8")) as {
  data_parallel_fn: Record<string, [string, string]>;
};
const errorClass: Record<string, new (message: string) => Error> = {
  TypeError,
  IndexError: torch.IndexError,
  ValueError: torch.ValueError,
  RuntimeError: torch.RuntimeError,
};

describe("torch.nn.parallel", () => {
  it("re-exports nn.DataParallel", () => {
    expect(nn.parallel.DataParallel).toBe(nn.DataParallel);
  });

  it("data_parallel raises PyTorch's error for each device argument", () => {
    const model = new nn.Linear(2, 3);
    const x = torch.randn(4, 2);
    for (const [kw, [name, message]] of Object.entries(expected.data_parallel_fn)) {
      const opts = JSON.parse(kw) as Record<string, unknown>;
      expect(() => nn.parallel.data_parallel(model, x, opts), kw).toThrow(message);
      try {
        nn.parallel.data_parallel(model, x, opts);
      } catch (e) {
        expect(e, kw).toBeInstanceOf(errorClass[name]);
        expect((e as Error).message, kw).toBe(message);
      }
    }
  });

  it("data_parallel takes PyTorch's arguments positionally and counts them as CPython does", () => {
    const model = new nn.Linear(2, 3);
    const x = torch.randn(1, 2);
    expect(() => nn.parallel.data_parallel(model, x, [], "cpu")).toThrow(
      new torch.ValueError("Expected a non cpu device, but got: cpu"),
    );
    const call = nn.parallel.data_parallel as (...args: unknown[]) => unknown;
    expect(() => call(model)).toThrow(
      new TypeError("data_parallel() missing 1 required positional argument: 'inputs'"),
    );
    expect(() => call(model, x, null, null, 0, null, 1)).toThrow(
      new TypeError("data_parallel() takes from 2 to 6 positional arguments but 7 were given"),
    );
  });
});
