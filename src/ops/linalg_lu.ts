// torch.linalg's LU family: lu_factor(_ex), lu, lu_unpack, lu_solve, solve(_ex), and the torch.* names 1.13
// keeps for them (lu, _lu_with_info, lu_unpack, lu_solve). Each factors with getrf (partial pivoting, LAPACK's
// 1-based int32 pivots) and records PyTorch's node (LinalgLuFactorExBackward0, LinalgSolveExBackward0, ...).
import { no_grad } from "../autograd/grad_mode.js";
import { RuntimeError } from "../errors.js";
import { Category, int32, type DType } from "../tensor/dtype.js";
import { numel, type Shape } from "../tensor/shape.js";
import type { Tensor } from "../tensor/tensor.js";
import { checkNotDifferentiable } from "./nn_losses.js";
import { bindPython } from "../signatures/bind.js";
import { defineOps, definePython, publicFunction } from "../signatures/registry.js";
import { parseSignature } from "../signatures/schema.js";
import { record, recordOutputs } from "./core.js";
import { writeOut } from "./out.js";
import { squeeze, unsqueeze } from "./shape.js";
import {
  batchOf,
  batchPrefix,
  broadcastBatch,
  checkFloating,
  checkMatrix,
  checkSquare,
  firstFailure,
  columnMajor,
  fromF64,
  fromInt32,
  LinAlgError,
  lapack,
  mT,
  named,
  toF64,
  warnOnce,
  type Named,
} from "./linalg_common.js";
import { renamed } from "./reduce_util.js";

// ---- kernels on float64 copies ----

/** LU of A's matrices: the factors, pivots and info as LAPACK returns them. */
export function factor(A: Tensor): { lu: Float64Array; pivots: Int32Array; info: Int32Array } {
  const [m, n] = A.shape.slice(-2);
  const lu = toF64(A);
  const { pivots, info } = lapack(A.dtype).getrf(lu, batchOf(A).count, m, n);
  return { lu, pivots, info };
}

/** Row interchanges of getrf's pivots applied to b's rows (forward), or undone (reverse). */
function permuteRows(
  b: Float64Array,
  pivots: Int32Array,
  batch: number,
  n: number,
  cols: number,
  reverse: boolean,
): void {
  const k = pivots.length / batch;
  for (let t = 0; t < batch; t++) {
    const o = t * n * cols;
    for (let s = 0; s < k; s++) {
      const i = reverse ? k - 1 - s : s;
      const p = pivots[t * k + i] - 1;
      if (p === i) continue;
      for (let c = 0; c < cols; c++) {
        const x = b[o + i * cols + c];
        b[o + i * cols + c] = b[o + p * cols + c];
        b[o + p * cols + c] = x;
      }
    }
  }
}

/** Solves A X = B (or A^T X = B) in place in b [batch, n, cols] from A = P L U, as getrs does in `dtype`. */
export function luSolveInPlace(
  lu: Float64Array,
  pivots: Int32Array,
  b: Float64Array,
  batch: number,
  n: number,
  cols: number,
  adjoint: boolean,
  dtype?: DType,
): void {
  const trsm = lapack(dtype).trsm;
  const flags = (upper: boolean, unit: boolean) => ({ left: true, upper, transpose: adjoint, unit });
  if (!adjoint) {
    permuteRows(b, pivots, batch, n, cols, false);
    trsm(lu, b, batch, n, n, cols, flags(false, true));
    trsm(lu, b, batch, n, n, cols, flags(true, false));
  } else {
    trsm(lu, b, batch, n, n, cols, flags(true, false));
    trsm(lu, b, batch, n, n, cols, flags(false, true));
    permuteRows(b, pivots, batch, n, cols, true);
  }
}

/** The permutation matrices P of A = P L U ([batch, m, m]) from getrf's pivots. */
function permutationOf(pivots: Int32Array, batch: number, m: number): Float64Array {
  const k = pivots.length / Math.max(batch, 1);
  const p = new Float64Array(batch * m * m);
  const perm = new Int32Array(m);
  for (let t = 0; t < batch; t++) {
    for (let i = 0; i < m; i++) perm[i] = i;
    for (let i = 0; i < k; i++) {
      const j = pivots[t * k + i] - 1;
      [perm[i], perm[j]] = [perm[j], perm[i]];
    }
    for (let i = 0; i < m; i++) p[t * m * m + perm[i] * m + i] = 1;
  }
  return p;
}

// ---- lu_factor, lu, lu_unpack ----

export function linalg_lu_factor_ex(
  A: Tensor,
  pivot = true,
  check_errors = false,
  fn = "torch.linalg.lu_factor_ex",
): Named<"LU" | "pivots" | "info"> {
  if (A.ndim < 2) {
    throw new RuntimeError(
      `torch.lu_factor: Expected tensor with 2 or more dimensions. Got size: [${A.shape.join(", ")}] instead`,
    );
  }
  if (!pivot) throw new RuntimeError("linalg.lu_factor: LU without pivoting is not implemented on the CPU");
  if (A.dtype.category !== Category.Floating) {
    throw new RuntimeError(`"lu_cpu" not implemented for '${A.dtype.scalarTypeName}'`);
  }
  const [m, n] = A.shape.slice(-2);
  const { batchShape } = batchOf(A);
  const { lu, pivots, info } = factor(A);
  if (check_errors) {
    const failed = firstFailure(info);
    if (failed) {
      throw new RuntimeError(
        `${fn}: ${batchPrefix(A, failed[0])}U[${failed[1]},${failed[1]}] is zero and using it on lu_solve would ` +
          "result in a division by zero. If you still want to perform the factorization, consider calling " +
          "linalg.lu(A, pivot) or linalg.lu_factor_ex(A, pivot)",
      );
    }
  }
  const LU = columnMajor(fromF64(lu, A.shape, A.dtype));
  const pivotsT = fromInt32(pivots, [...batchShape, Math.min(m, n)]);
  const out = record("LinalgLuFactorExBackward0", [A], LU, () => ({ LU, pivots: pivotsT }));
  return named("linalg_lu_factor_ex", ["LU", "pivots", "info"], [out, pivotsT, fromInt32(info, batchShape)]);
}

export function linalg_lu_factor(A: Tensor, pivot = true): Named<"LU" | "pivots"> {
  const [LU, pivots] = linalg_lu_factor_ex(A, pivot, true, "torch.linalg.lu_factor");
  return named("linalg_lu_factor", ["LU", "pivots"], [LU, pivots]);
}

/** P, L, U from an LU factorisation (no graph). */
function unpack(
  lu: Float64Array,
  pivots: Int32Array,
  batchShape: number[],
  m: number,
  n: number,
  dtype: DType,
): [P: Tensor, L: Tensor, U: Tensor] {
  const k = Math.min(m, n);
  const batch = numel(batchShape);
  const l = new Float64Array(batch * m * k);
  const u = new Float64Array(batch * k * n);
  for (let t = 0; t < batch; t++)
    for (let i = 0; i < m; i++)
      for (let j = 0; j < n; j++) {
        const v = lu[t * m * n + i * n + j];
        if (j < k) l[t * m * k + i * k + j] = i === j ? 1 : i > j ? v : 0;
        if (i < k) u[t * k * n + i * n + j] = j >= i ? v : 0;
      }
  return [
    fromF64(permutationOf(pivots, batch, m), [...batchShape, m, m], dtype),
    fromF64(l, [...batchShape, m, k], dtype),
    fromF64(u, [...batchShape, k, n], dtype),
  ];
}

export function linalg_lu(A: Tensor, pivot = true): Named<"P" | "L" | "U"> {
  if (A.ndim < 2) {
    throw new RuntimeError(
      `linalg.lu: Expected tensor with 2 or more dimensions. Got size: [${A.shape.join(", ")}] instead`,
    );
  }
  if (!pivot) throw new RuntimeError("linalg.lu_factor: LU without pivoting is not implemented on the CPU");
  checkFloating("linalg.lu", A);
  const [m, n] = A.shape.slice(-2);
  const { lu, pivots } = factor(A);
  const [P, L, U] = unpack(lu, pivots, batchOf(A).batchShape, m, n, A.dtype);
  const [l, u] = recordOutputs("LinalgLuBackward0", [A], [L, U], () => ({ P, L, U, pivot }));
  return named("linalg_lu", ["P", "L", "U"], [P, l, u]);
}

function checkPivots(fn: string, pivots: Tensor): void {
  if (pivots.dtype !== int32)
    throw new RuntimeError(`${fn}: pivots should be a Tensor of scalar type torch.int32`);
}

export function lu_unpack(
  LU_data: Tensor,
  LU_pivots: Tensor,
  unpack_data = true,
  unpack_pivots = true,
): Named<"P" | "L" | "U"> {
  if (LU_data.ndim < 2) {
    throw new RuntimeError(
      `torch.lu_unpack: Expected tensor with 2 or more dimensions. Got size: [${LU_data.shape.join(", ")}] instead`,
    );
  }
  if (unpack_pivots && LU_pivots.dtype !== int32) {
    throw new RuntimeError(
      "torch.lu_unpack: LU_pivots is expected to be a contiguous tensor of torch.int32 dtype.\n" +
        "Note: this function is intended to be used with the output produced by torch.linalg.lu_factor",
    );
  }
  const [m, n] = LU_data.shape.slice(-2);
  const { batchShape } = batchOf(LU_data);
  const k = Math.min(m, n);
  const pivots = unpack_pivots
    ? Int32Array.from(LU_pivots.contiguous().values())
    : Int32Array.from({ length: numel(batchShape) * k }, (_, i) => (i % k) + 1);
  const [P, L, U] = unpack(toF64(LU_data), pivots, batchShape, m, n, LU_data.dtype);
  const empty = fromF64(new Float64Array(0), [0], LU_data.dtype);
  if (!unpack_data) return named("lu_unpack", ["P", "L", "U"], [unpack_pivots ? P : empty, empty, empty]);
  const [l, u] = recordOutputs("LuUnpackBackward0", [LU_data], [L, U], () => ({ m, n }));
  return named("lu_unpack", ["P", "L", "U"], [unpack_pivots ? P : empty, l, u]);
}

// ---- lu_solve, solve ----

/** "AX = B" or "XA = B", and the compatibility check of checkInputsSolver. */
function checkSolverShapes(fn: string, A: Tensor, B: Tensor, left: boolean): void {
  const [n] = A.shape.slice(-1);
  const [rows, cols] = B.shape.slice(-2);
  if (left ? rows !== n : cols !== n) {
    throw new RuntimeError(
      `${fn}: Incompatible shapes of A and B for the equation ${left ? "AX = B" : "XA = B"} (${A.shape.at(-2)}x${n} and ${rows}x${cols})`,
    );
  }
}

/** X with op(A) X = B (left) or X op(A) = B, from A's LU, B broadcast with A's batch. No graph. */
function luSolveValues(
  LU: Tensor,
  lu: Float64Array,
  pivots: Int32Array,
  B: Tensor,
  left: boolean,
  adjoint: boolean,
): Tensor {
  const n = LU.shape[LU.ndim - 1];
  const batchShape = broadcastBatch(LU, B);
  const batch = numel(batchShape);
  const [rows, cols] = B.shape.slice(-2);
  // X A = B is A^T X^T = B^T: a left solve on B^T with the adjoint flag flipped.
  const rhs = left ? B : mT(B);
  const k = left ? cols : rows;
  const b = toF64(rhs, [...batchShape, n, k]);
  const luBatch = batchOf(LU).count;
  const [luB, pivB] =
    luBatch === batch
      ? [lu, pivots]
      : [toF64(fromF64(lu, LU.shape, LU.dtype), [...batchShape, n, n]), expandPivots(pivots, LU, batchShape)];
  luSolveInPlace(luB, pivB, b, batch, n, k, left ? adjoint : !adjoint, B.dtype);
  const X = fromF64(b, [...batchShape, n, k], B.dtype);
  return left ? X : mT(X).contiguous();
}

function expandPivots(pivots: Int32Array, LU: Tensor, batchShape: Shape): Int32Array {
  const n = LU.shape[LU.ndim - 1];
  const t = fromInt32(pivots, [...LU.shape.slice(0, -2), n]).expand([...batchShape, n]);
  return Int32Array.from(t.contiguous().values());
}

export function linalg_lu_solve(LU: Tensor, pivots: Tensor, B: Tensor, left = true, adjoint = false): Tensor {
  // VariableType's check of the non-differentiable pivots, then TORCH_META_FUNC(linalg_lu_solve)'s order:
  // dtypes, then shapes.
  checkNotDifferentiable("linalg_lu_solve", "pivots", pivots);
  checkFloating("torch.linalg.lu_solve", LU);
  if (LU.dtype !== B.dtype) {
    throw new RuntimeError(
      `linalg.lu_solve: Expected LU and B to have the same dtype, but found LU of type ${LU.dtype.scalarTypeName} and B of type ${B.dtype.scalarTypeName} instead`,
    );
  }
  checkPivots("linalg.lu_solve", pivots);
  checkSquare("torch.linalg.lu_solve", LU, "LU");
  checkMatrix("linalg.lu_solve", B, "B");
  checkSolverShapes("linalg.lu_solve", LU, B, left);
  if (pivots.ndim === 0 || LU.shape[LU.ndim - 1] !== pivots.shape[pivots.ndim - 1]) {
    throw new RuntimeError(
      "linalg.lu_solve: Number of pivots per batch should be same as the dimension of the matrix",
    );
  }
  const expected = LU.shape.slice(0, -1);
  if (pivots.ndim !== expected.length || pivots.shape.some((d, i) => d !== expected[i])) {
    throw new RuntimeError(
      `linalg.lu_solve: Expected LU.shape[:-1] and pivots.shape to be the same, but got pivots with shape [${pivots.shape.join(", ")}] instead`,
    );
  }
  const lu = toF64(LU);
  const piv = Int32Array.from(pivots.contiguous().values());
  // Column-major as getrs leaves it; with left=False PyTorch returns the .mH of the left solve, row-major.
  const solved = no_grad(() => luSolveValues(LU, lu, piv, B, left, adjoint));
  const result = left ? columnMajor(solved) : solved;
  return record("LinalgLuSolveBackward0", [LU, B], result, () => ({ LU, pivots, result, left, adjoint }));
}

/** linalg.solve's vector case: B is a vector (or a batch of them) rather than a matrix. */
export function isVectorRhs(A: Tensor, B: Tensor): boolean {
  return B.ndim === 1 || (B.ndim === A.ndim - 1 && B.shape.every((d, i) => d === A.shape[i]));
}

export function linalg_solve_ex(
  A: Tensor,
  B: Tensor,
  left = true,
  check_errors = false,
  fn = "linalg.solve_ex",
): Named<"result" | "info"> {
  checkFloating("linalg.solve", A);
  if (A.dtype !== B.dtype) {
    throw new RuntimeError(
      `linalg.solve: Expected A and B to have the same dtype, but found A of type ${A.dtype.scalarTypeName} and B of type ${B.dtype.scalarTypeName} instead`,
    );
  }
  const vectorCase = isVectorRhs(A, B);
  const B2 = vectorCase ? unsqueeze(B, left ? -1 : -2) : B;
  checkSquare("linalg.solve", A);
  checkMatrix("linalg.solve", B2, "B");
  checkSolverShapes("linalg.solve", A, B2, left);
  // _linalg_solve_ex_out factors a contiguous (row-major) A as A^T, which LAPACK reads without a copy, and
  // solves with the adjoint; the LU and pivots the backward row reuses are then A^T's.
  const useAT = A.is_contiguous();
  const { lu, pivots, info } = factor(useAT ? mT(A) : A);
  if (check_errors) {
    const failed = firstFailure(info);
    if (failed) {
      throw new LinAlgError(
        `torch.${fn}: ${batchPrefix(A, failed[0])}The solver failed because the input matrix is singular.`,
      );
    }
  }
  const X = no_grad(() => luSolveValues(A, lu, pivots, B2, left, useAT));
  // Column-major as LAPACK leaves it, a batch of vectors included (its last two dims, as PyTorch lays them
  // out); with left=False PyTorch solves A^H X^H = B^H and returns that result's .mH, which is row-major.
  const squeezed = vectorCase ? squeeze(X, left ? -1 : -2) : X;
  const result = left ? columnMajor(squeezed) : squeezed;
  const LU = fromF64(lu, A.shape, A.dtype);
  const pivotsT = fromInt32(pivots, A.shape.slice(0, -1));
  const out = record("LinalgSolveExBackward0", [A, B], result, () => ({
    A,
    result,
    LU,
    pivots: pivotsT,
    left,
    vectorCase,
    useAT,
  }));
  return named("linalg_solve_ex", ["result", "info"], [out, fromInt32(info, A.shape.slice(0, -2))]);
}

export function linalg_solve(A: Tensor, B: Tensor, left = true): Tensor {
  return linalg_solve_ex(A, B, left, true, "linalg.solve")[0];
}

// ---- deprecated torch.* names ----

const LU_DEPRECATED =
  "torch.lu is deprecated in favor of torch.linalg.lu_factor / torch.linalg.lu_factor_ex and will be removed " +
  "in a future PyTorch release.\nLU, pivots = torch.lu(A, compute_pivots)\nshould be replaced with\nLU, pivots = " +
  "torch.linalg.lu_factor(A, compute_pivots)\nand\nLU, pivots, info = torch.lu(A, compute_pivots, get_infos=True)\n" +
  "should be replaced with\nLU, pivots, info = torch.linalg.lu_factor_ex(A, compute_pivots) (Triggered internally " +
  "at  ./aten/src/ATen/native/BatchLinearAlgebra.cpp:1915.)";

/** torch._lu_with_info (deprecated): lu_factor_ex; 1.13 ignores check_errors, so singular input never raises. */
export function _lu_with_info(
  input: Tensor,
  pivot = true,
  check_errors = true,
): Named<"LU" | "pivots" | "info"> {
  void check_errors; // accepted and ignored, as in 1.13
  warnOnce(LU_DEPRECATED);
  return renamed("_lu_with_info", linalg_lu_factor_ex(input, pivot, false));
}

/**
 * torch.functional._lu_impl: torch._lu_with_info(A, pivot=pivot, check_errors=not get_infos), so its argument
 * errors are _lu_with_info's; (LU, pivots), and the infos too with get_infos.
 */
function luImpl(A: unknown, pivot: unknown, getInfos: unknown): Tensor[] {
  const luWithInfo = publicFunction("torch", "_lu_with_info") as (...args: unknown[]) => Tensor[];
  const [LU, pivots, infos] = luWithInfo(A, { pivot, check_errors: !getInfos });
  return getInfos ? [LU, pivots, infos] : [LU, pivots];
}

/** torch.lu's boolean_dispatch on get_infos (by keyword, else the third positional argument). */
const LU_TARGETS = ["_lu_no_infos", "_lu_with_infos"].map((name) =>
  parseSignature(
    `${name}(A: ~Tensor, pivot: ~bool = True, get_infos: ~bool = False, out=None) -> Tensor[]`,
    "python",
  ),
);

function luDispatch(args: unknown[], kwargs: Record<string, unknown>): Tensor[] {
  const getInfos = "get_infos" in kwargs ? kwargs.get_infos : args[2];
  const [A, pivot, infos, out] = bindPython(LU_TARGETS[getInfos ? 1 : 0], args, kwargs);
  const result = luImpl(A, pivot, infos);
  return out === null ? result : (writeOut(result, out) as Tensor[]);
}

const LU_SOLVE_DEPRECATED =
  "torch.lu_solve is deprecated in favor of torch.linalg.lu_solveand will be removed in a future PyTorch " +
  "release.\nNote that torch.linalg.lu_solve has its arguments reversed.\nX = torch.lu_solve(B, LU, pivots)\n" +
  "should be replaced with\nX = torch.linalg.lu_solve(LU, pivots, B) (Triggered internally at  " +
  "./aten/src/ATen/native/BatchLinearAlgebra.cpp:2072.)";

export function lu_solve(input: Tensor, LU_data: Tensor, LU_pivots: Tensor): Tensor {
  warnOnce(LU_SOLVE_DEPRECATED);
  return linalg_lu_solve(LU_data, LU_pivots, input);
}

defineOps(
  "torch.linalg",
  {
    "linalg_lu_factor(Tensor A, *, bool pivot=True, TensorList[2] out=None) -> (Tensor LU, Tensor pivots)":
      linalg_lu_factor,
    "linalg_lu_factor_ex(Tensor A, *, bool pivot=True, bool check_errors=False, TensorList[3] out=None) -> (Tensor LU, Tensor pivots, Tensor info)":
      (A, pivot, checkErrors) => linalg_lu_factor_ex(A, pivot, checkErrors),
    "linalg_lu(Tensor A, *, bool pivot=True, TensorList[3] out=None) -> (Tensor P, Tensor L, Tensor U)":
      linalg_lu,
    "linalg_lu_solve(Tensor LU, Tensor pivots, Tensor B, *, bool left=True, bool adjoint=False, Tensor out=None) -> Tensor":
      linalg_lu_solve,
    "linalg_solve(Tensor A, Tensor B, *, bool left=True, Tensor out=None) -> Tensor": linalg_solve,
    "linalg_solve_ex(Tensor A, Tensor B, *, bool left=True, bool check_errors=False, TensorList[2] out=None) -> (Tensor result, Tensor info)":
      (A, B, left, checkErrors) => linalg_solve_ex(A, B, left, checkErrors),
  },
  {
    publicNames: {
      linalg_lu_factor: "lu_factor",
      linalg_lu_factor_ex: "lu_factor_ex",
      linalg_lu: "lu",
      linalg_lu_solve: "lu_solve",
      linalg_solve: "solve",
      linalg_solve_ex: "solve_ex",
    },
  },
);

defineOps(
  "torch",
  {
    "lu_solve(Tensor input, Tensor LU_data, Tensor LU_pivots, *, Tensor out=None) -> Tensor": lu_solve,
  },
  { methods: true },
);

defineOps("torch", {
  "_lu_with_info(Tensor input, bool pivot=True, bool check_errors=True) -> (Tensor LU, Tensor pivots, Tensor info)":
    _lu_with_info,
  "lu_unpack(Tensor LU_data, Tensor LU_pivots, bool unpack_data=True, bool unpack_pivots=True, *, TensorList[3] out=None) -> (Tensor P, Tensor L, Tensor U)":
    lu_unpack,
});

definePython(
  "torch",
  { "_lu_no_infos(*args, **kwargs) -> Tensor[]": luDispatch },
  { publicNames: { _lu_no_infos: "lu" } },
);
definePython("Tensor", {
  "Tensor.lu(pivot: ~bool = True, get_infos: ~bool = False) -> Tensor[]": (
    self: Tensor,
    pivot: unknown,
    getInfos: unknown,
  ) => luImpl(self, pivot, getInfos),
});
