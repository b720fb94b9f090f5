// Loops without per-element calls for the hottest elementwise cases: float add/sub/mul/div where each
// operand is dense, a scalar, or a dense block repeated along leading dims (a bias). IEEE +, -, *, / of
// two float32 values computed in double and stored into a Float32Array round exactly once, so these
// loops give the same bits as the general kernels.
import type { BinaryOp, StridedArray, UnaryOp } from "../backend.js";
import type { DType, TypedArray } from "../../tensor/dtype.js";
import { numel } from "../../tensor/shape.js";

/**
 * The length L such that element i (row-major) of the view sits at `offset + i % L`: n for a dense view,
 * 1 for a broadcast scalar, the trailing block's size for a block repeated along leading dims; -1 otherwise.
 */
function repeatPeriod(view: StridedArray): number {
  const { shape, strides } = view;
  let d = 0;
  while (d < shape.length && (strides[d] === 0 || shape[d] === 1)) d++;
  let expected = 1;
  for (let i = shape.length - 1; i >= d; i--) {
    if (shape[i] !== 1 && strides[i] !== expected) return -1;
    expected *= shape[i];
  }
  return expected;
}

const FAST_BINARY = new Set<BinaryOp>(["add", "sub", "mul", "div"]);

/** Writes a ⊙ b into `out` and returns true when a fast loop applies; false leaves the work to the caller. */
export function tryFastBinary(
  op: BinaryOp,
  a: StridedArray,
  b: StridedArray,
  dtype: DType,
  out: TypedArray,
): boolean {
  if (!FAST_BINARY.has(op) || !dtype.is_floating_point || a.dtype !== dtype || b.dtype !== dtype)
    return false;
  const n = numel(a.shape);
  const pa = repeatPeriod(a);
  const pb = repeatPeriod(b);
  if (pa <= 0 || pb <= 0 || n % pa !== 0 || n % pb !== 0) return false;
  const [ad, bd, ao, bo] = [a.data, b.data, a.offset, b.offset];
  if (pa === n && pb === n) {
    switch (op) {
      case "add":
        for (let i = 0; i < n; i++) out[i] = ad[ao + i] + bd[bo + i];
        break;
      case "sub":
        for (let i = 0; i < n; i++) out[i] = ad[ao + i] - bd[bo + i];
        break;
      case "mul":
        for (let i = 0; i < n; i++) out[i] = ad[ao + i] * bd[bo + i];
        break;
      case "div":
        for (let i = 0; i < n; i++) out[i] = ad[ao + i] / bd[bo + i];
        break;
    }
    return true;
  }
  if (pa === n) {
    // b repeats every pb elements (pb === 1: a scalar).
    for (let base = 0; base < n; base += pb) {
      switch (op) {
        case "add":
          for (let j = 0; j < pb; j++) out[base + j] = ad[ao + base + j] + bd[bo + j];
          break;
        case "sub":
          for (let j = 0; j < pb; j++) out[base + j] = ad[ao + base + j] - bd[bo + j];
          break;
        case "mul":
          for (let j = 0; j < pb; j++) out[base + j] = ad[ao + base + j] * bd[bo + j];
          break;
        case "div":
          for (let j = 0; j < pb; j++) out[base + j] = ad[ao + base + j] / bd[bo + j];
          break;
      }
    }
    return true;
  }
  if (pb === n) {
    for (let base = 0; base < n; base += pa) {
      switch (op) {
        case "add":
          for (let j = 0; j < pa; j++) out[base + j] = ad[ao + j] + bd[bo + base + j];
          break;
        case "sub":
          for (let j = 0; j < pa; j++) out[base + j] = ad[ao + j] - bd[bo + base + j];
          break;
        case "mul":
          for (let j = 0; j < pa; j++) out[base + j] = ad[ao + j] * bd[bo + base + j];
          break;
        case "div":
          for (let j = 0; j < pa; j++) out[base + j] = ad[ao + j] / bd[bo + base + j];
          break;
      }
    }
    return true;
  }
  return false;
}

/** Unary ops that are one JS operation rounded by the store (the same as their kernels in scalar_kernels.ts). */
export function tryFastUnary(op: UnaryOp, x: StridedArray, dtype: DType, out: TypedArray): boolean {
  if (!dtype.is_floating_point || x.dtype !== dtype || repeatPeriod(x) !== numel(x.shape)) return false;
  const n = out.length;
  const [xd, o] = [x.data, x.offset];
  switch (op) {
    case "neg":
      for (let i = 0; i < n; i++) out[i] = -xd[o + i];
      return true;
    case "abs":
      for (let i = 0; i < n; i++) out[i] = Math.abs(xd[o + i]);
      return true;
    case "relu":
      for (let i = 0; i < n; i++) {
        const v = xd[o + i];
        out[i] = v < 0 ? 0 : v; // -0.0 and NaN pass through, as PyTorch's clamp_min(x, 0)
      }
      return true;
    case "sqrt":
      for (let i = 0; i < n; i++) out[i] = Math.sqrt(xd[o + i]);
      return true;
    case "exp":
      if (dtype.itemsize === 4) return false; // float32 exp is SLEEF's (scalar_kernels.ts)
      for (let i = 0; i < n; i++) out[i] = Math.exp(xd[o + i]);
      return true;
    case "log":
      for (let i = 0; i < n; i++) out[i] = Math.log(xd[o + i]);
      return true;
    case "sin":
      for (let i = 0; i < n; i++) out[i] = Math.sin(xd[o + i]);
      return true;
    case "cos":
      for (let i = 0; i < n; i++) out[i] = Math.cos(xd[o + i]);
      return true;
    case "tanh":
      for (let i = 0; i < n; i++) out[i] = Math.tanh(xd[o + i]);
      return true;
    default:
      return false;
  }
}
