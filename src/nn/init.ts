// torch.nn.init: in-place initialisers with PyTorch's formulas (and its random numbers, after manual_seed),
// declared with PyTorch 1.13's Python signatures.
import { no_grad } from "../autograd/grad_mode.js";
import { erf } from "../backend/js/glibc_erf.js";
import { ValueError, ZeroDivisionError } from "../errors.js";
import { linalg_qr } from "../ops/linalg_decomp.js";
import { pyStr } from "../python.js";
import { definePython } from "../signatures/registry.js";
import { empty } from "../tensor/creation.js";
import { randpermIndices } from "../tensor/random.js";
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

/** Xavier's std: `gain * math.sqrt(2.0 / float(fan_in + fan_out))`, Python's error when both fans are 0. */
function xavierStd(tensor: Tensor, gain: number): number {
  const [fanIn, fanOut] = calculate_fan_in_and_fan_out(tensor);
  if (fanIn + fanOut === 0) throw new ZeroDivisionError("float division by zero");
  return gain * Math.sqrt(2.0 / (fanIn + fanOut));
}

export function xavier_uniform_(tensor: Tensor, gain = 1): Tensor {
  const a = Math.sqrt(3.0) * xavierStd(tensor, gain);
  return uniform_(tensor, -a, a);
}

export function xavier_normal_(tensor: Tensor, gain = 1): Tensor {
  return normal_(tensor, 0, xavierStd(tensor, gain));
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

/** The standard normal CDF, as init.py's norm_cdf computes it with math.erf (glibc's erf). */
function normCdf(x: number): number {
  return (1 + erf(x / Math.sqrt(2))) / 2;
}

/** _no_grad_trunc_normal_: uniform in [2l-1, 2u-1] through erfinv, scaled, shifted and clamped to [a, b]. */
export function trunc_normal_(tensor: Tensor, mean = 0, std = 1, a = -2, b = 2): Tensor {
  if (mean < a - 2 * std || mean > b + 2 * std)
    emitWarning(
      "mean is more than 2 std from [a, b] in nn.init.trunc_normal_. The distribution of values may be incorrect.",
    );
  return no_grad(() => {
    const l = normCdf((a - mean) / std);
    const u = normCdf((b - mean) / std);
    tensor.uniform_(2 * l - 1, 2 * u - 1);
    tensor.erfinv_();
    tensor.mul_(std * Math.sqrt(2));
    tensor.add_(mean);
    tensor.clamp_(a, b);
    return tensor;
  });
}

/** The identity matrix in a 2-D tensor (torch.eye(*tensor.shape, out=tensor)). */
export function eye_(tensor: Tensor): Tensor {
  if (tensor.ndim !== 2) throw new ValueError("Only tensors with 2 dimensions are supported");
  no_grad(() => {
    tensor.zero_();
    for (let i = 0; i < Math.min(tensor.shape[0], tensor.shape[1]); i++)
      tensor.select(0, i).select(0, i).fill_(1);
  });
  return tensor;
}

/** The Dirac delta in a {3, 4, 5}-D convolution weight: each group's channels pass through unchanged. */
export function dirac_(tensor: Tensor, groups = 1): Tensor {
  const dims = tensor.ndim;
  if (dims < 3 || dims > 5) throw new ValueError("Only tensors with 3, 4, or 5 dimensions are supported");
  const sizes = tensor.shape;
  if (pyMod(sizes[0], groups) !== 0) throw new ValueError("dim 0 must be divisible by groups");
  const outPerGroup = Math.floor(sizes[0] / groups);
  const minDim = Math.min(outPerGroup, sizes[1]);
  no_grad(() => {
    tensor.zero_();
    for (let g = 0; g < groups; g++)
      for (let d = 0; d < minDim; d++) {
        let cell = tensor.select(0, g * outPerGroup + d).select(0, d);
        for (let k = 2; k < dims; k++) cell = cell.select(0, Math.floor(sizes[k] / 2));
        cell.fill_(1);
      }
  });
  return tensor;
}

/** Python's % on ints: the sign of the divisor (dirac_'s groups may be negative). */
function pyMod(a: number, b: number): number {
  if (b === 0) throw new ZeroDivisionError("integer modulo by zero");
  return ((a % b) + b) % b;
}

/** A (semi-)orthogonal matrix: Q of the QR of a normal matrix, its columns' signs fixed by diag(R), times gain. */
export function orthogonal_(tensor: Tensor, gain = 1): Tensor {
  if (tensor.ndim < 2) throw new ValueError("Only tensors with 2 or more dimensions are supported");
  if (tensor.numel() === 0) return tensor;
  const rows = tensor.shape[0];
  const cols = Math.floor(tensor.numel() / rows);
  let flattened = empty([rows, cols], { dtype: tensor.dtype }).normal_(0, 1);
  if (rows < cols) flattened = flattened.t();
  const { Q, R } = linalg_qr(flattened);
  let q = Q.mul(R.diag(0).sign());
  if (rows < cols) q = q.t();
  no_grad(() => {
    tensor.view_as(q).copy_(q);
    tensor.mul_(gain);
  });
  return tensor;
}

/** A 2-D tensor from N(0, std) with ceil(sparsity * rows) zeros in each column, at randperm's rows. */
export function sparse_(tensor: Tensor, sparsity: number, std = 0.01): Tensor {
  if (tensor.ndim !== 2) throw new ValueError("Only tensors with 2 dimensions are supported");
  const [rows, cols] = tensor.shape;
  const numZeros = Math.ceil(sparsity * rows);
  no_grad(() => {
    tensor.normal_(0, std);
    for (let c = 0; c < cols; c++) {
      const perm = randpermIndices(rows);
      // row_indices[:num_zeros]: Python's slice, so a negative count drops that many from the end.
      const stop = numZeros < 0 ? Math.max(rows + numZeros, 0) : Math.min(numZeros, rows);
      for (const r of perm.slice(0, stop)) tensor.select(0, r).select(0, c).fill_(0);
    }
  });
  return tensor;
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
  "trunc_normal_(tensor: Tensor, mean: float = 0.0, std: float = 1.0, a: float = -2.0, b: float = 2.0) -> Tensor":
    trunc_normal_,
  "eye_(tensor: Tensor) -> Tensor": eye_,
  "dirac_(tensor: Tensor, groups: int = 1) -> Tensor": dirac_,
  "orthogonal_(tensor: Tensor, gain: float = 1) -> Tensor": orthogonal_,
  "sparse_(tensor: Tensor, sparsity: float, std: float = 0.01) -> Tensor": sparse_,
});

/**
 * The deprecated names (init.py's _make_deprecate): each warns, then is its underscore function, whose
 * signature and errors it shows (Python's errors name the inner function).
 */
function deprecated<A extends unknown[]>(name: string, fn: (...args: A) => Tensor): (...args: A) => Tensor {
  return (...args: A) => {
    emitWarning(`nn.init.${name.slice(0, -1)} is now deprecated in favor of nn.init.${name}.`);
    return fn(...args);
  };
}

const DEPRECATED = {
  "uniform_(tensor: Tensor, a: float = 0.0, b: float = 1.0) -> Tensor": uniform_,
  "normal_(tensor: Tensor, mean: float = 0.0, std: float = 1.0) -> Tensor": normal_,
  "constant_(tensor: Tensor, val: float) -> Tensor": constant_,
  "eye_(tensor: Tensor) -> Tensor": eye_,
  "dirac_(tensor: Tensor, groups: int = 1) -> Tensor": dirac_,
  "xavier_uniform_(tensor: Tensor, gain: float = 1.0) -> Tensor": xavier_uniform_,
  "xavier_normal_(tensor: Tensor, gain: float = 1.0) -> Tensor": xavier_normal_,
  "kaiming_uniform_(tensor: Tensor, a: float = 0, mode: 'fan_in' | 'fan_out' = 'fan_in', nonlinearity: 'linear' | 'conv1d' | 'conv2d' | 'conv3d' | 'conv_transpose1d' | 'conv_transpose2d' | 'conv_transpose3d' | 'sigmoid' | 'tanh' | 'relu' | 'leaky_relu' | 'selu' = 'leaky_relu') -> Tensor":
    kaiming_uniform_,
  "kaiming_normal_(tensor: Tensor, a: float = 0, mode: 'fan_in' | 'fan_out' = 'fan_in', nonlinearity: 'linear' | 'conv1d' | 'conv2d' | 'conv3d' | 'conv_transpose1d' | 'conv_transpose2d' | 'conv_transpose3d' | 'sigmoid' | 'tanh' | 'relu' | 'leaky_relu' | 'selu' = 'leaky_relu') -> Tensor":
    kaiming_normal_,
  "orthogonal_(tensor: Tensor, gain: float = 1) -> Tensor": orthogonal_,
  "sparse_(tensor: Tensor, sparsity: float, std: float = 0.01) -> Tensor": sparse_,
};
for (const [text, fn] of Object.entries(DEPRECATED)) {
  const name = text.slice(0, text.indexOf("("));
  definePython(
    "torch.nn.init",
    { [text]: deprecated(name, fn as (...args: unknown[]) => Tensor) },
    {
      publicNames: { [name]: name.slice(0, -1) },
    },
  );
}
