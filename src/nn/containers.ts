// Sequential, ModuleList and ModuleDict: modules held by name ("0", "1", ... or keys).
import { IndexError, KeyError } from "../errors.js";
import { Module } from "./module.js";

function checkModule(m: unknown, where: string): Module {
  if (!(m instanceof Module))
    throw new TypeError(`${where}: ${m === null ? "None" : typeof m} is not a Module subclass`);
  return m;
}

function wrapIndex(idx: number, n: number): number {
  if (!Number.isInteger(idx) || idx < -n || idx >= n) throw new IndexError(`index ${idx} is out of range`);
  return idx < 0 ? idx + n : idx;
}

/** Modules held by position ("0", "1", ...): what Sequential and ModuleList share. */
abstract class IndexedModules extends Module {
  get length(): number {
    return this._modules.size;
  }

  /** `seq[i]` in Python; negative indices count from the end. */
  at(index: number): Module {
    const list = [...this._modules.values()] as Module[];
    return list[wrapIndex(index, list.length)];
  }

  append(module: Module): this {
    this.add_module(String(this._modules.size), checkModule(module, `${this.constructor.name}.append`));
    return this;
  }

  [Symbol.iterator](): Iterator<Module> {
    return ([...this._modules.values()] as Module[])[Symbol.iterator]();
  }
}

/** Runs its modules in order, feeding each one's output to the next. */
export class Sequential extends IndexedModules {
  constructor(...modules: Module[]) {
    super();
    modules.forEach((m, i) => this.add_module(String(i), checkModule(m, "Sequential")));
  }

  forward(input: unknown): unknown {
    let x = input;
    for (const m of this._modules.values()) if (m) x = (m.forward as (v: unknown) => unknown)(x);
    return x;
  }
}

/** A list of modules whose parameters are registered (it has no forward of its own). */
export class ModuleList extends IndexedModules {
  constructor(modules: Iterable<Module> = []) {
    super();
    for (const m of modules) this.append(m);
  }

  forward(): never {
    throw new Error("ModuleList is a container: call its modules' forward instead");
  }

  extend(modules: Iterable<Module>): this {
    for (const m of modules) this.append(m);
    return this;
  }
}

/** A dictionary of modules by name, in insertion order. */
export class ModuleDict extends Module {
  constructor(modules: Record<string, Module> | Iterable<[string, Module]> = {}) {
    super();
    this.update(modules);
  }

  forward(): never {
    throw new Error("ModuleDict is a container: call its modules' forward instead");
  }

  get(key: string): Module {
    const m = this._modules.get(key);
    if (!m) throw new KeyError(`'${key}'`);
    return m;
  }

  set(key: string, module: Module): void {
    this.add_module(key, checkModule(module, "ModuleDict"));
  }

  has(key: string): boolean {
    return this._modules.has(key);
  }

  delete(key: string): void {
    this._modules.delete(key);
  }

  keys(): string[] {
    return [...this._modules.keys()];
  }

  values(): Module[] {
    return [...this._modules.values()] as Module[];
  }

  items(): [string, Module][] {
    return [...this._modules.entries()] as [string, Module][];
  }

  get length(): number {
    return this._modules.size;
  }

  update(modules: Record<string, Module> | Iterable<[string, Module]>): void {
    const entries =
      Symbol.iterator in Object(modules)
        ? [...(modules as Iterable<[string, Module]>)]
        : Object.entries(modules);
    for (const [k, m] of entries) this.set(k, m);
  }
}
