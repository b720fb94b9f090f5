// F.multi_margin_loss and F.multilabel_margin_loss, ports of aten/src/ATen/native/LossMultiMargin.cpp and
// LossMultiLabelMargin.cpp: per sample, hinge terms over the classes, in the element type, summed over samples
// in double. Their backwards are the kernels' own loops; PyTorch 1.13 has no double backward for either.
import { is_grad_enabled } from "../autograd/grad_mode.js";
import { RuntimeError, ValueError } from "../errors.js";
import { definePython } from "../signatures/registry.js";
import { allocate, Category, int64 } from "../tensor/dtype.js";
import type { Tensor } from "../tensor/tensor.js";
import { fromData, record } from "./core.js";
import { reductionOf, type Reduction } from "./nn_losses.js";

interface Frames {
  nframe: number;
  dim: number;
}

/** multi_margin_loss_shape_check. */
function shapeCheck(input: Tensor, target: Tensor): Frames {
  const ndims = input.ndim;
  const valid = (ndims === 2 && input.shape[1] !== 0) || (ndims === 1 && input.shape[0] !== 0) || ndims === 0;
  const [nframe, dim] = ndims <= 1 ? [1, ndims === 0 ? 1 : input.shape[0]] : [input.shape[0], input.shape[1]];
  if (!valid)
    throw new RuntimeError(
      `Expected non-empty vector or matrix with optional 0-dim batch size, but got: [${input.shape.join(", ")}]`,
    );
  if (!(target.ndim <= 1 && target.numel() === nframe))
    throw new RuntimeError(`inconsistent target size, got: [${target.shape.join(", ")}]`);
  return { nframe, dim };
}

function targetIndex(targets: ArrayLike<number>, t: number, dim: number): number {
  const idx = targets[t];
  if (!(idx >= 0 && idx < dim)) throw new RuntimeError("target out of range");
  return idx;
}

export interface MultiMarginSaved {
  self: Tensor;
  target: Tensor;
  p: number;
  margin: number;
  weight: Tensor | null;
  reduction: Reduction;
}

/** torch._C._nn.multi_margin_loss (MultiMarginLossBackward0). */
function multiMarginLoss(
  input: Tensor,
  target: Tensor,
  p: number,
  margin: number,
  weight: Tensor | null,
  reduction: Reduction,
): Tensor {
  const { nframe, dim } = shapeCheck(input, target);
  if (input.dtype.category !== Category.Floating)
    throw new RuntimeError(
      `"multi_margin_loss_cpu_kernel" not implemented for '${input.dtype.scalarTypeName}'`,
    );
  if (target.dtype !== int64)
    throw new RuntimeError(`expected scalar type Long but found ${target.dtype.scalarTypeName}`);
  const r = input.dtype.cast;
  const x = input.values();
  const y = target.values();
  const w = weight?.values() ?? null;
  const m = r(margin);
  const innerSum = (row: number, idx: number): number => {
    const xt = x[row * dim + idx];
    let sum = 0;
    for (let d = 0; d < dim; d++) {
      if (d === idx) continue;
      const z = r(r(m - xt) + x[row * dim + d]);
      if (z > 0) {
        let h = p === 1 ? z : r(z * z);
        if (w !== null) h = r(h * w[idx]);
        sum = r(sum + h);
      }
    }
    return r(sum / dim);
  };
  let out: Tensor;
  if (reduction === "none" && target.ndim > 0) {
    const data = allocate(input.dtype, nframe);
    for (let t = 0; t < nframe; t++) data[t] = innerSum(t, targetIndex(y, t, dim));
    out = fromData(data, [nframe], input.dtype);
  } else {
    // accscalar_t: double for float and double.
    let sum = 0;
    for (let t = 0; t < nframe; t++) sum += innerSum(t, targetIndex(y, t, dim));
    if (reduction === "mean") sum /= nframe;
    const data = allocate(input.dtype, 1);
    data[0] = sum;
    out = fromData(data, [], input.dtype);
  }
  return record("MultiMarginLossBackward0", [input], out, () => ({
    self: input,
    target,
    p,
    margin,
    weight,
    reduction,
  }));
}

/** multi_margin_loss_backward's kernel; with create_graph its result is a node without a derivative. */
export function multiMarginLossBackward(grad: Tensor, s: MultiMarginSaved): Tensor {
  const { self, target, p, weight, reduction } = s;
  const { nframe, dim } = shapeCheck(self, target);
  const r = self.dtype.cast;
  const x = self.values();
  const y = target.values();
  const w = weight?.values() ?? null;
  const m = r(s.margin);
  const g = r(reduction === "mean" ? 1 / (nframe * dim) : 1 / dim);
  const out = allocate(self.dtype, nframe * dim);
  for (let t = 0; t < nframe; t++) {
    const idx = targetIndex(y, t, dim);
    const xt = x[t * dim + idx];
    let gradTarget = 0;
    for (let d = 0; d < dim; d++) {
      const z = r(r(m - xt) + x[t * dim + d]);
      if (d === idx) continue;
      if (z > 0) {
        let h = p === 1 ? g : r(r(2 * g) * z);
        if (w !== null) h = r(h * w[idx]);
        gradTarget = r(gradTarget - h);
        out[t * dim + d] = h;
      } else out[t * dim + d] = 0;
    }
    out[t * dim + idx] = gradTarget;
  }
  const gradOut = grad.values();
  if (reduction !== "none" || grad.ndim === 0) {
    for (let i = 0; i < out.length; i++) out[i] = r(out[i] * gradOut[0]);
  } else {
    for (let t = 0; t < nframe; t++)
      for (let d = 0; d < dim; d++) out[t * dim + d] = r(out[t * dim + d] * gradOut[t]);
  }
  const result = fromData(out, [...self.shape], self.dtype);
  if (!is_grad_enabled()) return result;
  return record("torch::autograd::NotImplemented", [grad], result, () => ({
    op: "multi_margin_loss_backward",
  }));
}

/** F.multi_margin_loss(input, target, p=1, margin=1.0, weight=None, size_average=None, reduce=None, reduction="mean"). */
export function multi_margin_loss(
  input: Tensor,
  target: Tensor,
  p = 1,
  margin = 1.0,
  weight: Tensor | null = null,
  sizeAverage: boolean | null = null,
  reduce: boolean | null = null,
  reduction = "mean",
): Tensor {
  const mode = reductionOf(sizeAverage, reduce, reduction);
  if (p !== 1 && p !== 2) throw new ValueError("only p == 1 and p == 2 supported");
  if (weight !== null && weight.ndim !== 1) throw new ValueError("weight must be one-dimensional");
  return multiMarginLoss(input, target, p, margin, weight, mode);
}

// ---- multilabel_margin_loss ----

/** multilabel_margin_loss_shape_check: target has input's shape (one row of class indices per sample). */
function multilabelShapeCheck(input: Tensor, target: Tensor): Frames {
  const ndims = input.ndim;
  const valid = (ndims === 2 && input.shape[1] !== 0) || (ndims === 1 && input.shape[0] !== 0) || ndims === 0;
  if (!valid)
    throw new RuntimeError(
      `Expected non-empty vector or matrix with optional 0-dim batch size, but got: [${input.shape.join(", ")}]`,
    );
  const [nframe, dim] = ndims <= 1 ? [1, ndims === 0 ? 1 : input.shape[0]] : [input.shape[0], input.shape[1]];
  const ok =
    ndims <= 1
      ? target.ndim <= 1 && target.numel() === dim
      : target.ndim === 2 && target.shape[0] === nframe && target.shape[1] === dim;
  if (!ok) throw new RuntimeError(`inconsistent size [${target.shape.join(", ")}] for argument #2 'target'`);
  return { nframe, dim };
}

/** The targets of each row up to its first -1, checked to lie in [-1, dim). */
function multilabelTargets(target: Tensor, { nframe, dim }: Frames): number[][] {
  const y = target.values();
  // target.min() and max() read as int64 (truncated) come before the kernel's int64 access.
  for (const v of y)
    if (Math.trunc(v) < -1 || Math.trunc(v) >= dim)
      throw new RuntimeError("argument #2 'target' is out of range");
  if (target.dtype !== int64)
    throw new RuntimeError(`expected scalar type Long but found ${target.dtype.scalarTypeName}`);
  return Array.from({ length: nframe }, (_, t) => {
    const row: number[] = [];
    for (let k = 0; k < dim && y[t * dim + k] >= 0; k++) row.push(y[t * dim + k]);
    return row;
  });
}

export interface MultilabelMarginSaved {
  self: Tensor;
  target: Tensor;
  reduction: Reduction;
}

/** Calls visit(row, target index, other class d) for each hinge term 1 - x[target] + x[d] > 0 (d not a target). */
function forEachActiveTerm(
  x: ArrayLike<number>,
  rows: number[][],
  dim: number,
  r: (v: number) => number,
  visit: (t: number, targetIdx: number, d: number, z: number) => void,
): void {
  rows.forEach((targets, t) => {
    const isTarget = new Set(targets);
    for (const targetIdx of targets) {
      const inputTarget = x[t * dim + targetIdx];
      for (let d = 0; d < dim; d++) {
        if (isTarget.has(d)) continue;
        const z = r(r(1 - inputTarget) + x[t * dim + d]);
        if (z > 0) visit(t, targetIdx, d, z);
      }
    }
  });
}

/** F.multilabel_margin_loss(input, target, size_average=None, reduce=None, reduction="mean"). */
export function multilabel_margin_loss(
  input: Tensor,
  target: Tensor,
  sizeAverage: boolean | null = null,
  reduce: boolean | null = null,
  reduction = "mean",
): Tensor {
  const mode = reductionOf(sizeAverage, reduce, reduction);
  const frames = multilabelShapeCheck(input, target);
  const rows = multilabelTargets(target, frames);
  if (input.dtype.category !== Category.Floating)
    throw new RuntimeError(
      `"multilabel_margin_loss_forward_out_frame" not implemented for '${input.dtype.scalarTypeName}'`,
    );
  const { nframe, dim } = frames;
  const r = input.dtype.cast;
  // The inner sum accumulates in double (accscalar_t), then is cast to the element type.
  const inner = new Float64Array(nframe);
  forEachActiveTerm(input.values(), rows, dim, r, (t, _i, _d, z) => (inner[t] += z));
  let out: Tensor;
  if (mode !== "none" || target.ndim <= 1) {
    let sum = 0;
    for (let t = 0; t < nframe; t++) sum += r(inner[t]);
    sum /= dim;
    if (mode === "mean") sum /= nframe;
    const data = allocate(input.dtype, 1);
    data[0] = sum;
    out = fromData(data, [], input.dtype);
  } else {
    const data = allocate(input.dtype, nframe);
    for (let t = 0; t < nframe; t++) data[t] = r(r(inner[t]) / dim);
    out = fromData(data, [nframe], input.dtype);
  }
  return record("MultilabelMarginLossBackward0", [input], out, () => ({
    self: input,
    target,
    reduction: mode,
  }));
}

/** multilabel_margin_loss_backward's kernel: -g on the target, +g on the other class of every active term. */
export function multilabelMarginLossBackward(grad: Tensor, s: MultilabelMarginSaved): Tensor {
  const frames = multilabelShapeCheck(s.self, s.target);
  const rows = multilabelTargets(s.target, frames);
  const { nframe, dim } = frames;
  const r = s.self.dtype.cast;
  const g = r(s.reduction === "mean" ? 1 / (nframe * dim) : 1 / dim);
  const out = allocate(s.self.dtype, nframe * dim);
  forEachActiveTerm(s.self.values(), rows, dim, r, (t, targetIdx, d) => {
    out[t * dim + targetIdx] = r(out[t * dim + targetIdx] - g);
    out[t * dim + d] = r(out[t * dim + d] + g);
  });
  const gradOut = grad.values();
  if (s.reduction !== "none" || grad.ndim === 0)
    for (let i = 0; i < out.length; i++) out[i] = r(out[i] * gradOut[0]);
  else
    for (let t = 0; t < nframe; t++)
      for (let d = 0; d < dim; d++) out[t * dim + d] = r(out[t * dim + d] * gradOut[t]);
  const result = fromData(out, [...s.self.shape], s.self.dtype);
  if (!is_grad_enabled()) return result;
  return record("torch::autograd::NotImplemented", [grad], result, () => ({
    op: "multilabel_margin_loss_backward",
  }));
}

definePython("torch.nn.functional", {
  "multilabel_margin_loss(input: Tensor, target: Tensor, size_average: bool | None = None, reduce: bool | None = None, reduction: str = 'mean') -> Tensor":
    multilabel_margin_loss,
  "multi_margin_loss(input: Tensor, target: Tensor, p: int = 1, margin: float = 1.0, weight: Tensor | None = None, size_average: bool | None = None, reduce: bool | None = None, reduction: str = 'mean') -> Tensor":
    multi_margin_loss,
});
