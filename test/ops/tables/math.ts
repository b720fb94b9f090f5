// Op table rows for src/ops/math.ts: rounding, roots, inverse trig, erf, the activations, binary math
// (atan2, fmod, remainder, maximum, minimum, lerp) and nan/inf classification.
import * as torch from "../../../src/index.js";
import { f, f64, noGrad, nz, pos, type InputSpec, type OpCase } from "../op_case.js";

const F = torch.nn.functional;
const i64 = (...shape: number[]): InputSpec => ({ shape, dtype: "int64" });
const unit = (...shape: number[]): InputSpec => ({ shape, domain: "unit" });
const boolSpec = (...shape: number[]): InputSpec => ({ shape, dtype: "bool" });
/** nan, inf, -inf and a finite value, added to a sample so isnan/nan_to_num see every case. */
const SPECIALS_PY = "torch.tensor([float('nan'), float('inf'), -float('inf'), 0.0])";
const specials = () => torch.tensor([NaN, Infinity, -Infinity, 0]);

export const MATH_OPS: OpCase[] = [
  {
    name: "pow.bool_squared",
    py: "torch.square(a)",
    inputs: [{ shape: [4], dtype: "bool" }],
    ts: (a) => torch.square(a),
  },
  { name: "square", py: "torch.square(a)", inputs: [f(2, 3)], ts: (a) => torch.square(a) },
  { name: "square.int", py: "a.square()", inputs: [i64(5)], ts: (a) => a.square() },
  { name: "square.float64", py: "torch.square(a)", inputs: [f64(4)], ts: (a) => a.square() },

  // Binary math.
  {
    name: "atan2",
    py: "torch.atan2(a, b)",
    inputs: [f(2, 3), f(2, 3)],
    ts: (a, b) => torch.atan2(a, b),
    ulps: 2,
  },
  { name: "atan2.broadcast", py: "a.atan2(b)", inputs: [f(3, 1), nz(4)], ts: (a, b) => a.atan2(b), ulps: 2 },
  {
    name: "atan2.int",
    py: "torch.atan2(a, b)",
    inputs: [i64(6), i64(6)],
    ts: (a, b) => torch.atan2(a, b),
    ulps: 2,
  },
  {
    name: "atan2.float64",
    py: "torch.atan2(a, b)",
    inputs: [f64(4), f64(4)],
    ts: (a, b) => torch.atan2(a, b),
  },
  {
    name: "fmod.scalar",
    py: "torch.fmod(a * 3, 1.5)",
    inputs: [f(2, 3)],
    ts: (a) => torch.fmod(a.mul(3), 1.5),
  },
  {
    name: "fmod.tensor",
    py: "torch.fmod(a * 3, b)",
    inputs: [f(2, 3), nz(3)],
    ts: (a, b) => a.mul(3).fmod(b),
  },
  // PyTorch's 16-element vector body (SLEEF's fmodf) gives nan where |x / y| overflows float (a subnormal y);
  // its scalar tail (the last 4 of 20 here) gives the exact remainder.
  {
    name: "fmod.subnormal_divisor",
    py: "torch.fmod(a, torch.full((20,), 1e-40))",
    inputs: [f(20)],
    ts: (a) => torch.fmod(a, torch.full([20], 1e-40)),
    gradcheck: false,
  },
  {
    name: "fmod.int",
    py: "torch.fmod(a, b)",
    inputs: [i64(8), { shape: [8], dtype: "int64", domain: "nonzero" }],
    ts: (a, b) => torch.fmod(a, b),
  },
  {
    name: "fmod.int_float_scalar",
    py: "torch.fmod(a, 2.5)",
    inputs: [i64(6)],
    ts: (a) => torch.fmod(a, 2.5),
  },
  {
    name: "remainder.scalar",
    py: "torch.remainder(a * 3, 1.5)",
    inputs: [f(2, 3)],
    ts: (a) => torch.remainder(a.mul(3), 1.5),
  },
  {
    name: "remainder.negative_scalar",
    py: "a.remainder(-0.7)",
    inputs: [f(6)],
    ts: (a) => a.remainder(-0.7),
  },
  {
    name: "remainder.tensor",
    py: "torch.remainder(a * 3, b)",
    inputs: [f(2, 3), nz(2, 1)],
    ts: (a, b) => torch.remainder(a.mul(3), b),
  },
  {
    name: "remainder.int",
    py: "torch.remainder(a, -3)",
    inputs: [i64(8)],
    ts: (a) => torch.remainder(a, -3),
  },
  {
    name: "remainder.float64",
    py: "torch.remainder(a, b)",
    inputs: [f64(5), { shape: [5], dtype: "float64", domain: "nonzero" }],
    ts: (a, b) => torch.remainder(a, b),
  },
  {
    name: "maximum",
    py: "torch.maximum(a, b)",
    inputs: [f(2, 3), f(2, 3)],
    ts: (a, b) => torch.maximum(a, b),
  },
  { name: "maximum.broadcast", py: "a.maximum(b)", inputs: [f(2, 3), f(3)], ts: (a, b) => a.maximum(b) },
  {
    name: "maximum.tie",
    py: "torch.maximum(a, b * 0 + a.detach())",
    inputs: [f(4), f(4)],
    ts: (a, b) => torch.maximum(a, b.mul(0).add(a.detach())),
    gradcheck: false,
  },
  {
    name: "maximum.int_float",
    py: "torch.maximum(a, b)",
    inputs: [i64(5), f(5)],
    ts: (a, b) => torch.maximum(a, b),
  },
  {
    name: "maximum.int",
    py: "torch.maximum(a, b)",
    inputs: [i64(5), i64(5)],
    ts: (a, b) => torch.maximum(a, b),
  },
  {
    name: "minimum",
    py: "torch.minimum(a, b)",
    inputs: [f(2, 3), f(2, 3)],
    ts: (a, b) => torch.minimum(a, b),
  },
  {
    name: "minimum.zero_dim",
    py: "torch.minimum(a, b)",
    inputs: [f(5), f()],
    ts: (a, b) => torch.minimum(a, b),
  },
  {
    name: "minimum.tie",
    py: "torch.minimum(a, b * 0 + a.detach())",
    inputs: [f(4), f(4)],
    ts: (a, b) => a.minimum(b.mul(0).add(a.detach())),
    gradcheck: false,
  },
  {
    name: "minimum.float64",
    py: "torch.minimum(a, b)",
    inputs: [f64(4), f64(4)],
    ts: (a, b) => torch.minimum(a, b),
  },
  {
    name: "lerp.scalar",
    py: "torch.lerp(a, b, 0.3)",
    inputs: [f(2, 3), f(2, 3)],
    ts: (a, b) => torch.lerp(a, b, 0.3),
  },
  { name: "lerp.scalar_large", py: "a.lerp(b, 0.8)", inputs: [f(2, 3), f(3)], ts: (a, b) => a.lerp(b, 0.8) },
  {
    name: "lerp.tensor",
    py: "torch.lerp(a, b, c)",
    inputs: [f(2, 3), f(2, 3), unit(2, 3)],
    ts: (a, b, c) => torch.lerp(a, b, c),
  },
  {
    name: "lerp.tensor_broadcast",
    py: "torch.lerp(a, b, c)",
    inputs: [f(3, 1), f(4), unit(3, 4)],
    ts: (a, b, c) => torch.lerp(a, b, c),
  },
  {
    name: "lerp.zero_dim_weight",
    py: "torch.lerp(a, b, c)",
    inputs: [f(4), f(4), unit()],
    ts: (a, b, c) => torch.lerp(a, b, c),
  },
  {
    name: "lerp.float64",
    py: "torch.lerp(a, b, 1.5)",
    inputs: [f64(4), f64(4)],
    ts: (a, b) => torch.lerp(a, b, 1.5),
  },

  // Math functions of one tensor.
  { name: "abs", py: "torch.abs(a)", inputs: [f(2, 3)], ts: (a) => torch.abs(a) },
  { name: "abs.int", py: "a.abs()", inputs: [i64(6)], ts: (a) => a.abs() },
  { name: "abs.float64", py: "torch.abs(a)", inputs: [f64(4)], ts: (a) => torch.abs(a) },
  { name: "sign", py: "torch.sign(a)", inputs: [f(2, 3)], ts: (a) => torch.sign(a), gradcheck: false },
  { name: "sign.int", py: "a.sign()", inputs: [i64(6)], ts: (a) => a.sign() },
  { name: "sign.bool", py: "torch.sign(a)", inputs: [boolSpec(4)], ts: (a) => torch.sign(a) },
  { name: "sqrt", py: "torch.sqrt(a)", inputs: [pos(2, 3)], ts: (a) => torch.sqrt(a) },
  {
    name: "sqrt.int",
    py: "torch.sqrt(a)",
    inputs: [{ shape: [5], dtype: "int64", domain: "positive" }],
    ts: (a) => a.sqrt(),
  },
  {
    name: "sqrt.float64",
    py: "a.sqrt()",
    inputs: [{ shape: [4], dtype: "float64", domain: "positive" }],
    ts: (a) => a.sqrt(),
  },
  { name: "sqrt.negative", py: "torch.sqrt(a)", inputs: [noGrad(f(6))], ts: (a) => torch.sqrt(a) },
  { name: "rsqrt", py: "torch.rsqrt(a)", inputs: [pos(2, 3)], ts: (a) => torch.rsqrt(a) },
  { name: "rsqrt.zero_dim", py: "a.rsqrt()", inputs: [pos()], ts: (a) => a.rsqrt() },
  { name: "expm1", py: "torch.expm1(a)", inputs: [f(2, 3)], ts: (a) => torch.expm1(a), ulps: 2 },
  { name: "expm1.int", py: "torch.expm1(a)", inputs: [i64(5)], ts: (a) => torch.expm1(a), ulps: 2 },
  { name: "log1p", py: "torch.log1p(a)", inputs: [pos(2, 3)], ts: (a) => torch.log1p(a), ulps: 2 },
  {
    name: "log1p.float64",
    py: "a.log1p()",
    inputs: [{ shape: [4], dtype: "float64", domain: "unit" }],
    ts: (a) => a.log1p(),
  },
  { name: "log2", py: "torch.log2(a)", inputs: [pos(2, 3)], ts: (a) => torch.log2(a), ulps: 2 },
  {
    name: "log2.int",
    py: "torch.log2(a)",
    inputs: [{ shape: [5], dtype: "int64", domain: "positive" }],
    ts: (a) => a.log2(),
    ulps: 2,
  },
  { name: "log10", py: "torch.log10(a)", inputs: [pos(2, 3)], ts: (a) => a.log10(), ulps: 2 },
  { name: "tan", py: "torch.tan(a)", inputs: [unit(2, 3)], ts: (a) => torch.tan(a), ulps: 2 },
  { name: "tan.float64", py: "torch.tan(a)", inputs: [f64(5)], ts: (a) => torch.tan(a) },
  { name: "asin", py: "torch.asin(a)", inputs: [unit(2, 3)], ts: (a) => torch.asin(a), ulps: 2 },
  {
    name: "asin.out_of_domain",
    py: "torch.asin(a * 3)",
    inputs: [noGrad(unit(6))],
    ts: (a) => torch.asin(a.mul(3)),
  },
  { name: "acos", py: "torch.acos(a)", inputs: [unit(2, 3)], ts: (a) => a.acos(), ulps: 2 },
  { name: "atan", py: "torch.atan(a)", inputs: [f(2, 3)], ts: (a) => torch.atan(a), ulps: 2 },
  { name: "atan.int", py: "torch.atan(a)", inputs: [i64(5)], ts: (a) => torch.atan(a), ulps: 2 },
  { name: "sinh", py: "torch.sinh(a)", inputs: [f(2, 3)], ts: (a) => torch.sinh(a), ulps: 2 },
  { name: "cosh", py: "torch.cosh(a)", inputs: [f(2, 3)], ts: (a) => a.cosh(), ulps: 2 },
  { name: "cosh.float64", py: "torch.cosh(a)", inputs: [f64(4)], ts: (a) => torch.cosh(a) },
  { name: "erf", py: "torch.erf(a)", inputs: [f(2, 3)], ts: (a) => torch.erf(a), ulps: 2 },
  { name: "erf.float64", py: "torch.erf(a * 2)", inputs: [f64(6)], ts: (a) => torch.erf(a.mul(2)) },
  { name: "erf.int", py: "torch.erf(a)", inputs: [i64(5)], ts: (a) => a.erf(), ulps: 2 },

  // Rounding: piecewise constant, zero gradients.
  {
    name: "floor",
    py: "torch.floor(a * 3)",
    inputs: [f(2, 3)],
    ts: (a) => torch.floor(a.mul(3)),
    gradcheck: false,
  },
  { name: "floor.int", py: "torch.floor(a)", inputs: [i64(5)], ts: (a) => torch.floor(a) },
  { name: "ceil", py: "torch.ceil(a * 3)", inputs: [f(2, 3)], ts: (a) => a.mul(3).ceil(), gradcheck: false },
  { name: "ceil.float64", py: "torch.ceil(a)", inputs: [f64(4)], ts: (a) => torch.ceil(a), gradcheck: false },
  {
    name: "trunc",
    py: "torch.trunc(a * 3)",
    inputs: [f(2, 3)],
    ts: (a) => torch.trunc(a.mul(3)),
    gradcheck: false,
  },
  {
    name: "round",
    py: "torch.round(a * 3)",
    inputs: [f(2, 3)],
    ts: (a) => torch.round(a.mul(3)),
    gradcheck: false,
  },
  {
    name: "round.half_even",
    py: "torch.round(torch.tensor([0.5, 1.5, 2.5, -0.5, -1.5, -2.5]))",
    inputs: [],
    ts: () => torch.round(torch.tensor([0.5, 1.5, 2.5, -0.5, -1.5, -2.5])),
  },
  { name: "round.int", py: "torch.round(a)", inputs: [i64(5)], ts: (a) => a.round() },
  {
    name: "round.decimals0",
    py: "torch.round(a * 3, decimals=0)",
    inputs: [f(2, 3)],
    ts: (a) => torch.round(a.mul(3), { decimals: 0 }),
    gradcheck: false,
  },
  {
    name: "round.decimals",
    py: "torch.round(a, decimals=2)",
    inputs: [f(6)],
    ts: (a) => torch.round(a, { decimals: 2 }),
    gradcheck: false,
  },
  {
    name: "round.negative_decimals",
    py: "torch.round(a * 1000, decimals=-2)",
    inputs: [f(6)],
    ts: (a) => a.mul(1000).round({ decimals: -2 }),
    gradcheck: false,
  },
  { name: "frac", py: "torch.frac(a * 3)", inputs: [f(2, 3)], ts: (a) => torch.frac(a.mul(3)) },

  // Activations (torch.nn.functional).
  {
    name: "logsigmoid",
    py: "torch.nn.functional.logsigmoid(a * 4)",
    inputs: [f(2, 4)],
    ts: (a) => F.logsigmoid(a.mul(4)),
    ulps: 2,
  },
  {
    name: "logsigmoid.float64",
    py: "torch.nn.functional.logsigmoid(a)",
    inputs: [f64(5)],
    ts: (a) => F.logsigmoid(a),
  },
  {
    name: "leaky_relu",
    py: "torch.nn.functional.leaky_relu(a)",
    inputs: [f(2, 3)],
    ts: (a) => F.leaky_relu(a),
  },
  {
    name: "leaky_relu.slope",
    py: "torch.nn.functional.leaky_relu(a, 0.2)",
    inputs: [f(6)],
    ts: (a) => F.leaky_relu(a, { negative_slope: 0.2 }),
  },
  { name: "elu", py: "torch.nn.functional.elu(a)", inputs: [f(2, 4)], ts: (a) => F.elu(a), ulps: 2 },
  {
    name: "elu.alpha",
    py: "torch.nn.functional.elu(a, alpha=0.5)",
    inputs: [f(6)],
    ts: (a) => F.elu(a, { alpha: 0.5 }),
    ulps: 2,
  },
  {
    name: "elu.float64",
    py: "torch.nn.functional.elu(a, 1.5)",
    inputs: [f64(6)],
    ts: (a) => F.elu(a, 1.5),
  },
  // PyTorch's float32 gelu backward uses its polynomial erf; cdf + x * pdf cancels for x < 0, so its
  // gradients carry that approximation's error (our backward uses the exact erf).
  { name: "gelu", py: "torch.nn.functional.gelu(a)", inputs: [f(2, 4)], ts: (a) => F.gelu(a), ulps: 16 },
  {
    name: "gelu.tanh",
    py: "torch.nn.functional.gelu(a, approximate='tanh')",
    inputs: [f(2, 4)],
    ts: (a) => F.gelu(a, { approximate: "tanh" }),
    ulps: 2,
  },
  { name: "gelu.float64", py: "torch.nn.functional.gelu(a)", inputs: [f64(6)], ts: (a) => F.gelu(a) },
  {
    name: "gelu.tanh_float64",
    py: "torch.nn.functional.gelu(a, approximate='tanh')",
    inputs: [f64(6)],
    ts: (a) => F.gelu(a, { approximate: "tanh" }),
  },
  { name: "silu", py: "torch.nn.functional.silu(a)", inputs: [f(2, 4)], ts: (a) => F.silu(a), ulps: 2 },
  { name: "silu.float64", py: "torch.nn.functional.silu(a)", inputs: [f64(5)], ts: (a) => F.silu(a) },
  {
    name: "softplus",
    py: "torch.nn.functional.softplus(a)",
    inputs: [f(2, 4)],
    ts: (a) => F.softplus(a),
    ulps: 2,
  },
  {
    name: "softplus.beta_threshold",
    py: "torch.nn.functional.softplus(a, beta=2, threshold=1)",
    inputs: [f(8)],
    ts: (a) => F.softplus(a, { beta: 2, threshold: 1 }),
    ulps: 2,
  },
  {
    name: "softplus.float64",
    py: "torch.nn.functional.softplus(a, 0.5, 3)",
    inputs: [f64(6)],
    ts: (a) => F.softplus(a, 0.5, 3),
  },

  // nan/inf classification and nan_to_num.
  {
    name: "isnan",
    py: `torch.isnan(a + ${SPECIALS_PY})`,
    inputs: [f(4)],
    ts: (a) => torch.isnan(a.add(specials())),
  },
  {
    name: "isinf",
    py: `torch.isinf(a + ${SPECIALS_PY})`,
    inputs: [f(2, 4)],
    ts: (a) => a.add(specials()).isinf(),
  },
  {
    name: "isfinite",
    py: `torch.isfinite(a + ${SPECIALS_PY})`,
    inputs: [f(4)],
    ts: (a) => torch.isfinite(a.add(specials())),
  },
  { name: "isnan.int", py: "torch.isnan(a)", inputs: [i64(4)], ts: (a) => torch.isnan(a) },
  { name: "isfinite.int", py: "torch.isfinite(a)", inputs: [i64(4)], ts: (a) => a.isfinite() },
  {
    name: "nan_to_num",
    py: `torch.nan_to_num(a + ${SPECIALS_PY})`,
    inputs: [f(2, 4)],
    ts: (a) => torch.nan_to_num(a.add(specials())),
  },
  {
    name: "nan_to_num.options",
    py: `torch.nan_to_num(a + ${SPECIALS_PY}, nan=1.5, posinf=100.0, neginf=-7.0)`,
    inputs: [f(4)],
    ts: (a) => torch.nan_to_num(a.add(specials()), { nan: 1.5, posinf: 100, neginf: -7 }),
  },
  {
    name: "nan_to_num.positional_float64",
    py: `torch.nan_to_num(a + ${SPECIALS_PY}.double(), 2.0)`,
    inputs: [f64(4)],
    ts: (a) => a.add(specials().double()).nan_to_num(2),
  },
  { name: "nan_to_num.int", py: "torch.nan_to_num(a)", inputs: [i64(4)], ts: (a) => torch.nan_to_num(a) },
  {
    name: "nan_to_num.finite",
    py: "torch.nan_to_num(a / b)",
    inputs: [f(3), nz(3)],
    ts: (a, b) => torch.nan_to_num(a.div(b)),
  },
  // Bool operands promote to int64 with a number divisor (issue 13); two bool tensors raise (error tables).
  { name: "fmod.bool_scalar", py: "torch.fmod(a, 2)", inputs: [boolSpec(6)], ts: (a) => torch.fmod(a, 2) },
  {
    name: "remainder.bool_int",
    py: "torch.remainder(a, b)",
    inputs: [boolSpec(6), { shape: [6], dtype: "int64", domain: "nonzero" }],
    ts: (a, b) => torch.remainder(a, b),
  },
];
