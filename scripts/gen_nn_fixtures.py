"""Records what real PyTorch 1.13 does for the nn tests: module reprs, parameter order, default
initialisation after manual_seed, forward outputs and gradients. Writes test/fixtures/nn.json.

Usage: /usr/bin/python3 scripts/gen_nn_fixtures.py
"""
import json

import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(4, 3)
        self.act = nn.ReLU()
        self.seq = nn.Sequential(nn.Linear(3, 2), nn.Sigmoid())
        self.scale = nn.Parameter(torch.ones(1))
        self.register_buffer("steps", torch.zeros(1))

    def forward(self, x):
        return self.seq(self.act(self.fc1(x))) * self.scale


def main():
    out = {}
    torch.manual_seed(0)
    net = Net()
    x = torch.randn(5, 4)
    y = net(x)
    y.sum().backward()
    out["net"] = {
        "repr": repr(net),
        "state_dict_keys": list(net.state_dict().keys()),
        "named_parameters": [n for n, _ in net.named_parameters()],
        "named_modules": [n for n, _ in net.named_modules()],
        "params": {n: p.tolist() for n, p in net.named_parameters()},
        "x": x.tolist(),
        "y": y.tolist(),
        "grad_fn": y.grad_fn.name(),
        "grads": {n: p.grad.tolist() for n, p in net.named_parameters()},
    }
    lin = nn.Linear(2, 3)
    out["linear_grad_fns"] = {
        "2d": F.linear(torch.randn(4, 2), lin.weight, lin.bias).grad_fn.name(),
        "2d_nobias": F.linear(torch.randn(4, 2), lin.weight).grad_fn.name(),
        "3d": F.linear(torch.randn(5, 4, 2), lin.weight, lin.bias).grad_fn.name(),
        "1d": F.linear(torch.randn(2), lin.weight, lin.bias).grad_fn.name(),
    }
    torch.manual_seed(1)
    w = torch.empty(3, 5)
    inits = {}
    inits["kaiming_uniform_"] = nn.init.kaiming_uniform_(w.clone(), a=0.1).tolist()
    inits["kaiming_normal_"] = nn.init.kaiming_normal_(w.clone(), mode="fan_out", nonlinearity="relu").tolist()
    inits["xavier_uniform_"] = nn.init.xavier_uniform_(w.clone(), gain=2.0).tolist()
    inits["xavier_normal_"] = nn.init.xavier_normal_(w.clone()).tolist()
    inits["uniform_"] = nn.init.uniform_(w.clone(), -2, 3).tolist()
    inits["normal_"] = nn.init.normal_(w.clone(), 1, 0.5).tolist()
    out["init_seed1_in_order"] = inits
    out["calculate_gain"] = {k: nn.init.calculate_gain(k) for k in ["linear", "sigmoid", "tanh", "relu", "leaky_relu", "selu"]}
    # A Linear whose inner dim spans several BLAS panels: addmm adds the product onto the bias panel by panel.
    torch.manual_seed(3)
    big = nn.Linear(784, 8)
    xb = torch.rand(4, 784)
    out["linear_784_8"] = {"output": big(xb).tolist(), "grad_fn": big(xb).grad_fn.name()}
    torch.manual_seed(2)
    d = nn.Dropout(0.3)
    out["dropout_seed2"] = d(torch.ones(12)).tolist()
    out["dropout_repr"] = repr(d)
    out["reprs"] = {
        "LeakyReLU": repr(nn.LeakyReLU()),
        "ELU": repr(nn.ELU()),
        "GELU": repr(nn.GELU("tanh")),
        "Softplus": repr(nn.Softplus()),
        "Flatten": repr(nn.Flatten()),
        "Identity": repr(nn.Identity()),
        "ModuleList": repr(nn.ModuleList([nn.ReLU(), nn.Tanh()])),
        "ModuleDict": repr(nn.ModuleDict({"a": nn.ReLU()})),
        "Sequential": repr(nn.Sequential()),
        "Linear_nobias": repr(nn.Linear(2, 3, bias=False)),
    }
    try:
        Net().load_state_dict({"scale": torch.ones(2)})
    except RuntimeError as e:
        out["load_error"] = str(e)
    with open("test/fixtures/nn.json", "w") as f:
        json.dump(out, f, indent=1)
    print("wrote test/fixtures/nn.json")


if __name__ == "__main__":
    main()
