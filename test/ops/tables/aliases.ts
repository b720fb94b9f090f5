// Op table rows for src/ops/aliases.ts: the NumPy-style aliases (arccos, multiply, greater, ...), fix,
// absolute, negative, positive, sgn and clamp_min/clamp_max, as functions, methods and in-place methods.
import * as torch from "../../../src/index.js";
import { f, f64, noGrad, nz, type InputSpec, type OpCase } from "../op_case.js";

const i64 = (...shape: number[]): InputSpec => ({ shape, dtype: "int64" });
const unit = (...shape: number[]): InputSpec => ({ shape, domain: "unit" });

export const ALIASES_OPS: OpCase[] = [
  { name: "arccos", py: "torch.arccos(a)", inputs: [unit(2, 3)], ts: (a) => torch.arccos(a), ulps: 2 },
  {
    name: "arccos.float64",
    py: "a.arccos()",
    inputs: [{ ...f64(5), domain: "unit" }],
    ts: (a) => a.arccos(),
  },
  { name: "arccos_", py: "(a * 1).arccos_()", inputs: [unit(4)], ts: (a) => a.mul(1).arccos_(), ulps: 2 },
  { name: "arcsin", py: "torch.arcsin(a)", inputs: [unit(2, 3)], ts: (a) => torch.arcsin(a), ulps: 2 },
  { name: "arcsin_", py: "(a * 1).arcsin_()", inputs: [unit(4)], ts: (a) => a.mul(1).arcsin_(), ulps: 2 },
  { name: "arctan", py: "torch.arctan(a)", inputs: [f(2, 3)], ts: (a) => torch.arctan(a), ulps: 2 },
  { name: "arctan.int", py: "torch.arctan(a)", inputs: [i64(5)], ts: (a) => torch.arctan(a), ulps: 2 },
  { name: "arctan_", py: "(a * 1).arctan_()", inputs: [f(4)], ts: (a) => a.mul(1).arctan_(), ulps: 2 },
  {
    name: "arctan2",
    py: "torch.arctan2(a, b)",
    inputs: [f(3, 1), nz(4)],
    ts: (a, b) => torch.arctan2(a, b),
    ulps: 2,
  },
  {
    name: "arctan2_",
    py: "(a * 1).arctan2_(b)",
    inputs: [f(4), nz(4)],
    ts: (a, b) => a.mul(1).arctan2_(b),
    ulps: 2,
  },
  { name: "absolute", py: "torch.absolute(a)", inputs: [nz(2, 3)], ts: (a) => torch.absolute(a) },
  { name: "absolute.int", py: "a.absolute()", inputs: [i64(5)], ts: (a) => a.absolute() },
  { name: "absolute_", py: "(a * 1).absolute_()", inputs: [nz(4)], ts: (a) => a.mul(1).absolute_() },
  { name: "negative", py: "torch.negative(a)", inputs: [f(2, 3)], ts: (a) => torch.negative(a) },
  { name: "negative_", py: "torch.negative_(a * 1)", inputs: [f(4)], ts: (a) => torch.negative_(a.mul(1)) },
  { name: "positive", py: "torch.positive(a * 2)", inputs: [f(2, 3)], ts: (a) => torch.positive(a.mul(2)) },
  { name: "fix", py: "torch.fix(a * 3)", inputs: [f(2, 3)], ts: (a) => torch.fix(a.mul(3)) },
  { name: "fix_", py: "(a * 3).fix_()", inputs: [f(5)], ts: (a) => a.mul(3).fix_() },
  { name: "sgn", py: "torch.sgn(a)", inputs: [nz(2, 3)], ts: (a) => torch.sgn(a) },
  { name: "sgn.int", py: "a.sgn()", inputs: [i64(6)], ts: (a) => a.sgn() },
  {
    name: "sgn.float64",
    py: "torch.sgn(a)",
    inputs: [{ ...f64(5), domain: "nonzero" }],
    ts: (a) => torch.sgn(a),
  },
  { name: "sgn_", py: "(a * 1).sgn_()", inputs: [nz(4)], ts: (a) => a.mul(1).sgn_() },

  // Arithmetic aliases.
  {
    name: "multiply",
    py: "torch.multiply(a, b)",
    inputs: [f(2, 3), f(3)],
    ts: (a, b) => torch.multiply(a, b),
  },
  { name: "multiply.scalar", py: "a.multiply(2.5)", inputs: [f(4)], ts: (a) => a.multiply(2.5) },
  {
    name: "multiply_",
    py: "(a * 1).multiply_(b)",
    inputs: [f(4), f(4)],
    ts: (a, b) => a.mul(1).multiply_(b),
  },
  { name: "divide", py: "torch.divide(a, b)", inputs: [f(2, 3), nz(3)], ts: (a, b) => torch.divide(a, b) },
  {
    name: "divide.floor",
    py: "torch.divide(a, b, rounding_mode='floor')",
    inputs: [f(2, 3), nz(3)],
    ts: (a, b) => torch.divide(a, b, { rounding_mode: "floor" }),
    gradcheck: false,
  },
  {
    name: "divide.int_trunc",
    py: "a.divide(3, rounding_mode='trunc')",
    inputs: [i64(6)],
    ts: (a) => a.divide(3, { rounding_mode: "trunc" }),
  },
  { name: "divide_", py: "(a * 1).divide_(b)", inputs: [f(4), nz(4)], ts: (a, b) => a.mul(1).divide_(b) },
  {
    name: "true_divide",
    py: "torch.true_divide(a, b)",
    inputs: [i64(4), i64(4)],
    ts: (a, b) => torch.true_divide(a, b),
  },
  {
    name: "true_divide.float",
    py: "a.true_divide(b)",
    inputs: [f(4), nz(4)],
    ts: (a, b) => a.true_divide(b),
  },
  {
    name: "subtract",
    py: "torch.subtract(a, b, alpha=2)",
    inputs: [f(2, 3), f(3)],
    ts: (a, b) => torch.subtract(a, b, { alpha: 2 }),
  },
  {
    name: "subtract.scalar",
    py: "torch.subtract(a, 1.5)",
    inputs: [f(4)],
    ts: (a) => torch.subtract(a, 1.5),
  },
  {
    name: "subtract_",
    py: "(a * 1).subtract_(b, alpha=0.5)",
    inputs: [f(4), f(4)],
    ts: (a, b) => a.mul(1).subtract_(b, { alpha: 0.5 }),
  },

  // Comparison aliases: bool results, and the in-place forms that write them into self's dtype.
  { name: "greater", py: "torch.greater(a, b)", inputs: [f(2, 3), f(3)], ts: (a, b) => torch.greater(a, b) },
  { name: "greater.scalar", py: "a.greater(0)", inputs: [f(5)], ts: (a) => a.greater(0) },
  {
    name: "greater_equal",
    py: "torch.greater_equal(a, b)",
    inputs: [i64(5), i64(5)],
    ts: (a, b) => torch.greater_equal(a, b),
  },
  { name: "less", py: "torch.less(a, 0.5)", inputs: [f(5)], ts: (a) => torch.less(a, 0.5) },
  { name: "less_equal", py: "a.less_equal(b)", inputs: [f(5), f(5)], ts: (a, b) => a.less_equal(b) },
  {
    name: "not_equal",
    py: "torch.not_equal(a, b)",
    inputs: [i64(6), i64(6)],
    ts: (a, b) => torch.not_equal(a, b),
  },
  {
    name: "greater_",
    py: "a.detach().clone().greater_(b)",
    inputs: [f(5), noGrad(f(5))],
    ts: (a, b) => a.detach().clone().greater_(b),
  },
  {
    name: "less_equal_",
    py: "a.clone().less_equal_(1)",
    inputs: [i64(5)],
    ts: (a) => a.clone().less_equal_(1),
  },

  // clamp_min / clamp_max: number bounds, tensor bounds broadcast, integers promoted by a float bound.
  {
    name: "clamp_min",
    py: "torch.clamp_min(a, -0.2)",
    inputs: [f(2, 3)],
    ts: (a) => torch.clamp_min(a, -0.2),
  },
  { name: "clamp_min.tensor", py: "a.clamp_min(b)", inputs: [f(2, 3), f(3)], ts: (a, b) => a.clamp_min(b) },
  {
    name: "clamp_min.int_float",
    py: "torch.clamp_min(a, 0.5)",
    inputs: [i64(5)],
    ts: (a) => torch.clamp_min(a, 0.5),
  },
  { name: "clamp_min_", py: "(a * 1).clamp_min_(0.1)", inputs: [f(5)], ts: (a) => a.mul(1).clamp_min_(0.1) },
  { name: "clamp_max", py: "torch.clamp_max(a, 0.3)", inputs: [f(2, 3)], ts: (a) => torch.clamp_max(a, 0.3) },
  {
    name: "clamp_max.tensor",
    py: "torch.clamp_max(a, b)",
    inputs: [f(2, 3), f(2, 1)],
    ts: (a, b) => torch.clamp_max(a, b),
  },
  { name: "clamp_max.float64", py: "a.clamp_max(0)", inputs: [f64(6)], ts: (a) => a.clamp_max(0) },
  {
    name: "clamp_max_",
    py: "torch.clamp_max_(a * 1, b)",
    inputs: [f(5), f(5)],
    ts: (a, b) => torch.clamp_max_(a.mul(1), b),
  },
];
