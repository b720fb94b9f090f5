// Pointwise math of two tensors (logaddexp, logaddexp2, hypot, heaviside), the angle conversions
// (deg2rad, rad2deg), the closeness tests (isclose, allclose) and clamp's alias clip, with their PyTorch
// signatures at the end.
import { RuntimeError } from "../errors.js";
import { defineMethods, defineOps } from "../signatures/registry.js";
import { bool, Category, defaultFloatDtype, resultType, type DType } from "../tensor/dtype.js";
import { broadcastShapes } from "../tensor/shape.js";
import { Tensor } from "../tensor/tensor.js";
import { binaryKernel, floatingDtype, inPlace, record, scalarTensor } from "./core.js";
import { abs, isfinite } from "./math.js";
import { add, clamp, clampTensor, eq, le, logical_and, logical_or, mul, ne, sub } from "./elementwise.js";
import { clamp_, clampTensor_ } from "./inplace.js";
import { all } from "./reduce.js";

/** PyTorch's dispatch error for a dtype a CPU kernel lacks. */
function notImplemented(kernel: string, dtype: DType): RuntimeError {
  return new RuntimeError(`"${kernel}" not implemented for '${dtype.scalarTypeName}'`);
}

/** A binary kernel that only floating dtypes dispatch to (logaddexp, logaddexp2, hypot): ints are errors. */
function floatOnly(op: "logaddexp" | "logaddexp2" | "hypot", input: Tensor, other: Tensor): [Tensor, DType] {
  const dtype = resultType([input, other]);
  if (dtype.category !== Category.Floating) throw notImplemented(`${op}_cpu`, dtype);
  return [binaryKernel(op, input, other, dtype), dtype];
}

/** torch.logaddexp(input, other): log(exp(input) + exp(other)) without overflow. */
export function logaddexp(input: Tensor, other: Tensor): Tensor {
  const [out] = floatOnly("logaddexp", input, other);
  return record("LogaddexpBackward0", [input, other], out, () => ({ self: input, other }));
}

/** torch.logaddexp2(input, other): log2(2^input + 2^other). */
export function logaddexp2(input: Tensor, other: Tensor): Tensor {
  const [out] = floatOnly("logaddexp2", input, other);
  return record("Logaddexp2Backward0", [input, other], out, () => ({ self: input, other }));
}

/** torch.hypot(input, other): sqrt(input^2 + other^2). */
export function hypot(input: Tensor, other: Tensor): Tensor {
  const [out] = floatOnly("hypot", input, other);
  return record("HypotBackward0", [input, other], out, () => ({ self: input, other, result: out }));
}

/** torch.heaviside(input, values): 0 below zero, 1 above, `values` at zero; both of one dtype. */
export function heaviside(input: Tensor, values: Tensor): Tensor {
  if (input.dtype !== values.dtype) {
    throw new RuntimeError("heaviside is not yet implemented for tensors with different dtypes.");
  }
  const out = binaryKernel("heaviside", input, values, input.dtype);
  // derivatives.yaml has no formula: a node that raises if a gradient is asked for.
  const needGrad = [input, values].filter((t) => t.requires_grad);
  return record("torch::autograd::NotImplemented", needGrad, out, () => ({ op: "heaviside" }));
}

const DEG_TO_RAD = Math.PI / 180;
const RAD_TO_DEG = 180 / Math.PI;

/** deg2rad / rad2deg: a multiplication by the constant, integers (and bools) promoted to the default float. */
function angleConversion(input: Tensor, factor: number): Tensor {
  const dtype = floatingDtype(input.dtype, defaultFloatDtype());
  return binaryKernel("mul", input, scalarTensor(factor, dtype), dtype);
}

export const deg2rad = (input: Tensor): Tensor =>
  record("Deg2RadBackward0", [input], angleConversion(input, DEG_TO_RAD), () => ({}));
export const rad2deg = (input: Tensor): Tensor =>
  record("Rad2DegBackward0", [input], angleConversion(input, RAD_TO_DEG), () => ({}));

/**
 * torch.isclose(input, other, rtol, atol, equal_nan): |input - other| <= atol + rtol * |other|, in PyTorch's
 * order (equality first, then the finite error test); bools compare in the default float dtype.
 */
export function isclose(input: Tensor, other: Tensor, rtol = 1e-5, atol = 1e-8, equal_nan = false): Tensor {
  if (input.dtype !== other.dtype) {
    throw new RuntimeError(`${input.dtype.scalarTypeName} did not match ${other.dtype.scalarTypeName}`);
  }
  if (rtol < 0) throw new RuntimeError(`rtol must be greater than or equal to zero, but got ${rtol}`);
  if (atol < 0) throw new RuntimeError(`atol must be greater than or equal to zero, but got ${atol}`);
  // The result is a bool tensor: nothing below records a graph node.
  let close = eq(input, other);
  if (equal_nan && input.dtype.category === Category.Floating) {
    // (self != self).bitwise_and_(other != other): in place, so other may not broadcast self to a bigger shape
    const shape = broadcastShapes(input.shape, other.shape);
    if (shape.length !== input.ndim || shape.some((d, i) => d !== input.shape[i]))
      throw new RuntimeError(
        `output with shape [${input.shape.join(", ")}] doesn't match the broadcast shape [${shape.join(", ")}]`,
      );
    close = logical_or(close, logical_and(ne(input, input), ne(other, other)));
  }
  if (rtol === 0 && atol === 0) return close;
  const asFloat = (t: Tensor) => (t.dtype === bool ? t.to(defaultFloatDtype()) : t);
  const self = asFloat(input).detach();
  const cast = asFloat(other).detach();
  const allowed = add(abs(mul(cast, rtol)), atol);
  const actual = abs(sub(self, cast));
  return logical_or(close, logical_and(isfinite(actual), le(actual, allowed)));
}

/** torch.allclose: isclose everywhere, as a bool. */
export function allclose(input: Tensor, other: Tensor, rtol = 1e-5, atol = 1e-8, equal_nan = false): boolean {
  return Boolean(all(isclose(input, other, rtol, atol, equal_nan)).item());
}

defineOps(
  "torch",
  {
    "logaddexp(Tensor input, Tensor other, *, Tensor out=None) -> Tensor": logaddexp,
    "logaddexp2(Tensor input, Tensor other, *, Tensor out=None) -> Tensor": logaddexp2,
    "hypot(Tensor input, Tensor other, *, Tensor out=None) -> Tensor": hypot,
    "heaviside(Tensor input, Tensor values, *, Tensor out=None) -> Tensor": heaviside,
    "deg2rad(Tensor input, *, Tensor out=None) -> Tensor": deg2rad,
    "deg2rad_(Tensor input) -> Tensor": (self) => inPlace(self, deg2rad),
    "rad2deg(Tensor input, *, Tensor out=None) -> Tensor": rad2deg,
    "rad2deg_(Tensor input) -> Tensor": (self) => inPlace(self, rad2deg),
    "isclose(Tensor input, Tensor other, double rtol=1e-05, double atol=1e-08, bool equal_nan=False) -> Tensor":
      isclose,
    "allclose(Tensor input, Tensor other, double rtol=1e-05, double atol=1e-08, bool equal_nan=False) -> bool":
      allclose,
    // clip is clamp's alias: the same functions, so the same grad_fn names and checks.
    "clip(Tensor input, Tensor? min=None, Tensor? max=None, *, Tensor out=None) -> Tensor": clampTensor,
    "clip(Tensor input, Scalar? min=None, Scalar? max=None, *, Tensor out=None) -> Tensor": clamp,
    "clip_(Tensor input, Tensor? min=None, Tensor? max=None) -> Tensor": clampTensor_,
    "clip_(Tensor input, Scalar? min=None, Scalar? max=None) -> Tensor": clamp_,
  },
  { methods: true },
);

// In-place methods PyTorch has no torch.* function for.
defineMethods({
  "hypot_(Tensor other) -> Tensor": (self, other) => inPlace(self, (x) => hypot(x, other)),
  "heaviside_(Tensor values) -> Tensor": (self, values) => inPlace(self, (x) => heaviside(x, values)),
});
