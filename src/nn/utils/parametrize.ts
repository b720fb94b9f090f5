// torch.nn.utils.parametrize (PyTorch 1.13's torch/nn/utils/parametrize.py): register_parametrization makes
// `module.name` the output of a chain of parametrization modules applied to `module.parametrizations.name.original`
// (assigning to it runs their right_inverse), remove_parametrizations undoes it, is_parametrized asks, and
// cached(fn) computes each parametrized tensor once while fn runs (the context manager, as a callback like
// torch.no_grad's). As in PyTorch, the module's class becomes a subclass named Parametrized<Class>, and the
// property lives on it.
import { no_grad } from "../../autograd/grad_mode.js";
import { RuntimeError, ValueError } from "../../errors.js";
import { definePython, publicFunction } from "../../signatures/registry.js";
import { Tensor } from "../../tensor/tensor.js";
import { ModuleDict, ModuleList } from "../containers.js";
import { Module } from "../module.js";
import { Parameter } from "../parameter.js";

type Callable = Module & { forward: (...x: unknown[]) => unknown; right_inverse?: (x: unknown) => unknown };
const sizeRepr = (t: Tensor) => `torch.Size([${t.shape.join(", ")}])`;
const sameShape = (a: Tensor, b: Tensor) => sizeRepr(a) === sizeRepr(b);
const typeName = (v: unknown) =>
  v instanceof Tensor ? "Tensor" : v === null ? "NoneType" : Array.isArray(v) ? "list" : typeof v;
const attrs = (m: Module) => m as unknown as Record<string, unknown>;

/** right_inverse, where the parametrization has one; NotImplementedError counts as none (PyTorch's try). */
function tryRightInverse(m: Callable, x: unknown): { value: unknown } | null {
  if (typeof m.right_inverse !== "function") return null;
  try {
    return { value: m.right_inverse(x) };
  } catch (e) {
    if (e instanceof Error && e.constructor.name === "NotImplementedError") return null;
    throw e;
  }
}

/** _register_parameter_or_buffer: a Parameter is registered as a parameter, any other tensor as a buffer. */
function registerTensor(module: Module, name: string, x: Tensor): void {
  if (x instanceof Parameter) module.register_parameter(name, x);
  else module.register_buffer(name, x);
}

/** The parametrizations of one tensor and its unconstrained original(s): module.parametrizations[name]. */
export class ParametrizationList extends ModuleList {
  unsafe: boolean;
  readonly is_tensor: boolean;
  readonly ntensors: number;
  declare original: Tensor;

  constructor(modules: Module[], original: Tensor, unsafe = false) {
    if (modules.length === 0) throw new ValueError("ParametrizationList requires one or more modules.");
    super(modules);
    this.unsafe = unsafe;
    const originalShape = sizeRepr(original);
    const originalDtype = original.dtype;
    let created: unknown = original;
    no_grad(() => {
      for (const m of [...modules].reverse()) {
        const inv = tryRightInverse(m as Callable, created);
        if (inv !== null) created = inv.value;
      }
    });
    if (!(created instanceof Tensor) && !Array.isArray(created))
      throw new ValueError(
        `'right_inverse' must return a Tensor or a Sequence of tensors (list, tuple...). Got ${typeName(created)}`,
      );
    this.is_tensor = created instanceof Tensor;
    this.ntensors = created instanceof Tensor ? 1 : (created as unknown[]).length;
    if (created instanceof Tensor) {
      if (original.dtype !== created.dtype)
        throw new ValueError(
          `When \`right_inverse\` outputs one tensor, it may not change the dtype.\noriginal.dtype: ${original.dtype}\nright_inverse(original).dtype: ${created.dtype}`,
        );
      const value = created;
      // original.set_(new): the same tensor object (an optimizer may hold it) now holds the new values.
      if (value !== original) no_grad(() => (original.data = value.detach()));
      registerTensor(this, "original", original);
    } else {
      (created as unknown[]).forEach((x, i) => {
        if (!(x instanceof Tensor))
          throw new ValueError(
            `'right_inverse' must return a Tensor or a Sequence of tensors (list, tuple...). Got element ${i} of the sequence with type ${typeName(x)}.`,
          );
        registerTensor(this, `original${i}`, original.requires_grad ? new Parameter(x, true) : x);
      });
    }
    if (!this.unsafe) {
      const z: unknown = this.forward();
      if (!(z instanceof Tensor))
        throw new ValueError(`A parametrization must return a tensor. Got ${typeName(z)}.`);
      if (z.dtype !== originalDtype)
        throw new ValueError(
          `Registering a parametrization may not change the dtype of the tensor, unless \`unsafe\` flag is enabled.\nunparametrized dtype: ${originalDtype}\nparametrized dtype: ${z.dtype}`,
        );
      if (sizeRepr(z) !== originalShape)
        throw new ValueError(
          `Registering a parametrization may not change the shape of the tensor, unless \`unsafe\` flag is enabled.\nunparametrized shape: ${originalShape}\nparametrized shape: ${sizeRepr(z)}`,
        );
    }
  }

  /** The parametrized tensor: the first parametrization on the original(s), then each next one in turn. */
  override forward(): never {
    const chain = [...this] as Callable[];
    const originals = this.is_tensor
      ? [this.original]
      : Array.from({ length: this.ntensors }, (_, i) => attrs(this)[`original${i}`]);
    let x = chain[0].forward(...originals);
    for (const m of chain.slice(1)) x = m.forward(x);
    return x as never;
  }

  /** Assigning to the parametrized tensor: each right_inverse in reverse order, into the original(s). */
  right_inverse(value: Tensor): void {
    no_grad(() => {
      let v: unknown = value;
      for (const m of ([...this] as Callable[]).reverse()) {
        if (typeof m.right_inverse !== "function")
          throw new RuntimeError(`parametrization ${m.constructor.name} does not implement right_inverse.`);
        v = m.right_inverse(v);
      }
      if (this.is_tensor) {
        if (!(v instanceof Tensor))
          throw new ValueError(`\`right_inverse\` should return a tensor. Got ${typeName(v)}`);
        if (v.dtype !== this.original.dtype)
          throw new ValueError(
            `The tensor returned by \`right_inverse\` has dtype ${v.dtype} while \`original\` has dtype ${this.original.dtype}`,
          );
        this.original.data = v.detach();
      } else {
        if (!Array.isArray(v))
          throw new ValueError(`'right_inverse' must return a sequence of tensors. Got ${typeName(v)}.`);
        if (v.length !== this.ntensors)
          throw new ValueError(
            `'right_inverse' must return a sequence of tensors of length ${this.ntensors}. Got a sequence of lenght ${v.length}.`,
          );
        v.forEach((t: Tensor, i) => ((attrs(this)[`original${i}`] as Tensor).data = t.detach()));
      }
    });
  }
}

// ---- caching ---------------------------------------------------------------------------------------------

let cacheDepth = 0;
let cache = new WeakMap<Module, Map<string, Tensor>>();

/** cached(): while fn runs, each parametrized tensor is computed once (PyTorch's `with cached():`). */
function cachedImpl<T>(fn: () => T): T {
  cacheDepth++;
  try {
    return fn();
  } finally {
    cacheDepth--;
    if (cacheDepth === 0) cache = new WeakMap();
  }
}

// ---- the module's class and property ----------------------------------------------------------------------

const PARAMETRIZED = new WeakMap<object, object>();

/** _inject_new_class: the module's class becomes Parametrized<Class>, a subclass made once per class. */
function injectNewClass(module: Module): void {
  const proto = Object.getPrototypeOf(module) as { constructor: new (...a: never[]) => Module };
  let sub = PARAMETRIZED.get(proto);
  if (sub === undefined) {
    const Base = proto.constructor;
    const name = `Parametrized${Base.name}`;
    const Concrete = Base as unknown as new (...a: never[]) => Module & { forward(...x: unknown[]): unknown };
    const cls = { [name]: class extends Concrete {} }[name];
    sub = cls.prototype as object;
    PARAMETRIZED.set(proto, sub);
  }
  Object.setPrototypeOf(module, sub);
}

/** _inject_property: `module.name` reads the parametrization's output and assigning runs right_inverse. */
function injectProperty(module: Module, name: string): void {
  Object.defineProperty(module, name, {
    configurable: true,
    enumerable: false,
    get(this: Module) {
      const list = (attrs(this).parametrizations as ModuleDict).get(name) as ParametrizationList;
      if (cacheDepth === 0) return list.forward();
      let perModule = cache.get(this);
      if (perModule === undefined) cache.set(this, (perModule = new Map()));
      let t = perModule.get(name);
      if (t === undefined) perModule.set(name, (t = list.forward() as Tensor));
      return t;
    },
    set(this: Module, value: Tensor) {
      ((attrs(this).parametrizations as ModuleDict).get(name) as ParametrizationList).right_inverse(value);
    },
  });
}

/** isParametrized(module, tensor_name=None). */
function isParametrized(module: Module, tensor_name: string | null = null): boolean {
  const p = attrs(module).parametrizations;
  if (!(p instanceof ModuleDict)) return false;
  return tensor_name === null ? p.length > 0 : p.has(tensor_name);
}

/** Whether `name` is one of the module's own parameters or buffers. */
function isParameterOrBuffer(module: Module, name: string): boolean {
  if (attrs(module)[name] instanceof Parameter) return true;
  return [...module.named_buffers("", false)].some(([n]) => n === name);
}

/** register_parametrization(module, tensor_name, parametrization, *, unsafe=False). */
function registerParametrization<M extends Module>(
  module: M,
  tensor_name: string,
  parametrization: Module,
  unsafe = false,
): M {
  parametrization.train(module.training);
  const p = parametrization as Callable;
  if (isParametrized(module, tensor_name)) {
    if (!unsafe) {
      const y = attrs(module)[tensor_name] as Tensor;
      const x = p.forward(y);
      if (!(x instanceof Tensor))
        throw new ValueError(`A parametrization must return a tensor. Got ${typeName(x)}.`);
      if (x.dtype !== y.dtype)
        throw new ValueError(
          `Registering a parametrization may not change the dtype of the tensor, unless the \`unsafe\` flag is enabled.\nmodule.${tensor_name}.dtype: ${y.dtype}\nparametrization(module.${tensor_name}).dtype: ${x.dtype}`,
        );
      if (!sameShape(x, y))
        throw new ValueError(
          `Registering a parametrization may not change the shape of the tensor, unless the \`unsafe\` flag is enabled.\nmodule.${tensor_name}.shape: ${sizeRepr(y)}\nparametrization(module.${tensor_name}).shape: ${sizeRepr(x)}`,
        );
      const inv = tryRightInverse(p, x);
      if (inv !== null) {
        const z = inv.value;
        if (!(z instanceof Tensor))
          throw new ValueError(`parametrization.right_inverse must return a tensor. Got: ${typeName(z)}`);
        if (z.dtype !== y.dtype)
          throw new ValueError(
            `The tensor returned by parametrization.right_inverse must have the same dtype as module.${tensor_name}, unless the \`unsafe\` flag is enabled.\nmodule.${tensor_name}.dtype: ${y.dtype}\nreturned dtype: ${z.dtype}`,
          );
        if (!sameShape(z, y))
          throw new ValueError(
            `The tensor returned by parametrization.right_inverse must have the same shape as module.${tensor_name}, unless the \`unsafe\` flag is enabled.\nmodule.${tensor_name}.shape: ${sizeRepr(y)}\nreturned shape: ${sizeRepr(z)}`,
          );
      }
    }
    const list = (attrs(module).parametrizations as ModuleDict).get(tensor_name) as ParametrizationList;
    list.append(parametrization);
    list.unsafe ||= unsafe;
  } else if (isParameterOrBuffer(module, tensor_name)) {
    const original = attrs(module)[tensor_name] as Tensor;
    const list = new ParametrizationList([parametrization], original, unsafe);
    delete attrs(module)[tensor_name];
    if (!isParametrized(module)) {
      injectNewClass(module);
      attrs(module).parametrizations = new ModuleDict();
    }
    injectProperty(module, tensor_name);
    (attrs(module).parametrizations as ModuleDict).set(tensor_name, list);
  } else {
    throw new ValueError(
      `Module '${module.toString()}' does not have a parameter, a buffer, or a parametrized element with name '${tensor_name}'`,
    );
  }
  return module;
}

/** remove_parametrizations(module, tensor_name, leave_parametrized=True). */
function removeParametrizations<M extends Module>(
  module: M,
  tensor_name: string,
  leave_parametrized = true,
): M {
  if (!isParametrized(module, tensor_name))
    throw new ValueError(`Module ${module.toString()} does not have a parametrization on ${tensor_name}`);
  const dict = attrs(module).parametrizations as ModuleDict;
  const list = dict.get(tensor_name) as ParametrizationList;
  let original: Tensor;
  if (list.is_tensor) {
    original = list.original;
    if (leave_parametrized) {
      const t = no_grad(() => attrs(module)[tensor_name] as Tensor);
      no_grad(() => (original.data = t.detach()));
    }
  } else {
    if (!leave_parametrized)
      throw new ValueError(
        "Cannot leave unparametrized (`leave_parametrized=False`) a tensor that is parametrized in terms of a sequence of tensors.",
      );
    const t = attrs(module)[tensor_name] as Tensor;
    original = t.requires_grad ? new Parameter(t.detach(), true) : t.detach();
  }
  delete attrs(module)[tensor_name];
  dict.delete(tensor_name);
  registerTensor(module, tensor_name, original);
  if (!isParametrized(module)) {
    delete attrs(module).parametrizations;
    Object.setPrototypeOf(module, Object.getPrototypeOf(Object.getPrototypeOf(module)) as object);
  }
  return module;
}

const NS = "torch.nn.utils.parametrize";
definePython(NS, {
  "register_parametrization(module: Module, tensor_name: str, parametrization: Module, *, unsafe: bool = False) -> Module":
    registerParametrization,
  "remove_parametrizations(module: Module, tensor_name: str, leave_parametrized: bool = True) -> Module":
    removeParametrizations,
  "is_parametrized(module: Module, tensor_name: str | None = None) -> bool": isParametrized,
  "cached(func: callable) -> any": cachedImpl,
});

// The public functions, with PyTorch's argument binding (this namespace has no generated module).
export const register_parametrization = publicFunction(NS, "register_parametrization") as <M extends Module>(
  module: M,
  tensor_name: string,
  parametrization: Module,
  opts?: { unsafe?: boolean },
) => M;
export const remove_parametrizations = publicFunction(NS, "remove_parametrizations") as <M extends Module>(
  module: M,
  tensor_name: string,
  leave_parametrized?: boolean | { leave_parametrized?: boolean },
) => M;
export const is_parametrized = publicFunction(NS, "is_parametrized") as (
  module: Module,
  tensor_name?: string | null,
) => boolean;
export const cached = publicFunction(NS, "cached") as <T>(func: () => T) => T;
