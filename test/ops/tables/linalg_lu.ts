// Op table rows: the LU family of src/ops/linalg_lu.ts (solve, lu_factor, lu, lu_unpack, lu_solve). Square inputs are shifted by a multiple of I so they are well conditioned; LU's
// pivots are LAPACK's (partial pivoting) and are compared exactly.
import * as torch from "../../../src/index.js";
import { f, noGrad, type OpCase } from "../op_case.js";
import { d64, pyShifted, shifted, TOL32, TOL64 } from "./linalg_inputs.js";

const s3 = pyShifted("a", 3, 3);
const sh = (a: torch.Tensor) => shifted(a, 3);

export const LINALG_LU_OPS: OpCase[] = [
  // ---- solve ----
  {
    name: "linalg.solve",
    py: `torch.linalg.solve(${s3}, b)`,
    inputs: [f(3, 3), f(3, 2)],
    ts: (a, b) => torch.linalg.solve(sh(a), b),
    ...TOL32,
  },
  {
    name: "linalg.solve.vector",
    py: `torch.linalg.solve(${s3}, b)`,
    inputs: [d64(3, 3), d64(3)],
    ts: (a, b) => torch.linalg.solve(sh(a), b),
    ...TOL64,
  },
  {
    name: "linalg.solve.batch_broadcast",
    py: `torch.linalg.solve(${s3}, b)`,
    inputs: [d64(2, 3, 3), d64(3, 2)],
    ts: (a, b) => torch.linalg.solve(sh(a), b),
    ...TOL64,
  },
  {
    name: "linalg.solve.right",
    py: `torch.linalg.solve(${s3}, b, left=False)`,
    inputs: [d64(3, 3), d64(2, 3)],
    ts: (a, b) => torch.linalg.solve(sh(a), b, { left: false }),
    ...TOL64,
  },
  {
    name: "linalg.solve_ex",
    py: `torch.linalg.solve_ex(${s3}, b).result`,
    inputs: [f(2, 3, 3), f(2, 3, 1)],
    ts: (a, b) => torch.linalg.solve_ex(sh(a), b).result,
    ...TOL32,
  },
  // ---- lu_factor, lu, lu_unpack ----
  {
    name: "linalg.lu_factor",
    py: "torch.linalg.lu_factor(a).LU",
    inputs: [f(4, 4)],
    ts: (a) => torch.linalg.lu_factor(a).LU,
    ...TOL32,
  },
  {
    name: "linalg.lu_factor.pivots",
    py: "torch.linalg.lu_factor(a).pivots",
    inputs: [noGrad(f(2, 4, 4))],
    ts: (a) => torch.linalg.lu_factor(a).pivots,
  },
  {
    name: "linalg.lu_factor.wide",
    py: "torch.linalg.lu_factor(a)[0]",
    inputs: [d64(3, 5)],
    ts: (a) => torch.linalg.lu_factor(a)[0],
    ...TOL64,
  },
  {
    name: "linalg.lu_factor_ex.tall",
    py: "torch.linalg.lu_factor_ex(a)[0]",
    inputs: [d64(2, 5, 3)],
    ts: (a) => torch.linalg.lu_factor_ex(a)[0],
    ...TOL64,
  },
  {
    name: "linalg.lu_factor_ex.info",
    py: "torch.linalg.lu_factor_ex(a * torch.tensor([1., 0., 1.])).info",
    inputs: [noGrad(f(2, 3, 3))],
    ts: (a) => torch.linalg.lu_factor_ex(a.mul(torch.tensor([1, 0, 1]))).info,
  },
  { name: "linalg.lu.P", py: "torch.linalg.lu(a).P", inputs: [f(4, 4)], ts: (a) => torch.linalg.lu(a).P },
  {
    name: "linalg.lu.L",
    py: "torch.linalg.lu(a).L",
    inputs: [f(4, 4)],
    ts: (a) => torch.linalg.lu(a).L,
    ...TOL32,
  },
  {
    name: "linalg.lu.U_wide",
    py: "torch.linalg.lu(a).U",
    inputs: [d64(3, 4)],
    ts: (a) => torch.linalg.lu(a).U,
    ...TOL64,
  },
  {
    name: "linalg.lu.LU_tall",
    py: "(lambda r: r.L.sum() * r.U)(torch.linalg.lu(a))",
    inputs: [d64(4, 2)],
    ts: (a) => {
      const r = torch.linalg.lu(a);
      return r.L.sum().mul(r.U);
    },
    ...TOL64,
  },
  {
    name: "linalg.lu_unpack",
    py: "(lambda r: r.L @ r.U)(torch.lu_unpack(*torch.linalg.lu_factor(a)))",
    inputs: [d64(3, 3)],
    ts: (a) => {
      const [LU, pivots] = torch.linalg.lu_factor(a);
      const r = torch.lu_unpack(LU, pivots);
      return r.L.matmul(r.U);
    },
    ...TOL64,
  },
  {
    name: "linalg.lu_unpack.wide",
    py: "torch.lu_unpack(*torch.linalg.lu_factor(a))[1]",
    inputs: [d64(2, 3)],
    ts: (a) => {
      const [LU, pivots] = torch.linalg.lu_factor(a);
      return torch.lu_unpack(LU, pivots)[1];
    },
    ...TOL64,
  },
  { name: "linalg.lu.torch", py: "torch.lu(a)[0]", inputs: [f(3, 3)], ts: (a) => torch.lu(a)[0], ...TOL32 },
  {
    name: "linalg.lu.torch_infos",
    py: "a.lu(get_infos=True)[2]",
    inputs: [noGrad(f(2, 3, 3))],
    ts: (a) => a.lu({ get_infos: true })[2],
  },
  // ---- lu_solve ----
  {
    name: "linalg.lu_solve",
    py: `torch.linalg.lu_solve(*torch.linalg.lu_factor(${s3}), b)`,
    inputs: [d64(3, 3), d64(3, 2)],
    ts: (a, b) => {
      const [LU, pivots] = torch.linalg.lu_factor(sh(a));
      return torch.linalg.lu_solve(LU, pivots, b);
    },
    ...TOL64,
  },
  {
    name: "linalg.lu_solve.adjoint",
    py: `torch.linalg.lu_solve(*torch.linalg.lu_factor(${s3}), b, adjoint=True)`,
    inputs: [d64(3, 3), d64(3, 2)],
    ts: (a, b) => {
      const [LU, pivots] = torch.linalg.lu_factor(sh(a));
      return torch.linalg.lu_solve(LU, pivots, b, { adjoint: true });
    },
    ...TOL64,
  },
  {
    name: "linalg.lu_solve.right",
    py: `torch.linalg.lu_solve(*torch.linalg.lu_factor(${s3}), b, left=False)`,
    inputs: [d64(2, 3, 3), d64(2, 2, 3)],
    ts: (a, b) => {
      const [LU, pivots] = torch.linalg.lu_factor(sh(a));
      return torch.linalg.lu_solve(LU, pivots, b, { left: false });
    },
    ...TOL64,
  },
  {
    name: "linalg.lu_solve.right_adjoint",
    py: `torch.linalg.lu_solve(*torch.linalg.lu_factor(${s3}), b, left=False, adjoint=True)`,
    inputs: [d64(3, 3), d64(2, 3)],
    ts: (a, b) => {
      const [LU, pivots] = torch.linalg.lu_factor(sh(a));
      return torch.linalg.lu_solve(LU, pivots, b, { left: false, adjoint: true });
    },
    ...TOL64,
  },
  {
    name: "linalg.lu_solve.torch",
    py: `b.lu_solve(*torch.linalg.lu_factor(${s3}))`,
    inputs: [f(3, 3), f(3, 1)],
    ts: (a, b) => {
      const [LU, pivots] = torch.linalg.lu_factor(sh(a));
      return b.lu_solve(LU, pivots);
    },
    ...TOL32,
  },
];
