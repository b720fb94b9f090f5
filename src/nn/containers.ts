// Sequential, ModuleList and ModuleDict: modules held by name ("0", "1", ... or keys), with PyTorch 1.13's
// constructor and method signatures; ParameterList and ParameterDict hold parameters the same way.
import { AssertionError, IndexError, KeyError, ValueError } from "../errors.js";
import { TENSOR_TYPE_NAMES } from "../ops/conversion.js";
import { pyRepr, pyStr } from "../python.js";
import { Tensor } from "../tensor/tensor.js";
import { Parameter } from "./parameter.js";
import { registerPyType } from "../signatures/bind.js";
import { PySignature, type CallArgs } from "../signatures/registry.js";
import { Module } from "./module.js";
import { typename } from "./module_utils.js";

/** Whether Python would find `v` iterable (strings included). */
function isIterable(v: unknown): v is Iterable<unknown> {
  return (
    typeof v === "string" ||
    (v !== null && typeof v === "object" && typeof (v as Iterable<unknown>)[Symbol.iterator] === "function")
  );
}

registerPyType("iterable", isIterable);

/** Python's operator.index(): the index as an int (a TypeError for anything else). */
function toIndex(idx: unknown): number {
  if (typeof idx === "number" && Number.isInteger(idx)) return idx;
  if (typeof idx === "bigint") return Number(idx);
  throw new TypeError(`'${typename(idx)}' object cannot be interpreted as an integer`);
}

const SEQUENTIAL = {
  init: new PySignature("torch.nn", "Sequential.__init__(*args: Module | None)"),
  append: new PySignature("torch.nn", "Sequential.append(module: Module)"),
  insert: new PySignature("torch.nn", "Sequential.insert(index: int, module: Module)"),
  extend: new PySignature("torch.nn", "Sequential.extend(sequential: iterable)"),
  pop: new PySignature("torch.nn", "Sequential.pop(key: int)"),
};

const MODULE_LIST = {
  init: new PySignature("torch.nn", "ModuleList.__init__(modules: iterable | None = None)"),
  append: new PySignature("torch.nn", "ModuleList.append(module: Module)"),
  insert: new PySignature("torch.nn", "ModuleList.insert(index: int, module: Module)"),
  extend: new PySignature("torch.nn", "ModuleList.extend(modules: iterable)"),
  pop: new PySignature("torch.nn", "ModuleList.pop(key: int)"),
};

const MODULE_DICT = {
  init: new PySignature("torch.nn", "ModuleDict.__init__(modules: dict | iterable | None = None)"),
  update: new PySignature("torch.nn", "ModuleDict.update(modules: dict | iterable)"),
  pop: new PySignature("torch.nn", "ModuleDict.pop(key: str)"),
  clear: new PySignature("torch.nn", "ModuleDict.clear()"),
  keys: new PySignature("torch.nn", "ModuleDict.keys()"),
  values: new PySignature("torch.nn", "ModuleDict.values()"),
  items: new PySignature("torch.nn", "ModuleDict.items()"),
};

/** Modules held by position ("0", "1", ...): what Sequential and ModuleList share. */
abstract class IndexedModules extends Module {
  get length(): number {
    return this._modules.size;
  }

  /** `seq[i]` in Python; negative indices count from the end. */
  at(index: number): Module {
    return [...this._modules.values()][this.absoluteIndex(index)] as Module;
  }

  /** `seq[i] = module` in Python. */
  set(index: number, module: Module): void {
    const key = String(this.absoluteIndex(index));
    if (!(module instanceof Module) && module !== null)
      throw new TypeError(
        `cannot assign '${typename(module)}' as child module '${key}' (torch.nn.Module or None expected)`,
      );
    this._modules.set(key, module);
  }

  /** The index from the start, or PyTorch's IndexError. */
  protected absoluteIndex(index: unknown): number {
    const idx = toIndex(index);
    const n = this._modules.size;
    if (!(-n <= idx && idx < n)) throw new IndexError(`index ${idx} is out of range`);
    return idx < 0 ? idx + n : idx;
  }

  /** Removes the module at `index` and renumbers the rest (PyTorch's __delitem__). */
  protected removeAt(index: number): Module {
    const held = [...this._modules.values()];
    const [removed] = held.splice(index, 1);
    this._modules.clear();
    held.forEach((m, i) => this._modules.set(String(i), m));
    return removed as Module;
  }

  protected appendModule(module: unknown): this {
    this._addModule(String(this._modules.size), module);
    return this;
  }

  [Symbol.iterator](): Iterator<Module> {
    return ([...this._modules.values()] as Module[])[Symbol.iterator]();
  }
}

/** Runs its modules in order, feeding each one's output to the next. */
export class Sequential extends IndexedModules {
  constructor(...args: CallArgs<"Sequential.__init__">) {
    super();
    const [modules] = SEQUENTIAL.init.bind(args);
    modules.forEach((m, i) => this._addModule(String(i), m));
  }

  forward(input: unknown): unknown {
    let x = input;
    for (const m of this._modules.values()) {
      if (m === null) throw new TypeError("'NoneType' object is not callable");
      x = (m.forward as (v: unknown) => unknown)(x);
    }
    return x;
  }

  append(...args: CallArgs<"Sequential.append">): this {
    const [module] = SEQUENTIAL.append.bind(args);
    return this.appendModule(module);
  }

  insert(...args: CallArgs<"Sequential.insert">): this {
    const [index, module] = SEQUENTIAL.insert.bind(args);
    if (!(module instanceof Module))
      throw new AssertionError("module should be of type: <class 'torch.nn.modules.module.Module'>");
    const n = this._modules.size;
    if (!(-n <= index && index <= n)) throw new IndexError(`Index out of range: ${index}`);
    insertAt(this._modules, index < 0 ? index + n : index, module);
    return this;
  }

  extend(...args: CallArgs<"Sequential.extend">): this {
    const [sequential] = SEQUENTIAL.extend.bind(args);
    for (const layer of [...(sequential as Iterable<unknown>)]) this.appendModule(layer);
    return this;
  }

  pop(...args: CallArgs<"Sequential.pop">): Module {
    const [key] = SEQUENTIAL.pop.bind(args);
    return this.removeAt(this.absoluteIndex(key));
  }
}

/** A list of modules whose parameters are registered (it has no forward of its own). */
export class ModuleList extends IndexedModules {
  constructor(...args: CallArgs<"ModuleList.__init__">) {
    super();
    const [modules] = MODULE_LIST.init.bind(args);
    if (modules !== null) this.extendWith(modules);
  }

  forward(): never {
    throw new Error("ModuleList is a container: call its modules' forward instead");
  }

  append(...args: CallArgs<"ModuleList.append">): this {
    const [module] = MODULE_LIST.append.bind(args);
    return this.appendModule(module);
  }

  insert(...args: CallArgs<"ModuleList.insert">): void {
    const [index, module] = MODULE_LIST.insert.bind(args);
    // PyTorch's ModuleList.insert shifts without checking the index (an index past the end appends).
    const n = this._modules.size;
    insertAt(this._modules, Math.min(Math.max(index < 0 ? index + n : index, 0), n), module);
  }

  extend(...args: CallArgs<"ModuleList.extend">): this {
    const [modules] = MODULE_LIST.extend.bind(args);
    return this.extendWith(modules);
  }

  private extendWith(modules: Iterable<unknown>): this {
    const offset = this._modules.size;
    [...modules].forEach((m, i) => this._addModule(String(offset + i), m));
    return this;
  }

  pop(...args: CallArgs<"ModuleList.pop">): Module {
    const [key] = MODULE_LIST.pop.bind(args);
    return this.removeAt(this.absoluteIndex(key));
  }
}

/** Puts `module` at position `index` ("0", "1", ...), moving the ones after it up by one. */
function insertAt(modules: Map<string, Module | null>, index: number, module: Module | null): void {
  for (let i = modules.size; i > index; i--) modules.set(String(i), modules.get(String(i - 1)) ?? null);
  modules.set(String(index), module);
}

/** A dictionary of modules by name, in insertion order. */
export class ModuleDict extends Module {
  constructor(...args: CallArgs<"ModuleDict.__init__">) {
    super();
    const [modules] = MODULE_DICT.init.bind(args);
    if (modules !== null) this.updateWith(modules);
  }

  forward(): never {
    throw new Error("ModuleDict is a container: call its modules' forward instead");
  }

  /** `dict[key]` in Python. */
  get(key: string): Module {
    const m = this._modules.get(key);
    if (m === undefined) throw new KeyError(pyRepr(key));
    return m as Module;
  }

  /** `dict[key] = module` in Python. */
  set(key: string, module: Module): void {
    this._addModule(key, module);
  }

  has(key: string): boolean {
    return this._modules.has(key);
  }

  delete(key: string): void {
    this._modules.delete(key);
  }

  pop(...args: CallArgs<"ModuleDict.pop">): Module {
    const [key] = MODULE_DICT.pop.bind(args);
    const m = this.get(key);
    this._modules.delete(key);
    return m;
  }

  clear(...args: CallArgs<"ModuleDict.clear">): void {
    MODULE_DICT.clear.bind(args);
    this._modules.clear();
  }

  keys(...args: CallArgs<"ModuleDict.keys">): string[] {
    MODULE_DICT.keys.bind(args);
    return [...this._modules.keys()];
  }

  values(...args: CallArgs<"ModuleDict.values">): Module[] {
    MODULE_DICT.values.bind(args);
    return [...this._modules.values()] as Module[];
  }

  items(...args: CallArgs<"ModuleDict.items">): [string, Module][] {
    MODULE_DICT.items.bind(args);
    return [...this._modules.entries()] as [string, Module][];
  }

  get length(): number {
    return this._modules.size;
  }

  update(...args: CallArgs<"ModuleDict.update">): void {
    const [modules] = MODULE_DICT.update.bind(args);
    this.updateWith(modules);
  }

  /** PyTorch's update: a mapping's items, or an iterable of [key, module] pairs. */
  private updateWith(modules: unknown): void {
    if (modules instanceof Map || modules instanceof ModuleDict) {
      for (const [k, m] of modules instanceof Map ? modules : modules.items())
        this._addModule(k as string, m);
      return;
    }
    if (!isIterable(modules)) {
      if (modules !== null && typeof modules === "object") {
        for (const [k, m] of Object.entries(modules)) this._addModule(k, m);
        return;
      }
      throw new TypeError(
        `ModuleDict.update should be called with an iterable of key/value pairs, but got ${typename(modules)}`,
      );
    }
    [...modules].forEach((pair, j) => {
      if (!isIterable(pair))
        throw new TypeError(
          `ModuleDict update sequence element #${j} should be Iterable; is${typename(pair)}`,
        );
      const items = [...pair];
      if (items.length !== 2)
        throw new ValueError(
          `ModuleDict update sequence element #${j} has length ${items.length}; 2 is required`,
        );
      this._addModule(items[0] as string, items[1]);
    });
  }
}

// ---- ParameterList and ParameterDict ----

const PARAMETER_LIST = {
  init: new PySignature("torch.nn", "ParameterList.__init__(values: iterable | None = None)"),
  append: new PySignature("torch.nn", "ParameterList.append(value: object)"),
  extend: new PySignature("torch.nn", "ParameterList.extend(values: iterable)"),
};

const PARAMETER_DICT = {
  init: new PySignature("torch.nn", "ParameterDict.__init__(parameters: dict | iterable | None = None)"),
  update: new PySignature("torch.nn", "ParameterDict.update(parameters: dict | iterable)"),
  pop: new PySignature("torch.nn", "ParameterDict.pop(key: str)"),
};

/** What the containers store: a tensor becomes a Parameter (requiring grad), anything else is kept as is. */
function asParameter(value: unknown): unknown {
  return value instanceof Tensor && !(value instanceof Parameter) ? new Parameter(value) : value;
}

/** One line of the containers' extra_repr; `typeName` is how the entry's tensor type prints. */
function entryLine(key: string, value: unknown, typeName: (t: Tensor) => string): string {
  if (!(value instanceof Tensor)) return `  (${key}): Object of type: ${typename(value)}`;
  const kind = value instanceof Parameter ? "Parameter" : "Tensor";
  return `  (${key}): ${kind} containing: [${typeName(value)} of size ${value.shape.join("x")}]`;
}

/** Parameters (or other values) by position "0", "1", ...: each registered like a module attribute. */
export class ParameterList extends Module {
  private _size = 0;

  constructor(...args: CallArgs<"ParameterList.__init__">) {
    super();
    const [values] = PARAMETER_LIST.init.bind(args);
    if (values !== null) this.extendWith(values);
  }

  forward(): never {
    throw new Error("ParameterList is a container: use its parameters instead");
  }

  get length(): number {
    return this._size;
  }

  private absolute(index: number): number {
    const i = toIndex(index);
    if (i < -this._size || i >= this._size) throw new IndexError(`index ${i} is out of range`);
    return i < 0 ? i + this._size : i;
  }

  /** `plist[i]` in Python. */
  at(index: number): unknown {
    return (this as Record<string, unknown>)[String(this.absolute(index))];
  }

  /** `plist[i] = value` in Python. */
  set(index: number, value: unknown): void {
    (this as Record<string, unknown>)[String(this.absolute(index))] = asParameter(value);
  }

  append(...args: CallArgs<"ParameterList.append">): this {
    const [value] = PARAMETER_LIST.append.bind(args);
    (this as Record<string, unknown>)[String(this._size++)] = asParameter(value);
    return this;
  }

  extend(...args: CallArgs<"ParameterList.extend">): this {
    const [values] = PARAMETER_LIST.extend.bind(args);
    return this.extendWith(values);
  }

  private extendWith(values: Iterable<unknown>): this {
    for (const v of values) (this as Record<string, unknown>)[String(this._size++)] = asParameter(v);
    return this;
  }

  *[Symbol.iterator](): Iterator<unknown> {
    for (let i = 0; i < this._size; i++) yield (this as Record<string, unknown>)[String(i)];
  }

  override extra_repr(): string {
    return [...this].map((v, i) => entryLine(String(i), v, (t) => pyStr(t.dtype))).join("\n");
  }
}

/** Parameters (or other values) by name, in insertion order. */
export class ParameterDict extends Module {
  private _keys: string[] = [];

  constructor(...args: CallArgs<"ParameterDict.__init__">) {
    super();
    const [parameters] = PARAMETER_DICT.init.bind(args);
    if (parameters !== null) this.updateWith(parameters);
  }

  forward(): never {
    throw new Error("ParameterDict is a container: use its parameters instead");
  }

  get length(): number {
    return this._keys.length;
  }

  /** `pdict[key]` in Python. */
  get(key: string): unknown {
    if (!this._keys.includes(key)) throw new KeyError(pyRepr(key));
    return (this as Record<string, unknown>)[key];
  }

  /**
   * `pdict[key] = value` in Python. A key naming one of the module's own attributes (`parameters`, `train`)
   * raises register_parameter's KeyError for any value: PyTorch lets a non-tensor value shadow the method.
   */
  set(key: string, value: unknown): void {
    if (!this._keys.includes(key) && key in this)
      throw new KeyError(pyRepr(`attribute '${key}' already exists`));
    if (!this._keys.includes(key)) this._keys.push(key);
    (this as Record<string, unknown>)[key] = asParameter(value);
  }

  has(key: string): boolean {
    return this._keys.includes(key);
  }

  /** `del pdict[key]` in Python. */
  delete(key: string): void {
    this.get(key);
    this._keys = this._keys.filter((k) => k !== key);
    delete (this as Record<string, unknown>)[key];
  }

  pop(...args: CallArgs<"ParameterDict.pop">): unknown {
    const [key] = PARAMETER_DICT.pop.bind(args);
    const value = this.get(key);
    this.delete(key);
    return value;
  }

  clear(): void {
    for (const k of [...this._keys]) this.delete(k);
  }

  keys(): string[] {
    return [...this._keys];
  }

  values(): unknown[] {
    return this._keys.map((k) => (this as Record<string, unknown>)[k]);
  }

  items(): [string, unknown][] {
    return this._keys.map((k) => [k, (this as Record<string, unknown>)[k]]);
  }

  update(...args: CallArgs<"ParameterDict.update">): void {
    const [parameters] = PARAMETER_DICT.update.bind(args);
    this.updateWith(parameters);
  }

  /**
   * PyTorch's update: another ParameterDict's items in order, a mapping's sorted by key (PyTorch keeps order
   * only for OrderedDict, which JS has no separate type for), or an iterable of [key, value] pairs.
   */
  private updateWith(parameters: unknown): void {
    if (parameters instanceof ParameterDict) {
      for (const [k, v] of parameters.items()) this.set(k, v);
      return;
    }
    const sorted = (items: [unknown, unknown][]) =>
      items.sort(([a], [b]) => (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0));
    if (parameters instanceof Map) {
      for (const [k, v] of sorted([...parameters.entries()])) this.set(k as string, v);
      return;
    }
    if (!isIterable(parameters)) {
      if (parameters !== null && typeof parameters === "object") {
        for (const [k, v] of sorted(Object.entries(parameters))) this.set(k as string, v);
        return;
      }
      throw new TypeError(
        `ParametersDict.update should be called with an iterable of key/value pairs, but got ${typename(parameters)}`,
      );
    }
    [...parameters].forEach((pair, j) => {
      if (!isIterable(pair))
        throw new TypeError(
          `ParameterDict update sequence element #${j} should be Iterable; is${typename(pair)}`,
        );
      const items = [...pair];
      if (items.length !== 2)
        throw new ValueError(
          `ParameterDict update sequence element #${j} has length ${items.length}; 2 is required`,
        );
      this.set(items[0] as string, items[1]);
    });
  }

  override extra_repr(): string {
    return this.items()
      .map(([k, v]) => entryLine(k, v, (t) => TENSOR_TYPE_NAMES[t.dtype.name]))
      .join("\n");
  }
}
