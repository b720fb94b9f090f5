// torch.nn.utils.weight_norm / remove_weight_norm (PyTorch 1.13's torch/nn/utils/weight_norm.py): the weight
// becomes weight_g * weight_v / ||weight_v||, recomputed by a forward pre-hook before every forward. The hooks
// are found again through this file's own table of the modules it hooked (module.ts's public hooks only).
import { AttributeError, KeyError, RuntimeError, ValueError } from "../../errors.js";
import { _weight_norm, norm_except_dim } from "../../ops/nn_weight_norm.js";
import { pyRepr } from "../../python.js";
import { definePython } from "../../signatures/registry.js";
import type { Tensor } from "../../tensor/tensor.js";
import type { RemovableHandle } from "../module_hooks.js";
import type { Module } from "../module.js";
import { Parameter } from "../parameter.js";

/** A reparametrization hook on one of a module's tensors: its name and how to undo it. */
export interface NormHook {
  readonly kind: string;
  readonly name: string;
  readonly handle: RemovableHandle;
  remove(module: Module): void;
}

/** Per module, its weight_norm and spectral_norm hooks in registration order (module._forward_pre_hooks). */
const HOOKS = new WeakMap<Module, NormHook[]>();

/** The module's hooks of `kind` (PyTorch's isinstance(hook, WeightNorm) scan). */
export function hooksOf(module: Module): NormHook[] {
  let list = HOOKS.get(module);
  if (list === undefined) HOOKS.set(module, (list = []));
  return list;
}

/** getattr(module, name), with Python's AttributeError when it has no such attribute. */
export function attr(module: Module, name: string): Tensor {
  const value = (module as unknown as Record<string, unknown>)[name];
  if (value === undefined)
    throw new AttributeError(`'${module.constructor.name}' object has no attribute '${name}'`);
  return value as Tensor;
}

/** `del module._parameters[name]`: KeyError unless name is a parameter. */
export function deleteParameter(module: Module, name: string): void {
  const value = (module as unknown as Record<string, unknown>)[name];
  if (!(value instanceof Parameter)) throw new KeyError(pyRepr(name));
  delete (module as unknown as Record<string, unknown>)[name];
}

const set = (module: Module, name: string, value: unknown) => {
  (module as unknown as Record<string, unknown>)[name] = value;
};

/** WeightNorm.compute_weight: _weight_norm(name_v, name_g, dim). */
function computeWeight(module: Module, name: string, dim: number): Tensor {
  return _weight_norm(attr(module, `${name}_v`), attr(module, `${name}_g`), dim);
}

/** weight_norm(module, name='weight', dim=0): name_g and name_v replace the parameter; returns the module. */
export function weight_norm<M extends Module>(module: M, name = "weight", dim: number | null = 0): M {
  const hooks = hooksOf(module);
  if (hooks.some((h) => h.kind === "WeightNorm" && h.name === name))
    throw new RuntimeError(`Cannot register two weight_norm hooks on the same parameter ${name}`);
  const d = dim ?? -1;
  const weight = attr(module, name);
  deleteParameter(module, name);
  module.register_parameter(`${name}_g`, new Parameter(norm_except_dim(weight, 2, d).detach()));
  module.register_parameter(`${name}_v`, new Parameter(weight.detach()));
  set(module, name, computeWeight(module, name, d));
  const handle = module.register_forward_pre_hook((m: Module) => {
    set(m, name, computeWeight(m, name, d));
  });
  hooks.push({
    kind: "WeightNorm",
    name,
    handle,
    remove(m: Module) {
      const w = computeWeight(m, name, d);
      delete (m as unknown as Record<string, unknown>)[name];
      deleteParameter(m, `${name}_g`);
      deleteParameter(m, `${name}_v`);
      set(m, name, new Parameter(w.detach()));
    },
  });
  return module;
}

/** remove_weight_norm(module, name='weight'): the weight as one parameter again, its current value. */
export function remove_weight_norm<M extends Module>(module: M, name = "weight"): M {
  const hooks = hooksOf(module);
  const i = hooks.findIndex((h) => h.kind === "WeightNorm" && h.name === name);
  if (i < 0) throw new ValueError(`weight_norm of '${name}' not found in ${module.toString()}`);
  hooks[i].remove(module);
  hooks[i].handle.remove();
  hooks.splice(i, 1);
  return module;
}

definePython("torch.nn.utils", {
  "weight_norm(module: Module, name: str = 'weight', dim: int | None = 0) -> Module": weight_norm,
  "remove_weight_norm(module: Module, name: str = 'weight') -> Module": remove_weight_norm,
});
