// The memory layout of the linalg results against PyTorch 1.13 (test/fixtures/linalg_strides.json, recorded by
// scripts/gen_linalg_strides_fixtures.py): LAPACK's results come back column-major (each matrix with strides
// (1, rows), not a view) where PyTorch returns them so, and row-major where it does not (linalg.lu, pinv,
// matrix_exp, torch.svd's V); `.view(-1)` then fails or succeeds as it does there. On both backends.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as torch from "../../src/index.js";
import type { Tensor } from "../../src/index.js";
import { availableBackends } from "../../src/backend/backend.js";
import { onBackend } from "../helpers/backends.js";

interface Layout {
  shape: number[];
  stride: number[];
  contiguous: boolean;
  view_ok: boolean;
}
interface Case {
  name: string;
  shape: number[];
  dtype: "float32" | "float64";
  outputs: Layout[];
}
const fixtures = JSON.parse(
  readFileSync(new URL("../fixtures/linalg_strides.json", import.meta.url), "utf8"),
) as { cases: Case[] };

type DType = typeof torch.float64;
/** sin(1..numel) in `shape`, plus the size on the diagonal of square matrices: the generator's inputs. */
function mat(shape: number[], dtype: DType): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const a = torch
    .arange(1, n + 1, { dtype })
    .reshape(shape)
    .sin();
  const [r, c] = shape.slice(-2);
  return shape.length >= 2 && r === c ? a.add(torch.eye(c, { dtype }).mul(c)) : a;
}
const spd = (a: Tensor) =>
  a.matmul(a.mT).add(torch.eye(a.shape.at(-1)!, { dtype: a.dtype }).mul(a.shape.at(-1)!));
const rhs = (a: Tensor, k = 2) => mat([...a.shape.slice(0, -1), k], a.dtype);
const batchRhs = (a: Tensor) => mat([2, a.shape.at(-2)!, 2], a.dtype);

const L = torch.linalg;
const luFactor = (a: Tensor) => [...L.lu_factor(a)] as [Tensor, Tensor];
const one = (t: Tensor) => [t];
const CASES: Record<string, (a: Tensor) => Iterable<Tensor>> = {
  "linalg.svd": (a) => L.svd(a),
  "linalg.svd.reduced": (a) => L.svd(a, false),
  "linalg.svdvals": (a) => one(L.svdvals(a)),
  svd: (a) => torch.svd(a),
  "svd.some_false": (a) => torch.svd(a, false),
  "svd.no_uv": (a) => torch.svd(a, true, false),
  "linalg.eigh": (a) => L.eigh(spd(a)),
  "linalg.eigh.upper": (a) => L.eigh(spd(a), "U"),
  "linalg.eigvalsh": (a) => one(L.eigvalsh(spd(a))),
  "linalg.cholesky": (a) => one(L.cholesky(spd(a))),
  "linalg.cholesky.upper": (a) => one(L.cholesky(spd(a), { upper: true })),
  "linalg.cholesky_ex": (a) => L.cholesky_ex(spd(a)),
  cholesky: (a) => one(torch.cholesky(spd(a))),
  "linalg.inv": (a) => one(L.inv(a)),
  "linalg.inv_ex": (a) => L.inv_ex(a),
  inverse: (a) => one(torch.inverse(a)),
  "inverse.transposed": (a) => one(torch.inverse(a.mT)),
  "linalg.solve": (a) => one(L.solve(a, rhs(a))),
  "linalg.solve.transposed": (a) => one(L.solve(a.mT, rhs(a))),
  "linalg.solve.vector": (a) => one(L.solve(a, mat(a.shape.slice(0, -1), a.dtype))),
  "linalg.solve.broadcast": (a) => one(L.solve(a, batchRhs(a))),
  "linalg.solve.right": (a) => one(L.solve(a, rhs(a).mT.contiguous(), { left: false })),
  "linalg.solve_ex": (a) => L.solve_ex(a, rhs(a)),
  "linalg.lu_factor": (a) => L.lu_factor(a),
  "linalg.lu_factor_ex": (a) => L.lu_factor_ex(a),
  "linalg.lu": (a) => L.lu(a),
  geqrf: (a) => torch.geqrf(a),
  "linalg.qr": (a) => L.qr(a),
  "linalg.qr.complete": (a) => L.qr(a, "complete"),
  "linalg.qr.r": (a) => L.qr(a, "r"),
  "linalg.lstsq": (a) => L.lstsq(a, rhs(a)),
  "linalg.lstsq.vector": (a) => L.lstsq(a, mat(a.shape.slice(0, -1), a.dtype)),
  "linalg.lstsq.gelsd": (a) => L.lstsq(a, rhs(a), { driver: "gelsd" }),
  cholesky_solve: (a) => one(torch.cholesky_solve(rhs(a), L.cholesky(spd(a)))),
  "cholesky_solve.upper": (a) => one(torch.cholesky_solve(rhs(a), L.cholesky(spd(a), { upper: true }), true)),
  triangular_solve: (a) => torch.triangular_solve(rhs(a), a),
  "triangular_solve.broadcast": (a) => torch.triangular_solve(batchRhs(a), a),
  "linalg.solve_triangular": (a) => one(L.solve_triangular(a, rhs(a), { upper: true })),
  "linalg.solve_triangular.right": (a) =>
    one(L.solve_triangular(a, rhs(a).mT, { upper: false, left: false })),
  "linalg.lu_solve": (a) => one(L.lu_solve(...luFactor(a), rhs(a))),
  "linalg.lu_solve.adjoint": (a) => one(L.lu_solve(...luFactor(a), rhs(a), { adjoint: true })),
  "linalg.lu_solve.right": (a) => one(L.lu_solve(...luFactor(a), rhs(a).mT, { left: false })),
  "linalg.lu_solve.broadcast": (a) => one(L.lu_solve(...luFactor(a), batchRhs(a))),
  lu_solve: (a) => one(torch.lu_solve(rhs(a), ...luFactor(a))),
  cholesky_inverse: (a) => one(torch.cholesky_inverse(L.cholesky(spd(a)))),
  "cholesky_inverse.upper": (a) => one(torch.cholesky_inverse(L.cholesky(spd(a), { upper: true }), true)),
  symeig: (a) => torch.symeig(spd(a), true),
  "linalg.matrix_power.inverse": (a) => one(L.matrix_power(a, -1)),
  "linalg.matrix_power.negative": (a) => one(L.matrix_power(a, -2)),
  "linalg.pinv": (a) => one(L.pinv(a)),
  "linalg.matrix_exp": (a) => one(L.matrix_exp(a)),
};

function layout(t: Tensor): Layout {
  let view_ok = true;
  try {
    t.view(-1);
  } catch {
    view_ok = false;
  }
  return { shape: [...t.shape], stride: [...t.stride()], contiguous: t.is_contiguous(), view_ok };
}

describe.each(availableBackends())("linalg result layouts on the %s backend", (backendName) => {
  onBackend(backendName);

  it("covers every recorded op", () => {
    expect(new Set(fixtures.cases.map((c) => c.name))).toEqual(new Set(Object.keys(CASES)));
  });

  it.each(fixtures.cases.map((c) => [`${c.name} ${JSON.stringify(c.shape)} ${c.dtype}`, c] as const))(
    "%s",
    (_, c) => {
      const outs = [...CASES[c.name](mat(c.shape, torch[c.dtype]))];
      expect(outs.map(layout)).toEqual(c.outputs);
    },
  );
});
