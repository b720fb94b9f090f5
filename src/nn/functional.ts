// torch.nn.functional, declared with PyTorch 1.13's signatures: here the activations, softmax, dropout, pad
// and linear; the layers' functional forms in functional_layers.ts, the losses in functional_losses*.ts.
// Users reach them through src/generated/nn_functional.ts (`torch.nn.functional`).
import { NotImplementedError, RuntimeError, ValueError } from "../errors.js";
import { inPlace, type Scalar } from "../ops/core.js";
import { relu, sigmoid, tanh } from "../ops/elementwise.js";
import { relu_ } from "../ops/inplace.js";
import { pad } from "../ops/join.js";
import { elu, gelu, leaky_relu, logsigmoid, silu, softplus } from "../ops/math.js";
import { log_softmax, softmax } from "../ops/softmax.js";
import { defineOps, definePython } from "../signatures/registry.js";
import { bool, type DType } from "../tensor/dtype.js";
import type { Tensor } from "../tensor/tensor.js";
import { emitWarning } from "../warnings.js";
import { dropout as dropoutImpl } from "./modules/basic.js";
import { linear } from "./modules/linear.js";
import "./functional_layers.js";
import "../ops/nn_losses.js";

/** F.relu(input, inplace=False). */
function reluImpl(input: Tensor, inplace: boolean): Tensor {
  return inplace ? relu_(input) : relu(input);
}

/** F.elu(input, alpha=1.0, inplace=False). */
function eluImpl(input: Tensor, alpha: Scalar, inplace: boolean): Tensor {
  const a = Number(alpha);
  return inplace ? inPlace(input, (x) => elu(x, a)) : elu(input, a);
}

/** F.leaky_relu(input, negative_slope=0.01, inplace=False). */
function leakyReluImpl(input: Tensor, negativeSlope: Scalar, inplace: boolean): Tensor {
  const slope = Number(negativeSlope);
  return inplace ? inPlace(input, (x) => leaky_relu(x, slope)) : leaky_relu(input, slope);
}

/** F.silu(input, inplace=False). */
function siluImpl(input: Tensor, inplace: boolean): Tensor {
  return inplace ? inPlace(input, silu) : silu(input);
}

/** F.sigmoid / F.tanh: deprecated in favour of torch.sigmoid / torch.tanh, with PyTorch's warning. */
function deprecatedSigmoid(input: Tensor): Tensor {
  emitWarning("nn.functional.sigmoid is deprecated. Use torch.sigmoid instead.");
  return sigmoid(input);
}

function deprecatedTanh(input: Tensor): Tensor {
  emitWarning("nn.functional.tanh is deprecated. Use torch.tanh instead.");
  return tanh(input);
}

/** _get_softmax_dim: the dim an implicit softmax picks (deprecated, with PyTorch's warning). */
function implicitSoftmaxDim(name: string, ndim: number): number {
  emitWarning(
    `Implicit dimension choice for ${name} has been deprecated. Change the call to include dim=X as an argument.`,
  );
  return ndim === 0 || ndim === 1 || ndim === 3 ? 0 : 1;
}

/** The dim F.softmax / F.log_softmax hand on: implicit, an index, or a name (tensorgrad has no named dims). */
function softmaxDim(name: string, input: Tensor, dim: number | string | null): number {
  if (dim === null) return implicitSoftmaxDim(name, input.ndim);
  if (typeof dim === "string")
    throw new RuntimeError(`Name '${dim}' not found in Tensor[${input.shape.map(() => "None").join(", ")}].`);
  return dim;
}

/** F.softmax(input, dim=None, _stacklevel=3, dtype=None) (_stacklevel only places Python's warning). */
function softmaxImpl(
  input: Tensor,
  dim: number | string | null,
  _stacklevel: unknown,
  dtype: DType | null,
): Tensor {
  return softmax(input, softmaxDim("softmax", input, dim), dtype);
}

/** F.log_softmax(input, dim=None, _stacklevel=3, dtype=None). */
function logSoftmaxImpl(
  input: Tensor,
  dim: number | string | null,
  _stacklevel: unknown,
  dtype: DType | null,
): Tensor {
  return log_softmax(input, softmaxDim("log_softmax", input, dim), dtype);
}

/** F.dropout(input, p=0.5, training=True, inplace=False). */
function dropoutFn(input: Tensor, p: number, training: boolean, inplace: boolean): Tensor {
  if (p < 0 || p > 1) throw new ValueError(`dropout probability has to be between 0 and 1, but got ${p}`);
  // Without training (or with nothing to drop) both forms return the input itself, untouched.
  if (!training || p === 0 || input.numel() === 0) return input;
  return inplace ? inPlace(input, (x) => dropoutImpl(x, p, true)) : dropoutImpl(input, p, true);
}

const PAD_MODES = ["constant", "reflect", "replicate", "circular"];

/** F.pad (torch._C._nn.pad): the mode is checked first, as PyTorch's parser of the mode string does. */
function padImpl(input: Tensor, padding: number[], mode: string, value: number | null): Tensor {
  if (!PAD_MODES.includes(mode)) throw new NotImplementedError(`Unrecognised padding mode ${mode}`);
  return pad(input, padding, mode, value);
}

/** F.linear: addmm / matmul, whose kernels refuse a bool input before comparing dtypes. */
function linearImpl(input: Tensor, weight: Tensor, bias: Tensor | null): Tensor {
  if (input.dtype === bool && bias === null)
    throw new RuntimeError(`"addmm_impl_cpu_" not implemented for 'Bool'`);
  return linear(input, weight, bias);
}

/** F.gelu (torch._C._nn.gelu). */
const geluImpl = (input: Tensor, approximate: string): Tensor => gelu(input, approximate as "none" | "tanh");

/** F.softplus (torch._C._nn.softplus): Scalar beta and threshold. */
const softplusImpl = (input: Tensor, beta: Scalar, threshold: Scalar): Tensor =>
  softplus(input, Number(beta), Number(threshold));

// Builtins PyTorch binds with its argument parser (errors print their C names: "log_sigmoid()").
defineOps(
  "torch.nn.functional",
  {
    'gelu(Tensor input, *, c10::string_view approximate="none", Tensor out=None) -> Tensor': geluImpl,
    "softplus(Tensor input, Scalar beta=1, Scalar threshold=20, *, Tensor out=None) -> Tensor": softplusImpl,
    "log_sigmoid(Tensor input, *, Tensor out=None) -> Tensor": logsigmoid,
    "linear(Tensor input, Tensor weight, Tensor? bias=None, *, Tensor out=None) -> Tensor": linearImpl,
    'pad(Tensor input, IntArrayRef pad, c10::string_view mode="constant", double? value=None) -> Tensor':
      padImpl,
  },
  { publicNames: { log_sigmoid: "logsigmoid" } },
);

// Python functions of torch/nn/functional.py.
definePython("torch.nn.functional", {
  "relu(input: Tensor, inplace: bool = False) -> Tensor": reluImpl,
  "elu(input: Tensor, alpha: Number = 1.0, inplace: bool = False) -> Tensor": eluImpl,
  "leaky_relu(input: Tensor, negative_slope: Number = 0.01, inplace: bool = False) -> Tensor": leakyReluImpl,
  "silu(input: Tensor, inplace: bool = False) -> Tensor": siluImpl,
  "sigmoid(input: Tensor) -> Tensor": deprecatedSigmoid,
  "tanh(input: Tensor) -> Tensor": deprecatedTanh,
  "softmax(input: Tensor, dim: int | str | None = None, _stacklevel: object = 3, dtype: dtype | None = None) -> Tensor":
    softmaxImpl,
  "log_softmax(input: Tensor, dim: int | str | None = None, _stacklevel: object = 3, dtype: dtype | None = None) -> Tensor":
    logSoftmaxImpl,
  "dropout(input: Tensor, p: float = 0.5, training: bool = True, inplace: bool = False) -> Tensor": dropoutFn,
});
