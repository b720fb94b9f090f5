"""Records what real PyTorch 1.13 does for nn.Transformer and its encoder/decoder layers
(test/nn/transformer.test.ts) and for the lazy modules (test/nn/lazy.test.ts).

Transformer cases: for each module spec, its repr, parameter names and values after manual_seed,
state_dict keys, the inputs and masks it is run on, its output with grad_fn name, and the gradients of
sum(out * G) w.r.t. every input that requires grad and every parameter. Inputs require grad, so PyTorch
takes its slow path as tensorgrad does; `fastpath` cases run an eval-mode batch_first layer under no_grad
(PyTorch's fused kernel) for comparison within a tolerance.

Lazy cases: a lazy module built after manual_seed, its repr before and after the first call, the
materialised parameters' values (the init's draws), buffers, output and gradients.

Usage: /usr/bin/python3 scripts/gen_transformer_fixtures.py [TRANSFORMER.json] [LAZY.json]
"""
import json
import os
import sys
import warnings

import torch
import torch.nn as nn
import torch.nn.functional as F

OUT = sys.argv[1] if len(sys.argv) > 1 else "test/fixtures/nn/transformer.json"
LAZY_OUT = sys.argv[2] if len(sys.argv) > 2 else "test/fixtures/nn/lazy.json"


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


# Activations by name: "relu" / "gelu" strings as given, "F.gelu" the function, "GELU()" a module, "tanh" torch.tanh.
ACTIVATIONS = {"F.relu": F.relu, "F.gelu": F.gelu, "GELU()": "module", "torch.tanh": torch.tanh}


def activation(spec):
    a = spec.get("activation")
    if a is None:
        return {}
    if a in ("relu", "gelu"):
        return {"activation": a}
    if a == "GELU()":
        return {"activation": nn.GELU()}
    return {"activation": ACTIVATIONS[a]}


def build(spec):
    kwargs = dict(spec.get("kwargs", {}), **activation(spec))
    if "custom_decoder" in spec:
        kwargs["custom_decoder"] = build(spec["custom_decoder"])
    if "dtype" in spec:
        kwargs["dtype"] = getattr(torch, spec["dtype"])
    cls = spec["cls"]
    if cls in ("TransformerEncoder", "TransformerDecoder"):
        kwargs.pop("dtype", None)  # the layer's own dtype; the stack takes none
        layer = build(spec["layer"])
        norm = None if spec.get("norm") is None else nn.LayerNorm(spec["norm"])
        return getattr(nn, cls)(layer, spec["num_layers"], norm, **kwargs)
    return getattr(nn, cls)(*spec.get("args", []), **kwargs)


def causal(n):
    return nn.Transformer.generate_square_subsequent_mask(n)


def padding(batch, length, lengths, dtype):
    m = torch.zeros(batch, length, dtype=torch.bool)
    for b, n in enumerate(lengths):
        m[b, n:] = True
    if dtype == "bool":
        return m
    return torch.zeros(batch, length).masked_fill(m, float("-inf"))


def make_input(arg, dtype=torch.float32):
    """arg: {name, kw, shape} (randn, requires grad), or a mask: causal / padding / bool attn."""
    kind = arg.get("kind", "randn")
    if kind == "randn":
        return torch.randn(*arg["shape"], dtype=dtype, requires_grad=True)
    if kind == "causal":
        return causal(arg["size"])
    if kind == "causal_bool":
        rows, cols = arg["size"], arg.get("cols", arg["size"])
        return torch.triu(torch.ones(rows, cols, dtype=torch.bool), diagonal=1)
    if kind == "padding":
        return padding(arg["batch"], arg["length"], arg["lengths"], arg["dtype"])
    raise ValueError(kind)


def P(name, *shape):
    return dict(name=name, kw=False, shape=list(shape))


def K(name, **kw):
    return dict(name=name, kw=True, **kw)


D = dict(dim_feedforward=8, dropout=0.0)
ENC = dict(cls="TransformerEncoderLayer", args=[4, 2], kwargs=D)
DEC = dict(cls="TransformerDecoderLayer", args=[4, 2], kwargs=D)

MODULES = {
    "encoder_layer": dict(ENC, inputs=[P("src", 3, 2, 4)]),
    "encoder_layer_masks": dict(
        ENC,
        inputs=[P("src", 3, 2, 4), K("src_mask", kind="causal", size=3),
                K("src_key_padding_mask", kind="padding", batch=2, length=3, lengths=[3, 2], dtype="bool")],
    ),
    "encoder_layer_norm_first_gelu_batch_first": dict(
        cls="TransformerEncoderLayer", args=[4, 2],
        kwargs=dict(D, batch_first=True, norm_first=True, layer_norm_eps=1e-6), activation="gelu",
        inputs=[P("src", 2, 3, 4), K("src_mask", kind="causal_bool", size=3),
                K("src_key_padding_mask", kind="padding", batch=2, length=3, lengths=[2, 3], dtype="float")],
    ),
    "encoder_layer_unbatched_module_activation": dict(
        cls="TransformerEncoderLayer", args=[6, 3], kwargs=dict(dim_feedforward=5, dropout=0.0),
        activation="GELU()", inputs=[P("src", 4, 6)],
    ),
    "encoder_layer_tanh": dict(
        cls="TransformerEncoderLayer", args=[4, 1], kwargs=dict(dim_feedforward=3, dropout=0.0),
        activation="torch.tanh", inputs=[P("src", 2, 3, 4)],
    ),
    "encoder_layer_dropout_train": dict(
        cls="TransformerEncoderLayer", args=[4, 2], kwargs=dict(dim_feedforward=8, dropout=0.25), train=True,
        inputs=[P("src", 3, 2, 4)],
    ),
    "decoder_layer": dict(
        DEC, inputs=[P("tgt", 3, 2, 4), P("memory", 5, 2, 4), K("tgt_mask", kind="causal", size=3),
                     K("memory_key_padding_mask", kind="padding", batch=2, length=5, lengths=[5, 3], dtype="bool")],
    ),
    "decoder_layer_norm_first_batch_first": dict(
        cls="TransformerDecoderLayer", args=[4, 2], kwargs=dict(D, batch_first=True, norm_first=True),
        activation="F.gelu",
        inputs=[P("tgt", 2, 3, 4), P("memory", 2, 4, 4), K("memory_mask", kind="causal_bool", size=3, cols=4),
                K("tgt_key_padding_mask", kind="padding", batch=2, length=3, lengths=[1, 3], dtype="float")],
    ),
    "encoder_stack": dict(
        cls="TransformerEncoder", layer=ENC, num_layers=2, norm=4,
        inputs=[P("src", 3, 2, 4), K("mask", kind="causal", size=3)],
    ),
    "encoder_stack_nested_flag_no_norm": dict(
        cls="TransformerEncoder", layer=dict(ENC, kwargs=dict(D, batch_first=True)), num_layers=3,
        kwargs=dict(enable_nested_tensor=False),
        inputs=[P("src", 2, 3, 4),
                K("src_key_padding_mask", kind="padding", batch=2, length=3, lengths=[3, 1], dtype="bool")],
    ),
    "decoder_stack": dict(
        cls="TransformerDecoder", layer=DEC, num_layers=2, norm=4,
        inputs=[P("tgt", 3, 2, 4), P("memory", 4, 2, 4), K("tgt_mask", kind="causal", size=3)],
    ),
    "transformer": dict(
        cls="Transformer",
        kwargs=dict(d_model=4, nhead=2, num_encoder_layers=2, num_decoder_layers=1, dim_feedforward=6, dropout=0.0),
        inputs=[P("src", 5, 2, 4), P("tgt", 3, 2, 4), K("tgt_mask", kind="causal", size=3),
                K("src_key_padding_mask", kind="padding", batch=2, length=5, lengths=[5, 4], dtype="bool"),
                K("memory_key_padding_mask", kind="padding", batch=2, length=5, lengths=[5, 4], dtype="bool")],
    ),
    "transformer_batch_first_norm_first_gelu": dict(
        cls="Transformer",
        kwargs=dict(d_model=6, nhead=3, num_encoder_layers=1, num_decoder_layers=2, dim_feedforward=4, dropout=0.0,
                    batch_first=True, norm_first=True, layer_norm_eps=1e-4),
        activation="gelu",
        inputs=[P("src", 2, 4, 6), P("tgt", 2, 3, 6), K("src_mask", kind="causal", size=4),
                K("memory_mask", kind="causal_bool", size=3, cols=4)],
    ),
    "transformer_custom_decoder": dict(
        cls="Transformer",
        custom_decoder=dict(cls="TransformerDecoder", layer=dict(DEC, kwargs=dict(D, norm_first=True)), num_layers=1),
        kwargs=dict(d_model=4, nhead=2, num_encoder_layers=1, dim_feedforward=6, dropout=0.0),
        inputs=[P("src", 3, 2, 4), P("tgt", 2, 2, 4), K("memory_mask", kind="causal_bool", size=2, cols=3)],
    ),
    "encoder_stack_float64": dict(
        cls="TransformerEncoder", layer=dict(ENC, dtype="float64"), num_layers=2, norm=None, dtype="float64",
        inputs=[P("src", 3, 2, 4), K("src_key_padding_mask", kind="padding", batch=2, length=3, lengths=[2, 3],
                                     dtype="bool")],
    ),
    "transformer_unbatched": dict(
        cls="Transformer",
        kwargs=dict(d_model=4, nhead=1, num_encoder_layers=1, num_decoder_layers=1, dim_feedforward=3, dropout=0.0),
        inputs=[P("src", 3, 4), P("tgt", 2, 4)],
    ),
}

# Bigger defaults, built only for their init: every matrix of a default-sized (if shallow) model.
INIT_ONLY = {
    "transformer_defaults_small": dict(cls="Transformer", kwargs=dict(d_model=16, num_encoder_layers=1, num_decoder_layers=1, dim_feedforward=32)),
}

REPRS = {
    "encoder_layer_gelu": dict(cls="TransformerEncoderLayer", args=[8, 2], kwargs=dict(activation="gelu")),
    "encoder_layer_module_act": dict(cls="TransformerEncoderLayer", args=[8, 2], activation="GELU()"),
    "decoder_layer": dict(cls="TransformerDecoderLayer", args=[8, 4], kwargs=dict(dim_feedforward=16, dropout=0.5)),
    "encoder": dict(cls="TransformerEncoder", layer=dict(cls="TransformerEncoderLayer", args=[4, 2]), num_layers=2),
    "decoder_norm": dict(cls="TransformerDecoder", layer=dict(cls="TransformerDecoderLayer", args=[4, 2]), num_layers=1, norm=4),
    "transformer": dict(cls="Transformer", kwargs=dict(d_model=8, nhead=2, num_encoder_layers=1, num_decoder_layers=2, dim_feedforward=16)),
}


def module_case(name, spec):
    seed = 200 + sorted(MODULES).index(name)
    torch.manual_seed(seed)
    m = build(spec)
    out = dict(spec, seed=seed, repr=repr(m))
    out["param_names"] = [n for n, _ in m.named_parameters()]
    out["params"] = {n: values(p) for n, p in m.named_parameters()}
    out["state_dict_keys"] = list(m.state_dict().keys())
    if not spec.get("train"):
        m.eval()
    args, kwargs, given = [], {}, []
    for a in spec["inputs"]:
        t = make_input(a, getattr(torch, spec.get("dtype", "float32")))
        given.append(dict(a, values=values(t), dtype=str(t.dtype).replace("torch.", "")))
        (kwargs.__setitem__(a["name"], t) if a["kw"] else args.append(t))
    out["inputs"] = given
    torch.manual_seed(seed + 1)
    y = m(*args, **kwargs)
    out["output"] = values(y)
    out["shape"] = list(y.shape)
    out["grad_fn"] = grad_fn(y)
    torch.manual_seed(seed + 2)
    g = torch.randn(*y.shape)
    out["upstream"] = values(g)
    (y * g).sum().backward()
    leaves = args + list(kwargs.values())
    out["input_grads"] = [values(t.grad) if t.requires_grad else None for t in leaves]
    out["param_grads"] = {n: values(p.grad) for n, p in m.named_parameters()}
    return out


def fastpath_case():
    """An eval, batch_first encoder layer under no_grad: PyTorch's fused kernel (torch._transformer_encoder_layer_fwd)."""
    torch.manual_seed(300)
    m = nn.TransformerEncoderLayer(4, 2, dim_feedforward=8, batch_first=True).eval()
    x = torch.randn(2, 3, 4)
    with torch.no_grad():
        y = m(x)
    return dict(seed=300, x=values(x), output=values(y))


def text_of(fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001
        return f"{type(e).__name__}: {e}"
    return "NO ERROR"


def r(*shape):
    return torch.randn(*shape)


ERRORS = {
    "bad_activation": lambda: nn.TransformerEncoderLayer(4, 2, activation="tanh"),
    "decoder_bad_activation": lambda: nn.TransformerDecoderLayer(4, 2, activation="swish"),
    "heads_not_dividing": lambda: nn.TransformerEncoderLayer(5, 2),
    "dropout_range": lambda: nn.TransformerEncoderLayer(4, 2, dropout=1.5),
    "batch_mismatch": lambda: nn.Transformer(4, 2, 1, 1, 8)(r(3, 2, 4), r(3, 3, 4)),
    "batch_mismatch_batch_first": lambda: nn.Transformer(4, 2, 1, 1, 8, batch_first=True)(r(2, 3, 4), r(3, 3, 4)),
    "d_model_mismatch": lambda: nn.Transformer(4, 2, 1, 1, 8)(r(3, 2, 4), r(3, 2, 5)),
    "int_key_padding_mask": lambda: nn.TransformerEncoderLayer(4, 2)(r(3, 2, 4), src_key_padding_mask=torch.zeros(2, 3, dtype=torch.long)),
    "encoder_int_key_padding_mask": lambda: nn.TransformerEncoder(nn.TransformerEncoderLayer(4, 2), 1)(r(3, 2, 4), src_key_padding_mask=torch.zeros(2, 3, dtype=torch.long)),
    "encoder_no_layers": lambda: nn.TransformerEncoder(nn.TransformerEncoderLayer(4, 2), 0)(r(3, 2, 4)),
    "key_padding_mask_shape": lambda: nn.TransformerEncoderLayer(4, 2)(r(3, 2, 4), src_key_padding_mask=torch.zeros(2, 4, dtype=torch.bool)),
    "src_mask_shape": lambda: nn.TransformerEncoderLayer(4, 2)(r(3, 2, 4), src_mask=torch.zeros(4, 4)),
    "encoder_layer_input_features": lambda: nn.TransformerEncoderLayer(4, 2)(r(3, 2, 5)),
}


def main():
    fixture = {
        "modules": {name: module_case(name, spec) for name, spec in MODULES.items()},
        "init_only": {},
        "reprs": {},
        "fastpath": fastpath_case(),
        "square_masks": {str(n): values(nn.Transformer.generate_square_subsequent_mask(n)) for n in (1, 3, 5)},
        "errors": {},
    }
    for name, spec in INIT_ONLY.items():
        torch.manual_seed(17)
        m = build(spec)
        fixture["init_only"][name] = dict(
            spec, seed=17, params={n: values(p) for n, p in m.named_parameters()}, repr=repr(m)
        )
    for name, spec in REPRS.items():
        fixture["reprs"][name] = dict(spec, repr=repr(build(spec)))
    for name, fn in ERRORS.items():
        torch.manual_seed(0)
        fixture["errors"][name] = text_of(fn)
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(fixture, f)
        f.write("\n")


# ---- lazy modules ------------------------------------------------------------------------------------

LAZY = {
    "linear": dict(cls="LazyLinear", args=[3], kwargs={}, input=[2, 4]),
    "linear_nobias_unbatched": dict(cls="LazyLinear", args=[2], kwargs={"bias": False}, input=[5]),
    "linear_3d_input": dict(cls="LazyLinear", args=[3], kwargs={}, input=[2, 3, 4]),
    "conv1d": dict(cls="LazyConv1d", args=[4, 3], kwargs={}, input=[2, 3, 7]),
    "conv2d_strided": dict(cls="LazyConv2d", args=[4, 3], kwargs={"stride": 2, "padding": 1}, input=[1, 2, 5, 5]),
    "conv2d_groups_unbatched": dict(cls="LazyConv2d", args=[4, 2], kwargs={"groups": 2, "bias": False}, input=[4, 4, 4]),
    "conv3d": dict(cls="LazyConv3d", args=[2, 2], kwargs={}, input=[1, 2, 3, 3, 3]),
    "conv_transpose1d": dict(cls="LazyConvTranspose1d", args=[3, 2], kwargs={"stride": 2}, input=[2, 4, 5]),
    "conv_transpose2d": dict(cls="LazyConvTranspose2d", args=[2, 3], kwargs={"padding": 1}, input=[1, 3, 4, 4]),
    "conv_transpose3d": dict(cls="LazyConvTranspose3d", args=[2, (2, 1, 2)], kwargs={"stride": 2, "output_padding": (1, 0, 0)}, input=[3, 2, 2, 3]),
    "batchnorm1d": dict(cls="LazyBatchNorm1d", args=[], kwargs={}, input=[4, 3]),
    "batchnorm2d_no_affine": dict(cls="LazyBatchNorm2d", args=[], kwargs={"affine": False, "momentum": None}, input=[2, 3, 2, 2]),
    "batchnorm1d_untracked": dict(cls="LazyBatchNorm1d", args=[], kwargs={"track_running_stats": False, "eps": 1e-3}, input=[3, 2, 4]),
    "batchnorm3d": dict(cls="LazyBatchNorm3d", args=[], kwargs={}, input=[2, 3, 2, 2, 2]),
    "instancenorm1d": dict(cls="LazyInstanceNorm1d", args=[], kwargs={}, input=[2, 3, 5]),
    # _LazyNormBase reads input.shape[1] even unbatched: a [4, 4] input gives num_features 4 either way.
    "instancenorm1d_unbatched": dict(cls="LazyInstanceNorm1d", args=[], kwargs={"momentum": 0.3}, input=[4, 4]),
    "instancenorm2d_plain": dict(cls="LazyInstanceNorm2d", args=[], kwargs={"affine": False, "track_running_stats": False}, input=[2, 3, 3, 4]),
    "instancenorm3d": dict(cls="LazyInstanceNorm3d", args=[], kwargs={"eps": 1e-3}, input=[1, 2, 3, 2, 3]),
}


def lazy_case(name, spec):
    seed = 400 + sorted(LAZY).index(name)
    torch.manual_seed(seed)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        m = getattr(nn, spec["cls"])(*spec["args"], **spec["kwargs"])
    out = dict(spec, seed=seed, warnings=[f"{w.category.__name__}: {w.message}" for w in caught])
    out["repr_before"] = repr(m)
    out["has_uninitialized_before"] = m.has_uninitialized_params()
    out["params_before"] = {n: repr(p) for n, p in m.named_parameters()}
    out["buffers_before"] = {n: repr(b) for n, b in m.named_buffers()}
    out["state_dict_before"] = {k: repr(v) if "Uninitialized" in type(v).__name__ else values(v) for k, v in m.state_dict().items()}
    x = torch.randn(*spec["input"], requires_grad=True)
    out["x"] = values(x)
    y = m(x)
    out["cls_after"] = type(m).__name__
    out["repr_after"] = repr(m)
    out["params"] = {n: values(p) for n, p in m.named_parameters()}
    out["buffers"] = {n: values(b) for n, b in m.named_buffers()}
    out["state_dict_keys"] = list(m.state_dict().keys())
    out["output"] = values(y)
    out["shape"] = list(y.shape)
    out["grad_fn"] = grad_fn(y)
    g = torch.randn(*y.shape)
    out["upstream"] = values(g)
    (y * g).sum().backward()
    out["x_grad"] = values(x.grad)
    out["param_grads"] = {n: values(p.grad) for n, p in m.named_parameters()}
    return out


def quiet(fn):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return fn()


def load_into_lazy():
    torch.manual_seed(5)
    src = nn.Linear(4, 3)
    m = quiet(lambda: nn.LazyLinear(3))
    result = m.load_state_dict(src.state_dict())
    out = dict(result=str(result), cls=type(m).__name__, has_uninitialized=m.has_uninitialized_params(),
               repr=repr(m), weight=values(m.weight))
    y = m(torch.ones(2, 4))
    out.update(cls_after=type(m).__name__, repr_after=repr(m), output=values(y))
    return out


LAZY_ERRORS = {
    "numel": lambda: quiet(lambda: nn.LazyLinear(3)).weight.numel(),
    "sum": lambda: quiet(lambda: nn.LazyLinear(3)).weight.sum(),
    "count_parameters": lambda: sum(p.numel() for p in quiet(lambda: nn.LazyLinear(3)).parameters()),
    "buffer_add": lambda: quiet(lambda: nn.LazyBatchNorm1d()).running_mean.add(1),
    "conv_groups": lambda: quiet(lambda: nn.LazyConv2d(4, 3, groups=2))(r(1, 3, 5, 5)),
    "conv_dims": lambda: quiet(lambda: nn.LazyConv2d(4, 3))(r(5, 5)),
    "conv1d_dims": lambda: quiet(lambda: nn.LazyConv1d(4, 3))(r(1, 2, 5, 5)),
    "uninitialized_parameter_int": lambda: nn.UninitializedParameter(dtype=torch.long),
    "instancenorm_shape1": lambda: quiet(lambda: nn.LazyInstanceNorm1d())(r(4)),
    "batchnorm3d_kwarg": lambda: quiet(lambda: nn.LazyBatchNorm3d(affine=False, bogus=1)),
}


def lazy_main():
    fixture = {
        "modules": {name: lazy_case(name, spec) for name, spec in LAZY.items()},
        "load_state_dict": load_into_lazy(),
        "reprs": dict(
            parameter=repr(nn.UninitializedParameter()),
            buffer=repr(nn.UninitializedBuffer()),
            parameter_requires_grad=nn.UninitializedParameter().requires_grad,
            buffer_requires_grad=nn.UninitializedBuffer().requires_grad,
            parameter_dtype=str(nn.UninitializedParameter(dtype=torch.float64).dtype),
        ),
        "errors": {},
    }
    for name, fn in LAZY_ERRORS.items():
        torch.manual_seed(0)
        fixture["errors"][name] = text_of(fn)
    os.makedirs(os.path.dirname(LAZY_OUT), exist_ok=True)
    with open(LAZY_OUT, "w") as f:
        json.dump(fixture, f)
        f.write("\n")


main()
lazy_main()
