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

with open("test/fixtures/autograd.json", "w") as f:
    f.write(json.dumps(out, indent=1) + "\n")
print("wrote test/fixtures/autograd.json")
