"""Records PyTorch 1.13's torch.linalg.eig / eigvals on real matrices: eigenvalues in
LAPACK's order and eigenvectors with LAPACK's signs and phases (dgeev / sgeev: unit 2-norm, a complex vector's
largest component real), for real, complex-pair, repeated, defective, tiny-scaled, batched and larger inputs in
float64 and float32, and the errors non-finite inputs raise (eig's check, and eigvals' LAPACK info without a
gradient; torch.eig itself is removed in 1.13). test/ops/linalg_eig.test.ts compares both backends' results with these within a tolerance.

Usage: npm run fixtures -- linalg_eig
"""
import json
import math
import sys

import torch


def lcg(count, seed):
    """Values in [-1, 1) from s = (s * 1103515245 + 12345) % 2^31."""
    s = seed
    out = []
    for _ in range(count):
        s = (s * 1103515245 + 12345) % 2147483648
        out.append(s / 1073741824 - 1)
    return out


def lcg_matrix(shape, seed):
    count = 1
    for d in shape:
        count *= d
    return torch.tensor(lcg(count, seed), dtype=torch.float64).reshape(shape)


def flat(t):
    t = t.detach()
    if t.is_complex():
        t = torch.view_as_real(t)
    # JSON has no NaN or infinity: those go as the strings "nan", "inf" and "-inf".
    return [v if math.isfinite(v) else str(v) for v in map(float, t.to(torch.float64).flatten().tolist())]


def rows(m):
    return torch.tensor(m, dtype=torch.float64)


# (name, input, tolerance for float64, for float32, random): vectors' tolerance is loose where they are
# ill-conditioned (repeated or defective eigenvalues: a perturbation of eps moves them by sqrt(eps)). Random
# inputs get their vectors' sign stability measured (sign_stable); the others hold small integers, on which
# LAPACK's arithmetic and the port's agree exactly, and one-ulp noise would break their structure.
def inputs():
    upper = torch.triu(lcg_matrix([5, 5], 11)) + torch.diag(torch.arange(5, dtype=torch.float64))
    sym = lcg_matrix([5, 5], 12)
    # Row 4 and column 1 zero off the diagonal: dgebal isolates two eigenvalues and leaves a 4x4 block
    # (ilo > 0, ihi < n - 1), which dorghr, dlahqr and dgebak's permutations then work around.
    partly = lcg_matrix([6, 6], 13)
    partly[4, :4] = 0
    partly[4, 5] = 0
    partly[:1, 1] = 0
    partly[2:, 1] = 0
    # D A D^-1 with D spanning 2^-12..2^12: dgebal's power-of-2 scaling, undone on the vectors by dgebak.
    d = torch.tensor([2.0**-12, 1.0, 2.0**6, 2.0**12, 2.0**-3], dtype=torch.float64)
    scaled = d[:, None] * lcg_matrix([5, 5], 14) / d[None, :]
    return [
        ("partly isolated by balancing", partly, 1e-9, 2e-4, True),
        ("badly scaled (balancing)", scaled, 1e-9, 2e-3, True),
        ("real eigenvalues (symmetric)", sym + sym.T, 1e-9, 2e-4, True),
        ("real eigenvalues (triangular, permuted by balancing)", upper, 1e-9, 2e-4, True),
        ("complex pairs", lcg_matrix([6, 6], 1), 1e-9, 2e-4, True),
        ("rotation", rows([[0, -1], [1, 0]]), 1e-12, 1e-6, False),
        ("companion (complex pairs)", rows([[0, 0, 0, -5], [1, 0, 0, 3], [0, 1, 0, -2], [0, 0, 1, 1]]), 1e-9, 2e-4, False),
        ("repeated (diagonalizable)", rows([[2, 0, 1], [0, 2, 1], [0, 0, 3]]), 1e-9, 2e-4, False),
        ("repeated complex pair", rows([[0, -1, 1, 0], [1, 0, 0, 1], [0, 0, 0, -1], [0, 0, 1, 0]]), 1e-6, 1e-3, False),
        ("defective (Jordan block)", rows([[3, 1, 0], [0, 3, 1], [0, 0, 3]]), 1e-6, 1e-3, False),
        ("defective (similar to a Jordan block)", rows([[4, 1, -1], [-1, 2, 1], [0, 0, 3]]), 1e-6, 1e-2, False),
        ("tiny entries (dgeev's scaling)", lcg_matrix([4, 4], 7) * 1e-160, 1e-9, None, True),
        ("zero", torch.zeros(3, 3, dtype=torch.float64), 1e-12, 1e-6, False),
        ("1x1", rows([[-2.5]]), 1e-12, 1e-6, False),
        ("batched", lcg_matrix([3, 4, 4], 4), 1e-9, 2e-4, True),
        ("medium", lcg_matrix([10, 10], 6), 1e-8, 1e-3, True),
        ("larger", lcg_matrix([16, 16], 5), 1e-8, 1e-3, True),
        # the largest dhseqr hands to dlahqr (above 75 rows it runs dlaqr0, which the TypeScript port lacks)
        ("75 rows", lcg_matrix([75, 75], 8), 1e-7, None, True),
    ]


def sign_stable(a, w0, v0):
    """Per eigenvector, whether PyTorch's own result keeps its sign when entries of `a` move by one ulp: one that
    flips is on a knife edge of LAPACK's rounding (which of two near-equal pivots, how many QR sweeps), where the
    TypeScript port's float64 rounding may choose the other side, so the test compares it up to sign."""
    stable = torch.ones(v0.shape[:-2] + v0.shape[-1:], dtype=torch.bool)
    for trial in range(8):
        g = torch.Generator().manual_seed(trial)
        direction = torch.where(torch.rand(a.shape, generator=g, dtype=torch.float64) < 0.5, -1.0, 1.0).to(a.dtype)
        moved = torch.where(a != 0, torch.nextafter(a, a + direction * float("inf")), a)
        w, v = torch.linalg.eig(moved)
        assert (w - w0).abs().max() < 1e-2, "the eigenvalues' order is unstable: choose another input"
        stable &= ~((v - v0).abs().amax(-2) > 0.1)
    return stable.flatten().tolist()


def error_of(fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001 - the class and text are the fixture
        return {"type": type(e).__name__, "message": str(e)}
    return None


def main():
    out_path = sys.argv[1]
    cases = []
    for name, a64, tol64, tol32, random in inputs():
        for dtype_name, tol in [("float64", tol64), ("float32", tol32)]:
            if tol is None:
                continue
            a = a64.to(getattr(torch, dtype_name))
            w, v = torch.linalg.eig(a)
            case = {
                "name": name,
                "dtype": dtype_name,
                "shape": list(a.shape),
                "a": flat(a),
                "tol": tol,
                "eigenvalues": flat(w),
                "eigenvectors": flat(v),
                "eigvals": flat(torch.linalg.eigvals(a)),
                "sign_stable": sign_stable(a, w, v) if random else [True] * (v.numel() // v.shape[-2]),
            }
            cases.append(case)
    errors = []
    nan, inf = float("nan"), float("inf")
    bad = [
        ("nan, isolated by balancing", [[1, nan], [0, 1]]),
        ("inf, isolated by balancing", [[1, inf], [0, 1]]),
        ("nan in the active block", [[1, 2], [3, nan]]),
        ("nan in a 3x3", [[1, 2, 3], [4, nan, 6], [7, 8, 9]]),
        ("-inf in the active block", [[1, 2], [-inf, 4]]),
    ]
    for name, m in bad:
        for dtype_name in ["float64", "float32"]:
            for batched in [False, True]:
                a = torch.tensor(m, dtype=getattr(torch, dtype_name))
                if batched:
                    a = torch.stack([torch.eye(a.shape[0], dtype=a.dtype), a])
                entry = {"name": name, "dtype": dtype_name, "shape": list(a.shape), "a": flat(a)}
                entry["eig"] = error_of(lambda: torch.linalg.eig(a))
                entry["eigvals_grad"] = error_of(lambda: torch.linalg.eigvals(a.clone().requires_grad_()))
                err = error_of(lambda: torch.linalg.eigvals(a))
                entry["eigvals"] = err
                if err is None:
                    entry["eigvals_values"] = flat(torch.linalg.eigvals(a))
                errors.append(entry)
    with open(out_path, "w") as f:
        json.dump({"cases": cases, "errors": errors}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
