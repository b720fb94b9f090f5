// Inputs the linalg tables build from their random samples, the same way in TypeScript as their `py` does in
// PyTorch: well-conditioned square matrices, symmetric and positive-definite ones, and sign-normalised
// singular / eigenvectors (unique only up to sign, which LAPACK builds choose differently).
import * as torch from "../../../src/index.js";
import type { OpCase } from "../op_case.js";

/** a + c I (py: `a + c * torch.eye(n, dtype=a.dtype)`). */
export function shifted(a: torch.Tensor, c: number): torch.Tensor {
  const n = a.shape[a.ndim - 1];
  const values = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? c : 0)));
  return a.add(torch.tensor(values, { dtype: a.dtype }));
}

/** py: `(a + c * torch.eye(n, dtype=a.dtype))`. */
export const pyShifted = (a: string, n: number, c: number) =>
  `(${a} + ${c} * torch.eye(${n}, dtype=${a}.dtype))`;

/** Columns multiplied by the sign of their first entry (py: `x * x[..., :1, :].sign()`). */
export const columnSigns = (x: torch.Tensor) => x.mul(x.narrow(-2, 0, 1).sign());
/** Rows multiplied by the sign of their first entry (py: `x * x[..., :, :1].sign()`). */
export const rowSigns = (x: torch.Tensor) => x.mul(x.narrow(-1, 0, 1).sign());
export const pyColumnSigns = (x: string) => `(lambda x: x * x[..., :1, :].sign())(${x})`;
export const pyRowSigns = (x: string) => `(lambda x: x * x[..., :, :1].sign())(${x})`;

/** LAPACK runs in float32 in PyTorch and in float64 here: float32 results agree to rounding, times the condition. */
export const TOL32 = { ulps: 512, atol: 2e-5 } satisfies Partial<OpCase>;
export const TOL64 = { ulps: 1e4, atol: 1e-10 } satisfies Partial<OpCase>;

export const d64 = (...shape: number[]) => ({ shape, dtype: "float64" as const });
