"""Records torch.nn.utils.parametrize and parametrizations.spectral_norm from real PyTorch 1.13 for test/nn/parametrize.test.ts: reprs, parameter,
buffer and state_dict names, the parametrized tensors and the originals after registering, assigning and
removing, gradients, and how often cached() calls a parametrization. The parametrizations (Symmetric, Scale)
are written out in the test too.

Usage: /usr/bin/python3 scripts/gen_parametrize_fixtures.py test/fixtures/nn/parametrize.json
"""
import json
import sys

import torch
import torch.nn as nn
import torch.nn.utils.parametrize as P


class Symmetric(nn.Module):
    calls = 0

    def forward(self, X):
        Symmetric.calls += 1
        return X.triu() + X.triu(1).transpose(-1, -2)


class Scale(nn.Module):
    def __init__(self, factor):
        super().__init__()
        self.factor = factor

    def forward(self, X):
        return X * self.factor

    def right_inverse(self, X):
        return X / self.factor


def snapshot(m):
    return {
        "repr": repr(m),
        "params": {n: p.detach().flatten().tolist() for n, p in m.named_parameters()},
        "buffers": {n: b.flatten().tolist() for n, b in m.named_buffers()},
        "state_dict_keys": list(m.state_dict().keys()),
        "is_parametrized": P.is_parametrized(m),
    }


def main():
    out = {}
    torch.manual_seed(40)
    m = nn.Linear(3, 3)
    P.register_parametrization(m, "weight", Symmetric())
    out["symmetric"] = snapshot(m)
    out["symmetric"]["weight"] = m.weight.detach().flatten().tolist()
    out["symmetric"]["is_parametrized_weight"] = P.is_parametrized(m, "weight")
    out["symmetric"]["is_parametrized_bias"] = P.is_parametrized(m, "bias")
    x = torch.randn(4, 3)
    m(x).pow(2).sum().backward()
    out["symmetric"]["x"] = x.flatten().tolist()
    out["symmetric"]["grad_original"] = m.parametrizations.weight.original.grad.flatten().tolist()
    Symmetric.calls = 0
    with P.cached():
        m.weight
        m.weight
    out["symmetric"]["cached_calls"] = Symmetric.calls
    Symmetric.calls = 0
    m.weight
    m.weight
    out["symmetric"]["uncached_calls"] = Symmetric.calls

    torch.manual_seed(41)
    m = nn.Linear(3, 3)
    weight0 = m.weight.detach().clone()
    P.register_parametrization(m, "weight", Scale(2.0))
    P.register_parametrization(m, "weight", Symmetric())
    out["chain"] = snapshot(m)
    out["chain"]["weight0"] = weight0.flatten().tolist()
    out["chain"]["weight"] = m.weight.detach().flatten().tolist()
    P.register_parametrization(m, "bias", Scale(4.0))
    out["chain"]["with_bias"] = snapshot(m)
    m.bias = torch.tensor([1.0, 2.0, 3.0])
    out["chain"]["bias_original"] = m.parametrizations.bias.original.detach().tolist()
    P.remove_parametrizations(m, "bias", leave_parametrized=False)
    out["chain"]["bias_removed"] = snapshot(m)
    P.remove_parametrizations(m, "weight")
    out["chain"]["removed"] = snapshot(m)

    torch.manual_seed(42)
    bn = nn.BatchNorm1d(3)
    P.register_parametrization(bn, "running_var", Scale(3.0))
    out["buffer"] = snapshot(bn)
    out["buffer"]["running_var"] = bn.running_var.tolist()
    # parametrizations.spectral_norm: u and v from the generator, 15 power iterations, then one per access.
    for name, build, kwargs in [("spectral_linear", lambda: nn.Linear(4, 3), {}),
                                ("spectral_conv_transpose", lambda: nn.ConvTranspose2d(2, 3, 2), {"eps": 1e-6})]:
        torch.manual_seed(43)
        m = build()
        torch.nn.utils.parametrizations.spectral_norm(m, **kwargs)
        case = snapshot(m)
        case["weights"] = [m.weight.detach().flatten().tolist() for _ in range(2)]
        m.eval()
        case["eval_weight"] = m.weight.detach().flatten().tolist()
        case["after"] = snapshot(m)
        out[name] = case
    with open(sys.argv[1], "w") as f:
        json.dump(out, f, indent=1)


if __name__ == "__main__":
    main()
