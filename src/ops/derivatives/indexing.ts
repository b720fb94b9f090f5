// Derivatives of src/ops/indexing.ts: index_select/index_add, gather/scatter, masked_fill,
// select/slice_scatter, tril/triu. Each row gives each input's formula as derivatives.yaml writes it, then
// the same formula in tensor ops (in PyTorch's operation order, so values and double-backward graphs match).
// Index and mask arguments are not inputs of the node: they are saved, never differentiated.
import { derivative } from "../../autograd/derivative.js";
import { zeros, zeros_like } from "../../tensor/creation.js";
import type { Shape } from "../../tensor/shape.js";
import type { Tensor } from "../../tensor/tensor.js";
import { mul, where } from "../elementwise.js";
import {
  gather,
  index_add,
  index_select,
  masked_fill,
  scatter,
  scatter_add,
  select_scatter,
  slice_scatter,
  tril,
  triu,
} from "../indexing.js";
import { sumAll } from "../reduce.js";
import { expand, select, slice, squeeze } from "../shape.js";

/** grad * alpha, skipping the multiply when alpha is 1 (PyTorch's maybe_multiply). */
const maybeMultiply = (g: Tensor, alpha: number) => (alpha === 1 ? g : mul(g, alpha));

type SliceSaved = { dim: number; start: number; end: number; step: number };
const sliceOf = (g: Tensor, s: SliceSaved) => slice(g, s.dim, s.start, s.end, s.step);

export const INDEXING_DERIVATIVES = {
  IndexSelectBackward0: derivative<{ selfShape: Shape; dim: number; index: Tensor }>({
    self: [
      "index_select_backward(grad, self.sizes(), dim, index)",
      (g, s) => index_add(zeros([...s.selfShape], { dtype: g.dtype }), s.dim, s.index, g),
    ],
  }),
  IndexAddBackward0: derivative<{ dim: number; index: Tensor; alpha: number; sourceShape: Shape }>({
    self: ["grad", (g) => g],
    // A 0-dim source takes one index (index.squeeze(0)); a source added into a 0-dim self gets its shape back.
    source: [
      "maybe_multiply(source.dim() > 0 ? grad.index_select(dim, index).expand_as(source) : grad.index_select(dim, index.squeeze(0)), alpha)",
      (g, s) =>
        maybeMultiply(
          s.sourceShape.length > 0
            ? expand(index_select(g, s.dim, s.index), s.sourceShape)
            : index_select(g, s.dim, squeeze(s.index, 0)),
          s.alpha,
        ),
    ],
  }),
  GatherBackward0: derivative<{ selfShape: Shape; dim: number; index: Tensor }>({
    self: [
      "gather_backward(grad, self, dim, index, sparse_grad)",
      (g, s) => scatter_add(zeros([...s.selfShape], { dtype: g.dtype }), s.dim, s.index, g),
    ],
  }),
  ScatterBackward0: derivative<{ dim: number; index: Tensor }>({
    self: ["grad.scatter(dim, index, 0)", (g, s) => scatter(g, s.dim, s.index, 0)],
    src: ["grad.gather(dim, index)", (g, s) => gather(g, s.dim, s.index)],
  }),
  ScatterBackward1: derivative<{ dim: number; index: Tensor }>({
    self: ["grad.scatter(dim, index, 0)", (g, s) => scatter(g, s.dim, s.index, 0)],
  }),
  ScatterAddBackward0: derivative<{ dim: number; index: Tensor }>({
    self: ["grad", (g) => g],
    src: ["grad.gather(dim, index)", (g, s) => gather(g, s.dim, s.index)],
  }),
  MaskedFillBackward0: derivative<{ mask: Tensor }>({
    self: ["grad.masked_fill(mask, 0)", (g, s) => masked_fill(g, s.mask, 0)],
  }),
  MaskedFillBackward1: derivative<{ mask: Tensor }>({
    self: ["grad.masked_fill(mask, 0)", (g, s) => masked_fill(g, s.mask, 0)],
    value: ["masked_fill_backward(grad, mask)", (g, s) => sumAll(where(s.mask, g, 0))],
  }),
  SelectScatterBackward0: derivative<{ dim: number; index: number }>({
    self: [
      "grad.select_scatter(zeros_like(src), dim, index)",
      (g, s) => select_scatter(g, zeros_like(select(g, s.dim, s.index)), s.dim, s.index),
    ],
    src: ["grad.select(dim, index)", (g, s) => select(g, s.dim, s.index)],
  }),
  SliceScatterBackward0: derivative<SliceSaved>({
    self: [
      "grad.slice_scatter(zeros_like(src), dim, start, end, step)",
      (g, s) => slice_scatter(g, zeros_like(sliceOf(g, s)), s.dim, s.start, s.end, s.step),
    ],
    src: ["grad.slice(dim, start, end, step)", sliceOf],
  }),
  TrilBackward0: derivative<{ diagonal: number }>({
    self: ["grad.tril(diagonal)", (g, s) => tril(g, s.diagonal)],
  }),
  TriuBackward0: derivative<{ diagonal: number }>({
    self: ["grad.triu(diagonal)", (g, s) => triu(g, s.diagonal)],
  }),
};
