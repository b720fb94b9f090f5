// torch.linalg.eig / eigvals against PyTorch 1.13 (test/fixtures/linalg_eig.json, from scripts/gen_eig_fixtures.py):
// eigenvalues in LAPACK's order and eigenvectors with LAPACK's signs and phases (no normalisation here) on real,
// complex-pair, repeated, defective, tiny-scaled, batched and larger matrices, float64 and float32, on every
// backend: the native one calls OpenBLAS's sgeev / dgeev as PyTorch does, the TypeScript one ports dgeev's steps
// in float64 (src/backend/js/eig.ts). Tolerances: OpenBLAS's kernels sum in their own order, float32 inputs run
// in float32 in PyTorch, and the vectors of repeated or defective eigenvalues are ill-conditioned. Also the
// errors (and, without a gradient, eigvals' LAPACK results) for inputs holding inf or nan.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as torch from "../../src/index.js";
import { availableBackends } from "../../src/backend/backend.js";
import { onBackend } from "../helpers/backends.js";

interface Case {
  name: string;
  dtype: "float32" | "float64";
  shape: number[];
  a: (number | string)[];
  tol: number;
  eigenvalues: (number | string)[];
  eigenvectors: (number | string)[];
  eigvals: (number | string)[];
  /** Per eigenvector ([...batch, n]): whether PyTorch's sign survives one-ulp changes of the input. */
  sign_stable: boolean[];
}
interface ErrorOutcome {
  type: string;
  message: string;
}
interface ErrorCase {
  name: string;
  dtype: "float32" | "float64";
  shape: number[];
  a: (number | string)[];
  eig: ErrorOutcome | null;
  eigvals_grad: ErrorOutcome | null;
  eigvals: ErrorOutcome | null;
  eigvals_values?: (number | string)[];
}
const fixture = JSON.parse(readFileSync(new URL("../fixtures/linalg_eig.json", import.meta.url), "utf8")) as {
  cases: Case[];
  errors: ErrorCase[];
};

/** The fixture's numbers, NaN and infinities written as "nan", "inf", "-inf". */
const nums = (xs: (number | string)[]) =>
  xs.map((x) => (x === "inf" ? Infinity : x === "-inf" ? -Infinity : Number(x)));

const input = (c: { a: (number | string)[]; shape: number[]; dtype: string }) =>
  torch.tensor(nums(c.a), { dtype: c.dtype === "float32" ? torch.float32 : torch.float64 }).reshape(c.shape);

/** A complex tensor's (re, im) values, flattened as torch.view_as_real(t).flatten(). */
const parts = (t: torch.Tensor) =>
  Array.from(torch.view_as_real(t.contiguous()).contiguous().values() as ArrayLike<number>);

/** The largest |actual - expected| relative to the largest |expected| (at least 1); NaNs must match. */
function worst(actual: number[], expected: number[]): number {
  expect(actual.length).toBe(expected.length);
  const scale = Math.max(1, ...expected.filter(Number.isFinite).map(Math.abs));
  let d = 0;
  for (let i = 0; i < expected.length; i++) {
    if (Number.isNaN(expected[i]) || Number.isNaN(actual[i])) {
      expect(Number.isNaN(actual[i]), `element ${i}`).toBe(Number.isNaN(expected[i]));
      continue;
    }
    d = Math.max(d, Math.abs(actual[i] - expected[i]) / scale);
  }
  return d;
}

describe.each(availableBackends())("torch.linalg.eig as PyTorch's on the %s backend", (name) => {
  onBackend(name);
  for (const c of fixture.cases) {
    it(`${c.name} [${c.shape.join(", ")}] ${c.dtype}`, () => {
      const a = input(c);
      const [w, v] = torch.linalg.eig(a) as unknown as torch.Tensor[];
      expect(w.dtype).toBe(c.dtype === "float32" ? torch.complex64 : torch.complex128);
      expect(worst(parts(w), nums(c.eigenvalues)), "eigenvalues").toBeLessThan(c.tol);
      // Each eigenvector (column j of matrix b) with its sign and phase; one whose sign PyTorch's own LAPACK
      // flips under one-ulp input noise (sign_stable false: a knife edge of rounding), up to sign.
      const n = c.shape[c.shape.length - 1];
      const got = parts(v);
      const want = nums(c.eigenvectors);
      c.sign_stable.forEach((stable, k) => {
        const [b, j] = [Math.floor(k / n), k % n];
        const column = (xs: number[], sign: number) =>
          Array.from({ length: 2 * n }, (_, t) => sign * xs[2 * (b * n * n + (t >> 1) * n + j) + (t & 1)]);
        const d = worst(column(got, 1), column(want, 1));
        const flipped = stable ? d : Math.min(d, worst(column(got, -1), column(want, 1)));
        expect(flipped, `eigenvector ${j} of matrix ${b}${stable ? "" : " (up to sign)"}`).toBeLessThan(
          c.tol,
        );
      });
      expect(worst(parts(torch.linalg.eigvals(a)), nums(c.eigvals)), "eigvals").toBeLessThan(c.tol);
    });
  }
  it("eigvals with a gradient computes the vectors too and keeps LinalgEigBackward0", () => {
    const c = fixture.cases.find((k) => k.name === "complex pairs" && k.dtype === "float64")!;
    const a = input(c).requires_grad_();
    const w = torch.linalg.eigvals(a);
    expect(worst(parts(w), nums(c.eigvals))).toBeLessThan(c.tol);
    expect(w.grad_fn?.name()).toBe("LinalgEigBackward0");
  });
  for (const e of fixture.errors) {
    it(`${e.name} [${e.shape.join(", ")}] ${e.dtype}: errors and eigvals' LAPACK outcome`, () => {
      const a = input(e);
      const outcome = (f: () => unknown) => {
        try {
          f();
        } catch (err) {
          return { type: (err as Error).name, message: (err as Error).message };
        }
        return null;
      };
      const rename = (o: ErrorOutcome | null) =>
        o && { type: o.type === "RuntimeError" ? "RuntimeError" : o.type, message: o.message };
      expect(outcome(() => torch.linalg.eig(a))).toEqual(rename(e.eig));
      expect(outcome(() => torch.linalg.eigvals(a.clone().requires_grad_()))).toEqual(rename(e.eigvals_grad));
      expect(outcome(() => torch.linalg.eigvals(a))).toEqual(rename(e.eigvals));
      if (e.eigvals_values)
        expect(worst(parts(torch.linalg.eigvals(a)), nums(e.eigvals_values))).toBeLessThan(1e-6);
    });
  }
});
