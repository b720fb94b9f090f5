// Types and input helpers for the op tables in test/ops/tables/.
import type { Tensor } from "../../src/index.js";

export type Domain = "any" | "positive" | "nonzero" | "unit";

export interface InputSpec {
  shape: number[];
  dtype?: "float32" | "float64" | "int64" | "int32" | "bool";
  /** Where sample values come from: any real, (0.1, 2.1), |x| in (0.1, 2), or (-0.9, 0.9). */
  domain?: Domain;
  /** Whether the input requires grad (default: true for floating dtypes). */
  grad?: boolean;
}

export interface OpCase {
  name: string;
  py: string;
  inputs: InputSpec[];
  ts: (...x: Tensor[]) => Tensor;
  /** Skip the finite-difference check (e.g. piecewise-constant ops). */
  gradcheck?: boolean;
  /** false where PyTorch 1.13's double backward raises: gradgradcheck must raise too (test/autograd). */
  gradgradcheck?: boolean;
  /** Allowed float32 error in units in the last place (PyTorch's vectorised math isn't correctly rounded). */
  ulps?: number;
  /** Allowed absolute error besides the ulps: sums whose terms cancel (convolutions, normalized values near 0). */
  atol?: number;
}

export const f = (...shape: number[]): InputSpec => ({ shape });
export const f64 = (...shape: number[]): InputSpec => ({ shape, dtype: "float64" });
export const pos = (...shape: number[]): InputSpec => ({ shape, domain: "positive" });
export const nz = (...shape: number[]): InputSpec => ({ shape, domain: "nonzero" });
export const noGrad = (spec: InputSpec): InputSpec => ({ ...spec, grad: false });
