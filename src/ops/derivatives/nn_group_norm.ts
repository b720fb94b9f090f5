// Derivatives of src/ops/nn_group_norm.ts: group norm's one node for input, weight and bias, whose formula runs
// PyTorch's native_group_norm_backward kernel (tensor ops under create_graph). Instance norm and local response
// norm record batch norm's and the elementwise ops' nodes.
import { derivative } from "../../autograd/derivative.js";
import { group_norm_backward, type GroupNormSaved } from "../nn_group_norm.js";

export const NN_GROUP_NORM_DERIVATIVES = {
  NativeGroupNormBackward0: derivative<GroupNormSaved>({
    "input, weight, bias": [
      "native_group_norm_backward(grad.contiguous(), input.contiguous(), result1, result2, weight, N, C, HxW, group, grad_input_mask)",
      (g, s, ctx) => group_norm_backward(g, s, ctx.needsInputGrad),
    ],
  }),
};
