// torch.nn.init: in-place initialisers with PyTorch's formulas (and its random numbers, after manual_seed),
// declared with PyTorch 1.13's Python signatures.
import { no_grad } from "../autograd/grad_mode.js";
import { ValueError } from "../errors.js";
import { pyStr } from "../python.js";
import { definePython } from "../signatures/registry.js";
import type { Tensor } from "../tensor/tensor.js";
import { emitWarning } from "../warnings.js";

const LINEAR_FNS = [
  "linear",
  "conv1d",
  "conv2d",
  "conv3d",
  "conv_transpose1d",
  "conv_transpose2d",
  "conv_transpose3d",
];

/** The recommended gain for a nonlinearity (torch.nn.init.calculate_gain(nonlinearity, param=None)). */
export function calculate_gain(nonlinearity: unknown, param: unknown = null): number {
  if ((typeof nonlinearity === "string" && LINEAR_FNS.includes(nonlinearity)) || nonlinearity === "sigmoid")
    return 1;
  if (nonlinearity === "tanh") return 5.0 / 3;
  if (nonlinearity === "relu") return Math.sqrt(2.0);
  if (nonlinearity === "leaky_relu") {
    let slope: number;
    if (param === null) slope = 0.01;
    else if (typeof param === "number") slope = param;
    else if (typeof param === "bigint") slope = Number(param);
    else throw new ValueError(`negative_slope ${pyStr(param)} not a valid number`);
    return Math.sqrt(2.0 / (1 + slope ** 2));
  }
  if (nonlinearity === "selu") return 3.0 / 4;
  throw new ValueError(`Unsupported nonlinearity ${pyStr(nonlinearity)}`);
}

/** [fan_in, fan_out] of a weight (PyTorch's private _calculate_fan_in_and_fan_out). */
export function calculate_fan_in_and_fan_out(tensor: Tensor): [number, number] {
  if (tensor.ndim < 2) {
    throw new ValueError("Fan in and fan out can not be computed for tensor with fewer than 2 dimensions");
  }
  const receptive = tensor.shape.slice(2).reduce((a, b) => a * b, 1);
  return [tensor.shape[1] * receptive, tensor.shape[0] * receptive];
}

/** _calculate_correct_fan: the fan of `mode` (case-insensitive, as PyTorch lowers it). */
function correctFan(tensor: Tensor, mode: string): number {
  const lowered = mode.toLowerCase();
  if (lowered !== "fan_in" && lowered !== "fan_out")
    throw new ValueError(`Mode ${lowered} not supported, please use one of ['fan_in', 'fan_out']`);
  const [fanIn, fanOut] = calculate_fan_in_and_fan_out(tensor);
  return lowered === "fan_in" ? fanIn : fanOut;
}

// The fills go through Tensor methods, under no_grad like PyTorch's _no_grad_* helpers.

export function uniform_(tensor: Tensor, a = 0, b = 1): Tensor {
  return no_grad(() => tensor.uniform_(a, b));
}

export function normal_(tensor: Tensor, mean = 0, std = 1): Tensor {
  return no_grad(() => tensor.normal_(mean, std));
}

export function constant_(tensor: Tensor, val: number): Tensor {
  return no_grad(() => tensor.fill_(val));
}

export function ones_(tensor: Tensor): Tensor {
  return constant_(tensor, 1);
}

export function zeros_(tensor: Tensor): Tensor {
  return no_grad(() => tensor.zero_());
}

export function xavier_uniform_(tensor: Tensor, gain = 1): Tensor {
  const [fanIn, fanOut] = calculate_fan_in_and_fan_out(tensor);
  const std = gain * Math.sqrt(2.0 / (fanIn + fanOut));
  const a = Math.sqrt(3.0) * std;
  return uniform_(tensor, -a, a);
}

export function xavier_normal_(tensor: Tensor, gain = 1): Tensor {
  const [fanIn, fanOut] = calculate_fan_in_and_fan_out(tensor);
  return normal_(tensor, 0, gain * Math.sqrt(2.0 / (fanIn + fanOut)));
}

/** Kaiming's std, or null for a zero-element tensor (a no-op with PyTorch's warning). */
function kaimingStd(tensor: Tensor, a: number, mode: string, nonlinearity: string): number | null {
  if (tensor.shape.includes(0)) {
    emitWarning("Initializing zero-element tensors is a no-op");
    return null;
  }
  const fan = correctFan(tensor, mode);
  return calculate_gain(nonlinearity, a) / Math.sqrt(fan);
}

export function kaiming_uniform_(
  tensor: Tensor,
  a = 0,
  mode = "fan_in",
  nonlinearity = "leaky_relu",
): Tensor {
  const std = kaimingStd(tensor, a, mode, nonlinearity);
  if (std === null) return tensor;
  const bound = Math.sqrt(3.0) * std;
  return uniform_(tensor, -bound, bound);
}

export function kaiming_normal_(tensor: Tensor, a = 0, mode = "fan_in", nonlinearity = "leaky_relu"): Tensor {
  const std = kaimingStd(tensor, a, mode, nonlinearity);
  if (std === null) return tensor;
  return normal_(tensor, 0, std);
}

definePython("torch.nn.init", {
  "calculate_gain(nonlinearity: 'linear' | 'conv1d' | 'conv2d' | 'conv3d' | 'conv_transpose1d' | 'conv_transpose2d' | 'conv_transpose3d' | 'sigmoid' | 'tanh' | 'relu' | 'leaky_relu' | 'selu', param: object = None) -> float":
    calculate_gain,
  "uniform_(tensor: Tensor, a: float = 0.0, b: float = 1.0) -> Tensor": uniform_,
  "normal_(tensor: Tensor, mean: float = 0.0, std: float = 1.0) -> Tensor": normal_,
  "constant_(tensor: Tensor, val: float) -> Tensor": constant_,
  "ones_(tensor: Tensor) -> Tensor": ones_,
  "zeros_(tensor: Tensor) -> Tensor": zeros_,
  "xavier_uniform_(tensor: Tensor, gain: float = 1.0) -> Tensor": xavier_uniform_,
  "xavier_normal_(tensor: Tensor, gain: float = 1.0) -> Tensor": xavier_normal_,
  "kaiming_uniform_(tensor: Tensor, a: float = 0, mode: 'fan_in' | 'fan_out' = 'fan_in', nonlinearity: 'linear' | 'conv1d' | 'conv2d' | 'conv3d' | 'conv_transpose1d' | 'conv_transpose2d' | 'conv_transpose3d' | 'sigmoid' | 'tanh' | 'relu' | 'leaky_relu' | 'selu' = 'leaky_relu') -> Tensor":
    kaiming_uniform_,
  "kaiming_normal_(tensor: Tensor, a: float = 0, mode: 'fan_in' | 'fan_out' = 'fan_in', nonlinearity: 'linear' | 'conv1d' | 'conv2d' | 'conv3d' | 'conv_transpose1d' | 'conv_transpose2d' | 'conv_transpose3d' | 'sigmoid' | 'tanh' | 'relu' | 'leaky_relu' | 'selu' = 'leaky_relu') -> Tensor":
    kaiming_normal_,
});
