"""Makes every call of the signature walk in PyTorch 1.13 and records the outcome: test/fixtures/calls.json.

Usage: npm run fixtures -- calls   (exports the cases with tsx, then runs this)
An outcome is the result (tensors as dtype, shape and values; tuples and generators as lists; dicts as
key-value lists; modules by repr) and, for a method, the object afterwards; or the error's class and message.
"""
import importlib
import json
import math
import re
import sys
import types
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
            t = torch.tensor(s["data"], dtype=DTYPES[s["dtype"]]).reshape(s["shape"])
            return t.requires_grad_(True) if v.get("requires_grad") else t
        if "dict" in v:
            return {k: build(x, samples) for k, x in v["dict"].items()}
        if "new" in v:
            args = [build(a, samples) for a in v["args"]]
            kwargs = {k: build(x, samples) for k, x in (v.get("kwargs") or {}).items()}
            return resolve(v["new"])(*args, **kwargs)
        if "returns" in v:
            value = build(v["returns"], samples)
            return lambda *a, **k: value
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
        if r.is_complex():  # interleaved (real, imag), as tensorgrad stores complex tensors
            values = torch.view_as_real(r.detach().resolve_conj()).flatten().tolist()
        return {"tensor": {"dtype": str(r.dtype)[6:], "shape": list(r.shape), "values": [encode_number(x) for x in values]}}
    if isinstance(r, (tuple, list, types.GeneratorType)):
        return {"list": [encode(x) for x in r]}
    if isinstance(r, dict):
        return {"dict": [[str(k), encode(v)] for k, v in r.items()]}
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
    # Without the object's address (`<torch.optim.lr_scheduler.StepLR object>`), the same every run.
    return {"repr": re.sub(r" at 0x[0-9a-fA-F]+", "", repr(r))}


def resolve(target):
    parts = target.split(".")
    # Submodules `import torch` does not load (torch.utils.checkpoint).
    for i in range(2, len(parts)):
        try:
            importlib.import_module(".".join(parts[:i]))
        except ImportError:
            break
    obj = torch
    for p in parts[1:]:
        obj = getattr(obj, p)
    return obj


# Calls the walk must not make in PyTorch: torch.save/torch.load pickle to and from files named by the
# samples (tensorgrad's versions are safetensors', whose cases are all listed as exceptions), and a
# non-file there aborts the interpreter.
NOT_CALLED = {"torch.save", "torch.load"}

# Results that change from run to run (uninitialized memory, a fresh seed): recorded without their values, so
# running the generator twice writes the same file. The tests list these calls as exceptions.
UNREPEATABLE = {"torch.empty", "torch.empty_like", "torch.seed"}


def without_values(encoded):
    if "tensor" in encoded:
        return {"tensor": {**encoded["tensor"], "values": None}}
    if "number" in encoded:
        return {"number": None}
    return encoded


def run(case, samples):
    if case["target"] in NOT_CALLED:
        return {"error": "NotCalled", "message": "not called in PyTorch (see NOT_CALLED)"}
    # Every case starts from the same state: the generator's (random ops give the same numbers on both
    # sides), grad mode on and anomaly mode off (a set_grad_enabled(False) case must not leak into the next).
    torch.manual_seed(0)
    torch.set_grad_enabled(True)
    torch.autograd.set_detect_anomaly(False)
    args = [build(a, samples) for a in case["args"]]
    kwargs = {k: build(v, samples) for k, v in (case["kwargs"] or {}).items()}
    self = build(case["self"], samples) if "self" in case else None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            if self is not None:
                result = getattr(self, case["target"].rsplit(".", 1)[1])(*args, **kwargs)
            else:
                result = resolve(case["target"])(*args, **kwargs)
        outcome = {"ok": encode(result)}
        if case["target"] in UNREPEATABLE:
            outcome["ok"] = without_values(outcome["ok"])
        if self is not None:
            outcome["self"] = encode(self)
        return outcome
    except Exception as e:
        return {"error": type(e).__name__, "message": str(e)}


def run_repeatably(case, samples):
    # PyTorch 1.13's slice_scatter sometimes reads its `end=None` default as garbage and fails with "IntArrayRef
    # contains an int that cannot be represented as a SymInt: <garbage>"; its real outcome is the other one.
    for _ in range(20):
        outcome = run(case, samples)
        if "cannot be represented as a SymInt" not in outcome.get("message", ""):
            break
    return outcome


def main():
    data = json.load(open(sys.argv[1]))
    samples = data["samples"]
    out = {c["id"]: run_repeatably(c, samples) for c in data["cases"]}
    with open(sys.argv[2], "w") as f:
        json.dump({"torch": torch.__version__, "outcomes": out}, f, indent=0, sort_keys=True)
        f.write("\n")
    print(f"wrote {len(out)} outcomes to {sys.argv[2]}")


if __name__ == "__main__":
    main()
