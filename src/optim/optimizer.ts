// torch.optim.Optimizer: parameter groups, per-parameter state, zero_grad and PyTorch-shaped state dicts.
// Every public method binds its arguments with PyTorch 1.13's Python signature.
import { enable_grad, no_grad } from "../autograd/grad_mode.js";
import { AssertionError, AttributeError, NotImplementedError, ValueError } from "../errors.js";
import "../backend/index.js";
import "../ops/functions.js";
import { isPlainObject } from "../signatures/bind.js";
import { pyTypeName } from "../signatures/messages.js";
import { PySignature, type CallArgs } from "../signatures/registry.js";
import { REQUIRED } from "../signatures/schema.js";
import { tensor } from "../tensor/creation.js";
import { Tensor } from "../tensor/tensor.js";
import { emitWarning } from "../warnings.js";
import { PyFloat, pyStr } from "../python.js";
import { pyCall, pyDictItems, pyFloat, pyGetKey, pyList, pyTruthy } from "./python.js";

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

/** The dictionary `state_dict()` returns: state keyed by parameter index, groups listing indices. */
export type OptimizerStateDict = {
  state: Record<number, ParamState>;
  param_groups: Array<Record<string, unknown> & { params: number[] }>;
};

export type Closure = () => Tensor | number;

// defaults is a dict PyTorch reads with .get(), so anything else fails there (AttributeError), as here.
const INIT = new PySignature("torch.optim", "Optimizer.__init__(params, defaults: dict | object)");
const STEP = new PySignature("torch.optim", "Optimizer.step(closure)");
// PyTorch only tests set_to_none's truth.
const ZERO_GRAD = new PySignature("torch.optim", "Optimizer.zero_grad(set_to_none=False)");
const STATE_DICT = new PySignature("torch.optim", "Optimizer.state_dict()");
// PyTorch reads state_dict['param_groups'] itself: anything else fails there, as here.
const LOAD_STATE_DICT = new PySignature(
  "torch.optim",
  "Optimizer.load_state_dict(state_dict: dict | object)",
);
// PyTorch asserts that param_group is a dict itself (AssertionError), so the annotation lets anything through.
const ADD_PARAM_GROUP = new PySignature(
  "torch.optim",
  "Optimizer.add_param_group(param_group: dict | object)",
);

/** torch.typename(): "torch.FloatTensor" for a tensor, the Python type's name for anything else. */
function typename(x: unknown): string {
  return x instanceof Tensor ? `torch.${x.dtype.scalarTypeName}Tensor` : pyTypeName(x);
}

/** Deep copy of a state/group value (PyTorch's deepcopy in load_state_dict). */
function deepCopy(value: unknown): unknown {
  if (value instanceof Tensor) return value.detach().clone();
  if (Array.isArray(value)) return value.map(deepCopy);
  if (isPlainObject(value))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, deepCopy(v)]));
  return value;
}

/** load_state_dict's cast(): tensors to the parameter's floating dtype (except `step`), recursively. */
function castTo(param: Tensor, value: unknown, key: string | null): unknown {
  if (value instanceof Tensor)
    return key !== "step" && param.is_floating_point() ? value.to(param.dtype) : value;
  if (isPlainObject(value))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, castTo(param, v, k)]));
  if (Array.isArray(value)) return value.map((v) => castTo(param, v, null));
  return value;
}

/** The bound `closure` of a step() call without arguments (the hot path: no binding needed). */
const NO_CLOSURE: [null] = [null];

export class Optimizer<O extends object = object> {
  /** What a subclass's __setstate__ fills into loaded groups that lack it (SGD's nesterov, ...). */
  protected static restoredGroupDefaults: Record<string, unknown> = {};
  /** Whether the subclass's __setstate__ turns a loaded numeric `step` into a tensor (Adam, AdamW, Adagrad). */
  protected static stepIsTensor = false;
  /**
   * Options whose signature default is a float with an integral value (Adadelta's lr=1.0): a JS number
   * cannot tell 1 from 1.0, so the default prints as Python prints the float.
   */
  protected static floatDefaults: Record<string, number> = {};

  defaults: O & Record<string, unknown>;
  /** Per-parameter state (PyTorch's defaultdict(dict) keyed by the parameter tensor). */
  state = new Map<Tensor, ParamState>();
  param_groups: ParamGroup<O>[] = [];
  /** Counted by a wrapping lr scheduler, as in PyTorch. */
  _step_count = 0;

  constructor(...args: CallArgs<"Optimizer.__init__">) {
    const [params, defaults] = INIT.bind(args);
    this.defaults = defaults as O & Record<string, unknown>;
    if (params instanceof Tensor) {
      throw new TypeError(
        "params argument given to the optimizer should be an iterable of Tensors or dicts, but got " +
          typename(params),
      );
    }
    let groups = pyList(params);
    if (groups.length === 0) throw new ValueError("optimizer got an empty parameter list");
    if (!isPlainObject(groups[0])) groups = [{ params: groups }];
    for (const group of groups) this.addGroup(group);
  }

  /**
   * Performs one update; returns the closure's loss when one is given. (Each optimizer binds its own
   * signature, `SGD.step(closure=None)`; the base class's requires a closure and, as PyTorch's, raises
   * NotImplementedError.)
   */
  step(...args: unknown[]): Tensor | number | null {
    STEP.bind(args);
    throw new NotImplementedError("");
  }

  /**
   * PyTorch's step(): the closure (if any) runs with grad enabled, the update without a graph (with one
   * where the optimizer is `differentiable`).
   */
  protected runStep(closure: unknown, update: () => void, recordGraph = false): Tensor | number | null {
    let loss: Tensor | number | null = null;
    if (closure !== null) loss = enable_grad(() => pyCall<Tensor | number>(closure));
    if (recordGraph) enable_grad(update);
    else no_grad(update);
    return loss;
  }

  /** Binds a subclass's step() arguments: `[closure, ...]`. */
  protected bindStep<A extends unknown[]>(sig: PySignature<string>, args: readonly unknown[]): A {
    return (args.length === 0 ? NO_CLOSURE : sig.bind(args)) as A;
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

  add_param_group(...args: CallArgs<"Optimizer.add_param_group">): void {
    const [paramGroup] = ADD_PARAM_GROUP.bind(args);
    this.addGroup(paramGroup);
  }

  private addGroup(paramGroup: unknown): void {
    if (!isPlainObject(paramGroup)) throw new AssertionError("param group must be a dict");
    // PyTorch fills in the caller's dict itself.
    const group = paramGroup;
    const params = pyGetKey(group, "params");
    if (params instanceof Tensor) group.params = [params];
    else if (params instanceof Set) {
      throw new TypeError(
        "optimizer parameters need to be organized in ordered collections, but the ordering of tensors in sets will change between runs. Please use a list instead.",
      );
    } else group.params = pyList(params);
    const list = group.params as unknown[];
    for (const param of list) {
      if (!(param instanceof Tensor))
        throw new TypeError(
          "optimizer can only optimize Tensors, but one of the params is " + typename(param),
        );
      if (!isPlainObject(this.defaults))
        throw new AttributeError(`'${pyTypeName(this.defaults)}' object has no attribute 'get'`);
      if (!this.defaults.differentiable && !(param.is_leaf || param.retains_grad))
        throw new ValueError("can't optimize a non-leaf Tensor");
    }
    for (const [name, value] of Object.entries(this.defaults)) {
      if (value === REQUIRED && !(name in group)) {
        throw new ValueError(
          "parameter group didn't specify a value of required optimization parameter " + name,
        );
      }
      if (!(name in group)) group[name] = value;
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

  /** Resets gradients: to zero in place (PyTorch 1.13's default), or to null with set_to_none. */
  zero_grad(...args: CallArgs<"Optimizer.zero_grad">): void {
    const setToNone = args.length === 0 ? false : pyTruthy(ZERO_GRAD.bind(args)[0]);
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
  state_dict(...args: CallArgs<"Optimizer.state_dict">): OptimizerStateDict {
    if (args.length > 0) STATE_DICT.bind(args);
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
  load_state_dict(...args: CallArgs<"Optimizer.load_state_dict">): void {
    const [stateDict] = LOAD_STATE_DICT.bind(args);
    const copied = deepCopy(stateDict instanceof Map ? Object.fromEntries(stateDict) : stateDict);
    const groups = this.param_groups;
    const savedGroups = pyListOfDicts(pyGetKey(copied, "param_groups"));
    if (groups.length !== savedGroups.length)
      throw new ValueError("loaded state dict has a different number of parameter groups");
    const savedParams = savedGroups.map((g) => pyList(pyGetKey(g, "params")));
    if (groups.some((g, i) => g.params.length !== savedParams[i].length)) {
      throw new ValueError(
        "loaded state dict contains a parameter group that doesn't match the size of optimizer's group",
      );
    }
    const idMap = new Map<string, Tensor>();
    savedParams.forEach((ids, gi) => ids.forEach((id, pi) => idMap.set(String(id), groups[gi].params[pi])));
    const state = new Map<Tensor, ParamState>();
    for (const [key, value] of pyDictItems(pyGetKey(copied, "state"))) {
      const param = idMap.get(key);
      if (param !== undefined) state.set(param, castTo(param, value, null) as ParamState);
    }
    this.param_groups = savedGroups.map(
      (saved, i) => ({ ...saved, params: groups[i].params }) as unknown as ParamGroup<O>,
    );
    this.state = state;
    // PyTorch's __setstate__: Optimizer's, then the subclass's group defaults (and `step` as a tensor).
    if (!("differentiable" in this.defaults))
      (this.defaults as Record<string, unknown>).differentiable = false;
    const restored = (this.constructor as typeof Optimizer).restoredGroupDefaults;
    for (const group of this.param_groups)
      for (const [key, value] of Object.entries(restored))
        if (!(key in group)) (group as Record<string, unknown>)[key] = value;
    if ((this.constructor as typeof Optimizer).stepIsTensor) {
      const first = [...state.values()][0];
      if (first !== undefined && !(first.step instanceof Tensor))
        for (const s of state.values()) s.step = tensor(pyFloat(s.step));
    }
  }

  toString(): string {
    let out = this.constructor.name + " (";
    const floats = (this.constructor as typeof Optimizer).floatDefaults;
    this.param_groups.forEach((group, i) => {
      out += `\nParameter Group ${i}\n`;
      for (const key of Object.keys(group).sort()) {
        if (key === "params") continue;
        const value = group[key];
        out += `    ${key}: ${pyStr(floats[key] === value ? new PyFloat(value as number) : value)}\n`;
      }
    });
    return out + ")";
  }
}

function pyListOfDicts(value: unknown): Record<string, unknown>[] {
  return pyList(value).map((g) => {
    if (!isPlainObject(g)) throw new TypeError(`'${pyTypeName(g)}' object is not subscriptable`);
    return g;
  });
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
