// Op table rows: src/ops/linalg_norms.ts (linalg.norm, matrix_norm of every order, cond, pinv / pinverse,
// matrix_rank, lstsq, matrix_exp). The spectral norms come from singular values, so they compare within the
// linalg tolerances.
import * as torch from "../../../src/index.js";
import { f, noGrad, type OpCase } from "../op_case.js";
import { d64, pyShifted, shifted, TOL32, TOL64 } from "./linalg_inputs.js";

const sym = (a: torch.Tensor) => a.add(a.mT);

const MATRIX_NORM_ORDS: [string, string | number][] = [
  ["fro", "fro"],
  ["nuc", "nuc"],
  ["inf", Infinity],
  ["-inf", -Infinity],
  ["1", 1],
  ["-1", -1],
  ["2", 2],
  ["-2", -2],
];

const pyOrd = (ord: string | number) =>
  typeof ord === "string"
    ? `'${ord}'`
    : ord === Infinity
      ? "float('inf')"
      : ord === -Infinity
        ? "-float('inf')"
        : `${ord}`;

export const LINALG_NORMS_OPS: OpCase[] = [
  ...MATRIX_NORM_ORDS.map(([label, ord]): OpCase => ({
    name: `linalg.matrix_norm.${label}`,
    py: `torch.linalg.matrix_norm(a, ${pyOrd(ord)})`,
    inputs: [f(2, 3, 4)],
    ts: (a) =>
      typeof ord === "string" ? torch.linalg.matrix_norm(a, ord) : torch.linalg.matrix_norm(a, ord),
    ...TOL32,
  })),
  {
    name: "linalg.matrix_norm.dims_keepdim",
    py: "torch.linalg.matrix_norm(a, 'nuc', dim=(0, 2), keepdim=True)",
    inputs: [d64(3, 2, 4)],
    ts: (a) => torch.linalg.matrix_norm(a, "nuc", { dim: [0, 2], keepdim: true }),
    ...TOL64,
  },
  {
    name: "linalg.matrix_norm.inf_dims_keepdim",
    py: "torch.linalg.matrix_norm(a, float('inf'), dim=(2, 0), keepdim=True)",
    inputs: [d64(3, 2, 4)],
    ts: (a) => torch.linalg.matrix_norm(a, Infinity, [2, 0], true),
    ...TOL64,
  },
  {
    name: "linalg.matrix_norm.2_dims",
    py: "torch.linalg.matrix_norm(a, 2, dim=(-1, 0))",
    inputs: [d64(3, 2, 4)],
    ts: (a) => torch.linalg.matrix_norm(a, 2, [-1, 0]),
    ...TOL64,
  },
  {
    name: "nuclear_norm",
    py: "torch.nuclear_norm(a)",
    inputs: [f(3, 4)],
    ts: (a) => torch.nuclear_norm(a),
    ...TOL32,
  },
  {
    name: "nuclear_norm.dim_keepdim",
    py: "torch.nuclear_norm(a, (2, 0), keepdim=True)",
    inputs: [d64(3, 2, 4)],
    ts: (a) => torch.nuclear_norm(a, [2, 0], true),
    ...TOL64,
  },
  {
    name: "norm.nuc",
    py: "torch.norm(a, p='nuc')",
    inputs: [d64(4, 3)],
    ts: (a) => torch.norm(a, { p: "nuc" }),
    ...TOL64,
  },
  {
    name: "norm.nuc_method_dims",
    py: "a.norm('nuc', dim=(0, -1))",
    inputs: [f(3, 2, 4)],
    ts: (a) => a.norm("nuc", { dim: [0, -1] }),
    ...TOL32,
  },
  {
    name: "norm.nuc_keepdim",
    py: "torch.norm(a, 'nuc', keepdim=True)",
    inputs: [d64(2, 5)],
    ts: (a) => torch.norm(a, "nuc", { keepdim: true }),
    ...TOL64,
  },
  {
    name: "linalg.norm",
    py: "torch.linalg.norm(a)",
    inputs: [f(3, 4)],
    ts: (a) => torch.linalg.norm(a),
    ...TOL32,
  },
  {
    name: "linalg.norm.ord2_matrix",
    py: "torch.linalg.norm(a, 2)",
    inputs: [d64(3, 4)],
    ts: (a) => torch.linalg.norm(a, 2),
    ...TOL64,
  },
  {
    name: "linalg.norm.vector_ord",
    py: "torch.linalg.norm(a, 3, dim=1)",
    inputs: [f(2, 5)],
    ts: (a) => torch.linalg.norm(a, 3, 1),
    ...TOL32,
  },
  {
    name: "linalg.norm.nuc_dim",
    py: "torch.linalg.norm(a, 'nuc', dim=(1, 2))",
    inputs: [d64(2, 3, 3)],
    ts: (a) => torch.linalg.norm(a, "nuc", [1, 2]),
    ...TOL64,
  },
  {
    name: "linalg.norm.1d_ord",
    py: "torch.linalg.norm(a, float('inf'))",
    inputs: [f(5)],
    ts: (a) => torch.linalg.norm(a, Infinity),
  },
  // ---- cond ----
  {
    name: "linalg.cond",
    py: "torch.linalg.cond(a)",
    inputs: [f(3, 3)],
    ts: (a) => torch.linalg.cond(a),
    ...TOL32,
  },
  {
    name: "linalg.cond.-2_rectangular",
    py: "torch.linalg.cond(a, -2)",
    inputs: [d64(2, 3, 5)],
    ts: (a) => torch.linalg.cond(a, -2),
    ...TOL64,
  },
  ...(
    [
      ["1", "1", 1],
      ["-inf", "-float('inf')", -Infinity],
      ["fro", "'fro'", "fro"],
      ["nuc", "'nuc'", "nuc"],
    ] as [string, string, number | string][]
  ).map(([label, py, ord]): OpCase => ({
    name: `linalg.cond.${label}`,
    py: `torch.linalg.cond(${pyShifted("a", 3, 2)}, ${py})`,
    // PyTorch 1.13 writes into the saved inverse: these orders are not differentiable.
    inputs: [label === "nuc" ? d64(2, 3, 3) : noGrad(d64(2, 3, 3))],
    ts: (a) =>
      typeof ord === "string" ? torch.linalg.cond(shifted(a, 2), ord) : torch.linalg.cond(shifted(a, 2), ord),
    ...TOL64,
  })),
  {
    name: "linalg.cond.singular",
    py: "torch.linalg.cond(a * torch.tensor([1., 0.]), 1)",
    inputs: [noGrad(f(2, 2))],
    ts: (a) => torch.linalg.cond(a.mul(torch.tensor([1, 0])), 1),
  },
  // ---- pinv ----
  {
    name: "linalg.pinv",
    py: "torch.linalg.pinv(a)",
    inputs: [f(4, 3)],
    ts: (a) => torch.linalg.pinv(a),
    ...TOL32,
  },
  {
    name: "linalg.pinv.wide_batched",
    py: "torch.linalg.pinv(a)",
    inputs: [d64(2, 2, 4)],
    ts: (a) => torch.linalg.pinv(a),
    ...TOL64,
  },
  {
    name: "linalg.pinv.hermitian",
    py: "torch.linalg.pinv(a + a.mT, hermitian=True)",
    inputs: [d64(3, 3)],
    ts: (a) => torch.linalg.pinv(sym(a), { hermitian: true }),
    ...TOL64,
  },
  {
    name: "linalg.pinv.rtol",
    py: "torch.linalg.pinv(a, rtol=0.5)",
    inputs: [noGrad(d64(3, 3))],
    ts: (a) => torch.linalg.pinv(a, { rtol: 0.5 }),
    ...TOL64,
  },
  {
    name: "linalg.pinv.atol_tensor",
    py: "torch.linalg.pinv(a, atol=torch.tensor(0.5, dtype=torch.float64))",
    inputs: [noGrad(d64(3, 3))],
    ts: (a) => torch.linalg.pinv(a, { atol: torch.tensor(0.5, { dtype: torch.float64 }) }),
    ...TOL64,
  },
  {
    name: "linalg.pinverse",
    py: "a.pinverse()",
    inputs: [d64(3, 2)],
    ts: (a) => a.pinverse(),
    ...TOL64,
  },
  // ---- matrix_rank ----
  {
    name: "linalg.matrix_rank",
    py: "torch.linalg.matrix_rank(a @ b)",
    inputs: [noGrad(f(2, 4, 2)), noGrad(f(2, 2, 4))],
    ts: (a, b) => torch.linalg.matrix_rank(a.matmul(b)),
  },
  {
    name: "linalg.matrix_rank.tol",
    py: "torch.linalg.matrix_rank(a, 0.8)",
    inputs: [noGrad(d64(3, 3, 3))],
    ts: (a) => torch.linalg.matrix_rank(a, 0.8),
  },
  {
    name: "linalg.matrix_rank.hermitian_rtol",
    py: "torch.linalg.matrix_rank(a + a.mT, rtol=0.3, hermitian=True)",
    inputs: [noGrad(d64(2, 4, 4))],
    ts: (a) => torch.linalg.matrix_rank(sym(a), { rtol: 0.3, hermitian: true }),
  },
  // ---- lstsq ----
  {
    name: "linalg.lstsq",
    py: "torch.linalg.lstsq(a, b).solution",
    inputs: [f(5, 3), f(5, 2)],
    ts: (a, b) => torch.linalg.lstsq(a, b).solution,
    ...TOL32,
  },
  {
    name: "linalg.lstsq.vector_batched",
    py: "torch.linalg.lstsq(a, b)[0]",
    // 1.13's backward raises for a vector b (test/errors/linalg_decomp.ts).
    inputs: [noGrad(d64(2, 4, 3)), noGrad(d64(2, 4))],
    ts: (a, b) => torch.linalg.lstsq(a, b)[0],
    ...TOL64,
  },
  {
    name: "linalg.lstsq.gelsd_residuals",
    py: "torch.linalg.lstsq(a, b, driver='gelsd').residuals",
    inputs: [noGrad(d64(5, 2)), noGrad(d64(5, 3))],
    ts: (a, b) => torch.linalg.lstsq(a, b, { driver: "gelsd" }).residuals,
    ...TOL64,
  },
  {
    name: "linalg.lstsq.gelss_singular_values",
    py: "torch.linalg.lstsq(a, b, driver='gelss').singular_values",
    inputs: [noGrad(d64(2, 4, 3)), noGrad(d64(2, 4, 1))],
    ts: (a, b) => torch.linalg.lstsq(a, b, { driver: "gelss" }).singular_values,
    ...TOL64,
  },
  {
    name: "linalg.lstsq.rank",
    py: "torch.linalg.lstsq(a, b).rank",
    inputs: [noGrad(d64(3, 4, 3)), noGrad(d64(3, 4, 1))],
    ts: (a, b) => torch.linalg.lstsq(a, b).rank,
  },
  // ---- matrix_exp ----
  {
    name: "linalg.matrix_exp",
    py: "torch.linalg.matrix_exp(a)",
    inputs: [f(3, 3)],
    ts: (a) => torch.linalg.matrix_exp(a),
    ...TOL32,
  },
  {
    name: "linalg.matrix_exp.scaled_batched",
    py: "torch.matrix_exp(4 * a)",
    inputs: [d64(2, 3, 3)],
    ts: (a) => torch.matrix_exp(a.mul(4)),
    ...TOL64,
  },
  {
    name: "linalg.matrix_exp.larger",
    py: "torch.linalg.matrix_exp(2 * a)",
    inputs: [d64(6, 6)],
    ts: (a) => torch.linalg.matrix_exp(a.mul(2)),
    ...TOL64,
  },
  {
    name: "linalg.matrix_exp.method",
    py: "a.matrix_exp()",
    inputs: [d64(2, 2)],
    ts: (a) => a.matrix_exp(),
    ...TOL64,
  },
];
