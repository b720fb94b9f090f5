// Elementwise math ops beyond the arithmetic of elementwise.ts: rounding, inverse trig, activations,
// binary math (atan2, fmod, remainder, minimum, maximum, lerp) and float classification. The declarations
// at the end give each its PyTorch signatures, torch.nn.functional's for the activations (argument checking
// happens there, before an op runs).
import { RuntimeError } from "../errors.js";
import { defineMethods, defineOps, definePython } from "../signatures/registry.js";
import {
  bool,
  Category,
  defaultFloatDtype,
  float32,
  float64,
  int64,
  resultType,
  type DType,
} from "../tensor/dtype.js";
import { broadcastShapes } from "../tensor/shape.js";
import { Tensor } from "../tensor/tensor.js";
import { lerpFloat64 } from "../backend/js/lerp.js";
import {
  binaryKernel,
  broadcastView,
  checkTensor,
  cppTypeName,
  floatingDtype,
  fromData,
  inPlace,
  isScalar,
  promoteOperands,
  record,
  scalarTensor,
  scalarValue,
  unaryKernel,
  type Scalar,
  type TensorOrScalar,
} from "./core.js";
import { floatUnary, pow, where } from "./elementwise.js";
import { pow_ } from "./inplace.js";
import { defineOutCheck, sameDtypeOut } from "./out.js";

/** PyTorch's dispatch error for a dtype a CPU kernel lacks. */
function notImplemented(kernel: string, dtype: DType): RuntimeError {
  return new RuntimeError(`"${kernel}" not implemented for '${dtype.scalarTypeName}'`);
}

function checkNotBool(dtype: DType, kernel: string): void {
  if (dtype === bool) throw notImplemented(kernel, dtype);
}

/** A float-only kernel (activations): ints and bools are PyTorch dispatch errors. */
function checkFloating(x: Tensor, kernel: string): void {
  if (x.dtype.category !== Category.Floating) throw notImplemented(kernel, x.dtype);
}

export function abs(input: Tensor): Tensor {
  checkNotBool(input.dtype, "abs_cpu");
  return record("AbsBackward0", [input], unaryKernel("abs", input, input.dtype), () => ({ self: input }));
}

export function sign(input: Tensor): Tensor {
  return record("SignBackward0", [input], unaryKernel("sign", input, input.dtype), () => ({}));
}

/** Rounding ops keep the dtype; on integers they are a copy. */
function rounding(
  op: "floor" | "ceil" | "trunc",
  input: Tensor,
  gradFn: "FloorBackward0" | "CeilBackward0" | "TruncBackward0",
) {
  checkNotBool(input.dtype, `${op}_vml_cpu`);
  return record(gradFn, [input], unaryKernel(op, input, input.dtype), () => ({}));
}

export const floor = (input: Tensor): Tensor => rounding("floor", input, "FloorBackward0");
export const ceil = (input: Tensor): Tensor => rounding("ceil", input, "CeilBackward0");
export const trunc = (input: Tensor): Tensor => rounding("trunc", input, "TruncBackward0");

/** torch.round(input): half to even; integers are copied. */
export function round(input: Tensor): Tensor {
  checkNotBool(input.dtype, "round_vml_cpu");
  return record("RoundBackward0", [input], unaryKernel("round", input, input.dtype), () => ({}));
}

/**
 * torch.round(input, decimals=d) (RoundBackward1, floating only): d = 0 is the plain kernel; otherwise
 * PyTorch's round_decimals, nearbyint(x * 10^d) / 10^d, or nearbyint(x / 10^-d) * 10^-d for d < 0.
 */
export function roundDecimals(input: Tensor, decimals: number): Tensor {
  checkFloating(input, decimals === 0 ? "round_vml_cpu" : "round_cpu");
  const dtype = input.dtype;
  let out: Tensor;
  if (decimals === 0) {
    out = unaryKernel("round", input, dtype);
  } else {
    const tenPow = scalarTensor(10 ** Math.abs(decimals), dtype);
    const [scale, unscale] = decimals > 0 ? (["mul", "div"] as const) : (["div", "mul"] as const);
    const scaled = unaryKernel("round", binaryKernel(scale, input, tenPow, dtype), dtype);
    out = binaryKernel(unscale, scaled, tenPow, dtype);
  }
  return record("RoundBackward1", [input], out, () => ({}));
}

export function frac(input: Tensor): Tensor {
  checkFloating(input, "frac_cpu");
  return record("FracBackward0", [input], unaryKernel("frac", input, input.dtype), () => ({}));
}

/** torch.square(x) is x ** 2 in PyTorch (PowBackward0; bool squares to int64). */
export function square(input: Tensor): Tensor {
  return pow(input, 2);
}

export function sqrt(input: Tensor): Tensor {
  const out = floatUnary("sqrt", input);
  return record("SqrtBackward0", [input], out, () => ({ result: out }));
}

export function rsqrt(input: Tensor): Tensor {
  const out = floatUnary("rsqrt", input);
  return record("RsqrtBackward0", [input], out, () => ({ result: out }));
}

export function expm1(input: Tensor): Tensor {
  const out = floatUnary("expm1", input);
  return record("Expm1Backward0", [input], out, () => ({ result: out }));
}

export function tan(input: Tensor): Tensor {
  const out = floatUnary("tan", input);
  return record("TanBackward0", [input], out, () => ({ result: out }));
}

export const log1p = (input: Tensor): Tensor =>
  record("Log1PBackward0", [input], floatUnary("log1p", input), () => ({ self: input }));
export const log2 = (input: Tensor): Tensor =>
  record("Log2Backward0", [input], floatUnary("log2", input), () => ({ self: input }));
export const log10 = (input: Tensor): Tensor =>
  record("Log10Backward0", [input], floatUnary("log10", input), () => ({ self: input }));
export const asin = (input: Tensor): Tensor =>
  record("AsinBackward0", [input], floatUnary("asin", input), () => ({ self: input }));
export const acos = (input: Tensor): Tensor =>
  record("AcosBackward0", [input], floatUnary("acos", input), () => ({ self: input }));
export const atan = (input: Tensor): Tensor =>
  record("AtanBackward0", [input], floatUnary("atan", input), () => ({ self: input }));
export const sinh = (input: Tensor): Tensor =>
  record("SinhBackward0", [input], floatUnary("sinh", input), () => ({ self: input }));
export const cosh = (input: Tensor): Tensor =>
  record("CoshBackward0", [input], floatUnary("cosh", input), () => ({ self: input }));
export const erf = (input: Tensor): Tensor =>
  record("ErfBackward0", [input], floatUnary("erf", input), () => ({ self: input }));

// ---- Activations (torch.nn.functional's, declared at the end) ----

/** A number argument of an activation, checked like PyTorch's argument parser. */
function numberArg(fn: string, name: string, v: unknown, fallback: number): number {
  if (v === undefined) return fallback;
  if (typeof v !== "number")
    throw new TypeError(`${fn}(): argument '${name}' must be Number, not ${typeof v}`);
  return v;
}

/** torch.nn.functional.logsigmoid(x) = log(sigmoid(x)), computed stably. */
export function logsigmoid(input: Tensor): Tensor {
  checkTensor(input, "logsigmoid");
  checkFloating(input, "log_sigmoid_cpu");
  const out = unaryKernel("logsigmoid", input, input.dtype);
  return record("LogSigmoidBackward0", [input], out, () => ({ self: input }));
}

export interface LeakyReluOptions {
  negative_slope?: number;
}

/** torch.nn.functional.leaky_relu(x, negative_slope = 0.01). */
export function leaky_relu(input: Tensor, opts?: LeakyReluOptions | number): Tensor {
  checkTensor(input, "leaky_relu");
  const slope = numberArg(
    "leaky_relu",
    "negative_slope",
    typeof opts === "object" ? opts.negative_slope : opts,
    0.01,
  );
  checkFloating(input, "leaky_relu_cpu");
  const out = unaryKernel("leaky_relu", input, input.dtype, [input.dtype.cast(slope)]);
  return record("LeakyReluBackward0", [input], out, () => ({ self: input, negativeSlope: slope }));
}

export interface EluOptions {
  alpha?: number;
}

/** torch.nn.functional.elu(x, alpha = 1): x > 0 ? x : alpha * (exp(x) - 1). */
export function elu(input: Tensor, opts?: EluOptions | number): Tensor {
  checkTensor(input, "elu");
  const alpha = numberArg("elu", "alpha", typeof opts === "object" ? opts.alpha : opts, 1);
  checkFloating(input, "elu_cpu");
  const [scale, inputScale] = [1, 1];
  const cast = input.dtype.cast;
  const out = unaryKernel("elu", input, input.dtype, [cast(alpha), cast(scale), cast(inputScale)]);
  return record("EluBackward0", [input], out, () => ({ self: input, alpha, scale, inputScale }));
}

export interface GeluOptions {
  approximate?: "none" | "tanh";
}

/** torch.nn.functional.gelu(x, { approximate: "none" | "tanh" }). */
export function gelu(input: Tensor, opts?: GeluOptions | "none" | "tanh"): Tensor {
  checkTensor(input, "gelu");
  const approximate: unknown = (typeof opts === "string" ? opts : opts?.approximate) ?? "none";
  if (typeof approximate !== "string") {
    throw new TypeError(`gelu(): argument 'approximate' must be str, not ${typeof approximate}`);
  }
  if (approximate !== "none" && approximate !== "tanh") {
    throw new RuntimeError("approximate argument must be either none or tanh.");
  }
  const mode: "none" | "tanh" = approximate;
  checkFloating(input, "GeluKernelImpl");
  // PyTorch's CPU kernel evaluates float32 erf with its vectorised polynomial, float64 erf exactly.
  const polynomialErf = input.dtype === float32 ? 1 : 0;
  const out = unaryKernel(mode === "tanh" ? "gelu_tanh" : "gelu", input, input.dtype, [polynomialErf]);
  return record("GeluBackward0", [input], out, () => ({ self: input, approximate: mode }));
}

/** torch.nn.functional.silu(x) = x * sigmoid(x). */
export function silu(input: Tensor): Tensor {
  checkTensor(input, "silu");
  checkFloating(input, "silu_cpu");
  return record("SiluBackward0", [input], unaryKernel("silu", input, input.dtype), () => ({ self: input }));
}

export interface SoftplusOptions {
  beta?: number;
  threshold?: number;
}

/** torch.nn.functional.softplus(x, beta = 1, threshold = 20): log(1 + exp(beta x)) / beta, linear past threshold. */
export function softplus(input: Tensor, betaOrOpts?: SoftplusOptions | number, threshold?: number): Tensor {
  checkTensor(input, "softplus");
  const opts = typeof betaOrOpts === "object" ? betaOrOpts : { beta: betaOrOpts, threshold };
  const beta = numberArg("softplus", "beta", opts.beta, 1);
  const limit = numberArg("softplus", "threshold", opts.threshold, 20);
  checkFloating(input, "softplus_cpu");
  const cast = input.dtype.cast;
  const out = unaryKernel("softplus", input, input.dtype, [cast(beta), cast(limit)]);
  return record("SoftplusBackward0", [input], out, () => ({ self: input, beta, threshold: limit }));
}

// ---- Binary math ----

/** torch.atan2(input, other): both tensors; integers compute in float32. */
export function atan2(input: Tensor, other: Tensor): Tensor {
  const dtype = floatingDtype(resultType([input, other]), defaultFloatDtype());
  return record("Atan2Backward0", [input, other], binaryKernel("atan2", input, other, dtype), () => ({
    self: input,
    other,
  }));
}

/** fmod (C's remainder, sign of the dividend) and remainder (Python's %, sign of the divisor). */
function modulo(op: "fmod" | "remainder", input: TensorOrScalar, other: TensorOrScalar): Tensor {
  const [a, b, dtype] = promoteOperands(input, other);
  // The kernel dispatches on the promoted dtype: a bool operand promoted to an integer type is fine.
  checkNotBool(dtype, `${op}_cpu`);
  if (dtype.category !== Category.Floating && isIntegerZero(b)) throw new RuntimeError("ZeroDivisionError");
  const out = binaryKernel(op, a, b, dtype);
  if (!(input instanceof Tensor)) {
    // remainder(Scalar self, Tensor other): PyTorch has no derivative for it.
    return record("torch::autograd::NotImplemented", [b], out, () => ({ op }));
  }
  if (isScalar(other))
    return record(op === "fmod" ? "FmodBackward0" : "RemainderBackward0", [a], out, () => ({}));
  const gradFn = op === "fmod" ? "FmodBackward1" : "RemainderBackward1";
  return record(gradFn, [a, b], out, () => ({ self: a, other: b }));
}

function isIntegerZero(divisor: Tensor): boolean {
  return divisor.values().some((v) => v === 0);
}

export const fmod = (input: Tensor, other: TensorOrScalar): Tensor => modulo("fmod", input, other);
export const remainder = (input: TensorOrScalar, other: TensorOrScalar): Tensor =>
  modulo("remainder", input, other);

/** maximum/minimum: elementwise, NaN-propagating; both arguments must be tensors. */
function extremum(op: "maximum" | "minimum", input: Tensor, other: Tensor): Tensor {
  const dtype = resultType([input, other]);
  const out = binaryKernel(op, input, other, dtype);
  return record(op === "maximum" ? "MaximumBackward0" : "MinimumBackward0", [input, other], out, () => ({
    self: input,
    other,
  }));
}

export const maximum = (input: Tensor, other: Tensor): Tensor => extremum("maximum", input, other);
export const minimum = (input: Tensor, other: Tensor): Tensor => extremum("minimum", input, other);

export { cppTypeName };

/**
 * torch.lerp(input, end, weight): input + weight * (end - input), computed like PyTorch 1.13's kernel:
 * for weight >= 0.5 (signed: 1.13 does not take |weight|) it is end - (end - input) * (1 - weight).
 */
export function lerp(input: Tensor, end: Tensor, weight: Tensor | Scalar): Tensor {
  const dtype = input.dtype;
  for (const [name, t] of [
    ["end", end],
    ...(weight instanceof Tensor ? [["weight", weight] as const] : []),
  ] as const) {
    if (t.dtype !== dtype) {
      throw new RuntimeError(
        `expected dtype ${cppTypeName(dtype)} for \`${name}\` but got dtype ${cppTypeName(t.dtype)}`,
      );
    }
  }
  checkFloating(input, weight instanceof Tensor ? "lerp_kernel_tensor" : "lerp_kernel_scalar");
  // Report a size mismatch in PyTorch's operand order (self, end, weight) before computing end - self.
  const shape = broadcastShapes(input.shape, end.shape);
  const fullShape = weight instanceof Tensor ? broadcastShapes(shape, weight.shape) : shape;
  const w = weight instanceof Tensor ? weight : scalarTensor(weight, dtype);
  // The compiler fuses `self + weight * diff` (and `end - diff * (1 - weight)`) into one FMA: the float32
  // product is exact in float64, so computing there and rounding once reproduces it; float64 needs a real FMA.
  let out: Tensor;
  if (dtype === float64) {
    const [a, b, c] = [input, end, w].map((t) => broadcastView(t, fullShape));
    out = fromData(lerpFloat64(a, b, c), fullShape, dtype);
  } else {
    const diff = binaryKernel("sub", end, input, dtype);
    const small = binaryKernel("add", input, binaryKernel("mul", w, diff, float64), float64, dtype);
    const oneMinus = binaryKernel("sub", scalarTensor(1, dtype), w, dtype);
    const large = binaryKernel("sub", end, binaryKernel("mul", diff, oneMinus, float64), float64, dtype);
    const isSmall = binaryKernel("lt", w, scalarTensor(0.5, dtype), dtype, bool);
    out = where(isSmall, small, large);
  }
  if (weight instanceof Tensor) {
    return record("LerpBackward1", [input, end, weight], out, () => ({ self: input, end, weight }));
  }
  const weightValue = scalarValue(weight);
  return record("LerpBackward0", [input, end], out, () => ({ weight: weightValue }));
}

// ---- Classification and nan_to_num ----

export function isnan(input: Tensor): Tensor {
  return unaryKernel("isnan", input, bool, [], input.dtype);
}

export function isinf(input: Tensor): Tensor {
  return unaryKernel("isinf", input, bool, [], input.dtype);
}

export function isfinite(input: Tensor): Tensor {
  return unaryKernel("isfinite", input, bool, [], input.dtype);
}

/** torch.nan_to_num(x, nan = 0, posinf = dtype max, neginf = dtype lowest); ints and bools are copied. */
export function nan_to_num(
  input: Tensor,
  nan: number | null = null,
  posinf: number | null = null,
  neginf: number | null = null,
): Tensor {
  const dtype = input.dtype;
  const largest = dtype === float32 ? 3.4028234663852886e38 : Number.MAX_VALUE;
  const params =
    dtype.category === Category.Floating
      ? [dtype.cast(nan ?? 0), dtype.cast(posinf ?? largest), dtype.cast(neginf ?? -largest)]
      : [0, 0, 0];
  const out = unaryKernel("nan_to_num", input, dtype, params);
  return record("NanToNumBackward0", [input], out, () => ({ self: input }));
}

// ---- In place: computed out of place, written back (see inPlace in core.ts) ----

const inPlaceOf =
  (op: (input: Tensor) => Tensor) =>
  (self: Tensor): Tensor =>
    inPlace(self, op);

export const abs_ = inPlaceOf(abs);
export const sign_ = inPlaceOf(sign);
export const floor_ = inPlaceOf(floor);
export const ceil_ = inPlaceOf(ceil);
export const trunc_ = inPlaceOf(trunc);
export const round_ = inPlaceOf(round);
export const frac_ = inPlaceOf(frac);
export const sqrt_ = inPlaceOf(sqrt);
export const rsqrt_ = inPlaceOf(rsqrt);
export const expm1_ = inPlaceOf(expm1);
export const tan_ = inPlaceOf(tan);
export const log1p_ = inPlaceOf(log1p);
export const log2_ = inPlaceOf(log2);
export const log10_ = inPlaceOf(log10);
export const asin_ = inPlaceOf(asin);
export const acos_ = inPlaceOf(acos);
export const atan_ = inPlaceOf(atan);
export const sinh_ = inPlaceOf(sinh);
export const cosh_ = inPlaceOf(cosh);
export const erf_ = inPlaceOf(erf);
/** square_ is pow_(2): a bool self fails pow_'s dtype check as in PyTorch. */
export const square_ = (self: Tensor): Tensor => pow_(self, 2);

/** PyTorch's out= check of ops whose result dtype is fixed: "Expected out tensor to have dtype ...". */
export function checkOutDtype(out: Tensor, dtype: DType): void {
  if (out.dtype !== dtype) {
    throw new RuntimeError(
      `Expected out tensor to have dtype ${cppTypeName(dtype)}, but got ${cppTypeName(out.dtype)} instead`,
    );
  }
}

defineOutCheck(
  ["abs", "absolute", "neg", "negative", "sign", "sgn", "floor", "ceil", "trunc", "fix", "round", "frac"],
  sameDtypeOut((input) => input.dtype),
);
// square is pow(x, 2): a bool squares to int64.
defineOutCheck(
  ["square"],
  sameDtypeOut((input) => (input.dtype === bool ? int64 : input.dtype)),
);
defineOutCheck(["nan_to_num"], (out, args) => {
  const [input] = args as [Tensor];
  const dtype = (out as Tensor).dtype;
  if (dtype !== input.dtype) {
    throw new RuntimeError(
      `nan_to_num: dtype of out: ${dtype.scalarTypeName} should be same as input: ${input.dtype.scalarTypeName}`,
    );
  }
});

defineOps(
  "torch",
  {
    "abs(Tensor input, *, Tensor out=None) -> Tensor": abs,
    "abs_(Tensor input) -> Tensor": abs_,
    "sign(Tensor input, *, Tensor out=None) -> Tensor": sign,
    "floor(Tensor input, *, Tensor out=None) -> Tensor": floor,
    "floor_(Tensor input) -> Tensor": floor_,
    "ceil(Tensor input, *, Tensor out=None) -> Tensor": ceil,
    "ceil_(Tensor input) -> Tensor": ceil_,
    "trunc(Tensor input, *, Tensor out=None) -> Tensor": trunc,
    "trunc_(Tensor input) -> Tensor": trunc_,
    "round(Tensor input, *, Tensor out=None) -> Tensor": round,
    "round(Tensor input, *, int64_t decimals, Tensor out=None) -> Tensor": roundDecimals,
    "round_(Tensor input) -> Tensor": round_,
    "round_(Tensor input, *, int64_t decimals) -> Tensor": (self, decimals) =>
      inPlace(self, (x) => roundDecimals(x, decimals)),
    "frac(Tensor input, *, Tensor out=None) -> Tensor": frac,
    "frac_(Tensor input) -> Tensor": frac_,
    "square(Tensor input, *, Tensor out=None) -> Tensor": square,
    "square_(Tensor input) -> Tensor": square_,
    "sqrt(Tensor input, *, Tensor out=None) -> Tensor": sqrt,
    "sqrt_(Tensor input) -> Tensor": sqrt_,
    "rsqrt(Tensor input, *, Tensor out=None) -> Tensor": rsqrt,
    "rsqrt_(Tensor input) -> Tensor": rsqrt_,
    "expm1(Tensor input, *, Tensor out=None) -> Tensor": expm1,
    "expm1_(Tensor input) -> Tensor": expm1_,
    "tan(Tensor input, *, Tensor out=None) -> Tensor": tan,
    "tan_(Tensor input) -> Tensor": tan_,
    "log1p(Tensor input, *, Tensor out=None) -> Tensor": log1p,
    "log1p_(Tensor input) -> Tensor": log1p_,
    "log2(Tensor input, *, Tensor out=None) -> Tensor": log2,
    "log2_(Tensor input) -> Tensor": log2_,
    "log10(Tensor input, *, Tensor out=None) -> Tensor": log10,
    "log10_(Tensor input) -> Tensor": log10_,
    "asin(Tensor input, *, Tensor out=None) -> Tensor": asin,
    "asin_(Tensor input) -> Tensor": asin_,
    "acos(Tensor input, *, Tensor out=None) -> Tensor": acos,
    "acos_(Tensor input) -> Tensor": acos_,
    "atan(Tensor input, *, Tensor out=None) -> Tensor": atan,
    "atan_(Tensor input) -> Tensor": atan_,
    "sinh(Tensor input, *, Tensor out=None) -> Tensor": sinh,
    "sinh_(Tensor input) -> Tensor": sinh_,
    "cosh(Tensor input, *, Tensor out=None) -> Tensor": cosh,
    "cosh_(Tensor input) -> Tensor": cosh_,
    "erf(Tensor input, *, Tensor out=None) -> Tensor": erf,
    "erf_(Tensor input) -> Tensor": erf_,
    "atan2(Tensor input, Tensor other, *, Tensor out=None) -> Tensor": atan2,
    "fmod(Tensor input, Tensor other, *, Tensor out=None) -> Tensor": fmod,
    "fmod(Tensor input, Scalar other, *, Tensor out=None) -> Tensor": fmod,
    "remainder(Tensor input, Tensor other, *, Tensor out=None) -> Tensor": remainder,
    "remainder(Scalar self, Tensor other) -> Tensor": remainder,
    "remainder(Tensor input, Scalar other, *, Tensor out=None) -> Tensor": remainder,
    "maximum(Tensor input, Tensor other, *, Tensor out=None) -> Tensor": maximum,
    "minimum(Tensor input, Tensor other, *, Tensor out=None) -> Tensor": minimum,
    "lerp(Tensor input, Tensor end, Tensor weight, *, Tensor out=None) -> Tensor": lerp,
    "lerp(Tensor input, Tensor end, Scalar weight, *, Tensor out=None) -> Tensor": lerp,
    "isnan(Tensor input) -> Tensor": isnan,
    "isinf(Tensor input) -> Tensor": isinf,
    "isfinite(Tensor input) -> Tensor": isfinite,
    "nan_to_num(Tensor input, double? nan=None, double? posinf=None, double? neginf=None, *, Tensor out=None) -> Tensor":
      nan_to_num,
    "nan_to_num_(Tensor input, double? nan=None, double? posinf=None, double? neginf=None) -> Tensor": (
      self,
      nan,
      posinf,
      neginf,
    ) =>
      // Integers are copied onto themselves, without the overlap check of the float kernel.
      inPlace(self, (x) => nan_to_num(x, nan, posinf, neginf), {
        allowOverlap: !(self as Tensor).dtype.is_floating_point,
      }),
  },
  { methods: true },
);

// In-place methods PyTorch has no torch.* function for.
defineMethods({
  "sign_() -> Tensor": sign_,
  "atan2_(Tensor other) -> Tensor": (self, other) => inPlace(self, (x) => atan2(x, other)),
  "fmod_(Tensor other) -> Tensor": (self, other) => inPlace(self, (x) => fmod(x, other)),
  "fmod_(Scalar other) -> Tensor": (self, other) => inPlace(self, (x) => fmod(x, other)),
  "remainder_(Tensor other) -> Tensor": (self, other) => inPlace(self, (x) => remainder(x, other)),
  "remainder_(Scalar other) -> Tensor": (self, other) => inPlace(self, (x) => remainder(x, other)),
  "lerp_(Tensor end, Tensor weight) -> Tensor": (self, end, weight) =>
    inPlace(self, (x) => lerp(x, end, weight)),
  "lerp_(Tensor end, Scalar weight) -> Tensor": (self, end, weight) =>
    inPlace(self, (x) => lerp(x, end, weight)),
});

// ---- torch.nn.functional's activations ----

/** F.elu(input, alpha=1.0, inplace=False). */
function eluFunctional(input: Tensor, alpha: Scalar, inplace: boolean): Tensor {
  const a = Number(alpha);
  return inplace ? inPlace(input, (x) => elu(x, a)) : elu(input, a);
}

/** F.leaky_relu(input, negative_slope=0.01, inplace=False). */
function leakyReluFunctional(input: Tensor, negativeSlope: Scalar, inplace: boolean): Tensor {
  const slope = Number(negativeSlope);
  return inplace ? inPlace(input, (x) => leaky_relu(x, slope)) : leaky_relu(input, slope);
}

/** F.silu(input, inplace=False). */
const siluFunctional = (input: Tensor, inplace: boolean): Tensor =>
  inplace ? inPlace(input, silu) : silu(input);

/** F.gelu (torch._C._nn.gelu). */
const geluFunctional = (input: Tensor, approximate: string): Tensor =>
  gelu(input, approximate as "none" | "tanh");

/** F.softplus (torch._C._nn.softplus): Scalar beta and threshold. */
const softplusFunctional = (input: Tensor, beta: Scalar, threshold: Scalar): Tensor =>
  softplus(input, Number(beta), Number(threshold));

// Builtins PyTorch binds with its argument parser (errors print their C names: "log_sigmoid()").
defineOps(
  "torch.nn.functional",
  {
    'gelu(Tensor input, *, c10::string_view approximate="none", Tensor out=None) -> Tensor': geluFunctional,
    "softplus(Tensor input, Scalar beta=1, Scalar threshold=20, *, Tensor out=None) -> Tensor":
      softplusFunctional,
    "log_sigmoid(Tensor input, *, Tensor out=None) -> Tensor": logsigmoid,
  },
  { publicNames: { log_sigmoid: "logsigmoid" } },
);

// Python functions of torch/nn/functional.py.
definePython("torch.nn.functional", {
  "elu(input: Tensor, alpha: Number = 1.0, inplace: bool = False) -> Tensor": eluFunctional,
  "leaky_relu(input: Tensor, negative_slope: Number = 0.01, inplace: bool = False) -> Tensor":
    leakyReluFunctional,
  "silu(input: Tensor, inplace: bool = False) -> Tensor": siluFunctional,
});
