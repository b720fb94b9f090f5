// Derivatives of src/ops/linalg_inv.ts: the inverse's formula from derivatives.yaml, linalg_det_backward (exact
// on singular matrices through the SVD when a higher derivative is being built) and slogdet_backward, from
// PyTorch 1.13's FunctionsManual.cpp in tensor ops.
import { derivative } from "../../autograd/derivative.js";
import { is_grad_enabled } from "../../autograd/grad_mode.js";
import { ones } from "../../tensor/creation.js";
import { float32 } from "../../tensor/dtype.js";
import type { Tensor } from "../../tensor/tensor.js";
import { add, eq, mul, neg, where } from "../elementwise.js";
import { cat, flip } from "../join.js";
import { matmul } from "../linalg.js";
import { diagEmbed, diagonalOf, mT } from "../linalg_common.js";
import { linalg_svd } from "../linalg_decomp.js";
import { linalg_det } from "../linalg_inv.js";
import { linalg_lu_solve, linalg_solve } from "../linalg_lu.js";
import { abs } from "../math.js";
import { cumprod } from "../reduce_stats.js";
import { narrow, unsqueeze } from "../shape.js";
import { grads } from "./linalg_lu.js";

/** prod_safe_zeros_backward: the gradient of prod over the last dim, exact when entries are zero. */
function prodSafeZerosBackward(g: Tensor, x: Tensor): Tensor {
  const n = x.shape[x.ndim - 1];
  const one = ones([...x.shape.slice(0, -1), 1], { dtype: g.dtype });
  const before = cumprod(cat([one, narrow(x, -1, 0, n - 1)], -1), -1);
  const after = flip(cumprod(cat([one, flip(narrow(x, -1, 1, n - 1), [-1])], -1), -1), [-1]);
  return mul(g, mul(before, after));
}

/** linalg_det_backward: the cofactor matrix det(A) A^{-H} times grad, also on singular matrices. */
function detBackward(g: Tensor, det: Tensor, A: Tensor, LU: Tensor, pivots: Tensor): Tensor {
  const eps = A.dtype === float32 ? 2 ** -23 : 2 ** -52;
  const dDiag = mul(g, det);
  const d = diagEmbed(unsqueeze(dDiag, -1).expand(pivots.shape));
  if (!is_grad_enabled()) {
    const diagLU = diagonalOf(LU);
    const LUp = add(LU, diagEmbed(where(eq(diagLU, 0), eps, 0)));
    return linalg_lu_solve(LUp, pivots, d, true, true);
  }
  const singular = (): Tensor => {
    const [U, S, Vh] = linalg_svd(A);
    const alpha = mul(linalg_det(U), linalg_det(Vh));
    const D = prodSafeZerosBackward(unsqueeze(mul(g, alpha), -1), S);
    return matmul(mul(U, unsqueeze(D, -2)), Vh);
  };
  const absDet = abs(det).values();
  const anySingular = absDet.some((v) => v < 100 * eps);
  return anySingular ? singular() : linalg_solve(mT(A), d);
}

export const LINALG_INV_DERIVATIVES = {
  LinalgInvExBackward0: derivative<{ inverse: Tensor }>({
    A: [
      "-at::matmul(inverse.mH(), at::matmul(grad, inverse.mH()))",
      (g, s) => neg(matmul(mT(s.inverse), matmul(g, mT(s.inverse)))),
    ],
  }),
  LinalgDetBackward0: derivative<{ A: Tensor; result: Tensor; LU: Tensor; pivots: Tensor }>({
    A: [
      "linalg_det_backward(grad, result, A, LU, pivots)",
      (g, s) => detBackward(g, s.result, s.A, s.LU, s.pivots),
    ],
  }),
  LinalgSlogdetBackward0: derivative<{ A: Tensor; LU: Tensor; pivots: Tensor }>({
    A: [
      "slogdet_backward(grad_sign, grad_logabsdet, A, sign, LU, pivots)",
      (_g, s, ctx) => {
        const gLogabsdet = grads(ctx)[1];
        if (gLogabsdet === null) return null;
        const d = diagEmbed(unsqueeze(gLogabsdet, -1).expand(s.pivots.shape));
        return is_grad_enabled() ? linalg_solve(mT(s.A), d) : linalg_lu_solve(s.LU, s.pivots, d, true, true);
      },
    ],
  }),
};
