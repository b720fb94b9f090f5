// Bad arguments get PyTorch's error class and text (test/fixtures/optim.json, from /usr/bin/python3).
import { describe, expect, it } from "vitest";
import * as torch from "../../src/index.js";
import * as optim from "../../src/optim/index.js";
import { fixtures } from "./fixtures.js";

const { SGD, Adam, AdamW, RMSprop, Adagrad, lr_scheduler } = optim;
const { clip_grad_norm_ } = torch.nn.utils;
const p = () => [torch.tensor([1.0], { requires_grad: true })];
const sgd = (opts: Partial<optim.SGDOptions> = { lr: 0.1 }) => new SGD(p(), opts);
/** An argument TypeScript's types refuse, as a JS caller could still pass it. */
const bad = (value: unknown) => value as never;

const CASES: Record<string, () => unknown> = {
  sgd_negative_lr: () => new SGD(p(), { lr: -1.5 }),
  sgd_negative_momentum: () => new SGD(p(), { lr: 0.1, momentum: -0.5 }),
  sgd_negative_weight_decay: () => new SGD(p(), { lr: 0.1, weight_decay: -0.1 }),
  sgd_nesterov_without_momentum: () => new SGD(p(), { lr: 0.1, nesterov: true }),
  sgd_nesterov_with_dampening: () => new SGD(p(), { lr: 0.1, momentum: 0.9, dampening: 0.1, nesterov: true }),
  sgd_missing_lr: () => new SGD(p()),
  adam_negative_lr: () => new Adam(p(), { lr: -0.5 }),
  adam_negative_eps: () => new Adam(p(), { eps: -1e-8 }),
  adam_beta0: () => new Adam(p(), { betas: [1.5, 0.999] }),
  adam_beta1: () => new Adam(p(), { betas: [0.9, -0.1] }),
  adam_negative_weight_decay: () => new Adam(p(), { weight_decay: -0.01 }),
  adamw_negative_lr: () => new AdamW(p(), { lr: -0.001 }),
  adamw_beta0: () => new AdamW(p(), { betas: [-0.1, 0.999] }),
  rmsprop_negative_alpha: () => new RMSprop(p(), { alpha: -0.99 }),
  rmsprop_negative_momentum: () => new RMSprop(p(), { momentum: -0.9 }),
  rmsprop_negative_eps: () => new RMSprop(p(), { eps: -1.5 }),
  adagrad_negative_lr_decay: () => new Adagrad(p(), { lr_decay: -0.1 }),
  adagrad_negative_initial_accumulator: () => new Adagrad(p(), { initial_accumulator_value: -0.1 }),
  adagrad_negative_weight_decay: () => new Adagrad(p(), { weight_decay: -2.5 }),
  empty_params: () => new SGD([], { lr: 0.1 }),
  tensor_params: () =>
    new SGD(torch.tensor([1.0], { requires_grad: true }) as unknown as Iterable<torch.Tensor>, { lr: 0.1 }),
  double_tensor_params: () =>
    new SGD(torch.tensor([1.0], { dtype: torch.float64, requires_grad: true }) as unknown as torch.Tensor[], {
      lr: 0.1,
    }),
  int_params: () => new SGD(5 as unknown as torch.Tensor[], { lr: 0.1 }),
  group_without_params: () => new SGD([{ lr: 0.1 } as unknown as { params: torch.Tensor[] }], { lr: 0.1 }),
  non_tensor_param: () => new SGD([1.5] as unknown as torch.Tensor[], { lr: 0.1 }),
  non_leaf_param: () => new SGD([torch.tensor([1.0], { requires_grad: true }).mul(2)], { lr: 0.1 }),
  duplicate_across_groups: () => {
    const q = p();
    return new SGD([{ params: q }, { params: q }], { lr: 0.1 });
  },
  set_params: () => new SGD([{ params: new Set(p()) }], { lr: 0.1 }),
  load_wrong_group_count: () =>
    sgd().load_state_dict(new SGD([{ params: p() }, { params: p() }], { lr: 0.1 }).state_dict()),
  load_wrong_group_size: () => sgd().load_state_dict(new SGD([...p(), ...p()], { lr: 0.1 }).state_dict()),
  scheduler_not_optimizer: () => new lr_scheduler.StepLR(null, 3),
  lambda_lr_wrong_count: () => new lr_scheduler.LambdaLR(sgd(), [() => 1.0, () => 2.0]),
  resume_without_initial_lr: () => new lr_scheduler.StepLR(sgd(), 3, 0.1, 4),
  one_cycle_no_steps: () => new lr_scheduler.OneCycleLR(sgd(), 1.0),
  one_cycle_bad_total_steps: () => new lr_scheduler.OneCycleLR(sgd(), 1.0, { total_steps: 0 }),
  one_cycle_bad_epochs: () => new lr_scheduler.OneCycleLR(sgd(), 1.0, { epochs: -2, steps_per_epoch: 3 }),
  one_cycle_bad_pct_start: () => new lr_scheduler.OneCycleLR(sgd(), 1.0, { total_steps: 10, pct_start: 1.5 }),
  one_cycle_bad_anneal: () =>
    new lr_scheduler.OneCycleLR(sgd(), 1.0, { total_steps: 10, anneal_strategy: "exp" as "cos" }),
  one_cycle_no_momentum: () => new lr_scheduler.OneCycleLR(new Adagrad(p()), 1.0, { total_steps: 10 }),
  one_cycle_max_lr_count: () =>
    new lr_scheduler.OneCycleLR(sgd({ lr: 0.1, momentum: 0.9 }), [1.0, 2.0], { total_steps: 10 }),
  one_cycle_too_many_steps: () => {
    const s = new lr_scheduler.OneCycleLR(sgd({ lr: 0.1, momentum: 0.9 }), 1.0, { total_steps: 3 });
    for (let i = 0; i < 4; i++) s.step();
  },
  plateau_factor: () => new lr_scheduler.ReduceLROnPlateau(sgd(), { factor: 1.0 }),
  plateau_mode: () => new lr_scheduler.ReduceLROnPlateau(sgd(), { mode: "avg" as "min" }),
  plateau_threshold_mode: () => new lr_scheduler.ReduceLROnPlateau(sgd(), { threshold_mode: "pct" as "rel" }),
  plateau_min_lr_count: () => new lr_scheduler.ReduceLROnPlateau(sgd(), { min_lr: [0.1, 0.2] }),
  sgd_str_lr: () => new SGD(p(), "x"),
  adagrad_empty_str_lr: () => new Adagrad(p(), { lr: "" }),
  adam_int_betas: () => new Adam(p(), { betas: 1 }),
  sgd_unknown_keyword: () => new SGD(p(), 0.1, bad({ momentun: 0.9 })),
  add_param_group_not_dict: () => sgd().add_param_group("x"),
  load_state_dict_without_groups: () => sgd().load_state_dict({}),
  step_closure_not_callable: () => sgd().step("x"),
  zero_grad_extra_argument: () => (sgd().zero_grad as (...args: unknown[]) => void)(true, 1),
  step_lr_unknown_keyword: () => new lr_scheduler.StepLR(sgd(), 2, bad({ gama: 0.1 })),
  scheduler_step_unknown_keyword: () => new lr_scheduler.StepLR(sgd(), 2).step(bad({ epochs: 1 })),
  lambda_lr_not_optimizer: () => new lr_scheduler.LambdaLR(null, () => 1.0),
  lambda_lr_not_callable: () => new lr_scheduler.LambdaLR(sgd(), "x"),
  one_cycle_str_pct_start: () =>
    new lr_scheduler.OneCycleLR(sgd({ lr: 0.1, momentum: 0.9 }), 1.0, { total_steps: 10, pct_start: "x" }),
  plateau_mode_not_str: () => new lr_scheduler.ReduceLROnPlateau(sgd(), { mode: 1 }),
  plateau_str_metrics: () => new lr_scheduler.ReduceLROnPlateau(sgd()).step("x"),
  clip_str_max_norm: () => clip_grad_norm_(p(), "x"),
  clip_nonfinite: () => {
    const q = torch.tensor([1.0], { requires_grad: true });
    q.grad = torch.tensor([Infinity]);
    return clip_grad_norm_([q], 1.0, { error_if_nonfinite: true });
  },
};

describe("optim errors match PyTorch", () => {
  for (const c of fixtures.errors) {
    it(c.name, () => {
      const thunk = CASES[c.name];
      expect(thunk, `no TypeScript case for ${c.name}`).toBeDefined();
      let thrown: unknown = null;
      try {
        thunk();
      } catch (e) {
        thrown = e;
      }
      expect(thrown, `${c.name} should throw`).toBeInstanceOf(Error);
      const err = thrown as Error;
      expect(err.name).toBe(c.type);
      expect(err.message).toBe(c.message);
    });
  }

  it("every TypeScript case has a PyTorch fixture", () => {
    expect(Object.keys(CASES).sort()).toEqual(fixtures.errors.map((e) => e.name).sort());
  });
});
