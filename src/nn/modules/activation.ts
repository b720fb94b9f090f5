// Activation functions as modules: each forward calls the torch function of the same name.
import { inPlace } from "../../ops/core.js";
import { relu, sigmoid, tanh } from "../../ops/elementwise.js";
import { relu_ } from "../../ops/inplace.js";
import { elu, gelu, leaky_relu, logsigmoid, silu, softplus } from "../../ops/math.js";
import { PySignature, type CallArgs } from "../../signatures/registry.js";
import type { Tensor } from "../../tensor/tensor.js";
import { Module } from "../module.js";
import { pyFloatRepr, pyStr } from "../../python.js";
import { AssertionError } from "../../errors.js";
import { functionalLogSoftmax, functionalSoftmax, softmin } from "../../ops/softmax.js";

const RELU = new PySignature("torch.nn", "ReLU.__init__(inplace: bool = False)");
const SILU = new PySignature("torch.nn", "SiLU.__init__(inplace: bool = False)");
const LEAKY_RELU = new PySignature(
  "torch.nn",
  "LeakyReLU.__init__(negative_slope: float = 0.01, inplace: bool = False)",
);
const ELU_INIT = new PySignature("torch.nn", "ELU.__init__(alpha: float = 1.0, inplace: bool = False)");
const GELU_INIT = new PySignature("torch.nn", "GELU.__init__(approximate: 'none' | 'tanh' = 'none')");
const SOFTPLUS = new PySignature("torch.nn", "Softplus.__init__(beta: float = 1, threshold: float = 20)");

const SOFTMAX = new PySignature("torch.nn", "Softmax.__init__(dim: int | None = None)");
const LOG_SOFTMAX = new PySignature("torch.nn", "LogSoftmax.__init__(dim: int | None = None)");
const SOFTMIN = new PySignature("torch.nn", "Softmin.__init__(dim: int | None = None)");

const inplaceRepr = (inplace: boolean, sep: string) => (inplace ? `${sep}inplace=True` : "");

export class ReLU extends Module {
  readonly inplace: boolean;
  constructor(...args: CallArgs<"ReLU.__init__">) {
    super();
    [this.inplace] = RELU.bind(args);
  }
  forward(input: Tensor): Tensor {
    return this.inplace ? relu_(input) : relu(input);
  }
  override extra_repr(): string {
    return inplaceRepr(this.inplace, "");
  }
}

export class Sigmoid extends Module {
  forward(input: Tensor): Tensor {
    return sigmoid(input);
  }
}

export class Tanh extends Module {
  forward(input: Tensor): Tensor {
    return tanh(input);
  }
}

export class SiLU extends Module {
  readonly inplace: boolean;
  constructor(...args: CallArgs<"SiLU.__init__">) {
    super();
    [this.inplace] = SILU.bind(args);
  }
  forward(input: Tensor): Tensor {
    return this.inplace ? inPlace(input, silu) : silu(input);
  }
  override extra_repr(): string {
    return inplaceRepr(this.inplace, "");
  }
}

export class LogSigmoid extends Module {
  forward(input: Tensor): Tensor {
    return logsigmoid(input);
  }
}

export class LeakyReLU extends Module {
  readonly negative_slope: number;
  readonly inplace: boolean;
  constructor(...args: CallArgs<"LeakyReLU.__init__">) {
    super();
    [this.negative_slope, this.inplace] = LEAKY_RELU.bind(args);
  }
  forward(input: Tensor): Tensor {
    const slope = this.negative_slope;
    return this.inplace ? inPlace(input, (x) => leaky_relu(x, slope)) : leaky_relu(input, slope);
  }
  override extra_repr(): string {
    return `negative_slope=${pyFloatRepr(this.negative_slope)}${inplaceRepr(this.inplace, ", ")}`;
  }
}

export class ELU extends Module {
  readonly alpha: number;
  readonly inplace: boolean;
  constructor(...args: CallArgs<"ELU.__init__">) {
    super();
    [this.alpha, this.inplace] = ELU_INIT.bind(args);
  }
  forward(input: Tensor): Tensor {
    const alpha = this.alpha;
    return this.inplace ? inPlace(input, (x) => elu(x, alpha)) : elu(input, alpha);
  }
  override extra_repr(): string {
    return `alpha=${pyFloatRepr(this.alpha)}${inplaceRepr(this.inplace, ", ")}`;
  }
}

export class GELU extends Module {
  readonly approximate: "none" | "tanh";
  constructor(...args: CallArgs<"GELU.__init__">) {
    super();
    [this.approximate] = GELU_INIT.bind(args);
  }
  forward(input: Tensor): Tensor {
    return gelu(input, this.approximate);
  }
  override extra_repr(): string {
    return `approximate='${this.approximate}'`;
  }
}

export class Softplus extends Module {
  readonly beta: number;
  readonly threshold: number;
  constructor(...args: CallArgs<"Softplus.__init__">) {
    super();
    [this.beta, this.threshold] = SOFTPLUS.bind(args);
  }
  forward(input: Tensor): Tensor {
    return softplus(input, this.beta, this.threshold);
  }
  override extra_repr(): string {
    return `beta=${pyStr(this.beta)}, threshold=${pyStr(this.threshold)}`;
  }
}

// The softmax family: dim=None keeps PyTorch's deprecated implicit choice (with its warning) at each call.

export class Softmax extends Module {
  dim: number | null;
  constructor(...args: CallArgs<"Softmax.__init__">) {
    super();
    [this.dim] = SOFTMAX.bind(args);
  }
  forward(input: Tensor): Tensor {
    return functionalSoftmax(input, this.dim);
  }
  override extra_repr(): string {
    return `dim=${pyStr(this.dim)}`;
  }
}

export class LogSoftmax extends Module {
  dim: number | null;
  constructor(...args: CallArgs<"LogSoftmax.__init__">) {
    super();
    [this.dim] = LOG_SOFTMAX.bind(args);
  }
  forward(input: Tensor): Tensor {
    return functionalLogSoftmax(input, this.dim);
  }
  override extra_repr(): string {
    return `dim=${pyStr(this.dim)}`;
  }
}

export class Softmin extends Module {
  dim: number | null;
  constructor(...args: CallArgs<"Softmin.__init__">) {
    super();
    [this.dim] = SOFTMIN.bind(args);
  }
  forward(input: Tensor): Tensor {
    return softmin(input, this.dim);
  }
  override extra_repr(): string {
    return `dim=${pyStr(this.dim)}`;
  }
}

/** Softmax over the channels of a (C, H, W) or (N, C, H, W) input. */
export class Softmax2d extends Module {
  forward(input: Tensor): Tensor {
    if (input.ndim !== 4 && input.ndim !== 3)
      throw new AssertionError("Softmax2d requires a 3D or 4D tensor as input");
    return functionalSoftmax(input, -3);
  }
}
