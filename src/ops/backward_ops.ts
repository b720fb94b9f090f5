// PyTorch's *_backward functions that derivative rows call (sigmoid_backward, threshold_backward,
// _softmax_backward_data, _log_softmax_backward_data, binary_cross_entropy_with_logits_backward): one fused kernel each instead of several tensor ops,
// and differentiable themselves (their own rows), so double backward keeps working and the grad_fn names of
// a second-order graph are PyTorch's. Methods only: PyTorch keeps these out of the torch namespace.
import { backend, type StridedArray } from "../backend/backend.js";
import * as jsKernels from "../backend/js/grad_kernels.js";
import * as jsLossKernels from "../backend/js/loss_kernels.js";
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
  type AsMethod,
} from "./core.js";

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
