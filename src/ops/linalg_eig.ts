// torch.linalg.eig and torch.linalg.eigvals (docs/complex.md): eigenvalues and eigenvectors of general real
// square matrices as complex tensors, by the backend's ?geev (the native backend: LAPACK's sgeev / dgeev, as
// PyTorch calls them; otherwise src/backend/js/eig.ts's port of dgeev) with LAPACK's conventions: eigenvalues
// in the order the QR iteration deflates them, a complex-conjugate pair with the positive imaginary part
// first, eigenvectors of unit norm, a complex one with its largest component real. Gradients:
// LinalgEigBackward0 (src/ops/derivatives/linalg_eig.ts).
import { backend } from "../backend/backend.js";
import { jsGeev, type Geev } from "../backend/js/eig.js";
import { RuntimeError } from "../errors.js";
import { defineComplex } from "../signatures/complex_dispatch.js";
import { defineOps, definePython } from "../signatures/registry.js";
import { toComplexDtype } from "../tensor/complex.js";
import { Category, float32, type DType } from "../tensor/dtype.js";
import type { Tensor } from "../tensor/tensor.js";
import { fromData, needsGraph, recordOutputs } from "./core.js";
import {
  batchOf,
  batchPrefix,
  checkMatrix,
  checkSquare,
  firstFailure,
  LinAlgError,
  named,
  toF64,
  type Named,
} from "./linalg_common.js";

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

/** The backend's ?geev for `dtype` (its sgeev for float32 where it has one; the TypeScript port otherwise). */
function geevFor(dtype: DType): Geev {
  const routines = backend().geev ?? jsGeev;
  return dtype === float32 && routines.float32 ? routines.float32 : routines;
}

/**
 * linalg_eig_out_info and _linalg_check_errors: ?geev with jobvr 'V' (vectors) or 'N', eigenvalues and
 * eigenvectors as complex tensors (linalg_eig_make_complex_eigenvectors: a pair's columns re ± i im).
 */
function eigOf(fn: "linalg.eig" | "linalg.eigvals", A: Tensor, vectors: boolean): [Tensor, Tensor | null] {
  checkEigInput(fn, A);
  const n = A.shape[A.ndim - 1];
  const { batchShape, count } = batchOf(A);
  const a = toF64(A);
  // linalg_eig's check; eigvals without a gradient hands non-finite values to LAPACK.
  if (vectors && a.some((v) => !Number.isFinite(v)))
    throw new RuntimeError("torch.linalg.eig: input tensor should not contain infs or NaNs.");
  const { wr, wi, vr, info } = geevFor(A.dtype).geev(a, count, n, vectors);
  const api = `torch.${vectors && fn === "linalg.eigvals" ? "linalg.eig" : fn}`;
  const failure = firstFailure(info);
  if (failure) {
    const [index, code] = failure;
    if (code < 0)
      throw new RuntimeError(
        `false INTERNAL ASSERT FAILED at "./aten/src/ATen/native/BatchLinearAlgebra.cpp":1462, please report a bug to PyTorch. ${api}: ${batchPrefix(A, index)}Argument ${-code} has illegal value. Most certainly there is a bug in the implementation calling the backend library.`,
      );
    throw new LinAlgError(
      `${api}: ${batchPrefix(A, index)}The algorithm failed to converge because the input matrix is ill-conditioned or has too many repeated eigenvalues (error code: ${code}).`,
    );
  }
  const dtype = toComplexDtype(A.dtype);
  const w = new Float64Array(2 * count * n);
  for (let i = 0; i < count * n; i++) [w[2 * i], w[2 * i + 1]] = [wr[i], wi[i]];
  const v = new Float64Array(vectors ? 2 * count * n * n : 0);
  if (vectors) {
    for (let b = 0; b < count; b++) {
      const o = b * n * n;
      for (let j = 0; j < n; j++) {
        const paired = wi[b * n + j] !== 0 && j + 1 < n;
        for (let i = 0; i < n; i++) {
          const at = 2 * (o + i * n + j);
          v[at] = vr[o + i * n + j];
          if (!paired) continue;
          const im = vr[o + i * n + j + 1];
          v[at + 1] = im;
          v[at + 2] = vr[o + i * n + j];
          v[at + 3] = -im;
        }
        if (paired) j++;
      }
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

/** torch.eig and Tensor.eig (torch/_linalg_utils.py): removed in 1.9, they only raise, whatever they are given. */
function eigRemoved(): never {
  throw new RuntimeError(
    "This function was deprecated since version 1.9 and is now removed. Please use the `torch.linalg.eig` function instead.",
  );
}
definePython("torch", {
  "eig(self: object, eigenvectors: object = False, *, e: object = None, v: object = None) -> (Tensor, Tensor)":
    eigRemoved,
});
definePython("Tensor", {
  "Tensor.eig(eigenvectors: object = False) -> (Tensor, Tensor)": eigRemoved,
});
