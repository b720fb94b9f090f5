// Tolerant comparisons of tensor values with PyTorch fixtures.
import { expect } from "vitest";

export type Encoded = number | string | boolean | null | Encoded[];

/** Fixture values back to numbers ("nan"/"inf" strings, booleans as 0/1), flattened row-major. */
export function decodeFlat(values: Encoded): number[] {
  if (Array.isArray(values)) return values.flatMap(decodeFlat);
  if (values === "nan") return [NaN];
  if (values === "inf") return [Infinity];
  if (values === "-inf") return [-Infinity];
  if (typeof values === "boolean") return [values ? 1 : 0];
  return [values as number];
}

/** Relative tolerance of `ulps` float32 ulps (or a tight float64 one), plus an absolute slack (`absTol`). */
export function expectClose(
  actual: ArrayLike<number>,
  expected: number[],
  dtype: string,
  ulps = 1,
  what = "values",
  absTol = 0,
): void {
  expect(actual.length, `${what}: element count`).toBe(expected.length);
  const rtol = dtype === "float32" ? ulps * 2 ** -23 : dtype === "float64" ? 1e-12 * ulps : 0;
  const atol = Math.max(absTol, dtype === "float32" ? 1e-37 : dtype === "float64" ? 1e-300 : 0);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i];
    const e = expected[i];
    if (Number.isNaN(e)) {
      expect(Number.isNaN(a), `${what}[${i}]: expected NaN, got ${a}`).toBe(true);
      continue;
    }
    if (!Number.isFinite(e)) {
      expect(a, `${what}[${i}]`).toBe(e);
      continue;
    }
    const ok = Math.abs(a - e) <= atol + rtol * Math.max(Math.abs(e), Math.abs(a));
    expect(ok, `${what}[${i}]: got ${a}, PyTorch ${e} (tolerance ${ulps} ulp)`).toBe(true);
  }
}
