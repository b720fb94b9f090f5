// Derivatives of src/ops/nn_unpool.ts: max unpooling's gradient reads grad back at each input's index
// (max_pool_double_backward: a gather, itself differentiable).
import { derivative } from "../../autograd/derivative.js";
import { gather } from "../indexing.js";
import type { MaxUnpoolSaved } from "../nn_unpool.js";
import { reshape } from "../shape.js";

/** max_pool_double_backward(grad, indices, dims): grad read at each index of its output plane. */
const unpoolRow = (dims: 2 | 3) =>
  derivative<MaxUnpoolSaved>({
    self: [
      `max_pool_double_backward(grad, indices, ${dims})`,
      (g, s) => {
        const planes = s.indices.shape.slice(0, -dims).reduce((a, b) => a * b, 1);
        const picked = gather(reshape(g, [planes, -1]), 1, reshape(s.indices, [planes, -1]));
        return reshape(picked, s.indices.shape);
      },
    ],
    indices: null,
  });

export const NN_UNPOOL_DERIVATIVES = {
  MaxUnpool2DBackward0: unpoolRow(2),
  MaxUnpool3DBackward0: unpoolRow(3),
};
