#!/usr/bin/python3
"""Records the system glibc's double sin and cos bits for src/backend/js/glibc_sincos.ts's port.

Usage: /usr/bin/python3 scripts/gen_sincos_fixtures.py [out_file]   (default test/fixtures/numerics/sincos.json)

Calls libm's sin and cos through ctypes (Python's math.sin raises on infinities). x86-64 glibc picks its FMA build
(__sin_fma, __cos_fma) on CPUs with FMA and AVX2, the build the port follows and PyTorch's CPU kernels call there,
so the script refuses to record on a CPU without them. One case per range s_sin.c branches on (the Taylor series,
the table, pi/2 - |x|, the reduction by pi/2 in doubles, __branred) and Box-Muller's angles in [0, 2 pi): a seeded
random sample of each, plus the candidates where the FMA build rounds differently from glibc's plain build (run in
a child process with GLIBC_TUNABLES masking FMA), which are the inputs that catch a wrongly placed fma; then values
next to multiples of pi/2, and special values. Inputs and outputs are base64 of the little-endian double bits.
Running it twice writes the same file.
"""
import base64
import ctypes
import ctypes.util
import json
import math
import os
import platform
import subprocess
import sys

import numpy as np

OUT = sys.argv[1] if len(sys.argv) > 1 and sys.argv[1] != "--evaluate" else "test/fixtures/numerics/sincos.json"


def check_cpu():
    with open("/proc/cpuinfo") as fh:
        flags = next((line.split(":", 1)[1].split() for line in fh if line.startswith("flags")), [])
    if platform.machine() != "x86_64" or "fma" not in flags or "avx2" not in flags:
        sys.exit("gen_sincos_fixtures.py: needs an x86-64 CPU with FMA and AVX2 (glibc's __sin_fma, __cos_fma)")


def libm_function(libm, name):
    f = getattr(libm, name)
    f.argtypes = [ctypes.c_double]
    f.restype = ctypes.c_double
    return f


def b64(a):
    return base64.b64encode(np.ascontiguousarray(a, dtype="<f8").tobytes()).decode("ascii")


def log_uniform(rng, lo, hi, n):
    """n values spread evenly in log scale over [lo, hi), random signs."""
    x = np.exp(rng.uniform(math.log(lo), math.log(hi), n))
    return x * rng.choice([-1.0, 1.0], n)


def near_multiples(ks):
    """k pi/2 (rounded to double) and its two neighbours on each side."""
    out = []
    for k in ks:
        x = k * (math.pi / 2)
        for _ in range(2):
            x = np.nextafter(x, -np.inf)
        for _ in range(5):
            out.append(x)
            x = np.nextafter(x, np.inf)
    return np.array(out)


def cases():
    """Each range's candidates (thousands) and how many of them to keep at random (None: all)."""
    rng = np.random.default_rng(1313)
    big = 105414350.0
    m = 40000
    specials = np.array([
        0.0, -0.0, np.inf, -np.inf, np.nan, 5e-324, -5e-324, 2.0 ** -1022, -(2.0 ** -1022), 2.0 ** -27, 2.0 ** -26,
        -(2.0 ** -26), 0.126, -0.126, 0.855469, -0.855469, 2.426265, -2.426265, big, -big, 1.0, -1.0, math.pi,
        -math.pi, 2 * math.pi, np.finfo(np.float64).max, -np.finfo(np.float64).max, 1e22, 2.0 ** 1023,
    ])
    multiples = [near_multiples(range(-40, 41)), near_multiples([2.0 ** e for e in range(27, 1023, 31)])]
    return {
        "tiny": (log_uniform(rng, 2.0 ** -1074, 2.0 ** -26, 100), None),
        "taylor": (log_uniform(rng, 2.0 ** -26, 0.126, m), 200),
        "table": (
            np.concatenate([log_uniform(rng, 0.126, 0.855469, m), rng.uniform(-0.855469, 0.855469, m)]),
            300,
        ),
        "near_half_pi": (rng.uniform(0.855469, 2.426265, m) * rng.choice([-1.0, 1.0], m), 300),
        "reduced": (np.concatenate([log_uniform(rng, 2.426265, big, m), rng.uniform(-1e4, 1e4, m)]), 400),
        "box_muller": (2 * math.pi * rng.uniform(0, 1, m), 400),
        "branred": (
            np.concatenate([log_uniform(rng, big, 1e300, m // 2), log_uniform(rng, 1e300, 1.79e308, m // 8)]),
            250,
        ),
        "multiples": (np.concatenate(multiples), None),
        "specials": (specials, None),
    }


def evaluate(x):
    libm = ctypes.CDLL(ctypes.util.find_library("m"))
    sin, cos = libm_function(libm, "sin"), libm_function(libm, "cos")
    return np.array([sin(v) for v in x.tolist()]), np.array([cos(v) for v in x.tolist()])


def without_fma(x):
    """sin and cos of x by glibc's build without FMA (the tunable masks FMA and AVX2 from its CPU check)."""
    env = {**os.environ, "GLIBC_TUNABLES": "glibc.cpu.hwcaps=-AVX2,-FMA"}
    r = subprocess.run(
        [sys.executable, __file__, "--evaluate"], input=x.tobytes(), env=env, capture_output=True, check=True
    )
    out = np.frombuffer(r.stdout, dtype="<f8")
    return out[: len(x)], out[len(x) :]


def main():
    if sys.argv[1:] == ["--evaluate"]:
        s, c = evaluate(np.frombuffer(sys.stdin.buffer.read(), dtype="<f8"))
        sys.stdout.buffer.write(np.concatenate([s, c]).astype("<f8").tobytes())
        return
    check_cpu()
    out = {"libc": " ".join(platform.libc_ver()), "cases": []}
    sensitive = 0
    for name, (x, keep) in cases().items():
        x = np.asarray(x, dtype="<f8")
        s, c = evaluate(x)
        if keep is not None:
            # A random sample, and the inputs where the FMA build rounds differently from the plain one (which
            # catch a multiply-add the port leaves uncontracted, or contracts where glibc's build does not).
            s0, c0 = without_fma(x)
            differ = np.flatnonzero((s.view("<i8") != s0.view("<i8")) | (c.view("<i8") != c0.view("<i8")))
            sensitive += len(differ[:keep])
            chosen = np.union1d(np.arange(keep), differ[:keep])
            x, s, c = x[chosen], s[chosen], c[chosen]
        out["cases"].append({"name": name, "x": b64(x), "sin": b64(s), "cos": b64(c)})
    if sensitive == 0:
        sys.exit("gen_sincos_fixtures.py: glibc's FMA and plain builds agree everywhere (is GLIBC_TUNABLES set?)")
    with open(OUT, "w") as fh:
        json.dump(out, fh, separators=(",", ":"))
        fh.write("\n")
    total = sum(len(base64.b64decode(c["x"])) // 8 for c in out["cases"])
    print(f"wrote {OUT}: {total} inputs, {sensitive} of them rounded differently without FMA")


if __name__ == "__main__":
    main()
