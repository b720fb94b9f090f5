// Op table rows: shape ops.
import { f, type OpCase } from "../op_case.js";

export const SHAPE_OPS: OpCase[] = [
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
];
