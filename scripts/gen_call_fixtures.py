"""Makes every call of the signature walk in PyTorch 1.13 and records the outcome: test/fixtures/calls.json.

Usage: npm run fixtures -- calls   (exports the cases with tsx, then runs this)
An outcome is the result (tensors as dtype, shape and values; tuples as lists; modules by repr) and, for a
Tensor method, the tensor afterwards; or the error's class and message.
"""
import json
import math
import sys
import warnings

import torch

DTYPES = {"float32": torch.float32, "float64": torch.float64, "int64": torch.int64, "int32": torch.int32, "bool": torch.bool}


class Unmatchable:
    pass


def encode_number(x):
    if isinstance(x, float):
        if math.isnan(x):
            return "nan"
        if math.isinf(x):
            return "inf" if x > 0 else "-inf"
    return x


def build(v, samples):
    if isinstance(v, list):
        return [build(x, samples) for x in v]
    if isinstance(v, dict):
        if "tensor" in v:
            s = samples[v["tensor"]]
            return torch.tensor(s["data"], dtype=DTYPES[s["dtype"]]).reshape(s["shape"])
        if "float" in v:
            return float(v["float"])
        if "dtype" in v:
            return DTYPES[v["dtype"]]
        if "bigint" in v:
            return int(v["bigint"])
        if "object" in v:
            return Unmatchable()
        if "generator" in v:
            return torch.Generator().manual_seed(v["generator"])
        raise ValueError(v)
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v


def encode(r):
    if isinstance(r, torch.Tensor):
        values = r.detach().flatten().tolist()
        return {"tensor": {"dtype": str(r.dtype)[6:], "shape": list(r.shape), "values": [encode_number(x) for x in values]}}
    if isinstance(r, (tuple, list)):
        return {"list": [encode(x) for x in r]}
    if isinstance(r, bool):
        return {"bool": r}
    if isinstance(r, (int, float)):
        return {"number": encode_number(r)}
    if r is None:
        return {"none": True}
    if isinstance(r, str):
        return {"str": r}
    if isinstance(r, torch.dtype):
        return {"dtype": str(r)[6:]}
    return {"repr": repr(r)}


def resolve(target):
    parts = target.split(".")
    obj = torch
    for p in parts[1:]:
        obj = getattr(obj, p)
    return obj


def run(case, samples):
    args = [build(a, samples) for a in case["args"]]
    kwargs = {k: build(v, samples) for k, v in (case["kwargs"] or {}).items()}
    self = build(case["self"], samples) if "self" in case else None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            if self is not None:
                result = getattr(self, case["target"].split(".", 1)[1])(*args, **kwargs)
            else:
                result = resolve(case["target"])(*args, **kwargs)
        outcome = {"ok": encode(result)}
        if self is not None:
            outcome["self"] = encode(self)
        return outcome
    except Exception as e:
        return {"error": type(e).__name__, "message": str(e)}


def main():
    data = json.load(open(sys.argv[1]))
    samples = data["samples"]
    out = {c["id"]: run(c, samples) for c in data["cases"]}
    with open(sys.argv[2], "w") as f:
        json.dump({"torch": torch.__version__, "outcomes": out}, f, indent=0, sort_keys=True)
        f.write("\n")
    print(f"wrote {len(out)} outcomes to {sys.argv[2]}")


if __name__ == "__main__":
    main()
