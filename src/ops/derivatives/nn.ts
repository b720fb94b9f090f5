// Derivative rows for fused ops that nn layers and losses record (addmm, ...).
import type { Tensor } from "../../tensor/tensor.js";
import { mmMat1Backward, mmMat2Backward } from "./linalg.js";
import { row } from "./row.js";

const scaled = (g: Tensor, by: number) => (by === 1 ? g : g.mul(by));

export const NN_DERIVATIVES = {
  // derivatives.yaml: self: maybe_multiply(grad, beta); mat1: mm_mat1_backward; mat2: mm_mat2_backward.
  AddmmBackward0: row<{ mat1: Tensor; mat2: Tensor; alpha: number; beta: number }>((g, s, ctx) => [
    ctx.needsInputGrad[0] ? scaled(g, s.beta) : null,
    ctx.needsInputGrad[1] ? scaled(mmMat1Backward(g, s.mat1, s.mat2), s.alpha) : null,
    ctx.needsInputGrad[2] ? scaled(mmMat2Backward(g, s.mat1, s.mat2), s.alpha) : null,
  ]),
};
