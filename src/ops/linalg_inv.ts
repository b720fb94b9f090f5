// Inverses and determinants from the LU factorisation: linalg.inv(_ex), det, slogdet, matrix_power, and
// torch.inverse, det, logdet, slogdet, matrix_power (LinalgInvExBackward0, LinalgDetBackward0,
// LinalgSlogdetBackward0; logdet and matrix_power are composites, as in PyTorch 1.13).
import { eq, where } from "./elementwise.js";
import { clone } from "./conversion.js";
import { copy_ } from "./inplace.js";
import { matmul } from "./linalg.js";
import { record, recordOutputs } from "./core.js";
import { defineOps } from "../signatures/registry.js";
import type { Tensor } from "../tensor/tensor.js";
import { renamed } from "./reduce_util.js";
import { factor, luSolveInPlace } from "./linalg_lu.js";
import {
  batchOf,
  batchPrefix,
  checkFloating,
  checkFloatSquare,
  checkMatrix,
  checkSquare,
  eye,
  firstFailure,
  columnMajor,
  fromF64,
  fromInt32,
  LinAlgError,
  mT,
  named,
  toF64,
  type Named,
} from "./linalg_common.js";

// ---- inv, det, slogdet ----

/**
 * The inverses of A's matrices, with getrf's info: linalg_inv_ex_out solves A X = I through linalg_solve_ex,
 * which factors a contiguous A as A^T and solves with the adjoint.
 */
function inverseValues(A: Tensor): { inverse: Tensor; info: Int32Array } {
  const n = A.shape[A.ndim - 1];
  const useAT = A.is_contiguous();
  const { lu, pivots, info } = factor(useAT ? mT(A) : A);
  const { count } = batchOf(A);
  const b = toF64(eye(n, A.dtype).expand(A.shape));
  luSolveInPlace(lu, pivots, b, count, n, n, useAT, A.dtype);
  return { inverse: columnMajor(fromF64(b, A.shape, A.dtype)), info };
}

function singularInverseText(fn: string, A: Tensor, failed: [number, number]): string {
  return (
    `${fn}: ${batchPrefix(A, failed[0])}The diagonal element ${failed[1]} is zero, the inversion could not ` +
    "be completed because the input matrix is singular."
  );
}

export function linalg_inv_ex(
  A: Tensor,
  check_errors = false,
  fn = "linalg.inv_ex",
): Named<"inverse" | "info"> {
  checkFloatSquare("linalg.inv", A);
  const { inverse, info } = inverseValues(A);
  if (check_errors) {
    const failed = firstFailure(info);
    if (failed) throw new LinAlgError(singularInverseText(fn, A, failed));
  }
  const out = record("LinalgInvExBackward0", [A], inverse, () => ({ inverse }));
  return named("linalg_inv_ex", ["inverse", "info"], [out, fromInt32(info, A.shape.slice(0, -2))]);
}

export function linalg_inv(A: Tensor): Tensor {
  return linalg_inv_ex(A, true, "linalg.inv")[0];
}

/** det and sign of each matrix from its LU (the product of U's diagonal, negated per row swap). */
function detParts(lu: Float64Array, pivots: Int32Array, batch: number, n: number) {
  const det = new Float64Array(batch);
  const sign = new Float64Array(batch);
  const logabs = new Float64Array(batch);
  for (let t = 0; t < batch; t++) {
    let d = 1;
    let s = 1;
    let l = 0;
    for (let i = 0; i < n; i++) {
      const u = lu[t * n * n + i * n + i];
      d *= u;
      s *= Math.sign(u);
      l += Math.log(Math.abs(u));
      if (pivots[t * n + i] !== i + 1) {
        d = -d;
        s = -s;
      }
    }
    det[t] = d;
    sign[t] = s;
    logabs[t] = l;
  }
  return { det, sign, logabs };
}

export function linalg_det(A: Tensor): Tensor {
  checkFloatSquare("linalg.det", A);
  const n = A.shape[A.ndim - 1];
  const { batchShape, count } = batchOf(A);
  const { lu, pivots } = factor(A);
  const result = fromF64(detParts(lu, pivots, count, n).det, batchShape, A.dtype);
  const LU = fromF64(lu, A.shape, A.dtype);
  const pivotsT = fromInt32(pivots, A.shape.slice(0, -1));
  return record("LinalgDetBackward0", [A], result, () => ({ A, result, LU, pivots: pivotsT }));
}

export function linalg_slogdet(A: Tensor, fn = "linalg.slogdet"): Named<"sign" | "logabsdet"> {
  checkFloatSquare(fn, A);
  const n = A.shape[A.ndim - 1];
  const { batchShape, count } = batchOf(A);
  const { lu, pivots } = factor(A);
  const parts = detParts(lu, pivots, count, n);
  const sign = fromF64(parts.sign, batchShape, A.dtype);
  const logabsdet = fromF64(parts.logabs, batchShape, A.dtype);
  const LU = fromF64(lu, A.shape, A.dtype);
  const pivotsT = fromInt32(pivots, A.shape.slice(0, -1));
  const outs = recordOutputs("LinalgSlogdetBackward0", [A], [sign, logabsdet], () => ({
    A,
    LU,
    pivots: pivotsT,
  }));
  return named("linalg_slogdet", ["sign", "logabsdet"], outs);
}

/** torch.logdet: NaN where the determinant is negative (WhereBackward0). */
export function logdet(A: Tensor): Tensor {
  checkSquare("logdet", A);
  checkFloating("logdet", A);
  const [sign, logabsdet] = linalg_slogdet(A);
  return where(eq(sign, -1), NaN, logabsdet);
}

// ---- matrix_power ----

export function linalg_matrix_power(A: Tensor, n: number): Tensor {
  checkMatrix("linalg.matrix_power", A);
  checkSquare("linalg.matrix_power", A);
  if (n === 0) return copy_(clone(A).contiguous(), eye(A.shape[A.ndim - 1], A.dtype).expand(A.shape));
  let a = n < 0 ? linalg_inv(A) : A;
  let k = Math.abs(n);
  // linalg_matrix_power_impl returns the inverse itself for n = -1 (LinalgInvExBackward0), a clone for n = 1
  if (k === 1) return n < 0 ? a : clone(a);
  if (k === 2) return matmul(a, a);
  if (k === 3) return matmul(matmul(a, a), a);
  // PyTorch's binary decomposition, from the least significant bit.
  let z: Tensor | null = null;
  let result: Tensor | null = null;
  while (k > 0) {
    const bit = k % 2;
    k = Math.floor(k / 2);
    z = z === null ? a : matmul(z, z);
    if (bit === 1) result = result === null ? z : matmul(result, z);
  }
  a = result!;
  return a;
}

defineOps(
  "torch.linalg",
  {
    "linalg_inv(Tensor A, *, Tensor out=None) -> Tensor": linalg_inv,
    "linalg_inv_ex(Tensor A, *, bool check_errors=False, TensorList[2] out=None) -> (Tensor inverse, Tensor info)":
      (A, checkErrors) => linalg_inv_ex(A, checkErrors),
    "linalg_det(Tensor A, *, Tensor out=None) -> Tensor": linalg_det,
    "linalg_slogdet(Tensor A, *, TensorList[2] out=None) -> (Tensor sign, Tensor logabsdet)": (A) =>
      linalg_slogdet(A),
    "linalg_matrix_power(Tensor input, int64_t n, *, Tensor out=None) -> Tensor": linalg_matrix_power,
  },
  {
    publicNames: {
      linalg_inv: "inv",
      linalg_inv_ex: "inv_ex",
      linalg_det: "det",
      linalg_slogdet: "slogdet",
      linalg_matrix_power: "matrix_power",
    },
  },
);

defineOps(
  "torch",
  {
    "det(Tensor input) -> Tensor": linalg_det,
    "logdet(Tensor input) -> Tensor": logdet,
    "slogdet(Tensor input, *, TensorList[2] out=None) -> (Tensor sign, Tensor logabsdet)": (A) =>
      renamed("slogdet", linalg_slogdet(A)),
    "inverse(Tensor input, *, Tensor out=None) -> Tensor": linalg_inv,
    "matrix_power(Tensor input, int64_t n, *, Tensor out=None) -> Tensor": linalg_matrix_power,
  },
  { methods: true },
);
