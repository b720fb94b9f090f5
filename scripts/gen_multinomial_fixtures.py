"""Records torch.multinomial's samples and errors, and the softmax modules' outputs and warnings, in PyTorch 1.13:
test/fixtures/multinomial.json (read by test/ops/multinomial.test.ts and test/nn/softmax.test.ts).

Usage: /usr/bin/python3 scripts/gen_multinomial_fixtures.py test/fixtures/multinomial.json
"""
import json
import re
import sys
import warnings

import torch
import torch.nn as nn

DTYPES = {"float32": torch.float32, "float64": torch.float64, "int64": torch.int64}


def _floats(v):
    if isinstance(v, list):
        return [_floats(x) for x in v]
    return float(v) if isinstance(v, str) else v


def probabilities(spec):
    """The input a case describes: explicit values, or seeded rand (optionally softmaxed), then a layout."""
    dtype = DTYPES[spec.get("dtype", "float32")]
    if "ones_at" in spec:
        t = torch.zeros(spec["categories"], dtype=dtype)
        t[spec["ones_at"]] = 1
    elif "values" in spec:
        # Non-finite values are written "nan" / "inf" to keep the fixture plain JSON.
        t = torch.tensor(_floats(spec["values"]), dtype=dtype)
    else:
        torch.manual_seed(spec["data_seed"])
        t = torch.rand(spec["shape"], dtype=dtype)
        if spec.get("softmax"):
            t = t.mul(4).softmax(-1)
    if spec.get("transpose"):
        t = t.t()
    if spec.get("step"):
        t = t[:: spec["step"]]
    return t


def draw(spec):
    t = probabilities(spec)
    kwargs = {}
    if spec.get("generator"):
        g = torch.Generator().manual_seed(spec["seed"])
        kwargs["generator"] = g
    else:
        torch.manual_seed(spec["seed"])
        g = torch.default_generator
    out = torch.multinomial(t, spec["num_samples"], spec.get("replacement", False), **kwargs)
    # What the generator draws next shows how many numbers the call consumed.
    after = torch.empty(2, dtype=torch.float64).uniform_(generator=g).tolist()
    # The input's values, where the spec does not already give them.
    values = {} if "values" in spec or "ones_at" in spec else {"values": t.tolist()}
    return {**values, "shape": list(out.shape), "result": out.tolist(), "after": after}


SAMPLE_CASES = []
for seed in (0, 1, 42, 2147483647):
    SAMPLE_CASES += [
        {"name": f"1-D 27 one sample seed {seed}", "data_seed": 10, "shape": [27], "softmax": True,
         "num_samples": 1, "seed": seed, "generator": True},
        {"name": f"1-D 27 one sample default generator seed {seed}", "data_seed": 11, "shape": [27],
         "softmax": True, "num_samples": 1, "seed": seed},
        {"name": f"1-D 12 five without replacement seed {seed}", "data_seed": 12, "shape": [12],
         "num_samples": 5, "seed": seed},
        {"name": f"1-D 12 all without replacement seed {seed}", "data_seed": 13, "shape": [12],
         "num_samples": 12, "seed": seed},
        {"name": f"1-D 12 forty with replacement seed {seed}", "data_seed": 14, "shape": [12],
         "num_samples": 40, "replacement": True, "seed": seed},
        {"name": f"2-D 4x10 three without replacement seed {seed}", "data_seed": 15, "shape": [4, 10],
         "num_samples": 3, "seed": seed},
        {"name": f"2-D 4x10 one with replacement seed {seed}", "data_seed": 16, "shape": [4, 10],
         "num_samples": 1, "replacement": True, "seed": seed},
        {"name": f"2-D 3x6 twenty with replacement seed {seed}", "data_seed": 17, "shape": [3, 6],
         "num_samples": 20, "replacement": True, "seed": seed, "generator": True},
        {"name": f"float64 2-D 5x7 four without replacement seed {seed}", "data_seed": 18, "shape": [5, 7],
         "dtype": "float64", "num_samples": 4, "seed": seed},
        {"name": f"float64 1-D 9 thirty with replacement seed {seed}", "data_seed": 19, "shape": [9],
         "dtype": "float64", "num_samples": 30, "replacement": True, "seed": seed},
        {"name": f"float64 1-D 100 one sample seed {seed}", "data_seed": 20, "shape": [100],
         "dtype": "float64", "softmax": True, "num_samples": 1, "seed": seed},
        {"name": f"column-major 2-D 6x3 two without replacement seed {seed}", "data_seed": 21,
         "shape": [3, 6], "transpose": True, "num_samples": 2, "seed": seed},
        {"name": f"strided 1-D two without replacement seed {seed}", "data_seed": 22, "shape": [20],
         "step": 3, "num_samples": 2, "seed": seed},
    ]
SAMPLE_CASES += [
    {"name": "unnormalized weights with zeros without replacement", "values": [1, 2, 3, 0, 5, 0, 0.5],
     "num_samples": 5, "seed": 3},
    {"name": "unnormalized weights with zeros with replacement", "values": [[1, 0, 3, 0], [0, 0, 0, 2]],
     "num_samples": 8, "replacement": True, "seed": 4},
    {"name": "zero rows", "data_seed": 1, "shape": [0, 2], "num_samples": 2, "seed": 5},
    {"name": "one category", "values": [[2.0], [1.0]], "num_samples": 3, "replacement": True, "seed": 6},
]
# Ties among zero-probability categories: topk's order among them is libstdc++'s (test/ops/multinomial.test.ts
# lists the ones tensorgrad orders differently).
TIE_CASES = [
    {"name": "ties: more samples than nonzero categories", "values": [0, 1, 0, 0, 2, 0], "num_samples": 6,
     "seed": 7},
    {"name": "ties: one nonzero, three samples", "values": [0, 0, 1, 0], "num_samples": 3, "seed": 8},
    {"name": "ties: 100 categories, 10 nonzero, 60 samples", "values": [float(i % 10 == 3) * (i + 1) for i in range(100)],
     "num_samples": 60, "seed": 9},
    {"name": "ties: 200 categories, 2 nonzero, 3 samples (partial sort)",
     "ones_at": [17, 150], "categories": 200, "num_samples": 3, "seed": 10},
    {"name": "ties: 1000 categories, 5 nonzero, 500 samples",
     "ones_at": [7, 207, 407, 607, 807], "categories": 1000, "num_samples": 500, "seed": 12},
    {"name": "ties: 2000 categories, 3 nonzero, 20 samples (partial sort)",
     "ones_at": [5, 999, 1500], "categories": 2000, "num_samples": 20, "seed": 13},
    {"name": "ties: 300 categories all but one zero, 299 samples", "ones_at": [150], "categories": 300,
     "num_samples": 299, "seed": 14},
    {"name": "ties: 2-D, 40 categories, 30 samples", "values": [[float(i % 7 == 0) for i in range(40)]] * 2,
     "num_samples": 30, "seed": 11},
]

ERROR_CASES = [
    {"name": "0-d input", "values": 1.0, "num_samples": 1},
    {"name": "3-D input", "values": [[[0.5, 0.5]]], "num_samples": 1},
    {"name": "integer input", "values": [1, 2], "dtype": "int64", "num_samples": 1},
    {"name": "zero samples", "values": [0.5, 0.5], "num_samples": 0},
    {"name": "negative samples", "values": [0.5, 0.5], "num_samples": -2, "replacement": True},
    {"name": "more samples than categories", "values": [0.5, 0.5], "num_samples": 3},
    {"name": "negative probability without replacement", "values": [0.5, -0.1, 0.6], "num_samples": 2},
    {"name": "negative probability, one sample", "values": [0.5, -0.1], "num_samples": 1, "replacement": True},
    {"name": "nan without replacement", "values": [0.5, "nan"], "num_samples": 1},
    {"name": "inf without replacement", "values": [[0.5, 1], ["inf", 1]], "num_samples": 1},
    {"name": "all zero without replacement", "values": [0.0, 0.0], "num_samples": 1},
    {"name": "a zero row without replacement", "values": [[1.0, 0.0], [0.0, 0.0]], "num_samples": 2},
    {"name": "negative probability with replacement", "values": [0.5, -0.1], "num_samples": 3,
     "replacement": True},
    {"name": "nan with replacement", "values": ["nan", 0.5], "num_samples": 3, "replacement": True},
    {"name": "inf with replacement", "values": [0.5, "inf"], "num_samples": 3, "replacement": True},
    {"name": "all zero with replacement", "values": [[1.0, 1.0], [0.0, 0.0]], "num_samples": 3,
     "replacement": True},
    {"name": "float out", "values": [0.5, 0.5], "num_samples": 1, "out": "float32"},
    {"name": "3-D input with float out", "values": [[[0.5, 0.5]]], "num_samples": 1, "out": "float32"},
]


def error_of(spec):
    t = probabilities(spec)
    torch.manual_seed(0)
    try:
        if "out" in spec:
            torch.multinomial(t, spec["num_samples"], spec.get("replacement", False),
                              out=torch.empty(0, dtype=DTYPES[spec["out"]]))
        else:
            torch.multinomial(t, spec["num_samples"], spec.get("replacement", False))
    except Exception as e:  # noqa: BLE001 - the error is what is recorded
        return {"type": type(e).__name__, "message": str(e)}
    raise AssertionError(f"{spec['name']}: no error")


SOFTMAX_CASES = [
    {"name": "Softmax(dim=1) 2-D", "module": "Softmax", "kwargs": {"dim": 1}, "shape": [3, 4]},
    {"name": "Softmax(dim=-1) 3-D", "module": "Softmax", "kwargs": {"dim": -1}, "shape": [2, 3, 4]},
    {"name": "Softmax() 2-D implicit", "module": "Softmax", "kwargs": {}, "shape": [3, 4]},
    {"name": "Softmax() 3-D implicit", "module": "Softmax", "kwargs": {}, "shape": [2, 3, 4]},
    {"name": "Softmax() 1-D implicit", "module": "Softmax", "kwargs": {}, "shape": [5]},
    {"name": "Softmax() 4-D implicit", "module": "Softmax", "kwargs": {}, "shape": [2, 3, 2, 2]},
    {"name": "LogSoftmax(dim=0)", "module": "LogSoftmax", "kwargs": {"dim": 0}, "shape": [3, 4]},
    {"name": "LogSoftmax() implicit", "module": "LogSoftmax", "kwargs": {}, "shape": [3, 4]},
    {"name": "Softmin(dim=1)", "module": "Softmin", "kwargs": {"dim": 1}, "shape": [3, 4]},
    {"name": "Softmin() implicit", "module": "Softmin", "kwargs": {}, "shape": [2, 3, 4]},
    {"name": "Softmax2d 4-D", "module": "Softmax2d", "kwargs": {}, "shape": [2, 3, 2, 2]},
    {"name": "Softmax2d 3-D", "module": "Softmax2d", "kwargs": {}, "shape": [3, 2, 2]},
    {"name": "Softmax2d 2-D", "module": "Softmax2d", "kwargs": {}, "shape": [3, 2]},
    {"name": "Softmin(dim=1) bool", "module": "Softmin", "kwargs": {"dim": 1}, "shape": [2, 2], "bool": True},
]


def softmax_case(spec):
    torch.manual_seed(30)
    x = torch.randn(spec["shape"])
    if spec.get("bool"):
        x = x > 0
    module = getattr(nn, spec["module"])(**spec["kwargs"])
    row = {"input": x.tolist(), "repr": repr(module)}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            row["output"] = module(x).tolist()
        except Exception as e:  # noqa: BLE001
            row["error"] = {"type": type(e).__name__, "message": str(e)}
    row["warnings"] = [str(w.message) for w in caught]
    return row


def functional_cases():
    torch.manual_seed(31)
    x = torch.randn(3, 5)
    F = torch.nn.functional
    return {
        "input": x.tolist(),
        "softmin_dim0": F.softmin(x, 0).tolist(),
        "softmin_dim1_float64": F.softmin(x, dim=1, dtype=torch.float64).tolist(),
        "softmax_float64": F.softmax(x, 1, dtype=torch.float64).tolist(),
        "log_softmax_dim0": F.log_softmax(x, 0).tolist(),
    }


def main():
    fixture = {"torch": torch.__version__, "samples": {}, "ties": {}, "errors": {}, "softmax": {}}
    for spec in SAMPLE_CASES + TIE_CASES:
        spec = dict(spec)
        key = "ties" if spec in TIE_CASES else "samples"
        fixture[key][spec["name"]] = {"spec": spec, **draw(spec)}
    for spec in ERROR_CASES:
        fixture["errors"][spec["name"]] = {"spec": spec, **error_of(spec)}
    for spec in SOFTMAX_CASES:
        fixture["softmax"][spec["name"]] = {"spec": spec, **softmax_case(spec)}
    fixture["functional"] = functional_cases()
    text = json.dumps(fixture, indent=1, allow_nan=False)
    # Lists of numbers on one line each.
    text = re.sub(r"\[\s+([-+0-9.eE,\s]+?)\s+\]", lambda m: "[" + ", ".join(m.group(1).split()).replace(",,", ",") + "]", text)
    with open(sys.argv[1], "w") as f:
        f.write(text + "\n")
    print(f"wrote {sys.argv[1]}")


if __name__ == "__main__":
    main()
