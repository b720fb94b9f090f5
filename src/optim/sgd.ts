// torch.optim.SGD: PyTorch 1.13's _single_tensor_sgd.
import { ValueError } from "../errors.js";
import { PySignature, type CallArgs } from "../signatures/registry.js";
import { REQUIRED } from "../signatures/schema.js";
import { add, neg } from "../ops/elementwise.js";
import { add_, mul_ } from "../ops/inplace.js";
import { Tensor } from "../tensor/tensor.js";
import { fusedSgdStep } from "./fused.js";
import { Optimizer, paramsWithGrad } from "./optimizer.js";
import { pyStr } from "../python.js";
import { pyCompare, pyTruthy, ZERO } from "./python.js";

export interface SGDOptions {
  lr: number;
  momentum: number;
  dampening: number;
  weight_decay: number;
  nesterov: boolean;
  maximize: boolean;
  foreach: boolean | null;
  differentiable: boolean;
}

// lr, momentum, weight_decay and nesterov are unannotated: PyTorch compares them with 0.0 (and tests
// nesterov's truth) itself, and so do we.
const INIT = new PySignature(
  "torch.optim",
  "SGD.__init__(params, lr=<required parameter>, momentum=0, dampening: float = 0, weight_decay=0, nesterov=False, *, maximize: bool = False, foreach: bool | None = None, differentiable: bool = False)",
);
const STEP = new PySignature("torch.optim", "SGD.step(closure=None)");

export class SGD extends Optimizer<SGDOptions> {
  protected static override restoredGroupDefaults = {
    nesterov: false,
    maximize: false,
    foreach: null,
    differentiable: false,
  };
  constructor(...args: CallArgs<"SGD.__init__">) {
    const [params, lr, momentum, dampening, weight_decay, nesterov, maximize, foreach, differentiable] =
      INIT.bind(args);
    if (lr !== REQUIRED && pyCompare(lr, "<", ZERO))
      throw new ValueError(`Invalid learning rate: ${pyStr(lr)}`);
    if (pyCompare(momentum, "<", ZERO)) throw new ValueError(`Invalid momentum value: ${pyStr(momentum)}`);
    if (pyCompare(weight_decay, "<", ZERO))
      throw new ValueError(`Invalid weight_decay value: ${pyStr(weight_decay)}`);
    const defaults = { lr, momentum, dampening, weight_decay, nesterov, maximize, foreach, differentiable };
    if (pyTruthy(nesterov) && (pyCompare(momentum, "<=", 0) || dampening !== 0))
      throw new ValueError("Nesterov momentum requires a momentum and zero dampening");
    super(params, defaults);
  }

  /** With differentiable=True the update runs with grad enabled, as PyTorch's _use_grad_for_differentiable does. */
  override step(...args: CallArgs<"SGD.step">): Tensor | number | null {
    const [closure] = this.bindStep<[unknown]>(STEP, args);
    return this.runStep(
      closure,
      () => {
        for (const group of this.param_groups) {
          const { momentum, dampening, weight_decay, nesterov, maximize } = group;
          const lr = group.lr;
          for (const [param, grad] of paramsWithGrad(group)) {
            const state = this.stateOf(param);
            // The backend's fused kernel, when it has one, with the arithmetic of the lines below.
            const held = (state.momentum_buffer as Tensor | null | undefined) ?? null;
            if (!pyTruthy(group.differentiable) && fusedSgdStep(param, grad, held, group)) {
              state.momentum_buffer = held;
              continue;
            }
            let d_p = maximize ? neg(grad) : grad;
            if (weight_decay !== 0) d_p = add(d_p, param, weight_decay);
            let buf = (state.momentum_buffer as Tensor | null | undefined) ?? null;
            if (momentum !== 0) {
              const b = buf === null ? d_p.clone().detach() : add_(mul_(buf, momentum), d_p, 1 - dampening);
              buf = b;
              d_p = nesterov ? add(d_p, b, momentum) : b;
            }
            // PyTorch stores the buffer (None without momentum) for every parameter that had a grad.
            state.momentum_buffer = buf;
            add_(param, d_p, -lr);
          }
        }
      },
      pyTruthy(this.defaults.differentiable),
    );
  }
}
