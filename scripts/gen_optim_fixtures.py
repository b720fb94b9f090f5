"""Writes test/fixtures/optim.json with real PyTorch 1.13: optimizer trajectories and state dicts,
lr scheduler sequences and clip_grad results. Run with /usr/bin/python3 (or: npm run fixtures -- optim).
Their error texts are rows of the error table test/errors/optim.ts."""
import json
import math
import sys

import torch
from torch.nn.utils import clip_grad_norm_, clip_grad_value_
from torch.optim import (SGD, Adam, AdamW, RMSprop, Adagrad, Adadelta, Adamax, NAdam, RAdam, ASGD, Rprop,
                         LBFGS, lr_scheduler)

P1 = [[0.5, -1.2, 2.0], [0.3, -0.7, 1.5]]
C1 = [[1.0, 0.5, -2.0], [1.5, -0.3, 0.8]]
P2 = [1.0, -2.0, 0.25, 3.0]
C2 = [0.9, 1.1, -0.6, 0.2]
P3 = [0.1, 0.2]  # never used by the loss: its grad stays None and the optimizers skip it
STEPS = 5


def make_params(dtype=torch.float32):
    return [torch.tensor(v, dtype=dtype, requires_grad=True) for v in (P1, P2, P3)]


def loss_fn(params):
    p1, p2, _ = params
    c1, c2 = torch.tensor(C1, dtype=p1.dtype), torch.tensor(C2, dtype=p1.dtype)
    return (p1 * c1).pow(2).sum() + (p2 * c2).pow(2).mean() + (p1.sum() * p2.sum()).mul(0.1)


def encode(value):
    if isinstance(value, torch.Tensor):
        return {"tensor": value.reshape(-1).tolist(), "shape": list(value.shape), "dtype": str(value.dtype).replace("torch.", "")}
    if isinstance(value, dict):
        return {str(k): encode(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [encode(v) for v in value]
    if isinstance(value, float) and math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    return value


CLASSES = {"SGD": SGD, "Adam": Adam, "AdamW": AdamW, "RMSprop": RMSprop, "Adagrad": Adagrad, "Adadelta": Adadelta,
           "Adamax": Adamax, "NAdam": NAdam, "RAdam": RAdam, "ASGD": ASGD, "Rprop": Rprop}

# (name, class, options, group overrides for [p1], [p2, p3] or None for a single group)
OPT_CASES = [
    ("sgd", "SGD", {"lr": 0.1}, None),
    ("sgd_momentum", "SGD", {"lr": 0.1, "momentum": 0.9}, None),
    ("sgd_dampening", "SGD", {"lr": 0.1, "momentum": 0.9, "dampening": 0.5}, None),
    ("sgd_nesterov", "SGD", {"lr": 0.1, "momentum": 0.9, "nesterov": True}, None),
    ("sgd_weight_decay", "SGD", {"lr": 0.1, "weight_decay": 0.1}, None),
    ("sgd_maximize", "SGD", {"lr": 0.01, "maximize": True}, None),
    ("sgd_all", "SGD", {"lr": 0.05, "momentum": 0.8, "weight_decay": 0.2, "nesterov": True, "maximize": True}, None),
    ("sgd_groups", "SGD", {"lr": 0.1, "momentum": 0.9}, [{"lr": 0.05}, {"lr": 0.01, "momentum": 0.5, "dampening": 0.1}]),
    ("adam_default", "Adam", {}, None),
    ("adam", "Adam", {"lr": 0.1}, None),
    ("adam_betas_eps", "Adam", {"lr": 0.1, "betas": (0.8, 0.9), "eps": 1e-3}, None),
    ("adam_weight_decay", "Adam", {"lr": 0.1, "weight_decay": 0.1}, None),
    ("adam_amsgrad", "Adam", {"lr": 0.1, "amsgrad": True}, None),
    ("adam_maximize", "Adam", {"lr": 0.1, "maximize": True}, None),
    ("adam_all", "Adam", {"lr": 0.05, "betas": (0.7, 0.95), "weight_decay": 0.3, "amsgrad": True, "maximize": True}, None),
    ("adam_groups", "Adam", {"lr": 0.1}, [{"lr": 0.2, "amsgrad": True}, {"lr": 0.01, "betas": (0.5, 0.6)}]),
    ("adamw_default", "AdamW", {}, None),
    ("adamw", "AdamW", {"lr": 0.1}, None),
    ("adamw_weight_decay", "AdamW", {"lr": 0.1, "weight_decay": 0.5}, None),
    ("adamw_amsgrad", "AdamW", {"lr": 0.1, "amsgrad": True}, None),
    ("adamw_maximize", "AdamW", {"lr": 0.1, "maximize": True, "betas": (0.8, 0.9), "eps": 1e-4}, None),
    ("adamw_groups", "AdamW", {"lr": 0.1}, [{"weight_decay": 0.0}, {"lr": 0.03, "amsgrad": True}]),
    ("rmsprop_default", "RMSprop", {}, None),
    ("rmsprop_alpha_eps", "RMSprop", {"lr": 0.05, "alpha": 0.9, "eps": 1e-3}, None),
    ("rmsprop_weight_decay", "RMSprop", {"lr": 0.05, "weight_decay": 0.1}, None),
    ("rmsprop_momentum", "RMSprop", {"lr": 0.05, "momentum": 0.9}, None),
    ("rmsprop_centered", "RMSprop", {"lr": 0.05, "centered": True}, None),
    ("rmsprop_centered_momentum", "RMSprop", {"lr": 0.05, "centered": True, "momentum": 0.5}, None),
    ("rmsprop_maximize", "RMSprop", {"lr": 0.05, "maximize": True, "weight_decay": 0.2}, None),
    ("rmsprop_groups", "RMSprop", {"lr": 0.05}, [{"centered": True}, {"lr": 0.01, "momentum": 0.9}]),
    ("adagrad_default", "Adagrad", {}, None),
    ("adagrad", "Adagrad", {"lr": 0.1}, None),
    ("adagrad_lr_decay", "Adagrad", {"lr": 0.1, "lr_decay": 0.1}, None),
    ("adagrad_weight_decay", "Adagrad", {"lr": 0.1, "weight_decay": 0.1}, None),
    ("adagrad_initial_accumulator", "Adagrad", {"lr": 0.1, "initial_accumulator_value": 0.5, "eps": 1e-3}, None),
    ("adagrad_maximize", "Adagrad", {"lr": 0.1, "maximize": True}, None),
    ("adagrad_groups", "Adagrad", {"lr": 0.1}, [{"lr_decay": 0.5}, {"lr": 0.3}]),
    ("adadelta_default", "Adadelta", {}, None),
    ("adadelta", "Adadelta", {"lr": 0.5, "rho": 0.8, "eps": 1e-4}, None),
    ("adadelta_weight_decay_maximize", "Adadelta", {"lr": 0.5, "weight_decay": 0.1, "maximize": True}, None),
    ("adadelta_groups", "Adadelta", {"lr": 0.5}, [{"rho": 0.5}, {"lr": 2.0, "eps": 1e-3}]),
    ("adamax_default", "Adamax", {}, None),
    ("adamax", "Adamax", {"lr": 0.1}, None),
    ("adamax_all", "Adamax", {"lr": 0.1, "betas": (0.8, 0.9), "eps": 1e-3, "weight_decay": 0.1, "maximize": True}, None),
    ("adamax_groups", "Adamax", {"lr": 0.1}, [{"betas": (0.5, 0.6)}, {"lr": 0.02}]),
    ("nadam_default", "NAdam", {}, None),
    ("nadam", "NAdam", {"lr": 0.1}, None),
    ("nadam_all", "NAdam", {"lr": 0.1, "betas": (0.8, 0.95), "eps": 1e-4, "weight_decay": 0.1, "momentum_decay": 0.01}, None),
    ("nadam_groups", "NAdam", {"lr": 0.1}, [{"momentum_decay": 0.1}, {"lr": 0.02}]),
    ("radam_default", "RAdam", {}, None),
    ("radam", "RAdam", {"lr": 0.1, "weight_decay": 0.1}, None),
    ("radam_groups", "RAdam", {"lr": 0.1}, [{"betas": (0.5, 0.6)}, {"lr": 0.02, "eps": 1e-3}]),
    ("asgd_default", "ASGD", {}, None),
    ("asgd", "ASGD", {"lr": 0.05, "lambd": 0.01, "alpha": 0.5, "t0": 2}, None),
    ("asgd_weight_decay_maximize", "ASGD", {"lr": 0.05, "weight_decay": 0.1, "maximize": True, "t0": 1.5}, None),
    ("asgd_groups", "ASGD", {"lr": 0.05}, [{"t0": 0}, {"lr": 0.1, "lambd": 0.1}]),
    ("rprop_default", "Rprop", {}, None),
    ("rprop", "Rprop", {"lr": 0.05, "etas": (0.3, 1.5), "step_sizes": (1e-3, 0.1)}, None),
    ("rprop_maximize", "Rprop", {"lr": 0.05, "maximize": True}, None),
    ("rprop_groups", "Rprop", {"lr": 0.05}, [{"etas": (0.1, 2.0)}, {"lr": 0.2, "step_sizes": (0.01, 0.3)}]),
]
# Cases that need more steps: RAdam's rectified branch starts once rho_t > 5 (step 8 with beta2 = 0.9).
LONG_CASES = [("radam_rectified", "RAdam", {"lr": 0.05, "betas": (0.9, 0.9)}, None, 12),
              ("radam_rectified_groups", "RAdam", {"lr": 0.05}, [{"betas": (0.9, 0.9)}, {"betas": (0.8, 0.85)}], 12)]
# The same updates on float64 parameters (state follows the parameter's dtype; Adam's step stays float32).
FLOAT64_CASES = ["sgd_all", "adam_all", "adamw_groups", "rmsprop_centered_momentum", "adagrad_initial_accumulator",
                 "adadelta_groups", "adamax_all", "nadam_all", "radam", "asgd", "rprop_groups"]


def build_optimizer(cls_name, options, groups, params):
    if groups is None:
        return CLASSES[cls_name](params, **options)
    return CLASSES[cls_name]([{"params": [params[0]], **groups[0]}, {"params": params[1:], **groups[1]}], **options)


def run_optimizer_case(name, cls_name, options, groups, steps=STEPS, dtype=torch.float32):
    params = make_params(dtype)
    opt = build_optimizer(cls_name, options, groups, params)
    trajectory, losses = [], []
    for _ in range(steps):
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(params)
        loss.backward()
        opt.step()
        losses.append(loss.item())
        trajectory.append([p.detach().reshape(-1).tolist() for p in params])
    return {
        "name": name if dtype == torch.float32 else name + "_float64",
        "dtype": str(dtype).replace("torch.", ""),
        "optimizer": cls_name,
        "options": encode(options),
        "groups": encode(groups),
        "losses": losses,
        "trajectory": trajectory,
        "state_dict": encode(opt.state_dict()),
    }


# L-BFGS on a convex loss (the shared one is not bounded below along some directions).
LBFGS_CASES = [
    ("lbfgs_default", {}, 2),
    ("lbfgs_short_history", {"max_iter": 6, "history_size": 2}, 3),  # dot-order insensitive (BLAS sums differ)
    ("lbfgs_strong_wolfe", {"line_search_fn": "strong_wolfe"}, 2),
    ("lbfgs_strong_wolfe_short", {"line_search_fn": "strong_wolfe", "max_iter": 4, "history_size": 3, "lr": 2}, 3),
    ("lbfgs_tolerance", {"tolerance_grad": 0.5, "tolerance_change": 1e-3, "max_eval": 7}, 2),
]


def lbfgs_loss(params):
    p1, p2, _ = params
    c1, c2 = torch.tensor(C1), torch.tensor(C2)
    return (p1 * c1 - 0.3).pow(2).sum() + (p2 * c2 - 0.5).pow(4).mean() + (p1.sum() - p2.sum()).pow(2).mul(0.01)


def run_lbfgs_case(name, options, steps):
    params = make_params()
    opt = LBFGS(params, **options)
    evaluations = [0]

    def closure():
        evaluations[0] += 1
        opt.zero_grad()
        loss = lbfgs_loss(params)
        loss.backward()
        return loss

    returned, trajectory = [], []
    for _ in range(steps):
        returned.append(opt.step(closure).item())
        trajectory.append([p.detach().reshape(-1).tolist() for p in params])
    state = opt.state_dict()["state"][0]
    return {"name": name, "options": options, "returned": returned, "trajectory": trajectory,
            "evaluations": evaluations[0], "func_evals": state["func_evals"], "n_iter": state["n_iter"],
            "state_keys": list(state.keys())}


def reprs():
    """What print(optimizer) shows for each optimizer's defaults."""
    p = [torch.tensor([1.0], requires_grad=True)]
    out = {name: repr(cls(p, lr=0.1) if name == "SGD" else cls(p)) for name, cls in CLASSES.items()}
    out["LBFGS"] = repr(LBFGS(p))
    out["SparseAdam"] = repr(torch.optim.SparseAdam(p))
    return out


def closure_case():
    """step(closure): the closure's loss is returned and the update uses its gradients."""
    params = make_params()
    opt = SGD(params, lr=0.1, momentum=0.9)
    returned = []

    def closure():
        opt.zero_grad()
        loss = loss_fn(params)
        loss.backward()
        return loss

    for _ in range(3):
        returned.append(opt.step(closure).item())
    return {"losses": returned, "params": [p.detach().reshape(-1).tolist() for p in params]}


def scheduler_optimizer(kind):
    params = make_params()
    groups = [{"params": [params[0]], "lr": 0.1}, {"params": params[1:], "lr": 0.05}]
    if kind == "adam":
        return Adam(groups)
    return SGD(groups, lr=0.1, momentum=0.9)


SCHED_CASES = [
    ("step_lr", "sgd", lambda o: lr_scheduler.StepLR(o, step_size=3, gamma=0.5), 25),
    ("step_lr_default_gamma", "sgd", lambda o: lr_scheduler.StepLR(o, 4), 25),
    ("multi_step_lr", "sgd", lambda o: lr_scheduler.MultiStepLR(o, milestones=[2, 5, 5, 9], gamma=0.3), 25),
    ("exponential_lr", "sgd", lambda o: lr_scheduler.ExponentialLR(o, gamma=0.9), 25),
    ("cosine_annealing_lr", "sgd", lambda o: lr_scheduler.CosineAnnealingLR(o, T_max=7, eta_min=0.01), 30),
    ("cosine_annealing_lr_no_min", "sgd", lambda o: lr_scheduler.CosineAnnealingLR(o, T_max=10), 25),
    ("lambda_lr", "sgd", lambda o: lr_scheduler.LambdaLR(o, lambda e: 0.95 ** e), 25),
    ("lambda_lr_list", "sgd", lambda o: lr_scheduler.LambdaLR(o, [lambda e: 0.95 ** e, lambda e: 1 / (e + 1)]), 25),
    ("one_cycle_lr", "sgd", lambda o: lr_scheduler.OneCycleLR(o, max_lr=1.0, total_steps=25), 24),
    ("one_cycle_lr_adam_linear_three_phase", "adam",
     lambda o: lr_scheduler.OneCycleLR(o, max_lr=[0.5, 0.2], epochs=4, steps_per_epoch=6, anneal_strategy="linear",
                                       three_phase=True, pct_start=0.25), 23),
    ("constant_lr", "sgd", lambda o: lr_scheduler.ConstantLR(o, factor=0.5, total_iters=4), 10),
    ("constant_lr_default", "sgd", lambda o: lr_scheduler.ConstantLR(o), 10),
    ("linear_lr", "sgd", lambda o: lr_scheduler.LinearLR(o, start_factor=0.25, end_factor=0.9, total_iters=6), 10),
    ("linear_lr_default", "sgd", lambda o: lr_scheduler.LinearLR(o), 10),
    ("multiplicative_lr", "sgd", lambda o: lr_scheduler.MultiplicativeLR(o, lambda e: 0.9 if e % 2 else 0.97), 12),
    ("polynomial_lr", "sgd", lambda o: lr_scheduler.PolynomialLR(o, total_iters=8, power=2.0), 12),
    ("polynomial_lr_default", "sgd", lambda o: lr_scheduler.PolynomialLR(o), 8),
    ("cyclic_lr", "sgd", lambda o: lr_scheduler.CyclicLR(o, base_lr=0.01, max_lr=0.1, step_size_up=3), 16),
    ("cyclic_lr_triangular2", "sgd",
     lambda o: lr_scheduler.CyclicLR(o, base_lr=[0.01, 0.02], max_lr=0.2, step_size_up=2, step_size_down=3,
                                     mode="triangular2", base_momentum=0.7, max_momentum=[0.95, 0.9]), 16),
    ("cyclic_lr_exp_range", "adam",
     lambda o: lr_scheduler.CyclicLR(o, base_lr=0.001, max_lr=0.01, step_size_up=4, mode="exp_range", gamma=0.9,
                                     cycle_momentum=False), 16),
    ("cosine_warm_restarts", "sgd", lambda o: lr_scheduler.CosineAnnealingWarmRestarts(o, T_0=4, eta_min=0.001), 14),
    ("cosine_warm_restarts_mult", "sgd", lambda o: lr_scheduler.CosineAnnealingWarmRestarts(o, T_0=2, T_mult=2), 16),
    ("chained", "sgd", lambda o: lr_scheduler.ChainedScheduler([lr_scheduler.ConstantLR(o, factor=0.1, total_iters=2),
                                                               lr_scheduler.ExponentialLR(o, gamma=0.9)]), 8),
    ("sequential", "sgd", lambda o: lr_scheduler.SequentialLR(o, [lr_scheduler.LinearLR(o, start_factor=0.1, total_iters=3),
                                                                 lr_scheduler.ExponentialLR(o, gamma=0.8)], milestones=[4]), 10),
    ("one_cycle_lr_no_momentum", "sgd",
     lambda o: lr_scheduler.OneCycleLR(o, max_lr=0.3, total_steps=21, cycle_momentum=False, div_factor=10.0,
                                       final_div_factor=100.0), 20),
]

PLATEAU_METRICS = [1.0, 0.9, 0.95, 0.95, 0.95, 0.89, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5,
                   0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5]
PLATEAU_CASES = [
    ("reduce_lr_on_plateau", {"patience": 2, "factor": 0.5}),
    ("reduce_lr_on_plateau_cooldown", {"patience": 1, "cooldown": 2, "factor": 0.3, "min_lr": [0.01, 0.004]}),
    ("reduce_lr_on_plateau_max_abs", {"mode": "max", "threshold_mode": "abs", "threshold": 0.01, "patience": 0}),
    ("reduce_lr_on_plateau_min_abs", {"threshold_mode": "abs", "threshold": 0.02, "patience": 1, "min_lr": 0.02}),
]


def momentum_of(group):
    return group["betas"][0] if "betas" in group else group.get("momentum")


def run_scheduler_case(name, kind, make, epochs):
    opt = scheduler_optimizer(kind)
    sched = make(opt)
    lrs = [sched.get_last_lr()]
    momenta = [[momentum_of(g) for g in opt.param_groups]]
    for _ in range(epochs):
        opt.step()
        sched.step()
        lrs.append(sched.get_last_lr())
        momenta.append([momentum_of(g) for g in opt.param_groups])
    state = {k: v for k, v in sched.state_dict().items() if not callable(v) and k != "_scale_fn_ref"}
    if "milestones" in state:
        state["milestones"] = dict(state["milestones"])
    return {"name": name, "lrs": lrs, "momenta": momenta, "state_dict": encode(state)}


def run_plateau_case(name, options):
    opt = scheduler_optimizer("sgd")
    sched = lr_scheduler.ReduceLROnPlateau(opt, **options)
    lrs = []
    for m in PLATEAU_METRICS:
        opt.step()
        sched.step(m)
        lrs.append(sched._last_lr)
    return {"name": name, "options": options, "metrics": PLATEAU_METRICS, "lrs": lrs,
            "state_dict": encode(sched.state_dict())}


CLIP_CASES = [
    ("norm2_clipped", "norm", 1.0, 2.0),
    ("norm2_unclipped", "norm", 100.0, 2.0),
    ("norm1", "norm", 2.0, 1.0),
    ("norm3", "norm", 2.0, 3.0),
    ("norm_inf", "norm", 0.5, math.inf),
    ("value", "value", 0.75, None),
]


def run_clip_case(name, kind, limit, norm_type):
    params = make_params()
    loss_fn(params).backward()
    result = None
    if kind == "norm":
        result = clip_grad_norm_(params, limit, norm_type).item()
    else:
        clip_grad_value_(params, limit)
    grads = [None if p.grad is None else p.grad.reshape(-1).tolist() for p in params]
    return {"name": name, "kind": kind, "limit": limit, "norm_type": encode(norm_type), "total_norm": result, "grads": grads}


def single_clip_case():
    p = torch.tensor(P2, requires_grad=True)
    (p * torch.tensor(C2)).pow(2).sum().backward()
    total = clip_grad_norm_(p, 0.5)
    return {"total_norm": total.item(), "grad": p.grad.tolist()}


def main(out_path):
    import warnings
    warnings.simplefilter("ignore")
    fixtures = {
        "problem": {"P1": P1, "C1": C1, "P2": P2, "C2": C2, "P3": P3, "steps": STEPS},
        "optimizers": [run_optimizer_case(*c) for c in OPT_CASES]
        + [run_optimizer_case(*c, dtype=torch.float64) for c in OPT_CASES if c[0] in FLOAT64_CASES]
        + [run_optimizer_case(*c) for c in LONG_CASES],
        "lbfgs": [run_lbfgs_case(*c) for c in LBFGS_CASES],
        "reprs": reprs(),
        "closure": closure_case(),
        "schedulers": [run_scheduler_case(*c) for c in SCHED_CASES] + [run_plateau_case(*c) for c in PLATEAU_CASES],
        "clip": [run_clip_case(*c) for c in CLIP_CASES],
        "clip_single_tensor": single_clip_case(),
    }
    with open(out_path, "w") as f:
        json.dump(fixtures, f, indent=1, allow_nan=False)
        f.write("\n")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "test/fixtures/optim.json")
