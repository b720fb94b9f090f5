"""Records what PyTorch 1.13 does for the nn names of test/nn/extra_modules.test.ts: the 3-D pads, LPPool1d,
MaxUnpool1d/3d, CrossMapLRN2d, NLLLoss2d, Container, AdaptiveLogSoftmaxWithLoss, F's in-place activations,
F.lp_pool1d / max_unpool1d / max_unpool3d / pdist, and nn.utils' parameters_to_vector, vector_to_parameters,
fuse_conv_bn_eval, fuse_conv_bn_weights, clip_grad_norm and skip_init: reprs, warnings, outputs, grad_fns,
gradients and error texts. Each case's random draws happen in the order the test makes them.

Usage: /usr/bin/python3 scripts/gen_nn_extra_fixtures.py [OUT.json]
"""
import json
import os
import sys
import warnings

import torch
import torch.nn as nn
import torch.nn.functional as F

OUT = sys.argv[1] if len(sys.argv) > 1 else "test/fixtures/nn/extra.json"


def values(t):
    def fix(v):
        if isinstance(v, list):
            return [fix(x) for x in v]
        if isinstance(v, bool):
            return v
        if v != v:
            return "nan"
        if v in (float("inf"), float("-inf")):
            return "inf" if v > 0 else "-inf"
        return v

    return fix(t.detach().tolist())


def grad_fn(t):
    return None if t.grad_fn is None else t.grad_fn.name()


def text_of(fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001
        return f"{type(e).__name__}: {e}"
    return "NO ERROR"


def caught(fn):
    with warnings.catch_warnings(record=True) as ws:
        warnings.simplefilter("always")
        result = fn()
    return result, [f"{w.category.__name__}: {w.message}" for w in ws]


def make_inputs(specs):
    """Each spec: {"randn": shape} (a leaf that requires grad), {"long": values}, or {"pool": d, "shape": s,
    "kernel": k, "pool_kwargs": {stride, padding}} (max_pool{d}d of a randn with its indices: the pooled
    values as the leaf, then the indices)."""
    out = []
    for s in specs:
        if "randn" in s:
            out.append(torch.randn(*s["randn"], requires_grad=True))
        elif "long" in s:
            out.append(torch.tensor(s["long"], dtype=torch.long))
        else:
            pool = getattr(F, f"max_pool{s['pool']}d")
            y, i = pool(torch.randn(*s["shape"]), s["kernel"], return_indices=True, **s.get("pool_kwargs", {}))
            out += [y.detach().requires_grad_(True), i]
    return out


def leaves(inputs):
    return [x for x in inputs if x.requires_grad]


# Modules: construction (its warnings and init draws), the inputs, forward, then an upstream gradient.
MODULES = {
    "reflection_pad3d": dict(cls="ReflectionPad3d", args=[1], inputs=[{"randn": [1, 2, 3, 3, 3]}]),
    "reflection_pad3d_tuple_unbatched": dict(cls="ReflectionPad3d", args=[[1, 0, 2, 1, 0, 1]], inputs=[{"randn": [2, 3, 3, 4]}]),
    "replication_pad3d": dict(cls="ReplicationPad3d", args=[2], inputs=[{"randn": [1, 1, 2, 3, 2]}]),
    "replication_pad3d_tuple": dict(cls="ReplicationPad3d", args=[[0, 1, 1, 0, 2, 1]], inputs=[{"randn": [2, 1, 2, 2, 3]}]),
    "constant_pad3d": dict(cls="ConstantPad3d", args=[1, 3.5], inputs=[{"randn": [1, 2, 2, 2, 2]}]),
    "constant_pad3d_tuple": dict(cls="ConstantPad3d", args=[[1, 0, 0, 1, 2, 0], -1.0], inputs=[{"randn": [2, 2, 2, 3]}]),
    "lppool1d": dict(cls="LPPool1d", args=[2, 3], inputs=[{"randn": [2, 3, 7]}]),
    "lppool1d_stride_ceil": dict(cls="LPPool1d", args=[3, 2], kwargs={"stride": 1, "ceil_mode": True}, inputs=[{"randn": [1, 2, 5]}]),
    "max_unpool1d": dict(cls="MaxUnpool1d", args=[2], inputs=[{"pool": 1, "shape": [2, 3, 8], "kernel": 2}]),
    "max_unpool1d_stride": dict(cls="MaxUnpool1d", args=[3], kwargs={"stride": 2, "padding": 1}, inputs=[{"pool": 1, "shape": [1, 2, 7], "kernel": 3, "pool_kwargs": {"stride": 2, "padding": 1}}]),
    "max_unpool3d": dict(cls="MaxUnpool3d", args=[2], inputs=[{"pool": 3, "shape": [1, 2, 4, 4, 4], "kernel": 2}]),
    "max_unpool3d_unbatched": dict(cls="MaxUnpool3d", args=[[2, 1, 2]], kwargs={"stride": 2}, inputs=[{"pool": 3, "shape": [2, 4, 3, 6], "kernel": [2, 1, 2], "pool_kwargs": {"stride": 2}}]),
    "cross_map_lrn2d": dict(cls="CrossMapLRN2d", args=[3], kwargs={"alpha": 1e-2, "beta": 0.75, "k": 1}, inputs=[{"randn": [2, 5, 3, 3]}]),
    "cross_map_lrn2d_wide": dict(cls="CrossMapLRN2d", args=[5], kwargs={"alpha": 0.5, "beta": 0.5, "k": 2}, inputs=[{"randn": [1, 3, 2, 2]}]),
    "nll_loss2d": dict(cls="NLLLoss2d", args=[], inputs=[{"randn": [2, 3, 2, 2]}, {"long": [[[0, 1], [2, 1]], [[1, 1], [0, 2]]]}]),
    "nll_loss2d_sum": dict(cls="NLLLoss2d", args=[], kwargs={"reduction": "sum", "ignore_index": 1}, inputs=[{"randn": [1, 3, 2, 3]}, {"long": [[[0, 1, 2], [2, 1, 0]]]}]),
    "adaptive_log_softmax": dict(cls="AdaptiveLogSoftmaxWithLoss", args=[8, 10, [3, 6]], inputs=[{"randn": [6, 8]}, {"long": [0, 4, 9, 2, 7, 5]}]),
    "adaptive_log_softmax_head_bias": dict(cls="AdaptiveLogSoftmaxWithLoss", args=[6, 7, [2]], kwargs={"div_value": 2.0, "head_bias": True}, inputs=[{"randn": [4, 6]}, {"long": [1, 1, 0, 1]}]),
    "adaptive_log_softmax_unbatched": dict(cls="AdaptiveLogSoftmaxWithLoss", args=[5, 6, [2, 4]], inputs=[{"randn": [5]}, {"long": 5}]),
}


def module_case(name, spec):
    seed = 700 + sorted(MODULES).index(name)
    torch.manual_seed(seed)
    m, ws = caught(lambda: getattr(nn, spec["cls"])(*spec["args"], **spec.get("kwargs", {})))
    out = dict(spec, seed=seed, warnings=ws, repr=repr(m))
    out["params"] = {n: values(p) for n, p in m.named_parameters()}
    inputs = make_inputs(spec["inputs"])
    out["input_values"] = [values(x) for x in inputs]
    y = m(*inputs)
    if spec["cls"] == "AdaptiveLogSoftmaxWithLoss":
        out["loss"] = values(y.loss)
        out["loss_grad_fn"] = grad_fn(y.loss)
        out["asm_repr_prefix"] = repr(y).split("(")[0]
        x = inputs[0] if inputs[0].dim() == 2 else inputs[0].unsqueeze(0)
        out["log_prob"] = values(m.log_prob(x))
        out["log_prob_grad_fn"] = grad_fn(m.log_prob(x))
        out["predict"] = values(m.predict(x))
        y = y.output
    out["output"] = values(y)
    out["shape"] = list(y.shape)
    out["grad_fn"] = grad_fn(y)
    g = torch.randn(y.shape)
    out["upstream"] = values(g)
    (y * g).sum().backward()
    out["input_grads"] = [values(x.grad) for x in leaves(inputs)]
    out["param_grads"] = {n: None if p.grad is None else values(p.grad) for n, p in m.named_parameters()}
    return out


# F's in-place activations: y = x * 1, F.<op>(y, *args); the result is y itself.
INPLACE = {
    "relu_": dict(args=[]),
    "elu_": dict(args=[0.5]),
    "elu_scaled": dict(fn="elu_", args=[1.0, 2.0, 0.5]),
    "leaky_relu_": dict(args=[0.2]),
    "hardtanh_": dict(args=[-0.5, 0.5]),
    "celu_": dict(args=[2.0]),
    "selu_": dict(args=[]),
    "rrelu_": dict(args=[0.1, 0.3]),
    "threshold_": dict(args=[0.1, 20.0]),
}


def inplace_case(name, spec):
    torch.manual_seed(900 + sorted(INPLACE).index(name))
    x = torch.randn(3, 4, requires_grad=True)
    y = x * 1
    r = getattr(F, spec.get("fn", name))(y, *spec["args"])
    out = dict(spec, x=values(x), same=r is y, output=values(y), grad_fn=grad_fn(y))
    g = torch.randn(3, 4)
    out["upstream"] = values(g)
    (y * g).sum().backward()
    out["x_grad"] = values(x.grad)
    return out


# F's functions: F.<fn>(*inputs, *args, **kwargs).
FUNCTIONS = {
    "lp_pool1d": dict(fn="lp_pool1d", args=[2, 3], inputs=[{"randn": [2, 2, 6]}]),
    "lp_pool1d_stride": dict(fn="lp_pool1d", args=[1, 2], kwargs={"stride": 1}, inputs=[{"randn": [1, 3, 4]}]),
    "max_unpool1d_output_size": dict(fn="max_unpool1d", args=[2], kwargs={"output_size": [7]}, inputs=[{"pool": 1, "shape": [1, 2, 7], "kernel": 2}]),
    "max_unpool3d_output_size": dict(fn="max_unpool3d", args=[2], kwargs={"output_size": [1, 2, 5, 4, 5]}, inputs=[{"pool": 3, "shape": [1, 2, 4, 4, 5], "kernel": 2}]),
    "max_unpool3d_padding": dict(fn="max_unpool3d", args=[3], kwargs={"stride": 2, "padding": 1}, inputs=[{"pool": 3, "shape": [1, 1, 3, 3, 3], "kernel": 3, "pool_kwargs": {"stride": 2, "padding": 1}}]),
    "pad_reflect_3d": dict(fn="pad", args=[[1, 1, 0, 1, 1, 0]], kwargs={"mode": "reflect"}, inputs=[{"randn": [1, 1, 2, 3, 3]}]),
    "pdist": dict(fn="pdist", args=[], inputs=[{"randn": [5, 3]}]),
    "pdist_p1": dict(fn="pdist", args=[1.0], inputs=[{"randn": [4, 6]}]),
    "pdist_p3": dict(fn="pdist", args=[3.0], inputs=[{"randn": [4, 2]}]),
    "pdist_p_half": dict(fn="pdist", args=[0.5], inputs=[{"randn": [3, 4]}]),
    "pdist_inf": dict(fn="pdist", args=["inf"], inputs=[{"randn": [4, 3]}]),
    "pdist_p0": dict(fn="pdist", args=[0.0], inputs=[{"randn": [3, 2]}]),
    "pdist_single_row": dict(fn="pdist", args=[], inputs=[{"randn": [1, 3]}]),
    "pad_replicate_3d": dict(fn="pad", args=[[2, 0, 1, 1, 0, 2]], kwargs={"mode": "replicate"}, inputs=[{"randn": [1, 2, 2, 2, 2]}]),
}


def function_case(name, spec):
    torch.manual_seed(950 + sorted(FUNCTIONS).index(name))
    inputs = make_inputs(spec["inputs"])
    out = dict(spec, input_values=[values(x) for x in inputs])
    args = [float(a) if a == "inf" else a for a in spec["args"]]  # JSON has no infinity: "inf" stands for it
    y = getattr(F, spec["fn"])(*inputs, *args, **spec.get("kwargs", {}))
    out.update(output=values(y), shape=list(y.shape), grad_fn=grad_fn(y))
    g = torch.randn(y.shape)
    out["upstream"] = values(g)
    (y * g).sum().backward()
    out["input_grads"] = [values(x.grad) for x in leaves(inputs)]
    return out


def utils():
    out = {}
    torch.manual_seed(1)
    lin = nn.Linear(3, 2)
    vec = nn.utils.parameters_to_vector(lin.parameters())
    out["parameters_to_vector"] = dict(values=values(vec), grad_fn=grad_fn(vec))
    nn.utils.vector_to_parameters(torch.arange(8.0), lin.parameters())
    out["vector_to_parameters"] = dict(weight=values(lin.weight), bias=values(lin.bias), repr=repr(lin.weight))

    torch.manual_seed(2)
    conv, bn = nn.Conv2d(2, 3, 2), nn.BatchNorm2d(3)
    with torch.no_grad():
        bn.running_mean.copy_(torch.randn(3))
        bn.running_var.copy_(torch.rand(3) + 0.5)
        bn.weight.copy_(torch.randn(3))
        bn.bias.copy_(torch.randn(3))
    conv.eval(), bn.eval()
    fused = nn.utils.fuse_conv_bn_eval(conv, bn)
    x = torch.randn(1, 2, 4, 4)
    out["fuse_conv_bn_eval"] = dict(
        repr=repr(fused), weight=values(fused.weight), bias=values(fused.bias), output=values(fused(x)),
        unfused=values(bn(conv(x))), same_object=fused is conv, conv_weight_kept=values(conv.weight),
        weight_type=type(fused.weight).__name__, weight_grad_fn=grad_fn(fused.weight),
    )
    torch.manual_seed(3)
    convt = nn.ConvTranspose2d(3, 2, 2, bias=False)
    bn2 = nn.BatchNorm2d(2, affine=False)
    with torch.no_grad():
        bn2.running_mean.copy_(torch.randn(2))
        bn2.running_var.copy_(torch.rand(2) + 0.5)
    convt.eval(), bn2.eval()
    fused_t = nn.utils.fuse_conv_bn_eval(convt, bn2, transpose=True)
    out["fuse_conv_bn_eval_transpose"] = dict(weight=values(fused_t.weight), bias=values(fused_t.bias))
    torch.manual_seed(4)
    w, rm, rv = torch.randn(4, 2, 3), torch.randn(4), torch.rand(4) + 0.1
    fw, fb = nn.utils.fuse_conv_bn_weights(w, None, rm, rv, 1e-3, None, None)
    out["fuse_conv_bn_weights"] = dict(weight=values(fw), bias=values(fb), types=[type(fw).__name__, type(fb).__name__])

    torch.manual_seed(5)
    lin = nn.Linear(4, 3)
    lin(torch.randn(2, 4)).pow(2).sum().backward()
    total, ws = caught(lambda: nn.utils.clip_grad_norm(lin.parameters(), 0.5))
    out["clip_grad_norm"] = dict(total=values(total), warnings=ws, weight_grad=values(lin.weight.grad),
                                 bias_grad=values(lin.bias.grad))

    torch.manual_seed(6)
    m = nn.utils.skip_init(nn.Linear, 5, 2)
    after = torch.rand(3)
    m2 = nn.utils.skip_init(nn.Conv1d, in_channels=2, out_channels=3, kernel_size=2, bias=False)
    out["skip_init"] = dict(repr=repr(m), shapes=[list(p.shape) for p in m.parameters()], rand_after=values(after),
                            repr2=repr(m2), shapes2=[list(p.shape) for p in m2.parameters()],
                            requires_grad=[p.requires_grad for p in m.parameters()])
    return out


def container():
    c, ws = caught(lambda: nn.Container(a=nn.Linear(2, 3), b=nn.ReLU()))
    return dict(repr=repr(c), warnings=ws, children=[n for n, _ in c.named_children()],
                forward=text_of(lambda: c(torch.ones(2))))


def r(*shape):
    return torch.randn(*shape)


def pooled(d, shape, k=2):
    return getattr(F, f"max_pool{d}d")(r(*shape), k, return_indices=True)


def asm(*args, **kwargs):
    return nn.AdaptiveLogSoftmaxWithLoss(*args, **kwargs)


def fused_train():
    conv, bn = nn.Conv2d(1, 2, 1), nn.BatchNorm2d(2)
    return nn.utils.fuse_conv_bn_eval(conv, bn)


def leaky_negative_backward():
    y = r(3).requires_grad_(True) * 1
    F.leaky_relu_(y, -0.1)
    y.sum().backward()


ERRORS = {
    "reflection_pad3d_too_big": lambda: nn.ReflectionPad3d(2)(r(1, 1, 2, 2, 2)),
    "replication_pad3d_dims": lambda: nn.ReplicationPad3d(1)(r(2, 2, 2)),
    "constant_pad3d_kwarg": lambda: nn.ConstantPad3d(1),
    "lppool1d_kwarg": lambda: nn.LPPool1d(2),
    "max_unpool3d_float_indices": lambda: F.max_unpool3d(r(1, 1, 2, 2, 2), r(1, 1, 2, 2, 2), 2),
    "max_unpool3d_dims": lambda: F.max_unpool3d(r(2, 2, 2), torch.zeros(2, 2, 2, dtype=torch.long), 2),
    "max_unpool3d_shape": lambda: F.max_unpool3d(r(1, 1, 2, 2, 2), torch.zeros(1, 1, 2, 2, 1, dtype=torch.long), 2),
    "max_unpool3d_empty": lambda: F.max_unpool3d(r(1, 1, 0, 2, 2), torch.zeros(1, 1, 0, 2, 2, dtype=torch.long), 2),
    "max_unpool3d_stride": lambda: F.max_unpool3d(r(1, 1, 2, 2, 2), torch.zeros(1, 1, 2, 2, 2, dtype=torch.long), 2, stride=[0, 2, 2]),
    "max_unpool3d_bad_index": lambda: F.max_unpool3d(r(1, 1, 2, 2, 2), torch.full((1, 1, 2, 2, 2), 100, dtype=torch.long), 2),
    "max_unpool3d_long_input": lambda: F.max_unpool3d(torch.ones(1, 1, 2, 2, 2, dtype=torch.long), torch.zeros(1, 1, 2, 2, 2, dtype=torch.long), 2),
    "max_unpool3d_output_size": lambda: F.max_unpool3d(*pooled(3, [1, 1, 4, 4, 4]), 2, output_size=[9, 4, 4]),
    "max_unpool3d_output_size_len": lambda: F.max_unpool3d(*pooled(3, [1, 1, 4, 4, 4]), 2, output_size=(4, 4)),
    "max_unpool1d_output_size": lambda: F.max_unpool1d(*pooled(1, [1, 1, 8]), 2, output_size=[2]),
    "max_unpool1d_dims": lambda: F.max_unpool1d(r(1, 1, 2, 2), torch.zeros(1, 1, 2, 2, dtype=torch.long), 2),
    "lrn_not_4d": lambda: nn.CrossMapLRN2d(3)(r(2, 3, 4)),
    "nll_loss2d_kwarg": lambda: nn.NLLLoss2d(bogus=1),
    "asm_cutoffs_unsorted": lambda: asm(8, 10, [6, 3]),
    "asm_cutoffs_too_big": lambda: asm(8, 10, [3, 10]),
    "asm_cutoffs_float": lambda: asm(8, 10, [2.5]),
    "asm_cutoffs_int": lambda: asm(8, 10, 3),
    "asm_batch_mismatch": lambda: asm(4, 6, [2])(r(3, 4), torch.tensor([0, 1])),
    "asm_input_dims": lambda: asm(4, 6, [2])(r(2, 3, 4), torch.tensor([0, 1])),
    "asm_unbatched_dims": lambda: asm(4, 6, [2])(r(2, 4), torch.tensor(1)),
    "asm_target_dims": lambda: asm(4, 6, [2])(r(2, 4), torch.zeros(2, 2, dtype=torch.long)),
    "asm_target_range": lambda: asm(4, 6, [2])(r(2, 4), torch.tensor([0, 7])),
    "fuse_training": fused_train,
    "vector_to_parameters_list": lambda: nn.utils.vector_to_parameters([1.0], nn.Linear(1, 1).parameters()),
    "vector_to_parameters_short": lambda: nn.utils.vector_to_parameters(torch.zeros(3), nn.Linear(2, 2).parameters()),
    "parameters_to_vector_int": lambda: nn.utils.parameters_to_vector(3),
    "skip_init_no_device": lambda: nn.utils.skip_init(nn.ReLU),
    "elu_int": lambda: F.elu_(torch.ones(3, dtype=torch.long)),
    "leaky_relu_negative_backward": leaky_negative_backward,
    "hardtanh_bool": lambda: F.hardtanh_(torch.ones(2, dtype=torch.bool)),
    "relu_leaf": lambda: F.relu_(r(2).requires_grad_(True)),
    "pdist_1d": lambda: F.pdist(r(3)),
    "pdist_negative_p": lambda: F.pdist(r(3, 2), -1),
    "pdist_long": lambda: F.pdist(torch.ones(3, 2, dtype=torch.long)),
    "torch_pdist_3d": lambda: torch.pdist(r(2, 3, 2)),
}


def main():
    fixture = {
        "modules": {name: module_case(name, spec) for name, spec in MODULES.items()},
        "inplace": {name: inplace_case(name, spec) for name, spec in INPLACE.items()},
        "functions": {name: function_case(name, spec) for name, spec in FUNCTIONS.items()},
        "utils": utils(),
        "container": container(),
        "errors": {},
    }
    for name, fn in ERRORS.items():
        torch.manual_seed(0)
        fixture["errors"][name] = text_of(fn)
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(fixture, f)
        f.write("\n")


main()
