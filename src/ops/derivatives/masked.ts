// Derivatives of src/ops/masked.ts: masked_select/masked_scatter, take, index_fill, index_copy.
import { derivative } from "../../autograd/derivative.js";
import { zeros } from "../../tensor/creation.js";
import { numel, type Shape } from "../../tensor/shape.js";
import type { Tensor } from "../../tensor/tensor.js";
import { cat } from "../join.js";
import { index_select, masked_fill } from "../indexing.js";
import { index_put } from "../index_put.js";
import { index_fill, masked_select } from "../masked.js";
import { sumAll } from "../reduce.js";
import { reshape } from "../shape.js";

type DimIndex = { dim: number; index: Tensor };

export const MASKED_DERIVATIVES = {
  MaskedSelectBackward0: derivative<{ shape: Shape; mask: Tensor }>({
    self: [
      "masked_select_backward(grad, self, mask)",
      (g, s) => index_put(zeros([...s.shape], { dtype: g.dtype }), [s.mask], g, false),
    ],
  }),
  MaskedScatterBackward0: derivative<{ mask: Tensor; sourceShape: Shape }>({
    self: ["grad.masked_fill(mask, 0)", (g, s) => masked_fill(g, s.mask, 0)],
    source: [
      "masked_scatter_backward(grad, mask, source.sizes())",
      (g, s) => {
        // grad.masked_select(mask), as 1.13's masked_scatter_backward: it broadcasts, and takes 0-dim operands.
        const picked = masked_select(g, s.mask);
        const rest = numel(s.sourceShape) - picked.numel();
        const padded = rest > 0 ? cat([picked, zeros([rest], { dtype: g.dtype })]) : picked;
        return reshape(padded, [...s.sourceShape]);
      },
    ],
  }),
  TakeBackward0: derivative<{ selfShape: Shape; index: Tensor }>({
    self: [
      "take_backward(grad, self, index)",
      (g, s) =>
        reshape(index_put(zeros([numel(s.selfShape)], { dtype: g.dtype }), [s.index], g, true), [
          ...s.selfShape,
        ]),
    ],
  }),
  IndexFillBackward0: derivative<DimIndex>({
    self: ["grad.index_fill(dim, index, 0)", (g, s) => index_fill(g, s.dim, s.index, 0)],
  }),
  IndexFillBackward1: derivative<DimIndex>({
    self: ["grad.index_fill(dim, index, 0)", (g, s) => index_fill(g, s.dim, s.index, 0)],
    value: [
      "grad.index_select(dim, std::get<0>(at::_unique(index, false))).sum()",
      (g, s) => sumAll(index_select(g, s.dim, s.index)),
    ],
  }),
  IndexCopyBackward0: derivative<DimIndex>({
    self: ["grad.index_fill(dim, index, 0)", (g, s) => index_fill(g, s.dim, s.index, 0)],
    source: ["grad.index_select(dim, index)", (g, s) => index_select(g, s.dim, s.index)],
  }),
};
