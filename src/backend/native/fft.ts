// The native backend's FFT: native/fft.c runs the lines of a transform (in parallel when there are many) with
// the plan src/backend/js/fft.ts computes, repeating the TypeScript kernel's arithmetic, so both backends give
// the same bits (test/tensor/complex.test.ts checks it).
import { fftPlan } from "../js/fft.js";
import type { RawAddon } from "./addon.js";

/** fftAlong of src/backend/js/fft.ts, in C. */
export function nativeFftAlong(
  addon: RawAddon,
): (data: Float64Array, shape: readonly number[], dim: number, inverse: boolean) => void {
  return (data, shape, dim, inverse) => {
    const n = shape[dim];
    if (n <= 1) return;
    let inner = 1;
    for (let d = dim + 1; d < shape.length; d++) inner *= shape[d];
    let outer = 1;
    for (let d = 0; d < dim; d++) outer *= shape[d];
    if (outer * inner === 0) return;
    addon.fftLines(data, outer, n, inner, fftPlan(n, inverse).data);
  };
}
