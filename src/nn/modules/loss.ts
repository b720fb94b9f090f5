// torch.nn loss modules: each holds its options (weights as buffers, like PyTorch's _WeightedLoss) and
// calls the functional form in forward. Reprs print no options, as PyTorch's do.
import type { Tensor } from "../../tensor/tensor.js";
import * as F from "../functional_losses.js";
import type { Reduction } from "../functional_losses.js";
import { Module } from "../module.js";

export interface LossOptions {
  reduction?: Reduction;
}

/** _Loss: stores the reduction string. */
abstract class Loss extends Module {
  readonly reduction: Reduction;
  constructor(opts: LossOptions = {}) {
    super();
    this.reduction = opts.reduction ?? "mean";
  }
  abstract override forward(input: Tensor, target: Tensor): Tensor;
}

/** _WeightedLoss: the class weight is a buffer (or null). */
abstract class WeightedLoss extends Loss {
  declare weight: Tensor | null;
  constructor(opts: LossOptions & { weight?: Tensor | null } = {}) {
    super(opts);
    this.register_buffer("weight", opts.weight ?? null);
  }
}

export class MSELoss extends Loss {
  forward(input: Tensor, target: Tensor): Tensor {
    return F.mse_loss(input, target, { reduction: this.reduction });
  }
}

export class L1Loss extends Loss {
  forward(input: Tensor, target: Tensor): Tensor {
    return F.l1_loss(input, target, { reduction: this.reduction });
  }
}

export class SmoothL1Loss extends Loss {
  readonly beta: number;
  constructor(opts: F.SmoothL1Options = {}) {
    super(opts);
    this.beta = opts.beta ?? 1.0;
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return F.smooth_l1_loss(input, target, { reduction: this.reduction, beta: this.beta });
  }
}

export class HuberLoss extends Loss {
  readonly delta: number;
  constructor(opts: F.HuberOptions = {}) {
    super(opts);
    this.delta = opts.delta ?? 1.0;
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return F.huber_loss(input, target, { reduction: this.reduction, delta: this.delta });
  }
}

export class BCELoss extends WeightedLoss {
  forward(input: Tensor, target: Tensor): Tensor {
    return F.binary_cross_entropy(input, target, { weight: this.weight, reduction: this.reduction });
  }
}

export class BCEWithLogitsLoss extends Loss {
  declare weight: Tensor | null;
  declare pos_weight: Tensor | null;
  constructor(opts: F.BCEWithLogitsOptions = {}) {
    super(opts);
    this.register_buffer("weight", opts.weight ?? null);
    this.register_buffer("pos_weight", opts.pos_weight ?? null);
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return F.binary_cross_entropy_with_logits(input, target, {
      weight: this.weight,
      pos_weight: this.pos_weight,
      reduction: this.reduction,
    });
  }
}

export class NLLLoss extends WeightedLoss {
  readonly ignore_index: number;
  constructor(opts: F.NLLLossOptions = {}) {
    super(opts);
    this.ignore_index = opts.ignore_index ?? -100;
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return F.nll_loss(input, target, {
      weight: this.weight,
      ignore_index: this.ignore_index,
      reduction: this.reduction,
    });
  }
}

export class CrossEntropyLoss extends WeightedLoss {
  readonly ignore_index: number;
  readonly label_smoothing: number;
  constructor(opts: F.CrossEntropyOptions = {}) {
    super(opts);
    this.ignore_index = opts.ignore_index ?? -100;
    this.label_smoothing = opts.label_smoothing ?? 0.0;
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return F.cross_entropy(input, target, {
      weight: this.weight,
      ignore_index: this.ignore_index,
      reduction: this.reduction,
      label_smoothing: this.label_smoothing,
    });
  }
}

export class KLDivLoss extends Module {
  readonly reduction: Reduction | "batchmean";
  readonly log_target: boolean;
  constructor(opts: F.KLDivOptions = {}) {
    super();
    this.reduction = opts.reduction ?? "mean";
    this.log_target = opts.log_target ?? false;
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return F.kl_div(input, target, { reduction: this.reduction, log_target: this.log_target });
  }
}
