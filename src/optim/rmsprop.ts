// torch.optim.RMSprop: PyTorch 1.13's _single_tensor_rmsprop.
import { NotImplementedError, ValueError } from "../errors.js";
import { PySignature, type CallArgs } from "../signatures/registry.js";
import { zeros_like } from "../tensor/creation.js";
import { add, neg } from "../ops/elementwise.js";
import { add_, mul_ } from "../ops/inplace.js";
import { Tensor } from "../tensor/tensor.js";
import { Optimizer, paramsWithGrad } from "./optimizer.js";
import { pyStr } from "../python.js";
import { pyCompare, ZERO } from "./python.js";
import { addcdiv_, addcmul, addcmul_ } from "./tensor_ops.js";
import { fusedOptimStep } from "./fused.js";

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

// lr, alpha, eps, weight_decay and momentum are unannotated: PyTorch compares them with 0.0, and so do we.
const INIT = new PySignature(
  "torch.optim",
  "RMSprop.__init__(params, lr=0.01, alpha=0.99, eps=1e-08, weight_decay=0, momentum=0, centered: bool = False, foreach: bool | None = None, maximize: bool = False, differentiable: bool = False)",
);
const STEP = new PySignature("torch.optim", "RMSprop.step(closure=None)");

export class RMSprop extends Optimizer<RMSpropOptions> {
  protected static override restoredGroupDefaults = {
    momentum: 0,
    centered: false,
    foreach: null,
    maximize: false,
    differentiable: false,
  };
  constructor(...args: CallArgs<"RMSprop.__init__">) {
    const [params, lr, alpha, eps, weight_decay, momentum, centered, foreach, maximize, differentiable] =
      INIT.bind(args);
    if (!pyCompare(ZERO, "<=", lr)) throw new ValueError(`Invalid learning rate: ${pyStr(lr)}`);
    if (!pyCompare(ZERO, "<=", eps)) throw new ValueError(`Invalid epsilon value: ${pyStr(eps)}`);
    if (!pyCompare(ZERO, "<=", momentum)) throw new ValueError(`Invalid momentum value: ${pyStr(momentum)}`);
    if (!pyCompare(ZERO, "<=", weight_decay))
      throw new ValueError(`Invalid weight_decay value: ${pyStr(weight_decay)}`);
    if (!pyCompare(ZERO, "<=", alpha)) throw new ValueError(`Invalid alpha value: ${pyStr(alpha)}`);
    super(params, { lr, momentum, alpha, eps, centered, weight_decay, foreach, maximize, differentiable });
    if (differentiable)
      throw new NotImplementedError(
        "tensorgrad's RMSprop does not support differentiable=True (differentiating through step())",
      );
  }

  override step(...args: CallArgs<"RMSprop.step">): Tensor | number | null {
    const [closure] = this.bindStep<[unknown]>(STEP, args);
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
          // The backend's fused kernel, when it has one, with the arithmetic of the lines below.
          const fused: [Tensor | null, number][] = [
            [state.square_avg as Tensor, 2],
            [momentum > 0 ? (state.momentum_buffer as Tensor) : null, 2],
            [centered ? (state.grad_avg as Tensor) : null, 2],
          ];
          const hyper = [lr, alpha, eps, weight_decay, momentum];
          if (
            fusedOptimStep(
              "rmsprop",
              param,
              rawGrad,
              fused,
              1,
              hyper,
              (centered ? 1 : 0) | (maximize ? 2 : 0),
            )
          )
            continue;
          let grad = maximize ? neg(rawGrad) : rawGrad;
          if (weight_decay !== 0) grad = add(grad, param, weight_decay);
          const square_avg = state.square_avg as Tensor;
          addcmul_(mul_(square_avg, alpha), grad, grad, 1 - alpha);
          let avg: Tensor;
          if (centered) {
            const grad_avg = state.grad_avg as Tensor;
            add_(mul_(grad_avg, alpha), grad, 1 - alpha);
            avg = addcmul(square_avg, grad_avg, grad_avg, -1).sqrt();
          } else {
            avg = square_avg.sqrt();
          }
          avg = add_(avg, eps);
          if (momentum > 0) {
            const buf = state.momentum_buffer as Tensor;
            addcdiv_(mul_(buf, momentum), grad, avg);
            add_(param, buf, -lr);
          } else {
            addcdiv_(param, grad, avg, -lr);
          }
        }
      }
    });
  }
}
