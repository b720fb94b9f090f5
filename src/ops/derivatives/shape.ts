// Derivatives of src/ops/shape.ts: views (expand, view, reshape, squeeze/unsqueeze, transpose, permute, t),
// select and slice. Each row gives each input's formula as derivatives.yaml writes it, then the same formula
// in tensor ops (in PyTorch's operation order, so values and double-backward graphs match).
import { derivative } from "../../autograd/derivative.js";
import { zeros } from "../../tensor/creation.js";
import type { Shape } from "../../tensor/shape.js";
import { select_scatter, slice_scatter } from "../indexing.js";
import { sum_to_size } from "../reduce.js";
import { permute, reshape, squeeze, t, transpose } from "../shape.js";

/** permute_backwards: the inverse permutation. */
function permuteBackwards(dims: readonly number[]): number[] {
  const inverse = new Array<number>(dims.length);
  dims.forEach((d, i) => (inverse[d] = i));
  return inverse;
}

export const SHAPE_DERIVATIVES = {
  ExpandBackward0: derivative<{ selfShape: Shape }>({
    self: ["at::sum_to(grad, self.sizes())", (g, s) => sum_to_size(g, s.selfShape)],
  }),
  ViewBackward0: derivative<{ selfShape: Shape }>({
    self: ["grad.reshape(self.sizes())", (g, s) => reshape(g, s.selfShape)],
  }),
  ReshapeAliasBackward0: derivative<{ selfShape: Shape }>({
    self: ["grad.reshape(self.sizes())", (g, s) => reshape(g, s.selfShape)],
  }),
  UnsafeViewBackward0: derivative<{ selfShape: Shape }>({
    self: ["grad.reshape(self.sizes())", (g, s) => reshape(g, s.selfShape)],
  }),
  UnsqueezeBackward0: derivative<{ dim: number }>({
    self: ["grad.squeeze(dim)", (g, s) => squeeze(g, s.dim)],
  }),
  // unsqueeze_to puts the squeezed dims back; a reshape to self's sizes does the same.
  SqueezeBackward0: derivative<{ selfShape: Shape }>({
    self: ["unsqueeze_to(grad, self.sizes())", (g, s) => reshape(g, s.selfShape)],
  }),
  SqueezeBackward1: derivative<{ selfShape: Shape }>({
    self: ["unsqueeze_to(grad, dim, self.sizes())", (g, s) => reshape(g, s.selfShape)],
  }),
  // squeeze_(dim), in place (matmul's 1-D @ 2-D).
  SqueezeBackward3: derivative<{ selfShape: Shape; dim: number }>({
    self: ["unsqueeze_to(grad, dim, self.sizes())", (g, s) => reshape(g, s.selfShape)],
  }),
  TransposeBackward0: derivative<{ dim0: number; dim1: number }>({
    self: ["grad.transpose(dim0, dim1)", (g, s) => transpose(g, s.dim0, s.dim1)],
  }),
  PermuteBackward0: derivative<{ dims: number[] }>({
    self: ["permute_backwards(grad, dims)", (g, s) => permute(g, permuteBackwards(s.dims))],
  }),
  TBackward0: derivative<object>({ self: ["grad.t()", (g) => t(g)] }),
  SelectBackward0: derivative<{ selfShape: Shape; dim: number; index: number }>({
    self: [
      "select_backward(grad, self.sizes(), dim, index)",
      (g, s) => select_scatter(zeros([...s.selfShape], { dtype: g.dtype }), g, s.dim, s.index),
    ],
  }),
  SliceBackward0: derivative<{ selfShape: Shape; dim: number; start: number; end: number; step: number }>({
    self: [
      "slice_backward_wrapper(grad, self.sizes(), dim, start, end, step)",
      (g, s) => slice_scatter(zeros([...s.selfShape], { dtype: g.dtype }), g, s.dim, s.start, s.end, s.step),
    ],
  }),
};
