// Derivatives of src/ops/nn_norm.ts: batch norm and layer norm, one node each with the inputs input, weight,
// bias (absent ones recorded as null). The normalized input is recomputed from the input itself, so
// create_graph sees its dependence on the input and double backward works.
import { derivative } from "../../autograd/derivative.js";
import type { Tensor } from "../../tensor/tensor.js";
import { add, div, mul, sub } from "../elementwise.js";
import { rsqrt } from "../math.js";
import { mean, sum } from "../reduce.js";
import { var_ } from "../reduce_stats.js";
import { reshape } from "../shape.js";

/** Dims other than the channel dim (1): what batch norm reduces over. */
const exceptChannel = (ndim: number) => [0, ...Array.from({ length: ndim - 2 }, (_, i) => i + 2)];

/** The input normalized over `dims` with its own (biased) statistics, and the inverse standard deviation. */
function normalized(input: Tensor, dims: number[], eps: number): [Tensor, Tensor] {
  const mu = mean(input, dims, true);
  const invstd = rsqrt(add(var_(input, dims, 0, true), eps));
  return [mul(sub(input, mu), invstd), invstd];
}

export interface BatchNormSaved {
  input: Tensor;
  weight: Tensor | null;
  /** Whether the forward normalized with the batch's statistics (training, or no running stats). */
  training: boolean;
  eps: number;
  runningMean: Tensor | null;
  runningInvstd: Tensor | null;
}

/** native_batch_norm_backward: training uses the batch's statistics; eval the running ones (constants here). */
function batchNormBackward(g: Tensor, s: BatchNormSaved, mask: readonly boolean[]): (Tensor | null)[] {
  const dims = exceptChannel(s.input.ndim);
  const shape = [1, s.input.shape[1], ...Array<number>(s.input.ndim - 2).fill(1)];
  let xhat: Tensor;
  let invstd: Tensor;
  if (s.training || !s.runningMean || !s.runningInvstd) {
    [xhat, invstd] = normalized(s.input, dims, s.eps);
  } else {
    invstd = reshape(s.runningInvstd, shape);
    xhat = mul(sub(s.input, reshape(s.runningMean, shape)), invstd);
  }
  const gw = sum(mul(g, xhat), dims);
  const gb = sum(g, dims);
  const scale = s.weight ? mul(invstd, reshape(s.weight, shape)) : invstd;
  let gradInput: Tensor | null = null;
  if (mask[0]) {
    if (s.training) {
      const count = s.input.numel() / s.input.shape[1];
      const centred = sub(sub(g, div(reshape(gb, shape), count)), mul(xhat, div(reshape(gw, shape), count)));
      gradInput = mul(centred, scale);
    } else {
      gradInput = mul(g, scale);
    }
  }
  return [gradInput, mask[1] ? gw : null, mask[2] ? gb : null];
}

export interface LayerNormSaved {
  input: Tensor;
  weight: Tensor | null;
  /** How many trailing dims are normalized. */
  normDims: number;
  eps: number;
}

/** native_layer_norm_backward over the last `normDims` dims. */
function layerNormBackward(g: Tensor, s: LayerNormSaved, mask: readonly boolean[]): (Tensor | null)[] {
  const nd = s.input.ndim;
  const dims = Array.from({ length: s.normDims }, (_, i) => nd - s.normDims + i);
  const batchDims = Array.from({ length: nd - s.normDims }, (_, i) => i);
  const [xhat, invstd] = normalized(s.input, dims, s.eps);
  let gradInput: Tensor | null = null;
  if (mask[0]) {
    const gx = s.weight ? mul(g, s.weight) : g;
    const centred = sub(sub(gx, mean(gx, dims, true)), mul(xhat, mean(mul(gx, xhat), dims, true)));
    gradInput = mul(centred, invstd);
  }
  const reduceBatch = (t: Tensor) => (batchDims.length ? sum(t, batchDims) : t);
  const gw = mask[1] ? reduceBatch(mul(g, xhat)) : null;
  const gb = mask[2] ? reduceBatch(g) : null;
  return [gradInput, gw, gb];
}

export const NN_NORM_DERIVATIVES = {
  NativeBatchNormBackward0: derivative<BatchNormSaved>({
    "input, weight, bias": [
      "native_batch_norm_backward(grad, input, weight, running_mean, running_var, result1, result2, training, eps, grad_input_mask)",
      (g, s, ctx) => batchNormBackward(g, s, ctx.needsInputGrad),
    ],
  }),
  NativeLayerNormBackward0: derivative<LayerNormSaved>({
    "input, weight, bias": [
      "native_layer_norm_backward(grad, input, normalized_shape, result1, result2, weight, bias, grad_input_mask)",
      (g, s, ctx) => layerNormBackward(g, s, ctx.needsInputGrad),
    ],
  }),
};
