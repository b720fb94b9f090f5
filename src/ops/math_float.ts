// Floating-point math programs reach for beyond math.ts: the inverse hyperbolic functions (asinh, acosh, atanh and
// NumPy's arcsinh, arccosh, arctanh), the sign and neighbour operations (copysign, nextafter), the NaN-ignoring
// extrema (fmax, fmin), and the power-of-two and double-precision powers (ldexp, frexp, float_power), with their
// PyTorch signatures at the end. float_power and ldexp are composites in PyTorch (pow of tensors cast to double;
// self * 2^other), so they record pow's and mul's nodes, as PyTorch's do.
import { is_grad_enabled } from "../autograd/grad_mode.js";
import { RuntimeError } from "../errors.js";
import { defineComplex } from "../signatures/complex_dispatch.js";
import { defineMethods, defineOps } from "../signatures/registry.js";
import {
  Category,
  complex128,
  defaultFloatDtype,
  float64,
  int32,
  resultType,
  type DType,
} from "../tensor/dtype.js";
import { Tensor } from "../tensor/tensor.js";
import {
  binaryKernel,
  floatingDtype,
  inPlace,
  promoteOperands,
  record,
  scalarTensor,
  unaryKernel,
  type Scalar,
  type TensorOrScalar,
} from "./core.js";
import { floatUnary, mul, powScalar, powScalarBase, powTensor } from "./elementwise.js";
import { pow_ } from "./inplace.js";
import { complexPowScalar, complexPowTensor } from "./complex_math.js";
import { toDtype } from "./conversion.js";
import { defineOutCheck } from "./out.js";
import { named, type Named } from "./reduce_util.js";

/** PyTorch's dispatch error for a dtype a CPU kernel lacks. */
function notImplemented(kernel: string, dtype: DType): RuntimeError {
  return new RuntimeError(`"${kernel}" not implemented for '${dtype.scalarTypeName}'`);
}

// ---- asinh, acosh, atanh: glibc's functions on every element; integers compute in the default float ----

export const asinh = (input: Tensor): Tensor =>
  record("AsinhBackward0", [input], floatUnary("asinh", input), () => ({ self: input }));
export const acosh = (input: Tensor): Tensor =>
  record("AcoshBackward0", [input], floatUnary("acosh", input), () => ({ self: input }));
export const atanh = (input: Tensor): Tensor =>
  record("AtanhBackward0", [input], floatUnary("atanh", input), () => ({ self: input }));
// The in-place forms record AsinhBackward1 & co., whose derivatives.yaml rows are not_implemented.
export const asinh_ = (self: Tensor): Tensor =>
  inPlace(self, (x) => record("AsinhBackward1", [x], floatUnary("asinh", x), () => ({})));
export const acosh_ = (self: Tensor): Tensor =>
  inPlace(self, (x) => record("AcoshBackward1", [x], floatUnary("acosh", x), () => ({})));
export const atanh_ = (self: Tensor): Tensor =>
  inPlace(self, (x) => record("AtanhBackward1", [x], floatUnary("atanh", x), () => ({})));

// ---- copysign: |input| with other's sign bit; integers and bools compute in the default float ----

/** torch.copysign(input, other): CopysignBackward0 for a tensor `other`, CopysignBackward1 for a number. */
export function copysign(input: Tensor, other: TensorOrScalar): Tensor {
  const dtype = resultType([input, other]);
  if (dtype.category === Category.Complex) throw notImplemented("copysign_cpu", dtype);
  const compute = floatingDtype(dtype, defaultFloatDtype());
  if (other instanceof Tensor) {
    const out = binaryKernel("copysign", input, other, compute);
    return record("CopysignBackward0", [input, other], out, () => ({ self: input, result: out }));
  }
  const out = binaryKernel("copysign", input, scalarTensor(other, compute), compute);
  return record("CopysignBackward1", [input], out, () => ({ self: input, result: out }));
}

// ---- fmax, fmin: maximum/minimum that prefer the number to a NaN ----

function extremum(op: "fmax" | "fmin", input: Tensor, other: Tensor): Tensor {
  const [a, b, dtype] = promoteOperands(input, other);
  if (dtype.category === Category.Complex)
    throw new RuntimeError(`${op} not implemented for complex tensors.`);
  // Integers and bools have no NaN: PyTorch runs maximum's / minimum's kernel.
  const kernel = dtype.category === Category.Floating ? op : op === "fmax" ? "maximum" : "minimum";
  return binaryKernel(kernel, a, b, dtype);
}

export const fmax = (input: Tensor, other: Tensor): Tensor =>
  record("FmaxBackward0", [input, other], extremum("fmax", input, other), () => ({ self: input, other }));
export const fmin = (input: Tensor, other: Tensor): Tensor =>
  record("FminBackward0", [input, other], extremum("fmin", input, other), () => ({ self: input, other }));

// ---- nextafter: the next float after input towards other (float32 and float64 only) ----

export function nextafter(input: Tensor, other: Tensor): Tensor {
  const [a, b, dtype] = promoteOperands(input, other);
  if (dtype.category !== Category.Floating) throw notImplemented("nextafter_cpu", dtype);
  const out = binaryKernel("nextafter", a, b, dtype);
  // derivatives.yaml: not_implemented("nextafter") for both inputs, so a node that raises in backward.
  return record("NextafterBackward0", [input, other], out, () => ({}));
}

// ---- ldexp, frexp: multiplying by and splitting off powers of two ----

/** torch.ldexp(input, other): input * pow(2.0, other), a float base, so integer exponents give floats. */
export function ldexp(input: Tensor, other: Tensor): Tensor {
  const powerOfTwo =
    other.dtype.category === Category.Floating || other.dtype.category === Category.Complex
      ? powScalarBase(2, other)
      : powScalarBase(2, toDtype(other, defaultFloatDtype()));
  return mul(input, powerOfTwo);
}

/** ldexp_ is mul's out= form (self * 2^other written into self), which refuses operands that require grad. */
export function ldexp_(self: Tensor, other: Tensor): Tensor {
  if (is_grad_enabled() && (self.requires_grad || other.requires_grad))
    throw new RuntimeError(
      "mul(): functions with out=... arguments don't support automatic differentiation, but one of the " +
        "arguments requires grad.",
    );
  return inPlace(self, (x) => ldexp(x, other));
}

/** torch.frexp(input): mantissa in [0.5, 1) (input's dtype) and int32 exponent, input = mantissa * 2^exponent. */
export function frexp(input: Tensor): Named<"mantissa" | "exponent"> {
  if (input.dtype.category !== Category.Floating)
    throw new RuntimeError("torch.frexp() only supports floating-point dtypes");
  const exponent = unaryKernel("frexp_exponent", input, int32, undefined, input.dtype);
  const mantissa = record(
    "FrexpBackward0",
    [input],
    unaryKernel("frexp_mantissa", input, input.dtype),
    () => ({
      exponent,
    }),
  );
  return named("frexp", ["mantissa", "exponent"], [mantissa, exponent]);
}

// ---- float_power: pow in double precision (complex128 for complex operands) ----

function doubleDtype(...operands: TensorOrScalar[]): DType {
  const complex = operands.some((v) => v instanceof Tensor && v.dtype.is_complex);
  return complex ? complex128 : float64;
}

export function floatPower(input: Tensor, exponent: Tensor): Tensor {
  const dtype = doubleDtype(input, exponent);
  return powTensor(toDtype(input, dtype), toDtype(exponent, dtype));
}

export function floatPowerScalarBase(self: Scalar, exponent: Tensor): Tensor {
  return powScalarBase(Number(self), toDtype(exponent, doubleDtype(exponent)));
}

export function floatPowerScalar(input: Tensor, exponent: Scalar): Tensor {
  return powScalar(toDtype(input, doubleDtype(input)), Number(exponent));
}

/** Tensor.float_power_: self must already be double (complex double), as the result is. */
export function floatPower_(self: Tensor, exponent: TensorOrScalar): Tensor {
  const dtype = doubleDtype(self, exponent);
  if (self.dtype !== dtype)
    throw new RuntimeError(
      `the base given to float_power_ has dtype ${self.dtype.scalarTypeName} but the operation's result ` +
        `requires dtype ${dtype.scalarTypeName}`,
    );
  return pow_(self, exponent instanceof Tensor ? toDtype(exponent, dtype) : Number(exponent));
}

// float_power's out must already have the result's dtype (double, or complex double).
defineOutCheck(["float_power"], (out, args) => {
  const dtype = doubleDtype(...(args as TensorOrScalar[]));
  const have = (out as Tensor).dtype;
  if (have !== dtype)
    throw new RuntimeError(
      `the output given to float_power has dtype ${have.scalarTypeName} but the operation's result requires ` +
        `dtype ${dtype.scalarTypeName}`,
    );
});

defineOps(
  "torch",
  {
    "asinh(Tensor input, *, Tensor out=None) -> Tensor": asinh,
    "asinh_(Tensor input) -> Tensor": asinh_,
    "acosh(Tensor input, *, Tensor out=None) -> Tensor": acosh,
    "acosh_(Tensor input) -> Tensor": acosh_,
    "atanh(Tensor input, *, Tensor out=None) -> Tensor": atanh,
    "atanh_(Tensor input) -> Tensor": atanh_,
    "arcsinh(Tensor input, *, Tensor out=None) -> Tensor": asinh,
    "arcsinh_(Tensor input) -> Tensor": asinh_,
    "arccosh(Tensor input, *, Tensor out=None) -> Tensor": acosh,
    "arccosh_(Tensor input) -> Tensor": acosh_,
    "arctanh(Tensor input, *, Tensor out=None) -> Tensor": atanh,
    "arctanh_(Tensor input) -> Tensor": atanh_,
    "copysign(Tensor input, Tensor other, *, Tensor out=None) -> Tensor": copysign,
    "copysign(Tensor input, Scalar other, *, Tensor out=None) -> Tensor": copysign,
    "fmax(Tensor input, Tensor other, *, Tensor out=None) -> Tensor": fmax,
    "fmin(Tensor input, Tensor other, *, Tensor out=None) -> Tensor": fmin,
    "nextafter(Tensor input, Tensor other, *, Tensor out=None) -> Tensor": nextafter,
    "ldexp(Tensor input, Tensor other, *, Tensor out=None) -> Tensor": ldexp,
    "ldexp_(Tensor input, Tensor other) -> Tensor": ldexp_,
    "frexp(Tensor input, *, TensorList[2] out=None) -> (Tensor mantissa, Tensor exponent)": frexp,
    "float_power(Tensor input, Tensor exponent, *, Tensor out=None) -> Tensor": floatPower,
    "float_power(Scalar self, Tensor exponent, *, Tensor out=None) -> Tensor": floatPowerScalarBase,
    "float_power(Tensor input, Scalar exponent, *, Tensor out=None) -> Tensor": floatPowerScalar,
  },
  { methods: true },
);

// In-place methods PyTorch has no torch.* function for.
defineMethods({
  "copysign_(Tensor other) -> Tensor": (self, other) => inPlace(self, (x) => copysign(x, other)),
  "copysign_(Scalar other) -> Tensor": (self, other) => inPlace(self, (x) => copysign(x, other)),
  "nextafter_(Tensor other) -> Tensor": (self, other) => inPlace(self, (x) => nextafter(x, other)),
  "float_power_(Tensor exponent) -> Tensor": floatPower_,
  "float_power_(Scalar exponent) -> Tensor": floatPower_,
});

// Complex operands: float_power computes in complex128; fmax, fmin and copysign raise PyTorch's own errors.
const both = (name: string) => [`torch:${name}`, `Tensor:${name}`];
defineComplex(both("float_power"), ([a, b]) => {
  if (!(a instanceof Tensor)) return complexPowTensor(Number(a), toDtype(b as Tensor, complex128));
  if (!(b instanceof Tensor)) return complexPowScalar(toDtype(a, complex128), Number(b));
  return complexPowTensor(toDtype(a, complex128), toDtype(b, complex128));
});
defineComplex(both("fmax"), ([a, b]) => fmax(a as Tensor, b as Tensor));
defineComplex(both("fmin"), ([a, b]) => fmin(a as Tensor, b as Tensor));
defineComplex(both("copysign"), ([a, b]) => copysign(a as Tensor, b as TensorOrScalar));
