// nn.Module: parameters, buffers and submodules found the way PyTorch registers them, plus state_dict,
// train/eval, hooks and PyTorch's module repr. Assigning `this.fc = new nn.Linear(...)` in a constructor
// registers it, as Python's attribute assignment does: own properties that are Parameters or Modules
// are discovered in insertion order. Public methods bind their arguments with PyTorch 1.13's signatures.
import { no_grad } from "../autograd/grad_mode.js";
import { AssertionError, KeyError, NotImplementedError, RuntimeError } from "../errors.js";
import { writeInto } from "../ops/core.js";
import { pyRepr } from "../python.js";
import { toDtype } from "../ops/conversion.js";
import { bindPython, isPlainObject, registerPyType } from "../signatures/bind.js";
import { PySignature, splitCall, type CallArgs } from "../signatures/registry.js";
import { float32, float64, type DType } from "../tensor/dtype.js";
import { detach, detach_, setRequiresGrad, Tensor } from "../tensor/tensor.js";
import { zero_ } from "../ops/inplace.js";
import { emitWarning } from "../warnings.js";
import { extraReprSignature, parseTo, typename } from "./module_utils.js";
import { Parameter } from "./parameter.js";

export type StateDict = Record<string, Tensor>;
type ForwardHook = (module: Module, inputs: unknown[], output: unknown) => unknown;
type ForwardPreHook = (module: Module, inputs: unknown[]) => unknown[] | unknown | undefined;

/** What `register_forward_hook` returns: call remove() to unregister. */
export class RemovableHandle {
  constructor(private readonly onRemove: () => void) {}
  remove(): void {
    this.onRemove();
  }
  /** Python's repr, without the address. */
  toString(): string {
    return "<torch.utils.hooks.RemovableHandle object>";
  }
}

/** What load_state_dict returns: PyTorch's _IncompatibleKeys, a named pair [missing_keys, unexpected_keys]. */
export class LoadResult extends Array<string[]> {
  static override get [Symbol.species](): ArrayConstructor {
    return Array;
  }

  constructor(missing_keys: string[], unexpected_keys: string[]) {
    super();
    this.push(missing_keys, unexpected_keys);
  }

  get missing_keys(): string[] {
    return this[0];
  }

  get unexpected_keys(): string[] {
    return this[1];
  }

  override toString(): string {
    if (this[0].length === 0 && this[1].length === 0) return "<All keys matched successfully>";
    const list = (keys: string[]) => `[${keys.map((k) => `'${k}'`).join(", ")}]`;
    return `_IncompatibleKeys(missing_keys=${list(this[0])}, unexpected_keys=${list(this[1])})`;
  }
}

const SIG = {
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
    "Module.register_buffer(name: str, tensor: Tensor | None, persistent: bool = True)",
  ),
  register_parameter: new PySignature(
    "torch.nn",
    "Module.register_parameter(name: str, param: Parameter | None)",
  ),
  add_module: new PySignature("torch.nn", "Module.add_module(name: str, module: Module | None)"),
  register_module: new PySignature("torch.nn", "Module.register_module(name: str, module: Module | None)"),
  register_forward_hook: new PySignature("torch.nn", "Module.register_forward_hook(hook: callable)"),
  register_forward_pre_hook: new PySignature("torch.nn", "Module.register_forward_pre_hook(hook: callable)"),
  extra_repr: new PySignature("torch.nn", "Module.extra_repr()"),
};

/** Module.__init__: nn.Module itself, and the modules without a constructor of their own (Sigmoid, Tanh, LogSigmoid). */
const MODULE_INIT = new PySignature("torch.nn", "Module.__init__()", [
  "Module",
  "Sigmoid",
  "Tanh",
  "LogSigmoid",
]);

let nextHookId = 0;

export abstract class Module {
  training = true;
  /** @internal Names registered with register_buffer (a plain tensor property is not a buffer). */
  protected _bufferNames = new Set<string>();
  /** @internal Buffers excluded from state_dict (persistent: false). */
  protected _nonPersistent = new Set<string>();
  /** @internal Submodules added by name (Sequential, ModuleList, add_module) rather than as properties. */
  protected _modules = new Map<string, Module | null>();
  private _forwardHooks = new Map<number, ForwardHook>();
  private _forwardPreHooks = new Map<number, ForwardPreHook>();

  /** Module.__init__ takes no arguments (subclasses call `super()`; Sigmoid, Tanh and LogSigmoid have no other). */
  constructor(...args: CallArgs<"Module.__init__">) {
    MODULE_INIT.bind(args);
    // Route `model.forward(x)` through the hooks, as Python's model(x) does.
    const forward = this.forward ?? missingForward;
    Object.defineProperty(this, "forward", {
      value: (...args: unknown[]) => this._callWithHooks(forward, args),
      enumerable: false,
      writable: true,
    });
    // A subclass's extra_repr takes no arguments either, and says so in CPython's words.
    const extraRepr = this.extra_repr;
    if (extraRepr !== Module.prototype.extra_repr) {
      const sig = extraReprSignature(this);
      Object.defineProperty(this, "extra_repr", {
        value: (...args: unknown[]) => {
          if (args.length > 0) bindPython(sig, ...splitCall(args));
          return extraRepr.call(this);
        },
        enumerable: false,
        writable: true,
      });
    }
  }

  abstract forward(...inputs: unknown[]): unknown;

  private _callWithHooks(forward: (...a: unknown[]) => unknown, args: unknown[]): unknown {
    let inputs = args;
    for (const hook of this._forwardPreHooks.values()) {
      const replaced = hook(this, inputs);
      if (replaced !== undefined && replaced !== null)
        inputs = Array.isArray(replaced) ? replaced : [replaced];
    }
    let output = forward.apply(this, inputs);
    for (const hook of this._forwardHooks.values()) {
      const replaced = hook(this, inputs, output);
      if (replaced !== undefined && replaced !== null) output = replaced;
    }
    return output;
  }

  register_forward_hook(...args: CallArgs<"Module.register_forward_hook">): RemovableHandle {
    const [hook] = SIG.register_forward_hook.bind(args);
    const id = nextHookId++;
    this._forwardHooks.set(id, hook as ForwardHook);
    return new RemovableHandle(() => this._forwardHooks.delete(id));
  }

  register_forward_pre_hook(...args: CallArgs<"Module.register_forward_pre_hook">): RemovableHandle {
    const [hook] = SIG.register_forward_pre_hook.bind(args);
    const id = nextHookId++;
    this._forwardPreHooks.set(id, hook as ForwardPreHook);
    return new RemovableHandle(() => this._forwardPreHooks.delete(id));
  }

  // ---- registration ----------------------------------------------------------------------------

  /** Own properties in insertion order, skipping internals (names starting with "_"). */
  private ownEntries(): [string, unknown][] {
    return Object.entries(this).filter(([k]) => !k.startsWith("_") && k !== "training");
  }

  /** PyTorch's check that a name is free: taken by a method or another kind of member (not by `kind` itself). */
  private checkFree(name: string, isSameKind: (value: unknown) => boolean): void {
    if (!(name in this)) return;
    const value = (this as Record<string, unknown>)[name];
    if (!isSameKind(value)) throw new KeyError(pyRepr(`attribute '${name}' already exists`));
  }

  register_parameter(...args: CallArgs<"Module.register_parameter">): void {
    const [name, param] = SIG.register_parameter.bind(args);
    checkName(name, "parameter");
    this.checkFree(name, (v) => v === null || v instanceof Parameter);
    (this as Record<string, unknown>)[name] = param;
  }

  /** A tensor saved in state_dict (unless persistent is false) but not trained, e.g. BatchNorm's running_mean. */
  register_buffer(...args: CallArgs<"Module.register_buffer">): void {
    const [name, tensor, persistent] = SIG.register_buffer.bind(args);
    this._registerBuffer(name, tensor, persistent);
  }

  /** @internal register_buffer without binding (for modules' constructors). */
  protected _registerBuffer(name: string, tensor: Tensor | null, persistent = true): void {
    checkName(name, "buffer");
    if (!this._bufferNames.has(name)) this.checkFree(name, () => false);
    this._bufferNames.add(name);
    if (persistent) this._nonPersistent.delete(name);
    else this._nonPersistent.add(name);
    (this as Record<string, unknown>)[name] = tensor;
  }

  add_module(...args: CallArgs<"Module.add_module">): void {
    const [name, module] = SIG.add_module.bind(args);
    this._addModule(name, module);
  }

  /** @internal add_module without binding; checks the module as PyTorch does ("str is not a Module subclass"). */
  _addModule(name: unknown, module: unknown): void {
    if (module !== null && !(module instanceof Module))
      throw new TypeError(`${typename(module)} is not a Module subclass`);
    if (typeof name !== "string")
      throw new TypeError(`module name should be a string. Got ${typename(name)}`);
    if (name in this && !this._modules.has(name))
      throw new KeyError(pyRepr(`attribute '${name}' already exists`));
    if (name.includes(".")) throw new KeyError(pyRepr(`module name can't contain ".", got: ${name}`));
    if (name === "") throw new KeyError(pyRepr(`module name can't be empty string ""`));
    this._modules.set(name, module as Module | null);
  }

  register_module(...args: CallArgs<"Module.register_module">): void {
    const [name, module] = SIG.register_module.bind(args);
    this._addModule(name, module);
  }

  /** This module's own parameters (not its children's), in registration order. */
  private ownParameters(): [string, Parameter][] {
    return this.ownEntries().filter((e): e is [string, Parameter] => e[1] instanceof Parameter);
  }

  private ownBuffers(): [string, Tensor][] {
    const self = this as Record<string, unknown>;
    return [...this._bufferNames].filter((n) => self[n] instanceof Tensor).map((n) => [n, self[n] as Tensor]);
  }

  named_children(...args: CallArgs<"Module.named_children">): Generator<[string, Module]> {
    SIG.named_children.bind(args);
    return this._namedChildren();
  }

  /** @internal Submodule entries in registration order (PyTorch's _modules): module properties, then named ones. */
  _childEntries(): [string, Module | null][] {
    const entries: [string, Module | null][] = [];
    for (const [name, value] of this.ownEntries()) if (value instanceof Module) entries.push([name, value]);
    for (const entry of this._modules) entries.push(entry);
    return entries;
  }

  /** @internal Children by name, each module once. */
  *_namedChildren(): Generator<[string, Module]> {
    const seen = new Set<Module>();
    for (const [name, m] of this._childEntries()) {
      if (m === null || seen.has(m)) continue;
      seen.add(m);
      yield [name, m];
    }
  }

  children(...args: CallArgs<"Module.children">): Generator<Module> {
    SIG.children.bind(args);
    return this._children();
  }

  private *_children(): Generator<Module> {
    for (const [, m] of this._namedChildren()) yield m;
  }

  named_modules(...args: CallArgs<"Module.named_modules">): Generator<[string, Module]> {
    const [memo, prefix, removeDuplicate] = SIG.named_modules.bind(args);
    return this._namedModules((memo as Set<Module> | null) ?? new Set(), prefix, removeDuplicate);
  }

  /** @internal Every module below this one (itself first), depth first. */
  *_namedModules(memo: Set<Module>, prefix = "", removeDuplicate = true): Generator<[string, Module]> {
    if (memo.has(this)) return;
    if (removeDuplicate) memo.add(this);
    yield [prefix, this];
    // Every child entry, repeats included (memo drops them unless remove_duplicate is false), as PyTorch walks _modules.
    for (const [name, child] of this._childEntries())
      if (child !== null)
        yield* child._namedModules(memo, prefix ? `${prefix}.${name}` : name, removeDuplicate);
  }

  modules(...args: CallArgs<"Module.modules">): Generator<Module> {
    SIG.modules.bind(args);
    return this._modulesIter();
  }

  private *_modulesIter(): Generator<Module> {
    for (const [, m] of this._namedModules(new Set())) yield m;
  }

  named_parameters(...args: CallArgs<"Module.named_parameters">): Generator<[string, Parameter]> {
    const [prefix, recurse] = SIG.named_parameters.bind(args);
    return this._namedMembers((m) => m.ownParameters(), prefix, recurse);
  }

  parameters(...args: CallArgs<"Module.parameters">): Generator<Parameter> {
    const [recurse] = SIG.parameters.bind(args);
    return values(this._namedMembers((m) => m.ownParameters(), "", recurse));
  }

  /** @internal Every parameter, each once (what optimizers and zero_grad walk). */
  _parameters(): Generator<Parameter> {
    return values(this._namedMembers((m) => m.ownParameters(), "", true));
  }

  named_buffers(...args: CallArgs<"Module.named_buffers">): Generator<[string, Tensor]> {
    const [prefix, recurse] = SIG.named_buffers.bind(args);
    return this._namedMembers((m) => m.ownBuffers(), prefix, recurse);
  }

  buffers(...args: CallArgs<"Module.buffers">): Generator<Tensor> {
    const [recurse] = SIG.buffers.bind(args);
    return values(this._namedMembers((m) => m.ownBuffers(), "", recurse));
  }

  /** PyTorch's _named_members: each tensor once, named by the first module path that holds it. */
  private *_namedMembers<T extends Tensor>(
    membersOf: (m: Module) => [string, T][],
    prefix: string,
    recurse: boolean,
  ): Generator<[string, T]> {
    const seen = new Set<Tensor>();
    const mods: Iterable<[string, Module]> = recurse
      ? this._namedModules(new Set(), prefix)
      : [[prefix, this]];
    for (const [modPrefix, mod] of mods) {
      for (const [name, t] of membersOf(mod)) {
        if (seen.has(t)) continue;
        seen.add(t);
        yield [modPrefix ? `${modPrefix}.${name}` : name, t];
      }
    }
  }

  // ---- modes and utilities ---------------------------------------------------------------------

  train(...args: CallArgs<"Module.train">): this {
    const [mode] = SIG.train.bind(args);
    return this._train(mode);
  }

  /** @internal train(mode) without binding. */
  _train(mode: boolean): this {
    this.training = mode;
    for (const child of this._children()) child._train(mode);
    return this;
  }

  eval(...args: CallArgs<"Module.eval">): this {
    SIG.eval.bind(args);
    return this._train(false);
  }

  /** Zeroes parameter gradients in place (PyTorch 1.13's default), or sets them to None with set_to_none. */
  zero_grad(...args: CallArgs<"Module.zero_grad">): void {
    const [setToNone] = SIG.zero_grad.bind(args);
    for (const p of this._parameters()) {
      const grad = p._grad;
      if (grad === null) continue;
      if (setToNone) p._grad = null;
      else zero_(grad.grad_fn ? detach_(grad) : setRequiresGrad(grad, false));
    }
  }

  requires_grad_(...args: CallArgs<"Module.requires_grad_">): this {
    const [flag] = SIG.requires_grad_.bind(args);
    for (const p of this._parameters()) setRequiresGrad(p, flag);
    return this;
  }

  /** Calls fn on every submodule (children first) and then this module, like PyTorch's apply. */
  apply(...args: CallArgs<"Module.apply">): this {
    const [fn] = SIG.apply.bind(args);
    return this._apply(fn as (m: Module) => unknown);
  }

  private _apply(fn: (m: Module) => unknown): this {
    for (const child of this._children()) child._apply(fn);
    fn(this);
    return this;
  }

  /**
   * Moves and casts parameters and buffers in place: `to(dtype)`, `to(device)`, `to(device, dtype)`,
   * `to(tensor)` (its dtype), or by keyword; only floating-point tensors change dtype, as in PyTorch.
   */
  to(...args: CallArgs<"Module.to">): this {
    const [positional, kwargs] = SIG.to.bind(args);
    const dtype = parseTo(positional, kwargs);
    if (dtype !== null && !dtype.is_floating_point)
      throw new TypeError(
        `nn.Module.to only accepts floating point or complex dtypes, but got desired dtype=torch.${dtype.name}`,
      );
    return dtype === null ? this : this._castFloating(dtype);
  }

  /** @internal Casts float parameters and grads in place via `.data` (PyTorch's _apply: tied weights stay tied). */
  _castFloating(dtype: DType): this {
    const converted = new Set<Tensor>();
    for (const [, m] of this._namedModules(new Set())) {
      const self = m as unknown as Record<string, unknown>;
      for (const [, p] of m.ownParameters()) {
        if (converted.has(p) || !p.dtype.is_floating_point || p.dtype === dtype) continue;
        converted.add(p);
        no_grad(() => {
          p.data = toDtype(p, dtype);
          if (p._grad !== null) p._grad.data = toDtype(p._grad, dtype);
        });
      }
      for (const [name, b] of m.ownBuffers()) {
        if (b.dtype.is_floating_point && b.dtype !== dtype) self[name] = toDtype(b, dtype);
      }
    }
    return this;
  }

  /** Every parameter and buffer is on the CPU already: the module itself, as PyTorch returns it. */
  cpu(...args: CallArgs<"Module.cpu">): this {
    SIG.cpu.bind(args);
    return this;
  }

  /** A CPU-only build's error (docs/numpy_and_devices.md). */
  cuda(...args: CallArgs<"Module.cuda">): this {
    SIG.cuda.bind(args);
    throw new AssertionError("Torch not compiled with CUDA enabled");
  }

  double(...args: CallArgs<"Module.double">): this {
    SIG.double.bind(args);
    return this._castFloating(float64);
  }

  float(...args: CallArgs<"Module.float">): this {
    SIG.float.bind(args);
    return this._castFloating(float32);
  }

  // ---- state_dict ------------------------------------------------------------------------------

  /**
   * Parameters and persistent buffers by dotted name, detached (sharing storage with the module) unless
   * keep_vars; into `destination` when given, names starting with `prefix`.
   */
  state_dict(...args: CallArgs<"Module.state_dict">): StateDict {
    const bound = SIG.state_dict.bind(args);
    const positional = bound[0];
    let [, destination, prefix, keepVars] = bound;
    if (positional.length > 0) {
      // PyTorch's deprecated positional form: state_dict(destination, prefix, keep_vars).
      if (destination === null) destination = positional[0] as Record<string, unknown>;
      if (positional.length > 1 && prefix === "") prefix = positional[1] as string;
      if (positional.length > 2 && keepVars === false) keepVars = positional[2] as boolean;
      emitWarning(
        "Positional args are being deprecated, use kwargs instead. Refer to https://pytorch.org/docs/master/generated/torch.nn.Module.html#torch.nn.Module.state_dict for details.",
      );
    }
    // PyTorch writes into any mapping it is given: anything else fails at the first item.
    if (destination !== null && !isPlainObject(destination))
      throw new TypeError(`'${typename(destination)}' object does not support item assignment`);
    const out = (destination ?? {}) as StateDict;
    for (const [path, mod] of this._namedModules(new Set(), "", false)) {
      const dot = prefix + (path ? `${path}.` : "");
      for (const [name, p] of mod.ownParameters()) out[dot + name] = keepVars ? p : detach(p);
      for (const [name, b] of mod.ownBuffers())
        if (!mod._nonPersistent.has(name)) out[dot + name] = keepVars ? b : detach(b);
    }
    return out;
  }

  /** Copies values into parameters and buffers; strict (default) fails on missing or unexpected keys. */
  load_state_dict(...args: CallArgs<"Module.load_state_dict">): LoadResult {
    const [stateDict, strict] = SIG.load_state_dict.bind(args);
    // A copy (PyTorch loads from an OrderedDict of its own), which modules may complete for older formats.
    const incoming: Record<string, unknown> =
      stateDict instanceof Map ? Object.fromEntries(stateDict) : { ...stateDict };
    for (const [path, mod] of this._namedModules(new Set(), "", false))
      mod._upgradeStateDict(incoming, path ? `${path}.` : "");
    const own = this.state_dict({ keep_vars: true });
    // PyTorch reports missing and unexpected keys whether or not strict; strict makes them errors.
    const missing = Object.keys(own).filter((k) => !(k in incoming));
    const unexpected = Object.keys(incoming).filter((k) => !(k in own));
    const errors: string[] = [];
    for (const [key, target] of Object.entries(own)) {
      if (!(key in incoming)) continue;
      const src = incoming[key];
      if (!(src instanceof Tensor)) {
        errors.push(
          `While copying the parameter named "${key}", expected torch.Tensor or Tensor-like object from checkpoint but received <class '${typename(src)}'>`,
        );
      } else if (src.shape.join() !== target.shape.join() || src.ndim !== target.ndim) {
        if (target.ndim === 0 && src.ndim === 1 && src.shape[0] === 1) continue;
        errors.push(
          `size mismatch for ${key}: copying a param with shape torch.Size([${src.shape.join(", ")}]) from checkpoint, the shape in current model is torch.Size([${target.shape.join(", ")}]).`,
        );
      }
    }
    if (strict) {
      if (unexpected.length)
        errors.unshift(`Unexpected key(s) in state_dict: ${unexpected.map((k) => `"${k}"`).join(", ")}. `);
      if (missing.length)
        errors.unshift(`Missing key(s) in state_dict: ${missing.map((k) => `"${k}"`).join(", ")}. `);
    }
    if (errors.length) {
      throw new RuntimeError(
        `Error(s) in loading state_dict for ${this.constructor.name}:\n\t${errors.join("\n\t")}`,
      );
    }
    // Validated everything first, so a failure never leaves a half-loaded model.
    no_grad(() => {
      for (const [key, target] of Object.entries(own)) {
        if (!(key in incoming)) continue;
        const src = incoming[key] as Tensor;
        writeInto(target, target.ndim === 0 && src.ndim === 1 ? src.reshape([]) : src);
      }
    });
    return new LoadResult(missing, unexpected);
  }

  /**
   * @internal Fills in what a state dict without version metadata (every tensorgrad state dict, as a plain
   * object) lacks from older formats, as PyTorch's _load_from_state_dict does for version None.
   */
  _upgradeStateDict(_stateDict: Record<string, unknown>, _prefix: string): void {}

  // ---- printing --------------------------------------------------------------------------------

  /** The text inside this module's parentheses, e.g. `in_features=4, out_features=3, bias=True`. */
  extra_repr(...args: CallArgs<"Module.extra_repr">): string {
    SIG.extra_repr.bind(args);
    return "";
  }

  /** PyTorch's module repr. */
  toString(): string {
    const children = this._childEntries();
    const extra = this.extra_repr();
    const lines = extra ? extra.split("\n") : [];
    for (const [name, child] of children)
      lines.push(`(${name}): ${child === null ? "None" : indent(child.toString(), 2)}`);
    let body = "";
    if (lines.length === 1 && children.length === 0) body = lines[0];
    else if (lines.length > 0) body = "\n  " + lines.join("\n  ") + "\n";
    return `${this.constructor.name}(${body})`;
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

registerPyType("Module", (v) => v instanceof Module);
registerPyType("Parameter", (v) => v instanceof Parameter);
registerPyType("set", (v) => v instanceof Set);

/** The forward of a module that defines none (a bare nn.Module()). */
function missingForward(this: Module): never {
  throw new NotImplementedError(
    `Module [${this.constructor.name}] is missing the required "forward" function`,
  );
}

function* values<T>(pairs: Iterable<[string, T]>): Generator<T> {
  for (const [, v] of pairs) yield v;
}

function indent(text: string, spaces: number): string {
  const [first, ...rest] = text.split("\n");
  return [first, ...rest.map((l) => " ".repeat(spaces) + l)].join("\n");
}

/** Python's str() of a KeyError puts its message in quotes: the texts here are PyTorch's, as printed. */
function checkName(name: string, kind: string): void {
  if (name.includes(".")) throw new KeyError(pyRepr(`${kind} name can't contain "."`));
  if (name === "") throw new KeyError(pyRepr(`${kind} name can't be empty string ""`));
}
