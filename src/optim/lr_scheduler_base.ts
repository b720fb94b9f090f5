// The _LRScheduler base class and helpers shared by torch.optim.lr_scheduler's schedulers.
import { KeyError } from "../errors.js";
import { emitWarning } from "../warnings.js";
import { Optimizer } from "./optimizer.js";

export const EPOCH_DEPRECATION_WARNING =
  "The epoch parameter in `scheduler.step()` was not necessary and is being deprecated where possible. Please use `scheduler.step()` to step the scheduler. During the deprecation, if epoch is different from None, the closed form is used instead of the new chainable form, where available. Please open an issue if you are unable to replicate your use case: https://github.com/pytorch/pytorch/issues/new/choose.";
const GET_LR_WARNING = "To get the last learning rate computed by the scheduler, please use `get_last_lr()`.";

export type AnyOptimizer = Optimizer<object>;
type StepFn = ((...args: never[]) => unknown) & { _with_counter?: boolean };

/** Python's "{:.4e}". */
export function formatExp(x: number): string {
  const [mantissa, exponent] = x.toExponential(4).split("e");
  const e = Number(exponent);
  return `${mantissa}e${e < 0 ? "-" : "+"}${String(Math.abs(e)).padStart(2, "0")}`;
}

export function checkOptimizer(optimizer: unknown): asserts optimizer is AnyOptimizer {
  if (!(optimizer instanceof Optimizer)) {
    const name =
      optimizer === null
        ? "NoneType"
        : typeof optimizer === "object"
          ? optimizer.constructor.name
          : typeof optimizer;
    throw new TypeError(`${name} is not an Optimizer`);
  }
}

/** The fields a scheduler's state_dict() holds: everything but the optimizer (and functions). */
export function ownState(self: object, exclude: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(self)) {
    if (k === "optimizer" || exclude.includes(k) || typeof v === "function") continue;
    out[k] = Array.isArray(v) ? [...(v as unknown[])] : v;
  }
  return out;
}

/** torch.optim.lr_scheduler._LRScheduler. Subclasses set their fields, then call `this._initial_step()`. */
export abstract class LRScheduler {
  optimizer: AnyOptimizer;
  base_lrs: number[];
  last_epoch: number;
  verbose: boolean;
  _step_count = 0;
  _get_lr_called_within_step = false;
  _last_lr: number[] = [];

  constructor(optimizer: AnyOptimizer, last_epoch = -1, verbose = false) {
    checkOptimizer(optimizer);
    this.optimizer = optimizer;
    if (last_epoch === -1) {
      for (const group of optimizer.param_groups) if (!("initial_lr" in group)) group.initial_lr = group.lr;
    } else {
      optimizer.param_groups.forEach((group, i) => {
        if (!("initial_lr" in group))
          throw new KeyError(
            `"param 'initial_lr' is not specified in param_groups[${i}] when resuming an optimizer"`,
          );
      });
    }
    this.base_lrs = optimizer.param_groups.map((g) => g.initial_lr as number);
    this.last_epoch = last_epoch;
    // Count optimizer.step() calls so step() can warn when the scheduler is stepped first.
    const current = optimizer.step as StepFn;
    if (!current._with_counter) {
      const original = current.bind(optimizer) as (...args: unknown[]) => unknown;
      const wrapped: StepFn = (...args: never[]) => {
        optimizer._step_count += 1;
        return original(...args);
      };
      wrapped._with_counter = true;
      optimizer.step = wrapped as unknown as AnyOptimizer["step"];
    }
    this.verbose = verbose;
  }

  protected _initial_step(): void {
    this.optimizer._step_count = 0;
    this._step_count = 0;
    this.step();
  }

  abstract get_lr(): number[];

  protected _get_closed_form_lr?(): number[];

  state_dict(): Record<string, unknown> {
    return ownState(this, []);
  }

  load_state_dict(stateDict: Record<string, unknown>): void {
    Object.assign(this, stateDict);
  }

  get_last_lr(): number[] {
    return this._last_lr;
  }

  print_lr(isVerbose: boolean, group: number, lr: number, epoch?: number | null): void {
    if (!isVerbose) return;
    if (epoch === undefined || epoch === null)
      console.log(`Adjusting learning rate of group ${group} to ${formatExp(lr)}.`);
    else {
      const epochStr = Number.isInteger(epoch) ? String(epoch).padStart(5, "0") : epoch.toFixed(2);
      console.log(`Epoch ${epochStr}: adjusting learning rate of group ${group} to ${formatExp(lr)}.`);
    }
  }

  protected warnOutsideStep(): void {
    if (!this._get_lr_called_within_step) emitWarning(GET_LR_WARNING);
  }

  step(epoch?: number | null): void {
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
      if (epoch === undefined || epoch === null) {
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
      this.print_lr(this.verbose, i, values[i], epoch);
    });
    this._last_lr = this.optimizer.param_groups.map((g) => g.lr);
  }
}

/** Python's name for the base class. */
export { LRScheduler as _LRScheduler };
