"""Records what PyTorch 1.13 prints for each program in examples/programs/python/*.py.

Runs each program with this interpreter (/usr/bin/python3, the one with PyTorch 1.13) from the repository root and
writes its stdout to test/fixtures/programs/<name>.txt, which test/examples/programs.test.ts compares with the
TypeScript port's output. Deterministic: every program seeds its generators and prints no wall-clock time.

Usage: /usr/bin/python3 scripts/gen_program_outputs.py [name ...]   (all programs when none is named)
"""
import os
import subprocess
import sys

import torch

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PROGRAMS = os.path.join(ROOT, "examples", "programs", "python")
OUT = os.path.join(ROOT, "test", "fixtures", "programs")


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
            f.write(run.stdout)
        print(f"wrote test/fixtures/programs/{name}.txt")


if __name__ == "__main__":
    main(sys.argv[1:])
