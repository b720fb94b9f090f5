"""Runs every row of the error tables (test/errors/<table>.ts) in PyTorch 1.13 and records the exception each
raises, its class and message: test/fixtures/errors/<table>.json.

Usage: npm run fixtures -- errors   (exports the tables with tsx, then runs this)
       /usr/bin/python3 scripts/gen_error_fixtures.py CASES.json OUT_DIR
A row that does not raise stops the run: its `py` is not the PyTorch error it claims to be.
"""
import json
import math
import os
import re
import sys
import warnings

import torch
import torch.nn as nn
import torch.nn.functional as F

BASE_SCOPE = {"torch": torch, "nn": nn, "F": F, "math": math}


def run(table, row, scope):
    # Every row starts from the same state: the generator's, grad mode on, anomaly mode off.
    torch.manual_seed(0)
    torch.set_grad_enabled(True)
    torch.autograd.set_detect_anomaly(False)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            exec(row["py"], dict(scope))
    except Exception as e:  # noqa: BLE001 - any exception is the row's answer
        # Without an object's address (`<function <lambda> at 0x7f...>`), the same every run.
        return {"error": type(e).__name__, "message": re.sub(r" at 0x[0-9a-fA-F]+", "", str(e))}
    raise SystemExit(f"error table {table}, row {row['name']}: did not raise in PyTorch")


def main():
    exported = json.load(open(sys.argv[1]))
    tables = exported["tables"]
    out_dir = sys.argv[2]
    os.makedirs(out_dir, exist_ok=True)
    for table, spec in tables.items():
        scope = dict(BASE_SCOPE)
        exec(spec["setup"], scope)
        errors = {row["name"]: run(table, row, scope) for row in spec["rows"]}
        path = os.path.join(out_dir, f"{table}.json")
        with open(path, "w") as f:
            json.dump({"torch": torch.__version__, "errors": errors}, f, indent=1, ensure_ascii=False)
            f.write("\n")
        print(f"wrote {len(errors)} errors to {path}")
    # With every table exported, a table that is gone leaves no fixture behind.
    for name in sorted(os.listdir(out_dir)) if exported["all"] else []:
        if name.endswith(".json") and name[: -len(".json")] not in tables:
            os.remove(os.path.join(out_dir, name))
            print(f"removed {os.path.join(out_dir, name)}: no such error table")


if __name__ == "__main__":
    main()
