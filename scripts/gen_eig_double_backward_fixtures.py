"""Records second derivatives through torch.linalg.eig / eigvals from real PyTorch 1.13 for
test/ops/linalg_eig_double_backward.test.ts: for each loss f (phase-invariant functions of the eigenvalues and
eigenvectors of a real matrix,
which do not depend on the order of the eigenvalues, which differs from LAPACK's for some matrices), A, W and the Hessian-vector product d/dA <grad f(A), W>.

Usage: npm run fixtures -- eig_double_backward   (/usr/bin/python3 with PyTorch 1.13)
"""
import json
import sys

import torch

LOSSES = {
    "eigvals_abs": lambda A: torch.linalg.eigvals(A).abs().sum(),
    "eigenvalues_sq": lambda A: torch.view_as_real(torch.linalg.eig(A).eigenvalues).pow(2).sum(),
    "eigenvectors_abs": lambda A: (lambda r: (r.eigenvectors.abs() * r.eigenvalues.abs().unsqueeze(-2)).sum())(
        torch.linalg.eig(A)
    ),
    "both": lambda A: (lambda r: (r.eigenvectors.abs().pow(2) * r.eigenvalues.real.unsqueeze(-2)).sum())(
        torch.linalg.eig(A)
    ),
}


def main():
    out = {}
    for i, (name, f) in enumerate(LOSSES.items()):
        for shape in [(3, 3), (2, 3, 3)]:
            torch.manual_seed(100 + i)
            A = torch.randn(*shape, dtype=torch.float64, requires_grad=True)
            W = torch.randn(*shape, dtype=torch.float64)
            (g,) = torch.autograd.grad(f(A), A, create_graph=True)
            (hv,) = torch.autograd.grad((g * W).sum(), A)
            out[f"{name}_{'x'.join(map(str, shape))}"] = {
                "shape": list(shape),
                "A": A.detach().flatten().tolist(),
                "W": W.flatten().tolist(),
                "grad": g.detach().flatten().tolist(),
                "hvp": hv.flatten().tolist(),
            }
    with open(sys.argv[1], "w") as f:
        json.dump(out, f, indent=1)


if __name__ == "__main__":
    main()
