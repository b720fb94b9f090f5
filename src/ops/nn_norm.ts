// F.batch_norm and F.layer_norm, each recorded as PyTorch's one node (NativeBatchNormBackward0,
// NativeLayerNormBackward0). Statistics are computed in float64 like PyTorch's CPU accumulators.
import { no_grad } from "../autograd/grad_mode.js";
import { IndexError, RuntimeError, ValueError } from "../errors.js";
import { definePython } from "../signatures/registry.js";
import { record } from "./core.js";
import { float64 } from "../tensor/dtype.js";
import type { Tensor } from "../tensor/tensor.js";

/**
 * F.batch_norm(input, running_mean, running_var, weight=None, bias=None, training=False, momentum=0.1,
 * eps=1e-5): functional.py's batch-size check, then torch.batch_norm's.
 */
export function batch_norm(
  input: Tensor,
  running_mean: Tensor | null,
  running_var: Tensor | null,
  weight: Tensor | null = null,
  bias: Tensor | null = null,
  training = false,
  momentum = 0.1,
  eps = 1e-5,
): Tensor {
  if (training) {
    // functional.py's _verify_batch_size: size[0] * size[2] * ... (size[0] of a 0-dim size is an IndexError).
    if (input.ndim === 0) throw new IndexError("tuple index out of range");
    const perChannel = input.shape.reduce((a, b, i) => (i === 1 ? a : a * b), 1);
    if (perChannel === 1)
      throw new ValueError(
        `Expected more than 1 value per channel when training, got input size torch.Size([${input.shape.join(", ")}])`,
      );
  }
  // _batch_norm_impl_index's checks, in its order (a 1-D input reads its channel count as 0 there).
  const channels = input.ndim > 1 ? input.shape[1] : 0;
  for (const [name, t, needed] of [
    ["running_mean", running_mean, !training],
    ["running_var", running_var, !training],
    ["weight", weight, false],
    ["bias", bias, false],
  ] as const) {
    if (t === null && needed) throw new RuntimeError(`${name} must be defined in evaluation mode`);
    if (t !== null && t.numel() !== channels)
      throw new RuntimeError(`${name} should contain ${channels} elements not ${t.numel()}`);
  }
  if (input.ndim < 2)
    throw new IndexError("Dimension out of range (expected to be in range of [-1, 0], but got 1)");
  if (!input.dtype.is_floating_point)
    throw new RuntimeError(`"batch_norm" not implemented for '${input.dtype.scalarTypeName}'`);
  if ([weight, bias, running_mean, running_var].some((t) => t !== null && t.dtype !== input.dtype))
    throw new RuntimeError("mixed dtype (CPU): expect input to have scalar type of BFloat16");
  const dims = [0, ...Array.from({ length: input.ndim - 2 }, (_, i) => i + 2)];
  const shape = [1, channels, ...Array<number>(input.ndim - 2).fill(1)];
  const useBatchStats = training || running_mean === null || running_var === null;
  const { out, runningInvstd } = no_grad(() => {
    const x64 = input.to(float64);
    let mean: Tensor;
    let invstd: Tensor;
    if (useBatchStats) {
      mean = x64.mean(dims);
      const biased = x64.var(dims, false);
      invstd = biased.add(eps).rsqrt();
      if (training && running_mean !== null && running_var !== null) {
        const count = input.numel() / channels;
        const unbiased = biased.mul(count / (count - 1));
        running_mean.copy_(mean.mul(momentum).add(running_mean.to(float64).mul(1 - momentum)));
        running_var.copy_(unbiased.mul(momentum).add(running_var.to(float64).mul(1 - momentum)));
      }
    } else {
      mean = (running_mean as Tensor).to(float64);
      invstd = (running_var as Tensor).to(float64).add(eps).rsqrt();
    }
    // y = x * alpha + beta with alpha = invstd * weight and beta = bias - mean * alpha, like PyTorch's kernel.
    const alpha = weight ? invstd.mul(weight.to(float64)) : invstd;
    const beta = bias ? bias.to(float64).sub(mean.mul(alpha)) : mean.mul(alpha).neg();
    const y = input.mul(alpha.to(input.dtype).reshape(shape)).add(beta.to(input.dtype).reshape(shape));
    return {
      out: y.detach(),
      runningInvstd: useBatchStats ? null : invstd.to(input.dtype).detach(),
    };
  });
  return record("NativeBatchNormBackward0", [input, weight, bias], out, () => ({
    input,
    weight,
    training: useBatchStats,
    eps,
    runningMean: useBatchStats ? null : (running_mean as Tensor).detach().clone(),
    runningInvstd,
  }));
}

/** F.layer_norm(input, normalized_shape, weight=None, bias=None, eps=1e-5). */
export function layer_norm(
  input: Tensor,
  normalized_shape: readonly number[],
  weight: Tensor | null = null,
  bias: Tensor | null = null,
  eps = 1e-5,
): Tensor {
  const normShape = [...normalized_shape];
  const nd = normShape.length;
  const tail = input.shape.slice(input.ndim - nd);
  if (input.ndim < nd || tail.some((s, i) => s !== normShape[i]))
    throw new RuntimeError(
      `Given normalized_shape=[${normShape.join(", ")}], expected input with shape [*, ${normShape.join(", ")}], but got input of size[${input.shape.join(", ")}]`,
    );
  for (const [name, t] of [
    ["weight", weight],
    ["bias", bias],
  ] as const) {
    if (t !== null && (t.ndim !== nd || t.shape.some((s, i) => s !== normShape[i])))
      throw new RuntimeError(
        `Expected ${name} to be of same shape as normalized_shape, but got ${name} of shape [${t.shape.join(", ")}] and normalized_shape = [${normShape.join(", ")}]`,
      );
  }
  const dims = Array.from({ length: nd }, (_, i) => input.ndim - nd + i);
  const out = no_grad(() => {
    const x64 = input.to(float64);
    const mean = x64.mean(dims, true);
    const rstd = x64.var(dims, false, true).add(eps).rsqrt();
    let y = input.sub(mean.to(input.dtype)).mul(rstd.to(input.dtype));
    if (weight) y = y.mul(weight);
    if (bias) y = y.add(bias);
    return y.detach();
  });
  return record("NativeLayerNormBackward0", [input, weight, bias], out, () => ({
    input,
    weight,
    normDims: nd,
    eps,
  }));
}

definePython("torch.nn.functional", {
  "batch_norm(input: Tensor, running_mean: Tensor | None, running_var: Tensor | None, weight: Tensor | None = None, bias: Tensor | None = None, training: bool = False, momentum: float = 0.1, eps: float = 1e-05) -> Tensor":
    batch_norm,
  "layer_norm(input: Tensor, normalized_shape: int[], weight: Tensor | None = None, bias: Tensor | None = None, eps: float = 1e-05) -> Tensor":
    layer_norm,
});
