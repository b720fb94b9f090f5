// What torch.linalg's op files share: PyTorch's argument checks and their texts, LinAlgError, the batched
// LAPACK calls on float64 copies (src/backend/js/lapack.ts behind backend().lapack), named result tuples,
// and the few differentiable matrix helpers (identity, diagonal, diag_embed) the derivative rows need.
import { backend } from "../backend/backend.js";
import type { Lapack } from "../backend/js/lapack.js";
import { RuntimeError } from "../errors.js";
import { emitWarning } from "../warnings.js";
import { Category, float32, float64, int32, type DType } from "../tensor/dtype.js";
import { broadcastShapes, numel, type Shape } from "../tensor/shape.js";
import { Tensor } from "../tensor/tensor.js";
import { fromData } from "./core.js";
import { defineOutDtypes, defineOutStridesOfResult } from "./out.js";
import { mul } from "./elementwise.js";
import { sum } from "./reduce.js";
import { expand, transpose, unsqueeze } from "./shape.js";

/** torch.linalg.LinAlgError (torch._C._LinAlgError), a RuntimeError. */
export class LinAlgError extends RuntimeError {
  constructor(message: string) {
    super(message);
    this.name = "_LinAlgError";
  }
}

/** The backend's LAPACK routines for `dtype` (its float32 ones for float32 where it has them). */
export function lapack(dtype: DType = float64): Lapack {
  const routines = backend().lapack;
  return dtype === float32 && routines.float32 ? routines.float32 : routines;
}

/** linalg's "Expected a floating point or complex tensor as input. Got Long". */
export function checkFloating(fn: string, A: Tensor): void {
  if (A.dtype.category !== Category.Floating) {
    throw new RuntimeError(
      `${fn}: Expected a floating point or complex tensor as input. Got ${A.dtype.scalarTypeName}`,
    );
  }
}

export function checkMatrix(fn: string, A: Tensor, name = "A"): void {
  if (A.ndim < 2) throw new RuntimeError(`${fn}: The input tensor ${name} must have at least 2 dimensions.`);
}

/** squareCheckInputs: at least 2-D, square. */
export function checkSquare(fn: string, A: Tensor, name = "A"): void {
  checkMatrix(fn, A, name);
  const [m, n] = A.shape.slice(-2);
  if (m !== n) {
    throw new RuntimeError(
      `${fn}: ${name} must be batches of square matrices, but they are ${m} by ${n} matrices`,
    );
  }
}

/** A float linalg input that is a batch of square matrices (the common prelude). */
export function checkFloatSquare(fn: string, A: Tensor): void {
  checkMatrix(fn, A);
  checkSquare(fn, A);
  checkFloating(fn, A);
}

/** "(Batch element 2): " before a batched LAPACK error, nothing for a single matrix. */
export function batchPrefix(A: Tensor, index: number): string {
  return A.ndim > 2 ? `(Batch element ${index}): ` : "";
}

/** The first nonzero info (with its batch index), or null. */
export function firstFailure(info: Int32Array): [index: number, info: number] | null {
  for (let i = 0; i < info.length; i++) if (info[i] !== 0) return [i, info[i]];
  return null;
}

/** _linalg_check_errors for svd and eigh, from the routine's info: gesdd's -4 is its NaN check, a positive info a failure to converge. */
export function checkConverged(api: "linalg.svd" | "linalg.eigh", A: Tensor, info: Int32Array): void {
  const failure = firstFailure(info);
  if (!failure) return;
  const [index, code] = failure;
  const repeated = api === "linalg.svd" ? "singular values" : "eigenvalues";
  const reason =
    code === -4 && api === "linalg.svd"
      ? "contained non-finite values"
      : `is ill-conditioned or has too many repeated ${repeated} (error code: ${code})`;
  throw new LinAlgError(
    `${api}: ${batchPrefix(A, index)}The algorithm failed to converge because the input matrix ${reason}.`,
  );
}

/** A contiguous float64 copy of x (its batch expanded to `shape` when given): what LAPACK works on in place. */
export function toF64(x: Tensor, shape?: Shape): Float64Array {
  const source = shape ? expand(x, [...shape]) : x;
  return backend().copy(source._view(), float64) as Float64Array;
}

/**
 * A matrix result laid out as LAPACK leaves it in PyTorch: each matrix column-major (strides (1, rows)), the
 * batch row-major; not a view (PyTorch's batched_matrix_contiguous_strides with column_major). PyTorch's
 * linalg.qr(A).R.stride() is (1, m) for an m x n A, so `.view` of it fails as it does there. With `shown`
 * fewer rows than t has, the result is the first `shown` rows of that buffer (lstsq's solution, stride
 * (1, max(m, n))). A result of fewer than 2 dims is returned as it is.
 */
export function columnMajor(t: Tensor, shown?: number): Tensor {
  if (t.ndim < 2) return t;
  const [rows, cols] = t.shape.slice(-2);
  const data = mT(t).contiguous();
  const batch = t.shape.slice(0, -2);
  const strides = [...batch.map((_, i) => numel(batch.slice(i + 1)) * rows * cols), 1, rows];
  const shape = shown === undefined ? t.shape : [...batch, shown, cols];
  return new Tensor(data._storage, shape, strides, 0, t.dtype);
}

/** Wraps a float64 result as a tensor of `dtype` (LAPACK computes float32 inputs in double here). */
export function fromF64(data: Float64Array, shape: Shape, dtype: DType): Tensor {
  const t = fromData(data, shape, float64);
  return dtype === float64 ? t : fromData(backend().copy(t._view(), dtype), shape, dtype);
}

export function fromInt32(data: Int32Array, shape: Shape): Tensor {
  return fromData(data, shape, int32);
}

/** Batch dims and the count of matrices in them. */
export function batchOf(A: Tensor): { batchShape: number[]; count: number } {
  const batchShape = A.shape.slice(0, -2);
  return { batchShape, count: numel(batchShape) };
}

/** The broadcast batch of two stacks of matrices. */
export function broadcastBatch(A: Tensor, B: Tensor): number[] {
  return broadcastShapes(A.shape.slice(0, -2), B.shape.slice(0, -2));
}

export { named, type Named } from "./reduce_util.js";

const warned = new Set<string>();

/** TORCH_WARN_ONCE: once per process. */
export function warnOnce(message: string): void {
  if (warned.has(message)) return;
  warned.add(message);
  emitWarning(message);
}

// ---- differentiable helpers for the derivative rows ----

/** The n x n identity of `dtype`. */
export function eye(n: number, dtype: DType): Tensor {
  const data = new Float64Array(n * n);
  for (let i = 0; i < n; i++) data[i * n + i] = 1;
  return fromF64(data, [n, n], dtype);
}

/** x.mT, x.mH for real x. */
export function mT(x: Tensor): Tensor {
  return transpose(x, -2, -1);
}

/** diag_embed(v) on the last dim: v.unsqueeze(-1) * I, so it stays differentiable. */
export function diagEmbed(v: Tensor): Tensor {
  const n = v.shape[v.ndim - 1];
  return mul(unsqueeze(v, -1), eye(n, v.dtype));
}

/** The diagonal of square matrices, x.diagonal(0, -2, -1), as (x * I).sum(-1). */
export function diagonalOf(x: Tensor): Tensor {
  const n = x.shape[x.ndim - 1];
  return sum(mul(x, eye(n, x.dtype)), -1);
}

// ---- out= dtypes ----

/** The real dtype of a (possibly complex) dtype: eigenvalues and singular values are real. */
const realOf = (d: DType): DType =>
  d.name === "complex64" ? float32 : d.name === "complex128" ? float64 : d;

/** The structured linalg kernels' outputs: out tensors must have exactly these dtypes (no casting). */
function declareOutDtypes(): void {
  const A = (args: readonly unknown[]) => (args[0] as Tensor).dtype;
  defineOutDtypes(
    ["linalg_inv", "inverse", "linalg_det", "linalg_cholesky", "linalg_solve", "linalg_matrix_power"],
    (args) => [A(args)],
  );
  defineOutDtypes(["matrix_power", "linalg_lu_solve"], (args) => [A(args)]);
  defineOutDtypes(["linalg_svdvals", "linalg_eigvalsh"], (args) => [realOf(A(args))]);
  defineOutDtypes(["linalg_inv_ex", "linalg_cholesky_ex", "linalg_solve_ex", "linalg_lu_factor"], (args) => [
    A(args),
    int32,
  ]);
  defineOutDtypes(["linalg_lu_factor_ex"], (args) => [A(args), int32, int32]);
  defineOutDtypes(["linalg_slogdet", "slogdet", "linalg_qr"], (args) => [A(args), A(args)]);
  defineOutDtypes(["linalg_eigh"], (args) => [realOf(A(args)), A(args)]);
  defineOutDtypes(["linalg_svd"], (args) => [A(args), realOf(A(args)), A(args)]);
  defineOutDtypes(["linalg_lu"], (args) => [A(args), A(args), A(args)]);
}
declareOutDtypes();

// A resized out takes the structured LAPACK kernels' column-major strides (set_output_strided), as their results
// have them (columnMajor above); torch.cholesky and cholesky_solve resize row-major (resize_output), and
// cholesky_inverse keeps column-major only for an out of zero elements (test/ops/linalg_out_strides.test.ts).
defineOutStridesOfResult([
  ...["linalg_inv", "inverse", "linalg_solve", "linalg_cholesky", "linalg_inv_ex", "linalg_cholesky_ex"],
  ...[
    "linalg_solve_ex",
    "linalg_lu_factor",
    "linalg_lu_factor_ex",
    "linalg_solve_triangular",
    "linalg_lu_solve",
  ],
  ...["linalg_qr", "linalg_eigh", "linalg_svd"],
]);
defineOutStridesOfResult(["cholesky_inverse"], "empty");
