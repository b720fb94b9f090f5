// Op table rows for src/ops/creation_extra.ts: logspace (float, float64, integer, base), the deprecated
// range, scalar_tensor and torch.detach.
import * as torch from "../../../src/index.js";
import { f, type OpCase } from "../op_case.js";

/** torch.range with a step: an overload PyTorch parses without listing, so the declarations leave it out. */
const withStep = torch.range as unknown as (...args: unknown[]) => torch.Tensor;

export const CREATION_EXTRA_OPS: OpCase[] = [
  { name: "logspace", py: "torch.logspace(0, 2, 5)", inputs: [], ts: () => torch.logspace(0, 2, 5) },
  {
    name: "logspace.base_float64",
    py: "torch.logspace(-1, 1, 7, base=2, dtype=torch.float64)",
    inputs: [],
    ts: () => torch.logspace(-1, 1, 7, { base: 2, dtype: torch.float64 }),
    ulps: 2,
  },
  {
    name: "logspace.int",
    py: "torch.logspace(0, 3, 4, dtype=torch.long)",
    inputs: [],
    ts: () => torch.logspace(0, 3, 4, { dtype: torch.int64 }),
  },
  { name: "logspace.one", py: "torch.logspace(1.5, 3, 1)", inputs: [], ts: () => torch.logspace(1.5, 3, 1) },
  { name: "range", py: "torch.range(1, 4)", inputs: [], ts: () => torch.range(1, 4) },
  {
    name: "range.step_float64",
    py: "torch.range(0, 1, 0.125, dtype=torch.float64)",
    inputs: [],
    ts: () => withStep(0, 1, 0.125, { dtype: torch.float64 }),
  },
  {
    name: "range.descending_int",
    py: "torch.range(5, -3, -2, dtype=torch.long)",
    inputs: [],
    ts: () => withStep(5, -3, -2, { dtype: torch.int64 }),
  },
  { name: "scalar_tensor", py: "torch.scalar_tensor(2.5)", inputs: [], ts: () => torch.scalar_tensor(2.5) },
  {
    name: "scalar_tensor.int",
    py: "torch.scalar_tensor(7, dtype=torch.long)",
    inputs: [],
    ts: () => torch.scalar_tensor(7, { dtype: torch.int64 }),
  },
  {
    name: "torch.detach",
    py: "torch.detach(a * 2) * a",
    inputs: [f(4)],
    ts: (a) => torch.detach(a.mul(2)).mul(a),
    // detach cuts the graph on purpose: finite differences see the detached factor, the gradient does not.
    gradcheck: false,
  },
];
