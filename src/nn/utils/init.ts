// torch.nn.utils.skip_init (PyTorch 1.13's init.py): a module whose parameters and buffers are left
// uninitialised. Python builds the module on the meta device (so its init draws nothing) and calls
// to_empty(device=...); tensorgrad has no meta device, so it builds the module on the CPU with the global
// generator's state put back afterwards (the init's random draws leave no trace, as on meta), then to_empty.
import { RuntimeError } from "../../errors.js";
import { classSignatures, definePython } from "../../signatures/registry.js";
import { default_generator } from "../../tensor/random.js";
import { Module } from "../module.js";

type ModuleClass = (new (...args: unknown[]) => Module) & { name: string };
type GeneratorState = Record<string, unknown>;

/** The generator's fields copied (its Mersenne Twister state is a Uint32Array), as torch.get_rng_state does. */
const copyState = (state: object): GeneratorState =>
  Object.fromEntries(Object.entries(state).map(([k, v]) => [k, v instanceof Uint32Array ? v.slice() : v]));

/** skip_init(module_cls, *args, **kwargs). */
export function skip_init(module_cls: unknown, args: unknown[], kwargs: Record<string, unknown>): Module {
  const cls = module_cls as ModuleClass;
  if (typeof cls !== "function") throw new TypeError("issubclass() arg 1 must be a class");
  if (!(cls.prototype instanceof Module))
    throw new RuntimeError(`Expected a Module; got <class '${cls.name}'>`);
  // 'device' in inspect.signature(module_cls).parameters: the class's declared __init__.
  const init = [...classSignatures().values()].find((s) => s.isConstructor && s.classes.includes(cls.name));
  if (init !== undefined && !init.signature.params.some((p) => p.name === "device"))
    throw new RuntimeError("Module must support a 'device' arg to skip initialization");
  const { device: finalDevice = "cpu", ...rest } = kwargs;
  const saved = copyState(default_generator);
  let module: Module;
  try {
    module = new cls(...args, rest);
  } finally {
    Object.assign(default_generator, copyState(saved));
  }
  return module.to_empty({ device: finalDevice as string });
}

definePython("torch.nn.utils", { "skip_init(module_cls, *args, **kwargs) -> Module": skip_init });
