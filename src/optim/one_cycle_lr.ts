// torch.optim.lr_scheduler.OneCycleLR (PyTorch 1.13): lr (and momentum) annealed through 2 or 3 phases.
import { ValueError } from "../errors.js";
import { PySignature, type CallArgs } from "../signatures/registry.js";
import { type GroupBase } from "./optimizer.js";
import { checkOptimizer, _LRScheduler, MODULE } from "./lr_scheduler_base.js";
import { pyStr } from "../python.js";
import { pyCompare, pyFloat, pyTimes, pyTruthy } from "./python.js";

// total_steps, epochs, steps_per_epoch, pct_start, anneal_strategy, cycle_momentum, three_phase and
// last_epoch are unannotated: PyTorch checks them itself (comparisons, isinstance, membership, truth),
// and so do we, with its errors.
const INIT = new PySignature(
  MODULE,
  "OneCycleLR.__init__(optimizer, max_lr: float | float[], total_steps=None, epochs=None, steps_per_epoch=None, pct_start=0.3, anneal_strategy='cos', cycle_momentum=True, base_momentum: float | float[] = 0.85, max_momentum: float | float[] = 0.95, div_factor: float = 25.0, final_div_factor: float = 10000.0, three_phase=False, last_epoch=-1, verbose=False)",
);
const GET_LR = new PySignature(MODULE, "OneCycleLR.get_lr()");

interface Phase {
  end_step: number;
  start_lr: string;
  end_lr: string;
  start_momentum: string;
  end_momentum: string;
}

/** isinstance(x, int) (bool included, as in Python). */
function isPyInt(x: unknown): boolean {
  return (typeof x === "number" && Number.isInteger(x)) || typeof x === "bigint" || typeof x === "boolean";
}

/** Checks total_steps, or epochs and steps_per_epoch, as PyTorch does; returns the number of steps. */
function totalSteps(total_steps: unknown, epochs: unknown, steps_per_epoch: unknown): number {
  if (total_steps === null && epochs === null && steps_per_epoch === null)
    throw new ValueError("You must define either total_steps OR (epochs AND steps_per_epoch)");
  if (total_steps !== null) {
    if (pyCompare(total_steps, "<=", 0) || !isPyInt(total_steps))
      throw new ValueError(`Expected positive integer total_steps, but got ${pyStr(total_steps)}`);
    return Number(total_steps);
  }
  if (pyCompare(epochs, "<=", 0) || !isPyInt(epochs))
    throw new ValueError(`Expected positive integer epochs, but got ${pyStr(epochs)}`);
  if (pyCompare(steps_per_epoch, "<=", 0) || !isPyInt(steps_per_epoch))
    throw new ValueError(`Expected positive integer steps_per_epoch, but got ${pyStr(steps_per_epoch)}`);
  return Number(epochs) * Number(steps_per_epoch);
}

function phasesOf(total: number, pct_start: unknown, three_phase: boolean): Phase[] {
  const endOfRise = pyFloat(pyTimes(pct_start, total)) - 1;
  if (three_phase) {
    return [
      {
        end_step: endOfRise,
        start_lr: "initial_lr",
        end_lr: "max_lr",
        start_momentum: "max_momentum",
        end_momentum: "base_momentum",
      },
      {
        end_step: pyFloat(pyTimes(pct_start, 2 * total)) - 2,
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
    ];
  }
  return [
    {
      end_step: endOfRise,
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
}

export class OneCycleLR extends _LRScheduler {
  protected static override deferInitialStep = true;
  total_steps: number;
  _schedule_phases: Phase[];
  anneal_strategy: "cos" | "linear";
  cycle_momentum: boolean;
  use_beta1 = false;

  constructor(...args: CallArgs<"OneCycleLR.__init__">) {
    const [
      optimizer,
      max_lr,
      total_steps,
      epochs,
      steps_per_epoch,
      pct_start,
      anneal_strategy,
      cycle_momentum,
      base_momentum,
      max_momentum,
      div_factor,
      final_div_factor,
      three_phase,
      last_epoch,
      verbose,
    ] = INIT.bind(args);
    checkOptimizer(optimizer);
    const total = totalSteps(total_steps, epochs, steps_per_epoch);
    const phases = phasesOf(total, pct_start, pyTruthy(three_phase));
    if (
      pyCompare(pct_start, "<", 0) ||
      pyCompare(pct_start, ">", 1) ||
      !(typeof pct_start === "number" && !Number.isInteger(pct_start))
    )
      throw new ValueError(`Expected float between 0 and 1 pct_start, but got ${pyStr(pct_start)}`);
    if (anneal_strategy !== "cos" && anneal_strategy !== "linear")
      throw new ValueError(
        `anneal_strategy must by one of 'cos' or 'linear', instead got ${pyStr(anneal_strategy)}`,
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
    const cycleMomentum = pyTruthy(cycle_momentum);
    if (cycleMomentum) {
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
    this.cycle_momentum = cycleMomentum;
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

  override get_lr(...args: CallArgs<"OneCycleLR.get_lr">): number[] {
    if (args.length > 0) GET_LR.bind(args);
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

function formatParam(name: string, groups: GroupBase[], param: number | readonly number[]): number[] {
  if (Array.isArray(param)) {
    if (param.length !== groups.length)
      throw new ValueError(`expected ${groups.length} values for ${name}, got ${param.length}`);
    return [...param];
  }
  return groups.map(() => param as number);
}
