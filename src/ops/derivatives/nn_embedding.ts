// Derivatives of src/ops/nn_embedding.ts: embedding's one node (its only differentiable input is the weight;
// the indices are not recorded), and _trilinear's as F.bilinear records it.
import { derivative } from "../../autograd/derivative.js";
import { is_grad_enabled } from "../../autograd/grad_mode.js";
import { backend } from "../../backend/backend.js";
import { NotImplementedError } from "../../errors.js";
import { zeros } from "../../tensor/creation.js";
import type { Tensor } from "../../tensor/tensor.js";
import { eq, mul } from "../elementwise.js";
import { matmul } from "../linalg.js";
import { index_add, masked_fill } from "../indexing.js";
import { permute, reshape, unsqueeze } from "../shape.js";
import { sum } from "../reduce.js";

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
  const weight = zeros([s.numWeights, dim], { dtype: g.dtype });
  if (is_grad_enabled()) return index_add(weight, 0, flatIdx, src);
  // Not recording (no create_graph): index_add's kernel on the fresh zeros in place, without its copy of them.
  const index = {
    ...flatIdx._view(),
    shape: src.shape,
    strides: [flatIdx.ndim === 0 ? 0 : flatIdx.stride(0), 0],
  };
  backend().scatter(weight._storage.data, weight.shape, 0, index, src._view(), "add");
  return weight;
}

/** What bilinear's _trilinear saves: x1 [B, in1], weight [O, in1, in2], x2 [B, in2]. */
export interface TrilinearSaved {
  i1: Tensor;
  i2: Tensor;
  i3: Tensor;
}

/**
 * _trilinear_backward for bilinear's y[b, o] = sum_k,j x1[b, k] W[o, k, j] x2[b, j], in tensor ops (so double
 * backward works). Each gradient is again a _trilinear in PyTorch; the products are taken in its order, so that
 * a zero gradient times an overflowing factor stays 0 where PyTorch's does: x1's from grad * W first, then x2;
 * weight's from x1 * grad first, then x2; x2's from x1 @ W first, then grad.
 */
function trilinearBackward(g: Tensor, s: TrilinearSaved, which: 1 | 2 | 3): Tensor {
  const { i1: x1, i2: w, i3: x2 } = s;
  const [B, in1] = x1.shape;
  const [O, , in2] = w.shape;
  if (which === 1) {
    const gw = reshape(matmul(g, reshape(w, [O, in1 * in2])), [B, in1, in2]);
    return sum(mul(gw, unsqueeze(x2, 1)), [2]);
  }
  if (which === 2) {
    const xg = reshape(permute(mul(unsqueeze(x1, 1), unsqueeze(g, 2)), [1, 2, 0]), [O * in1, B]);
    return reshape(matmul(xg, x2), [O, in1, in2]);
  }
  const left = reshape(matmul(x1, reshape(permute(w, [1, 0, 2]), [in1, O * in2])), [B, O, in2]);
  return sum(mul(left, unsqueeze(g, 2)), [1]);
}

const TRILINEAR_TEXT =
  "_trilinear_backward(grad, i1, i2, i3, expand1, expand2, expand3, sumdim, grad_input_mask)";

export const NN_EMBEDDING_DERIVATIVES = {
  TrilinearBackward0: derivative<TrilinearSaved>({
    i1: [TRILINEAR_TEXT, (g, s) => trilinearBackward(g, s, 1)],
    i2: [TRILINEAR_TEXT, (g, s) => trilinearBackward(g, s, 2)],
    i3: [TRILINEAR_TEXT, (g, s) => trilinearBackward(g, s, 3)],
  }),
  EmbeddingBackward0: derivative<EmbeddingSaved>({
    weight: [
      "embedding_backward(grad, indices, weight.size(0), padding_idx, scale_grad_by_freq, sparse)",
      (g, s) => embeddingBackward(g, s),
    ],
  }),
};
