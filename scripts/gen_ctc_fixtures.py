"""Records nn.CTCLoss from real PyTorch 1.13 for test/nn/ctc.test.ts: reprs, losses and gradients of larger
problems than the op table's (long inputs, many classes, repeated labels, lengths as int32 tensors).
Inputs come from torch.manual_seed and are stored, so the test replays them exactly.

Usage: /usr/bin/python3 scripts/gen_ctc_fixtures.py test/fixtures/nn/ctc.json
"""
import json
import sys

import torch
import torch.nn as nn

CASES = [
    # name, T, B, C, module kwargs, input lengths, target lengths, padded targets, dtype
    ("long_sum", 30, 4, 10, {"reduction": "sum"}, [30, 25, 17, 30], [10, 5, 8, 0], True, "float32"),
    ("blank_mean", 20, 3, 6, {"blank": 5}, [20, 20, 13], [7, 3, 6], False, "float32"),
    ("zero_infinity_none", 8, 3, 5, {"reduction": "none", "zero_infinity": True}, [8, 3, 8], [2, 3, 4], True, "float32"),
    ("double_mean", 25, 2, 8, {}, [25, 21], [9, 12], True, "float64"),
]


def main():
    out = []
    for i, (name, T, B, C, kwargs, il, tl, padded, dtype) in enumerate(CASES):
        torch.manual_seed(10 + i)
        dt = getattr(torch, dtype)
        x = torch.randn(T, B, C, dtype=dt)
        blank = kwargs.get("blank", 0)
        labels = [c for c in range(C) if c != blank]
        width = max(tl) if tl else 0
        tgt = torch.tensor(labels)[torch.randint(0, len(labels), (B, width))]
        if not padded:
            tgt = torch.cat([tgt[b, : tl[b]] for b in range(B)])
        m = nn.CTCLoss(**kwargs)
        xr = x.clone().requires_grad_()
        loss = m(xr.log_softmax(2), tgt, torch.tensor(il, dtype=torch.int32), torch.tensor(tl, dtype=torch.int32))
        loss.backward(torch.ones_like(loss))
        out.append({
            "name": name, "kwargs": kwargs, "repr": repr(m), "dtype": dtype, "x": x.flatten().tolist(),
            "shape": [T, B, C], "targets": tgt.tolist(), "input_lengths": il, "target_lengths": tl,
            "loss": loss.flatten().tolist(), "loss_shape": list(loss.shape), "grad": xr.grad.flatten().tolist(),
        })
    with open(sys.argv[1], "w") as f:
        json.dump(out, f)


if __name__ == "__main__":
    main()
