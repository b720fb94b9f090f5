// torch.optim.Optimizer: parameter groups, per-parameter state, zero_grad and PyTorch-shaped state dicts.
import { enable_grad, no_grad } from "../autograd/grad_mode.js";
import { KeyError, ValueError } from "../errors.js";
import "../backend/index.js";
import "../ops/functions.js";
import { pythonFloatRepr } from "../tensor/pyfloat.js";
import { Tensor } from "../tensor/tensor.js";
import { emitWarning } from "../warnings.js";

/** A value an optimizer keeps per parameter (`exp_avg`, `step`, `momentum_buffer`...). */
export type StateValue = Tensor | number | null;
export type ParamState = Record<string, StateValue>;

/** Options every parameter group carries, plus whatever schedulers add (`initial_lr`, `max_lr`...). */
export interface GroupBase {
  params: Tensor[];
  lr: number;
  [option: string]: unknown;
}
export type ParamGroup<O extends object = object> = GroupBase & O;

/** What the constructor and add_param_group accept for a group: params plus any option overrides. */
export type ParamGroupInput<O extends object = object> = { params: Tensor | Iterable<Tensor> } & Partial<O> &
  Record<string, unknown>;
export type ParamsArg<O extends object = object> = Iterable<Tensor> | Iterable<ParamGroupInput<O>>;

/** The dictionary `state_dict()` returns: state keyed by parameter index, groups listing indices. */
export interface OptimizerStateDict {
  state: Record<number, ParamState>;
  param_groups: Array<Record<string, unknown> & { params: number[] }>;
}

export type Closure = () => Tensor | number;

/** A value that must be given (PyTorch's `required` sentinel, e.g. SGD's lr in 1.13). */
export const required: unique symbol = Symbol("required");

/** Python's `{}`.format of a float for error texts ("Invalid learning rate: -1.0"). */
export function pyNum(x: unknown): string {
  if (typeof x === "number") return pythonFloatRepr(x);
  return String(x);
}

function typeName(x: unknown): string {
  if (x === null) return "NoneType";
  if (Array.isArray(x)) return "list";
  if (typeof x === "number") return Number.isInteger(x) ? "int" : "float";
  if (typeof x === "string") return "str";
  if (typeof x === "boolean") return "bool";
  if (typeof x === "object") return (x as object).constructor?.name ?? "object";
  return typeof x;
}

/** torch.typename(t): "torch.FloatTensor", "torch.DoubleTensor"... */
function tensorTypeName(t: Tensor): string {
  return `torch.${t.dtype.scalarTypeName}Tensor`;
}

function isIterable(x: unknown): x is Iterable<unknown> {
  return x !== null && typeof x === "object" && Symbol.iterator in x;
}

/** Deep copy of a state/group value (PyTorch's deepcopy in load_state_dict). */
function deepCopy(value: unknown): unknown {
  if (value instanceof Tensor) return value.detach().clone();
  if (Array.isArray(value)) return value.map(deepCopy);
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, deepCopy(v)]));
  }
  return value;
}

export abstract class Optimizer<O extends object = object> {
  defaults: O & Record<string, unknown>;
  /** Per-parameter state (PyTorch's defaultdict(dict) keyed by the parameter tensor). */
  state = new Map<Tensor, ParamState>();
  param_groups: ParamGroup<O>[] = [];
  /** Counted by a wrapping lr scheduler, as in PyTorch. */
  _step_count = 0;

  constructor(params: ParamsArg<O>, defaults: O) {
    this.defaults = defaults as O & Record<string, unknown>;
    if (params instanceof Tensor) {
      throw new TypeError(
        "params argument given to the optimizer should be an iterable of Tensors or dicts, but got " +
          tensorTypeName(params),
      );
    }
    if (!isIterable(params)) throw new TypeError(`'${typeName(params)}' object is not iterable`);
    const groups = [...(params as Iterable<unknown>)];
    if (groups.length === 0) throw new ValueError("optimizer got an empty parameter list");
    const first = groups[0];
    const asGroups: unknown[] =
      first instanceof Tensor || first === null || typeof first !== "object" ? [{ params: groups }] : groups;
    for (const group of asGroups) this.add_param_group(group as ParamGroupInput<O>);
  }

  /** Performs one update; returns the closure's loss when one is given. */
  abstract step(closure?: Closure): Tensor | number | null;

  /** PyTorch's step(): the closure (if any) runs with grad enabled, the update without a graph. */
  protected runStep(closure: Closure | null | undefined, update: () => void): Tensor | number | null {
    let loss: Tensor | number | null = null;
    if (closure !== undefined && closure !== null) loss = enable_grad(closure);
    no_grad(update);
    return loss;
  }

  /** The state of parameter p, created empty on first access (Python's defaultdict). */
  protected stateOf(p: Tensor): ParamState {
    let s = this.state.get(p);
    if (s === undefined) {
      s = {};
      this.state.set(p, s);
    }
    return s;
  }

  add_param_group(paramGroup: ParamGroupInput<O>): void {
    if (
      paramGroup === null ||
      typeof paramGroup !== "object" ||
      paramGroup instanceof Tensor ||
      Array.isArray(paramGroup)
    )
      throw new TypeError("param group must be a dict");
    const group: Record<string, unknown> = { ...paramGroup };
    const params = group.params;
    if (params instanceof Tensor) group.params = [params];
    else if (params instanceof Set) {
      throw new TypeError(
        "optimizer parameters need to be organized in ordered collections, but the ordering of tensors in sets will change between runs. Please use a list instead.",
      );
    } else if (isIterable(params)) group.params = [...params];
    else if (params === undefined) throw new KeyError("'params'");
    else throw new TypeError(`'${typeName(params)}' object is not iterable`);
    const list = group.params as unknown[];
    for (const param of list) {
      if (!(param instanceof Tensor))
        throw new TypeError(
          "optimizer can only optimize Tensors, but one of the params is " + typeName(param),
        );
      if (!this.defaults.differentiable && !(param.is_leaf || param.retains_grad))
        throw new ValueError("can't optimize a non-leaf Tensor");
    }
    for (const [name, value] of Object.entries(this.defaults)) {
      if (value === required && !(name in group)) {
        throw new ValueError(
          "parameter group didn't specify a value of required optimization parameter " + name,
        );
      }
      if (!(name in group)) group[name] = Array.isArray(value) ? [...(value as unknown[])] : value;
    }
    if (new Set(list).size !== list.length) {
      emitWarning(
        "optimizer contains a parameter group with duplicate parameters; in future, this will cause an error; see github.com/pytorch/pytorch/issues/40967 for more information",
      );
    }
    const existing = new Set(this.param_groups.flatMap((g) => g.params));
    if (list.some((p) => existing.has(p as Tensor)))
      throw new ValueError("some parameters appear in more than one parameter group");
    this.param_groups.push(group as ParamGroup<O>);
  }

  /** Resets gradients: to null (the default, as in PyTorch 2.x) or to zeros. */
  zero_grad(opts: { set_to_none?: boolean } | boolean = {}): void {
    const setToNone = typeof opts === "boolean" ? opts : (opts.set_to_none ?? true);
    for (const group of this.param_groups) {
      for (const p of group.params) {
        const grad = p.grad;
        if (grad === null) continue;
        if (setToNone) {
          p.grad = null;
        } else {
          if (grad.grad_fn !== null) grad.detach_();
          else grad.requires_grad_(false);
          grad.zero_();
        }
      }
    }
  }

  /** PyTorch's structure: `{ state: {index: {...}}, param_groups: [{..., params: [indices]}] }`. Tensors are shared, not copied. */
  state_dict(): OptimizerStateDict {
    const indexOf = new Map<Tensor, number>();
    let start = 0;
    const packedGroups = this.param_groups.map((group) => {
      const packed: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(group)) if (k !== "params") packed[k] = v;
      group.params.forEach((p, i) => {
        if (!indexOf.has(p)) indexOf.set(p, start + i);
      });
      const params = group.params.map((p) => indexOf.get(p)!);
      start += params.length;
      return { ...packed, params };
    });
    const state: Record<number, ParamState> = {};
    for (const [p, s] of this.state) {
      const index = indexOf.get(p);
      if (index !== undefined) state[index] = s;
    }
    return { state, param_groups: packedGroups };
  }

  /** Loads a copy of a state_dict(): state tensors cast to their parameter's floating dtype (except `step`). */
  load_state_dict(stateDict: OptimizerStateDict): void {
    const copied = deepCopy(stateDict) as OptimizerStateDict;
    const groups = this.param_groups;
    const savedGroups = copied.param_groups;
    if (groups.length !== savedGroups.length)
      throw new ValueError("loaded state dict has a different number of parameter groups");
    if (groups.some((g, i) => g.params.length !== savedGroups[i].params.length)) {
      throw new ValueError(
        "loaded state dict contains a parameter group that doesn't match the size of optimizer's group",
      );
    }
    const idMap = new Map<number, Tensor>();
    savedGroups.forEach((saved, gi) =>
      saved.params.forEach((id, pi) => idMap.set(id, groups[gi].params[pi])),
    );
    const state = new Map<Tensor, ParamState>();
    for (const [key, value] of Object.entries(copied.state)) {
      const param = idMap.get(Number(key));
      if (param === undefined) continue;
      const cast: ParamState = {};
      for (const [name, v] of Object.entries(value)) {
        cast[name] =
          v instanceof Tensor && name !== "step" && param.is_floating_point() ? v.to(param.dtype) : v;
      }
      state.set(param, cast);
    }
    this.param_groups = savedGroups.map(
      (saved, i) => ({ ...saved, params: groups[i].params }) as unknown as ParamGroup<O>,
    );
    this.state = state;
  }

  toString(): string {
    let out = this.constructor.name + " (";
    this.param_groups.forEach((group, i) => {
      out += `\nParameter Group ${i}\n`;
      for (const key of Object.keys(group).sort()) {
        if (key !== "params") out += `    ${key}: ${formatOption(group[key])}\n`;
      }
    });
    return out + ")";
  }
}

function formatOption(value: unknown): string {
  if (value === null || value === undefined) return "None";
  if (typeof value === "boolean") return value ? "True" : "False";
  // Integral values print as Python ints: PyTorch's defaults (momentum=0, weight_decay=0...) are ints.
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : pyNum(value);
  if (Array.isArray(value)) return `(${value.map(formatOption).join(", ")})`;
  return String(value);
}

/** p.grad for every parameter of the group that has one, in order. */
export function paramsWithGrad(group: GroupBase): Array<[Tensor, Tensor]> {
  const out: Array<[Tensor, Tensor]> = [];
  for (const p of group.params) {
    const g = p.grad;
    if (g !== null) out.push([p, g]);
  }
  return out;
}

export function checkNonNegative(value: number, what: string): void {
  if (!(0.0 <= value)) throw new ValueError(`Invalid ${what}: ${pyNum(value)}`);
}
