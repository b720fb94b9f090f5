// Derivatives of src/ops/nn_norm.ts: batch norm and layer norm, one node each with the inputs input, weight,
// bias (absent ones recorded as null). Both run PyTorch's backward kernels (native_batch_norm_backward,
// native_layer_norm_backward in src/ops/backward_ops.ts) for its bits, recorded under create_graph as the
// differentiable ops PyTorch records (NativeBatchNormBackwardBackward0, ...).
import { derivative } from "../../autograd/derivative.js";
import type { Tensor } from "../../tensor/tensor.js";
import {
  native_batch_norm_backward,
  native_layer_norm_backward,
  type BatchNormBackwardState,
} from "../backward_ops.js";
import { add, mul, sub } from "../elementwise.js";
import { rsqrt } from "../math.js";
import { mean, sum } from "../reduce.js";
import { var_ } from "../reduce_stats.js";

/** The input normalized over `dims` with its own (biased) statistics, and the inverse standard deviation. */
function normalized(input: Tensor, dims: number[], eps: number): [Tensor, Tensor] {
  const mu = mean(input, dims, true);
  const invstd = rsqrt(add(var_(input, dims, 0, true), eps));
  return [mul(sub(input, mu), invstd), invstd];
}

export type BatchNormSaved = BatchNormBackwardState;

export interface LayerNormSaved {
  input: Tensor;
  weight: Tensor | null;
  /** How many trailing dims are normalized. */
  normDims: number;
  eps: number;
  /** The forward kernel's per-row mean and 1 / std (null when the parameters' dtype kept it off the kernel). */
  mean: Tensor | null;
  rstd: Tensor | null;
}

/** native_layer_norm_backward over the last `normDims` dims, in tensor ops (parameters of another dtype). */
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
      (g, s, ctx) => native_batch_norm_backward(g, s, ctx.needsInputGrad),
    ],
  }),
  NativeLayerNormBackward0: derivative<LayerNormSaved>({
    "input, weight, bias": [
      "native_layer_norm_backward(grad, input, normalized_shape, result1, result2, weight, bias, grad_input_mask)",
      (g, s, ctx) =>
        s.mean && s.rstd
          ? native_layer_norm_backward(g, { ...s, mean: s.mean, rstd: s.rstd }, ctx.needsInputGrad)
          : layerNormBackward(g, s, ctx.needsInputGrad),
    ],
  }),
};
