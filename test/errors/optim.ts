// The optimizers', schedulers' and clip_grad's argument errors: PyTorch's class and text for each.
import * as torch from "../../src/index.js";
import * as optim from "../../src/optim/index.js";
import { bad, type ErrorTable } from "./error_table.js";

const {
  SGD,
  Adam,
  AdamW,
  RMSprop,
  Adagrad,
  Adadelta,
  Adamax,
  NAdam,
  RAdam,
  ASGD,
  Rprop,
  LBFGS,
  lr_scheduler,
} = optim;
const { clip_grad_norm_ } = torch.nn.utils;
const p = () => [torch.tensor([1.0], { requires_grad: true })];
const sgd = (opts: Partial<optim.SGDOptions> = { lr: 0.1 }) => new SGD(p(), opts);

export const OPTIM_ERRORS: ErrorTable = {
  setup: `
from torch.optim import SGD, Adam, AdamW, RMSprop, Adagrad, lr_scheduler
from torch.optim import Adadelta, Adamax, NAdam, RAdam, ASGD, Rprop, LBFGS
from torch.nn.utils import clip_grad_norm_
def p():
    return [torch.tensor([1.0], requires_grad=True)]
`,
  rows: [
    { name: "sgd_negative_lr", py: "SGD(p(), lr=-1.5)", ts: () => new SGD(p(), { lr: -1.5 }) },
    {
      name: "sgd_negative_momentum",
      py: "SGD(p(), lr=0.1, momentum=-0.5)",
      ts: () => new SGD(p(), { lr: 0.1, momentum: -0.5 }),
    },
    {
      name: "sgd_negative_weight_decay",
      py: "SGD(p(), lr=0.1, weight_decay=-0.1)",
      ts: () => new SGD(p(), { lr: 0.1, weight_decay: -0.1 }),
    },
    {
      name: "sgd_nesterov_without_momentum",
      py: "SGD(p(), lr=0.1, nesterov=True)",
      ts: () => new SGD(p(), { lr: 0.1, nesterov: true }),
    },
    {
      name: "sgd_nesterov_with_dampening",
      py: "SGD(p(), lr=0.1, momentum=0.9, dampening=0.1, nesterov=True)",
      ts: () => new SGD(p(), { lr: 0.1, momentum: 0.9, dampening: 0.1, nesterov: true }),
    },
    { name: "sgd_missing_lr", py: "SGD(p())", ts: () => new SGD(p()) },
    { name: "adam_negative_lr", py: "Adam(p(), lr=-0.5)", ts: () => new Adam(p(), { lr: -0.5 }) },
    { name: "adam_negative_eps", py: "Adam(p(), eps=-1e-8)", ts: () => new Adam(p(), { eps: -1e-8 }) },
    {
      name: "adam_beta0",
      py: "Adam(p(), betas=(1.5, 0.999))",
      ts: () => new Adam(p(), { betas: [1.5, 0.999] }),
    },
    {
      name: "adam_beta1",
      py: "Adam(p(), betas=(0.9, -0.1))",
      ts: () => new Adam(p(), { betas: [0.9, -0.1] }),
    },
    {
      name: "adam_negative_weight_decay",
      py: "Adam(p(), weight_decay=-0.01)",
      ts: () => new Adam(p(), { weight_decay: -0.01 }),
    },
    { name: "adamw_negative_lr", py: "AdamW(p(), lr=-0.001)", ts: () => new AdamW(p(), { lr: -0.001 }) },
    {
      name: "adamw_beta0",
      py: "AdamW(p(), betas=(-0.1, 0.999))",
      ts: () => new AdamW(p(), { betas: [-0.1, 0.999] }),
    },
    {
      name: "rmsprop_negative_alpha",
      py: "RMSprop(p(), alpha=-0.99)",
      ts: () => new RMSprop(p(), { alpha: -0.99 }),
    },
    {
      name: "rmsprop_negative_momentum",
      py: "RMSprop(p(), momentum=-0.9)",
      ts: () => new RMSprop(p(), { momentum: -0.9 }),
    },
    { name: "rmsprop_negative_eps", py: "RMSprop(p(), eps=-1.5)", ts: () => new RMSprop(p(), { eps: -1.5 }) },
    {
      name: "adagrad_negative_lr_decay",
      py: "Adagrad(p(), lr_decay=-0.1)",
      ts: () => new Adagrad(p(), { lr_decay: -0.1 }),
    },
    {
      name: "adagrad_negative_initial_accumulator",
      py: "Adagrad(p(), initial_accumulator_value=-0.1)",
      ts: () => new Adagrad(p(), { initial_accumulator_value: -0.1 }),
    },
    {
      name: "adagrad_negative_weight_decay",
      py: "Adagrad(p(), weight_decay=-2.5)",
      ts: () => new Adagrad(p(), { weight_decay: -2.5 }),
    },
    { name: "empty_params", py: "SGD([], lr=0.1)", ts: () => new SGD([], { lr: 0.1 }) },
    {
      name: "tensor_params",
      py: "SGD(torch.tensor([1.0], requires_grad=True), lr=0.1)",
      ts: () =>
        new SGD(torch.tensor([1.0], { requires_grad: true }) as unknown as Iterable<torch.Tensor>, {
          lr: 0.1,
        }),
    },
    {
      name: "double_tensor_params",
      py: "SGD(torch.tensor([1.0], dtype=torch.float64, requires_grad=True), lr=0.1)",
      ts: () =>
        new SGD(
          torch.tensor([1.0], { dtype: torch.float64, requires_grad: true }) as unknown as torch.Tensor[],
          {
            lr: 0.1,
          },
        ),
    },
    {
      name: "int_params",
      py: "SGD(5, lr=0.1)",
      ts: () => new SGD(5 as unknown as torch.Tensor[], { lr: 0.1 }),
    },
    {
      name: "group_without_params",
      py: 'SGD([{"lr": 0.1}], lr=0.1)',
      ts: () => new SGD([{ lr: 0.1 } as unknown as { params: torch.Tensor[] }], { lr: 0.1 }),
    },
    {
      name: "non_tensor_param",
      py: "SGD([1.0], lr=0.1)",
      ts: () => new SGD([1.5] as unknown as torch.Tensor[], { lr: 0.1 }),
    },
    {
      name: "non_leaf_param",
      py: "SGD([torch.tensor([1.0], requires_grad=True) * 2], lr=0.1)",
      ts: () => new SGD([torch.tensor([1.0], { requires_grad: true }).mul(2)], { lr: 0.1 }),
    },
    {
      name: "duplicate_across_groups",
      py: 'q = p()\nSGD([{"params": q}, {"params": q}], lr=0.1)',
      ts: () => {
        const q = p();
        return new SGD([{ params: q }, { params: q }], { lr: 0.1 });
      },
    },
    {
      name: "set_params",
      py: 'SGD([{"params": {torch.tensor([1.0], requires_grad=True)}}], lr=0.1)',
      ts: () => new SGD([{ params: new Set(p()) }], { lr: 0.1 }),
    },
    {
      name: "load_wrong_group_count",
      py: 'SGD(p(), lr=0.1).load_state_dict( SGD([{"params": p()}, {"params": p()}], lr=0.1).state_dict())',
      ts: () => sgd().load_state_dict(new SGD([{ params: p() }, { params: p() }], { lr: 0.1 }).state_dict()),
    },
    {
      name: "load_wrong_group_size",
      py: "SGD(p(), lr=0.1).load_state_dict(SGD(p() + p(), lr=0.1).state_dict())",
      ts: () => sgd().load_state_dict(new SGD([...p(), ...p()], { lr: 0.1 }).state_dict()),
    },
    {
      name: "scheduler_not_optimizer",
      py: "lr_scheduler.StepLR(None, 3)",
      ts: () => new lr_scheduler.StepLR(null, 3),
    },
    {
      name: "lambda_lr_wrong_count",
      py: "lr_scheduler.LambdaLR(SGD(p(), lr=0.1), [lambda e: 1.0, lambda e: 2.0])",
      ts: () => new lr_scheduler.LambdaLR(sgd(), [() => 1.0, () => 2.0]),
    },
    {
      name: "resume_without_initial_lr",
      py: "lr_scheduler.StepLR(SGD(p(), lr=0.1), 3, last_epoch=4)",
      ts: () => new lr_scheduler.StepLR(sgd(), 3, 0.1, 4),
    },
    {
      name: "one_cycle_no_steps",
      py: "lr_scheduler.OneCycleLR(SGD(p(), lr=0.1), 1.0)",
      ts: () => new lr_scheduler.OneCycleLR(sgd(), 1.0),
    },
    {
      name: "one_cycle_bad_total_steps",
      py: "lr_scheduler.OneCycleLR(SGD(p(), lr=0.1), 1.0, total_steps=0)",
      ts: () => new lr_scheduler.OneCycleLR(sgd(), 1.0, { total_steps: 0 }),
    },
    {
      name: "one_cycle_bad_epochs",
      py: "lr_scheduler.OneCycleLR(SGD(p(), lr=0.1), 1.0, epochs=-2, steps_per_epoch=3)",
      ts: () => new lr_scheduler.OneCycleLR(sgd(), 1.0, { epochs: -2, steps_per_epoch: 3 }),
    },
    {
      name: "one_cycle_bad_pct_start",
      py: "lr_scheduler.OneCycleLR(SGD(p(), lr=0.1), 1.0, total_steps=10, pct_start=1.5)",
      ts: () => new lr_scheduler.OneCycleLR(sgd(), 1.0, { total_steps: 10, pct_start: 1.5 }),
    },
    {
      name: "one_cycle_bad_anneal",
      py: 'lr_scheduler.OneCycleLR(SGD(p(), lr=0.1), 1.0, total_steps=10, anneal_strategy="exp")',
      ts: () => new lr_scheduler.OneCycleLR(sgd(), 1.0, { total_steps: 10, anneal_strategy: "exp" as "cos" }),
    },
    {
      name: "one_cycle_no_momentum",
      py: "lr_scheduler.OneCycleLR(Adagrad(p()), 1.0, total_steps=10)",
      ts: () => new lr_scheduler.OneCycleLR(new Adagrad(p()), 1.0, { total_steps: 10 }),
    },
    {
      name: "one_cycle_max_lr_count",
      py: "lr_scheduler.OneCycleLR(SGD(p(), lr=0.1, momentum=0.9), [1.0, 2.0], total_steps=10)",
      ts: () => new lr_scheduler.OneCycleLR(sgd({ lr: 0.1, momentum: 0.9 }), [1.0, 2.0], { total_steps: 10 }),
    },
    {
      name: "one_cycle_too_many_steps",
      py: "s = lr_scheduler.OneCycleLR(SGD(p(), lr=0.1, momentum=0.9), 1.0, total_steps=3)\nfor _ in range(4):\n    s.step()",
      ts: () => {
        const s = new lr_scheduler.OneCycleLR(sgd({ lr: 0.1, momentum: 0.9 }), 1.0, { total_steps: 3 });
        for (let i = 0; i < 4; i++) s.step();
      },
    },
    {
      name: "plateau_factor",
      py: "lr_scheduler.ReduceLROnPlateau(SGD(p(), lr=0.1), factor=1.0)",
      ts: () => new lr_scheduler.ReduceLROnPlateau(sgd(), { factor: 1.0 }),
    },
    {
      name: "plateau_mode",
      py: 'lr_scheduler.ReduceLROnPlateau(SGD(p(), lr=0.1), mode="avg")',
      ts: () => new lr_scheduler.ReduceLROnPlateau(sgd(), { mode: "avg" as "min" }),
    },
    {
      name: "plateau_threshold_mode",
      py: 'lr_scheduler.ReduceLROnPlateau(SGD(p(), lr=0.1), threshold_mode="pct")',
      ts: () => new lr_scheduler.ReduceLROnPlateau(sgd(), { threshold_mode: "pct" as "rel" }),
    },
    {
      name: "plateau_min_lr_count",
      py: "lr_scheduler.ReduceLROnPlateau(SGD(p(), lr=0.1), min_lr=[0.1, 0.2])",
      ts: () => new lr_scheduler.ReduceLROnPlateau(sgd(), { min_lr: [0.1, 0.2] }),
    },
    { name: "sgd_str_lr", py: 'SGD(p(), "x")', ts: () => new SGD(p(), "x") },
    { name: "adagrad_empty_str_lr", py: 'Adagrad(p(), lr="")', ts: () => new Adagrad(p(), { lr: "" }) },
    { name: "adam_int_betas", py: "Adam(p(), betas=1)", ts: () => new Adam(p(), { betas: 1 }) },
    {
      name: "sgd_unknown_keyword",
      py: "SGD(p(), 0.1, momentun=0.9)",
      ts: () => new SGD(p(), 0.1, bad({ momentun: 0.9 })),
    },
    {
      name: "add_param_group_not_dict",
      py: 'SGD(p(), lr=0.1).add_param_group("x")',
      ts: () => sgd().add_param_group("x"),
    },
    {
      name: "load_state_dict_without_groups",
      py: "SGD(p(), lr=0.1).load_state_dict({})",
      ts: () => sgd().load_state_dict({}),
    },
    { name: "step_closure_not_callable", py: 'SGD(p(), lr=0.1).step("x")', ts: () => sgd().step("x") },
    {
      name: "zero_grad_extra_argument",
      py: "SGD(p(), lr=0.1).zero_grad(True, 1)",
      ts: () => (sgd().zero_grad as (...args: unknown[]) => void)(true, 1),
    },
    {
      name: "step_lr_missing_step_size",
      py: "lr_scheduler.StepLR(SGD(p(), lr=0.1))",
      ts: () => new lr_scheduler.StepLR(...([sgd()] as unknown as [never, never])),
    },
    {
      name: "get_last_lr_extra_argument",
      py: "lr_scheduler.StepLR(SGD(p(), lr=0.1), 2).get_last_lr(1)",
      ts: () => (new lr_scheduler.StepLR(sgd(), 2).get_last_lr as (...args: unknown[]) => unknown)(1),
    },
    {
      name: "add_param_group_duplicate",
      py: "q = p()\nSGD(q, lr=0.1).add_param_group({'params': q})",
      ts: () => {
        const q = p();
        new SGD(q, { lr: 0.1 }).add_param_group({ params: q });
      },
    },
    {
      name: "step_lr_unknown_keyword",
      py: "lr_scheduler.StepLR(SGD(p(), lr=0.1), 2, gama=0.1)",
      ts: () => new lr_scheduler.StepLR(sgd(), 2, bad({ gama: 0.1 })),
    },
    {
      name: "scheduler_step_unknown_keyword",
      py: "lr_scheduler.StepLR(SGD(p(), lr=0.1), 2).step(epochs=1)",
      ts: () => new lr_scheduler.StepLR(sgd(), 2).step(bad({ epochs: 1 })),
    },
    {
      name: "lambda_lr_not_optimizer",
      py: "lr_scheduler.LambdaLR(None, lambda e: 1.0)",
      ts: () => new lr_scheduler.LambdaLR(null, () => 1.0),
    },
    {
      name: "lambda_lr_not_callable",
      py: 'lr_scheduler.LambdaLR(SGD(p(), lr=0.1), "x")',
      ts: () => new lr_scheduler.LambdaLR(sgd(), "x"),
    },
    {
      name: "one_cycle_str_pct_start",
      py: 'lr_scheduler.OneCycleLR(SGD(p(), lr=0.1, momentum=0.9), 1.0, total_steps=10, pct_start="x")',
      ts: () =>
        new lr_scheduler.OneCycleLR(sgd({ lr: 0.1, momentum: 0.9 }), 1.0, {
          total_steps: 10,
          pct_start: "x",
        }),
    },
    {
      name: "plateau_mode_not_str",
      py: "lr_scheduler.ReduceLROnPlateau(SGD(p(), lr=0.1), mode=1)",
      ts: () => new lr_scheduler.ReduceLROnPlateau(sgd(), { mode: 1 }),
    },
    {
      name: "plateau_str_metrics",
      py: 'lr_scheduler.ReduceLROnPlateau(SGD(p(), lr=0.1)).step("x")',
      ts: () => new lr_scheduler.ReduceLROnPlateau(sgd()).step("x"),
    },
    // The optimizers added with issue #15: their constructors' checks, in PyTorch's order.
    { name: "adadelta_lr", py: "Adadelta(p(), lr=-1)", ts: () => new Adadelta(p(), { lr: -1 }) },
    { name: "adadelta_rho", py: "Adadelta(p(), rho=1.5)", ts: () => new Adadelta(p(), { rho: 1.5 }) },
    { name: "adadelta_eps", py: "Adadelta(p(), eps=-1e-6)", ts: () => new Adadelta(p(), { eps: -1e-6 }) },
    {
      name: "adadelta_weight_decay",
      py: "Adadelta(p(), weight_decay=-0.5)",
      ts: () => new Adadelta(p(), { weight_decay: -0.5 }),
    },
    { name: "adamax_lr", py: "Adamax(p(), lr=-1)", ts: () => new Adamax(p(), { lr: -1 }) },
    { name: "adamax_eps", py: "Adamax(p(), eps=-0.001)", ts: () => new Adamax(p(), { eps: -0.001 }) },
    {
      name: "adamax_beta0",
      py: "Adamax(p(), betas=(1.5, 0.999))",
      ts: () => new Adamax(p(), { betas: [1.5, 0.999] }),
    },
    {
      name: "adamax_beta1",
      py: "Adamax(p(), betas=(0.9, -0.1))",
      ts: () => new Adamax(p(), { betas: [0.9, -0.1] }),
    },
    {
      name: "adamax_weight_decay",
      py: "Adamax(p(), weight_decay=-0.5)",
      ts: () => new Adamax(p(), { weight_decay: -0.5 }),
    },
    { name: "nadam_lr", py: "NAdam(p(), lr=-1)", ts: () => new NAdam(p(), { lr: -1 }) },
    { name: "nadam_eps", py: "NAdam(p(), eps=-0.001)", ts: () => new NAdam(p(), { eps: -0.001 }) },
    {
      name: "nadam_beta0",
      py: "NAdam(p(), betas=(-0.5, 0.999))",
      ts: () => new NAdam(p(), { betas: [-0.5, 0.999] }),
    },
    {
      name: "nadam_beta1",
      py: "NAdam(p(), betas=(0.9, 1.5))",
      ts: () => new NAdam(p(), { betas: [0.9, 1.5] }),
    },
    {
      name: "nadam_weight_decay",
      py: "NAdam(p(), weight_decay=-0.5)",
      ts: () => new NAdam(p(), { weight_decay: -0.5 }),
    },
    {
      name: "nadam_momentum_decay",
      py: "NAdam(p(), momentum_decay=-0.1)",
      ts: () => new NAdam(p(), { momentum_decay: -0.1 }),
    },
    { name: "radam_lr", py: "RAdam(p(), lr=-1)", ts: () => new RAdam(p(), { lr: -1 }) },
    { name: "radam_eps", py: "RAdam(p(), eps=-0.001)", ts: () => new RAdam(p(), { eps: -0.001 }) },
    {
      name: "radam_beta0",
      py: "RAdam(p(), betas=(1.5, 0.999))",
      ts: () => new RAdam(p(), { betas: [1.5, 0.999] }),
    },
    {
      name: "radam_beta1",
      py: "RAdam(p(), betas=(0.9, 1.25))",
      ts: () => new RAdam(p(), { betas: [0.9, 1.25] }),
    },
    {
      name: "radam_weight_decay",
      py: "RAdam(p(), weight_decay=-0.5)",
      ts: () => new RAdam(p(), { weight_decay: -0.5 }),
    },
    { name: "asgd_lr", py: "ASGD(p(), lr=-1)", ts: () => new ASGD(p(), { lr: -1 }) },
    {
      name: "asgd_weight_decay",
      py: "ASGD(p(), weight_decay=-0.5)",
      ts: () => new ASGD(p(), { weight_decay: -0.5 }),
    },
    { name: "rprop_lr", py: "Rprop(p(), lr=-1)", ts: () => new Rprop(p(), { lr: -1 }) },
    { name: "rprop_etas", py: "Rprop(p(), etas=(1.5, 0.5))", ts: () => new Rprop(p(), { etas: [1.5, 0.5] }) },
    {
      name: "rprop_etas_high",
      py: "Rprop(p(), etas=(0.5, 0.9))",
      ts: () => new Rprop(p(), { etas: [0.5, 0.9] }),
    },
    {
      name: "lbfgs_param_groups",
      py: "LBFGS([{'params': p()}, {'params': p()}])",
      ts: () => new LBFGS([{ params: p() }, { params: p() }]),
    },
    {
      name: "lbfgs_line_search",
      py: "q = p()\nq[0].grad = torch.tensor([1.0])\nLBFGS(q, line_search_fn='backtracking').step(lambda: q[0].sum())",
      ts: () => {
        const q = p();
        q[0].grad = torch.tensor([1.0]);
        return new LBFGS(q, { line_search_fn: "backtracking" }).step(() => q[0].sum());
      },
    },
    { name: "clip_str_max_norm", py: 'clip_grad_norm_(p(), "x")', ts: () => clip_grad_norm_(p(), "x") },
    {
      name: "clip_nonfinite",
      py: "q = torch.tensor([1.0], requires_grad=True)\nq.grad = torch.tensor([math.inf])\nclip_grad_norm_([q], 1.0, error_if_nonfinite=True)",
      ts: () => {
        const q = torch.tensor([1.0], { requires_grad: true });
        q.grad = torch.tensor([Infinity]);
        return clip_grad_norm_([q], 1.0, { error_if_nonfinite: true });
      },
    },
  ],
};
