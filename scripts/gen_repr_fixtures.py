"""Records repr() of every row of the module repr table (test/nn/reprs.ts) in PyTorch 1.13:
test/fixtures/nn_reprs.json.

Usage: npx tsx scripts/export_repr_cases.ts CASES.json
       /usr/bin/python3 scripts/gen_repr_fixtures.py CASES.json test/fixtures/nn_reprs.json
"""
import json
import sys

import torch
import torch.nn as nn


def main():
    cases = json.load(open(sys.argv[1]))
    reprs = {}
    for case in cases:
        # Parameters are drawn at construction; the seed keeps the run deterministic (reprs don't show them).
        torch.manual_seed(0)
        reprs[case["name"]] = repr(eval(case["py"], {"torch": torch, "nn": nn}))
    with open(sys.argv[2], "w") as f:
        json.dump({"torch": torch.__version__, "reprs": reprs}, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print(f"wrote {len(reprs)} reprs to {sys.argv[2]}")


if __name__ == "__main__":
    main()
