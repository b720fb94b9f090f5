// Derivatives of src/ops/shape_inplace.ts's in-place shape methods that no out-of-place op shares
// (SqueezeBackward3 is shape.ts's row).
import { derivative } from "../../autograd/derivative.js";
import type { Shape } from "../../tensor/shape.js";
import { reshape, squeeze, t, transpose } from "../shape.js";

export const SHAPE_INPLACE_DERIVATIVES = {
  UnsqueezeBackward1: derivative<{ dim: number }>({
    self: ["grad.squeeze(dim)", (g, s) => squeeze(g, s.dim)],
  }),
  // unsqueeze_to puts the squeezed dims back; a reshape to self's sizes does the same.
  SqueezeBackward2: derivative<{ selfShape: Shape }>({
    self: ["unsqueeze_to(grad, self.sizes())", (g, s) => reshape(g, s.selfShape)],
  }),
  TBackward1: derivative<object>({ self: ["grad.t()", (g) => t(g)] }),
  TransposeBackward1: derivative<{ dim0: number; dim1: number }>({
    self: ["grad.transpose(dim0, dim1)", (g, s) => transpose(g, s.dim0, s.dim1)],
  }),
};
