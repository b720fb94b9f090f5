// The native backend's layer norm and batch norm: native/norm.c, with the arithmetic of
// src/backend/js/norm_kernels.ts. Per-channel and per-row arrays go to C as views starting at their first
// element (the entry points read them from offset 0).
import type { BatchNormShape, BatchNormStats, Dense, NormGrads, NormKernels } from "../js/norm_kernels.js";
import { allocate, type DType } from "../../tensor/dtype.js";
import type { RawAddon } from "./addon.js";

type FloatArray = Float32Array | Float64Array;

/** An empty array of x's type, for an operand a call leaves out. */
const none = (like: FloatArray): FloatArray =>
  like instanceof Float32Array ? new Float32Array(0) : new Float64Array(0);

/** `count` elements of a dense operand from its offset, as a view C reads from 0. */
function from(d: Dense, count: number): FloatArray {
  return (d.data as FloatArray).subarray(d.offset, d.offset + count);
}

const fresh = (dtype: DType, n: number) => allocate(dtype, n) as FloatArray;

export function nativeNormKernels(addon: RawAddon): NormKernels {
  return {
    layerNorm(x, gamma, beta, rows, cols, eps, dtype) {
      const out = fresh(dtype, rows * cols);
      const mean = fresh(dtype, rows);
      const rstd = fresh(dtype, rows);
      const xs = x.data as FloatArray;
      addon.layerNorm(
        xs,
        x.offset,
        gamma ? (gamma.data as FloatArray) : none(xs),
        gamma ? gamma.offset : 0,
        gamma ? 1 : 0,
        beta ? (beta.data as FloatArray) : none(xs),
        beta ? beta.offset : 0,
        beta ? 1 : 0,
        rows,
        cols,
        eps,
        out,
        mean,
        rstd,
      );
      return { out, mean, rstd };
    },

    layerNormBackward(dy, x, mean, rstd, gamma, rows, cols, mask, dtype): NormGrads {
      const xs = x.data as FloatArray;
      const gradInput = mask[0] ? fresh(dtype, rows * cols) : null;
      const gradWeight = mask[1] ? fresh(dtype, cols) : null;
      const gradBias = mask[2] ? fresh(dtype, cols) : null;
      addon.layerNormBackward(
        dy.data as FloatArray,
        dy.offset,
        xs,
        x.offset,
        from(mean, rows),
        from(rstd, rows),
        gamma ? (gamma.data as FloatArray) : none(xs),
        gamma ? gamma.offset : 0,
        gamma ? 1 : 0,
        rows,
        cols,
        (mask[0] ? 1 : 0) | (mask[1] ? 2 : 0) | (mask[2] ? 4 : 0),
        gradInput ?? none(xs),
        gradWeight ?? none(xs),
        gradBias ?? none(xs),
      );
      return { gradInput, gradWeight, gradBias };
    },

    batchNormStats(x, shape: BatchNormShape, momentum, eps, running, dtype): BatchNormStats {
      const xs = x.data as FloatArray;
      const mean = fresh(dtype, shape.channels);
      const invstd = fresh(dtype, shape.channels);
      addon.batchNormStats(
        xs,
        x.offset,
        shape.batch,
        shape.channels,
        shape.image,
        momentum,
        eps,
        running ? 1 : 0,
        running ? from(running.mean, shape.channels) : none(xs),
        running ? from(running.var, shape.channels) : none(xs),
        mean,
        invstd,
      );
      return { mean, invstd };
    },

    batchNormTransform(x, weight, bias, stats, running, shape, eps, dtype) {
      const xs = x.data as FloatArray;
      const out = fresh(dtype, shape.batch * shape.channels * shape.image);
      const c = shape.channels;
      const [mean, stat] = stats
        ? [stats.mean as FloatArray, stats.invstd as FloatArray]
        : [from(running!.mean, c), from(running!.var, c)];
      addon.batchNormTransform(
        xs,
        x.offset,
        weight ? from(weight, c) : none(xs),
        weight ? 1 : 0,
        bias ? from(bias, c) : none(xs),
        bias ? 1 : 0,
        mean,
        stat,
        stats ? 1 : 0,
        shape.batch,
        c,
        shape.image,
        eps,
        out,
      );
      return out;
    },

    batchNormBackward(dy, x, weight, stats, running, shape, eps, mask, dtype): NormGrads {
      const xs = x.data as FloatArray;
      const c = shape.channels;
      const gradInput = mask[0] ? fresh(dtype, shape.batch * c * shape.image) : null;
      const gradWeight = mask[1] ? fresh(dtype, c) : null;
      const gradBias = mask[2] ? fresh(dtype, c) : null;
      const [mean, stat] = stats
        ? [stats.mean as FloatArray, stats.invstd as FloatArray]
        : [from(running!.mean, c), from(running!.var, c)];
      addon.batchNormBackward(
        dy.data as FloatArray,
        dy.offset,
        xs,
        x.offset,
        weight ? from(weight, c) : none(xs),
        weight ? 1 : 0,
        mean,
        stat,
        stats ? 1 : 0,
        shape.batch,
        c,
        shape.image,
        eps,
        (mask[0] ? 1 : 0) | (mask[1] ? 2 : 0) | (mask[2] ? 4 : 0),
        gradInput ?? none(xs),
        gradWeight ?? none(xs),
        gradBias ?? none(xs),
      );
      return { gradInput, gradWeight, gradBias };
    },
  };
}
