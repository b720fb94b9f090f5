"""Writes test/fixtures/int64.json: how PyTorch 1.13 (x86 CPU) turns floats, Python ints and integer arithmetic
into int64/int32 elements, for tensorgrad's int64 semantics (docs/int64.md, test/tensor/int64.test.ts); and, in
"allocator", PyTorch's error for storage sizes beyond memory (docs/memory.md, test/tensor/reliability.test.ts).

Run with the system interpreter, which has PyTorch 1.13:
    /usr/bin/python3 scripts/gen_int64_fixtures.py   (or: npm run fixtures -- int64)
Integers are written as strings (exact); floats as numbers, or "nan"/"inf"/"-inf".
"""
import json
import math
import os

import torch

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "test", "fixtures", "int64.json")


def enc_float(v):
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    return v


def outcome(fn):
    try:
        t = fn()
        return {"dtype": str(t.dtype).replace("torch.", ""), "values": [str(v) for v in t.reshape(-1).tolist()], "repr": repr(t)}
    except Exception as e:  # noqa: BLE001 - the error class and text are the fixture
        return {"error": [type(e).__name__, str(e)]}


FLOATS = [float("inf"), float("-inf"), float("nan"), 1e20, -1e20, 2.0**63, -(2.0**63), 9.2e18, 9.9e18, -2.5, 2.5,
          -0.5, 0.9999, 2.0**53, 2.0**53 + 2, 1.5e15 + 0.5, 2147483647.5, -2147483648.9, 3e9, -3e9, 2.0**31, -(2.0**31)]
INT_DTYPES = {"int64": torch.int64, "int32": torch.int32}
FLOAT_DTYPES = {"float32": torch.float32, "float64": torch.float64}

# Casting float tensors (.to(dtype)): PyTorch's x86 conversion.
casts = []
for src_name, src in FLOAT_DTYPES.items():
    for dst_name, dst in INT_DTYPES.items():
        source = torch.tensor(FLOATS, dtype=src)
        casts.append({"from": src_name, "to": dst_name, "input": [enc_float(v) for v in source.tolist()],
                      **outcome(lambda: source.to(dst))})

# torch.tensor(python float, dtype=int): c10::checked_convert.
from_floats = [{"value": enc_float(v), "dtype": name, **outcome(lambda: torch.tensor(v, dtype=dt))}
               for v in FLOATS for name, dt in INT_DTYPES.items()]

# torch.full(size, python float, dtype=int): fill_'s Scalar conversion.
from_full = [{"value": enc_float(v), "dtype": name, **outcome(lambda: torch.full([2], v, dtype=dt))}
             for v in FLOATS for name, dt in INT_DTYPES.items()]

# torch.tensor(python int): int64 unpacking (tensorgrad: a bigint).
INTS = [0, -7, 2**53 - 1, 2**53, 2**53 + 1, 2**53 + 2, 2**60, 2**62 + 1, 2**63 - 1, -(2**63), 2**63, -(2**63) - 1, 2**64,
        2**31 - 1, 2**31, -(2**31), -(2**31) - 1]
from_ints = [{"value": str(v), "dtype": name, **outcome(lambda: torch.tensor(v, dtype=dt))}
             for v in INTS for name, dt in [("default", None), *INT_DTYPES.items()]]

# Integer arithmetic wraps around (two's complement). Operands and exact results stay doubles where listed.
PAIRS = [(2**62, 4, "mul"), (2**62, 2**62, "add"), (2**62, 3, "mul"), (-(2**63), -1, "mul"), (2**40, 2**30, "mul"),
         (-(2**62), 2**62, "sub"), (2**62, -(2**62), "sub"), (-(2**63), -1, "add"), (2**32, 2**32, "mul"),
         (3 * 2**61, 2**61, "add"), (2**31 - 1, 1, "add"), (2**31, 2**31, "mul"), (-(2**31), -1, "mul")]
arithmetic = []
for a, b, op in PAIRS:
    for name, dt in INT_DTYPES.items():
        info = torch.iinfo(dt)
        if not (info.min <= a <= info.max and info.min <= b <= info.max):
            continue
        x, y = torch.tensor([a], dtype=dt), torch.tensor([b], dtype=dt)
        arithmetic.append({"a": str(a), "b": str(b), "op": op, "dtype": name,
                           "exact": str(a * b if op == "mul" else a + b if op == "add" else a - b),
                           **outcome(lambda: getattr(torch, op)(x, y))})

# Sizes beyond memory: the CPU allocator's error (sizes too large for this machine's memory and overcommit).
allocator = [
    {"call": "zeros(1e12)", **outcome(lambda: torch.zeros(int(1e12)))},
    {"call": "zeros([1e6, 1e6], dtype=float64)", **outcome(lambda: torch.zeros(10**6, 10**6, dtype=torch.float64))},
    {"call": "randperm(2**40)", **outcome(lambda: torch.randperm(2**40))},
    {"call": "ones(2**40, dtype=bool)", **outcome(lambda: torch.ones(2**40, dtype=torch.bool))},
    {"call": "empty(2**62)", **outcome(lambda: torch.empty(2**62))},
    {"call": "empty(2**61)", **outcome(lambda: torch.empty(2**61))},
    {"call": "empty(2**60)", **outcome(lambda: torch.empty(2**60))},
    {"call": "zeros([2**31, 2**31, 4])", **outcome(lambda: torch.zeros(2**31, 2**31, 4))},
    {"call": "zeros([2**31, 2**31, 2], dtype=bool)", **outcome(lambda: torch.zeros(2**31, 2**31, 2, dtype=torch.bool))},
    {"call": "zeros([2**32, 2**32, 0])", **outcome(lambda: torch.zeros(2**32, 2**32, 0))},
]

with open(OUT, "w") as f:
    sections = {"casts": casts, "from_floats": from_floats, "from_full": from_full, "from_ints": from_ints, "arithmetic": arithmetic, "allocator": allocator}
    f.write("{\n" + ",\n".join(f'"{k}": [\n' + ",\n".join(json.dumps(c) for c in v) + "\n]" for k, v in sections.items()) + "\n}\n")
print(f"{len(casts)} casts, {len(from_floats)} float conversions, {len(from_ints)} int conversions, {len(arithmetic)} arithmetic")
