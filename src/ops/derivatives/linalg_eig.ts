// Derivative of src/ops/linalg_eig.ts: derivatives.yaml's linalg_eig row,
//   self: handle_r_to_c(self.scalar_type(), linalg_eig_backward(grads[0], grads[1], eigenvalues, eigenvectors))
// with FunctionsManual.cpp's formula for a general matrix,
//   gA = V^{-H} (diag(gL) + (V^H gV - V^H V diag(re(V^H gV))) / E^*) V^H,   E_ij = L_j - L_i,
// written in real tensor ops on the (real, imaginary) parts of L, V and the gradients (torch.real / imag are
// the only complex ops it needs: complex diagonal, eye and linalg.solve are not there yet), so that a backward
// with create_graph records and double backward works as in PyTorch. The complex solve V^H X = Y is the real
// block system [[Vr^T, Vi^T], [-Vi^T, Vr^T]] [Xr; Xi] = [Yr; Yi]; only Re(gA) is returned (a real input).
import { derivative } from "../../autograd/derivative.js";
import { no_grad } from "../../autograd/grad_mode.js";
import { RuntimeError } from "../../errors.js";
import type { DType } from "../../tensor/dtype.js";
import type { Tensor } from "../../tensor/tensor.js";
import { imag, real } from "../complex.js";
import { add, div, mul, sub } from "../elementwise.js";
import { cat } from "../join.js";
import { matmul } from "../linalg.js";
import { diagEmbed, diagonalOf, eye, mT } from "../linalg_common.js";
import { linalg_solve } from "../linalg_lu.js";
import { narrow, unsqueeze } from "../shape.js";

/** A complex tensor as its real and imaginary parts. */
type C = readonly [re: Tensor, im: Tensor];

const parts = (x: Tensor): C => [real(x), imag(x)];
const cmatmul = ([ar, ai]: C, [br, bi]: C): C => [
  sub(matmul(ar, br), matmul(ai, bi)),
  add(matmul(ar, bi), matmul(ai, br)),
];
/** The conjugate transpose. */
const cH = ([r, i]: C): C => [mT(r), mul(mT(i), -1)];

/** Solves M X = Y for complex M (n x n) and Y through the real 2n x 2n block system. */
function csolve([mr, mi]: C, [yr, yi]: C): C {
  const n = mr.shape[mr.ndim - 1];
  const top = cat([mr, mul(mi, -1)], -1);
  const bottom = cat([mi, mr], -1);
  const x = linalg_solve(cat([top, bottom], -2), cat([yr, yi], -2));
  return [narrow(x, -2, 0, n), narrow(x, -2, n, n)];
}

const PHASE_ERROR =
  "linalg_eig_backward: The eigenvectors in the complex case are specified up to multiplication by e^{i phi}. " +
  "The specified loss function depends on this quantity, so it is ill-defined.";

function eigBackward(gL: Tensor | null, gV: Tensor | null, L: Tensor, V: Tensor, selfDtype: DType): Tensor {
  const n = L.shape[L.ndim - 1];
  const v = parts(V);
  const vH = cH(v);
  let ret: C | null = null;
  if (gV) {
    const VhgV = cmatmul(vH, parts(gV));
    const diagRe = diagonalOf(VhgV[0]);
    const diagIm = no_grad(() => diagonalOf(VhgV[1]));
    if (diagIm.abs().max().item() > 1e-2) throw new RuntimeError(PHASE_ERROR);
    // (V^H gV - V^H V diag(re(V^H gV))) / E^*, E^*_ij = conj(L_j) - conj(L_i), 1 on the diagonal.
    const scale = unsqueeze(diagRe, -2);
    const VhV = cmatmul(vH, [mul(v[0], scale), mul(v[1], scale)]);
    const xr = sub(VhgV[0], VhV[0]);
    const xi = sub(VhgV[1], VhV[1]);
    const [lr, li] = parts(L);
    const I = eye(n, lr.dtype);
    const er = add(sub(unsqueeze(lr, -2), unsqueeze(lr, -1)), I);
    const ei = mul(sub(unsqueeze(li, -2), unsqueeze(li, -1)), -1);
    const d = add(mul(er, er), mul(ei, ei));
    const offDiagonal = sub(1, I);
    ret = [
      mul(div(add(mul(xr, er), mul(xi, ei)), d), offDiagonal),
      mul(div(sub(mul(xi, er), mul(xr, ei)), d), offDiagonal),
    ];
  }
  if (gL) {
    const [gr, gi] = parts(gL);
    ret = ret ? [add(ret[0], diagEmbed(gr)), add(ret[1], diagEmbed(gi))] : [diagEmbed(gr), diagEmbed(gi)];
  }
  if (ret === null) return mul(real(V), 0);
  // gA = V^{-H} (ret V^H), its real part for a real input (handle_r_to_c).
  const gA = csolve(vH, cmatmul(ret, vH))[0];
  return gA.dtype === selfDtype ? gA : gA.to(selfDtype);
}

export const LINALG_EIG_DERIVATIVES = {
  LinalgEigBackward0: derivative<{ eigenvalues: Tensor; eigenvectors: Tensor; selfDtype: DType }>({
    self: [
      "handle_r_to_c(self.scalar_type(), linalg_eig_backward(grads[0], grads[1], eigenvalues, eigenvectors))",
      (_g, s, ctx) =>
        eigBackward(
          ctx.gradOutputs[0],
          ctx.gradOutputs[1] ?? null,
          s.eigenvalues,
          s.eigenvectors,
          s.selfDtype,
        ),
    ],
  }),
};
