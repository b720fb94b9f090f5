// Derivatives of src/ops/linalg_lu.ts and linalg_cholesky.ts: PyTorch 1.13's FunctionsManual.cpp formulas
// (linalg_lu_backward, lu_factor_ex_backward, lu_unpack_backward, linalg_lu_solve_LU, linalg_solve_backward,
// cholesky_backward, linalg_solve_triangular_backward, ...) in tensor ops, so double backward records.
// Real tensors only: mH is mT. Where PyTorch branches on GradMode (a cheaper LU-based path when no higher
// derivative is being built), so do these rows.
import { derivative, type FormulaContext } from "../../autograd/derivative.js";
import { is_grad_enabled } from "../../autograd/grad_mode.js";
import type { Tensor } from "../../tensor/tensor.js";
import { zeros, zeros_like } from "../../tensor/creation.js";
import { add, mul, neg, sub } from "../elementwise.js";
import { tril, triu } from "../indexing.js";
import { cat } from "../join.js";
import { matmul } from "../linalg.js";
import { cholesky_solve, linalg_solve_triangular } from "../linalg_cholesky.js";
import { mT } from "../linalg_common.js";
import { linalg_lu_solve, linalg_solve, lu_unpack } from "../linalg_lu.js";
import { narrow, squeeze, unsqueeze } from "../shape.js";

/** The gradients of a multi-output node's outputs (null where undefined). */
export const grads = (ctx: FormulaContext) => ctx.gradOutputs;

const solveTri = (A: Tensor, B: Tensor, upper: boolean, left = true, unit = false) =>
  linalg_solve_triangular(A, B, upper, left, unit);

/** linalg_lu_backward: A's gradient from L's and U's (either may be undefined). */
export function luBackward(
  gL: Tensor | null,
  gU: Tensor | null,
  P: Tensor,
  L: Tensor,
  U: Tensor,
  pivot: boolean,
): Tensor | null {
  if (gL === null && gU === null) return null;
  const m = L.shape[L.ndim - 2];
  const n = U.shape[U.ndim - 1];
  const k = Math.min(m, n);
  const applyP = (x: Tensor) => (pivot ? matmul(P, x) : x);
  if (m === n) {
    // A_grad = P L^{-H} [L^H L_grad o 1_L + U_grad U^H o 1_U] U^{-H}
    let g: Tensor | null = gL ? tril(matmul(mT(L), gL), -1) : null;
    if (gU) {
      const upper = triu(matmul(gU, mT(U)));
      g = g ? add(g, upper) : upper;
    }
    g = solveTri(mT(U), g!, false, false);
    g = solveTri(mT(L), g, true, true, true);
    return applyP(g);
  }
  if (m < n) {
    const U1 = (x: Tensor) => narrow(x, -1, 0, k);
    const U2 = (x: Tensor) => narrow(x, -1, k, n - k);
    let g: Tensor | null = gL ? matmul(mT(L), gL) : null;
    if (gU) {
      const term = matmul(triu(gU), mT(U));
      g = g ? sub(g, term) : neg(term);
    }
    g = solveTri(mT(U1(U)), tril(g!, -1), false, false);
    if (gU) g = cat([add(g, triu(U1(gU))), U2(gU)], -1);
    g = solveTri(mT(L), g, true, true, true);
    if (!gU) g = cat([g, zeros_like(U2(U))], -1);
    return applyP(g);
  }
  const L1 = (x: Tensor) => narrow(x, -2, 0, k);
  const L2 = (x: Tensor) => narrow(x, -2, k, m - k);
  let g: Tensor | null = gU ? matmul(gU, mT(U)) : null;
  if (gL) {
    const term = matmul(mT(L), tril(gL, -1));
    g = g ? sub(g, term) : neg(term);
  }
  g = solveTri(mT(L1(L)), triu(g!), true, true, true);
  if (gL) g = cat([add(g, tril(L1(gL), -1)), L2(gL)], -2);
  g = solveTri(mT(U), g, false, false);
  if (!gL) g = cat([g, zeros_like(L2(L))], -2);
  return applyP(g);
}

/** x with `extra` zero rows (dim -2) or columns (dim -1) appended. */
function padZeros(x: Tensor, extra: number, dim: -1 | -2): Tensor {
  const shape = [...x.shape];
  shape[shape.length + dim] = extra;
  return cat([x, zeros(shape, { dtype: x.dtype })], dim);
}

/** lu_unpack_backward: L's strictly lower and U's upper part put back into LU's shape. */
function luUnpackBackward(gL: Tensor | null, gU: Tensor | null, m: number, n: number): Tensor | null {
  const k = Math.min(m, n);
  const parts: Tensor[] = [];
  if (gL) parts.push(m < n ? padZeros(tril(gL, -1), n - k, -1) : tril(gL, -1));
  if (gU) parts.push(m > n ? padZeros(triu(gU), m - k, -2) : triu(gU));
  if (parts.length === 0) return null;
  return parts.length === 2 ? add(parts[0], parts[1]) : parts[0];
}

export interface SolveSaved {
  A: Tensor;
  result: Tensor;
  LU: Tensor;
  pivots: Tensor;
  left: boolean;
  vectorCase: boolean;
  /** Whether LU and pivots factor A^T (a contiguous A), as _linalg_solve_ex_out decides. */
  useAT: boolean;
}

/** linalg_solve_backward: gB = A^{-H} gX, gA = -gB X^H (left), or the right-side analogues. */
function solveBackward(gX: Tensor, s: SolveSaved, needs: readonly boolean[]): (Tensor | null)[] {
  const toMatrix = (x: Tensor) => (s.vectorCase ? unsqueeze(x, s.left ? -1 : -2) : x);
  const toVector = (x: Tensor) => (s.vectorCase ? squeeze(x, s.left ? -1 : -2) : x);
  const gB = is_grad_enabled()
    ? linalg_solve(mT(s.A), toMatrix(gX), s.left)
    : linalg_lu_solve(s.LU, s.pivots, toMatrix(gX), s.left, !s.useAT);
  let gA: Tensor | null = null;
  if (needs[0]) {
    const X = toMatrix(s.result);
    gA = neg(s.left ? matmul(gB, mT(X)) : matmul(mT(X), gB));
  }
  return [gA, needs[1] ? toVector(gB) : null];
}

/** linalg_lu_solve_LU: LU's gradient (see linalg_lu_solve_jvp for the four cases of left and adjoint). */
function luSolveLUBackward(
  gX: Tensor,
  LU: Tensor,
  pivots: Tensor,
  X: Tensor,
  left: boolean,
  adjoint: boolean,
): Tensor {
  const [P, L, U] = lu_unpack(LU, pivots, true, left === adjoint);
  if (left !== adjoint) {
    const gR = solveTri(mT(U), neg(matmul(left ? gX : mT(gX), left ? mT(X) : X)), false);
    const gL = tril(solveTri(mT(L), matmul(gR, mT(U)), true, true, true), -1);
    return add(gL, triu(gR));
  }
  let gR = neg(matmul(matmul(matmul(mT(P), left ? X : mT(X)), left ? mT(gX) : gX), P));
  gR = solveTri(mT(L), gR, true, false, true);
  const gU = triu(solveTri(mT(U), matmul(mT(L), gR), false, false));
  return add(tril(gR, -1), gU);
}

/** cholesky_backward (Iain Murray, arXiv 1602.07527). */
export function choleskyBackward(gL: Tensor, upper: boolean, L: Tensor): Tensor {
  const Lo = upper ? mT(L) : L;
  const g = upper ? mT(gL) : gL;
  let gA = tril(matmul(mT(Lo), g));
  gA = mul(add(gA, mT(tril(gA, -1))), 0.5);
  gA = solveTri(mT(Lo), gA, true, true);
  return solveTri(Lo, gA, false, false);
}

export const LINALG_LU_DERIVATIVES = {
  LinalgLuFactorExBackward0: derivative<{ LU: Tensor; pivots: Tensor }>({
    A: [
      "lu_factor_ex_backward(grad, LU, pivots, pivot)",
      (g, s) => {
        const [P, L, U] = lu_unpack(s.LU, s.pivots);
        const [m, n] = s.LU.shape.slice(-2);
        const k = Math.min(m, n);
        return luBackward(narrow(g, -1, 0, k), narrow(g, -2, 0, k), P, L, U, true);
      },
    ],
  }),
  LinalgLuBackward0: derivative<{ P: Tensor; L: Tensor; U: Tensor; pivot: boolean }>({
    A: [
      "linalg_lu_backward(grad_L, grad_U, P, L, U, pivot)",
      (_g, s, ctx) => luBackward(grads(ctx)[0], grads(ctx)[1], s.P, s.L, s.U, s.pivot),
    ],
  }),
  LuUnpackBackward0: derivative<{ m: number; n: number }>({
    LU_data: [
      "lu_unpack_backward(grad_L, grad_U, LU_data.sym_size(-2), LU_data.sym_size(-1))",
      (_g, s, ctx) => luUnpackBackward(grads(ctx)[0], grads(ctx)[1], s.m, s.n),
    ],
  }),
  LinalgLuSolveBackward0: derivative<{
    LU: Tensor;
    pivots: Tensor;
    result: Tensor;
    left: boolean;
    adjoint: boolean;
  }>({
    LU: [
      "linalg_lu_solve_LU(grad, LU, pivots, result, left, adjoint)",
      (g, s) => luSolveLUBackward(g, s.LU, s.pivots, s.result, s.left, s.adjoint),
    ],
    B: [
      "at::linalg_lu_solve(LU, pivots, grad, left, !adjoint)",
      (g, s) => linalg_lu_solve(s.LU, s.pivots, g, s.left, !s.adjoint),
    ],
  }),
  LinalgSolveExBackward0: derivative<SolveSaved>({
    "A, B": [
      "linalg_solve_backward(grad, result, A, LU, pivots, left, grad_input_mask[1])",
      (g, s, ctx) => solveBackward(g, s, ctx.needsInputGrad),
    ],
  }),
  LinalgCholeskyExBackward0: derivative<{ L: Tensor; upper: boolean }>({
    A: ["cholesky_backward(grad, upper, L)", (g, s) => choleskyBackward(g, s.upper, s.L)],
  }),
  CholeskyBackward0: derivative<{ result: Tensor; upper: boolean }>({
    self: ["cholesky_backward(grad, upper, result)", (g, s) => choleskyBackward(g, s.upper, s.result)],
  }),
  LinalgSolveTriangularBackward0: derivative<{
    self: Tensor;
    result: Tensor;
    upper: boolean;
    left: boolean;
    unitriangular: boolean;
  }>({
    "self, B": [
      "linalg_solve_triangular_backward(grad, self, result, upper, left, unitriangular, grad_input_mask)",
      (g, s, { needsInputGrad }) => {
        const gB = solveTri(mT(s.self), g, !s.upper, s.left, s.unitriangular);
        let gA: Tensor | null = null;
        if (needsInputGrad[0]) {
          gA = neg(s.left ? matmul(gB, mT(s.result)) : matmul(mT(s.result), gB));
          const unit = s.unitriangular ? 1 : 0;
          gA = s.upper ? triu(gA, unit) : tril(gA, -unit);
        }
        return [gA, needsInputGrad[1] ? gB : null];
      },
    ],
  }),
  TriangularSolveBackward0: derivative<{
    self: Tensor;
    A: Tensor;
    solution: Tensor;
    upper: boolean;
    transpose: boolean;
    unitriangular: boolean;
  }>({
    "self, A": [
      "triangular_solve_backward(grad_solution, grad_cloned_coefficient, self, A, solution, upper, transpose, unitriangular, grad_input_mask)",
      (_g, s, { gradOutputs, needsInputGrad }) => {
        const [gX, gM] = gradOutputs;
        let gB: Tensor | null = null;
        let gA: Tensor | null = null;
        if (gX) {
          // grad_x.triangular_solve(a, upper, !transpose, unitriangular)
          gB = solveTri(
            s.transpose ? s.A : mT(s.A),
            gX,
            s.transpose ? s.upper : !s.upper,
            true,
            s.unitriangular,
          );
          if (needsInputGrad[1]) {
            gA = s.transpose ? neg(matmul(s.solution, mT(gB))) : neg(matmul(gB, mT(s.solution)));
            const unit = s.unitriangular ? 1 : 0;
            gA = s.upper ? triu(gA, unit) : tril(gA, -unit);
          }
        }
        if (needsInputGrad[1] && gM) gA = gA ? add(gA, gM) : gM;
        return [gB, gA];
      },
    ],
  }),
  CholeskySolveBackward0: derivative<{ self: Tensor; input2: Tensor; result: Tensor; upper: boolean }>({
    "self, input2": [
      "cholesky_solve_backward(grad, self, input2, result, upper, grad_input_mask)",
      (g, s) => {
        const gSelf = cholesky_solve(g, s.input2, s.upper);
        let common = matmul(gSelf, mT(s.result));
        common = add(common, mT(common));
        const gInput2 = neg(s.upper ? matmul(s.input2, common) : matmul(common, s.input2));
        return [gSelf, gInput2];
      },
    ],
  }),
  CholeskyInverseBackward0: derivative<{ self: Tensor; result: Tensor; upper: boolean }>({
    self: [
      "cholesky_inverse_backward(grad, self, upper, result)",
      (g, s) => {
        let common = add(g, mT(g));
        common = matmul(s.result, matmul(common, s.result));
        return neg(s.upper ? matmul(s.self, common) : matmul(common, s.self));
      },
    ],
  }),
};
