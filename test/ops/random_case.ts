// The type of test/ops/random_cases.ts's rows, and helpers for writing them. `py` is Python statements run after
// torch.manual_seed(seed) that assign `out` (and optionally `grads`); `ts` does the same in TypeScript and returns
// out, or { out, grads }.
import * as torch from "../../src/index.js";
import type { Tensor } from "../../src/index.js";

export interface RandomCase {
  name: string;
  py: string;
  ts: () => unknown;
  seed?: number;
  /** Also compare out's version counter (in-place shape methods bump it; resize_ does not). */
  version?: boolean;
}

export const f32 = (v: number[] | number[][]) => torch.tensor(v);
export const f64 = (v: number[] | number[][]) => torch.tensor(v, { dtype: torch.float64 });
export const leaf = (t: Tensor) => t.requires_grad_();

/** out = op(inputs...); out.sum().backward(); grads = the inputs' grads: the zero derivative rows. */
export const withGrads = (out: Tensor, inputs: Tensor[]) => {
  out.sum().backward();
  return { out, grads: inputs.map((t) => t.grad) };
};
