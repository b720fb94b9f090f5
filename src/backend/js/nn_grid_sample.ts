// grid_sampler_2d's CPU kernel (aten/src/ATen/native/cpu/GridSamplerKernel.cpp) written per element: the
// vectorized kernel's coordinate formulas (ComputeLocation: unnormalize `(x + 1) * scale - 0.5` or
// `(x + 1) * scale`, border clipping, reflection by `min(extra, twice_span - extra)`), its bilinear weights
// (`nw = s * e`, ...), nearest rounding (half to even) and bicubic coefficients (A = -0.75, padding applied to
// each tap), and the backward's scatter of the output gradient and the grid gradient
// `((ne - nw) * s + (se - sw) * n) * gOut` times the coordinate's derivative. Operands are dense:
// input [N, C, H, W], grid [N, Ho, Wo, 2]. Nearest is PyTorch's bits; bilinear and bicubic come within a few
// float32 ulps (the AVX2 kernel's exact instruction order is not reproduced).
import type { DType, TypedArray } from "../../tensor/dtype.js";
import { allocate } from "../../tensor/dtype.js";
import { fma } from "./fma.js";
import { fmaf } from "./sleef.js";

export type GridMode = "bilinear" | "nearest" | "bicubic";
export type GridPadding = "zeros" | "border" | "reflection";

export interface GridGeometry {
  n: number;
  c: number;
  h: number;
  w: number;
  outH: number;
  outW: number;
  mode: GridMode;
  padding: GridPadding;
  alignCorners: boolean;
}

/** One spatial dim's ComputeLocation: the source coordinate of a grid value, and its derivative. */
class Location {
  private readonly scale: number;
  private readonly maxVal: number;
  private readonly twiceSpan: number;
  private readonly fused: (a: number, b: number, c: number) => number;
  constructor(
    private readonly r: (v: number) => number,
    private readonly size: number,
    private readonly padding: GridPadding,
    private readonly align: boolean,
  ) {
    this.scale = align ? r(r(size - 1) / 2) : r(r(size) / 2);
    this.maxVal = r(size - 1);
    this.twiceSpan = align ? r(r(size - 1) * 2) : r(r(size) * 2);
    this.fused = r === Math.fround ? fmaf : fma;
  }

  /** d(unnormalized)/d(grid value). */
  get scaleFactor(): number {
    return this.scale;
  }

  unnormalize(x: number): number {
    const { r } = this;
    // GCC fuses the vectorized `(x + 1) * scale - 0.5` into one multiply-add.
    return this.align ? r(r(x + 1) * this.scale) : this.fused(r(x + 1), this.scale, -0.5);
  }

  /** Border clipping: min(max_val, max(x, 0)); d, the derivative factor, 0 where clipped. */
  clip(x: number): [number, number] {
    if (!(x > 0)) return [0, x === x ? 0 : 1];
    if (x >= this.maxVal) return [this.maxVal, 0];
    return [x, 1];
  }

  reflect(x: number): [number, number] {
    const { r } = this;
    if (this.twiceSpan <= 0) return [0, 0];
    const low = this.align ? 0 : -0.5;
    const shifted = r(x - low);
    const sign = shifted < 0 ? -1 : 1;
    const abs = Math.abs(shifted);
    const flips = Math.trunc(r(abs / this.twiceSpan));
    const extra = r(abs - r(flips * this.twiceSpan));
    const other = r(this.twiceSpan - extra);
    return extra <= other ? [r(extra + low), sign] : [r(other + low), -sign];
  }

  /** The padding mode's coordinate and its derivative factor. */
  pad(x: number): [number, number] {
    if (this.padding === "border") return this.clip(x);
    if (this.padding === "reflection") {
      const [y, d1] = this.reflect(x);
      const [z, d2] = this.clip(y);
      return [z, d1 * d2];
    }
    return [x, 1];
  }

  /** apply_get_grad: the source coordinate and d(source)/d(grid value). */
  apply(x: number): [number, number] {
    const [y, d] = this.pad(this.unnormalize(x));
    return [y, this.scale * d];
  }
}

/** get_cubic_coefficients (the grid sampler's vectorized form). */
function cubicCoefficients(r: (v: number) => number, t: number): number[] {
  const c2 = (x: number) => r(r(r(r(r(r(-0.75 * x) + 3.75) * x) - 6) * x) + 3);
  const c1 = (x: number) => r(r(r(r(r(1.25 * x) - 2.25) * x) * x) + 1);
  return [c2(r(t + 1)), c1(t), c1(r(1 - t)), c2(r(2 - t))];
}

interface Setup {
  r: (v: number) => number;
  locW: Location;
  locH: Location;
}

const setup = (g: GridGeometry, dtype: DType): Setup => ({
  r: dtype.cast,
  locW: new Location(dtype.cast, g.w, g.padding, g.alignCorners),
  locH: new Location(dtype.cast, g.h, g.padding, g.alignCorners),
});

/** grid_sampler_2d: [N, C, Ho, Wo]. */
export function gridSample2d(
  input: TypedArray,
  inOff: number,
  grid: TypedArray,
  gridOff: number,
  g: GridGeometry,
  dtype: DType,
): TypedArray {
  const { r, locW, locH } = setup(g, dtype);
  const fused = dtype.itemsize === 4 ? fmaf : fma;
  const { n, c, h, w, outH, outW } = g;
  const out = allocate(dtype, n * c * outH * outW);
  const at = (b: number, ch: number, y: number, x: number) =>
    y >= 0 && y < h && x >= 0 && x < w ? input[inOff + ((b * c + ch) * h + y) * w + x] : 0;
  for (let b = 0; b < n; b++)
    for (let p = 0; p < outH * outW; p++) {
      const gi = gridOff + (b * outH * outW + p) * 2;
      const o = (ch: number) => (b * c + ch) * outH * outW + p;
      if (g.mode === "bicubic") {
        const x = locW.unnormalize(grid[gi]);
        const y = locH.unnormalize(grid[gi + 1]);
        const [ix, iy] = [Math.floor(x), Math.floor(y)];
        const cx = cubicCoefficients(r, r(x - ix));
        const cy = cubicCoefficients(r, r(y - iy));
        const tap = (ch: number, dx: number, dy: number) => {
          const [px] = locW.pad(ix + dx);
          const [py] = locH.pad(iy + dy);
          return at(b, ch, Math.trunc(py), Math.trunc(px));
        };
        for (let ch = 0; ch < c; ch++) {
          let acc = 0;
          for (let i = 0; i < 4; i++) {
            let row = 0;
            for (let j = 0; j < 4; j++)
              row = j === 0 ? r(cx[0] * tap(ch, -1, i - 1)) : r(row + r(cx[j] * tap(ch, j - 1, i - 1)));
            acc = i === 0 ? r(cy[0] * row) : r(acc + r(cy[i] * row));
          }
          out[o(ch)] = acc;
        }
        continue;
      }
      const [x] = locW.apply(grid[gi]);
      const [y] = locH.apply(grid[gi + 1]);
      if (g.mode === "nearest") {
        const [ix, iy] = [roundHalfEven(x), roundHalfEven(y)];
        for (let ch = 0; ch < c; ch++) out[o(ch)] = at(b, ch, iy, ix);
        continue;
      }
      const [xw, yn] = [Math.floor(x), Math.floor(y)];
      const wgt = bilinearWeights(r, x, y);
      for (let ch = 0; ch < c; ch++) {
        const v = [
          at(b, ch, yn, xw),
          at(b, ch, yn, xw + 1),
          at(b, ch, yn + 1, xw),
          at(b, ch, yn + 1, xw + 1),
        ];
        // nw_val * nw + ne_val * ne + sw_val * sw + se_val * se, contracted as GCC does.
        let acc = fused(v[0], wgt[0], r(v[1] * wgt[1]));
        for (let k = 2; k < 4; k++) acc = fused(v[k], wgt[k], acc);
        out[o(ch)] = acc;
      }
    }
  return out;
}

/** compute_interp_params: nw = s * e, ne = s * w, sw = n * e, se = n * w. */
function bilinearWeights(r: (v: number) => number, x: number, y: number): number[] {
  const w = r(x - Math.floor(x));
  const e = r(1 - w);
  const nn = r(y - Math.floor(y));
  const s = r(1 - nn);
  return [r(s * e), r(s * w), r(nn * e), r(nn * w)];
}

/** std::nearbyint in the default rounding mode. */
function roundHalfEven(v: number): number {
  const f = Math.floor(v);
  const d = v - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

export interface GridSampleGrads {
  gradInput: TypedArray | null;
  gradGrid: TypedArray | null;
}

/** grid_sampler_2d_backward: the input's and the grid's gradients. */
export function gridSample2dBackward(
  gradOut: TypedArray,
  goOff: number,
  input: TypedArray,
  inOff: number,
  grid: TypedArray,
  gridOff: number,
  g: GridGeometry,
  mask: readonly boolean[],
  dtype: DType,
): GridSampleGrads {
  const { r, locW, locH } = setup(g, dtype);
  const { n, c, h, w, outH, outW } = g;
  const gradInput = mask[0] ? allocate(dtype, n * c * h * w) : null;
  const gradGrid = mask[1] ? allocate(dtype, n * outH * outW * 2) : null;
  const inside = (y: number, x: number) => y >= 0 && y < h && x >= 0 && x < w;
  const idx = (b: number, ch: number, y: number, x: number) => ((b * c + ch) * h + y) * w + x;
  for (let b = 0; b < n; b++)
    for (let p = 0; p < outH * outW; p++) {
      const gi = gridOff + (b * outH * outW + p) * 2;
      const [x, gxMult] = locW.apply(grid[gi]);
      const [y, gyMult] = locH.apply(grid[gi + 1]);
      const gOut = (ch: number) => gradOut[goOff + (b * c + ch) * outH * outW + p];
      if (g.mode === "bicubic") {
        bicubicPointBackward(g, r, locW, locH, input, inOff, grid[gi], grid[gi + 1], gOut, b, gradInput);
        if (gradGrid) [gradGrid[gi - gridOff], gradGrid[gi - gridOff + 1]] = lastGrad;
        continue;
      }
      if (g.mode === "nearest") {
        const [ix, iy] = [roundHalfEven(x), roundHalfEven(y)];
        if (gradInput && inside(iy, ix))
          for (let ch = 0; ch < c; ch++) {
            const k = idx(b, ch, iy, ix);
            gradInput[k] = r(gradInput[k] + gOut(ch));
          }
        if (gradGrid) gradGrid[(b * outH * outW + p) * 2] = gradGrid[(b * outH * outW + p) * 2 + 1] = 0;
        continue;
      }
      const [xw, yn] = [Math.floor(x), Math.floor(y)];
      const wE = r(x - xw);
      const e = r(1 - wE);
      const nn = r(y - yn);
      const s = r(1 - nn);
      const wgt = [r(s * e), r(s * wE), r(nn * e), r(nn * wE)];
      const corners: [number, number][] = [
        [yn, xw],
        [yn, xw + 1],
        [yn + 1, xw],
        [yn + 1, xw + 1],
      ];
      let gx = 0;
      let gy = 0;
      for (let ch = 0; ch < c; ch++) {
        const go = gOut(ch);
        if (gradInput)
          corners.forEach(([cy, cx], k) => {
            if (!inside(cy, cx)) return;
            const at = idx(b, ch, cy, cx);
            gradInput[at] = r(gradInput[at] + r(go * wgt[k]));
          });
        if (gradGrid) {
          const v = corners.map(([cy, cx]) => (inside(cy, cx) ? input[inOff + idx(b, ch, cy, cx)] : 0));
          gx = r(gx + r(r(r(r(v[1] - v[0]) * s) + r(r(v[3] - v[2]) * nn)) * go));
          gy = r(gy + r(r(r(r(v[2] - v[0]) * e) + r(r(v[3] - v[1]) * wE)) * go));
        }
      }
      if (gradGrid) {
        gradGrid[(b * outH * outW + p) * 2] = r(gx * gxMult);
        gradGrid[(b * outH * outW + p) * 2 + 1] = r(gy * gyMult);
      }
    }
  return { gradInput, gradGrid };
}

/** get_cubic_coefficients_grad: the derivatives of the cubic coefficients by t. */
function cubicCoefficientsGrad(r: (v: number) => number, t: number): number[] {
  const A = -0.75;
  let x = r(-1 - t);
  const c0 = r(r(r(r(-3 * A * x) - 10 * A) * x) - 8 * A);
  x = -t;
  const c1 = r(r(r(-3 * (A + 2) * x) - 2 * (A + 3)) * x);
  x = r(1 - t);
  const c2 = r(r(r(3 * (A + 2) * x) - 2 * (A + 3)) * x);
  x = r(2 - t);
  const c3 = r(r(r(r(3 * A * x) - 10 * A) * x) + 8 * A);
  return [c0, c1, c2, c3];
}

/** The last bicubic point's grid gradient (gx, gy). */
const lastGrad: [number, number] = [0, 0];

/**
 * One grid point of the bicubic backward: each channel's output gradient times the tap weights added at the
 * (padded) taps, x taps outer; the grid gradient `-val * gOut * coeff_grad * coeff`, times the unnormalize scale.
 */
function bicubicPointBackward(
  g: GridGeometry,
  r: (v: number) => number,
  locW: Location,
  locH: Location,
  input: TypedArray,
  inOff: number,
  gridX: number,
  gridY: number,
  gOut: (ch: number) => number,
  b: number,
  gradInput: TypedArray | null,
): void {
  const { c, h, w } = g;
  const x = locW.unnormalize(gridX);
  const y = locH.unnormalize(gridY);
  const [ix, iy] = [Math.floor(x), Math.floor(y)];
  const [tx, ty] = [r(x - ix), r(y - iy)];
  const [cx, cy] = [cubicCoefficients(r, tx), cubicCoefficients(r, ty)];
  const [gcx, gcy] = [cubicCoefficientsGrad(r, tx), cubicCoefficientsGrad(r, ty)];
  let gx = 0;
  let gy = 0;
  for (let ch = 0; ch < c; ch++) {
    const go = gOut(ch);
    for (let i = 0; i < 4; i++)
      for (let j = 0; j < 4; j++) {
        const px = Math.trunc(locW.pad(ix - 1 + i)[0]);
        const py = Math.trunc(locH.pad(iy - 1 + j)[0]);
        const inside = py >= 0 && py < h && px >= 0 && px < w;
        const at = ((b * c + ch) * h + py) * w + px;
        if (gradInput && inside) gradInput[at] = r(gradInput[at] + r(r(go * cx[i]) * cy[j]));
        const val = inside ? input[inOff + at] : 0;
        gx = r(gx - r(r(r(val * go) * gcx[i]) * cy[j]));
        gy = r(gy - r(r(r(val * go) * gcy[j]) * cx[i]));
      }
  }
  lastGrad[0] = r(gx * locW.scaleFactor);
  lastGrad[1] = r(gy * locH.scaleFactor);
}

/** grid_sampler_3d's geometry: input [N, C, D, H, W], grid [N, Do, Ho, Wo, 3]. */
export interface GridGeometry3d {
  n: number;
  c: number;
  size: [number, number, number];
  outCount: number;
  mode: "bilinear" | "nearest";
  padding: GridPadding;
  alignCorners: boolean;
}

/**
 * GridSampler.h's scalar grid_sampler_compute_source_index_set_grad (the 3-D kernel, GridSampler.cpp, compiled
 * without fused steps): the source coordinate and its derivative by the grid value.
 */
function sourceIndex(
  r: (v: number) => number,
  coord: number,
  size: number,
  padding: GridPadding,
  align: boolean,
): [number, number] {
  let grad = align ? r(r(size - 1) / 2) : r(r(size) / 2);
  let x = align ? r(r(r(coord + 1) / 2) * (size - 1)) : r(r(r(r(coord + 1) * size) - 1) / 2);
  const clip = (v: number): [number, number] => (v <= 0 ? [0, 0] : v >= size - 1 ? [r(size - 1), 0] : [v, 1]);
  if (padding === "border") {
    const [v, g] = clip(x);
    [x, grad] = [v, r(grad * g)];
  } else if (padding === "reflection") {
    const [low, high] = align ? [0, 2 * (size - 1)] : [-1, 2 * size - 1];
    let gRefl = 0;
    if (low === high) x = 0;
    else {
      const min = r(low / 2);
      const span = r((high - low) / 2);
      let v = r(x - min);
      let mult = 1;
      if (v < 0) [mult, v] = [-1, -v];
      const extra = v % span;
      const flips = Math.floor(r(v / span));
      [x, gRefl] = flips % 2 === 0 ? [r(extra + min), mult] : [r(r(span - extra) + min), -mult];
    }
    const [v, gClip] = clip(x);
    [x, grad] = [v, r(r(grad * gRefl) * gClip)];
  }
  return [x, grad];
}

/** One output point's corners: flat input offsets (-1 when out of bounds), weights, and per-dim factors. */
interface Corners3d {
  at: number[];
  w: number[];
  /** factor[d][k]: corner k's factor along dim d (z, y, x), signed for the grid gradient. */
  f: number[][];
  sign: number[][];
}

function corners3d(r: (v: number) => number, pos: number[], size: readonly number[]): Corners3d {
  const lo = pos.map((p) => Math.floor(p));
  const at: number[] = [];
  const w: number[] = [];
  const f: number[][] = [[], [], []];
  const sign: number[][] = [[], [], []];
  for (let k = 0; k < 8; k++) {
    const bits = [(k >> 2) & 1, (k >> 1) & 1, k & 1];
    const idx = bits.map((b, d) => lo[d] + b);
    const fac = bits.map((b, d) => (b === 0 ? r(lo[d] + 1 - pos[d]) : r(pos[d] - lo[d])));
    bits.forEach((b, d) => {
      f[d].push(fac[d]);
      sign[d].push(b === 0 ? -1 : 1);
    });
    const inside = idx.every((v, d) => v >= 0 && v < size[d]);
    at.push(inside ? (idx[0] * size[1] + idx[1]) * size[2] + idx[2] : -1);
    w.push(r(r(fac[2] * fac[1]) * fac[0]));
  }
  return { at, w, f, sign };
}

/** grid_sampler_3d_cpu_impl: [N, C, Do * Ho * Wo]. */
export function gridSample3d(
  input: TypedArray,
  inOff: number,
  grid: TypedArray,
  gridOff: number,
  g: GridGeometry3d,
  dtype: DType,
): TypedArray {
  const r = dtype.cast;
  const { n, c, size, outCount } = g;
  const plane = size[0] * size[1] * size[2];
  const out = allocate(dtype, n * c * outCount);
  for (let b = 0; b < n; b++)
    for (let p = 0; p < outCount; p++) {
      const gi = gridOff + (b * outCount + p) * 3;
      // The grid's last dim is (x, y, z); the input's dims are (D, H, W).
      const pos = [2, 1, 0].map(
        (k, d) => sourceIndex(r, grid[gi + k], size[d], g.padding, g.alignCorners)[0],
      );
      for (let ch = 0; ch < c; ch++) {
        const base = inOff + (b * c + ch) * plane;
        const o = (b * c + ch) * outCount + p;
        if (g.mode === "nearest") {
          const idx = pos.map(roundHalfEven);
          const inside = idx.every((v, d) => v >= 0 && v < size[d]);
          out[o] = inside ? input[base + (idx[0] * size[1] + idx[1]) * size[2] + idx[2]] : 0;
          continue;
        }
        const cs = corners3d(r, pos, size);
        let acc = 0;
        for (let k = 0; k < 8; k++) if (cs.at[k] >= 0) acc = r(acc + r(input[base + cs.at[k]] * cs.w[k]));
        out[o] = acc;
      }
    }
  return out;
}

/** grid_sampler_3d_backward_cpu_impl: the input's and the grid's gradients. */
export function gridSample3dBackward(
  gradOut: TypedArray,
  goOff: number,
  input: TypedArray,
  inOff: number,
  grid: TypedArray,
  gridOff: number,
  g: GridGeometry3d,
  mask: readonly boolean[],
  dtype: DType,
): GridSampleGrads {
  const r = dtype.cast;
  const { n, c, size, outCount } = g;
  const plane = size[0] * size[1] * size[2];
  const gradInput = mask[0] ? allocate(dtype, n * c * plane) : null;
  const gradGrid = mask[1] ? allocate(dtype, n * outCount * 3) : null;
  for (let b = 0; b < n; b++)
    for (let p = 0; p < outCount; p++) {
      const gi = gridOff + (b * outCount + p) * 3;
      const src = [2, 1, 0].map((k, d) => sourceIndex(r, grid[gi + k], size[d], g.padding, g.alignCorners));
      const pos = src.map((s) => s[0]);
      // gix, giy, giz: the gradient along the grid's x, y, z (the input's W, H, D).
      const grads = [0, 0, 0];
      for (let ch = 0; ch < c; ch++) {
        const base = (b * c + ch) * plane;
        const go = gradOut[goOff + (b * c + ch) * outCount + p];
        if (g.mode === "nearest") {
          const idx = pos.map(roundHalfEven);
          if (gradInput && idx.every((v, d) => v >= 0 && v < size[d])) {
            const at = base + (idx[0] * size[1] + idx[1]) * size[2] + idx[2];
            gradInput[at] = r(gradInput[at] + go);
          }
          continue;
        }
        const cs = corners3d(r, pos, size);
        if (gradInput)
          for (let k = 0; k < 8; k++)
            if (cs.at[k] >= 0) gradInput[base + cs.at[k]] = r(gradInput[base + cs.at[k]] + r(cs.w[k] * go));
        for (let k = 0; k < 8; k++) {
          if (cs.at[k] < 0) continue;
          const v = input[inOff + base + cs.at[k]];
          // gix: val * fy * fz * gOut; giy: val * fx * fz * gOut; giz: val * fx * fy * gOut (dims z=0, y=1, x=2).
          const terms = [
            r(r(r(v * cs.f[1][k]) * cs.f[0][k]) * go),
            r(r(r(v * cs.f[2][k]) * cs.f[0][k]) * go),
            r(r(r(v * cs.f[2][k]) * cs.f[1][k]) * go),
          ];
          const signs = [cs.sign[2][k], cs.sign[1][k], cs.sign[0][k]];
          for (let a = 0; a < 3; a++)
            grads[a] = signs[a] < 0 ? r(grads[a] - terms[a]) : r(grads[a] + terms[a]);
        }
      }
      if (gradGrid)
        for (let a = 0; a < 3; a++) gradGrid[(b * outCount + p) * 3 + a] = r(src[2 - a][1] * grads[a]);
    }
  return { gradInput, gradGrid };
}
