// torch.optim.RMSprop: PyTorch 1.13's _single_tensor_rmsprop.
import { ValueError } from "../errors.js";
import { zeros_like } from "../tensor/creation.js";
import { Tensor } from "../tensor/tensor.js";
import { Optimizer, pyNum, type Closure, type ParamsArg, paramsWithGrad } from "./optimizer.js";
import { addcdiv_, addcmul, addcmul_ } from "./tensor_ops.js";

export interface RMSpropOptions {
  lr: number;
  momentum: number;
  alpha: number;
  eps: number;
  centered: boolean;
  weight_decay: number;
  foreach: boolean | null;
  maximize: boolean;
  differentiable: boolean;
}

export class RMSprop extends Optimizer<RMSpropOptions> {
  constructor(params: ParamsArg<RMSpropOptions>, options: Partial<RMSpropOptions> = {}) {
    const {
      lr = 1e-2,
      alpha = 0.99,
      eps = 1e-8,
      weight_decay = 0,
      momentum = 0,
      centered = false,
      foreach = null,
      maximize = false,
      differentiable = false,
    } = options;
    if (!(0.0 <= lr)) throw new ValueError(`Invalid learning rate: ${pyNum(lr)}`);
    if (!(0.0 <= eps)) throw new ValueError(`Invalid epsilon value: ${pyNum(eps)}`);
    if (!(0.0 <= momentum)) throw new ValueError(`Invalid momentum value: ${pyNum(momentum)}`);
    if (!(0.0 <= weight_decay)) throw new ValueError(`Invalid weight_decay value: ${pyNum(weight_decay)}`);
    if (!(0.0 <= alpha)) throw new ValueError(`Invalid alpha value: ${pyNum(alpha)}`);
    if (differentiable)
      throw new ValueError("differentiable=True is not supported by this library's optimizers");
    super(params, { lr, momentum, alpha, eps, centered, weight_decay, foreach, maximize, differentiable });
  }

  step(closure?: Closure | null): Tensor | number | null {
    return this.runStep(closure, () => {
      for (const group of this.param_groups) {
        const { alpha, eps, weight_decay, momentum, centered, maximize } = group;
        const lr = group.lr;
        for (const [param, rawGrad] of paramsWithGrad(group)) {
          const state = this.stateOf(param);
          if (Object.keys(state).length === 0) {
            state.step = 0;
            state.square_avg = zeros_like(param);
            if (momentum > 0) state.momentum_buffer = zeros_like(param);
            if (centered) state.grad_avg = zeros_like(param);
          }
          state.step = (state.step as number) + 1;
          let grad = maximize ? rawGrad.neg() : rawGrad;
          if (weight_decay !== 0) grad = grad.add(param, { alpha: weight_decay });
          const square_avg = state.square_avg as Tensor;
          addcmul_(square_avg.mul_(alpha), grad, grad, 1 - alpha);
          let avg: Tensor;
          if (centered) {
            const grad_avg = state.grad_avg as Tensor;
            grad_avg.mul_(alpha).add_(grad, { alpha: 1 - alpha });
            avg = addcmul(square_avg, grad_avg, grad_avg, -1).sqrt();
          } else {
            avg = square_avg.sqrt();
          }
          avg = avg.add_(eps);
          if (momentum > 0) {
            const buf = state.momentum_buffer as Tensor;
            addcdiv_(buf.mul_(momentum), grad, avg);
            param.add_(buf, { alpha: -lr });
          } else {
            addcdiv_(param, grad, avg, -lr);
          }
        }
      }
    });
  }
}
