#!/usr/bin/python3
"""Records PyTorch 1.13's results for src/ops/math_float.ts and src/ops/as_strided.ts: asinh, acosh, atanh, copysign,
fmax, fmin, nextafter, ldexp, frexp, float_power (and pow of two tensors, their kernel), as_strided and as_strided_.

Usage: /usr/bin/python3 scripts/gen_math_float_fixtures.py [out_file]
(default test/fixtures/numerics/math_float.json; `npm run fixtures -- math_float`)

- values: each op on seeded inputs that reach every branch of glibc's asinhf/acoshf/atanhf and asinh/acosh/atanh
  (tiny, near 1, past 2^14 / 2^28, huge, subnormal, random bit patterns), signed zeros, infinities and NaNs of both
  signs, in float32, float64, int64 and bool where PyTorch accepts them; contiguous tensors and 0-dim ones. Inputs
  and outputs are base64 of the little-endian bits, with the result's dtype.
- grads: x.grad of out.backward(g) for the differentiable ops (float32 and float64), as bits, with the grad_fn name.
- grad_fns: the grad_fn name (and its inputs' names) of each call in GRAD_FNS.
- errors: the exception class and message of each call in ERRORS.
- as_strided: views (values, geometry, grad_fn, the input's gradient), as_strided_, the shared version counter and
  the errors of AS_STRIDED_ERRORS; complex_powers: float_power of complex operands.
Runs single-threaded; running it twice writes the same file.
"""
import base64
import json
import sys

import numpy as np
import torch

torch.set_num_threads(1)
OUT = sys.argv[1] if len(sys.argv) > 1 else "test/fixtures/numerics/math_float.json"
NP = {"float32": np.float32, "float64": np.float64, "int64": np.int64, "bool": np.bool_, "int32": np.int32}


def b64(a: np.ndarray) -> str:
    return base64.b64encode(np.ascontiguousarray(a).tobytes()).decode("ascii")


def encode(t: torch.Tensor) -> dict:
    return {"dtype": str(t.dtype).replace("torch.", ""), "shape": list(t.shape), "bits": b64(t.detach().numpy())}


def specials(dt):
    fi = np.finfo(dt)
    neg_nan = np.copysign(np.array(np.nan, dtype=dt), -1)
    return np.array([0.0, -0.0, np.inf, -np.inf, np.nan, neg_nan, 1.0, -1.0, 2.0, -2.0, 0.5, -0.5, fi.tiny, -fi.tiny,
                     fi.smallest_subnormal, -fi.smallest_subnormal, fi.max, -fi.max, 2.0 ** -14, 2.0 ** -28, 2.0 ** 14,
                     2.0 ** 28, 2.0 ** 14 + 1, 2.0 ** 28 + 1, 1 + fi.eps, 1 - fi.eps / 2, 3.0, -3.0], dtype=dt)


def unary_inputs(dt, rng):
    """Every range the glibc functions branch on, and random bit patterns."""
    n = 400
    bits = rng.integers(0, 2 ** 32 if dt is np.float32 else 2 ** 63, n, dtype=np.uint64)
    random_bits = bits.astype(np.uint32).view(np.float32) if dt is np.float32 else bits.view(np.float64)
    lo, hi = (-45, 38) if dt is np.float32 else (-320, 308)
    x = np.concatenate([
        specials(dt),
        rng.uniform(-1, 1, n),
        1 + 10.0 ** rng.uniform(-8, 0.5, n),
        rng.uniform(-4, 4, n),
        10.0 ** rng.uniform(lo, hi, n) * rng.choice([-1, 1], n),
        random_bits.astype(dt),
    ])
    return x.astype(dt)


def binary_inputs(dt, rng):
    """Pairs: ties, NaNs of either sign on either side, signed zeros, infinities and random values."""
    s = specials(dt)
    a = np.concatenate([np.repeat(s, len(s)), rng.uniform(-10, 10, 300), rng.uniform(-3, 3, 100)]).astype(dt)
    b = np.concatenate([np.tile(s, len(s)), rng.uniform(-10, 10, 300), rng.uniform(-3, 3, 100)]).astype(dt)
    return a, b


def int_inputs(rng):
    return rng.integers(-6, 7, 60).astype(np.int64)


UNARY = {"asinh": torch.asinh, "acosh": torch.acosh, "atanh": torch.atanh}
BINARY = {
    "copysign": torch.copysign,
    "fmax": torch.fmax,
    "fmin": torch.fmin,
    "nextafter": torch.nextafter,
    "float_power": torch.float_power,
    # float_power's and ldexp's kernel, in the operands' own dtype (SLEEF's pow in vector blocks, glibc's on the tail)
    "pow": torch.pow,
}


def value_cases():
    cases = []
    rng = np.random.default_rng(1414)
    for dt in ("float32", "float64"):
        x = unary_inputs(NP[dt], rng)
        for op, fn in UNARY.items():
            t = torch.from_numpy(x.copy())
            scalar = [encode(fn(t[i].clone())) for i in range(0, len(x), 37)]
            cases.append({"op": op, "inputs": [encode(t)], "out": encode(fn(t)), "scalar_every": 37,
                          "scalar": [s["bits"] for s in scalar]})
        a, b = binary_inputs(NP[dt], rng)
        ta, tb = torch.from_numpy(a), torch.from_numpy(b)
        for op, fn in BINARY.items():
            scalar = [encode(fn(ta[i].clone(), tb[i].clone())) for i in range(0, len(a), 7)]
            cases.append({"op": op, "inputs": [encode(ta), encode(tb)], "out": encode(fn(ta, tb)), "scalar_every": 7,
                          "scalar": [s["bits"] for s in scalar]})
        # frexp: every special and random value, plus subnormals
        fx = np.concatenate([x, (10.0 ** rng.uniform(-320 if dt == "float64" else -45, -300 if dt == "float64" else -38,
                                                   40)).astype(NP[dt])]).astype(NP[dt])
        tf = torch.from_numpy(fx)
        m, e = torch.frexp(tf)
        cases.append({"op": "frexp", "inputs": [encode(tf)], "out": encode(m), "out2": encode(e)})
        # ldexp with integer and fractional exponents
        lx = torch.from_numpy(rng.uniform(-5, 5, 200).astype(NP[dt]))
        le = torch.from_numpy(rng.integers(-20, 20, 200).astype(np.int64))
        cases.append({"op": "ldexp", "inputs": [encode(lx), encode(le)], "out": encode(torch.ldexp(lx, le))})
        lf = torch.from_numpy(rng.integers(-20, 20, 200).astype(NP[dt]))
        cases.append({"op": "ldexp", "inputs": [encode(lx), encode(lf)], "out": encode(torch.ldexp(lx, lf))})
        # float_power with a number exponent / base (special exponents and a generic one)
        px = torch.from_numpy(rng.uniform(0, 5, 200).astype(NP[dt]))
        for e in (2, 0.5, -1, 3, 1.7, -2.5):
            cases.append({"op": "float_power.scalar", "exponent": e, "inputs": [encode(px)],
                          "out": encode(torch.float_power(px, e))})
        cases.append({"op": "float_power.base", "base": 1.5, "inputs": [encode(px)],
                      "out": encode(torch.float_power(1.5, px))})
        cases.append({"op": "copysign.scalar", "other": -0.0, "inputs": [encode(tb)],
                      "out": encode(torch.copysign(tb, -0.0))})
    # Integer and bool operands: promotion to the default float (or maximum's kernel for fmax/fmin).
    i, j = torch.from_numpy(int_inputs(rng)), torch.from_numpy(int_inputs(rng))
    bl = torch.from_numpy(rng.integers(0, 2, 60).astype(np.bool_))
    f32 = torch.from_numpy(rng.uniform(-5, 5, 60).astype(np.float32))
    f64 = torch.from_numpy(rng.uniform(-5, 5, 60).astype(np.float64))
    for op, fn in {**UNARY}.items():
        for t in (i, bl):
            cases.append({"op": op, "inputs": [encode(t)], "out": encode(fn(t))})
    for op in ("copysign", "fmax", "fmin", "float_power", "ldexp"):
        fn = getattr(torch, op)
        for a, b in ((i, j), (bl, bl), (i, f32), (f32, f64), (bl, f32)):
            cases.append({"op": op, "inputs": [encode(a), encode(b)], "out": encode(fn(a, b))})
    cases.append({"op": "nextafter", "inputs": [encode(f32), encode(f64)], "out": encode(torch.nextafter(f32, f64))})
    cases.append({"op": "copysign.scalar", "other": -2, "inputs": [encode(i)], "out": encode(torch.copysign(i, -2))})
    cases.append({"op": "float_power.scalar", "exponent": -1, "inputs": [encode(i)],
                  "out": encode(torch.float_power(i, -1))})
    return cases


GRAD_OPS = {
    "asinh": (lambda x, y: torch.asinh(x), "mixed"),
    "acosh": (lambda x, y: torch.acosh(x), "above_one"),
    "atanh": (lambda x, y: torch.atanh(x), "unit"),
    "copysign": (lambda x, y: torch.copysign(x, y), "mixed"),
    "copysign.scalar": (lambda x, y: torch.copysign(x, -1.5), "mixed"),
    "fmax": (lambda x, y: torch.fmax(x, y), "mixed"),
    "fmin": (lambda x, y: torch.fmin(x, y), "mixed"),
    "frexp": (lambda x, y: torch.frexp(x).mantissa, "mixed"),
    "ldexp": (lambda x, y: torch.ldexp(x, y), "mixed"),
    "float_power": (lambda x, y: torch.float_power(x, y), "positive"),
    "float_power.scalar": (lambda x, y: torch.float_power(x, 2.5), "positive"),
    "float_power.base": (lambda x, y: torch.float_power(2.5, y), "positive"),
}


def grad_cases():
    cases = []
    rng = np.random.default_rng(99)
    for dt in ("float32", "float64"):
        t = NP[dt]
        domains = {
            "mixed": rng.uniform(-3, 3, 24).astype(t),
            "above_one": (1 + rng.uniform(0.01, 4, 24)).astype(t),
            "unit": rng.uniform(-0.95, 0.95, 24).astype(t),
            "positive": rng.uniform(0.1, 3, 24).astype(t),
        }
        other = rng.uniform(-3, 3, 24).astype(t)
        other[:4] = [np.nan, 0.0, -0.0, 1.0]
        g = rng.uniform(-1, 1, 24).astype(t)
        for name, (fn, domain) in GRAD_OPS.items():
            xv = domains[domain].copy()
            xv[4:6] = other[4:6]  # ties for fmax / fmin
            x = torch.from_numpy(xv).requires_grad_(True)
            y = torch.from_numpy(other.copy() if domain != "positive" else domains["positive"][::-1].copy())
            y.requires_grad_(True)
            out = fn(x, y)
            gt = torch.from_numpy(g.copy()).to(out.dtype)
            out.backward(gt)
            cases.append({"op": name, "dtype": dt, "x": encode(x), "y": encode(y), "grad_output": encode(gt),
                          "grad_fn": type(out.grad_fn).__name__, "out": encode(out),
                          "x_grad": encode(x.grad) if x.grad is not None else None,
                          "y_grad": encode(y.grad) if y.grad is not None else None})
    return cases


# Calls whose grad_fn names (and the names of the nodes they lead to) are pinned; `x` requires grad.
GRAD_FNS = {
    "asinh": "torch.asinh(x)",
    "arcsinh": "torch.arcsinh(x)",
    "acosh_": "x.clone().acosh_()",
    "arccosh_": "torch.arccosh_(x.clone())",
    "asinh_": "x.clone().asinh_()",
    "atanh_": "x.clone().atanh_()",
    "copysign": "torch.copysign(x, x)",
    "copysign.scalar": "x.copysign(-1)",
    "copysign_": "x.clone().copysign_(-1)",
    "fmax": "torch.fmax(x, x)",
    "fmin": "x.fmin(x)",
    "nextafter": "torch.nextafter(x, x)",
    "nextafter_": "x.clone().nextafter_(x)",
    "ldexp": "torch.ldexp(x, torch.tensor([1, 2, 3]))",
    "frexp": "torch.frexp(x).mantissa",
    "float_power": "torch.float_power(x, x)",
    "float_power.scalar": "x.float_power(2)",
    "float_power.base": "torch.float_power(2, x)",
    "float_power.double": "torch.float_power(x.double(), 3)",
}

ERRORS = {
    "asinh_ int": "torch.asinh_(torch.tensor([1, 2]))",
    "arctanh_ int": "torch.tensor([1, 2]).arctanh_()",
    "copysign complex": "torch.copysign(torch.tensor([1j]), torch.tensor([1.]))",
    "copysign_ int": "torch.tensor([1, 2]).copysign_(torch.tensor([-1, 2]))",
    "fmax complex": "torch.fmax(torch.tensor([1j]), torch.tensor([1j]))",
    "fmin complex": "torch.fmin(torch.tensor([1j]), torch.tensor([1j]))",
    "fmax number": "torch.fmax(torch.tensor([1.]), 2)",
    "nextafter int": "torch.nextafter(torch.tensor([1, 2]), torch.tensor([1, 2]))",
    "nextafter bool": "torch.nextafter(torch.tensor([True]), torch.tensor([False]))",
    "nextafter backward": "torch.nextafter(torch.tensor([1.], requires_grad=True), torch.tensor([2.])).sum().backward()",
    "acosh_ backward": "torch.tensor([2.], requires_grad=True).clone().acosh_().sum().backward()",
    "ldexp number": "torch.ldexp(torch.tensor([1.]), 3)",
    "ldexp_ int": "torch.tensor([1, 2]).ldexp_(torch.tensor([1, 2]))",
    "ldexp_ grad": "torch.tensor([1.], requires_grad=True).clone().ldexp_(torch.tensor([1]))",
    "frexp int": "torch.frexp(torch.tensor([1, 2]))",
    "frexp bool": "torch.frexp(torch.tensor([True]))",
    "float_power_ float": "torch.tensor([1., 2.]).float_power_(2)",
    "float_power_ tensor": "torch.tensor([1., 2.]).float_power_(torch.tensor([2.]))",
    "float_power broadcast": "torch.float_power(torch.ones(2, 3), torch.ones(4))",
    "copysign broadcast_": "torch.ones(3).copysign_(torch.ones(2, 3))",
}


# as_strided views of L (a leaf arange of `n` float32 values requiring grad, through `expr`): values, geometry,
# grad_fn and L.grad of (view * (arange(numel) + 1)).sum().
AS_STRIDED = {
    "overlapping windows": (12, "L", (3, 3), (1, 1), None),
    "transposed": (12, "L", (3, 4), (1, 3), None),
    "offset": (12, "L", (2, 2), (1, 2), 5),
    "of a narrow, offset kept": (12, "L.narrow(0, 2, 10)", (2, 2), (1, 2), None),
    "of a narrow, absolute offset": (12, "L.narrow(0, 2, 10)", (2, 2), (1, 2), 0),
    "stride 0": (6, "L", (2, 3), (0, 1), None),
    "of an expand": (3, "L.expand(2, 3)", (3,), (1,), None),
    "outside a strided input": (6, "L.view(3, 2).select(1, 0)", (4,), (1,), 0),
    "of a transpose": (6, "L.view(2, 3).t()", (2, 2), (2, 1), None),
    "of a product": (6, "L * 2", (3, 2), (1, 1), None),
    "0-dim": (6, "L", (), (), 3),
    "empty": (6, "L", (0, 2), (1, 1), None),
}

# as_strided_ on Y (made from the leaf L by `expr`): Y's values and geometry after, its version bump, grad_fn,
# and L.grad of (Y * (arange(numel) + 1)).sum().
AS_STRIDED_INPLACE = {
    "of a product": (6, "L * 1", (2, 2), (1, 2), 1),
    "of a narrow view, offset kept": (6, "(L * 1).narrow(0, 1, 5)", (2,), (2,), None),
    "of an expand": (3, "(L * 1).expand(2, 3)", (3,), (1,), None),
}

AS_STRIDED_ERRORS = {
    "in place out of bounds": "torch.arange(6.).as_strided_((7,), (1,))",
    "in place on a leaf": "torch.arange(6., requires_grad=True).as_strided_((2,), (2,))",
    "out of bounds": "torch.arange(12.).as_strided((3, 5), (4, 1))",
    "offset out of bounds": "torch.arange(12.).as_strided((3,), (1,), 10)",
    "int64 out of bounds": "torch.arange(12).as_strided((13,), (1,))",
    "negative offset": "torch.arange(12.).as_strided((3,), (1,), -1)",
    "length mismatch": "torch.arange(12.).as_strided((3, 2), (1,))",
    "negative size": "torch.arange(12.).as_strided((-1,), (1,))",
    "negative stride": "torch.arange(12.).as_strided((3,), (-1,), 5)",
    "size not a tuple": "torch.arange(12.).as_strided(3, (1,))",
}


def as_strided_cases():
    cases = {}
    for name, (n, expr, size, stride, offset) in AS_STRIDED.items():
        L = torch.arange(float(n)).requires_grad_(True)  # noqa: N806 - the name the expressions use
        src = eval(expr)
        v = src.as_strided(size, stride) if offset is None else src.as_strided(size, stride, offset)
        w = (torch.arange(float(v.numel())) + 1).reshape(v.shape)
        (v * w).sum().backward()
        cases[name] = {"values": encode(v), "stride": list(v.stride()), "storage_offset": v.storage_offset(),
                       "grad_fn": type(v.grad_fn).__name__, "grad": encode(L.grad), "is_view": v._base is not None}
    inplace = {}
    for name, (n, expr, size, stride, offset) in AS_STRIDED_INPLACE.items():
        L = torch.arange(float(n)).requires_grad_(True)  # noqa: N806
        y = eval(expr)
        before = y._version
        r = y.as_strided_(size, stride) if offset is None else y.as_strided_(size, stride, offset)
        w = (torch.arange(float(y.numel())) + 1).reshape(y.shape)
        (y * w).sum().backward()
        inplace[name] = {"values": encode(y), "stride": list(y.stride()), "storage_offset": y.storage_offset(),
                         "version_bump": y._version - before, "same": r is y, "grad_fn": type(y.grad_fn).__name__,
                         "grad": encode(L.grad)}
    a = torch.zeros(4)
    b = a.as_strided((2,), (2,))
    b.add_(1)
    versions = {"values": a.tolist(), "base_version": a._version, "view_version": b._version}
    errors = {}
    for name, expr in AS_STRIDED_ERRORS.items():
        try:
            eval(expr)
            errors[name] = {"error": None}
        except Exception as e:  # noqa: BLE001
            errors[name] = {"error": type(e).__name__, "message": str(e)}
    return {"cases": cases, "inplace": inplace, "versions": versions, "errors": errors}


# float_power with complex operands (complex128 results), as view_as_real values.
COMPLEX_POWERS = {
    "complex tensor, number": "torch.float_power(C, 2.5)",
    "complex tensor, 2": "torch.float_power(C, 2)",
    "real tensor, complex tensor": "torch.float_power(R, C)",
    "number, complex tensor": "torch.float_power(1.5, C)",
    "complex tensor, real tensor": "C.float_power(R)",
}


def complex_power_cases():
    C = torch.complex(torch.tensor([1.0, -2.0, 0.5]), torch.tensor([0.5, 1.0, -3.0]))  # noqa: N806
    R = torch.tensor([2.0, 0.5, 3.0])  # noqa: N806
    out = {}
    for name, expr in COMPLEX_POWERS.items():
        r = eval(expr)
        out[name] = {"dtype": str(r.dtype).replace("torch.", ""), "values": torch.view_as_real(r).flatten().tolist()}
    return out


def main():
    grad_fns = {}
    for name, expr in GRAD_FNS.items():
        x = torch.tensor([0.5, 1.5, 2.5], requires_grad=True)
        node = eval(expr).grad_fn
        grad_fns[name] = {"expr": expr, "grad_fn": type(node).__name__,
                          "next": [type(n).__name__ if n is not None else None for n, _ in node.next_functions]}
    errors = {}
    for name, expr in ERRORS.items():
        try:
            eval(expr)
            errors[name] = {"expr": expr, "error": None}
        except Exception as e:  # noqa: BLE001 - recording whatever PyTorch raises
            errors[name] = {"expr": expr, "error": type(e).__name__, "message": str(e)}
    with open(OUT, "w") as fh:
        json.dump({"torch": torch.__version__, "values": value_cases(), "grads": grad_cases(), "grad_fns": grad_fns,
                   "errors": errors, "as_strided": as_strided_cases(),
                   "complex_powers": complex_power_cases()}, fh)
        fh.write("\n")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
