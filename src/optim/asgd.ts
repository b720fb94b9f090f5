// torch.optim.ASGD: PyTorch 1.13's _single_tensor_asgd (eta and mu are float32 tensors in the state).
import { ValueError } from "../errors.js";
import { PySignature, type CallArgs } from "../signatures/registry.js";
import { tensor, zeros_like } from "../tensor/creation.js";
import { add, neg } from "../ops/elementwise.js";
import { add_, mul_ } from "../ops/inplace.js";
import { Tensor } from "../tensor/tensor.js";
import { Optimizer, paramsWithGrad } from "./optimizer.js";
import { pyStr } from "../python.js";
import { pyCompare, pyFloat, pyPow, ZERO } from "./python.js";

export interface ASGDOptions {
  lr: number;
  lambd: number;
  alpha: number;
  t0: number;
  weight_decay: number;
  foreach: boolean | null;
  maximize: boolean;
}

// lr and weight_decay are unannotated: PyTorch compares them with 0.0 itself.
const INIT = new PySignature(
  "torch.optim",
  "ASGD.__init__(params, lr=0.01, lambd=0.0001, alpha=0.75, t0=1000000.0, weight_decay=0, foreach: bool | None = None, maximize: bool = False)",
);
const STEP = new PySignature("torch.optim", "ASGD.step(closure=None)");

export class ASGD extends Optimizer<ASGDOptions> {
  protected static override restoredGroupDefaults = { foreach: null, maximize: false };
  protected static override stepIsTensor = true;
  protected static override floatDefaults = { t0: 1e6 };
  constructor(...args: CallArgs<"ASGD.__init__">) {
    const [params, lr, lambd, alpha, t0, weight_decay, foreach, maximize] = INIT.bind(args);
    if (!pyCompare(ZERO, "<=", lr)) throw new ValueError(`Invalid learning rate: ${pyStr(lr)}`);
    if (!pyCompare(ZERO, "<=", weight_decay))
      throw new ValueError(`Invalid weight_decay value: ${pyStr(weight_decay)}`);
    super(params, { lr, lambd, alpha, t0, weight_decay, foreach, maximize });
  }

  override load_state_dict(...args: CallArgs<"Optimizer.load_state_dict">): void {
    super.load_state_dict(...args);
    // ASGD's __setstate__ also turns numeric eta and mu into tensors.
    const states = [...this.state.values()];
    if (states.length > 0 && !(states[0].eta instanceof Tensor))
      for (const s of states) s.eta = tensor(s.eta as number);
    if (states.length > 0 && !(states[0].mu instanceof Tensor))
      for (const s of states) s.mu = tensor(pyFloat(s.mu));
  }

  override step(...args: CallArgs<"ASGD.step">): Tensor | number | null {
    const [closure] = this.bindStep<[unknown]>(STEP, args);
    return this.runStep(closure, () => {
      for (const group of this.param_groups) {
        const { lr, lambd, alpha, t0, weight_decay, maximize } = group;
        for (const [param, rawGrad] of paramsWithGrad(group)) {
          const state = this.stateOf(param);
          if (Object.keys(state).length === 0) {
            state.step = tensor(0.0);
            state.eta = tensor(lr);
            state.mu = tensor(1.0);
            state.ax = zeros_like(param);
          }
          let grad = maximize ? neg(rawGrad) : rawGrad;
          const mu = state.mu as Tensor;
          const ax = state.ax as Tensor;
          const eta = state.eta as Tensor;
          const step_t = state.step as Tensor;
          add_(step_t, 1);
          const step = Number(step_t.item());
          if (weight_decay !== 0) grad = add(grad, param, weight_decay);
          mul_(param, 1 - lambd * Number(eta.item()));
          add_(param, grad, -Number(eta.item()));
          if (Number(mu.item()) !== 1) add_(ax, param.sub(ax).mul(mu));
          else ax.copy_(param);
          eta.copy_(tensor(lr / pyPow(1 + lambd * lr * step, alpha)));
          mu.copy_(tensor(1 / Math.max(1, step - t0)));
        }
      }
    });
  }
}
