#!/usr/bin/python3
"""Records PyTorch 1.13's binary_cross_entropy_with_logits with mixed dtypes and broadcast shapes, for
test/nn/bce_logits_mixed.test.ts (src/ops/derivatives/nn_losses.ts).

Usage: /usr/bin/python3 scripts/gen_bce_logits_mixed_fixtures.py [out_file]
(default test/fixtures/numerics/bce_logits_mixed.json)

- cases: float32/float64 input with target, weight and pos_weight of either dtype, each reduction; the loss, the
  input's and target's gradients of backward(g) (plain, where PyTorch's backward rounds each in-place step to the
  input's dtype) and of autograd.grad(create_graph=True) (out of place, promoting). Values are exact float lists
  (Python floats round-trip float32 and float64).
- broadcast: input and target of different shapes: the forward's and the backward's outcome (error class, text).
Runs single-threaded; running it twice writes the same file.
"""
import json
import sys

import torch
import torch.nn.functional as F

torch.set_num_threads(1)
OUT = sys.argv[1] if len(sys.argv) > 1 else "test/fixtures/numerics/bce_logits_mixed.json"
DT = {"float32": torch.float32, "float64": torch.float64}


def enc(t):
    return None if t is None else {"dtype": str(t.dtype)[6:], "shape": list(t.shape),
                                   "values": t.detach().reshape(-1).tolist()}


def outcome(f):
    try:
        return {"ok": enc(f())}
    except Exception as e:  # noqa: BLE001 - the class and text are what we record
        return {"error": type(e).__name__, "message": str(e)}


def main():
    gen = torch.Generator().manual_seed(13)
    cases = []
    for xd in ["float32", "float64"]:
        for yd in ["float32", "float64"]:
            for wd in [None, "float32", "float64"]:
                for pd in [None, "float32", "float64"]:
                    for red in ["mean", "sum", "none"]:
                        x = (torch.randn(2, 4, generator=gen, dtype=torch.float64) * 3).to(DT[xd])
                        y = torch.rand(2, 4, generator=gen, dtype=torch.float64).to(DT[yd])
                        w = None if wd is None else torch.rand(2, 4, generator=gen, dtype=torch.float64).to(DT[wd])
                        pw = None if pd is None else (torch.rand(4, generator=gen, dtype=torch.float64) * 2).to(DT[pd])
                        xr = x.clone().requires_grad_()
                        yr = y.clone().requires_grad_()
                        loss = F.binary_cross_entropy_with_logits(xr, yr, weight=w, pos_weight=pw, reduction=red)
                        g = (torch.rand(loss.shape, generator=gen, dtype=torch.float64) * 3).to(loss.dtype)
                        gx, gy = torch.autograd.grad(loss, [xr, yr], g, retain_graph=True)
                        cx, cy = torch.autograd.grad(loss, [xr, yr], g, create_graph=True)
                        cases.append({"reduction": red, "input": enc(x), "target": enc(y), "weight": enc(w),
                                      "pos_weight": enc(pw), "grad_output": enc(g), "loss": enc(loss),
                                      "input_grad": enc(gx), "target_grad": enc(gy),
                                      "input_grad_create_graph": enc(cx), "target_grad_create_graph": enc(cy)})
    broadcast = []
    for xs, ys in [([4], [3, 4]), ([3, 4], [4]), ([3, 1], [3, 4]), ([1, 4], [3, 4])]:
        for red in [0, 1, 2]:
            for which in ["input", "target"]:
                x = torch.randn(xs, generator=gen).requires_grad_(which == "input")
                y = torch.rand(ys, generator=gen).requires_grad_(which == "target")
                fwd = outcome(lambda: torch.binary_cross_entropy_with_logits(x, y, None, None, red))
                entry = {"input": enc(x), "target": enc(y), "reduction": red, "requires_grad": which, "forward": fwd}
                if "ok" in fwd:
                    def bwd():
                        loss = torch.binary_cross_entropy_with_logits(x, y, None, None, red)
                        loss.sum().backward()
                        return (x if which == "input" else y).grad
                    entry["backward"] = outcome(bwd)
                broadcast.append(entry)
    with open(OUT, "w") as f:
        json.dump({"torch": torch.__version__, "cases": cases, "broadcast": broadcast}, f)
        f.write("\n")


main()
