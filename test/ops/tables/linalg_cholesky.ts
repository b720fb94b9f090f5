// Op table rows: src/ops/linalg_cholesky.ts (linalg.cholesky(_ex), solve_triangular, and torch.cholesky,
// cholesky_solve, cholesky_inverse, triangular_solve). Positive-definite inputs are a^T a of a tall a;
// triangular ones are a triangle of a shifted by 3 I.
import * as torch from "../../../src/index.js";
import { f, type OpCase } from "../op_case.js";
import { d64, pyShifted, shifted, TOL32, TOL64 } from "./linalg_inputs.js";

const spd = (a: torch.Tensor) => a.mT.matmul(a);
const s3 = pyShifted("a", 3, 3);
const upperOf = (a: torch.Tensor) => shifted(a, 3).triu();
const lowerOf = (a: torch.Tensor) => shifted(a, 3).tril();

export const LINALG_CHOLESKY_OPS: OpCase[] = [
  {
    name: "linalg.cholesky",
    py: "torch.linalg.cholesky(a.mT @ a)",
    inputs: [f(5, 3)],
    ts: (a) => torch.linalg.cholesky(spd(a)),
    ...TOL32,
  },
  {
    name: "linalg.cholesky.upper_batched",
    py: "torch.linalg.cholesky(a.mT @ a, upper=True)",
    inputs: [d64(2, 4, 3)],
    ts: (a) => torch.linalg.cholesky(spd(a), { upper: true }),
    ...TOL64,
  },
  {
    name: "linalg.cholesky_ex",
    py: "torch.linalg.cholesky_ex(a.mT @ a).L",
    inputs: [d64(4, 2)],
    ts: (a) => torch.linalg.cholesky_ex(spd(a)).L,
    ...TOL64,
  },
  {
    name: "linalg.cholesky_ex.info",
    py: "torch.linalg.cholesky_ex(a.mT @ a - 100 * torch.eye(3)).info",
    inputs: [{ shape: [2, 4, 3], grad: false }],
    ts: (a) => torch.linalg.cholesky_ex(shifted(spd(a), -100)).info,
  },
  {
    name: "linalg.cholesky.torch",
    py: "torch.cholesky(a.mT @ a)",
    inputs: [f(4, 3)],
    ts: (a) => torch.cholesky(spd(a)),
    ...TOL32,
  },
  {
    name: "linalg.cholesky.method_upper",
    py: "(a.mT @ a).cholesky(True)",
    inputs: [d64(4, 3)],
    ts: (a) => spd(a).cholesky(true),
    ...TOL64,
  },
  // ---- solve_triangular ----
  {
    name: "linalg.solve_triangular.upper",
    py: `torch.linalg.solve_triangular(${s3}.triu(), b, upper=True)`,
    inputs: [f(3, 3), f(3, 2)],
    ts: (a, b) => torch.linalg.solve_triangular(upperOf(a), b, { upper: true }),
    ...TOL32,
  },
  {
    name: "linalg.solve_triangular.lower_right",
    py: `torch.linalg.solve_triangular(${s3}.tril(), b, upper=False, left=False)`,
    inputs: [d64(2, 3, 3), d64(4, 3)],
    ts: (a, b) => torch.linalg.solve_triangular(lowerOf(a), b, { upper: false, left: false }),
    ...TOL64,
  },
  {
    name: "linalg.solve_triangular.unitriangular",
    py: "torch.linalg.solve_triangular(a, b, upper=False, unitriangular=True)",
    inputs: [d64(3, 3), d64(3, 2)],
    ts: (a, b) => torch.linalg.solve_triangular(a, b, { upper: false, unitriangular: true }),
    ...TOL64,
  },
  // ---- triangular_solve ----
  {
    name: "linalg.triangular_solve",
    py: `torch.triangular_solve(b, ${s3}.triu()).solution`,
    inputs: [f(3, 3), f(3, 2)],
    ts: (a, b) => torch.triangular_solve(b, upperOf(a)).solution,
    ...TOL32,
  },
  {
    name: "linalg.triangular_solve.transpose_lower",
    py: `b.triangular_solve(${s3}, upper=False, transpose=True)[0]`,
    inputs: [d64(3, 3), d64(2, 3, 2)],
    ts: (a, b) => b.triangular_solve(shifted(a, 3), false, true)[0],
    ...TOL64,
  },
  {
    name: "linalg.triangular_solve.both",
    py: "(lambda r: r.solution.sum() * r.cloned_coefficient)(torch.triangular_solve(b, a, unitriangular=True))",
    inputs: [d64(3, 3), d64(3, 1)],
    ts: (a, b) => {
      const r = torch.triangular_solve(b, a, true, false, true);
      return r.solution.sum().mul(r.cloned_coefficient);
    },
    ...TOL64,
  },
  // ---- cholesky_solve, cholesky_inverse ----
  {
    name: "linalg.cholesky_solve",
    py: "torch.cholesky_solve(b, torch.linalg.cholesky(a.mT @ a))",
    inputs: [f(5, 3), f(3, 2)],
    ts: (a, b) => torch.cholesky_solve(b, torch.linalg.cholesky(spd(a))),
    ...TOL32,
  },
  {
    name: "linalg.cholesky_solve.upper",
    py: "b.cholesky_solve(torch.linalg.cholesky(a.mT @ a, upper=True), True)",
    inputs: [d64(4, 3), d64(2, 3, 2)],
    ts: (a, b) => b.cholesky_solve(torch.linalg.cholesky(spd(a), { upper: true }), true),
    ...TOL64,
  },
  {
    name: "linalg.cholesky_inverse",
    py: "torch.cholesky_inverse(torch.linalg.cholesky(a.mT @ a))",
    inputs: [d64(4, 3)],
    ts: (a) => torch.cholesky_inverse(torch.linalg.cholesky(spd(a))),
    ...TOL64,
  },
  {
    name: "linalg.cholesky_inverse.upper",
    py: "torch.linalg.cholesky(a.mT @ a, upper=True).cholesky_inverse(True)",
    inputs: [f(2, 4, 3)],
    ts: (a) => torch.linalg.cholesky(spd(a), { upper: true }).cholesky_inverse(true),
    ...TOL32,
  },
];
