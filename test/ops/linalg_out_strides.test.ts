// The layout of linalg out= tensors against PyTorch 1.13 (test/fixtures/numerics/linalg_out_strides.json, from
// scripts/gen_linalg_out_strides_fixtures.py): an out of zero elements or of the wrong shape is resized, with the
// result's column-major strides for the structured LAPACK kernels (set_output_strided) and row-major for
// torch.cholesky and cholesky_solve (cholesky_inverse: column-major only from zero elements); an out of the right
// shape keeps its strides. On every backend.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as torch from "../../src/index.js";
import type { Tensor } from "../../src/index.js";
import { availableBackends } from "../../src/backend/backend.js";
import { onBackend } from "../helpers/backends.js";

interface Case {
  op: string;
  kind: "empty" | "wrong_shape" | "right_shape";
  outs?: { shape: number[]; stride: number[] }[];
  error?: string;
}
const { cases } = JSON.parse(
  readFileSync(new URL("../fixtures/numerics/linalg_out_strides.json", import.meta.url), "utf8"),
) as { cases: Case[] };

/** sin(1..numel) in `shape`, plus the size on the diagonal of square matrices: the generator's inputs. */
function mat(shape: number[]): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const a = torch
    .arange(1, n + 1, { dtype: torch.float64 })
    .reshape(shape)
    .sin();
  const [r, c] = shape.slice(-2);
  return shape.length >= 2 && r === c ? a.add(torch.eye(c, { dtype: torch.float64 }).mul(c)) : a;
}

const L = torch.linalg;
type Call = (o: Tensor[]) => unknown;
function ops(): Record<string, [Call, (typeof torch.int32 | null)[]]> {
  const A = mat([2, 3, 3]);
  const B = mat([2, 3, 2]);
  const S = A.matmul(A.mT).add(torch.eye(3, { dtype: torch.float64 }).mul(3));
  const Lo = L.cholesky(S);
  const [LU, PIV] = L.lu_factor(A);
  const i32 = torch.int32;
  return {
    "linalg.inv": [(o) => L.inv(A, { out: o[0] }), [null]],
    inverse: [(o) => torch.inverse(A, { out: o[0] }), [null]],
    "linalg.solve": [(o) => L.solve(A, B, { out: o[0] }), [null]],
    "linalg.cholesky": [(o) => L.cholesky(S, { out: o[0] }), [null]],
    "linalg.cholesky.upper": [(o) => L.cholesky(S, { upper: true, out: o[0] }), [null]],
    cholesky: [(o) => torch.cholesky(S, { out: o[0] }), [null]],
    "linalg.inv_ex": [(o) => L.inv_ex(A, { out: o }), [null, i32]],
    "linalg.cholesky_ex": [(o) => L.cholesky_ex(S, { out: o }), [null, i32]],
    "linalg.solve_ex": [(o) => L.solve_ex(A, B, { out: o }), [null, i32]],
    "linalg.lu_factor": [(o) => L.lu_factor(A, { out: o }), [null, i32]],
    "linalg.lu_factor_ex": [(o) => L.lu_factor_ex(A, { out: o }), [null, i32, i32]],
    cholesky_solve: [(o) => torch.cholesky_solve(B, Lo, { out: o[0] }), [null]],
    cholesky_inverse: [(o) => torch.cholesky_inverse(Lo.select(0, 0), { out: o[0] }), [null]],
    "linalg.solve_triangular": [(o) => L.solve_triangular(A.triu(), B, { upper: true, out: o[0] }), [null]],
    "linalg.lu_solve": [(o) => L.lu_solve(LU, PIV, B, { out: o[0] }), [null]],
    "linalg.qr": [(o) => L.qr(A, { out: o }), [null, null]],
    "linalg.eigh": [(o) => L.eigh(S, { out: o }), [null, null]],
    "linalg.svd": [(o) => L.svd(A, { out: o }), [null, null, null]],
    "linalg.lu": [(o) => L.lu(A, { out: o }), [null, null, null]],
    "linalg.pinv": [(o) => L.pinv(A, { out: o[0] }), [null]],
    "linalg.det": [(o) => L.det(A, { out: o[0] }), [null]],
  };
}

describe.each(availableBackends())("linalg out= layouts on the %s backend", (name) => {
  onBackend(name);
  it.each(cases.map((c) => [`${c.op} (${c.kind})`, c] as const))("%s", (_, c) => {
    const [call, dtypes] = ops()[c.op]!;
    const dtypeOf = (d: typeof torch.int32 | null) => d ?? torch.float64;
    const outs =
      c.kind === "empty"
        ? dtypes.map((d) => torch.empty([0], { dtype: dtypeOf(d) }))
        : c.kind === "wrong_shape"
          ? dtypes.map((d) => torch.zeros([5], { dtype: dtypeOf(d) }))
          : dtypes.map((d, i) => torch.zeros(c.outs![i]!.shape, { dtype: dtypeOf(d) }));
    call(outs);
    expect(outs.map((o) => ({ shape: [...o.shape], stride: [...o.stride()] }))).toEqual(c.outs);
  });
});
