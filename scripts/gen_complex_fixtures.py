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
}
GRADS = {
    "grad_rfft_abs": "torch.fft.rfft(x).abs().sum()",
    "grad_irfft_fft": "torch.fft.irfft(torch.fft.fft(x) * torch.fft.fft(x), 6).sum()",
    "grad_fftn_real": "torch.fft.fftn(m).real.pow(2).sum()",
    "grad_complex_mul_abs": "(torch.complex(x, 2 * x) * torch.complex(x, -x)).abs().sum()",
    "grad_eig_values": "torch.view_as_real(torch.linalg.eig(A)[0]).pow(2).sum()",
    "grad_eig_vectors": "torch.linalg.eig(A)[0].abs().sum() + (torch.linalg.eig(A)[1].abs() ** 2 * torch.arange(3.0)).sum()",
    "grad_eigvals": "torch.linalg.eigvals(A).abs().sum()",
}


def env():
    x = torch.tensor([1.0, 2.0, -1.0, 0.5, 3.0], dtype=torch.float64, requires_grad=True)
    m = torch.tensor([[1.0, 2.0, 0.0], [3.0, -1.0, 2.5]], dtype=torch.float64, requires_grad=True)
    c = torch.complex(torch.tensor([1.0, 3.0, 0.5]), torch.tensor([2.0, -1.0, 0.0]))
    A = torch.tensor([[1.0, 2.0, 0.0], [-3.0, 1.0, 4.0], [0.5, 0.0, 2.0]], dtype=torch.float64, requires_grad=True)
    return {"torch": torch, "x": x, "m": m, "c": c, "A": A}


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
    out["grads"][name] = {"expr": expr, "loss": loss.item(), "x": values(e["x"].grad) if e["x"].grad is not None else None, "m": values(e["m"].grad) if e["m"].grad is not None else None, "A": values(e["A"].grad) if e["A"].grad is not None else None}
# linalg.eig: eigenvalues, and eigenvectors up to a phase per vector (compared as |V| and A V = V diag(L)).
EIG = {
    "eig_3x3": [[1.0, 2.0, 0.0], [-3.0, 1.0, 4.0], [0.5, 0.0, 2.0]],
    "eig_4x4": [[4.0, -2.0, 1.0, 0.5], [1.0, 0.0, -3.0, 2.0], [0.0, 2.5, 1.0, -1.0], [3.0, 1.0, 0.0, -2.0]],
    "eig_batch": [[[2.0, 1.0], [1.0, 3.0]], [[0.0, -1.0], [1.0, 0.0]]],
}
out["eig"] = {}
for name, a in EIG.items():
    A = torch.tensor(a, dtype=torch.float64)
    L, V = torch.linalg.eig(A)
    out["eig"][name] = {"A": a, "L": values(L), "absV": V.abs().flatten().tolist(), "eigvals": values(torch.linalg.eigvals(A.float()))}
json.dump(out, open("test/fixtures/complex.json", "w"), indent=1)
