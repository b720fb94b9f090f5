// Convolution's im2col and col2im without index tensors (native/conv.c has the same loops; its float32
// one-group convolutions run native/conv_direct.c's kernels instead, in another summation order): a contiguous
// [N, C, *spatial] input to columns of window elements and back, padding, stride and dilation handled in the
// copy loops. 1-D and 2-D windows run as 3-D ones with leading extents of 1 (windowGeometry). The columns are
// [C*K, N*L]: one GEMM per group over the whole batch.
import type { StridedArray } from "../backend.js";
import type { TypedArray } from "../../tensor/dtype.js";
import { matmul } from "./matmul.js";

/** A sliding window over [N, C, D, H, W]: every per-dim list has three entries. */
export interface WindowGeometry {
  readonly n: number;
  readonly c: number;
  readonly sizes: readonly number[];
  readonly kernel: readonly number[];
  readonly stride: readonly number[];
  readonly padBefore: readonly number[];
  readonly dilation: readonly number[];
  readonly outShape: readonly number[];
}

export interface ConvKernels {
  /**
   * A whole convolution: x [N, C, *spatial] with weight [Cout, C/groups, *kernel] (+ bias [Cout]) into a fresh
   * [N, Cout, *out] array; every operand contiguous from its offset, of one float dtype.
   */
  convForward(
    x: StridedArray,
    weight: StridedArray,
    bias: StridedArray | null,
    g: WindowGeometry,
    groups: number,
  ): TypedArray;
  /**
   * convolution_backward from grad [N, Cout, *out]: [gradInput, gradWeight], each only when asked for; x is
   * read for gradWeight only. gradInput alone is a transposed convolution of grad (nn_conv_transpose.ts).
   */
  convBackward(
    grad: StridedArray,
    x: StridedArray,
    weight: StridedArray,
    g: WindowGeometry,
    groups: number,
    needInput: boolean,
    needWeight: boolean,
  ): [TypedArray | null, TypedArray | null];
}

/** A geometry over 1 to 3 spatial dims, padded in front to three (size 1, kernel 1, stride 1, no padding). */
export function windowGeometry(
  n: number,
  c: number,
  sizes: readonly number[],
  kernel: readonly number[],
  stride: readonly number[],
  padBefore: readonly number[],
  dilation: readonly number[],
  outShape: readonly number[],
): WindowGeometry {
  const lead = 3 - sizes.length;
  const pad3 = (v: readonly number[], fill: number) => [...Array<number>(lead).fill(fill), ...v];
  return {
    n,
    c,
    sizes: pad3(sizes, 1),
    kernel: pad3(kernel, 1),
    stride: pad3(stride, 1),
    padBefore: pad3(padBefore, 0),
    dilation: pad3(dilation, 1),
    outShape: pad3(outShape, 1),
  };
}

/** The 20 numbers native/conv.h's WindowGeometry is read from. */
export function geometryArray(g: WindowGeometry): Float64Array {
  return Float64Array.from([
    g.n,
    g.c,
    ...g.sizes,
    ...g.kernel,
    ...g.stride,
    ...g.padBefore,
    ...g.dilation,
    ...g.outShape,
  ]);
}

const product = (v: readonly number[]) => v[0] * v[1] * v[2];

/** Counts of a geometry: K (kernel elements), L (output positions), S (input positions). */
export function windowCounts(g: WindowGeometry): { k: number; l: number; s: number } {
  return { k: product(g.kernel), l: product(g.outShape), s: product(g.sizes) };
}

const newLike = (data: TypedArray, n: number): Float32Array | Float64Array =>
  data instanceof Float32Array ? new Float32Array(n) : new Float64Array(n);

/** Where row r (c*K + k) of batch n starts in the columns. */
function rowStart(g: WindowGeometry, r: number, n: number, l: number): number {
  return (r * g.n + n) * l;
}

/**
 * The loops of native/conv.c's im2col_rows and col2im_channels: `visit` gets each (column element, input
 * element) pair of a window position inside the input; padding positions are skipped (the columns start at 0).
 */
function walkColumns(g: WindowGeometry, visit: (colAt: number, inAt: number) => void): void {
  const { k: kc, l: lc, s: sc } = windowCounts(g);
  const [D, H, W] = g.sizes;
  const [, oH, oW] = g.outShape;
  for (let c = 0; c < g.c; c++) {
    for (let k = 0; k < kc; k++) {
      const kd = Math.floor(k / (g.kernel[1] * g.kernel[2]));
      const kh = Math.floor(k / g.kernel[2]) % g.kernel[1];
      const kw = k % g.kernel[2];
      for (let n = 0; n < g.n; n++) {
        let dst = rowStart(g, c * kc + k, n, lc);
        const src = (n * g.c + c) * sc;
        for (let od = 0; od < g.outShape[0]; od++) {
          const id = od * g.stride[0] - g.padBefore[0] + kd * g.dilation[0];
          for (let oh = 0; oh < oH; oh++, dst += oW) {
            const ih = oh * g.stride[1] - g.padBefore[1] + kh * g.dilation[1];
            if (id < 0 || id >= D || ih < 0 || ih >= H) continue;
            const line = src + (id * H + ih) * W;
            const off = kw * g.dilation[2] - g.padBefore[2];
            for (let ow = 0; ow < oW; ow++) {
              const iw = ow * g.stride[2] + off;
              if (iw >= 0 && iw < W) visit(dst + ow, line + iw);
            }
          }
        }
      }
    }
  }
}

/** A contiguous [b, m, k] view of `data` from `offset` (or, transposed, of a [b, k, m] one). */
function batchView(
  like: StridedArray,
  data: TypedArray,
  offset: number,
  b: number,
  m: number,
  k: number,
  t = false,
): StridedArray {
  const strides = t ? [m * k, 1, m] : [m * k, k, 1];
  return { data, shape: [b, m, k], strides, offset, dtype: like.dtype };
}

/** grad [N, Cout, L] as rows [Cout, N*L] (native/conv.c's gather_grad over the whole batch). */
function gradRows(grad: StridedArray, n: number, cout: number, l: number): TypedArray {
  const rows = newLike(grad.data, cout * n * l);
  const src = grad.data;
  for (let img = 0; img < n; img++)
    for (let co = 0; co < cout; co++) {
      const from = grad.offset + (img * cout + co) * l;
      const to = (co * n + img) * l;
      for (let i = 0; i < l; i++) rows[to + i] = src[from + i];
    }
  return rows;
}

/** im2col of an input contiguous from its offset, shape [N, C, *spatial]; zeros on padding. */
function im2col(x: StridedArray, g: WindowGeometry): TypedArray {
  const { k, l } = windowCounts(g);
  const out = newLike(x.data, g.n * g.c * k * l);
  const src = x.data;
  const o = x.offset;
  walkColumns(g, (colAt, inAt) => {
    out[colAt] = src[o + inAt];
  });
  return out;
}

/** col2im: columns contiguous from their offset summed onto a fresh [N, C, *spatial] array. */
function col2im(cols: StridedArray, g: WindowGeometry): TypedArray {
  const { s } = windowCounts(g);
  const out = newLike(cols.data, g.n * g.c * s);
  const src = cols.data;
  const o = cols.offset;
  // Channel by channel, then kernel offset, batch and output position: native/conv.c's summation order.
  walkColumns(g, (colAt, inAt) => {
    out[inAt] += src[o + colAt];
  });
  return out;
}

export const jsConvKernels: ConvKernels = {
  convForward(x, weight, bias, g, groups) {
    const { k, l } = windowCounts(g);
    const cout = weight.shape[0];
    const perGroup = (g.c / groups) * k;
    const cols = im2col(x, g);
    const y = matmul(
      batchView(weight, weight.data, weight.offset, groups, cout / groups, perGroup),
      batchView(x, cols, 0, groups, perGroup, g.n * l),
      x.dtype,
    );
    // y is [Cout, N, L]: laid out as [N, Cout, L] with the bias added (native/conv.c's scatter_out).
    const out = newLike(x.data, g.n * cout * l);
    for (let img = 0; img < g.n; img++)
      for (let co = 0; co < cout; co++) {
        const from = (co * g.n + img) * l;
        const to = (img * cout + co) * l;
        if (bias === null) for (let i = 0; i < l; i++) out[to + i] = y[from + i];
        else {
          const b = bias.data[bias.offset + co];
          for (let i = 0; i < l; i++) out[to + i] = y[from + i] + b;
        }
      }
    return out;
  },

  convBackward(grad, x, weight, g, groups, needInput, needWeight) {
    const { k, l } = windowCounts(g);
    const cout = weight.shape[0];
    const perGroup = (g.c / groups) * k;
    const nl = g.n * l;
    const rows = gradRows(grad, g.n, cout, l);
    let gradWeight: TypedArray | null = null;
    if (needWeight) {
      const cols = im2col(x, g);
      gradWeight = matmul(
        batchView(grad, rows, 0, groups, cout / groups, nl),
        batchView(x, cols, 0, groups, nl, perGroup, true),
        grad.dtype,
      );
    }
    let gradInput: TypedArray | null = null;
    if (needInput) {
      const gradCols = matmul(
        batchView(weight, weight.data, weight.offset, groups, perGroup, cout / groups, true),
        batchView(grad, rows, 0, groups, cout / groups, nl),
        grad.dtype,
      );
      gradInput = col2im(batchView(grad, gradCols, 0, 1, 1, gradCols.length), g);
    }
    return [gradInput, gradWeight];
  },
};
