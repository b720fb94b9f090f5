"""Records nn.EmbeddingBag, nn.Embedding.from_pretrained and torch.embedding_bag's four results from real PyTorch
1.13 for test/nn/embedding_bag.test.ts: parameters after manual_seed, reprs, outputs, gradients, warnings.
Each case's construction is written out in the test too.

Usage: /usr/bin/python3 scripts/gen_embedding_bag_fixtures.py test/fixtures/nn/embedding_bag.json
"""
import json
import sys
import warnings

import torch
import torch.nn as nn
import torch.nn.functional as F


def long(v):
    return torch.tensor(v, dtype=torch.int64)


def module_case(seed, build, inputs):
    torch.manual_seed(seed)
    m = build()
    weight0 = m.weight.detach().clone()
    out = m(*inputs)
    res = {"repr": repr(m), "weight": weight0.tolist(), "requires_grad": m.weight.requires_grad,
           "output": out.tolist(), "grad_fn": None if out.grad_fn is None else out.grad_fn.name()}
    if out.requires_grad:
        out.backward(torch.arange(out.numel(), dtype=out.dtype).reshape(out.shape) / 7 - 1)
        res["grad"] = m.weight.grad.tolist()
    res["weight_after"] = m.weight.detach().tolist()
    return res


def main():
    out = {}
    out["sum"] = module_case(0, lambda: nn.EmbeddingBag(10, 3, mode="sum"),
                             [long([1, 2, 4, 5, 4, 3, 2, 9]), long([0, 4])])
    out["mean_padding_max_norm"] = module_case(
        1, lambda: nn.EmbeddingBag(6, 4, max_norm=1.0, padding_idx=-2),
        [long([0, 4, 1, 1, 5, 3]), long([0, 2, 2, 5])])
    out["max_2d"] = module_case(2, lambda: nn.EmbeddingBag(5, 2, mode="max", norm_type=1.0),
                                [long([[0, 1, 2], [4, 3, 3]])])
    out["per_sample_weights"] = module_case(
        3, lambda: nn.EmbeddingBag(5, 3, mode="sum", include_last_offset=True, scale_grad_by_freq=True),
        [long([0, 1, 1, 4]), long([0, 1, 4]), torch.tensor([0.5, -1.0, 2.0, 0.25])])
    out["from_pretrained"] = module_case(
        4, lambda: nn.EmbeddingBag.from_pretrained(torch.arange(12.0).reshape(4, 3), mode="max"),
        [long([0, 3, 2]), long([0, 1])])
    out["from_pretrained_trainable"] = module_case(
        4, lambda: nn.EmbeddingBag.from_pretrained(torch.arange(12.0).reshape(4, 3) / 5, freeze=False,
                                                   include_last_offset=True, padding_idx=1),
        [long([0, 3, 2, 1]), long([0, 2, 4])])
    out["embedding_from_pretrained"] = module_case(
        5, lambda: nn.Embedding.from_pretrained(torch.arange(6.0).reshape(3, 2), freeze=False, padding_idx=0),
        [long([[0, 1], [2, 2]])])
    # torch.embedding_bag's four results: (output, offset2bag, bag_size, max_indices).
    torch.manual_seed(6)
    w = torch.randn(7, 3)
    calls = {
        "sum_fast": (w, long([1, 2, 4, 5]), long([0, 2]), False, 0, False, None, False, None),
        "sum_grad": (w.clone().requires_grad_(), long([1, 2, 4, 5]), long([0, 2, 2]), False, 0, False, None, True, None),
        "sum_padding": (w, long([1, 2, 4, 5]), long([0, 2]), False, 0, False, None, False, 2),
        "mean_padding": (w, long([1, 2, 4, 5, 2]), long([0, 2, 2]), False, 1, False, None, False, 2),
        "max": (w, long([1, 2, 4, 5, 1]), long([0, 3, 3]), False, 2, False, None, False, None),
        "double_sum": (w.double(), long([1, 2, 4, 5]), long([0, 2]), False, 0, False, None, False, None),
        "int32": (w, torch.tensor([1, 2, 4], dtype=torch.int32), torch.tensor([0, 1], dtype=torch.int32),
                  False, 1, False, None, False, None),
    }
    out["native"] = {}
    for name, args in calls.items():
        res = torch.embedding_bag(*args)
        out["native"][name] = [{"values": r.tolist(), "dtype": str(r.dtype), "shape": list(r.shape)} for r in res]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        swapped = F.embedding_bag(w, long([1, 2, 3]), long([0, 1]), mode="sum")
    out["swapped"] = {"output": swapped.tolist(), "warnings": [str(x.message) for x in caught]}
    with open(sys.argv[1], "w") as f:
        json.dump(out, f, indent=1)


if __name__ == "__main__":
    main()
