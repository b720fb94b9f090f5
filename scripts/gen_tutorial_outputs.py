"""Records what PyTorch 1.13 prints for each tutorial program in examples/tutorials/python/*.py.

Runs each program with this interpreter (/usr/bin/python3, the one with PyTorch 1.13) from the repository root and
writes its stdout to test/fixtures/tutorials/<name>.txt, which test/examples/tutorials.test.ts compares with the
TypeScript port's output. Deterministic: every program seeds its generators, and the one thing Python prints that
no run can reproduce, an object's address (`<AddBackward0 object at 0x7f...>`), is written without it, as
tensorgrad prints it (`<AddBackward0 object>`).

Usage: /usr/bin/python3 scripts/gen_tutorial_outputs.py [name ...]   (all programs when none is named)
"""
import os
import re
import subprocess
import sys

import torch

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PROGRAMS = os.path.join(ROOT, "examples", "tutorials", "python")
OUT = os.path.join(ROOT, "test", "fixtures", "tutorials")
ADDRESS = re.compile(r" at 0x[0-9a-f]+>")


def main(names):
    if not torch.__version__.startswith("1.13"):
        sys.exit(f"PyTorch 1.13 expected, found {torch.__version__}")
    os.makedirs(OUT, exist_ok=True)
    available = sorted(f[:-3] for f in os.listdir(PROGRAMS) if f.endswith(".py"))
    unknown = [n for n in names if n not in available]
    if unknown:
        sys.exit(f"no such program: {', '.join(unknown)} (have: {', '.join(available)})")
    for name in names or available:
        env = {**os.environ, "PYTHONHASHSEED": "0"}
        run = subprocess.run(
            [sys.executable, os.path.join(PROGRAMS, name + ".py")],
            cwd=ROOT, env=env, capture_output=True, text=True,
        )
        if run.returncode != 0:
            sys.exit(f"{name}.py failed:\n{run.stderr}")
        with open(os.path.join(OUT, name + ".txt"), "w") as f:
            f.write(ADDRESS.sub(">", run.stdout))
        print(f"wrote test/fixtures/tutorials/{name}.txt")


if __name__ == "__main__":
    main(sys.argv[1:])
