// torch.linalg on the native backend against PyTorch's raw LAPACK results (test/fixtures/lapack_native.json,
// scripts/gen_lapack_native_fixtures.py): the native backend calls the routines PyTorch calls, so LU pivots,
// factors and the eigen- and singular-vector signs are compared as they are, without the op tables' sign
// normalisation. Values are compared within a tolerance (docs/testing.md: a LAPACK build elsewhere may round
// differently); how many are bit-identical is printed as a local report, never asserted.
import { existsSync, readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import * as torch from "../../src/index.js";
import { availableBackends } from "../../src/backend/backend.js";
import { loadAddon } from "../../src/backend/native/addon.js";
import { nativeLapack } from "../../src/backend/native/lapack.js";
import { onBackend } from "../helpers/backends.js";

const built = existsSync(new URL("../../build/Release/tensorgrad_native.node", import.meta.url));
const loaded = built ? loadAddon() : null;
const addon = loaded && "addon" in loaded ? loaded.addon : null;
const skipReason = !built
  ? "the addon is not built (node scripts/build_native.mjs)"
  : !addon || !availableBackends().includes("native")
    ? `the addon did not load (${loaded && "error" in loaded ? loaded.error : "no native backend"})`
    : null;
if (skipReason) console.warn(`lapack_native: skipped, ${skipReason}`);

interface Case {
  name: string;
  dtype: "float32" | "float64";
  shape: number[];
  seed: number;
  results: Record<string, number[]>;
}
const fixture = JSON.parse(
  readFileSync(new URL("../fixtures/lapack_native.json", import.meta.url), "utf8"),
) as {
  cases: Case[];
  errors: { name: string; shape: number[]; nan_at: number[]; error: string }[];
};

/** The fixture script's lcg_matrix: values in [-1, 1) from a linear congruential generator. */
function randomValues(count: number, seed: number): number[] {
  // In BigInt: s * 1103515245 passes 2^53, where a double would round it.
  let s = BigInt(seed);
  return Array.from({ length: count }, () => {
    s = (s * 1103515245n + 12345n) % 2147483648n;
    return Number(s) / 1073741824 - 1;
  });
}

function input(c: Case): torch.Tensor {
  const count = c.shape.reduce((a, b) => a * b, 1);
  return torch
    .tensor(randomValues(count, c.seed), { dtype: torch.float64 })
    .reshape(c.shape)
    .to(c.dtype === "float32" ? torch.float32 : torch.float64);
}

const values = (t: torch.Tensor): number[] =>
  Array.from(t.contiguous().to(torch.float64).flatten().tolist() as number[]);

/** Elements equal to the last bit, per result: the same-machine report. */
const bitReport = new Map<string, [identical: number, total: number]>();

/**
 * |actual - expected| <= tol * max(1, max |expected|) elementwise: float64 to 1e-10 of the scale, float32 to 2e-4
 * (room for another LAPACK build's rounding on these conditioning numbers); a flipped vector sign is off by twice
 * its entries and fails.
 */
function expectNear(what: string, dtype: string, actual: number[], expected: number[]): void {
  expect(actual.length, `${what}: element count`).toBe(expected.length);
  const scale = Math.max(1, ...expected.map(Math.abs));
  const tol = (dtype === "float64" ? 1e-10 : 2e-4) * scale;
  let worst = 0;
  let at = -1;
  let identical = 0;
  for (let i = 0; i < expected.length; i++) {
    const d = Math.abs(actual[i] - expected[i]);
    if (Object.is(actual[i], expected[i])) identical++;
    if (!(d <= worst)) [worst, at] = [d, i];
  }
  bitReport.set(what, [identical, expected.length]);
  expect(worst, `${what}[${at}]: got ${actual[at]}, PyTorch ${expected[at]}`).toBeLessThanOrEqual(tol);
}

describe.skipIf(skipReason !== null)(
  "torch.linalg on the native backend gives PyTorch's LAPACK results",
  () => {
    onBackend("native");
    afterAll(() => {
      const lines = [...bitReport].map(([k, [same, total]]) => `  ${k}: ${same}/${total} bit-identical`);
      console.log(
        `lapack_native (this machine's LAPACK against PyTorch's, not asserted):\n${lines.join("\n")}`,
      );
    });

    it.each(fixture.cases.map((c) => [c.name, c] as const))("%s", (_name, c) => {
      const A = input(c);
      const r = c.results;
      const check = (key: string, t: torch.Tensor) =>
        expectNear(`${c.name} ${key}`, c.dtype, values(t), r[key]);
      const [LU, pivots] = torch.linalg.lu_factor(A);
      check("lu", LU);
      expect(values(pivots), `${c.name} pivots`).toEqual(r.pivots);
      const [Q, R] = torch.linalg.qr(A);
      check("qr_Q", Q);
      check("qr_R", R);
      const [Qc, Rc] = torch.linalg.qr(A, "complete");
      check("qr_complete_Q", Qc);
      check("qr_complete_R", Rc);
      const [U, S, Vh] = torch.linalg.svd(A, false);
      check("svd_U", U);
      check("svd_S", S);
      check("svd_Vh", Vh);
      const [Uf, , Vhf] = torch.linalg.svd(A);
      check("svd_full_U", Uf);
      check("svd_full_Vh", Vhf);
      check("svdvals", torch.linalg.svdvals(A));
      if (!("eigh_values" in r)) return;
      const rhsShape = [...c.shape.slice(0, -1), 2];
      const rhs = torch
        .tensor(
          randomValues(
            rhsShape.reduce((x, y) => x * y, 1),
            c.seed + 100,
          ),
          { dtype: torch.float64 },
        )
        .reshape(rhsShape)
        .to(A.dtype);
      check("solve", torch.linalg.solve(A, rhs));
      check("inv", torch.linalg.inv(A));
      const sym = A.add(A.mT);
      const [w, v] = torch.linalg.eigh(sym);
      check("eigh_values", w);
      check("eigh_vectors", v);
      const [wu, vu] = torch.linalg.eigh(sym, "U");
      check("eigh_upper_values", wu);
      check("eigh_upper_vectors", vu);
      check("eigvalsh", torch.linalg.eigvalsh(sym));
      const n = c.shape[c.shape.length - 1];
      const spd = sym.add(torch.eye(n, { dtype: A.dtype }).mul(2 * n + 1));
      check("cholesky", torch.linalg.cholesky(spd));
      check("cholesky_upper", torch.linalg.cholesky(spd, { upper: true }));
    });
  },
);

describe.skipIf(skipReason !== null)(
  "LAPACK's info becomes PyTorch's LinAlgError on the native backend",
  () => {
    onBackend("native");

    // PyTorch's class name and text, recorded: a singular matrix with one NaN, alone and as batch element 1.
    it.each(fixture.errors.map((e) => [e.name, e] as const))("%s", (_name, e) => {
      const values = torch
        .eye(2, { dtype: torch.float64 })
        .expand(e.shape)
        .contiguous()
        .flatten()
        .tolist() as number[];
      values[e.nan_at.reduce((offset, index, dim) => offset * e.shape[dim] + index, 0)] = NaN;
      const withNan = torch.tensor(values, { dtype: torch.float64 }).reshape(e.shape);
      let raised = "nothing";
      try {
        torch.linalg.svd(withNan);
      } catch (err) {
        raised = `${(err as Error).name}: ${(err as Error).message}`;
      }
      expect(raised).toBe(e.error);
    });
  },
);

describe.skipIf(skipReason !== null)(
  "the native Lapack's float32 routines (s*) give LAPACK's float32 digits",
  () => {
    const lapack = addon ? nativeLapack(addon) : null;
    const f32 = fixture.cases.filter((c) => c.dtype === "float32");

    it.each(f32.map((c) => [c.name, c] as const))("%s: getrf, geqrf, gesdd on Float32Array", (_name, c) => {
      const [m, n] = c.shape.slice(-2);
      const batch = c.shape.length > 2 ? c.shape[0] : 1;
      const a = Float32Array.from(randomValues(batch * m * n, c.seed));
      const lu = Float32Array.from(a);
      const { pivots, info } = lapack!.getrf(lu as unknown as Float64Array, batch, m, n);
      expect(Array.from(info)).toEqual(new Array(batch).fill(0));
      expect(Array.from(pivots)).toEqual(c.results.pivots);
      expectNear(`${c.name} s getrf`, "float32", Array.from(lu), c.results.lu);
      const svd = lapack!.gesvd(Float32Array.from(a) as unknown as Float64Array, batch, m, n, false, true);
      expect(svd.s).toBeInstanceOf(Float32Array);
      expectNear(`${c.name} s gesdd S`, "float32", Array.from(svd.s), c.results.svd_S);
      expectNear(`${c.name} s gesdd U`, "float32", Array.from(svd.u), c.results.svd_U);
      expectNear(`${c.name} s gesdd Vh`, "float32", Array.from(svd.vh), c.results.svd_Vh);
    });

    it("returns LAPACK's info: getrf's first zero pivot, potrf's first non-positive minor, per batch element", () => {
      // [[1, 2], [2, 4]] is singular (U[1][1] = 0); [[1, 2], [2, 1]] is not positive definite at order 2.
      const singular = Float64Array.from([1, 2, 2, 4, 2, 1, 1, 3]);
      expect(Array.from(lapack!.getrf(singular, 2, 2, 2).info)).toEqual([2, 0]);
      const indefinite = Float64Array.from([4, 2, 2, 5, 1, 2, 2, 1]);
      expect(Array.from(lapack!.potrf(indefinite, 2, 2, false))).toEqual([0, 2]);
      const nan = Float64Array.from([NaN, 1, 1, 2]);
      expect(lapack!.gesvd(nan, 1, 2, 2, false, true).info[0]).not.toBe(0);
    });
  },
);
