// Max pooling with indices and its backward over a window geometry (src/backend/js/conv.ts), the loops of
// native/pool.c and of PyTorch's CPU kernel (MaxPoolKernel.cpp) for a contiguous input: each window starts at
// its first in-range position, the maximum starts at -inf with that position as its index, and an element
// replaces it when greater or NaN (the first maximum wins, and the last NaN). The backward adds each output's
// gradient at its index in output order.
import type { StridedArray } from "../backend.js";
import type { TypedArray } from "../../tensor/dtype.js";
import { windowCounts, type WindowGeometry } from "./conv.js";

export interface PoolKernels {
  /** Values [N, C, *out] (x's array type) and flat spatial indices (int64 as doubles) of a contiguous input. */
  maxPool(x: StridedArray, g: WindowGeometry): [values: TypedArray, indices: Float64Array];
  /** A fresh [N, C, *spatial] array with grad [N, C, *out] (contiguous) added at indices (contiguous). */
  maxPoolBackward(grad: StridedArray, indices: StridedArray, g: WindowGeometry): TypedArray;
}

/** The in-range positions [start, end) (every dilation-th) of output position o's window along dim d. */
function windowRange(g: WindowGeometry, d: number, o: number): [number, number] {
  let s = o * g.stride[d] - g.padBefore[d];
  const e = Math.min(s + (g.kernel[d] - 1) * g.dilation[d] + 1, g.sizes[d]);
  while (s < 0) s += g.dilation[d];
  return [s, e];
}

export const jsPoolKernels: PoolKernels = {
  maxPool(x, g) {
    const { l, s } = windowCounts(g);
    const planes = g.n * g.c;
    const values =
      x.data instanceof Float32Array ? new Float32Array(planes * l) : new Float64Array(planes * l);
    const indices = new Float64Array(planes * l);
    const [, H, W] = g.sizes;
    const src = x.data;
    const ranges = [0, 1, 2].map((d) =>
      Array.from({ length: g.outShape[d] }, (_, o) => windowRange(g, d, o)),
    );
    const [dd, dh, dw] = g.dilation;
    for (let p = 0; p < planes; p++) {
      const base = x.offset + p * s;
      let o = p * l;
      for (const [d0, d1] of ranges[0])
        for (const [h0, h1] of ranges[1])
          for (const [w0, w1] of ranges[2]) {
            let best = (d0 * H + h0) * W + w0;
            let max = -Infinity;
            for (let id = d0; id < d1; id += dd)
              for (let ih = h0; ih < h1; ih += dh)
                for (let iw = w0; iw < w1; iw += dw) {
                  const at = (id * H + ih) * W + iw;
                  const v = src[base + at];
                  if (v > max || Number.isNaN(v)) {
                    max = v;
                    best = at;
                  }
                }
            values[o] = max;
            indices[o++] = best;
          }
    }
    return [values, indices];
  },

  maxPoolBackward(grad, indices, g) {
    const { l, s } = windowCounts(g);
    const planes = g.n * g.c;
    const out =
      grad.data instanceof Float32Array ? new Float32Array(planes * s) : new Float64Array(planes * s);
    const gd = grad.data;
    const id = indices.data;
    for (let p = 0; p < planes; p++)
      for (let o = 0; o < l; o++) out[p * s + id[indices.offset + p * l + o]] += gd[grad.offset + p * l + o];
    return out;
  },
};
