// Op table rows for src/ops/unique.ts: torch.unique (sorted and in std::unordered_set's order, with NaNs, bools
// and along a dim) and torch.unique_consecutive. Each row checks one of the returned tensors.
import * as torch from "../../../src/index.js";
import { f, noGrad, type InputSpec, type OpCase } from "../op_case.js";

const i64 = (...shape: number[]): InputSpec => ({ shape, dtype: "int64" });
const f64 = (...shape: number[]): InputSpec => ({ shape, dtype: "float64", grad: false });
const bools = (...shape: number[]): InputSpec => ({ shape, dtype: "bool" });
const NAN_PY = "a.masked_fill(a > 0.5, float('nan'))";
const withNan = (a: torch.Tensor) => a.masked_fill(a.gt(0.5), NaN);
/** The i-th tensor of a result that is a tuple for these flags. */
const nth = (result: torch.Tensor | torch.Tensor[], i: number) => (result as torch.Tensor[])[i];

export const UNIQUE_OPS: OpCase[] = [
  { name: "unique", py: "torch.unique(a)", inputs: [i64(20)], ts: (a) => torch.unique(a) as torch.Tensor },
  {
    name: "unique.unsorted",
    py: "torch.unique(a, sorted=False)",
    inputs: [i64(30)],
    ts: (a) => torch.unique(a, { sorted: false }) as torch.Tensor,
  },
  {
    name: "unique.unsorted_many",
    py: "torch.unique((a * 1000).long(), sorted=False)",
    inputs: [noGrad(f(300))],
    ts: (a) => torch.unique(a.mul(1000).to(torch.int64), { sorted: false }) as torch.Tensor,
  },
  {
    name: "unique.float_unsorted",
    py: "torch.unique(a, sorted=False)",
    inputs: [noGrad(f(40))],
    ts: (a) => torch.unique(a, { sorted: false }) as torch.Tensor,
  },
  {
    name: "unique.float64_unsorted_counts",
    py: "torch.unique(a.round(), sorted=False, return_counts=True)[1]",
    inputs: [f64(30)],
    ts: (a) => nth(torch.unique(a.round(), { sorted: false, return_counts: true }), 1),
  },
  {
    name: "unique.nan",
    py: `torch.unique(${NAN_PY})`,
    inputs: [noGrad(f(20))],
    ts: (a) => torch.unique(withNan(a)) as torch.Tensor,
  },
  {
    name: "unique.nan_inverse",
    py: `torch.unique(${NAN_PY}, return_inverse=True)[1]`,
    inputs: [noGrad(f(20))],
    ts: (a) => nth(torch.unique(withNan(a), { return_inverse: true }), 1),
  },
  {
    name: "unique.nan_counts",
    py: `torch.unique(${NAN_PY}, sorted=False, return_inverse=True, return_counts=True)[2]`,
    inputs: [noGrad(f(20))],
    ts: (a) => nth(torch.unique(withNan(a), false, true, true), 2),
  },
  {
    name: "unique.inverse",
    py: "torch.unique(a, return_inverse=True)[1]",
    inputs: [i64(3, 5)],
    ts: (a) => nth(torch.unique(a, { return_inverse: true }), 1),
  },
  {
    name: "unique.counts",
    py: "torch.unique(a, sorted=False, return_counts=True)[1]",
    inputs: [i64(25)],
    ts: (a) => nth(torch.unique(a, { sorted: false, return_counts: true }), 1),
  },
  {
    name: "unique.bool",
    py: "torch.unique(a, sorted=False)",
    inputs: [bools(10)],
    ts: (a) => torch.unique(a, { sorted: false }) as torch.Tensor,
  },
  {
    name: "unique.bool_inverse",
    py: "torch.unique(a, return_inverse=True, return_counts=True)[1]",
    inputs: [bools(2, 5)],
    ts: (a) => nth(torch.unique(a, { return_inverse: true, return_counts: true }), 1),
  },
  {
    name: "unique.dim0",
    py: "torch.unique(a.repeat(2, 1), dim=0)",
    inputs: [i64(3, 2)],
    ts: (a) => torch.unique(a.repeat(2, 1), { dim: 0 }) as torch.Tensor,
  },
  {
    name: "unique.dim1_inverse",
    py: "torch.unique(a.repeat(1, 2), dim=1, return_inverse=True)[1]",
    inputs: [i64(2, 4)],
    ts: (a) => nth(torch.unique(a.repeat(1, 2), { dim: 1, return_inverse: true }), 1),
  },
  {
    name: "unique.dim_counts_float",
    py: "torch.unique(a.repeat(3, 1, 1), dim=-3, return_counts=True)[1]",
    inputs: [noGrad(f(2, 2))],
    ts: (a) => nth(torch.unique(a.repeat(3, 1, 1), { dim: -3, return_counts: true }), 1),
  },
  {
    name: "unique.method",
    py: "a.unique(False, True, True)[2]",
    inputs: [i64(12)],
    ts: (a) => nth(a.unique(false, true, true), 2),
  },
  {
    name: "unique_consecutive",
    py: "torch.unique_consecutive(a.clamp(-1, 1))",
    inputs: [i64(20)],
    ts: (a) => torch.unique_consecutive(a.clamp(-1, 1)) as torch.Tensor,
  },
  {
    name: "unique_consecutive.inverse",
    py: "torch.unique_consecutive(a.clamp(-1, 1), return_inverse=True)[1]",
    inputs: [i64(3, 6)],
    ts: (a) => nth(torch.unique_consecutive(a.clamp(-1, 1), { return_inverse: true }), 1),
  },
  {
    name: "unique_consecutive.counts_nan",
    py: `torch.unique_consecutive(a.masked_fill(a > 0, float('nan')), return_counts=True)[1]`,
    inputs: [noGrad(f(12))],
    ts: (a) => nth(torch.unique_consecutive(a.masked_fill(a.gt(0), NaN), { return_counts: true }), 1),
  },
  {
    name: "unique_consecutive.dim",
    py: "torch.unique_consecutive(a.clamp(-1, 1), dim=0)",
    inputs: [i64(8, 2)],
    ts: (a) => torch.unique_consecutive(a.clamp(-1, 1), { dim: 0 }) as torch.Tensor,
  },
  {
    name: "unique_consecutive.method_dim_counts",
    py: "a.clamp(-1, 1).unique_consecutive(return_counts=True, dim=1)[1]",
    inputs: [i64(1, 12)],
    ts: (a) => nth(a.clamp(-1, 1).unique_consecutive({ return_counts: true, dim: 1 }), 1),
  },
];
