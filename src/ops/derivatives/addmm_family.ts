// Derivatives of src/ops/addmm_family.ts, as derivatives.yaml writes them (conj() is the identity on real
// tensors; handle_r_to_c likewise).
import { derivative } from "../../autograd/derivative.js";
import type { Tensor } from "../../tensor/tensor.js";
import { div, mul, neg, sub } from "../elementwise.js";
import { bmm, mv, outer } from "../linalg.js";
import { expand, t, transpose, unsqueeze } from "../shape.js";
import { normBackward } from "./reduce_stats.js";

/** maybe_multiply: grad untouched when the scalar is 1. */
const maybeMultiply = (g: Tensor, s: number) => (s === 1 ? g : mul(g, s));

/** norm_backward over every dim of self - other (dist's result keeps no dims to restore). */
function distBackward(
  g: Tensor,
  s: { self: Tensor; other: Tensor; p: number; result: Tensor },
): Tensor | null {
  const diff = sub(s.self, s.other);
  const dims = [...Array(diff.ndim).keys()];
  return normBackward(g, { self: diff, ord: s.p, result: s.result, dims, keepdim: true });
}

export interface Scaled {
  alpha: number;
  beta: number;
}

export const ADDMM_FAMILY_DERIVATIVES = {
  AddmvBackward0: derivative<Scaled & { mat: Tensor; vec: Tensor }>({
    self: ["maybe_multiply(grad, beta.conj())", (g, s) => maybeMultiply(g, s.beta)],
    mat: [
      "maybe_multiply(grad.ger(vec.conj()), alpha.conj())",
      (g, s) => maybeMultiply(outer(g, s.vec), s.alpha),
    ],
    vec: [
      "maybe_multiply(mat.t().conj().mv(grad), alpha.conj())",
      (g, s) => maybeMultiply(mv(t(s.mat), g), s.alpha),
    ],
  }),
  AddrBackward0: derivative<Scaled & { vec1: Tensor; vec2: Tensor }>({
    self: ["maybe_multiply(grad, beta.conj())", (g, s) => maybeMultiply(g, s.beta)],
    vec1: [
      "maybe_multiply(grad.mv(vec2.conj()), alpha.conj())",
      (g, s) => maybeMultiply(mv(g, s.vec2), s.alpha),
    ],
    vec2: [
      "maybe_multiply(grad.t().mv(vec1.conj()), alpha.conj())",
      (g, s) => maybeMultiply(mv(t(g), s.vec1), s.alpha),
    ],
  }),
  BaddbmmBackward0: derivative<Scaled & { batch1: Tensor; batch2: Tensor }>({
    self: ["maybe_multiply(grad, beta.conj())", (g, s) => maybeMultiply(g, s.beta)],
    batch1: [
      "maybe_multiply(grad.bmm(batch2.transpose(1, 2).conj()), alpha.conj())",
      (g, s) => maybeMultiply(bmm(g, transpose(s.batch2, 1, 2)), s.alpha),
    ],
    batch2: [
      "maybe_multiply(batch1.transpose(1, 2).conj().bmm(grad), alpha.conj())",
      (g, s) => maybeMultiply(bmm(transpose(s.batch1, 1, 2), g), s.alpha),
    ],
  }),
  AddbmmBackward0: derivative<Scaled & { batch1: Tensor; batch2: Tensor }>({
    self: ["maybe_multiply(grad, beta.conj())", (g, s) => maybeMultiply(g, s.beta)],
    batch1: [
      "maybe_multiply(grad.unsqueeze(0).expand({ b1.size(0), b1.size(1), b2.size(2) }).bmm(batch2.transpose(1, 2).conj()), alpha.conj())",
      (g, s) => {
        const e = expand(unsqueeze(g, 0), [s.batch1.shape[0], s.batch1.shape[1], s.batch2.shape[2]]);
        return maybeMultiply(bmm(e, transpose(s.batch2, 1, 2)), s.alpha);
      },
    ],
    batch2: [
      "maybe_multiply(batch1.transpose(1, 2).conj().bmm(grad.unsqueeze(0).expand({ b1.size(0), b1.size(1), b2.size(2) })), alpha.conj())",
      (g, s) => {
        const e = expand(unsqueeze(g, 0), [s.batch1.shape[0], s.batch1.shape[1], s.batch2.shape[2]]);
        return maybeMultiply(bmm(transpose(s.batch1, 1, 2), e), s.alpha);
      },
    ],
  }),
  AddcmulBackward0: derivative<{ tensor1: Tensor; tensor2: Tensor; value: number }>({
    self: ["handle_r_to_c(self.scalar_type(), grad)", (g) => g],
    tensor1: [
      "handle_r_to_c(tensor1.scalar_type(), grad * (tensor2 * value).conj())",
      (g, s) => mul(g, mul(s.tensor2, s.value)),
    ],
    tensor2: [
      "handle_r_to_c(tensor2.scalar_type(), grad * (tensor1 * value).conj())",
      (g, s) => mul(g, mul(s.tensor1, s.value)),
    ],
  }),
  AddcdivBackward0: derivative<{ tensor1: Tensor; tensor2: Tensor; value: number }>({
    self: ["handle_r_to_c(self.scalar_type(), grad)", (g) => g],
    tensor1: [
      "handle_r_to_c(tensor1.scalar_type(), grad * (value / tensor2).conj())",
      (g, s) => mul(g, div(s.value, s.tensor2)),
    ],
    tensor2: [
      "handle_r_to_c(tensor2.scalar_type(), -grad * (value * tensor1 / (tensor2 * tensor2)).conj())",
      (g, s) => mul(neg(g), div(mul(s.tensor1, s.value), mul(s.tensor2, s.tensor2))),
    ],
  }),
  VdotBackward0: derivative<{ self: Tensor; other: Tensor }>({
    self: ["grad.conj() * other", (g, s) => mul(g, s.other)],
    other: ["grad * self", (g, s) => mul(g, s.self)],
  }),
  DistBackward0: derivative<{ self: Tensor; other: Tensor; p: number; result: Tensor }>({
    self: ["norm_backward(grad, self - other, p, result)", (g, s) => distBackward(g, s)],
    other: [
      "-norm_backward(grad, self - other, p, result)",
      (g, s) => {
        const d = distBackward(g, s);
        return d === null ? null : neg(d);
      },
    ],
  }),
};
