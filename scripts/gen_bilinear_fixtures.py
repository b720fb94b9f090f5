#!/usr/bin/python3
"""Records PyTorch 1.13's F.bilinear bit for bit, for test/nn/bilinear_bits.test.ts (src/ops/nn_embedding.ts:
_trilinear's two bmms per output feature, in bmm's small-size loop below 400 multiply-adds: float32 sums in float32,
so 1e20 * 1e30 is inf and inf + -inf is nan).

Usage: /usr/bin/python3 scripts/gen_bilinear_fixtures.py [out_file]
(default test/fixtures/numerics/bilinear_bits.json)

Each case: x1, x2, weight and bias (exact float lists; NaN and infinities as strings), the output's dtype, shape
and values, its grad_fn and the one below it, and the gradients of x1, x2 and weight for backward(ones) (not for the
overflowing cases).
Runs single-threaded; running it twice writes the same file.
"""
import json
import math
import sys

import torch
import torch.nn.functional as F

torch.set_num_threads(1)
OUT = sys.argv[1] if len(sys.argv) > 1 else "test/fixtures/numerics/bilinear_bits.json"


def num(v):
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    return v


def enc(t):
    if t is None:
        return None
    return {"dtype": str(t.dtype)[6:], "shape": list(t.shape), "values": [num(v) for v in t.detach().reshape(-1).tolist()]}


def main():
    gen = torch.Generator().manual_seed(5)
    cases = []
    shapes = [([4, 3], [4, 1], [2, 1], False), ([5, 3], [5, 4], [6, 4], True), ([2, 3, 7], [2, 3, 5], [3, 5], True),
              ([1, 9], [1, 8], [4, 8], False), ([12, 10], [12, 9], [2, 9], True), ([3, 2], [3, 450], [2, 450], True)]
    for dtype in [torch.float32, torch.float64]:
        for s1, s2, (o, i2), with_bias in shapes:
            i1 = s1[-1]
            for huge in [False, True]:
                x1 = torch.randn(s1, generator=gen, dtype=dtype) * 3
                x2 = torch.randn(s2, generator=gen, dtype=dtype)
                w = torch.randn(o, i1, i2, generator=gen, dtype=dtype)
                if huge:  # overflowing products and infinities meet in the float32 sums
                    x1.view(-1)[::3] = 1e20
                    x1.view(-1)[1] = -1e30
                    w.view(-1)[::4] = 1e30
                    w.view(-1)[2] = float("inf")
                b = torch.randn(o, generator=gen, dtype=dtype) if with_bias else None
                xr1, xr2, wr = (t.clone().requires_grad_() for t in (x1, x2, w))
                y = F.bilinear(xr1, xr2, wr, b)
                y.sum().backward()
                fn = y.grad_fn
                below = fn.next_functions[0][0]
                cases.append({"x1": enc(x1), "x2": enc(x2), "weight": enc(w), "bias": enc(b), "out": enc(y),
                              "grad_fn": type(fn).__name__, "grad_fn_next": type(below).__name__,
                              # the huge cases' gradients are mostly nan: not recorded
                              "x1_grad": None if huge else enc(xr1.grad), "x2_grad": None if huge else enc(xr2.grad),
                              "weight_grad": None if huge else enc(wr.grad), "huge": huge})
    with open(OUT, "w") as f:
        json.dump({"torch": torch.__version__, "cases": cases}, f)
        f.write("\n")


main()
