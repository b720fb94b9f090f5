// Derivatives of src/ops/combinatorics.ts: block_diag (the other ops there are composites and record their parts'
// rows). The formula as derivatives.yaml writes it, then in tensor ops.
import { derivative } from "../../autograd/derivative.js";
import { zeros } from "../../tensor/creation.js";
import type { Shape } from "../../tensor/shape.js";
import type { Tensor } from "../../tensor/tensor.js";
import { slice, squeeze } from "../shape.js";

/** block_diag_backward: each input's block sliced out of grad, squeezed back to a vector's or a scalar's dims. */
function blockDiagBackward(g: Tensor, sizes: readonly Shape[]): Tensor[] {
  let row = 0;
  let col = 0;
  return sizes.map((shape) => {
    if (shape.length === 1 && shape[0] === 0) return zeros([0], { dtype: g.dtype });
    const h = shape.length === 2 ? shape[0] : 1;
    const w = shape.length === 2 ? shape[1] : shape.length === 1 ? shape[0] : 1;
    let block = slice(slice(g, 0, row, row + h), 1, col, col + w);
    if (shape.length === 1) block = squeeze(block, -1);
    else if (shape.length === 0) block = squeeze(squeeze(block, -1), -1);
    row += h;
    col += w;
    return block;
  });
}

export const COMBINATORICS_DERIVATIVES = {
  BlockDiagBackward0: derivative<{ sizes: Shape[] }>({
    "tensors[]": [
      "block_diag_backward(grad, to_args_sizes(tensors), to_args_scalartypes(tensors))",
      (g, s) => blockDiagBackward(g, s.sizes),
    ],
  }),
};
