"""Writes test/fixtures/format.json (tensor printing) and test/fixtures/python.json (src/python.ts: repr(float),
format(x, spec), C's "%g" as ATen's messages print a double, repr(str)) from real PyTorch and Python.

Run with the system interpreter, which has PyTorch 1.13:
    /usr/bin/python3 scripts/gen_format_fixtures.py   (or: npm run fixtures -- format)
"""

import json
import math
import os
import struct

import torch

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT_DIR = os.path.join(ROOT, "test", "fixtures")

f32 = torch.float32
f64 = torch.float64
i64 = torch.int64
i32 = torch.int32
b = torch.bool


def encode_number(v):
    if isinstance(v, bool):
        return int(v)
    if isinstance(v, float):
        if math.isnan(v):
            return "nan"
        if math.isinf(v):
            return "inf" if v > 0 else "-inf"
    return v


def grad_fn_name(t):
    # Mirrors torch/_tensor_str.py: the class name, or the C++ name for CppFunction.
    if t.grad_fn is None:
        return None
    name = type(t.grad_fn).__name__
    if name == "CppFunction":
        name = t.grad_fn.name().rsplit("::", 1)[-1]
    return name


cases = []


def add(t, options=None, parameter=False):
    """Records how PyTorch prints t (optionally under set_printoptions(**options))."""
    if options is not None:
        torch.set_printoptions(**options)
    try:
        case = {
            "dtype": str(t.dtype).replace("torch.", ""),
            "shape": list(t.shape),
            "values": [encode_number(v) for v in t.detach().reshape(-1).tolist()],
            "requires_grad": bool(t.requires_grad),
            "grad_fn": grad_fn_name(t),
            "repr": repr(t),
            "format": f"{t}",
        }
        if parameter:
            case["parameter"] = True
        if options is not None:
            case["options"] = options
        cases.append(case)
    finally:
        torch.set_printoptions(profile="default")


def tensor(values, dtype=f32, **kw):
    return torch.tensor(values, dtype=dtype, **kw)


gen = torch.Generator().manual_seed(1234)


def randn(*shape, dtype=f32):
    return torch.randn(*shape, generator=gen, dtype=dtype)


def short_randn(*shape, dtype=f32):
    """Normal values rounded to multiples of 1/256: exact in float32 and short in JSON, for big cases."""
    return torch.round(randn(*shape, dtype=dtype) * 256) / 256


# ---- 0-dim tensors -------------------------------------------------------
for v in [9.0, 0.1, -0.0, 0.0, 1.5, -2.25, 1e-5, 1e9, 123456.789, 1e20, 3.4e38, 1e-45,
          float("nan"), float("inf"), float("-inf"), 1 / 3, 0.03125, 100.0, 1e8, 1.5e8]:
    add(tensor(v))
for v in [0.1, 2.5, 1 / 3, 1e300, 5e-324, -1e-7, 12345678.9, 1e16, 1e15 + 0.5]:
    add(tensor(v, f64))
for v in [3, -7, 0, 2**53, -(2**62), 123456789012]:
    add(tensor(v, i64))
for v in [3, -7, 2**31 - 1, -(2**31)]:
    add(tensor(v, i32))
add(tensor(True, b))
add(tensor(False, b))

# ---- 1-D: formatter modes -------------------------------------------------
one_d_float = [
    [1.0, 2.0, 3.0],
    [1.5, 2.0, 3.0],
    [1e-5, 1.0],
    [1e9, 1.0],
    [1e-9],
    [1e8],
    [1e8, 1.0],
    [1e8 + 8, 1.0],
    [123456789.0],
    [1000.0, 1.0],
    [1001.0, 1.0],
    [1000.5, 1.0],
    [1000.0, 0.999],
    [-1.0, 2.5],
    [-0.0, 1.0],
    [-0.0, 0.0],
    [-0.0, 0.5],
    [0.0, 0.0, 0.0],
    [float("nan"), 1.0],
    [float("nan"), 1.5],
    [float("inf"), float("-inf"), 1.5],
    [float("inf"), float("-inf"), 1.0],
    [float("nan"), float("inf")],
    [float("nan")],
    [float("nan"), 1e-5, 2.0],
    [float("-inf"), 1e9, 2.0],
    [0.03125, 0.09375, 0.15625, 1.03125],
    [1.03125, 1e-5],
    [0.125, 0.375, 2.5],
    [0.00005, 1.0],
    [0.0001, 0.1],
    [0.0001, 0.1, 1.0],
    [0.00009, 0.05],
    [0.1, 0.2, 0.3],
    [1 / 3, 2 / 3],
    [16777217.0, 1.0],
    [1e-45, 1.0],
    [3.4e38, -3.4e38],
    [-123.456, 0.001, 99999.5],
    [-5.0, -50.0, -500.0],
    [12345.6789, -0.5],
    [1e-4, 1e-4],
    [99.99995, 1.0],
    [9.99995, 0.5],
]
for vals in one_d_float:
    add(tensor(vals))
for vals in [[0.1, 0.2, 0.3], [1e-5, 1.0], [1e300, 1e-300], [5e-324, 1.0], [2.5, 0.125], [1e22, 1.0],
             [0.03125, 0.09375], [1.0, 2.0], [float("nan"), -0.0]]:
    add(tensor(vals, f64))
for vals in [[1, 2, 3], [-1, 0, 100000], [2**53, -(2**53)], [-(2**63), 0, 2**62]]:
    add(tensor(vals, i64))
for vals in [[1, 2, 3], [-1, 0, 100000], [2**31 - 1, -(2**31)]]:
    add(tensor(vals, i32))
for vals in [[True, False], [True, True], [False]]:
    add(tensor(vals, b))

# ---- long rows that wrap at linewidth 80 ---------------------------------
add(torch.arange(100.0))
add(torch.arange(30.0) / 7)
add(randn(50))
add(randn(40) * 1e-6)
add(torch.linspace(-1, 1, 40, dtype=f64))
add(torch.arange(200))
add(torch.arange(100, dtype=i32) * 1000)
add(torch.randint(-(10**12), 10**12, (60,), generator=gen))
add(torch.rand(100, generator=gen) > 0.5)
add(torch.arange(80.0) * 1e7)

# ---- 2-D, 3-D, 4-D, 5-D -------------------------------------------------
add(randn(3, 4))
add(torch.arange(12.0).reshape(3, 4))
add(tensor([[-1, 2, -3], [400, -5000, 6]], i64))
add(tensor([[True, False], [False, True]], b))
add(randn(2, 30))
add(randn(4, 5, dtype=f64) * 1000)
add(tensor([[1e-5, 1.0], [100.0, 2.0]]))
add(tensor([[float("nan"), 1.0], [float("inf"), -0.0]]))
add(randn(1, 1))
add(randn(5, 1))
add(randn(2, 3, 4))
add(torch.arange(24).reshape(2, 3, 4))
add(randn(3, 1, 2))
add(randn(2, 2, 2, 3))
add(torch.arange(16.0).reshape(2, 2, 2, 2))
add(torch.arange(32, dtype=i32).reshape(2, 2, 2, 2, 2))
add(randn(2, 3, 25))
add(torch.rand(2, 3, 4, generator=gen) > 0.5)

# ---- summarized (numel > 1000) -------------------------------------------
add(torch.arange(1001.0))
add(randn(2000))
add(randn(40, 40))
add(short_randn(3, 1000))
add(short_randn(1001, 2))
add(short_randn(10, 10, 11))
add(short_randn(5, 5, 5, 10))
add(torch.arange(2000))
add(torch.randint(-(10**12), 10**12, (1100,), generator=gen))
add(torch.randint(-(10**6), 10**6, (40, 40), generator=gen))
add(torch.arange(1500, dtype=i32).reshape(30, 50))
add(torch.rand(1100, generator=gen) > 0.5)
add(short_randn(33, 33, dtype=f64))
add(short_randn(50, 50) * 2**-16)
add(short_randn(8, 200) * 2**20)
huge_middle = torch.ones(2000)
huge_middle[1000] = 1e10
add(huge_middle)
nan_middle = torch.arange(1200.0)
nan_middle[600] = float("nan")
nan_middle[1199] = float("inf")
add(nan_middle)

# ---- empty tensors ---------------------------------------------------------
add(torch.zeros(0))
add(torch.zeros(0, 3))
add(torch.zeros(2, 0, 4))
add(torch.zeros(0, dtype=i64))
add(torch.zeros(0, 2, dtype=i64))
add(torch.zeros(0, dtype=i32))
add(torch.zeros(0, dtype=b))
add(torch.zeros(3, 0, dtype=b))
add(torch.zeros(0, dtype=f64))
add(torch.zeros(0, requires_grad=True))
add(torch.zeros(0, 5, dtype=f64, requires_grad=True))

# ---- autograd suffixes ----------------------------------------------------
x = tensor([1.0, 2.0, 3.0], requires_grad=True)
add(x)
add(tensor(3.0, requires_grad=True))
add(x * 1)
add(x + 1)
add(x.pow(2))
add((x**2).sum())
add(x.mean())
add(x.exp())
add(x.relu())
add(x.view(3, 1))
add(x.sum() ** 2)
add(tensor(3.0, requires_grad=True) ** 2)
w = randn(3, 4).requires_grad_()
add(w @ randn(4, 2))
add(randn(2, 5, dtype=f64).requires_grad_() * 2)
add(tensor([1.0, 2.0], dtype=f64, requires_grad=True))
add(short_randn(2000).requires_grad_() * 1)

# ---- suffix wrapping: lines of every length against the 80-char limit -------
for n in range(1, 26):
    add((torch.arange(n, dtype=f64) * 1.5).requires_grad_() * 1)
for n in range(1, 20):
    add(torch.arange(n * 7, dtype=i32) * 1000)
for n in range(1, 12):
    add((torch.arange(n * 3.0) + 0.5).requires_grad_().exp())

# ---- seeded random normals ------------------------------------------------
for shape in [(5,), (10,), (3, 3), (7, 7), (2, 3, 4), (4, 8)]:
    add(randn(*shape))
for scale in [1e3, 1e-3, 1e5, 1e-6, 1e9]:
    add(randn(6) * scale)
    add(randn(3, 3, dtype=f64) * scale)

# ---- nn.Parameter ----------------------------------------------------------
add(torch.nn.Parameter(tensor([1.0, 2.0])), parameter=True)
add(torch.nn.Parameter(randn(3, 4)), parameter=True)
add(torch.nn.Parameter(tensor([1.0, 2.0]), requires_grad=False), parameter=True)
add(torch.nn.Parameter(randn(2, 2, dtype=f64)), parameter=True)
add(torch.nn.Parameter(tensor(0.5)), parameter=True)

# ---- print options --------------------------------------------------------
pi_ish = tensor([3.14159265, -2.71828182, 1.41421356])
add(pi_ish, {"precision": 2})
add(pi_ish, {"precision": 0})
add(pi_ish, {"precision": 8})
add(tensor([1e-5, 1.0]), {"precision": 2})
add(tensor([1e-5, 1.0]), {"precision": 0})
add(torch.arange(10), {"threshold": 5})
add(torch.arange(10.0), {"threshold": 5})
add(torch.arange(10.0).reshape(2, 5), {"threshold": 5})
add(torch.arange(64.0).reshape(8, 8), {"threshold": 5, "edgeitems": 2})
add(torch.arange(2000.0), {"edgeitems": 1})
add(torch.arange(2000.0), {"edgeitems": 5})
add(short_randn(40, 40), {"edgeitems": 5})
add(randn(32, 32) * 1e-5, {"edgeitems": 5})
add(torch.arange(30.0), {"linewidth": 40})
add(torch.arange(30.0).reshape(3, 10), {"linewidth": 40})
add(torch.arange(30.0), {"linewidth": 120})
add(torch.arange(30.0), {"linewidth": 10})
add(torch.arange(30.0, requires_grad=True) * 1, {"linewidth": 40})
add(randn(10), {"profile": "short"})
add(short_randn(1200), {"profile": "short"})
add(torch.arange(1001.0), {"profile": "full"})
add(short_randn(30, 40) * 2**-10, {"profile": "full"})
add(tensor([1.5, 2.5]), {"sci_mode": True})
add(tensor([1.0, 2.0]), {"sci_mode": True})
add(tensor([0.0, 0.0]), {"sci_mode": True})
add(tensor([float("nan")]), {"sci_mode": True})
add(tensor([1e-5, 1.0]), {"sci_mode": False})
add(tensor([1e9, 1.0]), {"sci_mode": False})
add(tensor([1e22, 1.0], f64), {"sci_mode": False})
add(tensor([1e22, 0.5], f64), {"sci_mode": False})
add(torch.arange(5), {"sci_mode": True})
add(tensor(1e-5), {"sci_mode": False})
add(randn(3, 3), {"precision": 3, "sci_mode": True, "linewidth": 50})
add(torch.arange(10.0), {"profile": "short", "precision": 6})


def write_json(path, items):
    with open(path, "w") as f:
        f.write("[\n" + ",\n".join(json.dumps(c, separators=(",", ":")) for c in items) + "\n]\n")


# ---- Python float repr and printf-style formatting ------------------------
def f32_round(v):
    return struct.unpack("f", struct.pack("f", v))[0]


doubles = [
    4.0, 12.0, -0.0, 0.0, 0.02370944619178772, 9.999999747378752e-06, 1e-05, 1.0000000272564224e16, 1e16,
    123456789012345.0, 1234567890123456.0, 12345678901234567.0, 0.0001, 0.00011, 1e-4 * 0.99, 0.1, 0.2 + 0.1,
    1 / 3, 2 / 3, 1e22, 1e21, 1e23, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, 2.5, 0.5, 100.0,
    -1.5, 9007199254740993.0, 1e15, 9.999999999999999e15, 0.000123, 123.456, 1e-7, -1e-10, 3.4e38, 1e100,
    float("inf"), float("-inf"), float("nan"), 0.03125, 0.09375, 1.03125, 0.125, 0.375, 1e-300, 6.02214076e23,
]
rng = torch.Generator().manual_seed(99)
randoms = (torch.randn(60, generator=rng, dtype=f64) * torch.pow(10.0, torch.randint(-12, 12, (60,), generator=rng))).tolist()
float32s = [f32_round(v) for v in [0.1, 0.2, 0.3, 1e-5, 1e16, 3.14159265, 1 / 3, 1e-45, 3.4e38, 16777217.0, 0.7, 1e-3]]
float32s += torch.randn(40, generator=rng).tolist()
repr_values = doubles + randoms + float32s
repr_cases = [{"value": encode_number(v), "repr": repr(float(v))} for v in repr_values]

printf_specs = [".4f", ".4e", ".0f", ".0e", ".2f", ".2e", ".8f", ".8e", "12.4e", ".1f", ".1e", ".12e"]
printf_values = repr_values + [0.00005, 0.00015, 0.5, 1.5, 2.5, 3.5, -0.5, -2.5, 1e-5, 99.99995, 9.99995, 0.99995,
                               1e22 + 2**22 * 3, 4.35, 0.045, 1e21 - 2**17 * 3, -0.00001, 12345678901234567890.0]
printf_cases = [
    {"value": encode_number(v), "spec": spec, "result": format(float(v), spec)} for v in printf_values for spec in printf_specs
]
# C++'s `<<` of a double (ATen's error messages) is C's "%g", which Python's "%g" reproduces.
cpp_double_cases = [{"value": encode_number(v), "text": "%g" % float(v)} for v in printf_values]

# format(x, spec): Python's format-spec mini-language for the values a tensor's item() gives.
format_spec_specs = [
    "", ".2f", ".0f", "#.0f", "10.3f", "<10.3f", "^10.3f", "=+10.3f", "*^12.2e", "+.3e", " .3e", "#.0e", ".3E",
    "g", ".3g", ".1g", ".0g", "#.3g", ".10g", "G", ".3G", "n", ".3n", "e", "f", "F", "%", ".1%", "08.2f", "010",
    "+010.2f", "-08.3f", "0=10.2f", "0<10.2f", "010,.2f", "09,", "08,", "012_.3f", ",", ",.2f", "_", ",d", "z.2f",
    "z.0f", "+z.1e", "z", ".3", ".1", "#.3", "10", "<10", ">10", "^10", "x^9", "\u00e9>7", "d", "b", "#b", "o",
    "#o", "x", "#x", "X", "#X", "_b", "#_x", "c", "5c", "+d", " d", "#010x", "010_b", ".2", ".0",
    # errors
    "abc", ".f", ",_", "_,", ",,", "y", "+c", "#c", ",b", ",n", ".2d", "zd", ".2c", "s", "10.2.3",
]
format_spec_values = [
    ("float", 0.0), ("float", -0.0), ("float", 1.0), ("float", -1.5), ("float", 2.5), ("float", 1234567.891),
    ("float", -0.004), ("float", 1e-5), ("float", 1e16), ("float", 123456789.0), ("float", 0.000123456),
    ("float", 9.9995), ("float", 99999.5), ("float", float("inf")), ("float", float("-inf")), ("float", float("nan")),
    ("float", 0.30000001192092896), ("float", 1e100), ("float", 5e-324),
    ("int", 0), ("int", 7), ("int", -42), ("int", 1234567), ("int", 255), ("int", 2**53 + 1), ("int", -(2**63)),
    ("int", 233), ("bool", True), ("bool", False),
]


def format_spec_case(kind, value, spec):
    case = {"kind": kind, "value": encode_number(value) if kind == "float" else (str(value) if kind == "int" else value), "spec": spec}
    try:
        case["result"] = format(value, spec)
    except Exception as e:  # noqa: BLE001 - the error class and text are the fixture
        case["error"] = [type(e).__name__, str(e)]
    return case


format_spec_cases = [format_spec_case(k, v, spec) for k, v in format_spec_values for spec in format_spec_specs]


# torch: Tensor.__format__ (f"{t:spec}").
def tensor_format_case(t, spec):
    case = {"class": type(t).__name__, "dtype": str(t.dtype).replace("torch.", ""), "shape": list(t.shape),
            "values": [encode_number(v) for v in t.detach().reshape(-1).tolist()], "spec": spec,
            "requires_grad": bool(t.requires_grad)}
    try:
        case["result"] = format(t, spec)
    except Exception as e:  # noqa: BLE001
        case["error"] = [type(e).__name__, str(e)]
    return case


tensor_format_cases = [
    tensor_format_case(t, spec)
    for t in [tensor(3.14159), tensor(-0.5, f64), tensor(1 / 3, requires_grad=True), tensor(7, i64), tensor(-3, i32),
              tensor(True, b), tensor([1.5, 2.5]), tensor([[1, 2]], i64), tensor([], f32), tensor([0.25]),
              torch.nn.Parameter(tensor(1.5))]
    for spec in ["", ".2f", "10.3e", ">8", "d", "x", ".1%", "abc"]
]

repr_strings = [
    "", "abc", "it's", 'say "hi"', "both ' and \"", "'", '"', "back\\slash", "tab\there", "new\nline\r",
    "\x00\x1f\x7f", "\x80\xa0\xad", "caf\u00e9 \u00fc\u00df", "\u2028\u200b\ufeff", "\U0001f600", "\U000e0001", "a b",
]
str_repr_cases = [{"value": v, "repr": repr(v)} for v in repr_strings]

if __name__ == "__main__":
    os.makedirs(OUT_DIR, exist_ok=True)
    write_json(os.path.join(OUT_DIR, "format.json"), cases)
    sections = {"repr": repr_cases, "printf": printf_cases, "cpp_double": cpp_double_cases, "str_repr": str_repr_cases,
                "format_spec": format_spec_cases, "tensor_format": tensor_format_cases}
    with open(os.path.join(OUT_DIR, "python.json"), "w") as f:
        f.write(
            "{\n"
            + ",\n".join(f'"{name}": [\n' + ",\n".join(json.dumps(c) for c in items) + "\n]" for name, items in sections.items())
            + "\n}\n"
        )
    print(f"{len(cases)} format cases, {len(repr_cases)} repr cases, {len(printf_cases)} printf cases")
