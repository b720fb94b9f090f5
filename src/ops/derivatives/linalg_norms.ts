// Derivatives of src/ops/linalg_norms.ts's own nodes: pinv_backward, linalg_lstsq_backward and
// linalg_matrix_exp_differential from PyTorch 1.13's FunctionsManual.cpp, in tensor ops (real tensors).
import { derivative } from "../../autograd/derivative.js";
import { zeros_like } from "../../tensor/creation.js";
import type { Tensor } from "../../tensor/tensor.js";
import { add, neg, sub } from "../elementwise.js";
import { cat } from "../join.js";
import { matmul } from "../linalg.js";
import { mT } from "../linalg_common.js";
import { linalg_matrix_exp, linalg_pinv } from "../linalg_norms.js";
import { narrow } from "../shape.js";

/** pinv_backward: the product grouped to keep the intermediate matrices smallest. */
function pinvBackward(grad: Tensor, pinvA: Tensor, A: Tensor): Tensor {
  const m = A.shape[A.ndim - 2];
  const n = A.shape[A.ndim - 1];
  const pinvAh = mT(pinvA);
  const gradh = mT(grad);
  if (m <= n) {
    const K = matmul(gradh, pinvA);
    const KpinvAh = matmul(K, pinvAh);
    return add(
      sub(add(neg(mT(matmul(pinvA, K))), KpinvAh), matmul(matmul(A, pinvA), KpinvAh)),
      matmul(matmul(pinvAh, pinvA), sub(gradh, matmul(K, A))),
    );
  }
  const K = matmul(pinvA, gradh);
  const pinvAhK = matmul(pinvAh, K);
  return sub(
    add(add(neg(mT(matmul(K, pinvA))), matmul(matmul(sub(gradh, matmul(A, K)), pinvA), pinvAh)), pinvAhK),
    matmul(matmul(pinvAhK, pinvA), A),
  );
}

/** linalg_matrix_exp_differential(A, grad, adjoint): the top-right block of exp([[A^H, G], [0, A^H]]). */
function matrixExpBackward(A: Tensor, grad: Tensor): Tensor {
  const n = A.shape[A.ndim - 1];
  const Ah = mT(A);
  const top = cat([Ah, grad], -1);
  const bottom = cat([zeros_like(Ah), Ah], -1);
  const big = linalg_matrix_exp(cat([top, bottom], -2));
  return narrow(narrow(big, -2, 0, n), -1, n, n);
}

export const LINALG_NORMS_DERIVATIVES = {
  LinalgPinvBackward0: derivative<{ self: Tensor; result: Tensor }>({
    self: ["pinv_backward(grad, result, self)", (g, s) => pinvBackward(g, s.result, s.self)],
  }),
  LinalgLstsqBackward0: derivative<{ self: Tensor; b: Tensor }>({
    "self, b": [
      "linalg_lstsq_backward(grads[0], self, b, grad_input_mask)",
      // 1.13 does not special-case a vector b here: its backward raises for one, and so does this.
      (g, s, { needsInputGrad }) => {
        const pinvA = linalg_pinv(s.self);
        const gA = needsInputGrad[0] ? pinvBackward(matmul(g, mT(s.b)), pinvA, s.self) : null;
        const gB = needsInputGrad[1] ? matmul(mT(pinvA), g) : null;
        return [gA, gB];
      },
    ],
  }),
  LinalgMatrixExpBackward0: derivative<{ self: Tensor }>({
    self: [
      "linalg_matrix_exp_differential(self, grad, /*adjoint*/ true)",
      (g, s) => matrixExpBackward(s.self, g),
    ],
  }),
};
