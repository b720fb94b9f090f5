// Bitwise and integer ops: bitwise_and/or/xor/not, the shifts, gcd and lcm (integer and bool dtypes, with
// PyTorch's `"<kernel>_cpu" not implemented for 'Float'` for the others), isin, and the tests isposinf,
// isneginf, isreal and signbit, with their PyTorch signatures, in-place forms and the Tensor operator methods
// (`__and__`, `__rlshift__`, `__iand__`, ...) at the end. None is differentiable: PyTorch's derivatives.yaml
// marks them so, and their outputs are integer or bool tensors, which never require grad, so nothing is recorded.
// The kernels are src/backend/js/bitwise_kernels.ts (int64 beyond 32 bits included, docs/int64.md).
import type { BinaryOp } from "../backend/backend.js";
import { RuntimeError } from "../errors.js";
import { defineMethods, defineOps, definePython } from "../signatures/registry.js";
import { defineComplex } from "../signatures/complex_dispatch.js";
import { allocate, bool, Category, resultType, scalarCategory, type DType } from "../tensor/dtype.js";
import { broadcastShapes } from "../tensor/shape.js";
import { Tensor } from "../tensor/tensor.js";
import {
  binaryKernel,
  fromData,
  inPlace,
  scalarTensor,
  unaryKernel,
  type Scalar,
  type TensorOrScalar,
} from "./core.js";
import { eq, ne } from "./elementwise.js";
import { imag } from "./complex.js";
import { defineNotDifferentiable, defineOutCheck, defineOutDtypes, sameDtypeOut } from "./out.js";

/** PyTorch's AT_DISPATCH error for a dtype a CPU kernel lacks. */
function notImplemented(kernel: string, dtype: DType): RuntimeError {
  return new RuntimeError(`"${kernel}" not implemented for '${dtype.scalarTypeName}'`);
}

type IntegerOp = "bitwise_and" | "bitwise_or" | "bitwise_xor" | "lshift" | "rshift" | "gcd" | "lcm";

/** The dispatch name of each kernel, and whether it takes bool (AT_DISPATCH_INTEGRAL_TYPES_AND(kBool, ...)). */
const KERNELS: Record<IntegerOp, { readonly name: string; readonly bool: boolean }> = {
  bitwise_and: { name: "bitwise_and_cpu", bool: true },
  bitwise_or: { name: "bitwise_or_cpu", bool: true },
  bitwise_xor: { name: "bitwise_xor_cpu", bool: true },
  lshift: { name: "lshift_cpu", bool: false },
  rshift: { name: "rshift_cpu", bool: false },
  gcd: { name: "gcd_cpu", bool: false },
  lcm: { name: "lcm_cpu", bool: false },
};

/**
 * A number operand as a 0-dim tensor of the op's integer dtype. PyTorch wraps it as an int64 tensor, which
 * TensorIterator converts with a C cast: an int wraps around (`int32 << 2**32` shifts by 0), a float truncates.
 */
function integerOperand(v: Scalar, dtype: DType): Tensor {
  const n = typeof v === "number" ? v : Number(v);
  return scalarTensor(Number.isInteger(n) ? dtype.wrap(n) : dtype.cast(n), dtype);
}

/** One integer kernel of two operands (a number may stand on either side), in their promoted dtype. */
function integerBinary(op: IntegerOp, input: TensorOrScalar, other: TensorOrScalar): Tensor {
  // TensorIterator checks the shapes before the kernel's dispatch checks the dtype.
  if (input instanceof Tensor && other instanceof Tensor) broadcastShapes(input.shape, other.shape);
  const dtype = resultType([input, other]);
  const kernel = KERNELS[op];
  if (dtype.category > Category.Integral || (dtype === bool && !kernel.bool))
    throw notImplemented(kernel.name, dtype);
  const a = input instanceof Tensor ? input : integerOperand(input, dtype);
  const b = other instanceof Tensor ? other : integerOperand(other, dtype);
  return binaryKernel(op as BinaryOp, a, b, dtype);
}

/** torch.bitwise_and(input, other): integers and bools; a number may stand on either side. */
export const bitwise_and = (input: TensorOrScalar, other: TensorOrScalar): Tensor =>
  integerBinary("bitwise_and", input, other);
export const bitwise_or = (input: TensorOrScalar, other: TensorOrScalar): Tensor =>
  integerBinary("bitwise_or", input, other);
export const bitwise_xor = (input: TensorOrScalar, other: TensorOrScalar): Tensor =>
  integerBinary("bitwise_xor", input, other);
/** torch.bitwise_left_shift: integers only; the count is masked to the type's width (x86's shl). */
export const bitwise_left_shift = (input: TensorOrScalar, other: TensorOrScalar): Tensor =>
  integerBinary("lshift", input, other);
/** torch.bitwise_right_shift: an arithmetic shift by the masked count. */
export const bitwise_right_shift = (input: TensorOrScalar, other: TensorOrScalar): Tensor =>
  integerBinary("rshift", input, other);
/** torch.gcd(input, other): integers only; gcd(0, 0) is 0, and the result is never negative but for INT_MIN. */
export const gcd = (input: Tensor, other: Tensor): Tensor => integerBinary("gcd", input, other);
/** torch.lcm(input, other): |a / gcd * b|, wrapping around on overflow. */
export const lcm = (input: Tensor, other: Tensor): Tensor => integerBinary("lcm", input, other);

/** torch.bitwise_not(input): `~` of integers, `not` of bools. */
export function bitwise_not(input: Tensor): Tensor {
  if (input.dtype.category > Category.Integral) throw notImplemented("bitwise_not_cpu", input.dtype);
  return unaryKernel("bitwise_not", input, input.dtype);
}

/** Tensor.__invert__ (Python's `~x`): bitwise_not, with the operator's own error for other dtypes. */
function invert(input: Tensor): Tensor {
  if (input.dtype.category > Category.Integral)
    throw new TypeError("~ (operator.invert) is only implemented on integer and Boolean-type tensors");
  return bitwise_not(input);
}

/** torch.isposinf / isneginf: a bool tensor, false everywhere for integers and bools. */
export function isposinf(input: Tensor): Tensor {
  return unaryKernel("isposinf", input, bool, undefined, input.dtype);
}
export function isneginf(input: Tensor): Tensor {
  return unaryKernel("isneginf", input, bool, undefined, input.dtype);
}

/** torch.signbit(input): the sign bit (set for -0.0 and negative NaNs too); false for bools. */
export function signbit(input: Tensor): Tensor {
  return unaryKernel("signbit", input, bool, undefined, input.dtype);
}

/** torch.isreal(input): true everywhere for a real tensor (complex ones test their imaginary part). */
export function isreal(input: Tensor): Tensor {
  const out = allocate(bool, input.numel()).fill(1);
  return fromData(out, input.shape, bool);
}

/** check_for_unsupported_isin_dtype, of a tensor's dtype or a number's type: no kernel for bools or complex. */
function checkIsinOperand(v: TensorOrScalar): void {
  const name =
    v instanceof Tensor
      ? v.dtype === bool || v.dtype.is_complex
        ? v.dtype.scalarTypeName
        : null
      : scalarCategory(v) === Category.Bool
        ? "Bool"
        : null;
  if (name !== null) throw new RuntimeError(`Unsupported input type encountered for isin(): ${name}`);
}

/**
 * torch.isin(elements, test_elements, *, assume_unique, invert): whether each element is among the test
 * elements, compared in their promoted dtype (NaN is in nothing; -0.0 and 0.0 are equal). A number element
 * gives a 0-dim result; a number test element is `elements == test_element`. assume_unique changes only how
 * PyTorch computes it, not the result.
 */
export function isin(
  elements: TensorOrScalar,
  test_elements: TensorOrScalar,
  _assume_unique = false,
  invert = false,
): Tensor {
  checkIsinOperand(elements);
  checkIsinOperand(test_elements);
  if (!(test_elements instanceof Tensor)) {
    const t = elements as Tensor;
    return invert ? ne(t, test_elements) : eq(t, test_elements);
  }
  const dtype = resultType([elements, test_elements]);
  const source = elements instanceof Tensor ? elements : scalarTensor(elements, dtype);
  const cast = dtype.category === Category.Floating ? dtype.cast : (v: number) => v;
  const tests = new Set<number>();
  for (const v of test_elements.values()) tests.add(cast(v));
  const values = source.values();
  const out = allocate(bool, values.length);
  for (let i = 0; i < values.length; i++) {
    const v = cast(values[i]);
    out[i] = (v === v && tests.has(v)) !== invert ? 1 : 0;
  }
  return fromData(out, source.shape, bool);
}

/**
 * In-place forms: the result is computed in the promoted dtype and cast back into self. TensorIterator checks
 * the broadcast shape against self's, then that the promoted dtype casts to self's, before the kernel runs.
 */
const inPlaceOf =
  (op: (a: Tensor, b: TensorOrScalar) => Tensor) =>
  (self: Tensor, other: TensorOrScalar): Tensor => {
    if (other instanceof Tensor) {
      const shape = broadcastShapes(self.shape, other.shape);
      if (shape.length !== self.ndim || shape.some((d, i) => d !== self.shape[i]))
        throw new RuntimeError(
          `output with shape [${self.shape.join(", ")}] doesn't match the broadcast shape [${shape.join(", ")}]`,
        );
    }
    const dtype = resultType([self, other]);
    if (dtype.category > self.dtype.category)
      throw new RuntimeError(
        `result type ${dtype.scalarTypeName} can't be cast to the desired output type ${self.dtype.scalarTypeName}`,
      );
    return inPlace(self, (x) => op(x, other));
  };

defineOps(
  "torch",
  {
    "bitwise_and(Tensor input, Tensor other, *, Tensor out=None) -> Tensor": bitwise_and,
    "bitwise_and(Scalar self, Tensor other) -> Tensor": bitwise_and,
    "bitwise_and(Tensor input, Scalar other, *, Tensor out=None) -> Tensor": bitwise_and,
    "bitwise_or(Tensor input, Tensor other, *, Tensor out=None) -> Tensor": bitwise_or,
    "bitwise_or(Scalar self, Tensor other) -> Tensor": bitwise_or,
    "bitwise_or(Tensor input, Scalar other, *, Tensor out=None) -> Tensor": bitwise_or,
    "bitwise_xor(Tensor input, Tensor other, *, Tensor out=None) -> Tensor": bitwise_xor,
    "bitwise_xor(Scalar self, Tensor other) -> Tensor": bitwise_xor,
    "bitwise_xor(Tensor input, Scalar other, *, Tensor out=None) -> Tensor": bitwise_xor,
    "bitwise_left_shift(Tensor input, Tensor other, *, Tensor out=None) -> Tensor": bitwise_left_shift,
    "bitwise_left_shift(Scalar self, Tensor other) -> Tensor": bitwise_left_shift,
    "bitwise_left_shift(Tensor input, Scalar other, *, Tensor out=None) -> Tensor": bitwise_left_shift,
    "bitwise_right_shift(Tensor input, Tensor other, *, Tensor out=None) -> Tensor": bitwise_right_shift,
    "bitwise_right_shift(Scalar self, Tensor other) -> Tensor": bitwise_right_shift,
    "bitwise_right_shift(Tensor input, Scalar other, *, Tensor out=None) -> Tensor": bitwise_right_shift,
    "bitwise_not(Tensor input, *, Tensor out=None) -> Tensor": bitwise_not,
    "gcd(Tensor input, Tensor other, *, Tensor out=None) -> Tensor": gcd,
    "gcd_(Tensor input, Tensor other) -> Tensor": inPlaceOf(gcd as (a: Tensor, b: TensorOrScalar) => Tensor),
    "lcm(Tensor input, Tensor other, *, Tensor out=None) -> Tensor": lcm,
    "lcm_(Tensor input, Tensor other) -> Tensor": inPlaceOf(lcm as (a: Tensor, b: TensorOrScalar) => Tensor),
    "isposinf(Tensor input, *, Tensor out=None) -> Tensor": isposinf,
    "isneginf(Tensor input, *, Tensor out=None) -> Tensor": isneginf,
    "isreal(Tensor input) -> Tensor": isreal,
    "signbit(Tensor input, *, Tensor out=None) -> Tensor": signbit,
  },
  { methods: true },
);

// isin has no Tensor method in 1.13.
defineOps("torch", {
  "isin(Tensor elements, Tensor test_elements, *, bool assume_unique=False, bool invert=False, Tensor out=None) -> Tensor":
    isin,
  "isin(Scalar element, Tensor test_elements, *, bool assume_unique=False, bool invert=False, Tensor out=None) -> Tensor":
    isin,
  "isin(Tensor elements, Scalar test_element, *, bool assume_unique=False, bool invert=False, Tensor out=None) -> Tensor":
    isin,
});

const andInPlace = inPlaceOf(bitwise_and);
const orInPlace = inPlaceOf(bitwise_or);
const xorInPlace = inPlaceOf(bitwise_xor);
const lshiftInPlace = inPlaceOf(bitwise_left_shift);
const rshiftInPlace = inPlaceOf(bitwise_right_shift);
const notInPlace = (self: Tensor): Tensor => inPlace(self, bitwise_not);

// In-place methods, and the operator methods (python_variable_methods.cpp binds `__and__` to the __and__
// overloads, `__rand__` to bitwise_and's, `__iand__` in place; `__rlshift__` is Python in torch/_tensor.py).
defineMethods({
  "bitwise_and_(Tensor other) -> Tensor": andInPlace,
  "bitwise_and_(Scalar other) -> Tensor": andInPlace,
  "bitwise_or_(Tensor other) -> Tensor": orInPlace,
  "bitwise_or_(Scalar other) -> Tensor": orInPlace,
  "bitwise_xor_(Tensor other) -> Tensor": xorInPlace,
  "bitwise_xor_(Scalar other) -> Tensor": xorInPlace,
  "bitwise_left_shift_(Tensor other) -> Tensor": lshiftInPlace,
  "bitwise_left_shift_(Scalar other) -> Tensor": lshiftInPlace,
  "bitwise_right_shift_(Tensor other) -> Tensor": rshiftInPlace,
  "bitwise_right_shift_(Scalar other) -> Tensor": rshiftInPlace,
  "bitwise_not_() -> Tensor": notInPlace,
  "__and__(Tensor other) -> Tensor": bitwise_and,
  "__and__(Scalar other) -> Tensor": bitwise_and,
  "__or__(Tensor other) -> Tensor": bitwise_or,
  "__or__(Scalar other) -> Tensor": bitwise_or,
  "__xor__(Tensor other) -> Tensor": bitwise_xor,
  "__xor__(Scalar other) -> Tensor": bitwise_xor,
  "__lshift__(Tensor other) -> Tensor": bitwise_left_shift,
  "__lshift__(Scalar other) -> Tensor": bitwise_left_shift,
  "__rshift__(Tensor other) -> Tensor": bitwise_right_shift,
  "__rshift__(Scalar other) -> Tensor": bitwise_right_shift,
  // `2 & x` is x.__rand__(2): bitwise_and is symmetric, so the tensor goes first.
  "__rand__(Tensor other) -> Tensor": bitwise_and,
  "__rand__(Scalar other) -> Tensor": bitwise_and,
  "__ror__(Tensor other) -> Tensor": bitwise_or,
  "__ror__(Scalar other) -> Tensor": bitwise_or,
  "__rxor__(Tensor other) -> Tensor": bitwise_xor,
  "__rxor__(Scalar other) -> Tensor": bitwise_xor,
  "__iand__(Tensor other) -> Tensor": andInPlace,
  "__iand__(Scalar other) -> Tensor": andInPlace,
  "__ior__(Tensor other) -> Tensor": orInPlace,
  "__ior__(Scalar other) -> Tensor": orInPlace,
  "__ixor__(Tensor other) -> Tensor": xorInPlace,
  "__ixor__(Scalar other) -> Tensor": xorInPlace,
  "__ilshift__(Tensor other) -> Tensor": lshiftInPlace,
  "__ilshift__(Scalar other) -> Tensor": lshiftInPlace,
  "__irshift__(Tensor other) -> Tensor": rshiftInPlace,
  "__irshift__(Scalar other) -> Tensor": rshiftInPlace,
  "__invert__() -> Tensor": invert,
});

// `2 << x` is x.__rlshift__(2): the number shifts.
definePython("Tensor", {
  "Tensor.__rlshift__(other: Tensor | Number) -> Tensor": (self: Tensor, other: TensorOrScalar) =>
    bitwise_left_shift(other, self),
  "Tensor.__rrshift__(other: Tensor | Number) -> Tensor": (self: Tensor, other: TensorOrScalar) =>
    bitwise_right_shift(other, self),
});

// isposinf / isneginf / signbit write bool outputs only (their out functions' checks); isin's is a bool.
for (const name of ["isposinf", "isneginf", "signbit"])
  defineOutCheck([name], (out) => {
    if (out instanceof Tensor && out.dtype !== bool)
      throw new RuntimeError(`${name} does not support non-boolean outputs.`);
  });
defineOutDtypes(["isin"], () => [bool]);
// bitwise_not's TensorIterator computes in the input's dtype and writes no other.
defineOutCheck(
  ["bitwise_not"],
  sameDtypeOut((input) => input.dtype),
);
// Their float inputs may require grad: PyTorch's out= variants of ops without derivatives do not refuse them.
defineNotDifferentiable(["isposinf", "isneginf", "signbit", "isin"]);

// Complex tensors: PyTorch's errors, and isreal's test of the imaginary part.
const complexError =
  (message: (dtype: DType) => string) =>
  (args: unknown[]): never => {
    const t = args.find((a): a is Tensor => a instanceof Tensor && a.dtype.is_complex)!;
    throw new RuntimeError(message(t.dtype));
  };
const both = (name: string) => [`torch:${name}`, `Tensor:${name}`];
for (const [names, kernel] of [
  [["bitwise_and", "bitwise_and_", "__and__", "__rand__", "__iand__"], "bitwise_and_cpu"],
  [["bitwise_or", "bitwise_or_", "__or__", "__ror__", "__ior__"], "bitwise_or_cpu"],
  [["bitwise_xor", "bitwise_xor_", "__xor__", "__rxor__", "__ixor__"], "bitwise_xor_cpu"],
  [["bitwise_left_shift", "bitwise_left_shift_", "__lshift__", "__ilshift__", "__rlshift__"], "lshift_cpu"],
  [["bitwise_right_shift", "bitwise_right_shift_", "__rshift__", "__irshift__", "__rrshift__"], "rshift_cpu"],
  [["bitwise_not", "bitwise_not_"], "bitwise_not_cpu"],
  [["gcd", "gcd_"], "gcd_cpu"],
  [["lcm", "lcm_"], "lcm_cpu"],
] as const)
  defineComplex(
    names.flatMap(both),
    complexError((d) => `"${kernel}" not implemented for '${d.scalarTypeName}'`),
  );
defineComplex(["Tensor:__invert__"], () => {
  throw new TypeError("~ (operator.invert) is only implemented on integer and Boolean-type tensors");
});
defineComplex(
  both("isposinf"),
  complexError(() => "isposinf does not support complex inputs."),
);
defineComplex(
  both("isneginf"),
  complexError(() => "isneginf does not support complex inputs."),
);
defineComplex(
  both("signbit"),
  complexError(() => "signbit is not implemented for complex tensors."),
);
defineComplex(["torch:isin"], (args) => isin(...(args as [TensorOrScalar, TensorOrScalar])));
defineComplex(both("isreal"), ([a]) => eq(imag(a as Tensor), 0));
