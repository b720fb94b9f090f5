// Householder products and symmetric-indefinite factorizations: torch.geqrf, torch.linalg.householder_product
// (torch.orgqr), torch.ormqr, torch.linalg.ldl_factor / ldl_factor_ex / ldl_solve, and the two reshaping
// solvers torch.linalg.tensorinv / tensorsolve. geqrf and orgqr run on the backend's Lapack, ormqr, sytrf and
// sytrs on its Householder routines (src/backend/js/householder.ts, or LAPACK's through the native addon).
// Derivatives: LinalgHouseholderProductBackward0 (src/ops/derivatives/linalg_householder.ts); geqrf and ormqr
// record PyTorch's not_implemented nodes, the ldl ops its NotImplemented node.
import { backend } from "../backend/backend.js";
import { jsHouseholder, type Householder } from "../backend/js/householder.js";
import { IndexError, RuntimeError } from "../errors.js";
import { Category, float32, int32, type DType } from "../tensor/dtype.js";
import { numel } from "../tensor/shape.js";
import type { Tensor } from "../tensor/tensor.js";
import { defineOps } from "../signatures/registry.js";
import { needsGraph, recordOutputs } from "./core.js";
import { linalg_inv_ex } from "./linalg_inv.js";
import { linalg_solve } from "./linalg_lu.js";
import {
  batchOf,
  broadcastBatch,
  checkFloating,
  checkMatrix,
  checkSquare,
  firstFailure,
  columnMajor,
  fromF64,
  fromInt32,
  lapack,
  named,
  toF64,
  type Named,
} from "./linalg_common.js";
import { defineOutCheck, defineOutDtypes } from "./out.js";
import { flatten, movedim, reshape } from "./shape.js";

/** The backend's Householder routines for `dtype` (the TypeScript ports where it has none). */
function householder(dtype: DType): Householder {
  const routines = backend().householder ?? jsHouseholder;
  return dtype === float32 && routines.float32 ? routines.float32 : routines;
}

const sizes = (shape: readonly number[]) => `[${shape.join(", ")}]`;
const sameShape = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((v, i) => v === b[i]);

function checkKernelDtype(kernel: string, x: Tensor): void {
  if (x.dtype.category !== Category.Floating)
    throw new RuntimeError(`"${kernel}" not implemented for '${x.dtype.scalarTypeName}'`);
}

// ---- geqrf ----

export function geqrf(input: Tensor): Named<"a" | "tau"> {
  if (input.ndim < 2) throw new RuntimeError("torch.geqrf: input must have at least 2 dimensions.");
  checkKernelDtype("geqrf_cpu", input);
  const [m, n] = input.shape.slice(-2);
  const k = Math.min(m, n);
  const { batchShape, count } = batchOf(input);
  const a = toF64(input);
  const tau = input.numel() === 0 ? new Float64Array(0) : lapack(input.dtype).geqrf(a, count, m, n);
  const A = columnMajor(fromF64(a, input.shape, input.dtype));
  const T = fromF64(tau, [...batchShape, k], input.dtype);
  return named(
    "geqrf",
    ["a", "tau"],
    recordOutputs("GeqrfBackward0", [input], [A, T], () => ({})),
  );
}

// ---- householder_product / orgqr ----

function checkHouseholderProduct(input: Tensor, tau: Tensor): void {
  const fn = "torch.linalg.householder_product";
  if (input.ndim < 2) throw new RuntimeError(`${fn}: input must have at least 2 dimensions.`);
  const [m, n] = input.shape.slice(-2);
  if (m < n)
    throw new RuntimeError(`${fn}: input.shape[-2] must be greater than or equal to input.shape[-1]`);
  if (n < tau.shape[tau.ndim - 1])
    throw new RuntimeError(`${fn}: input.shape[-1] must be greater than or equal to tau.shape[-1]`);
  if (input.ndim - tau.ndim !== 1)
    throw new RuntimeError(
      `${fn}: Expected tau to have one dimension less than input, but got tau.ndim equal to ${tau.ndim} and input.ndim is equal to ${input.ndim}`,
    );
  const tauBatch = tau.shape.slice(0, -1);
  if (input.ndim > 2 && !sameShape(tauBatch, input.shape.slice(0, -2)))
    throw new RuntimeError(
      `${fn}: Expected batch dimensions of tau to be equal to input.shape[:-2], but got ${sizes(tauBatch)}`,
    );
  if (tau.dtype !== input.dtype)
    throw new RuntimeError(
      `${fn}: tau dtype ${tau.dtype.scalarTypeName} does not match input dtype ${input.dtype.scalarTypeName}`,
    );
  checkKernelDtype("orgqr_cpu", input);
}

/** Q's first n columns, Q = H(1)...H(k) from the reflectors below input's diagonal, without a graph. */
export function householderValues(input: Tensor, tau: Tensor): Tensor {
  const [m, n] = input.shape.slice(-2);
  const k = tau.shape[tau.ndim - 1];
  const { count } = batchOf(input);
  const a = toF64(input);
  if (input.numel() > 0) lapack(input.dtype).orgqr(a, toF64(tau), count, m, n, k);
  return fromF64(a, input.shape, input.dtype);
}

export function linalg_householder_product(input: Tensor, tau: Tensor): Tensor {
  checkHouseholderProduct(input, tau);
  const result = householderValues(input, tau);
  return recordOutputs("LinalgHouseholderProductBackward0", [input, tau], [result], () => ({
    input,
    tau,
  }))[0];
}

// ---- ormqr ----

function checkOrmqr(input: Tensor, tau: Tensor, other: Tensor, left: boolean): void {
  const fn = "torch.ormqr";
  if (input.ndim < 2) throw new RuntimeError(`${fn}: input must have at least 2 dimensions.`);
  if (other.ndim < 2) throw new RuntimeError(`${fn}: other must have at least 2 dimensions.`);
  const side = left ? -2 : -1;
  const size = other.shape[other.ndim + side];
  const k = tau.shape[tau.ndim - 1];
  if (size < k)
    throw new RuntimeError(`${fn}: other.shape[${side}] must be greater than or equal to tau.shape[-1]`);
  if (size !== input.shape[input.ndim - 2])
    throw new RuntimeError(`${fn}: other.shape[${side}] must be equal to input.shape[-2]`);
  if (k > input.shape[input.ndim - 1])
    throw new RuntimeError(`${fn}: tau.shape[-1] must be less than or equal to input.shape[-1]`);
  if (input.ndim - tau.ndim !== 1)
    throw new RuntimeError(
      `${fn}: Expected tau to have one dimension less than input, but got tau.ndim equal to ${tau.ndim} and input.ndim is equal to ${input.ndim}`,
    );
  if (input.ndim !== other.ndim)
    throw new RuntimeError(
      `${fn}: Expected other to have the same number of dimensions as input, but got other.ndim equal to ${other.ndim} and input.ndim is equal to ${input.ndim}`,
    );
  if (input.ndim > 2) {
    const batch = input.shape.slice(0, -2);
    for (const [name, x, drop] of [
      ["tau", tau, 1],
      ["other", other, 2],
    ] as const) {
      const got = x.shape.slice(0, x.ndim - drop);
      if (!sameShape(got, batch))
        throw new RuntimeError(
          `${fn}: Expected batch dimensions of ${name} to be equal to input.shape[:-2], but got ${sizes(got)}`,
        );
    }
  }
  for (const [name, x] of [
    ["tau", tau],
    ["other", other],
  ] as const)
    if (x.dtype !== input.dtype)
      throw new RuntimeError(
        `${fn}: Expected input and ${name} to have the same dtype, but input has dtype${input.dtype.scalarTypeName} and ${name} has dtype ${x.dtype.scalarTypeName}`,
      );
  checkKernelDtype("ormqr_cpu", input);
}

export function ormqr(input: Tensor, input2: Tensor, input3: Tensor, left = true, transpose = false): Tensor {
  checkOrmqr(input, input2, input3, left);
  const [m, n] = input.shape.slice(-2);
  const k = input2.shape[input2.ndim - 1];
  const [rows, cols] = input3.shape.slice(-2);
  const { count } = batchOf(input);
  const c = toF64(input3);
  if (input3.numel() > 0 && k > 0)
    householder(input.dtype).ormqr(
      toF64(input),
      toF64(input2),
      c,
      count,
      m,
      n,
      k,
      rows,
      cols,
      left,
      transpose,
    );
  const result = fromF64(c, input3.shape, input.dtype);
  return recordOutputs("OrmqrBackward0", [input, input2, input3], [result], () => ({}))[0];
}

// ---- ldl_factor / ldl_solve ----

/** PyTorch's NotImplemented node over the inputs that need a gradient (its backward raises for any). */
function notImplemented(op: string, inputs: Tensor[], outputs: Tensor[]): Tensor[] {
  const needing = inputs.filter((t) => needsGraph([t]));
  return recordOutputs("NotImplemented", needing, outputs, () => ({ op }));
}

export function linalg_ldl_factor_ex(
  input: Tensor,
  hermitian = false,
  check_errors = false,
  fn = "torch.linalg.ldl_factor_ex",
): Named<"LD" | "pivots" | "info"> {
  void hermitian; // real inputs: sytrf and hetrf are the same factorization
  const api = "torch.linalg.ldl_factor_ex";
  checkMatrix(api, input);
  checkSquare(api, input);
  checkFloating(api, input);
  const n = input.shape[input.ndim - 1];
  const { batchShape, count } = batchOf(input);
  const a = toF64(input);
  const { pivots, info } =
    count * n === 0
      ? { pivots: new Int32Array(0), info: new Int32Array(count) }
      : householder(input.dtype).sytrf(a, count, n);
  for (let t = 0; t < count; t++)
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) a[t * n * n + i * n + j] = 0;
  if (check_errors) {
    const failed = firstFailure(info);
    if (failed)
      throw new RuntimeError(
        `false INTERNAL ASSERT FAILED at "./aten/src/ATen/native/BatchLinearAlgebra.cpp":1491, please report a bug to PyTorch. ${fn}: Unknown error code: ${failed[1]}.`,
      );
  }
  const LD = notImplemented("linalg_ldl_factor_ex", [input], [fromF64(a, input.shape, input.dtype)])[0];
  return named(
    "linalg_ldl_factor_ex",
    ["LD", "pivots", "info"],
    [LD, fromInt32(pivots, [...batchShape, n]), fromInt32(info, batchShape)],
  );
}

export function linalg_ldl_factor(input: Tensor, hermitian = false): Named<"LD" | "pivots"> {
  const [LD, pivots] = linalg_ldl_factor_ex(input, hermitian, true, "torch.linalg.ldl_factor");
  return named("linalg_ldl_factor", ["LD", "pivots"], [LD, pivots]);
}

function checkLdlSolve(LD: Tensor, pivots: Tensor, B: Tensor): void {
  const fn = "torch.linalg.ldl_solve";
  checkMatrix(fn, LD);
  checkSquare(fn, LD);
  checkFloating(fn, LD);
  if (B.ndim < 2)
    throw new IndexError(
      `Dimension out of range (expected to be in range of [${-B.ndim}, ${B.ndim - 1}], but got -2)`,
    );
  if (B.dtype !== LD.dtype)
    throw new RuntimeError(
      `Expected b and A to have the same dtype, but found b of type ${B.dtype.scalarTypeName} and A of type ${LD.dtype.scalarTypeName} instead.`,
    );
  const n = LD.shape[LD.ndim - 1];
  const [rows, cols] = B.shape.slice(-2);
  if (rows !== n)
    throw new RuntimeError(
      `Incompatible matrix sizes for ${fn}: each A matrix is ${n} by ${n} but each b matrix is ${rows} by ${cols}`,
    );
  if (!sameShape(pivots.shape, LD.shape.slice(0, -1)))
    throw new RuntimeError(
      `${fn}: Expected LD.shape[:-1] and pivots.shape to be the same, but got pivots with shape ${sizes(pivots.shape)} instead`,
    );
  if (pivots.dtype.category !== Category.Integral)
    throw new RuntimeError(`${fn}: Expected pivots to be integers. Got ${pivots.dtype.scalarTypeName}`);
}

export function linalg_ldl_solve(LD: Tensor, pivots: Tensor, B: Tensor, hermitian = false): Tensor {
  void hermitian;
  checkLdlSolve(LD, pivots, B);
  const n = LD.shape[LD.ndim - 1];
  const nrhs = B.shape[B.ndim - 1];
  const batch = broadcastBatch(LD, B);
  const count = numel(batch);
  const b = toF64(B, [...batch, n, nrhs]);
  if (count * n * nrhs > 0) {
    const a = toF64(LD, [...batch, n, n]);
    const p = Int32Array.from(toF64(pivots, [...batch, n]));
    householder(LD.dtype).sytrs(a, p, b, count, n, nrhs);
  }
  const result = fromF64(b, [...batch, n, nrhs], LD.dtype);
  return notImplemented("linalg_ldl_solve", [LD, B], [result])[0];
}

// ---- tensorinv / tensorsolve ----

export function linalg_tensorinv(input: Tensor, ind = 2): Tensor {
  if (ind <= 0) throw new RuntimeError(`Expected a strictly positive integer for 'ind', but got ${ind}`);
  const end = input.shape.slice(ind);
  const start = input.shape.slice(0, ind);
  const prodEnd = numel(end);
  const prodStart = numel(start);
  if (prodEnd !== prodStart)
    throw new RuntimeError(
      `Expected self to satisfy the requirement prod(self.shape[ind:]) == prod(self.shape[:ind]), but got ${prodEnd} != ${prodStart}`,
    );
  const inverse = linalg_inv_ex(reshape(input, [prodEnd, prodEnd]), true, "inv")[0];
  return reshape(inverse, [...end, ...start]);
}

export function linalg_tensorsolve(input: Tensor, other: Tensor, dims: number[] | null = null): Tensor {
  const ndim = input.ndim;
  let self = input;
  if (dims !== null) {
    const dest = dims.map((_, i) => ndim - dims.length + i);
    self = movedim(self, dims, dest);
  }
  const resultShape = self.shape.slice(other.ndim, ndim);
  const resultProduct = numel(resultShape);
  const otherProduct = numel(other.shape);
  if (resultProduct !== otherProduct)
    throw new RuntimeError(
      `Expected self to satisfy the requirement prod(self.shape[other.ndim:]) == prod(self.shape[:other.ndim]), but got ${resultProduct} != ${otherProduct}`,
    );
  self = reshape(self, [resultProduct, resultProduct]);
  return reshape(linalg_solve(self, flatten(other)), resultShape);
}

defineOps(
  "torch.linalg",
  {
    "linalg_householder_product(Tensor input, Tensor tau, *, Tensor out=None) -> Tensor":
      linalg_householder_product,
    "linalg_ldl_factor_ex(Tensor input, *, bool hermitian=False, bool check_errors=False, TensorList[3] out=None) -> (Tensor LD, Tensor pivots, Tensor info)":
      (input: Tensor, hermitian: boolean, check_errors: boolean) =>
        linalg_ldl_factor_ex(input, hermitian, check_errors),
    "linalg_ldl_factor(Tensor input, *, bool hermitian=False, TensorList[2] out=None) -> (Tensor LD, Tensor pivots)":
      linalg_ldl_factor,
    "linalg_ldl_solve(Tensor LD, Tensor pivots, Tensor B, *, bool hermitian=False, Tensor out=None) -> Tensor":
      linalg_ldl_solve,
    "linalg_tensorinv(Tensor input, int64_t ind=2, *, Tensor out=None) -> Tensor": linalg_tensorinv,
    "linalg_tensorsolve(Tensor input, Tensor other, IntArrayRef? dims=None, *, Tensor out=None) -> Tensor":
      linalg_tensorsolve,
  },
  {
    publicNames: {
      linalg_householder_product: "householder_product",
      linalg_ldl_factor_ex: "ldl_factor_ex",
      linalg_ldl_factor: "ldl_factor",
      linalg_ldl_solve: "ldl_solve",
      linalg_tensorinv: "tensorinv",
      linalg_tensorsolve: "tensorsolve",
    },
  },
);

defineOps(
  "torch",
  {
    "geqrf(Tensor input, *, TensorList[2] out=None) -> (Tensor a, Tensor tau)": geqrf,
    "orgqr(Tensor input, Tensor input2, *, Tensor out=None) -> Tensor": linalg_householder_product,
    "ormqr(Tensor input, Tensor input2, Tensor input3, bool left=True, bool transpose=False, *, Tensor out=None) -> Tensor":
      ormqr,
  },
  { methods: true },
);

// out=: the ldl ops are structured kernels (exact dtypes); ormqr checks its result's dtype itself.
const dtypeOf = (args: readonly unknown[]) => (args[0] as Tensor).dtype;
defineOutDtypes(["linalg_ldl_factor_ex"], (args) => [dtypeOf(args), int32, int32]);
defineOutDtypes(["linalg_ldl_factor"], (args) => [dtypeOf(args), int32]);
defineOutDtypes(["linalg_ldl_solve"], (args) => [dtypeOf(args)]);
defineOutCheck(["ormqr"], (out, args) => {
  const input = args[0] as Tensor;
  const result = out as Tensor;
  if (result.dtype !== input.dtype)
    throw new RuntimeError(
      `torch.ormqr: Expected input and result to have the same dtype, but input has dtype${input.dtype.scalarTypeName} and result has dtype ${result.dtype.scalarTypeName}`,
    );
});
