// The PyTorch 1.13 signatures nn.Module's public methods bind their arguments with (module.ts).
import { PySignature } from "../signatures/registry.js";

// register_buffer's tensor and register_parameter's param are unannotated: PyTorch checks them after the name,
// with errors of its own.
export const SIG = {
  train: new PySignature("torch.nn", "Module.train(mode: bool = True)"),
  eval: new PySignature("torch.nn", "Module.eval()"),
  zero_grad: new PySignature("torch.nn", "Module.zero_grad(set_to_none: bool = False)"),
  requires_grad_: new PySignature("torch.nn", "Module.requires_grad_(requires_grad: bool = True)"),
  apply: new PySignature("torch.nn", "Module.apply(fn: callable)"),
  to: new PySignature("torch.nn", "Module.to(*args, **kwargs)"),
  float: new PySignature("torch.nn", "Module.float()"),
  cpu: new PySignature("torch.nn", "Module.cpu()"),
  cuda: new PySignature("torch.nn", "Module.cuda(device=None)"),
  double: new PySignature("torch.nn", "Module.double()"),
  state_dict: new PySignature(
    "torch.nn",
    "Module.state_dict(*args, destination: dict | None = None, prefix: str = '', keep_vars: bool = False)",
  ),
  load_state_dict: new PySignature(
    "torch.nn",
    "Module.load_state_dict(state_dict: dict, strict: bool = True)",
  ),
  named_parameters: new PySignature(
    "torch.nn",
    "Module.named_parameters(prefix: str = '', recurse: bool = True)",
  ),
  parameters: new PySignature("torch.nn", "Module.parameters(recurse: bool = True)"),
  named_buffers: new PySignature("torch.nn", "Module.named_buffers(prefix: str = '', recurse: bool = True)"),
  buffers: new PySignature("torch.nn", "Module.buffers(recurse: bool = True)"),
  named_children: new PySignature("torch.nn", "Module.named_children()"),
  children: new PySignature("torch.nn", "Module.children()"),
  named_modules: new PySignature(
    "torch.nn",
    "Module.named_modules(memo: set | None = None, prefix: str = '', remove_duplicate: bool = True)",
  ),
  modules: new PySignature("torch.nn", "Module.modules()"),
  register_buffer: new PySignature(
    "torch.nn",
    "Module.register_buffer(name: str, tensor, persistent: bool = True)",
  ),
  register_parameter: new PySignature("torch.nn", "Module.register_parameter(name: str, param)"),
  add_module: new PySignature("torch.nn", "Module.add_module(name: str, module: Module | None)"),
  register_module: new PySignature("torch.nn", "Module.register_module(name: str, module: Module | None)"),
  register_forward_hook: new PySignature("torch.nn", "Module.register_forward_hook(hook: callable)"),
  register_forward_pre_hook: new PySignature("torch.nn", "Module.register_forward_pre_hook(hook: callable)"),
  extra_repr: new PySignature("torch.nn", "Module.extra_repr()"),
  register_backward_hook: new PySignature("torch.nn", "Module.register_backward_hook(hook: callable)"),
  register_full_backward_hook: new PySignature(
    "torch.nn",
    "Module.register_full_backward_hook(hook: callable)",
  ),
  _register_state_dict_hook: new PySignature("torch.nn", "Module._register_state_dict_hook(hook: callable)"),
  _register_load_state_dict_pre_hook: new PySignature(
    "torch.nn",
    "Module._register_load_state_dict_pre_hook(hook: callable, with_module: bool = False)",
  ),
  register_load_state_dict_post_hook: new PySignature(
    "torch.nn",
    "Module.register_load_state_dict_post_hook(hook: callable)",
  ),
  get_submodule: new PySignature("torch.nn", "Module.get_submodule(target: str)"),
  get_parameter: new PySignature("torch.nn", "Module.get_parameter(target: str)"),
  get_buffer: new PySignature("torch.nn", "Module.get_buffer(target: str)"),
  half: new PySignature("torch.nn", "Module.half()"),
  bfloat16: new PySignature("torch.nn", "Module.bfloat16()"),
  share_memory: new PySignature("torch.nn", "Module.share_memory()"),
  type: new PySignature("torch.nn", "Module.type(dst_type: dtype | str)"),
  to_empty: new PySignature("torch.nn", "Module.to_empty(*, device: device | str | None)"),
  ipu: new PySignature("torch.nn", "Module.ipu(device=None)"),
  xpu: new PySignature("torch.nn", "Module.xpu(device=None)"),
  get_extra_state: new PySignature("torch.nn", "Module.get_extra_state()"),
  set_extra_state: new PySignature("torch.nn", "Module.set_extra_state(state)"),
};

/** Module.__init__: nn.Module itself, and the modules without a constructor of their own (Sigmoid, Tanh, LogSigmoid). */
export const MODULE_INIT = new PySignature("torch.nn", "Module.__init__()", [
  "Module",
  "Sigmoid",
  "Tanh",
  "LogSigmoid",
]);
