"""Records what real PyTorch 1.13 does for the recurrent layers and torch.nn.utils.rnn
(test/nn/rnn.test.ts): for each module case, its repr, parameter names and values after manual_seed,
state_dict keys, the inputs it is run on (padded or packed), its outputs and final states with their
grad_fn names, and the gradients of sum(out * G) w.r.t. the input, the initial states and every
parameter; the packing functions' results and gradients; the warnings and error texts.
Each case is a spec (class, args, kwargs, inputs) that the test replays in tensorgrad.
Writes test/fixtures/nn/rnn.json.

Usage: /usr/bin/python3 scripts/gen_rnn_fixtures.py [OUT.json]
"""
import json
import os
import sys
import warnings

import torch
import torch.nn as nn
from torch.nn.utils import rnn as U

OUT = sys.argv[1] if len(sys.argv) > 1 else "test/fixtures/nn/rnn.json"


def enc(t):
    return [enc(x) for x in t] if isinstance(t, list) else t


def values(t):
    def fix(v):
        if isinstance(v, list):
            return [fix(x) for x in v]
        if v != v:
            return "nan"
        if v in (float("inf"), float("-inf")):
            return "inf" if v > 0 else "-inf"
        return v

    return fix(t.detach().tolist())


def grad_fn(t):
    return None if t.grad_fn is None else t.grad_fn.name()


# name -> spec. `hx`: None, a shape (RNN/GRU/cells) or two shapes (LSTM/LSTMCell); `packed`: lengths and
# enforce_sorted for pack_padded_sequence of the input (batch_first as the module's); `train`: run in training
# mode with dropout (the seed is set again right before forward).
MODULES = {
    "lstm_basic": dict(cls="LSTM", args=[3, 4], kwargs={}, input=[5, 2, 3]),
    "lstm_2layer_batch_first": dict(
        cls="LSTM", args=[3, 5, 2], kwargs={"batch_first": True}, input=[2, 4, 3], hx=[[2, 2, 5], [2, 2, 5]]
    ),
    "lstm_bidirectional_proj": dict(
        cls="LSTM", args=[4, 6], kwargs={"num_layers": 2, "bidirectional": True, "proj_size": 3}, input=[3, 2, 4]
    ),
    "lstm_nobias_unbatched": dict(cls="LSTM", args=[3, 4], kwargs={"bias": False}, input=[5, 3], hx=[[1, 4], [1, 4]]),
    "lstm_dropout_train": dict(
        cls="LSTM", args=[3, 4], kwargs={"num_layers": 3, "dropout": 0.4}, input=[4, 3, 3], train=True
    ),
    "lstm_packed": dict(cls="LSTM", args=[3, 4], kwargs={}, input=[4, 3, 3], packed=dict(lengths=[4, 2, 1])),
    "lstm_packed_unsorted_bidir": dict(
        cls="LSTM",
        args=[3, 4],
        kwargs={"bidirectional": True, "batch_first": True, "num_layers": 2},
        input=[3, 4, 3],
        hx=[[4, 3, 4], [4, 3, 4]],
        packed=dict(lengths=[2, 4, 2], enforce_sorted=False),
    ),
    "gru_basic": dict(cls="GRU", args=[3, 4], kwargs={}, input=[5, 2, 3], hx=[1, 2, 4]),
    "gru_bidir_batch_first": dict(
        cls="GRU", args=[2, 3], kwargs={"bidirectional": True, "batch_first": True, "num_layers": 2}, input=[2, 4, 2]
    ),
    "gru_unbatched_nobias": dict(cls="GRU", args=[3, 4], kwargs={"bias": False}, input=[4, 3], hx=[1, 4]),
    "gru_packed_bidir": dict(
        cls="GRU", args=[3, 4], kwargs={"bidirectional": True}, input=[4, 3, 3], packed=dict(lengths=[4, 3, 1])
    ),
    "rnn_tanh": dict(cls="RNN", args=[3, 4], kwargs={}, input=[5, 2, 3]),
    "rnn_relu_2layer": dict(
        cls="RNN", args=[3, 4, 2], kwargs={"nonlinearity": "relu", "batch_first": True}, input=[2, 5, 3], hx=[2, 2, 4]
    ),
    "rnn_bidir_packed_unsorted": dict(
        cls="RNN",
        args=[3, 4],
        kwargs={"bidirectional": True},
        input=[3, 3, 3],
        packed=dict(lengths=[1, 3, 2], enforce_sorted=False),
    ),
    "rnn_dropout_eval": dict(cls="RNN", args=[3, 4], kwargs={"num_layers": 2, "dropout": 0.5}, input=[3, 2, 3]),
    "lstmcell": dict(cls="LSTMCell", args=[3, 4], kwargs={}, input=[2, 3], hx=[[2, 4], [2, 4]]),
    "lstmcell_unbatched_nobias": dict(cls="LSTMCell", args=[3, 4], kwargs={"bias": False}, input=[3]),
    "grucell": dict(cls="GRUCell", args=[3, 4], kwargs={}, input=[2, 3], hx=[2, 4]),
    "grucell_unbatched": dict(cls="GRUCell", args=[3, 4], kwargs={}, input=[3], hx=[4]),
    "rnncell_tanh": dict(cls="RNNCell", args=[3, 4], kwargs={}, input=[2, 3]),
    "rnncell_relu_nobias": dict(
        cls="RNNCell", args=[3, 4], kwargs={"bias": False, "nonlinearity": "relu"}, input=[2, 3], hx=[2, 4]
    ),
}

REPRS = {
    "lstm_kw": ("LSTM", [10, 20], {"num_layers": 2, "batch_first": True}),
    "lstm_all": ("LSTM", [10, 20, 3, False, True, 0.25, True, 5], {}),
    "rnn_relu": ("RNN", [4, 5], {"nonlinearity": "relu", "dropout": 1}),
    "gru_bidir": ("GRU", [4, 5], {"bidirectional": True}),
    "rnncell_relu": ("RNNCell", [4, 5, False, "relu"], {}),
    "lstmcell": ("LSTMCell", [4, 5], {}),
    "grucell_nobias": ("GRUCell", [4, 5], {"bias": False}),
}


def flat(h):
    return list(h) if isinstance(h, (tuple, list)) else [h]


def module_case(name, spec):
    seed = 100 + sorted(MODULES).index(name)
    torch.manual_seed(seed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        m = getattr(nn, spec["cls"])(*spec["args"], **spec["kwargs"])
    out = dict(spec, seed=seed, repr=repr(m))
    out["param_names"] = [n for n, _ in m.named_parameters()]
    out["params"] = {n: values(p) for n, p in m.named_parameters()}
    out["state_dict_keys"] = list(m.state_dict().keys())
    if not spec.get("train"):
        m.eval()
    x = torch.randn(*spec["input"], requires_grad=True)
    hx = spec.get("hx")
    hxs = None
    if hx is not None:
        hxs = [torch.randn(*s, requires_grad=True) for s in (hx if isinstance(hx[0], list) else [hx])]
    out["x"] = values(x)
    out["hx_values"] = None if hxs is None else [values(h) for h in hxs]
    packed = spec.get("packed")
    inp = x
    if packed is not None:
        batch_first = spec["kwargs"].get("batch_first", False)
        inp = U.pack_padded_sequence(
            x, packed["lengths"], batch_first=batch_first, enforce_sorted=packed.get("enforce_sorted", True)
        )
        out["packed_repr"] = repr(inp)
    state = None if hxs is None else (tuple(hxs) if spec["cls"] in ("LSTM", "LSTMCell") else hxs[0])
    torch.manual_seed(seed + 1)
    result = m(inp) if state is None else m(inp, state)
    if spec["cls"].endswith("Cell"):
        outs = flat(result)
    else:
        o, h = result
        if packed is not None:
            out["out_batch_sizes"] = o.batch_sizes.tolist()
            out["out_unsorted"] = None if o.unsorted_indices is None else o.unsorted_indices.tolist()
            o = o.data
        outs = [o] + flat(h)
    out["outputs"] = [values(t) for t in outs]
    out["shapes"] = [list(t.shape) for t in outs]
    out["grad_fns"] = [grad_fn(t) for t in outs]
    torch.manual_seed(seed + 2)
    ups = [torch.randn(*t.shape) for t in outs]
    out["upstream"] = [values(u) for u in ups]
    sum((t * u).sum() for t, u in zip(outs, ups)).backward()
    out["x_grad"] = values(x.grad)
    out["hx_grads"] = None if hxs is None else [values(h.grad) for h in hxs]
    out["param_grads"] = {n: values(p.grad) for n, p in m.named_parameters()}
    return out


def packing_cases():
    cases = {}
    torch.manual_seed(7)
    seqs = [torch.randn(n, 2, requires_grad=True) for n in (2, 4, 3)]
    for bf in (False, True):
        p = U.pad_sequence(seqs, batch_first=bf, padding_value=-1.5)
        cases[f"pad_sequence_bf{int(bf)}"] = dict(
            seqs=[values(s) for s in seqs], batch_first=bf, out=values(p), shape=list(p.shape), grad_fn=grad_fn(p)
        )
    p = U.pack_sequence(seqs, enforce_sorted=False)
    g = torch.randn(*p.data.shape)
    (p.data * g).sum().backward()
    cases["pack_sequence_unsorted"] = dict(
        seqs=[values(s) for s in seqs],
        repr=repr(p),
        data=values(p.data),
        grad_fn=grad_fn(p.data),
        batch_sizes=p.batch_sizes.tolist(),
        sorted_indices=p.sorted_indices.tolist(),
        unsorted_indices=p.unsorted_indices.tolist(),
        upstream=values(g),
        grads=[values(s.grad) for s in seqs],
    )
    for bf in (False, True):
        x = torch.randn(*((3, 5, 2) if bf else (5, 3, 2)), requires_grad=True)
        lengths = [2, 5, 4]
        p = U.pack_padded_sequence(x, torch.tensor(lengths), batch_first=bf, enforce_sorted=False)
        padded, lens = U.pad_packed_sequence(p, batch_first=bf, padding_value=0.5, total_length=6)
        g = torch.randn(*padded.shape)
        (padded * g).sum().backward()
        cases[f"pack_pad_roundtrip_bf{int(bf)}"] = dict(
            x=values(x),
            lengths=lengths,
            batch_first=bf,
            packed_repr=repr(p),
            padded=values(padded),
            padded_shape=list(padded.shape),
            padded_grad_fn=grad_fn(padded),
            lengths_out=lens.tolist(),
            upstream=values(g),
            x_grad=values(x.grad),
        )
    x = torch.randn(4, 2, 3, requires_grad=True)
    p = U.pack_padded_sequence(x, [3, 2])
    padded, lens = U.pad_packed_sequence(p)
    (padded * 2).sum().backward()
    cases["pack_sorted_short"] = dict(
        x=values(x),
        lengths=[3, 2],
        repr=repr(p),
        padded=values(padded),
        padded_shape=list(padded.shape),
        padded_grad_fn=grad_fn(padded),
        lengths_out=lens.tolist(),
        x_grad=values(x.grad),
    )
    x = torch.randn(4, 3, 2, requires_grad=True)
    padded = x * 1
    outs = U.unpad_sequence(padded, torch.tensor([4, 1, 3]))
    ups = [torch.randn(*o.shape) for o in outs]
    sum((o * u).sum() for o, u in zip(outs, ups)).backward()
    seqs = [torch.randn(2, 2), torch.randn(3, 2)]
    cases["unpad_unpack"] = dict(
        x=values(x),
        padded_shape=list(padded.shape),
        padded_grad_fn=grad_fn(padded),
        outs=[values(o) for o in outs],
        grad_fns=[grad_fn(o) for o in outs],
        upstream=[values(u) for u in ups],
        x_grad=values(x.grad),
        seqs=[values(s) for s in seqs],
        unpacked=[values(o) for o in U.unpack_sequence(U.pack_sequence(seqs, enforce_sorted=False))],
    )
    return cases


def text_of(fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001
        return f"{type(e).__name__}: {e}"
    return "NO ERROR"


def r(*shape):
    return torch.randn(*shape)


# name -> (Python call, the same call written in the test). The test runs `ts` by name from its own table.
ERRORS = {
    "lstm_input_size": lambda: nn.LSTM(3, 4)(r(5, 2, 5)),
    "lstm_h0_size": lambda: nn.LSTM(3, 4)(r(5, 2, 3), (r(1, 3, 4), r(1, 2, 4))),
    "lstm_c0_size": lambda: nn.LSTM(3, 4)(r(5, 2, 3), (r(1, 2, 4), r(1, 2, 5))),
    "lstm_batched_2d_hx": lambda: nn.LSTM(3, 4)(r(5, 2, 3), (r(2, 4), r(1, 2, 4))),
    "lstm_unbatched_3d_hx": lambda: nn.LSTM(3, 4)(r(5, 3), (r(1, 2, 4), r(1, 2, 4))),
    "lstm_empty_sequence": lambda: nn.LSTM(3, 4)(r(0, 2, 3)),
    "lstm_1d_input": lambda: nn.LSTM(3, 4)(r(5)),
    "lstm_proj_h0_size": lambda: nn.LSTM(3, 4, proj_size=2)(r(5, 2, 3), (r(1, 2, 4), r(1, 2, 4))),
    "gru_hidden_size": lambda: nn.GRU(3, 4)(r(5, 2, 3), r(1, 3, 4)),
    "gru_batched_2d_hx": lambda: nn.GRU(3, 4)(r(5, 2, 3), r(2, 4)),
    "rnn_unbatched_3d_hx": lambda: nn.RNN(3, 4)(r(5, 3), r(1, 2, 4)),
    "rnn_packed_input_size": lambda: nn.RNN(2, 4)(U.pack_sequence([r(3, 3), r(2, 3)])),
    "rnn_bad_nonlinearity": lambda: nn.RNN(3, 4, nonlinearity="foo"),
    "rnn_proj_size": lambda: nn.RNN(3, 4, proj_size=2),
    "gru_proj_size": lambda: nn.GRU(3, 4, proj_size=2),
    "lstm_proj_too_big": lambda: nn.LSTM(3, 4, proj_size=4),
    "lstm_proj_negative": lambda: nn.LSTM(3, 4, proj_size=-1),
    "lstm_dropout_range": lambda: nn.LSTM(3, 4, dropout=1.5),
    "lstm_dropout_bool": lambda: nn.LSTM(3, 4, dropout=True),
    "lstm_dropout_str": lambda: nn.LSTM(3, 4, dropout="x"),
    "lstm_missing_hidden": lambda: nn.LSTM(3),
    "rnnbase_mode": lambda: nn.RNNBase("FOO", 3, 4),
    "lstmcell_input_size": lambda: nn.LSTMCell(3, 4)(r(2, 5)),
    "lstmcell_batch": lambda: nn.LSTMCell(3, 4)(r(2, 3), (r(3, 4), r(2, 4))),
    "lstmcell_c_size": lambda: nn.LSTMCell(3, 4)(r(2, 3), (r(2, 4), r(2, 5))),
    "lstmcell_3d": lambda: nn.LSTMCell(3, 4)(r(2, 3, 3)),
    "grucell_hidden_size": lambda: nn.GRUCell(3, 4)(r(2, 3), r(2, 5)),
    "rnncell_batch": lambda: nn.RNNCell(3, 4)(r(2, 3), r(1, 4)),
    "rnncell_nonlinearity": lambda: nn.RNNCell(3, 4, nonlinearity="foo")(r(2, 3)),
    "pack_unsorted": lambda: U.pack_padded_sequence(r(3, 2, 2), torch.tensor([2, 3])),
    "pack_zero_length": lambda: U.pack_padded_sequence(r(3, 2, 2), torch.tensor([3, 0])),
    "pack_lengths_count": lambda: U.pack_padded_sequence(r(3, 2, 2), torch.tensor([3, 2, 1])),
    "pack_empty": lambda: U.pack_padded_sequence(r(0, 2, 2), [0, 0]),
    "pad_packed_total_length": lambda: U.pad_packed_sequence(U.pack_sequence([r(3)]), total_length=2),
    "pad_sequence_empty": lambda: U.pad_sequence([]),
    "pad_sequence_int": lambda: U.pad_sequence(3),
}


def main():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        nn.LSTM(3, 4, dropout=0.5)
        nn.GRU(3, 4, dropout=1)
    fixture = {
        "modules": {name: module_case(name, spec) for name, spec in MODULES.items()},
        "reprs": {},
        "packing": packing_cases(),
        "warnings": [f"{w.category.__name__}: {w.message}" for w in caught],
        "errors": {},
    }
    for name, (cls, args, kwargs) in REPRS.items():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            m = getattr(nn, cls)(*args, **kwargs)
        fixture["reprs"][name] = dict(cls=cls, args=args, kwargs=kwargs, repr=repr(m))
    for name, fn in ERRORS.items():
        torch.manual_seed(0)
        fixture["errors"][name] = text_of(fn)
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(fixture, f)
        f.write("\n")


main()
