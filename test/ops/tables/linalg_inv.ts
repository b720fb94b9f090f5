// Op table rows: src/ops/linalg_inv.ts (inv, inv_ex, det, slogdet, logdet, matrix_power, and their torch.*
// names). Square inputs are shifted by a multiple of I so they are well conditioned.
import * as torch from "../../../src/index.js";
import { f, noGrad, type OpCase } from "../op_case.js";
import { d64, pyShifted, shifted, TOL32, TOL64 } from "./linalg_inputs.js";

const s3 = pyShifted("a", 3, 3);
const sh = (a: torch.Tensor) => shifted(a, 3);

export const LINALG_INV_OPS: OpCase[] = [
  // ---- inv ----
  {
    name: "linalg.inv",
    py: `torch.linalg.inv(${s3})`,
    inputs: [f(3, 3)],
    ts: (a) => torch.linalg.inv(sh(a)),
    ...TOL32,
  },
  {
    name: "linalg.inv.batched_float64",
    py: `torch.linalg.inv(${s3})`,
    inputs: [d64(2, 3, 3)],
    ts: (a) => torch.linalg.inv(sh(a)),
    ...TOL64,
  },
  {
    name: "linalg.inv.larger",
    py: "torch.linalg.inv(a)",
    inputs: [d64(7, 7)],
    ts: (a) => torch.linalg.inv(a),
    ...TOL64,
  },
  { name: "linalg.inverse", py: `${s3}.inverse()`, inputs: [f(3, 3)], ts: (a) => sh(a).inverse(), ...TOL32 },
  {
    name: "linalg.inv_ex",
    py: `torch.linalg.inv_ex(${s3})[0]`,
    inputs: [d64(3, 3)],
    ts: (a) => torch.linalg.inv_ex(sh(a))[0],
    ...TOL64,
  },
  {
    name: "linalg.inv_ex.info",
    py: `torch.linalg.inv_ex(a)[1]`,
    inputs: [noGrad(f(2, 3, 3))],
    ts: (a) => torch.linalg.inv_ex(a)[1],
  },
  // ---- det, slogdet, logdet ----
  {
    name: "linalg.det",
    py: "torch.linalg.det(a)",
    inputs: [f(3, 3)],
    ts: (a) => torch.linalg.det(a),
    ...TOL32,
  },
  {
    name: "linalg.det.batched_float64",
    py: "torch.linalg.det(a)",
    inputs: [d64(2, 4, 4)],
    ts: (a) => torch.linalg.det(a),
    ...TOL64,
  },
  { name: "linalg.det.method", py: "a.det()", inputs: [f(2, 2)], ts: (a) => a.det(), ...TOL32 },
  { name: "linalg.det.torch", py: "torch.det(a)", inputs: [d64(1, 1)], ts: (a) => torch.det(a), ...TOL64 },
  {
    name: "linalg.det.singular",
    py: "torch.linalg.det(a * torch.tensor([1., 1., 0.], dtype=a.dtype))",
    inputs: [d64(3, 3)],
    ts: (a) => torch.linalg.det(a.mul(torch.tensor([1, 1, 0], { dtype: a.dtype }))),
    ...TOL64,
  },
  {
    name: "linalg.slogdet.logabsdet",
    py: "torch.linalg.slogdet(a)[1]",
    inputs: [f(2, 3, 3)],
    ts: (a) => torch.linalg.slogdet(a)[1],
    ...TOL32,
  },
  {
    name: "linalg.slogdet.sign",
    py: "torch.linalg.slogdet(a).sign",
    inputs: [noGrad(d64(3, 3))],
    ts: (a) => torch.linalg.slogdet(a).sign,
  },
  {
    name: "linalg.slogdet.torch",
    py: "torch.slogdet(a).logabsdet",
    inputs: [d64(4, 4)],
    ts: (a) => torch.slogdet(a).logabsdet,
    ...TOL64,
  },
  {
    name: "linalg.logdet",
    py: "torch.logdet(a.mT @ a)",
    inputs: [f(5, 3)],
    ts: (a) => torch.logdet(a.mT.matmul(a)),
    ...TOL32,
  },
  {
    name: "linalg.logdet.negative",
    py: "a.logdet()",
    inputs: [d64(2, 2, 2)],
    ts: (a) => a.logdet(),
    gradcheck: false,
    ...TOL64,
  },
  // ---- matrix_power ----
  {
    name: "linalg.matrix_power.3",
    py: "torch.linalg.matrix_power(a, 3)",
    inputs: [f(3, 3)],
    ts: (a) => torch.linalg.matrix_power(a, 3),
    ...TOL32,
  },
  {
    name: "linalg.matrix_power.6",
    py: "torch.matrix_power(a, 6)",
    inputs: [d64(2, 2, 2)],
    ts: (a) => torch.matrix_power(a, 6),
    ...TOL64,
  },
  {
    name: "linalg.matrix_power.negative",
    py: `${s3}.matrix_power(-2)`,
    inputs: [d64(3, 3)],
    ts: (a) => sh(a).matrix_power(-2),
    ...TOL64,
  },
  {
    name: "linalg.matrix_power.0",
    py: "torch.linalg.matrix_power(a, 0)",
    inputs: [f(2, 3, 3)],
    ts: (a) => torch.linalg.matrix_power(a, 0),
  },
  {
    // linalg_matrix_power_impl returns linalg_inv's result itself for n = -1: LinalgInvExBackward0, no clone
    name: "linalg.matrix_power.minus1",
    py: "torch.linalg.matrix_power(a, -1)",
    inputs: [d64(3, 3)],
    ts: (a) => torch.linalg.matrix_power(a, -1),
    ...TOL64,
  },
  {
    name: "linalg.matrix_power.1",
    py: "torch.linalg.matrix_power(a, 1)",
    inputs: [f(3, 3)],
    ts: (a) => torch.linalg.matrix_power(a, 1),
  },
  {
    name: "linalg.matrix_power.int64",
    py: "torch.linalg.matrix_power(a, 2)",
    inputs: [noGrad({ shape: [3, 3], dtype: "int64" })],
    ts: (a) => torch.linalg.matrix_power(a, 2),
  },
];
