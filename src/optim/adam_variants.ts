// torch.optim.Adamax, NAdam and RAdam: PyTorch 1.13's _single_tensor_adamax / _nadam / _radam, step by step
// in their order (each line a float32 kernel; the Python floats between them are doubles, as there).
import { ValueError } from "../errors.js";
import { PySignature, type CallArgs } from "../signatures/registry.js";
import { tensor, zeros_like } from "../tensor/creation.js";
import { add, neg } from "../ops/elementwise.js";
import { maximum } from "../ops/math.js";
import { add_, mul_ } from "../ops/inplace.js";
import { Tensor } from "../tensor/tensor.js";
import { Optimizer, type GroupBase, paramsWithGrad, type ParamState } from "./optimizer.js";
import { pyStr } from "../python.js";
import { pyCompare, pyPow, ZERO } from "./python.js";
import { addcdiv_, addcmul_ } from "./tensor_ops.js";
import { tupleDefault, validate } from "./adam.js";
import { fusedOptimStep } from "./fused.js";

interface AdamVariantOptions {
  lr: number;
  betas: readonly [number, number];
  eps: number;
  weight_decay: number;
  foreach: boolean | null;
}
export interface AdamaxOptions extends AdamVariantOptions {
  maximize: boolean;
}
export interface NAdamOptions extends AdamVariantOptions {
  momentum_decay: number;
}
export type RAdamOptions = AdamVariantOptions;

// lr, betas, eps, weight_decay (and NAdam's momentum_decay) are unannotated: PyTorch compares them itself.
const ADAMAX_INIT = new PySignature(
  "torch.optim",
  "Adamax.__init__(params, lr=0.002, betas=(0.9, 0.999), eps=1e-08, weight_decay=0, foreach: bool | None = None, *, maximize: bool = False)",
);
const ADAMAX_STEP = new PySignature("torch.optim", "Adamax.step(closure=None)");
const NADAM_INIT = new PySignature(
  "torch.optim",
  "NAdam.__init__(params, lr=0.002, betas=(0.9, 0.999), eps=1e-08, weight_decay=0, momentum_decay=0.004, foreach: bool | None = None)",
);
const NADAM_STEP = new PySignature("torch.optim", "NAdam.step(closure=None)");
const RADAM_INIT = new PySignature(
  "torch.optim",
  "RAdam.__init__(params, lr=0.001, betas=(0.9, 0.999), eps=1e-08, weight_decay=0, foreach: bool | None = None)",
);
const RADAM_STEP = new PySignature("torch.optim", "RAdam.step(closure=None)");

/** The lazily created state of an Adam variant: a float32 step tensor, then the moment buffers. */
function initState(state: ParamState, p: Tensor, buffers: string[], extra: ParamState = {}): void {
  if (Object.keys(state).length > 0) return;
  state.step = tensor(0.0);
  Object.assign(state, extra);
  for (const name of buffers) state[name] = zeros_like(p);
}

/** `step_t += 1; step = step_t.item()`. */
function countStep(state: ParamState): number {
  const step_t = state.step as Tensor;
  add_(step_t, 1);
  return Number(step_t.item());
}

export class Adamax extends Optimizer<AdamaxOptions> {
  protected static override restoredGroupDefaults = { foreach: null, maximize: false };
  protected static override stepIsTensor = true;
  constructor(...args: CallArgs<"Adamax.__init__">) {
    const [params, lr, rawBetas, eps, weight_decay, foreach, maximize] = ADAMAX_INIT.bind(args);
    const betas = tupleDefault(ADAMAX_INIT, "betas", rawBetas);
    validate(lr, betas, eps, weight_decay);
    super(params, { lr, betas, eps, weight_decay, foreach, maximize });
  }

  override step(...args: CallArgs<"Adamax.step">): Tensor | number | null {
    const [closure] = this.bindStep<[unknown]>(ADAMAX_STEP, args);
    return this.runStep(closure, () => {
      for (const group of this.param_groups) {
        const { eps, weight_decay, maximize, lr } = group;
        const [beta1, beta2] = group.betas;
        for (const [param, rawGrad] of paramsWithGrad(group)) {
          const state = this.stateOf(param);
          initState(state, param, ["exp_avg", "exp_inf"]);
          let grad = maximize ? neg(rawGrad) : rawGrad;
          const exp_avg = state.exp_avg as Tensor;
          const exp_inf = state.exp_inf as Tensor;
          const step = countStep(state);
          const clr = lr / (1 - pyPow(beta1, step));
          // The backend's fused kernel, when it has one, with the arithmetic of the lines below.
          const fused: [Tensor, number][] = [
            [exp_avg, 2],
            [exp_inf, 2],
          ];
          const hyper = [beta1, beta2, eps, weight_decay, clr];
          if (fusedOptimStep("adamax", param, rawGrad, fused, 1, hyper, maximize ? 2 : 0)) continue;
          if (weight_decay !== 0) grad = add(grad, param, weight_decay);
          add_(mul_(exp_avg, beta1), grad, 1 - beta1);
          // amax over cat([exp_inf * beta2, |grad| + eps]) along the new dim: the elementwise maximum.
          exp_inf.copy_(maximum(mul_(exp_inf, beta2), add_(grad.abs(), eps)));
          addcdiv_(param, exp_avg, exp_inf, -clr);
        }
      }
    });
  }
}

export class NAdam extends Optimizer<NAdamOptions> {
  protected static override restoredGroupDefaults = { foreach: null };
  protected static override stepIsTensor = true;
  constructor(...args: CallArgs<"NAdam.__init__">) {
    const [params, lr, rawBetas, eps, weight_decay, momentum_decay, foreach] = NADAM_INIT.bind(args);
    const betas = tupleDefault(NADAM_INIT, "betas", rawBetas);
    validate(lr, betas, eps, weight_decay);
    if (!pyCompare(ZERO, "<=", momentum_decay))
      throw new ValueError(`Invalid momentum_decay value: ${pyStr(momentum_decay)}`);
    super(params, { lr, betas, eps, weight_decay, momentum_decay, foreach });
  }

  override load_state_dict(...args: CallArgs<"Optimizer.load_state_dict">): void {
    super.load_state_dict(...args);
    // NAdam's __setstate__ also turns a numeric mu_product into a tensor.
    const states = [...this.state.values()];
    if (states.length > 0 && !(states[0].mu_product instanceof Tensor))
      for (const s of states) s.mu_product = tensor(s.mu_product as number);
  }

  override step(...args: CallArgs<"NAdam.step">): Tensor | number | null {
    const [closure] = this.bindStep<[unknown]>(NADAM_STEP, args);
    return this.runStep(closure, () => {
      for (const group of this.param_groups) {
        const { lr, weight_decay, momentum_decay, eps } = group;
        const [beta1, beta2] = group.betas;
        for (const [param, rawGrad] of paramsWithGrad(group)) {
          const state = this.stateOf(param);
          initState(state, param, ["exp_avg", "exp_avg_sq"], { mu_product: tensor(1.0) });
          let grad = rawGrad;
          const exp_avg = state.exp_avg as Tensor;
          const exp_avg_sq = state.exp_avg_sq as Tensor;
          const mu_product = state.mu_product as Tensor;
          const step = countStep(state);
          const bias_correction2 = 1 - pyPow(beta2, step);
          const mu = beta1 * (1 - 0.5 * pyPow(0.96, step * momentum_decay));
          const mu_next = beta1 * (1 - 0.5 * pyPow(0.96, (step + 1) * momentum_decay));
          mul_(mu_product, mu);
          const mu_product_next = mu_product.mul(mu).mul(mu_next);
          const gradValue = (-lr * (1 - mu)) / (1 - Number(mu_product.item()));
          const avgValue = (-lr * mu_next) / (1 - Number(mu_product_next.item()));
          // The backend's fused kernel, when it has one, with the arithmetic of the lines below.
          const fused: [Tensor, number][] = [
            [exp_avg, 2],
            [exp_avg_sq, 2],
          ];
          const hyper = [beta1, beta2, eps, weight_decay, bias_correction2, gradValue, avgValue];
          if (fusedOptimStep("nadam", param, grad, fused, 2, hyper, 0)) continue;
          if (weight_decay !== 0) grad = add(grad, param, weight_decay);
          add_(mul_(exp_avg, beta1), grad, 1 - beta1);
          addcmul_(mul_(exp_avg_sq, beta2), grad, grad, 1 - beta2);
          const denom = add_(exp_avg_sq.div(bias_correction2).sqrt(), eps);
          addcdiv_(param, grad, denom, gradValue);
          addcdiv_(param, exp_avg, denom, avgValue);
        }
      }
    });
  }
}

export class RAdam extends Optimizer<RAdamOptions> {
  protected static override restoredGroupDefaults = { foreach: null };
  protected static override stepIsTensor = true;
  constructor(...args: CallArgs<"RAdam.__init__">) {
    const [params, lr, rawBetas, eps, weight_decay, foreach] = RADAM_INIT.bind(args);
    const betas = tupleDefault(RADAM_INIT, "betas", rawBetas);
    validate(lr, betas, eps, weight_decay);
    super(params, { lr, betas, eps, weight_decay, foreach });
  }

  override step(...args: CallArgs<"RAdam.step">): Tensor | number | null {
    const [closure] = this.bindStep<[unknown]>(RADAM_STEP, args);
    return this.runStep(closure, () => {
      for (const group of this.param_groups) radamGroupStep(group, (p) => this.stateOf(p));
    });
  }
}

function radamGroupStep(group: GroupBase & RAdamOptions, stateOf: (p: Tensor) => ParamState): void {
  const { lr, weight_decay, eps } = group;
  const [beta1, beta2] = group.betas;
  for (const [param, rawGrad] of paramsWithGrad(group)) {
    const state = stateOf(param);
    initState(state, param, ["exp_avg", "exp_avg_sq"]);
    let grad = rawGrad;
    const exp_avg = state.exp_avg as Tensor;
    const exp_avg_sq = state.exp_avg_sq as Tensor;
    const step = countStep(state);
    const bias_correction1 = 1 - pyPow(beta1, step);
    const bias_correction2 = 1 - pyPow(beta2, step);
    const rho_inf = 2 / (1 - beta2) - 1;
    const rho_t = rho_inf - (2 * step * pyPow(beta2, step)) / bias_correction2;
    const rect =
      rho_t > 5
        ? Math.sqrt(((rho_t - 4) * (rho_t - 2) * rho_inf) / ((rho_inf - 4) * (rho_inf - 2) * rho_t))
        : 0;
    // The backend's fused kernel, when it has one, with the arithmetic of the lines below.
    const fused: [Tensor, number][] = [
      [exp_avg, 2],
      [exp_avg_sq, 2],
    ];
    const hyper = [beta1, beta2, eps, weight_decay, bias_correction1, lr, rect, Math.sqrt(bias_correction2)];
    if (fusedOptimStep("radam", param, grad, fused, 1, hyper, rho_t > 5 ? 4 : 0)) continue;
    if (weight_decay !== 0) grad = add(grad, param, weight_decay);
    add_(mul_(exp_avg, beta1), grad, 1 - beta1);
    addcmul_(mul_(exp_avg_sq, beta2), grad, grad, 1 - beta2);
    const bias_corrected_exp_avg = exp_avg.div(bias_correction1);
    if (rho_t > 5) {
      // Python's `number / tensor` is tensor.reciprocal() * number.
      const adaptive_lr = add_(exp_avg_sq.sqrt(), eps).reciprocal().mul(Math.sqrt(bias_correction2));
      add_(param, bias_corrected_exp_avg.mul(lr).mul(adaptive_lr).mul(rect), -1.0);
    } else {
      add_(param, bias_corrected_exp_avg.mul(lr), -1.0);
    }
  }
}
