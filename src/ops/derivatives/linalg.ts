// Derivatives of src/ops/linalg.ts: mm, bmm, dot, mv and addmm (matmul records these and shape.ts's views).
// Each row gives each input's formula as derivatives.yaml writes it, then the same formula in tensor ops (in
// PyTorch's operation order, so values and double-backward graphs match). Real tensors: .conj() is a no-op.
import { derivative } from "../../autograd/derivative.js";
import type { Tensor } from "../../tensor/tensor.js";
import { mul } from "../elementwise.js";
import { bmm, mm, mv, outer } from "../linalg.js";
import { t, transpose } from "../shape.js";

/** A column-major (transposed) matrix, as PyTorch's mm_mat*_backward test it. */
const isColumnMajor = (m: Tensor) => m.ndim === 2 && m.stride(0) === 1 && m.stride(1) === m.shape[0];

/**
 * mm_mat1_backward: grad @ mat2ᵀ, computed as (mat2 @ gradᵀ)ᵀ when mat1 is column-major so the gradient
 * comes out in mat1's layout (a weight used as W.t() gets a contiguous gradient, with no transposing copy).
 */
export function mmMat1Backward(g: Tensor, mat1: Tensor, mat2: Tensor): Tensor {
  return isColumnMajor(mat1) ? t(mm(mat2, t(g))) : mm(g, t(mat2));
}

/** mm_mat2_backward: mat1ᵀ @ grad, or (gradᵀ @ mat1)ᵀ when mat2 is column-major. */
function mmMat2Backward(g: Tensor, mat1: Tensor, mat2: Tensor): Tensor {
  return isColumnMajor(mat2) ? t(mm(t(g), mat1)) : mm(t(mat1), g);
}

/** grad * alpha, skipping the multiply when alpha is 1 (PyTorch's maybe_multiply). */
const maybeMultiply = (g: Tensor, alpha: number) => (alpha === 1 ? g : mul(g, alpha));

export const LINALG_DERIVATIVES = {
  MmBackward0: derivative<{ self: Tensor; mat2: Tensor }>({
    self: [
      "mm_mat1_backward(grad, mat2, self.sizes(), self.strides(), self.layout(), 1)",
      (g, s) => mmMat1Backward(g, s.self, s.mat2),
    ],
    mat2: [
      "mm_mat2_backward(grad, self, mat2.sizes(), mat2.strides(), mat2.layout(), 1)",
      (g, s) => mmMat2Backward(g, s.self, s.mat2),
    ],
  }),
  BmmBackward0: derivative<{ self: Tensor; mat2: Tensor }>({
    self: ["grad.bmm(mat2.transpose(1, 2).conj())", (g, s) => bmm(g, transpose(s.mat2, 1, 2))],
    mat2: ["self.transpose(1, 2).conj().bmm(grad)", (g, s) => bmm(transpose(s.self, 1, 2), g)],
  }),
  DotBackward0: derivative<{ self: Tensor; tensor: Tensor }>({
    self: ["grad * tensor.conj()", (g, s) => mul(g, s.tensor)],
    tensor: ["grad * self.conj()", (g, s) => mul(g, s.self)],
  }),
  MvBackward0: derivative<{ self: Tensor; vec: Tensor }>({
    self: ["grad.ger(vec.conj())", (g, s) => outer(g, s.vec)],
    vec: ["self.conj().t().mv(grad)", (g, s) => mv(t(s.self), g)],
  }),
  AddmmBackward0: derivative<{ mat1: Tensor; mat2: Tensor; alpha: number; beta: number }>({
    self: ["maybe_multiply(grad, beta.conj())", (g, s) => maybeMultiply(g, s.beta)],
    mat1: [
      "mm_mat1_backward(grad, mat2, mat1.sizes(), mat1.strides(), mat1.layout(), alpha)",
      (g, s) => maybeMultiply(mmMat1Backward(g, s.mat1, s.mat2), s.alpha),
    ],
    mat2: [
      "mm_mat2_backward(grad, mat1, mat2.sizes(), mat2.strides(), mat2.layout(), alpha)",
      (g, s) => maybeMultiply(mmMat2Backward(g, s.mat1, s.mat2), s.alpha),
    ],
  }),
};
