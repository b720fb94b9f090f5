// torch.optim.lr_scheduler.ReduceLROnPlateau (PyTorch 1.13).
import { ValueError } from "../errors.js";
import { PySignature, type CallArgs } from "../signatures/registry.js";
import { emitWarning } from "../warnings.js";
import {
  checkOptimizer,
  EPOCH_DEPRECATION_WARNING,
  MODULE,
  ownState,
  type AnyOptimizer,
} from "./lr_scheduler_base.js";
import { ONE, pyCompare, pyConcat, pyDictItems, pyFloat, pyFormatEpoch, pyFormatExp } from "./python.js";

// mode, factor and threshold_mode are unannotated: PyTorch checks them itself, and so do we.
const INIT = new PySignature(
  MODULE,
  "ReduceLROnPlateau.__init__(optimizer, mode='min', factor=0.1, patience: int = 10, threshold: float = 0.0001, threshold_mode='rel', cooldown: int = 0, min_lr: float | float[] = 0, eps: float = 1e-08, verbose: bool = False)",
);
// metrics goes through float() as in PyTorch (a number, a one-element tensor or a numeric str); epoch is
// stored as given (PyTorch only prints it).
const STEP = new PySignature(MODULE, "ReduceLROnPlateau.step(metrics, epoch=None)");
const IS_BETTER = new PySignature(MODULE, "ReduceLROnPlateau.is_better(a: float, best: float)");
const STATE_DICT = new PySignature(MODULE, "ReduceLROnPlateau.state_dict()");
const LOAD_STATE_DICT = new PySignature(
  MODULE,
  "ReduceLROnPlateau.load_state_dict(state_dict: dict | object)",
);

/** Reduces the lr by `factor` once the metric stops improving for `patience` epochs. */
export class ReduceLROnPlateau {
  factor: number;
  optimizer: AnyOptimizer;
  min_lrs: number[];
  patience: number;
  verbose: boolean;
  cooldown: number;
  cooldown_counter = 0;
  mode: "min" | "max";
  threshold: number;
  threshold_mode: "rel" | "abs";
  best = Infinity;
  num_bad_epochs = 0;
  mode_worse = Infinity;
  eps: number;
  last_epoch: unknown = 0;
  /** Set by step() (PyTorch's state_dict has no _last_lr before the first step). */
  declare _last_lr: number[];

  constructor(...args: CallArgs<"ReduceLROnPlateau.__init__">) {
    const [optimizer, mode, factor, patience, threshold, threshold_mode, cooldown, min_lr, eps, verbose] =
      INIT.bind(args);
    if (pyCompare(factor, ">=", ONE)) throw new ValueError("Factor should be < 1.0.");
    this.factor = factor as number;
    checkOptimizer(optimizer);
    this.optimizer = optimizer;
    const groups = optimizer.param_groups;
    if (Array.isArray(min_lr)) {
      if (min_lr.length !== groups.length)
        throw new ValueError(`expected ${groups.length} min_lrs, got ${min_lr.length}`);
      this.min_lrs = [...min_lr];
    } else this.min_lrs = groups.map(() => min_lr as number);
    this.patience = patience;
    this.verbose = verbose;
    this.cooldown = cooldown;
    this.mode = mode as "min" | "max";
    this.threshold = threshold;
    this.threshold_mode = threshold_mode as "rel" | "abs";
    this.eps = eps;
    this._init_is_better(mode, threshold, threshold_mode);
    this._reset();
  }

  private _reset(): void {
    this.best = this.mode_worse;
    this.cooldown_counter = 0;
    this.num_bad_epochs = 0;
  }

  step(...args: CallArgs<"ReduceLROnPlateau.step">): void {
    const [metrics, epochGiven] = STEP.bind(args);
    const current = pyFloat(metrics);
    let epoch: unknown;
    if (epochGiven === null) epoch = (this.last_epoch as number) + 1;
    else {
      emitWarning(EPOCH_DEPRECATION_WARNING);
      epoch = epochGiven;
    }
    this.last_epoch = epoch;
    if (this.is_better(current, this.best)) {
      this.best = current;
      this.num_bad_epochs = 0;
    } else {
      this.num_bad_epochs += 1;
    }
    if (this.in_cooldown) {
      this.cooldown_counter -= 1;
      this.num_bad_epochs = 0;
    }
    if (this.num_bad_epochs > this.patience) {
      this._reduce_lr(epoch);
      this.cooldown_counter = this.cooldown;
      this.num_bad_epochs = 0;
    }
    this._last_lr = this.optimizer.param_groups.map((g) => g.lr);
  }

  private _reduce_lr(epoch: unknown): void {
    this.optimizer.param_groups.forEach((group, i) => {
      const old_lr = group.lr;
      const new_lr = Math.max(old_lr * this.factor, this.min_lrs[i]);
      if (old_lr - new_lr > this.eps) {
        group.lr = new_lr;
        if (this.verbose)
          console.log(
            `Epoch ${pyFormatEpoch(epoch)}: reducing learning rate of group ${i} to ${pyFormatExp(new_lr)}.`,
          );
      }
    });
  }

  get in_cooldown(): boolean {
    return this.cooldown_counter > 0;
  }

  is_better(...args: CallArgs<"ReduceLROnPlateau.is_better">): boolean {
    const [a, best] =
      args.length === 2 && typeof args[0] === "number" && typeof args[1] === "number"
        ? (args as [number, number])
        : IS_BETTER.bind(args);
    if (this.mode === "min" && this.threshold_mode === "rel") return a < best * (1.0 - this.threshold);
    if (this.mode === "min" && this.threshold_mode === "abs") return a < best - this.threshold;
    if (this.mode === "max" && this.threshold_mode === "rel") return a > best * (this.threshold + 1.0);
    return a > best + this.threshold;
  }

  private _init_is_better(mode: unknown, threshold: number, threshold_mode: unknown): void {
    if (mode !== "min" && mode !== "max") throw new ValueError(pyConcat("mode ", mode) + " is unknown!");
    if (threshold_mode !== "rel" && threshold_mode !== "abs")
      throw new ValueError(pyConcat("threshold mode ", threshold_mode) + " is unknown!");
    this.mode_worse = mode === "min" ? Infinity : -Infinity;
    this.mode = mode;
    this.threshold = threshold;
    this.threshold_mode = threshold_mode;
  }

  state_dict(...args: CallArgs<"ReduceLROnPlateau.state_dict">): Record<string, unknown> {
    if (args.length > 0) STATE_DICT.bind(args);
    return ownState(this, []);
  }

  load_state_dict(...args: CallArgs<"ReduceLROnPlateau.load_state_dict">): void {
    const [stateDict] = LOAD_STATE_DICT.bind(args);
    Object.assign(this, Object.fromEntries(pyDictItems(stateDict)));
    this._init_is_better(this.mode, this.threshold, this.threshold_mode);
  }

  toString(): string {
    return `<${MODULE}.ReduceLROnPlateau object>`;
  }
}
