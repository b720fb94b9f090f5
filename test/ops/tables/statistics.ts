// Op table rows for src/ops/statistics.ts: diff (orders, dims, prepend/append, bools), cov (weights,
// correction), corrcoef, and trapezoid / trapz / cumulative_trapezoid with sample points or a spacing.
import * as torch from "../../../src/index.js";
import { f, f64, noGrad, type InputSpec, type OpCase } from "../op_case.js";

const i64 = (...shape: number[]): InputSpec => ({ shape, dtype: "int64" });

export const STATISTICS_OPS: OpCase[] = [
  { name: "diff", py: "torch.diff(a)", inputs: [f(3, 5)], ts: (a) => torch.diff(a) },
  { name: "diff.order2_dim0", py: "a.diff(2, 0)", inputs: [f(5, 3)], ts: (a) => a.diff(2, 0) },
  { name: "diff.order0", py: "torch.diff(a, 0)", inputs: [f(4)], ts: (a) => torch.diff(a, 0) },
  { name: "diff.order_beyond_size", py: "torch.diff(a, 6)", inputs: [f64(4)], ts: (a) => torch.diff(a, 6) },
  {
    name: "diff.prepend_append",
    py: "torch.diff(a, dim=1, prepend=b, append=c)",
    inputs: [f(2, 3), f(2, 1), f(2, 2)],
    ts: (a, b, c) => torch.diff(a, { dim: 1, prepend: b, append: c }),
  },
  { name: "diff.int", py: "torch.diff(a)", inputs: [i64(6)], ts: (a) => torch.diff(a) },
  { name: "diff.bool", py: "torch.diff(a > 0)", inputs: [noGrad(f(6))], ts: (a) => torch.diff(a.gt(0)) },
  { name: "cov", py: "torch.cov(a)", inputs: [f(3, 6)], ts: (a) => torch.cov(a) },
  { name: "cov.vector", py: "a.cov()", inputs: [f64(7)], ts: (a) => a.cov() },
  {
    name: "cov.correction0",
    py: "torch.cov(a, correction=0)",
    inputs: [f(2, 5)],
    ts: (a) => torch.cov(a, { correction: 0 }),
  },
  {
    name: "cov.weights",
    py: "torch.cov(a, fweights=torch.tensor([1, 2, 1, 3]), aweights=b.abs() + 0.1)",
    inputs: [f64(3, 4), noGrad(f64(4))],
    ts: (a, b) =>
      torch.cov(a, {
        fweights: torch.tensor([1, 2, 1, 3], { dtype: torch.int64 }),
        aweights: b.abs().add(0.1),
      }),
  },
  {
    name: "cov.aweights_grad",
    py: "torch.cov(a, aweights=b.abs() + 0.1)",
    inputs: [f(2, 5), f(5)],
    ts: (a, b) => torch.cov(a, { aweights: b.abs().add(0.1) }),
  },
  { name: "cov.int", py: "torch.cov(a)", inputs: [i64(2, 4)], ts: (a) => torch.cov(a) },
  { name: "corrcoef", py: "torch.corrcoef(a)", inputs: [f(3, 6)], ts: (a) => torch.corrcoef(a) },
  { name: "corrcoef.float64_method", py: "a.corrcoef()", inputs: [f64(2, 8)], ts: (a) => a.corrcoef() },
  { name: "corrcoef.vector", py: "torch.corrcoef(a)", inputs: [f(5)], ts: (a) => torch.corrcoef(a) },
  { name: "trapezoid", py: "torch.trapezoid(a)", inputs: [f(2, 6)], ts: (a) => torch.trapezoid(a) },
  {
    name: "trapezoid.dx_dim",
    py: "torch.trapezoid(a, dx=0.5, dim=0)",
    inputs: [f(4, 3)],
    ts: (a) => torch.trapezoid(a, { dx: 0.5, dim: 0 }),
  },
  {
    name: "trapezoid.x",
    py: "torch.trapezoid(a, b.cumsum(0))",
    inputs: [f(3, 5), f(5)],
    ts: (a, b) => torch.trapezoid(a, b.cumsum(0)),
  },
  {
    name: "trapezoid.x_batched",
    py: "torch.trapezoid(a, b, dim=0)",
    inputs: [f64(4, 3), f64(4, 3)],
    ts: (a, b) => torch.trapezoid(a, b, { dim: 0 }),
  },
  { name: "trapezoid.int", py: "torch.trapezoid(a)", inputs: [i64(5)], ts: (a) => torch.trapezoid(a) },
  { name: "trapz", py: "torch.trapz(a, dx=2.0)", inputs: [f(3, 4)], ts: (a) => torch.trapz(a, { dx: 2.0 }) },
  { name: "trapz.x", py: "torch.trapz(a, b)", inputs: [f(5), f(5)], ts: (a, b) => torch.trapz(a, b) },
  {
    name: "cumulative_trapezoid",
    py: "torch.cumulative_trapezoid(a)",
    inputs: [f(2, 6)],
    ts: (a) => torch.cumulative_trapezoid(a),
  },
  {
    name: "cumulative_trapezoid.dx",
    py: "torch.cumulative_trapezoid(a, dx=0.25, dim=0)",
    inputs: [f64(5, 2)],
    ts: (a) => torch.cumulative_trapezoid(a, { dx: 0.25, dim: 0 }),
  },
  {
    name: "cumulative_trapezoid.x",
    py: "torch.cumulative_trapezoid(a, b)",
    inputs: [f(3, 4), f(4)],
    ts: (a, b) => torch.cumulative_trapezoid(a, b),
  },
];
