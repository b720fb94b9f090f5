// Derivatives of src/ops/nn_embedding.ts: embedding's one node (its only differentiable input is the weight;
// the indices are not recorded). F.bilinear is composed of other ops and has no row of its own.
import { derivative } from "../../autograd/derivative.js";
import { NotImplementedError } from "../../errors.js";
import { zeros } from "../../tensor/creation.js";
import type { Tensor } from "../../tensor/tensor.js";
import { eq, mul } from "../elementwise.js";
import { index_add, masked_fill } from "../indexing.js";
import { reshape, unsqueeze } from "../shape.js";

export interface EmbeddingSaved {
  indices: Tensor;
  numWeights: number;
  paddingIdx: number | null;
  /** scale_grad_by_freq: 1 / (how often its index occurs) per index position; null without it. */
  scale: Tensor | null;
  sparse: boolean;
}

/**
 * embedding_backward: each index position's gradient row added to its weight row; rows of padding_idx get
 * none, and with scale_grad_by_freq each row is divided by how often its index occurs.
 */
function embeddingBackward(g: Tensor, s: EmbeddingSaved): Tensor {
  if (s.sparse)
    throw new NotImplementedError(
      "tensorgrad has no sparse tensors: the gradient of F.embedding(sparse=True) cannot be computed; use sparse=False",
    );
  const dim = g.shape[g.ndim - 1];
  const flatIdx = reshape(s.indices, [-1]);
  let src = reshape(g, [-1, dim]);
  if (s.scale !== null) src = mul(src, unsqueeze(s.scale, 1));
  if (s.paddingIdx !== null) src = masked_fill(src, unsqueeze(eq(flatIdx, s.paddingIdx), 1), 0);
  return index_add(zeros([s.numWeights, dim], { dtype: g.dtype }), 0, flatIdx, src);
}

export const NN_EMBEDDING_DERIVATIVES = {
  EmbeddingBackward0: derivative<EmbeddingSaved>({
    weight: [
      "embedding_backward(grad, indices, weight.size(0), padding_idx, scale_grad_by_freq, sparse)",
      (g, s) => embeddingBackward(g, s),
    ],
  }),
};
