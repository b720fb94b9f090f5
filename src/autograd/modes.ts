// The grad-mode switches' public forms. PyTorch's no_grad, enable_grad, set_grad_enabled, inference_mode,
// detect_anomaly and set_detect_anomaly are context managers (`with torch.no_grad(): ...`); JS has no
// `with`, so each takes the body as a callback: `torch.no_grad(() => ...)` runs it in that mode and
// returns its result. These JS adaptations are declared with signatures naming the callback.
import { defineNoArgFunctions, definePython, publicFunction } from "../signatures/registry.js";
import { detect_anomaly, is_anomaly_enabled, set_detect_anomaly } from "./anomaly.js";
import { enable_grad, is_grad_enabled, no_grad, set_grad_enabled } from "./grad_mode.js";
import { inference_mode, is_inference_mode_enabled } from "./inference_mode.js";

type Body = () => unknown;

const MODES = {
  "no_grad(func: callable) -> any": (func: Body) => no_grad(func),
  "enable_grad(func: callable) -> any": (func: Body) => enable_grad(func),
  "set_grad_enabled(mode: bool, func: callable | None = None) -> any": (mode: boolean, func: Body | null) =>
    func === null ? set_grad_enabled(mode) : set_grad_enabled(mode, func),
  "inference_mode(mode: bool | callable = True, func: callable | None = None) -> any": (
    mode: boolean | Body,
    func: Body | null,
  ) => (typeof mode === "function" ? inference_mode(mode) : inference_mode(mode, func as Body)),
} as const;

definePython("torch", MODES);
definePython("torch.autograd", {
  ...MODES,
  "set_detect_anomaly(mode: bool, func: callable | None = None) -> any": (
    mode: boolean,
    func: Body | null,
  ) => (func === null ? set_detect_anomaly(mode) : set_detect_anomaly(mode, func)),
  "detect_anomaly(func: callable) -> any": (func: Body) => detect_anomaly(func),
});

defineNoArgFunctions("torch", {
  "torch.is_grad_enabled() -> bool": is_grad_enabled,
  "torch.is_inference_mode_enabled() -> bool": is_inference_mode_enabled,
  "torch.is_anomaly_enabled() -> bool": is_anomaly_enabled,
});

type SetMode = { (mode: boolean): void; <T>(mode: boolean, func: () => T): T };
type InferenceMode = { <T>(func: () => T): T; <T>(mode: boolean, func: () => T): T };

/** The callables with their generic types (the generated declarations cannot say "returns what fn returns"). */
function typedModes(namespace: string) {
  return {
    no_grad: publicFunction(namespace, "no_grad") as <T>(func: () => T) => T,
    enable_grad: publicFunction(namespace, "enable_grad") as <T>(func: () => T) => T,
    set_grad_enabled: publicFunction(namespace, "set_grad_enabled") as SetMode,
    inference_mode: publicFunction(namespace, "inference_mode") as InferenceMode,
  };
}

export const TORCH_MODES = typedModes("torch");
export const AUTOGRAD_MODES = {
  ...typedModes("torch.autograd"),
  set_detect_anomaly: publicFunction("torch.autograd", "set_detect_anomaly") as SetMode,
  detect_anomaly: publicFunction("torch.autograd", "detect_anomaly") as <T>(func: () => T) => T,
};
