// torch.optim.Adadelta: PyTorch 1.13's _single_tensor_adadelta.
import { ValueError } from "../errors.js";
import { PySignature, type CallArgs } from "../signatures/registry.js";
import { zeros_like } from "../tensor/creation.js";
import { add, neg } from "../ops/elementwise.js";
import { add_, mul_ } from "../ops/inplace.js";
import { Tensor } from "../tensor/tensor.js";
import { Optimizer, paramsWithGrad } from "./optimizer.js";
import { pyStr } from "../python.js";
import { ONE, pyCompare, ZERO } from "./python.js";
import { addcmul_ } from "./tensor_ops.js";
import { fusedOptimStep } from "./fused.js";

export interface AdadeltaOptions {
  lr: number;
  rho: number;
  eps: number;
  weight_decay: number;
  foreach: boolean | null;
  maximize: boolean;
}

// lr, rho, eps and weight_decay are unannotated: PyTorch compares them with 0.0 and 1.0 itself.
const INIT = new PySignature(
  "torch.optim",
  "Adadelta.__init__(params, lr=1.0, rho=0.9, eps=1e-06, weight_decay=0, foreach: bool | None = None, *, maximize: bool = False)",
);
const STEP = new PySignature("torch.optim", "Adadelta.step(closure=None)");

export class Adadelta extends Optimizer<AdadeltaOptions> {
  protected static override restoredGroupDefaults = { foreach: null, maximize: false };
  protected static override floatDefaults = { lr: 1.0 };
  constructor(...args: CallArgs<"Adadelta.__init__">) {
    const [params, lr, rho, eps, weight_decay, foreach, maximize] = INIT.bind(args);
    if (!pyCompare(ZERO, "<=", lr)) throw new ValueError(`Invalid learning rate: ${pyStr(lr)}`);
    if (!(pyCompare(ZERO, "<=", rho) && pyCompare(rho, "<=", ONE)))
      throw new ValueError(`Invalid rho value: ${pyStr(rho)}`);
    if (!pyCompare(ZERO, "<=", eps)) throw new ValueError(`Invalid epsilon value: ${pyStr(eps)}`);
    if (!pyCompare(ZERO, "<=", weight_decay))
      throw new ValueError(`Invalid weight_decay value: ${pyStr(weight_decay)}`);
    super(params, { lr, rho, eps, weight_decay, maximize, foreach });
  }

  override step(...args: CallArgs<"Adadelta.step">): Tensor | number | null {
    const [closure] = this.bindStep<[unknown]>(STEP, args);
    return this.runStep(closure, () => {
      for (const group of this.param_groups) {
        const { lr, rho, eps, weight_decay, maximize } = group;
        for (const [param, rawGrad] of paramsWithGrad(group)) {
          const state = this.stateOf(param);
          if (Object.keys(state).length === 0) {
            state.step = 0;
            state.square_avg = zeros_like(param);
            state.acc_delta = zeros_like(param);
          }
          state.step = (state.step as number) + 1;
          const square_avg = state.square_avg as Tensor;
          const acc_delta = state.acc_delta as Tensor;
          // The backend's fused kernel, when it has one, with the arithmetic of the lines below.
          const fused: [Tensor, number][] = [
            [square_avg, 2],
            [acc_delta, 2],
          ];
          if (
            fusedOptimStep(
              "adadelta",
              param,
              rawGrad,
              fused,
              1,
              [lr, rho, eps, weight_decay],
              maximize ? 2 : 0,
            )
          )
            continue;
          let grad = maximize ? neg(rawGrad) : rawGrad;
          if (weight_decay !== 0) grad = add(grad, param, weight_decay);
          addcmul_(mul_(square_avg, rho), grad, grad, 1 - rho);
          const std = square_avg.add(eps).sqrt_();
          const delta = mul_(acc_delta.add(eps).sqrt_().div_(std), grad);
          addcmul_(mul_(acc_delta, rho), delta, delta, 1 - rho);
          add_(param, delta, -lr);
        }
      }
    });
  }
}
