"""Writes test/fixtures/linalg_strides.json: the memory layout of PyTorch 1.13's linalg results (x86 CPU).

LAPACK works on column-major matrices, and PyTorch returns most of its results as LAPACK leaves them: each
matrix column-major (strides (1, rows)), the batch row-major, not a view. Others (linalg.lu's P/L/U, pinv,
matrix_exp, torch.svd's V = Vh.mH) come out row-major. `stride()`, `is_contiguous()` and whether `.view(-1)`
succeeds are recorded for every output, float32 and float64, 2-D and batched, for test/ops/linalg_strides.test.ts.

Run with the system interpreter, which has PyTorch 1.13:
    /usr/bin/python3 scripts/gen_linalg_strides_fixtures.py   (or: npm run fixtures -- linalg_strides)
The inputs are deterministic (sin of 1..numel), so the TypeScript test builds the same ones.
"""
import json
import os
import warnings

import torch

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "test", "fixtures", "linalg_strides.json")
warnings.simplefilter("ignore")


def mat(shape, dt):
    """sin(1..numel) in `shape`, plus numel's size on the diagonal of square matrices (well conditioned)."""
    n = 1
    for d in shape:
        n *= d
    a = torch.arange(1, n + 1, dtype=dt).reshape(shape).sin()
    if len(shape) >= 2 and shape[-1] == shape[-2]:
        a = a + shape[-1] * torch.eye(shape[-1], dtype=dt)
    return a


def spd(a):
    return a @ a.mT + a.shape[-1] * torch.eye(a.shape[-1], dtype=a.dtype)


def rhs(a, k=2):
    return mat(a.shape[:-1] + (k,), a.dtype)


SQUARE = [(3, 3), (2, 3, 3)]
ANY = [(3, 3), (2, 3, 3), (4, 3), (3, 4), (2, 4, 3), (2, 3, 4)]
L = torch.linalg
CASES = {
    "linalg.svd": (ANY, lambda a: L.svd(a)),
    "linalg.svd.reduced": (ANY, lambda a: L.svd(a, full_matrices=False)),
    "linalg.svdvals": (ANY, lambda a: (L.svdvals(a),)),
    "svd": (ANY, lambda a: torch.svd(a)),
    "svd.some_false": (ANY, lambda a: torch.svd(a, some=False)),
    "svd.no_uv": (ANY, lambda a: torch.svd(a, compute_uv=False)),
    "linalg.eigh": (SQUARE, lambda a: L.eigh(spd(a))),
    "linalg.eigh.upper": (SQUARE, lambda a: L.eigh(spd(a), UPLO="U")),
    "linalg.eigvalsh": (SQUARE, lambda a: (L.eigvalsh(spd(a)),)),
    "linalg.cholesky": (SQUARE, lambda a: (L.cholesky(spd(a)),)),
    "linalg.cholesky.upper": (SQUARE, lambda a: (L.cholesky(spd(a), upper=True),)),
    "linalg.cholesky_ex": (SQUARE, lambda a: L.cholesky_ex(spd(a))),
    "cholesky": (SQUARE, lambda a: (torch.cholesky(spd(a)),)),
    "linalg.inv": (SQUARE, lambda a: (L.inv(a),)),
    "linalg.inv_ex": (SQUARE, lambda a: L.inv_ex(a)),
    "inverse": (SQUARE, lambda a: (torch.inverse(a),)),
    "inverse.transposed": (SQUARE, lambda a: (torch.inverse(a.mT),)),
    "linalg.solve": (SQUARE, lambda a: (L.solve(a, rhs(a)),)),
    "linalg.solve.transposed": (SQUARE, lambda a: (L.solve(a.mT, rhs(a)),)),
    "linalg.solve.vector": (SQUARE, lambda a: (L.solve(a, mat(a.shape[:-1], a.dtype)),)),
    "linalg.solve.broadcast": (SQUARE, lambda a: (L.solve(a, mat((2,) + a.shape[-2:-1] + (2,), a.dtype)),)),
    "linalg.solve.right": (SQUARE, lambda a: (L.solve(a, rhs(a).mT.contiguous(), left=False),)),
    "linalg.solve_ex": (SQUARE, lambda a: L.solve_ex(a, rhs(a))),
    "linalg.lu_factor": (ANY, lambda a: L.lu_factor(a)),
    "linalg.lu_factor_ex": (ANY, lambda a: L.lu_factor_ex(a)),
    "linalg.lu": (ANY, lambda a: L.lu(a)),
    "geqrf": (ANY, lambda a: torch.geqrf(a)),
    "linalg.qr": (ANY, lambda a: L.qr(a)),
    "linalg.qr.complete": (ANY, lambda a: L.qr(a, mode="complete")),
    "linalg.qr.r": (ANY, lambda a: L.qr(a, mode="r")),
    "linalg.lstsq": (ANY, lambda a: L.lstsq(a, rhs(a))),
    "linalg.lstsq.vector": (ANY, lambda a: L.lstsq(a, mat(a.shape[:-1], a.dtype))),
    "linalg.lstsq.gelsd": (ANY, lambda a: L.lstsq(a, rhs(a), driver="gelsd")),
    "cholesky_solve": (SQUARE, lambda a: (torch.cholesky_solve(rhs(a), L.cholesky(spd(a))),)),
    "cholesky_solve.upper": (SQUARE, lambda a: (torch.cholesky_solve(rhs(a), L.cholesky(spd(a), upper=True), upper=True),)),
    "triangular_solve": (SQUARE, lambda a: torch.triangular_solve(rhs(a), a)),
    "triangular_solve.broadcast": (SQUARE, lambda a: torch.triangular_solve(mat((2,) + a.shape[-2:-1] + (2,), a.dtype), a)),
    "linalg.solve_triangular": (SQUARE, lambda a: (L.solve_triangular(a, rhs(a), upper=True),)),
    "linalg.solve_triangular.right": (SQUARE, lambda a: (L.solve_triangular(a, rhs(a).mT, upper=False, left=False),)),
    "linalg.lu_solve": (SQUARE, lambda a: (L.lu_solve(*L.lu_factor(a), rhs(a)),)),
    "linalg.lu_solve.adjoint": (SQUARE, lambda a: (L.lu_solve(*L.lu_factor(a), rhs(a), adjoint=True),)),
    "linalg.lu_solve.right": (SQUARE, lambda a: (L.lu_solve(*L.lu_factor(a), rhs(a).mT, left=False),)),
    "linalg.lu_solve.broadcast": (SQUARE, lambda a: (L.lu_solve(*L.lu_factor(a), mat((2,) + a.shape[-2:-1] + (2,), a.dtype)),)),
    "lu_solve": (SQUARE, lambda a: (torch.lu_solve(rhs(a), *L.lu_factor(a)),)),
    "cholesky_inverse": (SQUARE, lambda a: (torch.cholesky_inverse(L.cholesky(spd(a))),)),
    "cholesky_inverse.upper": (SQUARE, lambda a: (torch.cholesky_inverse(L.cholesky(spd(a), upper=True), upper=True),)),
    "symeig": (SQUARE, lambda a: torch.symeig(spd(a), eigenvectors=True)),
    "linalg.matrix_power.inverse": (SQUARE, lambda a: (L.matrix_power(a, -1),)),
    "linalg.matrix_power.negative": (SQUARE, lambda a: (L.matrix_power(a, -2),)),
    "linalg.pinv": (ANY, lambda a: (L.pinv(a),)),
    "linalg.matrix_exp": (SQUARE, lambda a: (L.matrix_exp(a),)),
}


def layout(t):
    try:
        t.view(-1)
        view_ok = True
    except RuntimeError:
        view_ok = False
    return {"shape": list(t.shape), "stride": list(t.stride()), "contiguous": t.is_contiguous(), "view_ok": view_ok}


def main():
    cases = []
    for name, (shapes, fn) in CASES.items():
        for shape in shapes:
            for dt in ("float32", "float64"):
                a = mat(shape, getattr(torch, dt))
                outs = fn(a)
                cases.append({"name": name, "shape": list(shape), "dtype": dt, "outputs": [layout(t) for t in outs]})
    with open(OUT, "w") as f:
        json.dump({"torch": torch.__version__, "cases": cases}, f, indent=1)
        f.write("\n")
    print(f"wrote {len(cases)} cases to {OUT}")


if __name__ == "__main__":
    main()
