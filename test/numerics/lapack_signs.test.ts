// linalg.svd and linalg.eigh against PyTorch 1.13 (test/fixtures/numerics/lapack.json, from
// scripts/gen_numerics_fixtures.py), signs included: the TypeScript backend ports dgesdd's and dsyevd's steps
// (src/backend/js/lapack_gesdd.ts, lapack_syevd.ts), so its singular and eigenvectors come out as LAPACK's, not
// merely up to sign. Values are compared to a tolerance (OpenBLAS's kernels sum in their own order; float32
// inputs run in float32 arithmetic in PyTorch, in float64 here).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as torch from "../../src/index.js";
import { availableBackends } from "../../src/backend/backend.js";
import { onBackend } from "../helpers/backends.js";

interface Case {
  op: "svd" | "eigh";
  dtype: "float32" | "float64";
  shape: number[];
  full?: boolean;
  uplo?: "L" | "U";
  a: string;
  out: string[];
}
const fixture = JSON.parse(
  readFileSync(new URL("../fixtures/numerics/lapack.json", import.meta.url), "utf8"),
) as { cases: Case[] };

function decode(b64: string, dtype: string): number[] {
  const bytes = Buffer.from(b64, "base64");
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  return Array.from(dtype === "float32" ? new Float32Array(copy.buffer) : new Float64Array(copy.buffer));
}

/** The largest |actual - expected| over the values, relative to the largest |expected| (at least 1). */
function worst(actual: torch.Tensor, expected: number[]): number {
  const values = actual.contiguous().values();
  expect(values.length).toBe(expected.length);
  const scale = Math.max(1, ...expected.map(Math.abs));
  let d = 0;
  for (let i = 0; i < expected.length; i++) d = Math.max(d, Math.abs(values[i] - expected[i]) / scale);
  return d;
}

describe.each(availableBackends())(
  "linalg.svd and linalg.eigh vectors as PyTorch's on the %s backend",
  (name) => {
    onBackend(name);
    for (const c of fixture.cases) {
      const what =
        c.op === "svd"
          ? `svd(a[${c.shape.join(", ")}], full_matrices=${c.full}) ${c.dtype}`
          : `eigh(a[${c.shape.join(", ")}], UPLO=${c.uplo}) ${c.dtype}`;
      it(what, () => {
        const dtype = c.dtype === "float32" ? torch.float32 : torch.float64;
        const a = torch.tensor(decode(c.a, c.dtype), { dtype }).reshape(c.shape);
        const outs = (c.op === "svd"
          ? torch.linalg.svd(a, c.full)
          : torch.linalg.eigh(a, c.uplo)) as unknown as torch.Tensor[];
        const tol = c.dtype === "float32" ? 1e-4 : 1e-10;
        c.out.forEach((b64, i) =>
          expect(worst(outs[i], decode(b64, c.dtype)), `output ${i}`).toBeLessThan(tol),
        );
      });
    }
  },
);
