// torch.autograd: the declared functions (backward, grad, gradcheck, gradgradcheck, the grad-mode
// switches, explain) from the generated module, torch.autograd.functional, and the classes.
import { AUTOGRAD_MODES } from "./modes.js";

export * from "../generated/autograd.js";
export * as functional from "../generated/autograd_functional.js";
// The callback-taking switches with their generic types (they return what the callback returns).
export const { no_grad, enable_grad, set_grad_enabled, inference_mode, set_detect_anomaly, detect_anomaly } =
  AUTOGRAD_MODES;
export { Node, RemovableHandle, type TensorHook, type NodePreHook, type NodePostHook } from "./node.js";
export { AutogradFunction as Function, FunctionCtx } from "./function.js";
export { GradcheckError } from "./gradcheck.js";
export {
  Explanation,
  type ExplainStep,
  type ExplainInput,
  type ExplainLeaf,
  type NamedTensors,
} from "./explain.js";
