// Derivatives of src/ops/rotate.ts: rot90 (fliplr and flipud record flip's row). The formula as
// derivatives.yaml writes it, then in tensor ops.
import { derivative } from "../../autograd/derivative.js";
import { rot90 } from "../rotate.js";

export const ROTATE_DERIVATIVES = {
  Rot90Backward0: derivative<{ k: number; dims: number[] }>({
    self: ["grad.rot90(-k, dims)", (g, s) => rot90(g, -s.k, s.dims)],
  }),
};
