// torch.optim: optimizers and torch.optim.lr_scheduler. (Gradient clipping is torch.nn.utils'.)
export {
  Optimizer,
  type Closure,
  type GroupBase,
  type OptimizerStateDict,
  type ParamGroup,
  type ParamState,
  type StateValue,
} from "./optimizer.js";
export { SGD, type SGDOptions } from "./sgd.js";
export { Adam, AdamW, type AdamOptions, type AdamWOptions } from "./adam.js";
export {
  Adamax,
  NAdam,
  RAdam,
  type AdamaxOptions,
  type NAdamOptions,
  type RAdamOptions,
} from "./adam_variants.js";
export { Adadelta, type AdadeltaOptions } from "./adadelta.js";
export { ASGD, type ASGDOptions } from "./asgd.js";
export { Rprop, type RpropOptions } from "./rprop.js";
export { LBFGS, type LBFGSOptions } from "./lbfgs.js";
export { SparseAdam, type SparseAdamOptions } from "./sparse_adam.js";
export { RMSprop, type RMSpropOptions } from "./rmsprop.js";
export { Adagrad, type AdagradOptions } from "./adagrad.js";
export * as lr_scheduler from "./lr_scheduler.js";
