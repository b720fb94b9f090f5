// Modules with no weights: Identity, Flatten, Unflatten, Dropout.
import { ValueError } from "../../errors.js";
import { bernoulli_ } from "../../ops/random_ops.js";
import * as ops from "../../ops/functions.js";
import type { Tensor } from "../../tensor/tensor.js";
import { Module } from "../module.js";

export class Identity extends Module {
  forward(input: Tensor): Tensor {
    return input;
  }
}

export class Flatten extends Module {
  constructor(
    readonly start_dim = 1,
    readonly end_dim = -1,
  ) {
    super();
  }
  forward(input: Tensor): Tensor {
    return ops.flatten(input, this.start_dim, this.end_dim);
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
  const noise = bernoulli_(ops.empty_like(input), 1 - p).div_(1 - p);
  return input.mul(noise);
}

export class Dropout extends Module {
  constructor(readonly p = 0.5) {
    super();
    if (!(p >= 0 && p <= 1))
      throw new ValueError(`dropout probability has to be between 0 and 1, but got ${p}`);
  }
  forward(input: Tensor): Tensor {
    return dropout(input, this.p, this.training);
  }
  override extra_repr(): string {
    return `p=${Number.isInteger(this.p) ? this.p.toFixed(1) : this.p}, inplace=False`;
  }
}
