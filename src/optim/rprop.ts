// torch.optim.Rprop: PyTorch 1.13's _single_tensor_rprop.
import { ValueError } from "../errors.js";
import { PySignature, type CallArgs } from "../signatures/registry.js";
import { full_like, zeros_like } from "../tensor/creation.js";
import { neg } from "../ops/elementwise.js";
import { clamp_ } from "../ops/inplace.js";
import { Tensor } from "../tensor/tensor.js";
import { Optimizer, paramsWithGrad } from "./optimizer.js";
import { pyStr } from "../python.js";
import { ONE, pyCompare, pyItem, ZERO } from "./python.js";
import { addcmul_ } from "./tensor_ops.js";
import { tupleDefault } from "./adam.js";

export interface RpropOptions {
  lr: number;
  etas: readonly [number, number];
  step_sizes: readonly [number, number];
  foreach: boolean | null;
  maximize: boolean;
}

// lr, etas and step_sizes are unannotated: PyTorch compares and unpacks them itself.
const INIT = new PySignature(
  "torch.optim",
  "Rprop.__init__(params, lr=0.01, etas=(0.5, 1.2), step_sizes=(1e-06, 50), foreach: bool | None = None, maximize: bool = False)",
);
const STEP = new PySignature("torch.optim", "Rprop.step(closure=None)");

export class Rprop extends Optimizer<RpropOptions> {
  protected static override restoredGroupDefaults = { foreach: null, maximize: false };
  constructor(...args: CallArgs<"Rprop.__init__">) {
    const [params, lr, rawEtas, rawStepSizes, foreach, maximize] = INIT.bind(args);
    const etas = tupleDefault(INIT, "etas", rawEtas);
    const step_sizes = tupleDefault(INIT, "step_sizes", rawStepSizes);
    if (!pyCompare(ZERO, "<=", lr)) throw new ValueError(`Invalid learning rate: ${pyStr(lr)}`);
    const [etaminus, etaplus] = [pyItem(etas, 0), pyItem(etas, 1)];
    if (!(pyCompare(ZERO, "<", etaminus) && pyCompare(etaminus, "<", ONE) && pyCompare(ONE, "<", etaplus)))
      throw new ValueError(`Invalid eta values: ${pyStr(etaminus)}, ${pyStr(etaplus)}`);
    super(params, { lr, etas, step_sizes, foreach, maximize });
  }

  override step(...args: CallArgs<"Rprop.step">): Tensor | number | null {
    const [closure] = this.bindStep<[unknown]>(STEP, args);
    return this.runStep(closure, () => {
      for (const group of this.param_groups) {
        const [etaminus, etaplus] = group.etas;
        const [step_size_min, step_size_max] = group.step_sizes;
        const maximize = group.maximize;
        for (const [param, rawGrad] of paramsWithGrad(group)) {
          const state = this.stateOf(param);
          if (Object.keys(state).length === 0) {
            state.step = 0;
            state.prev = zeros_like(param);
            state.step_size = full_like(rawGrad, group.lr);
          }
          state.step = (state.step as number) + 1;
          let grad = maximize ? neg(rawGrad) : rawGrad;
          const prev = state.prev as Tensor;
          const step_size = state.step_size as Tensor;
          // `sign[mask] = value` with a boolean mask writes as masked_fill_ does.
          const sign = grad.mul(prev).sign();
          sign.masked_fill_(sign.gt(0), etaplus);
          sign.masked_fill_(sign.lt(0), etaminus);
          sign.masked_fill_(sign.eq(0), 1);
          clamp_(step_size.mul_(sign), step_size_min, step_size_max);
          grad = grad.clone();
          grad.masked_fill_(sign.eq(etaminus), 0);
          addcmul_(param, grad.sign(), step_size, -1);
          prev.copy_(grad);
        }
      }
    });
  }
}
