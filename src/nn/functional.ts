// torch.nn.functional: the functional forms of layers, activations and losses.
export { relu, sigmoid, tanh, silu, gelu, elu, leaky_relu, softplus, logsigmoid } from "../ops/functions.js";
export { linear } from "./modules/linear.js";
export { dropout } from "./modules/basic.js";
export * from "./functional_losses.js";
export * from "./functional_layers.js";
