// Derivatives of src/ops/products.ts: linalg_cross, _cdist_forward, _cdist_backward and _euclidean_dist (tensordot,
// kron, chain_matmul and multi_dot record their parts' rows). Each row gives each input's formula as
// derivatives.yaml writes it, then the same formula in tensor ops. Real tensors: .conj() is a no-op.
import { derivative } from "../../autograd/derivative.js";
import { NotImplementedError } from "../../errors.js";
import type { Tensor } from "../../tensor/tensor.js";
import { div, eq, mul, sub } from "../elementwise.js";
import { masked_fill } from "../indexing.js";
import { cdist_backward, linalg_cross } from "../products.js";
import { contiguous, unsqueeze } from "../shape.js";

/** _euclidean_dist_backward: ratio = grad / res (0 where res is 0), then each input's share of it. */
function euclideanDistBackward(g: Tensor, x1: Tensor, x2: Tensor, res: Tensor): [Tensor, Tensor] {
  const ratio = masked_fill(div(g, res), eq(res, 0), 0);
  return [
    sub(mul(x1, ratio.sum(-1, true)), ratio.matmul(x2)),
    sub(mul(x2, unsqueeze(ratio.sum(-2, false), -1)), ratio.mT.matmul(x1)),
  ];
}

export const PRODUCTS_DERIVATIVES = {
  LinalgCrossBackward0: derivative<{ self: Tensor; other: Tensor; dim: number }>({
    self: ["at::linalg_cross(other.conj(), grad, dim)", (g, s) => linalg_cross(s.other, g, s.dim)],
    other: ["at::linalg_cross(grad, self.conj(), dim)", (g, s) => linalg_cross(g, s.self, s.dim)],
  }),
  CdistBackward0: derivative<{ x1: Tensor; x2: Tensor; p: number; result: Tensor }>({
    x1: [
      "_cdist_backward(grad.contiguous(), x1, x2, p, result)",
      (g, s) => cdist_backward(contiguous(g), s.x1, s.x2, s.p, s.result),
    ],
    x2: [
      "_cdist_backward(grad.mT().contiguous(), x2, x1, p, result.mT().contiguous())",
      (g, s) => cdist_backward(contiguous(g.mT), s.x2, s.x1, s.p, contiguous(s.result.mT)),
    ],
  }),
  // derivatives.yaml declares none: PyTorch raises when a second derivative reaches it.
  CdistBackwardBackward0: derivative<object>({
    "grad, x1, x2, cdist": [
      'not_implemented("_cdist_backward")',
      () => {
        throw new NotImplementedError("the derivative for '_cdist_backward' is not implemented.");
      },
    ],
  }),
  EuclideanDistBackward0: derivative<{ x1: Tensor; x2: Tensor; result: Tensor }>({
    "x1, x2": [
      "_euclidean_dist_backward(grad, x1, x2, result)",
      (g, s) => euclideanDistBackward(g, s.x1, s.x2, s.result),
    ],
  }),
};
