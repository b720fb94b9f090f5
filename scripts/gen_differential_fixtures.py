"""Runs the differential tester's programs in PyTorch 1.13 and records every outcome: test/fixtures/differential/.

Usage: /usr/bin/python3 scripts/gen_differential_fixtures.py PROGRAMS.json OUT_DIR [--shard N]
  (npm run fixtures -- differential: `npx tsx test/differential/cli.ts export` writes PROGRAMS.json from the
  committed programs; `cli.ts generate FROM COUNT` makes a new set, docs/differential.md)

PROGRAMS.json holds {"programs": [{"id", "b": [statements]}]} in the IR of test/differential/ir.ts. After each
statement this records (key "r" of each program, one record per statement): the error (class, message), the
description of the bound result (repr; format() of 0-dim tensors; dtype, shape, grad_fn name, is_leaf,
requires_grad, the values' bytes; .grad of leaves), the tensor variables whose description changed (in-place
writes, gradients), and the warnings raised. The test replays the programs in tensorgrad and compares.
"""
import base64
import gzip
import json
import math
import os
import re
import sys
import warnings

import torch
import torch.nn.functional  # noqa: F401  (resolve() walks attributes)
import torch.nn.init  # noqa: F401
import torch.linalg  # noqa: F401

DTYPES = {"float32": torch.float32, "float64": torch.float64, "int64": torch.int64, "bool": torch.bool}


def scalar(x, dtype):
    if dtype == "bool":
        return bool(x)
    if x in ("nan", "inf", "-inf", "-0"):
        return {"nan": math.nan, "inf": math.inf, "-inf": -math.inf, "-0": -0.0}[x]
    return float(x) if dtype in ("float32", "float64") else int(x)


def nested(values, shape):
    if not shape:
        return values[0]
    if 0 in shape[:-1]:
        return None
    step = 1
    for d in shape[1:]:
        step *= d
    return [nested(values[i * step:(i + 1) * step], shape[1:]) for i in range(shape[0])]


def build_lit(lit):
    dtype = DTYPES[lit["d"]]
    rg = lit.get("rg") == 1
    data = nested([scalar(x, lit["d"]) for x in lit["v"]], lit["s"])
    if data is None:
        return torch.zeros(lit["s"], dtype=dtype, requires_grad=rg)
    return torch.tensor(data, dtype=dtype, requires_grad=rg)


def resolve(path):
    obj = torch
    for p in path.split(".")[1:]:
        obj = getattr(obj, p)
    return obj


def number(x):
    if isinstance(x, float):
        if math.isnan(x):
            return "nan"
        if math.isinf(x):
            return "inf" if x > 0 else "-inf"
        if x == 0 and math.copysign(1, x) < 0:
            return "-0"
    return x


def bits(t):
    # a ZeroTensor (PyTorch's all-zero gradient, e.g. sgn's) has no storage to read: its values are zeros
    if t._is_zerotensor():
        t = torch.zeros_like(t)
    values = t.detach().contiguous().numpy().copy()
    if values.dtype.kind == "f":
        # one NaN: the test ignores a NaN's sign and payload, and JS engines do not keep them
        values[values != values] = math.nan
    return base64.b64encode(values.tobytes()).decode("ascii")


def describe_tensor(t):
    try:
        return describe_tensor_or_raise(t)
    except Exception as e:  # noqa: BLE001  (reading grad_fn of a view whose base changed in place raises)
        return {"err": [type(e).__name__, str(e)]}


def describe_tensor_or_raise(t):
    d = {
        "r": repr(t),
        "d": str(t.dtype)[6:],
        "s": list(t.shape),
        "g": type(t.grad_fn).__name__ if t.grad_fn is not None else None,
        "l": t.is_leaf,
        "q": t.requires_grad,
        "b": bits(t),
    }
    if t.dim() == 0:
        d["f"] = format(t)
    if t.is_leaf or t.retains_grad:
        g = t.grad
        if g is not None:
            d["G"] = describe_tensor(g)
    return d


def describe(x):
    if isinstance(x, torch.Tensor):
        return describe_tensor(x)
    if x is None:
        return {"N": 1}
    if isinstance(x, bool):
        return {"B": x}
    if isinstance(x, int):
        return {"n": x, "py": "int"}
    if isinstance(x, float):
        return {"n": number(x), "py": "float"}
    if isinstance(x, str):
        return {"S": x}
    if isinstance(x, torch.dtype):
        return {"D": str(x)[6:]}
    if hasattr(x, "next_functions"):
        return {"fn": type(x).__name__}
    if isinstance(x, (tuple, list)):
        return {"L": [describe(y) for y in x]}
    return {"o": re.sub(r" at 0x[0-9a-fA-F]+", "", repr(x))}


class Session:
    def __init__(self):
        torch.manual_seed(0)
        torch.set_grad_enabled(True)
        torch.autograd.set_detect_anomaly(False)
        self.env = {}
        self.descs = {}

    def value(self, v):
        if isinstance(v, list):
            return [self.value(x) for x in v]
        if isinstance(v, dict):
            if "v" in v:
                return self.env[v["v"]]
            if "f" in v:
                return float(v["f"])
            if "T" in v:
                return build_lit(v["T"])
            return DTYPES[v["dt"]]
        if isinstance(v, float) and v.is_integer():
            return int(v)  # JS's rule: an integral number is an int
        return v

    def call(self, s):
        if "val" in s:
            return self.value(s["val"])
        args = [self.value(a) for a in s.get("a", [])]
        kwargs = {k: self.value(v) for k, v in s.get("k", {}).items()}
        if "f" in s:
            return resolve(s["f"])(*args, **kwargs)
        if "c" in s:
            return resolve(s["c"])(*args, **kwargs)
        obj = self.env[s["s"]]
        if "m" in s:
            if s["m"] == "forward":
                return obj(*args, **kwargs)
            return getattr(obj, s["m"])(*args, **kwargs)
        if "attr" in s:
            return getattr(obj, s["attr"])
        return obj[s["i"]]

    def reads(self, s):
        out = [s["s"]] if "s" in s else []

        def walk(v):
            if isinstance(v, list):
                for x in v:
                    walk(x)
            elif isinstance(v, dict) and "v" in v:
                out.append(v["v"])

        walk(s.get("val"))
        for a in s.get("a", []):
            walk(a)
        for a in s.get("k", {}).values():
            walk(a)
        return out

    def exec(self, s):
        rec = {}
        if any(v not in self.env for v in self.reads(s)):
            return {"x": 1}
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                if s.get("ng") == 1:
                    with torch.no_grad():
                        result = self.call(s)
                else:
                    result = self.call(s)
                if "o" in s:
                    self.env[s["o"]] = result
                    rec["r"] = describe(result)
                    if isinstance(result, torch.Tensor):
                        self.descs[s["o"]] = json.dumps(rec["r"])
            except Exception as e:  # noqa: BLE001  (every error is an outcome)
                rec["e"] = [type(e).__name__, str(e)]
            changed = {}
            for name, value in self.env.items():
                if name == s.get("o") or not isinstance(value, torch.Tensor):
                    continue
                d = describe_tensor(value)
                text = json.dumps(d)
                if text != self.descs.get(name):
                    self.descs[name] = text
                    changed[name] = d
        if changed:
            rec["c"] = changed
        if caught:
            rec["w"] = [str(w.message) for w in caught]
        return rec


def run(program):
    if os.environ.get("DIFF_TRACE"):
        print(program["id"], file=sys.stderr, flush=True)
    session = Session()
    return [session.exec(s) for s in program["b"]]


def main():
    args = sys.argv[1:]
    shard = 1000
    if "--shard" in args:
        i = args.index("--shard")
        shard = int(args[i + 1])
        del args[i:i + 2]
    programs = json.load(open(args[0]))["programs"]
    out_dir = args[1]
    os.makedirs(out_dir, exist_ok=True)
    for old in os.listdir(out_dir):
        if re.fullmatch(r"programs-\d+\.json(\.gz)?", old):
            os.remove(os.path.join(out_dir, old))
    for start in range(0, len(programs), shard):
        chunk = programs[start:start + shard]
        recorded = [{"id": p["id"], "b": p["b"], "r": run(p)} for p in chunk]
        path = os.path.join(out_dir, f"programs-{start // shard:04d}.json.gz")
        text = '{"torch": %s, "programs": [\n' % json.dumps(torch.__version__)
        text += ",\n".join(json.dumps(p, separators=(",", ":")) for p in recorded) + "\n]}\n"
        with open(path, "wb") as f:
            # mtime=0: the same programs give the same bytes
            f.write(gzip.compress(text.encode("utf-8"), mtime=0))
        print(f"wrote {len(recorded)} programs to {path}")


if __name__ == "__main__":
    main()
