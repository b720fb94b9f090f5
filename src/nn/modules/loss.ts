// torch.nn loss modules: each holds its options (weights as buffers, like PyTorch's _WeightedLoss) and
// calls the functional form in forward. Reprs print no options, as PyTorch's do. The legacy size_average
// and reduce arguments are taken as PyTorch takes them: they override reduction, with its warning.
import { PySignature, type CallArgs } from "../../signatures/registry.js";
import type { Tensor } from "../../tensor/tensor.js";
import { emitWarning } from "../../warnings.js";
import * as F from "../../ops/nn_losses.js";
import { cross_entropy, nll_loss } from "../../ops/nn_losses_nll.js";
import { ctc_loss } from "../../ops/nn_ctc.js";
import { Module } from "../module.js";

type Reduction = "none" | "mean" | "sum";
const REDUCTION = "reduction: 'none' | 'mean' | 'sum' = 'mean'";
const LEGACY = "size_average: bool | None = None, reduce: bool | None = None";

const L1 = new PySignature("torch.nn", `L1Loss.__init__(${LEGACY}, ${REDUCTION})`);
const MSE = new PySignature("torch.nn", `MSELoss.__init__(${LEGACY}, ${REDUCTION})`);
const SMOOTH_L1 = new PySignature(
  "torch.nn",
  `SmoothL1Loss.__init__(${LEGACY}, ${REDUCTION}, beta: float = 1.0)`,
);
const HUBER = new PySignature("torch.nn", `HuberLoss.__init__(${REDUCTION}, delta: float = 1.0)`);
const BCE = new PySignature(
  "torch.nn",
  `BCELoss.__init__(weight: Tensor | None = None, ${LEGACY}, ${REDUCTION})`,
);
const BCE_WITH_LOGITS = new PySignature(
  "torch.nn",
  `BCEWithLogitsLoss.__init__(weight: Tensor | None = None, ${LEGACY}, ${REDUCTION}, pos_weight: Tensor | None = None)`,
);
const NLL = new PySignature(
  "torch.nn",
  `NLLLoss.__init__(weight: Tensor | None = None, size_average: bool | None = None, ignore_index: int = -100, reduce: bool | None = None, ${REDUCTION})`,
);
const CROSS_ENTROPY = new PySignature(
  "torch.nn",
  `CrossEntropyLoss.__init__(weight: Tensor | None = None, size_average: bool | None = None, ignore_index: int = -100, reduce: bool | None = None, ${REDUCTION}, label_smoothing: float = 0.0)`,
);
const KL_DIV = new PySignature(
  "torch.nn",
  `KLDivLoss.__init__(${LEGACY}, reduction: 'none' | 'batchmean' | 'mean' | 'sum' = 'mean', log_target: bool = False)`,
);

const CTC = new PySignature(
  "torch.nn",
  `CTCLoss.__init__(blank: int = 0, ${REDUCTION}, zero_infinity: bool = False)`,
);

/** _Reduction.legacy_get_string: the reduction size_average and reduce stand for, with PyTorch's warning. */
function legacyReduction(sizeAverage: boolean | null, reduce: boolean | null): Reduction {
  const average = sizeAverage ?? true;
  const reduced = reduce ?? true;
  const reduction = average && reduced ? "mean" : reduced ? "sum" : "none";
  emitWarning(
    `size_average and reduce args will be deprecated, please use reduction='${reduction}' instead.`,
  );
  return reduction;
}

/** _Loss: the reduction string (from size_average and reduce when either is given). */
abstract class Loss<R extends string = Reduction> extends Module {
  readonly reduction: R;
  constructor(sizeAverage: boolean | null, reduce: boolean | null, reduction: R) {
    super();
    this.reduction =
      sizeAverage !== null || reduce !== null ? (legacyReduction(sizeAverage, reduce) as R) : reduction;
  }
  abstract override forward(input: Tensor, target: Tensor): Tensor;
}

/** _WeightedLoss: the class weight is a buffer (or null). */
abstract class WeightedLoss extends Loss {
  declare weight: Tensor | null;
  constructor(
    weight: Tensor | null,
    sizeAverage: boolean | null,
    reduce: boolean | null,
    reduction: Reduction,
  ) {
    super(sizeAverage, reduce, reduction);
    this._registerBuffer("weight", weight);
  }
}

export class MSELoss extends Loss {
  constructor(...args: CallArgs<"MSELoss.__init__">) {
    super(...MSE.bind(args));
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return F.mse_loss(input, target, null, null, this.reduction);
  }
}

export class L1Loss extends Loss {
  constructor(...args: CallArgs<"L1Loss.__init__">) {
    super(...L1.bind(args));
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return F.l1_loss(input, target, null, null, this.reduction);
  }
}

export class SmoothL1Loss extends Loss {
  readonly beta: number;
  constructor(...args: CallArgs<"SmoothL1Loss.__init__">) {
    const [sizeAverage, reduce, reduction, beta] = SMOOTH_L1.bind(args);
    super(sizeAverage, reduce, reduction);
    this.beta = beta;
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return F.smooth_l1_loss(input, target, null, null, this.reduction, this.beta);
  }
}

export class HuberLoss extends Loss {
  readonly delta: number;
  constructor(...args: CallArgs<"HuberLoss.__init__">) {
    const [reduction, delta] = HUBER.bind(args);
    super(null, null, reduction);
    this.delta = delta;
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return F.huber_loss(input, target, this.reduction, this.delta);
  }
}

export class BCELoss extends WeightedLoss {
  constructor(...args: CallArgs<"BCELoss.__init__">) {
    super(...BCE.bind(args));
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return F.binary_cross_entropy(input, target, this.weight, null, null, this.reduction);
  }
}

export class BCEWithLogitsLoss extends Loss {
  declare weight: Tensor | null;
  declare pos_weight: Tensor | null;
  constructor(...args: CallArgs<"BCEWithLogitsLoss.__init__">) {
    const [weight, sizeAverage, reduce, reduction, posWeight] = BCE_WITH_LOGITS.bind(args);
    super(sizeAverage, reduce, reduction);
    this._registerBuffer("weight", weight);
    this._registerBuffer("pos_weight", posWeight);
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return F.binary_cross_entropy_with_logits(
      input,
      target,
      this.weight,
      null,
      null,
      this.reduction,
      this.pos_weight,
    );
  }
}

export class NLLLoss extends WeightedLoss {
  readonly ignore_index: number;
  constructor(...args: CallArgs<"NLLLoss.__init__">) {
    const [weight, sizeAverage, ignoreIndex, reduce, reduction] = NLL.bind(args);
    super(weight, sizeAverage, reduce, reduction);
    this.ignore_index = ignoreIndex;
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return nll_loss(input, target, this.weight, null, this.ignore_index, null, this.reduction);
  }
}

export class CrossEntropyLoss extends WeightedLoss {
  readonly ignore_index: number;
  readonly label_smoothing: number;
  constructor(...args: CallArgs<"CrossEntropyLoss.__init__">) {
    const [weight, sizeAverage, ignoreIndex, reduce, reduction, labelSmoothing] = CROSS_ENTROPY.bind(args);
    super(weight, sizeAverage, reduce, reduction);
    this.ignore_index = ignoreIndex;
    this.label_smoothing = labelSmoothing;
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return cross_entropy(
      input,
      target,
      this.weight,
      null,
      this.ignore_index,
      null,
      this.reduction,
      this.label_smoothing,
    );
  }
}

export class KLDivLoss extends Loss<Reduction | "batchmean"> {
  readonly log_target: boolean;
  constructor(...args: CallArgs<"KLDivLoss.__init__">) {
    const [sizeAverage, reduce, reduction, logTarget] = KL_DIV.bind(args);
    super(sizeAverage, reduce, reduction);
    this.log_target = logTarget;
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return F.kl_div(input, target, null, null, this.reduction, this.log_target);
  }
}

/**
 * The Connectionist Temporal Classification loss (F.ctc_loss) with its blank label and zero_infinity (a _Loss
 * in PyTorch, whose forward takes the two lengths besides input and target).
 */
export class CTCLoss extends Module {
  readonly reduction: Reduction;
  readonly blank: number;
  readonly zero_infinity: boolean;
  constructor(...args: CallArgs<"CTCLoss.__init__">) {
    super();
    const [blank, reduction, zeroInfinity] = CTC.bind(args);
    this.reduction = reduction;
    this.blank = blank;
    this.zero_infinity = zeroInfinity;
  }
  forward(
    log_probs: Tensor,
    targets: Tensor,
    input_lengths: Tensor | number[],
    target_lengths: Tensor | number[],
  ): Tensor {
    return ctc_loss(
      log_probs,
      targets,
      input_lengths,
      target_lengths,
      this.blank,
      this.reduction,
      this.zero_infinity,
    );
  }
}
