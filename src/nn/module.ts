// nn.Module: parameters, buffers and submodules found the way PyTorch registers them, plus train/eval, hooks
// and PyTorch's module repr. Assigning `this.fc = new nn.Linear(...)` in a constructor registers it, as
// Python's attribute assignment does: own properties that are Parameters or Modules are discovered in insertion
// order, and assignment and `delete` follow Module.__setattr__ / __delattr__ (every module is a Proxy whose set
// and deleteProperty traps run them). state_dict and load_state_dict are in module_state.ts, backward hooks in
// module_hooks.ts. Public methods bind their arguments with PyTorch 1.13's signatures.
import { no_grad } from "../autograd/grad_mode.js";
import { AssertionError, KeyError, RuntimeError } from "../errors.js";
import { pyRepr } from "../python.js";
import { toDtype } from "../ops/conversion.js";
import { bindPython, registerPyType } from "../signatures/bind.js";
import { splitCall, type CallArgs } from "../signatures/registry.js";
import { empty_like } from "../tensor/creation.js";
import { toCpuDevice } from "../tensor/device.js";
import { float32, float64, type DType } from "../tensor/dtype.js";
import { detach_, setRequiresGrad, Tensor } from "../tensor/tensor.js";
import { zero_ } from "../ops/inplace.js";
import {
  callWithHooks,
  RemovableHandle,
  type BackwardHook,
  type ForwardHook as ForwardHookOf,
  type ForwardPreHook as ForwardPreHookOf,
} from "./module_hooks.js";
import { LoadResult, loadStateDict, saveStateDict, stateDictArgs } from "./module_state.js";
import { MODULE_INIT, SIG } from "./module_signatures.js";
import {
  extraReprSignature,
  getBuffer,
  getParameter,
  getSubmodule,
  checkAddModule,
  moduleRepr,
  IS_MODULE,
  MODULE_ATTRIBUTES,
  parseTo,
  parseTypeArg,
  checkName,
  missingForward,
  unreachable,
  typename,
} from "./module_utils.js";
import { Parameter } from "./parameter.js";

export { RemovableHandle } from "./module_hooks.js";
export { LoadResult } from "./module_state.js";

export type StateDict = Record<string, Tensor>;
type ForwardHook = ForwardHookOf<Module>;
type ForwardPreHook = ForwardPreHookOf<Module>;
type StateDictHook = (
  module: Module,
  stateDict: Record<string, unknown>,
  prefix: string,
  localMetadata: object,
) => unknown;
type LoadPreHook = (...args: unknown[]) => unknown;
type LoadPostHook = (module: Module, incompatibleKeys: LoadResult) => unknown;

let nextHookId = 0;

function addHook<F>(map: Map<number, F>, hook: F): RemovableHandle {
  const id = nextHookId++;
  map.set(id, hook);
  return new RemovableHandle(() => map.delete(id));
}

export abstract class Module {
  training = true;
  /** @internal Names registered with register_buffer (a plain tensor property is not a buffer). */
  _bufferNames = new Set<string>();
  /** @internal Buffers excluded from state_dict (persistent: false). */
  _nonPersistent = new Set<string>();
  /** @internal Parameters registered as None (PyTorch keeps their names in _parameters). */
  _nullParameters = new Set<string>();
  /** @internal Submodules added by name (Sequential, ModuleList, add_module) rather than as properties. */
  _modules = new Map<string, Module | null>();
  private _forwardHooks = new Map<number, ForwardHook>();
  private _forwardPreHooks = new Map<number, ForwardPreHook>();
  private _backwardHooks = new Map<number, BackwardHook<Module>>();
  /** Whether the backward hooks are full ones (null: none registered yet), as PyTorch's _is_full_backward_hook. */
  private _isFullBackwardHook: boolean | null = null;
  /** @internal */ _stateDictHooks = new Map<number, StateDictHook>();
  /** @internal */ _loadStateDictPreHooks = new Map<number, LoadPreHook>();
  /** @internal */ _loadStateDictPostHooks = new Map<number, LoadPostHook>();

  /** Module.__init__ takes no arguments (subclasses call `super()`; Sigmoid, Tanh and LogSigmoid have no other). */
  constructor(...args: CallArgs<"Module.__init__">) {
    MODULE_INIT.bind(args);
    const self = new Proxy(this, MODULE_ATTRIBUTES as unknown as ProxyHandler<this>);
    // Route `model.forward(x)` through the hooks, as Python's model(x) does.
    const forward = this.forward ?? missingForward;
    Object.defineProperty(this, "forward", {
      value: (...args: unknown[]) => self._callWithHooks(forward, args),
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
          return extraRepr.call(self);
        },
        enumerable: false,
        writable: true,
      });
    }
    return self;
  }

  abstract forward(...inputs: unknown[]): unknown;

  /** The class's name, as reprs and errors print it. */
  _get_name(): string {
    return this.constructor.name;
  }

  /** PyTorch's Module._version, saved in state_dict metadata; a module whose format changed overrides it. */
  get _version(): number {
    return 1;
  }

  // ---- hooks -----------------------------------------------------------------------------------

  private _callWithHooks(forward: (...a: unknown[]) => unknown, args: unknown[]): unknown {
    if (this._forwardPreHooks.size === 0 && this._forwardHooks.size === 0 && this._backwardHooks.size === 0)
      return forward.apply(this, args);
    return callWithHooks<Module>(this, forward, args, {
      pre: [...this._forwardPreHooks.values()],
      post: [...this._forwardHooks.values()],
      backward: [...this._backwardHooks.values()],
      full: this._isFullBackwardHook === true,
    });
  }

  register_forward_hook(...args: CallArgs<"Module.register_forward_hook">): RemovableHandle {
    const [hook] = SIG.register_forward_hook.bind(args);
    return addHook(this._forwardHooks, hook as ForwardHook);
  }

  register_forward_pre_hook(...args: CallArgs<"Module.register_forward_pre_hook">): RemovableHandle {
    const [hook] = SIG.register_forward_pre_hook.bind(args);
    return addHook(this._forwardPreHooks, hook as ForwardPreHook);
  }

  /** Deprecated in 1.13: a hook on the grad_fn of the module's output (see module_hooks.ts for its warnings). */
  register_backward_hook(...args: CallArgs<"Module.register_backward_hook">): RemovableHandle {
    const [hook] = SIG.register_backward_hook.bind(args);
    return this._addBackwardHook(hook as BackwardHook<Module>, false);
  }

  /** hook(module, grad_input, grad_output) once the gradients w.r.t. the module's inputs are computed. */
  register_full_backward_hook(...args: CallArgs<"Module.register_full_backward_hook">): RemovableHandle {
    const [hook] = SIG.register_full_backward_hook.bind(args);
    return this._addBackwardHook(hook as BackwardHook<Module>, true);
  }

  private _addBackwardHook(hook: BackwardHook<Module>, full: boolean): RemovableHandle {
    if (this._isFullBackwardHook === !full)
      throw new RuntimeError(
        "Cannot use both regular backward hooks and full backward hooks on a single Module. Please use only one of them.",
      );
    this._isFullBackwardHook = full;
    return addHook(this._backwardHooks, hook);
  }

  /** hook(module, state_dict, prefix, local_metadata), after the module's entries are saved; may return a new dict. */
  _register_state_dict_hook(...args: CallArgs<"Module._register_state_dict_hook">): RemovableHandle {
    const [hook] = SIG._register_state_dict_hook.bind(args);
    return addHook(this._stateDictHooks, hook as StateDictHook);
  }

  /** hook(state_dict, prefix, local_metadata, strict, missing_keys, unexpected_keys, error_msgs), module first if with_module. */
  _register_load_state_dict_pre_hook(
    ...args: CallArgs<"Module._register_load_state_dict_pre_hook">
  ): RemovableHandle {
    const [hook, withModule] = SIG._register_load_state_dict_pre_hook.bind(args);
    const fn = hook as LoadPreHook;
    return addHook(this._loadStateDictPreHooks, withModule ? (...a: unknown[]) => fn(this, ...a) : fn);
  }

  /** hook(module, incompatible_keys), which may edit the key lists in place before strict checks them. */
  register_load_state_dict_post_hook(
    ...args: CallArgs<"Module.register_load_state_dict_post_hook">
  ): RemovableHandle {
    const [hook] = SIG.register_load_state_dict_post_hook.bind(args);
    return addHook(this._loadStateDictPostHooks, hook as LoadPostHook);
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
    if (!this._nullParameters.has(name)) this.checkFree(name, (v) => v instanceof Parameter);
    if (param !== null && !(param instanceof Parameter))
      throw new TypeError(
        `cannot assign '${typename(param)}' object to parameter '${name}' (torch.nn.Parameter or None required)`,
      );
    (this as Record<string, unknown>)[name] = param;
    if (param === null) this._nullParameters.add(name);
  }

  /** A tensor saved in state_dict (unless persistent is false) but not trained, e.g. BatchNorm's running_mean. */
  register_buffer(...args: CallArgs<"Module.register_buffer">): void {
    const [name, tensor, persistent] = SIG.register_buffer.bind(args);
    this._registerBuffer(name, tensor as Tensor | null, persistent);
  }

  /** @internal register_buffer without binding (for modules' constructors). */
  protected _registerBuffer(name: string, tensor: Tensor | null, persistent = true): void {
    checkName(name, "buffer");
    if (!this._bufferNames.has(name)) this.checkFree(name, () => false);
    if (tensor !== null && !(tensor instanceof Tensor))
      throw new TypeError(
        `cannot assign '${typename(tensor)}' object to buffer '${name}' (torch Tensor or None required)`,
      );
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
    checkAddModule(this, name, module);
    this._modules.set(name as string, module as Module | null);
  }

  register_module(...args: CallArgs<"Module.register_module">): void {
    const [name, module] = SIG.register_module.bind(args);
    this._addModule(name, module);
  }

  /** This module's own parameters (not its children's), in registration order. */
  _ownParameters(): [string, Parameter][] {
    return this.ownEntries().filter((e): e is [string, Parameter] => e[1] instanceof Parameter);
  }

  /** @internal This module's own buffers that are not None, in registration order. */
  _ownBuffers(): [string, Tensor][] {
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
    return this._namedMembers((m) => m._ownParameters(), prefix, recurse);
  }

  parameters(...args: CallArgs<"Module.parameters">): Generator<Parameter> {
    const [recurse] = SIG.parameters.bind(args);
    return values(this._namedMembers((m) => m._ownParameters(), "", recurse));
  }

  /** @internal Every parameter, each once (what optimizers and zero_grad walk). */
  _parameters(): Generator<Parameter> {
    return values(this._namedMembers((m) => m._ownParameters(), "", true));
  }

  named_buffers(...args: CallArgs<"Module.named_buffers">): Generator<[string, Tensor]> {
    const [prefix, recurse] = SIG.named_buffers.bind(args);
    return this._namedMembers((m) => m._ownBuffers(), prefix, recurse);
  }

  buffers(...args: CallArgs<"Module.buffers">): Generator<Tensor> {
    const [recurse] = SIG.buffers.bind(args);
    return values(this._namedMembers((m) => m._ownBuffers(), "", recurse));
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

  get_submodule(...args: CallArgs<"Module.get_submodule">): Module {
    const [target] = SIG.get_submodule.bind(args);
    return getSubmodule<Module>(this, target);
  }

  get_parameter(...args: CallArgs<"Module.get_parameter">): Parameter {
    const [target] = SIG.get_parameter.bind(args);
    return getParameter(this, target);
  }

  get_buffer(...args: CallArgs<"Module.get_buffer">): Tensor {
    const [target] = SIG.get_buffer.bind(args);
    return getBuffer(this, target);
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
    return this._applyTensors((t) =>
      t.dtype.is_floating_point && t.dtype !== dtype ? toDtype(t, dtype) : t,
    );
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

  /** tensorgrad has no float16: PyTorch's conversion cannot be made, and says so. */
  half(...args: CallArgs<"Module.half">): this {
    SIG.half.bind(args);
    throw new TypeError(
      "Module.half(): tensorgrad has no float16 tensors (float32, float64, int64, int32 and bool only)",
    );
  }

  /** tensorgrad has no bfloat16: PyTorch's conversion cannot be made, and says so. */
  bfloat16(...args: CallArgs<"Module.bfloat16">): this {
    SIG.bfloat16.bind(args);
    throw new TypeError(
      "Module.bfloat16(): tensorgrad has no bfloat16 tensors (float32, float64, int64, int32 and bool only)",
    );
  }

  /** Casts every parameter and buffer, floating or not, to dst_type (a dtype or a name like 'torch.DoubleTensor'). */
  type(...args: CallArgs<"Module.type">): this {
    const [dstType] = SIG.type.bind(args);
    const dtype = parseTypeArg(dstType);
    return this._applyTensors((t) => (t.dtype === dtype ? t : toDtype(t, dtype)));
  }

  /** Every tensor is in this process's memory already; PyTorch returns the module. */
  share_memory(...args: CallArgs<"Module.share_memory">): this {
    SIG.share_memory.bind(args);
    return this;
  }

  /** Replaces every parameter's and buffer's values by uninitialized ones on `device` (the CPU). */
  to_empty(...args: CallArgs<"Module.to_empty">): this {
    const [device] = SIG.to_empty.bind(args);
    if (device !== null) toCpuDevice(device);
    return this._applyTensors((t) => empty_like(t));
  }

  ipu(...args: CallArgs<"Module.ipu">): this {
    SIG.ipu.bind(args);
    throw new RuntimeError("PyTorch is not linked with support for ipu devices");
  }

  xpu(...args: CallArgs<"Module.xpu">): this {
    SIG.xpu.bind(args);
    throw new RuntimeError("PyTorch is not linked with support for xpu devices");
  }

  /** PyTorch's Module._apply(fn): children first, parameters through `.data` (so they stay the same Parameter). */
  private _applyTensors(fn: (t: Tensor) => Tensor): this {
    for (const child of this._children()) child._applyTensors(fn);
    const self = this as unknown as Record<string, unknown>;
    no_grad(() => {
      for (const [, p] of this._ownParameters()) {
        const applied = fn(p);
        if (applied !== p) p.data = applied;
        const grad = p._grad;
        if (grad !== null && fn(grad) !== grad) grad.data = fn(grad);
      }
      for (const [name, b] of this._ownBuffers()) if (fn(b) !== b) self[name] = fn(b);
    });
    return this;
  }

  // ---- state_dict (module_state.ts) --------------------------------------------------------------

  /** Parameters and persistent buffers by dotted name, detached unless keep_vars; `_metadata`: versions. */
  state_dict(...args: CallArgs<"Module.state_dict">): StateDict {
    const [positional, destination, prefix, keepVars] = SIG.state_dict.bind(args);
    return saveStateDict(this, ...stateDictArgs(positional, destination, prefix, keepVars)) as StateDict;
  }

  /** Copies values into parameters and buffers; strict (default) fails on missing or unexpected keys. */
  load_state_dict(...args: CallArgs<"Module.load_state_dict">): LoadResult {
    const [stateDict, strict] = SIG.load_state_dict.bind(args);
    return loadStateDict(this, stateDict, strict);
  }

  /** What a subclass saves under `_extra_state`; a module that saves some overrides this and set_extra_state. */
  get_extra_state(...args: CallArgs<"Module.get_extra_state">): unknown {
    SIG.get_extra_state.bind(args);
    throw unreachable("get_extra_state");
  }

  set_extra_state(...args: CallArgs<"Module.set_extra_state">): void {
    SIG.set_extra_state.bind(args);
    throw unreachable("set_extra_state");
  }

  /** @internal Whether this module's class overrides get_extra_state / set_extra_state. */
  _hasExtraState(method: "get_extra_state" | "set_extra_state"): boolean {
    return this[method] !== Module.prototype[method];
  }

  /**
   * @internal Fills in what a state dict of an older version of this module's format lacks (or one without
   * version metadata), as a module's own _load_from_state_dict does in PyTorch.
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
    return moduleRepr(this.constructor.name, this.extra_repr(), this._childEntries());
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

Object.defineProperty(Module.prototype, IS_MODULE, { value: true });
registerPyType("Module", (v) => v instanceof Module);
registerPyType("Parameter", (v) => v instanceof Parameter);
registerPyType("set", (v) => v instanceof Set);

function* values<T>(pairs: Iterable<[string, T]>): Generator<T> {
  for (const [, v] of pairs) yield v;
}
