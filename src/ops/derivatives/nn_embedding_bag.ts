// Derivatives of src/ops/nn_embedding_bag.ts: _embedding_bag's one node, for the weight and per_sample_weights
// (the indices and offsets are not differentiable). Both formulas call PyTorch's backward functions, whose own
// nodes (torch::autograd::NotImplemented) raise on a second derivative, as in PyTorch 1.13.
import { derivative } from "../../autograd/derivative.js";
import {
  embedding_bag_backward,
  embedding_bag_per_sample_weights_backward,
  type EmbeddingBagSaved,
} from "../nn_embedding_bag.js";

export const NN_EMBEDDING_BAG_DERIVATIVES = {
  EmbeddingBagBackward0: derivative<EmbeddingBagSaved>({
    weight: [
      "_embedding_bag_backward_symint(grad, indices, offsets, result1, result2, result3, weight.sym_size(0), scale_grad_by_freq, mode, sparse, per_sample_weights, padding_idx)",
      (g, s) => embedding_bag_backward(g, s),
    ],
    per_sample_weights: [
      "_embedding_bag_per_sample_weights_backward(grad, weight, indices, offsets, result1, mode, padding_idx)",
      (g, s) => embedding_bag_per_sample_weights_backward(g, s),
    ],
  }),
};
