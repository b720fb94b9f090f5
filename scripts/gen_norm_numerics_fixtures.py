#!/usr/bin/python3
"""Records PyTorch 1.13's exact output bits for F.layer_norm and F.batch_norm, forward and backward.

Usage: /usr/bin/python3 scripts/gen_norm_numerics_fixtures.py [out_file]
(default test/fixtures/numerics/norm_layers.json)

Each case: a float32 or float64 input (seeded values with ties, zeros, -0, large and tiny magnitudes), optional
weight and bias, layer norm over 1 to all trailing dims or batch norm in training (running statistics
updated) or evaluation, and a backward pass with either a dense gradient or the expanded ones of .sum(). Shapes
cover the kernels' paths: rows shorter than a vector, partial vectors, RowwiseMoments' chunk cascade (rows of
hundreds), batch norm's channels-last kernels ([N, C] inputs) and its contiguous ones. Values are base64 of
the little-endian float bits. Runs single-threaded, as the kernels' buffers depend on the thread count.
"""
import base64
import json
import random
import sys

import numpy as np
import torch
import torch.nn.functional as F

torch.set_num_threads(1)
torch.manual_seed(0)
OUT = sys.argv[1] if len(sys.argv) > 1 else "test/fixtures/numerics/norm_layers.json"
DTYPES = {"float32": torch.float32, "float64": torch.float64}


def b64(t):
    return base64.b64encode(np.ascontiguousarray(t.detach().numpy()).tobytes()).decode("ascii")


def value(rng):
    k = rng.random()
    if k < 0.5:
        return rng.uniform(-4, 4)
    if k < 0.7:
        return round(rng.uniform(-4, 4), 1)
    if k < 0.85:
        return rng.uniform(-100, 100)
    return rng.choice([0.0, -0.0, 1e-3, 3e-5, 0.125, -2.5, 1e-30, 7.0])


def shape_for(rng, kind):
    nd = rng.randint(1 if kind == "layer" else 2, 4)
    dims = [rng.randint(1, 5) for _ in range(nd)]
    if rng.random() < 0.25:
        dims[-1] = rng.choice([9, 17, 33, 130, 389, 1000])
    if kind != "layer" and rng.random() < 0.3:
        dims = [rng.randint(2, 9), rng.randint(1, 9)]  # [N, C]: the channels-last kernels
    while int(np.prod(dims)) > 1200:
        dims[0] = 1
        dims[-1] //= 2
    return dims


def main():
    rng = random.Random(13)
    cases = []
    while len(cases) < 120:
        dtype = rng.choice(list(DTYPES))
        kind = rng.choice(["layer", "layer", "batch_train", "batch_eval"])
        shape = shape_for(rng, kind)
        n = int(np.prod(shape))
        x = torch.tensor([value(rng) for _ in range(n)], dtype=DTYPES[dtype]).reshape(shape).requires_grad_()
        case = {"kind": kind, "dtype": dtype, "shape": shape, "x": b64(x)}
        param_shape = shape[len(shape) - rng.randint(1, len(shape)):] if kind == "layer" else [shape[1]]
        weight = torch.randn(param_shape, dtype=DTYPES[dtype]).requires_grad_() if rng.random() < 0.6 else None
        bias = torch.randn(param_shape, dtype=DTYPES[dtype]).requires_grad_() if rng.random() < 0.6 else None
        eps = rng.choice([1e-5, 1e-5, 0.1])
        case.update(paramShape=param_shape, eps=eps)
        if weight is not None:
            case["weight"] = b64(weight)
        if bias is not None:
            case["bias"] = b64(bias)
        if kind == "layer":
            y = F.layer_norm(x, param_shape, weight, bias, eps)
        else:
            if kind == "batch_train" and n // shape[1] == 1:
                continue
            running_mean = torch.randn(shape[1], dtype=DTYPES[dtype])
            running_var = torch.rand(shape[1], dtype=DTYPES[dtype]) + 0.5
            case.update(runningMean=b64(running_mean), runningVar=b64(running_var), momentum=rng.choice([0.1, 0.3]))
            y = F.batch_norm(x, running_mean, running_var, weight, bias, kind == "batch_train", case["momentum"], eps)
            case.update(runningMeanAfter=b64(running_mean), runningVarAfter=b64(running_var))
        case["y"] = b64(y)
        if rng.random() < 0.4:
            case["grad"] = "sum"
            y.sum().backward()
        else:
            grad = torch.tensor([rng.uniform(-1, 1) for _ in range(n)], dtype=DTYPES[dtype]).reshape(shape)
            case["grad"] = b64(grad)
            y.backward(grad)
        case["gradInput"] = b64(x.grad)
        if weight is not None:
            case["gradWeight"] = b64(weight.grad)
        if bias is not None:
            case["gradBias"] = b64(bias.grad)
        cases.append(case)
    with open(OUT, "w") as f:
        json.dump({"cases": cases}, f, separators=(",", ":"))
    print(f"wrote {len(cases)} cases to {OUT}")


main()
