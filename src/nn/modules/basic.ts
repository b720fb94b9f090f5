// Modules with no weights: Identity, Flatten, Unflatten, Dropout.
import { ValueError } from "../../errors.js";
import { dropout } from "../../ops/nn_dropout.js";
import { flatten } from "../../ops/shape.js";
import type { Tensor } from "../../tensor/tensor.js";
import { PySignature, type CallArgs } from "../../signatures/registry.js";
import { Module } from "../module.js";
import { pyBool, pyFloatRepr, pyStr } from "../../python.js";

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
