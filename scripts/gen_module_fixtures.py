"""Records what PyTorch 1.13's nn.Module API does (test/nn/module_api.test.ts): attribute assignment and deletion
of parameters, buffers and submodules (Module.__setattr__/__delattr__ and their errors), get_submodule /
get_parameter / get_buffer, non-persistent buffers, zero_grad, type(), load_state_dict's errors and partial loads,
state_dict metadata and hooks, forward and backward hooks (full and deprecated, with their warnings), and the
public names of dir(nn.Module).

Each scenario is a list of lines: what the program prints, an error as "ErrorClass: message", a warning as
"warning: message". The test runs the same scenario, written in TypeScript, and compares the lines.

Usage: /usr/bin/python3 scripts/gen_module_fixtures.py OUT.json
"""
import json
import sys
import warnings

import torch
import torch.nn as nn

SCENARIOS = {}


def scenario(fn):
    SCENARIOS[fn.__name__] = fn
    return fn


def attempt(out, fn):
    """Runs fn, recording its error (if any) and its warnings."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            fn()
        except Exception as e:  # noqa: BLE001 - the error is the result
            out.append(f"{type(e).__name__}: {e}")
    for w in caught:
        out.append(f"warning: {w.message}")


def names(pairs):
    return ", ".join(n for n, _ in pairs)


@scenario
def setattr_parameters():
    out = []
    torch.manual_seed(0)
    m = nn.Linear(2, 3)
    attempt(out, lambda: setattr(m, "weight", torch.zeros(3, 2)))
    attempt(out, lambda: setattr(m, "weight", 3))
    m.weight = None
    out.append(f"params: {names(m.named_parameters())}; state: {', '.join(m.state_dict())}")
    attempt(out, lambda: setattr(m, "weight", torch.zeros(3, 2, dtype=torch.float64)))
    m.weight = nn.Parameter(torch.ones(3, 2))
    out.append(f"params: {names(m.named_parameters())}")
    m.extra = nn.Parameter(torch.zeros(1))
    out.append(f"params: {names(m.named_parameters())}")
    del m.bias
    out.append(f"params: {names(m.named_parameters())}; state: {', '.join(m.state_dict())}")
    m.bias = torch.zeros(3)  # a plain attribute now
    out.append(f"params: {names(m.named_parameters())}; state: {', '.join(m.state_dict())}")
    attempt(out, lambda: m.register_parameter("bias", nn.Parameter(torch.zeros(3))))
    return out


@scenario
def setattr_modules_and_buffers():
    out = []
    m = nn.Module()
    m.fc = nn.Linear(1, 1)
    m.act = nn.ReLU()
    attempt(out, lambda: setattr(m, "fc", torch.zeros(1)))
    attempt(out, lambda: setattr(m, "act", "relu"))
    m.act = None
    out.append(f"children: {names(m.named_children())}")
    m.register_buffer("buf", torch.zeros(2))
    attempt(out, lambda: setattr(m, "buf", 5))
    attempt(out, lambda: setattr(m, "buf", [1.0, 2.0]))
    m.buf = torch.ones(2)
    out.append(f"buffers: {names(m.named_buffers())}; buf: {m.buf}")
    m.buf = None
    out.append(f"buffers: {names(m.named_buffers())}; state: {', '.join(m.state_dict())}")
    m.buf = torch.full((1,), 7.0)
    out.append(f"buffers: {names(m.named_buffers())}; state: {', '.join(m.state_dict())}")
    m.buf = nn.Parameter(torch.ones(1))  # a parameter replaces the buffer
    out.append(f"buffers: {names(m.named_buffers())}; params: {names(m.named_parameters())}")
    m.register_buffer("other", torch.zeros(1))
    m.other = nn.Linear(1, 2)  # a module replaces the buffer
    out.append(f"buffers: {names(m.named_buffers())}; children: {names(m.named_children())}")
    del m.fc
    out.append(f"children: {names(m.named_children())}; state: {', '.join(m.state_dict())}")
    attempt(out, lambda: m.register_buffer("plain", 3))
    m.plain = 3
    attempt(out, lambda: m.register_buffer("plain", torch.zeros(1)))
    return out


@scenario
def get_submodule_parameter_buffer():
    out = []
    torch.manual_seed(0)
    m = nn.Module()
    m.net = nn.Sequential(nn.Linear(2, 2), nn.BatchNorm1d(2))
    m.scale = nn.Parameter(torch.ones(1))
    out.append(str(m.get_submodule("")._get_name()))
    out.append(str(m.get_submodule("net.1")))
    out.append(str(m.get_parameter("scale")))
    out.append(str(m.get_parameter("net.0.bias").shape))
    out.append(str(m.get_buffer("net.1.running_var")))
    for call in [
        lambda: m.get_submodule("net.5"),
        lambda: m.get_submodule("net.0.weight"),
        lambda: m.get_submodule("nothing.here"),
        lambda: m.get_parameter("net.1.running_mean"),
        lambda: m.get_parameter("net.0.nope"),
        lambda: m.get_parameter("net.2.weight"),
        lambda: m.get_buffer("net.0.weight"),
        lambda: m.get_buffer("net.1.nope"),
        lambda: m.get_buffer("scale"),
    ]:
        attempt(out, call)
    return out


@scenario
def non_persistent_buffers():
    out = []
    m = nn.Module()
    m.register_buffer("kept", torch.zeros(2))
    m.register_buffer("cache", torch.ones(2), persistent=False)
    out.append(f"buffers: {names(m.named_buffers())}; state: {', '.join(m.state_dict())}")
    out.append(str(m.load_state_dict({"kept": torch.full((2,), 4.0)})))
    out.append(f"kept: {m.kept}; cache: {m.cache}")
    attempt(out, lambda: m.load_state_dict({"kept": torch.zeros(2), "cache": torch.zeros(2)}))
    m.register_buffer("cache", torch.ones(2))  # registered again: persistent now
    out.append(f"state: {', '.join(m.state_dict())}")
    return out


@scenario
def zero_grad_in_place():
    out = []
    torch.manual_seed(0)
    m = nn.Linear(2, 1)
    m(torch.ones(3, 2)).sum().backward()
    g = m.weight.grad
    m.zero_grad()
    out.append(f"same tensor: {m.weight.grad is g}; grad: {m.weight.grad}")
    m(torch.ones(3, 2)).sum().backward()
    m.zero_grad(set_to_none=True)
    out.append(f"after set_to_none: {m.weight.grad}")
    return out


@scenario
def type_and_share_memory():
    out = []
    torch.manual_seed(0)
    bn = nn.BatchNorm1d(2)
    out.append(f"share_memory returns the module: {bn.share_memory() is bn}")
    w = bn.weight
    bn.type(torch.float64)
    out.append(f"same parameter: {bn.weight is w}; " + ", ".join(f"{n}: {t.dtype}" for n, t in bn.state_dict().items()))
    lin = nn.Linear(1, 1).type("torch.DoubleTensor")
    out.append(f"{lin.weight.dtype} {type(lin.weight).__name__}")
    attempt(out, lambda: nn.Linear(1, 1).type("torch.Foo"))
    attempt(out, lambda: nn.Linear(1, 1).type(torch.int64))
    attempt(out, lambda: nn.Linear(1, 1).xpu())
    attempt(out, lambda: nn.Linear(1, 1).ipu())
    m = nn.Linear(2, 2)
    out.append(f"to_empty returns the module: {m.to_empty(device='cpu') is m}; {type(m.weight).__name__} {list(m.weight.shape)}")
    return out


@scenario
def load_state_dict_errors():
    out = []
    torch.manual_seed(0)
    net = nn.Sequential(nn.Linear(2, 3), nn.BatchNorm1d(3))
    good = {k: v.clone() for k, v in net.state_dict().items()}
    bad = dict(good)
    del bad["0.bias"]
    bad["0.extra"] = torch.zeros(1)
    bad["2.weight"] = torch.zeros(1)
    attempt(out, lambda: net.load_state_dict(bad))
    out.append(str(net.load_state_dict(bad, strict=False)))
    wrong = dict(good)
    wrong["0.weight"] = torch.zeros(2, 3)
    wrong["1.running_mean"] = 5
    wrong["1.weight"] = torch.full((3,), 9.0)
    attempt(out, lambda: net.load_state_dict(wrong))
    # PyTorch copies each entry as it goes: those before and after the bad ones are loaded.
    out.append(f"loaded before the error: {net[1].weight}")
    scalar = dict(good)
    scalar["1.num_batches_tracked"] = torch.tensor([5, 6])
    out.append(str(net.load_state_dict(scalar)))
    out.append(f"num_batches_tracked from a 1-element-or-more tensor: {net[1].num_batches_tracked}")
    return out


@scenario
def state_dict_metadata_and_hooks():
    out = []
    torch.manual_seed(0)
    net = nn.Sequential(nn.Linear(1, 1), nn.Sequential(nn.ReLU(), nn.Linear(1, 1)))
    sd = net.state_dict()
    out.append("metadata: " + ", ".join(f"{k!r}: {v['version']}" for k, v in sd._metadata.items()))
    out.append(f"_version: {nn.Module._version} {nn.Linear._version}")

    def hook(module, state_dict, prefix, local_metadata):
        out.append(f"state_dict hook: {module._get_name()} prefix={prefix!r} keys={list(state_dict)} version={local_metadata['version']}")
        state_dict[prefix + "note"] = torch.zeros(1)

    h = net[1]._register_state_dict_hook(hook)
    out.append(f"keys: {list(net.state_dict())}")
    h.remove()
    out.append(f"keys: {list(net.state_dict())}")

    def pre(state_dict, prefix, local_metadata, strict, missing, unexpected, errors):
        out.append(f"pre hook: prefix={prefix!r} local_metadata={local_metadata} strict={strict}")
        state_dict.pop(prefix + "stale", None)

    def post(module, incompatible):
        out.append(f"post hook: {module._get_name()} {incompatible}")
        incompatible.missing_keys.clear()

    net[1]._register_load_state_dict_pre_hook(pre)
    net[1].register_load_state_dict_post_hook(post)
    partial = {k: v for k, v in sd.items() if not k.startswith("0.")}
    partial["1.stale"] = torch.zeros(1)
    out.append(str(net.load_state_dict(partial)))
    return out


@scenario
def forward_hooks():
    out = []
    torch.manual_seed(0)
    m = nn.Linear(2, 1)

    def pre(module, inputs):
        out.append(f"pre: {len(inputs)} input(s)")
        return inputs[0] * 2  # not a tuple: becomes (result,)

    def post(module, inputs, output):
        out.append(f"post: input {inputs[0].tolist()}")
        return output + 100

    h1 = m.register_forward_pre_hook(pre)
    h2 = m.register_forward_hook(post)
    out.append(f"output: {m(torch.ones(1, 2)).detach()}")
    h1.remove()
    h2.remove()
    out.append(f"output: {m(torch.ones(1, 2)).detach()}")
    return out


@scenario
def full_backward_hooks():
    out = []
    torch.manual_seed(0)
    m = nn.Linear(2, 3)
    x = torch.randn(4, 2, requires_grad=True)

    def hook(module, grad_input, grad_output):
        out.append(f"hook: grad_input {[None if g is None else list(g.shape) for g in grad_input]}"
                   f" grad_output {[list(g.shape) for g in grad_output]}")
        out.append(f"grad_output[0][0]: {grad_output[0][0]}")
        return (grad_input[0] * 10,)

    h = m.register_full_backward_hook(hook)
    (m(x) * torch.arange(3.0)).sum().backward()
    out.append(f"x.grad (replaced by the hook): {x.grad}")
    out.append(f"grad_fn of the output: {type(m(x).grad_fn).__name__}")
    attempt(out, lambda: m.register_backward_hook(hook))
    h.remove()
    # No input requires grad: the hook sees None for it, and may not return anything else.
    m2 = nn.Linear(2, 1)
    m2.register_full_backward_hook(lambda mod, gi, go: out.append(f"no-grad input: {gi} {go[0].shape}"))
    m2(torch.ones(1, 2)).sum().backward()
    m3 = nn.Linear(2, 1)
    m3.register_full_backward_hook(lambda mod, gi, go: (torch.ones(1, 2),))
    attempt(out, lambda: m3(torch.ones(1, 2)).sum().backward())
    m4 = nn.Linear(2, 1)
    m4.register_full_backward_hook(lambda mod, gi, go: (gi[0], gi[0]))
    attempt(out, lambda: m4(torch.ones(1, 2, requires_grad=True)).sum().backward())
    return out


@scenario
def non_full_backward_hooks():
    out = []
    torch.manual_seed(0)
    s = nn.Sigmoid()
    x = torch.randn(3, requires_grad=True)

    def hook(module, grad_input, grad_output):
        out.append(f"hook: {module._get_name()} grad_input {[list(g.shape) for g in grad_input]} grad_output {grad_output[0]}")

    s.register_backward_hook(hook)
    y = x * 1.5
    attempt(out, lambda: s(y).sum().backward())
    attempt(out, lambda: s.register_full_backward_hook(hook))
    lin = nn.Linear(2, 2)
    lin.register_backward_hook(lambda mod, gi, go: out.append(f"linear hook: {len(gi)} grad_input(s)"))
    attempt(out, lambda: lin(torch.ones(1, 2, requires_grad=True)).sum().backward())
    return out


@scenario
def module_dir():
    return sorted(n for n in dir(nn.Module) if not n.startswith("__"))


def main(path):
    out = {}
    for name, fn in SCENARIOS.items():
        out[name] = fn()
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
