// Op table rows: src/ops/linalg_householder.ts (geqrf, householder_product / orgqr, ormqr, ldl_factor(_ex),
// ldl_solve, tensorinv, tensorsolve). geqrf's reflectors and ldl_factor's pivots follow LAPACK's conventions
// (dgeqrf's signs, dsytrf's Bunch-Kaufman choices) and are compared as they are. geqrf, ormqr and the ldl ops
// have no derivative in PyTorch 1.13, so their rows take inputs without grad (test/ops/linalg_householder.test.ts
// checks their nodes raise); householder_product's rows are gradchecked and gradgradchecked.
import * as torch from "../../../src/index.js";
import { f, noGrad, type OpCase } from "../op_case.js";
import { d64, TOL32, TOL64 } from "./linalg_inputs.js";

const sym = (a: torch.Tensor) => a.add(a.mT);
const ldl = (a: torch.Tensor) => torch.linalg.ldl_factor(sym(a));
const pyLdlSolve = "(lambda r: torch.linalg.ldl_solve(r.LD, r.pivots, b))(torch.linalg.ldl_factor(a + a.mT))";

export const LINALG_HOUSEHOLDER_OPS: OpCase[] = [
  // ---- geqrf ----
  {
    name: "geqrf.a",
    py: "torch.geqrf(a).a",
    inputs: [noGrad(d64(4, 3))],
    ts: (a) => torch.geqrf(a).a,
    ...TOL64,
  },
  {
    name: "geqrf.tau",
    py: "torch.geqrf(a).tau",
    inputs: [noGrad(d64(4, 3))],
    ts: (a) => torch.geqrf(a)[1],
    ...TOL64,
  },
  {
    name: "geqrf.wide",
    py: "torch.geqrf(a)[0]",
    inputs: [noGrad(d64(3, 5))],
    ts: (a) => torch.geqrf(a)[0],
    ...TOL64,
  },
  {
    name: "geqrf.batched_f32",
    py: "torch.cat([x.flatten() for x in a.geqrf()])",
    inputs: [noGrad(f(2, 3, 3))],
    ts: (a) => torch.cat([...a.geqrf()].map((x) => x.flatten())),
    ...TOL32,
  },
  // ---- householder_product / orgqr ----
  {
    name: "linalg.householder_product",
    py: "torch.linalg.householder_product(a, b)",
    inputs: [d64(4, 3), d64(3)],
    ts: (a, b) => torch.linalg.householder_product(a, b),
    ...TOL64,
  },
  {
    name: "linalg.householder_product.fewer_tau",
    py: "torch.linalg.householder_product(a, b)",
    inputs: [d64(5, 3), d64(2)],
    ts: (a, b) => torch.linalg.householder_product(a, b),
    ...TOL64,
  },
  {
    name: "linalg.householder_product.batched",
    py: "torch.linalg.householder_product(a, b)",
    inputs: [d64(2, 3, 3), d64(2, 3)],
    ts: (a, b) => torch.linalg.householder_product(a, b),
    ...TOL64,
  },
  {
    name: "linalg.householder_product.f32",
    py: "torch.linalg.householder_product(a, b)",
    inputs: [f(4, 2), f(2)],
    ts: (a, b) => torch.linalg.householder_product(a, b),
    ...TOL32,
  },
  {
    name: "linalg.householder_product.of_geqrf",
    py: "(lambda g: torch.linalg.householder_product(g.a, g.tau))(torch.geqrf(a))",
    inputs: [noGrad(d64(4, 3))],
    ts: (a) => {
      const g = torch.geqrf(a);
      return torch.linalg.householder_product(g.a, g.tau);
    },
    ...TOL64,
  },
  {
    name: "orgqr",
    py: "torch.orgqr(a, b)",
    inputs: [d64(3, 2), d64(2)],
    ts: (a, b) => torch.orgqr(a, b),
    ...TOL64,
  },
  { name: "orgqr.method", py: "a.orgqr(b)", inputs: [f(3, 3), f(2)], ts: (a, b) => a.orgqr(b), ...TOL32 },
  // ---- ormqr ----
  {
    name: "ormqr",
    py: "torch.ormqr(a, b, c)",
    inputs: [noGrad(d64(4, 3)), noGrad(d64(3)), noGrad(d64(4, 2))],
    ts: (a, b, c) => torch.ormqr(a, b, c),
    ...TOL64,
  },
  {
    name: "ormqr.transpose",
    py: "torch.ormqr(a, b, c, transpose=True)",
    inputs: [noGrad(d64(4, 3)), noGrad(d64(3)), noGrad(d64(4, 2))],
    ts: (a, b, c) => torch.ormqr(a, b, c, { transpose: true }),
    ...TOL64,
  },
  {
    name: "ormqr.right",
    py: "torch.ormqr(a, b, c, left=False)",
    inputs: [noGrad(d64(4, 3)), noGrad(d64(2)), noGrad(d64(3, 4))],
    ts: (a, b, c) => torch.ormqr(a, b, c, false),
    ...TOL64,
  },
  {
    name: "ormqr.right_transpose_method",
    py: "a.ormqr(b, c, left=False, transpose=True)",
    inputs: [noGrad(f(2, 3, 3)), noGrad(f(2, 3)), noGrad(f(2, 2, 3))],
    ts: (a, b, c) => a.ormqr(b, c, false, true),
    ...TOL32,
  },
  {
    name: "ormqr.wide",
    py: "torch.ormqr(a, b, c, False, True)",
    inputs: [noGrad(d64(2, 3)), noGrad(d64(2)), noGrad(d64(3, 2))],
    ts: (a, b, c) => torch.ormqr(a, b, c, false, true),
    ...TOL64,
  },
  // ---- ldl_factor / ldl_solve ----
  {
    name: "linalg.ldl_factor.LD",
    py: "torch.linalg.ldl_factor(a + a.mT).LD",
    inputs: [noGrad(d64(5, 5))],
    ts: (a) => ldl(a).LD,
    ...TOL64,
  },
  {
    name: "linalg.ldl_factor.pivots",
    py: "torch.linalg.ldl_factor(a + a.mT).pivots",
    inputs: [noGrad(d64(3, 6, 6))],
    ts: (a) => ldl(a).pivots,
  },
  {
    name: "linalg.ldl_factor.batched_f32",
    py: "torch.linalg.ldl_factor(a + a.mT, hermitian=True)[0]",
    inputs: [noGrad(f(2, 4, 4))],
    ts: (a) => torch.linalg.ldl_factor(sym(a), { hermitian: true })[0],
    ...TOL32,
  },
  {
    name: "linalg.ldl_factor_ex.info",
    py: "torch.linalg.ldl_factor_ex(a + a.mT).info",
    inputs: [noGrad(d64(2, 3, 3))],
    ts: (a) => torch.linalg.ldl_factor_ex(sym(a)).info,
  },
  {
    name: "linalg.ldl_factor_ex.LD",
    py: "torch.linalg.ldl_factor_ex(a + a.mT, check_errors=True).LD",
    inputs: [noGrad(d64(4, 4))],
    ts: (a) => torch.linalg.ldl_factor_ex(sym(a), { check_errors: true }).LD,
    ...TOL64,
  },
  {
    name: "linalg.ldl_solve",
    py: pyLdlSolve,
    inputs: [noGrad(d64(5, 5)), noGrad(d64(5, 2))],
    ts: (a, b) => {
      const r = ldl(a);
      return torch.linalg.ldl_solve(r.LD, r.pivots, b);
    },
    ...TOL64,
  },
  {
    name: "linalg.ldl_solve.broadcast_f32",
    py: pyLdlSolve,
    inputs: [noGrad(f(4, 4)), noGrad(f(3, 4, 1))],
    ts: (a, b) => {
      const r = ldl(a);
      return torch.linalg.ldl_solve(r.LD, r.pivots, b);
    },
    ...TOL32,
  },
  {
    name: "linalg.ldl_solve.int64_pivots",
    py: "(lambda r: torch.linalg.ldl_solve(r.LD, r.pivots.long(), b, hermitian=True))(torch.linalg.ldl_factor(a + a.mT))",
    inputs: [noGrad(d64(2, 4, 4)), noGrad(d64(4, 3))],
    ts: (a, b) => {
      const r = ldl(a);
      return torch.linalg.ldl_solve(r.LD, r.pivots.long(), b, { hermitian: true });
    },
    ...TOL64,
  },
  // ---- tensorinv / tensorsolve ----
  {
    name: "linalg.tensorinv",
    py: "torch.linalg.tensorinv(a)",
    inputs: [d64(2, 3, 6)],
    ts: (a) => torch.linalg.tensorinv(a),
    ...TOL64,
  },
  {
    name: "linalg.tensorinv.ind1_f32",
    py: "torch.linalg.tensorinv(a, ind=1)",
    inputs: [f(4, 2, 2)],
    ts: (a) => torch.linalg.tensorinv(a, { ind: 1 }),
    ...TOL32,
  },
  {
    name: "linalg.tensorsolve",
    py: "torch.linalg.tensorsolve(a, b)",
    inputs: [d64(2, 3, 6), d64(2, 3)],
    ts: (a, b) => torch.linalg.tensorsolve(a, b),
    ...TOL64,
  },
  {
    name: "linalg.tensorsolve.dims",
    py: "torch.linalg.tensorsolve(a, b, dims=(0,))",
    inputs: [d64(6, 2, 3), d64(2, 3)],
    ts: (a, b) => torch.linalg.tensorsolve(a, b, [0]),
    ...TOL64,
  },
];
