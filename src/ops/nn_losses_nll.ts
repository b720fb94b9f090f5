// F.nll_loss and F.cross_entropy as PyTorch 1.13 computes them (aten/src/ATen/native/LossNLL.cpp and
// LossNLL2d.cpp): nll_loss_nd dispatches 1-D/2-D input to nll_loss and 4-D to nll_loss2d (others are viewed
// as 4-D), and the reduced forward sums with PyTorch's cascade sum so float32 digits match.
import { no_grad } from "../autograd/grad_mode.js";
import { RuntimeError, IndexError, ValueError } from "../errors.js";
import { cppDoubleStr } from "../python.js";
import { fromData, record } from "./core.js";
import { log_softmax } from "./softmax.js";
import { definePython } from "../signatures/registry.js";
import { allocate } from "../tensor/dtype.js";
import { wrapDimOfTensor } from "../tensor/shape.js";
import type { Tensor } from "../tensor/tensor.js";
import { applyReduction, checkNotDifferentiable, reductionOf, type Reduction } from "./nn_losses.js";

const shapeText = (shape: readonly number[]) => `[${shape.join(", ")}]`;

/**
 * The nll_loss / nll_loss2d CPU kernel on input viewed as [N, C, S] and target as [N, S]:
 * per-element losses for reduction "none", else the cascade-summed loss and the total weight.
 */
function nllKernel(
  input: Tensor,
  target: Tensor,
  weight: Tensor | null,
  reduction: Reduction,
  ignoreIndex: number,
  perElementShape: readonly number[] | null,
): [Tensor, Tensor] {
  if (target.dtype.name !== "int64") {
    throw new RuntimeError(`expected scalar type Long but found ${target.dtype.scalarTypeName}`);
  }
  const dtype = input.dtype;
  const r = dtype.name === "float32" ? Math.fround : (v: number) => v;
  // A dense input is read in place: a copy of a language model's [N, vocabulary] log-probabilities is large.
  const dense = input.is_contiguous();
  const x = dense ? input._storage.data : input.values();
  const base = dense ? input._offset : 0;
  const t = target.values();
  const w = weight === null ? null : weight.values();
  const classes = input.ndim === 1 ? input.shape[0] : input.shape[1];
  const batch = input.ndim === 1 ? 1 : input.shape[0];
  const spatial = input.ndim === 4 ? input.shape[2] * input.shape[3] : 1;
  const count = batch * spatial;
  const at = (i: number, c: number) => {
    const b = Math.floor(i / spatial);
    return x[base + (b * classes + c) * spatial + (i % spatial)];
  };
  const targetAt = (i: number) => {
    const c = t[i];
    if (c !== ignoreIndex && (c < 0 || c >= classes)) throw new IndexError(`Target ${c} is out of bounds.`);
    return c;
  };
  if (perElementShape !== null) {
    const out = allocate(dtype, count);
    for (let i = 0; i < count; i++) {
      const c = targetAt(i);
      out[i] = c === ignoreIndex ? 0 : r(-at(i, c) * (w === null ? 1 : w[c]));
    }
    return [fromData(out, perElementShape, dtype), fromData(allocate(dtype, 1), [], dtype)];
  }
  // Cascade sum: level j+1 collects level j every 2^levelPower non-ignored elements (by linear index).
  const levels = 8;
  const ceilLog2 = count <= 1 ? 0 : Math.ceil(Math.log2(count));
  const levelPower = Math.max(4, Math.floor(ceilLog2 / levels));
  const levelMask = (1 << levelPower) - 1;
  const lossSums = new Array<number>(levels).fill(0);
  const weightSums = new Array<number>(levels).fill(0);
  let ignored = 0;
  for (let i = 0; i < count; i++) {
    const c = targetAt(i);
    if (c === ignoreIndex) {
      ignored++;
      continue;
    }
    if (w !== null) {
      lossSums[0] = r(lossSums[0] - r(at(i, c) * w[c]));
      weightSums[0] = r(weightSums[0] + w[c]);
    } else {
      lossSums[0] = r(lossSums[0] - at(i, c));
    }
    for (let j = 0; j + 1 < levels; j++) {
      if ((i & (levelMask * 2 ** (j * levelPower))) !== 0) break;
      weightSums[j + 1] = r(weightSums[j + 1] + weightSums[j]);
      lossSums[j + 1] = r(lossSums[j + 1] + lossSums[j]);
      weightSums[j] = 0;
      lossSums[j] = 0;
    }
  }
  const accumulate = (sums: number[]) => sums.reduce((acc, v) => r(acc + v), 0);
  const totalWeight = w === null ? r(count - ignored) : accumulate(weightSums);
  let output = accumulate(lossSums);
  if (reduction === "mean") output = r(output / totalWeight);
  const scalar = (v: number) => {
    const data = allocate(dtype, 1);
    data[0] = v;
    return fromData(data, [], dtype);
  };
  return [scalar(output), scalar(totalWeight)];
}

/** at::nll_loss (1-D or 2-D input): checks as its meta function, grad_fn NllLossBackward0. */
function nllLoss1d2d(
  input: Tensor,
  target: Tensor,
  weight: Tensor | null,
  reduction: Reduction,
  ignoreIndex: number,
): Tensor {
  // Autograd's check comes before the meta function's.
  checkNotDifferentiable("nll_loss_forward", "weight", weight);
  if (target.ndim > 1) throw new RuntimeError("0D or 1D target tensor expected, multi-target not supported");
  const noBatch = input.ndim === 1 && target.ndim === 0;
  if (!noBatch && input.shape[0] !== target.shape[0]) {
    throw new RuntimeError(
      `size mismatch (got input: ${shapeText(input.shape)}, target: ${shapeText(target.shape)})`,
    );
  }
  const classes = input.shape[input.ndim - 1];
  if (weight !== null && (weight.ndim !== 1 || weight.numel() !== classes)) {
    throw new RuntimeError(
      `weight tensor should be defined either for all ${classes} classes or no classes but got weight tensor of shape: ${shapeText(weight.shape)}`,
    );
  }
  const perElement = reduction === "none" && input.ndim === 2 ? [input.shape[0]] : null;
  const [out, total] = nllKernel(input, target, weight, reduction, ignoreIndex, perElement);
  return record("NllLossBackward0", [input], out, () => ({
    self: input,
    target,
    weight,
    reduction,
    ignore_index: ignoreIndex,
    total_weight: total,
  }));
}

/** at::nll_loss2d (4-D input, 3-D target): grad_fn NllLoss2DBackward0. */
function nllLoss2d(
  input: Tensor,
  target: Tensor,
  weight: Tensor | null,
  reduction: Reduction,
  ignoreIndex: number,
): Tensor {
  checkNotDifferentiable("nll_loss2d_forward", "weight", weight);
  if (target.ndim !== 3) {
    throw new RuntimeError(
      `only batches of spatial targets supported (3D tensors) but got targets of dimension: ${target.ndim}`,
    );
  }
  if (weight !== null && weight.numel() !== input.shape[1]) {
    throw new RuntimeError("weight tensor should be defined either for all or no classes");
  }
  const [n, , h, w] = input.shape;
  if (n !== target.shape[0] || h !== target.shape[1] || w !== target.shape[2]) {
    throw new RuntimeError(
      `size mismatch (got input: ${shapeText(input.shape)} , target: ${shapeText(target.shape)}`,
    );
  }
  const perElement = reduction === "none" ? [n, h, w] : null;
  const [out, total] = nllKernel(input, target, weight, reduction, ignoreIndex, perElement);
  return record("NllLoss2DBackward0", [input], out, () => ({
    self: input,
    target,
    weight,
    reduction,
    ignore_index: ignoreIndex,
    total_weight: total,
  }));
}

/** at::nll_loss_nd: the batch checks, then nll_loss, nll_loss2d, or nll_loss2d on a 4-D view. */
function nllLossNd(
  input: Tensor,
  target: Tensor,
  weight: Tensor | null,
  reduction: Reduction,
  ignoreIndex: number,
): Tensor {
  if (input.ndim < 1) throw new ValueError(`Expected 1 or more dimensions (got ${input.ndim})`);
  if (input.ndim !== 1 && target.ndim >= 1 && input.shape[0] !== target.shape[0]) {
    throw new ValueError(
      `Expected input batch_size (${input.shape[0]}) to match target batch_size (${target.shape[0]}).`,
    );
  }
  if (input.ndim <= 2) return nllLoss1d2d(input, target, weight, reduction, ignoreIndex);
  if (input.ndim === 4) return nllLoss2d(input, target, weight, reduction, ignoreIndex);
  const [n, c] = input.shape;
  const outSize = [n, ...input.shape.slice(2)];
  const targetRest = target.shape.slice(1);
  const spatial = input.shape.slice(2);
  if (targetRest.length !== spatial.length || targetRest.some((d, i) => d !== spatial[i])) {
    throw new RuntimeError(`Expected target size ${shapeText(outSize)}, got ${shapeText(target.shape)}`);
  }
  const input4d = input.numel() > 0 ? input.contiguous().view([n, c, 1, -1]) : input.view([n, c, 0, 0]);
  const target3d = target.numel() > 0 ? target.contiguous().view([n, 1, -1]) : target.view([n, 0, 0]);
  const out = nllLoss2d(input4d, target3d, weight, reduction, ignoreIndex);
  return reduction === "none" ? out.view(outSize) : out;
}

/** The option objects of the NLLLoss / CrossEntropyLoss modules (their constructors' keywords). */
export interface NLLLossOptions {
  weight?: Tensor | null;
  ignore_index?: number;
  reduction?: Reduction;
}
export interface CrossEntropyOptions extends NLLLossOptions {
  label_smoothing?: number;
}

/** F.nll_loss(input, target, weight=None, size_average=None, ignore_index=-100, reduce=None, reduction="mean"). */
export function nll_loss(
  input: Tensor,
  target: Tensor,
  weight: Tensor | null = null,
  size_average: boolean | null = null,
  ignore_index = -100,
  reduce: boolean | null = null,
  reduction = "mean",
): Tensor {
  const mode = reductionOf(size_average, reduce, reduction);
  return nllLossNd(input, target, weight, mode, ignore_index);
}

/** weight viewed as [1, C, 1, ...] to broadcast along the class dim. */
function classWeightView(weight: Tensor, input: Tensor, classDim: number): Tensor {
  if (input.ndim <= 1) return weight;
  const shape = input.shape.map(() => 1);
  shape[classDim] = weight.shape[0];
  return weight.view(shape);
}

/** cross_entropy_loss_prob_target: -(log_softmax(x) * target (* weight)).sum(...) reduced. */
function crossEntropyProbabilities(
  self: Tensor,
  targetIn: Tensor,
  weight: Tensor | null,
  reduction: Reduction,
  smoothing: number,
): Tensor {
  const classDim = self.ndim === 1 ? 0 : 1;
  const classes = self.shape[wrapDimOfTensor(classDim, self.ndim)];
  if (weight !== null && (weight.ndim !== 1 || weight.numel() !== classes)) {
    throw new RuntimeError(
      `cross_entropy: weight tensor should be defined either for all ${classes} classes or no classes but got weight tensor of shape: ${shapeText(weight.shape)}`,
    );
  }
  const input = log_softmax(self, classDim);
  let target = targetIn;
  if (smoothing > 0) {
    if (smoothing > 1)
      throw new RuntimeError(`label_smoothing must be between 0.0 and 1.0. Got: ${cppDoubleStr(smoothing)}`);
    target = targetIn.mul(1 - smoothing).add(smoothing / classes);
  }
  const product =
    weight === null ? input.mul(target) : input.mul(target).mul(classWeightView(weight, input, classDim));
  if (reduction === "none") return product.sum(classDim).neg();
  if (reduction === "sum") return product.sum().neg();
  // ATen divides by a Scalar here, so the grad_fn is DivBackward1 (not the DivBackward0 of a tensor).
  const negated = product.sum().neg();
  const count = input.numel() / classes;
  const out = no_grad(() => negated.div(count));
  return record("DivBackward1", [negated], out, () => ({ other: count }));
}

/** cross_entropy_loss_label_smoothing: (1 - eps) * nll + eps / C * smooth loss. */
function crossEntropySmoothed(
  self: Tensor,
  target: Tensor,
  weight: Tensor | null,
  reduction: Reduction,
  ignoreIndex: number,
  smoothing: number,
): Tensor {
  const classDim = self.ndim === 1 ? 0 : 1;
  const input = log_softmax(self, classDim);
  const nll = nllLossNd(input, target, weight, reduction, ignoreIndex);
  const ignoreMask = target.eq(ignoreIndex);
  const smoothLoss = (
    weight === null ? input.sum(classDim) : input.mul(classWeightView(weight, input, classDim)).sum(classDim)
  )
    .neg()
    .masked_fill(ignoreMask, 0);
  let reduced: Tensor;
  if (reduction === "mean") {
    if (weight !== null) {
      const kept = target.masked_fill(ignoreMask, 0).flatten();
      const targetWeights = weight.gather(0, kept).masked_fill(ignoreMask.flatten(), 0);
      reduced = smoothLoss.sum().div(targetWeights.sum());
    } else {
      reduced = smoothLoss.sum().div(ignoreMask.logical_not().sum());
    }
  } else {
    reduced = applyReduction(smoothLoss, reduction);
  }
  return nll.mul(1 - smoothing).add(reduced.mul(smoothing / self.shape[classDim]));
}

/**
 * F.cross_entropy(input, target, weight=None, size_average=None, ignore_index=-100, reduce=None,
 * reduction="mean", label_smoothing=0.0): class indices (int64 target) or class probabilities (float target
 * of the input's shape).
 */
export function cross_entropy(
  input: Tensor,
  target: Tensor,
  weight: Tensor | null = null,
  size_average: boolean | null = null,
  ignore_index = -100,
  reduce: boolean | null = null,
  reduction = "mean",
  label_smoothing = 0.0,
): Tensor {
  const mode = reductionOf(size_average, reduce, reduction);
  const ignoreIndex = ignore_index;
  const smoothing = label_smoothing;
  const sameShape = input.ndim === target.ndim && input.shape.every((d, i) => d === target.shape[i]);
  if (sameShape) {
    if (target.dtype.name !== "float32" && target.dtype.name !== "float64") {
      throw new RuntimeError(
        `Expected floating point type for target with class probabilities, got ${target.dtype.scalarTypeName}`,
      );
    }
    if (ignoreIndex >= 0) throw new RuntimeError("ignore_index is not supported for floating point target");
    return crossEntropyProbabilities(input, target, weight, mode, smoothing);
  }
  if (smoothing > 0) {
    if (smoothing > 1)
      throw new RuntimeError(`label_smoothing must be between 0.0 and 1.0. Got: ${cppDoubleStr(smoothing)}`);
    return crossEntropySmoothed(input, target, weight, mode, ignoreIndex, smoothing);
  }
  const classDim = input.ndim === 1 ? 0 : 1;
  return nllLossNd(log_softmax(input, classDim), target, weight, mode, ignoreIndex);
}

definePython("torch.nn.functional", {
  "nll_loss(input: Tensor, target: Tensor, weight: Tensor | None = None, size_average: bool | None = None, ignore_index: int = -100, reduce: bool | None = None, reduction: 'none' | 'mean' | 'sum' = 'mean') -> Tensor":
    nll_loss,
  "cross_entropy(input: Tensor, target: Tensor, weight: Tensor | None = None, size_average: bool | None = None, ignore_index: int = -100, reduce: bool | None = None, reduction: 'none' | 'mean' | 'sum' = 'mean', label_smoothing: float = 0.0) -> Tensor":
    cross_entropy,
});
