// Expected values from scripts/gen_autograd_fixtures.py (real PyTorch 1.13).
import { readFileSync } from "node:fs";
import { expect } from "vitest";

export interface ExpectedError {
  type: string;
  message: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON of many shapes; each test reads its own.
export const fx: Record<string, any> = JSON.parse(
  readFileSync(new URL("../fixtures/autograd.json", import.meta.url), "utf8"),
) as Record<string, unknown>;

/** Expects fn to throw PyTorch's error (class name and the message's first line). */
export function expectPyError(fn: () => unknown, expected: ExpectedError): void {
  let caught: unknown = null;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught, `expected ${expected.type}: ${expected.message}`).toBeInstanceOf(Error);
  const err = caught as Error;
  expect(err.name).toBe(expected.type);
  expect(err.message.split("\n")[0]).toBe(expected.message);
}

/** Nested number arrays equal to within a relative tolerance. */
export function expectAllClose(actual: unknown, expected: unknown, rtol = 1e-6, atol = 1e-7): void {
  const flat = (v: unknown): number[] => (Array.isArray(v) ? v.flatMap(flat) : [v as number]);
  const a = flat(actual);
  const e = flat(expected);
  expect(a.length).toBe(e.length);
  a.forEach((x, i) => {
    expect(Math.abs(x - e[i]), `element ${i}: ${x} vs ${e[i]}`).toBeLessThanOrEqual(
      atol + rtol * Math.abs(e[i]),
    );
  });
}
