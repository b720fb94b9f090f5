// torch.nn.init against real PyTorch 1.13 (scripts/gen_init_fixtures.py, test/fixtures/nn/init.json), on both
// backends: each case replays a fill after manual_seed and compares its values, its warnings, and the
// generator's next draw (which shows the fill took as many random numbers as PyTorch's). The fills are
// PyTorch's samples, compared exactly; orthogonal_ goes through a QR factorization (LAPACK) and trunc_normal_
// through erfinv, so those are compared within a tolerance.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { availableBackends } from "../../src/backend/backend.js";
import * as torch from "../../src/index.js";
import { catch_warnings } from "../../src/warnings.js";
import { onBackend } from "../helpers/backends.js";
import { decodeFlat, expectClose, type Encoded } from "../helpers/compare.js";

interface InitCase {
  fn: string;
  shape: number[];
  dtype: "float32" | "float64";
  args: unknown[];
  kwargs: Record<string, unknown>;
  seed: number;
  values: Encoded;
  same: boolean;
  warnings: [string, string][];
  next: number;
}

const FIXTURE = JSON.parse(readFileSync("test/fixtures/nn/init.json", "utf8")) as {
  cases: InitCase[];
  gains: { args: unknown[]; gain: number }[];
};
const init = torch.nn.init as unknown as Record<string, (...args: unknown[]) => torch.Tensor>;

/**
 * Tolerance in ulps where the fill goes through LAPACK or erfinv, or float64 normal_ on fewer than 16 elements
 * (PyTorch's scalar Box-Muller, whose libm log/sin/cos tensorgrad's sampler differs from by an ulp at times:
 * src/tensor/random.ts); null where PyTorch's samples must match exactly.
 */
function ulpsOf(c: InitCase): number | null {
  if (c.fn.startsWith("orthogonal")) return 64;
  if (c.fn.startsWith("trunc_normal")) return 4;
  const numel = c.shape.reduce((a, b) => a * b, 1);
  if (c.dtype === "float64" && numel < 16 && /normal|sparse/.test(c.fn)) return 1;
  return null;
}

for (const backend of availableBackends()) {
  describe(`nn.init on ${backend}`, () => {
    onBackend(backend);
    FIXTURE.cases.forEach((c, i) => {
      it(`${i} ${c.fn}(${JSON.stringify(c.shape)}, ${c.dtype}, ${JSON.stringify(c.args)}, ${JSON.stringify(c.kwargs)})`, () => {
        torch.manual_seed(c.seed);
        const t = torch.empty(c.shape, { dtype: torch[c.dtype] });
        const args = Object.keys(c.kwargs).length > 0 ? [...c.args, c.kwargs] : c.args;
        const { result: r, warnings } = catch_warnings(() => init[c.fn](t, ...args));
        const seen = warnings.map((x) => [x.category, x.message]);
        expect(r === t).toBe(c.same);
        expect(seen).toEqual(c.warnings);
        expect(r.shape).toEqual(c.shape);
        const expected = decodeFlat(c.values);
        const actual = Array.from(r.flatten().tolist() as number[]);
        const ulps = ulpsOf(c);
        if (ulps === null) expect(actual).toEqual(expected);
        else expectClose(actual, expected, c.dtype, ulps, c.fn, c.dtype === "float32" ? 1e-6 : 1e-12);
        expect(torch.rand(1).item()).toBe(c.next);
      });
    });
  });
}

describe("nn.init.calculate_gain", () => {
  for (const g of FIXTURE.gains)
    it(JSON.stringify(g.args), () => {
      expect(init.calculate_gain(...g.args)).toBe(g.gain);
    });
});
