// torch.optim.SGD: PyTorch 1.13's _single_tensor_sgd.
import { ValueError } from "../errors.js";
import { Tensor } from "../tensor/tensor.js";
import { Optimizer, pyNum, required, type Closure, type ParamsArg, paramsWithGrad } from "./optimizer.js";

export interface SGDOptions {
  lr: number | typeof required;
  momentum: number;
  dampening: number;
  weight_decay: number;
  nesterov: boolean;
  maximize: boolean;
  foreach: boolean | null;
  differentiable: boolean;
}

export class SGD extends Optimizer<SGDOptions> {
  constructor(params: ParamsArg<SGDOptions>, options: Partial<SGDOptions> = {}) {
    const lr: number | typeof required = options.lr ?? required;
    const {
      momentum = 0,
      dampening = 0,
      weight_decay = 0,
      nesterov = false,
      maximize = false,
      foreach = null,
      differentiable = false,
    } = options;
    if (lr !== required && lr < 0.0) throw new ValueError(`Invalid learning rate: ${pyNum(lr)}`);
    if (momentum < 0.0) throw new ValueError(`Invalid momentum value: ${pyNum(momentum)}`);
    if (weight_decay < 0.0) throw new ValueError(`Invalid weight_decay value: ${pyNum(weight_decay)}`);
    if (differentiable)
      throw new ValueError("differentiable=True is not supported by this library's optimizers");
    const defaults = { lr, momentum, dampening, weight_decay, nesterov, maximize, foreach, differentiable };
    if (nesterov && (momentum <= 0 || dampening !== 0))
      throw new ValueError("Nesterov momentum requires a momentum and zero dampening");
    super(params, defaults as SGDOptions);
  }

  step(closure?: Closure | null): Tensor | number | null {
    return this.runStep(closure, () => {
      for (const group of this.param_groups) {
        const { momentum, dampening, weight_decay, nesterov, maximize } = group;
        const lr = group.lr;
        for (const [param, grad] of paramsWithGrad(group)) {
          const state = this.stateOf(param);
          let d_p = maximize ? grad.neg() : grad;
          if (weight_decay !== 0) d_p = d_p.add(param, { alpha: weight_decay });
          let buf = (state.momentum_buffer as Tensor | null | undefined) ?? null;
          if (momentum !== 0) {
            if (buf === null) buf = d_p.clone().detach();
            else buf.mul_(momentum).add_(d_p, { alpha: 1 - dampening });
            d_p = nesterov ? d_p.add(buf, { alpha: momentum }) : buf;
          }
          // PyTorch stores the buffer (None without momentum) for every parameter that had a grad.
          state.momentum_buffer = buf;
          param.add_(d_p, { alpha: -lr });
        }
      }
    });
  }
}
