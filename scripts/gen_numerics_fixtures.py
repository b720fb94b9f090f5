#!/usr/bin/python3
"""Records PyTorch 1.13's exact output bits for the elementwise math kernels tensorgrad reproduces bit for bit.

Usage: /usr/bin/python3 scripts/gen_numerics_fixtures.py [out_dir]   (default test/fixtures/numerics)

Writes unary.json (one op on float32/float64 inputs through several views), pow.json, backward.json (the fused
backward kernels), linspace.json, softmax.json, prod.json, randn.json,
var_std.json, mv.json, norm.json, binary.json (atan2 through two-input views) and lapack.json (svd and eigh). Inputs and outputs are base64 of the little-endian float bits.
Inputs are deterministic (seeded) and mix the ranges each function branches on with NaN, +-inf, -0 and subnormals; their
lengths leave partial 8- and 16-element vectors, and the views (offset, strided, transposed, row-sliced, 0-dim)
exercise the element order and vector blocks of TensorIterator. Runs single-threaded, where PyTorch's block
boundaries do not depend on the thread count.
"""
import base64
import json
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

torch.set_num_threads(1)
OUT = sys.argv[1] if len(sys.argv) > 1 else "test/fixtures/numerics"
NP = {"float32": np.float32, "float64": np.float64}
TORCH = {"float32": torch.float32, "float64": torch.float64}


def b64(a: np.ndarray) -> str:
    return base64.b64encode(np.ascontiguousarray(a).tobytes()).decode("ascii")


def specials(dt):
    t = NP[dt]
    fi = np.finfo(t)
    tiny = fi.tiny
    return np.array(
        [0.0, -0.0, np.inf, -np.inf, np.nan, 1.0, -1.0, 0.5, -0.5, 2.0, tiny, -tiny, tiny / 8, -tiny / 8,
         fi.max, -fi.max, fi.eps, 1e-30, -1e-30, 88.72, -103.9, 89.5, 709.5, -745.0, 8.664339742, 18.714973875,
         125.0, -125.0, 124.99, 39000.0, 1e5, 1.1, 2.4, 4.0, 6.0, 0.84375, 1.25, 2.857, 0.7, 0.75, 1.5, 22.0,
         3.0, 4.0, np.pi / 2, np.pi, 100.0, -100.0, 1e10, -1e10, 1e20, 1e38],
        dtype=t,
    )


def mixed(dt, n, rng):
    """Reals: a run of small values (whole narrow 8-lane vectors), blocks with one large or non-finite lane,
    wide magnitudes, then special values."""
    t = NP[dt]
    small = rng.uniform(-10, 10, n // 2)
    spiked = rng.uniform(-4, 4, n // 4)
    spiked[3::11] = rng.uniform(-1e4, 1e4, len(spiked[3::11]))
    spiked[50::97] = np.nan
    spiked[70::131] = np.inf
    mags = 10.0 ** rng.uniform(-30, 30, n // 8) * rng.choice([-1, 1], n // 8)
    mid = rng.uniform(-120, 120, n // 8)
    sp = specials(dt)
    x = np.concatenate([small, spiked, mags, mid]).astype(t)
    x = np.concatenate([x[: n - len(sp)], sp])
    return x


def positive(dt, n, rng):
    t = NP[dt]
    sp = specials(dt)
    x = np.concatenate([
        rng.uniform(0, 10, n // 2),
        10.0 ** rng.uniform(-37, 37, n // 4),
        1 + rng.uniform(-0.01, 0.01, n // 8),
        rng.uniform(-3, 3, n // 8),
    ]).astype(t)
    return np.concatenate([x[: n - len(sp)], sp])


def unit(dt, n, rng):
    t = NP[dt]
    sp = specials(dt)
    x = np.concatenate([rng.uniform(-1, 1, 3 * n // 4), rng.uniform(-1.2, 1.2, n // 4)]).astype(t)
    return np.concatenate([x[: n - len(sp)], sp])


N_FULL = {"float32": 2053, "float64": 1031}
N_POW = {"float32": 1031, "float64": 515}
# The non-contiguous views are taken of every 3rd input element, the first N_VIEW of them (11 x 23); the 0-dim
# cases of N_SCALAR elements spread over the input (index k * n // N_SCALAR).
N_VIEW = 253
N_SCALAR = 24


def views(dt, pow_=False):
    out = {
        "contiguous": lambda x: x,
        "scalar": None,  # each of the first N_SCALAR elements as a 0-dim tensor
    }
    if pow_:
        out["strided"] = lambda x: x[::3]
    else:
        out.update({
            "offset": lambda x: x[3:],
            "strided": lambda x: x[::3],
            "transposed": lambda x: x.reshape(11, 23).t(),
            "rows": lambda x: x.reshape(11, 23)[:, :18],
        })
    return out


def run_views(dt, x_np, fn, pow_=False):
    """fn applied to each view of x; outputs as row-major bits."""
    full = torch.from_numpy(x_np.copy())
    sampled = torch.from_numpy(np.ascontiguousarray(x_np[::3][:N_VIEW]))
    res = {}
    for name, view in views(dt, pow_).items():
        if view is None:
            idx = [k * len(x_np) // N_SCALAR for k in range(N_SCALAR)]
            res[name] = b64(np.array([fn(full[i].clone()).item() for i in idx], dtype=NP[dt]))
        else:
            res[name] = b64(fn(view(full if name == "contiguous" else sampled)).contiguous().numpy())
    return res


UNARY = {
    # name: (torch function, input set)
    "exp": (torch.exp, "mixed"), "expm1": (torch.expm1, "mixed"), "log": (torch.log, "positive"),
    "log2": (torch.log2, "positive"), "log10": (torch.log10, "positive"), "log1p": (torch.log1p, "positive"),
    "sin": (torch.sin, "mixed"), "cos": (torch.cos, "mixed"), "tan": (torch.tan, "mixed"),
    "asin": (torch.asin, "unit"), "acos": (torch.acos, "unit"), "atan": (torch.atan, "mixed"),
    "sinh": (torch.sinh, "mixed"), "cosh": (torch.cosh, "mixed"), "tanh": (torch.tanh, "mixed"),
    "sigmoid": (torch.sigmoid, "mixed"), "erf": (torch.erf, "mixed"), "silu": (F.silu, "mixed"),
    "gelu": (F.gelu, "mixed"), "softplus": (F.softplus, "mixed"), "logsigmoid": (F.logsigmoid, "mixed"),
    "softplus.beta2_th5": (lambda x: F.softplus(x, 2.0, 5.0), "mixed"),
    "softplus.beta0_5": (lambda x: F.softplus(x, 0.5, 20.0), "mixed"),
    "gelu.tanh": (lambda x: F.gelu(x, approximate="tanh"), "mixed"),
}
POW_EXPONENTS = [2.5, -1.5, 0.3, 1 / 3, 4.0, -3.0, 7.0, 10.0, 0.0, 1.0, 2.0, 3.0, 0.5, -0.5, -1.0, -2.0,
                 float("inf"), float("-inf")]


def gen_unary():
    inputs, cases = {}, []
    for dt in ("float32", "float64"):
        rng = np.random.default_rng(13)
        sets = {"mixed": mixed(dt, N_FULL[dt], rng), "positive": positive(dt, N_FULL[dt], rng),
                "unit": unit(dt, N_FULL[dt], rng)}
        for k, v in sets.items():
            inputs[f"{k}.{dt}"] = b64(v)
        for name, (fn, domain) in UNARY.items():
            cases.append({"op": name, "dtype": dt, "input": f"{domain}.{dt}",
                          "out": run_views(dt, sets[domain], fn)})
    return {"inputs": inputs, "cases": cases}


def gen_pow():
    inputs, cases = {}, []
    for dt in ("float32", "float64"):
        rng = np.random.default_rng(7)
        x = positive(dt, N_POW[dt], rng)
        x[::5] = -x[::5]
        inputs[dt] = b64(x)
        for e in POW_EXPONENTS:
            cases.append({"exponent": e if np.isfinite(e) else str(e), "dtype": dt,
                          "out": run_views(dt, x, lambda t: torch.pow(t, e), True)})
    return {"inputs": inputs, "cases": cases}


def gen_backward():
    """tanh_backward(g, y), sigmoid_backward(g, y) and gelu's backward, contiguous and through a strided x."""
    cases = []
    for dt in ("float32", "float64"):
        rng = np.random.default_rng(5)
        n = N_FULL[dt]
        g = rng.uniform(-2, 2, n).astype(NP[dt])
        g[-3:] = [np.nan, np.inf, -0.0]
        y = np.concatenate([rng.uniform(-1, 1, n - 8), [1, -1, 0, -0.0, 0.999, 0.5, np.nan, 2]]).astype(NP[dt])
        s = rng.uniform(0, 1, n).astype(NP[dt])
        x = mixed(dt, n, rng)
        gt, yt, st, xt = (torch.from_numpy(a.copy()) for a in (g, y, s, x))
        entry = {"dtype": dt, "g": b64(g), "y": b64(y), "s": b64(s), "x": b64(x)}
        entry["tanh"] = b64(torch.ops.aten.tanh_backward(gt, yt).numpy())
        entry["sigmoid"] = b64(torch.ops.aten.sigmoid_backward(gt, st).numpy())
        entry["gelu"] = b64(torch.ops.aten.gelu_backward(gt, xt).numpy())
        # x read through a stride-2 view: PyTorch's GeluBackwardKernel instead of oneDNN.
        wide = torch.zeros(2 * n, dtype=TORCH[dt])
        wide[::2] = xt
        entry["gelu_strided"] = b64(torch.ops.aten.gelu_backward(gt, wide[::2]).numpy())
        cases.append(entry)
    return {"cases": cases}


LINSPACE = [(0, 1, 2000), (0, 1, 7), (-3, 5, 100), (0, 1, 33), (1e-3, 7.5, 1001), (0, 1, 2), (5, 5, 10),
            (10, -10, 47), (-1e6, 1e6, 4097), (0.1, 0.2, 16), (0.1, 0.2, 17), (1, 2, 1), (-7.25, 3.5, 255),
            (0, 100, 101), (2.5, 2.5001, 64)]


def gen_linspace():
    cases = []
    for dt in ("float32", "float64"):
        for start, end, steps in LINSPACE:
            out = torch.linspace(start, end, steps, dtype=TORCH[dt]).numpy()
            cases.append({"start": start, "end": end, "steps": steps, "dtype": dt, "out": b64(out)})
    return {"cases": cases}


SOFTMAX_SHAPES = [(7,), (33,), (3, 5), (64, 10), (17, 33), (5, 130), (2, 3, 50)]


def gen_softmax():
    """softmax and log_softmax, forward and backward, along the last dim (lane-wise reductions) and dim 0
    (vectors of inner positions with a scalar tail)."""
    cases = []
    for dt in ("float32", "float64"):
        gen = torch.Generator().manual_seed(11)
        grad_gen = torch.Generator().manual_seed(111)
        for shape in SOFTMAX_SHAPES:
            x = torch.randn(*shape, generator=gen, dtype=TORCH[dt]) * 3
            for dim in sorted({len(shape) - 1, 0}):
                for log in (False, True):
                    fn = torch.log_softmax if log else torch.softmax
                    leaf = x.clone().requires_grad_()
                    out = fn(leaf, dim)
                    grad = torch.randn(*shape, generator=grad_gen, dtype=TORCH[dt])
                    out.backward(grad)
                    cases.append({"dtype": dt, "shape": list(shape), "dim": dim, "log": log, "x": b64(x.numpy()),
                                  "out": b64(out.detach().numpy()), "grad": b64(grad.numpy()),
                                  "grad_in": b64(leaf.grad.numpy())})
        # Other dims with a scalar tail of inner positions (log_softmax's exp there is glibc's, not SLEEF's) and
        # with trailing size-1 dims (inner 1: PyTorch's other-dims kernel, not the last-dim one).
        gen = torch.Generator().manual_seed(13)
        for shape, dims in SOFTMAX_TAIL_SHAPES:
            x = torch.randn(*shape, generator=gen, dtype=TORCH[dt]) * 3
            for dim in dims:
                for log in (False, True):
                    fn = torch.log_softmax if log else torch.softmax
                    leaf = x.clone().requires_grad_()
                    out = fn(leaf, dim)
                    grad = torch.randn(*shape, generator=gen, dtype=TORCH[dt])
                    out.backward(grad)
                    cases.append({"dtype": dt, "shape": list(shape), "dim": dim, "log": log, "x": b64(x.numpy()),
                                  "out": b64(out.detach().numpy()), "grad": b64(grad.numpy()),
                                  "grad_in": b64(leaf.grad.numpy())})
    return {"cases": cases}


SOFTMAX_TAIL_SHAPES = [((40, 7, 5), (0, 1)), ((100, 6, 7), (1,)), ((64, 13), (0,)), ((30, 1), (0,)), ((6, 20, 1, 1), (1,))]


PROD_SHAPES = [(7,), (33,), (100,), (1000,), (17, 33), (64, 10), (5, 130), (2, 3, 50)]


def gen_prod():
    """prod over all elements, the last dim (vectorized_reduction) and dim 0 (outer reductions)."""
    cases = []
    for dt in ("float32", "float64"):
        gen = torch.Generator().manual_seed(12)
        for shape in PROD_SHAPES:
            x = 1 + torch.randn(*shape, generator=gen, dtype=TORCH[dt]) * 0.3
            for dim in sorted({None, len(shape) - 1, 0}, key=lambda d: -1 if d is None else d):
                out = x.prod() if dim is None else x.prod(dim)
                cases.append({"dtype": dt, "shape": list(shape), "dim": dim, "x": b64(x.numpy()),
                              "out": b64(out.numpy())})
    return {"cases": cases}


RANDN_SIZES = [1, 5, 15, 16, 17, 31, 32, 33, 100, 1027]


def gen_randn():
    """torch.randn after manual_seed (one double draw each below 16 elements; from 16 on, normal_fill: float32
    through the AVX2 kernel with avx_mathfun's log/sincos, float64 through glibc), and normal_(mean, std) on
    contiguous and permuted tensors."""
    cases = []
    for dt in ("float32", "float64"):
        for seed in (0, 7):
            for n in RANDN_SIZES:
                torch.manual_seed(seed)
                cases.append({"dtype": dt, "seed": seed, "n": n, "mean": 0, "std": 1,
                              "out": b64(torch.randn(n, dtype=TORCH[dt]).numpy())})
        for n in (15, 16, 37, 256):
            gen = torch.Generator().manual_seed(3)
            out = torch.empty(n, dtype=TORCH[dt]).normal_(2.5, 0.3, generator=gen)
            cases.append({"dtype": dt, "seed": 3, "n": n, "mean": 2.5, "std": 0.3, "out": b64(out.numpy())})
        # A non-contiguous tensor: one double draw per element, in memory order.
        for shape, perm in (((9, 7), (1, 0)), ((4, 5, 6), (2, 0, 1))):
            gen = torch.Generator().manual_seed(5)
            out = torch.empty(*shape, dtype=TORCH[dt]).permute(*perm).normal_(1.0, 2.0, generator=gen)
            cases.append({"dtype": dt, "seed": 5, "n": out.numel(), "mean": 1.0, "std": 2.0, "shape": list(shape),
                          "perm": list(perm), "out": b64(out.contiguous().numpy())})
    # uniform_ and bernoulli_ on a transposed tensor: serial draws, in memory order too.
    fills = []
    for dt in ("float32", "float64"):
        for kind in ("uniform_", "bernoulli_"):
            gen = torch.Generator().manual_seed(9)
            x = torch.empty(6, 5, dtype=TORCH[dt]).t()
            out = x.uniform_(-1, 2, generator=gen) if kind == "uniform_" else x.bernoulli_(0.3, generator=gen)
            fills.append({"dtype": dt, "kind": kind, "out": b64(out.contiguous().numpy())})
    return {"cases": cases, "fills": fills}


VAR_SHAPES = [((7,), None), ((100,), None), ((1500,), None), ((3, 4, 5), None), ((3, 4, 5), [0]),
              ((3, 4, 5), [1]), ((3, 4, 5), [2]), ((3, 4, 5), [0, 2]), ((30, 50), [1]), ((30, 50), [0]),
              ((1, 60), [1]), ((60, 1), [0]), ((8, 9, 10), [0, 1]), ((2, 3, 4, 5), [1, 3]), ((300, 2), [0]),
              ((4, 300), [1]), ((33, 34), [0, 1]), ((6, 7, 8), [0, 1, 2])]


def gen_var_std():
    """var/std: over everything (std_var_all_cpu: the input's mean, then a double sum of squared deviations)
    and over dims (Welford in double), on contiguous and transposed inputs, with correction 1 and 0."""
    inputs, cases = [], []
    for dt in ("float32", "float64"):
        gen = torch.Generator().manual_seed(13)
        for shape, dims in VAR_SHAPES:
            x = torch.randn(*shape, generator=gen, dtype=TORCH[dt]) * 3 + 1.5
            inputs.append(b64(x.numpy()))
            for transposed in ((False, True) if len(shape) > 1 else (False,)):
                xin = x.transpose(0, -1) if transposed else x
                for unbiased in (True, False):
                    for fn in ("var", "std"):
                        f = getattr(torch, fn)
                        out = f(xin, unbiased=unbiased) if dims is None else f(xin, dims, unbiased=unbiased)
                        cases.append({"dtype": dt, "shape": list(shape), "transposed": transposed, "dims": dims,
                                      "unbiased": unbiased, "fn": fn, "input": len(inputs) - 1,
                                      "out": b64(out.numpy())})
    return {"inputs": inputs, "cases": cases}


MV_SHAPES = [(1, 1), (5, 1), (1, 7), (64, 64), (40, 170), (130, 33), (3, 700), (700, 3)]


def gen_mv():
    """torch.mv (BLAS gemv: tests compare within float precision, BLAS bits depend on the CPU) on row-major
    and column-major matrices."""
    cases = []
    for dt in ("float32", "float64"):
        gen = torch.Generator().manual_seed(14)
        for n, m in MV_SHAPES:
            a = torch.randn(n, m, generator=gen, dtype=TORCH[dt])
            v = torch.randn(m, generator=gen, dtype=TORCH[dt])
            cases.append({"dtype": dt, "n": n, "m": m, "a": b64(a.numpy()), "v": b64(v.numpy()),
                          "out": b64(torch.mv(a, v).numpy())})
    return {"cases": cases}


NORM_SHAPES = [((7,), None), ((100,), None), ((1000,), None), ((3, 4, 5), None), ((3, 4, 5), [0]), ((3, 4, 5), [1]),
               ((3, 4, 5), [2]), ((30, 50), [1]), ((30, 50), [0]), ((8, 9, 10), [0, 1]), ((17, 33), [1]),
               ((5, 130), [1]), ((5, 130), [0])] + [((6, n), [1]) for n in range(1, 17)]


def gen_norm():
    """The 2-norm (torch.linalg.vector_norm(x, 2, dims); torch.norm(x) over everything): float32 over a unit-stride
    last dim vectorized in float (every tail length), otherwise one float / double accumulator in memory order."""
    inputs, cases = [], []
    for dt in ("float32", "float64"):
        gen = torch.Generator().manual_seed(15)
        for shape, dims in NORM_SHAPES:
            x = torch.randn(*shape, generator=gen, dtype=TORCH[dt]) * 3
            inputs.append(b64(x.numpy()))
            for transposed in ((False, True) if len(shape) > 1 else (False,)):
                xin = x.transpose(0, -1) if transposed else x
                out = torch.norm(xin) if dims is None else torch.linalg.vector_norm(xin, 2, dims)
                cases.append({"dtype": dt, "shape": list(shape), "transposed": transposed, "dims": dims,
                              "input": len(inputs) - 1, "out": b64(out.numpy())})
    return {"inputs": inputs, "cases": cases}


BINARY_VIEWS = {
    # name: (view of y, view of x); "scalar" cases are 0-dim pairs, "broadcast" pairs a view with a 0-dim x.
    "contiguous": (lambda y: y, lambda x: x),
    "offset": (lambda y: y[3:], lambda x: x[3:]),
    "strided": (lambda y: y[::3], lambda x: x[::3]),
    "transposed": (lambda y: y[:253].reshape(11, 23).t(), lambda x: x[:253].reshape(11, 23).t()),
    "rows": (lambda y: y[:253].reshape(11, 23)[:, :18], lambda x: x[:253].reshape(11, 23)[:, :18]),
    "broadcast": (lambda y: y[:253], lambda x: x[7]),
    "broadcast_row": (lambda y: y[:253].reshape(11, 23), lambda x: x[:23]),
}


def gen_binary():
    """atan2(y, x) on float32 through the views of BINARY_VIEWS and as 0-dim pairs."""
    rng = np.random.default_rng(29)
    y = mixed("float32", N_FULL["float32"], rng)
    x = mixed("float32", N_FULL["float32"], rng)[::-1].copy()
    # Every pair of the first 24 special values.
    sp = specials("float32")[:24]
    y[: len(sp) ** 2] = np.repeat(sp, len(sp))
    x[: len(sp) ** 2] = np.tile(sp, len(sp))
    ty, tx = torch.from_numpy(y), torch.from_numpy(x)
    out = {name: b64(torch.atan2(vy(ty), vx(tx)).contiguous().numpy()) for name, (vy, vx) in BINARY_VIEWS.items()}
    idx = [k * len(y) // N_SCALAR for k in range(N_SCALAR)]
    out["scalar"] = b64(np.array([torch.atan2(ty[i].clone(), tx[i].clone()).item() for i in idx], dtype=np.float32))
    return {"y": b64(y), "x": b64(x), "cases": [{"op": "atan2", "dtype": "float32", "out": out}]}


SVD_SHAPES = [(1, 1), (2, 2), (3, 3), (4, 3), (3, 4), (3, 2), (2, 3), (5, 2), (2, 5), (1, 3), (3, 1), (6, 6),
              (8, 5), (5, 8), (2, 3, 3)]


def gen_lapack():
    """linalg.svd (full and reduced) and linalg.eigh (both triangles) of seeded Gaussian matrices: the vectors'
    signs are LAPACK's algorithm's (dgesdd, dsyevd), which the TypeScript backend ports."""
    cases = []
    for dt in ("float32", "float64"):
        gen = torch.Generator().manual_seed(21)
        for shape in SVD_SHAPES:
            a = torch.randn(*shape, generator=gen, dtype=TORCH[dt])
            for full in (False, True):
                u, s, vh = torch.linalg.svd(a, full_matrices=full)
                cases.append({"op": "svd", "dtype": dt, "shape": list(shape), "full": full, "a": b64(a.numpy()),
                              "out": [b64(u.numpy()), b64(s.numpy()), b64(vh.numpy())]})
        for n in range(1, 9):
            a = torch.randn(n, n, generator=gen, dtype=TORCH[dt])
            for uplo in ("L", "U"):
                w, v = torch.linalg.eigh(a, UPLO=uplo)
                cases.append({"op": "eigh", "dtype": dt, "shape": [n, n], "uplo": uplo, "a": b64(a.numpy()),
                              "out": [b64(w.numpy()), b64(v.numpy())]})
    return {"cases": cases}


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, gen in (("unary", gen_unary), ("pow", gen_pow), ("backward", gen_backward),
                      ("linspace", gen_linspace), ("softmax", gen_softmax), ("prod", gen_prod),
                      ("randn", gen_randn), ("var_std", gen_var_std), ("mv", gen_mv),
                      ("norm", gen_norm), ("binary", gen_binary), ("lapack", gen_lapack)):
        with open(os.path.join(OUT, f"{name}.json"), "w") as fh:
            json.dump(gen(), fh, separators=(",", ":"))
            fh.write("\n")
        print(f"wrote {OUT}/{name}.json")


if __name__ == "__main__":
    main()
