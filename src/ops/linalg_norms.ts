// Norms and what is built on the SVD: linalg.norm, matrix_norm, cond, pinv (and torch.pinverse), matrix_rank,
// lstsq; and linalg.matrix_exp. The norms and cond are composites, as in PyTorch 1.13, so their grad_fn is their
// last op's (AmaxBackward0, SumBackward1, NanToNumBackward0, ...); pinv, lstsq and matrix_exp record their own
// nodes. torch.lstsq and torch.matrix_rank were removed in 1.9 and raise PyTorch's text.
import { no_grad } from "../autograd/grad_mode.js";
import { RuntimeError } from "../errors.js";
import { zeros } from "../tensor/creation.js";
import { float32, float64, int64, type DType } from "../tensor/dtype.js";
import { cppDoubleStr } from "../python.js";
import { normalizeDim } from "../tensor/shape.js";
import { Tensor } from "../tensor/tensor.js";
import { emitWarning } from "../warnings.js";
import { checkNotDifferentiable } from "./nn_losses.js";
import { defineOps, definePython } from "../signatures/registry.js";
import { fromData, record, type Scalar } from "./core.js";
import { div, gt, mul, sub, where } from "./elementwise.js";
import { masked_fill_ } from "./indexing.js";
import { cat } from "./join.js";
import { matmul } from "./linalg.js";
import { abs, maximum, nan_to_num } from "./math.js";
import { amax, amin, sum } from "./reduce.js";
import { linalg_vector_norm } from "./reduce_stats.js";
import { narrow, permute, squeeze, unsqueeze } from "./shape.js";
import { linalg_eigh, linalg_eigvalsh, linalg_svd, linalg_svdvals } from "./linalg_decomp.js";
import { linalg_inv, linalg_inv_ex } from "./linalg_inv.js";
import {
  batchOf,
  checkFloating,
  checkMatrix,
  checkSquare,
  columnMajor,
  fromF64,
  lapack,
  mT,
  named,
  toF64,
  type Named,
} from "./linalg_common.js";

// ---- matrix_norm, norm ----

/** Wraps negative dims; PyTorch's maybe_wrap_dims. */
function wrapDims(dims: readonly number[], ndim: number): number[] {
  return dims.map((d) => (d < 0 ? d + ndim : d));
}

/** The permutation moving dims d0, d1 to the end (create_dim_backshift_permutation). */
function backshift(d0: number, d1: number, ndim: number): number[] {
  const rest = [...Array(ndim).keys()].filter((d) => d !== d0 && d !== d1);
  return [...rest, d0, d1];
}

function inversePermutation(p: readonly number[]): number[] {
  const inv = new Array<number>(p.length);
  p.forEach((d, i) => (inv[d] = i));
  return inv;
}

function matrixNormChecks(A: Tensor, dim: readonly number[], dtype: DType | null): number[] {
  checkMatrix("linalg.matrix_norm", A);
  checkFloating("linalg.matrix_norm", A);
  if (dim.length !== 2)
    throw new RuntimeError(`linalg.matrix_norm: dim must be a 2-tuple. Got ${dimVectorText(dim)}`);
  const d = wrapDims(dim, A.ndim);
  if (d[0] === d[1])
    throw new RuntimeError(`linalg.matrix_norm: dims must be different. Got (${d[0]}, ${d[1]})`);
  if (dtype !== null && dtype !== float32 && dtype !== float64) {
    throw new RuntimeError(
      `linalg.matrix_norm: dtype should be floating point or complex, but got ${dtype.scalarTypeName}`,
    );
  }
  return d;
}

const dimText = (dim: readonly number[]) => `[${dim.join(", ")}]`;
/** A std::vector<int64_t> as c10 streams it: space-separated. */
const dimVectorText = (dim: readonly number[]) => dim.join(" ");

/** svdvals over dims d0, d1 reduced by `reduce`, with keepdim restoring the two dims' places. */
function spectral(
  A: Tensor,
  d: number[],
  keepdim: boolean,
  dtype: DType | null,
  reduce: (S: Tensor) => Tensor,
): Tensor {
  const perm = backshift(d[0], d[1], A.ndim);
  const A_ = dtype !== null ? A.to(dtype) : A;
  let result = reduce(linalg_svdvals(permute(A_, perm)));
  if (keepdim) result = permute(unsqueeze(result, -1), inversePermutation(perm));
  return result;
}

export function linalg_matrix_norm(
  A: Tensor,
  ord: Scalar | string = "fro",
  dim: number[] = [-2, -1],
  keepdim = false,
  dtype: DType | null = null,
): Tensor {
  if (typeof ord === "string") {
    if (ord !== "fro" && ord !== "nuc")
      throw new RuntimeError(`linalg.matrix_norm: Order ${ord} not supported.`);
    const d = matrixNormChecks(A, dim, dtype);
    if (ord === "fro") return linalg_vector_norm(A, 2, d, keepdim, dtype);
    return spectral(A, d, keepdim, dtype, (S) => sum(S, -1, keepdim));
  }
  const o = Number(ord);
  const absOrd = Math.abs(o);
  if (absOrd !== 2 && absOrd !== 1 && absOrd !== Infinity) {
    throw new RuntimeError(`linalg.matrix_norm: Order ${cppDoubleStr(o)} not supported.`);
  }
  const d = matrixNormChecks(A, dim, dtype);
  const maxMin = (x: Tensor, axis: number) => (o > 0 ? amax(x, axis, keepdim) : amin(x, axis, keepdim));
  if (absOrd === 2) return spectral(A, d, keepdim, dtype, (S) => (o > 0 ? amax(S, -1) : amin(S, -1)));
  // The inf norm is the 1 norm of the transpose.
  if (absOrd === Infinity) d.reverse();
  if (!keepdim && d[0] < d[1]) d[1]--;
  return maxMin(linalg_vector_norm(A, 1, [d[0]], keepdim, dtype), d[1]);
}

/**
 * at::nuclear_norm (what torch.norm(p="nuc") calls through _VF): the sum of linalg.svdvals over dims d0, d1
 * moved to the end (SumBackward1), each matrix for a 2-D input without dims.
 */
export function nuclear_norm(input: Tensor, dim: number[] | null, keepdim = false): Tensor {
  if (dim === null) {
    if (input.ndim !== 2) {
      throw new RuntimeError(
        `Expected a tensor with 2 dimensions, but got a tensor with ${input.ndim} dimension${input.ndim === 1 ? "" : "s"} instead.`,
      );
    }
    dim = [0, 1];
  }
  if (dim.length !== 2) throw new RuntimeError("nuclear norm requires a 'dim' argument of size 2");
  const [d0, d1] = dim.map((d) => normalizeDim(d, input.ndim));
  if (d0 === d1) throw new RuntimeError("duplicate or invalid dimensions");
  return spectral(input, [d0, d1], keepdim, null, (S) => sum(S, -1, keepdim));
}

export function linalg_norm(
  X: Tensor,
  ord: Scalar | string | null = null,
  dim: number[] | null = null,
  keepdim = false,
  dtype: DType | null = null,
): Tensor {
  if (dim !== null && dim.length !== 1 && dim.length !== 2) {
    // PyTorch's string overload spells "mut".
    const must = typeof ord === "string" ? "mut" : "must";
    throw new RuntimeError(
      `linalg.norm: If dim is specified, it ${must} be of length 1 or 2. Got ${dimText(dim)}`,
    );
  }
  if (dim === null && ord !== null && X.ndim !== 1 && X.ndim !== 2) {
    throw new RuntimeError(
      `linalg.norm: If dim is not specified but ord is, the input must be 1D or 2D. Got ${X.ndim}D.`,
    );
  }
  if (typeof ord === "string") return linalg_matrix_norm(X, ord, dim ?? [0, 1], keepdim, dtype);
  if (ord !== null && ((dim !== null && dim.length === 2) || (dim === null && X.ndim === 2))) {
    return linalg_matrix_norm(X, ord, dim ?? [0, 1], keepdim, dtype);
  }
  return linalg_vector_norm(X, ord ?? 2, dim, keepdim, dtype);
}

// ---- cond ----

function checkCondOrd(ord: Scalar | string): void {
  if (typeof ord === "string") {
    if (ord !== "fro" && ord !== "nuc")
      throw new RuntimeError(`linalg.cond got an invalid norm type: ${ord}`);
    return;
  }
  const a = Math.abs(Number(ord));
  if (a !== 2 && a !== 1 && a !== Infinity) {
    throw new RuntimeError(`linalg.cond got an invalid norm type: ${cppDoubleStr(Number(ord))}`);
  }
}

/** std::to_string of the ord: six decimals for a float, none for an int. */
function ordText(ord: Scalar): string {
  const v = Number(ord);
  if (Number.isInteger(v) && typeof ord !== "number") return String(v);
  if (typeof ord === "number" && Number.isInteger(ord) && !Object.is(ord, -0)) return String(ord);
  return Number.isFinite(v) ? v.toFixed(6) : v > 0 ? "inf" : "-inf";
}

/** ||A|| ||A^-1||, infinite for singular A (_linalg_cond_helper). */
function condHelper(A: Tensor, ord: Scalar | string): Tensor {
  const [inverse, info] = linalg_inv_ex(A);
  // In place, as PyTorch does: the inverse LinalgInvExBackward0 saved is modified, so backward raises as in 1.13.
  masked_fill_(inverse, gt(unsqueeze(unsqueeze(info, -1), -1), 0), Infinity);
  const result = mul(linalg_matrix_norm(A, ord), linalg_matrix_norm(inverse, ord));
  return nan_to_num(result, Infinity, Infinity, -Infinity);
}

export function linalg_cond(A: Tensor, p: Scalar | string | null = null): Tensor {
  if (typeof p === "string") {
    checkSquare(`linalg.cond(ord=${p})`, A);
    checkCondOrd(p);
    if (A.numel() === 0) return zeros(A.shape.slice(0, -2), { dtype: A.dtype });
    if (p === "nuc") return mul(linalg_matrix_norm(A, p), linalg_matrix_norm(linalg_inv(A), p));
    return condHelper(A, p);
  }
  if (A.ndim < 2) throw new RuntimeError("linalg.cond: The input tensor must have at least 2 dimensions.");
  const ord = p ?? 2;
  checkCondOrd(ord);
  // NumPy leaves the condition number of 0 x 0 matrices undefined; PyTorch returns 0.
  if (A.numel() === 0) return zeros(A.shape.slice(0, -2), { dtype: A.dtype });
  if (Math.abs(Number(ord)) === 2) {
    const S = linalg_svdvals(A);
    const k = S.shape[S.ndim - 1];
    const sMax = narrow(S, -1, 0, 1);
    const sMin = narrow(S, -1, k - 1, 1);
    return squeeze(Number(ord) === -2 ? div(sMin, sMax) : div(sMax, sMin), -1);
  }
  checkSquare(`linalg.cond(ord=${ordText(ord)})`, A);
  return condHelper(A, ord);
}

// ---- pinv, matrix_rank ----

/** get_atol_rtol: float64 tolerances; rtol defaults to eps * max(m, n), or 0 when a positive atol is given. */
function tolerances(A: Tensor, atol: Tensor | number | null, rtol: Tensor | number | null): [Tensor, Tensor] {
  const asTensor = (v: Tensor | number) =>
    v instanceof Tensor ? v : fromData(Float64Array.of(v), [], float64);
  const atol_ = atol === null ? asTensor(0) : asTensor(atol);
  if (rtol !== null) return [atol_, asTensor(rtol)];
  // _get_epsilon: only the default rtol needs one.
  if (A.dtype !== float32 && A.dtype !== float64) {
    throw new RuntimeError("This function doesn't handle types other than float and double");
  }
  const [m, n] = A.shape.slice(-2);
  const eps = A.dtype === float32 ? 2 ** -23 : 2 ** -52;
  const byDefault = asTensor(eps * Math.max(m, n));
  if (atol === null) return [atol_, byDefault];
  return [atol_, where(gt(atol_, 0), asTensor(0), byDefault)];
}

export function linalg_pinv(
  A: Tensor,
  atol: Tensor | number | null = null,
  rtol: Tensor | number | null = null,
  hermitian = false,
): Tensor {
  for (const [name, t] of [
    ["atol", atol],
    ["rtol", rtol],
  ] as const)
    if (t instanceof Tensor) checkNotDifferentiable("linalg_pinv", name, t);
  if ((A.dtype !== float32 && A.dtype !== float64) || A.ndim < 2) {
    throw new RuntimeError(
      `linalg.pinv(${A.dtype.scalarTypeName}{[${A.shape.join(", ")}]}): expected a tensor with 2 or more dimensions of float, double, cfloat or cdouble types`,
    );
  }
  const result = no_grad(() => {
    const [atol_, rtol_] = tolerances(A, atol, rtol);
    if (A.numel() === 0)
      return zeros([...A.shape.slice(0, -2), A.shape[A.ndim - 1], A.shape[A.ndim - 2]], { dtype: A.dtype });
    if (!hermitian) {
      const [U, S, Vh] = linalg_svd(A, false);
      const tol = maximum(unsqueeze(atol_, -1), mul(unsqueeze(rtol_, -1), narrow(S, -1, 0, 1)));
      const Sinv = where(gt(S, tol), S.reciprocal(), 0).to(A.dtype);
      return matmul(mul(mT(Vh), unsqueeze(Sinv, -2)), mT(U));
    }
    const [S, U] = linalg_eigh(A);
    const Sabs = abs(S);
    const tol = maximum(unsqueeze(atol_, -1), mul(unsqueeze(rtol_, -1), amax(Sabs, -1, true)));
    const Sinv = where(gt(Sabs, tol), S.reciprocal(), 0).to(A.dtype);
    return matmul(mul(U, unsqueeze(Sinv, -2)), mT(U));
  });
  return record("LinalgPinvBackward0", [A], result, () => ({ self: A, result }));
}

/** torch.pinverse(input, rcond=1e-15): linalg.pinv with rcond as rtol. */
export function pinverse(input: Tensor, rcond = 1e-15): Tensor {
  return linalg_pinv(input, 0, rcond, false);
}

export function linalg_matrix_rank(
  A: Tensor,
  atol: Tensor | number | null = null,
  rtol: Tensor | number | null = null,
  hermitian = false,
): Tensor {
  if (A.ndim < 2) {
    throw new RuntimeError(
      "torch.linalg.matrix_rank: The input tensor input must have at least 2 dimensions.",
    );
  }
  const [atol_, rtol_] = tolerances(A, atol, rtol);
  // A matrix with no elements has no nonzero rows: rank 0.
  if (A.numel() === 0) return zeros(A.shape.slice(0, -2), { dtype: int64 });
  return no_grad(() => {
    let S: Tensor;
    let maxS: Tensor;
    if (!hermitian) {
      S = linalg_svdvals(A);
      maxS = narrow(S, -1, 0, 1);
    } else {
      S = abs(linalg_eigvalsh(A));
      maxS = amax(S, -1, true);
    }
    const tol = maximum(unsqueeze(atol_, -1), mul(unsqueeze(rtol_, -1), maxS));
    const rank = sum(gt(S, tol), -1).to(int64);
    // linalg_matrix_rank sums into a result of A's batch shape: tolerances that broadcast it to another shape
    // resize that result, with resize_output's deprecation warning (src/ops/out.ts) when it held elements.
    const batch = A.shape.slice(0, -2);
    if (batch.reduce((a, b) => a * b, 1) !== 0 && !sameShape(rank.shape, batch))
      emitWarning(
        `An output with one or more elements was resized since it had shape [${batch.join(", ")}], which does ` +
          `not match the required output shape [${rank.shape.join(", ")}]. This behavior is deprecated, and in a ` +
          "future PyTorch release outputs will not be resized unless they have zero elements. You can explicitly " +
          "reuse an out tensor t by resizing it, inplace, to zero elements with t.resize_(0).",
      );
    return rank;
  });
}

const sameShape = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((d, i) => d === b[i]);

// ---- lstsq ----

const LSTSQ_DRIVERS = ["gels", "gelsy", "gelsd", "gelss"];

export function linalg_lstsq(
  A: Tensor,
  B: Tensor,
  rcond: number | null = null,
  driver: string | null = null,
): Named<"solution" | "residuals" | "rank" | "singular_values"> {
  if (A.dtype !== B.dtype) {
    throw new RuntimeError(
      `torch.linalg.lstsq: Expected input and other to have the same dtype, but got input's dtype ${A.dtype.scalarTypeName} and other's dtype ${B.dtype.scalarTypeName}`,
    );
  }
  if (A.ndim < 2) throw new RuntimeError("torch.linalg.lstsq: input must have at least 2 dimensions.");
  const vectorCase = B.ndim === A.ndim - 1;
  const B2 = vectorCase ? unsqueeze(B, -1) : B;
  if (B2.ndim !== A.ndim) {
    throw new RuntimeError(
      "torch.linalg.lstsq: input.dim() must be greater or equal to other.dim() and (input.dim() - other.dim()) <= 1",
    );
  }
  if (A.shape[A.ndim - 2] !== B2.shape[B2.ndim - 2]) {
    throw new RuntimeError(
      `torch.linalg.lstsq: input.size(-2) should match other.size(-2)${vectorCase ? " (vector case)" : ""}`,
    );
  }
  const drv = driver ?? "gelsy";
  if (!LSTSQ_DRIVERS.includes(drv)) {
    throw new RuntimeError(
      "torch.linalg.lstsq: parameter `driver` should be one of (gels, gelsy, gelsd, gelss)",
    );
  }
  const [m, n] = A.shape.slice(-2);
  const [, rcond_] = tolerances(A, null, rcond === null ? null : rcond);
  const cutoff = rcond !== null && rcond < 0 ? 2 ** -52 : rcond_.item();
  const out = no_grad(() => {
    // Every driver's minimum-norm solution: V S^+ U^T B, S^+ dropping values below rcond * max(S).
    const [U, S, Vh] = linalg_svd(A, false);
    const sMax =
      S.shape[S.ndim - 1] === 0
        ? zeros([...S.shape.slice(0, -1), 1], { dtype: S.dtype })
        : narrow(S, -1, 0, 1);
    const keep = gt(S, mul(sMax, cutoff));
    const Sinv = where(keep, S.reciprocal(), 0);
    const X = matmul(mul(mT(Vh), unsqueeze(Sinv, -2)), matmul(mT(U), B2));
    const rank = sum(keep, -1).to(int64);
    return { X, S, rank };
  });
  const empty = (dtype: DType) => zeros([0], { dtype });
  const fullRank = out.rank.values().every((r) => r === n);
  const residuals =
    drv !== "gelsy" && m > n && fullRank
      ? no_grad(() => sum(sub(matmul(A, out.X), B2).pow(2), -2))
      : empty(A.dtype);
  const rank = drv === "gels" ? empty(int64) : out.rank;
  const singular = drv === "gelsd" || drv === "gelss" ? out.S : empty(A.dtype);
  const solution = lstsqLayout(out.X, Math.max(m, n), vectorCase);
  const sol = record("LinalgLstsqBackward0", [A, B], solution, () => ({ self: A, b: B }));
  return named(
    "linalg_lstsq",
    ["solution", "residuals", "rank", "singular_values"],
    [sol, residuals, rank, singular],
  );
}

/**
 * lstsq's solution as PyTorch leaves it: the first n rows of LAPACK's column-major max(m, n) x k buffer
 * (strides (1, max(m, n))), and in the vector case that buffer's k = 1 column squeezed away; not a view.
 */
function lstsqLayout(X: Tensor, rows: number, vectorCase: boolean): Tensor {
  const [n, k] = X.shape.slice(-2);
  const batch = X.shape.slice(0, -2);
  const padded = rows > n ? cat([X, zeros([...batch, rows - n, k], { dtype: X.dtype })], -2) : X;
  const laid = columnMajor(padded, n);
  if (!vectorCase) return laid;
  return new Tensor(laid._storage, laid.shape.slice(0, -1), laid.stride().slice(0, -1), 0, laid.dtype);
}

// ---- matrix_exp ----

/** Padé(13) coefficients and the 1-norm bound below which it needs no scaling (Higham 2005). */
const PADE13 = [
  64764752532480000, 32382376266240000, 7771770303897600, 1187353796428800, 129060195264000, 10559470521600,
  670442572800, 33522128640, 1323241920, 40840800, 960960, 16380, 182, 1,
];
const THETA13 = 5.371920351148152;

function matmulF64(a: Float64Array, b: Float64Array, n: number): Float64Array<ArrayBuffer> {
  const c = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let k = 0; k < n; k++) {
      const aik = a[i * n + k];
      if (aik === 0) continue;
      for (let j = 0; j < n; j++) c[i * n + j] += aik * b[k * n + j];
    }
  return c;
}

/** exp of one n x n matrix by scaling and squaring with a Padé(13) approximant. */
function expm(a: Float64Array, n: number): Float64Array<ArrayBuffer> {
  let norm1 = 0;
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += Math.abs(a[i * n + j]);
    norm1 = Math.max(norm1, s);
  }
  const squarings = norm1 > THETA13 ? Math.ceil(Math.log2(norm1 / THETA13)) : 0;
  const A = a.map((v) => v / 2 ** squarings);
  const A2 = matmulF64(A, A, n);
  const A4 = matmulF64(A2, A2, n);
  const A6 = matmulF64(A4, A2, n);
  const b = PADE13;
  const inner = new Float64Array(n * n);
  const innerV = new Float64Array(n * n);
  const evenU = new Float64Array(n * n);
  const evenV = new Float64Array(n * n);
  for (let i = 0; i < n * n; i++) {
    inner[i] = b[13] * A6[i] + b[11] * A4[i] + b[9] * A2[i];
    innerV[i] = b[12] * A6[i] + b[10] * A4[i] + b[8] * A2[i];
    evenU[i] = b[7] * A6[i] + b[5] * A4[i] + b[3] * A2[i];
    evenV[i] = b[6] * A6[i] + b[4] * A4[i] + b[2] * A2[i];
  }
  for (let i = 0; i < n; i++) {
    evenU[i * n + i] += b[1];
    evenV[i * n + i] += b[0];
  }
  const uInner = matmulF64(A6, inner, n);
  for (let i = 0; i < n * n; i++) uInner[i] += evenU[i];
  const U = matmulF64(A, uInner, n);
  const V = matmulF64(A6, innerV, n);
  for (let i = 0; i < n * n; i++) V[i] += evenV[i];
  // (V - U) R = (V + U)
  const P = new Float64Array(n * n);
  const Q = new Float64Array(n * n);
  for (let i = 0; i < n * n; i++) {
    P[i] = V[i] - U[i];
    Q[i] = V[i] + U[i];
  }
  const { pivots } = lapack().getrf(P, 1, n, n);
  for (let i = 0; i < n; i++) {
    const p = pivots[i] - 1;
    if (p !== i) for (let c = 0; c < n; c++) [Q[i * n + c], Q[p * n + c]] = [Q[p * n + c], Q[i * n + c]];
  }
  const trsm = lapack().trsm;
  trsm(P, Q, 1, n, n, n, { left: true, upper: false, transpose: false, unit: true });
  trsm(P, Q, 1, n, n, n, { left: true, upper: true, transpose: false, unit: false });
  let R = Q;
  for (let s = 0; s < squarings; s++) R = matmulF64(R, R, n);
  return R;
}

export function linalg_matrix_exp(A: Tensor): Tensor {
  checkSquare("linalg.matrix_exp", A);
  checkFloating("matrix_exp", A);
  const n = A.shape[A.ndim - 1];
  const { count } = batchOf(A);
  const a = toF64(A);
  const out = new Float64Array(a.length);
  for (let t = 0; t < count; t++) out.set(expm(a.subarray(t * n * n, (t + 1) * n * n), n), t * n * n);
  const result = fromF64(out, A.shape, A.dtype);
  return record("LinalgMatrixExpBackward0", [A], result, () => ({ self: A }));
}

// ---- removed in 1.9 ----

function removed(replacement: string): never {
  throw new RuntimeError(
    `('This function was deprecated since version 1.9 and is now removed.', 'Please use the \`torch.linalg.${replacement}\` function instead.')`,
  );
}

defineOps(
  "torch.linalg",
  {
    "linalg_norm(Tensor input, Scalar? ord=None, IntArrayRef[1]? dim=None, bool keepdim=False, *, ScalarType? dtype=None, Tensor out=None) -> Tensor":
      linalg_norm,
    "linalg_norm(Tensor input, c10::string_view ord, IntArrayRef[1]? dim=None, bool keepdim=False, *, ScalarType? dtype=None, Tensor out=None) -> Tensor":
      linalg_norm,
    "linalg_matrix_norm(Tensor input, Scalar ord, IntArrayRef dim={-2,-1}, bool keepdim=False, *, ScalarType? dtype=None, Tensor out=None) -> Tensor":
      linalg_matrix_norm,
    'linalg_matrix_norm(Tensor input, c10::string_view ord="fro", IntArrayRef dim={-2,-1}, bool keepdim=False, *, ScalarType? dtype=None, Tensor out=None) -> Tensor':
      linalg_matrix_norm,
    "linalg_cond(Tensor input, Scalar? p=None, *, Tensor out=None) -> Tensor": linalg_cond,
    "linalg_cond(Tensor input, c10::string_view p, *, Tensor out=None) -> Tensor": linalg_cond,
    "linalg_pinv(Tensor input, *, Tensor? atol=None, Tensor? rtol=None, bool hermitian=False, Tensor out=None) -> Tensor":
      linalg_pinv,
    "linalg_pinv(Tensor input, *, double? atol=None, double? rtol=None, bool hermitian=False, Tensor out=None) -> Tensor":
      linalg_pinv,
    "linalg_pinv(Tensor input, Tensor rcond, bool hermitian=False, *, Tensor out=None) -> Tensor": (
      A,
      rcond,
      hermitian,
    ) => linalg_pinv(A, zeros([], { dtype: rcond.dtype }), rcond, hermitian),
    "linalg_pinv(Tensor input, double rcond, bool hermitian=False, *, Tensor out=None) -> Tensor": (
      A,
      rcond,
      hermitian,
    ) => linalg_pinv(A, 0, rcond, hermitian),
    "linalg_matrix_rank(Tensor input, *, Tensor? atol=None, Tensor? rtol=None, bool hermitian=False, Tensor out=None) -> Tensor":
      linalg_matrix_rank,
    "linalg_matrix_rank(Tensor input, *, double? atol=None, double? rtol=None, bool hermitian=False, Tensor out=None) -> Tensor":
      linalg_matrix_rank,
    "linalg_matrix_rank(Tensor input, Tensor tol, bool hermitian=False, *, Tensor out=None) -> Tensor": (
      A,
      tol,
      hermitian,
    ) => linalg_matrix_rank(A, tol, zeros([], { dtype: float64 }), hermitian),
    "linalg_matrix_rank(Tensor input, double tol, bool hermitian=False, *, Tensor out=None) -> Tensor": (
      A,
      tol,
      hermitian,
    ) => linalg_matrix_rank(A, tol, 0, hermitian),
    "linalg_lstsq(Tensor input, Tensor b, double? rcond=None, *, c10::string_view? driver=None, TensorList[4] out=None) -> (Tensor solution, Tensor residuals, Tensor rank, Tensor singular_values)":
      linalg_lstsq,
    "linalg_matrix_exp(Tensor input) -> Tensor": linalg_matrix_exp,
  },
  {
    publicNames: {
      linalg_norm: "norm",
      linalg_matrix_norm: "matrix_norm",
      linalg_cond: "cond",
      linalg_pinv: "pinv",
      linalg_matrix_rank: "matrix_rank",
      linalg_lstsq: "lstsq",
      linalg_matrix_exp: "matrix_exp",
    },
  },
);

defineOps(
  "torch",
  {
    "pinverse(Tensor input, double rcond=1e-15) -> Tensor": pinverse,
    "matrix_exp(Tensor input) -> Tensor": linalg_matrix_exp,
  },
  { methods: true },
);

defineOps("torch", {
  "nuclear_norm(Tensor input, IntArrayRef[2] dim, bool keepdim=False, *, Tensor out=None) -> Tensor":
    nuclear_norm,
  "nuclear_norm(Tensor input, bool keepdim=False, *, Tensor out=None) -> Tensor": (
    input: Tensor,
    keepdim: boolean,
  ) => nuclear_norm(input, null, keepdim),
});

definePython("torch", {
  "lstsq(input: Tensor, A: Tensor, *, out=None) -> Tensor[]": () => removed("lstsq"),
  "matrix_rank(input, tol=None, symmetric=False, *, out=None) -> Tensor": () => removed("matrix_rank"),
});
definePython("Tensor", {
  "Tensor.lstsq(other)": () => removed("lstsq"),
});
