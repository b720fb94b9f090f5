"""Records what real PyTorch 1.13 does for the layer tests (test/nn/layers.test.ts): for each case,
the module repr, its parameters after manual_seed, forward outputs, grad_fn names and gradients of
sum(out * G) for a fixed upstream G, plus BatchNorm buffers after two training steps and eval output.
Writes test/fixtures/layers.json.

Usage: /usr/bin/python3 scripts/gen_layer_fixtures.py
"""
import json
import os

import torch
import torch.nn as nn

torch.set_printoptions(precision=10)


def randn(*shape):
    return torch.randn(*shape)


def t_long(v):
    return torch.tensor(v, dtype=torch.long)


# name -> (module constructor, input builder, forward kwargs builder). Same names in layers.test.ts.
CASES = {
    "conv2d_basic": (lambda: nn.Conv2d(3, 4, 3), lambda: [randn(2, 3, 6, 6)], None),
    "conv2d_pad_stride": (
        lambda: nn.Conv2d(2, 4, (3, 2), stride=(2, 1), padding=(1, 2)),
        lambda: [randn(2, 2, 7, 6)],
        None,
    ),
    "conv2d_dil_groups": (
        lambda: nn.Conv2d(4, 6, 3, padding=2, dilation=2, groups=2, bias=False),
        lambda: [randn(2, 4, 6, 7)],
        None,
    ),
    "conv2d_same_even": (lambda: nn.Conv2d(2, 3, 4, padding="same"), lambda: [randn(1, 2, 6, 5)], None),
    "conv2d_valid": (lambda: nn.Conv2d(2, 3, 3, padding="valid"), lambda: [randn(2, 2, 5, 5)], None),
    "conv2d_unbatched": (lambda: nn.Conv2d(2, 3, 3, padding=1), lambda: [randn(2, 5, 5)], None),
    "conv1d_basic": (lambda: nn.Conv1d(3, 5, 3, stride=2, padding=1), lambda: [randn(2, 3, 9)], None),
    "conv1d_same_dil_groups": (
        lambda: nn.Conv1d(2, 4, 3, padding="same", dilation=2, groups=2),
        lambda: [randn(3, 2, 8)],
        None,
    ),
    "maxpool_basic": (lambda: nn.MaxPool2d(2), lambda: [randn(2, 3, 6, 6)], None),
    "maxpool_full": (
        lambda: nn.MaxPool2d(3, stride=2, padding=1, ceil_mode=True, return_indices=True),
        lambda: [randn(2, 2, 8, 7)],
        None,
    ),
    "maxpool_dilation": (
        lambda: nn.MaxPool2d((2, 3), stride=(1, 2), dilation=2),
        lambda: [randn(1, 2, 7, 8)],
        None,
    ),
    "maxpool_unbatched": (lambda: nn.MaxPool2d(2, stride=1, return_indices=True), lambda: [randn(2, 4, 5)], None),
    "avgpool_basic": (lambda: nn.AvgPool2d(2), lambda: [randn(2, 3, 6, 6)], None),
    "avgpool_pad_exclude": (
        lambda: nn.AvgPool2d(3, stride=2, padding=1, ceil_mode=True, count_include_pad=False),
        lambda: [randn(2, 2, 8, 7)],
        None,
    ),
    "avgpool_pad_include": (
        lambda: nn.AvgPool2d(3, stride=2, padding=1, ceil_mode=True),
        lambda: [randn(2, 2, 8, 7)],
        None,
    ),
    "avgpool_divisor": (lambda: nn.AvgPool2d((2, 3), divisor_override=4), lambda: [randn(1, 2, 6, 6)], None),
    "adaptive_none": (lambda: nn.AdaptiveAvgPool2d((3, None)), lambda: [randn(2, 2, 7, 5)], None),
    "adaptive_4": (lambda: nn.AdaptiveAvgPool2d(4), lambda: [randn(1, 2, 6, 9)], None),
    "adaptive_1": (lambda: nn.AdaptiveAvgPool2d(1), lambda: [randn(2, 3, 4, 4)], None),
    "batchnorm2d": (lambda: nn.BatchNorm2d(3), lambda: [randn(4, 3, 3, 3)], None),
    "batchnorm1d_3d_cumulative": (lambda: nn.BatchNorm1d(3, momentum=None), lambda: [randn(4, 3, 5)], None),
    "batchnorm1d_plain": (
        lambda: nn.BatchNorm1d(4, eps=1e-3, affine=False, track_running_stats=False),
        lambda: [randn(5, 4)],
        None,
    ),
    "layernorm": (lambda: nn.LayerNorm(5), lambda: [randn(2, 3, 5)], None),
    "layernorm_2d_plain": (
        lambda: nn.LayerNorm([3, 5], eps=1e-3, elementwise_affine=False),
        lambda: [randn(2, 3, 5)],
        None,
    ),
    "embedding": (lambda: nn.Embedding(10, 4), lambda: [t_long([[1, 2, 3], [2, 9, 1]])], None),
    "embedding_padding": (lambda: nn.Embedding(6, 3, padding_idx=2), lambda: [t_long([2, 0, 2, 5, 1])], None),
    "bilinear": (lambda: nn.Bilinear(3, 4, 2), lambda: [randn(5, 3), randn(5, 4)], None),
    "bilinear_nobias_3d": (lambda: nn.Bilinear(2, 3, 4, bias=False), lambda: [randn(2, 3, 2), randn(2, 3, 3)], None),
    "mha_self": (lambda: nn.MultiheadAttention(8, 2), lambda: ["self", randn(5, 3, 8)], None),
    "mha_batch_first_kpm": (
        lambda: nn.MultiheadAttention(6, 3, batch_first=True),
        lambda: [randn(2, 4, 6), "kv", randn(2, 5, 6)],
        lambda: {"key_padding_mask": torch.tensor([[False, False, True, False, True], [False] * 5])},
    ),
    "mha_kdim_mask_heads": (
        lambda: nn.MultiheadAttention(4, 2, kdim=3, vdim=5),
        lambda: [randn(3, 2, 4), randn(4, 2, 3), randn(4, 2, 5)],
        lambda: {"attn_mask": torch.tensor([[False, True, False, False]] * 3), "average_attn_weights": False},
    ),
    "mha_unbatched_float_mask_nobias": (
        lambda: nn.MultiheadAttention(4, 1, bias=False),
        lambda: ["self", randn(3, 4)],
        lambda: {"attn_mask": torch.tensor([[0.0, -1.0, 0.5]] * 3)},
    ),
    "mha_no_weights": (
        lambda: nn.MultiheadAttention(4, 2),
        lambda: ["self", randn(3, 2, 4)],
        lambda: {"need_weights": False},
    ),
    "conv_transpose1d_output_padding": (
        lambda: nn.ConvTranspose1d(3, 4, 3, stride=2, padding=1, output_padding=1),
        lambda: [randn(2, 3, 5)],
        None,
    ),
    "conv_transpose2d_groups_dilation": (
        lambda: nn.ConvTranspose2d(4, 6, (3, 2), stride=(2, 1), padding=(1, 0), groups=2, dilation=(1, 2), bias=False),
        lambda: [randn(2, 4, 3, 4)],
        None,
    ),
    "conv_transpose2d_output_size": (
        lambda: nn.ConvTranspose2d(2, 3, 3, stride=2, padding=1),
        lambda: [randn(1, 2, 4, 4)],
        lambda: {"output_size": [8, 8]},
    ),
    "conv_transpose2d_unbatched": (lambda: nn.ConvTranspose2d(2, 3, 2), lambda: [randn(2, 3, 3)], None),
    "conv3d_basic": (
        lambda: nn.Conv3d(2, 3, (2, 3, 2), stride=(1, 2, 1), padding=1),
        lambda: [randn(2, 2, 4, 5, 4)],
        None,
    ),
    "conv3d_same_groups": (
        lambda: nn.Conv3d(4, 2, 3, padding="same", dilation=(1, 2, 1), groups=2, bias=False),
        lambda: [randn(1, 4, 3, 4, 3)],
        None,
    ),
    "conv_transpose3d_output_size": (
        lambda: nn.ConvTranspose3d(2, 4, (2, 3, 2), stride=(2, 1, 3), padding=(0, 1, 1), groups=2),
        lambda: [randn(1, 2, 2, 3, 2)],
        lambda: {"output_size": [5, 3, 5]},
    ),
    "avgpool3d": (
        lambda: nn.AvgPool3d(3, stride=(1, 2, 2), padding=1, ceil_mode=True, count_include_pad=False),
        lambda: [randn(1, 2, 4, 5, 4)],
        None,
    ),
    "adaptive_avg3d": (lambda: nn.AdaptiveAvgPool3d((2, None, 3)), lambda: [randn(2, 3, 5, 7)], None),
    "adaptive_max3d_indices": (
        lambda: nn.AdaptiveMaxPool3d(3, return_indices=True),
        lambda: [randn(1, 2, 4, 5, 7)],
        None,
    ),
    "maxpool1d_indices": (
        lambda: nn.MaxPool1d(3, stride=2, padding=1, ceil_mode=True, return_indices=True),
        lambda: [randn(2, 3, 8)],
        None,
    ),
    "avgpool1d": (lambda: nn.AvgPool1d(3, stride=2, padding=1, count_include_pad=False), lambda: [randn(2, 7)], None),
    "adaptive_avg1d": (lambda: nn.AdaptiveAvgPool1d(3), lambda: [randn(2, 3, 7)], None),
    "adaptive_max1d_indices": (lambda: nn.AdaptiveMaxPool1d(4, return_indices=True), lambda: [randn(2, 2, 9)], None),
    "adaptive_max2d_none": (lambda: nn.AdaptiveMaxPool2d((None, 3)), lambda: [randn(2, 2, 5, 7)], None),
    "zeropad2d": (lambda: nn.ZeroPad2d((1, 2, 0, 1)), lambda: [randn(1, 2, 3, 3)], None),
    "constantpad1d": (lambda: nn.ConstantPad1d(2, 3.5), lambda: [randn(2, 4)], None),
    "constantpad2d": (lambda: nn.ConstantPad2d((1, 0, 2, 1), -1.0), lambda: [randn(2, 2, 3)], None),
    "reflectionpad1d": (lambda: nn.ReflectionPad1d((2, 1)), lambda: [randn(2, 3, 4)], None),
    "reflectionpad2d": (lambda: nn.ReflectionPad2d(1), lambda: [randn(1, 2, 3, 4)], None),
    "replicationpad1d": (lambda: nn.ReplicationPad1d(2), lambda: [randn(2, 3)], None),
    "replicationpad2d": (lambda: nn.ReplicationPad2d((1, 2, 2, 0)), lambda: [randn(1, 2, 3, 3)], None),
    "pixelshuffle": (lambda: nn.PixelShuffle(2), lambda: [randn(1, 8, 2, 3)], None),
    "pixelunshuffle": (lambda: nn.PixelUnshuffle(2), lambda: [randn(2, 4, 2)], None),
    "fold": (lambda: nn.Fold(output_size=4, kernel_size=(2, 1), stride=(1, 2)), lambda: [randn(2, 6, 6)], None),
    "unfold": (lambda: nn.Unfold(2, padding=1), lambda: [randn(1, 2, 3, 3)], None),
    "lppool2d": (lambda: nn.LPPool2d(2, (2, 3), stride=1), lambda: [randn(1, 2, 3, 5)], None),
    "lppool2d_ceil": (lambda: nn.LPPool2d(1.5, 2, ceil_mode=True), lambda: [randn(2, 3, 5).abs()], None),
    "maxunpool2d": (
        lambda: nn.MaxUnpool2d((2, 1), stride=(2, 1)),
        lambda: [randn(1, 2, 2, 3), t_long([[[[1, 5, 7], [9, 12, 14]], [[0, 4, 6], [10, 11, 13]]]])],
        lambda: {"output_size": [5, 3]},
    ),
    "maxpool3d_indices": (
        lambda: nn.MaxPool3d((1, 2, 3), stride=1, padding=(0, 1, 1), ceil_mode=True, return_indices=True),
        lambda: [randn(1, 2, 3, 4, 5)],
        None,
    ),
}


def resolve_inputs(raw):
    """'self' means query=key=value; 'kv' means key=value=the next tensor."""
    if raw[0] == "self":
        return [raw[1], raw[1], raw[1]], [raw[1]]
    if len(raw) == 3 and raw[1] == "kv":
        return [raw[0], raw[2], raw[2]], [raw[0], raw[2]]
    return raw, raw


def tolist(t):
    return t.tolist() if t is not None else None


def record_case(seed, name, spec):
    ctor, make_inputs, make_kwargs = spec
    torch.manual_seed(seed)
    mod = ctor()
    params = {n: p.tolist() for n, p in mod.named_parameters()}
    torch.manual_seed(seed + 1000)
    raw = make_inputs()
    call_inputs, distinct = resolve_inputs(raw)
    for t in distinct:
        if t.is_floating_point():
            t.requires_grad_(True)
    kwargs = make_kwargs() if make_kwargs else {}
    out = mod(*call_inputs, **kwargs)
    outs = list(out) if isinstance(out, tuple) else [out]
    upstream = [torch.randn(o.shape) if o is not None and o.is_floating_point() else None for o in outs]
    loss = sum((o * g).sum() for o, g in zip(outs, upstream) if g is not None and o.requires_grad)
    loss.backward()
    return {
        "seed": seed,
        "repr": repr(mod),
        "params": params,
        "param_names": list(params.keys()),
        "inputs": [t.tolist() for t in distinct],
        "input_dtypes": [str(t.dtype).replace("torch.", "") for t in distinct],
        "outputs": [tolist(o.detach() if o is not None and o.is_floating_point() else o) for o in outs],
        "output_dtypes": [str(o.dtype).replace("torch.", "") if o is not None else None for o in outs],
        "grad_fns": [o.grad_fn.name() if o is not None and o.grad_fn is not None else None for o in outs],
        "upstream": [tolist(g) for g in upstream],
        "input_grads": [tolist(t.grad) for t in distinct],
        "param_grads": {n: tolist(p.grad) for n, p in mod.named_parameters()},
        "buffers": {n: b.tolist() for n, b in mod.named_buffers()},
    }


def batchnorm_steps():
    out = {}
    for name, ctor, shape in [
        ("bn2d", lambda: nn.BatchNorm2d(3), (4, 3, 3, 3)),
        ("bn1d_cumulative", lambda: nn.BatchNorm1d(3, momentum=None), (4, 3, 5)),
        ("bn1d_momentum", lambda: nn.BatchNorm1d(2, momentum=0.3, affine=False), (6, 2)),
    ]:
        torch.manual_seed(7)
        bn = ctor()
        x1, x2, x3 = randn(*shape), randn(*shape), randn(*shape)
        bn(x1)
        bn(x2)
        buffers = {n: b.tolist() for n, b in bn.named_buffers()}
        bn.eval()
        x3.requires_grad_(True)
        y = bn(x3)
        y.sum().backward()
        out[name] = {
            "x": [x1.tolist(), x2.tolist(), x3.tolist()],
            "buffers": buffers,
            "eval_out": y.tolist(),
            "eval_grad_fn": y.grad_fn.name(),
            "eval_input_grad": x3.grad.tolist(),
            "state_dict_keys": list(bn.state_dict().keys()),
        }
    return out


def main():
    cases = {name: record_case(i, name, spec) for i, (name, spec) in enumerate(CASES.items())}
    out = {"cases": cases, "batchnorm_steps": batchnorm_steps()}
    path = os.path.join(os.path.dirname(__file__), "..", "test", "fixtures", "layers.json")
    with open(path, "w") as f:
        json.dump(out, f)


if __name__ == "__main__":
    main()
