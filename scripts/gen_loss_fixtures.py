"""Records what real PyTorch 1.13 does for the loss tests (test/nn/losses.test.ts): for each case the seeded
inputs, the loss value, its grad_fn name and the gradients (input and, where differentiable, target) of
loss.sum(). Writes test/fixtures/losses.json.

Usage: /usr/bin/python3 scripts/gen_loss_fixtures.py
"""
import json
import warnings

import torch
import torch.nn.functional as F

warnings.simplefilter("ignore")
REDUCTIONS = ["mean", "sum", "none"]


def tensors(seed):
    torch.manual_seed(seed)
    return {
        "x": torch.randn(4, 5),
        "y": torch.randn(4, 5) * 1.5,
        "p": torch.rand(4, 5) * 0.98 + 0.01,
        "q": torch.rand(4, 5),
        "w5": torch.rand(5) + 0.5,
        "w45": torch.rand(4, 5) + 0.5,
        "x4": torch.randn(2, 3, 4, 2),
        "x3": torch.randn(2, 3, 4),
        "x1": torch.randn(5),
        "logq": torch.log_softmax(torch.randn(4, 5), 1),
    }


INDEX = {
    "t": [0, 4, 2, 1],
    "t_ign": [0, -100, 2, 4],
    "t4": [[[0, 1], [2, 2], [1, 0], [2, 1]], [[1, 1], [0, 2], [2, 0], [1, 1]]],
    "t3": [[0, 1, 2, 2], [2, 1, 0, 1]],
    "t0": 3,
}

# name -> (python call on namespace v, differentiable float inputs)
CASES = {
    "mse": ("F.mse_loss(v.x, v.y, reduction=r)", ["x", "y"]),
    "l1": ("F.l1_loss(v.x, v.y, reduction=r)", ["x", "y"]),
    "smooth_l1": ("F.smooth_l1_loss(v.x, v.y, reduction=r)", ["x", "y"]),
    "smooth_l1_beta": ("F.smooth_l1_loss(v.x, v.y, reduction=r, beta=0.7)", ["x", "y"]),
    "huber": ("F.huber_loss(v.x, v.y, reduction=r)", ["x", "y"]),
    "huber_delta": ("F.huber_loss(v.x, v.y, reduction=r, delta=0.6)", ["x", "y"]),
    "bce": ("F.binary_cross_entropy(v.p, v.q, reduction=r)", ["p", "q"]),
    "bce_weight": ("F.binary_cross_entropy(v.p, v.q, weight=v.w5, reduction=r)", ["p", "q"]),
    "bce_logits": ("F.binary_cross_entropy_with_logits(v.x, v.q, reduction=r)", ["x", "q"]),
    "bce_logits_weights": (
        "F.binary_cross_entropy_with_logits(v.x, v.q, weight=v.w45, pos_weight=v.w5, reduction=r)",
        ["x", "q"],
    ),
    "nll": ("F.nll_loss(v.logq, t.t, reduction=r)", ["logq"]),
    "nll_weight_ignore": ("F.nll_loss(v.x, t.t_ign, weight=v.w5, reduction=r)", ["x"]),
    "nll_ignore_2": ("F.nll_loss(v.x, t.t, ignore_index=2, reduction=r)", ["x"]),
    "nll_4d": ("F.nll_loss(v.x4, t.t4, weight=v.w5[:3], reduction=r)", ["x4"]),
    "nll_3d": ("F.nll_loss(v.x3, t.t3, reduction=r)", ["x3"]),
    "nll_1d": ("F.nll_loss(v.x1, t.t0, reduction=r)", ["x1"]),
    "ce": ("F.cross_entropy(v.x, t.t, reduction=r)", ["x"]),
    "ce_weight_ignore": ("F.cross_entropy(v.x, t.t_ign, weight=v.w5, reduction=r)", ["x"]),
    "ce_4d": ("F.cross_entropy(v.x4, t.t4, reduction=r)", ["x4"]),
    "ce_3d": ("F.cross_entropy(v.x3, t.t3, weight=v.w5[:3], reduction=r)", ["x3"]),
    "ce_1d": ("F.cross_entropy(v.x1, t.t0, reduction=r)", ["x1"]),
    "ce_smooth": ("F.cross_entropy(v.x, t.t_ign, reduction=r, label_smoothing=0.2)", ["x"]),
    "ce_smooth_weight": ("F.cross_entropy(v.x, t.t_ign, weight=v.w5, reduction=r, label_smoothing=0.2)", ["x"]),
    "ce_probs": ("F.cross_entropy(v.x, v.q.softmax(1), reduction=r)", ["x", "q"]),
    "ce_probs_weight_smooth": (
        "F.cross_entropy(v.x, v.q.softmax(1), weight=v.w5, reduction=r, label_smoothing=0.1)",
        ["x", "q"],
    ),
    "ce_probs_4d": ("F.cross_entropy(v.x4, v.x4.flip(0).softmax(1), reduction=r)", ["x4"]),
    "kl": ("F.kl_div(v.logq, v.p, reduction=r)", ["logq", "p"]),
    "kl_log_target": ("F.kl_div(v.logq, v.x, reduction=r, log_target=True)", ["logq", "x"]),
}
KL_REDUCTIONS = REDUCTIONS + ["batchmean"]


class NS:
    def __init__(self, d):
        self.__dict__.update(d)


def main():
    out = {"inputs": {}, "index": INDEX, "cases": {}}
    base = tensors(0)
    out["inputs"] = {k: v.tolist() for k, v in base.items()}
    t = NS({k: torch.tensor(v) for k, v in INDEX.items()})
    for name, (expr, diff) in CASES.items():
        for r in KL_REDUCTIONS if name.startswith("kl") else REDUCTIONS:
            v = NS({k: x.clone().requires_grad_(k in diff) for k, x in base.items()})
            loss = eval(expr)
            loss.sum().backward()
            # float64 gradcheck of the same call
            def fn(*args):
                d = {k: x.double() for k, x in base.items()}
                d.update(zip(diff, args))
                return eval(expr, {"F": F, "v": NS(d), "t": t, "r": r})
            args = [base[k].double().requires_grad_() for k in diff]
            gc = torch.autograd.gradcheck(fn, args)
            out["cases"][f"{name}/{r}"] = {
                "value": loss.tolist(),
                "shape": list(loss.shape),
                "grad_fn": loss.grad_fn.name(),
                "grads": {k: getattr(v, k).grad.tolist() for k in diff},
                "gradcheck": gc,
            }
    with open("test/fixtures/losses.json", "w") as f:
        json.dump(out, f)


if __name__ == "__main__":
    main()
