// torch.optim.Adam and AdamW: PyTorch 1.13's _single_tensor_adam / _single_tensor_adamw (non-capturable path).
import { RuntimeError, ValueError } from "../errors.js";
import { maximum } from "../ops/functions.js";
import { tensor, zeros_like } from "../tensor/creation.js";
import { Tensor } from "../tensor/tensor.js";
import {
  Optimizer,
  pyNum,
  type Closure,
  type GroupBase,
  type ParamsArg,
  paramsWithGrad,
} from "./optimizer.js";
import { addcdiv_, addcmul_ } from "./tensor_ops.js";

export interface AdamOptions {
  lr: number;
  betas: [number, number];
  eps: number;
  weight_decay: number;
  amsgrad: boolean;
  maximize: boolean;
  foreach: boolean | null;
  capturable: boolean;
  differentiable: boolean;
  fused: boolean;
}
export type AdamWOptions = Omit<AdamOptions, "differentiable" | "fused">;

function validate(lr: number, betas: readonly number[], eps: number, weight_decay: number): void {
  if (!(0.0 <= lr)) throw new ValueError(`Invalid learning rate: ${pyNum(lr)}`);
  if (!(0.0 <= eps)) throw new ValueError(`Invalid epsilon value: ${pyNum(eps)}`);
  if (!(0.0 <= betas[0] && betas[0] < 1.0))
    throw new ValueError(`Invalid beta parameter at index 0: ${pyNum(betas[0])}`);
  if (!(0.0 <= betas[1] && betas[1] < 1.0))
    throw new ValueError(`Invalid beta parameter at index 1: ${pyNum(betas[1])}`);
  if (!(0.0 <= weight_decay)) throw new ValueError(`Invalid weight_decay value: ${pyNum(weight_decay)}`);
}

type AdamGroup = GroupBase & Omit<AdamWOptions, "lr">;

/** One Adam/AdamW update of every parameter of a group; `decoupled` is AdamW's weight decay. */
function adamGroupStep(
  group: AdamGroup,
  state: (p: Tensor) => Record<string, unknown>,
  decoupled: boolean,
): void {
  const { amsgrad, weight_decay, eps, maximize, capturable } = group;
  const [beta1, beta2] = group.betas;
  const lr = group.lr;
  for (const [p, rawGrad] of paramsWithGrad(group)) {
    const s = state(p);
    if (Object.keys(s).length === 0) {
      s.step = tensor(0.0);
      s.exp_avg = zeros_like(p);
      s.exp_avg_sq = zeros_like(p);
      if (amsgrad) s.max_exp_avg_sq = zeros_like(p);
    }
    if (capturable)
      throw new RuntimeError("If capturable=True, params and state_steps must be CUDA tensors.");
    let grad = maximize ? rawGrad.neg() : rawGrad;
    const exp_avg = s.exp_avg as Tensor;
    const exp_avg_sq = s.exp_avg_sq as Tensor;
    const step_t = s.step as Tensor;
    step_t.add_(1);
    if (decoupled) p.mul_(1 - lr * weight_decay);
    else if (weight_decay !== 0) grad = grad.add(p, { alpha: weight_decay });
    exp_avg.mul_(beta1).add_(grad, { alpha: 1 - beta1 });
    addcmul_(exp_avg_sq.mul_(beta2), grad, grad, 1 - beta2);
    const step = step_t.item();
    const bias_correction1 = 1 - beta1 ** step;
    const bias_correction2 = 1 - beta2 ** step;
    const step_size = lr / bias_correction1;
    const bias_correction2_sqrt = Math.sqrt(bias_correction2);
    let denom: Tensor;
    if (amsgrad) {
      const max_exp_avg_sq = s.max_exp_avg_sq as Tensor;
      max_exp_avg_sq.copy_(maximum(max_exp_avg_sq, exp_avg_sq));
      denom = max_exp_avg_sq.sqrt().div(bias_correction2_sqrt).add_(eps);
    } else {
      denom = exp_avg_sq.sqrt().div(bias_correction2_sqrt).add_(eps);
    }
    addcdiv_(p, exp_avg, denom, -step_size);
  }
}

export class Adam extends Optimizer<AdamOptions> {
  constructor(params: ParamsArg<AdamOptions>, options: Partial<AdamOptions> = {}) {
    const {
      lr = 1e-3,
      betas = [0.9, 0.999],
      eps = 1e-8,
      weight_decay = 0,
      amsgrad = false,
      foreach = null,
      maximize = false,
      capturable = false,
      differentiable = false,
      fused = false,
    } = options;
    validate(lr, betas, eps, weight_decay);
    if (differentiable)
      throw new ValueError("differentiable=True is not supported by this library's optimizers");
    const defaults: AdamOptions = {
      lr,
      betas: [betas[0], betas[1]],
      eps,
      weight_decay,
      amsgrad,
      maximize,
      foreach,
      capturable,
      differentiable,
      fused,
    };
    super(params, defaults);
    if (fused) throw new RuntimeError("FusedAdam requires all the params to be CUDA, floating point");
  }

  step(closure?: Closure | null): Tensor | number | null {
    return this.runStep(closure, () => {
      for (const group of this.param_groups) adamGroupStep(group, (p) => this.stateOf(p), false);
    });
  }
}

export class AdamW extends Optimizer<AdamWOptions> {
  constructor(params: ParamsArg<AdamWOptions>, options: Partial<AdamWOptions> = {}) {
    const {
      lr = 1e-3,
      betas = [0.9, 0.999],
      eps = 1e-8,
      weight_decay = 1e-2,
      amsgrad = false,
      maximize = false,
      foreach = null,
      capturable = false,
    } = options;
    validate(lr, betas, eps, weight_decay);
    const defaults: AdamWOptions = {
      lr,
      betas: [betas[0], betas[1]],
      eps,
      weight_decay,
      amsgrad,
      foreach,
      maximize,
      capturable,
    };
    super(params, defaults);
  }

  step(closure?: Closure | null): Tensor | number | null {
    return this.runStep(closure, () => {
      for (const group of this.param_groups) adamGroupStep(group, (p) => this.stateOf(p), true);
    });
  }
}
