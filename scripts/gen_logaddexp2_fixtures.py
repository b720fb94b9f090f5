#!/usr/bin/python3
"""Records PyTorch 1.13's torch.logaddexp2 bit for bit, for test/ops/logaddexp2_bits.test.ts (logaddexp2_kernel:
the vectorized body on blocks, the scalar function m + log2(1 + pow(2, -|a - b|)) with glibc's log2f/powf or
log2/pow on the tail and on 0-dim operands).

Usage: /usr/bin/python3 scripts/gen_logaddexp2_fixtures.py [out_file]
(default test/fixtures/numerics/logaddexp2.json)

Each case: a and b (little-endian bits, base64) of one dtype and shape, b possibly broadcast ([1] or 0-dim),
and the result's bits. Lengths 1 to 40 (every tail length after the 16- or 8-lane blocks), 0-dim pairs, and
values from close pairs (|a - b| tiny), moderate and far apart, infinities, NaN.
- glibc: the system glibc's log2f and log2 (what std::log2 calls in PyTorch's scalar function, via ctypes) on
  random bit patterns, values near 1 (log2's separate branch) and in [1, 2], as bits.
Runs single-threaded; running it twice writes the same file.
"""
import ctypes
import base64
import json
import sys

import numpy as np
import torch

torch.set_num_threads(1)
OUT = sys.argv[1] if len(sys.argv) > 1 else "test/fixtures/numerics/logaddexp2.json"


def enc(t):
    return {"dtype": str(t.dtype)[6:], "shape": list(t.shape),
            "bits": base64.b64encode(np.ascontiguousarray(t.numpy()).tobytes()).decode("ascii")}


def main():
    gen = torch.Generator().manual_seed(2)
    cases = []
    for dtype in [torch.float32, torch.float64]:
        def values(n):
            a = torch.randn(n, generator=gen, dtype=torch.float64) * 10
            kind = torch.randint(0, 4, (n,), generator=gen)
            d = torch.where(kind == 0, torch.randn(n, generator=gen, dtype=torch.float64) * 1e-4,
                            torch.where(kind == 1, torch.randn(n, generator=gen, dtype=torch.float64),
                                        torch.randn(n, generator=gen, dtype=torch.float64) * 30))
            return a.to(dtype), (a + d).to(dtype)
        for n in list(range(1, 41)) + [67, 200]:
            a, b = values(n)
            if n == 40:
                a[:6] = torch.tensor([float("inf"), float("-inf"), float("inf"), float("nan"), 0.0, -0.0])
                b[:6] = torch.tensor([float("inf"), float("-inf"), float("-inf"), 1.0, -0.0, 0.0])
            cases.append({"a": enc(a), "b": enc(b), "out": enc(torch.logaddexp2(a, b))})
        for n in [5, 23]:  # a broadcast scalar operand
            a, b = values(n)
            cases.append({"a": enc(a), "b": enc(b[:1]), "out": enc(torch.logaddexp2(a, b[:1]))})
            cases.append({"a": enc(a), "b": enc(b[0]), "out": enc(torch.logaddexp2(a, b[0]))})
        a, b = values(300)
        for i in range(300):  # 0-dim pairs: the scalar function alone
            cases.append({"a": enc(a[i]), "b": enc(b[i]), "out": enc(torch.logaddexp2(a[i], b[i]))})
    libm = ctypes.CDLL("libm.so.6")
    libm.log2f.restype, libm.log2f.argtypes = ctypes.c_float, [ctypes.c_float]
    libm.log2.restype, libm.log2.argtypes = ctypes.c_double, [ctypes.c_double]
    rng = np.random.default_rng(3)
    xf = np.concatenate([rng.integers(0, 2**32, 1500, dtype=np.uint64).astype(np.uint32).view(np.float32),
                         rng.uniform(0.9, 1.1, 1000).astype(np.float32), rng.uniform(1, 2, 500).astype(np.float32)])
    xd = np.concatenate([rng.integers(0, 2**64, 1500, dtype=np.uint64).view(np.float64),
                         rng.uniform(0.95, 1.05, 1000), rng.uniform(1, 2, 500)])
    yf = np.array([libm.log2f(float(v)) for v in xf], dtype=np.float32)
    yd = np.array([libm.log2(float(v)) for v in xd], dtype=np.float64)
    b64 = lambda a: base64.b64encode(a.tobytes()).decode("ascii")  # noqa: E731
    glibc = {"log2f": {"x": b64(xf), "y": b64(yf)}, "log2": {"x": b64(xd), "y": b64(yd)}}
    with open(OUT, "w") as f:
        json.dump({"torch": torch.__version__, "cases": cases, "glibc": glibc}, f)
        f.write("\n")


main()
