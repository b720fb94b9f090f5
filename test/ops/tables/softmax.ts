// Op table rows for src/ops/softmax.ts: softmax and log_softmax.
import * as torch from "../../../src/index.js";
import { f, f64, type OpCase } from "../op_case.js";

// Long rows (more than one 8-lane vector) and inner dims check that the backward kernels sum in PyTorch's
// vectorized order: (grad - sum(grad * out)) cancels, so any other order is many ulps off.
export const SOFTMAX_OPS: OpCase[] = [
  { name: "softmax", py: "a.softmax(1)", inputs: [f(3, 4)], ts: (a) => a.softmax(1) },
  { name: "softmax.dim0", py: "torch.softmax(a, 0)", inputs: [f(3, 4)], ts: (a) => torch.softmax(a, 0) },
  { name: "softmax.long_row", py: "a.softmax(-1)", inputs: [f(2, 37)], ts: (a) => a.softmax(-1) },
  { name: "softmax.middle", py: "a.softmax(1)", inputs: [f(2, 5, 11)], ts: (a) => a.softmax(1) },
  {
    name: "softmax.dtype",
    py: "a.softmax(0, dtype=torch.float64)",
    inputs: [f(5)],
    ts: (a) => a.softmax(0, torch.float64),
  },
  { name: "log_softmax", py: "a.log_softmax(1)", inputs: [f(3, 4)], ts: (a) => a.log_softmax(1) },
  {
    name: "log_softmax.dim0",
    py: "torch.log_softmax(a, 0)",
    inputs: [f(3, 4)],
    ts: (a) => torch.log_softmax(a, 0),
  },
  {
    name: "log_softmax.long_row",
    py: "a.log_softmax(-1)",
    inputs: [f(2, 37)],
    ts: (a) => a.log_softmax(-1),
  },
  {
    name: "log_softmax.middle",
    py: "a.log_softmax(1)",
    inputs: [f(2, 5, 11)],
    ts: (a) => a.log_softmax(1),
  },
  { name: "log_softmax.inner_tail", py: "a.log_softmax(0)", inputs: [f(6, 11)], ts: (a) => a.log_softmax(0) },
  // float64 rows: Vectorized<double>'s 4 lanes, folded in order, and SLEEF's expd4 in log_softmax's backward.
  { name: "softmax.long_row_float64", py: "a.softmax(-1)", inputs: [f64(3, 37)], ts: (a) => a.softmax(-1) },
  {
    name: "log_softmax.long_row_float64",
    py: "a.log_softmax(-1)",
    inputs: [f64(3, 37)],
    ts: (a) => a.log_softmax(-1),
  },
  {
    name: "log_softmax.middle_float64",
    py: "a.log_softmax(1)",
    inputs: [f64(2, 5, 9)],
    ts: (a) => a.log_softmax(1),
  },
  // Nothing to compute: PyTorch returns before its kernel's dtype check.
  {
    name: "softmax.empty_int",
    py: "torch.softmax(a, 0)",
    inputs: [{ shape: [0, 3], dtype: "int64" }],
    ts: (a) => torch.softmax(a, 0),
  },
  {
    name: "log_softmax.empty_bool",
    py: "torch.log_softmax(a, -1)",
    inputs: [{ shape: [0, 4], dtype: "bool" }],
    ts: (a) => torch.log_softmax(a, -1),
  },
];
