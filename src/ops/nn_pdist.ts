// torch.pdist / F.pdist(input, p=2): the p-norm distance between every pair of rows (i < j), in the order
// PyTorch's _pdist_forward writes them, recorded as PdistBackward0 (its row, _pdist_backward in tensor ops, is
// in derivatives/nn_pdist.ts). The values come from cdist's scalar loop over the same pairs (compute mode 2,
// never the matrix product): PyTorch's pdist kernel sums the same float32 terms in its vector lanes, so a
// value may differ from PyTorch's in its last bit or so.
import { no_grad } from "../autograd/grad_mode.js";
import { RuntimeError } from "../errors.js";
import { defineOps } from "../signatures/registry.js";
import { int64 } from "../tensor/dtype.js";
import type { Tensor } from "../tensor/tensor.js";
import { fromData, record } from "./core.js";
import { cdist } from "./products.js";

/** The row pairs (i, j), i < j, in result order: i ascending, then j. */
export function pdistPairs(n: number): [Tensor, Tensor] {
  const count = (n * (n - 1)) / 2;
  const [rows, cols] = [new Float64Array(count), new Float64Array(count)];
  let k = 0;
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      rows[k] = i;
      cols[k++] = j;
    }
  return [fromData(rows, [count], int64), fromData(cols, [count], int64)];
}

/** at::pdist(input, p): its checks, then _pdist_forward on the contiguous input. */
export function pdist(input: Tensor, p = 2): Tensor {
  if (input.ndim !== 2) throw new RuntimeError(`pdist only supports 2D tensors, got: ${input.ndim}D`);
  if (!input.dtype.is_floating_point) throw new RuntimeError("pdist only supports floating-point dtypes");
  if (!(p >= 0)) throw new RuntimeError("pdist only supports non-negative p values");
  const n = input.shape[0];
  const result = no_grad(() => {
    const x = input.detach().contiguous();
    if (n <= 1) return x.new_zeros([0]);
    const [rows, cols] = pdistPairs(n);
    const all = cdist(x, x, p, 2);
    return all
      .reshape([n * n])
      .index_select(0, rows.mul(n).add(cols))
      .detach();
  });
  return record("PdistBackward0", [input], result, () => ({ self: input, p, result }));
}

defineOps("torch", { "pdist(Tensor input, double p=2) -> Tensor": pdist });
defineOps("torch.nn.functional", { "pdist(Tensor input, double p=2) -> Tensor": pdist });
