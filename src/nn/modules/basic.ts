// Modules with no weights: Identity, Flatten, Unflatten, Dropout.
import { ValueError } from "../../errors.js";
import { bernoulli_ } from "../../ops/random.js";
import { inPlace } from "../../ops/core.js";
import { flatten } from "../../ops/shape.js";
import { empty_like } from "../../tensor/creation.js";
import type { Tensor } from "../../tensor/tensor.js";
import { PySignature, type CallArgs } from "../../signatures/registry.js";
import { Module } from "../module.js";
import { pyBool, pyFloat } from "./common.js";

const IDENTITY = new PySignature("torch.nn", "Identity.__init__(*args, **kwargs)");
const FLATTEN = new PySignature("torch.nn", "Flatten.__init__(start_dim: int = 1, end_dim: int = -1)");
const DROPOUT = new PySignature("torch.nn", "_DropoutNd.__init__(p: float = 0.5, inplace: bool = False)", [
  "Dropout",
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

/**
 * F.dropout: in training, zeroes each element with probability p and scales the rest by 1/(1-p)
 * (the mask is drawn like PyTorch's CPU bernoulli_, so masks match after the same manual_seed).
 */
export function dropout(input: Tensor, p = 0.5, training = true): Tensor {
  if (!(p >= 0 && p <= 1))
    throw new ValueError(`dropout probability has to be between 0 and 1, but got ${p}`);
  if (!training || p === 0) return input;
  if (p === 1) return input.mul(0);
  // PyTorch's _dropout_impl: noise = bernoulli(1 - p) / (1 - p); input * noise (so grad_fn is MulBackward0).
  const noise = bernoulli_(empty_like(input), 1 - p).div_(1 - p);
  return input.mul(noise);
}

export class Dropout extends Module {
  readonly p: number;
  readonly inplace: boolean;

  constructor(...args: CallArgs<"_DropoutNd.__init__">) {
    super();
    const [p, inplace] = DROPOUT.bind(args);
    if (p < 0 || p > 1)
      throw new ValueError(`dropout probability has to be between 0 and 1, but got ${pyFloat(p)}`);
    this.p = p;
    this.inplace = inplace;
  }

  forward(input: Tensor): Tensor {
    const p = this.p;
    // F.dropout: without training (or nothing to drop) the input itself; inplace scales the input.
    if (!this.training || p === 0 || input.numel() === 0) return input;
    return this.inplace ? inPlace(input, (x) => dropout(x, p, true)) : dropout(input, p, true);
  }

  override extra_repr(): string {
    return `p=${pyFloat(this.p)}, inplace=${pyBool(this.inplace)}`;
  }
}
