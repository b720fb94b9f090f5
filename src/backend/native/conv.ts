// The native backend's window kernels (native/conv.c, native/pool.c): convolution forward and backward
// (float32 with one group: direct AVX2 / AVX-512 kernels in native/conv_direct.c, in their own summation order;
// otherwise im2col / col2im in C on chunks of the batch and OpenBLAS's GEMM, the loops of
// src/backend/js/conv.ts, BLAS's summation order aside) and max pooling with indices and its backward (the bits
// of src/backend/js/pool.ts), multi-threaded over images, rows, channels or planes. Float data only; anything
// else goes to TypeScript.
import type { StridedArray } from "../backend.js";
import { jsConvKernels, geometryArray, windowCounts, type ConvKernels } from "../js/conv.js";
import { jsPoolKernels, type PoolKernels } from "../js/pool.js";
import type { TypedArray } from "../../tensor/dtype.js";
import type { RawAddon } from "./addon.js";

type FloatArray = Float32Array | Float64Array;

const isFloat = (d: TypedArray): d is FloatArray => d instanceof Float32Array || d instanceof Float64Array;
const newLike = (d: FloatArray, n: number): FloatArray =>
  d instanceof Float32Array ? new Float32Array(n) : new Float64Array(n);

const EMPTY32 = new Float32Array(0);
const EMPTY64 = new Float64Array(0);

export function nativeConvKernels(addon: RawAddon): ConvKernels {
  return {
    convForward(x, weight, bias, g, groups): TypedArray {
      if (!isFloat(x.data) || !isFloat(weight.data) || (bias !== null && !isFloat(bias.data)))
        return jsConvKernels.convForward(x, weight, bias, g, groups);
      const cout = weight.shape[0];
      const { l } = windowCounts(g);
      const out = newLike(x.data, g.n * cout * l);
      const empty = x.data instanceof Float32Array ? EMPTY32 : EMPTY64;
      const b = bias === null ? empty : (bias.data as FloatArray).subarray(bias.offset, bias.offset + cout);
      addon.convForward(
        x.data,
        x.offset,
        weight.data,
        weight.offset,
        b,
        bias === null ? 0 : 1,
        geometryArray(g),
        groups,
        cout,
        out,
      );
      return out;
    },
    convBackward(grad, x, weight, g, groups, needInput, needWeight): [TypedArray | null, TypedArray | null] {
      if (!isFloat(grad.data) || !isFloat(x.data) || !isFloat(weight.data))
        return jsConvKernels.convBackward(grad, x, weight, g, groups, needInput, needWeight);
      const cout = weight.shape[0];
      const { k, s } = windowCounts(g);
      const empty = grad.data instanceof Float32Array ? EMPTY32 : EMPTY64;
      const gradInput = needInput ? newLike(grad.data, g.n * g.c * s) : empty;
      const gradWeight = needWeight ? newLike(grad.data, cout * (g.c / groups) * k) : empty;
      addon.convBackward(
        grad.data,
        grad.offset,
        x.data,
        x.offset,
        weight.data,
        weight.offset,
        geometryArray(g),
        groups,
        cout,
        gradInput,
        gradWeight,
      );
      return [needInput ? gradInput : null, needWeight ? gradWeight : null];
    },
  };
}

export function nativePoolKernels(addon: RawAddon): PoolKernels {
  return {
    maxPool(x: StridedArray, g): [TypedArray, Float64Array] {
      if (!isFloat(x.data)) return jsPoolKernels.maxPool(x, g);
      const { l } = windowCounts(g);
      const values = newLike(x.data, g.n * g.c * l);
      const indices = new Float64Array(g.n * g.c * l);
      addon.maxPool(x.data, x.offset, geometryArray(g), values, indices);
      return [values, indices];
    },
    maxPoolBackward(grad: StridedArray, indices: StridedArray, g): TypedArray {
      if (!isFloat(grad.data) || !(indices.data instanceof Float64Array))
        return jsPoolKernels.maxPoolBackward(grad, indices, g);
      const { s } = windowCounts(g);
      const out = newLike(grad.data, g.n * g.c * s);
      addon.maxPoolBackward(grad.data, grad.offset, indices.data, indices.offset, geometryArray(g), out);
      return out;
    },
  };
}
