"""Records PyTorch 1.13's raw LAPACK results (no sign normalisation) on matrices larger than the op tables': LU
factors and pivots, Cholesky factors, QR, eigh and SVD with their vector signs, float64 and float32, batched, and
the error svd raises from gesdd's info on a NaN. The native backend calls the same LAPACK routines;
test/backend/lapack_native.test.ts compares its results with these within a tolerance (and reports, without
asserting, how many are bit-identical on the machine that recorded them). Inputs come from a linear congruential
generator the test repeats, so the fixture holds only the outputs.

Usage: npm run fixtures -- lapack_native
"""
import json
import sys

import torch


def lcg_matrix(shape, seed):
    """The test's randomMatrix: values in [-1, 1) from s = (s * 1103515245 + 12345) % 2^31."""
    count = 1
    for d in shape:
        count *= d
    s = seed
    out = []
    for _ in range(count):
        s = (s * 1103515245 + 12345) % 2147483648
        out.append(s / 1073741824 - 1)
    return torch.tensor(out, dtype=torch.float64).reshape(shape)


def flat(t):
    return [float(v) for v in t.detach().to(torch.float64).flatten().tolist()]


# (name, shape, seed): square, tall, wide, batched.
CASES = [
    ("square", [6, 6], 1),
    ("tall", [9, 5], 2),
    ("wide", [4, 7], 3),
    ("batched", [3, 5, 5], 4),
    ("larger", [20, 20], 5),
]


def main():
    out_path = sys.argv[1]
    cases = []
    for dtype_name in ["float64", "float32"]:
        dtype = getattr(torch, dtype_name)
        for name, shape, seed in CASES:
            a = lcg_matrix(shape, seed).to(dtype)
            square = shape[-1] == shape[-2]
            sym = a + a.mT if square else None
            lu, pivots = torch.linalg.lu_factor(a)
            q, r = torch.linalg.qr(a)
            qc, rc = torch.linalg.qr(a, mode="complete")
            u, s, vh = torch.linalg.svd(a, full_matrices=False)
            uf, _, vhf = torch.linalg.svd(a)
            results = {
                "lu": flat(lu),
                "pivots": flat(pivots),
                "qr_Q": flat(q),
                "qr_R": flat(r),
                "qr_complete_Q": flat(qc),
                "qr_complete_R": flat(rc),
                "svd_U": flat(u),
                "svd_S": flat(s),
                "svd_Vh": flat(vh),
                "svd_full_U": flat(uf),
                "svd_full_Vh": flat(vhf),
                "svdvals": flat(torch.linalg.svdvals(a)),
            }
            if square:
                w, v = torch.linalg.eigh(sym)
                wu, vu = torch.linalg.eigh(sym, UPLO="U")
                # Positive definite by diagonal dominance (entries of sym lie in [-2, 2]); elementwise, so the
                # input has the same bits in the test whichever matmul kernel it would have used.
                spd = sym + (2 * shape[-1] + 1) * torch.eye(shape[-1], dtype=dtype)
                rhs = lcg_matrix(shape[:-1] + [2], seed + 100).to(dtype)
                results.update({
                    "solve": flat(torch.linalg.solve(a, rhs)),
                    "inv": flat(torch.linalg.inv(a)),
                    "eigh_values": flat(w),
                    "eigh_vectors": flat(v),
                    "eigh_upper_values": flat(wu),
                    "eigh_upper_vectors": flat(vu),
                    "eigvalsh": flat(torch.linalg.eigvalsh(sym)),
                    "cholesky": flat(torch.linalg.cholesky(spd)),
                    "cholesky_upper": flat(torch.linalg.cholesky(spd, upper=True)),
                })
            cases.append({"name": f"{dtype_name} {name}", "dtype": dtype_name, "shape": shape, "seed": seed,
                          "results": results})
    # LAPACK's info turned into PyTorch's errors: gesdd's NaN check (-4), single and batched (element 1).
    errors = []
    for name, shape, at in [("svd nan", [2, 2], (0, 0)), ("svd nan batched", [2, 2, 2], (1, 0, 1))]:
        a = torch.zeros(shape, dtype=torch.float64) + torch.eye(2, dtype=torch.float64)
        a[at] = float("nan")
        try:
            torch.linalg.svd(a)
            message = None
        except Exception as e:  # noqa: BLE001 - the class name is recorded
            message = f"{type(e).__name__}: {e}"
        errors.append({"name": name, "shape": shape, "nan_at": list(at), "error": message})
    with open(out_path, "w") as f:
        json.dump({"torch": torch.__version__, "cases": cases, "errors": errors}, f)
        f.write("\n")


if __name__ == "__main__":
    main()
