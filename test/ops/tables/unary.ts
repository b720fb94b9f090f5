// Op table rows: unary ops.
import * as torch from "../../../src/index.js";
import { f, pos, type OpCase } from "../op_case.js";

export const UNARY_OPS: OpCase[] = [
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
];
