// torch.optim.lr_scheduler.ReduceLROnPlateau (PyTorch 1.13).
import { ValueError } from "../errors.js";
import { Tensor } from "../tensor/tensor.js";
import { emitWarning } from "../warnings.js";
import {
  checkOptimizer,
  EPOCH_DEPRECATION_WARNING,
  formatExp,
  ownState,
  type AnyOptimizer,
} from "./lr_scheduler_base.js";

export interface ReduceLROnPlateauOptions {
  mode?: "min" | "max";
  factor?: number;
  patience?: number;
  threshold?: number;
  threshold_mode?: "rel" | "abs";
  cooldown?: number;
  min_lr?: number | number[];
  eps?: number;
  verbose?: boolean;
}

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
  last_epoch = 0;
  _last_lr: number[] = [];

  constructor(optimizer: AnyOptimizer, options: ReduceLROnPlateauOptions = {}) {
    const {
      mode = "min",
      factor = 0.1,
      patience = 10,
      threshold = 1e-4,
      threshold_mode = "rel",
      cooldown = 0,
      min_lr = 0,
      eps = 1e-8,
      verbose = false,
    } = options;
    if (factor >= 1.0) throw new ValueError("Factor should be < 1.0.");
    this.factor = factor;
    checkOptimizer(optimizer);
    this.optimizer = optimizer;
    const groups = optimizer.param_groups;
    if (Array.isArray(min_lr)) {
      if (min_lr.length !== groups.length)
        throw new ValueError(`expected ${groups.length} min_lrs, got ${min_lr.length}`);
      this.min_lrs = [...min_lr];
    } else this.min_lrs = groups.map(() => min_lr);
    this.patience = patience;
    this.verbose = verbose;
    this.cooldown = cooldown;
    this.mode = mode;
    this.threshold = threshold;
    this.threshold_mode = threshold_mode;
    this.eps = eps;
    this._init_is_better(mode, threshold, threshold_mode);
    this._reset();
  }

  private _reset(): void {
    this.best = this.mode_worse;
    this.cooldown_counter = 0;
    this.num_bad_epochs = 0;
  }

  step(metrics: number | Tensor, epoch?: number | null): void {
    const current = metrics instanceof Tensor ? metrics.item() : Number(metrics);
    if (epoch === undefined || epoch === null) epoch = this.last_epoch + 1;
    else emitWarning(EPOCH_DEPRECATION_WARNING);
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

  get_last_lr(): number[] {
    return this._last_lr;
  }

  private _reduce_lr(epoch: number): void {
    this.optimizer.param_groups.forEach((group, i) => {
      const old_lr = group.lr;
      const new_lr = Math.max(old_lr * this.factor, this.min_lrs[i]);
      if (old_lr - new_lr > this.eps) {
        group.lr = new_lr;
        if (this.verbose) {
          const epochStr = Number.isInteger(epoch) ? String(epoch).padStart(5, "0") : epoch.toFixed(2);
          console.log(`Epoch ${epochStr}: reducing learning rate of group ${i} to ${formatExp(new_lr)}.`);
        }
      }
    });
  }

  get in_cooldown(): boolean {
    return this.cooldown_counter > 0;
  }

  is_better(a: number, best: number): boolean {
    if (this.mode === "min" && this.threshold_mode === "rel") return a < best * (1.0 - this.threshold);
    if (this.mode === "min" && this.threshold_mode === "abs") return a < best - this.threshold;
    if (this.mode === "max" && this.threshold_mode === "rel") return a > best * (this.threshold + 1.0);
    return a > best + this.threshold;
  }

  private _init_is_better(mode: string, threshold: number, threshold_mode: string): void {
    if (mode !== "min" && mode !== "max") throw new ValueError("mode " + mode + " is unknown!");
    if (threshold_mode !== "rel" && threshold_mode !== "abs")
      throw new ValueError("threshold mode " + threshold_mode + " is unknown!");
    this.mode_worse = mode === "min" ? Infinity : -Infinity;
    this.mode = mode;
    this.threshold = threshold;
    this.threshold_mode = threshold_mode;
  }

  state_dict(): Record<string, unknown> {
    return ownState(this, []);
  }

  load_state_dict(stateDict: Record<string, unknown>): void {
    Object.assign(this, stateDict);
    this._init_is_better(this.mode, this.threshold, this.threshold_mode);
  }
}
