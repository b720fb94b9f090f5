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
import {
  celu,
  celu_,
  functionalGlu,
  hardshrink,
  hardsigmoid,
  hardswish,
  hardtanh,
  mish,
  prelu,
  relu6,
  rrelu,
  rrelu_,
  selu,
  selu_,
  softshrink,
  softsign,
  tanhshrink,
  threshold,
  threshold_,
} from "../../ops/nn_activation.js";
import { fill_ } from "../../ops/inplace.js";
import { no_grad } from "../../autograd/grad_mode.js";
import { emitWarning } from "../../warnings.js";
import { Parameter } from "../parameter.js";
import { factoryEmpty } from "./common.js";

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

// ---- The activations of nn_activation.ts ----

const HARDTANH = new PySignature(
  "torch.nn",
  "Hardtanh.__init__(min_val: float = -1.0, max_val: float = 1.0, inplace: bool = False, min_value: float | None = None, max_value: float | None = None)",
);
const RELU6 = new PySignature("torch.nn", "ReLU6.__init__(inplace: bool = False)");
const SELU_INIT = new PySignature("torch.nn", "SELU.__init__(inplace: bool = False)");
const MISH = new PySignature("torch.nn", "Mish.__init__(inplace: bool = False)");
const HARDSWISH = new PySignature("torch.nn", "Hardswish.__init__(inplace: bool = False)");
const HARDSIGMOID = new PySignature("torch.nn", "Hardsigmoid.__init__(inplace: bool = False)");
const CELU_INIT = new PySignature("torch.nn", "CELU.__init__(alpha: float = 1.0, inplace: bool = False)");
const PRELU = new PySignature(
  "torch.nn",
  "PReLU.__init__(num_parameters: int = 1, init: float = 0.25, device: device | None = None, dtype: dtype | None = None)",
);
const RRELU = new PySignature(
  "torch.nn",
  "RReLU.__init__(lower: float = 0.125, upper: float = 0.3333333333333333, inplace: bool = False)",
);
const HARDSHRINK = new PySignature("torch.nn", "Hardshrink.__init__(lambd: float = 0.5)");
const SOFTSHRINK = new PySignature("torch.nn", "Softshrink.__init__(lambd: float = 0.5)");
const THRESHOLD = new PySignature(
  "torch.nn",
  "Threshold.__init__(threshold: float, value: float, inplace: bool = False)",
);
const GLU_INIT = new PySignature("torch.nn", "GLU.__init__(dim: int = -1)");

const applyInPlace = (input: Tensor, inplace: boolean, op: (x: Tensor) => Tensor): Tensor =>
  inplace ? inPlace(input, op) : op(input);

export class Hardtanh extends Module {
  readonly min_val: number;
  readonly max_val: number;
  readonly inplace: boolean;
  constructor(...args: CallArgs<"Hardtanh.__init__">) {
    super();
    const [minVal, maxVal, inplace, minValue, maxValue] = HARDTANH.bind(args);
    if (minValue !== null) emitWarning("keyword argument min_value is deprecated and rename to min_val");
    if (maxValue !== null) emitWarning("keyword argument max_value is deprecated and rename to max_val");
    this.min_val = minValue ?? minVal;
    this.max_val = maxValue ?? maxVal;
    this.inplace = inplace;
    if (!(this.max_val > this.min_val)) throw new AssertionError("");
  }
  forward(input: Tensor): Tensor {
    return applyInPlace(input, this.inplace, (x) => hardtanh(x, this.min_val, this.max_val));
  }
  override extra_repr(): string {
    return `min_val=${pyFloatRepr(this.min_val)}, max_val=${pyFloatRepr(this.max_val)}${inplaceRepr(this.inplace, ", ")}`;
  }
}

/** Hardtanh(0, 6), as PyTorch subclasses it (its repr shows only inplace). */
export class ReLU6 extends Hardtanh {
  constructor(...args: CallArgs<"ReLU6.__init__">) {
    const [inplace] = RELU6.bind(args);
    super(0, 6, inplace);
  }
  override forward(input: Tensor): Tensor {
    return applyInPlace(input, this.inplace, relu6);
  }
  override extra_repr(): string {
    return inplaceRepr(this.inplace, "");
  }
}

/** An activation whose only setting is `inplace`, printed bare as PyTorch's SELU and Mish do. */
abstract class InPlaceActivation extends Module {
  readonly inplace: boolean;
  protected abstract readonly op: (x: Tensor) => Tensor;
  constructor(inplace: boolean) {
    super();
    this.inplace = inplace;
  }
  forward(input: Tensor): Tensor {
    return applyInPlace(input, this.inplace, this.op);
  }
}

export class SELU extends InPlaceActivation {
  protected readonly op = selu;
  constructor(...args: CallArgs<"SELU.__init__">) {
    super(...SELU_INIT.bind(args));
  }
  override forward(input: Tensor): Tensor {
    return this.inplace ? selu_(input) : selu(input);
  }
  override extra_repr(): string {
    return inplaceRepr(this.inplace, "");
  }
}

export class Mish extends InPlaceActivation {
  protected readonly op = mish;
  constructor(...args: CallArgs<"Mish.__init__">) {
    super(...MISH.bind(args));
  }
  override extra_repr(): string {
    return inplaceRepr(this.inplace, "");
  }
}

/** PyTorch's Hardswish and Hardsigmoid keep `inplace` out of their reprs. */
export class Hardswish extends InPlaceActivation {
  protected readonly op = hardswish;
  constructor(...args: CallArgs<"Hardswish.__init__">) {
    super(...HARDSWISH.bind(args));
  }
}

export class Hardsigmoid extends InPlaceActivation {
  protected readonly op = hardsigmoid;
  constructor(...args: CallArgs<"Hardsigmoid.__init__">) {
    super(...HARDSIGMOID.bind(args));
  }
}

export class CELU extends Module {
  readonly alpha: number;
  readonly inplace: boolean;
  constructor(...args: CallArgs<"CELU.__init__">) {
    super();
    [this.alpha, this.inplace] = CELU_INIT.bind(args);
  }
  forward(input: Tensor): Tensor {
    return this.inplace ? celu_(input, this.alpha) : celu(input, this.alpha);
  }
  override extra_repr(): string {
    return `alpha=${pyFloatRepr(this.alpha)}${inplaceRepr(this.inplace, ", ")}`;
  }
}

/** A learned negative slope per channel (or one shared), filled with `init`. */
export class PReLU extends Module {
  readonly num_parameters: number;
  weight: Parameter;
  constructor(...args: CallArgs<"PReLU.__init__">) {
    super();
    const [numParameters, init, device, dtype] = PRELU.bind(args);
    this.num_parameters = numParameters;
    const weight = factoryEmpty([numParameters], device, dtype);
    no_grad(() => fill_(weight, init));
    this.weight = new Parameter(weight);
  }
  forward(input: Tensor): Tensor {
    return prelu(input, this.weight);
  }
  override extra_repr(): string {
    return `num_parameters=${this.num_parameters}`;
  }
}

/** Random negative slopes from [lower, upper) in training; their mean in eval. */
export class RReLU extends Module {
  readonly lower: number;
  readonly upper: number;
  readonly inplace: boolean;
  constructor(...args: CallArgs<"RReLU.__init__">) {
    super();
    [this.lower, this.upper, this.inplace] = RRELU.bind(args);
  }
  forward(input: Tensor): Tensor {
    return this.inplace
      ? rrelu_(input, this.lower, this.upper, this.training)
      : rrelu(input, this.lower, this.upper, this.training);
  }
  override extra_repr(): string {
    return `lower=${pyFloatRepr(this.lower)}, upper=${pyFloatRepr(this.upper)}${inplaceRepr(this.inplace, ", ")}`;
  }
}

export class Hardshrink extends Module {
  readonly lambd: number;
  constructor(...args: CallArgs<"Hardshrink.__init__">) {
    super();
    [this.lambd] = HARDSHRINK.bind(args);
  }
  forward(input: Tensor): Tensor {
    return hardshrink(input, this.lambd);
  }
  override extra_repr(): string {
    return pyFloatRepr(this.lambd);
  }
}

export class Softshrink extends Module {
  readonly lambd: number;
  constructor(...args: CallArgs<"Softshrink.__init__">) {
    super();
    [this.lambd] = SOFTSHRINK.bind(args);
  }
  forward(input: Tensor): Tensor {
    return softshrink(input, this.lambd);
  }
  override extra_repr(): string {
    return pyFloatRepr(this.lambd);
  }
}

export class Softsign extends Module {
  forward(input: Tensor): Tensor {
    return softsign(input);
  }
}

export class Tanhshrink extends Module {
  forward(input: Tensor): Tensor {
    return tanhshrink(input);
  }
}

export class Threshold extends Module {
  readonly threshold: number;
  readonly value: number;
  readonly inplace: boolean;
  constructor(...args: CallArgs<"Threshold.__init__">) {
    super();
    [this.threshold, this.value, this.inplace] = THRESHOLD.bind(args);
  }
  forward(input: Tensor): Tensor {
    return this.inplace
      ? threshold_(input, this.threshold, this.value)
      : threshold(input, this.threshold, this.value);
  }
  override extra_repr(): string {
    return `threshold=${pyFloatRepr(this.threshold)}, value=${pyFloatRepr(this.value)}${inplaceRepr(this.inplace, ", ")}`;
  }
}

export class GLU extends Module {
  readonly dim: number;
  constructor(...args: CallArgs<"GLU.__init__">) {
    super();
    [this.dim] = GLU_INIT.bind(args);
  }
  forward(input: Tensor): Tensor {
    return functionalGlu(input, this.dim);
  }
  override extra_repr(): string {
    return `dim=${this.dim}`;
  }
}
