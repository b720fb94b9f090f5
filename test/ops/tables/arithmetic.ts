// Op table rows: arithmetic ops.
import * as torch from "../../../src/index.js";
import { f, nz, pos, noGrad, type OpCase } from "../op_case.js";

export const ARITHMETIC_OPS: OpCase[] = [
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
