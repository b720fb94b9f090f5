"""Runs every subscript case (test/ops/tables/subscript.ts) in real PyTorch: test/fixtures/ops/subscript.json.

Usage: npm run fixtures -- subscript   (exports the cases with tsx, then runs this with /usr/bin/python3)
A "get" case evaluates `py` (an expression of a, b); a "set" case executes `py` (a statement) on t = a.clone().
Each record holds the result's values, dtype, shape and grad_fn, whether it is a view of a (shares its storage,
and so its version counter), t's version counter after a set, the gradients for a random grad_output, or the
error class and message.
"""
import json
import os
import sys
import zlib

import torch

sys.path.insert(0, os.path.dirname(__file__))
from gen_fixtures import encode, make_input  # noqa: E402


def tensor_record(t):
    return {"dtype": str(t.dtype)[6:], "shape": list(t.shape), "values": encode(t.tolist())}


def run_case(case):
    gen = torch.Generator().manual_seed(zlib.crc32(case["name"].encode()))
    tensors = []
    for spec in case["inputs"]:
        t = make_input(spec, gen)
        if spec.get("grad", t.is_floating_point()):
            t.requires_grad_(True)
        tensors.append(t)
    env = dict(zip("ab", tensors))
    env["torch"] = torch
    record = {"name": case["name"], "kind": case["kind"], "py": case["py"]}
    record["inputs"] = [tensor_record(t) for t in tensors]
    try:
        if case["kind"] == "get":
            out = eval(case["py"], env)
            a = tensors[0]
            record["view"] = out._base is not None and out.storage().data_ptr() == a.storage().data_ptr()
        else:
            env["t"] = tensors[0].clone()
            exec(case["py"], env)
            out = env["t"]
            record["version"] = out._version
    except Exception as e:  # the error is the fixture
        record["error"] = {"type": type(e).__name__, "message": str(e)}
        return record
    record["output"] = tensor_record(out)
    record["grad_fn"] = out.grad_fn.name() if out.grad_fn is not None else None
    if out.requires_grad:
        grad_out = torch.randn(out.shape, generator=gen, dtype=torch.float64).to(out.dtype)
        wrt = [t for t in tensors if t.requires_grad]
        grads = iter(torch.autograd.grad(out, wrt, grad_out, allow_unused=True))
        record["grad_output"] = encode(grad_out.tolist())
        record["grads"] = []
        for t in tensors:
            g = next(grads) if t.requires_grad else None
            record["grads"].append(None if g is None else encode(g.tolist()))
    return record


def main():
    cases_path, out_path = sys.argv[1], sys.argv[2]
    records = [run_case(c) for c in json.load(open(cases_path))]
    with open(out_path, "w") as f:
        json.dump({"torch": torch.__version__, "cases": records}, f, indent=None, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {len(records)} cases to {out_path}")


if __name__ == "__main__":
    main()
