// Derivatives of src/ops/sorting.ts: sort, topk, kthvalue, median, nanmedian and mode send the gradient back to
// the positions their indices name (value_selecting_reduction_backward); median() and nanmedian() of every
// element share it among the elements equal to the result (evenly_distribute_backward).
import { derivative } from "../../autograd/derivative.js";
import { zeros } from "../../tensor/creation.js";
import type { Shape } from "../../tensor/shape.js";
import type { Tensor } from "../../tensor/tensor.js";
import { div, eq, mul } from "../elementwise.js";
import { scatter } from "../indexing.js";
import { isnan } from "../math.js";
import { sumAll } from "../reduce.js";
import { unsqueeze } from "../shape.js";

export interface IndicesSaved {
  selfShape: Shape;
  dim: number;
  indices: Tensor;
  keepdim: boolean;
}

/** value_selecting_reduction_backward: zeros(sizes).scatter(dim, indices, grad), grad and indices unsqueezed. */
function valueSelectingBackward(g: Tensor, s: IndicesSaved): Tensor {
  if (s.selfShape.length === 0) return g;
  const grad = s.keepdim ? g : unsqueeze(g, s.dim);
  const indices = s.keepdim ? s.indices : unsqueeze(s.indices, s.dim);
  return scatter(zeros(s.selfShape, { dtype: g.dtype }), s.dim, indices, grad);
}

/** evenly_distribute_backward: mask * (grad / mask.sum()), the mask being the NaNs when the result is NaN. */
function evenlyDistribute(g: Tensor, self: Tensor, result: Tensor): Tensor {
  const mask = Number.isNaN(result.item()) ? isnan(self) : eq(self, result);
  return mul(mask, div(g, sumAll(mask)));
}

const SELECT_TEXT = "value_selecting_reduction_backward(grad, dim, indices, self.sizes(), keepdim)";
const SORT_TEXT = "value_selecting_reduction_backward(grad, dim, indices, self.sizes(), true)";
const selectRow = (text: string) =>
  derivative<IndicesSaved>({ self: [text, (g, s) => valueSelectingBackward(g, s)] });
const distributeRow = () =>
  derivative<{ self: Tensor; result: Tensor }>({
    self: ["evenly_distribute_backward(grad, self, result)", (g, s) => evenlyDistribute(g, s.self, s.result)],
  });

export const SORTING_DERIVATIVES = {
  SortBackward0: selectRow(SORT_TEXT),
  SortBackward1: selectRow(SORT_TEXT),
  TopkBackward0: selectRow(SORT_TEXT),
  KthvalueBackward0: selectRow(SELECT_TEXT),
  MedianBackward1: selectRow(SELECT_TEXT),
  NanmedianBackward1: selectRow(SELECT_TEXT),
  ModeBackward0: selectRow(SELECT_TEXT),
  MedianBackward0: distributeRow(),
  NanmedianBackward0: distributeRow(),
};
