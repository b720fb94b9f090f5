"""Records what PyTorch 1.13 gives for the random and creation cases of test/ops/random_cases.ts (torch.normal,
bernoulli, poisson, the random *_like factories, eye, the in-place random fills' grad_fn, the Tensor's new_*
factories, in-place shape methods and legacy constructors): test/fixtures/random.json.

Each case is Python statements run after torch.manual_seed(seed) that assign `out` (and optionally `grads`, a list
of tensors or None). Recorded: out's dtype, shape, strides, values, requires_grad and grad_fn (or a Python value's
type and repr), the grads, the next two float64 uniforms the default generator draws (how many numbers the case
consumed), the warnings, or the error's class and message.

Usage: npm run fixtures -- random   (exports the cases with tsx, then runs this)
"""
import json
import math
import sys
import warnings

import torch


def plain(v):
    """A value as JSON: non-finite floats as strings."""
    if isinstance(v, list):
        return [plain(x) for x in v]
    if isinstance(v, float) and not math.isfinite(v):
        return "nan" if math.isnan(v) else ("inf" if v > 0 else "-inf")
    return v


def tensor_record(t):
    if t is None:
        return None
    return {
        "dtype": str(t.dtype).replace("torch.", ""),
        "shape": list(t.shape),
        "stride": list(t.stride()),
        "values": plain(t.detach().tolist()),
        "requires_grad": t.requires_grad,
        "grad_fn": type(t.grad_fn).__name__ if t.grad_fn is not None else None,
        "version": t._version,
    }


def value_record(v):
    if isinstance(v, torch.Tensor):
        return {"tensor": tensor_record(v)}
    if isinstance(v, torch.Size):
        return {"size": list(v)}
    return {"python": type(v).__name__, "repr": repr(v)}


def run(case):
    torch.manual_seed(case.get("seed", 0))
    scope = {"torch": torch}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            exec(case["py"], scope)
            result = {"out": value_record(scope["out"])}
            if "grads" in scope:
                result["grads"] = [tensor_record(g) for g in scope["grads"]]
        except Exception as e:  # noqa: BLE001 - every error is part of the record
            result = {"error": type(e).__name__, "message": str(e)}
    result["after"] = torch.empty(2, dtype=torch.float64).uniform_().tolist()
    result["warnings"] = [str(w.message) for w in caught]
    return result


def main():
    cases_path, out_path = sys.argv[1:3]
    with open(cases_path) as f:
        cases = json.load(f)
    fixture = {c["name"]: {"py": c["py"], **run(c)} for c in cases}
    with open(out_path, "w") as f:
        json.dump(fixture, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
