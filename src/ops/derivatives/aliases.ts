// Derivatives of src/ops/aliases.ts: clamp_min/clamp_max (their tensor-bound forms and clamp_max's number
// form; clamp_min's number form, ClampMinBackward0, is in nn_losses_margin.ts) and sgn.
import { derivative } from "../../autograd/derivative.js";
import type { Tensor } from "../../tensor/tensor.js";
import { zeros_like } from "../../tensor/creation.js";
import { ge, gt, le, lt, where } from "../elementwise.js";

export const ALIASES_DERIVATIVES = {
  ClampMinBackward1: derivative<{ self: Tensor; min: Tensor }>({
    self: [
      "where(self >= min, grad, at::scalar_tensor(0., grad.options()))",
      (g, s) => where(ge(s.self, s.min), g, 0),
    ],
    min: [
      "where(self < min, grad, at::scalar_tensor(0., grad.options()))",
      (g, s) => where(lt(s.self, s.min), g, 0),
    ],
  }),
  ClampMaxBackward0: derivative<{ self: Tensor; max: number }>({
    self: [
      "where(self <= max, grad, at::scalar_tensor(0., grad.options()))",
      (g, s) => where(le(s.self, s.max), g, 0),
    ],
  }),
  ClampMaxBackward1: derivative<{ self: Tensor; max: Tensor }>({
    self: [
      "where(self <= max, grad, at::scalar_tensor(0., grad.options()))",
      (g, s) => where(le(s.self, s.max), g, 0),
    ],
    max: [
      "where(self > max, grad, at::scalar_tensor(0., grad.options()))",
      (g, s) => where(gt(s.self, s.max), g, 0),
    ],
  }),
  // On a real input PyTorch's sgn gradient is an efficient zero tensor: zeros, with no graph of its own.
  SgnBackward0: derivative<{ self: Tensor; result: Tensor }>({
    self: ["sgn_backward(self, grad, result) (zeros for a real self)", (g) => zeros_like(g)],
  }),
};
