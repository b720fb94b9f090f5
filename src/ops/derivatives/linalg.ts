// Derivative rows for linalg ops (derivatives.yaml's mm, bmm, dot, mv and matmul's squeeze_).
import { row } from "./row.js";
import type { Shape } from "../../tensor/shape.js";
import type { Tensor } from "../../tensor/tensor.js";

/** A column-major (transposed) matrix, as PyTorch's mm_mat*_backward test it. */
const isColumnMajor = (m: Tensor) => m.ndim === 2 && m.stride(0) === 1 && m.stride(1) === m.shape[0];

/**
 * mm_mat1_backward: grad @ mat2ᵀ, computed as (mat2 @ gradᵀ)ᵀ when mat1 is column-major so the gradient comes
 * out in mat1's layout (a weight used as W.t() then gets a contiguous gradient with no transposing copy).
 */
export function mmMat1Backward(g: Tensor, mat1: Tensor, mat2: Tensor): Tensor {
  return isColumnMajor(mat1) ? mat2.mm(g.t()).t() : g.mm(mat2.t());
}

/** mm_mat2_backward: mat1ᵀ @ grad, or (gradᵀ @ mat1)ᵀ when mat2 is column-major. */
export function mmMat2Backward(g: Tensor, mat1: Tensor, mat2: Tensor): Tensor {
  return isColumnMajor(mat2) ? g.t().mm(mat1).t() : mat1.t().mm(g);
}

export const LINALG_DERIVATIVES = {
  // mm_mat1_backward / mm_mat2_backward (the column-major variants only reorder the same sums).
  MmBackward0: row<{ self: Tensor; mat2: Tensor }>((g, s, ctx) => [
    ctx.needsInputGrad[0] ? mmMat1Backward(g, s.self, s.mat2) : null,
    ctx.needsInputGrad[1] ? mmMat2Backward(g, s.self, s.mat2) : null,
  ]),
  BmmBackward0: row<{ self: Tensor; mat2: Tensor }>((g, s, ctx) => [
    ctx.needsInputGrad[0] ? g.bmm(s.mat2.transpose(1, 2)) : null,
    ctx.needsInputGrad[1] ? s.self.transpose(1, 2).bmm(g) : null,
  ]),
  DotBackward0: row<{ self: Tensor; tensor: Tensor }>((g, s, ctx) => [
    ctx.needsInputGrad[0] ? g.mul(s.tensor) : null,
    ctx.needsInputGrad[1] ? g.mul(s.self) : null,
  ]),
  MvBackward0: row<{ self: Tensor; vec: Tensor }>((g, s, ctx) => [
    ctx.needsInputGrad[0] ? g.outer(s.vec) : null,
    ctx.needsInputGrad[1] ? s.self.t().mv(g) : null,
  ]),
  // Tensor.squeeze_(dim): matmul's 1-D @ 2-D drops the unsqueezed row in place.
  SqueezeBackward3: row<{ selfShape: Shape }>((g, s) => [g.reshape(s.selfShape)]),
};
