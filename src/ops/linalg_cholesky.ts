// Cholesky and triangular solves: linalg.cholesky(_ex), linalg.solve_triangular, and torch.cholesky,
// cholesky_solve, cholesky_inverse and triangular_solve (potrf, trsm; PyTorch's texts and deprecation warnings).
import { no_grad } from "../autograd/grad_mode.js";
import { RuntimeError } from "../errors.js";
import { Category, type DType } from "../tensor/dtype.js";
import { numel } from "../tensor/shape.js";
import type { Tensor } from "../tensor/tensor.js";
import { defineOps } from "../signatures/registry.js";
import { record, recordOutputs } from "./core.js";
import { clone } from "./conversion.js";
import { tril, triu } from "./indexing.js";
import {
  batchOf,
  batchPrefix,
  broadcastBatch,
  checkFloatSquare,
  checkMatrix,
  checkSquare,
  columnMajor,
  eye,
  firstFailure,
  fromF64,
  fromInt32,
  LinAlgError,
  lapack,
  named,
  toF64,
  warnOnce,
  type Named,
} from "./linalg_common.js";

// ---- kernels ----

/** op(A)^-1 B (left) or B op(A)^-1 for triangular A, broadcast over the batch; no graph. */
function triangularSolveValues(
  A: Tensor,
  B: Tensor,
  upper: boolean,
  left: boolean,
  transpose: boolean,
  unit: boolean,
  dtype: DType = B.dtype,
): Tensor {
  const n = A.shape[A.ndim - 1];
  const batchShape = broadcastBatch(A, B);
  const [rows, cols] = B.shape.slice(-2);
  const a = toF64(A, [...batchShape, n, n]);
  const b = toF64(B, [...batchShape, rows, cols]);
  lapack(dtype).trsm(a, b, numel(batchShape), n, rows, cols, { left, upper, transpose, unit });
  return fromF64(b, [...batchShape, rows, cols], dtype);
}

/** A LAPACK kernel's dispatch error for a non-float tensor ("triangular_solve_cpu" not implemented for 'Long'). */
function notImplementedUnlessFloat(kernel: string, x: Tensor): void {
  if (x.dtype.category !== Category.Floating) {
    throw new RuntimeError(`"${kernel}" not implemented for '${x.dtype.scalarTypeName}'`);
  }
}

/** Cholesky factors and potrf's info. */
function choleskyValues(A: Tensor, upper: boolean): { L: Tensor; info: Int32Array } {
  const n = A.shape[A.ndim - 1];
  const a = toF64(A);
  const info = lapack(A.dtype).potrf(a, batchOf(A).count, n, upper);
  return { L: columnMajor(fromF64(a, A.shape, A.dtype)), info };
}

function notPositiveDefinite(fn: string, A: Tensor, failed: [number, number]): LinAlgError {
  return new LinAlgError(
    `${fn}: ${batchPrefix(A, failed[0])}The factorization could not be completed because the input is not ` +
      `positive-definite (the leading minor of order ${failed[1]} is not positive-definite).`,
  );
}

// ---- cholesky ----

export function linalg_cholesky_ex(
  A: Tensor,
  upper = false,
  check_errors = false,
  fn = "linalg.cholesky_ex",
): Named<"L" | "info"> {
  checkFloatSquare("linalg.cholesky", A);
  const { L, info } = choleskyValues(A, upper);
  if (check_errors) {
    const failed = firstFailure(info);
    if (failed) throw notPositiveDefinite(fn, A, failed);
  }
  const out = record("LinalgCholeskyExBackward0", [A], L, () => ({ L, upper }));
  return named(fn.replace(".", "_"), ["L", "info"], [out, fromInt32(info, A.shape.slice(0, -2))]);
}

export function linalg_cholesky(A: Tensor, upper = false): Tensor {
  return linalg_cholesky_ex(A, upper, true, "linalg.cholesky")[0];
}

const CHOLESKY_DEPRECATED =
  "torch.cholesky is deprecated in favor of torch.linalg.cholesky and will be removed in a future PyTorch " +
  "release.\nL = torch.cholesky(A)\nshould be replaced with\nL = torch.linalg.cholesky(A)\nand\nU = " +
  "torch.cholesky(A, upper=True)\nshould be replaced with\nU = torch.linalg.cholesky(A).mH().\nThis transform " +
  "will produce equivalent results for all valid (symmetric positive definite) inputs. (Triggered internally " +
  "at  ./aten/src/ATen/native/BatchLinearAlgebra.cpp:1615.)";

/** torch.cholesky (deprecated): its own node, CholeskyBackward0. */
export function cholesky(input: Tensor, upper = false): Tensor {
  warnOnce(CHOLESKY_DEPRECATED);
  checkFloatSquare("cholesky", input);
  const { L: result, info } = choleskyValues(input, upper);
  const failed = firstFailure(info);
  if (failed) throw notPositiveDefinite("cholesky", input, failed);
  return record("CholeskyBackward0", [input], result, () => ({ result, upper }));
}

// ---- triangular solves ----

export function linalg_solve_triangular(
  A: Tensor,
  B: Tensor,
  upper: boolean,
  left = true,
  unitriangular = false,
): Tensor {
  checkSquare("linalg.solve_triangular", A);
  checkMatrix("linalg.solve_triangular", B, "B");
  const n = A.shape[A.ndim - 1];
  const [rows, cols] = B.shape.slice(-2);
  if (left ? rows !== n : cols !== n) {
    throw new RuntimeError(
      `linalg.solve_triangular: Incompatible shapes of A and B for the equation ${left ? "AX = B" : "XA = B"} (${n}x${n} and ${rows}x${cols})`,
    );
  }
  for (const x of [B, A]) notImplementedUnlessFloat("triangular_solve_cpu", x);
  // The kernel runs in A's dtype, B converted to it.
  const result = columnMajor(triangularSolveValues(A, B, upper, left, false, unitriangular, A.dtype));
  return record("LinalgSolveTriangularBackward0", [A, B], result, () => ({
    self: A,
    result,
    upper,
    left,
    unitriangular,
  }));
}

const TRIANGULAR_SOLVE_DEPRECATED =
  "torch.triangular_solve is deprecated in favor of torch.linalg.solve_triangularand will be removed in a " +
  "future PyTorch release.\ntorch.linalg.solve_triangular has its arguments reversed and does not return a " +
  "copy of one of the inputs.\nX = torch.triangular_solve(B, A).solution\nshould be replaced with\nX = " +
  "torch.linalg.solve_triangular(A, B). (Triggered internally at  " +
  "./aten/src/ATen/native/BatchLinearAlgebra.cpp:2115.)";

/** The checks triangular_solve and cholesky_solve share: A square (no prefix), then the sizes. */
function checkSolveShapes(fn: string, b: Tensor, A: Tensor): void {
  const [bName, aName] = fn === "cholesky_solve" ? ["b", "u"] : ["b", "A"];
  for (const [name, x] of [
    [bName, b],
    [aName, A],
  ] as const) {
    if (x.ndim >= 2) continue;
    throw new RuntimeError(
      fn === "cholesky_solve"
        ? `${name} should have at least 2 dimensions, but has ${x.ndim} dimensions instead`
        : `torch.triangular_solve: Expected ${name} to have at least 2 dimensions, but it has ${x.ndim} dimensions instead`,
    );
  }
  if (b.dtype !== A.dtype) {
    throw new RuntimeError(
      `Expected b and A to have the same dtype, but found b of type ${b.dtype.scalarTypeName} and A of type ${A.dtype.scalarTypeName} instead.`,
    );
  }
  const [n, n2] = A.shape.slice(-2);
  if (n !== n2) {
    throw new RuntimeError(`A must be batches of square matrices, but they are ${n} by ${n2} matrices`);
  }
  const [rows, cols] = b.shape.slice(-2);
  if (n !== n2 || rows !== n) {
    throw new RuntimeError(
      `Incompatible matrix sizes for ${fn}: each A matrix is ${n} by ${n2} but each b matrix is ${rows} by ${cols}`,
    );
  }
}

export function triangular_solve(
  input: Tensor,
  A: Tensor,
  upper = true,
  transpose = false,
  unitriangular = false,
): Named<"solution" | "cloned_coefficient"> {
  warnOnce(TRIANGULAR_SOLVE_DEPRECATED);
  checkSolveShapes("triangular_solve", input, A);
  notImplementedUnlessFloat("triangular_solve_cpu", A);
  // Both column-major, as LAPACK's trsm leaves them in PyTorch.
  const solution = columnMajor(triangularSolveValues(A, input, upper, true, transpose, unitriangular));
  const cloned = no_grad(() =>
    columnMajor(clone(A).expand([...broadcastBatch(A, input), ...A.shape.slice(-2)])),
  );
  const outs = recordOutputs("TriangularSolveBackward0", [input, A], [solution, cloned], () => ({
    self: input,
    A,
    solution,
    upper,
    transpose,
    unitriangular,
  }));
  return named("triangular_solve", ["solution", "cloned_coefficient"], outs);
}

// ---- cholesky_solve, cholesky_inverse ----

/** (L L^H)^-1 B (or (U^H U)^-1 B) by two triangular solves; no graph. */
function choleskySolveValues(B: Tensor, L: Tensor, upper: boolean): Tensor {
  const y = triangularSolveValues(L, B, upper, true, upper, false);
  return triangularSolveValues(L, y, upper, true, !upper, false);
}

export function cholesky_solve(input: Tensor, input2: Tensor, upper = false): Tensor {
  checkSolveShapes("cholesky_solve", input, input2);
  notImplementedUnlessFloat("cholesky_solve_cpu", input2);
  const result = columnMajor(choleskySolveValues(input, input2, upper));
  return record("CholeskySolveBackward0", [input, input2], result, () => ({
    self: input,
    input2,
    result,
    upper,
  }));
}

export function cholesky_inverse(input: Tensor, upper = false): Tensor {
  checkSquare("cholesky_inverse", input);
  notImplementedUnlessFloat("cholesky_inverse_out_cpu", input);
  const n = input.shape[input.ndim - 1];
  const identity = eye(n, input.dtype).expand(input.shape);
  const result = columnMajor(choleskySolveValues(identity, input, upper));
  return record("CholeskyInverseBackward0", [input], result, () => ({ self: input, result, upper }));
}

// ---- the triangles the derivative rows take ----

/** The triangle a triangular solve reads (unit: without the diagonal). */
export function triangle(x: Tensor, upper: boolean, unit: boolean): Tensor {
  return upper ? triu(x, unit ? 1 : 0) : tril(x, unit ? -1 : 0);
}

defineOps(
  "torch.linalg",
  {
    "linalg_cholesky(Tensor input, *, bool upper=False, Tensor out=None) -> Tensor": linalg_cholesky,
    "linalg_cholesky_ex(Tensor input, *, bool upper=False, bool check_errors=False, TensorList[2] out=None) -> (Tensor L, Tensor info)":
      (A, upper, checkErrors) => linalg_cholesky_ex(A, upper, checkErrors),
    "linalg_solve_triangular(Tensor input, Tensor B, *, bool upper, bool left=True, bool unitriangular=False, Tensor out=None) -> Tensor":
      linalg_solve_triangular,
  },
  {
    publicNames: {
      linalg_cholesky: "cholesky",
      linalg_cholesky_ex: "cholesky_ex",
      linalg_solve_triangular: "solve_triangular",
    },
  },
);

defineOps(
  "torch",
  {
    "cholesky(Tensor input, bool upper=False, *, Tensor out=None) -> Tensor": cholesky,
    "cholesky_solve(Tensor input, Tensor input2, bool upper=False, *, Tensor out=None) -> Tensor":
      cholesky_solve,
    "cholesky_inverse(Tensor input, bool upper=False, *, Tensor out=None) -> Tensor": cholesky_inverse,
    "triangular_solve(Tensor input, Tensor A, bool upper=True, bool transpose=False, bool unitriangular=False, *, TensorList[2] out=None) -> (Tensor solution, Tensor cloned_coefficient)":
      triangular_solve,
  },
  { methods: true },
);
