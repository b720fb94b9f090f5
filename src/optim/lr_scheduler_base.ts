// torch.optim.lr_scheduler._LRScheduler (PyTorch 1.13) and helpers shared by the schedulers.
import { AttributeError, KeyError, NotImplementedError, ValueError } from "../errors.js";
import { isPlainObject } from "../signatures/bind.js";
import { pyTypeName } from "../signatures/messages.js";
import { PySignature, type CallArgs } from "../signatures/registry.js";
import { emitWarning } from "../warnings.js";
import { Optimizer } from "./optimizer.js";
import { pyRepr, pyStr } from "../python.js";
import { pyAttr, pyDictItems, pyFormatEpoch, pyFormatExp, pyGetKey, pyLen, pyTruthy } from "./python.js";

export const EPOCH_DEPRECATION_WARNING =
  "The epoch parameter in `scheduler.step()` was not necessary and is being deprecated where possible. Please use `scheduler.step()` to step the scheduler. During the deprecation, if epoch is different from None, the closed form is used instead of the new chainable form, where available. Please open an issue if you are unable to replicate your use case: https://github.com/pytorch/pytorch/issues/new/choose.";
const GET_LR_WARNING = "To get the last learning rate computed by the scheduler, please use `get_last_lr()`.";

export type AnyOptimizer = Optimizer<object>;
type StepFn = ((...args: never[]) => unknown) & { _with_counter?: boolean };

export const MODULE = "torch.optim.lr_scheduler";

// optimizer, last_epoch and verbose are unannotated: PyTorch checks them itself (isinstance, `== -1`,
// truthiness in the initial step), and so do we.
const INIT = new PySignature(MODULE, "_LRScheduler.__init__(optimizer, last_epoch=-1, verbose=False)");
const STEP = new PySignature(MODULE, "_LRScheduler.step(epoch: float | None = None)");
const GET_LAST_LR = new PySignature(MODULE, "_LRScheduler.get_last_lr()");
const GET_LR = new PySignature(MODULE, "_LRScheduler.get_lr()");
const STATE_DICT = new PySignature(MODULE, "_LRScheduler.state_dict()");
// `self.__dict__.update(state_dict)`: anything else fails there, as here.
const LOAD_STATE_DICT = new PySignature(MODULE, "_LRScheduler.load_state_dict(state_dict: dict | object)");
// print_lr's arguments only go through truth and str.format in PyTorch: unannotated, formatted as there.
const PRINT_LR = new PySignature(MODULE, "_LRScheduler.print_lr(is_verbose, group, lr, epoch=None)");

/** PyTorch's `isinstance(optimizer, Optimizer)` check. */
export function checkOptimizer(optimizer: unknown): asserts optimizer is AnyOptimizer {
  if (!(optimizer instanceof Optimizer)) throw new TypeError(`${pyTypeName(optimizer)} is not an Optimizer`);
}

/** The fields _LRScheduler.__init__ sets, after those a PyTorch subclass sets before calling it. */
const BASE_FIELDS = [
  "base_lrs",
  "last_epoch",
  "verbose",
  "_step_count",
  "_get_lr_called_within_step",
  "_last_lr",
];

/**
 * The fields a scheduler's state_dict() holds: everything but the optimizer (and functions), in the
 * order of PyTorch's __dict__ (a subclass's own fields first: PyTorch sets them before super().__init__).
 */
export function ownState(self: object, exclude: string[]): Record<string, unknown> {
  const entries = Object.entries(self).filter(
    ([k, v]) => k !== "optimizer" && !exclude.includes(k) && typeof v !== "function",
  );
  const own = entries.filter(([k]) => !(self instanceof _LRScheduler && BASE_FIELDS.includes(k)));
  const base = BASE_FIELDS.flatMap((k) =>
    entries.filter(([key]) => key === k && self instanceof _LRScheduler),
  );
  const out: Record<string, unknown> = {};
  for (const [k, v] of [...own, ...base]) out[k] = Array.isArray(v) ? [...(v as unknown[])] : v;
  return out;
}

/**
 * torch.optim.lr_scheduler._LRScheduler. PyTorch's subclasses set their fields and then call
 * `super().__init__`, which takes the initial step; a JS subclass cannot set fields before super(), so
 * one whose get_lr() needs its own fields sets `static deferInitialStep = true` and calls
 * `this._initial_step()` at the end of its constructor, as the schedulers here do.
 */
export class _LRScheduler {
  protected static deferInitialStep = false;
  protected static skipBaseInit = false;

  optimizer: AnyOptimizer;
  base_lrs: number[];
  last_epoch: number;
  verbose: unknown;
  _step_count = 0;
  _get_lr_called_within_step = false;
  _last_lr: number[] = [];

  constructor(...args: CallArgs<"_LRScheduler.__init__">) {
    // ChainedScheduler and SequentialLR are subclasses that never call _LRScheduler.__init__.
    if ((new.target as typeof _LRScheduler).skipBaseInit) {
      this.optimizer = undefined as unknown as AnyOptimizer;
      this.base_lrs = [];
      this.last_epoch = 0;
      return;
    }
    const [optimizer, last_epoch, verbose] = INIT.bind(args);
    checkOptimizer(optimizer);
    this.optimizer = optimizer;
    if (last_epoch === -1) {
      for (const group of optimizer.param_groups) if (!("initial_lr" in group)) group.initial_lr = group.lr;
    } else {
      optimizer.param_groups.forEach((group, i) => {
        if (!("initial_lr" in group))
          throw new KeyError(
            pyRepr(`param 'initial_lr' is not specified in param_groups[${i}] when resuming an optimizer`),
          );
      });
    }
    this.base_lrs = optimizer.param_groups.map((g) => g.initial_lr as number);
    this.last_epoch = last_epoch as number;
    // Count optimizer.step() calls so step() can warn when the scheduler is stepped first.
    const current = optimizer.step as StepFn;
    if (!current._with_counter) {
      const original = current.bind(optimizer) as (...a: unknown[]) => unknown;
      const wrapped: StepFn = (...a: never[]) => {
        optimizer._step_count += 1;
        return original(...a);
      };
      wrapped._with_counter = true;
      optimizer.step = wrapped as unknown as AnyOptimizer["step"];
    }
    this.verbose = verbose;
    if (!(new.target as typeof _LRScheduler).deferInitialStep) this._initial_step();
  }

  _initial_step(): void {
    this.optimizer._step_count = 0;
    this._step_count = 0;
    this.step();
  }

  /** The schedule's next learning rates (each scheduler's chainable form). */
  get_lr(...args: CallArgs<"_LRScheduler.get_lr">): number[] {
    if (args.length > 0) GET_LR.bind(args);
    throw new NotImplementedError("");
  }

  protected _get_closed_form_lr?(): number[];

  state_dict(...args: CallArgs<"_LRScheduler.state_dict">): Record<string, unknown> {
    if (args.length > 0) STATE_DICT.bind(args);
    return ownState(this, []);
  }

  load_state_dict(...args: CallArgs<"_LRScheduler.load_state_dict">): void {
    const [stateDict] = LOAD_STATE_DICT.bind(args);
    Object.assign(this, Object.fromEntries(pyDictItems(stateDict)));
  }

  get_last_lr(...args: CallArgs<"_LRScheduler.get_last_lr">): number[] {
    if (args.length > 0) GET_LAST_LR.bind(args);
    return this._last_lr;
  }

  print_lr(...args: CallArgs<"_LRScheduler.print_lr">): void {
    const [isVerbose, group, lr, epoch] = PRINT_LR.bind(args);
    if (!pyTruthy(isVerbose)) return;
    if (epoch === null)
      console.log(`Adjusting learning rate of group ${pyStr(group)} to ${pyFormatExp(lr)}.`);
    else
      console.log(
        `Epoch ${pyFormatEpoch(epoch)}: adjusting learning rate of group ${pyStr(group)} to ${pyFormatExp(lr)}.`,
      );
  }

  protected warnOutsideStep(): void {
    if (!this._get_lr_called_within_step) emitWarning(GET_LR_WARNING);
  }

  step(...args: CallArgs<"_LRScheduler.step">): void {
    const epoch = args.length === 0 ? null : STEP.bind(args)[0];
    if (this._step_count === 1) {
      if (!(this.optimizer.step as StepFn)._with_counter) {
        emitWarning(
          "Seems like `optimizer.step()` has been overridden after learning rate scheduler initialization. Please, make sure to call `optimizer.step()` before `lr_scheduler.step()`. See more details at https://pytorch.org/docs/stable/optim.html#how-to-adjust-learning-rate",
        );
      } else if (this.optimizer._step_count < 1) {
        emitWarning(
          "Detected call of `lr_scheduler.step()` before `optimizer.step()`. In PyTorch 1.1.0 and later, you should call them in the opposite order: `optimizer.step()` before `lr_scheduler.step()`.  Failure to do this will result in PyTorch skipping the first value of the learning rate schedule. See more details at https://pytorch.org/docs/stable/optim.html#how-to-adjust-learning-rate",
        );
      }
    }
    this._step_count += 1;
    let values: number[];
    this._get_lr_called_within_step = true;
    try {
      if (epoch === null) {
        this.last_epoch += 1;
        values = this.get_lr();
      } else {
        emitWarning(EPOCH_DEPRECATION_WARNING);
        this.last_epoch = epoch;
        values = this._get_closed_form_lr ? this._get_closed_form_lr() : this.get_lr();
      }
    } finally {
      this._get_lr_called_within_step = false;
    }
    this.optimizer.param_groups.forEach((group, i) => {
      if (i >= values.length) return;
      group.lr = values[i];
      if (pyTruthy(this.verbose)) this.print_lr(true, i, values[i], epoch);
    });
    this._last_lr = this.optimizer.param_groups.map((g) => g.lr);
  }

  toString(): string {
    return `<${MODULE}.${this.constructor.name} object>`;
  }
}

// ---- LambdaLR and MultiplicativeLR: one lr_lambda per param group ----

/**
 * LambdaLR's and MultiplicativeLR's lr_lambda: one function per param group, or a list that must have one
 * per group. PyTorch reads the groups before checking that this is an optimizer.
 */
export function lambdasPerGroup(optimizer: unknown, lr_lambda: unknown): unknown[] {
  const groups = pyLen(pyAttr(optimizer, "param_groups"));
  if (Array.isArray(lr_lambda) && lr_lambda.length !== groups)
    throw new ValueError(`Expected ${groups} lr_lambdas, but got ${lr_lambda.length}`);
  return Array.isArray(lr_lambda) ? [...lr_lambda] : Array.from({ length: groups }, () => lr_lambda);
}

/** Functions are not saved: `lr_lambdas` holds null for each, as PyTorch does for plain functions. */
export function lambdaStateDict(
  scheduler: _LRScheduler & { lr_lambdas: unknown[] },
): Record<string, unknown> {
  return { ...ownState(scheduler, ["lr_lambdas"]), lr_lambdas: scheduler.lr_lambdas.map(() => null) };
}

/** PyTorch pops "lr_lambdas" first, then updates __dict__: anything else fails there, as here. */
export function loadLambdaStateDict(scheduler: _LRScheduler, stateDict: unknown): void {
  if (!isPlainObject(stateDict) && !(stateDict instanceof Map))
    throw new AttributeError(`'${pyTypeName(stateDict)}' object has no attribute 'pop'`);
  // Functions are not saved (their entries are None), so there is nothing of them to restore.
  pyGetKey(stateDict, "lr_lambdas");
  Object.assign(scheduler, Object.fromEntries(pyDictItems(stateDict).filter(([k]) => k !== "lr_lambdas")));
}
