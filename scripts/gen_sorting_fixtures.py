"""Records the orders PyTorch 1.13's CPU kernels leave on inputs full of ties and NaNs, larger than the op table's:
sort (std::sort past 16 elements, stable), topk (partial_sort and nth_element paths), kthvalue, median, nanmedian,
mode and unique (std::unordered_set order). Writes test/fixtures/sorting_orders.json for test/ops/sorting_orders.test.ts.

Usage: npm run fixtures -- sorting_orders
"""
import json
import sys

import torch


def values(t):
    return [None if v != v else v for v in t.flatten().tolist()]


def main():
    out_path = sys.argv[1]
    torch.manual_seed(0)
    cases = []
    for n in [17, 100, 300]:
        for dtype in ["float32", "float64", "int64"]:
            x = torch.randint(0, 5, (2, n)).to(getattr(torch, dtype))
            if dtype != "int64":
                x[torch.rand(2, n) < 0.15] = float("nan")
            half = n // 2
            results = {
                "sort": torch.sort(x)[1],
                "sort_descending": torch.sort(x, descending=True)[1],
                "sort_stable": torch.sort(x, stable=True)[1],
                "sort_stable_descending": torch.sort(x, stable=True, descending=True)[1],
                "sort_dim0": torch.sort(x.t().contiguous(), 0)[1],
                "topk_2": torch.topk(x, 2)[1],
                "topk_2_smallest": torch.topk(x, 2, largest=False)[1],
                "topk_half": torch.topk(x, half)[1],
                "topk_half_unsorted": torch.topk(x, half, sorted=False)[1],
                "kthvalue_half": torch.kthvalue(x, half)[1],
                "median": torch.median(x, 1)[1],
                "nanmedian": torch.nanmedian(x, 1)[1],
                "mode": torch.mode(x, 1)[1],
                "unique_unsorted": torch.unique(x, sorted=False),
                "unique_sorted": torch.unique(x),
            }
            cases.append(
                {
                    "dtype": dtype,
                    "shape": list(x.shape),
                    "x": values(x),
                    "results": {k: values(v) for k, v in results.items()},
                }
            )
    # How the named tuples print (torch.return_types.*), for a small input with a tie and a NaN.
    x = torch.tensor([[3.0, 1.0, float("nan"), 1.0], [2.0, 0.5, 2.0, -1.0]])
    reprs = {
        "sort": repr(torch.sort(x)),
        "topk": repr(torch.topk(x, 2)),
        "kthvalue": repr(torch.kthvalue(x, 2)),
        "median": repr(torch.median(x, 1)),
        "nanmedian": repr(torch.nanmedian(x, 0)),
        "mode": repr(torch.mode(x)),
        "max": repr(torch.max(x, 1)),
    }
    with open(out_path, "w") as f:
        json.dump({"torch": torch.__version__, "cases": cases, "reprs": reprs}, f, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {len(cases)} cases to {out_path}")


if __name__ == "__main__":
    main()
