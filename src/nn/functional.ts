// torch.nn.functional: the functional forms of layers, activations and losses.
export { relu, sigmoid, tanh } from "../ops/elementwise.js";
export { silu, gelu, elu, leaky_relu, softplus, logsigmoid } from "../ops/functions.js";
export { linear } from "./modules/linear.js";
export { dropout } from "./modules/basic.js";
export {
  mse_loss,
  l1_loss,
  smooth_l1_loss,
  huber_loss,
  binary_cross_entropy,
  binary_cross_entropy_with_logits,
  kl_div,
  nll_loss,
  cross_entropy,
} from "./functional_losses.js";
export * from "./functional_layers.js";
