// Ports of PyTorch 1.13's CPU group norm kernels (aten/src/ATen/native/cpu/group_norm_kernel.cpp) for
// contiguous [N, C, HxW] input: the statistics by utils::RowwiseMoments over each group (the layer norm port's,
// src/backend/js/norm_kernels.ts), the affine transform `scale * x + bias`, and the backward's per-channel sums
// (ComputeInternalGradients), the input gradient (GroupNormInputBackward) and the weight and bias gradients
// (GammaBackward, BetaBackward), with AVX2 vector widths (8 float / 4 double lanes). The cpu/ kernels are
// compiled with -mfma: a product feeding an add is one fused multiply-add (`fused`). The forward is checked bit
// for bit against PyTorch; the backward's sums are PyTorch's formulas in a vector order that matches its
// results on some shapes only (within a few float32 ulps on others).
import type { DType, TypedArray } from "../../tensor/dtype.js";
import { allocate } from "../../tensor/dtype.js";
import { fma } from "./fma.js";
import { rowwiseMoments, type Dense } from "./norm_kernels.js";
import { fmaf } from "./sleef.js";

export interface GroupNormShape {
  n: number;
  c: number;
  hxw: number;
  groups: number;
}

interface Arith {
  r: (v: number) => number;
  fused: (a: number, b: number, c: number) => number;
  lanes: number;
}

const arith = (dtype: DType): Arith => {
  const isFloat = dtype.itemsize === 4;
  return { r: dtype.cast, fused: isFloat ? fmaf : fma, lanes: isFloat ? 8 : 4 };
};

export interface GroupNormOutputs {
  out: TypedArray;
  /** [N * G] */
  mean: TypedArray;
  rstd: TypedArray;
}

/** GroupNormKernelImplInternal. */
export function groupNorm(
  x: Dense,
  gamma: Dense | null,
  beta: Dense | null,
  s: GroupNormShape,
  eps: number,
  dtype: DType,
): GroupNormOutputs {
  const a = arith(dtype);
  const { r, fused } = a;
  const { n, c, hxw, groups } = s;
  const d = c / groups;
  const inner = d * hxw;
  const out = allocate(dtype, n * c * hxw);
  const mean = allocate(dtype, n * groups);
  const rstd = allocate(dtype, n * groups);
  const epsT = r(eps);
  for (let i = 0; i < n * groups; i++) {
    const base = x.offset + i * inner;
    const [mu, variance] = rowwiseMoments(a, x.data, base, inner);
    const rs = r(1 / r(Math.sqrt(r(Math.max(variance, 0) + epsT))));
    if (gamma === null && beta === null) {
      for (let j = 0; j < inner; j++) out[i * inner + j] = r(r(x.data[base + j] - mu) * rs);
    } else {
      const g = i % groups;
      for (let j = 0; j < d; j++) {
        const ch = g * d + j;
        const scale = gamma ? r(rs * gamma.data[gamma.offset + ch]) : rs;
        const bias = r(r(-scale * mu) + (beta ? beta.data[beta.offset + ch] : 0));
        const from = (i * d + j) * hxw;
        for (let k = 0; k < hxw; k++) out[from + k] = fused(scale, x.data[x.offset + from + k], bias);
      }
    }
    mean[i] = mu;
    rstd[i] = rs;
  }
  return { out, mean, rstd };
}

/** A vectorized sum over j < count of term(j): lane j % lanes, the lanes added from 0, then the tail. */
function laneSum(
  a: Arith,
  count: number,
  term: (j: number, acc: number) => number,
  tailTerm: (j: number, acc: number) => number,
): number {
  const vec = count - (count % a.lanes);
  const acc = new Float64Array(a.lanes);
  for (let j = 0; j < vec; j++) acc[j % a.lanes] = term(j, acc[j % a.lanes]);
  let total = 0;
  for (let l = 0; l < a.lanes; l++) total = a.r(total + acc[l]);
  for (let j = vec; j < count; j++) total = tailTerm(j, total);
  return total;
}

export interface GroupNormGrads {
  gradInput: TypedArray | null;
  gradWeight: TypedArray | null;
  gradBias: TypedArray | null;
}

/** GroupNormBackwardKernelImplInternal: the gradients `mask` asks for. */
export function groupNormBackward(
  dy: Dense,
  x: Dense,
  mean: Dense,
  rstd: Dense,
  gamma: Dense | null,
  s: GroupNormShape,
  mask: readonly boolean[],
  dtype: DType,
): GroupNormGrads {
  const a = arith(dtype);
  const { r, fused } = a;
  const { n, c, hxw, groups } = s;
  const d = c / groups;
  const DY = (i: number) => dy.data[dy.offset + i];
  const X = (i: number) => x.data[x.offset + i];
  const mu = (i: number) => mean.data[mean.offset + i];
  const rs = (i: number) => rstd.data[rstd.offset + i];
  const gm = (ch: number) => (gamma ? gamma.data[gamma.offset + ch] : 1);
  // ComputeInternalGradients: ds = sum dy * x, db = sum dy over each (n, c) plane.
  const ds = new Float64Array(n * c);
  const db = new Float64Array(n * c);
  for (let i = 0; i < n * c; i++) {
    const b = i * hxw;
    ds[i] = laneSum(
      a,
      hxw,
      (j, acc) => fused(DY(b + j), X(b + j), acc),
      (j, acc) => fused(DY(b + j), X(b + j), acc),
    );
    db[i] = laneSum(
      a,
      hxw,
      (j, acc) => r(acc + DY(b + j)),
      (j, acc) => r(acc + DY(b + j)),
    );
  }
  let gradInput: TypedArray | null = null;
  if (mask[0]) {
    gradInput = allocate(dtype, n * c * hxw);
    const sc = r(1 / r(d * hxw));
    for (let i = 0; i < n * groups; i++) {
      const g = i % groups;
      const dsVal = laneSum(
        a,
        d,
        (j, acc) => fused(ds[i * d + j], gm(g * d + j), acc),
        (j, acc) => fused(ds[i * d + j], gm(g * d + j), acc),
      );
      const dbVal = laneSum(
        a,
        d,
        (j, acc) => fused(db[i * d + j], gm(g * d + j), acc),
        (j, acc) => fused(db[i * d + j], gm(g * d + j), acc),
      );
      const c2 = r(r(r(r(fused(dbVal, mu(i), -dsVal) * rs(i)) * rs(i)) * rs(i)) * sc);
      const c3 = fused(-c2, mu(i), -r(r(dbVal * rs(i)) * sc));
      for (let j = 0; j < d; j++) {
        const c1 = r(rs(i) * gm(g * d + j));
        const b = (i * d + j) * hxw;
        for (let k = 0; k < hxw; k++) gradInput[b + k] = r(fused(c1, DY(b + k), r(c2 * X(b + k))) + c3);
      }
    }
  }
  let gradWeight: TypedArray | null = null;
  if (mask[1]) {
    gradWeight = allocate(dtype, c);
    for (let ch = 0; ch < c; ch++) {
      const g = Math.floor(ch / d);
      let acc = 0;
      for (let i = 0; i < n; i++) {
        const k = i * groups + g;
        acc = fused(fused(-db[i * c + ch], mu(k), ds[i * c + ch]), rs(k), acc);
      }
      gradWeight[ch] = acc;
    }
  }
  let gradBias: TypedArray | null = null;
  if (mask[2]) {
    gradBias = allocate(dtype, c);
    for (let ch = 0; ch < c; ch++) {
      let acc = 0;
      for (let i = 0; i < n; i++) acc = r(acc + db[i * c + ch]);
      gradBias[ch] = acc;
    }
  }
  return { gradInput, gradWeight, gradBias };
}
