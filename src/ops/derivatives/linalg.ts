// Derivative rows for linalg ops (derivatives.yaml's mm, bmm, dot, mv and matmul's squeeze_).
import { row } from "./row.js";
import type { Shape } from "../../tensor/shape.js";
import type { Tensor } from "../../tensor/tensor.js";

export const LINALG_DERIVATIVES = {
  // mm_mat1_backward / mm_mat2_backward (the column-major variants only reorder the same sums).
  MmBackward0: row<{ self: Tensor; mat2: Tensor }>((g, s, ctx) => [
    ctx.needsInputGrad[0] ? g.mm(s.mat2.t()) : null,
    ctx.needsInputGrad[1] ? s.self.t().mm(g) : null,
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
