# PyTorch's results for test/tensor/complex.test.ts (complex tensors and torch.fft, docs/complex.md).
# Run: /usr/bin/python3 scripts/gen_complex_fixtures.py  ->  test/fixtures/complex.json
import json
import torch

CASES = {
    # name: python expression over x (float64 [5]), m (float64 [2, 3]), c (complex64 [3])
    "repr_c": "c",
    "repr_c128": "c.to(torch.complex128)",
    "repr_2d": "torch.complex(m, -m)",
    "abs": "c.abs()",
    "angle": "c.angle()",
    "conj": "c.conj()",
    "mul": "c * c",
    "div": "c / torch.complex(torch.tensor([2., 1., -1.]), torch.tensor([1., -3., 0.5]))",
    "add_real": "c + torch.tensor([1.5, 2., 3.])",
    "sum": "c.sum()",
    "mean": "c.mean()",
    "view_as_real": "torch.view_as_real(c)",
    "fft": "torch.fft.fft(x)",
    "ifft_n": "torch.fft.ifft(x, 8)",
    "rfft_ortho": "torch.fft.rfft(x, norm='ortho')",
    "irfft": "torch.fft.irfft(torch.fft.rfft(x), 5)",
    "hfft": "torch.fft.hfft(torch.fft.rfft(x))",
    "ihfft": "torch.fft.ihfft(x)",
    "fft2": "torch.fft.fft2(m)",
    "rfft2_forward": "torch.fft.rfft2(m, norm='forward')",
    "irfftn": "torch.fft.irfftn(torch.fft.rfftn(m), (2, 3))",
    "fftn_c": "torch.fft.fftn(c)",
    "fftshift": "torch.fft.fftshift(m)",
    "fftfreq": "torch.fft.fftfreq(5)",
    # the wider op set (cm: complex64 [2, 2])
    "exp": "c.exp()",
    "log": "c.log()",
    "sqrt": "c.sqrt()",
    "sin": "c.sin()",
    "cos": "c.cos()",
    "pow2": "c.pow(2)",
    "pow_half": "c ** 0.5",
    "pow_frac": "c.pow(2.5)",
    "pow_cc": "c.pow(c)",
    "rpow": "torch.pow(2, c)",
    "pow_real_tensor": "c.pow(torch.tensor([2., 0.5, -1.]))",
    "mm": "cm @ cm",
    "mv": "cm @ cm[0]",
    "vm": "cm[0] @ cm",
    "bmm": "torch.bmm(torch.stack([cm, cm.conj()]), torch.stack([cm, cm]))",
    "matmul_bcast": "torch.stack([cm, cm.conj()]) @ cm",
    "cat": "torch.cat([c, c.conj()])",
    "cat_real": "torch.cat([c, torch.tensor([1.5])])",
    "stack": "torch.stack([c, c.conj()], 1)",
    "sum_dim": "torch.stack([c, c.conj()]).sum(0)",
    "expand": "c.expand(2, 3)",
    "tensor_literal": "torch.tensor([1, 2+1j, -0.5j])",
    "tensor_dtype": "torch.tensor([[1, 2], [3, 4]], dtype=torch.complex128)",
    "rand_seeded": "(torch.manual_seed(0), torch.rand(2, 3, dtype=torch.cfloat))[1]",
    "randn_seeded": "(torch.manual_seed(5), torch.randn(4, dtype=torch.cdouble))[1]",
}
GRADS = {
    "grad_rfft_abs": "torch.fft.rfft(x).abs().sum()",
    "grad_irfft_fft": "torch.fft.irfft(torch.fft.fft(x) * torch.fft.fft(x), 6).sum()",
    "grad_fftn_real": "torch.fft.fftn(m).real.pow(2).sum()",
    "grad_complex_mul_abs": "(torch.complex(x, 2 * x) * torch.complex(x, -x)).abs().sum()",
    "grad_exp_log": "torch.view_as_real(w.exp() * w.log()).pow(2).sum()",
    "grad_sqrt_sin_cos": "(w.sqrt() * w.sin() + w.cos()).abs().sum()",
    "grad_pow": "torch.view_as_real(w.pow(2.5) + w.pow(w) + torch.pow(2, w) + w.pow(x[:3]) + w.pow(2)).sum()",
    "grad_matmul": "torch.view_as_real(torch.stack([w, w.conj()]) @ torch.complex(m, -m).t()).pow(2).sum()",
    "grad_mv_vm": "(torch.complex(m, m) @ w).abs().sum() + (w @ torch.complex(m, m).t()).abs().sum()",
    "grad_cat_stack": "(torch.cat([w, x]) * torch.cat([w.conj(), w, x[:2]])).abs().sum() + torch.stack([w, w * 2], 1).sum().abs()",
    "grad_expand": "(w.expand(2, 3) * torch.complex(m, m)).abs().sum()",
    "grad_eig_values": "torch.view_as_real(torch.linalg.eig(A)[0]).pow(2).sum()",
    "grad_eig_vectors": "torch.linalg.eig(A)[0].abs().sum() + (torch.linalg.eig(A)[1].abs() ** 2 * torch.arange(3.0)).sum()",
    "grad_eigvals": "torch.linalg.eigvals(A).abs().sum()",
}


def env():
    x = torch.tensor([1.0, 2.0, -1.0, 0.5, 3.0], dtype=torch.float64, requires_grad=True)
    m = torch.tensor([[1.0, 2.0, 0.0], [3.0, -1.0, 2.5]], dtype=torch.float64, requires_grad=True)
    c = torch.complex(torch.tensor([1.0, 3.0, 0.5]), torch.tensor([2.0, -1.0, 0.0]))
    A = torch.tensor([[1.0, 2.0, 0.0], [-3.0, 1.0, 4.0], [0.5, 0.0, 2.0]], dtype=torch.float64, requires_grad=True)
    cm = torch.complex(torch.tensor([[1.0, 2.0], [0.0, -1.0]]), torch.tensor([[0.5, -1.0], [2.0, 1.0]]))
    w = torch.tensor([1 + 2j, -0.5 + 0.25j, 3 - 1j], dtype=torch.complex128, requires_grad=True)
    return {"torch": torch, "x": x, "m": m, "c": c, "A": A, "cm": cm, "w": w}


def values(t):
    t = t.detach()
    if t.is_complex():
        return torch.view_as_real(t.resolve_conj()).flatten().tolist()
    return t.flatten().tolist()


out = {"cases": {}, "grads": {}}
for name, expr in CASES.items():
    t = eval(expr, env())
    out["cases"][name] = {"expr": expr, "dtype": str(t.dtype), "shape": list(t.shape), "values": values(t), "repr": repr(t.detach())}
for name, expr in GRADS.items():
    e = env()
    loss = eval(expr, e)
    loss.backward()
    out["grads"][name] = {"expr": expr, "loss": loss.item(), "x": values(e["x"].grad) if e["x"].grad is not None else None, "m": values(e["m"].grad) if e["m"].grad is not None else None, "A": values(e["A"].grad) if e["A"].grad is not None else None, "w": values(e["w"].grad) if e["w"].grad is not None else None}
# linalg.eig: eigenvalues, and eigenvectors up to a phase per vector (compared as |V| and A V = V diag(L)).
EIG = {
    "eig_3x3": [[1.0, 2.0, 0.0], [-3.0, 1.0, 4.0], [0.5, 0.0, 2.0]],
    "eig_4x4": [[4.0, -2.0, 1.0, 0.5], [1.0, 0.0, -3.0, 2.0], [0.0, 2.5, 1.0, -1.0], [3.0, 1.0, 0.0, -2.0]],
    "eig_batch": [[[2.0, 1.0], [1.0, 3.0]], [[0.0, -1.0], [1.0, 0.0]]],
    # dgeev's balancing permutes rows and columns that isolate an eigenvalue: these come out in its order
    "eig_lower_triangular": [[6.0, 0.0, 0.0], [5.0, 4.0, 0.0], [3.0, 2.0, 1.0]],
    "eig_reducible": [[5.0, 0.0, 0.0], [0.0, 1.0, 2.0], [0.0, 3.0, 4.0]],
    "eig_zero_column": [[3.0, 0.0, 1.0], [2.0, 0.0, 4.0], [1.0, 0.0, 2.0]],
    # dlahqr's shifts and deflation decide where a dense matrix's eigenvalues land
    "eig_dlahqr_order": [[1.0, 0.0, 2.0, -1.0], [0.5, 0.0, 1.0, 3.0], [2.0, 0.0, -1.0, 0.25], [1.5, 0.0, 0.5, 2.0]],
    "eig_dlahqr_dense": [[0.5, -1.2, 2.0, 0.3], [1.1, 0.4, -0.7, 2.2], [-0.6, 1.8, 0.9, -1.4], [2.3, -0.2, 0.6, -1.1]],
}
out["eig"] = {}
for name, a in EIG.items():
    A = torch.tensor(a, dtype=torch.float64)
    L, V = torch.linalg.eig(A)
    out["eig"][name] = {"A": a, "L": values(L), "absV": V.abs().flatten().tolist(), "eigvals": values(torch.linalg.eigvals(A.float()))}
json.dump(out, open("test/fixtures/complex.json", "w"), indent=1)
