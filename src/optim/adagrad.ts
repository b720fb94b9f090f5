// torch.optim.Adagrad: PyTorch 1.13's _single_tensor_adagrad (dense gradients).
import { ValueError } from "../errors.js";
import { full_like, tensor } from "../tensor/creation.js";
import { Tensor } from "../tensor/tensor.js";
import {
  Optimizer,
  pyNum,
  type Closure,
  type ParamState,
  type ParamsArg,
  paramsWithGrad,
} from "./optimizer.js";
import { addcdiv_, addcmul_ } from "./tensor_ops.js";

export interface AdagradOptions {
  lr: number;
  lr_decay: number;
  eps: number;
  weight_decay: number;
  initial_accumulator_value: number;
  foreach: boolean | null;
  maximize: boolean;
}

export class Adagrad extends Optimizer<AdagradOptions> {
  constructor(params: ParamsArg<AdagradOptions>, options: Partial<AdagradOptions> = {}) {
    const {
      lr = 1e-2,
      lr_decay = 0,
      weight_decay = 0,
      initial_accumulator_value = 0,
      eps = 1e-10,
      foreach = null,
      maximize = false,
    } = options;
    if (!(0.0 <= lr)) throw new ValueError(`Invalid learning rate: ${pyNum(lr)}`);
    if (!(0.0 <= lr_decay)) throw new ValueError(`Invalid lr_decay value: ${pyNum(lr_decay)}`);
    if (!(0.0 <= weight_decay)) throw new ValueError(`Invalid weight_decay value: ${pyNum(weight_decay)}`);
    if (!(0.0 <= initial_accumulator_value))
      throw new ValueError(`Invalid initial_accumulator_value value: ${pyNum(initial_accumulator_value)}`);
    if (!(0.0 <= eps)) throw new ValueError(`Invalid epsilon value: ${pyNum(eps)}`);
    super(params, { lr, lr_decay, eps, weight_decay, initial_accumulator_value, foreach, maximize });
    // Like PyTorch, state is created eagerly for the constructor's parameters.
    for (const group of this.param_groups)
      for (const p of group.params) this.initState(p, group.initial_accumulator_value);
  }

  private initState(p: Tensor, initialAccumulator: number): ParamState {
    const state = this.stateOf(p);
    state.step = tensor(0.0);
    state.sum = full_like(p, initialAccumulator);
    return state;
  }

  step(closure?: Closure | null): Tensor | number | null {
    return this.runStep(closure, () => {
      for (const group of this.param_groups) {
        const { lr_decay, eps, weight_decay, maximize } = group;
        const lr = group.lr;
        for (const [param, rawGrad] of paramsWithGrad(group)) {
          // Groups added later via add_param_group get their state on first use.
          const state = this.state.get(param) ?? this.initState(param, group.initial_accumulator_value);
          const step_t = state.step as Tensor;
          const state_sum = state.sum as Tensor;
          step_t.add_(1);
          const step = step_t.item();
          let grad = maximize ? rawGrad.neg() : rawGrad;
          if (weight_decay !== 0) grad = grad.add(param, { alpha: weight_decay });
          const clr = lr / (1 + (step - 1) * lr_decay);
          addcmul_(state_sum, grad, grad, 1);
          const std = state_sum.sqrt().add_(eps);
          addcdiv_(param, grad, std, -clr);
        }
      }
    });
  }
}
