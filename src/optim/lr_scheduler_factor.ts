// torch.optim.lr_scheduler's factor schedules (PyTorch 1.13): MultiplicativeLR, ConstantLR, LinearLR and
// PolynomialLR, each in its chainable form with its closed form for step(epoch).
import { ValueError } from "../errors.js";
import { PySignature, type CallArgs } from "../signatures/registry.js";
import {
  _LRScheduler,
  lambdasPerGroup,
  lambdaStateDict,
  loadLambdaStateDict,
  MODULE,
} from "./lr_scheduler_base.js";
import { ONE, pyCall, pyCompare, pyPow } from "./python.js";

const MULTIPLICATIVE_INIT = new PySignature(
  MODULE,
  "MultiplicativeLR.__init__(optimizer, lr_lambda, last_epoch=-1, verbose=False)",
);
const MULTIPLICATIVE_GET_LR = new PySignature(MODULE, "MultiplicativeLR.get_lr()");
const MULTIPLICATIVE_STATE_DICT = new PySignature(MODULE, "MultiplicativeLR.state_dict()");
const MULTIPLICATIVE_LOAD_STATE_DICT = new PySignature(
  MODULE,
  "MultiplicativeLR.load_state_dict(state_dict: dict | object)",
);

/** Multiplies each group's lr by lr_lambda(epoch) at every step after the first. */
export class MultiplicativeLR extends _LRScheduler {
  protected static override deferInitialStep = true;
  lr_lambdas: unknown[];

  constructor(...args: CallArgs<"MultiplicativeLR.__init__">) {
    const [optimizer, lr_lambda, last_epoch, verbose] = MULTIPLICATIVE_INIT.bind(args);
    const lambdas = lambdasPerGroup(optimizer, lr_lambda);
    super(optimizer, last_epoch, verbose);
    this.lr_lambdas = lambdas;
    this._initial_step();
  }

  override state_dict(...args: CallArgs<"MultiplicativeLR.state_dict">): Record<string, unknown> {
    if (args.length > 0) MULTIPLICATIVE_STATE_DICT.bind(args);
    return lambdaStateDict(this);
  }

  override load_state_dict(...args: CallArgs<"MultiplicativeLR.load_state_dict">): void {
    loadLambdaStateDict(this, MULTIPLICATIVE_LOAD_STATE_DICT.bind(args)[0]);
  }

  override get_lr(...args: CallArgs<"MultiplicativeLR.get_lr">): number[] {
    if (args.length > 0) MULTIPLICATIVE_GET_LR.bind(args);
    this.warnOutsideStep();
    const groups = this.optimizer.param_groups;
    if (this.last_epoch > 0)
      return groups.map((g, i) => g.lr * pyCall<number>(this.lr_lambdas[i], this.last_epoch));
    return groups.map((g) => g.lr);
  }
}

// factor is unannotated: PyTorch compares it with 0 and 1 itself.
const CONSTANT_INIT = new PySignature(
  MODULE,
  "ConstantLR.__init__(optimizer, factor=0.3333333333333333, total_iters=5, last_epoch=-1, verbose=False)",
);
const CONSTANT_GET_LR = new PySignature(MODULE, "ConstantLR.get_lr()");

/** Scales the lr by `factor` until epoch `total_iters`. */
export class ConstantLR extends _LRScheduler {
  protected static override deferInitialStep = true;
  factor: number;
  total_iters: number;

  constructor(...args: CallArgs<"ConstantLR.__init__">) {
    const [optimizer, factor, total_iters, last_epoch, verbose] = CONSTANT_INIT.bind(args);
    if (pyCompare(factor, ">", ONE) || pyCompare(factor, "<", 0))
      throw new ValueError("Constant multiplicative factor expected to be between 0 and 1.");
    super(optimizer, last_epoch, verbose);
    this.factor = factor as number;
    this.total_iters = total_iters as number;
    this._initial_step();
  }

  override get_lr(...args: CallArgs<"ConstantLR.get_lr">): number[] {
    if (args.length > 0) CONSTANT_GET_LR.bind(args);
    this.warnOutsideStep();
    const groups = this.optimizer.param_groups;
    if (this.last_epoch === 0) return groups.map((g) => g.lr * this.factor);
    if (this.last_epoch !== this.total_iters) return groups.map((g) => g.lr);
    return groups.map((g) => g.lr * (1.0 / this.factor));
  }

  protected override _get_closed_form_lr(): number[] {
    const after = this.last_epoch >= this.total_iters ? 1 : 0;
    return this.base_lrs.map((base) => base * (this.factor + after * (1 - this.factor)));
  }
}

// start_factor and end_factor are unannotated: PyTorch compares them with 0 and 1 itself.
const LINEAR_INIT = new PySignature(
  MODULE,
  "LinearLR.__init__(optimizer, start_factor=0.3333333333333333, end_factor=1.0, total_iters=5, last_epoch=-1, verbose=False)",
);
const LINEAR_GET_LR = new PySignature(MODULE, "LinearLR.get_lr()");

/** Moves the lr's factor linearly from start_factor to end_factor over total_iters epochs. */
export class LinearLR extends _LRScheduler {
  protected static override deferInitialStep = true;
  start_factor: number;
  end_factor: number;
  total_iters: number;

  constructor(...args: CallArgs<"LinearLR.__init__">) {
    const [optimizer, start_factor, end_factor, total_iters, last_epoch, verbose] = LINEAR_INIT.bind(args);
    if (pyCompare(start_factor, ">", ONE) || pyCompare(start_factor, "<", 0))
      throw new ValueError("Starting multiplicative factor expected to be between 0 and 1.");
    if (pyCompare(end_factor, ">", ONE) || pyCompare(end_factor, "<", 0))
      throw new ValueError("Ending multiplicative factor expected to be between 0 and 1.");
    super(optimizer, last_epoch, verbose);
    this.start_factor = start_factor as number;
    this.end_factor = end_factor as number;
    this.total_iters = total_iters as number;
    this._initial_step();
  }

  override get_lr(...args: CallArgs<"LinearLR.get_lr">): number[] {
    if (args.length > 0) LINEAR_GET_LR.bind(args);
    this.warnOutsideStep();
    const groups = this.optimizer.param_groups;
    const { start_factor, end_factor, total_iters, last_epoch } = this;
    if (last_epoch === 0) return groups.map((g) => g.lr * start_factor);
    if (last_epoch > total_iters) return groups.map((g) => g.lr);
    return groups.map(
      (g) =>
        g.lr *
        (1 +
          (end_factor - start_factor) /
            (total_iters * start_factor + (last_epoch - 1) * (end_factor - start_factor))),
    );
  }

  protected override _get_closed_form_lr(): number[] {
    const { start_factor, end_factor, total_iters, last_epoch } = this;
    return this.base_lrs.map(
      (base) =>
        base *
        (start_factor + ((end_factor - start_factor) * Math.min(total_iters, last_epoch)) / total_iters),
    );
  }
}

const POLYNOMIAL_INIT = new PySignature(
  MODULE,
  "PolynomialLR.__init__(optimizer, total_iters=5, power=1.0, last_epoch=-1, verbose=False)",
);
const POLYNOMIAL_GET_LR = new PySignature(MODULE, "PolynomialLR.get_lr()");

/** Decays the lr as (1 - epoch / total_iters) ** power. */
export class PolynomialLR extends _LRScheduler {
  protected static override deferInitialStep = true;
  total_iters: number;
  power: number;

  constructor(...args: CallArgs<"PolynomialLR.__init__">) {
    const [optimizer, total_iters, power, last_epoch, verbose] = POLYNOMIAL_INIT.bind(args);
    super(optimizer, last_epoch, verbose);
    this.total_iters = total_iters as number;
    this.power = power as number;
    this._initial_step();
  }

  override get_lr(...args: CallArgs<"PolynomialLR.get_lr">): number[] {
    if (args.length > 0) POLYNOMIAL_GET_LR.bind(args);
    this.warnOutsideStep();
    const groups = this.optimizer.param_groups;
    const { total_iters, last_epoch } = this;
    if (last_epoch === 0 || last_epoch > total_iters) return groups.map((g) => g.lr);
    const decay_factor = pyPow(
      (1.0 - last_epoch / total_iters) / (1.0 - (last_epoch - 1) / total_iters),
      this.power,
    );
    return groups.map((g) => g.lr * decay_factor);
  }

  protected override _get_closed_form_lr(): number[] {
    const { total_iters, last_epoch } = this;
    return this.base_lrs.map(
      (base) => base * pyPow(1.0 - Math.min(total_iters, last_epoch) / total_iters, this.power),
    );
  }
}
