// torch.optim: optimizers, torch.optim.lr_scheduler, and the gradient clipping that torch.nn.utils re-exports.
export {
  Optimizer,
  required,
  type Closure,
  type GroupBase,
  type OptimizerStateDict,
  type ParamGroup,
  type ParamGroupInput,
  type ParamState,
  type ParamsArg,
  type StateValue,
} from "./optimizer.js";
export { SGD, type SGDOptions } from "./sgd.js";
export { Adam, AdamW, type AdamOptions, type AdamWOptions } from "./adam.js";
export { RMSprop, type RMSpropOptions } from "./rmsprop.js";
export { Adagrad, type AdagradOptions } from "./adagrad.js";
export * as lr_scheduler from "./lr_scheduler.js";
export { clip_grad_norm_, clip_grad_value_ } from "./clip_grad.js";
