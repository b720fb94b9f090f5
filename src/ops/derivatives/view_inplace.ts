// Derivatives of the nodes src/autograd/view_inplace.ts makes when an in-place op writes into a view: the
// base's CopySlices (engine machinery in PyTorch, not in derivatives.yaml) and the view's AsStridedBackward0.
// The view's elements are named by their flat indices into the (contiguous) base.
import { derivative } from "../../autograd/derivative.js";
import { zeros } from "../../tensor/creation.js";
import { numel, type Shape } from "../../tensor/shape.js";
import type { Tensor } from "../../tensor/tensor.js";
import { mul } from "../elementwise.js";
import { index_add, index_select } from "../indexing.js";
import { reshape } from "../shape.js";

export interface CopySlicesSaved {
  /** 1 where the base is outside the view, 0 inside (the base's shape and dtype). */
  keep: Tensor;
  /** Flat indices into the base of the view's elements, in the view's order (int64). */
  index: Tensor;
  viewShape: Shape;
}

export interface AsStridedSaved {
  index: Tensor;
  baseShape: Shape;
}

export const VIEW_INPLACE_DERIVATIVES = {
  // Inputs: the base's old history, and the in-place op's result written into the view.
  "torch::autograd::CopySlices": derivative<CopySlicesSaved>({
    self: ["grad, zero where the view lies", (g, s) => mul(g, s.keep)],
    src: [
      "grad.as_strided(view.sizes(), view.strides(), view.storage_offset())",
      (g, s) => reshape(index_select(reshape(g, [-1]), 0, s.index), s.viewShape),
    ],
  }),
  AsStridedBackward0: derivative<AsStridedSaved>({
    self: [
      "as_strided_backward(grad, TensorGeometry(self), size, stride, storage_offset)",
      (g, s) => {
        const flat = zeros([numel(s.baseShape)], { dtype: g.dtype });
        return reshape(index_add(flat, 0, s.index, reshape(g, [-1])), s.baseShape);
      },
    ],
  }),
};
