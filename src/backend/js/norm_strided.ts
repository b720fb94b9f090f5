// PyTorch 1.13's batch norm when its operands are not contiguous (native/Normalization.cpp's TensorIterator
// paths, which its contiguous kernels in src/backend/js/norm_kernels.ts skip): a transposed or otherwise
// strided input, or the expanded gradient of `.sum()`. Normalization.cpp is compiled for the baseline CPU,
// so nothing here is fused; its accumulators are doubles. Elements are visited in TensorIterator's order:
// per channel, the other dims fastest-stride first.
import type { DType, TypedArray } from "../../tensor/dtype.js";
import { allocate } from "../../tensor/dtype.js";
import type { BatchNormStats, Dense, NormGrads } from "./norm_kernels.js";

/** A view's layout: storage offset and strides of each dim. */
export interface Layout {
  readonly offset: number;
  readonly shape: readonly number[];
  readonly strides: readonly number[];
}

/**
 * For channel `c`: the storage offsets (in `layout`) and the row-major indices of its elements, in the order
 * TensorIterator walks them (the non-channel dims sorted by stride, smallest first).
 */
function channelWalk(layout: Layout, c: number): { offsets: number[]; indices: number[] } {
  const { shape, strides } = layout;
  const rowMajor = shape.map((_, d) => shape.slice(d + 1).reduce((a, b) => a * b, 1));
  const dims = shape
    .map((_, d) => d)
    .filter((d) => d !== 1 && shape[d] !== 1)
    .sort((a, b) => Math.abs(strides[a]) - Math.abs(strides[b]));
  let offsets = [layout.offset + c * strides[1]];
  let indices = [c * rowMajor[1]];
  for (const d of dims) {
    const nextOffsets: number[] = [];
    const nextIndices: number[] = [];
    for (let i = 0; i < shape[d]; i++)
      for (let k = 0; k < offsets.length; k++) {
        nextOffsets.push(offsets[k] + i * strides[d]);
        nextIndices.push(indices[k] + i * rowMajor[d]);
      }
    offsets = nextOffsets;
    indices = nextIndices;
  }
  return { offsets, indices };
}

/**
 * batch_norm_cpu_update_stats_template's non-contiguous path: `means` (at::mean's, given) and the sum of
 * squared deviations from them in double, the saved inverse standard deviation, and the running statistics
 * updated in place in double.
 */
export function batchNormStatsStrided(
  x: TypedArray,
  layout: Layout,
  means: TypedArray,
  momentum: number,
  eps: number,
  running: { mean: Dense; var: Dense } | null,
  dtype: DType,
): BatchNormStats {
  const channels = layout.shape[1];
  const r = dtype.cast;
  const invstd = allocate(dtype, channels);
  for (let c = 0; c < channels; c++) {
    const { offsets } = channelWalk(layout, c);
    const n = offsets.length;
    const mean = means[c];
    let varSum = 0;
    for (const o of offsets) varSum += (x[o] - mean) * (x[o] - mean);
    const v = varSum / n;
    invstd[c] = v !== 0 || eps !== 0 ? r(1 / Math.sqrt(v + eps)) : 0;
    if (running) {
      const rm = running.mean;
      rm.data[rm.offset + c] = r(momentum * mean + (1 - momentum) * rm.data[rm.offset + c]);
      const rv = running.var;
      rv.data[rv.offset + c] = r(momentum * (varSum / (n - 1)) + (1 - momentum) * rv.data[rv.offset + c]);
    }
  }
  return { mean: means, invstd };
}

/**
 * batch_norm_cpu_transform_input_template's TensorIterator path: ((x - mean) * invstd) * weight + bias per
 * element, in the element type; invstd is the saved one (training) or 1 / sqrt(running_var + eps) as tensor
 * ops compute it (evaluation). Returns the output in row-major order.
 */
export function batchNormTransformStrided(
  x: TypedArray,
  layout: Layout,
  weight: Dense | null,
  bias: Dense | null,
  stats: BatchNormStats | null,
  running: { mean: Dense; var: Dense } | null,
  eps: number,
  dtype: DType,
): TypedArray {
  const r = dtype.cast;
  const channels = layout.shape[1];
  const out = allocate(
    dtype,
    layout.shape.reduce((a, b) => a * b, 1),
  );
  for (let c = 0; c < channels; c++) {
    let mean: number;
    let invstd: number;
    if (stats) {
      mean = stats.mean[c];
      invstd = stats.invstd[c];
    } else {
      const rm = running as { mean: Dense; var: Dense };
      mean = rm.mean.data[rm.mean.offset + c];
      invstd = r(1 / r(Math.sqrt(r(rm.var.data[rm.var.offset + c] + r(eps)))));
    }
    const w = weight ? weight.data[weight.offset + c] : 1;
    const b = bias ? bias.data[bias.offset + c] : 0;
    const { offsets, indices } = channelWalk(layout, c);
    for (let k = 0; k < offsets.length; k++)
      out[indices[k]] = r(r(r(r(x[offsets[k]] - mean) * invstd) * w) + b);
  }
  return out;
}

/**
 * batch_norm_backward_cpu_template's TensorIterator path, taken when the gradient or the input is not
 * contiguous (e.g. the expanded ones of `.sum().backward()`): `sums` is at::sum(grad, reduce_dims) (a cascade
 * sum), the dot product of (x - mean) and grad is accumulated in double in the input's walk order. `dy` holds
 * the gradient's elements in row-major order; the gradients come back in row-major order.
 */
export function batchNormBackwardStrided(
  dy: Dense,
  x: TypedArray,
  layout: Layout,
  weight: Dense | null,
  stats: BatchNormStats | null,
  running: { mean: Dense; var: Dense } | null,
  eps: number,
  mask: readonly boolean[],
  sums: TypedArray,
  dtype: DType,
): NormGrads {
  const r = dtype.cast;
  const channels = layout.shape[1];
  const total = layout.shape.reduce((a, b) => a * b, 1);
  const gradInput = mask[0] ? allocate(dtype, total) : null;
  const gradWeight = mask[1] ? allocate(dtype, channels) : null;
  const gradBias = mask[2] ? allocate(dtype, channels) : null;
  const DY = dy.data;
  for (let c = 0; c < channels; c++) {
    const w = weight ? weight.data[weight.offset + c] : 1;
    let mu: number;
    let invstd: number;
    if (stats) {
      mu = stats.mean[c];
      invstd = stats.invstd[c];
    } else {
      const rm = running as { mean: Dense; var: Dense };
      mu = rm.mean.data[rm.mean.offset + c];
      invstd = r(1 / Math.sqrt(rm.var.data[rm.var.offset + c] + eps));
    }
    const { offsets, indices } = channelWalk(layout, c);
    const n = offsets.length;
    let dotp = 0;
    for (let k = 0; k < n; k++) dotp += r(r(x[offsets[k]] - mu) * DY[dy.offset + indices[k]]);
    if (gradInput) {
      const k = r(r(r(r(dotp) * invstd) * invstd) / n);
      const gm = r(sums[c] / n);
      for (let e = 0; e < n; e++) {
        const go = DY[dy.offset + indices[e]];
        gradInput[indices[e]] = stats
          ? r(r(r(r(go - gm) - r(r(x[offsets[e]] - mu) * k)) * invstd) * w)
          : r(r(go * invstd) * w);
      }
    }
    if (gradWeight) gradWeight[c] = r(dotp * invstd);
    if (gradBias) gradBias[c] = sums[c];
  }
  return { gradInput, gradWeight, gradBias };
}
