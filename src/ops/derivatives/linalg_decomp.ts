// Derivatives of src/ops/linalg_decomp.ts: linalg_qr_backward, svd_backward and linalg_eig_backward (hermitian)
// from PyTorch 1.13's FunctionsManual.cpp, in tensor ops (real tensors: mH is mT), so double backward records.
import { derivative, type FormulaContext } from "../../autograd/derivative.js";
import { RuntimeError } from "../../errors.js";
import type { Tensor } from "../../tensor/tensor.js";
import { add, div, mul, sub } from "../elementwise.js";
import { triu } from "../indexing.js";
import { cat } from "../join.js";
import { matmul } from "../linalg.js";
import { linalg_solve_triangular } from "../linalg_cholesky.js";
import { diagEmbed, diagonalOf, eye, mT } from "../linalg_common.js";
import type { QrMode } from "../linalg_decomp.js";
import { narrow, unsqueeze } from "../shape.js";

const grads = (ctx: FormulaContext) => ctx.gradOutputs;

/** X + X^H - diag(X): the adjoint of the map from a triangle to the symmetric matrix it spans. */
function syminvadj(X: Tensor): Tensor {
  return sub(add(X, mT(X)), diagEmbed(diagonalOf(X)));
}

/** gA of a square-or-tall reduced QR: [gQ + Q syminvadj(triu(gR R^H - Q^H gQ))] R^{-H}. */
function qrBackwardTall(gQ: Tensor | null, gR: Tensor | null, Q: Tensor, R: Tensor): Tensor {
  let M: Tensor;
  if (gR && gQ) M = sub(matmul(gR, mT(R)), matmul(mT(Q), gQ));
  else if (gR) M = matmul(gR, mT(R));
  else M = mul(matmul(mT(Q), gQ!), -1);
  let gA = matmul(Q, syminvadj(triu(M)));
  if (gQ) gA = add(gA, gQ);
  return linalg_solve_triangular(mT(R), gA, false, false);
}

/** linalg_qr_backward; a wide A = [X | Y] = Q [U | V] differentiates X as a square QR with gQ + Y gV^H. */
function qrBackward(gQ: Tensor | null, gR: Tensor | null, Q: Tensor, R: Tensor, mode: QrMode): Tensor | null {
  if (mode === "r") {
    throw new RuntimeError(
      "The derivative of linalg.qr depends on Q, which is not computed when mode='r'. Please use " +
        "linalg.qr(A, mode='reduced') if you are going to differentiate through linalg.qr.",
    );
  }
  const m = Q.shape[Q.ndim - 2];
  const n = R.shape[R.ndim - 1];
  if (mode === "complete" && m > n) {
    throw new RuntimeError(
      "The QR decomposition is not differentiable when mode='complete' and nrows > ncols.",
    );
  }
  if (gQ === null && gR === null) return null;
  if (m >= n) return qrBackwardTall(gQ, gR, Q, R);
  const U = narrow(R, -1, 0, m);
  const V = narrow(R, -1, m, n - m);
  const gU = gR ? narrow(gR, -1, 0, m) : null;
  const gV = gR ? narrow(gR, -1, m, n - m) : null;
  let gQX = gQ;
  if (gV) {
    const extra = matmul(matmul(Q, V), mT(gV));
    gQX = gQX ? add(gQX, extra) : extra;
  }
  const gX = qrBackwardTall(gQX, gU, Q, U);
  const gY = gV ? matmul(Q, gV) : mul(matmul(Q, V), 0);
  return cat([gX, gY], -1);
}

/** svd_backward on the thin factors (U [m, k], S [k], Vh [k, n]). */
function svdBackward(
  gU: Tensor | null,
  gS: Tensor | null,
  gVh: Tensor | null,
  U: Tensor,
  S: Tensor,
  Vh: Tensor,
): Tensor | null {
  const m = U.shape[U.ndim - 2];
  const n = Vh.shape[Vh.ndim - 1];
  if (!gU && !gVh) {
    if (!gS) return null;
    return m >= n ? matmul(U, mul(unsqueeze(gS, -1), Vh)) : matmul(mul(U, unsqueeze(gS, -2)), Vh);
  }
  const skew = (A: Tensor) => sub(A, mT(A));
  const UhgU = gU ? skew(matmul(mT(U), gU)) : null;
  const VhgV = gVh ? skew(matmul(Vh, mT(gVh))) : null;
  const S2 = mul(S, S);
  // E[i][j] = S[j]^2 - S[i]^2, its diagonal 1 (it divides a zero diagonal).
  const k = S.shape[S.ndim - 1];
  const E = add(sub(unsqueeze(S2, -2), unsqueeze(S2, -1)), eye(k, S.dtype));
  let gA: Tensor;
  if (UhgU && VhgV) gA = div(add(mul(UhgU, unsqueeze(S, -2)), mul(unsqueeze(S, -1), VhgV)), E);
  else if (!UhgU) gA = div(mul(unsqueeze(S, -1), VhgV!), E);
  else gA = div(mul(UhgU, unsqueeze(S, -2)), E);
  if (gS) gA = add(gA, diagEmbed(gS));
  if (m > n && gU) {
    gA = matmul(U, gA);
    const gUSinv = div(gU, unsqueeze(S, -2));
    gA = sub(add(gA, gUSinv), matmul(U, matmul(mT(U), gUSinv)));
    return matmul(gA, Vh);
  }
  if (m < n && gVh) {
    gA = matmul(gA, Vh);
    const SinvgVh = div(gVh, unsqueeze(S, -1));
    gA = sub(add(gA, SinvgVh), matmul(matmul(SinvgVh, mT(Vh)), Vh));
    return matmul(U, gA);
  }
  return m >= n ? matmul(U, matmul(gA, Vh)) : matmul(matmul(U, gA), Vh);
}

/** linalg_eig_backward for hermitian A: V (diag(gL) + skew(V^H gV) / E) V^H. */
function eighBackward(gL: Tensor | null, gV: Tensor | null, L: Tensor, V: Tensor): Tensor | null {
  if (!gV) return gL ? matmul(mul(V, unsqueeze(gL, -2)), mT(V)) : null;
  let VhgV = matmul(mT(V), gV);
  VhgV = mul(sub(VhgV, mT(VhgV)), 0.5);
  const n = L.shape[L.ndim - 1];
  const E = add(sub(unsqueeze(L, -2), unsqueeze(L, -1)), eye(n, L.dtype));
  let gA = div(VhgV, E);
  if (gL) gA = add(gA, diagEmbed(gL));
  return matmul(V, matmul(gA, mT(V)));
}

export interface SvdSaved {
  U: Tensor;
  S: Tensor;
  Vh: Tensor;
  full_matrices: boolean;
}

export const LINALG_DECOMP_DERIVATIVES = {
  LinalgQrBackward0: derivative<{ Q: Tensor; R: Tensor; mode: QrMode }>({
    A: [
      "linalg_qr_backward(grad_Q, grad_R, Q, R, mode)",
      (_g, s, ctx) => qrBackward(grads(ctx)[0], grads(ctx)[1], s.Q, s.R, s.mode),
    ],
  }),
  LinalgSvdBackward0: derivative<SvdSaved>({
    A: [
      "svd_backward(full_matrices && grad_U.defined() ? grad_U.narrow_symint(-1, 0, S.sym_size(-1)) : grad_U, grad_S, full_matrices && grad_Vh.defined() ? grad_Vh.narrow_symint(-2, 0, S.sym_size(-1)) : grad_Vh, full_matrices ? U.narrow_symint(-1, 0, S.sym_size(-1)) : U, S, full_matrices ? Vh.narrow_symint(-2, 0, S.sym_size(-1)) : Vh)",
      (_g, s, ctx) => {
        const [gU, gS, gVh] = grads(ctx);
        const k = s.S.shape[s.S.ndim - 1];
        const thinU = (x: Tensor) => (s.full_matrices ? narrow(x, -1, 0, k) : x);
        const thinVh = (x: Tensor) => (s.full_matrices ? narrow(x, -2, 0, k) : x);
        return svdBackward(
          gU ? thinU(gU) : null,
          gS ?? null,
          gVh ? thinVh(gVh) : null,
          thinU(s.U),
          s.S,
          thinVh(s.Vh),
        );
      },
    ],
  }),
  LinalgEighBackward0: derivative<{ eigenvalues: Tensor; eigenvectors: Tensor }>({
    A: [
      "linalg_eig_backward(grads[0], grads[1], eigenvalues, eigenvectors, /*is_hermitian=*/true)",
      (_g, s, ctx) => eighBackward(grads(ctx)[0], grads(ctx)[1] ?? null, s.eigenvalues, s.eigenvectors),
    ],
  }),
  SymeigBackward0: derivative<{ eigenvalues: Tensor; eigenvectors: Tensor; computedVectors: boolean }>({
    self: [
      "linalg_eig_backward(grads[0], grads[1], eigenvalues, eigenvectors_return, /*is_hermitian=*/true, /*symeig_eigenvector=*/eigenvectors)",
      (_g, s, ctx) => {
        if (!s.computedVectors) {
          throw new RuntimeError(
            "linalg_eig_backward: torch.symeig(A, eigenvectors=False) is not differentiable. Use " +
              "torch.linalg.eigvalsh(A) instead.",
          );
        }
        return eighBackward(grads(ctx)[0], grads(ctx)[1] ?? null, s.eigenvalues, s.eigenvectors);
      },
    ],
  }),
};
