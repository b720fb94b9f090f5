// src/ops/linalg_householder.ts given bad input: geqrf, householder_product / orgqr, ormqr, ldl_factor(_ex),
// ldl_solve, tensorinv and tensorsolve's argument checks in PyTorch 1.13's order, LAPACK's failures, and
// backward through the ops 1.13 cannot differentiate (geqrf, ormqr, the ldl ops).
import * as torch from "../../src/index.js";
import type { ErrorTable } from "./error_table.js";

const r = (...shape: number[]) => torch.zeros(shape);
const d = (...shape: number[]) => torch.zeros(shape, { dtype: torch.float64 });
const longs = (...shape: number[]) => torch.zeros(shape, { dtype: torch.int64 });
const ints = (...shape: number[]) => torch.ones(shape, { dtype: torch.int32 });
const g = (...shape: number[]) => torch.ones(shape).tril().requires_grad_();
const hp = torch.linalg.householder_product;

export const LINALG_HOUSEHOLDER_ERRORS: ErrorTable = {
  setup: `
def r(*shape):
    return torch.zeros(shape)
def d(*shape):
    return torch.zeros(shape, dtype=torch.float64)
def longs(*shape):
    return torch.zeros(shape, dtype=torch.int64)
def ints(*shape):
    return torch.ones(shape, dtype=torch.int32)
def g(*shape):
    return torch.ones(shape).tril().requires_grad_()
hp = torch.linalg.householder_product
`,
  rows: [
    // geqrf
    { py: "torch.geqrf(r(3))", ts: () => torch.geqrf(r(3)) },
    { py: "torch.geqrf(longs(3, 2))", ts: () => torch.geqrf(longs(3, 2)) },
    { py: "torch.geqrf(g(3, 2)).a.sum().backward()", ts: () => torch.geqrf(g(3, 2)).a.sum().backward() },
    // householder_product / orgqr
    { py: "hp(r(3), r(1))", ts: () => hp(r(3), r(1)) },
    { py: "hp(r(2, 3), r(1))", ts: () => hp(r(2, 3), r(1)) },
    { py: "hp(r(3, 2), r(3))", ts: () => hp(r(3, 2), r(3)) },
    { py: "hp(r(3, 2), r(2, 2))", ts: () => hp(r(3, 2), r(2, 2)) },
    { py: "hp(r(2, 3, 2), r(3, 2))", ts: () => hp(r(2, 3, 2), r(3, 2)) },
    { py: "hp(r(3, 2), d(2))", ts: () => hp(r(3, 2), d(2)) },
    { py: "hp(longs(3, 2), longs(2))", ts: () => hp(longs(3, 2), longs(2)) },
    { py: "torch.orgqr(r(2, 3), r(1))", ts: () => torch.orgqr(r(2, 3), r(1)) },
    { py: "r(3, 2).orgqr(d(2))", ts: () => r(3, 2).orgqr(d(2)) },
    // ormqr
    { py: "torch.ormqr(r(3), r(1), r(3, 2))", ts: () => torch.ormqr(r(3), r(1), r(3, 2)) },
    { py: "torch.ormqr(r(3, 2), r(2), r(3))", ts: () => torch.ormqr(r(3, 2), r(2), r(3)) },
    {
      py: "torch.ormqr(r(3, 3), r(3), r(3, 2), left=False)",
      ts: () => torch.ormqr(r(3, 3), r(3), r(3, 2), false),
    },
    { py: "torch.ormqr(r(3, 2), r(3), r(3, 2))", ts: () => torch.ormqr(r(3, 2), r(3), r(3, 2)) },
    { py: "torch.ormqr(r(3, 2), r(2), r(4, 2))", ts: () => torch.ormqr(r(3, 2), r(2), r(4, 2)) },
    {
      py: "torch.ormqr(r(3, 2), r(2), r(2, 4), left=False)",
      ts: () => torch.ormqr(r(3, 2), r(2), r(2, 4), false),
    },
    { py: "torch.ormqr(r(3, 2), r(2, 2), r(3, 2))", ts: () => torch.ormqr(r(3, 2), r(2, 2), r(3, 2)) },
    { py: "torch.ormqr(r(3, 2), r(2), r(2, 3, 2))", ts: () => torch.ormqr(r(3, 2), r(2), r(2, 3, 2)) },
    {
      py: "torch.ormqr(r(2, 3, 2), r(3, 2), r(2, 3, 2))",
      ts: () => torch.ormqr(r(2, 3, 2), r(3, 2), r(2, 3, 2)),
    },
    {
      py: "torch.ormqr(r(2, 3, 2), r(2, 2), r(3, 3, 2))",
      ts: () => torch.ormqr(r(2, 3, 2), r(2, 2), r(3, 3, 2)),
    },
    { py: "torch.ormqr(r(3, 2), d(2), d(3, 2))", ts: () => torch.ormqr(r(3, 2), d(2), d(3, 2)) },
    { py: "torch.ormqr(r(3, 2), r(2), d(3, 2))", ts: () => torch.ormqr(r(3, 2), r(2), d(3, 2)) },
    {
      py: "torch.ormqr(longs(3, 2), longs(2), longs(3, 2))",
      ts: () => torch.ormqr(longs(3, 2), longs(2), longs(3, 2)),
    },
    {
      py: "torch.ormqr(r(3, 2), r(2), g(3, 2)).sum().backward()",
      ts: () => torch.ormqr(r(3, 2), r(2), g(3, 2)).sum().backward(),
    },
    {
      py: "torch.ormqr(r(3, 2), r(2), r(3, 2), out=d(0))",
      ts: () => torch.ormqr(r(3, 2), r(2), r(3, 2), { out: d(0) }),
    },
    // ldl_factor / ldl_factor_ex
    { py: "torch.linalg.ldl_factor(r(3, 3))", ts: () => torch.linalg.ldl_factor(r(3, 3)) },
    { py: "torch.linalg.ldl_factor(d(2, 3, 3))", ts: () => torch.linalg.ldl_factor(d(2, 3, 3)) },
    {
      py: "torch.linalg.ldl_factor_ex(r(3, 3), check_errors=True)",
      ts: () => torch.linalg.ldl_factor_ex(r(3, 3), { check_errors: true }),
    },
    { py: "torch.linalg.ldl_factor(r(2, 3))", ts: () => torch.linalg.ldl_factor(r(2, 3)) },
    { py: "torch.linalg.ldl_factor(r(3))", ts: () => torch.linalg.ldl_factor(r(3)) },
    { py: "torch.linalg.ldl_factor(longs(3, 3))", ts: () => torch.linalg.ldl_factor(longs(3, 3)) },
    {
      py: "torch.linalg.ldl_factor(g(3, 3) + 2).LD.sum().backward()",
      ts: () => torch.linalg.ldl_factor(g(3, 3).add(2)).LD.sum().backward(),
    },
    {
      py: "torch.linalg.ldl_factor(torch.eye(2, dtype=torch.float64), out=(r(0), ints(0)))",
      ts: () => torch.linalg.ldl_factor(torch.eye(2, { dtype: torch.float64 }), { out: [r(0), ints(0)] }),
    },
    {
      py: "torch.linalg.ldl_factor_ex(torch.eye(2, dtype=torch.float64), out=(d(0), longs(0), ints(0)))",
      ts: () =>
        torch.linalg.ldl_factor_ex(torch.eye(2, { dtype: torch.float64 }), {
          out: [d(0), longs(0), ints(0)],
        }),
    },
    // ldl_solve
    {
      py: "torch.linalg.ldl_solve(r(3, 3), ints(3), r(3, 2), out=d(0))",
      ts: () => torch.linalg.ldl_solve(r(3, 3), ints(3), r(3, 2), { out: d(0) }),
    },
    {
      py: "torch.linalg.ldl_solve(r(3, 3), ints(3), d(3, 2))",
      ts: () => torch.linalg.ldl_solve(r(3, 3), ints(3), d(3, 2)),
    },
    {
      py: "torch.linalg.ldl_solve(r(3, 3), ints(2), r(3, 2))",
      ts: () => torch.linalg.ldl_solve(r(3, 3), ints(2), r(3, 2)),
    },
    {
      py: "torch.linalg.ldl_solve(r(3, 3), ints(3), r(3))",
      ts: () => torch.linalg.ldl_solve(r(3, 3), ints(3), r(3)),
    },
    {
      py: "torch.linalg.ldl_solve(r(3, 3), ints(3), r(4, 2))",
      ts: () => torch.linalg.ldl_solve(r(3, 3), ints(3), r(4, 2)),
    },
    {
      py: "torch.linalg.ldl_solve(r(3, 3), r(3), r(3, 2))",
      ts: () => torch.linalg.ldl_solve(r(3, 3), r(3), r(3, 2)),
    },
    {
      py: "torch.linalg.ldl_solve(r(2, 3), ints(2), r(2, 2))",
      ts: () => torch.linalg.ldl_solve(r(2, 3), ints(2), r(2, 2)),
    },
    {
      py: "torch.linalg.ldl_solve(longs(3, 3), ints(3), longs(3, 2))",
      ts: () => torch.linalg.ldl_solve(longs(3, 3), ints(3), longs(3, 2)),
    },
    {
      py: "torch.linalg.ldl_solve(torch.eye(3), ints(3), g(3, 2)).sum().backward()",
      ts: () => torch.linalg.ldl_solve(torch.eye(3), ints(3), g(3, 2)).sum().backward(),
    },
    // tensorinv / tensorsolve
    {
      py: "torch.linalg.tensorinv(r(4, 6, 8, 3), ind=0)",
      ts: () => torch.linalg.tensorinv(r(4, 6, 8, 3), 0),
    },
    {
      py: "torch.linalg.tensorinv(r(4, 6, 8, 2), ind=2)",
      ts: () => torch.linalg.tensorinv(r(4, 6, 8, 2), 2),
    },
    { py: "torch.linalg.tensorinv(r(4, 6, 8, 3))", ts: () => torch.linalg.tensorinv(r(4, 6, 8, 3)) },
    { py: "torch.linalg.tensorinv(longs(2, 2), ind=1)", ts: () => torch.linalg.tensorinv(longs(2, 2), 1) },
    {
      py: "torch.linalg.tensorsolve(r(2, 3, 6), r(3, 2))",
      ts: () => torch.linalg.tensorsolve(r(2, 3, 6), r(3, 2)),
    },
    {
      py: "torch.linalg.tensorsolve(r(2, 3, 6), r(2, 2))",
      ts: () => torch.linalg.tensorsolve(r(2, 3, 6), r(2, 2)),
    },
    {
      py: "torch.linalg.tensorsolve(r(6, 2, 3), r(6), dims=(0,))",
      ts: () => torch.linalg.tensorsolve(r(6, 2, 3), r(6), [0]),
    },
  ],
};
