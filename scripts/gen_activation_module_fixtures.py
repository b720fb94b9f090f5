"""Records the activation modules of test/nn/activations.test.ts with real PyTorch 1.13.

Per case: the state_dict after manual_seed(seed) and construction, then (with the stream continuing, so
RReLU's training draws follow) the output of the module on a fixed input, its grad_fn, and the gradients of
output.sum() for the input and each parameter. Inputs come from their own generator so they draw nothing
from the default one. Usage: gen_activation_module_fixtures.py OUT.json
"""
import json
import sys

import torch
import torch.nn as nn

CASES = {
    "prelu_default": ("nn.PReLU()", [2, 3, 4], "train"),
    "prelu_channels": ("nn.PReLU(3, init=0.1)", [2, 3, 4], "train"),
    "prelu_float64": ("nn.PReLU(2, dtype=torch.float64)", [4, 2], "train"),
    "rrelu_train": ("nn.RReLU()", [3, 5], "train"),
    "rrelu_train_bounds": ("nn.RReLU(0.2, 0.6)", [4, 4], "train"),
    "rrelu_eval": ("nn.RReLU(0.1, 0.3)", [3, 5], "eval"),
    "rrelu_inplace": ("nn.RReLU(inplace=True)", [2, 6], "train"),
    "hardtanh_inplace": ("nn.Hardtanh(-0.5, 0.5, inplace=True)", [2, 5], "train"),
    "relu6": ("nn.ReLU6()", [2, 5], "train"),
    "selu_inplace": ("nn.SELU(inplace=True)", [2, 5], "train"),
    "celu_inplace": ("nn.CELU(0.5, inplace=True)", [2, 5], "train"),
    "threshold_inplace": ("nn.Threshold(0.1, -2.0, inplace=True)", [2, 5], "train"),
    "mish": ("nn.Mish()", [2, 5], "train"),
    "mish_vector": ("nn.Mish()", [4, 5], "train"),
    "mish_float64": ("nn.Mish().double()", [3, 5], "train"),
    "hardswish_inplace": ("nn.Hardswish(inplace=True)", [2, 5], "train"),
    "hardsigmoid": ("nn.Hardsigmoid()", [2, 5], "train"),
    "hardshrink": ("nn.Hardshrink(0.3)", [2, 5], "train"),
    "softshrink": ("nn.Softshrink(0.3)", [2, 5], "train"),
    "softsign": ("nn.Softsign()", [2, 5], "train"),
    "tanhshrink": ("nn.Tanhshrink()", [2, 5], "train"),
    "glu": ("nn.GLU(dim=0)", [4, 3], "train"),
}


def flat(t):
    return t.detach().reshape(-1).tolist()


def record(seed, expr, shape, mode):
    dtype = torch.float64 if "float64" in expr or "double" in expr else torch.float32
    x = torch.randn(shape, generator=torch.Generator().manual_seed(seed), dtype=dtype) * 3
    torch.manual_seed(seed)
    m = eval(expr)
    if mode == "eval":
        m.eval()
    state = {k: flat(v) for k, v in m.state_dict().items()}
    leaf = x.clone().requires_grad_(True)
    out = m(leaf * 1)
    out.sum().backward()
    return {
        "seed": seed,
        "input": flat(x),
        "shape": shape,
        "dtype": str(dtype).replace("torch.", ""),
        "state_dict": state,
        "output": flat(out),
        "grad_fn": type(out.grad_fn).__name__,
        "input_grad": flat(leaf.grad),
        "param_grads": {k: flat(p.grad) for k, p in m.named_parameters()},
    }


# ParameterList / ParameterDict: what each registers (state_dict keys, named_parameters and requires_grad)
# and the gradient of a sum over its parameters.
CONTAINERS = {
    "parameter_list": "nn.ParameterList([nn.Parameter(torch.full((2, 3), 0.5)), torch.arange(4.0), 7])",
    "parameter_list_appended": "nn.ParameterList([torch.ones(2)]).append(torch.full((3,), 2.0))",
    "parameter_dict": "nn.ParameterDict({'w': torch.full((2,), 3.0), 'b': nn.Parameter(torch.ones(1)), 'n': 3})",
    "parameter_dict_pairs": "nn.ParameterDict([('z', torch.ones(2)), ('a', torch.full((1,), 4.0))])",
}


def record_container(expr):
    m = eval(expr)
    named = list(m.named_parameters())
    total = sum((p * p).sum() for _, p in named)
    total.backward()
    return {
        "state_dict": list(m.state_dict().keys()),
        "named_parameters": [[k, p.requires_grad, flat(p)] for k, p in named],
        "grads": {k: flat(p.grad) for k, p in named},
        "length": len(m),
    }


def main():
    out = {name: record(i + 1, *spec) for i, (name, spec) in enumerate(CASES.items())}
    containers = {name: record_container(expr) for name, expr in CONTAINERS.items()}
    with open(sys.argv[1], "w") as f:
        json.dump({"cases": out, "containers": containers}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
