// torch.linalg.eig and torch.linalg.eigvals (docs/complex.md): eigenvalues and eigenvectors of general real
// square matrices as complex tensors, computed by src/backend/js/eig.ts (on both backends) with LAPACK
// dgeev's conventions: eigenvalues in the order the QR iteration deflates them, a complex-conjugate pair with
// the positive imaginary part first, eigenvectors of unit norm with their largest component real. Gradients:
// LinalgEigBackward0 (src/ops/derivatives/linalg_eig.ts).
import { geev } from "../backend/js/eig.js";
import { RuntimeError } from "../errors.js";
import { defineComplex } from "../signatures/complex_dispatch.js";
import { defineOps } from "../signatures/registry.js";
import { toComplexDtype } from "../tensor/complex.js";
import { Category } from "../tensor/dtype.js";
import type { Tensor } from "../tensor/tensor.js";
import { fromData, needsGraph, recordOutputs } from "./core.js";
import { batchOf, checkMatrix, checkSquare, named, toF64, type Named } from "./linalg_common.js";

function checkEigInput(fn: string, A: Tensor): void {
  // The complex result type is made first: "Unknown Complex ScalarType" comes before the shape checks.
  if (!A.dtype.is_complex && A.dtype.category !== Category.Floating)
    throw new RuntimeError(`Unknown Complex ScalarType for ${A.dtype.scalarTypeName}`);
  checkMatrix(fn, A);
  checkSquare(fn, A);
  if (A.dtype.is_complex)
    throw new RuntimeError(`"${fn.replace(".", "_")}" not implemented for '${A.dtype.scalarTypeName}'`);
  if (A.dtype.category !== Category.Floating)
    throw new RuntimeError(`Unknown Complex ScalarType for ${A.dtype.scalarTypeName}`);
}

function eigOf(fn: string, A: Tensor, vectors: boolean): [Tensor, Tensor | null] {
  checkEigInput(fn, A);
  const n = A.shape[A.ndim - 1];
  const { batchShape, count } = batchOf(A);
  const a = toF64(A);
  if (a.some((v) => !Number.isFinite(v)))
    throw new RuntimeError("torch.linalg.eig: input tensor should not contain infs or NaNs.");
  const dtype = toComplexDtype(A.dtype);
  const w = new Float64Array(2 * count * n);
  const v = new Float64Array(2 * count * n * n);
  for (let b = 0; b < count; b++) {
    const r = geev(a.subarray(b * n * n, (b + 1) * n * n), n, vectors);
    if (r === null)
      throw new RuntimeError(
        `${fn}: The algorithm failed to converge because the input matrix is ill-conditioned or has too many repeated eigenvalues (error code: ${n}).`,
      );
    for (let i = 0; i < n; i++) {
      w[2 * (b * n + i)] = r.wr[i];
      w[2 * (b * n + i) + 1] = r.wi[i];
    }
    for (let i = 0; i < n * n; i++) {
      v[2 * (b * n * n + i)] = r.vr[i];
      v[2 * (b * n * n + i) + 1] = r.vi[i];
    }
  }
  const wrap = (data: Float64Array, shape: number[]) =>
    fromData(dtype.name === "complex128" ? data : Float32Array.from(data), shape, dtype);
  return [wrap(w, [...batchShape, n]), vectors ? wrap(v, [...A.shape]) : null];
}

export function linalg_eig(A: Tensor): Named<"eigenvalues" | "eigenvectors"> {
  const [L, V] = eigOf("linalg.eig", A, true);
  const selfDtype = A.dtype;
  const outs = recordOutputs("LinalgEigBackward0", [A], [L, V!], () => ({
    eigenvalues: L,
    eigenvectors: V!,
    selfDtype,
  }));
  return named("linalg_eig", ["eigenvalues", "eigenvectors"], outs);
}

/** As PyTorch: the eigenvectors too (geev's jobvr 'V') when a gradient may be asked for. */
export function linalg_eigvals(A: Tensor): Tensor {
  const [L, V] = eigOf("linalg.eigvals", A, needsGraph([A]));
  if (V === null) return L;
  const selfDtype = A.dtype;
  return recordOutputs("LinalgEigBackward0", [A], [L, V], () => ({
    eigenvalues: L,
    eigenvectors: V,
    selfDtype,
  }))[0];
}

defineOps(
  "torch.linalg",
  {
    "linalg_eig(Tensor input, *, TensorList[2] out=None) -> (Tensor eigenvalues, Tensor eigenvectors)":
      linalg_eig,
    "linalg_eigvals(Tensor input, *, Tensor out=None) -> Tensor": linalg_eigvals,
  },
  { publicNames: { linalg_eig: "eig", linalg_eigvals: "eigvals" } },
);
defineComplex(["torch.linalg:eig", "torch.linalg:eigvals"], (args, impl) => impl(...args));
