// torch.optim.lr_scheduler: PyTorch 1.13's chainable (recursive) formulas, so lr sequences match step for step.
import { PySignature, type CallArgs } from "../signatures/registry.js";
import {
  _LRScheduler,
  lambdasPerGroup,
  lambdaStateDict,
  loadLambdaStateDict,
  MODULE,
  type AnyOptimizer,
} from "./lr_scheduler_base.js";
import { pyCall } from "./python.js";

export { _LRScheduler, EPOCH_DEPRECATION_WARNING } from "./lr_scheduler_base.js";
export { OneCycleLR } from "./one_cycle_lr.js";
export { ReduceLROnPlateau } from "./reduce_lr_on_plateau.js";
export { ConstantLR, LinearLR, MultiplicativeLR, PolynomialLR } from "./lr_scheduler_factor.js";
export {
  ChainedScheduler,
  CosineAnnealingWarmRestarts,
  CyclicLR,
  SequentialLR,
} from "./lr_scheduler_cyclic.js";

export type LrLambda = (epoch: number) => number;

// lr_lambda is unannotated: PyTorch stores anything and calls it, and so do we.
const LAMBDA_INIT = new PySignature(
  MODULE,
  "LambdaLR.__init__(optimizer, lr_lambda, last_epoch=-1, verbose=False)",
);
const LAMBDA_GET_LR = new PySignature(MODULE, "LambdaLR.get_lr()");
const LAMBDA_STATE_DICT = new PySignature(MODULE, "LambdaLR.state_dict()");
// PyTorch pops "lr_lambdas" first, then updates __dict__: anything else fails there, as here.
const LAMBDA_LOAD_STATE_DICT = new PySignature(MODULE, "LambdaLR.load_state_dict(state_dict: dict | object)");

export class LambdaLR extends _LRScheduler {
  protected static override deferInitialStep = true;
  lr_lambdas: unknown[];

  constructor(...args: CallArgs<"LambdaLR.__init__">) {
    const [optimizer, lr_lambda, last_epoch, verbose] = LAMBDA_INIT.bind(args);
    const lambdas = lambdasPerGroup(optimizer, lr_lambda);
    super(optimizer, last_epoch, verbose);
    this.lr_lambdas = lambdas;
    this._initial_step();
  }

  /** Functions are not saved: `lr_lambdas` holds null for each, as PyTorch does for plain functions. */
  override state_dict(...args: CallArgs<"LambdaLR.state_dict">): Record<string, unknown> {
    if (args.length > 0) LAMBDA_STATE_DICT.bind(args);
    return lambdaStateDict(this);
  }

  override load_state_dict(...args: CallArgs<"LambdaLR.load_state_dict">): void {
    loadLambdaStateDict(this, LAMBDA_LOAD_STATE_DICT.bind(args)[0]);
  }

  override get_lr(...args: CallArgs<"LambdaLR.get_lr">): number[] {
    if (args.length > 0) LAMBDA_GET_LR.bind(args);
    this.warnOutsideStep();
    return this.lr_lambdas.map((fn, i) => this.base_lrs[i] * pyCall<number>(fn, this.last_epoch));
  }
}

const STEP_INIT = new PySignature(
  MODULE,
  "StepLR.__init__(optimizer, step_size: int, gamma: float = 0.1, last_epoch=-1, verbose=False)",
);
const STEP_GET_LR = new PySignature(MODULE, "StepLR.get_lr()");

export class StepLR extends _LRScheduler {
  protected static override deferInitialStep = true;
  step_size: number;
  gamma: number;

  constructor(...args: CallArgs<"StepLR.__init__">) {
    const [optimizer, step_size, gamma, last_epoch, verbose] = STEP_INIT.bind(args);
    super(optimizer, last_epoch, verbose);
    this.step_size = step_size;
    this.gamma = gamma;
    this._initial_step();
  }

  override get_lr(...args: CallArgs<"StepLR.get_lr">): number[] {
    if (args.length > 0) STEP_GET_LR.bind(args);
    this.warnOutsideStep();
    const groups = this.optimizer.param_groups;
    if (this.last_epoch === 0 || pyMod(this.last_epoch, this.step_size) !== 0) return groups.map((g) => g.lr);
    return groups.map((g) => g.lr * this.gamma);
  }

  protected override _get_closed_form_lr(): number[] {
    return this.base_lrs.map((base) => base * this.gamma ** Math.floor(this.last_epoch / this.step_size));
  }
}

const MULTI_STEP_INIT = new PySignature(
  MODULE,
  "MultiStepLR.__init__(optimizer, milestones: int[], gamma: float = 0.1, last_epoch=-1, verbose=False)",
);
const MULTI_STEP_GET_LR = new PySignature(MODULE, "MultiStepLR.get_lr()");

export class MultiStepLR extends _LRScheduler {
  protected static override deferInitialStep = true;
  /** Python's Counter(milestones): milestone -> how many times it was listed. */
  milestones: Record<number, number>;
  gamma: number;

  constructor(...args: CallArgs<"MultiStepLR.__init__">) {
    const [optimizer, milestones, gamma, last_epoch, verbose] = MULTI_STEP_INIT.bind(args);
    super(optimizer, last_epoch, verbose);
    this.milestones = {};
    for (const m of milestones) this.milestones[m] = (this.milestones[m] ?? 0) + 1;
    this.gamma = gamma;
    this._initial_step();
  }

  override get_lr(...args: CallArgs<"MultiStepLR.get_lr">): number[] {
    if (args.length > 0) MULTI_STEP_GET_LR.bind(args);
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

const EXPONENTIAL_INIT = new PySignature(
  MODULE,
  "ExponentialLR.__init__(optimizer, gamma: float, last_epoch=-1, verbose=False)",
);
const EXPONENTIAL_GET_LR = new PySignature(MODULE, "ExponentialLR.get_lr()");

export class ExponentialLR extends _LRScheduler {
  protected static override deferInitialStep = true;
  gamma: number;

  constructor(...args: CallArgs<"ExponentialLR.__init__">) {
    const [optimizer, gamma, last_epoch, verbose] = EXPONENTIAL_INIT.bind(args);
    super(optimizer, last_epoch, verbose);
    this.gamma = gamma;
    this._initial_step();
  }

  override get_lr(...args: CallArgs<"ExponentialLR.get_lr">): number[] {
    if (args.length > 0) EXPONENTIAL_GET_LR.bind(args);
    this.warnOutsideStep();
    const groups = this.optimizer.param_groups;
    if (this.last_epoch === 0) return groups.map((g) => g.lr);
    return groups.map((g) => g.lr * this.gamma);
  }

  protected override _get_closed_form_lr(): number[] {
    return this.base_lrs.map((base) => base * this.gamma ** this.last_epoch);
  }
}

const COSINE_INIT = new PySignature(
  MODULE,
  "CosineAnnealingLR.__init__(optimizer, T_max: float, eta_min: float = 0, last_epoch=-1, verbose=False)",
);
const COSINE_GET_LR = new PySignature(MODULE, "CosineAnnealingLR.get_lr()");

export class CosineAnnealingLR extends _LRScheduler {
  protected static override deferInitialStep = true;
  T_max: number;
  eta_min: number;

  constructor(...args: CallArgs<"CosineAnnealingLR.__init__">) {
    const [optimizer, T_max, eta_min, last_epoch, verbose] = COSINE_INIT.bind(args);
    super(optimizer, last_epoch, verbose);
    this.T_max = T_max;
    this.eta_min = eta_min;
    this._initial_step();
  }

  override get_lr(...args: CallArgs<"CosineAnnealingLR.get_lr">): number[] {
    if (args.length > 0) COSINE_GET_LR.bind(args);
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

/** The optimizer type the schedulers take (for callers that hold one). */
export type { AnyOptimizer };
