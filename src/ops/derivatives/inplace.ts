// Derivatives of src/ops/inplace.ts's own ops: fill_, zero_ and copy_ (the other in-place ops record the
// rows of their out-of-place forms).
import { derivative } from "../../autograd/derivative.js";
import { zeros_like } from "../../tensor/creation.js";
import { sumAll } from "../reduce.js";

export const INPLACE_DERIVATIVES = {
  FillBackward2: derivative<object>({ self: ["zeros_like(grad)", (g) => zeros_like(g)] }),
  FillBackward3: derivative<object>({
    self: ["zeros_like(grad)", (g) => zeros_like(g)],
    value: ["grad.sum()", (g) => sumAll(g)],
  }),
  ZeroBackward0: derivative<object>({ self: ["zeros_like(grad)", (g) => zeros_like(g)] }),
  // copy_'s node, named as PyTorch's hand-written CopyBackwards (VariableTypeManual.cpp): the old values of
  // self are overwritten, so only src gets a gradient (the engine casts it to src's dtype and shape).
  "torch::autograd::CopyBackwards": derivative<object>({
    self: ["zeros_like(grad)", (g) => zeros_like(g)],
    src: ["grad", (g) => g],
  }),
};
