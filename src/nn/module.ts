// nn.Module: parameters, buffers and submodules found the way PyTorch registers them, plus state_dict,
// train/eval, hooks and PyTorch's module repr. Assigning `this.fc = new nn.Linear(...)` in a constructor
// registers it, as Python's attribute assignment does: own properties that are Parameters or Modules
// are discovered in insertion order.
import { no_grad } from "../autograd/grad_mode.js";
import { KeyError, RuntimeError, ValueError } from "../errors.js";
import { writeInto } from "../ops/core.js";
import { toDType, type DType } from "../tensor/dtype.js";
import { Tensor } from "../tensor/tensor.js";
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
}

export interface LoadResult {
  missing_keys: string[];
  unexpected_keys: string[];
}

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

  constructor() {
    // Route `model.forward(x)` through the hooks, as Python's model(x) does.
    const forward = this.forward;
    Object.defineProperty(this, "forward", {
      value: (...args: unknown[]) => this._callWithHooks(forward, args),
      enumerable: false,
      writable: true,
    });
  }

  abstract forward(...inputs: unknown[]): unknown;

  private _callWithHooks(forward: (...a: unknown[]) => unknown, args: unknown[]): unknown {
    let inputs = args;
    for (const hook of this._forwardPreHooks.values()) {
      const replaced = hook(this, inputs);
      if (replaced !== undefined) inputs = Array.isArray(replaced) ? replaced : [replaced];
    }
    let output = forward.apply(this, inputs);
    for (const hook of this._forwardHooks.values()) {
      const replaced = hook(this, inputs, output);
      if (replaced !== undefined) output = replaced;
    }
    return output;
  }

  register_forward_hook(hook: ForwardHook): RemovableHandle {
    const id = nextHookId++;
    this._forwardHooks.set(id, hook);
    return new RemovableHandle(() => this._forwardHooks.delete(id));
  }

  register_forward_pre_hook(hook: ForwardPreHook): RemovableHandle {
    const id = nextHookId++;
    this._forwardPreHooks.set(id, hook);
    return new RemovableHandle(() => this._forwardPreHooks.delete(id));
  }

  // ---- registration ----------------------------------------------------------------------------

  /** Own properties in insertion order, skipping internals (names starting with "_"). */
  private ownEntries(): [string, unknown][] {
    return Object.entries(this).filter(([k]) => !k.startsWith("_") && k !== "training");
  }

  register_parameter(name: string, param: Parameter | null): void {
    checkName(name, "parameter");
    if (param !== null && !(param instanceof Parameter)) {
      throw new TypeError(
        `cannot assign '${describeValue(param)}' object to parameter '${name}' (torch.nn.Parameter or None required)`,
      );
    }
    (this as Record<string, unknown>)[name] = param;
  }

  /** A tensor saved in state_dict (unless persistent is false) but not trained, e.g. BatchNorm's running_mean. */
  register_buffer(name: string, tensor: Tensor | null, persistent = true): void {
    checkName(name, "buffer");
    if (tensor !== null && !(tensor instanceof Tensor)) {
      throw new TypeError(
        `cannot assign '${describeValue(tensor)}' object to buffer '${name}' (torch Tensor or None required)`,
      );
    }
    this._bufferNames.add(name);
    if (!persistent) this._nonPersistent.add(name);
    (this as Record<string, unknown>)[name] = tensor;
  }

  add_module(name: string, module: Module | null): void {
    checkName(name, "module");
    if (module !== null && !(module instanceof Module))
      throw new TypeError(`${describeValue(module)} is not a Module subclass`);
    this._modules.set(name, module);
  }

  register_module(name: string, module: Module | null): void {
    this.add_module(name, module);
  }

  /** This module's own parameters (not its children's), in registration order. */
  private ownParameters(): [string, Parameter][] {
    return this.ownEntries().filter((e): e is [string, Parameter] => e[1] instanceof Parameter);
  }

  private ownBuffers(): [string, Tensor][] {
    const self = this as Record<string, unknown>;
    return [...this._bufferNames].filter((n) => self[n] instanceof Tensor).map((n) => [n, self[n] as Tensor]);
  }

  *named_children(): Generator<[string, Module]> {
    for (const [name, value] of this.ownEntries()) if (value instanceof Module) yield [name, value];
    for (const [name, m] of this._modules) if (m) yield [name, m];
  }

  *children(): Generator<Module> {
    for (const [, m] of this.named_children()) yield m;
  }

  *named_modules(prefix = "", seen = new Set<Module>()): Generator<[string, Module]> {
    if (seen.has(this)) return;
    seen.add(this);
    yield [prefix, this];
    for (const [name, child] of this.named_children())
      yield* child.named_modules(prefix ? `${prefix}.${name}` : name, seen);
  }

  *modules(): Generator<Module> {
    for (const [, m] of this.named_modules()) yield m;
  }

  *named_parameters(prefix = "", recurse = true): Generator<[string, Parameter]> {
    const seen = new Set<Tensor>();
    const mods: Iterable<[string, Module]> = recurse ? this.named_modules(prefix) : [[prefix, this]];
    for (const [modPrefix, mod] of mods) {
      for (const [name, p] of mod.ownParameters()) {
        if (seen.has(p)) continue;
        seen.add(p);
        yield [modPrefix ? `${modPrefix}.${name}` : name, p];
      }
    }
  }

  *parameters(recurse = true): Generator<Parameter> {
    for (const [, p] of this.named_parameters("", recurse)) yield p;
  }

  *named_buffers(prefix = ""): Generator<[string, Tensor]> {
    for (const [modPrefix, mod] of this.named_modules(prefix)) {
      for (const [name, b] of mod.ownBuffers()) yield [modPrefix ? `${modPrefix}.${name}` : name, b];
    }
  }

  *buffers(): Generator<Tensor> {
    for (const [, b] of this.named_buffers()) yield b;
  }

  // ---- modes and utilities ---------------------------------------------------------------------

  train(mode = true): this {
    if (typeof mode !== "boolean") throw new ValueError("training mode is expected to be boolean");
    for (const m of this.modules()) m.training = mode;
    return this;
  }

  eval(): this {
    return this.train(false);
  }

  /** Clears parameter gradients: set to null by default (set_to_none), or zeroed in place. */
  zero_grad(opts: { set_to_none?: boolean } = {}): void {
    const setToNone = opts.set_to_none ?? true;
    for (const p of this.parameters()) {
      if (!p._grad) continue;
      if (setToNone) p._grad = null;
      else {
        if (p._grad.grad_fn) p._grad = p._grad.detach();
        p._grad.zero_();
      }
    }
  }

  requires_grad_(flag = true): this {
    for (const p of this.parameters()) p.requires_grad_(flag);
    return this;
  }

  /** Calls fn on every submodule (children first) and then this module, like PyTorch's apply. */
  apply(fn: (m: Module) => void): this {
    for (const child of this.children()) child.apply(fn);
    fn(this);
    return this;
  }

  /** Converts floating-point parameters and buffers to `dtype` in place (module.double(), module.float()). */
  to(dtype: DType | string): this {
    const target = toDType(dtype);
    if (!target.is_floating_point)
      throw new TypeError(`nn.Module.to only accepts floating point dtypes, but got desired dtype=${target}`);
    for (const mod of this.modules()) {
      const self = mod as unknown as Record<string, unknown>;
      for (const [name, p] of mod.ownParameters()) {
        if (!p.dtype.is_floating_point || p.dtype === target) continue;
        const converted = new Parameter(
          no_grad(() => p.to(target)),
          p.requires_grad,
        );
        self[name] = converted;
      }
      for (const [name, b] of mod.ownBuffers()) {
        if (b.dtype.is_floating_point && b.dtype !== target) self[name] = b.to(target);
      }
    }
    return this;
  }

  double(): this {
    return this.to("float64");
  }

  float(): this {
    return this.to("float32");
  }

  // ---- state_dict ------------------------------------------------------------------------------

  /** Parameters and persistent buffers by dotted name, detached (they share storage with the module). */
  state_dict(): StateDict {
    const out: StateDict = {};
    for (const [prefix, mod] of this.named_modules()) {
      const dot = prefix ? `${prefix}.` : "";
      for (const [name, p] of mod.ownParameters()) out[dot + name] = p.detach();
      for (const [name, b] of mod.ownBuffers())
        if (!mod._nonPersistent.has(name)) out[dot + name] = b.detach();
    }
    return out;
  }

  /** Copies values into parameters and buffers; strict (default) fails on missing or unexpected keys. */
  load_state_dict(stateDict: StateDict | Map<string, Tensor>, strict = true): LoadResult {
    const incoming = stateDict instanceof Map ? Object.fromEntries(stateDict) : stateDict;
    const own = this.state_dict();
    const missing = Object.keys(own).filter((k) => !(k in incoming));
    const unexpected = Object.keys(incoming).filter((k) => !(k in own));
    const errors: string[] = [];
    for (const [key, target] of Object.entries(own)) {
      const src = incoming[key];
      if (!src) continue;
      if (!(src instanceof Tensor)) {
        errors.push(
          `While copying the parameter named "${key}", expected torch.Tensor or Tensor-like object from checkpoint but received ${describeValue(src)}`,
        );
      } else if (src.shape.join() !== target.shape.join() || src.ndim !== target.ndim) {
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
        const src = incoming[key];
        if (src) writeInto(target, src);
      }
    });
    return { missing_keys: missing, unexpected_keys: unexpected };
  }

  // ---- printing --------------------------------------------------------------------------------

  /** The text inside this module's parentheses, e.g. `in_features=4, out_features=3, bias=True`. */
  extra_repr(): string {
    return "";
  }

  /** PyTorch's module repr. */
  toString(): string {
    const children = [...this.named_children()];
    const extra = this.extra_repr();
    const lines = extra ? extra.split("\n") : [];
    for (const [name, child] of children) lines.push(`(${name}): ${indent(child.toString(), 2)}`);
    let body = "";
    if (lines.length === 1 && children.length === 0) body = lines[0];
    else if (lines.length > 0) body = "\n  " + lines.join("\n  ") + "\n";
    return `${this.constructor.name}(${body})`;
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

function indent(text: string, spaces: number): string {
  const [first, ...rest] = text.split("\n");
  return [first, ...rest.map((l) => " ".repeat(spaces) + l)].join("\n");
}

function checkName(name: string, kind: string): void {
  if (typeof name !== "string") throw new TypeError(`${kind} name should be a string. Got ${typeof name}`);
  if (name.includes(".")) throw new KeyError(`${kind} name can't contain "."`);
  if (name === "") throw new KeyError(`${kind} name can't be empty string ""`);
}

function describeValue(v: unknown): string {
  if (v === null) return "None";
  return typeof v === "object" ? ((v as object).constructor?.name ?? "object") : typeof v;
}
