// torch.optim.Adagrad: PyTorch 1.13's _single_tensor_adagrad (dense gradients).
import { ValueError } from "../errors.js";
import { PySignature, type CallArgs } from "../signatures/registry.js";
import { full_like, tensor } from "../tensor/creation.js";
import { add, neg } from "../ops/elementwise.js";
import { add_ } from "../ops/inplace.js";
import { Tensor } from "../tensor/tensor.js";
import { Optimizer, type ParamState, paramsWithGrad } from "./optimizer.js";
import { pyStr } from "../python.js";
import { pyCompare, ZERO } from "./python.js";
import { addcdiv_, addcmul_ } from "./tensor_ops.js";
import { fusedOptimStep } from "./fused.js";

export interface AdagradOptions {
  lr: number;
  lr_decay: number;
  eps: number;
  weight_decay: number;
  initial_accumulator_value: number;
  foreach: boolean | null;
  maximize: boolean;
}

// The numbers are unannotated: PyTorch compares them with 0.0, and so do we (an lr of "" raises there).
const INIT = new PySignature(
  "torch.optim",
  "Adagrad.__init__(params, lr=0.01, lr_decay=0, weight_decay=0, initial_accumulator_value=0, eps=1e-10, foreach: bool | None = None, *, maximize: bool = False)",
);
const STEP = new PySignature("torch.optim", "Adagrad.step(closure=None)");

export class Adagrad extends Optimizer<AdagradOptions> {
  protected static override restoredGroupDefaults = { foreach: null, maximize: false };
  protected static override stepIsTensor = true;
  constructor(...args: CallArgs<"Adagrad.__init__">) {
    const [params, lr, lr_decay, weight_decay, initial_accumulator_value, eps, foreach, maximize] =
      INIT.bind(args);
    if (!pyCompare(ZERO, "<=", lr)) throw new ValueError(`Invalid learning rate: ${pyStr(lr)}`);
    if (!pyCompare(ZERO, "<=", lr_decay)) throw new ValueError(`Invalid lr_decay value: ${pyStr(lr_decay)}`);
    if (!pyCompare(ZERO, "<=", weight_decay))
      throw new ValueError(`Invalid weight_decay value: ${pyStr(weight_decay)}`);
    if (!pyCompare(ZERO, "<=", initial_accumulator_value))
      throw new ValueError(`Invalid initial_accumulator_value value: ${pyStr(initial_accumulator_value)}`);
    if (!pyCompare(ZERO, "<=", eps)) throw new ValueError(`Invalid epsilon value: ${pyStr(eps)}`);
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

  override step(...args: CallArgs<"Adagrad.step">): Tensor | number | null {
    const [closure] = this.bindStep<[unknown]>(STEP, args);
    return this.runStep(closure, () => {
      for (const group of this.param_groups) {
        const { lr_decay, eps, weight_decay, maximize } = group;
        const lr = group.lr;
        for (const [param, rawGrad] of paramsWithGrad(group)) {
          // Groups added later via add_param_group get their state on first use.
          const state = this.state.get(param) ?? this.initState(param, group.initial_accumulator_value);
          const step_t = state.step as Tensor;
          const state_sum = state.sum as Tensor;
          add_(step_t, 1);
          const step = Number(step_t.item());
          const clr = lr / (1 + (step - 1) * lr_decay);
          // The backend's fused kernel, when it has one, with the arithmetic of the lines below.
          const hyper = [clr, eps, weight_decay];
          if (fusedOptimStep("adagrad", param, rawGrad, [[state_sum, 1]], 1, hyper, maximize ? 2 : 0))
            continue;
          let grad = maximize ? neg(rawGrad) : rawGrad;
          if (weight_decay !== 0) grad = add(grad, param, weight_decay);
          addcmul_(state_sum, grad, grad, 1);
          const std = add_(state_sum.sqrt(), eps);
          addcdiv_(param, grad, std, -clr);
        }
      }
    });
  }
}
