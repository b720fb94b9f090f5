// Op table rows: F.max_unpool2d (src/ops/nn_unpool.ts), its indices from max_pool2d over a second input (windows
// that do not overlap: a repeated index keeps one value, which finite differences cannot check).
import * as torch from "../../../src/index.js";
import { f, f64, noGrad, type OpCase } from "../op_case.js";

const F = torch.nn.functional;

/** max_pool2d's indices for `a`, as the pair F.max_pool2d returns with return_indices. */
const indicesOf = (a: torch.Tensor, ...pool: Parameters<typeof F.max_pool2d>[1][]) =>
  (F.max_pool2d(a, pool[0], pool[1] ?? null, pool[2] ?? 0, 1, false, true) as unknown as torch.Tensor[])[1];

export const NN_UNPOOL_OPS: OpCase[] = [
  {
    name: "max_unpool2d",
    py: "torch.nn.functional.max_unpool2d(b, torch.nn.functional.max_pool2d(a, 2, return_indices=True)[1], 2)",
    inputs: [noGrad(f(2, 3, 4, 6)), f(2, 3, 2, 3)],
    ts: (a, b) => F.max_unpool2d(b, indicesOf(a, 2), 2),
  },
  {
    name: "max_unpool2d.output_size_padding",
    py: "torch.nn.functional.max_unpool2d(b, torch.nn.functional.max_pool2d(a, 2, 2, 1, return_indices=True)[1], 2, 2, 1, output_size=(1, 2, 6, 5))",
    inputs: [noGrad(f(1, 2, 6, 5)), f(1, 2, 4, 3)],
    ts: (a, b) => F.max_unpool2d(b, indicesOf(a, 2, 2, 1), 2, 2, 1, [1, 2, 6, 5]),
  },
  {
    name: "max_unpool2d.unbatched_float64",
    py: "torch.nn.functional.max_unpool2d(b, torch.nn.functional.max_pool2d(a, (2, 1), return_indices=True)[1], (2, 1), output_size=(5, 3))",
    inputs: [noGrad(f64(2, 4, 3)), f64(2, 2, 3)],
    ts: (a, b) => F.max_unpool2d(b, indicesOf(a, [2, 1]), [2, 1], { output_size: [5, 3] }),
  },
];
