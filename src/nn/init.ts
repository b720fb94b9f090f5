// torch.nn.init: in-place initialisers with PyTorch's formulas (and its random numbers, after manual_seed).
import { no_grad } from "../autograd/grad_mode.js";
import { ValueError } from "../errors.js";
import { normal_ as normalOp, uniform_ as uniformOp, type GeneratorOption } from "../ops/random_ops.js";
import type { Tensor } from "../tensor/tensor.js";

export type Nonlinearity =
  | "linear"
  | "conv1d"
  | "conv2d"
  | "conv3d"
  | "conv_transpose1d"
  | "conv_transpose2d"
  | "conv_transpose3d"
  | "sigmoid"
  | "tanh"
  | "relu"
  | "leaky_relu"
  | "selu";

export type FanMode = "fan_in" | "fan_out";

/** The recommended gain for a nonlinearity (torch.nn.init.calculate_gain). */
export function calculate_gain(nonlinearity: Nonlinearity, param: number | null = null): number {
  switch (nonlinearity) {
    case "linear":
    case "conv1d":
    case "conv2d":
    case "conv3d":
    case "conv_transpose1d":
    case "conv_transpose2d":
    case "conv_transpose3d":
    case "sigmoid":
      return 1;
    case "tanh":
      return 5.0 / 3;
    case "relu":
      return Math.sqrt(2.0);
    case "leaky_relu": {
      const slope = param === null ? 0.01 : param;
      if (typeof slope !== "number")
        throw new ValueError(`negative_slope ${String(slope)} not a valid number`);
      return Math.sqrt(2.0 / (1 + slope ** 2));
    }
    case "selu":
      return 3.0 / 4;
    default:
      throw new ValueError(`Unsupported nonlinearity ${String(nonlinearity)}`);
  }
}

/** [fan_in, fan_out] of a weight: dim 1 and dim 0, times the receptive field size for conv weights. */
export function calculate_fan_in_and_fan_out(tensor: Tensor): [number, number] {
  if (tensor.ndim < 2) {
    throw new ValueError("Fan in and fan out can not be computed for tensor with fewer than 2 dimensions");
  }
  const receptive = tensor.shape.slice(2).reduce((a, b) => a * b, 1);
  return [tensor.shape[1] * receptive, tensor.shape[0] * receptive];
}

function fan(tensor: Tensor, mode: FanMode): number {
  if (mode !== "fan_in" && mode !== "fan_out")
    throw new ValueError(`Mode ${String(mode)} not supported, please use one of fan_in, fan_out`);
  const [fanIn, fanOut] = calculate_fan_in_and_fan_out(tensor);
  return mode === "fan_in" ? fanIn : fanOut;
}

const filling = (fn: () => Tensor): Tensor => no_grad(fn);

export function uniform_(tensor: Tensor, a = 0, b = 1, opts: GeneratorOption = {}): Tensor {
  return filling(() => uniformOp(tensor, a, b, opts));
}

export function normal_(tensor: Tensor, mean = 0, std = 1, opts: GeneratorOption = {}): Tensor {
  return filling(() => normalOp(tensor, mean, std, opts));
}

export function constant_(tensor: Tensor, val: number): Tensor {
  return filling(() => tensor.fill_(val));
}

export function ones_(tensor: Tensor): Tensor {
  return constant_(tensor, 1);
}

export function zeros_(tensor: Tensor): Tensor {
  return filling(() => tensor.zero_());
}

export function xavier_uniform_(tensor: Tensor, gain = 1, opts: GeneratorOption = {}): Tensor {
  const [fanIn, fanOut] = calculate_fan_in_and_fan_out(tensor);
  const std = gain * Math.sqrt(2.0 / (fanIn + fanOut));
  const a = Math.sqrt(3.0) * std;
  return uniform_(tensor, -a, a, opts);
}

export function xavier_normal_(tensor: Tensor, gain = 1, opts: GeneratorOption = {}): Tensor {
  const [fanIn, fanOut] = calculate_fan_in_and_fan_out(tensor);
  return normal_(tensor, 0, gain * Math.sqrt(2.0 / (fanIn + fanOut)), opts);
}

export interface KaimingOptions extends GeneratorOption {
  a?: number;
  mode?: FanMode;
  nonlinearity?: Nonlinearity;
}

export function kaiming_uniform_(tensor: Tensor, opts: KaimingOptions = {}): Tensor {
  const { a = 0, mode = "fan_in", nonlinearity = "leaky_relu" } = opts;
  if (tensor.numel() === 0) return tensor;
  const std = calculate_gain(nonlinearity, a) / Math.sqrt(fan(tensor, mode));
  const bound = Math.sqrt(3.0) * std;
  return uniform_(tensor, -bound, bound, opts);
}

export function kaiming_normal_(tensor: Tensor, opts: KaimingOptions = {}): Tensor {
  const { a = 0, mode = "fan_in", nonlinearity = "leaky_relu" } = opts;
  if (tensor.numel() === 0) return tensor;
  const std = calculate_gain(nonlinearity, a) / Math.sqrt(fan(tensor, mode));
  return normal_(tensor, 0, std, opts);
}
