"""Records torch.nn.utils.weight_norm / remove_weight_norm and spectral_norm / remove_spectral_norm from real
PyTorch 1.13 for test/nn/weight_norm.test.ts and test/nn/spectral_norm.test.ts: parameter and buffer names and
values after manual_seed, the recomputed weight and its grad_fn, outputs and gradients over a few forwards, and
the weight left by the remove functions. Writes the two files named on the command line.

Usage: /usr/bin/python3 scripts/gen_weight_norm_fixtures.py test/fixtures/nn/weight_norm.json test/fixtures/nn/spectral_norm.json
"""
import json
import sys

import torch
import torch.nn as nn
from torch.nn.utils import remove_spectral_norm, remove_weight_norm, spectral_norm, weight_norm

MODULES = {
    "linear": lambda: nn.Linear(4, 3),
    "conv2d": lambda: nn.Conv2d(2, 3, 3),
    "conv_transpose2d": lambda: nn.ConvTranspose2d(3, 2, 2),
}
INPUTS = {"linear": [5, 4], "conv2d": [2, 2, 5, 5], "conv_transpose2d": [1, 3, 3, 3]}


def state(m):
    return {
        "params": {n: p.detach().flatten().tolist() for n, p in m.named_parameters()},
        "buffers": {n: b.flatten().tolist() for n, b in m.named_buffers()},
        "state_dict_keys": list(m.state_dict().keys()),
    }


def run(m, kind, steps, train=True):
    m.train(train)
    outs = []
    for step in range(steps):
        x = torch.randn(INPUTS[kind])
        y = m(x)
        y.pow(2).sum().backward()
        outs.append({
            "x": x.flatten().tolist(), "y": y.detach().flatten().tolist(),
            "weight": m.weight.detach().flatten().tolist(),
            "weight_grad_fn": None if m.weight.grad_fn is None else m.weight.grad_fn.name(),
            "grads": {n: p.grad.flatten().tolist() for n, p in m.named_parameters()},
            "buffers": {n: b.flatten().tolist() for n, b in m.named_buffers()},
        })
        for p in m.parameters():
            p.grad = None
    return outs


def weight_norm_cases():
    cases = []
    for i, (kind, kwargs) in enumerate([("linear", {}), ("linear", {"dim": 1}), ("conv2d", {"dim": 1}),
                                        ("conv2d", {"dim": None}), ("conv_transpose2d", {"name": "weight"})]):
        torch.manual_seed(20 + i)
        m = MODULES[kind]()
        weight_norm(m, **kwargs)
        case = {"kind": kind, "kwargs": kwargs, "seed": 20 + i, "applied": state(m),
                "weight": m.weight.detach().flatten().tolist(),
                "weight_grad_fn": m.weight.grad_fn.name(), "steps": run(m, kind, 2)}
        remove_weight_norm(m, kwargs.get("name", "weight"))
        case["removed"] = state(m)
        cases.append(case)
    return cases


def spectral_norm_cases():
    cases = []
    for i, (kind, kwargs) in enumerate([("linear", {}), ("conv2d", {"n_power_iterations": 3}),
                                        ("conv_transpose2d", {}), ("linear", {"dim": 1, "eps": 1e-3})]):
        torch.manual_seed(30 + i)
        m = MODULES[kind]()
        spectral_norm(m, **kwargs)
        case = {"kind": kind, "kwargs": kwargs, "seed": 30 + i, "applied": state(m),
                "steps": run(m, kind, 3) + run(m, kind, 1, train=False)}
        remove_spectral_norm(m)
        case["removed"] = state(m)
        cases.append(case)
    return cases


def main():
    with open(sys.argv[1], "w") as f:
        json.dump(weight_norm_cases(), f)
    with open(sys.argv[2], "w") as f:
        json.dump(spectral_norm_cases(), f)


if __name__ == "__main__":
    main()
