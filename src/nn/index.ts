// torch.nn
export { Module, RemovableHandle, type StateDict, type LoadResult } from "./module.js";
export { Parameter } from "./parameter.js";
export { Sequential, ModuleList, ModuleDict } from "./containers.js";
export { Linear, type LinearOptions } from "./modules/linear.js";
export { Identity, Flatten, Dropout } from "./modules/basic.js";
export {
  ReLU,
  Sigmoid,
  Tanh,
  SiLU,
  LogSigmoid,
  LeakyReLU,
  ELU,
  GELU,
  Softplus,
} from "./modules/activation.js";
export * from "./modules/conv.js";
export * from "./modules/pooling.js";
export * from "./modules/normalization.js";
export * from "./modules/embedding.js";
export * from "./modules/attention.js";
export * from "./modules/loss.js";
export * as init from "./init.js";
export * as functional from "./functional.js";
export * as utils from "./utils.js";
