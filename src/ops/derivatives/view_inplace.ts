// Derivatives of the nodes src/autograd/view_inplace.ts makes when an in-place op writes into a view: the
// base's CopySlices (engine machinery in PyTorch, not in derivatives.yaml) and the view's AsStridedBackward0,
// which torch.as_strided records too (src/ops/as_strided.ts).
// The view's elements are named by their flat indices into the (contiguous) base.
import { derivative } from "../../autograd/derivative.js";
import { zeros } from "../../tensor/creation.js";
import { numel, type Shape } from "../../tensor/shape.js";
import type { Tensor } from "../../tensor/tensor.js";
import { div, mul } from "../elementwise.js";
import { index_add, index_select } from "../indexing.js";
import { narrow, reshape } from "../shape.js";

export interface CopySlicesSaved {
  /** 1 where the base is outside the view, 0 inside (the base's shape and dtype). */
  keep: Tensor;
  /** Flat indices into the base of the view's elements, in the view's order (int64). */
  index: Tensor;
  viewShape: Shape;
}

export interface AsStridedSaved {
  /** The input element holding each view element's storage element; the input's numel where none does. */
  index: Tensor;
  baseShape: Shape;
  /** An input that overlaps itself (torch.as_strided of an expanded tensor, src/ops/as_strided.ts): each
   * element's representative among those sharing its storage element, and how many share it. */
  representative?: Tensor;
  counts?: Tensor;
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
        const n = numel(s.baseShape);
        // One slot past the input's elements takes the gradient of storage elements the input does not hold.
        let flat = narrow(
          index_add(zeros([n + 1], { dtype: g.dtype }), 0, s.index, reshape(g, [-1])),
          0,
          0,
          n,
        );
        if (s.representative && s.counts)
          flat = div(index_select(flat, 0, s.representative), s.counts.to(g.dtype));
        return reshape(flat, s.baseShape);
      },
    ],
  }),
};
