// Derivatives of src/ops/linalg_householder.ts. derivatives.yaml's rows:
//   linalg_householder_product: input, tau: householder_product_backward(grad, result, input, tau)
//   geqrf: self: not_implemented("geqrf");  ormqr: self, input2, input3: not_implemented("ormqr")
// householder_product_backward is written here in tensor ops (so double backward records), from
// Q = H(1)...H(k) E with H(i) = I - tau_i v_i v_i^T and E the identity's first n columns: with the prefix
// P_i = H(1)...H(i-1) and the suffix S_i = H(i+1)...H(k) E, dL/dH(i) = P_i^T G S_i^T, so
//   dL/dtau_i = -(A_i^T v_i) . (S_i^T v_i),   dL/dv_i = -tau_i (A_i (S_i^T v_i) + S_i (A_i^T v_i)),   A_i = P_i^T G,
// and input's column i below the diagonal is v_i's free part.
import { derivative } from "../../autograd/derivative.js";
import { NotImplementedError } from "../../errors.js";
import type { Tensor } from "../../tensor/tensor.js";
import { add, mul, sub } from "../elementwise.js";
import { stack } from "../join.js";
import { matmul } from "../linalg.js";
import { eye, fromF64, mT } from "../linalg_common.js";
import { sum } from "../reduce.js";
import { narrow, select, squeeze, unsqueeze } from "../shape.js";

/** derivatives.yaml's not_implemented(name) for every input of the node. */
const notImplemented = (op: string) => () => {
  throw new NotImplementedError(`the derivative for '${op}' is not implemented.`);
};

/** Below-diagonal mask of column i (1 for rows > i) and the unit vector e_i, each of length m. */
function columnParts(m: number, i: number, like: Tensor): [Tensor, Tensor] {
  const mask = new Float64Array(m);
  const unit = new Float64Array(m);
  for (let r = i + 1; r < m; r++) mask[r] = 1;
  unit[i] = 1;
  return [fromF64(mask, [m], like.dtype), fromF64(unit, [m], like.dtype)];
}

/** H X = X - tau v (v^T X) for v [..., m, 1], tau [..., 1, 1], X [..., m, p]. */
function reflect(v: Tensor, tau: Tensor, X: Tensor): Tensor {
  return sub(X, mul(tau, matmul(v, matmul(mT(v), X))));
}

export function householderProductBackward(grad: Tensor, input: Tensor, tau: Tensor): [Tensor, Tensor] {
  const [m, n] = input.shape.slice(-2);
  const k = tau.shape[tau.ndim - 1];
  if (k === 0) return [mul(input, 0), mul(tau, 0)];
  const vs: Tensor[] = [];
  const masks: Tensor[] = [];
  const taus: Tensor[] = [];
  for (let i = 0; i < k; i++) {
    const [mask, unit] = columnParts(m, i, input);
    masks.push(mask);
    vs.push(unsqueeze(add(mul(select(input, -1, i), mask), unit), -1));
    taus.push(unsqueeze(unsqueeze(select(tau, -1, i), -1), -1));
  }
  // Suffixes S_i (i = k-1 .. 0): S_{k-1} = E, S_{i-1} = H(i) S_i.
  const suffix: Tensor[] = new Array(k);
  suffix[k - 1] = narrow(eye(m, input.dtype), -1, 0, n);
  for (let i = k - 1; i > 0; i--) suffix[i - 1] = reflect(vs[i], taus[i], suffix[i]);
  const gInputColumns: Tensor[] = [];
  const gTau: Tensor[] = [];
  let A = grad;
  for (let i = 0; i < k; i++) {
    const v = vs[i];
    const Sv = matmul(mT(suffix[i]), v); // [..., n, 1]
    const Av = matmul(mT(A), v); // [..., n, 1]
    gTau.push(mul(sum(mul(Av, Sv), [-2, -1]), -1));
    const gv = mul(add(matmul(A, Sv), matmul(suffix[i], Av)), mul(taus[i], -1));
    gInputColumns.push(mul(squeeze(gv, -1), masks[i]));
    if (i < k - 1) A = reflect(v, taus[i], A);
  }
  const zero = mul(select(input, -1, 0), 0);
  for (let i = k; i < n; i++) gInputColumns.push(zero);
  return [stack(gInputColumns, -1), stack(gTau, -1)];
}

export const LINALG_HOUSEHOLDER_DERIVATIVES = {
  GeqrfBackward0: derivative<Record<string, never>>({
    self: ['not_implemented("geqrf")', notImplemented("geqrf")],
  }),
  OrmqrBackward0: derivative<Record<string, never>>({
    "self, input2, input3": ['not_implemented("ormqr")', notImplemented("ormqr")],
  }),
  LinalgHouseholderProductBackward0: derivative<{ input: Tensor; tau: Tensor }>({
    "input, tau": [
      "householder_product_backward(grad, result, input, tau)",
      (g, s) => householderProductBackward(g, s.input, s.tau),
    ],
  }),
};
