// Derivative rows of src/ops/unfold.ts (derivatives.yaml's unfold and unfold_backward).
import { derivative } from "../../autograd/derivative.js";
import type { Shape } from "../../tensor/shape.js";
import { unfold, unfold_backward } from "../unfold.js";

export interface UnfoldSaved {
  dimension: number;
  size: number;
  step: number;
}

export const UNFOLD_DERIVATIVES = {
  UnfoldBackward0: derivative<UnfoldSaved & { selfShape: Shape }>({
    self: [
      "unfold_backward_symint(grad, self.sym_sizes(), dimension, size, step)",
      (g, s) => unfold_backward(g, s.selfShape, s.dimension, s.size, s.step),
    ],
  }),
  UnfoldBackwardBackward0: derivative<UnfoldSaved>({
    grad_in: ["grad.unfold(dim, size, step)", (g, s) => unfold(g, s.dimension, s.size, s.step)],
  }),
};
