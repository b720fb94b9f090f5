// PyTorch 1.13's vector norm kernels (aten/src/ATen/native/cpu/ReduceOpsKernel.cpp,
// norm_kernel_tensor_iterator_impl) for float / double, and the TensorIterator walk order they and the
// variance kernels share: p = 2 on its vectorized path or NormTwoOps, the other orders binary_kernel_reduce's
// one accumulator per output in memory order (NormZeroOps, NormOneOps, NormOps), in the element type.
import type { StridedArray } from "../backend.js";
import { allocate, float32, type TypedArray } from "../../tensor/dtype.js";
import { fma } from "./fma.js";
import { pow } from "./glibc_pow.js";
import { fmaf } from "./sleef.js";

/**
 * The dims of x as PyTorch's TensorIterator walks them: sizes-1 dropped, fastest (smallest stride)
 * first, neighbours that are one run in memory merged.
 */
export function memoryOrderDims(
  x: StridedArray,
  dims: readonly number[],
): { size: number; stride: number }[] {
  const ordered = dims
    .filter((d) => x.shape[d] !== 1)
    .map((d) => ({ size: x.shape[d], stride: x.strides[d] }))
    .sort((a, b) => a.stride - b.stride);
  const merged: { size: number; stride: number }[] = [];
  for (const d of ordered) {
    const last = merged[merged.length - 1];
    if (last !== undefined && last.stride * last.size === d.stride) last.size *= d.size;
    else merged.push({ ...d });
  }
  return merged;
}

/** Storage offsets of the elements over `walk` (fastest first), from `base`. */
export function offsetsOf(walk: readonly { size: number; stride: number }[], base: number): number[] {
  let offsets = [base];
  for (const { size, stride } of walk) {
    const next: number[] = [];
    for (let i = 0; i < size; i++) for (const o of offsets) next.push(o + i * stride);
    offsets = next;
  }
  return offsets;
}

/** Storage offsets where each output element's reduction starts, in row-major order of the kept dims. */
export function keptStarts(x: StridedArray, dims: readonly number[]): number[] {
  let starts = [x.offset];
  for (let d = 0; d < x.shape.length; d++) {
    if (dims.includes(d)) continue;
    const next: number[] = [];
    for (const s of starts) for (let i = 0; i < x.shape[d]; i++) next.push(s + i * x.strides[d]);
    starts = next;
  }
  return starts;
}

/**
 * PyTorch's norm_kernel_tensor_iterator_impl for p = 2 on float / double, accumulating in the element type
 * with fused multiply-adds (its AVX2 build contracts them): float32 over one unit-stride reduced dim takes
 * the vectorized path (8 lanes, summed into lane 0 in order, then the tail); everything else NormTwoOps,
 * one accumulator in memory order.
 */
export function twoNorms(x: StridedArray, dims: readonly number[], outputs: number): TypedArray {
  const single = x.dtype === float32;
  const round = single ? Math.fround : (v: number) => v;
  const fused = single ? fmaf : fma;
  const reduced = memoryOrderDims(x, dims);
  const n = reduced.reduce((count, d) => count * d.size, 1);
  const lastDim = single && reduced.length === 1 && reduced[0].stride === 1;
  // One reduced dim (after merging) walks by its stride; only a walk over several needs an offset table.
  const stride = reduced.length === 1 ? reduced[0].stride : 0;
  const reducedOffsets = lastDim || reduced.length <= 1 ? null : offsetsOf(reduced, 0);
  const lanes = 8;
  const out = allocate(x.dtype, outputs);
  keptStarts(x, dims).forEach((start, k) => {
    let total = 0;
    if (lastDim) {
      const acc = new Array<number>(lanes).fill(0);
      const vectorEnd = n - (n % lanes);
      for (let d = 0; d < vectorEnd; d += lanes) {
        for (let l = 0; l < lanes; l++) {
          const v = x.data[start + d + l];
          acc[l] = fused(v, v, acc[l]);
        }
      }
      total = acc[0];
      for (let l = 1; l < lanes; l++) total = round(total + acc[l]);
      // PyTorch 1.13's binary squares a tail of 4 or more 4 at a time (rounded products, added in order),
      // then fuses the rest (checked against its output for every tail length).
      const productsEnd = n - vectorEnd >= 4 ? vectorEnd + 4 : vectorEnd;
      for (let d = vectorEnd; d < n; d++) {
        const v = x.data[start + d];
        total = d < productsEnd ? round(total + round(v * v)) : fmaf(v, v, total);
      }
    } else {
      for (let i = 0; i < n; i++) {
        const v = x.data[start + (reducedOffsets === null ? i * stride : reducedOffsets[i])];
        total = fused(v, v, total);
      }
    }
    out[k] = round(Math.sqrt(total));
  });
  return out;
}

/**
 * NormZeroOps (p = 0: the count of nonzeros), NormOneOps (p = 1: the sum of magnitudes) and NormOps (any
 * other finite p: acc + pow(|x|, p), then pow(acc, 1 / p)) for every output: one accumulator in the element
 * type, added in memory order. std::pow on float is glibc's powf: pow in double, rounded once.
 */
export function pNorms(x: StridedArray, dims: readonly number[], outputs: number, p: number): TypedArray {
  const round = x.dtype === float32 ? Math.fround : (v: number) => v;
  const powT = (a: number, b: number) => round(pow(a, b));
  const reduced = memoryOrderDims(x, dims);
  const n = reduced.reduce((count, d) => count * d.size, 1);
  const stride = reduced.length === 1 ? reduced[0].stride : 0;
  const reducedOffsets = reduced.length <= 1 ? null : offsetsOf(reduced, 0);
  const out = allocate(x.dtype, outputs);
  const pT = round(p);
  const step =
    p === 0
      ? (acc: number, v: number) => (v === 0 ? acc : round(acc + 1))
      : p === 1
        ? (acc: number, v: number) => round(acc + Math.abs(v))
        : (acc: number, v: number) => round(acc + powT(Math.abs(v), pT));
  keptStarts(x, dims).forEach((start, k) => {
    let acc = 0;
    for (let i = 0; i < n; i++)
      acc = step(acc, x.data[start + (reducedOffsets === null ? i * stride : reducedOffsets[i])]);
    out[k] = p === 0 || p === 1 ? acc : powT(acc, round(1 / pT));
  });
  return out;
}
