// The op table: one row per op sample drives the forward check against PyTorch fixtures, the
// gradient check against PyTorch's gradients, the grad_fn name and a float64 finite-difference
// gradcheck, on every backend (test/ops/ops.test.ts). `py` is the same call in Python, evaluated by
// scripts/gen_fixtures.py with the inputs bound to a, b, c. Add a row, run `npm run fixtures`.
import * as torch from "../../src/index.js";
import type { Tensor } from "../../src/index.js";

export type Domain = "any" | "positive" | "nonzero" | "unit";

export interface InputSpec {
  shape: number[];
  dtype?: "float32" | "float64" | "int64" | "int32" | "bool";
  /** Where sample values come from: any real, (0.1, 2.1), |x| in (0.1, 2), or (-0.9, 0.9). */
  domain?: Domain;
  /** Whether the input requires grad (default: true for floating dtypes). */
  grad?: boolean;
}

export interface OpCase {
  name: string;
  py: string;
  inputs: InputSpec[];
  ts: (...x: Tensor[]) => Tensor;
  /** Skip the finite-difference check (e.g. piecewise-constant ops). */
  gradcheck?: boolean;
  /** Allowed float32 error in units in the last place (PyTorch's vectorised math isn't correctly rounded). */
  ulps?: number;
}

const f = (...shape: number[]): InputSpec => ({ shape });
const pos = (...shape: number[]): InputSpec => ({ shape, domain: "positive" });
const nz = (...shape: number[]): InputSpec => ({ shape, domain: "nonzero" });
const noGrad = (spec: InputSpec): InputSpec => ({ ...spec, grad: false });

export const OP_TABLE: OpCase[] = [
  // ---- arithmetic ----
  { name: "add", py: "torch.add(a, b)", inputs: [f(2, 3), f(2, 3)], ts: (a, b) => torch.add(a, b) },
  { name: "add.broadcast", py: "a + b", inputs: [f(2, 3), f(3)], ts: (a, b) => a.add(b) },
  { name: "add.broadcast_both", py: "a + b", inputs: [f(3, 1), f(1, 4)], ts: (a, b) => a.add(b) },
  {
    name: "add.alpha",
    py: "torch.add(a, b, alpha=2.5)",
    inputs: [f(4), f(4)],
    ts: (a, b) => torch.add(a, b, { alpha: 2.5 }),
  },
  { name: "add.scalar", py: "a + 2", inputs: [f(2, 2)], ts: (a) => a.add(2) },
  { name: "add.scalar_first", py: "2 + a", inputs: [f(3)], ts: (a) => torch.add(2, a) },
  { name: "add.zero_dim", py: "a + b", inputs: [f(3), f()], ts: (a, b) => a.add(b) },
  {
    name: "add.int_float",
    py: "a + b",
    inputs: [{ shape: [3], dtype: "int64" }, f(3)],
    ts: (a, b) => a.add(b),
  },
  {
    name: "add.float64",
    py: "a + b",
    inputs: [{ shape: [3], dtype: "float64" }, f(3)],
    ts: (a, b) => a.add(b),
  },
  {
    name: "add.int_scalar_float",
    py: "a + 1.5",
    inputs: [{ shape: [3], dtype: "int64" }],
    ts: (a) => a.add(1.5),
  },
  { name: "sub", py: "a - b", inputs: [f(2, 3), f(2, 3)], ts: (a, b) => a.sub(b) },
  { name: "sub.broadcast", py: "a - b", inputs: [f(4, 1), f(3)], ts: (a, b) => torch.sub(a, b) },
  {
    name: "sub.alpha",
    py: "torch.sub(a, b, alpha=3)",
    inputs: [f(3), f(3)],
    ts: (a, b) => torch.sub(a, b, { alpha: 3 }),
  },
  { name: "sub.scalar", py: "a - 2", inputs: [f(3)], ts: (a) => a.sub(2) },
  { name: "rsub.scalar", py: "1 - a", inputs: [f(2, 3)], ts: (a) => torch.sub(1, a) },
  { name: "rsub.method", py: "torch.rsub(a, 1)", inputs: [f(3)], ts: (a) => torch.rsub(a, 1) },
  { name: "rsub.tensor", py: "torch.rsub(a, b)", inputs: [f(3), f(3)], ts: (a, b) => torch.rsub(a, b) },
  { name: "mul", py: "a * b", inputs: [f(2, 3), f(2, 3)], ts: (a, b) => a.mul(b) },
  { name: "mul.broadcast", py: "a * b", inputs: [f(2, 1, 3), f(4, 1)], ts: (a, b) => torch.mul(a, b) },
  { name: "mul.scalar", py: "a * 3", inputs: [f(3)], ts: (a) => a.mul(3) },
  { name: "mul.scalar_first", py: "-1 * a", inputs: [f(3)], ts: (a) => torch.mul(-1, a) },
  { name: "mul.self", py: "a * a", inputs: [f(3)], ts: (a) => a.mul(a) },
  { name: "div", py: "a / b", inputs: [f(2, 3), nz(2, 3)], ts: (a, b) => a.div(b) },
  { name: "div.broadcast", py: "a / b", inputs: [f(2, 3), nz(3)], ts: (a, b) => torch.div(a, b) },
  { name: "div.scalar", py: "a / 4", inputs: [f(3)], ts: (a) => a.div(4) },
  { name: "div.scalar_first", py: "2 / a", inputs: [nz(3)], ts: (a) => torch.div(2, a) },
  {
    name: "div.int",
    py: "a / b",
    inputs: [
      { shape: [4], dtype: "int64" },
      { shape: [4], dtype: "int64", domain: "nonzero" },
    ],
    ts: (a, b) => a.div(b),
  },
  { name: "neg", py: "-a", inputs: [f(2, 3)], ts: (a) => a.neg() },
  { name: "reciprocal", py: "torch.reciprocal(a)", inputs: [nz(5)], ts: (a) => torch.reciprocal(a) },
  { name: "pow.2", py: "a ** 2", inputs: [f(2, 3)], ts: (a) => a.pow(2) },
  { name: "pow.3", py: "a ** 3", inputs: [f(5)], ts: (a) => a.pow(3) },
  { name: "pow.half", py: "a ** 0.5", inputs: [pos(5)], ts: (a) => a.pow(0.5) },
  { name: "pow.neg1", py: "a ** -1", inputs: [nz(5)], ts: (a) => a.pow(-1) },
  { name: "pow.2_5", py: "a ** 2.5", inputs: [pos(5)], ts: (a) => a.pow(2.5), ulps: 2 },
  { name: "pow.0", py: "a ** 0", inputs: [f(3)], ts: (a) => a.pow(0) },
  { name: "pow.int", py: "a ** 2", inputs: [{ shape: [4], dtype: "int64" }], ts: (a) => a.pow(2) },

  // ---- elementwise functions ----
  { name: "sin", py: "torch.sin(a)", inputs: [f(2, 3)], ts: (a) => torch.sin(a), ulps: 2 },
  { name: "cos", py: "torch.cos(a)", inputs: [f(2, 3)], ts: (a) => a.cos(), ulps: 2 },
  { name: "exp", py: "torch.exp(a)", inputs: [f(2, 3)], ts: (a) => torch.exp(a), ulps: 2 },
  { name: "log", py: "torch.log(a)", inputs: [pos(2, 3)], ts: (a) => a.log(), ulps: 2 },
  { name: "sigmoid", py: "torch.sigmoid(a)", inputs: [f(2, 3)], ts: (a) => torch.sigmoid(a), ulps: 2 },
  { name: "tanh", py: "torch.tanh(a)", inputs: [f(2, 3)], ts: (a) => a.tanh(), ulps: 2 },
  { name: "relu", py: "torch.relu(a)", inputs: [f(2, 3)], ts: (a) => torch.relu(a) },
  { name: "sin.int", py: "torch.sin(a)", inputs: [{ shape: [4], dtype: "int64" }], ts: (a) => torch.sin(a) },
  { name: "clamp", py: "torch.clamp(a, -0.5, 0.5)", inputs: [f(3, 4)], ts: (a) => torch.clamp(a, -0.5, 0.5) },
  {
    name: "clamp.min",
    py: "torch.clamp(a, min=0.1)",
    inputs: [f(6)],
    ts: (a) => torch.clamp(a, { min: 0.1 }),
  },
  { name: "clamp.max", py: "a.clamp(max=0.2)", inputs: [f(6)], ts: (a) => a.clamp({ max: 0.2 }) },
  {
    name: "clamp.int",
    py: "torch.clamp(a, min=-2, max=3)",
    inputs: [{ shape: [7], dtype: "int64" }],
    ts: (a) => torch.clamp(a, -2, 3),
  },
  {
    name: "where",
    py: "torch.where(c, a, b)",
    inputs: [f(2, 3), f(3), { shape: [2, 3], dtype: "bool" }],
    ts: (a, b, c) => torch.where(c, a, b),
  },
  {
    name: "where.scalar",
    py: "torch.where(b, a, 0.0)",
    inputs: [f(4), { shape: [4], dtype: "bool" }],
    ts: (a, b) => torch.where(b, a, 0),
  },
  { name: "gt", py: "a > b", inputs: [f(5), f(5)], ts: (a, b) => a.gt(b) },
  { name: "le.scalar", py: "a <= 0", inputs: [f(5)], ts: (a) => a.le(0) },

  // ---- reductions ----
  { name: "sum", py: "a.sum()", inputs: [f(2, 3)], ts: (a) => a.sum(), ulps: 8 },
  { name: "sum.dim", py: "a.sum(1)", inputs: [f(2, 3, 4)], ts: (a) => a.sum(1), ulps: 8 },
  {
    name: "sum.dims_keepdim",
    py: "torch.sum(a, (0, -1), keepdim=True)",
    inputs: [f(2, 3, 4)],
    ts: (a) => torch.sum(a, [0, -1], true),
    ulps: 8,
  },
  { name: "sum.int", py: "a.sum()", inputs: [{ shape: [5], dtype: "int64" }], ts: (a) => a.sum() },
  {
    name: "sum.dtype",
    py: "a.sum(dtype=torch.float64)",
    inputs: [f(4)],
    ts: (a) => a.sum({ dtype: torch.float64 }),
  },
  { name: "mean", py: "a.mean()", inputs: [f(3, 4)], ts: (a) => a.mean(), ulps: 8 },
  { name: "mean.dim", py: "a.mean(0)", inputs: [f(3, 4)], ts: (a) => a.mean(0), ulps: 8 },
  {
    name: "mean.dim_keepdim",
    py: "a.mean(dim=-1, keepdim=True)",
    inputs: [f(3, 4)],
    ts: (a) => a.mean({ dim: -1, keepdim: true }),
    ulps: 8,
  },

  // ---- copies, conversions, views ----
  { name: "clone", py: "a.clone()", inputs: [f(3)], ts: (a) => a.clone() },
  { name: "to.double", py: "a.double()", inputs: [f(3)], ts: (a) => a.double() },
  {
    name: "to.float_from_double",
    py: "a.float()",
    inputs: [{ shape: [3], dtype: "float64" }],
    ts: (a) => a.float(),
    gradcheck: false,
  },
  { name: "reshape", py: "a.reshape(3, 2)", inputs: [f(2, 3)], ts: (a) => a.reshape(3, 2) },
  { name: "view", py: "a.view(-1)", inputs: [f(2, 3)], ts: (a) => a.view(-1) },
  { name: "expand", py: "a.expand(4, 3)", inputs: [f(1, 3)], ts: (a) => a.expand(4, 3) },
  { name: "unsqueeze", py: "a.unsqueeze(1)", inputs: [f(2, 3)], ts: (a) => a.unsqueeze(1) },
  { name: "squeeze", py: "a.squeeze()", inputs: [f(2, 1, 3)], ts: (a) => a.squeeze() },
  { name: "squeeze.dim", py: "a.squeeze(1)", inputs: [f(2, 1, 3)], ts: (a) => a.squeeze(1) },
  {
    name: "sum_to_size",
    py: "a.sum_to_size(3, 1)",
    inputs: [f(2, 3, 4)],
    ts: (a) => a.sum_to_size([3, 1]),
    ulps: 8,
  },

  // ---- compositions the seeds use ----
  {
    name: "seed.bce",
    py: "-(b * torch.log(torch.clamp(torch.sigmoid(a), 1e-8, 1 - 1e-8)) + (1 - b) * torch.log(1 - torch.clamp(torch.sigmoid(a), 1e-8, 1 - 1e-8)))",
    inputs: [f(4), noGrad({ shape: [4], domain: "unit" })],
    ts: (a, b) => {
      const p = torch.clamp(torch.sigmoid(a), 1e-8, 1 - 1e-8);
      return torch.neg(torch.add(b.mul(torch.log(p)), torch.sub(1, b).mul(torch.log(torch.sub(1, p)))));
    },
    ulps: 4,
  },
];
