// linalg.cross's kernel (PyTorch 1.13's aten/src/ATen/native/cpu/CrossKernel.cpp) on contiguous [n, 3] operands.
// PyTorch's build compiles that kernel with FMA enabled, so each component a[i] * b[j] - a[j] * b[i] is one fused
// multiply-add of the first product with the rounded second one; integers compute exactly and wrap.
import type { TypedArray } from "../../tensor/dtype.js";
import { fma } from "./fma.js";

const word = new Float64Array(1);
const bits = new BigInt64Array(word.buffer);

/** fmaf(a, b, c) for floats: the exact a * b + c rounded once to float (round-to-odd in double, then to float). */
export function fmaf(a: number, b: number, c: number): number {
  const p = a * b; // exact: two 24-bit significands
  const s = p + c;
  const bb = s - p;
  const e = p - (s - bb) + (c - bb);
  if (e === 0 || !Number.isFinite(s)) return Math.fround(s);
  word[0] = s;
  if ((bits[0] & 1n) === 0n) bits[0] += e > 0 === s > 0 ? 1n : -1n;
  return Math.fround(word[0]);
}

export type CrossArithmetic = "float32" | "float64" | "integer";

/** out[k] = a[k] x b[k] for each of the n rows of 3; `wrap` casts integer results to their dtype. */
export function crossRows(
  a: TypedArray,
  b: TypedArray,
  out: TypedArray,
  n: number,
  arithmetic: CrossArithmetic,
  wrap: (x: number) => number,
): void {
  const component =
    arithmetic === "float32"
      ? (a1: number, b2: number, a2: number, b1: number) => fmaf(a1, b2, -Math.fround(a2 * b1))
      : arithmetic === "float64"
        ? (a1: number, b2: number, a2: number, b1: number) => fma(a1, b2, -(a2 * b1))
        : (a1: number, b2: number, a2: number, b1: number) => wrap(a1 * b2 - a2 * b1);
  for (let k = 0; k < n; k++) {
    const o = 3 * k;
    const [a0, a1, a2] = [a[o], a[o + 1], a[o + 2]];
    const [b0, b1, b2] = [b[o], b[o + 1], b[o + 2]];
    out[o] = component(a1, b2, a2, b1);
    out[o + 1] = component(a2, b0, a0, b2);
    out[o + 2] = component(a0, b1, a1, b0);
  }
}
