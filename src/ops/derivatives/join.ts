// Derivatives of src/ops/join.ts: cat and stack (list inputs), split and unbind (several outputs), flip,
// roll, repeat and constant padding. Each row gives each input's formula as derivatives.yaml writes it, then
// the same formula in tensor ops (in PyTorch's operation order, so values and double-backward graphs match).
import { derivative, type FormulaContext } from "../../autograd/derivative.js";
import { zeros } from "../../tensor/creation.js";
import type { Shape } from "../../tensor/shape.js";
import type { Tensor } from "../../tensor/tensor.js";
import { cat, constant_pad_nd, flip, roll, stack, unbind } from "../join.js";
import { sum } from "../reduce.js";
import { narrow, reshape } from "../shape.js";

export interface SplitSaved {
  dim: number;
  selfShape: Shape;
  sizes: number[];
}

/**
 * split_backward / split_with_sizes_backward: the outputs' gradients laid side by side along dim, as PyTorch
 * does it: one cat, zeros standing for an output that got no gradient.
 */
function splitBackward(g: Tensor, s: SplitSaved, ctx: FormulaContext): Tensor {
  const pieces = s.sizes.map((size, i) => {
    const gi = ctx.gradOutputs[i];
    if (gi) return gi;
    const shape = [...s.selfShape];
    shape[s.dim] = size;
    return zeros(shape, { dtype: g.dtype });
  });
  return cat(pieces, s.dim);
}

/** cat_tensors_backward: each input's slice of grad along dim. */
function catTensorsBackward(g: Tensor, s: { dim: number; sizes: number[] }, ctx: FormulaContext) {
  let offset = 0;
  return s.sizes.map((size, i) => {
    // PyTorch skips 1-d empty inputs in cat; their gradient is empty too.
    if (size < 0) return ctx.needsInputGrad[i] ? zeros([0], { dtype: g.dtype }) : null;
    const piece = ctx.needsInputGrad[i] ? narrow(g, s.dim, offset, size) : null;
    offset += size;
    return piece;
  });
}

const negated = (xs: readonly number[]) => xs.map((x) => -x);

/** repeat_backward: sum new leading dims away, then each repeated dim's copies. */
function repeatBackward(g: Tensor, repeats: readonly number[], selfShape: Shape): Tensor {
  if (repeats.includes(0)) return zeros([...selfShape], { dtype: g.dtype });
  let grad = g;
  const lead = g.ndim - selfShape.length;
  for (let i = 0; i < lead; i++) grad = sum(grad, 0);
  const gradSize: number[] = [];
  const sumDims: number[] = [];
  selfShape.forEach((size, d) => {
    if (repeats[d + lead] !== 1) {
      gradSize.push(repeats[d + lead]);
      sumDims.push(gradSize.length - 1);
    }
    gradSize.push(size);
  });
  grad = reshape(grad, gradSize);
  return sumDims.length > 0 ? sum(grad, sumDims) : grad;
}

export const JOIN_DERIVATIVES = {
  CatBackward0: derivative<{ dim: number; sizes: number[] }>({
    "tensors[]": [
      "cat_tensors_backward(grad, to_args_sizes(tensors), to_args_scalartypes(tensors), dim)",
      catTensorsBackward,
    ],
  }),
  StackBackward0: derivative<{ dim: number }>({
    "tensors[]": [
      "stack_tensors_backward(grad, dim, to_args_scalartypes(tensors))",
      (g, s) => unbind(g, s.dim),
    ],
  }),
  SplitBackward0: derivative<SplitSaved>({
    self: ["split_backward(grads, split_size, dim, self.sizes(), self.options())", splitBackward],
  }),
  SplitWithSizesBackward0: derivative<SplitSaved>({
    self: ["split_with_sizes_backward(grads, split_sizes, dim, self.sizes(), self.options())", splitBackward],
  }),
  UnbindBackward0: derivative<{ dim: number; selfShape: Shape }>({
    self: [
      "unbind_backward(grads, dim)",
      // PyTorch's unbind_backward: the gradients stacked, zeros for an output that got none.
      (g, s, ctx) =>
        stack(
          ctx.gradOutputs.map((gi) => gi ?? zeros(g.shape, { dtype: g.dtype })),
          s.dim,
        ),
    ],
  }),
  FlipBackward0: derivative<{ dims: number[] }>({ self: ["grad.flip(dims)", (g, s) => flip(g, s.dims)] }),
  RollBackward0: derivative<{ shifts: number[]; dims: number[] }>({
    self: [
      "grad.roll(-shifts, dims)",
      (g, s) => roll(g, negated(s.shifts), s.dims.length === 0 ? null : s.dims),
    ],
  }),
  RepeatBackward0: derivative<{ repeats: number[]; selfShape: Shape }>({
    self: [
      "repeat_backward(grad, repeats, self.sizes())",
      (g, s) => repeatBackward(g, s.repeats, s.selfShape),
    ],
  }),
  ConstantPadNdBackward0: derivative<{ pad: number[] }>({
    self: ["constant_pad_nd_backward(grad, pad)", (g, s) => constant_pad_nd(g, negated(s.pad))],
  }),
};
