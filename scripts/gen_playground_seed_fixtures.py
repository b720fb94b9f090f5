# Splits the five seed notebooks (test/fixtures/playground/notebooks/*.txt, the notebooks as text) into cells and
# records what PyTorch 1.13 prints for each when the cells run in order, as Jupyter runs them: print output, the
# repr of a last bare expression (the notebook's Out[n]), "ErrorType: message" for a cell that raises, and the
# warnings (category, message, line in the cell). Writes test/fixtures/playground/seed_cells.json; and the same
# for each "# ---- name" program of test/fixtures/playground/programs.py (the Python subset's own cases), each run
# alone with `import torch` done: test/fixtures/playground/programs.json.
import ast
import contextlib
import io
import json
import pathlib
import re
import warnings

import torch

ROOT = pathlib.Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "test/fixtures/playground/notebooks"
OUT = ROOT / "test/fixtures/playground/seed_cells.json"
PROGRAMS = ROOT / "test/fixtures/playground/programs.py"
PROGRAMS_OUT = ROOT / "test/fixtures/playground/programs.json"
CELL = re.compile(r"^In \[(\d+| ?|None)\]:\s*$")
# A cell's output starts with a paragraph like these; code never does.
OUTPUT_START = re.compile(r"^(tensor\(|\(tensor|-?\d|None$|True$|False$|\s)")


def parses(text):
    try:
        return ast.parse(text)
    except SyntaxError:
        return None


def looks_like_output(par, code_so_far):
    text = "\n".join(par)
    if (code_so_far + text).count('"""') % 2 == 1 or code_so_far.count('"""') % 2 == 1:
        return False  # a docstring that spans blank lines
    if par[0].startswith("#"):
        return False
    if par[0][0].isspace():  # the rest of a block, or a warning's source line
        return parses(code_so_far + "\n\n" + text) is None
    tree = parses("\n".join(par))
    # "Loss: 0.02" is an annotation to Python; no cell of the notebooks starts a paragraph with one.
    return tree is None or OUTPUT_START.match(par[0]) is not None or isinstance(tree.body[0], ast.AnnAssign)


def split_cells(text):
    lines = text.split("\n")
    starts = [i for i, line in enumerate(lines) if CELL.match(line)]
    cells = []
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(lines)
        body = lines[start + 1 : end]
        # Code: the longest run of blank-line-separated paragraphs from the top that parses, up to the first
        # paragraph that looks like output (or markdown prose).
        pars, i = [], 0
        while i < len(body):
            while i < len(body) and body[i].strip() == "":
                i += 1
            first = i
            while i < len(body) and body[i].strip() != "":
                i += 1
            if i > first:
                pars.append((first, i))
        best = 0
        for k, (a, b) in enumerate(pars):
            par = body[a:b]
            so_far = "\n".join(body[: pars[k - 1][1]]) if k else ""
            if k and looks_like_output(par, so_far):
                break
            if parses("\n".join(body[: b])) is not None:
                best = b
        code_lines = body[:best]
        # Trailing comment-only paragraphs are the notebook's markdown headings, not code.
        pars = "\n".join(code_lines).split("\n\n")
        while len(pars) > 1 and all(l.startswith("#") for l in pars[-1].strip().split("\n")):
            pars.pop()
        code = "\n\n".join(pars).rstrip()
        rest = "\n".join(body)[len("\n".join(code_lines)) :].strip("\n")
        cells.append({"label": lines[start].rstrip(":"), "line": start + 1, "code": code, "after": rest})
    return cells


def run_cell(code, ns):
    tree = ast.parse(code)
    last = tree.body[-1] if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    stdout = io.StringIO()
    caught = []
    with contextlib.redirect_stdout(stdout), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            if last is not None:
                exec(compile(ast.Module(tree.body[:-1], []), "<cell>", "exec"), ns)
                value = eval(compile(ast.Expression(last.value), "<cell>", "eval"), ns)
                if value is not None:
                    print(repr(value))
            else:
                exec(compile(tree, "<cell>", "exec"), ns)
        except Exception as e:  # the notebook shows the traceback's last line and goes on
            print(f"{type(e).__name__}: {e}")
    warns = [
        {"category": w.category.__name__, "message": str(w.message).split(" (Triggered internally")[0], "line": w.lineno}
        for w in caught
    ]
    return stdout.getvalue(), warns


def main():
    notebooks = []
    for path in sorted(NOTEBOOKS.glob("*.txt")):
        torch.manual_seed(0)
        ns = {"__name__": "__main__"}
        cells = []
        for cell in split_cells(path.read_text()):
            if cell["code"].strip() == "":
                continue
            stdout, warns = run_cell(cell["code"], ns)
            cells.append({**cell, "stdout": stdout, "warnings": warns})
        notebooks.append({"notebook": path.name, "cells": cells})
    OUT.write_text(json.dumps(notebooks, indent=1, ensure_ascii=False) + "\n")

    programs = []
    sections = re.split(r"^# ---- (\w+)\n", PROGRAMS.read_text(), flags=re.M)
    for name, code in zip(sections[1::2], sections[2::2]):
        torch.manual_seed(0)
        stdout, warns = run_cell(code, {"__name__": "__main__", "torch": torch})
        programs.append({"name": name, "code": code, "stdout": stdout, "warnings": warns})
    PROGRAMS_OUT.write_text(json.dumps(programs, indent=1, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
