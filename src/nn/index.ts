// torch.nn
export { Module, RemovableHandle, LoadResult, type StateDict } from "./module.js";
export { Parameter } from "./parameter.js";
export { Sequential, ModuleList, ModuleDict } from "./containers.js";
export { Linear } from "./modules/linear.js";
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
  Softmax,
  LogSoftmax,
  Softmin,
  Softmax2d,
} from "./modules/activation.js";
export { Conv1d, Conv2d, type PaddingMode } from "./modules/conv.js";
export { MaxPool2d, AvgPool2d, AdaptiveAvgPool2d } from "./modules/pooling.js";
export { BatchNorm1d, BatchNorm2d, LayerNorm } from "./modules/normalization.js";
export { Embedding, Bilinear } from "./modules/embedding.js";
export { MultiheadAttention } from "./modules/attention.js";
export {
  L1Loss,
  MSELoss,
  SmoothL1Loss,
  HuberLoss,
  BCELoss,
  BCEWithLogitsLoss,
  NLLLoss,
  CrossEntropyLoss,
  KLDivLoss,
} from "./modules/loss.js";
export * as init from "../generated/nn_init.js";
export * as functional from "../generated/nn_functional.js";
export * as utils from "./utils.js";
