# PyTorch's torch.histogramdd outcomes for test/ops/histogramdd.test.ts: reprs of the named tuple, grad_fn names
# and backward errors, and the argument errors, each by the expression that makes it.
# Run: /usr/bin/python3 scripts/gen_histogramdd_fixtures.py  ->  test/fixtures/histogramdd.json
import json
import torch

X = [[0.0, 1.0], [1.0, 0.0], [2.0, 0.0], [2.0, 2.0]]


def env():
    x = torch.tensor(X)
    return {"torch": torch, "x": x, "xg": x.clone().requires_grad_(), "w": torch.tensor([1.0, 2.0, 4.0, 8.0]),
            "wg": torch.ones(4, requires_grad=True), "b0": torch.tensor([0.0, 1.0, 2.0]), "b1": torch.tensor([0.0, 1.0, 3.0])}


REPRS = {
    "counts_weight": "torch.histogramdd(x, bins=[3, 3], weight=w)",
    "int_range_density": "torch.histogramdd(x, 2, [0., 1., 0., 1.], None, True)",
    "tensor_bins": "torch.histogramdd(x, [b0, b1])",
    "equal_values_widen": "torch.histogramdd(torch.ones(3, 2), bins=2)",
    "empty_points": "torch.histogramdd(torch.zeros(0, 2), bins=2)",
    "one_dim": "torch.histogramdd(x[:, :1], bins=[3])",
    "extra_counts_ignored": "torch.histogramdd(x, bins=[2, 3, 4])",
    "no_dims": "torch.histogramdd(torch.zeros(4, 0), bins=[])",
}
GRAD_FNS = {
    "hist_counts": "torch.histogramdd(xg, 2).hist",
    "edges_counts": "torch.histogramdd(xg, 2).bin_edges[1]",
    "hist_tensor_bins": "torch.histogramdd(xg, [b0, b1]).hist",
    "edges_tensor_bins": "torch.histogramdd(xg, [b0, b1]).bin_edges[0]",
    "hist_weight_only": "torch.histogramdd(x, 2, weight=wg).hist",
    "hist_no_grad": "torch.histogramdd(x, 2).hist",
}
BACKWARD = {
    "counts": "torch.histogramdd(xg, 2).hist.sum().backward()",
    "counts_weight_only": "torch.histogramdd(x, 2, weight=wg).hist.sum().backward()",
    "edges": "torch.histogramdd(xg, 2).bin_edges[0].sum().backward()",
    "tensor_bins": "torch.histogramdd(xg, [b0, b1]).hist.sum().backward()",
}
ERRORS = {
    "input_1d": "torch.histogramdd(torch.tensor([1., 2.]), bins=2)",
    "short_count_list": "torch.histogramdd(x, bins=[2])",
    "zero_count": "torch.histogramdd(x, bins=[2, 0])",
    "negative_count": "torch.histogramdd(x, bins=-1)",
    "range_length": "torch.histogramdd(x, bins=2, range=[0., 1.])",
    "range_order": "torch.histogramdd(x, bins=2, range=[1., 0., 0., 1.])",
    "range_not_finite": "torch.histogramdd(x, bins=2, range=[0., float('inf'), 0., 1.])",
    "nan_range": "torch.histogramdd(torch.tensor([[float('nan'), 1.], [1., 2.]]), bins=2)",
    "long_input": "torch.histogramdd(x.long(), bins=2)",
    "long_input_range": "torch.histogramdd(x.long(), 2, range=[0., 1., 0., 1.])",
    "bool_input_range": "torch.histogramdd(x.bool(), 2, range=[0., 1., 0., 1.])",
    "long_tensor_bins": "torch.histogramdd(x.long(), [torch.tensor([0, 1]), torch.tensor([0, 1])])",
    "bins_dtype": "torch.histogramdd(x.double(), bins=[torch.tensor([0., 1.]), torch.tensor([0., 1.])])",
    "bins_count": "torch.histogramdd(x, bins=[torch.tensor([0., 1.])])",
    "bins_2d": "torch.histogramdd(x, bins=[torch.tensor([[0., 1.]]), torch.tensor([0., 1.])])",
    "bins_empty": "torch.histogramdd(x, bins=[torch.tensor([0., 1.]), torch.tensor([])])",
    "bins_single_edge": "torch.histogramdd(x, bins=[torch.tensor([0.]), torch.tensor([0., 1.])])",
    "weight_shape": "torch.histogramdd(x, bins=2, weight=torch.ones(3))",
    "weight_shape_3d": "torch.histogramdd(torch.zeros(2, 3, 2), bins=2, weight=torch.ones(6))",
    "weight_dtype": "torch.histogramdd(x, bins=2, weight=torch.ones(4, dtype=torch.float64))",
    "bins_str": "torch.histogramdd(x, 'a')",
}


def run(expr):
    try:
        return {"ok": eval(expr, env())}
    except Exception as err:  # noqa: BLE001 - the fixture records the class and text
        return {"error": {"type": type(err).__name__, "message": str(err)}}


out = {"reprs": {}, "grad_fns": {}, "backward": {}, "errors": {}}
for name, expr in REPRS.items():
    out["reprs"][name] = {"expr": expr, "repr": repr(eval(expr, env()))}
for name, expr in GRAD_FNS.items():
    t = eval(expr, env())
    out["grad_fns"][name] = {"expr": expr, "grad_fn": t.grad_fn.name() if t.grad_fn is not None else None,
                             "requires_grad": t.requires_grad}
for name, expr in BACKWARD.items():
    out["backward"][name] = {"expr": expr, **run(expr)["error"]}
for name, expr in ERRORS.items():
    out["errors"][name] = {"expr": expr, **run(expr)["error"]}
json.dump(out, open("test/fixtures/histogramdd.json", "w"), indent=1)
