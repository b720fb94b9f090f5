// Ports of PyTorch 1.13's CPU upsampling kernels: the forward of every mode (aten/src/ATen/native/cpu/
// UpSampleKernel.cpp's upsample_generic_Nd_kernel_impl: per dim, a list of taps (input index, weight) from
// UpSample.h's nearest_idx / nearest_exact_idx / compute_source_index_and_lambda / cubic coefficients, then
// each output the weighted sum over the taps, outer dim first), and the backward kernels
// (cpu_upsample_nearest_backward, cpu_upsample_linear_backward, UpSampleBicubic2d.cpp's
// upsample_bicubic2d_backward_out_frame), each in PyTorch's order of accumulation. The cpu/ kernels are
// compiled with -mfma, and GCC contracts a product that feeds an add into one fused multiply-add (`fused`);
// UpSampleBicubic2d.cpp is compiled for the baseline CPU, without fused steps. Operands are dense
// [planes, ...spatial] arrays.
import type { DType, TypedArray } from "../../tensor/dtype.js";
import { allocate } from "../../tensor/dtype.js";
import { fma } from "./fma.js";
import { fmaf } from "./sleef.js";

/** The interpolation: nearest (the legacy index), nearest-exact, (bi/tri)linear, bicubic. */
export type UpsampleKind = "nearest" | "nearest-exact" | "linear" | "cubic";

export interface UpsampleGeometry {
  readonly kind: UpsampleKind;
  /** N * C. */
  readonly planes: number;
  /** N (the channels-last kernel's outer loop). */
  readonly batch?: number;
  readonly inSize: readonly number[];
  readonly outSize: readonly number[];
  /** Each dim's scale factor as given to the op (null: derived from the sizes). */
  readonly scales: readonly (number | null)[];
  readonly alignCorners: boolean;
  /**
   * The input is channels-last contiguous (as every [N, 1, ...] input is): (bi/tri)linear then runs
   * cpu_upsample_linear_channels_last, whose sums differ.
   */
  readonly channelsLast?: boolean;
}

interface Arith {
  r: (v: number) => number;
  fused: (a: number, b: number, c: number) => number;
}

const arith = (dtype: DType): Arith => ({ r: dtype.cast, fused: dtype.itemsize === 4 ? fmaf : fma });
const unfused = (r: Arith["r"]): Arith => ({ r, fused: (x, y, z) => r(r(x * y) + z) });
const f32 = Math.fround;

/** compute_scales_value<scalar_t>: 1 / scale when one was given, else input_size / output_size. */
function scalesValue(r: Arith["r"], scale: number | null, inSize: number, outSize: number): number {
  return scale !== null && scale > 0 ? r(1 / scale) : r(r(inSize) / outSize);
}

/** area_pixel_compute_scale<scalar_t>. */
function areaScale(r: Arith["r"], inSize: number, outSize: number, align: boolean, scale: number | null) {
  if (align) return outSize > 1 ? r(r(inSize - 1) / (outSize - 1)) : 0;
  return scalesValue(r, scale, inSize, outSize);
}

/** nearest_idx (nearest) and nearest_exact_idx (nearest-exact), whose scale is a float for every dtype. */
function nearestIndex(exact: boolean, o: number, inSize: number, outSize: number, scale: number | null) {
  if (!exact) {
    if (outSize === inSize) return o;
    if (outSize === 2 * inSize) return o >> 1;
  }
  const s = scalesValue(f32, scale, inSize, outSize);
  // nearest: floorf(dst_index * scale) in float; nearest-exact: floorf((dst_index + 0.5) * scale), a double
  // product rounded to float by floorf's argument.
  return Math.min(Math.floor(f32(exact ? (o + 0.5) * s : o * s)), inSize - 1);
}

/** One dim's taps: for output index o, input index idx[j][o] with weight w[j][o]. */
interface Taps {
  count: number;
  idx: Int32Array[];
  w: Float64Array[];
}

/** compute_source_index_and_lambda: the two linear taps (the source index in double, acc_type on CPU). */
function linearTap(
  a: Arith,
  ratio: number,
  o: number,
  inSize: number,
  outSize: number,
  align: boolean,
): [number, number, number, number] {
  if (outSize === inSize) return [o, o, 1, 0];
  let real = align ? ratio * o : fma(ratio, o + 0.5, -0.5);
  if (!align && real < 0) real = 0;
  const i0 = Math.trunc(real);
  const l1 = a.r(real - i0);
  return [i0, i0 + (i0 < inSize - 1 ? 1 : 0), a.r(1 - l1), l1];
}

// The cubic convolutions as GCC compiles them (checked bit for bit against PyTorch): the first product of
// each polynomial and cubic_convolution2's second are fused, the last steps are not.

/** cubic_convolution1: ((A + 2) * x - (A + 3)) * x * x + 1, A = -0.75. */
function cubic1(a: Arith, x: number): number {
  const u = a.fused(1.25, x, -2.25);
  return a.r(a.r(a.r(u * x) * x) + 1);
}

/** cubic_convolution2: ((A * x - 5 * A) * x + 8 * A) * x - 4 * A. */
function cubic2(a: Arith, x: number): number {
  const v = a.fused(a.fused(-0.75, x, 3.75), x, -6);
  return a.r(a.r(v * x) + 3);
}

/** get_cubic_upsample_coefficients(t). */
function cubicCoefficients(a: Arith, t: number): number[] {
  const x2 = a.r(1 - t);
  return [cubic2(a, a.r(t + 1)), cubic1(a, t), cubic1(a, x2), cubic2(a, a.r(x2 + 1))];
}

/** The HelperInterp* classes' compute_indices_weights for one dim. */
function dimTaps(a: Arith, g: UpsampleGeometry, d: number): Taps {
  const [inSize, outSize, scale] = [g.inSize[d], g.outSize[d], g.scales[d]];
  const count = g.kind === "linear" ? 2 : g.kind === "cubic" ? 4 : 1;
  const idx = Array.from({ length: count }, () => new Int32Array(outSize));
  const w = Array.from({ length: count }, () => new Float64Array(outSize));
  if (count === 1) {
    for (let o = 0; o < outSize; o++)
      idx[0][o] = nearestIndex(g.kind === "nearest-exact", o, inSize, outSize, scale);
    return { count, idx, w };
  }
  const ratio = areaScale(a.r, inSize, outSize, g.alignCorners, scale);
  for (let o = 0; o < outSize; o++) {
    if (count === 2) {
      const [i0, i1, l0, l1] = linearTap(a, ratio, o, inSize, outSize, g.alignCorners);
      [idx[0][o], idx[1][o], w[0][o], w[1][o]] = [i0, i1, l0, l1];
      continue;
    }
    // area_pixel_compute_source_index(cubic=true), unbounded, in double (acc_type), floored by floorf.
    const real = g.alignCorners ? ratio * o : fma(ratio, o + 0.5, -0.5);
    const i = Math.floor(f32(real));
    const coeffs = cubicCoefficients(a, a.r(real - i));
    for (let j = 0; j < 4; j++) {
      idx[j][o] = Math.max(Math.min(i - 1 + j, inSize - 1), 0);
      w[j][o] = coeffs[j];
    }
  }
  return { count, idx, w };
}

const product = (s: readonly number[]) => s.reduce((p, v) => p * v, 1);

/** The upsampled planes: [planes, ...outSize] from dense [planes, ...inSize] at `offset`. */
export function upsampleForward(
  x: TypedArray,
  offset: number,
  g: UpsampleGeometry,
  dtype: DType,
): TypedArray {
  const a = arith(dtype);
  const { r, fused } = a;
  const nd = g.inSize.length;
  const taps = g.inSize.map((_, d) => dimTaps(a, g, d));
  const inStrides = g.inSize.map((_, d) => product(g.inSize.slice(d + 1)));
  const [inPlane, outPlane] = [product(g.inSize), product(g.outSize)];
  const out = allocate(dtype, g.planes * outPlane);
  const o = new Array<number>(nd).fill(0);
  // Interpolate<n>, outer dim first: t0 * w0 + t1 * w1 (+ t2 * w2 + t3 * w3), the first product fused with
  // the second's result and each further product fused in turn (nearest: the one tap's value).
  const evalDim = (d: number, base: number): number => {
    const t = taps[d];
    const od = o[d];
    const term = (j: number) =>
      d === nd - 1 ? x[base + t.idx[j][od]] : evalDim(d + 1, base + t.idx[j][od] * inStrides[d]);
    if (t.count === 1) return term(0);
    let acc = fused(term(0), t.w[0][od], r(term(1) * t.w[1][od]));
    for (let j = 2; j < t.count; j++) acc = fused(term(j), t.w[j][od], acc);
    return acc;
  };
  if (g.kind === "linear" && nd > 1 && g.channelsLast) return linearChannelsLast(x, offset, g, dtype, taps);
  let k = 0;
  for (let p = 0; p < g.planes; p++) {
    o.fill(0);
    for (let e = 0; e < outPlane; e++) {
      out[k++] = evalDim(0, offset + p * inPlane);
      for (let d = nd - 1; d >= 0; d--) {
        if (++o[d] < g.outSize[d]) break;
        o[d] = 0;
      }
    }
  }
  return out;
}

/**
 * The gradient of the input from dense [planes, ...outSize] `grad`: each output's gradient added at its taps,
 * outputs in order. Linear: `gi += l_d * l_h * l_w * grad` (fused), taps outer dim first; bicubic:
 * UpSampleBicubic2d.cpp's `grad * y_coeff * x_coeff` over x taps then y taps, unfused.
 */
export function upsampleBackward(
  grad: TypedArray,
  offset: number,
  g: UpsampleGeometry,
  dtype: DType,
): TypedArray {
  const a = arith(dtype);
  const { r, fused } = a;
  const nd = g.inSize.length;
  const [inPlane, outPlane] = [product(g.inSize), product(g.outSize)];
  const gi = allocate(dtype, g.planes * inPlane);
  if (g.kind === "cubic") return bicubicBackward(grad, offset, g, dtype, gi);
  const taps = g.inSize.map((_, d) => dimTaps(a, g, d));
  const inStrides = g.inSize.map((_, d) => product(g.inSize.slice(d + 1)));
  const count = taps[0].count;
  const combos = count ** nd;
  const o = new Array<number>(nd).fill(0);
  for (let p = 0; p < g.planes; p++) {
    const base = p * inPlane;
    o.fill(0);
    for (let e = 0; e < outPlane; e++) {
      const gv = grad[offset + p * outPlane + e];
      if (count === 1) {
        let pos = base;
        for (let d = 0; d < nd; d++) pos += taps[d].idx[0][o[d]] * inStrides[d];
        gi[pos] = r(gi[pos] + gv);
      } else {
        for (let c = 0; c < combos; c++) {
          let pos = base;
          let w = 1;
          for (let d = 0; d < nd; d++) {
            const j = (c >> (nd - 1 - d)) & 1;
            pos += taps[d].idx[j][o[d]] * inStrides[d];
            w = d === 0 ? taps[d].w[j][o[d]] : r(w * taps[d].w[j][o[d]]);
          }
          gi[pos] = fused(w, gv, gi[pos]);
        }
      }
      for (let d = nd - 1; d >= 0; d--) {
        if (++o[d] < g.outSize[d]) break;
        o[d] = 0;
      }
    }
  }
  return gi;
}

/** upsample_bicubic2d_backward_out_frame, compiled without fused steps. */
function bicubicBackward(
  grad: TypedArray,
  offset: number,
  g: UpsampleGeometry,
  dtype: DType,
  gi: TypedArray,
): TypedArray {
  const r = dtype.cast;
  const a = unfused(r);
  const [ih, iw] = g.inSize;
  const [oh, ow] = g.outSize;
  const hScale = areaScale(r, ih, oh, g.alignCorners, g.scales[0]);
  const wScale = areaScale(r, iw, ow, g.alignCorners, g.scales[1]);
  const source = (scale: number, o: number) =>
    g.alignCorners ? r(scale * o) : r(r(scale * r(o + 0.5)) - 0.5);
  for (let y = 0; y < oh; y++) {
    const realY = source(hScale, y);
    const inY = Math.floor(realY);
    const yc = cubicCoefficients(a, r(realY - inY));
    for (let x = 0; x < ow; x++) {
      const realX = source(wScale, x);
      const inX = Math.floor(realX);
      const xc = cubicCoefficients(a, r(realX - inX));
      for (let p = 0; p < g.planes; p++) {
        const gv = grad[offset + p * oh * ow + y * ow + x];
        for (let i = 0; i < 4; i++) {
          const cx = Math.max(Math.min(inX - 1 + i, iw - 1), 0);
          for (let j = 0; j < 4; j++) {
            const cy = Math.max(Math.min(inY - 1 + j, ih - 1), 0);
            const pos = p * ih * iw + cy * iw + cx;
            gi[pos] = r(gi[pos] + r(r(gv * yc[j]) * xc[i]));
          }
        }
      }
    }
  }
  return gi;
}

/**
 * cpu_upsample_linear_channels_last: per output pixel, the corner weights w = l_d * l_h * l_w in the dtype,
 * then for each channel x0 * w0 + x1 * w1 + ... left to right in the accumulate type (double), the first
 * product fused with the second and each further one fused in turn, rounded to the dtype once at the end
 * (checked bit for bit against PyTorch on [N, 1, ...] inputs).
 */
function linearChannelsLast(
  x: TypedArray,
  offset: number,
  g: UpsampleGeometry,
  dtype: DType,
  taps: Taps[],
): TypedArray {
  const { r } = arith(dtype);
  const nd = g.inSize.length;
  const [inPlane, outPlane] = [product(g.inSize), product(g.outSize)];
  const channels = g.planes / (g.batch ?? 1);
  const batch = g.batch ?? 1;
  const inStrides = g.inSize.map((_, d) => product(g.inSize.slice(d + 1)));
  const corners = 2 ** nd;
  const out = allocate(dtype, g.planes * outPlane);
  const o = new Array<number>(nd).fill(0);
  const pos = new Array<number>(corners);
  const w = new Array<number>(corners);
  for (let n = 0; n < batch; n++) {
    o.fill(0);
    for (let e = 0; e < outPlane; e++) {
      for (let c = 0; c < corners; c++) {
        let p = 0;
        let wc = 1;
        for (let d = 0; d < nd; d++) {
          const j = (c >> (nd - 1 - d)) & 1;
          p += taps[d].idx[j][o[d]] * inStrides[d];
          wc = d === 0 ? taps[d].w[j][o[d]] : r(wc * taps[d].w[j][o[d]]);
        }
        [pos[c], w[c]] = [p, wc];
      }
      for (let ch = 0; ch < channels; ch++) {
        const base = offset + (n * channels + ch) * inPlane;
        // Float products are exact in double: the fused steps are then plain double arithmetic.
        let acc = fma(x[base + pos[0]], w[0], x[base + pos[1]] * w[1]);
        for (let c = 2; c < corners; c++) acc = fma(x[base + pos[c]], w[c], acc);
        acc = r(acc);
        out[(n * channels + ch) * outPlane + e] = acc;
      }
      for (let d = nd - 1; d >= 0; d--) {
        if (++o[d] < g.outSize[d]) break;
        o[d] = 0;
      }
    }
  }
  return out;
}
