// lr_scheduler sequences vs PyTorch 1.13 (test/fixtures/optim.json).
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import * as torch from "../../src/index.js";
import * as optim from "../../src/optim/index.js";
import { encode, expectJsonClose, fixtures, makeParams, type Json, type SchedulerCase } from "./fixtures.js";
import { warningSink } from "../helpers/warnings.js";

const { lr_scheduler } = optim;
type AnyOptimizer = optim.Optimizer<object>;

/** Two groups (lr 0.1 and 0.05), as in the fixture script. */
function schedulerOptimizer(kind: "sgd" | "adam"): AnyOptimizer {
  const params = makeParams();
  const groups = [
    { params: [params[0]], lr: 0.1 },
    { params: params.slice(1), lr: 0.05 },
  ];
  return kind === "adam" ? new optim.Adam(groups) : new optim.SGD(groups, { lr: 0.1, momentum: 0.9 });
}

type Scheduler = optim.lr_scheduler._LRScheduler;
const SCHEDULERS: Record<
  string,
  [kind: "sgd" | "adam", make: (o: AnyOptimizer) => Scheduler, epochs: number]
> = {
  step_lr: ["sgd", (o) => new lr_scheduler.StepLR(o, 3, 0.5), 25],
  step_lr_default_gamma: ["sgd", (o) => new lr_scheduler.StepLR(o, 4), 25],
  multi_step_lr: ["sgd", (o) => new lr_scheduler.MultiStepLR(o, [2, 5, 5, 9], 0.3), 25],
  exponential_lr: ["sgd", (o) => new lr_scheduler.ExponentialLR(o, 0.9), 25],
  cosine_annealing_lr: ["sgd", (o) => new lr_scheduler.CosineAnnealingLR(o, 7, 0.01), 30],
  cosine_annealing_lr_no_min: ["sgd", (o) => new lr_scheduler.CosineAnnealingLR(o, 10), 25],
  lambda_lr: ["sgd", (o) => new lr_scheduler.LambdaLR(o, (e: number) => 0.95 ** e), 25],
  lambda_lr_list: [
    "sgd",
    (o) => new lr_scheduler.LambdaLR(o, [(e: number) => 0.95 ** e, (e: number) => 1 / (e + 1)]),
    25,
  ],
  one_cycle_lr: ["sgd", (o) => new lr_scheduler.OneCycleLR(o, 1.0, { total_steps: 25 }), 24],
  one_cycle_lr_adam_linear_three_phase: [
    "adam",
    (o) =>
      new lr_scheduler.OneCycleLR(o, [0.5, 0.2], {
        epochs: 4,
        steps_per_epoch: 6,
        anneal_strategy: "linear",
        three_phase: true,
        pct_start: 0.25,
      }),
    23,
  ],
  constant_lr: ["sgd", (o) => new lr_scheduler.ConstantLR(o, { factor: 0.5, total_iters: 4 }), 10],
  constant_lr_default: ["sgd", (o) => new lr_scheduler.ConstantLR(o), 10],
  linear_lr: [
    "sgd",
    (o) => new lr_scheduler.LinearLR(o, { start_factor: 0.25, end_factor: 0.9, total_iters: 6 }),
    10,
  ],
  linear_lr_default: ["sgd", (o) => new lr_scheduler.LinearLR(o), 10],
  multiplicative_lr: [
    "sgd",
    (o) => new lr_scheduler.MultiplicativeLR(o, (e: number) => (e % 2 ? 0.9 : 0.97)),
    12,
  ],
  polynomial_lr: ["sgd", (o) => new lr_scheduler.PolynomialLR(o, { total_iters: 8, power: 2.0 }), 12],
  polynomial_lr_default: ["sgd", (o) => new lr_scheduler.PolynomialLR(o), 8],
  cyclic_lr: ["sgd", (o) => new lr_scheduler.CyclicLR(o, 0.01, 0.1, { step_size_up: 3 }), 16],
  cyclic_lr_triangular2: [
    "sgd",
    (o) =>
      new lr_scheduler.CyclicLR(o, [0.01, 0.02], 0.2, {
        step_size_up: 2,
        step_size_down: 3,
        mode: "triangular2",
        base_momentum: 0.7,
        max_momentum: [0.95, 0.9],
      }),
    16,
  ],
  cyclic_lr_exp_range: [
    "adam",
    (o) =>
      new lr_scheduler.CyclicLR(o, 0.001, 0.01, {
        step_size_up: 4,
        mode: "exp_range",
        gamma: 0.9,
        cycle_momentum: false,
      }),
    16,
  ],
  cosine_warm_restarts: [
    "sgd",
    (o) => new lr_scheduler.CosineAnnealingWarmRestarts(o, 4, { eta_min: 0.001 }),
    14,
  ],
  cosine_warm_restarts_mult: ["sgd", (o) => new lr_scheduler.CosineAnnealingWarmRestarts(o, 2, 2), 16],
  chained: [
    "sgd",
    (o) =>
      new lr_scheduler.ChainedScheduler([
        new lr_scheduler.ConstantLR(o, { factor: 0.1, total_iters: 2 }),
        new lr_scheduler.ExponentialLR(o, 0.9),
      ]),
    8,
  ],
  sequential: [
    "sgd",
    (o) =>
      new lr_scheduler.SequentialLR(
        o,
        [
          new lr_scheduler.LinearLR(o, { start_factor: 0.1, total_iters: 3 }),
          new lr_scheduler.ExponentialLR(o, 0.8),
        ],
        [4],
      ),
    10,
  ],
  one_cycle_lr_no_momentum: [
    "sgd",
    (o) =>
      new lr_scheduler.OneCycleLR(o, 0.3, {
        total_steps: 21,
        cycle_momentum: false,
        div_factor: 10.0,
        final_div_factor: 100.0,
      }),
    20,
  ],
};

function momentumOf(group: optim.GroupBase): number | null {
  if ("betas" in group) return (group.betas as number[])[0];
  return (group.momentum as number | undefined) ?? null;
}

// Doubles through the same formulas: agree to the last few bits (Math.cos vs libm cos may differ by an ulp).
const RTOL = 1e-13;

describe("lr schedulers match PyTorch's lr sequences", () => {
  let warn: ReturnType<typeof vi.spyOn>;
  beforeEach(() => {
    warn = vi.spyOn(warningSink, "emit").mockImplementation(() => undefined);
  });
  afterEach(() => warn.mockRestore());

  for (const c of fixtures.schedulers) {
    it(c.name, () => {
      if (c.name.startsWith("reduce_lr_on_plateau")) return runPlateau(c);
      const [kind, make, epochs] = SCHEDULERS[c.name];
      const opt = schedulerOptimizer(kind);
      const sched = make(opt);
      const lrs = [sched.get_last_lr()];
      const momenta = [opt.param_groups.map(momentumOf)];
      for (let e = 0; e < epochs; e++) {
        opt.step();
        sched.step();
        lrs.push(sched.get_last_lr());
        momenta.push(opt.param_groups.map(momentumOf));
      }
      expectJsonClose(lrs, c.lrs, RTOL);
      expectJsonClose(momenta, c.momenta as Json, RTOL);
      // PyTorch's state_dict fields (ours may add ones PyTorch keeps as functions, e.g. anneal_strategy).
      const state = encode(sched.state_dict()) as Record<string, Json>;
      const subset = Object.fromEntries(Object.keys(c.state_dict).map((k) => [k, state[k]]));
      expectJsonClose(subset, c.state_dict, RTOL);
      // SequentialLR starts the next scheduler with step(0), which warns of the deprecated epoch argument as in PyTorch.
      const expectedWarnings =
        c.name === "sequential" ? [[optim.lr_scheduler.EPOCH_DEPRECATION_WARNING]] : [];
      expect(warn.mock.calls.map((call: unknown[]) => [String(call[0])])).toEqual(expectedWarnings);
    });
  }

  function runPlateau(c: SchedulerCase): void {
    const opt = schedulerOptimizer("sgd");
    const sched = new lr_scheduler.ReduceLROnPlateau(opt, c.options ?? {});
    // ReduceLROnPlateau has no get_last_lr() in PyTorch 1.13: step() records _last_lr.
    const lrs = c.metrics!.map((m) => {
      opt.step();
      sched.step(torch.tensor(m, { dtype: torch.float64 }));
      return sched._last_lr;
    });
    expectJsonClose(lrs, c.lrs, RTOL);
    expectJsonClose(encode(sched.state_dict()), c.state_dict, RTOL);
  }
});

describe("lr scheduler behaviour", () => {
  let warn: ReturnType<typeof vi.spyOn>;
  beforeEach(() => {
    warn = vi.spyOn(warningSink, "emit").mockImplementation(() => undefined);
  });
  afterEach(() => warn.mockRestore());

  it("warns when the scheduler steps before the optimizer", () => {
    const opt = schedulerOptimizer("sgd");
    const sched = new lr_scheduler.StepLR(opt, 2);
    sched.step();
    expect(String(warn.mock.calls[0][0])).toContain(
      "Detected call of `lr_scheduler.step()` before `optimizer.step()`",
    );
  });

  it("warns when get_lr() is called outside step()", () => {
    const sched = new lr_scheduler.ExponentialLR(schedulerOptimizer("sgd"), 0.5);
    sched.get_lr();
    expect(String(warn.mock.calls[0][0])).toBe(
      "To get the last learning rate computed by the scheduler, please use `get_last_lr()`.",
    );
  });

  it("step(epoch) uses the closed form and warns about the deprecated epoch argument", () => {
    const opt = schedulerOptimizer("sgd");
    const sched = new lr_scheduler.StepLR(opt, 3, 0.5);
    opt.step();
    sched.step(7);
    expect(sched.get_last_lr()).toEqual([0.1 * 0.5 ** 2, 0.05 * 0.5 ** 2]);
    expect(String(warn.mock.calls[0][0])).toContain(
      "The epoch parameter in `scheduler.step()` was not necessary",
    );
  });

  it("state_dict round trip (scheduler built first, then both states loaded) resumes the schedule", () => {
    const opt = schedulerOptimizer("sgd");
    const sched = new lr_scheduler.CosineAnnealingLR(opt, 7, 0.01);
    for (let i = 0; i < 5; i++) {
      opt.step();
      sched.step();
    }
    const saved = sched.state_dict();
    const optState = opt.state_dict();
    const opt2 = schedulerOptimizer("sgd");
    const sched2 = new lr_scheduler.CosineAnnealingLR(opt2, 7, 0.01);
    opt2.load_state_dict(optState);
    sched2.load_state_dict(saved);
    for (let i = 0; i < 10; i++) {
      opt.step();
      sched.step();
      opt2.step();
      sched2.step();
      expect(sched2.get_last_lr()).toEqual(sched.get_last_lr());
    }
    const expected = fixtures.schedulers.find((s) => s.name === "cosine_annealing_lr")!.lrs[15];
    expectJsonClose(sched2.get_last_lr(), expected, RTOL);
  });

  it("takes PyTorch's keywords in an options object (StepLR(opt, step_size=2, gamma=0.1))", () => {
    const opt = new optim.SGD(makeParams(), 1.0);
    const sched = new lr_scheduler.StepLR(opt, { step_size: 2, gamma: 0.1 });
    const lrs = [0, 1, 2, 3].map(() => {
      opt.step();
      sched.step();
      return sched.get_last_lr()[0];
    });
    expectJsonClose(lrs, [1.0, 0.1, 0.1, 0.01], RTOL);
    expect(String(sched)).toBe("<torch.optim.lr_scheduler.StepLR object>");
  });

  it("_LRScheduler is PyTorch 1.13's base class: subclasses implement get_lr()", () => {
    expect("LRScheduler" in lr_scheduler).toBe(false);
    const opt = new optim.SGD(makeParams(), 0.5);
    expect(() => new lr_scheduler._LRScheduler(opt)).toThrow(torch.NotImplementedError);
    class Halving extends lr_scheduler._LRScheduler {
      override get_lr(): number[] {
        return this.base_lrs.map((lr) => lr / 2 ** this.last_epoch);
      }
    }
    const sched = new Halving(opt);
    opt.step();
    sched.step();
    expect(sched.get_last_lr()).toEqual([0.25]);
  });

  it("LambdaLR's state_dict keeps null for each function", () => {
    const sched = new lr_scheduler.LambdaLR(schedulerOptimizer("sgd"), (e: number) => 1 / (e + 1));
    expect(sched.state_dict().lr_lambdas).toEqual([null, null]);
  });
});
