// PyTorch's fused backward kernels (sigmoid_backward, threshold_backward, _softmax_backward_data,
// _log_softmax_backward_data) with their CPU float arithmetic. PyTorch builds its AVX2 kernels with FMA
// contraction, so `acc + x * y` and `x - e * s` are single fused steps there and here; the native backend's
// C kernels (native/kernels.c) repeat this operation order exactly.
import type { StridedArray } from "../backend.js";
import { allocate, type TypedArray } from "../../tensor/dtype.js";
import { numel } from "../../tensor/shape.js";
import { fma } from "./fma.js";
import { exp as glibcExp } from "./glibc_d.js";
import { erf as glibcErf } from "./glibc_erf.js";
import { erf as sleefErf, exp as sleefExp, tanh as sleefTanh } from "./sleef_dp.js";
import { tanhf as sleefTanhf } from "./sleef_sp.js";
import { tanhf as glibcTanhf } from "./glibc_tanhf.js";
import * as glibc from "./glibc_f.js";
import { geluDerivative } from "./onednn.js";
import { expf, fmaf } from "./sleef.js";
import { elementOffsets, isDense } from "./strided.js";

/** The view's values in row-major order: the array itself when dense, else a gathered copy. */
function denseValues(x: StridedArray): { data: TypedArray; offset: number } {
  if (isDense(x)) return { data: x.data, offset: x.offset };
  const offsets = elementOffsets(x);
  const values = allocate(x.dtype, offsets.length);
  for (let i = 0; i < offsets.length; i++) values[i] = x.data[offsets[i]];
  return { data: values, offset: 0 };
}

/** sigmoid_backward: grad * (1 - y) * y, each step rounded. */
export function sigmoidBackward(grad: StridedArray, output: StridedArray): TypedArray {
  const r = grad.dtype.cast;
  const n = numel(grad.shape);
  const g = denseValues(grad);
  const y = denseValues(output);
  const out = allocate(grad.dtype, n);
  for (let i = 0; i < n; i++) {
    const yi = y.data[y.offset + i];
    out[i] = r(r(g.data[g.offset + i] * r(1 - yi)) * yi);
  }
  return out;
}

/**
 * tanh_backward: grad * (1 - y * y). PyTorch's AVX2 kernel is compiled with FMA contraction, so 1 - y * y is one
 * fused step (exact y * y) in its vector and scalar loops alike.
 */
export function tanhBackward(grad: StridedArray, output: StridedArray): TypedArray {
  const isFloat = grad.dtype.itemsize === 4;
  const r = grad.dtype.cast;
  const n = numel(grad.shape);
  const g = denseValues(grad);
  const y = denseValues(output);
  const out = allocate(grad.dtype, n);
  for (let i = 0; i < n; i++) {
    const yi = y.data[y.offset + i];
    out[i] = r(g.data[g.offset + i] * (isFloat ? fmaf(-yi, yi, 1) : fma(-yi, yi, 1)));
  }
  return out;
}

const SQRT1_2_F = Math.fround(Math.SQRT1_2);
/** M_2_SQRTPI * M_SQRT1_2 * 0.5 rounded to float: GeluBackwardKernel's kBeta. */
const BETA_F = Math.fround(Math.fround((2 / Math.sqrt(Math.PI)) * Math.SQRT1_2 * 0.5));

/**
 * gelu_backward (approximate="none"). Float32 with a contiguous input of more than one element: oneDNN's
 * kernel (PyTorch 1.13 hands it to ideep), times grad. Otherwise GeluBackwardKernel's scalar loop,
 * dy * (cdf + x * pdf) without contraction (its vector loop, which only a transposed input reaches, is not
 * reproduced).
 */
export function geluBackward(grad: StridedArray, input: StridedArray): TypedArray {
  const n = numel(grad.shape);
  const g = denseValues(grad);
  const x = denseValues(input);
  const out = allocate(grad.dtype, n);
  const gAt = (i: number) => g.data[g.offset + i];
  const xAt = (i: number) => x.data[x.offset + i];
  if (grad.dtype.itemsize !== 4) {
    // cpu_kernel_vec: Sleef on whole 8-element blocks when both inputs are dense, glibc on the rest.
    const vectorEnd = isDense(grad) && isDense(input) ? n - (n % 8) : 0;
    for (let i = 0; i < vectorEnd; i++) out[i] = gelu64Backward(gAt(i), xAt(i), true);
    for (let i = vectorEnd; i < n; i++) out[i] = gelu64Backward(gAt(i), xAt(i), false);
    return out;
  }
  const f = Math.fround;
  if (isDense(input) && n > 1) {
    for (let i = 0; i < n; i++) out[i] = f(geluDerivative(xAt(i)) * gAt(i));
    return out;
  }
  for (let i = 0; i < n; i++) {
    const xi = xAt(i);
    const cdf = f(0.5 * f(1 + glibc.erff(f(xi * SQRT1_2_F))));
    const pdf = f(BETA_F * glibc.expf(f(f(xi * xi) * -0.5)));
    out[i] = f(gAt(i) * f(cdf + f(xi * pdf)));
  }
  return out;
}

/** M_2_SQRTPI * M_SQRT1_2 * 0.5: GeluBackwardKernel's kBeta in double. */
const BETA_D = 1.1283791670955126 * Math.SQRT1_2 * 0.5;

/**
 * GeluBackwardKernel in double: dy * (cdf + x * pdf). The vector path (Sleef) gets cdf + x * pdf contracted
 * into one fused step by the compiler, the scalar one (glibc) does not.
 */
function gelu64Backward(dy: number, x: number, vector: boolean): number {
  const cdf = 0.5 * (1 + (vector ? sleefErf : glibcErf)(x * Math.SQRT1_2));
  const pdf = BETA_D * (vector ? sleefExp : glibcExp)(x * x * -0.5);
  return dy * (vector ? fma(x, pdf, cdf) : cdf + x * pdf);
}

/** M_SQRT2 * M_2_SQRTPI * 0.5 and 0.044715: GeluBackwardKernelImpl's tanh constants in double. */
const TANH_BETA_D = Math.SQRT2 * 1.1283791670955126 * 0.5;
const TANH_KAPPA = 0.044715;

/**
 * gelu_backward (approximate="tanh"): GeluBackwardKernelImpl's tanh branch, dy * (0.5 * (1 + t) + 0.5 * x *
 * (1 - t * t) * kBeta * (1 + 3 * kKappa * x * x)) with t = tanh(kBeta * (x + kKappa * x^3)), constants in
 * scalar_t. PyTorch's AVX2 build contracts x + kKappa * x_cube, 1 - t * t and 1 + 3 * kKappa * x_sq into fused
 * steps in both loops (not the final sum); the vector loop (whole blocks of 2 * Vec::size() when both inputs
 * are dense) calls Sleef's tanh, the scalar loop std::tanh (glibc's tanhf; fdlibm's tanh, as Math.tanh).
 */
export function geluTanhBackward(grad: StridedArray, input: StridedArray): TypedArray {
  const f32 = grad.dtype.itemsize === 4;
  const r = grad.dtype.cast;
  const fused = f32 ? fmaf : fma;
  const beta = r(TANH_BETA_D);
  const kappa = r(TANH_KAPPA);
  const kappa3 = r(3 * kappa);
  const n = numel(grad.shape);
  const g = denseValues(grad);
  const x = denseValues(input);
  const out = allocate(grad.dtype, n);
  const block = f32 ? 16 : 8;
  const vectorEnd = isDense(grad) && isDense(input) ? n - (n % block) : 0;
  for (let i = 0; i < n; i++) {
    const xi = x.data[x.offset + i];
    const tanh = i < vectorEnd ? (f32 ? sleefTanhf : sleefTanh) : f32 ? glibcTanhf : Math.tanh;
    const xSq = r(xi * xi);
    const t = tanh(r(beta * fused(kappa, r(xSq * xi), xi)));
    const leftDerivative = r(0.5 * r(1 + t));
    const tanhDerivative = fused(-t, t, 1);
    const innerDerivative = r(beta * fused(kappa3, xSq, 1));
    const rightDerivative = r(r(r(0.5 * xi) * tanhDerivative) * innerDerivative);
    out[i] = r(g.data[g.offset + i] * r(leftDerivative + rightDerivative));
  }
  return out;
}

/** threshold_backward: 0 where input <= threshold, else grad (NaN inputs pass the gradient). */
export function thresholdBackward(grad: StridedArray, input: StridedArray, threshold: number): TypedArray {
  const n = numel(grad.shape);
  const g = denseValues(grad);
  const x = denseValues(input);
  const out = allocate(grad.dtype, n);
  for (let i = 0; i < n; i++) out[i] = x.data[x.offset + i] <= threshold ? 0 : g.data[g.offset + i];
  return out;
}

/** vec_reduce_all of a full AVX2 vector: halves, then pairs, then neighbours (floats); in lane order (doubles). */
function foldLanes(acc: Float64Array, add: (a: number, b: number) => number): number {
  if (acc.length === 8) {
    const a0 = add(acc[0], acc[4]);
    const a1 = add(acc[1], acc[5]);
    const a2 = add(acc[2], acc[6]);
    const a3 = add(acc[3], acc[7]);
    return add(add(a0, a2), add(a1, a3));
  }
  // Vectorized<double>: the generic vec_reduce_all folds lanes in order (AVX2's shuffle fold is float's only).
  return add(add(add(acc[0], acc[1]), acc[2]), acc[3]);
}

/**
 * vec::reduce_all (log) or vec::map2_reduce_all with x * y (softmax) of one row: lane-wise accumulation with
 * a partial tail vector touching only its lanes; rows shorter than a vector are summed in order.
 */
function rowSum(
  g: TypedArray,
  y: TypedArray,
  base: number,
  size: number,
  width: number,
  product: boolean,
  fma: (a: number, b: number, c: number) => number,
  add: (a: number, b: number) => number,
  mul: (a: number, b: number) => number,
): number {
  const term = (i: number) => (product ? mul(g[base + i], y[base + i]) : g[base + i]);
  const step = (acc: number, i: number) =>
    product ? fma(g[base + i], y[base + i], acc) : add(acc, g[base + i]);
  if (size < width) {
    let acc = term(0);
    for (let i = 1; i < size; i++) acc = add(acc, term(i));
    return acc;
  }
  const lanes = new Float64Array(width);
  for (let l = 0; l < width; l++) lanes[l] = term(l);
  let d = width;
  for (; d < size - (size % width); d += width)
    for (let l = 0; l < width; l++) lanes[l] = step(lanes[l], d + l);
  for (let l = 0; d + l < size; l++) lanes[l] = step(lanes[l], d + l);
  return foldLanes(lanes, add);
}

/**
 * _softmax_backward_data ((grad - sum(grad * out)) * out) or _log_softmax_backward_data
 * (grad - exp(out) * sum(grad)) along `dim`, as PyTorch's vectorized CPU kernels compute them.
 */
export function softmaxBackward(
  grad: StridedArray,
  output: StridedArray,
  dim: number,
  log: boolean,
): TypedArray {
  const dtype = output.dtype;
  const r = dtype.cast;
  const isFloat = dtype.itemsize === 4;
  const shape = grad.shape.length === 0 ? [1] : grad.shape;
  const n = numel(shape);
  const { data: g, offset: gOff } = denseValues(grad);
  const { data: y, offset: yOff } = denseValues(output);
  const out = allocate(dtype, n);
  if (n === 0) return out;
  const dimSize = shape[dim];
  const inner = numel(shape.slice(dim + 1));
  const outer = n / (dimSize * inner);
  const add = (a: number, b: number) => r(a + b);
  const mul = (a: number, b: number) => r(a * b);
  const fused = isFloat ? fmaf : fma;
  // Vectorized<T>::exp is SLEEF's (expf8 / expd4); a scalar tail calls glibc's.
  const exp = isFloat ? expf : sleefExp;
  const tailExp = isFloat ? glibc.expf : glibcExp;
  const gAt = (i: number) => g[gOff + i];
  const yAt = (i: number) => y[yOff + i];
  // PyTorch takes the last-dim kernel for the last dim only; another dim with trailing size-1 dims (inner 1)
  // runs the other-dims kernel, whose single inner position is its scalar tail.
  if (dim === shape.length - 1) {
    const gRow = gOff === 0 ? g : g.subarray(gOff, gOff + n);
    const yRow = yOff === 0 ? y : y.subarray(yOff, yOff + n);
    for (let o = 0; o < outer; o++) {
      const base = o * dimSize;
      const sum = rowSum(gRow, yRow, base, dimSize, isFloat ? 8 : 4, !log, fused, add, mul);
      for (let i = base; i < base + dimSize; i++) {
        out[i] = log ? fused(-exp(yAt(i)), sum, gAt(i)) : r(r(gAt(i) - sum) * yAt(i));
      }
    }
    return out;
  }
  // Other dims: a running sum per inner position, walking the reduced dim in order. Inner positions past the
  // last full vector are PyTorch's scalar tail, whose exp is glibc's.
  const vectorEnd = isFloat ? inner - (inner % 8) : inner - (inner % 4);
  const sums = new Float64Array(inner);
  for (let o = 0; o < outer; o++) {
    const base = o * dimSize * inner;
    sums.fill(0);
    for (let d = 0; d < dimSize; d++) {
      for (let j = 0; j < inner; j++) {
        const i = base + d * inner + j;
        sums[j] = log ? add(sums[j], gAt(i)) : fused(gAt(i), yAt(i), sums[j]);
      }
    }
    for (let d = 0; d < dimSize; d++) {
      for (let j = 0; j < inner; j++) {
        const i = base + d * inner + j;
        if (!log) out[i] = r(yAt(i) * r(gAt(i) - sums[j]));
        else out[i] = fused(-(j < vectorEnd ? exp(yAt(i)) : tailExp(yAt(i))), sums[j], gAt(i));
      }
    }
  }
  return out;
}
