// Elementwise math ops beyond the arithmetic of elementwise.ts: rounding, inverse trig, activations,
// binary math (atan2, fmod, remainder, minimum, maximum, lerp) and float classification.
import { RuntimeError } from "../errors.js";
import {
  bool,
  Category,
  defaultFloatDtype,
  describe,
  float32,
  float64,
  resultType,
  type DType,
} from "../tensor/dtype.js";
import { broadcastShapes } from "../tensor/shape.js";
import { Tensor } from "../tensor/tensor.js";
import {
  binaryKernel,
  checkOperand,
  checkTensor,
  floatingDtype,
  installMethods,
  isScalar,
  promoteOperands,
  record,
  scalarTensor,
  unaryKernel,
  type AsMethod,
  type TensorOrScalar,
} from "./core.js";
import { floatUnary, pow, where } from "./elementwise.js";

/** PyTorch's dispatch error for a dtype a CPU kernel lacks. */
function notImplemented(kernel: string, dtype: DType): RuntimeError {
  return new RuntimeError(`"${kernel}" not implemented for '${dtype.scalarTypeName}'`);
}

function checkNotBool(x: Tensor, kernel: string): void {
  if (x.dtype === bool) throw notImplemented(kernel, x.dtype);
}

/** A float-only kernel (activations): ints and bools are PyTorch dispatch errors. */
function checkFloating(x: Tensor, kernel: string): void {
  if (x.dtype.category !== Category.Floating) throw notImplemented(kernel, x.dtype);
}

export function abs(input: Tensor): Tensor {
  checkTensor(input, "abs");
  checkNotBool(input, "abs_cpu");
  return record("AbsBackward0", [input], unaryKernel("abs", input, input.dtype), () => ({ self: input }));
}

export function sign(input: Tensor): Tensor {
  checkTensor(input, "sign");
  return record("SignBackward0", [input], unaryKernel("sign", input, input.dtype), () => ({}));
}

/** Rounding ops keep the dtype; on integers they are a copy. */
function rounding(
  op: "floor" | "ceil" | "trunc",
  input: Tensor,
  gradFn: "FloorBackward0" | "CeilBackward0" | "TruncBackward0",
) {
  checkTensor(input, op);
  checkNotBool(input, `${op}_vml_cpu`);
  return record(gradFn, [input], unaryKernel(op, input, input.dtype), () => ({}));
}

export const floor = (input: Tensor): Tensor => rounding("floor", input, "FloorBackward0");
export const ceil = (input: Tensor): Tensor => rounding("ceil", input, "CeilBackward0");
export const trunc = (input: Tensor): Tensor => rounding("trunc", input, "TruncBackward0");

export interface RoundOptions {
  decimals?: number;
}

/** torch.round(input, { decimals }): half to even; with decimals, PyTorch scales by 10**decimals first. */
export function round(input: Tensor, opts?: RoundOptions | number): Tensor {
  checkTensor(input, "round");
  const decimals = typeof opts === "number" ? opts : (opts?.decimals ?? 0);
  if (!Number.isInteger(decimals)) {
    throw new TypeError(`round(): argument 'decimals' must be int, not ${typeof decimals}`);
  }
  if (decimals === 0) {
    checkNotBool(input, "round_vml_cpu");
    return record("RoundBackward0", [input], unaryKernel("round", input, input.dtype), () => ({}));
  }
  checkFloating(input, "round_cpu");
  // round_decimals kernel: nearbyint(x * 10^d) / 10^d, or nearbyint(x / 10^-d) * 10^-d for d < 0.
  const dtype = input.dtype;
  const tenPow = scalarTensor(10 ** Math.abs(decimals), dtype);
  const out =
    decimals > 0
      ? binaryKernel(
          "div",
          unaryKernel("round", binaryKernel("mul", input, tenPow, dtype), dtype),
          tenPow,
          dtype,
        )
      : binaryKernel(
          "mul",
          unaryKernel("round", binaryKernel("div", input, tenPow, dtype), dtype),
          tenPow,
          dtype,
        );
  return record("RoundBackward1", [input], out, () => ({}));
}

export function frac(input: Tensor): Tensor {
  checkTensor(input, "frac");
  checkFloating(input, "frac_cpu");
  return record("FracBackward0", [input], unaryKernel("frac", input, input.dtype), () => ({}));
}

/** torch.square(x) is x ** 2 in PyTorch (PowBackward0; bool squares to int64). */
export function square(input: Tensor): Tensor {
  checkTensor(input, "square");
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

// ---- Activations (torch.nn.functional.*) ----

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

/** Checks that `other` is a tensor, as PyTorch does for ops without a Scalar overload. */
function checkTensorOther(fn: string, input: unknown, other: unknown): [Tensor, Tensor] {
  return [checkTensor(input, fn, "input"), checkTensor(other, fn, "other")];
}

/** torch.atan2(input, other): both tensors; integers compute in float32. */
export function atan2(input: Tensor, other: Tensor): Tensor {
  const [a, b] = checkTensorOther("atan2", input, other);
  const dtype = floatingDtype(resultType([a, b]), defaultFloatDtype());
  return record("Atan2Backward0", [a, b], binaryKernel("atan2", a, b, dtype), () => ({ self: a, other: b }));
}

/** fmod (C's remainder, sign of the dividend) and remainder (Python's %, sign of the divisor). */
function modulo(op: "fmod" | "remainder", input: Tensor, other: TensorOrScalar): Tensor {
  checkTensor(input, op, "input");
  checkOperand(other, op, "other");
  const [a, b, dtype] = promoteOperands(input, other);
  checkNotBool(a.dtype === bool ? a : b, `${op}_cpu`);
  if (dtype.category !== Category.Floating && isIntegerZero(b)) throw new RuntimeError("ZeroDivisionError");
  const out = binaryKernel(op, a, b, dtype);
  if (isScalar(other))
    return record(op === "fmod" ? "FmodBackward0" : "RemainderBackward0", [a], out, () => ({}));
  const gradFn = op === "fmod" ? "FmodBackward1" : "RemainderBackward1";
  return record(gradFn, [a, b], out, () => ({ self: a, other: b }));
}

function isIntegerZero(divisor: Tensor): boolean {
  return divisor.values().some((v) => v === 0);
}

export const fmod = (input: Tensor, other: TensorOrScalar): Tensor => modulo("fmod", input, other);
export const remainder = (input: Tensor, other: TensorOrScalar): Tensor => modulo("remainder", input, other);

/** maximum/minimum: elementwise, NaN-propagating; both arguments must be tensors. */
function extremum(op: "maximum" | "minimum", input: Tensor, other: Tensor): Tensor {
  const [a, b] = checkTensorOther(op, input, other);
  const dtype = resultType([a, b]);
  const out = binaryKernel(op, a, b, dtype);
  return record(op === "maximum" ? "MaximumBackward0" : "MinimumBackward0", [a, b], out, () => ({
    self: a,
    other: b,
  }));
}

export const maximum = (input: Tensor, other: Tensor): Tensor => extremum("maximum", input, other);
export const minimum = (input: Tensor, other: Tensor): Tensor => extremum("minimum", input, other);

/** PyTorch's C++ type name in lerp's dtype check. */
function cppTypeName(d: DType): string {
  return ({ float32: "float", float64: "double", int64: "long int", int32: "int", bool: "bool" } as const)[
    d.name
  ];
}

/**
 * torch.lerp(input, end, weight): input + weight * (end - input), computed like PyTorch 1.13's kernel:
 * for weight >= 0.5 (signed: 1.13 does not take |weight|) it is end - (end - input) * (1 - weight).
 */
export function lerp(input: Tensor, end: Tensor, weight: Tensor | number): Tensor {
  checkTensor(input, "lerp", "input");
  checkTensor(end, "lerp", "end");
  if (!(weight instanceof Tensor) && typeof weight !== "number") {
    throw new TypeError(
      `lerp() received an invalid combination of arguments - got (Tensor, Tensor, ${describe(weight)}), but expected one of:\n` +
        " * (Tensor input, Tensor end, Tensor weight, *, Tensor out)\n" +
        " * (Tensor input, Tensor end, Number weight, *, Tensor out)\n",
    );
  }
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
  if (weight instanceof Tensor) broadcastShapes(shape, weight.shape);
  const w = weight instanceof Tensor ? weight : scalarTensor(weight, dtype);
  // The compiler fuses `self + weight * diff` (and `end - diff * (1 - weight)`) into one FMA: the float32
  // product is exact in float64, so computing there and rounding once reproduces it.
  const wide = dtype === float32 ? float64 : dtype;
  const diff = binaryKernel("sub", end, input, dtype);
  const small = binaryKernel("add", input, binaryKernel("mul", w, diff, wide), wide, dtype);
  const oneMinus = binaryKernel("sub", scalarTensor(1, dtype), w, dtype);
  const large = binaryKernel("sub", end, binaryKernel("mul", diff, oneMinus, wide), wide, dtype);
  const isSmall = binaryKernel("lt", w, scalarTensor(0.5, dtype), dtype, bool);
  const out = where(isSmall, small, large);
  if (weight instanceof Tensor) {
    return record("LerpBackward1", [input, end, weight], out, () => ({ self: input, end, weight }));
  }
  return record("LerpBackward0", [input, end], out, () => ({ weight }));
}

// ---- Classification and nan_to_num ----

export function isnan(input: Tensor): Tensor {
  checkTensor(input, "isnan");
  return unaryKernel("isnan", input, bool, [], input.dtype);
}

export function isinf(input: Tensor): Tensor {
  checkTensor(input, "isinf");
  return unaryKernel("isinf", input, bool, [], input.dtype);
}

export function isfinite(input: Tensor): Tensor {
  checkTensor(input, "isfinite");
  return unaryKernel("isfinite", input, bool, [], input.dtype);
}

export interface NanToNumOptions {
  nan?: number | null;
  posinf?: number | null;
  neginf?: number | null;
}

/** torch.nan_to_num(x, { nan = 0, posinf = dtype max, neginf = dtype lowest }); ints are copied. */
export function nan_to_num(
  input: Tensor,
  nanOrOpts?: NanToNumOptions | number | null,
  posinf?: number | null,
  neginf?: number | null,
): Tensor {
  checkTensor(input, "nan_to_num");
  const opts: NanToNumOptions =
    nanOrOpts !== null && typeof nanOrOpts === "object" ? nanOrOpts : { nan: nanOrOpts, posinf, neginf };
  for (const name of ["nan", "posinf", "neginf"] as const) {
    const v = opts[name];
    if (v !== undefined && v !== null && typeof v !== "number") {
      throw new TypeError(`nan_to_num(): argument '${name}' must be float, not ${typeof v}`);
    }
  }
  const dtype = input.dtype;
  const largest = dtype.name === "float32" ? 3.4028234663852886e38 : Number.MAX_VALUE;
  const params =
    dtype.category === Category.Floating
      ? [opts.nan ?? 0, opts.posinf ?? largest, opts.neginf ?? -largest].map((v) => dtype.cast(v))
      : [0, 0, 0];
  const out = unaryKernel("nan_to_num", input, dtype, params);
  return record("NanToNumBackward0", [input], out, () => ({ self: input }));
}

declare module "../tensor/tensor.js" {
  interface Tensor {
    abs: AsMethod<typeof abs>;
    sign: AsMethod<typeof sign>;
    floor: AsMethod<typeof floor>;
    ceil: AsMethod<typeof ceil>;
    trunc: AsMethod<typeof trunc>;
    round: AsMethod<typeof round>;
    frac: AsMethod<typeof frac>;
    square: AsMethod<typeof square>;
    sqrt: AsMethod<typeof sqrt>;
    rsqrt: AsMethod<typeof rsqrt>;
    expm1: AsMethod<typeof expm1>;
    tan: AsMethod<typeof tan>;
    log1p: AsMethod<typeof log1p>;
    log2: AsMethod<typeof log2>;
    log10: AsMethod<typeof log10>;
    asin: AsMethod<typeof asin>;
    acos: AsMethod<typeof acos>;
    atan: AsMethod<typeof atan>;
    sinh: AsMethod<typeof sinh>;
    cosh: AsMethod<typeof cosh>;
    erf: AsMethod<typeof erf>;
    logsigmoid: AsMethod<typeof logsigmoid>;
    leaky_relu: AsMethod<typeof leaky_relu>;
    elu: AsMethod<typeof elu>;
    gelu: AsMethod<typeof gelu>;
    silu: AsMethod<typeof silu>;
    softplus: AsMethod<typeof softplus>;
    atan2: AsMethod<typeof atan2>;
    fmod: AsMethod<typeof fmod>;
    remainder: AsMethod<typeof remainder>;
    maximum: AsMethod<typeof maximum>;
    minimum: AsMethod<typeof minimum>;
    lerp: AsMethod<typeof lerp>;
    isnan: AsMethod<typeof isnan>;
    isinf: AsMethod<typeof isinf>;
    isfinite: AsMethod<typeof isfinite>;
    nan_to_num: AsMethod<typeof nan_to_num>;
  }
}
installMethods({
  abs,
  sign,
  floor,
  ceil,
  trunc,
  round,
  frac,
  square,
  sqrt,
  rsqrt,
  expm1,
  tan,
  log1p,
  log2,
  log10,
  asin,
  acos,
  atan,
  sinh,
  cosh,
  erf,
  logsigmoid,
  leaky_relu,
  elu,
  gelu,
  silu,
  softplus,
  atan2,
  fmod,
  remainder,
  maximum,
  minimum,
  lerp,
  isnan,
  isinf,
  isfinite,
  nan_to_num,
});
