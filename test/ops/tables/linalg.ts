// Op table rows: linalg ops. Our float32 products accumulate with a sequential fused multiply-add over k,
// which reproduces OpenBLAS's sgemm (mm) and sdot digits exactly. PyTorch's bmm of small matrices uses
// its own loop (multiply, round, add) and mv uses sgemv, whose order differs: those rows allow ulps
// (cancellation can make a small result's relative error large).
import * as torch from "../../../src/index.js";
import { f, noGrad, type OpCase } from "../op_case.js";

const i64 = (...shape: number[]) => noGrad({ shape, dtype: "int64" });

const MM_OPS: OpCase[] = [
  { name: "mm", py: "torch.mm(a, b)", inputs: [f(2, 3), f(3, 4)], ts: (a, b) => torch.mm(a, b), ulps: 1 },
  { name: "mm.method", py: "a.mm(b)", inputs: [f(4, 1), f(1, 3)], ts: (a, b) => a.mm(b), ulps: 1 },
  {
    name: "mm.transposed",
    py: "torch.mm(a.t(), b.t())",
    inputs: [f(3, 2), f(4, 3)],
    ts: (a, b) => torch.mm(a.t(), b.t()),
    ulps: 1,
  },
  {
    name: "mm.larger",
    py: "torch.mm(a, b)",
    inputs: [f(6, 17), f(17, 5)],
    ts: (a, b) => torch.mm(a, b),
    ulps: 1,
  },
  {
    name: "mm.float64",
    py: "torch.mm(a, b)",
    inputs: [
      { shape: [2, 3], dtype: "float64" },
      { shape: [3, 2], dtype: "float64" },
    ],
    ts: (a, b) => torch.mm(a, b),
  },
  { name: "mm.int64", py: "torch.mm(a, b)", inputs: [i64(2, 3), i64(3, 2)], ts: (a, b) => torch.mm(a, b) },
  {
    name: "bmm",
    py: "torch.bmm(a, b)",
    inputs: [f(3, 2, 4), f(3, 4, 5)],
    ts: (a, b) => torch.bmm(a, b),
    ulps: 16,
  },
  {
    name: "bmm.transposed",
    py: "a.bmm(b.transpose(1, 2))",
    inputs: [f(2, 3, 4), f(2, 5, 4)],
    ts: (a, b) => a.bmm(b.transpose(1, 2)),
    ulps: 16,
  },
  { name: "dot", py: "torch.dot(a, b)", inputs: [f(5), f(5)], ts: (a, b) => torch.dot(a, b), ulps: 1 },
  { name: "dot.int64", py: "a.dot(b)", inputs: [i64(4), i64(4)], ts: (a, b) => a.dot(b) },
  { name: "mv", py: "torch.mv(a, b)", inputs: [f(3, 4), f(4)], ts: (a, b) => torch.mv(a, b), ulps: 16 },
  { name: "mv.transposed", py: "a.t().mv(b)", inputs: [f(4, 3), f(4)], ts: (a, b) => a.t().mv(b), ulps: 16 },
  { name: "outer", py: "torch.outer(a, b)", inputs: [f(3), f(4)], ts: (a, b) => torch.outer(a, b) },
  {
    name: "outer.promote",
    py: "a.outer(b)",
    inputs: [f(3), { shape: [2], dtype: "float64" }],
    ts: (a, b) => a.outer(b),
  },
  { name: "ger", py: "torch.ger(a, b)", inputs: [f(2), f(3)], ts: (a, b) => torch.ger(a, b) },
];

/** matmul: one row per branch of PyTorch's _matmul_impl (dot, mv, mm, folded mm/mv, bmm). */
const MATMUL_OPS: OpCase[] = [
  {
    name: "matmul.1d_1d",
    py: "torch.matmul(a, b)",
    inputs: [f(4), f(4)],
    ts: (a, b) => torch.matmul(a, b),
    ulps: 1,
  },
  {
    name: "matmul.2d_1d",
    py: "torch.matmul(a, b)",
    inputs: [f(2, 3), f(3)],
    ts: (a, b) => torch.matmul(a, b),
    ulps: 1,
  },
  {
    name: "matmul.1d_2d",
    py: "torch.matmul(a, b)",
    inputs: [f(3), f(3, 4)],
    ts: (a, b) => torch.matmul(a, b),
    ulps: 1,
  },
  { name: "matmul.2d_2d", py: "a @ b", inputs: [f(2, 3), f(3, 4)], ts: (a, b) => a.matmul(b), ulps: 1 },
  {
    name: "matmul.3d_1d",
    py: "torch.matmul(a, b)",
    inputs: [f(4, 2, 3), f(3)],
    ts: (a, b) => torch.matmul(a, b),
    ulps: 1,
  },
  {
    name: "matmul.3d_2d",
    py: "torch.matmul(a, b)",
    inputs: [f(4, 2, 3), f(3, 5)],
    ts: (a, b) => torch.matmul(a, b),
    ulps: 1,
  },
  {
    name: "matmul.3d_2d_inner_transposed",
    py: "torch.matmul(a.transpose(1, 2), b)",
    inputs: [f(4, 3, 2), f(3, 5)],
    ts: (a, b) => torch.matmul(a.transpose(1, 2), b),
    ulps: 16,
  },
  {
    name: "matmul.4d_2d_inner_transposed",
    py: "torch.matmul(a.transpose(2, 3), b)",
    inputs: [f(2, 3, 4, 2), f(4, 2)],
    ts: (a, b) => torch.matmul(a.transpose(2, 3), b),
    ulps: 1,
  },
  {
    name: "matmul.1d_3d",
    py: "torch.matmul(a, b)",
    inputs: [f(3), f(2, 3, 4)],
    ts: (a, b) => torch.matmul(a, b),
    ulps: 1,
  },
  {
    name: "matmul.2d_3d",
    py: "torch.matmul(a, b)",
    inputs: [f(2, 3), f(4, 3, 5)],
    ts: (a, b) => torch.matmul(a, b),
    ulps: 1,
  },
  {
    name: "matmul.2d_3d_transposed",
    py: "torch.matmul(a, b.transpose(1, 2))",
    inputs: [f(2, 3), f(4, 5, 3)],
    ts: (a, b) => torch.matmul(a, b.transpose(1, 2)),
    ulps: 16,
  },
  {
    name: "matmul.3d_3d",
    py: "torch.matmul(a, b)",
    inputs: [f(3, 2, 4), f(3, 4, 2)],
    ts: (a, b) => torch.matmul(a, b),
    ulps: 16,
  },
  {
    name: "matmul.broadcast_batch",
    py: "torch.matmul(a, b)",
    inputs: [f(2, 1, 2, 3), f(4, 3, 2)],
    ts: (a, b) => torch.matmul(a, b),
    ulps: 16,
  },
  {
    name: "matmul.broadcast_both",
    py: "a @ b",
    inputs: [f(2, 1, 3, 4), f(1, 3, 4, 2)],
    ts: (a, b) => a.matmul(b),
    ulps: 16,
  },
  {
    name: "matmul.3d_3d_size1_batch",
    py: "torch.matmul(a, b)",
    inputs: [f(1, 2, 3), f(3, 3, 2)],
    ts: (a, b) => torch.matmul(a, b),
    ulps: 16,
  },
  {
    name: "matmul.int64",
    py: "torch.matmul(a, b)",
    inputs: [i64(2, 2, 3), i64(3, 2)],
    ts: (a, b) => torch.matmul(a, b),
  },
];

const einsumRow = (name: string, eq: string, inputs: OpCase["inputs"], ulps = 1, atol?: number): OpCase => ({
  name: `einsum.${name}`,
  py: `torch.einsum("${eq}", ${["a", "b", "c"].slice(0, inputs.length).join(", ")})`,
  inputs,
  ts: (...xs) => torch.einsum(eq, ...xs),
  ulps,
  atol,
});

const EINSUM_OPS: OpCase[] = [
  einsumRow("matmul", "ij,jk->ik", [f(2, 3), f(3, 4)], 16),
  einsumRow("implicit_matmul", "ij,jk", [f(2, 3), f(3, 4)]),
  einsumRow("bmm", "bij,bjk->bik", [f(2, 3, 4), f(2, 4, 2)], 16),
  einsumRow("inner", "i,i->", [f(5), f(5)]),
  einsumRow("implicit_inner", "i,i", [f(5), f(5)], 16),
  einsumRow("transpose", "ij->ji", [f(2, 3)]),
  einsumRow("sum_all", "ij->", [f(2, 3)]),
  einsumRow("sum_rows", "ij->j", [f(3, 4)]),
  einsumRow("outer", "i,j->ij", [f(3), f(4)]),
  einsumRow("hadamard", "ij,ij->ij", [f(2, 3), f(2, 3)]),
  einsumRow("rowwise_dot", "ij,ij->i", [f(3, 4), f(3, 4)]),
  einsumRow("matvec", "ij,j->i", [f(3, 4), f(4)]),
  einsumRow("abt", "ij,kj->ik", [f(2, 3), f(4, 3)]),
  einsumRow("attention", "bhqd,bhkd->bhqk", [f(2, 3, 4, 5), f(2, 3, 6, 5)], 64),
  einsumRow("chain", "ij,jk,kl->il", [f(2, 3), f(3, 4), f(4, 2)], 16),
  einsumRow("broadcast_size1", "ij,jk->ik", [f(2, 1), f(3, 4)]),
  // Repeated subscripts within an operand take its diagonal.
  einsumRow("diagonal", "ii->i", [f(3, 3)]),
  einsumRow("trace", "ii", [f(3, 3)]),
  einsumRow("diagonal_batched", "jii->ij", [f(2, 3, 3)]),
  einsumRow("diagonal_contracted", "iij,jk->ik", [f(3, 3, 2), f(2, 4)], 16),
  // Ellipses: aligned from the right and broadcast, first in an implicit output, summed when left out of one.
  // A bmm: BLAS's summation order, so sums that cancel get an absolute tolerance.
  einsumRow("ellipsis_batch_matmul", "...ij,...jk->...ik", [f(2, 3, 4), f(4, 5)], 16, 1e-6),
  einsumRow("ellipsis_implicit", "j...i", [f(2, 3, 4)]),
  einsumRow("ellipsis_summed", "i...->i", [f(2, 3, 4)], 16),
  einsumRow("ellipsis_middle", "i...j,j...k->...ik", [f(2, 5, 3), f(3, 5, 4)], 16),
  einsumRow("ellipsis_broadcast", "...i,...i->...", [f(1, 3, 4), f(5, 1, 4)], 16),
  einsumRow("ellipsis_0d", "...,...->...", [f(), f(3)]),
];

const ADDMM_OPS: OpCase[] = [
  {
    name: "addmm",
    py: "torch.addmm(a, b, c)",
    inputs: [f(3), f(2, 4), f(4, 3)],
    ts: (a, b, c) => torch.addmm(a, b, c),
  },
  {
    name: "addmm.full_bias",
    py: "a.addmm(b, c)",
    inputs: [f(2, 3), f(2, 4), f(4, 3)],
    ts: (a, b, c) => a.addmm(b, c),
  },
  {
    name: "addmm.beta_alpha",
    py: "torch.addmm(a, b, c, beta=0.5, alpha=2.0)",
    inputs: [f(1, 3), f(2, 4), f(4, 3)],
    ts: (a, b, c) => torch.addmm(a, b, c, { beta: 0.5, alpha: 2 }),
    ulps: 4,
  },
  {
    name: "addmm.transposed",
    py: "torch.addmm(a, b, c.t())",
    inputs: [f(3), f(2, 4), f(3, 4)],
    ts: (a, b, c) => torch.addmm(a, b, c.t()),
  },
];

export const LINALG_OPS: OpCase[] = [...MM_OPS, ...MATMUL_OPS, ...EINSUM_OPS, ...ADDMM_OPS];
