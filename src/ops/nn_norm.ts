// F.batch_norm and F.layer_norm, each recorded as PyTorch's one node (NativeBatchNormBackward0,
// NativeLayerNormBackward0), computed by ports of PyTorch's CPU kernels (src/backend/js/norm_kernels.ts).
import { no_grad } from "../autograd/grad_mode.js";
import { backend } from "../backend/backend.js";
import {
  jsNormKernels,
  type BatchNormStats,
  type Dense,
  type NormKernels,
} from "../backend/js/norm_kernels.js";
import { batchNormStatsStrided, batchNormTransformStrided, type Layout } from "../backend/js/norm_strided.js";
import { IndexError, RuntimeError, ValueError } from "../errors.js";
import { definePython } from "../signatures/registry.js";
import { fromData, record } from "./core.js";
import { mean } from "./reduce.js";
import { permute } from "./shape.js";
import type { TypedArray } from "../tensor/dtype.js";
import type { Tensor } from "../tensor/tensor.js";

/** The active backend's norm kernels. */
export const normKernels = (): NormKernels => backend().norm ?? jsNormKernels;

/** Where a tensor's elements sit in its storage. */
export const layoutOf = (t: Tensor): Layout => ({ offset: t._offset, shape: t.shape, strides: t._strides });

/**
 * Whether a 4-D tensor is laid out channels-last (NHWC), as PyTorch's is_contiguous(ChannelsLast) decides:
 * strides of size-1 dims don't count.
 */
export function isChannelsLast(t: Tensor): boolean {
  if (t.ndim !== 4) return false;
  const [, c, h, w] = t.shape;
  const expected = [h * w * c, 1, w * c, c];
  return t._strides.every((s, d) => t.shape[d] === 1 || s === expected[d]);
}

/** A kernel's output in `like`'s layout: row-major, or NHWC (a channels-last tensor) when `nhwc`. */
export function fromLayout(data: TypedArray, like: Tensor, nhwc: boolean): Tensor {
  if (!nhwc) return fromData(data, like.shape, like.dtype);
  const [n, c, h, w] = like.shape;
  return permute(fromData(data, [n, h, w, c], like.dtype), [0, 3, 1, 2]);
}

/** A tensor's elements in row-major order, as the kernels read them. */
export function dense(t: Tensor): Dense {
  const c = t.contiguous();
  return { data: c._storage.data, offset: c._offset };
}

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
  return batchNorm(input, running_mean, running_var, weight, bias, training, momentum, eps);
}

/** aten's batch_norm (torch.batch_norm, and instance_norm's inner call): no batch-size check. */
export function batchNorm(
  input: Tensor,
  running_mean: Tensor | null,
  running_var: Tensor | null,
  weight: Tensor | null,
  bias: Tensor | null,
  training: boolean,
  momentum: number,
  eps: number,
): Tensor {
  // _batch_norm_impl_index returns an empty input (1-D included) before any other check, as
  // input.clone() * weight[0] + bias[0]: an empty weight or bias fails at its select.
  if (input.numel() === 0) {
    let out = input.clone();
    if (weight !== null) out = out.mul(weight.select(0, 0));
    if (bias !== null) out = out.add(bias.select(0, 0));
    return out;
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
  if (input.ndim === 0) throw new IndexError("Dimension specified as 1 but tensor has no dimensions");
  if (input.ndim < 2)
    throw new IndexError("Dimension out of range (expected to be in range of [-1, 0], but got 1)");
  if (!input.dtype.is_floating_point)
    throw new RuntimeError(`"batch_norm" not implemented for '${input.dtype.scalarTypeName}'`);
  if ([weight, bias, running_mean, running_var].some((t) => t !== null && t.dtype !== input.dtype))
    throw new RuntimeError("mixed dtype (CPU): expect input to have scalar type of BFloat16");
  const useBatchStats = training || running_mean === null || running_var === null;
  const shape = { batch: input.shape[0], channels, image: input.numel() / (input.shape[0] * channels) || 0 };
  // A strided input takes PyTorch's TensorIterator paths (norm_strided.ts), a contiguous one its kernels.
  const layout = layoutOf(input);
  // A channels-last 4-D input runs the channels-last kernels over its N*H*W rows of C, in its own layout.
  const nhwc = !input.is_contiguous() && isChannelsLast(input);
  const kernelShape = nhwc ? { batch: input.numel() / channels, channels, image: 1 } : shape;
  const x = input.is_contiguous() || nhwc ? { data: input._storage.data, offset: input._offset } : null;
  let stats: BatchNormStats | null = null;
  if (useBatchStats) {
    const running =
      training && running_mean !== null && running_var !== null
        ? { mean: dense(running_mean.detach().clone()), var: dense(running_var.detach().clone()) }
        : null;
    const reduced = [0, ...Array.from({ length: input.ndim - 2 }, (_, i) => i + 2)];
    stats = x
      ? normKernels().batchNormStats(x, kernelShape, momentum, eps, running, input.dtype)
      : batchNormStatsStrided(
          input._storage.data,
          layout,
          dense(no_grad(() => mean(input, reduced))).data,
          momentum,
          eps,
          running,
          input.dtype,
        );
    if (running && running_mean && running_var) {
      // The running statistics are updated in place, as PyTorch's kernel writes them.
      const [rm, rv] = [running_mean, running_var];
      no_grad(() => {
        rm.copy_(fromData(running.mean.data, rm.shape, rm.dtype));
        rv.copy_(fromData(running.var.data, rv.shape, rv.dtype));
      });
    }
  }
  const runningSaved =
    stats === null
      ? { mean: (running_mean as Tensor).detach().clone(), var: (running_var as Tensor).detach().clone() }
      : null;
  const [w, b, runningStats] = [
    weight ? dense(weight) : null,
    bias ? dense(bias) : null,
    runningSaved ? { mean: dense(runningSaved.mean), var: dense(runningSaved.var) } : null,
  ];
  const out = x
    ? fromLayout(
        normKernels().batchNormTransform(x, w, b, stats, runningStats, kernelShape, eps, input.dtype),
        input,
        nhwc,
      )
    : fromData(
        batchNormTransformStrided(input._storage.data, layout, w, b, stats, runningStats, eps, input.dtype),
        input.shape,
        input.dtype,
      );
  return record("NativeBatchNormBackward0", [input, weight, bias], out, () => ({
    input,
    weight,
    training: useBatchStats,
    eps,
    saveMean: stats ? fromData(stats.mean, [channels], input.dtype) : null,
    saveInvstd: stats ? fromData(stats.invstd, [channels], input.dtype) : null,
    runningMean: runningSaved ? runningSaved.mean : null,
    runningVar: runningSaved ? runningSaved.var : null,
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
  // _check_layer_norm_inputs, in its order: normalized_shape, weight, bias, then the input's shape.
  if (nd === 0)
    throw new RuntimeError(
      "Expected normalized_shape to be at least 1-dimensional, i.e., containing at least one element, but got normalized_shape = []",
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
  const tail = input.shape.slice(input.ndim - nd);
  if (input.ndim < nd || tail.some((s, i) => s !== normShape[i]))
    throw new RuntimeError(
      `Given normalized_shape=[${normShape.join(", ")}], expected input with shape [*, ${normShape.join(", ")}], but got input of size[${input.shape.join(", ")}]`,
    );
  // layer_norm_cpu's dispatch on the input's dtype (floating only), then the kernel's reads of gamma and beta
  // as the input's scalar type.
  if (!input.dtype.is_floating_point)
    throw new RuntimeError(`"LayerNormKernelImpl" not implemented for '${input.dtype.scalarTypeName}'`);
  for (const t of [weight, bias])
    if (t !== null && t.dtype !== input.dtype)
      throw new RuntimeError(
        `expected scalar type ${input.dtype.scalarTypeName} but found ${t.dtype.scalarTypeName}`,
      );
  const cols = normShape.reduce((a, b) => a * b, 1);
  const rows = cols === 0 ? 0 : input.numel() / cols;
  const r = normKernels().layerNorm(
    dense(input),
    weight ? dense(weight) : null,
    bias ? dense(bias) : null,
    rows,
    cols,
    eps,
    input.dtype,
  );
  const out = fromData(r.out, input.shape, input.dtype);
  const stats = { mean: fromData(r.mean, [rows], input.dtype), rstd: fromData(r.rstd, [rows], input.dtype) };
  return record("NativeLayerNormBackward0", [input, weight, bias], out, () => ({
    input,
    weight,
    normDims: nd,
    eps,
    mean: stats.mean,
    rstd: stats.rstd,
  }));
}

definePython("torch.nn.functional", {
  "batch_norm(input: Tensor, running_mean: Tensor | None, running_var: Tensor | None, weight: Tensor | None = None, bias: Tensor | None = None, training: bool = False, momentum: float = 0.1, eps: float = 1e-05) -> Tensor":
    batch_norm,
  "layer_norm(input: Tensor, normalized_shape: int[], weight: Tensor | None = None, bias: Tensor | None = None, eps: float = 1e-05) -> Tensor":
    layer_norm,
});
