"""Runs every row of the op tables in real PyTorch and writes test/fixtures/ops/<table>.json.

Usage: npm run fixtures [-- table ...]   (exports the tables with tsx, then runs this with /usr/bin/python3)
Needs PyTorch 1.13 (`apt-get install -y python3-torch`). CI never runs this: the fixtures are committed.
"""
import json
import math
import os
import sys
import zlib

import torch

DTYPES = {"float32": torch.float32, "float64": torch.float64, "int64": torch.int64, "int32": torch.int32, "bool": torch.bool}


def encode(values):
    if isinstance(values, list):
        return [encode(v) for v in values]
    if isinstance(values, float):
        if math.isnan(values):
            return "nan"
        if math.isinf(values):
            return "inf" if values > 0 else "-inf"
    return values


def make_input(spec, gen):
    shape = spec["shape"]
    dtype = DTYPES[spec.get("dtype", "float32")]
    domain = spec.get("domain", "any")
    if dtype == torch.bool:
        return torch.rand(shape, generator=gen) > 0.5
    if dtype in (torch.int64, torch.int32):
        t = torch.randint(-5, 6, shape, generator=gen)
        if domain == "nonzero":
            t = torch.where(t == 0, torch.ones_like(t), t)
        if domain == "positive":
            t = t.abs() + 1
        return t.to(dtype)
    if domain == "positive":
        t = torch.rand(shape, generator=gen, dtype=torch.float64) * 2 + 0.1
    elif domain == "nonzero":
        mag = torch.rand(shape, generator=gen, dtype=torch.float64) * 1.9 + 0.1
        sign = torch.where(torch.rand(shape, generator=gen) > 0.5, 1.0, -1.0).double()
        t = mag * sign
    elif domain == "unit":
        t = torch.rand(shape, generator=gen, dtype=torch.float64) * 1.8 - 0.9
    else:
        t = torch.randn(shape, generator=gen, dtype=torch.float64)
    # Keep samples away from the kinks of relu/clamp/abs so finite differences are meaningful.
    t = torch.where(t.abs() < 0.02, t + 0.05, t)
    return t.to(dtype)


def run_case(case):
    gen = torch.Generator().manual_seed(zlib.crc32(case["name"].encode()))
    tensors = []
    for spec in case["inputs"]:
        t = make_input(spec, gen)
        wants_grad = spec.get("grad", t.is_floating_point())
        if wants_grad:
            t.requires_grad_(True)
        tensors.append(t)
    env = dict(zip("abc", tensors))
    env["torch"] = torch
    out = eval(case["py"], env)
    record = {
        "name": case["name"],
        "py": case["py"],
        "inputs": [{"dtype": str(t.dtype)[6:], "shape": list(t.shape), "values": encode(t.tolist())} for t in tensors],
        "output": {"dtype": str(out.dtype)[6:], "shape": list(out.shape), "values": encode(out.tolist())},
        "grad_fn": out.grad_fn.name() if out.grad_fn is not None else None,
    }
    if out.requires_grad:
        grad_out = torch.randn(out.shape, generator=gen, dtype=torch.float64).to(out.dtype)
        wrt = [t for t in tensors if t.requires_grad]
        grads = torch.autograd.grad(out, wrt, grad_out, allow_unused=True)
        record["grad_output"] = encode(grad_out.tolist())
        # A ZeroTensor gradient (sgn of a real input) has no storage to list: materialize its zeros.
        grads = [g.new_zeros(g.shape) if g is not None and g._is_zerotensor() else g for g in grads]
        by_input = iter(grads)
        record["grads"] = [encode(next(by_input).tolist()) if t.requires_grad else None for t in tensors]
    return record


def main():
    case_dir, out_dir, only = sys.argv[1], sys.argv[2], set(sys.argv[3:])
    for name in sorted(os.listdir(case_dir)):
        if only and name[: -len(".json")] not in only:
            continue
        cases = json.load(open(os.path.join(case_dir, name)))
        out_path = os.path.join(out_dir, name)
        records = [run_case(c) for c in cases]
        with open(out_path, "w") as f:
            json.dump({"torch": torch.__version__, "cases": records}, f, indent=None, separators=(",", ":"))
            f.write("\n")
        print(f"wrote {len(records)} cases to {out_path}")


if __name__ == "__main__":
    main()
