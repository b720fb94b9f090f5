#!/usr/bin/python3
"""Records what PyTorch 1.13 does with Python numbers beyond int64 as operands (docs/int64.md), for
test/signatures/int_range.test.ts: a Python int outside [-2^63, 2^63) given for a Scalar, a Tensor that takes
numbers or a Scalar list raises "Overflow when unpacking long" (the test passes the bigint), while a Python float
of that size is an ordinary float operand (the test passes the JS number, e.g. 2**63 or 1e19).

Usage: /usr/bin/python3 scripts/gen_int_overflow_fixtures.py [out_file]
(default test/fixtures/numerics/int_overflow.json)

Each case: an id (the test's table has the same ids), the Python expression, and its outcome: the error class and
message, or the result's dtype, shape and values.
"""
import json
import sys

import torch
import torch.nn.functional as F  # noqa: F401 - used by the expressions

OUT = sys.argv[1] if len(sys.argv) > 1 else "test/fixtures/numerics/int_overflow.json"

CASES = {
    # Python ints beyond int64 (bigints in the test)
    "add_2p63": "t + 2**63",
    "add_2p64": "t.add(2**64)",
    "add_neg": "t + (-2**63 - 1)",
    "add_min": "t + (-2**63)",
    "add_alpha": "t.add(1, alpha=2**63)",
    "add_int_tensor": "ti + 2**63",
    "sub": "t.sub(2**63)",
    "rsub": "torch.rsub(t, 2**63)",
    "mul": "t * 2**63",
    "div": "t / 2**63",
    "pow": "t.pow(2**63)",
    "pow_scalar_base": "torch.pow(2**63, t)",
    "remainder": "t.remainder(2**63)",
    "full": "torch.full((2,), 2**63)",
    "full_min": "torch.full((2,), -2**63)",
    "full_float_dtype": "torch.full((2,), 2**63, dtype=torch.float32)",
    "full_like": "torch.full_like(t, 2**63)",
    "fill_": "t.clone().fill_(2**70)",
    "lt": "t < 2**63",
    "eq": "torch.eq(t, 2**63)",
    "clamp": "t.clamp(max=2**63)",
    "where": "torch.where(t > 1, t, 2**63)",
    "masked_fill": "t.masked_fill(t > 1, 2**63)",
    "lerp": "t.lerp(t, 2**63)",
    "bitwise_and": "ti.bitwise_and(2**63)",
    "tensor": "torch.tensor(2**63)",
    "tensor_list": "torch.tensor([1, 2**64])",
    "arange": "torch.arange(2**63)",
    # Python floats of the same size (JS numbers in the test)
    "f_add_2p63": "t + 2.0**63",
    "f_add_1e19": "t + 1e19",
    "f_add_int_tensor": "ti + 2.0**63",
    "f_full": "torch.full((2,), 2.0**63)",
    "f_full_1e19": "torch.full((2,), 1e19)",
    "f_fill_": "t.clone().fill_(2.0**70)",
    "f_lt": "t < 2.0**63",
    "f_masked_fill_min": "t.masked_fill(t > 1, -3.4028234663852886e+38)",
    "f_clamp": "t.clamp(max=1e20)",
    # Python floats written into integer tensors: c10's checked conversion (a float 2^63 passes into int64)
    "f_fill_int64": "ti.clone().fill_(2.0**63)",
    "f_masked_fill_int64": "ti.masked_fill(ti > 1, 2.0**63)",
    "f_fill_int64_over": "ti.clone().fill_(float(2**63 + 2**11))",
    "f_full_int64": "torch.full((2,), 2.0**63, dtype=torch.int64)",
    "f_fill_int32_frac": "ti.int().fill_(2147483647.5)",
    "f_index_fill_int32_min": "ti.int().index_fill(0, torch.tensor([0]), -2147483648.0)",
    "f_eq_int": "ti == 2.0**63",
    "f_mul_int": "ti * 2.0**63",
}


def main():
    t = torch.tensor([1.0, 2.0])  # noqa: F841 - used by the expressions
    ti = torch.tensor([1, 2])  # noqa: F841
    out = {}
    for key, expr in CASES.items():
        try:
            r = eval(expr)
            out[key] = {"expr": expr, "dtype": str(r.dtype)[6:], "shape": list(r.shape), "values": r.tolist()}
        except Exception as e:  # noqa: BLE001 - the class and text are what we record
            out[key] = {"expr": expr, "error": type(e).__name__, "message": str(e).split("\n")[0]}
    with open(OUT, "w") as f:
        json.dump({"torch": torch.__version__, "cases": out}, f, indent=1)
        f.write("\n")


main()
