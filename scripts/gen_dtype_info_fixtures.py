"""Records torch.finfo / torch.iinfo (attributes, repr, TypeErrors) and the constants torch.pi, torch.e,
torch.inf, torch.nan from PyTorch 1.13 into test/fixtures/dtype_info.json (test/ops/dtype_info.test.ts).
`npm run fixtures -- dtype_info`. Big ints (iinfo(int64)) are recorded as strings."""
import json
import math
import sys

import torch

CASES = {
    "finfo float32": "torch.finfo(torch.float32)",
    "finfo float64": "torch.finfo(torch.float64)",
    "finfo default": "torch.finfo()",
    "finfo keyword": "torch.finfo(type=torch.float64)",
    "finfo complex64": "torch.finfo(torch.complex64)",
    "finfo complex128": "torch.finfo(torch.complex128)",
    "iinfo int32": "torch.iinfo(torch.int32)",
    "iinfo int64": "torch.iinfo(torch.int64)",
    "finfo of an int dtype": "torch.finfo(torch.int32)",
    "iinfo of a float dtype": "torch.iinfo(torch.float32)",
    "iinfo of bool": "torch.iinfo(torch.bool)",
    "finfo of a number": "torch.finfo(1)",
    "finfo of None": "torch.finfo(None)",
    "finfo with two arguments": "torch.finfo(torch.float32, 1)",
    "iinfo with no argument": "torch.iinfo()",
    "iinfo with two arguments": "torch.iinfo(torch.int32, 1)",
    "pi": "torch.pi",
    "e": "torch.e",
    "inf": "torch.inf",
    "nan": "torch.nan",
}


def number(v):
    if isinstance(v, float) and not math.isfinite(v):
        return str(v)
    return str(v) if isinstance(v, int) and abs(v) > 2**53 else v


def record(expr):
    try:
        v = eval(expr)
    except Exception as e:  # noqa: BLE001 - the error is what is recorded
        return {"error": type(e).__name__, "message": str(e)}
    if isinstance(v, (torch.finfo, torch.iinfo)):
        names = [a for a in dir(v) if not a.startswith("_")]
        return {"repr": repr(v), "attrs": {a: number(getattr(v, a)) for a in names}}
    return {"value": number(v)}


def main():
    out = {"torch": torch.__version__, "cases": {name: record(expr) for name, expr in CASES.items()}}
    with open(sys.argv[1], "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
