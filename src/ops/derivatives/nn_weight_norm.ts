// Derivatives of src/ops/nn_weight_norm.ts: _weight_norm_interface's node, one formula for v and g (PyTorch's
// _weight_norm_differentiable_backward, in tensor ops, so double backward works as it does in PyTorch).
import { derivative } from "../../autograd/derivative.js";
import { weightNormBackward, type WeightNormSaved } from "../nn_weight_norm.js";

export const NN_WEIGHT_NORM_DERIVATIVES = {
  WeightNormInterfaceBackward0: derivative<WeightNormSaved>({
    "v, g": [
      "grad.defined() ? (GradMode::is_enabled() ? _weight_norm_differentiable_backward(grad.contiguous(), v, g, result1, dim) : _weight_norm_interface_backward(grad.contiguous(), v, g, result1, dim)) : std::tuple<Tensor, Tensor>()",
      (g, s) => weightNormBackward(g, s),
    ],
  }),
};
