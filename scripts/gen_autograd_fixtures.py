"""Expected values and error texts for test/autograd/*.test.ts, from real PyTorch.

Run: /usr/bin/python3 scripts/gen_autograd_fixtures.py   (or: npm run fixtures -- autograd)
Writes test/fixtures/autograd.json.
"""
import json
import warnings

import torch

warnings.simplefilter("ignore")
torch.set_printoptions(precision=10)
out = {}


def err(f):
    try:
        f()
    except Exception as e:  # noqa: BLE001 - we record whatever PyTorch raises
        return {"type": type(e).__name__, "message": str(e).split("\n")[0]}
    return None


# 1. graph lifetime
x = torch.tensor(1.0, requires_grad=True)
y = x.exp()
y.backward()
out["second_backward"] = err(lambda: y.backward())
x = torch.tensor(2.0, requires_grad=True)
y = x.pow(3)
y.backward(retain_graph=True)
y.backward()
out["retain_graph_grad"] = x.grad.item()
v = torch.tensor([1.0, 2.0], requires_grad=True).mul(2)
out["non_scalar"] = err(lambda: v.backward())
out["gradient_shape"] = err(lambda: v.backward(torch.ones(3)))
x = torch.tensor(2.0, requires_grad=True)
d1 = torch.autograd.grad(x**3, x, create_graph=True)[0]
d2 = torch.autograd.grad(d1, x, create_graph=True)[0]
d3 = torch.autograd.grad(d2, x, create_graph=True)[0]
out["higher"] = [d1.item(), d2.item(), d3.item(), d3.requires_grad]
x = torch.tensor([0.5, -1.5, 2.0], requires_grad=True)
(g,) = torch.autograd.grad(torch.sin(x * x).sum(), x, create_graph=True)
(gg,) = torch.autograd.grad(g.sum(), x)
out["sin_sq_second"] = {"g": g.tolist(), "gg": gg.tolist()}
x = torch.tensor(1.0, requires_grad=True)
z = torch.tensor(1.0, requires_grad=True)
out["unused"] = err(lambda: torch.autograd.grad(x * 2, [x, z]))

# 2. hooks
x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x * 3
seen = []
y.register_hook(lambda g: seen.append(g.tolist()))
h = y.register_hook(lambda g: g * 10)
(y * y).sum().backward()
out["tensor_hook"] = {"seen": seen, "grad": x.grad.tolist()}
x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x * 3
h = y.register_hook(lambda g: g * 10)
h.remove()
(y * y).sum().backward()
out["tensor_hook_removed"] = x.grad.tolist()
x = torch.tensor([1.0, 2.0], requires_grad=True)
x.register_hook(lambda g: g + 1)
(x * x).sum().backward()
out["leaf_hook"] = x.grad.tolist()
out["hook_no_grad"] = err(lambda: torch.ones(2).register_hook(lambda g: g))
x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x.sin()
log = []
y.grad_fn.register_prehook(lambda go: (go[0] * 2,))
y.grad_fn.register_hook(lambda gi, go: log.append([gi[0].tolist(), go[0].tolist()]))
y.sum().backward()
out["node_hooks"] = {"log": log, "grad": x.grad.tolist()}

# 3. custom functions


class MyExp(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, scale):
        r = x.exp() * scale
        ctx.save_for_backward(r)
        return r

    @staticmethod
    def backward(ctx, g):
        (r,) = ctx.saved_tensors
        return g * r, None


x = torch.tensor([0.5, 1.0], requires_grad=True)
y = MyExp.apply(x, 2.0)
out["custom_name"] = y.grad_fn.name()
y.sum().backward()
out["custom_grad"] = x.grad.tolist()


class NoneGrads(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, k):
        return x * k

    @staticmethod
    def backward(ctx, g):
        return g


out["custom_wrong_count"] = err(lambda: NoneGrads.apply(torch.ones(2, requires_grad=True), 3).sum().backward())


class WrongShape(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return x * 2

    @staticmethod
    def backward(ctx, g):
        return torch.ones(3)


out["custom_wrong_shape"] = err(lambda: WrongShape.apply(torch.ones(2, requires_grad=True)).sum().backward())


class Dirty(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.mark_dirty(x)
        return x.mul_(2)

    @staticmethod
    def backward(ctx, g):
        return g * 2


out["custom_dirty_leaf"] = err(lambda: Dirty.apply(torch.ones(2, requires_grad=True)))

# 4. in-place
def modified(make):
    a = torch.tensor([1.0, 2.0], requires_grad=True)
    return err(lambda: make(a).sum().backward())


def add_then_square(a):
    b = a + 1
    c = b * b
    b.add_(1)
    return c


def exp_then_add(a):
    b = a.exp()
    b.add_(1)
    return b


def rebased(a):
    b = a.sigmoid()
    c = b.sin()
    b.mul_(2)
    return c


out["version_add"] = modified(add_then_square)
out["version_exp"] = modified(exp_then_add)
out["version_rebased"] = modified(rebased)
def exp_then_neg(a):
    b = a * 1
    b.exp_().neg_()
    return b


out["version_exp_inplace"] = modified(exp_then_neg)
out["leaf_inplace"] = err(lambda: torch.tensor(1.0, requires_grad=True).add_(1))
a = torch.tensor([0.5, -1.0, 2.0], requires_grad=True)
b = a * 1
b.mul_(3).sin_().neg_()
b.pow_(2)
b.sum().backward()
out["inplace_chain"] = {"value": b.tolist(), "grad": a.grad.tolist(), "grad_fn": b.grad_fn.name()}
a = torch.tensor([0.5, -1.0, 2.0], requires_grad=True)
b = a * 1
b.sigmoid_()
b.sum().backward()
out["inplace_sigmoid"] = {"value": b.tolist(), "grad": a.grad.tolist(), "grad_fn": b.grad_fn.name()}
a = torch.tensor([0.5, -1.0, 2.0], requires_grad=True)
b = a * 1
b.relu_()
b.sum().backward()
out["inplace_relu"] = {"value": b.tolist(), "grad": a.grad.tolist(), "grad_fn": b.grad_fn.name()}


def sigmoid_then_relu(a):
    b = a * 1
    b.sigmoid_().relu_()
    return b


out["version_sigmoid_relu"] = modified(sigmoid_then_relu)
src = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
w = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], requires_grad=True)
dst = w * 1
dst.copy_(src)
(dst * dst).sum().backward()
out["copy"] = {"grad_fn": dst.grad_fn.name(), "src_grad": src.grad.tolist(), "w_grad": w.grad.tolist()}

# in-place on views: CopySlices
x = torch.tensor([1.0, 2.0, 3.0, 4.0], requires_grad=True)
base = x * 1
v = base.narrow(0, 1, 2)
v.mul_(2)
(base * base).sum().backward()
out["view_narrow"] = {
    "base_fn": base.grad_fn.name(),
    "view_fn": v.grad_fn.name(),
    "base": base.tolist(),
    "grad": x.grad.tolist(),
}
x = torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
w = torch.tensor(3.0, requires_grad=True)
b = x.sin()
col = b.select(1, 0)
col.mul_(w)
(b * b).sum().backward()
out["view_select_other"] = {"x_grad": x.grad.tolist(), "w_grad": w.grad.item()}
w = torch.tensor([2.0, 5.0], requires_grad=True)
z = torch.zeros(3)
z.narrow(0, 0, 2).mul_(1).add_(w)
(z * z).sum().backward()
out["view_of_no_grad_base"] = {"base_fn": z.grad_fn.name(), "w_grad": w.grad.tolist()}
w = torch.tensor([2.0, 5.0], requires_grad=True)
z = torch.ones(2)
z.mul_(w)
z.sum().backward()
out["inplace_into_plain"] = {"grad_fn": z.grad_fn.name(), "w_grad": w.grad.tolist()}
out["view_of_leaf"] = err(lambda: torch.ones(3, requires_grad=True).narrow(0, 0, 2).mul_(2))
y = torch.tensor([1.0, 2.0], requires_grad=True) * 1
d = y.detach()
d.mul_(2)
out["detached_inplace"] = {"y_fn": y.grad_fn.name(), "y": y.tolist()}

# 5. functional


def quartic(x, y):
    return (x * x * y).sum() + (y.exp() * x).sum()


xs = (torch.tensor([0.3, -0.7], dtype=torch.float64), torch.tensor([1.1, 0.4], dtype=torch.float64))
H = torch.autograd.functional.hessian(quartic, xs)
out["hessian"] = [[h.tolist() for h in row] for row in H]
J = torch.autograd.functional.jacobian(lambda x: torch.sin(x) * x.sum(), xs[0])
out["jacobian"] = J.tolist()
fo, vj = torch.autograd.functional.vjp(lambda x: x.exp() * 2, xs[0], torch.tensor([1.0, 3.0], dtype=torch.float64))
out["vjp"] = [fo.tolist(), vj.tolist()]
fo, jv = torch.autograd.functional.jvp(lambda x: x.exp() * x.sum(), xs[0], torch.tensor([1.0, 3.0], dtype=torch.float64))
out["jvp"] = [fo.tolist(), jv.tolist()]
v = (torch.tensor([1.0, 2.0], dtype=torch.float64), torch.tensor([-1.0, 0.5], dtype=torch.float64))
fo, vh = torch.autograd.functional.vhp(quartic, xs, v)
out["vhp"] = [fo.item(), [t.tolist() for t in vh]]
fo, hv = torch.autograd.functional.hvp(quartic, xs, v)
out["hvp"] = [fo.item(), [t.tolist() for t in hv]]

F = torch.autograd.functional
ones2 = torch.ones(2)
out["functional_errors"] = [
    err(lambda: F.vjp(lambda t: t * 2, ones2)),
    err(lambda: F.vjp(lambda t: t * 2, ones2, torch.ones(3))),
    err(lambda: F.jvp(lambda t: t * 2, ones2)),
    err(lambda: F.hessian(lambda t: t * 2, ones2)),
    err(lambda: F.vjp(lambda t: t * 2, (ones2,), (torch.ones(2), torch.ones(2)))),
    err(lambda: F.jvp(lambda a, b: a * b, (ones2, ones2), (torch.ones(2), torch.ones(3)))),
]

# 6. inference mode and anomaly
with torch.inference_mode():
    inf = torch.ones(2)
    inf_view = inf.view(2)
out["inference_flags"] = [inf.is_inference(), inf_view.is_inference(), inf.requires_grad]
leaf = torch.tensor([1.0, 2.0], requires_grad=True)
out["inference_save"] = err(lambda: inf * leaf)
out["inference_add_ok"] = err(lambda: inf + leaf)
out["inference_inplace"] = err(lambda: inf.add_(1))
a = torch.tensor([0.0, 2.0], requires_grad=True)
with torch.autograd.detect_anomaly():
    out["anomaly_div"] = err(lambda: (a / a).sum().backward())
    w = torch.tensor([0.0, 1.0], requires_grad=True)
    out["anomaly_pow"] = err(lambda: (w.pow(0.5) * 0).sum().backward())

# 7. graph lifetime, create_graph, double backward, gradgradcheck, views and in-place writes (issue 13)
a = torch.tensor(2.0, requires_grad=True)
b = a.pow(2)
out_ = b.mul(5)
g1 = torch.autograd.grad(out_, b, retain_graph=True)[0].item()
g2 = torch.autograd.grad(out_, b)[0].item()
b.backward()
out["grad_nonleaf"] = {"grads": [g1, g2], "a_grad": a.grad.item()}
a = torch.tensor(2.0, requires_grad=True)
b = a * 3
b.register_hook(lambda g: g * 10)
b.retain_grad()
out_ = b * 5
captured = torch.autograd.grad(out_, b, retain_graph=True)[0].item()
b_grad_after_capture = b.grad
through = torch.autograd.grad(out_, a, retain_graph=True)[0].item()
out["grad_capture_hooks"] = {
    "captured": captured,
    "b_grad_after_capture": b_grad_after_capture,
    "through": through,
    "b_grad": b.grad.item(),
}


class NoSave(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return x * 2

    @staticmethod
    def backward(ctx, g):
        return g * 2


class Saves(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x * 2

    @staticmethod
    def backward(ctx, g):
        (x,) = ctx.saved_tensors
        return g * 2


def into_slice(x):
    z = torch.zeros(2)
    z[:1] = x[:1]
    return z.sum()


def add_into_slice(x):
    z = x.clone()
    z[:1].add_(1)
    return z.sum()


def add_in_place(x):
    z = x.clone()
    z.add_(1)
    return z.sum()


SECOND_BACKWARD = {
    "add": lambda x: (x + 1).sum(),
    "sum": lambda x: x.sum(),
    "mul_scalar": lambda x: (x * 3).sum(),
    "sub_neg": lambda x: (-(x - 1)).sum(),
    "mean": lambda x: x.mean(),
    "view_t": lambda x: x.view(2, 1).t().sum(),
    "exp": lambda x: x.exp().sum(),
    "cat": lambda x: torch.cat([x, x]).sum(),
    "index": lambda x: x[torch.tensor([0, 1])].sum(),
    "function_no_save": lambda x: NoSave.apply(x).sum(),
    "function_saves": lambda x: Saves.apply(x).sum(),
    "copy_slices": into_slice,
    "copy_slices_add": add_into_slice,
    "add_in_place": add_in_place,
    "expand": lambda x: x.expand(2, 2).sum(),
}
second = {}
for key, fn in SECOND_BACKWARD.items():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    y = fn(x)
    y.backward()
    e = err(lambda: y.backward())
    second[key] = e if e else x.grad.tolist()
out["second_backward_by_op"] = second

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    (x * x).sum().backward(create_graph=True)
    first = {"repr": repr(x.grad), "type": type(x.grad.grad_fn).__name__, "name": x.grad.grad_fn.name()}
    first["next"] = [None if f is None else f.name() for f, _ in x.grad.grad_fn.next_functions]
    (x * x).sum().backward(create_graph=True)
    again = repr(x.grad)
    y = torch.tensor([1.0, 2.0], requires_grad=True)
    torch.autograd.grad((y * y).sum(), y, create_graph=True)
    gg = x.grad.sum()
warned = [(w.category.__name__, str(w.message)) for w in caught]
warnings.simplefilter("ignore")
x = torch.tensor([1.0, 2.0], requires_grad=True)
(x * x * x).sum().backward(create_graph=True)
g = x.grad
x.grad.sum().backward()
out["create_graph"] = {
    "warnings": warned,
    "first": first,
    "again": again,
    "grad_of_grad": x.grad.tolist(),
    "same": x.grad is g,
}


def hess(fn, values):
    t = torch.tensor(values, dtype=torch.float64, requires_grad=True)
    return torch.autograd.functional.hessian(fn, t).tolist()


out["prod_cumprod_hessians"] = {
    "prod_one_zero": hess(lambda t: t.prod(), [0.0, 2.0, 3.0]),
    "prod_two_zeros": hess(lambda t: t.prod(), [0.0, 2.0, 0.0]),
    "prod_dim_zero": hess(lambda t: t.prod(1).sum(), [[0.0, 2.0, 3.0], [1.5, 0.0, -1.0]]),
    "prod_dim0_keepdim": hess(
        lambda t: (t.prod(0, keepdim=True) * torch.tensor([[1.0, 2.0]], dtype=torch.float64)).sum(),
        [[0.0, 2.0], [3.0, 0.0], [0.5, 4.0]],
    ),
    "cumprod_one_zero": hess(lambda t: t.cumprod(0).sum(), [0.0, 2.0, 3.0]),
    "cumprod_two_zeros": hess(lambda t: t.cumprod(0).sum(), [0.0, 2.0, 0.0]),
    "cumprod_weighted": hess(
        lambda t: (t.cumprod(0) * torch.tensor([1.0, -2.0, 0.5, 3.0], dtype=torch.float64)).sum(),
        [1.5, 0.0, 2.0, -1.0],
    ),
    "cumprod_dim1": hess(lambda t: (t.cumprod(1) ** 2).sum(), [[1.0, 0.0, 2.0], [0.0, 3.0, 0.0]]),
}
x = torch.tensor([[1.0, 0.0, 2.0], [0.0, 3.0, -1.0]], requires_grad=True)
(x.cumprod(1) * torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])).sum().backward()
out["cumprod_zero_grad"] = x.grad.tolist()


class Detached(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x**3

    @staticmethod
    def backward(ctx, g):
        (x,) = ctx.saved_tensors
        return g * 3 * x.detach() ** 2


class HalfWrong(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x**3

    @staticmethod
    def backward(ctx, g):
        (x,) = ctx.saved_tensors
        return g * 3 * x * x.detach()


def first_line(f):
    try:
        return {"value": f()}
    except Exception as e:  # noqa: BLE001
        return {"type": type(e).__name__, "message": str(e).split("\n")[0]}


xd = torch.tensor([0.5, 1.5], dtype=torch.float64, requires_grad=True)
zeros_in = torch.tensor([0.0, 2.0, 3.0], dtype=torch.float64, requires_grad=True)
torch.manual_seed(0)
out["gradgradcheck"] = {
    "detached_gradcheck": first_line(lambda: torch.autograd.gradcheck(Detached.apply, xd)),
    "detached": first_line(lambda: torch.autograd.gradgradcheck(Detached.apply, xd)),
    "detached_no_raise": first_line(lambda: torch.autograd.gradgradcheck(Detached.apply, xd, raise_exception=False)),
    "half_wrong": first_line(lambda: torch.autograd.gradgradcheck(HalfWrong.apply, xd)),
    "prod_zero": first_line(lambda: torch.autograd.gradgradcheck(lambda t: t.prod(), zeros_in)),
    "cumprod_zero": first_line(lambda: torch.autograd.gradgradcheck(lambda t: t.cumprod(0), zeros_in)),
    "given_grad_outputs": first_line(
        lambda: torch.autograd.gradgradcheck(lambda t: t * t, xd, torch.tensor([1.0, -2.0], dtype=torch.float64))
    ),
    "no_rev_over_rev": first_line(lambda: torch.autograd.gradgradcheck(lambda t: t * 2, xd, check_rev_over_rev=False)),
    "nothing_requires_grad": first_line(
        lambda: torch.autograd.gradgradcheck(lambda t: t * 2, torch.ones(2, dtype=torch.float64))
    ),
}

# views and in-place writes
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
z = torch.zeros(3)
z[:2] = x[:2] * 2
c = torch.zeros(2)
c.copy_(x[1:])
y = torch.ones(2, requires_grad=True).clone()
out["inplace_reprs"] = {
    "copy_slices": [repr(z), repr(z.grad_fn).split(" object")[0], z.grad_fn.name()],
    "copy": [repr(c), repr(c.grad_fn).split(" object")[0], c.grad_fn.name()],
    "fill_scalar": y.clone().fill_(3).grad_fn.name(),
    "fill_tensor": y.clone().fill_(torch.tensor(3.0)).grad_fn.name(),
    "zero": y.clone().zero_().grad_fn.name(),
    "zero_view": repr(y.clone()[1:].zero_()),
}
leaf = torch.ones(3, requires_grad=True)
nonleaf = leaf * 2
plain = torch.ones(3)
with torch.no_grad():
    views = {
        "narrow": leaf[:2],
        "view": leaf.view(3),
        "unsqueeze": leaf.unsqueeze(0),
        "of_nonleaf": nonleaf[1:],
        "of_plain": plain[:2],
    }
    others = {"detach": leaf.detach(), "mul": leaf * 1}
    view_of_view = views["narrow"][:1]
    fresh_view = torch.ones(3)[:2]
flags = {k: [t.requires_grad, t.is_leaf, t.grad_fn is None, repr(t)] for k, t in {**views, **others}.items()}
plain.requires_grad_()
flags["of_plain_after"] = [views["of_plain"].requires_grad, views["of_plain"].is_leaf, True, repr(views["of_plain"])]
used = views["narrow"] * 2
used.sum().backward()
out["no_grad_views"] = {
    "flags": flags,
    "used_grad_fn": [used.grad_fn.name(), [f is None for f, _ in used.grad_fn.next_functions]],
    "leaf_grad": leaf.grad,
    "inplace": err(lambda: views["narrow"].mul_(2)),
    "inplace_nonleaf": err(lambda: views["of_nonleaf"].add_(1)),
    "inplace_view_of_view": err(lambda: view_of_view.add_(1)),
    "inplace_plain": err(lambda: views["of_plain"].add_(1)),
    "inplace_other_requires_grad": err(lambda: fresh_view.add_(torch.ones(2, requires_grad=True))),
}
with torch.no_grad():
    views["narrow"].mul_(2)
out["no_grad_views"]["after_no_grad_write"] = [leaf.tolist(), views["narrow"].requires_grad]


def var_add():
    x = torch.tensor([1.0, 2.0, 4.0], requires_grad=True)
    y = x.var()
    y.add_(1)
    y.backward()
    return x.grad.tolist()


def var_dim_add():
    x = torch.tensor([[1.0, 2.0, 4.0], [0.0, 1.0, 3.0]], requires_grad=True)
    y = x.var(1)
    y.add_(1)
    y.sum().backward()
    return x.grad.tolist()


def std_add():
    x = torch.tensor([1.0, 2.0, 4.0], requires_grad=True)
    y = x.std()
    y.add_(1)
    y.backward()
    return x.grad.tolist()


out["var_inplace"] = {"var": first_line(var_add), "var_dim": first_line(var_dim_add), "std": first_line(std_add)}


def expanded():
    return torch.zeros(1, 3).expand(2, 3)


EXPANDED_WRITES = {
    "add_": lambda e: e.add_(1),
    "mul_": lambda e: e.mul_(2),
    "sub_tensor": lambda e: e.sub_(torch.ones(3)),
    "div_": lambda e: e.div_(2),
    "pow_": lambda e: e.pow_(2),
    "neg_": lambda e: e.neg_(),
    "exp_": lambda e: e.exp_(),
    "sigmoid_": lambda e: e.sigmoid_(),
    "clamp_": lambda e: e.clamp_(0, 1),
    "copy_": lambda e: e.copy_(torch.ones(2, 3)),
    "copy_broadcast": lambda e: e.copy_(torch.ones(3)),
    "zero_": lambda e: e.zero_(),
    "fill_": lambda e: e.fill_(1),
    "fill_tensor": lambda e: e.fill_(torch.tensor(2.0)),
    "row_add_": lambda e: e[0].add_(1),
    "transposed_add_": lambda e: e.t().add_(1),
    "out": lambda e: torch.add(torch.ones(2, 3), 1, out=e),
    "uniform_": lambda e: e.uniform_(),
    "relu_inplace": lambda e: torch.nn.functional.relu(e, inplace=True),
}
writes = {}
for key, fn in EXPANDED_WRITES.items():
    e = expanded()
    r = err(lambda: fn(e))
    writes[key] = r if r else e.tolist()
out["expanded_writes"] = writes

with open("test/fixtures/autograd.json", "w") as f:
    f.write(json.dumps(out, indent=1) + "\n")
print("wrote test/fixtures/autograd.json")
