#!/usr/bin/python3
"""Records the layout PyTorch 1.13 gives linalg out= tensors, for test/ops/linalg_out_strides.test.ts: an out of
zero elements (or of the wrong shape, with the deprecation warning) is resized, and the structured LAPACK
kernels resize it with their results' column-major strides (set_output_strided), while the older ops
(torch.cholesky, cholesky_solve) resize it row-major; an out of the right shape keeps its own strides.

Usage: /usr/bin/python3 scripts/gen_linalg_out_strides_fixtures.py [out_file]
(default test/fixtures/numerics/linalg_out_strides.json)

The inputs are deterministic (sin of 1..numel plus a diagonal), so the test builds the same ones. Each case: the
op, the kind of out tensors given (empty, wrong shape, right shape), and each out's shape and strides after the
call.
"""
import json
import sys
import warnings

import torch

warnings.simplefilter("ignore")
OUT = sys.argv[1] if len(sys.argv) > 1 else "test/fixtures/numerics/linalg_out_strides.json"


def mat(shape):
    n = 1
    for d in shape:
        n *= d
    a = torch.arange(1, n + 1, dtype=torch.float64).reshape(shape).sin()
    if len(shape) >= 2 and shape[-1] == shape[-2]:
        a = a + shape[-1] * torch.eye(shape[-1], dtype=torch.float64)
    return a


A = mat([2, 3, 3])
B = mat([2, 3, 2])
S = A @ A.mT + 3 * torch.eye(3, dtype=torch.float64)
Lo = torch.linalg.cholesky(S)
LU, PIV = torch.linalg.lu_factor(A)
I32 = torch.int32
# name: (call taking the out tensor(s), the outs' dtypes, the results' shapes)
OPS = {
    "linalg.inv": (lambda o: torch.linalg.inv(A, out=o[0]), [None]),
    "inverse": (lambda o: torch.inverse(A, out=o[0]), [None]),
    "linalg.solve": (lambda o: torch.linalg.solve(A, B, out=o[0]), [None]),
    "linalg.cholesky": (lambda o: torch.linalg.cholesky(S, out=o[0]), [None]),
    "linalg.cholesky.upper": (lambda o: torch.linalg.cholesky(S, upper=True, out=o[0]), [None]),
    "cholesky": (lambda o: torch.cholesky(S, out=o[0]), [None]),
    "linalg.inv_ex": (lambda o: torch.linalg.inv_ex(A, out=tuple(o)), [None, I32]),
    "linalg.cholesky_ex": (lambda o: torch.linalg.cholesky_ex(S, out=tuple(o)), [None, I32]),
    "linalg.solve_ex": (lambda o: torch.linalg.solve_ex(A, B, out=tuple(o)), [None, I32]),
    "linalg.lu_factor": (lambda o: torch.linalg.lu_factor(A, out=tuple(o)), [None, I32]),
    "linalg.lu_factor_ex": (lambda o: torch.linalg.lu_factor_ex(A, out=tuple(o)), [None, I32, I32]),
    "cholesky_solve": (lambda o: torch.cholesky_solve(B, Lo, out=o[0]), [None]),
    "cholesky_inverse": (lambda o: torch.cholesky_inverse(Lo[0], out=o[0]), [None]),
    "linalg.solve_triangular": (lambda o: torch.linalg.solve_triangular(A.triu(), B, upper=True, out=o[0]), [None]),
    "linalg.lu_solve": (lambda o: torch.linalg.lu_solve(LU, PIV, B, out=o[0]), [None]),
    "linalg.qr": (lambda o: torch.linalg.qr(A, out=tuple(o)), [None, None]),
    "linalg.eigh": (lambda o: torch.linalg.eigh(S, out=tuple(o)), [None, None]),
    "linalg.svd": (lambda o: torch.linalg.svd(A, out=tuple(o)), [None, None, None]),
    "linalg.lu": (lambda o: torch.linalg.lu(A, out=tuple(o)), [None, None, None]),
    "linalg.pinv": (lambda o: torch.linalg.pinv(A, out=o[0]), [None]),
    "linalg.det": (lambda o: torch.linalg.det(A, out=o[0]), [None]),
}


def main():
    cases = []
    for name, (call, dtypes) in OPS.items():
        shapes = [tuple(r.shape) for r in (lambda r: r if isinstance(r, tuple) else (r,))(call(
            [torch.empty(0, dtype=d or torch.float64) for d in dtypes]))]
        for kind in ["empty", "wrong_shape", "right_shape"]:
            if kind == "empty":
                outs = [torch.empty(0, dtype=d or torch.float64) for d in dtypes]
            elif kind == "wrong_shape":
                outs = [torch.zeros(5, dtype=d or torch.float64) for d in dtypes]
            else:
                outs = [torch.zeros(s, dtype=d or torch.float64) for s, d in zip(shapes, dtypes)]
            try:
                call(outs)
                cases.append({"op": name, "kind": kind, "outs": [{"shape": list(o.shape), "stride": list(o.stride())}
                                                                 for o in outs]})
            except Exception as e:  # noqa: BLE001
                cases.append({"op": name, "kind": kind, "error": type(e).__name__, "message": str(e)})
    with open(OUT, "w") as f:
        json.dump({"torch": torch.__version__, "cases": cases}, f, indent=1)
        f.write("\n")


main()
