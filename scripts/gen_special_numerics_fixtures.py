#!/usr/bin/python3
"""Records PyTorch 1.13's exact output bits for the special functions and pointwise math of src/ops/special.ts and
src/ops/math_pointwise.ts (the Math.h ports of src/backend/js/cephes.ts, logaddexp, hypot, xlogy, ...).

Usage: /usr/bin/python3 scripts/gen_special_numerics_fixtures.py [out_file]
(default test/fixtures/numerics/special.json; `npm run fixtures -- special_numerics`)

Each op runs on a contiguous 1000-element tensor (PyTorch's vectorised loops: 16-element float32 and 8-element
float64 blocks, then the scalar tail) and on 0-dim tensors (the scalar path), in float32 and float64. Inputs are
seeded and cover each function's branches (negative arguments, |x| > 8 for the Bessel functions, x > 50 for
erfcx, ...). The ops of STRIDED also run on every other element of their inputs repeated twice (a strided view:
cpu_kernel_vec's scalar function on every element). Inputs and outputs are base64 of the little-endian bits.
Runs single-threaded.
"""
import base64
import json
import sys

import numpy as np
import torch

torch.set_num_threads(1)
OUT = sys.argv[1] if len(sys.argv) > 1 else "test/fixtures/numerics/special.json"
N = 1000
N_SCALAR = 40
S = torch.special

UNARY = {
    "sinc": (torch.sinc, "mixed"),
    "exp2": (torch.exp2, "mixed"),
    "erfc": (torch.erfc, "mixed"),
    "erfinv": (torch.erfinv, "unit"),
    "lgamma": (torch.lgamma, "positive"),
    "lgamma.negative": (torch.lgamma, "mixed"),
    "digamma": (torch.digamma, "positive"),
    "digamma.negative": (torch.digamma, "mixed"),
    "polygamma.1": (lambda x: torch.polygamma(1, x), "positive"),
    "polygamma.3": (lambda x: torch.polygamma(3, x), "positive"),
    "i0": (torch.i0, "mixed"),
    "i0e": (S.i0e, "mixed"),
    "i1": (S.i1, "mixed"),
    "i1e": (S.i1e, "mixed"),
    "ndtr": (S.ndtr, "mixed"),
    "ndtri": (S.ndtri, "probability"),
    "log_ndtr": (S.log_ndtr, "mixed"),
    "erfcx": (S.erfcx, "mixed"),
    "entr": (S.entr, "mixed"),
    "logit": (torch.logit, "probability"),
    "logit.eps": (lambda x: torch.logit(x, 0.1), "probability"),
    "deg2rad": (torch.deg2rad, "mixed"),
    "rad2deg": (torch.rad2deg, "mixed"),
}
BINARY = {
    "logaddexp": torch.logaddexp,
    "logaddexp2": torch.logaddexp2,
    "hypot": torch.hypot,
    "xlogy": torch.xlogy,
    "xlog1py": S.xlog1py,
    "atan2": torch.atan2,
}

# The cpu_kernel_vec ops whose scalar function differs from the vector one (glibc's logf against SLEEF's), and
# the cpu_kernel ops on strided walks.
STRIDED = {"entr", "logit", "logit.eps", "logaddexp", "xlogy", "xlog1py"}


def strided(x: torch.Tensor) -> torch.Tensor:
    """x's values as a view with stride 2."""
    return x.repeat_interleave(2)[::2]


def b64(a: np.ndarray) -> str:
    return base64.b64encode(np.ascontiguousarray(a).tobytes()).decode("ascii")


def input_sets(dt, rng):
    t = {"float32": np.float32, "float64": np.float64}[dt]
    mixed = np.concatenate(
        [
            rng.uniform(-10, 10, N // 2),
            rng.uniform(-60, 60, N // 4),
            10.0 ** rng.uniform(-5, 3, N // 4) * rng.choice([-1, 1], N // 4),
        ]
    )
    mixed[:8] = [0.0, -0.0, 1.0, -1.0, 2.0, -2.5, 8.0, 51.0]
    return {
        "mixed": mixed.astype(t),
        "unit": rng.uniform(-1, 1, N).astype(t),
        "positive": rng.uniform(0.01, 30, N).astype(t),
        "probability": rng.uniform(0, 1, N).astype(t),
        "other": np.concatenate([rng.uniform(-10, 10, N // 2), rng.uniform(-3, 40, N // 2)]).astype(t),
    }


def main():
    inputs, cases = {}, []
    for dt in ("float32", "float64"):
        sets = input_sets(dt, np.random.default_rng(17))
        for name, values in sets.items():
            inputs[f"{name}.{dt}"] = b64(values)
        for op, (fn, domain) in UNARY.items():
            x = torch.from_numpy(sets[domain].copy())
            scalar = np.array([fn(x[i].clone()).item() for i in range(N_SCALAR)], dtype=sets[domain].dtype)
            case = {"op": op, "dtype": dt, "input": f"{domain}.{dt}", "out": b64(fn(x).numpy()),
                    "scalar": b64(scalar)}
            if op in STRIDED:
                case["strided"] = b64(fn(strided(x)).numpy())
            cases.append(case)
        a = torch.from_numpy(sets["mixed"].copy())
        b = torch.from_numpy(sets["other"].copy())
        for op, fn in BINARY.items():
            scalar = np.array([fn(a[i].clone(), b[i].clone()).item() for i in range(N_SCALAR)], dtype=sets["mixed"].dtype)
            case = {"op": op, "dtype": dt, "inputs": [f"mixed.{dt}", f"other.{dt}"],
                    "out": b64(fn(a, b).numpy()), "scalar": b64(scalar)}
            if op in STRIDED:
                case["strided"] = b64(fn(strided(a), strided(b)).numpy())
            cases.append(case)
    with open(OUT, "w") as fh:
        json.dump({"torch": torch.__version__, "inputs": inputs, "cases": cases}, fh)
        fh.write("\n")
    print(f"wrote {len(cases)} cases to {OUT}")


if __name__ == "__main__":
    main()
