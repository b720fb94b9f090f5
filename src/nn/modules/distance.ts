// torch/nn/modules/distance.py, channelshuffle.py and flatten.py's Unflatten: thin modules over
// F.cosine_similarity, F.pairwise_distance, F.channel_shuffle and Tensor.unflatten.
import { RuntimeError } from "../../errors.js";
import { channel_shuffle } from "../../ops/nn_categorical.js";
import { cosine_similarity, pairwise_distance } from "../../ops/nn_distance.js";
import { unflatten } from "../../ops/shape.js";
import { pyStr } from "../../python.js";
import { pyTypeName } from "../../signatures/messages.js";
import { PySignature, type CallArgs } from "../../signatures/registry.js";
import type { Tensor } from "../../tensor/tensor.js";
import { Module } from "../module.js";

const COSINE = new PySignature("torch.nn", "CosineSimilarity.__init__(dim: int = 1, eps: float = 1e-08)");
const PAIRWISE = new PySignature(
  "torch.nn",
  "PairwiseDistance.__init__(p: float = 2.0, eps: float = 1e-06, keepdim: bool = False)",
);
const CHANNEL_SHUFFLE = new PySignature("torch.nn", "ChannelShuffle.__init__(groups: int)");
const UNFLATTEN = new PySignature("torch.nn", "Unflatten.__init__(dim: object, unflattened_size: object)");

export class CosineSimilarity extends Module {
  readonly dim: number;
  readonly eps: number;
  constructor(...args: CallArgs<"CosineSimilarity.__init__">) {
    super();
    [this.dim, this.eps] = COSINE.bind(args);
  }
  forward(x1: Tensor, x2: Tensor): Tensor {
    return cosine_similarity(x1, x2, this.dim, this.eps);
  }
}

export class PairwiseDistance extends Module {
  /** PyTorch keeps p under this name. */
  readonly norm: number;
  readonly eps: number;
  readonly keepdim: boolean;
  constructor(...args: CallArgs<"PairwiseDistance.__init__">) {
    super();
    [this.norm, this.eps, this.keepdim] = PAIRWISE.bind(args);
  }
  forward(x1: Tensor, x2: Tensor): Tensor {
    return pairwise_distance(x1, x2, this.norm, this.eps, this.keepdim);
  }
}

export class ChannelShuffle extends Module {
  readonly groups: number;
  constructor(...args: CallArgs<"ChannelShuffle.__init__">) {
    super();
    [this.groups] = CHANNEL_SHUFFLE.bind(args);
  }
  forward(input: Tensor): Tensor {
    return channel_shuffle(input, this.groups);
  }
  override extra_repr(): string {
    return `groups=${this.groups}`;
  }
}

/** Unflattens dim into unflattened_size (an array of ints; named dims are not supported). */
export class Unflatten extends Module {
  readonly dim: number;
  readonly unflattened_size: number[];
  constructor(...args: CallArgs<"Unflatten.__init__">) {
    super();
    const [dim, size] = UNFLATTEN.bind(args) as [unknown, unknown];
    if (typeof dim === "string") {
      // PyTorch's _require_tuple_tuple, then the named-tensor path tensorgrad does not have.
      if (!Array.isArray(size))
        throw new TypeError(`unflattened_size must be a tuple of tuples, but found type ${pyTypeName(size)}`);
      size.forEach((elem: unknown, idx) => {
        if (!Array.isArray(elem))
          throw new TypeError(
            `unflattened_size must be tuple of tuples, but found element of type ${pyTypeName(elem)} at pos ${idx}`,
          );
      });
      throw new RuntimeError("tensorgrad has no named tensors: Unflatten takes an int dim");
    }
    if (typeof dim !== "number" || !Number.isInteger(dim))
      throw new TypeError("invalid argument type for dim parameter");
    if (!Array.isArray(size))
      throw new TypeError(`unflattened_size must be a tuple of ints, but found type ${pyTypeName(size)}`);
    size.forEach((elem: unknown, idx) => {
      if (typeof elem !== "number" || !Number.isInteger(elem))
        throw new TypeError(
          `unflattened_size must be tuple of ints, but found element of type ${pyTypeName(elem)} at pos ${idx}`,
        );
    });
    this.dim = dim;
    this.unflattened_size = size as number[];
  }
  forward(input: Tensor): Tensor {
    // Tensor.unflatten's own check (torch/_tensor.py) before the native op.
    if (this.unflattened_size.length === 0) throw new RuntimeError("unflatten: sizes must be non-empty");
    return unflatten(input, this.dim, this.unflattened_size);
  }
  override extra_repr(): string {
    return `dim=${this.dim}, unflattened_size=${pyStr(this.unflattened_size)}`;
  }
}
