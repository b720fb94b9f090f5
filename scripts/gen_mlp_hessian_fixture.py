"""The Hessian of a small MLP's cross-entropy loss w.r.t. its parameters, in float64, from real PyTorch 1.13.
Writes test/fixtures/mlp_hessian.json. Usage: /usr/bin/python3 scripts/gen_mlp_hessian_fixture.py
"""
import json

import torch
import torch.nn.functional as F

torch.manual_seed(0)
x = torch.randn(5, 4, dtype=torch.float64)
labels = torch.tensor([0, 2, 1, 2, 0])
w1 = torch.randn(3, 4, dtype=torch.float64) * 0.5
b1 = torch.randn(3, dtype=torch.float64) * 0.1
w2 = torch.randn(3, 3, dtype=torch.float64) * 0.5


def loss_fn(w1, b1, w2):
    hidden = torch.tanh(F.linear(x, w1, b1))
    return F.cross_entropy(hidden.matmul(w2.t()), labels)


H = torch.autograd.functional.hessian(loss_fn, (w1, b1, w2))
json.dump(
    {
        "x": x.tolist(),
        "labels": labels.tolist(),
        "params": [w1.tolist(), b1.tolist(), w2.tolist()],
        "loss": loss_fn(w1, b1, w2).item(),
        "hessian": [[h.tolist() for h in row] for row in H],
    },
    open("test/fixtures/mlp_hessian.json", "w"),
)
print("wrote test/fixtures/mlp_hessian.json")
