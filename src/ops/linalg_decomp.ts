// Decompositions: linalg.qr (geqrf + orgqr, LAPACK's signs), linalg.svd / svdvals, linalg.eigh / eigvalsh, and
// torch.qr, torch.svd (V, not Vh; some / compute_uv) and the deprecated torch.symeig. eig / eigvals are not
// here: their results are complex, and tensorgrad has no complex dtype.
import { RuntimeError } from "../errors.js";
import { zeros } from "../tensor/creation.js";
import { Category } from "../tensor/dtype.js";
import type { Tensor } from "../tensor/tensor.js";
import { defineOps } from "../signatures/registry.js";
import { needsGraph, recordOutputs } from "./core.js";
import {
  batchOf,
  checkConverged,
  checkFloating,
  checkMatrix,
  checkSquare,
  columnMajor,
  fromF64,
  lapack,
  mT,
  named,
  toF64,
  warnOnce,
  type Named,
} from "./linalg_common.js";
import { renamed } from "./reduce_util.js";

// ---- qr ----

export type QrMode = "reduced" | "complete" | "r";

function parseQrMode(mode: string): QrMode {
  if (mode === "reduced" || mode === "complete" || mode === "r") return mode;
  throw new RuntimeError(
    `qr received unrecognized mode '${mode}' but expected one of 'reduced' (default), 'r', or 'complete'`,
  );
}

export function linalg_qr(A: Tensor, mode = "reduced"): Named<"Q" | "R"> {
  checkMatrix("linalg.qr", A);
  checkFloating("linalg.qr", A);
  const qrMode = parseQrMode(mode);
  const [m, n] = A.shape.slice(-2);
  const k = Math.min(m, n);
  const { batchShape, count } = batchOf(A);
  const a = toF64(A);
  const tau = lapack(A.dtype).geqrf(a, count, m, n);
  const rRows = qrMode === "complete" ? m : k;
  const r = new Float64Array(count * rRows * n);
  for (let t = 0; t < count; t++)
    for (let i = 0; i < Math.min(rRows, k); i++)
      for (let j = i; j < n; j++) r[t * rRows * n + i * n + j] = a[t * m * n + i * n + j];
  const R = columnMajor(fromF64(r, [...batchShape, rRows, n], A.dtype));
  let Q: Tensor;
  if (qrMode === "r") {
    Q = fromF64(new Float64Array(0), [0], A.dtype);
  } else {
    const qCols = qrMode === "complete" ? m : k;
    const q = new Float64Array(count * m * qCols);
    for (let t = 0; t < count; t++)
      for (let i = 0; i < m; i++)
        for (let j = 0; j < Math.min(n, qCols); j++)
          q[t * m * qCols + i * qCols + j] = a[t * m * n + i * n + j];
    lapack(A.dtype).orgqr(q, tau, count, m, qCols, k);
    Q = columnMajor(fromF64(q, [...batchShape, m, qCols], A.dtype));
  }
  const outs = recordOutputs("LinalgQrBackward0", [A], [Q, R], () => ({ Q, R, mode: qrMode }));
  return named("linalg_qr", ["Q", "R"], outs);
}

const QR_DEPRECATED =
  "torch.qr is deprecated in favor of torch.linalg.qr and will be removed in a future PyTorch release.\nThe " +
  "boolean parameter 'some' has been replaced with a string parameter 'mode'.\nQ, R = torch.qr(A, some)\nshould " +
  "be replaced with\nQ, R = torch.linalg.qr(A, 'reduced' if some else 'complete') (Triggered internally at  " +
  "./aten/src/ATen/native/BatchLinearAlgebra.cpp:2349.)";

export function qr(input: Tensor, some = true): Named<"Q" | "R"> {
  warnOnce(QR_DEPRECATED);
  return renamed("qr", linalg_qr(input, some ? "reduced" : "complete"));
}

// ---- svd ----

/** U, S, Vh of A's matrices (U and Vh empty without computeUV), no graph. */
function svdValues(A: Tensor, full: boolean, computeUV: boolean): [Tensor, Tensor, Tensor] {
  const [m, n] = A.shape.slice(-2);
  const k = Math.min(m, n);
  const { batchShape, count } = batchOf(A);
  const { u, s, vh, info } = lapack(A.dtype).gesvd(toF64(A), count, m, n, full, computeUV);
  checkConverged("linalg.svd", A, info);
  const S = fromF64(s, [...batchShape, k], A.dtype);
  if (!computeUV) return [S, S, S];
  const U = columnMajor(fromF64(u, [...batchShape, m, full ? m : k], A.dtype));
  const Vh = columnMajor(fromF64(vh, [...batchShape, full ? n : k, n], A.dtype));
  return [U, S, Vh];
}

function checkSvdInput(A: Tensor, driver: string | null): void {
  checkMatrix("linalg.svd", A);
  checkFloating("linalg.svd", A);
  if (driver !== null) {
    throw new RuntimeError(
      "torch.linalg.svd: keyword argument `driver=` is only supported on CUDA inputs with cuSOLVER backend.",
    );
  }
}

export function linalg_svd(
  A: Tensor,
  full_matrices = true,
  driver: string | null = null,
): Named<"U" | "S" | "Vh"> {
  checkSvdInput(A, driver);
  const [U, S, Vh] = svdValues(A, full_matrices, true);
  const outs = recordOutputs("LinalgSvdBackward0", [A], [U, S, Vh], () => ({ U, S, Vh, full_matrices }));
  return named("linalg_svd", ["U", "S", "Vh"], outs);
}

/** linalg.svdvals: S of the same node as linalg.svd (its output 1), U and Vh saved for the backward. */
export function linalg_svdvals(A: Tensor, driver: string | null = null): Tensor {
  checkSvdInput(A, driver);
  // PyTorch computes U and Vh (gesdd's jobz 'S' rather than 'N') only when a gradient may be asked for.
  const [U, S, Vh] = svdValues(A, false, needsGraph([A]));
  return recordOutputs("LinalgSvdBackward0", [A], [U, S, Vh], () => ({ U, S, Vh, full_matrices: false }))[1];
}

/** torch.svd: V rather than Vh; `some` is !full_matrices; without compute_uv, zero U and V. */
export function svd(input: Tensor, some = true, compute_uv = true): Named<"U" | "S" | "V"> {
  if (input.ndim < 2) {
    throw new RuntimeError(
      `linalg.svd: input should have at least 2 dimensions, but has ${input.ndim} dimensions instead`,
    );
  }
  if (compute_uv) {
    const [U, S, Vh] = linalg_svd(input, !some);
    return named("svd", ["U", "S", "V"], [U, S, mT(Vh)]);
  }
  const S = linalg_svdvals(input);
  const [m, n] = input.shape.slice(-2);
  const batch = input.shape.slice(0, -2);
  const U = zeros([...batch, m, m], { dtype: input.dtype });
  const Vh = zeros([...batch, n, n], { dtype: input.dtype });
  return named("svd", ["U", "S", "V"], [U, S, mT(Vh)]);
}

// ---- eigh ----

function checkEighInput(A: Tensor, UPLO: string): boolean {
  checkMatrix("linalg.eigh", A);
  checkSquare("linalg.eigh", A);
  if (UPLO !== "L" && UPLO !== "U") {
    throw new RuntimeError(`Expected UPLO argument to be 'L' or 'U', but got ${UPLO}`);
  }
  if (A.dtype.category !== Category.Floating) {
    throw new RuntimeError(`"linalg_eigh_cpu" not implemented for '${A.dtype.scalarTypeName}'`);
  }
  return UPLO === "U";
}

/** Eigenvalues (ascending) and eigenvectors of the symmetric matrices, reading the UPLO triangle. */
function eighValues(A: Tensor, upper: boolean, vectors = true): [Tensor, Tensor] {
  const n = A.shape[A.ndim - 1];
  const { batchShape, count } = batchOf(A);
  const { w, v, info } = lapack(A.dtype).syev(toF64(A), count, n, upper, vectors);
  checkConverged("linalg.eigh", A, info);
  const L = fromF64(w, [...batchShape, n], A.dtype);
  return [L, vectors ? columnMajor(fromF64(v, A.shape, A.dtype)) : L];
}

export function linalg_eigh(A: Tensor, UPLO = "L"): Named<"eigenvalues" | "eigenvectors"> {
  const [L, V] = eighValues(A, checkEighInput(A, UPLO));
  const outs = recordOutputs("LinalgEighBackward0", [A], [L, V], () => ({ eigenvalues: L, eigenvectors: V }));
  return named("linalg_eigh", ["eigenvalues", "eigenvectors"], outs);
}

export function linalg_eigvalsh(A: Tensor, UPLO = "L"): Tensor {
  // As svdvals: the vectors (syevd's jobz 'V') only when a gradient may be asked for.
  const [L, V] = eighValues(A, checkEighInput(A, UPLO), needsGraph([A]));
  return recordOutputs("LinalgEighBackward0", [A], [L, V], () => ({ eigenvalues: L, eigenvectors: V }))[0];
}

const SYMEIG_DEPRECATED =
  "torch.symeig is deprecated in favor of torch.linalg.eigh and will be removed in a future PyTorch release.\n" +
  "The default behavior has changed from using the upper triangular portion of the matrix by default to using " +
  "the lower triangular portion.\nL, _ = torch.symeig(A, upper=upper)\nshould be replaced with\nL = " +
  "torch.linalg.eigvalsh(A, UPLO='U' if upper else 'L')\nand\nL, V = torch.symeig(A, eigenvectors=True)\n" +
  "should be replaced with\nL, V = torch.linalg.eigh(A, UPLO='U' if upper else 'L') (Triggered internally at  " +
  "./aten/src/ATen/native/BatchLinearAlgebra.cpp:2794.)";

/** torch.symeig (deprecated): the upper triangle by default; no eigenvectors (an empty tensor) unless asked. */
export function symeig(
  input: Tensor,
  eigenvectors = false,
  upper = true,
): Named<"eigenvalues" | "eigenvectors"> {
  warnOnce(SYMEIG_DEPRECATED);
  checkMatrix("linalg.symeig", input);
  checkSquare("linalg.symeig", input);
  if (input.dtype.category !== Category.Floating) {
    throw new RuntimeError(`"symeig_cpu" not implemented for '${input.dtype.scalarTypeName}'`);
  }
  const [L, V] = eighValues(input, upper);
  const returned = eigenvectors ? V : fromF64(new Float64Array(0), [0], input.dtype);
  const outs = recordOutputs("SymeigBackward0", [input], [L, returned], () => ({
    eigenvalues: L,
    eigenvectors: V,
    computedVectors: eigenvectors,
  }));
  return named("symeig", ["eigenvalues", "eigenvectors"], outs);
}

defineOps(
  "torch.linalg",
  {
    'linalg_qr(Tensor A, c10::string_view mode="reduced", *, TensorList[2] out=None) -> (Tensor Q, Tensor R)':
      linalg_qr,
    "linalg_svd(Tensor A, bool full_matrices=True, *, c10::string_view? driver=None, TensorList[3] out=None) -> (Tensor U, Tensor S, Tensor Vh)":
      linalg_svd,
    "linalg_svdvals(Tensor A, *, c10::string_view? driver=None, Tensor out=None) -> Tensor": linalg_svdvals,
    'linalg_eigh(Tensor input, c10::string_view UPLO="L", *, TensorList[2] out=None) -> (Tensor eigenvalues, Tensor eigenvectors)':
      linalg_eigh,
    'linalg_eigvalsh(Tensor input, c10::string_view UPLO="L", *, Tensor out=None) -> Tensor': linalg_eigvalsh,
  },
  {
    publicNames: {
      linalg_qr: "qr",
      linalg_svd: "svd",
      linalg_svdvals: "svdvals",
      linalg_eigh: "eigh",
      linalg_eigvalsh: "eigvalsh",
    },
  },
);

defineOps(
  "torch",
  {
    "qr(Tensor input, bool some=True, *, TensorList[2] out=None) -> (Tensor Q, Tensor R)": qr,
    "svd(Tensor input, bool some=True, bool compute_uv=True, *, TensorList[3] out=None) -> (Tensor U, Tensor S, Tensor V)":
      svd,
    "symeig(Tensor input, bool eigenvectors=False, bool upper=True, *, TensorList[2] out=None) -> (Tensor eigenvalues, Tensor eigenvectors)":
      symeig,
  },
  { methods: true },
);
