// Elementwise ops: arithmetic, math functions, comparisons and where. Each op runs one backend kernel
// and records the row of the derivatives table that differentiates it; the declarations at the end give
// each its PyTorch signatures (argument checking happens there, before an op runs).
import type { UnaryOp } from "../backend/backend.js";
import { backend, type BinaryOp, type StridedArray } from "../backend/backend.js";
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
  scalarCategory,
  type DType,
} from "../tensor/dtype.js";
import { broadcastShapes, broadcastStrides } from "../tensor/shape.js";
import { Tensor } from "../tensor/tensor.js";
import {
  binaryKernel,
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
import { emitWarning } from "../warnings.js";

/** a + alpha * b computed like PyTorch's kernel: the alpha product is rounded before the add. */
function addKernel(op: "add" | "sub", a: Tensor, b: Tensor, dtype: DType, alpha: Scalar): Tensor {
  const alphaValue = scalarValue(alpha);
  if (alphaValue === 1) return binaryKernel(op, a, b, dtype);
  if (dtype.category !== Category.Floating && scalarCategory(alpha) === Category.Floating) {
    throw new RuntimeError(`For integral input tensors, argument alpha must not be a floating point number.`);
  }
  if (dtype === float32) {
    // PyTorch's float kernel fuses a + alpha * b (one rounding): the float32 product is exact in
    // float64, so computing there and rounding once at the end gives the fused result.
    const scaled = binaryKernel("mul", b, scalarTensor(Math.fround(alphaValue), float64), float64);
    const sum = binaryKernel(op, a, scaled, float64);
    return fromData(backend().copy(sum._view(), float32), sum.shape, float32);
  }
  return binaryKernel(op, a, binaryKernel("mul", b, scalarTensor(alphaValue, dtype), dtype), dtype);
}

/** sub_check: PyTorch refuses `-` on bool (a True/False operand is a bool tensor too), with one text for two. */
export function checkNotBoolSub(a: TensorOrScalar, b: TensorOrScalar): void {
  const isBool = (v: TensorOrScalar) => (v instanceof Tensor ? v.dtype === bool : typeof v === "boolean");
  if (isBool(a) && isBool(b)) {
    throw new RuntimeError(
      "Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.",
    );
  }
  if (isBool(a) || isBool(b)) {
    throw new RuntimeError(
      "Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.",
    );
  }
}

/** torch.add(input, other, { alpha }): input + alpha * other; a number may stand on either side. */
export function add(input: TensorOrScalar, other: TensorOrScalar, alpha: Scalar = 1): Tensor {
  if (!(input instanceof Tensor)) {
    if (!(other instanceof Tensor)) return scalarsOnly("add", input, other);
    // Python's `2 + x` is x.__radd__(2): the tensor goes first.
    if (scalarValue(alpha) === 1) return add(other, input);
  }
  const [a, b, dtype] = promoteOperands(input, other);
  const alphaValue = scalarValue(alpha);
  return record("AddBackward0", [a, b], addKernel("add", a, b, dtype, alpha), () => ({ alpha: alphaValue }));
}

/** torch.sub(input, other, { alpha }): input - alpha * other; `torch.sub(1, p)` is Python's `1 - p` (rsub). */
export function sub(input: TensorOrScalar, other: TensorOrScalar, alpha: Scalar = 1): Tensor {
  if (!(input instanceof Tensor)) {
    if (!(other instanceof Tensor)) return scalarsOnly("sub", input, other);
    return rsub(other, input, alpha);
  }
  checkNotBoolSub(input, other);
  const [a, b, dtype] = promoteOperands(input, other);
  const alphaValue = scalarValue(alpha);
  return record("SubBackward0", [a, b], addKernel("sub", a, b, dtype, alpha), () => ({ alpha: alphaValue }));
}

/** torch.rsub(input, other, { alpha }): other - alpha * input. */
export function rsub(input: Tensor, other: TensorOrScalar, alpha: Scalar = 1): Tensor {
  checkNotBoolSub(input, other);
  const [a, b, dtype] = promoteOperands(input, other);
  const out = addKernel("sub", b, a, dtype, alpha);
  const alphaValue = scalarValue(alpha);
  if (isScalar(other)) return record("RsubBackward1", [a], out, () => ({ alpha: alphaValue }));
  return record("RsubBackward0", [a, b], out, () => ({ alpha: alphaValue }));
}

/** Two numbers where PyTorch wraps both: a 0-dim result of the promoted type, as `torch.add(2, 3)` gives. */
function scalarsOnly(op: "add" | "sub" | "mul" | "div", a: Scalar, b: Scalar): Tensor {
  return op === "div"
    ? div(scalarTensor(a, resultType([a])), b)
    : FNS[op](scalarTensor(a, resultType([a])), b);
}

const FNS = {
  add: (a: Tensor, b: Scalar) => add(a, b),
  sub: (a: Tensor, b: Scalar) => sub(a, b),
  mul: (a: Tensor, b: Scalar) => mul(a, b),
};

/** torch.mul(input, other); `torch.mul(-1, t)` is Python's `-1 * t`. */
export function mul(input: TensorOrScalar, other: TensorOrScalar): Tensor {
  if (!(input instanceof Tensor)) {
    if (!(other instanceof Tensor)) return scalarsOnly("mul", input, other);
    return mul(other, input);
  }
  const [a, b, dtype] = promoteOperands(input, other);
  return record("MulBackward0", [a, b], binaryKernel("mul", a, b, dtype), () => ({ self: a, other: b }));
}

/** torch.div(input, other): true division (integers give float); `torch.div(2, x)` is Python's `2 / x`. */
export function div(input: TensorOrScalar, other: TensorOrScalar): Tensor {
  if (!(input instanceof Tensor)) {
    if (!(other instanceof Tensor)) return scalarsOnly("div", input, other);
    // Python's `2 / x` is x.reciprocal() * 2, which is what PyTorch records (MulBackward0).
    return mul(reciprocal(other), input);
  }
  const [a, promotedB, promoted] = promoteOperands(input, other);
  let [b, dtype] = [promotedB, promoted];
  if (dtype.category !== Category.Floating) {
    dtype = defaultFloatDtype();
    if (isScalar(other)) b = scalarTensor(other, dtype);
  }
  return record("DivBackward0", [a, b], binaryKernel("div", a, b, dtype), () => ({ self: a, other: b }));
}

/**
 * torch.div(input, other, { rounding_mode }): "trunc" and "floor" keep integer dtypes and have zero
 * gradients; null is true division. All three record DivBackward2, as PyTorch's div.Tensor_mode does.
 */
export function divMode(input: TensorOrScalar, other: TensorOrScalar, roundingMode: string | null): Tensor {
  if (roundingMode !== null && roundingMode !== "trunc" && roundingMode !== "floor") {
    throw new RuntimeError(
      `div expected rounding_mode to be one of None, 'trunc', or 'floor' but found '${roundingMode}'`,
    );
  }
  if (!(input instanceof Tensor)) input = scalarTensor(input, resultType([input]));
  const [a, b, promoted] = promoteOperands(input, other);
  let out: Tensor;
  if (roundingMode === null) {
    const dtype = promoted.category === Category.Floating ? promoted : defaultFloatDtype();
    const bb = b.dtype === dtype || !isScalar(other) ? b : scalarTensor(other, dtype);
    out = binaryKernel("div", a, bb, dtype);
  } else {
    out = roundedDivide(roundingMode, a, b, promoted);
  }
  return record("DivBackward2", [a, b], out, () => ({ self: a, other: b, roundingMode }));
}

/** a / b rounded toward zero or down, in the promoted dtype; integer division by zero raises. */
function roundedDivide(mode: "trunc" | "floor", a: Tensor, b: Tensor, dtype: DType): Tensor {
  if (dtype === bool) throw new RuntimeError(`"div_${mode}_cpu" not implemented for 'Bool'`);
  return binaryKernel(mode === "floor" ? "div_floor" : "div_trunc", a, b, dtype);
}

/** torch.floor_divide(input, other): div(..., rounding_mode="floor"), for which PyTorch 1.13 has no derivative. */
export function floor_divide(input: TensorOrScalar, other: TensorOrScalar): Tensor {
  const self = input instanceof Tensor ? input : scalarTensor(input, resultType([input]));
  const [a, b, dtype] = promoteOperands(self, other);
  const out = roundedDivide("floor", a, b, dtype);
  // The node's one formula raises PyTorch's error for whichever operand needs a gradient.
  const needGrad = [a, b].filter((t) => t.requires_grad);
  return record("torch::autograd::NotImplemented", needGrad, out, () => ({ op: "floor_divide" }));
}

/** torch.equal(input, other): same shape and equal values after type promotion (NaN is never equal). */
export function equal(input: Tensor, other: Tensor): boolean {
  if (input.ndim !== other.ndim || input.shape.some((d, i) => d !== other.shape[i])) return false;
  return compare("eq", input, other)
    .values()
    .every((v) => v !== 0);
}

export function neg(input: Tensor): Tensor {
  if (input.dtype === bool) {
    throw new RuntimeError(
      "Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.",
    );
  }
  return record("NegBackward0", [input], unaryKernel("neg", input, input.dtype), () => ({}));
}

export function reciprocal(input: Tensor): Tensor {
  const dtype = floatingDtype(input.dtype, defaultFloatDtype());
  const out = unaryKernel("reciprocal", input, dtype);
  return record("ReciprocalBackward0", [input], out, () => ({ result: out }));
}

/** torch.pow(input, exponent) with a number exponent: `x**2` (PowBackward0). */
export function powScalar(input: Tensor, exponent: Scalar): Tensor {
  const e = scalarValue(exponent);
  const dtype = resultType([input, exponent]);
  if (dtype.category !== Category.Floating && e < 0) {
    throw new RuntimeError("Integers to negative integer powers are not allowed.");
  }
  return record("PowBackward0", [input], unaryKernel("pow_scalar", input, dtype, [e]), () => ({
    self: input,
    exponent: e,
  }));
}

/** torch.pow(input, exponent) with a tensor exponent (PowBackward1). */
export function powTensor(input: Tensor, exponent: Tensor): Tensor {
  const [a, b, dtype] = promoteOperands(input, exponent);
  const out = binaryKernel("pow", a, b, dtype);
  return record("PowBackward1", [input, exponent], out, () => ({ self: input, exponent, result: out }));
}

/** torch.pow(2, x): a number base (PowBackward2). */
export function powScalarBase(base: Scalar, exponent: Tensor): Tensor {
  const dtype = resultType([base, exponent]);
  const out = binaryKernel("pow", scalarTensor(base, dtype), exponent, dtype);
  const baseValue = scalarValue(base);
  return record("PowBackward2", [exponent], out, () => ({ base: baseValue, exponent, result: out }));
}

/** pow for callers that may hold either kind of exponent. */
export function pow(input: Tensor, exponent: TensorOrScalar): Tensor {
  return exponent instanceof Tensor ? powTensor(input, exponent) : powScalar(input, exponent);
}

/** A math function that computes in floating point (ints promote to float32). */
export function floatUnary(op: UnaryOp, x: Tensor): Tensor {
  return unaryKernel(op, x, floatingDtype(x.dtype, defaultFloatDtype()));
}

export function sin(input: Tensor): Tensor {
  return record("SinBackward0", [input], floatUnary("sin", input), () => ({ self: input }));
}

export function cos(input: Tensor): Tensor {
  return record("CosBackward0", [input], floatUnary("cos", input), () => ({ self: input }));
}

export function exp(input: Tensor): Tensor {
  const out = floatUnary("exp", input);
  return record("ExpBackward0", [input], out, () => ({ result: out }));
}

export function log(input: Tensor): Tensor {
  return record("LogBackward0", [input], floatUnary("log", input), () => ({ self: input }));
}

export function sigmoid(input: Tensor): Tensor {
  const out = floatUnary("sigmoid", input);
  return record("SigmoidBackward0", [input], out, () => ({ result: out }));
}

export function tanh(input: Tensor): Tensor {
  const out = floatUnary("tanh", input);
  return record("TanhBackward0", [input], out, () => ({ result: out }));
}

export function relu(input: Tensor): Tensor {
  if (input.dtype === bool) throw new RuntimeError("Boolean inputs not supported for relu");
  const out = unaryKernel("relu", input, input.dtype);
  return record("ReluBackward0", [input], out, () => ({ result: out }));
}

const CLAMP_NEEDS_A_BOUND = "torch.clamp: At least one of 'min' or 'max' must not be None";

/** torch.clamp(input, min, max) with number bounds (ClampBackward1). */
export function clamp(input: Tensor, min: Scalar | null, max: Scalar | null = null): Tensor {
  if (min === null && max === null) throw new RuntimeError(CLAMP_NEEDS_A_BOUND);
  // A floating tensor already outranks any number bound; otherwise ask resultType.
  const dtype =
    input.dtype.category === Category.Floating
      ? input.dtype
      : resultType(min === null ? [input, max!] : max === null ? [input, min] : [input, min, max]);
  const lo = min === null ? null : scalarValue(min);
  const hi = max === null ? null : scalarValue(max);
  const out = unaryKernel("clamp", input, dtype, [
    lo === null ? NaN : dtype.cast(lo),
    hi === null ? NaN : dtype.cast(hi),
  ]);
  return record("ClampBackward1", [input], out, () => ({ self: input, min: lo, max: hi }));
}

/** torch.clamp(input, min, max) with tensor bounds, broadcast together (ClampBackward0). */
export function clampTensor(input: Tensor, min: Tensor | null, max: Tensor | null): Tensor {
  if (min === null && max === null) throw new RuntimeError(CLAMP_NEEDS_A_BOUND);
  const dtype = resultType([input, ...(min ? [min] : []), ...(max ? [max] : [])]);
  let out = input;
  if (min !== null) out = binaryKernel("maximum", out, min, dtype);
  if (max !== null) out = binaryKernel("minimum", out, max, dtype);
  if (out === input) out = binaryKernel("maximum", input, input, dtype);
  return record("ClampBackward0", [input, min, max], out, () => ({ self: input, min, max }));
}

/** Comparisons and logical ops: bool results, never differentiable. */
function compare(op: BinaryOp, input: Tensor, other: TensorOrScalar): Tensor {
  const [a, b, dtype] = promoteOperands(input, other);
  return binaryKernel(op, a, b, dtype, bool);
}

export const eq = (input: Tensor, other: TensorOrScalar): Tensor => compare("eq", input, other);
export const ne = (input: Tensor, other: TensorOrScalar): Tensor => compare("ne", input, other);
export const lt = (input: Tensor, other: TensorOrScalar): Tensor => compare("lt", input, other);
export const le = (input: Tensor, other: TensorOrScalar): Tensor => compare("le", input, other);
export const gt = (input: Tensor, other: TensorOrScalar): Tensor => compare("gt", input, other);
export const ge = (input: Tensor, other: TensorOrScalar): Tensor => compare("ge", input, other);
export const logical_and = (input: Tensor, other: Tensor): Tensor => compare("logical_and", input, other);
export const logical_or = (input: Tensor, other: Tensor): Tensor => compare("logical_or", input, other);
export const logical_xor = (input: Tensor, other: Tensor): Tensor => compare("logical_xor", input, other);

/** torch.where(condition, input, other): elementwise choice, broadcasting all three. */
export function where(condition: Tensor, input: TensorOrScalar, other: TensorOrScalar): Tensor {
  if (condition.dtype !== bool) {
    throw new RuntimeError(
      `where expected condition to be a boolean tensor, but got a tensor with dtype ${condition.dtype.scalarTypeName}`,
    );
  }
  // Two numbers: PyTorch wraps both, so the first one's kind decides like a 0-dim tensor's would.
  if (!(input instanceof Tensor) && !(other instanceof Tensor))
    input = scalarTensor(input, resultType([input]));
  const [a, b, dtype] = promoteOperands(input, other);
  if (condition.shape.length === 0 && a.shape.length === 0 && b.shape.length === 0) {
    // All 0-dim: pick the value here, as the backends' where kernel does (cast to the result dtype).
    const chosen = condition._storage.data[condition._offset] !== 0 ? a : b;
    const out = scalarTensor(chosen._storage.data[chosen._offset], dtype);
    return record("WhereBackward0", [condition, a, b], out, () => ({ condition }));
  }
  const shape = broadcastShapes(broadcastShapes(condition.shape, a.shape), b.shape);
  const out = fromData(
    backend().where(expandedView(condition, shape), expandedView(a, shape), expandedView(b, shape), dtype),
    shape,
    dtype,
  );
  return record("WhereBackward0", [condition, a, b], out, () => ({ condition }));
}

/** torch.where(condition): the indices of its true elements, one int64 tensor per dim (nonzero(as_tuple=True)). */
export function whereTrue(condition: Tensor): Tensor[] {
  const values = condition.values();
  const shape = condition.shape;
  const hits: number[] = [];
  for (let i = 0; i < values.length; i++) if (values[i] !== 0) hits.push(i);
  if (shape.length === 0) return [fromData(new Float64Array(hits.length), [hits.length], int64)];
  return shape.map((_, d) => {
    const inner = shape.slice(d + 1).reduce((a, b) => a * b, 1);
    const column = new Float64Array(hits.length);
    for (let k = 0; k < hits.length; k++) column[k] = Math.floor(hits[k] / inner) % shape[d];
    return fromData(column, [hits.length], int64);
  });
}

/** t as a backend operand read as if expanded to `shape`. */
function expandedView(t: Tensor, shape: readonly number[]): StridedArray {
  return { ...t._view(), shape, strides: broadcastStrides(t.shape, t._strides, shape) };
}

export function logical_not(input: Tensor): Tensor {
  return unaryKernel("logical_not", input, bool);
}

defineOps(
  "torch",
  {
    "add(Tensor input, Tensor other, *, Scalar alpha=1, Tensor out=None) -> Tensor": add,
    "sub(Tensor input, Tensor other, *, Scalar alpha=1, Tensor out=None) -> Tensor": sub,
    // tools/autograd/deprecated.yaml: callable with a warning, never listed.
    "add(Tensor input, Scalar alpha, Tensor other, *, Tensor out=None)|deprecated -> Tensor": (
      input,
      alpha,
      other,
    ) => add(input, other, alpha),
    "sub(Tensor input, Scalar alpha, Tensor other)|deprecated -> Tensor": (input, alpha, other) =>
      sub(input, other, alpha),
    "mul(Tensor input, Tensor other, *, Tensor out=None) -> Tensor": mul,
    "div(Tensor input, Tensor other, *, Tensor out=None) -> Tensor": div,
    "div(Tensor input, Tensor other, *, c10::string_view? rounding_mode, Tensor out=None) -> Tensor": divMode,
    "div(Tensor input, Scalar other, *, c10::string_view? rounding_mode) -> Tensor": divMode,
    "floor_divide(Tensor input, Tensor other, *, Tensor out=None) -> Tensor": floor_divide,
    "floor_divide(Tensor input, Scalar other) -> Tensor": floor_divide,
    "equal(Tensor input, Tensor other) -> bool": equal,
    "neg(Tensor input, *, Tensor out=None) -> Tensor": neg,
    "reciprocal(Tensor input, *, Tensor out=None) -> Tensor": reciprocal,
    "pow(Tensor input, Tensor exponent, *, Tensor out=None) -> Tensor": powTensor,
    "pow(Scalar self, Tensor exponent, *, Tensor out=None) -> Tensor": powScalarBase,
    "pow(Tensor input, Scalar exponent, *, Tensor out=None) -> Tensor": powScalar,
    "sin(Tensor input, *, Tensor out=None) -> Tensor": sin,
    "cos(Tensor input, *, Tensor out=None) -> Tensor": cos,
    "exp(Tensor input, *, Tensor out=None) -> Tensor": exp,
    "log(Tensor input, *, Tensor out=None) -> Tensor": log,
    "sigmoid(Tensor input, *, Tensor out=None) -> Tensor": sigmoid,
    "tanh(Tensor input, *, Tensor out=None) -> Tensor": tanh,
    "relu(Tensor input) -> Tensor": relu,
    "clamp(Tensor input, Tensor? min=None, Tensor? max=None, *, Tensor out=None) -> Tensor": clampTensor,
    "clamp(Tensor input, Scalar? min=None, Scalar? max=None, *, Tensor out=None) -> Tensor": clamp,
    "eq(Tensor input, Tensor other, *, Tensor out=None) -> Tensor": eq,
    "eq(Tensor input, Scalar other, *, Tensor out=None) -> Tensor": eq,
    "ne(Tensor input, Tensor other, *, Tensor out=None) -> Tensor": ne,
    "ne(Tensor input, Scalar other, *, Tensor out=None) -> Tensor": ne,
    "lt(Tensor input, Tensor other, *, Tensor out=None) -> Tensor": lt,
    "lt(Tensor input, Scalar other, *, Tensor out=None) -> Tensor": lt,
    "le(Tensor input, Tensor other, *, Tensor out=None) -> Tensor": le,
    "le(Tensor input, Scalar other, *, Tensor out=None) -> Tensor": le,
    "gt(Tensor input, Tensor other, *, Tensor out=None) -> Tensor": gt,
    "gt(Tensor input, Scalar other, *, Tensor out=None) -> Tensor": gt,
    "ge(Tensor input, Tensor other, *, Tensor out=None) -> Tensor": ge,
    "ge(Tensor input, Scalar other, *, Tensor out=None) -> Tensor": ge,
    "logical_and(Tensor input, Tensor other, *, Tensor out=None) -> Tensor": logical_and,
    "logical_or(Tensor input, Tensor other, *, Tensor out=None) -> Tensor": logical_or,
    "logical_xor(Tensor input, Tensor other, *, Tensor out=None) -> Tensor": logical_xor,
    "logical_not(Tensor input, *, Tensor out=None) -> Tensor": logical_not,
  },
  { methods: true },
);

defineOps("torch", {
  "rsub(Tensor input, Tensor other, *, Scalar alpha=1) -> Tensor": rsub,
  "rsub(Tensor input, Scalar other, Scalar alpha=1) -> Tensor": rsub,
  "where(Tensor condition) -> Tensor[]": whereTrue,
  "where(Tensor condition, Tensor input, Tensor other, *, Tensor out=None) -> Tensor": where,
  "where(Tensor condition, Scalar self, Tensor other) -> Tensor": where,
  "where(Tensor condition, Tensor input, Scalar other) -> Tensor": where,
  "where(Tensor condition, Scalar self, Scalar other) -> Tensor": where,
});

defineMethods({
  "where(Tensor condition, Tensor other) -> Tensor": (self, condition, other) =>
    where(condition, self, other),
});

// torch.nn.functional's forms (torch/nn/functional.py). F.sigmoid and F.tanh are deprecated in favour of
// torch.sigmoid and torch.tanh, with PyTorch's warning.
definePython("torch.nn.functional", {
  "relu(input: Tensor, inplace: bool = False) -> Tensor": (input: Tensor, inplace: boolean) =>
    inplace ? inPlace(input, relu) : relu(input),
  "sigmoid(input: Tensor) -> Tensor": (input: Tensor) => {
    emitWarning("nn.functional.sigmoid is deprecated. Use torch.sigmoid instead.");
    return sigmoid(input);
  },
  "tanh(input: Tensor) -> Tensor": (input: Tensor) => {
    emitWarning("nn.functional.tanh is deprecated. Use torch.tanh instead.");
    return tanh(input);
  },
});
