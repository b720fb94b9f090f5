// torch.optim.lr_scheduler: PyTorch 1.13's chainable (recursive) formulas, so lr sequences match step for step.
import { ValueError } from "../errors.js";
import { LRScheduler, ownState, type AnyOptimizer } from "./lr_scheduler_base.js";

export { LRScheduler, _LRScheduler } from "./lr_scheduler_base.js";
export { OneCycleLR, type OneCycleLROptions } from "./one_cycle_lr.js";
export { ReduceLROnPlateau, type ReduceLROnPlateauOptions } from "./reduce_lr_on_plateau.js";

export type LrLambda = (epoch: number) => number;

export class LambdaLR extends LRScheduler {
  lr_lambdas: LrLambda[];

  constructor(optimizer: AnyOptimizer, lr_lambda: LrLambda | LrLambda[], last_epoch = -1, verbose = false) {
    super(optimizer, last_epoch, verbose);
    if (!Array.isArray(lr_lambda)) this.lr_lambdas = optimizer.param_groups.map(() => lr_lambda);
    else {
      if (lr_lambda.length !== optimizer.param_groups.length)
        throw new ValueError(
          `Expected ${optimizer.param_groups.length} lr_lambdas, but got ${lr_lambda.length}`,
        );
      this.lr_lambdas = [...lr_lambda];
    }
    this._initial_step();
  }

  /** Functions are not saved: `lr_lambdas` holds null for each, as PyTorch does for plain functions. */
  override state_dict(): Record<string, unknown> {
    return { ...ownState(this, ["lr_lambdas"]), lr_lambdas: this.lr_lambdas.map(() => null) };
  }

  override load_state_dict(stateDict: Record<string, unknown>): void {
    const { lr_lambdas: _ignored, ...rest } = stateDict;
    void _ignored;
    Object.assign(this, rest);
  }

  get_lr(): number[] {
    this.warnOutsideStep();
    return this.lr_lambdas.map((fn, i) => this.base_lrs[i] * fn(this.last_epoch));
  }
}

export class StepLR extends LRScheduler {
  step_size: number;
  gamma: number;

  constructor(optimizer: AnyOptimizer, step_size: number, gamma = 0.1, last_epoch = -1, verbose = false) {
    super(optimizer, last_epoch, verbose);
    this.step_size = step_size;
    this.gamma = gamma;
    this._initial_step();
  }

  get_lr(): number[] {
    this.warnOutsideStep();
    const groups = this.optimizer.param_groups;
    if (this.last_epoch === 0 || pyMod(this.last_epoch, this.step_size) !== 0) return groups.map((g) => g.lr);
    return groups.map((g) => g.lr * this.gamma);
  }

  protected override _get_closed_form_lr(): number[] {
    return this.base_lrs.map((base) => base * this.gamma ** Math.floor(this.last_epoch / this.step_size));
  }
}

export class MultiStepLR extends LRScheduler {
  /** Python's Counter(milestones): milestone -> how many times it was listed. */
  milestones: Record<number, number>;
  gamma: number;

  constructor(optimizer: AnyOptimizer, milestones: number[], gamma = 0.1, last_epoch = -1, verbose = false) {
    super(optimizer, last_epoch, verbose);
    this.milestones = {};
    for (const m of milestones) this.milestones[m] = (this.milestones[m] ?? 0) + 1;
    this.gamma = gamma;
    this._initial_step();
  }

  get_lr(): number[] {
    this.warnOutsideStep();
    const groups = this.optimizer.param_groups;
    const count = this.milestones[this.last_epoch];
    if (count === undefined) return groups.map((g) => g.lr);
    return groups.map((g) => g.lr * this.gamma ** count);
  }

  protected override _get_closed_form_lr(): number[] {
    let passed = 0;
    for (const [m, count] of Object.entries(this.milestones))
      if (Number(m) <= this.last_epoch) passed += count;
    return this.base_lrs.map((base) => base * this.gamma ** passed);
  }
}

export class ExponentialLR extends LRScheduler {
  gamma: number;

  constructor(optimizer: AnyOptimizer, gamma: number, last_epoch = -1, verbose = false) {
    super(optimizer, last_epoch, verbose);
    this.gamma = gamma;
    this._initial_step();
  }

  get_lr(): number[] {
    this.warnOutsideStep();
    const groups = this.optimizer.param_groups;
    if (this.last_epoch === 0) return groups.map((g) => g.lr);
    return groups.map((g) => g.lr * this.gamma);
  }

  protected override _get_closed_form_lr(): number[] {
    return this.base_lrs.map((base) => base * this.gamma ** this.last_epoch);
  }
}

export class CosineAnnealingLR extends LRScheduler {
  T_max: number;
  eta_min: number;

  constructor(optimizer: AnyOptimizer, T_max: number, eta_min = 0, last_epoch = -1, verbose = false) {
    super(optimizer, last_epoch, verbose);
    this.T_max = T_max;
    this.eta_min = eta_min;
    this._initial_step();
  }

  get_lr(): number[] {
    this.warnOutsideStep();
    const groups = this.optimizer.param_groups;
    const { eta_min, T_max, last_epoch } = this;
    if (last_epoch === 0) return groups.map((g) => g.lr);
    if (this._step_count === 1 && last_epoch > 0) {
      return this.base_lrs.map(
        (base) => eta_min + ((base - eta_min) * (1 + Math.cos((last_epoch * Math.PI) / T_max))) / 2,
      );
    }
    if (pyMod(last_epoch - 1 - T_max, 2 * T_max) === 0) {
      return groups.map(
        (g, i) => g.lr + ((this.base_lrs[i] - eta_min) * (1 - Math.cos(Math.PI / T_max))) / 2,
      );
    }
    return groups.map(
      (g) =>
        ((1 + Math.cos((Math.PI * last_epoch) / T_max)) /
          (1 + Math.cos((Math.PI * (last_epoch - 1)) / T_max))) *
          (g.lr - eta_min) +
        eta_min,
    );
  }

  protected override _get_closed_form_lr(): number[] {
    const { eta_min, T_max, last_epoch } = this;
    return this.base_lrs.map(
      (base) => eta_min + ((base - eta_min) * (1 + Math.cos((Math.PI * last_epoch) / T_max))) / 2,
    );
  }
}

/** Python's % (the result takes the divisor's sign). */
function pyMod(a: number, b: number): number {
  return ((a % b) + b) % b;
}
