// The random and creation cases of test/ops/random_cases.ts against PyTorch 1.13 (test/fixtures/random.json,
// scripts/gen_random_fixtures.py), on both backends: every value (random draws included, after the same
// manual_seed), dtype, shape, strides, requires_grad, grad_fn, the gradients, how many numbers the generator
// gave out (what it draws next), warnings, and PyTorch's error classes and texts.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { availableBackends } from "../../src/backend/backend.js";
import * as torch from "../../src/index.js";
import { onBackend } from "../helpers/backends.js";
import { warningSink } from "../helpers/warnings.js";
import { RANDOM_CASES, type RandomCase } from "./random_cases.js";

type Nested = number | boolean | string | Nested[];
interface TensorRecord {
  dtype: string;
  shape: number[];
  stride: number[];
  values: Nested;
  requires_grad: boolean;
  grad_fn: string | null;
  version: number;
}
interface Recorded {
  py: string;
  out?: { tensor?: TensorRecord; size?: number[]; python?: string; repr?: string };
  grads?: (TensorRecord | null)[];
  error?: string;
  message?: string;
  after: number[];
  warnings: string[];
}

const FIXTURE = JSON.parse(
  readFileSync(new URL("../fixtures/random.json", import.meta.url), "utf8"),
) as Record<string, Recorded>;

const NON_FINITE: Record<string, number> = { nan: NaN, inf: Infinity, "-inf": -Infinity };
const numbers = (v: Nested): Nested =>
  Array.isArray(v) ? v.map(numbers) : typeof v === "string" ? NON_FINITE[v] : v;

function expectTensor(t: unknown, want: TensorRecord, version: boolean): void {
  expect(t).toBeInstanceOf(torch.Tensor);
  const x = t as torch.Tensor;
  expect(x.dtype.toString()).toBe(`torch.${want.dtype}`);
  expect([...x.shape]).toEqual(want.shape);
  expect(x.stride()).toEqual(want.stride);
  expect(x.detach().tolist()).toEqual(numbers(want.values));
  expect(x.requires_grad).toBe(want.requires_grad);
  expect(x.grad_fn?.name() ?? null).toBe(want.grad_fn);
  if (version) expect(x._version).toBe(want.version);
}

/** A Python value's repr against the JS value the case returned. */
function expectPython(v: unknown, python: string, repr: string): void {
  if (python === "bool") expect(v).toBe(repr === "True");
  else if (python === "int" || python === "float") expect(v).toBe(Number(repr));
  else if (python === "str") expect(`'${String(v)}'`).toBe(repr);
  else throw new Error(`no comparison for Python ${python}`);
}

function check(c: RandomCase, want: Recorded): void {
  torch.manual_seed(c.seed ?? 0);
  let result: unknown;
  let error: unknown = null;
  try {
    result = c.ts();
  } catch (e) {
    error = e;
  }
  if (want.error !== undefined) {
    expect(error, `PyTorch raised ${want.error}: ${want.message}`).not.toBeNull();
    expect((error as Error).name).toBe(want.error);
    expect((error as Error).message).toBe(want.message);
  } else {
    if (error !== null) throw error;
    const hasGrads = result !== null && typeof result === "object" && "grads" in result;
    const out = hasGrads ? (result as { out: unknown }).out : result;
    const recorded = want.out!;
    if (recorded.tensor) expectTensor(out, recorded.tensor, c.version ?? false);
    else if (recorded.size) {
      expect(out).toBeInstanceOf(torch.Size);
      expect([...(out as number[])]).toEqual(recorded.size);
    } else expectPython(out, recorded.python!, recorded.repr!);
    if (want.grads) {
      const grads = (result as { grads: (torch.Tensor | null)[] }).grads;
      expect(grads.length).toBe(want.grads.length);
      want.grads.forEach((g, i) =>
        g === null ? expect(grads[i]).toBeNull() : expectTensor(grads[i], g, false),
      );
    }
  }
  const after = torch.empty(2, { dtype: torch.float64 }).uniform_().tolist();
  expect(after).toEqual(want.after);
  expect(warningSink.recorded.map((w) => w.message)).toEqual(want.warnings);
}

describe("every case has PyTorch's record", () => {
  it("the fixture and the cases list the same names", () => {
    expect(Object.keys(FIXTURE).sort()).toEqual(RANDOM_CASES.map((c) => c.name).sort());
  });
});

describe.each(availableBackends())("random and creation ops on the %s backend", (backendName) => {
  onBackend(backendName);
  it.each(RANDOM_CASES.map((c) => [c.name, c] as const))("%s", (name, c) => {
    check(c, FIXTURE[name]);
  });
});
