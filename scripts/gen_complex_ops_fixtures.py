# PyTorch's results for test/tensor/complex_ops.test.ts: the ops on complex tensors past torch.fft's and eig's
# own (tanh, sigmoid, flip, roll, rot90, einsum, ...), their grad_fn names and gradients, and tanh / sigmoid on
# a grid of values for the bit-level comparison (docs/complex.md).
# Run: /usr/bin/python3 scripts/gen_complex_ops_fixtures.py  ->  test/fixtures/complex_ops.json
import json
import math
import torch

CASES = {
    # name: python expression over w (complex128 [3], requires grad), c (complex64 [3]), cm (complex64 [2, 3]),
    # m (float64 [2, 3]); each case's result is compared by value, dtype, shape and grad_fn name.
    "tanh": "w.tanh()",
    "tanh_c64": "c.tanh()",
    "sigmoid": "w.sigmoid()",
    "sigmoid_c64": "torch.sigmoid(c)",
    "expit": "torch.special.expit(w)",
    "flip": "torch.stack([w, 2 * w]).flip(1)",
    "flip_2d": "cm.flip([0, 1])",
    "fliplr": "torch.fliplr(torch.stack([w, w.conj()]))",
    "flipud": "torch.flipud(cm)",
    "rot90": "torch.rot90(torch.stack([w, w.conj()]), 1, [0, 1])",
    "roll": "w.roll(1)",
    "roll_flat": "cm.roll(2)",
    "roll_dims": "cm.roll([1, -1], [0, 1])",
    "einsum_mv": "torch.einsum('ij,j->i', torch.complex(m, -m), w)",
    "einsum_outer": "torch.einsum('i,j->ij', w, w.conj())",
    "einsum_mm_t": "torch.einsum('ij,kj->ik', cm, cm)",
    "einsum_trace_sum": "torch.einsum('ij->', torch.complex(m, m))",
    "einsum_hadamard_real": "torch.einsum('ij,ij->ij', torch.complex(m, -m), m)",
    "einsum_batch": "torch.einsum('bij,bjk->bik', torch.stack([cm, cm.conj()]), torch.stack([cm.t(), cm.t()]))",
    "einsum_transpose": "torch.einsum('ij->ji', torch.complex(m, m))",
    # views and copies that run their real implementations on complex storage
    "diagonal": "torch.stack([w, w.conj(), 2 * w]).diagonal(1)",
    "diag_vector": "torch.diag(w, -1)",
    "diag_matrix": "torch.diag(torch.stack([w, w.conj(), 2 * w]))",
    "diag_embed": "torch.diag_embed(cm)",
    "movedim": "torch.stack([w, 2 * w]).movedim(0, 1)",
    "unbind": "torch.stack([w, w.conj()], 1).unbind(1)[1]",
    "split": "w.split([1, 2])[1]",
    "chunk": "torch.stack([w, w.conj()]).chunk(2, 1)[1]",
    "tensor_split": "torch.tensor_split(cm, 2, 1)[1]",
    "unflatten": "w.unflatten(0, (1, 3))",
    "outer": "torch.outer(w, w.conj())",
    "outer_real": "torch.outer(w, m[0])",
    "kron": "torch.kron(cm, torch.stack([w, w]))",
    "hstack": "torch.hstack([w, m[1]])",
    "vstack": "torch.vstack([w, w.conj()])",
    "block_diag": "torch.block_diag(torch.stack([w, w]), cm)",
    # square, norms of |z|, creation with a complex dtype
    "square": "w.square()",
    "vector_norm": "torch.linalg.vector_norm(w)",
    "vector_norm_ord1_dim": "torch.linalg.vector_norm(cm, 1, 1)",
    "linalg_norm_fro": "torch.linalg.norm(torch.stack([w, w.conj()]), 'fro')",
    "linalg_norm_inf": "torch.linalg.norm(torch.stack([w, 2 * w]), float('inf'))",
    "norm": "torch.norm(w)",
    "norm_p3_dim": "torch.stack([w, w.conj()]).norm(3, 1)",
    "ones": "torch.ones(2, 3, dtype=torch.complex64)",
    "ones_like": "torch.ones_like(w)",
    "full": "torch.full((2,), -2.5, dtype=torch.complex128)",
    "full_like": "torch.full_like(cm, 3)",
    "new_ones": "w.new_ones(2)",
    "new_full": "cm.new_full((3,), 7)",
    "zeros_requires_grad": "torch.zeros(2, dtype=torch.complex64, requires_grad=True)",
    "where": "torch.where(torch.tensor([True, False, True]), w, w.conj())",
    "where_real_other": "torch.where(torch.tensor([[True], [False]]), w, m)",
    "where_scalar": "torch.where(torch.tensor([True, False, True]), w, 0.5)",
    "where_method": "w.where(torch.tensor([False, True, True]), cm)",
    "masked_fill": "w.masked_fill(torch.tensor([True, False, True]), 2.5)",
    "masked_fill_broadcast": "cm.masked_fill(torch.tensor([False, True, False]), -1)",
    "reciprocal": "w.reciprocal()",
    "reciprocal_c64_edges": "torch.tensor([0j, 1e-30 + 0j, 1e30 + 1e30j, 2 - 1j], dtype=torch.complex64).reciprocal()",
    "cumsum": "torch.stack([w, w.conj()]).cumsum(1)",
    "cumsum_dim0_dtype": "torch.cumsum(cm, 0, dtype=torch.complex128)",
    "index_select": "torch.stack([w, 2 * w]).index_select(1, torch.tensor([2, 0, 2]))",
    "index_select_neg_dim": "torch.index_select(cm, -2, torch.tensor([1]))",
    "isnan": "torch.isnan(torch.tensor([1 + 2j, complex(float('nan'), 0), complex(0, float('nan')), complex(float('inf'), 1)]))",
    "isinf": "torch.tensor([1 + 2j, complex(float('nan'), 0), complex(0, float('-inf')), complex(float('inf'), 1)]).isinf()",
    "isfinite": "torch.isfinite(torch.tensor([1 + 2j, complex(float('nan'), 0), complex(0, float('-inf')), complex(float('inf'), 1)]))",
    "div_unscaled": "torch.tensor([1 + 1j, 2 - 1j, 3 + 0.5j, -1 + 4j], dtype=torch.complex128) / torch.tensor([1e200 + 1e200j, 1e-200 + 0j, 2 - 1j, 0.5 + 0.25j], dtype=torch.complex128)",
    "sgn": "torch.cat([w, w.new_zeros(1)]).sgn()",
    "log10": "w.log10()",
    "log2": "torch.log2(cm)",
    "rsqrt": "w.rsqrt()",
    "sinh": "w.sinh()",
    "cosh": "torch.cosh(cm)",
    "eq": "torch.stack([w, w.conj()]) == torch.tensor([1 + 2j, 0, 3 - 1j], dtype=torch.complex64)",
    "ne_scalar": "torch.cat([w, w.new_ones(1) * 3]).detach().ne(3)",
    "eq_real": "torch.eq(torch.cat([w.real.to(torch.complex128), w]), torch.cat([w.real, w.real]))",
    "repeat": "cm.repeat(2, 1, 2)",
    "tile": "torch.tile(w, (2, 2))",
    # in-place variants
    "mul_": "w.mul(1).mul_(w)",
    "add_alpha_": "w.mul(1).add_(w.conj(), alpha=2)",
    "sub_scalar_": "w.mul(1).sub_(3)",
    "div_": "w.mul(1).div_(w.conj())",
    "exp_": "w.mul(1).exp_()",
    "tanh_": "w.mul(1).tanh_()",
    "sigmoid_": "torch.sigmoid_(w.mul(1))",
    "reciprocal_": "w.mul(1).reciprocal_()",
    "pow_": "w.mul(1).pow_(2)",
    "fill_": "w.mul(1).fill_(2.5)",
    "zero_": "w.mul(1).zero_()",
    "copy_": "w.mul(1).copy_(w.conj())",
    "copy_real_src": "w.mul(1).copy_(m[0])",
    "inplace_view_no_grad": "(lambda z: (z.narrow(0, 1, 2).mul_(2), z)[1])(w.detach().clone())",
}
GRADS = {
    "grad_tanh": "w.tanh().abs().sum()",
    "grad_sigmoid": "torch.view_as_real(w.sigmoid() * w).pow(2).sum()",
    "grad_tanh_sigmoid_real": "(torch.complex(m, m * 0.5).tanh() + torch.complex(m, -m).sigmoid()).abs().sum()",
    "grad_flip_roll": "(w.flip(0) * w.roll(1) + torch.rot90(torch.stack([w, w]), 1, [0, 1])[:, 0]).abs().sum()",
    "grad_einsum": "torch.einsum('ij,j->i', torch.complex(m, -m), w).abs().sum() + torch.einsum('i,j->ij', w, w).real.sum()",
    "grad_norms": "torch.linalg.vector_norm(w) + torch.norm(torch.stack([w, w.conj()]), 3, 1).sum() + torch.linalg.norm(torch.stack([w, w]), 1) + torch.view_as_real(w.square()).sum()",
    "grad_where_masked_fill": "torch.view_as_real(torch.where(torch.tensor([[True], [False]]), w, torch.complex(m, -m)) * w.masked_fill(torch.tensor([False, True, False]), 3)).pow(2).sum()",
    "grad_cumsum_index_select_reciprocal": "torch.view_as_real(torch.stack([w, w.conj()]).cumsum(1).index_select(1, torch.tensor([2, 0, 2])) * w.reciprocal()).pow(2).sum()",
    "grad_inplace": "torch.view_as_real(w.mul(1).mul_(w).add_(w.conj(), alpha=2).div_(w.conj().add(3)).tanh_().mul(1).sigmoid_() * w.mul(1).pow_(2) + w.mul(1).fill_(2.5) * w + w.mul(1).copy_(torch.complex(m[0], m[1])) * w).pow(2).sum()",
    "grad_sgn": "torch.view_as_real(torch.cat([w, w * 0]).sgn() * torch.tensor([1 + 1j, 2, 3j, -1, 1, 1j], dtype=torch.complex128)).sum()",
    "grad_log_rsqrt_hyperbolic": "torch.view_as_real(w.log10() * w.log2() + w.rsqrt() * w.sinh() - w.cosh()).pow(2).sum()",
    "grad_repeat_tile": "torch.view_as_real(w.repeat(2, 2) * torch.arange(12.).reshape(2, 6) + torch.tile(w, (3,)).sum()).pow(2).sum()",
    "grad_views": "(torch.stack([w, w.conj()]).diagonal().sum() * torch.diag(w).sum() + torch.stack([w, 2 * w], 1).unbind(1)[1].sum() + w.split([2, 1])[0].sum() * w.chunk(3)[2].sum()).abs()",
    "grad_products": "(torch.outer(w, torch.complex(m[0], m[1])).sum() + torch.kron(w, w).sum() + torch.block_diag(torch.stack([w, w]), w.unflatten(0, (1, 3))).sum()).abs() + torch.hstack([w, m[0]]).abs().sum() + torch.vstack([w, w]).movedim(0, 1).real.sum()",
}
ERRORS = {
    "einsum_mixed_bmm": "torch.einsum('ij,j->i', cm, torch.ones(3))",
    "roll_mismatch": "w.roll([1, 2], [0])",
    "vector_norm_complex_dtype": "torch.linalg.vector_norm(w, dtype=torch.float64)",
}


def env():
    w = torch.tensor([1 + 2j, -0.5 + 0.25j, 3 - 1j], dtype=torch.complex128, requires_grad=True)
    c = torch.complex(torch.tensor([1.0, 3.0, 0.5]), torch.tensor([2.0, -1.0, 0.0]))
    cm = torch.complex(torch.tensor([[1.0, 2.0, -0.5], [0.0, -1.0, 4.0]]), torch.tensor([[0.5, -1.0, 2.0], [2.0, 1.0, -3.0]]))
    m = torch.tensor([[1.0, 2.0, 0.0], [3.0, -1.0, 2.5]], dtype=torch.float64, requires_grad=True)
    return {"torch": torch, "w": w, "c": c, "cm": cm, "m": m}


def num(v):
    """A float for JSON: non-finite values as strings ("inf", "-inf", "nan")."""
    return v if math.isfinite(v) else str(v)


def values(t):
    t = t.detach()
    if t.is_complex():
        t = torch.view_as_real(t.resolve_conj())
    return [num(v) for v in t.flatten().tolist()]


out = {"cases": {}, "grads": {}, "errors": {}, "grid": {}}
for name, expr in CASES.items():
    t = eval(expr, env())
    out["cases"][name] = {
        "expr": expr,
        "dtype": str(t.dtype),
        "shape": list(t.shape),
        "values": values(t),
        "grad_fn": t.grad_fn.name() if t.grad_fn is not None else None,
    }
for name, expr in GRADS.items():
    e = env()
    loss = eval(expr, e)
    loss.backward()
    out["grads"][name] = {
        "expr": expr,
        "loss": loss.item(),
        "w": values(e["w"].grad) if e["w"].grad is not None else None,
        "m": values(e["m"].grad) if e["m"].grad is not None else None,
    }
for name, expr in ERRORS.items():
    try:
        eval(expr, env())
        out["errors"][name] = None
    except Exception as err:  # noqa: BLE001 - the fixture records the class and text
        out["errors"][name] = {"expr": expr, "type": type(err).__name__, "message": str(err).split("\n")[0]}

# tanh and sigmoid on a grid of values, one element per call (PyTorch's scalar loop, not its vectorised one:
# a one-element tensor takes the basic loop), in both precisions, including glibc ctanh's special branches.
g = torch.Generator().manual_seed(0)
re = (torch.rand(400, generator=g, dtype=torch.float64) - 0.5) * 12
im = (torch.rand(400, generator=g, dtype=torch.float64) - 0.5) * 12
special = [(0.0, 0.0), (-0.0, 0.5), (1e-310, 2.0), (2.0, 1e-310), (400.0, 1.0), (-400.0, 0.3), (800.0, -2.0),
           (30.0, 1.5), (-20.0, -0.7), (float("inf"), 2.0), (float("-inf"), 0.5), (float("inf"), float("nan")),
           (float("nan"), 0.0), (0.0, float("inf")), (1.0, float("nan")), (1e-5, 1e-5), (0.7, math.pi / 2)]
pts = list(zip(re.tolist(), im.tolist())) + special
for dtype in (torch.complex128, torch.complex64):
    name = str(dtype).split(".")[1]
    inputs = [torch.complex(torch.tensor(a, dtype=torch.float64), torch.tensor(b, dtype=torch.float64)).to(dtype) for a, b in pts]
    out["grid"][name] = {
        "inputs": [values(z) for z in inputs],
        "tanh": [values(torch.tanh(z.reshape(1))) for z in inputs],
        "sigmoid": [values(torch.sigmoid(z.reshape(1))) for z in inputs],
        # one tensor of every point: PyTorch's vectorised loop (its complex tanh maps std::tanh too)
        "tanh_whole": values(torch.tanh(torch.stack(inputs))),
    }
json.dump(out, open("test/fixtures/complex_ops.json", "w"), indent=1)
