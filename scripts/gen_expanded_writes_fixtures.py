"""Records what PyTorch 1.13 does when an in-place op writes into an expanded tensor (several elements, one
memory location): the ops that allow it (some with a deprecation warning) and the ones that refuse it.
Writes test/fixtures/expanded_writes.json, read by test/ops/expanded_writes.test.ts (same case names).

Usage: /usr/bin/python3 scripts/gen_expanded_writes_fixtures.py
"""
import json
import warnings

import torch

I = lambda *v: torch.tensor(v, dtype=torch.int64)
CASES = {
    "tril_": lambda t: t.tril_(),
    "triu_": lambda t: t.triu_(1),
    "fill_": lambda t: t.fill_(4.0),
    "zero_": lambda t: t.zero_(),
    "masked_fill_": lambda t: t.masked_fill_(torch.tensor([True, False, True]), 5.0),
    "index_put_ one row": lambda t: t.index_put_((I(0),), torch.tensor(7.0)),
    "index_put_ two rows": lambda t: t.index_put_((I(0, 1),), torch.tensor([[7.0], [8.0]])),
    "index_fill_": lambda t: t.index_fill_(1, I(0), 7.0),
    "masked_scatter_": lambda t: t.masked_scatter_(torch.tensor([True, False, True]), torch.ones(6)),
    "index_copy_": lambda t: t.index_copy_(1, I(0), torch.ones(3, 1)),
    "scatter_": lambda t: t.scatter_(1, I(0, 0, 0).reshape(3, 1), 7.0),
    "add_": lambda t: t.add_(1),
    "setitem": lambda t: t.__setitem__((0, 0), 7.0),
}


def run(fn):
    t = torch.tensor([[1.0, 2.0, 3.0]]).expand(3, 3)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            fn(t)
        except Exception as e:
            return {"error": type(e).__name__, "message": str(e)}
    return {"values": t.tolist(), "warnings": [str(w.message) for w in caught]}


def main():
    out = {name: run(fn) for name, fn in CASES.items()}
    with open("test/fixtures/expanded_writes.json", "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
