// torch.optim.lr_scheduler.OneCycleLR (PyTorch 1.13): lr (and momentum) annealed through 2 or 3 phases.
import { ValueError } from "../errors.js";
import { pyNum, type GroupBase } from "./optimizer.js";
import { checkOptimizer, LRScheduler, type AnyOptimizer } from "./lr_scheduler_base.js";

export interface OneCycleLROptions {
  total_steps?: number | null;
  epochs?: number | null;
  steps_per_epoch?: number | null;
  pct_start?: number;
  anneal_strategy?: "cos" | "linear";
  cycle_momentum?: boolean;
  base_momentum?: number | number[];
  max_momentum?: number | number[];
  div_factor?: number;
  final_div_factor?: number;
  three_phase?: boolean;
  last_epoch?: number;
  verbose?: boolean;
}

interface Phase {
  end_step: number;
  start_lr: string;
  end_lr: string;
  start_momentum: string;
  end_momentum: string;
}

export class OneCycleLR extends LRScheduler {
  total_steps: number;
  _schedule_phases: Phase[];
  anneal_strategy: "cos" | "linear";
  cycle_momentum: boolean;
  use_beta1 = false;

  constructor(optimizer: AnyOptimizer, max_lr: number | number[], options: OneCycleLROptions = {}) {
    checkOptimizer(optimizer);
    const {
      total_steps = null,
      epochs = null,
      steps_per_epoch = null,
      pct_start = 0.3,
      anneal_strategy = "cos",
      cycle_momentum = true,
      base_momentum = 0.85,
      max_momentum = 0.95,
      div_factor = 25.0,
      final_div_factor = 1e4,
      three_phase = false,
      last_epoch = -1,
      verbose = false,
    } = options;
    let total: number;
    if (total_steps === null && epochs === null && steps_per_epoch === null) {
      throw new ValueError("You must define either total_steps OR (epochs AND steps_per_epoch)");
    } else if (total_steps !== null) {
      if (total_steps <= 0 || !Number.isInteger(total_steps))
        throw new ValueError(`Expected positive integer total_steps, but got ${total_steps}`);
      total = total_steps;
    } else {
      if (epochs === null || epochs <= 0 || !Number.isInteger(epochs))
        throw new ValueError(
          `Expected positive integer epochs, but got ${epochs === null ? "None" : epochs}`,
        );
      if (steps_per_epoch === null || steps_per_epoch <= 0 || !Number.isInteger(steps_per_epoch)) {
        throw new ValueError(
          `Expected positive integer steps_per_epoch, but got ${steps_per_epoch === null ? "None" : steps_per_epoch}`,
        );
      }
      total = epochs * steps_per_epoch;
    }
    const phases: Phase[] = three_phase
      ? [
          {
            end_step: pct_start * total - 1,
            start_lr: "initial_lr",
            end_lr: "max_lr",
            start_momentum: "max_momentum",
            end_momentum: "base_momentum",
          },
          {
            end_step: 2 * pct_start * total - 2,
            start_lr: "max_lr",
            end_lr: "initial_lr",
            start_momentum: "base_momentum",
            end_momentum: "max_momentum",
          },
          {
            end_step: total - 1,
            start_lr: "initial_lr",
            end_lr: "min_lr",
            start_momentum: "max_momentum",
            end_momentum: "max_momentum",
          },
        ]
      : [
          {
            end_step: pct_start * total - 1,
            start_lr: "initial_lr",
            end_lr: "max_lr",
            start_momentum: "max_momentum",
            end_momentum: "base_momentum",
          },
          {
            end_step: total - 1,
            start_lr: "max_lr",
            end_lr: "min_lr",
            start_momentum: "base_momentum",
            end_momentum: "max_momentum",
          },
        ];
    if (pct_start < 0 || pct_start > 1 || typeof pct_start !== "number")
      throw new ValueError(`Expected float between 0 and 1 pct_start, but got ${pyNum(pct_start)}`);
    if (anneal_strategy !== "cos" && anneal_strategy !== "linear")
      throw new ValueError(
        `anneal_strategy must by one of 'cos' or 'linear', instead got ${String(anneal_strategy)}`,
      );
    const groups = optimizer.param_groups;
    const max_lrs = formatParam("max_lr", groups, max_lr);
    if (last_epoch === -1) {
      groups.forEach((group, i) => {
        group.initial_lr = max_lrs[i] / div_factor;
        group.max_lr = max_lrs[i];
        group.min_lr = max_lrs[i] / div_factor / final_div_factor;
      });
    }
    let useBeta1 = false;
    if (cycle_momentum) {
      if (!("momentum" in optimizer.defaults) && !("betas" in optimizer.defaults))
        throw new ValueError("optimizer must support momentum with `cycle_momentum` option enabled");
      useBeta1 = "betas" in optimizer.defaults;
      const maxMomentums = formatParam("max_momentum", groups, max_momentum);
      const baseMomentums = formatParam("base_momentum", groups, base_momentum);
      if (last_epoch === -1) {
        groups.forEach((group, i) => {
          if (useBeta1) group.betas = [maxMomentums[i], ...(group.betas as number[]).slice(1)];
          else group.momentum = maxMomentums[i];
          group.max_momentum = maxMomentums[i];
          group.base_momentum = baseMomentums[i];
        });
      }
    }
    super(optimizer, last_epoch, verbose);
    this.total_steps = total;
    this._schedule_phases = phases;
    this.anneal_strategy = anneal_strategy;
    this.cycle_momentum = cycle_momentum;
    this.use_beta1 = useBeta1;
    this._initial_step();
  }

  private anneal(start: number, end: number, pct: number): number {
    if (this.anneal_strategy === "cos") {
      const cos_out = Math.cos(Math.PI * pct) + 1;
      return end + ((start - end) / 2.0) * cos_out;
    }
    return (end - start) * pct + start;
  }

  get_lr(): number[] {
    this.warnOutsideStep();
    const step_num = this.last_epoch;
    if (step_num > this.total_steps) {
      throw new ValueError(
        `Tried to step ${step_num + 1} times. The specified number of total steps is ${this.total_steps}`,
      );
    }
    return this.optimizer.param_groups.map((group: GroupBase) => {
      let start_step = 0;
      let lr = 0;
      let momentum = 0;
      const phases = this._schedule_phases;
      for (let i = 0; i < phases.length; i++) {
        const phase = phases[i];
        const end_step = phase.end_step;
        if (step_num <= end_step || i === phases.length - 1) {
          const pct = (step_num - start_step) / (end_step - start_step);
          lr = this.anneal(group[phase.start_lr] as number, group[phase.end_lr] as number, pct);
          if (this.cycle_momentum)
            momentum = this.anneal(
              group[phase.start_momentum] as number,
              group[phase.end_momentum] as number,
              pct,
            );
          break;
        }
        start_step = phase.end_step;
      }
      if (this.cycle_momentum) {
        if (this.use_beta1) group.betas = [momentum, ...(group.betas as number[]).slice(1)];
        else group.momentum = momentum;
      }
      return lr;
    });
  }
}

function formatParam(name: string, groups: GroupBase[], param: number | number[]): number[] {
  if (Array.isArray(param)) {
    if (param.length !== groups.length)
      throw new ValueError(`expected ${groups.length} values for ${name}, got ${param.length}`);
    return param;
  }
  return groups.map(() => param);
}
