// The native backend's p = 2 vector norms: native/norm.c's twoNormRows on dense runs (a contiguous tensor
// reduced over trailing dims, as clip_grad_norm_ reduces each gradient), src/backend/js/norm_reduce.ts's
// twoNorms (the same arithmetic) on everything else.
import type { StridedArray } from "../backend.js";
import { twoNorms } from "../js/norm_reduce.js";
import { isDense } from "../js/strided.js";
import { allocate, float32, float64, type TypedArray } from "../../tensor/dtype.js";
import { numel } from "../../tensor/shape.js";
import type { RawAddon } from "./addon.js";

/** `cutover.reduce` (the native backend's CUTOVER): below that many elements the TypeScript loop runs. */
export function nativeTwoNorms(
  addon: RawAddon,
  cutover: { readonly reduce: number },
): (x: StridedArray, dims: readonly number[], outputs: number) => TypedArray {
  return (x, dims, outputs) => {
    const n = numel(x.shape);
    const trailing = dims.every((d) => d >= x.shape.length - dims.length);
    if (
      (x.dtype !== float32 && x.dtype !== float64) ||
      n < cutover.reduce ||
      !trailing ||
      !isDense(x) ||
      outputs === 0
    )
      return twoNorms(x, dims, outputs);
    const out = allocate(x.dtype, outputs);
    addon.twoNormRows(x.data as Float32Array, x.offset, outputs, n / outputs, out as Float32Array);
    return out;
  };
}
