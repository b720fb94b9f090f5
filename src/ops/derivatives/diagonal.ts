// Derivatives of src/ops/diagonal.ts: diagonal, diagonal_backward, diag, diag_embed and trace. Each row gives each
// input's formula as derivatives.yaml writes it, then the same formula in tensor ops.
import { derivative } from "../../autograd/derivative.js";
import type { Shape } from "../../tensor/shape.js";
import { diag, diagonal, diagonal_backward, trace_backward } from "../diagonal.js";

export interface DiagonalSaved {
  offset: number;
  dim1: number;
  dim2: number;
}

export const DIAGONAL_DERIVATIVES = {
  DiagonalBackward0: derivative<DiagonalSaved & { selfShape: Shape }>({
    self: [
      "diagonal_backward_symint(grad, self.sym_sizes(), offset, dim1, dim2)",
      (g, s) => diagonal_backward(g, s.selfShape, s.offset, s.dim1, s.dim2),
    ],
  }),
  DiagonalBackwardBackward0: derivative<DiagonalSaved>({
    grad_output: ["grad.diagonal(offset, dim1, dim2)", (g, s) => diagonal(g, s.offset, s.dim1, s.dim2)],
  }),
  // diag_backward: a vector's or a square matrix's gradient is grad.diag(diagonal); a rectangular matrix's
  // goes through diagonal_backward.
  DiagBackward0: derivative<{ selfShape: Shape; diagonal: number }>({
    self: [
      "diag_backward_symint(grad, self.sym_sizes(), diagonal)",
      (g, s) =>
        s.selfShape.length === 1 || s.selfShape[0] === s.selfShape[1]
          ? diag(g, s.diagonal)
          : diagonal_backward(g, s.selfShape, s.diagonal, 0, 1),
    ],
  }),
  DiagEmbedBackward0: derivative<DiagonalSaved>({
    self: ["grad.diagonal(offset, dim1, dim2)", (g, s) => diagonal(g, s.offset, s.dim1, s.dim2)],
  }),
  TraceBackward0: derivative<{ selfShape: Shape }>({
    self: ["trace_backward(grad, self.sizes())", (g, s) => trace_backward(g, s.selfShape)],
  }),
};
