// torch.optim.Adam and AdamW: PyTorch 1.13's _single_tensor_adam / _single_tensor_adamw (non-capturable path).
import { AssertionError, NotImplementedError, RuntimeError, ValueError } from "../errors.js";
import { maximum } from "../ops/math.js";
import { PySignature, type CallArgs } from "../signatures/registry.js";
import { tensor, zeros_like } from "../tensor/creation.js";
import { add, neg } from "../ops/elementwise.js";
import { add_, mul_ } from "../ops/inplace.js";
import { Tensor } from "../tensor/tensor.js";
import { Optimizer, type GroupBase, paramsWithGrad } from "./optimizer.js";
import { pyStr, pyTuple } from "../python.js";
import { ONE, pyCompare, pyItem, ZERO } from "./python.js";
import { addcdiv_, addcmul_ } from "./tensor_ops.js";
import { fusedAdamStep } from "./fused.js";

export interface AdamOptions {
  lr: number;
  betas: readonly [number, number];
  eps: number;
  weight_decay: number;
  amsgrad: boolean;
  maximize: boolean;
  foreach: boolean | null;
  capturable: boolean;
  differentiable: boolean;
  fused: boolean;
}
export type AdamWOptions = Omit<AdamOptions, "differentiable" | "fused">;

// lr, betas, eps and weight_decay are unannotated: PyTorch compares them with 0.0 and 1.0, and so do we.
const ADAM_INIT = new PySignature(
  "torch.optim",
  "Adam.__init__(params, lr=0.001, betas=(0.9, 0.999), eps=1e-08, weight_decay=0, amsgrad: bool = False, *, foreach: bool | None = None, maximize: bool = False, capturable: bool = False, differentiable: bool = False, fused: bool = False)",
);
const ADAM_STEP = new PySignature("torch.optim", "Adam.step(closure=None, *, grad_scaler=None)");
const ADAMW_INIT = new PySignature(
  "torch.optim",
  "AdamW.__init__(params, lr=0.001, betas=(0.9, 0.999), eps=1e-08, weight_decay=0.01, amsgrad: bool = False, *, maximize: bool = False, foreach: bool | None = None, capturable: bool = False)",
);
const ADAMW_STEP = new PySignature("torch.optim", "AdamW.step(closure=None)");

/** The signature's default tuple (`betas`, `etas`), a fresh one per optimizer (a caller's list is kept as given). */
export function tupleDefault(sig: PySignature<string>, name: string, value: unknown): unknown {
  const fallback = sig.signature.params.find((p) => p.name === name)!.defaultValue;
  return value === fallback ? pyTuple([...(fallback as number[])]) : value;
}

function betasOf(sig: PySignature<string>, betas: unknown): unknown {
  return tupleDefault(sig, "betas", betas);
}

/** The checks every Adam variant's __init__ makes, in PyTorch's order. */
export function validate(lr: unknown, betas: unknown, eps: unknown, weight_decay: unknown): void {
  if (!pyCompare(ZERO, "<=", lr)) throw new ValueError(`Invalid learning rate: ${pyStr(lr)}`);
  if (!pyCompare(ZERO, "<=", eps)) throw new ValueError(`Invalid epsilon value: ${pyStr(eps)}`);
  const [beta0, beta1] = [0, 1].map((i) => pyItem(betas, i));
  if (!(pyCompare(ZERO, "<=", beta0) && pyCompare(beta0, "<", ONE)))
    throw new ValueError(`Invalid beta parameter at index 0: ${pyStr(beta0)}`);
  if (!(pyCompare(ZERO, "<=", beta1) && pyCompare(beta1, "<", ONE)))
    throw new ValueError(`Invalid beta parameter at index 1: ${pyStr(beta1)}`);
  if (!pyCompare(ZERO, "<=", weight_decay))
    throw new ValueError(`Invalid weight_decay value: ${pyStr(weight_decay)}`);
}

type AdamGroup = GroupBase & Omit<AdamWOptions, "lr">;

/** One Adam/AdamW update of every parameter of a group; `decoupled` is AdamW's weight decay. */
function adamGroupStep(
  group: AdamGroup,
  state: (p: Tensor) => Record<string, unknown>,
  decoupled: boolean,
): void {
  const { amsgrad, weight_decay, eps, maximize, capturable } = group;
  const [beta1, beta2] = group.betas;
  const lr = group.lr;
  for (const [p, rawGrad] of paramsWithGrad(group)) {
    const s = state(p);
    if (Object.keys(s).length === 0) {
      s.step = tensor(0.0);
      s.exp_avg = zeros_like(p);
      s.exp_avg_sq = zeros_like(p);
      if (amsgrad) s.max_exp_avg_sq = zeros_like(p);
    }
    // tensorgrad has no CUDA tensors: PyTorch's assertion in _single_tensor_adam(w).
    if (capturable)
      throw new AssertionError("If capturable=True, params and state_steps must be CUDA tensors.");
    const exp_avg = s.exp_avg as Tensor;
    const exp_avg_sq = s.exp_avg_sq as Tensor;
    const step_t = s.step as Tensor;
    add_(step_t, 1);
    const step = Number(step_t.item());
    const bias_correction1 = 1 - beta1 ** step;
    const bias_correction2 = 1 - beta2 ** step;
    const step_size = lr / bias_correction1;
    const bias_correction2_sqrt = Math.sqrt(bias_correction2);
    // The backend's fused kernel, when it has one, with the arithmetic of the lines below.
    const hyper = { lr, beta1, beta2, eps, weight_decay, amsgrad, maximize, decoupled };
    if (fusedAdamStep(p, rawGrad, s, { ...hyper, step_size, bias_correction2_sqrt })) continue;
    let grad = maximize ? neg(rawGrad) : rawGrad;
    if (decoupled) mul_(p, 1 - lr * weight_decay);
    else if (weight_decay !== 0) grad = add(grad, p, weight_decay);
    add_(mul_(exp_avg, beta1), grad, 1 - beta1);
    addcmul_(mul_(exp_avg_sq, beta2), grad, grad, 1 - beta2);
    let denom: Tensor;
    if (amsgrad) {
      const max_exp_avg_sq = s.max_exp_avg_sq as Tensor;
      max_exp_avg_sq.copy_(maximum(max_exp_avg_sq, exp_avg_sq));
      denom = max_exp_avg_sq.sqrt().div(bias_correction2_sqrt).add_(eps);
    } else {
      denom = exp_avg_sq.sqrt().div(bias_correction2_sqrt).add_(eps);
    }
    addcdiv_(p, exp_avg, denom, -step_size);
  }
}

export class Adam extends Optimizer<AdamOptions> {
  protected static override restoredGroupDefaults = {
    amsgrad: false,
    maximize: false,
    foreach: null,
    capturable: false,
    differentiable: false,
    fused: false,
  };
  protected static override stepIsTensor = true;
  constructor(...args: CallArgs<"Adam.__init__">) {
    const [
      params,
      lr,
      rawBetas,
      eps,
      weight_decay,
      amsgrad,
      foreach,
      maximize,
      capturable,
      differentiable,
      fused,
    ] = ADAM_INIT.bind(args);
    const betas = betasOf(ADAM_INIT, rawBetas);
    validate(lr, betas, eps, weight_decay);
    const defaults = {
      lr,
      betas,
      eps,
      weight_decay,
      amsgrad,
      maximize,
      foreach,
      capturable,
      differentiable,
      fused,
    };
    super(params, defaults);
    if (fused) {
      if (differentiable) throw new RuntimeError("`fused` cannot be `differentiable`");
      throw new RuntimeError("FusedAdam requires all the params to be CUDA, floating point");
    }
    if (differentiable)
      throw new NotImplementedError(
        "tensorgrad's Adam does not support differentiable=True (differentiating through step())",
      );
  }

  override step(...args: CallArgs<"Adam.step">): Tensor | number | null {
    const [closure, gradScaler] = this.bindStep<[unknown, unknown]>(ADAM_STEP, args);
    if (gradScaler !== undefined && gradScaler !== null)
      throw new NotImplementedError("tensorgrad has no GradScaler: Adam.step()'s grad_scaler must be None");
    return this.runStep(closure, () => {
      for (const group of this.param_groups) adamGroupStep(group, (p) => this.stateOf(p), false);
    });
  }
}

export class AdamW extends Optimizer<AdamWOptions> {
  protected static override restoredGroupDefaults = {
    amsgrad: false,
    maximize: false,
    foreach: null,
    capturable: false,
  };
  protected static override stepIsTensor = true;
  constructor(...args: CallArgs<"AdamW.__init__">) {
    const [params, lr, rawBetas, eps, weight_decay, amsgrad, maximize, foreach, capturable] =
      ADAMW_INIT.bind(args);
    const betas = betasOf(ADAMW_INIT, rawBetas);
    validate(lr, betas, eps, weight_decay);
    super(params, { lr, betas, eps, weight_decay, amsgrad, foreach, maximize, capturable });
  }

  override step(...args: CallArgs<"AdamW.step">): Tensor | number | null {
    const [closure] = this.bindStep<[unknown]>(ADAMW_STEP, args);
    return this.runStep(closure, () => {
      for (const group of this.param_groups) adamGroupStep(group, (p) => this.stateOf(p), true);
    });
  }
}
