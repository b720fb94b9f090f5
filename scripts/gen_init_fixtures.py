"""Records torch.nn.init's fills after torch.manual_seed, their warnings, and calculate_gain, from real PyTorch
1.13, for test/nn/init.test.ts. Each case is a spec (function, tensor shape and dtype, arguments, seed) that the
test replays. Writes test/fixtures/nn/init.json.

Usage: /usr/bin/python3 scripts/gen_init_fixtures.py test/fixtures/nn/init.json
"""
import json
import math
import sys
import warnings

import torch
import torch.nn as nn

KAIMING = {"a": 0.2, "mode": "fan_out", "nonlinearity": "leaky_relu"}
CASES = [
    ("uniform_", [3, 4], "float32", [-1.5, 2.0], {}),
    ("normal_", [5, 2], "float64", [0.5], {"std": 3.0}),
    ("constant_", [2, 3], "float32", [0.25], {}),
    ("ones_", [4], "float32", [], {}),
    ("zeros_", [2, 2], "float64", [], {}),
    ("xavier_uniform_", [4, 3, 2], "float32", [], {"gain": 2.0}),
    ("xavier_normal_", [6, 5], "float32", [], {}),
    ("kaiming_uniform_", [4, 2, 3], "float32", [], KAIMING),
    ("kaiming_normal_", [3, 7], "float64", [], {"nonlinearity": "relu"}),
    ("kaiming_uniform_", [0, 3], "float32", [], {}),
    ("trunc_normal_", [4, 5], "float32", [], {}),
    ("trunc_normal_", [30], "float32", [1.0, 0.5], {"a": 0.0, "b": 1.5}),
    ("trunc_normal_", [20], "float64", [], {"mean": 5.0, "std": 1.0, "a": -1.0, "b": 1.0}),
    ("eye_", [3, 5], "float32", [], {}),
    ("eye_", [4, 2], "float64", [], {}),
    ("dirac_", [4, 3, 3], "float32", [], {}),
    ("dirac_", [6, 2, 3, 4], "float32", [], {"groups": 3}),
    ("dirac_", [2, 2, 3, 3, 3], "float64", [2], {}),
    ("orthogonal_", [4, 4], "float32", [], {}),
    ("orthogonal_", [3, 7], "float32", [], {"gain": 2.0}),
    ("orthogonal_", [6, 2, 2], "float64", [0.5], {}),
    ("orthogonal_", [20, 5], "float32", [], {}),
    ("orthogonal_", [0, 3], "float32", [], {}),
    ("sparse_", [6, 4], "float32", [0.5], {}),
    ("sparse_", [5, 3], "float64", [0.1], {"std": 1.0}),
    ("uniform", [2, 3], "float32", [], {}),
    ("normal", [3], "float32", [1.0, 2.0], {}),
    ("constant", [3], "float32", [7], {}),
    ("eye", [2, 2], "float32", [], {}),
    ("dirac", [2, 2, 3], "float32", [], {}),
    ("xavier_uniform", [3, 3], "float32", [], {}),
    ("xavier_normal", [3, 3], "float32", [], {"gain": 0.5}),
    ("kaiming_uniform", [3, 3], "float32", [], {}),
    ("kaiming_normal", [3, 3], "float32", [], {}),
    ("orthogonal", [3, 2], "float32", [], {}),
    ("sparse", [4, 2], "float32", [0.5], {}),
]

GAINS = [
    ["linear"], ["conv1d"], ["conv2d"], ["conv3d"], ["conv_transpose1d"], ["conv_transpose2d"],
    ["conv_transpose3d"], ["sigmoid"], ["tanh"], ["relu"], ["leaky_relu"], ["leaky_relu", 0.2],
    ["leaky_relu", 3], ["selu"],
]


def fix(v):
    if isinstance(v, list):
        return [fix(x) for x in v]
    if v != v:
        return "nan"
    if v in (math.inf, -math.inf):
        return "inf" if v > 0 else "-inf"
    return v


def main():
    out = {"cases": [], "gains": []}
    for i, (fn, shape, dtype, args, kwargs) in enumerate(CASES):
        seed = 100 + i
        torch.manual_seed(seed)
        t = torch.empty(shape, dtype=getattr(torch, dtype))
        with warnings.catch_warnings(record=True) as w:
            warnings.simplefilter("always")
            r = getattr(nn.init, fn)(t, *args, **kwargs)
        out["cases"].append({
            "fn": fn, "shape": shape, "dtype": dtype, "args": args, "kwargs": kwargs, "seed": seed,
            "values": fix(r.flatten().tolist()), "same": r is t,
            "warnings": [[x.category.__name__, str(x.message)] for x in w],
            # The generator's state afterwards: the next draw shows how many numbers the fill took.
            "next": torch.rand(1).item(),
        })
    for g in GAINS:
        out["gains"].append({"args": g, "gain": nn.init.calculate_gain(*g)})
    with open(sys.argv[1], "w") as f:
        json.dump(out, f, indent=1)


if __name__ == "__main__":
    main()
