// Activation functions as modules: each forward calls the torch function of the same name.
import * as ops from "../../ops/functions.js";
import { relu, sigmoid, tanh } from "../../ops/elementwise.js";
import type { Tensor } from "../../tensor/tensor.js";
import { Module } from "../module.js";

export class ReLU extends Module {
  forward(input: Tensor): Tensor {
    return relu(input);
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
  forward(input: Tensor): Tensor {
    return ops.silu(input);
  }
}

export class LogSigmoid extends Module {
  forward(input: Tensor): Tensor {
    return ops.logsigmoid(input);
  }
}

export class LeakyReLU extends Module {
  constructor(readonly negative_slope = 0.01) {
    super();
  }
  forward(input: Tensor): Tensor {
    return ops.leaky_relu(input, this.negative_slope);
  }
  override extra_repr(): string {
    return `negative_slope=${this.negative_slope}`;
  }
}

export class ELU extends Module {
  constructor(readonly alpha = 1.0) {
    super();
  }
  forward(input: Tensor): Tensor {
    return ops.elu(input, this.alpha);
  }
  override extra_repr(): string {
    return `alpha=${pyFloat(this.alpha)}`;
  }
}

export class GELU extends Module {
  constructor(readonly approximate: "none" | "tanh" = "none") {
    super();
  }
  forward(input: Tensor): Tensor {
    return ops.gelu(input, { approximate: this.approximate });
  }
  override extra_repr(): string {
    return `approximate='${this.approximate}'`;
  }
}

export class Softplus extends Module {
  constructor(
    readonly beta = 1,
    readonly threshold = 20,
  ) {
    super();
  }
  forward(input: Tensor): Tensor {
    return ops.softplus(input, { beta: this.beta, threshold: this.threshold });
  }
  override extra_repr(): string {
    return `beta=${this.beta}, threshold=${this.threshold}`;
  }
}

/** Python prints floats with a decimal point: 1.0, not 1. */
export function pyFloat(v: number): string {
  return Number.isInteger(v) ? v.toFixed(1) : String(v);
}
