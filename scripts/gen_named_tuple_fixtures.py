"""Records how PyTorch 1.13 prints the named tuples (torch.return_types.*) the linalg ops and aminmax return, on
small inputs whose results print the same from any LAPACK. Writes test/fixtures/named_tuples.json for
test/ops/named_tuples.test.ts, which builds the same inputs.

Usage: npm run fixtures -- named_tuples
"""
import json
import sys
import warnings

import torch


def main():
    out_path = sys.argv[1]
    warnings.simplefilter("ignore")
    a = torch.tensor([[4.0, 1.0], [2.0, 3.0]])
    spd = torch.tensor([[4.0, 2.0], [2.0, 3.0]])
    diagonal = torch.tensor([[3.0, 0.0], [0.0, 1.0]], dtype=torch.float64)
    b = torch.tensor([[1.0], [2.0]])
    results = {
        "slogdet": torch.slogdet(a),
        "linalg_slogdet": torch.linalg.slogdet(a),
        "linalg_qr": torch.linalg.qr(a),
        "qr": torch.qr(a),
        "linalg_svd": torch.linalg.svd(diagonal),
        "svd": torch.svd(diagonal),
        "linalg_eigh": torch.linalg.eigh(diagonal),
        "symeig": torch.symeig(diagonal, eigenvectors=True),
        "linalg_lu": torch.linalg.lu(a),
        "linalg_lu_factor": torch.linalg.lu_factor(a),
        "linalg_lu_factor_ex": torch.linalg.lu_factor_ex(a),
        "lu_unpack": torch.lu_unpack(*torch.linalg.lu_factor(a)),
        "linalg_lstsq": torch.linalg.lstsq(a, b),
        "linalg_inv_ex": torch.linalg.inv_ex(a),
        "linalg_cholesky_ex": torch.linalg.cholesky_ex(spd),
        "linalg_solve_ex": torch.linalg.solve_ex(a, b),
        "triangular_solve": torch.triangular_solve(b, torch.triu(a)),
        "aminmax": torch.aminmax(a, dim=0),
    }
    reprs = {k: repr(v) for k, v in results.items()}
    with open(out_path, "w") as f:
        json.dump({"torch": torch.__version__, "reprs": reprs}, f, indent=1)
        f.write("\n")
    print(f"wrote {len(reprs)} reprs to {out_path}")


if __name__ == "__main__":
    main()
