// torch.autograd
import "./hooks.js";
export { backward, grad, type BackwardOptions, type GradOptions } from "./engine.js";
export { Node, RemovableHandle, type TensorHook, type NodePreHook, type NodePostHook } from "./node.js";
export { gradcheck, type GradcheckOptions } from "./gradcheck.js";
export { AutogradFunction as Function, FunctionCtx } from "./function.js";
export { set_detect_anomaly, detect_anomaly, is_anomaly_enabled } from "./anomaly.js";
export * as functional from "./functional.js";
export { inference_mode, is_inference_mode_enabled } from "./inference_mode.js";
export {
  explain,
  Explanation,
  type ExplainOptions,
  type ExplainStep,
  type ExplainInput,
  type ExplainLeaf,
} from "./explain.js";
