// Derivatives of src/ops/conversion.ts: clone and the dtype conversions.
import { derivative } from "../../autograd/derivative.js";
import type { DType } from "../../tensor/dtype.js";
import { toDtype } from "../conversion.js";

export const CONVERSION_DERIVATIVES = {
  CloneBackward0: derivative<object>({ self: ["grad", (g) => g] }),
  ToCopyBackward0: derivative<{ selfDtype: DType }>({
    self: ["_to_copy_backward(grad, self.options())", (g, s) => toDtype(g, s.selfDtype)],
  }),
};
