// torch.optim.lr_scheduler's cycles and combinators (PyTorch 1.13): CyclicLR, CosineAnnealingWarmRestarts,
// ChainedScheduler and SequentialLR.
import { ValueError } from "../errors.js";
import { isPlainObject } from "../signatures/bind.js";
import { PySignature, type CallArgs } from "../signatures/registry.js";
import { _LRScheduler, checkOptimizer, MODULE } from "./lr_scheduler_base.js";
import type { Optimizer, ParamGroup } from "./optimizer.js";

/** The arguments of a subclass that skips _LRScheduler.__init__. */
const NO_INIT = [] as unknown as CallArgs<"_LRScheduler.__init__">;
import {
  pyAttr,
  pyCall,
  pyCompare,
  pyDictItems,
  pyFloat,
  pyGetKey,
  pyItem,
  pyLen,
  pyList,
  pyPow,
} from "./python.js";

// Everything is unannotated: PyTorch converts, compares and stores the arguments itself.
const CYCLIC_INIT = new PySignature(
  MODULE,
  "CyclicLR.__init__(optimizer, base_lr, max_lr, step_size_up=2000, step_size_down=None, mode='triangular', gamma=1.0, scale_fn=None, scale_mode='cycle', cycle_momentum=True, base_momentum=0.8, max_momentum=0.9, last_epoch=-1, verbose=False)",
);
const CYCLIC_GET_LR = new PySignature(MODULE, "CyclicLR.get_lr()");

/** CyclicLR._format_param: one value per group, from a list or a single value. */
function formatParam(name: string, groups: number, param: unknown): number[] {
  if (Array.isArray(param)) {
    if (param.length !== groups)
      throw new ValueError(`expected ${groups} values for ${name}, got ${param.length}`);
    return [...(param as number[])];
  }
  return Array.from({ length: groups }, () => param as number);
}

/** Cycles the lr (and momentum) between two bounds, per batch. */
export class CyclicLR extends _LRScheduler {
  protected static override deferInitialStep = true;
  max_lrs: number[];
  total_size: number;
  step_ratio: number;
  mode: string;
  gamma: number;
  _scale_fn_custom: unknown;
  scale_mode: string;
  cycle_momentum: unknown;
  declare base_momentums?: number[];
  declare max_momentums?: number[];

  constructor(...args: CallArgs<"CyclicLR.__init__">) {
    const [
      optimizer,
      base_lr,
      max_lr,
      step_size_up,
      step_size_down,
      mode,
      gamma,
      scale_fn,
      scale_mode,
      cycle_momentum,
      base_momentum,
      max_momentum,
      last_epoch,
      verbose,
    ] = CYCLIC_INIT.bind(args);
    checkOptimizer(optimizer);
    const groups = optimizer.param_groups;
    const base_lrs = formatParam("base_lr", groups.length, base_lr);
    if (last_epoch === -1) groups.forEach((g, i) => (g.lr = base_lrs[i]));
    const max_lrs = formatParam("max_lr", groups.length, max_lr);
    const up = pyFloat(step_size_up);
    const down = step_size_down === null ? up : pyFloat(step_size_down);
    if (!["triangular", "triangular2", "exp_range"].includes(mode as string) && scale_fn === null)
      throw new ValueError("mode is invalid and scale_fn is None");
    let momenta: [number[], number[]] | null = null;
    if (cycle_momentum) {
      if (!("momentum" in optimizer.defaults))
        throw new ValueError("optimizer must support momentum with `cycle_momentum` option enabled");
      const base_momentums = formatParam("base_momentum", groups.length, base_momentum);
      if (last_epoch === -1) groups.forEach((g, i) => (g.momentum = base_momentums[i]));
      momenta = [
        groups.map((g) => g.momentum as number),
        formatParam("max_momentum", groups.length, max_momentum),
      ];
    }
    super(optimizer, last_epoch, verbose);
    this.max_lrs = max_lrs;
    this.total_size = up + down;
    this.step_ratio = up / this.total_size;
    this.mode = mode as string;
    this.gamma = gamma as number;
    this._scale_fn_custom = scale_fn;
    this.scale_mode =
      scale_fn !== null ? (scale_mode as string) : this.mode === "exp_range" ? "iterations" : "cycle";
    this.cycle_momentum = cycle_momentum;
    if (momenta !== null) [this.base_momentums, this.max_momentums] = momenta;
    this._initial_step();
    this.base_lrs = base_lrs;
  }

  scale_fn(x: number): number {
    if (this._scale_fn_custom !== null) return pyCall<number>(this._scale_fn_custom, x);
    if (this.mode === "triangular") return 1.0;
    if (this.mode === "triangular2") return 1 / pyPow(2.0, x - 1);
    return pyPow(this.gamma, x);
  }

  override get_lr(...args: CallArgs<"CyclicLR.get_lr">): number[] {
    if (args.length > 0) CYCLIC_GET_LR.bind(args);
    this.warnOutsideStep();
    const cycle = Math.floor(1 + this.last_epoch / this.total_size);
    const x = 1 + this.last_epoch / this.total_size - cycle;
    const scale_factor = x <= this.step_ratio ? x / this.step_ratio : (x - 1) / (this.step_ratio - 1);
    const scaleAt = this.scale_mode === "cycle" ? cycle : this.last_epoch;
    const lrs = this.base_lrs.map((base_lr, i) => {
      const base_height = (this.max_lrs[i] - base_lr) * scale_factor;
      return base_lr + base_height * this.scale_fn(scaleAt);
    });
    if (this.cycle_momentum) {
      const momentums = this.base_momentums!.map((base_momentum, i) => {
        const base_height = (this.max_momentums![i] - base_momentum) * scale_factor;
        return this.max_momentums![i] - base_height * this.scale_fn(scaleAt);
      });
      this.optimizer.param_groups.forEach((g, i) => {
        if (i < momentums.length) g.momentum = momentums[i];
      });
    }
    return lrs;
  }
}

// T_0, T_mult and eta_min are unannotated: PyTorch checks them itself.
const WARM_RESTARTS_INIT = new PySignature(
  MODULE,
  "CosineAnnealingWarmRestarts.__init__(optimizer, T_0, T_mult=1, eta_min=0, last_epoch=-1, verbose=False)",
);
const WARM_RESTARTS_GET_LR = new PySignature(MODULE, "CosineAnnealingWarmRestarts.get_lr()");
const WARM_RESTARTS_STEP = new PySignature(MODULE, "CosineAnnealingWarmRestarts.step(epoch=None)");

const isPyInt = (x: unknown): boolean =>
  (typeof x === "number" && Number.isInteger(x)) || typeof x === "bigint";

/** SGDR: cosine annealing restarted every T_i epochs, T_i growing by T_mult. */
export class CosineAnnealingWarmRestarts extends _LRScheduler {
  protected static override deferInitialStep = true;
  T_0: number;
  T_i: number;
  T_mult: number;
  eta_min: number;
  T_cur: number;

  constructor(...args: CallArgs<"CosineAnnealingWarmRestarts.__init__">) {
    const [optimizer, T_0, T_mult, eta_min, last_epoch, verbose] = WARM_RESTARTS_INIT.bind(args);
    if (pyCompare(T_0, "<=", 0) || !isPyInt(T_0))
      throw new ValueError(`Expected positive integer T_0, but got ${String(T_0)}`);
    if (pyCompare(T_mult, "<", 1) || !isPyInt(T_mult))
      throw new ValueError(`Expected integer T_mult >= 1, but got ${String(T_mult)}`);
    super(optimizer, last_epoch, verbose);
    this.T_0 = T_0 as number;
    this.T_i = T_0 as number;
    this.T_mult = T_mult as number;
    this.eta_min = eta_min as number;
    this.T_cur = last_epoch as number;
    this._initial_step();
  }

  override get_lr(...args: CallArgs<"CosineAnnealingWarmRestarts.get_lr">): number[] {
    if (args.length > 0) WARM_RESTARTS_GET_LR.bind(args);
    this.warnOutsideStep();
    return this.base_lrs.map(
      (base) =>
        this.eta_min + ((base - this.eta_min) * (1 + Math.cos((Math.PI * this.T_cur) / this.T_i))) / 2,
    );
  }

  /** Steps by one epoch, or to `epoch` (fractional epochs allowed); never warns about the call order. */
  override step(...args: CallArgs<"CosineAnnealingWarmRestarts.step">): void {
    let epoch = (args.length === 0 ? null : WARM_RESTARTS_STEP.bind(args)[0]) as number | null;
    if (epoch === null && this.last_epoch < 0) epoch = 0;
    if (epoch === null) {
      epoch = this.last_epoch + 1;
      this.T_cur = this.T_cur + 1;
      if (this.T_cur >= this.T_i) {
        this.T_cur = this.T_cur - this.T_i;
        this.T_i = this.T_i * this.T_mult;
      }
    } else {
      if (epoch < 0) throw new ValueError(`Expected non-negative epoch, but got ${epoch}`);
      if (epoch >= this.T_0) {
        if (this.T_mult === 1) {
          this.T_cur = ((epoch % this.T_0) + this.T_0) % this.T_0;
        } else {
          const n = Math.trunc(Math.log((epoch / this.T_0) * (this.T_mult - 1) + 1) / Math.log(this.T_mult));
          this.T_cur = epoch - (this.T_0 * (this.T_mult ** n - 1)) / (this.T_mult - 1);
          this.T_i = this.T_0 * this.T_mult ** n;
        }
      } else {
        this.T_i = this.T_0;
        this.T_cur = epoch;
      }
    }
    this.last_epoch = Math.floor(epoch);
    this._get_lr_called_within_step = true;
    let values: number[];
    try {
      values = this.get_lr();
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

const CHAINED_INIT = new PySignature(MODULE, "ChainedScheduler.__init__(schedulers)");
const CHAINED_STEP = new PySignature(MODULE, "ChainedScheduler.step()");
const CHAIN_STATE_DICT = new PySignature(MODULE, "ChainedScheduler.state_dict()");
const CHAIN_LOAD_STATE_DICT = new PySignature(
  MODULE,
  "ChainedScheduler.load_state_dict(state_dict: dict | object)",
);

/** state_dict() of a combinator: its own fields, and each wrapped scheduler's state. */
function chainState(self: { _schedulers: _LRScheduler[] }, fields: string[]): Record<string, unknown> {
  const own = self as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of fields) out[k] = Array.isArray(own[k]) ? [...(own[k] as unknown[])] : own[k];
  out._schedulers = self._schedulers.map((s) => s.state_dict());
  return out;
}

function loadChainState(self: { _schedulers: _LRScheduler[] }, stateDict: unknown): void {
  if (!isPlainObject(stateDict) && !(stateDict instanceof Map)) pyGetKey(stateDict, "_schedulers");
  const saved = pyList(pyGetKey(stateDict, "_schedulers"));
  Object.assign(self, Object.fromEntries(pyDictItems(stateDict).filter(([k]) => k !== "_schedulers")));
  saved.forEach((s, i) => self._schedulers[i].load_state_dict(s as Record<string, unknown>));
}

/** `schedulers[i].optimizer`, with Python's errors for a list that is short or holds something else. */
function optimizerOf(schedulers: unknown, i: number): unknown {
  return pyAttr(pyItem(schedulers, i), "optimizer");
}

/** Steps every scheduler of a list at each step() (all on one optimizer). */
export class ChainedScheduler extends _LRScheduler {
  protected static override skipBaseInit = true;
  _schedulers: _LRScheduler[];

  constructor(...args: CallArgs<"ChainedScheduler.__init__">) {
    super(...NO_INIT);
    const [schedulers] = CHAINED_INIT.bind(args) as [_LRScheduler[]];
    for (let i = 1; i < pyLen(schedulers); i++) {
      if (optimizerOf(schedulers, i) !== optimizerOf(schedulers, 0))
        throw new ValueError(
          `ChainedScheduler expects all schedulers to belong to the same optimizer, but got schedulers at index 0 and ${i} to be different`,
        );
    }
    this._schedulers = pyList(schedulers) as _LRScheduler[];
    this.optimizer = optimizerOf(schedulers, 0) as Optimizer;
    const last = optimizerOf(this._schedulers, this._schedulers.length - 1);
    this._last_lr = pyAttr<ParamGroup[]>(last, "param_groups").map((g) => g.lr);
  }

  override step(...args: CallArgs<"ChainedScheduler.step">): void {
    if (args.length > 0) CHAINED_STEP.bind(args);
    for (const scheduler of this._schedulers) scheduler.step();
    this._last_lr = this._schedulers[this._schedulers.length - 1].optimizer.param_groups.map((g) => g.lr);
  }

  override state_dict(...args: CallArgs<"ChainedScheduler.state_dict">): Record<string, unknown> {
    if (args.length > 0) CHAIN_STATE_DICT.bind(args);
    return chainState(this, ["_last_lr"]);
  }

  override load_state_dict(...args: CallArgs<"ChainedScheduler.load_state_dict">): void {
    loadChainState(this, CHAIN_LOAD_STATE_DICT.bind(args)[0]);
  }
}

const SEQUENTIAL_INIT = new PySignature(
  MODULE,
  "SequentialLR.__init__(optimizer, schedulers, milestones, last_epoch=-1, verbose=False)",
);
const SEQUENTIAL_STEP = new PySignature(MODULE, "SequentialLR.step()");
const SEQUENTIAL_STATE_DICT = new PySignature(MODULE, "SequentialLR.state_dict()");
const SEQUENTIAL_LOAD_STATE_DICT = new PySignature(
  MODULE,
  "SequentialLR.load_state_dict(state_dict: dict | object)",
);

/** Python's bisect.bisect_right. */
function bisectRight(list: number[], x: number): number {
  let i = 0;
  while (i < list.length && list[i] <= x) i++;
  return i;
}

/** Hands the schedule from one scheduler to the next at each milestone. */
export class SequentialLR extends _LRScheduler {
  protected static override skipBaseInit = true;
  _schedulers: _LRScheduler[];
  _milestones: number[];

  constructor(...args: CallArgs<"SequentialLR.__init__">) {
    super(...NO_INIT);
    const [optimizer, schedulers, milestones, last_epoch] = SEQUENTIAL_INIT.bind(args) as unknown as [
      unknown,
      _LRScheduler[],
      number[],
      number,
    ];
    const count = pyLen(schedulers);
    for (let i = 0; i < count; i++) {
      if (optimizerOf(schedulers, i) !== optimizer)
        throw new ValueError(
          `Sequential Schedulers expects all schedulers to belong to the same optimizer, but got schedulers at index ${i} to be different than the optimizer passed in.`,
        );
      if (optimizerOf(schedulers, i) !== optimizerOf(schedulers, 0))
        throw new ValueError(
          `Sequential Schedulers expects all schedulers to belong to the same optimizer, but got schedulers at index 0 and ${i} to be different.`,
        );
    }
    if (pyLen(milestones) !== count - 1)
      throw new ValueError(
        `Sequential Schedulers expects number of schedulers provided to be one more than the number of milestone points, but got number of schedulers ${schedulers.length} and the number of milestones to be equal to ${milestones.length}`,
      );
    this._schedulers = schedulers;
    this._milestones = milestones;
    this.last_epoch = last_epoch + 1;
    checkOptimizer(optimizer);
    this.optimizer = optimizer;
    for (const group of optimizer.param_groups) group.lr = group.initial_lr as number;
    for (const s of schedulers) s.last_epoch -= 1;
    schedulers[0]._initial_step();
    this._last_lr = schedulers[0].get_last_lr();
  }

  override step(...args: CallArgs<"SequentialLR.step">): void {
    if (args.length > 0) SEQUENTIAL_STEP.bind(args);
    this.last_epoch += 1;
    const idx = bisectRight(this._milestones, this.last_epoch);
    const scheduler = this._schedulers[idx];
    if (idx > 0 && this._milestones[idx - 1] === this.last_epoch) scheduler.step(0);
    else scheduler.step();
    this._last_lr = scheduler.get_last_lr();
  }

  override state_dict(...args: CallArgs<"SequentialLR.state_dict">): Record<string, unknown> {
    if (args.length > 0) SEQUENTIAL_STATE_DICT.bind(args);
    return chainState(this, ["_milestones", "last_epoch", "_last_lr"]);
  }

  override load_state_dict(...args: CallArgs<"SequentialLR.load_state_dict">): void {
    loadChainState(this, SEQUENTIAL_LOAD_STATE_DICT.bind(args)[0]);
  }
}
