// Elementwise ops: arithmetic, math functions, comparisons and where. Each op checks its arguments,
// runs one backend kernel and records the row of derivatives.ts that differentiates it.
import type { UnaryOp } from "../backend/backend.js";
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
import { broadcastShapes, broadcastStrides } from "../tensor/shape.js";
import { Tensor } from "../tensor/tensor.js";
import { backend, type BinaryOp, type StridedArray } from "../backend/backend.js";
import {
  binaryKernel,
  checkOperand,
  checkTensor,
  floatingDtype,
  fromData,
  installMethods,
  isScalar,
  promoteOperands,
  record,
  scalarTensor,
  scalarValue,
  unaryKernel,
  type AsMethod,
  type TensorOrScalar,
} from "./core.js";

export interface AlphaOptions {
  alpha?: number;
}

function alphaOf(fn: string, opts?: AlphaOptions): number {
  const alpha = opts?.alpha ?? 1;
  if (typeof alpha !== "number")
    throw new TypeError(`${fn}(): argument 'alpha' must be Number, not ${typeof alpha}`);
  return alpha;
}

/** a + alpha * b computed like PyTorch's kernel: the alpha product is rounded before the add. */
function addKernel(op: "add" | "sub", a: Tensor, b: Tensor, dtype: DType, alpha: number): Tensor {
  if (alpha === 1) return binaryKernel(op, a, b, dtype);
  if (dtype === float32) {
    // PyTorch's float kernel fuses a + alpha * b (one rounding): the float32 product is exact in
    // float64, so computing there and rounding once at the end gives the fused result.
    const scaled = binaryKernel("mul", b, scalarTensor(Math.fround(alpha), float64), float64);
    const sum = binaryKernel(op, a, scaled, float64);
    return fromData(backend().copy(sum._view(), float32), sum.shape, float32);
  }
  return binaryKernel(op, a, binaryKernel("mul", b, scalarTensor(alpha, dtype), dtype), dtype);
}

function checkNotBoolSub(a: Tensor, b: Tensor): void {
  if (a.dtype === bool && b.dtype === bool) {
    throw new RuntimeError(
      "Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.",
    );
  }
}

/** torch.add(input, other, { alpha }): input + alpha * other; a number may stand on either side. */
export function add(input: TensorOrScalar, other: TensorOrScalar, opts?: AlphaOptions): Tensor {
  checkOperand(input, "add", "input");
  checkOperand(other, "add", "other");
  const alpha = alphaOf("add", opts);
  if (isScalar(input)) {
    if (isScalar(other)) throw new TypeError("add(): at least one of 'input' and 'other' must be a Tensor");
    // Python's `2 + x` is x.__radd__(2): the tensor goes first.
    if (alpha === 1) return add(other, input);
  }
  const [a, b, dtype] = promoteOperands(input, other);
  return record("AddBackward0", [a, b], addKernel("add", a, b, dtype, alpha), () => ({ alpha }));
}

/** torch.sub(input, other, { alpha }): input - alpha * other; `torch.sub(1, p)` is Python's `1 - p` (rsub). */
export function sub(input: TensorOrScalar, other: TensorOrScalar, opts?: AlphaOptions): Tensor {
  checkOperand(input, "sub", "input");
  checkOperand(other, "sub", "other");
  const alpha = alphaOf("sub", opts);
  if (isScalar(input)) {
    if (isScalar(other)) throw new TypeError("sub(): at least one of 'input' and 'other' must be a Tensor");
    return rsub(other, input, opts);
  }
  const [a, b, dtype] = promoteOperands(input, other);
  checkNotBoolSub(a, b);
  return record("SubBackward0", [a, b], addKernel("sub", a, b, dtype, alpha), () => ({ alpha }));
}

/** torch.rsub(input, other, { alpha }): other - alpha * input. */
export function rsub(input: Tensor, other: TensorOrScalar, opts?: AlphaOptions): Tensor {
  checkTensor(input, "rsub", "input");
  checkOperand(other, "rsub", "other");
  const alpha = alphaOf("rsub", opts);
  const [a, b, dtype] = promoteOperands(input, other);
  checkNotBoolSub(a, b);
  const out = addKernel("sub", b, a, dtype, alpha);
  if (isScalar(other)) return record("RsubBackward1", [a], out, () => ({ alpha }));
  return record("RsubBackward0", [a, b], out, () => ({ alpha }));
}

/** torch.mul(input, other); `torch.mul(-1, t)` is Python's `-1 * t`. */
export function mul(input: TensorOrScalar, other: TensorOrScalar): Tensor {
  checkOperand(input, "mul", "input");
  checkOperand(other, "mul", "other");
  if (isScalar(input)) {
    if (isScalar(other)) throw new TypeError("mul(): at least one of 'input' and 'other' must be a Tensor");
    return mul(other, input);
  }
  const [a, b, dtype] = promoteOperands(input, other);
  return record("MulBackward0", [a, b], binaryKernel("mul", a, b, dtype), () => ({ self: a, other: b }));
}

/** torch.div(input, other): true division (integers give float); `torch.div(2, x)` is Python's `2 / x`. */
export function div(input: TensorOrScalar, other: TensorOrScalar): Tensor {
  checkOperand(input, "div", "input");
  checkOperand(other, "div", "other");
  if (isScalar(input)) {
    if (isScalar(other)) throw new TypeError("div(): at least one of 'input' and 'other' must be a Tensor");
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

export function neg(input: Tensor): Tensor {
  checkTensor(input, "neg");
  if (input.dtype === bool) {
    throw new RuntimeError(
      "Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.",
    );
  }
  return record("NegBackward0", [input], unaryKernel("neg", input, input.dtype), () => ({}));
}

export function reciprocal(input: Tensor): Tensor {
  checkTensor(input, "reciprocal");
  const dtype = floatingDtype(input.dtype, defaultFloatDtype());
  const out = unaryKernel("reciprocal", input, dtype);
  return record("ReciprocalBackward0", [input], out, () => ({ result: out }));
}

/**
 * torch.pow(input, exponent): a number exponent (`x**2`, PowBackward0), a tensor exponent (PowBackward1)
 * or a number base with a tensor exponent (`torch.pow(2, x)`, PowBackward2).
 */
export function pow(input: TensorOrScalar, exponent: TensorOrScalar): Tensor {
  if (!(input instanceof Tensor) || !(exponent instanceof Tensor)) {
    if (isScalar(input) && exponent instanceof Tensor) return powScalarBase(scalarValue(input), exponent);
    if (!(input instanceof Tensor) || !isScalar(exponent)) throw powArgumentError(input, exponent);
  }
  if (isScalar(exponent)) {
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
  const [a, b, dtype] = promoteOperands(input, exponent);
  const out = binaryKernel("pow", a, b, dtype);
  return record("PowBackward1", [input, exponent], out, () => ({ self: input, exponent, result: out }));
}

function powScalarBase(base: number, exponent: Tensor): Tensor {
  const dtype = resultType([base, exponent]);
  const out = binaryKernel("pow", scalarTensor(base, dtype), exponent, dtype);
  return record("PowBackward2", [exponent], out, () => ({ base, exponent, result: out }));
}

function powArgumentError(input: unknown, exponent: unknown): TypeError {
  const kind = (v: unknown) => (v instanceof Tensor ? "Tensor" : isScalar(v) ? typeof v : describe(v));
  return new TypeError(
    `pow() received an invalid combination of arguments - got (${kind(input)}, ${kind(exponent)}), but expected one of:\n` +
      " * (Tensor input, Tensor exponent, *, Tensor out)\n" +
      " * (Number self, Tensor exponent, *, Tensor out)\n" +
      " * (Tensor input, Number exponent, *, Tensor out)\n",
  );
}

/** A math function that computes in floating point (ints promote to float32). */
export function floatUnary(op: UnaryOp, x: Tensor): Tensor {
  checkTensor(x, op);
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
  checkTensor(input, "relu");
  const out = unaryKernel("relu", input, input.dtype);
  return record("ReluBackward0", [input], out, () => ({ result: out }));
}

export interface ClampOptions {
  min?: number | null;
  max?: number | null;
}

/** torch.clamp(input, min?, max?) or torch.clamp(input, { min, max }). */
export function clamp(input: Tensor, min?: number | null | ClampOptions, max?: number | null): Tensor {
  checkTensor(input, "clamp");
  let lo = min;
  let hi = max;
  if (lo !== null && typeof lo === "object") ({ min: lo = null, max: hi = null } = lo);
  lo ??= null;
  hi ??= null;
  checkBound("min", lo);
  checkBound("max", hi);
  if (lo === null && hi === null)
    throw new RuntimeError("torch.clamp: At least one of 'min' or 'max' must not be None");
  // A floating tensor already outranks any number bound; otherwise ask resultType.
  const dtype =
    input.dtype.category === Category.Floating
      ? input.dtype
      : resultType(lo === null ? [input, hi as number] : hi === null ? [input, lo] : [input, lo, hi]);
  const out = unaryKernel("clamp", input, dtype, [
    lo === null ? NaN : dtype.cast(lo),
    hi === null ? NaN : dtype.cast(hi),
  ]);
  const [minV, maxV] = [lo, hi];
  return record("ClampBackward1", [input], out, () => ({ self: input, min: minV, max: maxV }));
}

function checkBound(name: "min" | "max", v: unknown): void {
  if (v !== null && typeof v !== "number")
    throw new TypeError(`clamp(): argument '${name}' must be Number, not ${typeof v}`);
}

/** Comparisons and logical ops: bool results, never differentiable. */
function compare(op: BinaryOp, input: TensorOrScalar, other: TensorOrScalar): Tensor {
  checkOperand(input, op, "input");
  checkOperand(other, op, "other");
  if (isScalar(input)) throw new TypeError(`${op}(): argument 'input' must be Tensor, not ${typeof input}`);
  const [a, b, dtype] = promoteOperands(input, other);
  return binaryKernel(op, a, b, dtype, bool);
}

export const eq = (input: Tensor, other: TensorOrScalar): Tensor => compare("eq", input, other);
export const ne = (input: Tensor, other: TensorOrScalar): Tensor => compare("ne", input, other);
export const lt = (input: Tensor, other: TensorOrScalar): Tensor => compare("lt", input, other);
export const le = (input: Tensor, other: TensorOrScalar): Tensor => compare("le", input, other);
export const gt = (input: Tensor, other: TensorOrScalar): Tensor => compare("gt", input, other);
export const ge = (input: Tensor, other: TensorOrScalar): Tensor => compare("ge", input, other);
export const logical_and = (input: Tensor, other: TensorOrScalar): Tensor =>
  compare("logical_and", input, other);
export const logical_or = (input: Tensor, other: TensorOrScalar): Tensor =>
  compare("logical_or", input, other);
export const logical_xor = (input: Tensor, other: TensorOrScalar): Tensor =>
  compare("logical_xor", input, other);

/** torch.where(condition, input, other): elementwise choice, broadcasting all three. */
export function where(condition: Tensor, input: TensorOrScalar, other: TensorOrScalar): Tensor {
  checkTensor(condition, "where", "condition");
  checkOperand(input, "where", "input");
  checkOperand(other, "where", "other");
  if (condition.dtype !== bool) {
    throw new RuntimeError(
      `where expected condition to be a boolean tensor, but got a tensor with dtype ${condition.dtype.scalarTypeName}`,
    );
  }
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

/** t as a backend operand read as if expanded to `shape`. */
function expandedView(t: Tensor, shape: readonly number[]): StridedArray {
  return { ...t._view(), shape, strides: broadcastStrides(t.shape, t._strides, shape) };
}

/** Tensor.where(condition, other): where(condition, self, other). */
function whereMethod(self: Tensor, condition: Tensor, other: TensorOrScalar): Tensor {
  return where(condition, self, other);
}

export function logical_not(input: Tensor): Tensor {
  checkTensor(input, "logical_not");
  return unaryKernel("logical_not", input, bool);
}

declare module "../tensor/tensor.js" {
  interface Tensor {
    add: AsMethod<typeof add>;
    sub: AsMethod<typeof sub>;
    rsub: AsMethod<typeof rsub>;
    mul: AsMethod<typeof mul>;
    div: AsMethod<typeof div>;
    neg: AsMethod<typeof neg>;
    reciprocal: AsMethod<typeof reciprocal>;
    pow: AsMethod<typeof pow>;
    sin: AsMethod<typeof sin>;
    cos: AsMethod<typeof cos>;
    exp: AsMethod<typeof exp>;
    log: AsMethod<typeof log>;
    sigmoid: AsMethod<typeof sigmoid>;
    tanh: AsMethod<typeof tanh>;
    relu: AsMethod<typeof relu>;
    clamp: AsMethod<typeof clamp>;
    eq: AsMethod<typeof eq>;
    ne: AsMethod<typeof ne>;
    lt: AsMethod<typeof lt>;
    le: AsMethod<typeof le>;
    gt: AsMethod<typeof gt>;
    ge: AsMethod<typeof ge>;
    logical_and: AsMethod<typeof logical_and>;
    logical_or: AsMethod<typeof logical_or>;
    logical_xor: AsMethod<typeof logical_xor>;
    logical_not: AsMethod<typeof logical_not>;
    where: AsMethod<typeof whereMethod>;
  }
}
installMethods({
  add,
  sub,
  rsub,
  mul,
  div,
  neg,
  reciprocal,
  pow,
  sin,
  cos,
  exp,
  log,
  sigmoid,
  tanh,
  relu,
  clamp,
  eq,
  ne,
  lt,
  le,
  gt,
  ge,
  logical_and,
  logical_or,
  logical_xor,
  logical_not,
  where: whereMethod,
});
