// Derivatives of src/ops/index_put.ts (advanced indexing) and of src/ops/subscript.ts's alias. The saved
// indices are the expanded ones (masks as their nonzero() columns, all broadcast), which index the same
// elements as the indices the op was given.
import { derivative } from "../../autograd/derivative.js";
import { zeros, zeros_like } from "../../tensor/creation.js";
import type { Shape } from "../../tensor/shape.js";
import { index, index_put, type OptionalIndices } from "../index_put.js";

export const INDEX_PUT_DERIVATIVES = {
  IndexBackward0: derivative<{ selfShape: Shape; indices: OptionalIndices }>({
    self: [
      "index_backward(grad.new_zeros(self.sizes()), indices, grad)",
      (g, s) => index_put(zeros([...s.selfShape], { dtype: g.dtype }), s.indices, g, true),
    ],
  }),
  IndexPutBackward0: derivative<{ indices: OptionalIndices; accumulate: boolean }>({
    self: [
      "accumulate ? grad : grad.index_put(indices, zeros_like(values), false)",
      (g, s) => (s.accumulate ? g : index_put(g, s.indices, zeros_like(index(g, s.indices)), false)),
    ],
    values: ["grad.index(indices)", (g, s) => index(g, s.indices)],
  }),
  AliasBackward0: derivative<object>({ self: ["grad", (g) => g] }),
};
