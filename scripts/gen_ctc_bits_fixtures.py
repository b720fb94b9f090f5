#!/usr/bin/python3
"""Records PyTorch 1.13's F.ctc_loss bit for bit on given log-probabilities, for test/nn/ctc_bits.test.ts
(src/backend/js/nn_ctc.ts: glibc's expf and logf on float, each step rounded as LossCTC.cpp's float template).

Usage: /usr/bin/python3 scripts/gen_ctc_bits_fixtures.py [out_file]
(default test/fixtures/numerics/ctc_bits.json)

Each case: log_probs (log_softmax of seeded randn, stored, so the test replays the same floats), targets,
lengths, reduction, blank, zero_infinity; the loss and the gradient of log_probs for backward(g) with a seeded g,
as exact float lists. Float32 problems of several sizes (long inputs, many classes, repeated labels, an empty
target, an impossible alignment), and one float64 problem.
Runs single-threaded; running it twice writes the same file.
"""
import json
import sys

import torch
import torch.nn.functional as F

torch.set_num_threads(1)
OUT = sys.argv[1] if len(sys.argv) > 1 else "test/fixtures/numerics/ctc_bits.json"

CASES = [
    # T, B, C, input lengths, target lengths, reduction, blank, zero_infinity, dtype, scale
    (12, 3, 5, [12, 9, 12], [4, 2, 5], "none", 0, False, "float32", 1.0),
    (40, 4, 12, [40, 31, 17, 40], [15, 6, 8, 0], "none", 0, False, "float32", 3.0),
    (25, 3, 7, [25, 25, 10], [8, 3, 11], "sum", 6, True, "float32", 2.0),
    (30, 2, 4, [30, 22], [12, 9], "mean", 1, False, "float32", 0.5),
    (16, 2, 6, [16, 16], [6, 7], "none", 0, False, "float64", 2.0),
    # short inputs: the log-space sums stay near 0, where one ulp of logf shows in the result
    (4, 120, 3, [4, 3, 2] * 40, [2, 1, 1] * 40, "none", 0, False, "float32", 0.3),
]


def main():
    gen = torch.Generator().manual_seed(4)
    out = []
    for T, B, C, il, tl, red, blank, zinf, dtype, scale in CASES:
        dt = getattr(torch, dtype)
        lp = (torch.randn(T, B, C, generator=gen, dtype=dt) * scale).log_softmax(2)
        labels = [c for c in range(C) if c != blank]
        width = max(tl)
        idx = torch.randint(0, len(labels), (B, width), generator=gen)
        if T == 12:  # repeated labels: alignments must put a blank between them
            idx[:, 1] = idx[:, 0]
        tgt = torch.tensor(labels)[idx]
        x = lp.clone().requires_grad_()
        loss = F.ctc_loss(x, tgt, torch.tensor(il), torch.tensor(tl), blank=blank, reduction=red,
                          zero_infinity=zinf)
        g = torch.rand(loss.shape, generator=gen, dtype=dt) + 0.5
        loss.backward(g)
        out.append({"dtype": dtype, "shape": [T, B, C], "log_probs": lp.flatten().tolist(), "targets": tgt.tolist(),
                    "input_lengths": il, "target_lengths": tl, "reduction": red, "blank": blank,
                    "zero_infinity": zinf, "grad_output": g.flatten().tolist(), "loss": loss.flatten().tolist(),
                    "loss_shape": list(loss.shape), "grad": x.grad.flatten().tolist()})
    with open(OUT, "w") as f:
        json.dump({"torch": torch.__version__, "cases": out}, f)
        f.write("\n")


main()
