// Derivative rows for conv, pooling, normalization and embedding layers. Formulas are tensor
// methods over the saved inputs (im2col/col2im from src/nn/ops/windows.ts), so double backward works.
import { is_grad_enabled } from "../../autograd/grad_mode.js";
import { NotImplementedError } from "../../errors.js";
import { zeros } from "../../tensor/creation.js";
import type { Tensor } from "../../tensor/tensor.js";
import { foldWindows, unfoldWindows, type WindowPlan } from "../nn_windows.js";
import { row } from "./row.js";

/** Dims other than the channel dim (1): what batch norm reduces over. */
const exceptChannel = (ndim: number) => [0, ...Array.from({ length: ndim - 2 }, (_, i) => i + 2)];

/** Recomputes batch/layer norm's normalized input from the input itself (so create_graph sees it). */
function normalized(input: Tensor, dims: number[], eps: number): [Tensor, Tensor] {
  const mean = input.mean(dims, true);
  const invstd = input.var(dims, false, true).add(eps).rsqrt();
  return [input.sub(mean).mul(invstd), invstd];
}

/** Average pooling's state: its windows and each output's divisor ([L]). */
export interface PoolSaved {
  inputShape: number[];
  shape4: number[];
  plan: WindowPlan;
  divisor: Tensor;
}

/** Each output's gradient spread evenly over the input elements of its window. */
function spreadOverWindows(g: Tensor, s: PoolSaved): Tensor {
  const [n, c] = s.shape4;
  const per = g.reshape(n, c, 1, s.plan.outCount).div(s.divisor);
  const cols = per.expand(n, c, s.plan.kernelCount, s.plan.outCount);
  return foldWindows(cols, s.plan, s.shape4).reshape(s.inputShape);
}

export const CONV_DERIVATIVES = {
  // Inputs: input, weight[, bias]. Input grad is the transposed conv (W^T @ g, then col2im);
  // weight grad is g @ im2col(input)^T summed over the batch; bias grad sums g over all but channels.
  // cols: im2col of the input saved by the forward; rebuilt from input under create_graph so the
  // weight gradient stays differentiable w.r.t. the input.
  ConvolutionBackward0: row<{
    input: Tensor;
    weight: Tensor;
    plan: WindowPlan;
    groups: number;
    cols: Tensor;
  }>((g, s, ctx) => {
    const { input, weight, plan, groups } = s;
    const [n, cIn] = input.shape;
    const cOut = weight.shape[0];
    const perGroup = (cIn / groups) * plan.kernelCount;
    const gFlat = g.reshape(n, groups, cOut / groups, plan.outCount);
    let gradInput: Tensor | null = null;
    if (ctx.needsInputGrad[0]) {
      const wMat = weight.reshape(groups, cOut / groups, perGroup);
      const gradCols = wMat.transpose(1, 2).matmul(gFlat).reshape(n, cIn, plan.kernelCount, plan.outCount);
      gradInput = foldWindows(gradCols, plan, input.shape);
    }
    let gradWeight: Tensor | null = null;
    if (ctx.needsInputGrad[1]) {
      const unfolded = is_grad_enabled() && input.requires_grad ? unfoldWindows(input, plan) : s.cols;
      const cols = unfolded.reshape(n, groups, perGroup, plan.outCount);
      gradWeight = gFlat
        .matmul(cols.transpose(2, 3))
        .sum(0)
        .reshape(weight.shape as number[]);
    }
    const gradBias = ctx.needsInputGrad[2] ? g.sum(exceptChannel(g.ndim)) : null;
    return [gradInput, gradWeight, gradBias];
  }),

  // indices: flat spatial position of each output's maximum ([N, C, L]).
  // shape4 is the input's batched shape (an unbatched input gets a batch of 1).
  MaxPool2DWithIndicesBackward0: row<{ inputShape: number[]; shape4: number[]; indices: Tensor }>((g, s) => {
    const [n, c] = s.shape4;
    const flatIdx = s.indices.reshape(n, c, -1);
    const spatial = s.shape4.slice(2).reduce((a, b) => a * b, 1);
    const grad = zeros([n, c, spatial], { dtype: g.dtype }).scatter_add(2, flatIdx, g.reshape(n, c, -1));
    return [grad.reshape(s.inputShape)];
  }),

  // divisor: [L] per-output divisor; the output's gradient spreads evenly over its window.
  AvgPool2DBackward0: row<PoolSaved>((g, s) => [spreadOverWindows(g, s)]),
  AdaptiveAvgPool2DBackward0: row<PoolSaved>((g, s) => [spreadOverWindows(g, s)]),

  // Inputs: input[, weight, bias]. Training: statistics of the batch (recomputed from input);
  // eval: the running statistics, constants here.
  NativeBatchNormBackward0: row<{
    input: Tensor;
    weight: Tensor | null;
    training: boolean;
    eps: number;
    runningMean: Tensor | null;
    runningInvstd: Tensor | null;
  }>((g, s, ctx) => {
    const dims = exceptChannel(s.input.ndim);
    const shape = [1, s.input.shape[1], ...Array<number>(s.input.ndim - 2).fill(1)];
    let xhat: Tensor;
    let invstd: Tensor;
    if (s.training || !s.runningMean || !s.runningInvstd) {
      [xhat, invstd] = normalized(s.input, dims, s.eps);
    } else {
      invstd = s.runningInvstd.reshape(shape);
      xhat = s.input.sub(s.runningMean.reshape(shape)).mul(invstd);
    }
    const gw = g.mul(xhat).sum(dims);
    const gb = g.sum(dims);
    const scale = s.weight ? invstd.mul(s.weight.reshape(shape)) : invstd;
    let gradInput: Tensor | null = null;
    if (ctx.needsInputGrad[0]) {
      if (s.training) {
        const count = s.input.numel() / s.input.shape[1];
        const centred = g.sub(gb.reshape(shape).div(count)).sub(xhat.mul(gw.reshape(shape).div(count)));
        gradInput = centred.mul(scale);
      } else {
        gradInput = g.mul(scale);
      }
    }
    return [gradInput, ctx.needsInputGrad[1] ? gw : null, ctx.needsInputGrad[2] ? gb : null];
  }),

  // Inputs: input[, weight, bias]; normalizes over the last `normDims` dims.
  NativeLayerNormBackward0: row<{ input: Tensor; weight: Tensor | null; normDims: number; eps: number }>(
    (g, s, ctx) => {
      const nd = s.input.ndim;
      const dims = Array.from({ length: s.normDims }, (_, i) => nd - s.normDims + i);
      const batchDims = Array.from({ length: nd - s.normDims }, (_, i) => i);
      const [xhat, invstd] = normalized(s.input, dims, s.eps);
      let gradInput: Tensor | null = null;
      if (ctx.needsInputGrad[0]) {
        const gx = s.weight ? g.mul(s.weight) : g;
        const centred = gx.sub(gx.mean(dims, true)).sub(xhat.mul(gx.mul(xhat).mean(dims, true)));
        gradInput = centred.mul(invstd);
      }
      const gw = ctx.needsInputGrad[1] ? (batchDims.length ? g.mul(xhat).sum(batchDims) : g.mul(xhat)) : null;
      const gb = ctx.needsInputGrad[2] ? (batchDims.length ? g.sum(batchDims) : g) : null;
      return [gradInput, gw, gb];
    },
  ),

  // Input: weight. Rows of padding_idx get no gradient; with scale_grad_by_freq, each row's gradient is
  // divided by how often its index occurs (`scale`: 1 / count per index position).
  EmbeddingBackward0: row<{
    indices: Tensor;
    numWeights: number;
    paddingIdx: number | null;
    scale: Tensor | null;
    sparse: boolean;
  }>((g, s) => {
    if (s.sparse)
      throw new NotImplementedError(
        "tensorgrad has no sparse tensors: the gradient of F.embedding(sparse=True) cannot be computed; use sparse=False",
      );
    const dim = g.shape[g.ndim - 1];
    const flatIdx = s.indices.reshape(-1);
    let src = g.reshape(-1, dim);
    if (s.scale !== null) src = src.mul(s.scale.unsqueeze(1));
    if (s.paddingIdx !== null) src = src.masked_fill(flatIdx.eq(s.paddingIdx).unsqueeze(1), 0);
    return [zeros([s.numWeights, dim], { dtype: g.dtype }).index_add(0, flatIdx, src)];
  }),
};
