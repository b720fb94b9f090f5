// torch.nn's margin, embedding and likelihood losses (src/ops/nn_losses_margin.ts): each keeps its options
// and calls the functional form. As PyTorch's _Loss, size_average and reduce override reduction, with the
// deprecation warning; reprs print no options.
import {
  cosine_embedding_loss,
  gaussian_nll_loss,
  hinge_embedding_loss,
  margin_ranking_loss,
  multilabel_soft_margin_loss,
  poisson_nll_loss,
  soft_margin_loss,
  triplet_margin_loss,
  triplet_margin_with_distance_loss,
} from "../../ops/nn_losses_margin.js";
import { legacyReduction } from "../../ops/nn_losses.js";
import { multi_margin_loss, multilabel_margin_loss } from "../../ops/nn_losses_multi_margin.js";
import { AssertionError, ValueError } from "../../errors.js";
import { PySignature, type CallArgs } from "../../signatures/registry.js";
import type { Tensor } from "../../tensor/tensor.js";
import { Module } from "../module.js";
import { PairwiseDistance } from "./distance.js";

const LEGACY = "size_average=None, reduce=None";
const REDUCTION = "reduction: str = 'mean'";

const MULTI_MARGIN = new PySignature(
  "torch.nn",
  `MultiMarginLoss.__init__(p: int = 1, margin: float = 1.0, weight: Tensor | None = None, ${LEGACY}, ${REDUCTION})`,
);
const MULTILABEL_MARGIN = new PySignature(
  "torch.nn",
  `MultiLabelMarginLoss.__init__(${LEGACY}, ${REDUCTION})`,
);
const SOFT_MARGIN = new PySignature("torch.nn", `SoftMarginLoss.__init__(${LEGACY}, ${REDUCTION})`);
const MARGIN_RANKING = new PySignature(
  "torch.nn",
  `MarginRankingLoss.__init__(margin: float = 0.0, ${LEGACY}, ${REDUCTION})`,
);
const HINGE = new PySignature(
  "torch.nn",
  `HingeEmbeddingLoss.__init__(margin: float = 1.0, ${LEGACY}, ${REDUCTION})`,
);
const COSINE = new PySignature(
  "torch.nn",
  `CosineEmbeddingLoss.__init__(margin: float = 0.0, ${LEGACY}, ${REDUCTION})`,
);
const MULTILABEL_SOFT = new PySignature(
  "torch.nn",
  `MultiLabelSoftMarginLoss.__init__(weight: Tensor | None = None, ${LEGACY}, ${REDUCTION})`,
);
const POISSON = new PySignature(
  "torch.nn",
  `PoissonNLLLoss.__init__(log_input: bool = True, full: bool = False, size_average=None, eps: float = 1e-08, reduce=None, ${REDUCTION})`,
);
const GAUSSIAN = new PySignature(
  "torch.nn",
  `GaussianNLLLoss.__init__(*, full: bool = False, eps: float = 1e-06, ${REDUCTION})`,
);
const TRIPLET = new PySignature(
  "torch.nn",
  `TripletMarginLoss.__init__(margin: float = 1.0, p: float = 2.0, eps: float = 1e-06, swap: bool = False, ${LEGACY}, ${REDUCTION})`,
);
const TRIPLET_DISTANCE = new PySignature(
  "torch.nn",
  `TripletMarginWithDistanceLoss.__init__(*, distance_function=None, margin: float = 1.0, swap: bool = False, ${REDUCTION})`,
);

/** _Loss's reduction: legacy_get_string of size_average and reduce when either is given. */
function lossReduction(sizeAverage: unknown, reduce: unknown, reduction: string): string {
  if (sizeAverage !== null || reduce !== null)
    return legacyReduction(sizeAverage as boolean | null, reduce as boolean | null);
  return reduction;
}

abstract class MarginLoss extends Module {
  readonly reduction: string;
  constructor(sizeAverage: unknown, reduce: unknown, reduction: string) {
    super();
    this.reduction = lossReduction(sizeAverage, reduce, reduction);
  }
}

export class SoftMarginLoss extends MarginLoss {
  constructor(...args: CallArgs<"SoftMarginLoss.__init__">) {
    super(...SOFT_MARGIN.bind(args));
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return soft_margin_loss(input, target, null, null, this.reduction);
  }
}

export class MarginRankingLoss extends MarginLoss {
  readonly margin: number;
  constructor(...args: CallArgs<"MarginRankingLoss.__init__">) {
    const [margin, sizeAverage, reduce, reduction] = MARGIN_RANKING.bind(args);
    super(sizeAverage, reduce, reduction);
    this.margin = margin;
  }
  forward(input1: Tensor, input2: Tensor, target: Tensor): Tensor {
    return margin_ranking_loss(input1, input2, target, this.margin, null, null, this.reduction);
  }
}

export class HingeEmbeddingLoss extends MarginLoss {
  readonly margin: number;
  constructor(...args: CallArgs<"HingeEmbeddingLoss.__init__">) {
    const [margin, sizeAverage, reduce, reduction] = HINGE.bind(args);
    super(sizeAverage, reduce, reduction);
    this.margin = margin;
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return hinge_embedding_loss(input, target, this.margin, null, null, this.reduction);
  }
}

export class CosineEmbeddingLoss extends MarginLoss {
  readonly margin: number;
  constructor(...args: CallArgs<"CosineEmbeddingLoss.__init__">) {
    const [margin, sizeAverage, reduce, reduction] = COSINE.bind(args);
    super(sizeAverage, reduce, reduction);
    this.margin = margin;
  }
  forward(input1: Tensor, input2: Tensor, target: Tensor): Tensor {
    return cosine_embedding_loss(input1, input2, target, this.margin, null, null, this.reduction);
  }
}

/** Its class weight is a buffer, as _WeightedLoss registers it. */
export class MultiLabelSoftMarginLoss extends MarginLoss {
  declare weight: Tensor | null;
  constructor(...args: CallArgs<"MultiLabelSoftMarginLoss.__init__">) {
    const [weight, sizeAverage, reduce, reduction] = MULTILABEL_SOFT.bind(args);
    super(sizeAverage, reduce, reduction);
    this._registerBuffer("weight", weight);
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return multilabel_soft_margin_loss(input, target, this.weight, null, null, this.reduction);
  }
}

export class PoissonNLLLoss extends MarginLoss {
  readonly log_input: boolean;
  readonly full: boolean;
  readonly eps: number;
  constructor(...args: CallArgs<"PoissonNLLLoss.__init__">) {
    const [logInput, full, sizeAverage, eps, reduce, reduction] = POISSON.bind(args);
    super(sizeAverage, reduce, reduction);
    [this.log_input, this.full, this.eps] = [logInput, full, eps];
  }
  forward(logInput: Tensor, target: Tensor): Tensor {
    return poisson_nll_loss(
      logInput,
      target,
      this.log_input,
      this.full,
      null,
      this.eps,
      null,
      this.reduction,
    );
  }
}

export class GaussianNLLLoss extends MarginLoss {
  readonly full: boolean;
  readonly eps: number;
  constructor(...args: CallArgs<"GaussianNLLLoss.__init__">) {
    const [full, eps, reduction] = GAUSSIAN.bind(args);
    super(null, null, reduction);
    [this.full, this.eps] = [full, eps];
  }
  forward(input: Tensor, target: Tensor, variance: Tensor): Tensor {
    return gaussian_nll_loss(input, target, variance, this.full, this.eps, this.reduction);
  }
}

export class TripletMarginLoss extends MarginLoss {
  readonly margin: number;
  readonly p: number;
  readonly eps: number;
  readonly swap: boolean;
  constructor(...args: CallArgs<"TripletMarginLoss.__init__">) {
    const [margin, p, eps, swap, sizeAverage, reduce, reduction] = TRIPLET.bind(args);
    super(sizeAverage, reduce, reduction);
    [this.margin, this.p, this.eps, this.swap] = [margin, p, eps, swap];
  }
  forward(anchor: Tensor, positive: Tensor, negative: Tensor): Tensor {
    return triplet_margin_loss(
      anchor,
      positive,
      negative,
      this.margin,
      this.p,
      this.eps,
      this.swap,
      null,
      null,
      this.reduction,
    );
  }
}

/** Its default distance is a PairwiseDistance module, which its repr lists as a child. */
export class TripletMarginWithDistanceLoss extends MarginLoss {
  readonly distance_function: unknown;
  readonly margin: number;
  readonly swap: boolean;
  constructor(...args: CallArgs<"TripletMarginWithDistanceLoss.__init__">) {
    const [distanceFunction, margin, swap, reduction] = TRIPLET_DISTANCE.bind(args);
    super(null, null, reduction);
    this.distance_function = distanceFunction ?? new PairwiseDistance();
    [this.margin, this.swap] = [margin, swap];
  }
  forward(anchor: Tensor, positive: Tensor, negative: Tensor): Tensor {
    const distance =
      this.distance_function instanceof Module
        ? (x1: Tensor, x2: Tensor) => (this.distance_function as PairwiseDistance).forward(x1, x2)
        : this.distance_function;
    return triplet_margin_with_distance_loss(
      anchor,
      positive,
      negative,
      distance,
      this.margin,
      this.swap,
      this.reduction,
    );
  }
}

/** Its class weight is a buffer, as _WeightedLoss registers it; only p = 1 and p = 2 are supported. */
export class MultiMarginLoss extends MarginLoss {
  readonly p: number;
  readonly margin: number;
  declare weight: Tensor | null;
  constructor(...args: CallArgs<"MultiMarginLoss.__init__">) {
    const [p, margin, weight, sizeAverage, reduce, reduction] = MULTI_MARGIN.bind(args);
    super(sizeAverage, reduce, reduction);
    if (p !== 1 && p !== 2) throw new ValueError("only p == 1 and p == 2 supported");
    // torch/nn/modules/loss.py asserts, with no message.
    if (weight !== null && weight.ndim !== 1) throw new AssertionError("");
    [this.p, this.margin] = [p, margin];
    this._registerBuffer("weight", weight);
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return multi_margin_loss(input, target, this.p, this.margin, this.weight, null, null, this.reduction);
  }
}

export class MultiLabelMarginLoss extends MarginLoss {
  constructor(...args: CallArgs<"MultiLabelMarginLoss.__init__">) {
    super(...MULTILABEL_MARGIN.bind(args));
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return multilabel_margin_loss(input, target, null, null, this.reduction);
  }
}
