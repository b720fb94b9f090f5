// torch.multinomial against PyTorch 1.13's draws for the same seed: the samples, how many numbers each call
// takes from the generator (what it draws next), and the error texts. Fixtures: scripts/gen_multinomial_fixtures.py.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as torch from "../../src/index.js";

interface Spec {
  name: string;
  dtype?: "float32" | "float64" | "int64";
  num_samples: number;
  replacement?: boolean;
  seed?: number;
  generator?: boolean;
  transpose?: boolean;
  step?: number;
  out?: "float32";
  /** A row of zeros of this many categories with ones at these. */
  ones_at?: number[];
  categories?: number;
}
type Nested = number | string | Nested[];
interface Sample {
  spec: Spec & { values?: Nested };
  values?: Nested;
  shape: number[];
  result: Nested;
  after: number[];
}
interface Fixture {
  samples: Record<string, Sample>;
  ties: Record<string, Sample>;
  errors: Record<string, { spec: Spec & { values: Nested }; type: string; message: string }>;
}

const fixture = JSON.parse(
  readFileSync(new URL("../fixtures/multinomial.json", import.meta.url), "utf8"),
) as Fixture;

const NON_FINITE: Record<string, number> = { nan: NaN, inf: Infinity, "-inf": -Infinity };
const floats = (v: Nested): Nested =>
  Array.isArray(v) ? v.map(floats) : typeof v === "string" ? NON_FINITE[v] : v;

/** The recorded input with the recorded layout: column-major for `transpose`, a strided view for `step`. */
function input(spec: Spec, values: Nested, shape?: number[]): torch.Tensor {
  const dtype = torch[spec.dtype ?? "float32"];
  let t = torch.tensor(floats(values) as number[], { dtype });
  if (shape !== undefined && t.numel() === 0) t = t.reshape(shape.length === 2 ? [0, shape[1]] : shape);
  if (spec.transpose) t = t.t().contiguous().t();
  if (spec.step) t = torch.stack([t, torch.zeros_like(t), torch.zeros_like(t)], 1).select(1, 0);
  return t;
}

function run(
  spec: Spec & { values?: Nested },
  recorded: Nested | undefined,
  shape: number[],
): { result: torch.Tensor; after: number[] } {
  const values =
    spec.ones_at !== undefined
      ? Array.from({ length: spec.categories! }, (_, j) => (spec.ones_at!.includes(j) ? 1 : 0))
      : (spec.values ?? recorded!);
  const t = input(spec, values, shape);
  let generator: torch.Generator = torch.default_generator;
  if (spec.generator) generator = new torch.Generator().manual_seed(spec.seed!);
  else torch.manual_seed(spec.seed!);
  const result = spec.generator
    ? torch.multinomial(t, spec.num_samples, spec.replacement ?? false, { generator })
    : t.multinomial(spec.num_samples, { replacement: spec.replacement ?? false });
  const after = torch.empty(2, { dtype: torch.float64 }).uniform_({ generator }).tolist() as number[];
  return { result, after };
}

describe("torch.multinomial draws PyTorch's samples", () => {
  it.each(Object.entries(fixture.samples))("%s", (_, row) => {
    const { result, after } = run(row.spec, row.values, row.shape);
    expect(result.dtype).toBe(torch.int64);
    expect(result.shape).toEqual(row.shape);
    expect(result.tolist()).toEqual(row.result);
    expect(after).toEqual(row.after);
  });
});

// Zero-probability categories all score 0 and tie: PyTorch leaves them in the order libstdc++'s partial_sort
// (k * 64 <= n) or nth_element + sort moves them to (src/backend/js/libstdcxx_sort.ts).
describe("ties among zero probabilities", () => {
  it.each(Object.entries(fixture.ties))("%s", (_, row) => {
    const { result, after } = run(row.spec, row.values, row.shape);
    expect(result.tolist()).toEqual(row.result);
    expect(after).toEqual(row.after);
  });
});

describe("errors", () => {
  it.each(Object.entries(fixture.errors))("%s", (_, row) => {
    const t = input(row.spec, row.spec.values);
    const call = () =>
      row.spec.out !== undefined
        ? torch.multinomial(t, row.spec.num_samples, row.spec.replacement ?? false, {
            out: torch.empty(0, { dtype: torch[row.spec.out] }),
          })
        : torch.multinomial(t, row.spec.num_samples, row.spec.replacement ?? false);
    let error: unknown;
    try {
      call();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).constructor.name).toBe(row.type);
    expect((error as Error).message).toBe(row.message);
  });

  it("out= receives the samples", () => {
    const out = torch.empty(0, { dtype: torch.int64 });
    torch.manual_seed(0);
    const r = torch.multinomial(torch.tensor([0.2, 0.8]), 3, true, { out });
    expect(r).toBe(out);
    expect(out.shape).toEqual([3]);
  });
});

describe("Tensor.nelement and element_size", () => {
  it("nelement is numel", () => {
    expect(torch.zeros([3, 4]).nelement()).toBe(12);
    expect(torch.tensor(1).nelement()).toBe(1);
    expect(() => (torch.zeros([2]) as unknown as { nelement(n: number): number }).nelement(1)).toThrow(
      "Tensor.nelement() takes no arguments (1 given)",
    );
  });

  it("element_size is the item size in bytes", () => {
    expect(torch.zeros([2]).element_size()).toBe(4);
    expect(torch.zeros([2], { dtype: torch.float64 }).element_size()).toBe(8);
    expect(torch.zeros([2], { dtype: torch.int64 }).element_size()).toBe(8);
    expect(torch.zeros([2], { dtype: torch.bool }).element_size()).toBe(1);
  });
});
