// PyTorch's *_backward functions that derivative rows call (sigmoid_backward, threshold_backward,
// _softmax_backward_data, _log_softmax_backward_data, binary_cross_entropy_with_logits_backward, gelu_backward,
// native_layer_norm_backward, native_batch_norm_backward): one fused kernel each instead of several tensor ops,
// and differentiable themselves (their own rows), so double backward keeps working and the grad_fn names of
// a second-order graph are PyTorch's. Methods only: PyTorch keeps these out of the torch namespace.
import { no_grad } from "../autograd/grad_mode.js";
import { backend, type StridedArray } from "../backend/backend.js";
import * as jsKernels from "../backend/js/grad_kernels.js";
import * as jsLossKernels from "../backend/js/loss_kernels.js";
import type { NormGrads } from "../backend/js/norm_kernels.js";
import { batchNormBackwardStrided } from "../backend/js/norm_strided.js";
import { zeros } from "../tensor/creation.js";
import { broadcastShapes, normalizeDim, type Shape } from "../tensor/shape.js";
import { allocate, describe } from "../tensor/dtype.js";
import { Tensor } from "../tensor/tensor.js";
import {
  broadcastView,
  checkTensor,
  fromData,
  installMethods,
  needsGraph,
  record,
  recordOutputs,
  type AsMethod,
} from "./core.js";
import type { SavedOf } from "./derivatives/index.js";
import { gt, logical_and, lt, where } from "./elementwise.js";
import { dense, fromLayout, isChannelsLast, layoutOf, normKernels } from "./nn_norm.js";
import { sum } from "./reduce.js";

/** t read as `shape`, in dtype `like`'s dtype. */
function operand(t: Tensor, like: Tensor, shape: Shape): StridedArray {
  return broadcastView(t.dtype === like.dtype ? t : t.to(like.dtype), shape);
}

/** A 0-dim tensor of `like`'s dtype holding v. */
function scalarResult(v: number, like: Tensor): Tensor {
  const data = allocate(like.dtype, 1);
  data[0] = v;
  return Tensor._scalar(data, like.dtype);
}

/** The one value of a 0-dim tensor. */
const valueOf = (t: Tensor): number => t._storage.data[t._offset];

/** grad.\_sigmoid_backward(output) = grad * (1 - output) * output: SigmoidBackward0's kernel. */
export function _sigmoid_backward(grad: Tensor, output: Tensor): Tensor {
  checkTensor(output, "sigmoid_backward", "output");
  if (grad.ndim === 0 && output.ndim === 0 && grad.dtype === output.dtype) {
    // Scalar graphs (the tutorials): the kernel's arithmetic on the one element, without building views.
    const r = grad.dtype.cast;
    const y = valueOf(output);
    const out = scalarResult(r(r(valueOf(grad) * r(1 - y)) * y), grad);
    return record("SigmoidBackwardBackward0", [grad, output], out, () => ({ grad, output }));
  }
  const shape = broadcastShapes(grad.shape, output.shape);
  const kernel = backend().sigmoidBackward ?? jsKernels.sigmoidBackward;
  const out = fromData(kernel(operand(grad, grad, shape), operand(output, grad, shape)), shape, grad.dtype);
  return record("SigmoidBackwardBackward0", [grad, output], out, () => ({ grad, output }));
}

/** grad.\_threshold_backward(input, threshold) = input <= threshold ? 0 : grad: ReluBackward0's kernel. */
export function _threshold_backward(grad: Tensor, input: Tensor, threshold: number): Tensor {
  checkTensor(input, "threshold_backward", "self");
  if (typeof threshold !== "number")
    throw new TypeError(
      `threshold_backward(): argument 'threshold' must be Number, not ${describe(threshold)}`,
    );
  if (grad.ndim === 0 && input.ndim === 0 && grad.dtype === input.dtype) {
    const out = scalarResult(valueOf(input) <= threshold ? 0 : valueOf(grad), grad);
    return record("ThresholdBackwardBackward0", [grad, input], out, () => ({ self: input, threshold }));
  }
  const shape = broadcastShapes(grad.shape, input.shape);
  const kernel = backend().thresholdBackward ?? jsKernels.thresholdBackward;
  const out = fromData(
    kernel(operand(grad, grad, shape), operand(input, grad, shape), threshold),
    shape,
    grad.dtype,
  );
  return record("ThresholdBackwardBackward0", [grad, input], out, () => ({ self: input, threshold }));
}

function softmaxBackwardLike(grad: Tensor, output: Tensor, dim: number, log: boolean): Tensor {
  checkTensor(output, log ? "_log_softmax_backward_data" : "_softmax_backward_data", "output");
  const shape = output.shape;
  const d = normalizeDim(dim, shape.length);
  const kernel = backend().softmaxBackward ?? jsKernels.softmaxBackward;
  const out = fromData(
    kernel(operand(grad, output, shape), operand(output, output, shape), d, log),
    shape,
    output.dtype,
  );
  if (log) {
    return record("LogSoftmaxBackwardDataBackward0", [grad, output], out, () => ({
      gradOutput: grad,
      output,
      dim: d,
    }));
  }
  return record("SoftmaxBackwardDataBackward0", [grad, output], out, () => ({
    gradOutput: grad,
    output,
    dim: d,
  }));
}

/** grad.\_softmax_backward_data(output, dim) = (grad - sum(grad * output, dim)) * output. */
export function _softmax_backward_data(grad: Tensor, output: Tensor, dim: number): Tensor {
  return softmaxBackwardLike(grad, output, dim, false);
}

/** grad.\_log_softmax_backward_data(output, dim) = grad - exp(output) * sum(grad, dim). */
export function _log_softmax_backward_data(grad: Tensor, output: Tensor, dim: number): Tensor {
  return softmaxBackwardLike(grad, output, dim, true);
}

/**
 * input.\_bce_with_logits_backward(target, grad, divisor) = (sigmoid(input) - target) * grad / divisor: the
 * unweighted binary_cross_entropy_with_logits_backward. One fused kernel; the composite ops when a graph is
 * being recorded (double backward) or the dtypes differ, with the same digits either way.
 */
export function _bce_with_logits_backward(
  input: Tensor,
  target: Tensor,
  grad: Tensor,
  divisor: number,
): Tensor {
  checkTensor(target, "binary_cross_entropy_with_logits_backward", "target");
  checkTensor(grad, "binary_cross_entropy_with_logits_backward", "grad_output");
  const sameFloat =
    input.dtype.is_floating_point && target.dtype === input.dtype && grad.dtype === input.dtype;
  if (!sameFloat || needsGraph([input, target, grad])) {
    const v = input.sigmoid().sub(target).mul(grad);
    return divisor === 1 ? v : v.div(divisor);
  }
  const shape = input.shape;
  const kernel = backend().bceWithLogitsBackward ?? jsLossKernels.bceWithLogitsBackward;
  const out = kernel(
    operand(input, input, shape),
    operand(target, input, shape),
    operand(grad, input, shape),
    divisor,
  );
  return fromData(out, shape, input.dtype);
}

/**
 * grad.\_nll_loss_backward(self, target, weight, reduction, ignoreIndex, totalWeight): nll_loss_backward for 1-D
 * or 2-D input as one pass (zeros except -grad * weight[t] at each row's target), with the composite row's
 * digits. For the backward pass only: it records no graph (double backward uses the composite row).
 */
export function _nll_loss_backward(
  grad: Tensor,
  self: Tensor,
  target: Tensor,
  weight: Tensor | null,
  reduction: "none" | "mean" | "sum",
  ignoreIndex: number,
  totalWeight: Tensor,
): Tensor {
  const dtype = self.dtype;
  const r = dtype.cast;
  const classes = self.shape[self.ndim - 1];
  const rows = self.ndim === 1 ? 1 : self.shape[0];
  const out = allocate(dtype, self.numel());
  const targets = target.values();
  const weights = weight === null ? null : weight.to(dtype).values();
  const g = grad.to(dtype).values();
  const perRow = reduction === "none" && self.ndim > 1;
  const shared = reduction === "mean" ? r(g[0] / r(totalWeight.item())) : g[0];
  for (let i = 0; i < rows; i++) {
    const t = Number(targets[i]);
    if (t === ignoreIndex) continue;
    const coefficient = -(perRow ? g[i] : shared);
    out[i * classes + t] = weights === null ? coefficient : r(weights[t] * coefficient);
  }
  return fromData(out, self.shape, dtype);
}

/**
 * gelu_backward(grad, self, approximate): grad * gelu'(self), GeluBackward0's formula, with PyTorch's
 * GeluBackward kernels (the exact gelu's and the tanh approximation's).
 */
export function _gelu_backward(grad: Tensor, self: Tensor, approximate: "none" | "tanh" = "none"): Tensor {
  checkTensor(self, "gelu_backward", "self");
  const g = grad.dtype === self.dtype ? grad : grad.to(self.dtype);
  const gradIn = g.shape.length === self.shape.length && g.shape.every((d, i) => d === self.shape[i]);
  const values = gradIn ? g : g.expand(self.shape);
  const out =
    approximate === "tanh"
      ? fromData(jsKernels.geluTanhBackward(values._view(), self._view()), self.shape, self.dtype)
      : fromData(
          (backend().geluBackward ?? jsKernels.geluBackward)(values._view(), self._view()),
          self.shape,
          self.dtype,
        );
  return record("GeluBackwardBackward0", [grad, self], out, () => ({
    gradOutput: grad,
    self,
    approximate,
  }));
}

/**
 * hardtanh_backward(grad, self, min_val, max_val): grad where min_val < self < max_val, else 0. Its own node
 * (HardtanhBackwardBackward0), so a gradient taken with create_graph has a graph even when grad needs none.
 */
export function _hardtanh_backward(grad: Tensor, self: Tensor, minVal: number, maxVal: number): Tensor {
  const out = no_grad(() => where(logical_and(gt(self, minVal), lt(self, maxVal)), grad, 0));
  return record("HardtanhBackwardBackward0", [grad, self], out, () => ({ self, minVal, maxVal }));
}

/** The kernels' outputs as tensors of the shapes of input, weight and bias. */
function gradTensors(r: NormGrads, input: Tensor, paramShape: readonly number[]): (Tensor | null)[] {
  return [
    r.gradInput && fromData(r.gradInput, input.shape, input.dtype),
    r.gradWeight && fromData(r.gradWeight, paramShape, input.dtype),
    r.gradBias && fromData(r.gradBias, paramShape, input.dtype),
  ];
}

/**
 * A *_backward kernel's three gradients as one node's outputs (NativeLayerNormBackwardBackward0, ...) when a
 * graph is recorded, so the second pass sees each; the ones not asked for are left out of the result.
 */
function recordNormGrads<K extends "NativeLayerNormBackwardBackward0" | "NativeBatchNormBackwardBackward0">(
  name: K,
  inputs: [Tensor, Tensor, Tensor | null],
  grads: (Tensor | null)[],
  shapes: readonly (readonly number[])[],
  mask: readonly boolean[],
  saved: () => SavedOf<K>,
): (Tensor | null)[] {
  if (!needsGraph(inputs)) return grads.map((t, i) => (mask[i] ? t : null));
  const dtype = inputs[1].dtype;
  const outputs = grads.map((t, i) => t ?? zeros(shapes[i], { dtype }));
  recordOutputs(name, inputs, outputs, saved);
  return outputs.map((t, i) => (mask[i] ? t : null));
}

/** What native_layer_norm_backward reads: the forward's input, weight and its per-row statistics. */
export interface LayerNormBackwardState {
  input: Tensor;
  weight: Tensor | null;
  /** How many trailing dims are normalized. */
  normDims: number;
  mean: Tensor;
  rstd: Tensor;
}

/**
 * native_layer_norm_backward(grad_out, input, normalized_shape, mean, rstd, weight, bias, output_mask): the
 * gradients of input, weight and bias by LayerNormBackwardKernelImpl.
 */
export function native_layer_norm_backward(
  grad: Tensor,
  s: LayerNormBackwardState,
  mask: readonly boolean[],
): (Tensor | null)[] {
  const paramShape = s.input.shape.slice(s.input.ndim - s.normDims);
  const cols = paramShape.reduce((a, b) => a * b, 1);
  const rows = cols === 0 ? 0 : s.input.numel() / cols;
  const inputs: [Tensor, Tensor, Tensor | null] = [grad, s.input, s.weight];
  const recording = needsGraph(inputs);
  const r = normKernels().layerNormBackward(
    dense(grad.dtype === s.input.dtype ? grad : grad.to(s.input.dtype)),
    dense(s.input),
    dense(s.mean),
    dense(s.rstd),
    s.weight ? dense(s.weight) : null,
    rows,
    cols,
    [mask[0] || recording, (mask[1] || recording) && s.weight !== null, mask[2] || recording],
    s.input.dtype,
  );
  const grads = gradTensors(r, s.input, paramShape);
  return recordNormGrads(
    "NativeLayerNormBackwardBackward0",
    inputs,
    grads,
    [s.input.shape, paramShape, paramShape],
    mask,
    () => ({ ...s, gradOut: grad }),
  );
}

/** What native_batch_norm_backward reads: the forward's input, weight, and the statistics it normalized with. */
export interface BatchNormBackwardState {
  input: Tensor;
  weight: Tensor | null;
  /** Whether the forward normalized with the batch's statistics (training, or no running stats). */
  training: boolean;
  eps: number;
  /** The batch's mean and inverse standard deviation (save_mean, save_invstd) when it normalized with them. */
  saveMean: Tensor | null;
  saveInvstd: Tensor | null;
  /** The running statistics it normalized with otherwise, as they were then. */
  runningMean: Tensor | null;
  runningVar: Tensor | null;
}

/** Dims other than the channel dim (1): what batch norm reduces over. */
const exceptChannel = (ndim: number) => [0, ...Array.from({ length: ndim - 2 }, (_, i) => i + 2)];

/** batch_norm_cpu_backward_kernel's gradients of input, weight and bias, those `mask` asks for. */
function batchNormBackwardKernel(
  grad: Tensor,
  s: BatchNormBackwardState,
  mask: readonly boolean[],
): (Tensor | null)[] {
  const channels = s.input.shape[1];
  const shape = {
    batch: s.input.shape[0],
    channels,
    image: s.input.numel() / (s.input.shape[0] * channels) || 0,
  };
  const stats =
    s.saveMean && s.saveInvstd ? { mean: dense(s.saveMean).data, invstd: dense(s.saveInvstd).data } : null;
  const running =
    s.runningMean && s.runningVar ? { mean: dense(s.runningMean), var: dense(s.runningVar) } : null;
  const nhwc =
    !s.input.is_contiguous() && isChannelsLast(s.input) && !grad.is_contiguous() && isChannelsLast(grad);
  if (!nhwc && (!grad.is_contiguous() || !s.input.is_contiguous())) {
    // PyTorch's TensorIterator path: at::sum's cascade for the per-channel sums, then its own loops.
    const sums = dense(no_grad(() => sum(grad, exceptChannel(s.input.ndim)))).data;
    const r = batchNormBackwardStrided(
      dense(grad),
      s.input._storage.data,
      layoutOf(s.input),
      s.weight ? dense(s.weight) : null,
      stats,
      running,
      s.eps,
      mask,
      sums,
      s.input.dtype,
    );
    return gradTensors(r, s.input, [channels]);
  }
  const r = normKernels().batchNormBackward(
    nhwc ? { data: grad._storage.data, offset: grad._offset } : dense(grad),
    nhwc ? { data: s.input._storage.data, offset: s.input._offset } : dense(s.input),
    s.weight ? dense(s.weight) : null,
    stats,
    running,
    nhwc ? { batch: s.input.numel() / channels, channels, image: 1 } : shape,
    s.eps,
    mask,
    s.input.dtype,
  );
  return [
    r.gradInput && fromLayout(r.gradInput, s.input, nhwc),
    r.gradWeight && fromData(r.gradWeight, [channels], s.input.dtype),
    r.gradBias && fromData(r.gradBias, [channels], s.input.dtype),
  ];
}

/**
 * native_batch_norm_backward(grad_out, input, weight, running_mean, running_var, save_mean, save_invstd, train,
 * eps, output_mask): the gradients of input, weight and bias by batch_norm_cpu_backward_kernel.
 */
export function native_batch_norm_backward(
  grad: Tensor,
  s: BatchNormBackwardState,
  mask: readonly boolean[],
): (Tensor | null)[] {
  const g = grad.dtype === s.input.dtype ? grad : grad.to(s.input.dtype);
  const inputs: [Tensor, Tensor, Tensor | null] = [grad, s.input, s.weight];
  const channels = [s.input.shape[1]];
  // A recorded node has all three outputs, whichever the caller keeps.
  const grads = batchNormBackwardKernel(g, s, needsGraph(inputs) ? [true, true, true] : mask);
  return recordNormGrads(
    "NativeBatchNormBackwardBackward0",
    inputs,
    grads,
    [s.input.shape, channels, channels],
    mask,
    () => ({ ...s, gradOut: grad }),
  );
}

declare module "../tensor/tensor.js" {
  interface Tensor {
    _sigmoid_backward: AsMethod<typeof _sigmoid_backward>;
    _threshold_backward: AsMethod<typeof _threshold_backward>;
    _softmax_backward_data: AsMethod<typeof _softmax_backward_data>;
    _log_softmax_backward_data: AsMethod<typeof _log_softmax_backward_data>;
    _bce_with_logits_backward: AsMethod<typeof _bce_with_logits_backward>;
    _nll_loss_backward: AsMethod<typeof _nll_loss_backward>;
  }
}
installMethods({
  _sigmoid_backward,
  _threshold_backward,
  _softmax_backward_data,
  _log_softmax_backward_data,
  _bce_with_logits_backward,
  _nll_loss_backward,
});
