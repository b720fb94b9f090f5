"""Records torch.nn.utils.parametrizations.orthogonal from real PyTorch 1.13 for
test/nn/parametrizations_orthogonal.test.ts: for each map (matrix_exp, cayley, householder), with and without the
dynamic trivialization, on square, wide and tall Linear weights (float64): the repr, state_dict keys, parameters
and buffers after registering, the parametrized weight, the original's gradient of a fixed loss, and the
weight after assigning a new matrix (right_inverse).

Usage: npm run fixtures -- orthogonal   (/usr/bin/python3 with PyTorch 1.13)
"""
import json
import sys

import torch
from torch import nn
from torch.nn.utils import parametrizations


def flat(t):
    return t.detach().flatten().tolist()


def main():
    out = {}
    for map_ in ["matrix_exp", "cayley", "householder", None]:
        for triv in [True, False]:
            for fan_in, fan_out in [(3, 3), (4, 2), (2, 5)]:
                name = f"{map_}_{'triv' if triv else 'plain'}_{fan_out}x{fan_in}"
                torch.manual_seed(7)
                m = nn.Linear(fan_in, fan_out).double()
                parametrizations.orthogonal(m, orthogonal_map=map_, use_trivialization=triv)
                case = {
                    "repr": repr(m),
                    "state_dict_keys": list(m.state_dict().keys()),
                    "params": {n: flat(p) for n, p in m.named_parameters()},
                    "buffers": {n: flat(b) for n, b in m.named_buffers()},
                    "weight": flat(m.weight),
                }
                C = torch.randn(fan_out, fan_in, dtype=torch.float64)
                (m.weight * C).sum().backward()
                case["grad_original"] = flat(m.parametrizations.weight.original.grad)
                new = torch.randn(fan_out, fan_in, dtype=torch.float64)
                try:
                    m.weight = new
                    case["assigned"] = flat(m.weight)
                except NotImplementedError as e:
                    case["assign_error"] = str(e)
                out[name] = case
    with open(sys.argv[1], "w") as f:
        json.dump(out, f, indent=1)


if __name__ == "__main__":
    main()
