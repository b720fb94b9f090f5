// PyTorch's alias names (aten/src/ATen/native/native_functions.yaml's "alias for" ops: the NumPy spellings
// arccos, multiply, greater, ...; fix for trunc, absolute for abs), which run the same functions as the
// ops they alias, so grad_fn names, dtypes and errors are the original's. Also the ops that sit next to them
// in PyTorch's Python API: clamp_min/clamp_max (their own nodes), sgn on real tensors, positive, and the
// small predicates (is_tensor, is_floating_point, is_nonzero, is_same_size, is_signed, numel, result_type,
// can_cast). Signatures at the end.
import { RuntimeError } from "../errors.js";
import { defineMethods, defineOps, definePython } from "../signatures/registry.js";
import { bool, Category, resultType, type DType } from "../tensor/dtype.js";
import { Tensor } from "../tensor/tensor.js";
import { binaryKernel, inPlace, record, scalarValue, unaryKernel, type Scalar } from "./core.js";
import { abs, abs_, acos, acos_, asin, asin_, atan, atan2, atan_, trunc, trunc_ } from "./math.js";
import { div, divMode, ge, gt, le, lt, mul, ne, neg, sub } from "./elementwise.js";
import { div_, mul_, neg_, sub_ } from "./inplace.js";

/** A bool self with a number bound: PyTorch's clamp_min/clamp_max kernels have no bool version. */
function checkBoundDtype(kernel: string, input: Tensor, bound: Tensor | Scalar): DType {
  const dtype = input.dtype.category === Category.Floating ? input.dtype : resultType([input, bound]);
  if (dtype === bool) throw new RuntimeError(`"${kernel}" not implemented for 'Bool'`);
  return dtype;
}

/** torch.clamp_min(input, min) with a number (ClampMinBackward0). */
export function clampMinScalar(input: Tensor, min: Scalar): Tensor {
  const dtype = checkBoundDtype("clamp_min_cpu", input, min);
  const lo = scalarValue(min);
  const out = unaryKernel("clamp", input, dtype, [dtype.cast(lo), NaN]);
  return record("ClampMinBackward0", [input], out, () => ({ self: input, min: lo }));
}

/** torch.clamp_max(input, max) with a number (ClampMaxBackward0). */
export function clampMaxScalar(input: Tensor, max: Scalar): Tensor {
  const dtype = checkBoundDtype("clamp_max_cpu", input, max);
  const hi = scalarValue(max);
  const out = unaryKernel("clamp", input, dtype, [NaN, dtype.cast(hi)]);
  return record("ClampMaxBackward0", [input], out, () => ({ self: input, max: hi }));
}

/** torch.clamp_min(input, min) with a tensor bound, broadcast (ClampMinBackward1). */
export function clampMinTensor(input: Tensor, min: Tensor): Tensor {
  const dtype = checkBoundDtype("clamp_min_cpu", input, min);
  const out = binaryKernel("maximum", input, min, dtype);
  return record("ClampMinBackward1", [input, min], out, () => ({ self: input, min }));
}

/** torch.clamp_max(input, max) with a tensor bound, broadcast (ClampMaxBackward1). */
export function clampMaxTensor(input: Tensor, max: Tensor): Tensor {
  const dtype = checkBoundDtype("clamp_max_cpu", input, max);
  const out = binaryKernel("minimum", input, max, dtype);
  return record("ClampMaxBackward1", [input, max], out, () => ({ self: input, max }));
}

/** torch.sgn on a real tensor: sign's values, with sgn's own node (SgnBackward0). */
export function sgn(input: Tensor): Tensor {
  const out = unaryKernel("sign", input, input.dtype);
  return record("SgnBackward0", [input], out, () => ({ self: input, result: out }));
}

/** torch.positive: the input itself; bool tensors are refused as PyTorch's unary + refuses them. */
export function positive(input: Tensor): Tensor {
  if (input.dtype === bool) throw new RuntimeError("The `+` operator, on a bool tensor is not supported.");
  return input;
}

/** torch.is_nonzero: the truth value of a one-element tensor. */
export function is_nonzero(input: Tensor): boolean {
  const n = input.numel();
  if (n === 0) throw new RuntimeError("Boolean value of Tensor with no values is ambiguous");
  if (n > 1) throw new RuntimeError("Boolean value of Tensor with more than one value is ambiguous");
  return Number(input.item()) !== 0;
}

/** torch.is_signed: every dtype but bool is signed here (tensorgrad has no uint8). */
export const is_signed = (input: Tensor): boolean => input.dtype !== bool;

/** torch.is_same_size: the same shape. */
export const is_same_size = (input: Tensor, other: Tensor): boolean =>
  input.ndim === other.ndim && input.shape.every((d, i) => d === other.shape[i]);

/** torch.is_tensor(obj): torch/__init__.py's isinstance check. */
export const is_tensor = (obj: unknown): boolean => obj instanceof Tensor;

/** torch.can_cast(from, to): c10::canCast, the same-kind rule that out= and in-place ops apply. */
export function can_cast(from: DType, to: DType): boolean {
  if (from.category === Category.Complex && to.category !== Category.Complex) return false;
  if (from.category === Category.Floating && to.category === Category.Integral) return false;
  return !(from.category !== Category.Bool && to.category === Category.Bool);
}

/**
 * clamp_min_/clamp_max_ with a number keep self's dtype: their meta function refuses a promoting bound, naming
 * the C++ type (a tensor bound fails later, in TensorIterator, with the scalar type's name).
 */
function checkInPlaceBound(self: Tensor, bound: Tensor | Scalar): Tensor {
  const promoted = resultType([self, bound]);
  if (promoted !== self.dtype && !self.dtype.is_floating_point)
    throw new RuntimeError(
      `result type ${promoted.scalarTypeName} can't be cast to the desired output type ${self.dtype.cppTypeName}`,
    );
  return self;
}

/** In-place form of a comparison: the bool result written into self's dtype. */
const compareInPlace =
  (op: (x: Tensor, other: Tensor | Scalar) => Tensor) =>
  (self: Tensor, other: Tensor | Scalar): Tensor =>
    inPlace(self, (x) => op(x, other));

defineOps(
  "torch",
  {
    "arccos(Tensor input, *, Tensor out=None) -> Tensor": acos,
    "arccos_(Tensor input) -> Tensor": acos_,
    "arcsin(Tensor input, *, Tensor out=None) -> Tensor": asin,
    "arcsin_(Tensor input) -> Tensor": asin_,
    "arctan(Tensor input, *, Tensor out=None) -> Tensor": atan,
    "arctan_(Tensor input) -> Tensor": atan_,
    "arctan2(Tensor input, Tensor other, *, Tensor out=None) -> Tensor": atan2,
    "absolute(Tensor input, *, Tensor out=None) -> Tensor": abs,
    "negative(Tensor input, *, Tensor out=None) -> Tensor": neg,
    "negative_(Tensor input) -> Tensor": neg_,
    "positive(Tensor input) -> Tensor": positive,
    "fix(Tensor input, *, Tensor out=None) -> Tensor": trunc,
    "fix_(Tensor input) -> Tensor": trunc_,
    "sgn(Tensor input, *, Tensor out=None) -> Tensor": sgn,
    "multiply(Tensor input, Tensor other, *, Tensor out=None) -> Tensor": mul,
    "multiply(Tensor input, Scalar other) -> Tensor": mul,
    "divide(Tensor input, Tensor other, *, Tensor out=None) -> Tensor": div,
    "divide(Tensor input, Tensor other, *, c10::string_view? rounding_mode, Tensor out=None) -> Tensor":
      divMode,
    "divide(Tensor input, Scalar other) -> Tensor": div,
    "divide(Tensor input, Scalar other, *, c10::string_view? rounding_mode) -> Tensor": divMode,
    "subtract(Tensor input, Tensor other, *, Scalar alpha=1, Tensor out=None) -> Tensor": sub,
    "subtract(Tensor input, Scalar other, Scalar alpha=1) -> Tensor": sub,
    "true_divide(Tensor input, Tensor other, *, Tensor out=None) -> Tensor": div,
    "true_divide(Tensor input, Scalar other) -> Tensor": div,
    "greater(Tensor input, Tensor other, *, Tensor out=None) -> Tensor": gt,
    "greater(Tensor input, Scalar other, *, Tensor out=None) -> Tensor": gt,
    "greater_equal(Tensor input, Tensor other, *, Tensor out=None) -> Tensor": ge,
    "greater_equal(Tensor input, Scalar other, *, Tensor out=None) -> Tensor": ge,
    "less(Tensor input, Tensor other, *, Tensor out=None) -> Tensor": lt,
    "less(Tensor input, Scalar other, *, Tensor out=None) -> Tensor": lt,
    "less_equal(Tensor input, Tensor other, *, Tensor out=None) -> Tensor": le,
    "less_equal(Tensor input, Scalar other, *, Tensor out=None) -> Tensor": le,
    "not_equal(Tensor input, Tensor other, *, Tensor out=None) -> Tensor": ne,
    "not_equal(Tensor input, Scalar other, *, Tensor out=None) -> Tensor": ne,
    "clamp_min(Tensor input, Tensor min, *, Tensor out=None) -> Tensor": clampMinTensor,
    "clamp_min(Tensor input, Scalar min, *, Tensor out=None) -> Tensor": clampMinScalar,
    "clamp_min_(Tensor input, Tensor min) -> Tensor": (self, min) =>
      inPlace(self, (x) => clampMinTensor(x, min)),
    "clamp_min_(Tensor input, Scalar min) -> Tensor": (self, min) =>
      inPlace(self, (x) => clampMinScalar(checkInPlaceBound(x, min), min)),
    "clamp_max(Tensor input, Tensor max, *, Tensor out=None) -> Tensor": clampMaxTensor,
    "clamp_max(Tensor input, Scalar max, *, Tensor out=None) -> Tensor": clampMaxScalar,
    "clamp_max_(Tensor input, Tensor max) -> Tensor": (self, max) =>
      inPlace(self, (x) => clampMaxTensor(x, max)),
    "clamp_max_(Tensor input, Scalar max) -> Tensor": (self, max) =>
      inPlace(self, (x) => clampMaxScalar(checkInPlaceBound(x, max), max)),
    "is_nonzero(Tensor input) -> bool": is_nonzero,
    "is_same_size(Tensor input, Tensor other) -> bool": is_same_size,
    "is_signed(Tensor input) -> bool": is_signed,
  },
  { methods: true },
);

// Functions whose methods are declared elsewhere (tensor_methods.ts) or that PyTorch has no method for.
defineOps("torch", {
  "numel(Tensor input) -> int": (input) => input.numel(),
  "is_floating_point(Tensor input) -> bool": (input) => input.dtype.is_floating_point,
  "result_type(Tensor tensor, Tensor other) -> ScalarType": (a, b) => resultType([a, b]),
  "result_type(Scalar scalar, Tensor tensor) -> ScalarType": (a, b) => resultType([a, b]),
  "result_type(Tensor tensor, Scalar other) -> ScalarType": (a, b) => resultType([a, b]),
  "result_type(Scalar scalar1, Scalar scalar2) -> ScalarType": (a, b) => resultType([a, b]),
  "can_cast(ScalarType from, ScalarType to) -> bool": can_cast,
});

definePython("torch", { "is_tensor(obj: object) -> bool": is_tensor });

// In-place methods PyTorch has no torch.* function for.
defineMethods({
  "arctan2_(Tensor other) -> Tensor": (self, other) => inPlace(self, (x) => atan2(x, other)),
  "absolute_() -> Tensor": abs_,
  "sgn_() -> Tensor": (self) => inPlace(self, sgn),
  "multiply_(Tensor other) -> Tensor": mul_,
  "multiply_(Scalar other) -> Tensor": mul_,
  "divide_(Tensor other) -> Tensor": div_,
  "divide_(Tensor other, *, c10::string_view? rounding_mode) -> Tensor": (self, other, mode) =>
    inPlace(self, (x) => divMode(x, other, mode)),
  "divide_(Scalar other) -> Tensor": div_,
  "divide_(Scalar other, *, c10::string_view? rounding_mode) -> Tensor": (self, other, mode) =>
    inPlace(self, (x) => divMode(x, other, mode)),
  "subtract_(Tensor other, *, Scalar alpha=1) -> Tensor": sub_,
  "subtract_(Scalar other, Scalar alpha=1) -> Tensor": sub_,
  "true_divide_(Tensor other) -> Tensor": div_,
  "true_divide_(Scalar other) -> Tensor": div_,
  "greater_(Tensor other) -> Tensor": compareInPlace(gt),
  "greater_(Scalar other) -> Tensor": compareInPlace(gt),
  "greater_equal_(Tensor other) -> Tensor": compareInPlace(ge),
  "greater_equal_(Scalar other) -> Tensor": compareInPlace(ge),
  "less_(Tensor other) -> Tensor": compareInPlace(lt),
  "less_(Scalar other) -> Tensor": compareInPlace(lt),
  "less_equal_(Tensor other) -> Tensor": compareInPlace(le),
  "less_equal_(Scalar other) -> Tensor": compareInPlace(le),
  "not_equal_(Tensor other) -> Tensor": compareInPlace(ne),
  "not_equal_(Scalar other) -> Tensor": compareInPlace(ne),
});
