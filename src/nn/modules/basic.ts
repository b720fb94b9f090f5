// Modules with no weights: Identity, Flatten, Unflatten, Dropout, Dropout1d/2d/3d.
import { ValueError } from "../../errors.js";
import { dropout } from "../../ops/nn_dropout.js";
import {
  alpha_dropout,
  dropout1d,
  dropout2d,
  dropout3d,
  feature_alpha_dropout,
} from "../../ops/nn_dropout_feature.js";
import { flatten } from "../../ops/shape.js";
import type { Tensor } from "../../tensor/tensor.js";
import { PySignature, type CallArgs } from "../../signatures/registry.js";
import { Module } from "../module.js";
import { pyBool, pyFloatRepr, pyStr } from "../../python.js";

const IDENTITY = new PySignature("torch.nn", "Identity.__init__(*args, **kwargs)");
const FLATTEN = new PySignature("torch.nn", "Flatten.__init__(start_dim: int = 1, end_dim: int = -1)");
const DROPOUT = new PySignature("torch.nn", "_DropoutNd.__init__(p: float = 0.5, inplace: bool = False)", [
  "Dropout",
  "Dropout1d",
  "Dropout2d",
  "Dropout3d",
  "AlphaDropout",
  "FeatureAlphaDropout",
]);

/** Returns its input; takes (and ignores) any arguments, as PyTorch's does. */
export class Identity extends Module {
  constructor(...args: CallArgs<"Identity.__init__">) {
    super();
    IDENTITY.bind(args);
  }

  forward(input: Tensor): Tensor {
    return input;
  }
}

export class Flatten extends Module {
  readonly start_dim: number;
  readonly end_dim: number;

  constructor(...args: CallArgs<"Flatten.__init__">) {
    super();
    [this.start_dim, this.end_dim] = FLATTEN.bind(args);
  }

  forward(input: Tensor): Tensor {
    return flatten(input, this.start_dim, this.end_dim);
  }

  override extra_repr(): string {
    return `start_dim=${this.start_dim}, end_dim=${this.end_dim}`;
  }
}

export class Dropout extends Module {
  readonly p: number;
  readonly inplace: boolean;

  constructor(...args: CallArgs<"_DropoutNd.__init__">) {
    super();
    const [p, inplace] = DROPOUT.bind(args);
    if (p < 0 || p > 1)
      throw new ValueError(`dropout probability has to be between 0 and 1, but got ${pyStr(p)}`);
    this.p = p;
    this.inplace = inplace;
  }

  forward(input: Tensor): Tensor {
    return dropout(input, this.p, this.training, this.inplace);
  }

  override extra_repr(): string {
    return `p=${pyFloatRepr(this.p)}, inplace=${pyBool(this.inplace)}`;
  }
}

/** Dropout1d: whole channels of [N, C, L] (or [C, L]) input zeroed (F.dropout1d). */
export class Dropout1d extends Dropout {
  override forward(input: Tensor): Tensor {
    return dropout1d(input, this.p, this.training, this.inplace);
  }
}

/** Dropout2d: whole channels of [N, C, H, W] input zeroed (F.dropout2d). */
export class Dropout2d extends Dropout {
  override forward(input: Tensor): Tensor {
    return dropout2d(input, this.p, this.training, this.inplace);
  }
}

/** Dropout3d: whole channels of [N, C, D, H, W] (or [C, D, H, W]) input zeroed (F.dropout3d). */
export class Dropout3d extends Dropout {
  override forward(input: Tensor): Tensor {
    return dropout3d(input, this.p, this.training, this.inplace);
  }
}

/** AlphaDropout: dropout that keeps SELU's self-normalisation (F.alpha_dropout; PyTorch passes no inplace). */
export class AlphaDropout extends Dropout {
  override forward(input: Tensor): Tensor {
    return alpha_dropout(input, this.p, this.training);
  }
}

/** FeatureAlphaDropout: alpha dropout of whole channels (F.feature_alpha_dropout). */
export class FeatureAlphaDropout extends Dropout {
  override forward(input: Tensor): Tensor {
    return feature_alpha_dropout(input, this.p, this.training);
  }
}
