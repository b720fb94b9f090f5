// Op table rows: complex tensors (src/ops/complex.ts, complex_math.ts). The inputs are real and the rows build
// complex tensors with torch.complex and compare complex results through torch.view_as_real, so the op table's
// fixtures, gradients, gradcheck and gradgradcheck exercise the complex ops' Wirtinger derivatives end to end.
// (torch.dot of complex tensors is left out: PyTorch 1.13's build here returns 0 from BLAS's zdotu.)
import * as torch from "../../../src/index.js";
import { f, f64, nz, pos, type OpCase } from "../op_case.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const t = torch as any;
type T = torch.Tensor;
const vr = (x: T): T => t.view_as_real(x);
const cx = (a: T, b: T): T => t.complex(a, b);
const row = (name: string, py: string, inputs: OpCase["inputs"], ts: OpCase["ts"], ulps = 8): OpCase => ({
  name,
  py,
  inputs,
  ts,
  ulps,
  atol: 1e-6,
});
const VR = (e: string) => `torch.view_as_real(${e})`;

export const COMPLEX_MATH_OPS: OpCase[] = [
  row("complex.construct", VR("torch.complex(a, b)"), [f(2, 3), f(3)], (a, b) => vr(cx(a, b))),
  row("complex.exp", VR("torch.complex(a, b).exp()"), [f(2, 3), f(2, 3)], (a, b) => vr(cx(a, b).exp())),
  row("complex.log", VR("torch.complex(a, b).log()"), [nz(5), nz(5)], (a, b) => vr(cx(a, b).log())),
  row("complex.sqrt", VR("torch.complex(a, b).sqrt()"), [nz(5), nz(5)], (a, b) => vr(cx(a, b).sqrt())),
  row("complex.sin", VR("torch.sin(torch.complex(a, b))"), [f(4), f(4)], (a, b) => vr(t.sin(cx(a, b)))),
  row("complex.cos", VR("torch.cos(torch.complex(a, b))"), [f(4), f(4)], (a, b) => vr(t.cos(cx(a, b)))),
  row("complex.exp.float64", VR("torch.complex(a, b).exp()"), [f64(4), f64(4)], (a, b) => vr(cx(a, b).exp())),
  row("complex.pow.scalar", VR("torch.complex(a, b).pow(2.5)"), [nz(4), nz(4)], (a, b) =>
    vr(cx(a, b).pow(2.5)),
  ),
  row("complex.pow.square", VR("torch.complex(a, b).pow(2)"), [f(4), f(4)], (a, b) => vr(cx(a, b).pow(2))),
  row("complex.pow.inverse", VR("torch.complex(a, b) ** -1"), [nz(4), nz(4)], (a, b) => vr(cx(a, b).pow(-1))),
  row(
    "complex.pow.tensor",
    VR("torch.complex(a, b).pow(torch.complex(c, b))"),
    [pos(4), nz(4), f(4)],
    (a, b, c) => vr(cx(a, b).pow(cx(c, b))),
    64,
  ),
  row(
    "complex.pow.real_exponent",
    VR("torch.complex(a, b).pow(c)"),
    [pos(4), nz(4), f(4)],
    (a, b, c) => vr(cx(a, b).pow(c)),
    64,
  ),
  row("complex.pow.scalar_base", VR("torch.pow(2, torch.complex(a, b))"), [f(4), f(4)], (a, b) =>
    vr(t.pow(2, cx(a, b))),
  ),
  row(
    "complex.mm",
    VR("torch.complex(a, b) @ torch.complex(c, -c)"),
    [f(2, 3), f(2, 3), f(3, 4)],
    (a, b, c) => vr(cx(a, b).matmul(cx(c, c.neg()))),
    64,
  ),
  row(
    "complex.mv",
    VR("torch.mv(torch.complex(a, b), torch.complex(c, c))"),
    [f(2, 3), f(2, 3), f(3)],
    (a, b, c) => vr(t.mv(cx(a, b), cx(c, c))),
    64,
  ),
  row(
    "complex.bmm",
    VR("torch.bmm(torch.complex(a, b), torch.complex(c, c * 2))"),
    [f(2, 2, 3), f(2, 2, 3), f(2, 3, 2)],
    (a, b, c) => vr(t.bmm(cx(a, b), cx(c, c.mul(2)))),
    64,
  ),
  row(
    "complex.matmul.broadcast",
    VR("torch.complex(a, b) @ torch.complex(c, c)"),
    [f(2, 2, 3), f(2, 2, 3), f(3, 2)],
    (a, b, c) => vr(t.matmul(cx(a, b), cx(c, c))),
    64,
  ),
  row(
    "complex.matmul.vector_left",
    VR("torch.complex(a, b) @ torch.complex(c, -c)"),
    [f(3), f(3), f(2, 3, 2)],
    (a, b, c) => vr(t.matmul(cx(a, b), cx(c, c.neg()))),
    64,
  ),
  row("complex.cat", VR("torch.cat([torch.complex(a, b), c], 0)"), [f(2, 3), f(2, 3), f(1, 3)], (a, b, c) =>
    vr(t.cat([cx(a, b), c], 0)),
  ),
  row(
    "complex.stack",
    VR("torch.stack([torch.complex(a, b), torch.complex(b, a)], 1)"),
    [f(2, 3), f(2, 3)],
    (a, b) => vr(t.stack([cx(a, b), cx(b, a)], 1)),
  ),
  row("complex.sum.dim", VR("torch.complex(a, b).sum(1)"), [f(2, 3), f(2, 3)], (a, b) => vr(cx(a, b).sum(1))),
  row("complex.mean.dim", VR("torch.complex(a, b).mean(0, keepdim=True)"), [f(2, 3), f(2, 3)], (a, b) =>
    vr(cx(a, b).mean(0, true)),
  ),
  row("complex.abs", "torch.complex(a, b).abs()", [nz(5), nz(5)], (a, b) => cx(a, b).abs()),
  row("complex.mul", VR("torch.complex(a, b) * torch.complex(b, c)"), [f(4), f(4), f(4)], (a, b, c) =>
    vr(cx(a, b).mul(cx(b, c))),
  ),
  row("complex.div", VR("torch.complex(a, b) / torch.complex(c, b)"), [f(4), nz(4), nz(4)], (a, b, c) =>
    vr(cx(a, b).div(cx(c, b))),
  ),
  row("complex.mul.real", VR("torch.complex(a, b) * c"), [f(2, 3), f(2, 3), f(3)], (a, b, c) =>
    vr(cx(a, b).mul(c)),
  ),
  row("complex.expand", VR("torch.complex(a, b).expand(3, 2, 4)"), [f(2, 1), f(2, 4)], (a, b) =>
    vr(cx(a, b).expand([3, 2, 4])),
  ),
  row("complex.permute", VR("torch.complex(a, b).permute(2, 0, 1)"), [f(2, 3, 2), f(2, 3, 2)], (a, b) =>
    vr(cx(a, b).permute(2, 0, 1)),
  ),
  row("complex.conj.imag", "torch.complex(a, b).conj().imag", [f(4), f(4)], (a, b) =>
    t.imag(cx(a, b).conj()),
  ),
  row("complex.select", VR("torch.complex(a, b).select(1, -1)"), [f(3, 4), f(3, 4)], (a, b) =>
    vr(cx(a, b).select(1, -1)),
  ),
  row("complex.narrow", VR("torch.complex(a, b).narrow(0, 1, 2)"), [f(4, 3), f(4, 3)], (a, b) =>
    vr(cx(a, b).narrow(0, 1, 2)),
  ),
  row("complex.tanh", VR("torch.complex(a, b).tanh()"), [f(2, 3), f(2, 3)], (a, b) => vr(cx(a, b).tanh())),
  row("complex.tanh.float64", VR("torch.tanh(torch.complex(a, b))"), [f64(5), f64(5)], (a, b) =>
    vr(t.tanh(cx(a, b))),
  ),
  row("complex.sigmoid", VR("torch.complex(a, b).sigmoid()"), [f(2, 3), f(2, 3)], (a, b) =>
    vr(cx(a, b).sigmoid()),
  ),
  row("complex.sigmoid.float64", VR("torch.sigmoid(torch.complex(a, b))"), [f64(5), f64(5)], (a, b) =>
    vr(t.sigmoid(cx(a, b))),
  ),
  row("complex.flip", VR("torch.complex(a, b).flip([0, 1])"), [f(2, 3), f(2, 3)], (a, b) =>
    vr(cx(a, b).flip([0, 1])),
  ),
  row("complex.roll", VR("torch.complex(a, b).roll([1, -2], [0, 1])"), [f(3, 4), f(3, 4)], (a, b) =>
    vr(cx(a, b).roll([1, -2], [0, 1])),
  ),
  row("complex.roll.flat", VR("torch.complex(a, b).roll(2)"), [f(2, 3), f(2, 3)], (a, b) =>
    vr(cx(a, b).roll(2)),
  ),
  row("complex.rot90", VR("torch.rot90(torch.complex(a, b), 1, [0, 1])"), [f(2, 3), f(2, 3)], (a, b) =>
    vr(t.rot90(cx(a, b), 1, [0, 1])),
  ),
  row(
    "complex.einsum.mv",
    VR("torch.einsum('ij,j->i', torch.complex(a, b), torch.complex(c, -c))"),
    [f(2, 3), f(2, 3), f(3)],
    (a, b, c) => vr(t.einsum("ij,j->i", cx(a, b), cx(c, c.neg()))),
    64,
  ),
  row(
    "complex.einsum.batch_real",
    VR("torch.einsum('bij,bjk->bik', torch.complex(a, b), torch.complex(c, c))"),
    [f(2, 2, 3), f(2, 2, 3), f(2, 3, 2)],
    (a, b, c) => vr(t.einsum("bij,bjk->bik", cx(a, b), cx(c, c))),
    64,
  ),
  row(
    "complex.einsum.outer_hadamard",
    VR("torch.einsum('i,j,j->ij', torch.complex(a, b), torch.complex(b, a), c)"),
    [f(3), f(3), f(3)],
    (a, b, c) => vr(t.einsum("i,j,j->ij", cx(a, b), cx(b, a), c)),
  ),
  row("complex.square", VR("torch.complex(a, b).square()"), [f(2, 3), f(2, 3)], (a, b) =>
    vr(cx(a, b).square()),
  ),
  row("complex.reciprocal", VR("torch.complex(a, b).reciprocal()"), [nz(5), nz(5)], (a, b) =>
    vr(cx(a, b).reciprocal()),
  ),
  row("complex.sgn", VR("torch.complex(a, b).sgn()"), [nz(5), nz(5)], (a, b) => vr(cx(a, b).sgn())),
  row("complex.log10", VR("torch.complex(a, b).log10()"), [nz(5), nz(5)], (a, b) => vr(cx(a, b).log10())),
  row("complex.log2", VR("torch.complex(a, b).log2()"), [nz(5), nz(5)], (a, b) => vr(cx(a, b).log2())),
  row("complex.rsqrt", VR("torch.complex(a, b).rsqrt()"), [nz(5), nz(5)], (a, b) => vr(cx(a, b).rsqrt())),
  row("complex.sinh", VR("torch.complex(a, b).sinh()"), [f(5), f(5)], (a, b) => vr(cx(a, b).sinh())),
  row("complex.cosh", VR("torch.complex(a, b).cosh()"), [f(5), f(5)], (a, b) => vr(cx(a, b).cosh())),
  row("complex.cumsum", VR("torch.complex(a, b).cumsum(1)"), [f(2, 4), f(2, 4)], (a, b) =>
    vr(cx(a, b).cumsum(1)),
  ),
  row(
    "complex.index_select",
    VR("torch.complex(a, b).index_select(0, torch.tensor([2, 0, 2]))"),
    [f(3, 2), f(3, 2)],
    (a, b) => vr(cx(a, b).index_select(0, t.tensor([2, 0, 2], { dtype: t.int64 }))),
  ),
  row(
    "complex.where",
    VR("torch.where(a > 0, torch.complex(a, b), torch.complex(b, a))"),
    [f(2, 3), f(2, 3)],
    (a, b) => vr(t.where(a.gt(0), cx(a, b), cx(b, a))),
  ),
  row("complex.masked_fill", VR("torch.complex(a, b).masked_fill(a > 0, 2.5)"), [f(2, 3), f(2, 3)], (a, b) =>
    vr(cx(a, b).masked_fill(a.gt(0), 2.5)),
  ),
  row("complex.vector_norm", "torch.linalg.vector_norm(torch.complex(a, b))", [nz(2, 3), nz(2, 3)], (a, b) =>
    t.linalg.vector_norm(cx(a, b)),
  ),
  row("complex.diagonal", VR("torch.complex(a, b).diagonal()"), [f(3, 3), f(3, 3)], (a, b) =>
    vr(cx(a, b).diagonal()),
  ),
  row("complex.outer", VR("torch.outer(torch.complex(a, b), torch.complex(b, a))"), [f(3), f(3)], (a, b) =>
    vr(t.outer(cx(a, b), cx(b, a))),
  ),
];
