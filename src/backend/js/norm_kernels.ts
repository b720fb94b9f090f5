// Ports of PyTorch 1.13's CPU layer norm and batch norm kernels (aten/src/ATen/native/cpu/layer_norm_kernel.cpp,
// moments_utils.h, batch_norm_kernel.cpp, and the statistics update of native/Normalization.cpp), in their
// order of operations with AVX2 vector widths (8 float / 4 double lanes). The cpu/ kernels are compiled with
// -mfma, and GCC contracts a product that feeds an add into one fused multiply-add: `fused` below is that
// instruction. Normalization.cpp is compiled for the baseline CPU, so its arithmetic has no fused steps.
// Every operand is dense (the ops pass contiguous tensors, as PyTorch's kernels require them).
import type { DType, TypedArray } from "../../tensor/dtype.js";
import { allocate } from "../../tensor/dtype.js";
import { fma } from "./fma.js";
import { fmaf } from "./sleef.js";

/** A dense operand: its elements start at `offset`. */
export interface Dense {
  readonly data: TypedArray;
  readonly offset: number;
}

type Fused = (a: number, b: number, c: number) => number;

interface Arith {
  r: (v: number) => number;
  fused: Fused;
  lanes: number;
}

function arith(dtype: DType): Arith {
  const isFloat = dtype.itemsize === 4;
  return { r: dtype.cast, fused: isFloat ? fmaf : fma, lanes: isFloat ? 8 : 4 };
}

/** utils::CeilLog2 (1 for 0, 1 and 2). */
function ceilLog2(x: number): number {
  if (x <= 2) return 1;
  return 32 - Math.clz32(x - 1);
}

const CHUNK = 16;

/** AddMomentsVec / AddMoments: merges (m0Add, m1Add, m2Add) into slot `k` of the accumulators. */
function addMoments(
  a: Arith,
  m0Add: number,
  m1Add: number,
  m2Add: number,
  m0: number,
  m1: number,
  m2: number,
): [number, number] {
  const { r } = a;
  const n = m0 + m0Add;
  const c = n === 0 ? 0 : r(m0Add / n);
  const delta = r(m1Add - m1);
  return [r(m1 + r(c * delta)), r(m2 + r(m2Add + r(r(r(delta * delta) * c) * m0)))];
}

/**
 * RowwiseMoments: the mean and the biased variance of x[offset .. offset + n), by Welford's algorithm on
 * chunks of 16 vectors per lane, merged in a binary cascade, then the scalar tail, then the lanes.
 */
export function rowwiseMoments(a: Arith, x: TypedArray, offset: number, size: number): [number, number] {
  const { r, lanes } = a;
  const n = Math.floor(size / lanes);
  const m = Math.ceil(n / CHUNK);
  const depth = ceilLog2(m);
  const m0Stk = new Array<number>(depth).fill(0);
  const m1Stk = Array.from({ length: depth }, () => new Float64Array(lanes));
  const m2Stk = Array.from({ length: depth }, () => new Float64Array(lanes));
  const m1Vec = new Float64Array(lanes);
  const m2Vec = new Float64Array(lanes);
  const merge = (count: number, m1Add: Float64Array, m2Add: Float64Array, into: number) => {
    for (let l = 0; l < lanes; l++) {
      [m1Stk[into][l], m2Stk[into][l]] = addMoments(
        a,
        count,
        m1Add[l],
        m2Add[l],
        m0Stk[into],
        m1Stk[into][l],
        m2Stk[into][l],
      );
    }
    m0Stk[into] += count;
  };
  for (let i = 0; i < m; i++) {
    const base = offset + i * CHUNK * lanes;
    const m0 = Math.min(CHUNK, n - i * CHUNK);
    m1Vec.fill(0);
    m2Vec.fill(0);
    for (let j = 0; j < m0; j++) {
      const c = r(1 / (j + 1));
      for (let l = 0; l < lanes; l++) {
        const v = x[base + j * lanes + l];
        const delta = r(v - m1Vec[l]);
        m1Vec[l] = r(m1Vec[l] + r(delta * c));
        m2Vec[l] = r(m2Vec[l] + r(delta * r(v - m1Vec[l])));
      }
    }
    merge(m0, m1Vec, m2Vec, 0);
    let mask = i + 1;
    for (let j = 1; j < depth && (mask & 1) === 0; j++) {
      merge(m0Stk[j - 1], m1Stk[j - 1], m2Stk[j - 1], j);
      m0Stk[j - 1] = 0;
      m1Stk[j - 1].fill(0);
      m2Stk[j - 1].fill(0);
      mask >>= 1;
    }
  }
  for (let i = 1; i < depth; i++) merge(m0Stk[i], m1Stk[i], m2Stk[i], 0);
  let m0 = 0;
  let m1 = 0;
  let m2 = 0;
  for (let i = n * lanes; i < size; i++) {
    const v = x[offset + i];
    const delta = r(v - m1);
    m0++;
    m1 = r(m1 + r(delta / m0));
    m2 = r(m2 + r(delta * r(v - m1)));
  }
  for (let l = 0; l < lanes; l++) {
    [m1, m2] = addMoments(a, n, m1Stk[0][l], m2Stk[0][l], m0, m1, m2);
    m0 += n;
  }
  return [m1, r(m2 / size)];
}

export interface LayerNormOutputs {
  out: TypedArray;
  mean: TypedArray;
  rstd: TypedArray;
}

/** LayerNormKernelImplInternal over `rows` rows of `cols` elements. */
export function layerNorm(
  x: Dense,
  gamma: Dense | null,
  beta: Dense | null,
  rows: number,
  cols: number,
  eps: number,
  dtype: DType,
): LayerNormOutputs {
  const a = arith(dtype);
  const { r, fused } = a;
  const out = allocate(dtype, rows * cols);
  const mean = allocate(dtype, rows);
  const rstd = allocate(dtype, rows);
  const epsT = r(eps);
  for (let i = 0; i < rows; i++) {
    const base = x.offset + i * cols;
    const [mu, variance] = rowwiseMoments(a, x.data, base, cols);
    const s = r(1 / r(Math.sqrt(r(variance + epsT))));
    const bias = r(-s * mu);
    for (let j = 0; j < cols; j++) {
      const g = gamma ? gamma.data[gamma.offset + j] : 1;
      const b = beta ? beta.data[beta.offset + j] : 0;
      out[i * cols + j] = fused(fused(x.data[base + j], s, bias), g, b);
    }
    mean[i] = mu;
    rstd[i] = s;
  }
  return { out, mean, rstd };
}

/** The outputs a backward kernel computes (null where the mask skips one). */
export interface NormGrads {
  gradInput: TypedArray | null;
  gradWeight: TypedArray | null;
  gradBias: TypedArray | null;
}

/**
 * vec::map2_reduce_all / map3_reduce_all / reduce_all with `+`: the mapped values of `size` elements summed
 * in vector lanes (the first block's products rounded, later blocks fused into the accumulator), then the
 * lanes reduced as vec_reduce_all does on AVX2 (float: three halving shuffles; double: lane by lane).
 */
function reduceAll(a: Arith, size: number, factors: ((j: number) => number)[]): number {
  const { r, fused, lanes } = a;
  // The last factor multiplies into the accumulator; the others are rounded products first.
  const head = (j: number) => {
    let p = factors[0](j);
    for (let k = 1; k < factors.length - 1; k++) p = r(p * factors[k](j));
    return p;
  };
  const last = factors.length > 1 ? factors[factors.length - 1] : null;
  const mapped = (j: number) => (last ? r(head(j) * last(j)) : head(j));
  const accumulate = (acc: number, j: number) => (last ? fused(head(j), last(j), acc) : r(acc + head(j)));
  if (size < lanes) {
    let s = 0;
    for (let j = 0; j < size; j++) s = j === 0 ? mapped(j) : r(s + mapped(j));
    return s;
  }
  const acc = new Float64Array(lanes);
  for (let l = 0; l < lanes; l++) acc[l] = mapped(l);
  let d = lanes;
  for (; d < size - (size % lanes); d += lanes)
    for (let l = 0; l < lanes; l++) acc[l] = accumulate(acc[l], d + l);
  for (let l = 0; d + l < size; l++) acc[l] = accumulate(acc[l], d + l);
  if (lanes === 8) {
    const v = new Float64Array(8);
    for (let l = 0; l < 8; l++) v[l] = r(acc[l] + acc[l ^ 4]);
    const w = new Float64Array(8);
    for (let l = 0; l < 8; l++) w[l] = r(v[l] + v[l ^ 2]);
    return r(w[0] + w[1]);
  }
  let s = acc[0];
  for (let l = 1; l < lanes; l++) s = r(s + acc[l]);
  return s;
}

/** LayerNormBackwardKernelImplInternal on one thread: dgamma and dbeta accumulate row by row. */
export function layerNormBackward(
  dy: Dense,
  x: Dense,
  mean: Dense,
  rstd: Dense,
  gamma: Dense | null,
  rows: number,
  cols: number,
  mask: readonly boolean[],
  dtype: DType,
): NormGrads {
  const a = arith(dtype);
  const { r, fused } = a;
  const gradInput = mask[0] ? allocate(dtype, rows * cols) : null;
  const gradWeight = mask[1] ? allocate(dtype, cols) : null;
  const gradBias = mask[2] ? allocate(dtype, cols) : null;
  const scale = r(1 / cols);
  const X = x.data;
  const DY = dy.data;
  for (let i = 0; i < rows; i++) {
    const xb = x.offset + i * cols;
    const db0 = dy.offset + i * cols;
    const rs = rstd.data[rstd.offset + i];
    const mu = mean.data[mean.offset + i];
    if (gradWeight) {
      const b = r(-rs * mu);
      for (let j = 0; j < cols; j++)
        gradWeight[j] = fused(DY[db0 + j], fused(rs, X[xb + j], b), gradWeight[j]);
    }
    if (gradBias) for (let j = 0; j < cols; j++) gradBias[j] = r(gradBias[j] + DY[db0 + j]);
    if (gradInput) {
      const dyAt = (j: number) => DY[db0 + j];
      const xAt = (j: number) => X[xb + j];
      const gAt = gamma ? (j: number) => gamma.data[gamma.offset + j] : null;
      const ds = reduceAll(a, cols, gAt ? [dyAt, xAt, gAt] : [dyAt, xAt]);
      const db = reduceAll(a, cols, gAt ? [dyAt, gAt] : [dyAt]);
      const b = r(r(r(r(fused(db, mu, -ds) * rs) * rs) * rs) * scale);
      const c = fused(-b, mu, -r(r(db * rs) * scale));
      for (let j = 0; j < cols; j++) {
        const t = fused(b, xAt(j), gAt ? r(r(rs * dyAt(j)) * gAt(j)) : r(rs * dyAt(j)));
        gradInput[i * cols + j] = r(t + c);
      }
    }
  }
  // The second pass adds the one thread's buffer to zero.
  if (gradWeight) for (let j = 0; j < cols; j++) gradWeight[j] = r(0 + gradWeight[j]);
  if (gradBias) for (let j = 0; j < cols; j++) gradBias[j] = r(0 + gradBias[j]);
  return { gradInput, gradWeight, gradBias };
}

/** An input of shape (batch, channels, image...) seen as batch x channels x image. */
export interface BatchNormShape {
  batch: number;
  channels: number;
  image: number;
}

export interface BatchNormStats {
  /** save_mean */
  mean: TypedArray;
  /** save_invstd */
  invstd: TypedArray;
}

/**
 * batch_norm_cpu_update_stats_template on a contiguous input: the kernel's per-channel mean and sum of
 * squared deviations (batch_norm_cpu_collect_stats_kernel), the saved inverse standard deviation, and the
 * running statistics updated in place (`running` is null when there are none).
 */
export function batchNormStats(
  x: Dense,
  { batch, channels, image }: BatchNormShape,
  momentum: number,
  eps: number,
  running: { mean: Dense; var: Dense } | null,
  dtype: DType,
): BatchNormStats {
  const a = arith(dtype);
  const { r, fused } = a;
  const n = batch * image;
  const meanOut = allocate(dtype, channels);
  const varSum = allocate(dtype, channels);
  const X = x.data;
  if (image === 1 && n > 1) {
    // channels-last kernel (NC11 is channels last): float buffers accumulated row by row.
    for (let i = 0; i < n; i++)
      for (let c = 0; c < channels; c++) meanOut[c] = r(X[x.offset + i * channels + c] + meanOut[c]);
    for (let c = 0; c < channels; c++) meanOut[c] = r((0 + meanOut[c]) / n);
    for (let i = 0; i < n; i++)
      for (let c = 0; c < channels; c++) {
        const d = r(X[x.offset + i * channels + c] - meanOut[c]);
        varSum[c] = fused(d, d, varSum[c]);
      }
  } else {
    // contiguous kernel: sums in double (acc_type), deviations squared in the input dtype.
    for (let c = 0; c < channels; c++) {
      let sum = 0;
      for (let b = 0; b < batch; b++) {
        const base = x.offset + (b * channels + c) * image;
        for (let i = 0; i < image; i++) sum += X[base + i];
      }
      const mu = r(sum / n);
      meanOut[c] = mu;
      // float32: each square is rounded to float before the double add. float64: GCC vectorizes the row's
      // loop two lanes wide, adding the rounded squares in order, and fuses the square of an odd last element.
      const unfused = dtype.itemsize === 4 ? image : image - (image % 2);
      let vs = 0;
      for (let b = 0; b < batch; b++) {
        const base = x.offset + (b * channels + c) * image;
        for (let i = 0; i < image; i++) {
          const d = r(X[base + i] - mu);
          vs = i < unfused ? vs + r(d * d) : fused(d, d, vs);
        }
      }
      varSum[c] = r(vs);
    }
  }
  const invstd = allocate(dtype, channels);
  const m = r(momentum);
  const keep = r(1 - m);
  for (let c = 0; c < channels; c++) {
    const v = r(varSum[c] / n);
    invstd[c] = v !== 0 || eps !== 0 ? r(1 / Math.sqrt(v + eps)) : 0;
    if (running) {
      const rm = running.mean.data;
      const rmAt = running.mean.offset + c;
      rm[rmAt] = r(r(m * meanOut[c]) + r(keep * rm[rmAt]));
      const rv = running.var.data;
      const rvAt = running.var.offset + c;
      const unbiased = r(varSum[c] / (n - 1));
      rv[rvAt] = r(m * unbiased + r(keep * rv[rvAt]));
    }
  }
  return { mean: meanOut, invstd };
}

/** 1 / sqrt(running_var + eps) as the eval-mode transform computes it (eps in the input dtype). */
function evalInvstd(r: (v: number) => number, runningVar: number, eps: number): number {
  return r(1 / r(Math.sqrt(r(runningVar + r(eps)))));
}

/**
 * batch_norm_cpu_kernel: out = x * alpha + beta per channel, alpha = invstd * weight and beta = bias - mean *
 * alpha (batch_norm_cpu_collect_linear_and_constant_terms). `stats` are the batch's (training) or null (eval:
 * the running statistics).
 */
export function batchNormTransform(
  x: Dense,
  weight: Dense | null,
  bias: Dense | null,
  stats: BatchNormStats | null,
  running: { mean: Dense; var: Dense } | null,
  { batch, channels, image }: BatchNormShape,
  eps: number,
  dtype: DType,
): TypedArray {
  const { r, fused } = arith(dtype);
  const alpha = new Float64Array(channels);
  const beta = new Float64Array(channels);
  for (let c = 0; c < channels; c++) {
    let mu: number;
    let invstd: number;
    if (stats) {
      mu = stats.mean[c];
      invstd = stats.invstd[c];
    } else {
      const rm = running as { mean: Dense; var: Dense };
      mu = rm.mean.data[rm.mean.offset + c];
      invstd = evalInvstd(r, rm.var.data[rm.var.offset + c], eps);
    }
    const w = weight ? weight.data[weight.offset + c] : 1;
    const b = bias ? bias.data[bias.offset + c] : 0;
    alpha[c] = r(invstd * w);
    beta[c] = fused(-mu, alpha[c], b);
  }
  const out = allocate(dtype, batch * channels * image);
  const X = x.data;
  for (let bc = 0; bc < batch * channels; bc++) {
    const c = bc % channels;
    for (let i = 0; i < image; i++)
      out[bc * image + i] = fused(X[x.offset + bc * image + i], alpha[c], beta[c]);
  }
  return out;
}

/**
 * batch_norm_cpu_backward_kernel: per channel the sum of dy and the dot product of (x - mean) and dy, then
 * grad_input, grad_weight = dotp * invstd and grad_bias = sum. `stats` are the saved batch statistics
 * (training) or null (eval: the running statistics).
 */
export function batchNormBackward(
  dy: Dense,
  x: Dense,
  weight: Dense | null,
  stats: BatchNormStats | null,
  running: { mean: Dense; var: Dense } | null,
  { batch, channels, image }: BatchNormShape,
  eps: number,
  mask: readonly boolean[],
  dtype: DType,
): NormGrads {
  const a = arith(dtype);
  const { r, fused } = a;
  const n = batch * image;
  const total = n * channels;
  const gradInput = mask[0] ? allocate(dtype, total) : null;
  const gradWeight = mask[1] ? allocate(dtype, channels) : null;
  const gradBias = mask[2] ? allocate(dtype, channels) : null;
  const meanOf = new Float64Array(channels);
  const invstdOf = new Float64Array(channels);
  for (let c = 0; c < channels; c++) {
    if (stats) {
      meanOf[c] = stats.mean[c];
      invstdOf[c] = stats.invstd[c];
    } else {
      const rm = running as { mean: Dense; var: Dense };
      meanOf[c] = rm.mean.data[rm.mean.offset + c];
      // eps stays a double here (running_var + eps is a double sum), rounded once at the end.
      invstdOf[c] = r(1 / Math.sqrt(rm.var.data[rm.var.offset + c] + eps));
    }
  }
  const w = (c: number) => (weight ? weight.data[weight.offset + c] : 1);
  const X = x.data;
  const DY = dy.data;
  if (image === 1) {
    // channels-last kernel: float buffers accumulated row by row.
    const sum = new Float64Array(channels);
    const dotp = new Float64Array(channels);
    for (let i = 0; i < n; i++)
      for (let c = 0; c < channels; c++) {
        const g = DY[dy.offset + i * channels + c];
        sum[c] = r(sum[c] + g);
        dotp[c] = fused(r(X[x.offset + i * channels + c] - meanOf[c]), g, dotp[c]);
      }
    for (let c = 0; c < channels; c++) {
      sum[c] = r(0 + sum[c]);
      dotp[c] = r(0 + dotp[c]);
    }
    if (gradInput) {
      for (let i = 0; i < n; i++)
        for (let c = 0; c < channels; c++) {
          const at = i * channels + c;
          const g = DY[dy.offset + at];
          if (stats) {
            const k = r(r(r(dotp[c] * invstdOf[c]) * invstdOf[c]) / r(n));
            const gm = r(sum[c] / r(n));
            const xm = r(X[x.offset + at] - meanOf[c]);
            // GCC fuses (dy - grad_mean) - dx into one step, except in the double kernel's partial last vector.
            const t =
              dtype.itemsize === 4 || c < channels - (channels % 4)
                ? fused(-xm, k, r(g - gm))
                : r(g - gm) - xm * k;
            gradInput[at] = r(r(t * invstdOf[c]) * w(c));
          } else {
            gradInput[at] = r(r(g * invstdOf[c]) * w(c));
          }
        }
    }
    for (let c = 0; c < channels; c++) {
      if (gradWeight) gradWeight[c] = r(dotp[c] * invstdOf[c]);
      if (gradBias) gradBias[c] = sum[c];
    }
    return { gradInput, gradWeight, gradBias };
  }
  for (let c = 0; c < channels; c++) {
    const mu = meanOf[c];
    const invstd = invstdOf[c];
    let sum = 0;
    let dotp = 0;
    for (let b = 0; b < batch; b++) {
      const base = (b * channels + c) * image;
      sum += reduceAll(a, image, [(j) => DY[dy.offset + base + j]]);
      dotp += reduceAll(a, image, [(j) => r(X[x.offset + base + j] - mu), (j) => DY[dy.offset + base + j]]);
    }
    if (gradInput) {
      if (stats) {
        const k = r(r(r(r(dotp) * invstd) * invstd) / n);
        const gm = r(sum / n);
        for (let b = 0; b < batch; b++) {
          const base = (b * channels + c) * image;
          for (let j = 0; j < image; j++) {
            const t = fused(-r(X[x.offset + base + j] - mu), k, r(DY[dy.offset + base + j] - gm));
            gradInput[base + j] = r(r(t * invstd) * w(c));
          }
        }
      } else {
        for (let b = 0; b < batch; b++) {
          const base = (b * channels + c) * image;
          for (let j = 0; j < image; j++)
            gradInput[base + j] = r(r(DY[dy.offset + base + j] * invstd) * w(c));
        }
      }
    }
    if (gradWeight) gradWeight[c] = r(dotp * invstd);
    if (gradBias) gradBias[c] = r(sum);
  }
  return { gradInput, gradWeight, gradBias };
}

/** The norm kernels a backend provides (Backend.norm); a C backend repeats these arithmetic steps exactly. */
export interface NormKernels {
  layerNorm: typeof layerNorm;
  layerNormBackward: typeof layerNormBackward;
  batchNormStats: typeof batchNormStats;
  batchNormTransform: typeof batchNormTransform;
  batchNormBackward: typeof batchNormBackward;
}

export const jsNormKernels: NormKernels = {
  layerNorm,
  layerNormBackward,
  batchNormStats,
  batchNormTransform,
  batchNormBackward,
};
