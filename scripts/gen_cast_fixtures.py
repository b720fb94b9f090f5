"""Writes test/fixtures/casts.json: how PyTorch 1.13 (x86 CPU) converts elements between dtypes (an integer into a
narrower integer type wraps modulo 2^32, as C's cast does; anything into bool is `!= 0`), in conversions, in-place
ops with a narrower self, out= and number operands; and which ops' out= take inputs that require grad
(docs/int64.md, test/ops/casts.test.ts).

Run with the system interpreter, which has PyTorch 1.13:
    /usr/bin/python3 scripts/gen_cast_fixtures.py   (or: npm run fixtures -- casts)
Integer elements are written as strings (exact); floats as numbers, or "nan"/"inf"/"-inf".
"""
import json
import math
import os

import torch

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "test", "fixtures", "casts.json")


def enc(v):
    if isinstance(v, bool) or isinstance(v, int):
        return str(int(v))
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    return v


def outcome(fn):
    try:
        t = fn()
        return {"dtype": str(t.dtype).replace("torch.", ""), "values": [enc(v) for v in t.reshape(-1).tolist()],
                "repr": repr(t), "requires_grad": t.requires_grad,
                "grad_fn": None if t.grad_fn is None else type(t.grad_fn).__name__}
    except Exception as e:  # noqa: BLE001 - the error class and text are the fixture
        return {"error": [type(e).__name__, str(e)]}


DT = {"int64": torch.int64, "int32": torch.int32, "bool": torch.bool, "float32": torch.float32,
      "float64": torch.float64}
# Every int64 value here is a double (|v| <= 2^53), so tensorgrad holds it exactly.
INT64S = [2**40 + 5, -(2**40) - 3, 3000000000, -3000000000, 2**31, -(2**31) - 1, 2**32, 2**32 - 1, 2**53, -(2**53),
          2**53 - 1, 123, -1, 0]
INT32S = [2**31 - 1, -(2**31), 70000, -1, 0, 255]
FLOATS = [float("nan"), float("inf"), float("-inf"), 0.5, -0.0, 0.0, 3e9, -2.5]
SOURCES = {"int64": INT64S, "int32": INT32S, "bool": [True, False, True], "float32": FLOATS, "float64": FLOATS}

# Conversions: .to(dtype), the dtype methods, .type(dtype); also from a transposed (strided) source.
METHODS = {"int64": "long", "int32": "int", "bool": "bool", "float32": "float", "float64": "double"}
conversions = []
for src, values in SOURCES.items():
    for dst in DT:
        if dst == src:
            continue
        t = torch.tensor(values, dtype=DT[src])
        strided = torch.tensor(values + values, dtype=DT[src]).reshape(2, -1).t()
        conversions.append({"from": src, "to": dst, "input": [enc(v) for v in values],
                            "to_": outcome(lambda: t.to(DT[dst])),
                            "method": outcome(lambda: getattr(t, METHODS[dst])()),
                            "type": outcome(lambda: t.type(DT[dst])),
                            "strided": outcome(lambda: strided.to(DT[dst]))})

# In-place ops and copy_ into an int32 self from int64 tensors (the result converts into self's dtype).
OTHER = [2**40 + 5, -(2**40) - 3, 3000000000, -3000000000, 2**32 + 7, 2**52 + 2**33 + 7]
inplace = []
for op in ["add_", "sub_", "mul_", "copy_", "bitwise_or_", "bitwise_xor_"]:
    self_values = [1, 2, -3, 0, 5, 1]
    inplace.append({"op": op, "self": [str(v) for v in self_values], "other": [str(v) for v in OTHER],
                    **outcome(lambda: getattr(torch.tensor(self_values, dtype=torch.int32), op)(torch.tensor(OTHER)))})
    inplace.append({"op": op, "self": [str(v) for v in self_values], "other": "3000000000", "zero_dim": True,
                    **outcome(lambda: getattr(torch.tensor(self_values, dtype=torch.int32), op)(torch.tensor(3000000000)))})

# Number operands of an int32 tensor: PyTorch wraps the int as int64, then casts it to int32 (wrapping).
SCALARS = [3000000000, 2**32, 2**32 + 3, -(2**40) - 1, 2**53]
scalar_ops = []
for op in ["add", "sub", "mul", "eq", "ne", "lt", "ge", "add_", "mul_"]:
    for s in SCALARS:
        base = [0, 1, -1, 7]
        scalar_ops.append({"op": op, "self": [str(v) for v in base], "scalar": str(s),
                           **outcome(lambda: getattr(torch.tensor(base, dtype=torch.int32), op)(s))})

# out= of a narrower integer dtype: the int64 result converts into out's int32.
outs = []
for op in ["add", "sub", "mul", "neg", "negative", "abs", "absolute", "sgn", "fix", "square"]:
    a = torch.tensor([3000000000, 2**40 + 5, -7])
    b = torch.tensor([1, 2, 3], dtype=torch.int32)
    args = (a, b) if op in ("add", "sub", "mul") else (a,)
    outs.append({"op": op, **outcome(lambda: getattr(torch, op)(*args, out=torch.zeros(3, dtype=torch.int32)))})


# Writes of one value into an int32 tensor: a number, or a 0-dim tensor's item(), goes through PyTorch's checked
# Scalar conversion (an error when out of range); a tensor source of another dtype converts with C's cast.
def i32():
    return torch.zeros(3, dtype=torch.int32)


def setitem(key, value):
    t = i32()
    t[key] = value
    return t


MASK = torch.tensor([True, False, True])
WRITES = {}
for v in [3000000000, -(2**31) - 1, 2.5, float("nan"), 2**31 - 1]:
    WRITES[f"fill_({v})"] = lambda v=v: i32().fill_(v)
    WRITES[f"fill_(tensor({v}))"] = lambda v=v: i32().fill_(torch.tensor(v))
    WRITES[f"masked_fill_(mask, {v})"] = lambda v=v: i32().masked_fill_(MASK, v)
    WRITES[f"masked_fill_(mask, tensor({v}))"] = lambda v=v: i32().masked_fill_(MASK, torch.tensor(v))
    WRITES[f"index_fill_(0, index, {v})"] = lambda v=v: i32().index_fill_(0, torch.tensor([0, 1]), v)
    WRITES[f"index_fill_(0, index, tensor({v}))"] = lambda v=v: i32().index_fill_(0, torch.tensor([0, 1]), torch.tensor(v))
    WRITES[f"x[0] = {v}"] = lambda v=v: setitem(0, v)
WRITES["x[0] = tensor(3000000000)"] = lambda: setitem(0, torch.tensor(3000000000))
WRITES["x[0:2] = int64 tensor"] = lambda: setitem(slice(0, 2), torch.tensor([3000000000, 2**40 + 5]))
WRITES["x[mask] = int64 tensor"] = lambda: setitem(MASK, torch.tensor([3000000000, 2**40 + 5]))
WRITES["index_put_ int64 values"] = lambda: i32().index_put_((torch.tensor([0, 2]),), torch.tensor([3000000000, 5]))
WRITES["put_ accumulate int32"] = lambda: torch.tensor([2**31 - 1, 5, -(2**31)], dtype=torch.int32).put_(
    torch.tensor([0, 2, 0]), torch.tensor([5, -3, 2**31 - 1], dtype=torch.int32), accumulate=True)
WRITES["torch.tensor(int64 tensor, dtype=int32)"] = lambda: torch.tensor(torch.tensor([3000000000, 2**40 + 5, -7]),
                                                                         dtype=torch.int32)
WRITES["int32.new_tensor(int64 tensor)"] = lambda: i32().new_tensor(torch.tensor([3000000000, 2**40 + 5, -7]))
writes = [{"call": name, **outcome(fn)} for name, fn in WRITES.items()]

# out= of ops autograd does not differentiate: inputs that require grad are accepted, the out stays a leaf.
def x():
    return torch.tensor([1.0, 2.0, 0.5], requires_grad=True)


def bools():
    return torch.zeros(3, dtype=torch.bool)


def longs(*shape):
    return torch.zeros(shape, dtype=torch.long)


NOT_DIFFERENTIABLE = {
    **{n: (lambda n=n: getattr(torch, n)(x(), 1, out=bools())) for n in
       ["eq", "ne", "lt", "le", "gt", "ge", "greater", "greater_equal", "less", "less_equal", "not_equal"]},
    "eq_tensor": lambda: torch.eq(x(), x(), out=bools()),
    **{n: (lambda n=n: getattr(torch, n)(x(), x(), out=bools())) for n in ["logical_and", "logical_or", "logical_xor"]},
    "logical_not": lambda: torch.logical_not(x(), out=bools()),
    "logical_not_float_out": lambda: torch.logical_not(x(), out=torch.zeros(3)),
    "all": lambda: torch.all(x(), out=torch.zeros((), dtype=torch.bool)),
    "any_dim": lambda: torch.any(x(), 0, out=torch.zeros((), dtype=torch.bool)),
    "argmax": lambda: torch.argmax(x(), out=longs()),
    "argmin_dim": lambda: torch.argmin(x(), 0, out=longs()),
    "bucketize": lambda: torch.bucketize(x(), torch.tensor([1.0, 2.0]), out=longs(3)),
    "searchsorted": lambda: torch.searchsorted(torch.tensor([1.0, 2.0], requires_grad=True), x(), out=longs(3)),
    "nonzero": lambda: torch.nonzero(x(), out=longs(0, 1)),
    "heaviside": lambda: torch.heaviside(x(), x(), out=torch.zeros(3)),
    "histc": lambda: torch.histc(x(), bins=4, out=torch.zeros(4)),
    "floor_divide": lambda: torch.floor_divide(x(), 2, out=torch.zeros(3)),
    "eq_out_requires_grad": lambda: torch.eq(torch.ones(3), 1, out=torch.zeros(3, requires_grad=True)),
    # Differentiable ops still refuse.
    "sign": lambda: torch.sign(x(), out=torch.zeros(3)),
    "floor": lambda: torch.floor(x(), out=torch.zeros(3)),
    "clamp": lambda: torch.clamp(x(), 0, 1, out=torch.zeros(3)),
}
not_differentiable = [{"call": name, **outcome(fn)} for name, fn in NOT_DIFFERENTIABLE.items()]

with open(OUT, "w") as f:
    json.dump({"conversions": conversions, "inplace": inplace, "scalar_ops": scalar_ops, "outs": outs, "writes": writes,
               "not_differentiable": not_differentiable}, f, indent=1)
    f.write("\n")
print(f"wrote {OUT}")
