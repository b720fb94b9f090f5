// torch.linalg's LAPACK-backed ops given bad input: dtypes, ranks, shapes, singular and indefinite matrices,
// bad modes and drivers, backward through what 1.13 cannot differentiate, and the torch.* names 1.9 removed.
import * as torch from "../../src/index.js";
import { bad, type ErrorTable } from "./error_table.js";

const r = (...shape: number[]) => torch.zeros(shape);
const d = (...shape: number[]) => torch.zeros(shape, { dtype: torch.float64 });
const longs = (...shape: number[]) => torch.zeros(shape, { dtype: torch.int64 });
const ints = (...shape: number[]) => torch.ones(shape, { dtype: torch.int32 });
const eye = (n: number) =>
  torch.tensor(
    Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))),
    { dtype: torch.float32 },
  );
const singular = () =>
  torch.tensor(
    [
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 0],
    ],
    { dtype: torch.float32 },
  );
const indefinite = () =>
  torch.tensor(
    [
      [1, 2],
      [2, 1],
    ],
    { dtype: torch.float32 },
  );

/** A symmetric matrix with a NaN (gesdd rejects it; syevd, as PyTorch shows, does not). */
const withNan = () =>
  torch.tensor(
    [
      [NaN, 1],
      [1, 2],
    ],
    { dtype: torch.float32 },
  );

export const LINALG_LAPACK_ERRORS: ErrorTable = {
  setup: `
def r(*shape):
    return torch.zeros(shape)
def d(*shape):
    return torch.zeros(shape, dtype=torch.float64)
def longs(*shape):
    return torch.zeros(shape, dtype=torch.int64)
def ints(*shape):
    return torch.ones(shape, dtype=torch.int32)
def eye(n):
    return torch.eye(n)
def singular():
    return torch.tensor([[1., 0, 0], [0, 1, 0], [0, 0, 0]])
def indefinite():
    return torch.tensor([[1., 2], [2, 1]])
def with_nan():
    return torch.tensor([[float("nan"), 1], [1, 2]])
`,
  rows: [
    // inv, det, slogdet
    { py: "torch.linalg.inv(longs(2, 2))", ts: () => torch.linalg.inv(longs(2, 2)) },
    { py: "torch.linalg.inv(r(3))", ts: () => torch.linalg.inv(r(3)) },
    { py: "torch.linalg.inv(r(2, 3))", ts: () => torch.linalg.inv(r(2, 3)) },
    { py: "torch.linalg.inv(singular())", ts: () => torch.linalg.inv(singular()) },
    {
      py: "torch.linalg.inv(torch.stack([eye(3), singular()]))",
      ts: () => torch.linalg.inv(torch.stack([eye(3), singular()])),
    },
    { py: "torch.inverse(singular())", ts: () => torch.inverse(singular()) },
    {
      py: "torch.linalg.inv_ex(singular(), check_errors=True)",
      ts: () => torch.linalg.inv_ex(singular(), { check_errors: true }),
    },
    { py: "torch.linalg.det(longs(2, 2))", ts: () => torch.linalg.det(longs(2, 2)) },
    { py: "torch.linalg.det(r(3))", ts: () => torch.linalg.det(r(3)) },
    { py: "torch.det(r(2, 3))", ts: () => torch.det(r(2, 3)) },
    { py: "torch.linalg.slogdet(r(2, 3))", ts: () => torch.linalg.slogdet(r(2, 3)) },
    { py: "torch.logdet(r(2, 3))", ts: () => torch.logdet(r(2, 3)) },
    // solve
    { py: "torch.linalg.solve(singular(), r(3, 1))", ts: () => torch.linalg.solve(singular(), r(3, 1)) },
    {
      py: "torch.linalg.solve(torch.stack([eye(3), singular()]), r(2, 3, 1))",
      ts: () => torch.linalg.solve(torch.stack([eye(3), singular()]), r(2, 3, 1)),
    },
    { py: "torch.linalg.solve(r(3, 3), r(2, 1))", ts: () => torch.linalg.solve(r(3, 3), r(2, 1)) },
    {
      py: "torch.linalg.solve(r(3, 3), r(3, 2), left=False)",
      ts: () => torch.linalg.solve(r(3, 3), r(3, 2), { left: false }),
    },
    { py: "torch.linalg.solve(r(3, 3), d(3, 1))", ts: () => torch.linalg.solve(r(3, 3), d(3, 1)) },
    { py: "torch.linalg.solve(r(2, 3), r(2, 1))", ts: () => torch.linalg.solve(r(2, 3), r(2, 1)) },
    { py: "torch.linalg.solve(r(3), r(3))", ts: () => torch.linalg.solve(r(3), r(3)) },
    { py: "torch.linalg.solve(longs(3, 3), longs(3))", ts: () => torch.linalg.solve(longs(3, 3), longs(3)) },
    // cholesky
    { py: "torch.linalg.cholesky(indefinite())", ts: () => torch.linalg.cholesky(indefinite()) },
    {
      py: "torch.linalg.cholesky(torch.stack([eye(2), indefinite()]))",
      ts: () => torch.linalg.cholesky(torch.stack([eye(2), indefinite()])),
    },
    { py: "torch.cholesky(indefinite())", ts: () => torch.cholesky(indefinite()) },
    { py: "torch.linalg.cholesky(r(2, 3))", ts: () => torch.linalg.cholesky(r(2, 3)) },
    { py: "torch.linalg.cholesky(longs(2, 2))", ts: () => torch.linalg.cholesky(longs(2, 2)) },
    {
      py: "torch.linalg.cholesky_ex(indefinite(), check_errors=True)",
      ts: () => torch.linalg.cholesky_ex(indefinite(), { check_errors: true }),
    },
    // qr, svd, eigh
    { py: 'torch.linalg.qr(r(3, 3), mode="foo")', ts: () => torch.linalg.qr(r(3, 3), "foo") },
    { py: "torch.linalg.qr(r(3))", ts: () => torch.linalg.qr(r(3)) },
    { py: "torch.linalg.qr(longs(3, 3))", ts: () => torch.linalg.qr(longs(3, 3)) },
    {
      py: 'torch.linalg.qr(eye(3).requires_grad_(), mode="r")[1].sum().backward()',
      ts: () => torch.linalg.qr(eye(3).requires_grad_(), "r")[1].sum().backward(),
    },
    {
      py: 'torch.linalg.qr(torch.ones(4, 3).tril().requires_grad_(), mode="complete")[0].sum().backward()',
      ts: () =>
        torch.linalg
          .qr(torch.ones([4, 3]).tril().requires_grad_(), "complete")[0]
          .sum()
          .backward(),
    },
    { py: "torch.linalg.svd(r(3))", ts: () => torch.linalg.svd(r(3)) },
    { py: "torch.linalg.svd(longs(3, 3))", ts: () => torch.linalg.svd(longs(3, 3)) },
    {
      py: 'torch.linalg.svd(r(3, 3), driver="gesvd")',
      ts: () => torch.linalg.svd(r(3, 3), { driver: "gesvd" }),
    },
    { py: "torch.linalg.svdvals(r(3))", ts: () => torch.linalg.svdvals(r(3)) },
    // gesdd's NaN check (info -4), alone and as a batch element, through every op built on the SVD.
    { py: "torch.linalg.svd(with_nan())", ts: () => torch.linalg.svd(withNan()) },
    { py: "torch.linalg.svdvals(with_nan().double())", ts: () => torch.linalg.svdvals(withNan().double()) },
    {
      py: "torch.linalg.svd(torch.stack([eye(2), with_nan()]), full_matrices=False)",
      ts: () => torch.linalg.svd(torch.stack([eye(2), withNan()]), false),
    },
    { py: "torch.svd(with_nan())", ts: () => torch.svd(withNan()) },
    { py: "torch.linalg.matrix_norm(with_nan(), 2)", ts: () => torch.linalg.matrix_norm(withNan(), 2) },
    { py: "torch.norm(with_nan(), 'nuc')", ts: () => torch.norm(withNan(), "nuc") },
    { py: "torch.linalg.pinv(with_nan())", ts: () => torch.linalg.pinv(withNan()) },
    { py: "torch.svd(longs(3, 3))", ts: () => torch.svd(longs(3, 3)) },
    { py: 'torch.linalg.eigh(r(3, 3), UPLO="X")', ts: () => torch.linalg.eigh(r(3, 3), "X") },
    { py: "torch.linalg.eigh(r(2, 3))", ts: () => torch.linalg.eigh(r(2, 3)) },
    { py: "torch.linalg.eigh(longs(2, 2))", ts: () => torch.linalg.eigh(longs(2, 2)) },
    { py: "torch.linalg.eigvalsh(r(3))", ts: () => torch.linalg.eigvalsh(r(3)) },
    {
      py: "torch.symeig(eye(2).requires_grad_())[0].sum().backward()",
      ts: () => torch.symeig(eye(2).requires_grad_())[0].sum().backward(),
    },
    // lstsq
    {
      py: 'torch.linalg.lstsq(r(3, 2), r(3, 1), driver="foo")',
      ts: () => torch.linalg.lstsq(r(3, 2), r(3, 1), { driver: "foo" }),
    },
    { py: "torch.linalg.lstsq(r(3, 2), r(4, 1))", ts: () => torch.linalg.lstsq(r(3, 2), r(4, 1)) },
    { py: "torch.linalg.lstsq(r(3), r(3))", ts: () => torch.linalg.lstsq(r(3), r(3)) },
    { py: "torch.linalg.lstsq(r(3, 2), d(3, 1))", ts: () => torch.linalg.lstsq(r(3, 2), d(3, 1)) },
    {
      py: "torch.linalg.lstsq(longs(3, 2), longs(3, 1))",
      ts: () => torch.linalg.lstsq(longs(3, 2), longs(3, 1)),
    },
    {
      py: "torch.linalg.lstsq(torch.ones(3, 2).tril().requires_grad_(), torch.ones(3)).solution.sum().backward()",
      ts: () =>
        torch.linalg
          .lstsq(torch.ones([3, 2]).tril().requires_grad_(), torch.ones([3]))
          .solution.sum()
          .backward(),
    },
    // norms, cond
    { py: "torch.linalg.matrix_norm(r(3, 3), 3)", ts: () => torch.linalg.matrix_norm(r(3, 3), 3) },
    { py: 'torch.linalg.matrix_norm(r(3, 3), "foo")', ts: () => torch.linalg.matrix_norm(r(3, 3), "foo") },
    { py: "torch.linalg.matrix_norm(r(3))", ts: () => torch.linalg.matrix_norm(r(3)) },
    { py: "torch.linalg.matrix_norm(longs(3, 3))", ts: () => torch.linalg.matrix_norm(longs(3, 3)) },
    {
      py: "torch.linalg.matrix_norm(r(3, 3), dim=(0, 0))",
      ts: () => torch.linalg.matrix_norm(r(3, 3), { dim: [0, 0] }),
    },
    { py: 'torch.linalg.norm(r(3), "fro")', ts: () => torch.linalg.norm(r(3), "fro") },
    { py: "torch.linalg.norm(r(3, 3, 3), 2)", ts: () => torch.linalg.norm(r(3, 3, 3), 2) },
    {
      py: "torch.linalg.norm(r(3, 3, 3), dim=(0, 1, 2))",
      ts: () => torch.linalg.norm(r(3, 3, 3), { dim: [0, 1, 2] }),
    },
    {
      py: 'torch.linalg.norm(r(3, 3, 3), "fro", dim=(0, 1, 2))',
      ts: () => torch.linalg.norm(r(3, 3, 3), "fro", [0, 1, 2]),
    },
    { py: "torch.linalg.cond(r(2, 3), 1)", ts: () => torch.linalg.cond(r(2, 3), 1) },
    { py: 'torch.linalg.cond(r(3, 3), "foo")', ts: () => torch.linalg.cond(r(3, 3), "foo") },
    { py: "torch.linalg.cond(r(3, 3), 3)", ts: () => torch.linalg.cond(r(3, 3), 3) },
    { py: "torch.linalg.cond(r(3))", ts: () => torch.linalg.cond(r(3)) },
    {
      py: "torch.linalg.cond(eye(2).requires_grad_(), 1).backward()",
      ts: () => torch.linalg.cond(eye(2).requires_grad_(), 1).backward(),
    },
    // pinv, matrix_rank, matrix_power, matrix_exp
    { py: "torch.linalg.pinv(longs(3, 3))", ts: () => torch.linalg.pinv(longs(3, 3)) },
    { py: "torch.pinverse(longs(3, 3))", ts: () => torch.pinverse(longs(3, 3)) },
    { py: "torch.linalg.matrix_rank(longs(3, 3))", ts: () => torch.linalg.matrix_rank(longs(3, 3)) },
    {
      py: "torch.linalg.matrix_power(longs(3, 3), -1)",
      ts: () => torch.linalg.matrix_power(longs(3, 3), -1),
    },
    { py: "torch.linalg.matrix_power(r(2, 3), 2)", ts: () => torch.linalg.matrix_power(r(2, 3), 2) },
    { py: "torch.linalg.matrix_power(r(3), 2)", ts: () => torch.linalg.matrix_power(r(3), 2) },
    { py: "torch.linalg.matrix_power(singular(), -1)", ts: () => torch.linalg.matrix_power(singular(), -1) },
    { py: "torch.linalg.matrix_exp(r(2, 3))", ts: () => torch.linalg.matrix_exp(r(2, 3)) },
    { py: "torch.linalg.matrix_exp(longs(2, 2))", ts: () => torch.linalg.matrix_exp(longs(2, 2)) },
    // lu
    {
      py: "torch.linalg.lu_factor(r(3, 3), pivot=False)",
      ts: () => torch.linalg.lu_factor(r(3, 3), { pivot: false }),
    },
    { py: "torch.linalg.lu_factor(singular())", ts: () => torch.linalg.lu_factor(singular()) },
    {
      py: "torch.linalg.lu_factor(torch.stack([eye(3), singular()]))",
      ts: () => torch.linalg.lu_factor(torch.stack([eye(3), singular()])),
    },
    {
      py: "torch.linalg.lu_factor_ex(singular(), check_errors=True)",
      ts: () => torch.linalg.lu_factor_ex(singular(), { check_errors: true }),
    },
    { py: "torch.linalg.lu_factor(r(3))", ts: () => torch.linalg.lu_factor(r(3)) },
    { py: "torch.linalg.lu_factor(longs(3, 3))", ts: () => torch.linalg.lu_factor(longs(3, 3)) },
    { py: "torch.linalg.lu(r(3, 3), pivot=False)", ts: () => torch.linalg.lu(r(3, 3), { pivot: false }) },
    {
      py: "torch.linalg.lu_solve(r(3, 3), ints(3), r(2, 1))",
      ts: () => torch.linalg.lu_solve(r(3, 3), ints(3), r(2, 1)),
    },
    {
      py: "torch.linalg.lu_solve(r(3, 3), longs(3), r(3, 1))",
      ts: () => torch.linalg.lu_solve(r(3, 3), longs(3), r(3, 1)),
    },
    { py: "torch.lu_unpack(r(3, 3), longs(3))", ts: () => torch.lu_unpack(r(3, 3), longs(3)) },
    // triangular and cholesky solves
    {
      py: "torch.linalg.solve_triangular(r(3, 3), r(2, 1), upper=True)",
      ts: () => torch.linalg.solve_triangular(r(3, 3), r(2, 1), { upper: true }),
    },
    {
      py: "torch.linalg.solve_triangular(r(3, 3), r(3, 1))",
      ts: () => torch.linalg.solve_triangular(r(3, 3), r(3, 1), bad({})),
    },
    { py: "torch.triangular_solve(r(2, 1), r(3, 3))", ts: () => torch.triangular_solve(r(2, 1), r(3, 3)) },
    { py: "torch.cholesky_solve(r(2, 1), r(3, 3))", ts: () => torch.cholesky_solve(r(2, 1), r(3, 3)) },
    { py: "torch.cholesky_inverse(r(2, 3))", ts: () => torch.cholesky_inverse(r(2, 3)) },
    // dims and dtypes as each op's own checks or kernels word them
    { py: "torch.svd(r(3))", ts: () => torch.svd(r(3)) },
    { py: "torch.qr(r(3))", ts: () => torch.qr(r(3)) },
    { py: "torch.cholesky(r(3))", ts: () => torch.cholesky(r(3)) },
    { py: "torch.symeig(r(3))", ts: () => torch.symeig(r(3)) },
    { py: "torch.symeig(r(2, 3))", ts: () => torch.symeig(r(2, 3)) },
    { py: "torch.symeig(longs(2, 2))", ts: () => torch.symeig(longs(2, 2)) },
    { py: "torch.cholesky_inverse(r(3))", ts: () => torch.cholesky_inverse(r(3)) },
    { py: "torch.cholesky_inverse(longs(2, 2))", ts: () => torch.cholesky_inverse(longs(2, 2)) },
    {
      py: "torch.linalg.solve_triangular(longs(2, 2), longs(2, 1), upper=True)",
      ts: () => torch.linalg.solve_triangular(longs(2, 2), longs(2, 1), { upper: true }),
    },
    {
      py: "torch.linalg.solve_triangular(longs(2, 2), r(2, 1), upper=True)",
      ts: () => torch.linalg.solve_triangular(longs(2, 2), r(2, 1), { upper: true }),
    },
    { py: "torch.linalg.pinv(r(3))", ts: () => torch.linalg.pinv(r(3)) },
    { py: "torch.linalg.matrix_rank(r(3))", ts: () => torch.linalg.matrix_rank(r(3)) },
    { py: "torch.linalg.cond(longs(2, 2))", ts: () => torch.linalg.cond(longs(2, 2)) },
    {
      py: "torch.lu_unpack(r(3), torch.zeros(3, dtype=torch.int32))",
      ts: () => torch.lu_unpack(r(3), torch.zeros([3], { dtype: torch.int32 })),
    },
    {
      py: "torch.linalg.lu_solve(r(3, 3), ints(2), r(3, 1))",
      ts: () => torch.linalg.lu_solve(r(3, 3), ints(2), r(3, 1)),
    },
    {
      py: "torch.linalg.lu_solve(r(3, 3), ints(2, 3), r(3, 1))",
      ts: () => torch.linalg.lu_solve(r(3, 3), ints(2, 3), r(3, 1)),
    },
    {
      py: "torch.triangular_solve(longs(2, 1), longs(2, 2))",
      ts: () => torch.triangular_solve(longs(2, 1), longs(2, 2)),
    },
    {
      py: "torch.cholesky_solve(longs(2, 1), longs(2, 2))",
      ts: () => torch.cholesky_solve(longs(2, 1), longs(2, 2)),
    },
    { py: "torch.cholesky_solve(r(3), r(3, 3))", ts: () => torch.cholesky_solve(r(3), r(3, 3)) },
    { py: "torch.triangular_solve(r(1, 3), r(0))", ts: () => torch.triangular_solve(r(1, 3), r(0)) },
    { py: "torch.linalg.matrix_exp(r(3))", ts: () => torch.linalg.matrix_exp(r(3)) },
    { py: "torch.logdet(longs(2, 2))", ts: () => torch.logdet(longs(2, 2)) },
    { py: "torch.linalg.slogdet(longs(2, 2))", ts: () => torch.linalg.slogdet(longs(2, 2)) },
    { py: "torch.linalg.lu(r(3))", ts: () => torch.linalg.lu(r(3)) },
    { py: "torch.linalg.svdvals(longs(2, 2))", ts: () => torch.linalg.svdvals(longs(2, 2)) },
    { py: "torch.lu(3)", ts: () => torch.lu(bad(3)) },
    // removed in 1.9
    {
      py: "torch.matrix_rank(r(3, 3))",
      ts: () => (torch as unknown as Record<string, (x: unknown) => unknown>).matrix_rank(r(3, 3)),
    },
    {
      py: "torch.lstsq(r(3, 3), r(3, 3))",
      ts: () =>
        (torch as unknown as Record<string, (x: unknown, y: unknown) => unknown>).lstsq(r(3, 3), r(3, 3)),
    },
  ],
};
