// F.dropout1d / dropout2d / dropout3d, F.alpha_dropout / feature_alpha_dropout: channel-wise and alpha dropout (_VF.feature_dropout), zeroing whole channels. As in
// PyTorch's _dropout_impl, the noise has one element per (batch, channel), drawn with bernoulli_ like PyTorch's
// CPU kernel (so masks match after the same manual_seed), divided by 1 - p and multiplied in: grad_fn
// MulBackward0. The Python checks and deprecation warnings are functional.py's.
import { RuntimeError, ValueError } from "../errors.js";
import { pyFloatRepr } from "../python.js";
import { definePython } from "../signatures/registry.js";
import { empty, empty_like } from "../tensor/creation.js";
import type { Tensor } from "../tensor/tensor.js";
import { emitWarning } from "../warnings.js";
import { inPlace, scalarTensor } from "./core.js";
import { add, mul } from "./elementwise.js";
import { add_, div_, mul_ } from "./inplace.js";
import { bernoulli_ } from "./random.js";

/** SELU's alpha, which alpha dropout keeps the mean and variance of. */
const SELU_ALPHA = 1.7580993408473766;

interface DropoutKind {
  /** One noise element per (batch, channel), broadcast over the rest (make_feature_noise). */
  feature: boolean;
  /** Dropped elements become SELU's negative saturation, then an affine map restores mean and variance. */
  alpha: boolean;
}

/** _dropout_impl<feature_dropout, alpha_dropout> out of place, in its arithmetic order. */
function dropoutImpl(input: Tensor, p: number, { feature, alpha }: DropoutKind): Tensor {
  if (Number.isNaN(p)) throw new RuntimeError("dropout probability has to be between 0 and 1, but got nan");
  if (p === 1) return mul(input, scalarTensor(0, input.dtype));
  let noise: Tensor;
  if (feature) {
    if (input.ndim < 2) throw new RuntimeError("Feature dropout requires at least 2 dimensions in the input");
    noise = empty([input.shape[0], input.shape[1], ...input.shape.slice(2).map(() => 1)], {
      dtype: input.dtype,
    });
  } else noise = empty_like(input);
  bernoulli_(noise, 1 - p);
  if (!alpha) return mul(input, div_(noise, 1 - p));
  const a = 1 / Math.sqrt((SELU_ALPHA * SELU_ALPHA * p + 1) * (1 - p));
  const b = add_(mul_(add(noise, -1), SELU_ALPHA * a), SELU_ALPHA * a * p);
  mul_(noise, a);
  return add_(mul(input, noise), b);
}

/** _VF's dropout variants and their in-place forms. */
function runDropout(
  input: Tensor,
  p: number,
  training: boolean,
  inplace: boolean,
  kind: DropoutKind,
): Tensor {
  if (!training || p === 0 || input.numel() === 0) return input;
  return inplace ? inPlace(input, (x) => dropoutImpl(x, p, kind)) : dropoutImpl(input, p, kind);
}

const FEATURE = { feature: true, alpha: false };
const featureDropout = (input: Tensor, p: number, training: boolean, inplace: boolean) =>
  runDropout(input, p, training, inplace, FEATURE);

/** F.alpha_dropout(input, p=0.5, training=False, inplace=False). */
export function alpha_dropout(input: Tensor, p = 0.5, training = false, inplace = false): Tensor {
  checkP(p);
  return runDropout(input, p, training, inplace, { feature: false, alpha: true });
}

/** F.feature_alpha_dropout(input, p=0.5, training=False, inplace=False). */
export function feature_alpha_dropout(input: Tensor, p = 0.5, training = false, inplace = false): Tensor {
  checkP(p);
  return runDropout(input, p, training, inplace, { feature: true, alpha: true });
}

function checkP(p: number): void {
  if (p < 0 || p > 1)
    throw new ValueError(`dropout probability has to be between 0 and 1, but got ${pyFloatRepr(p)}`);
}

/** Runs feature dropout on an input given a batch dim of 1 when it has none (as functional.py unsqueezes it). */
function withBatch(input: Tensor, batched: boolean, inplace: boolean, run: (x: Tensor) => Tensor): Tensor {
  if (batched) return run(input);
  if (inplace) {
    input.unsqueeze_(0);
    return run(input).squeeze_(0);
  }
  return run(input.unsqueeze(0)).squeeze(0);
}

const deprecated = (fn: string, ndim: number, spatial: number, ranks: string) =>
  `${fn}: Received a ${ndim}-D input to ${fn}, which is deprecated and will result in an error in a future release. To retain the behavior and silence this warning, please use dropout instead. Note that ${fn} exists to provide channel-wise dropout on inputs with ${spatial} spatial dimensions, a channel dimension, and an optional batch dimension (i.e. ${ranks} inputs).`;

export function dropout1d(input: Tensor, p = 0.5, training = true, inplace = false): Tensor {
  checkP(p);
  const ndim = input.ndim;
  if (ndim !== 2 && ndim !== 3)
    throw new RuntimeError(
      `dropout1d: Expected 2D or 3D input, but received a ${ndim}D input. Note that dropout1d exists to provide channel-wise dropout on inputs with 1 spatial dimension, a channel dimension, and an optional batch dimension (i.e. 2D or 3D inputs).`,
    );
  return withBatch(input, ndim === 3, inplace, (x) => featureDropout(x, p, training, inplace));
}

export function dropout2d(input: Tensor, p = 0.5, training = true, inplace = false): Tensor {
  checkP(p);
  const ndim = input.ndim;
  if (ndim !== 3 && ndim !== 4) emitWarning(deprecated("dropout2d", ndim, 2, "3D or 4D"));
  // PyTorch 1.13 reads a 3-D input as batched 1-D channels, and says so.
  if (ndim === 3)
    emitWarning(
      "dropout2d: Received a 3D input to dropout2d and assuming that channel-wise 1D dropout behavior is desired - input is interpreted as shape (N, C, L), where C is the channel dim. This behavior will change in a future release to interpret the input as one without a batch dimension, i.e. shape (C, H, W). To maintain the 1D channel-wise dropout behavior, please switch to using dropout1d instead.",
    );
  return featureDropout(input, p, training, inplace);
}

export function dropout3d(input: Tensor, p = 0.5, training = true, inplace = false): Tensor {
  checkP(p);
  const ndim = input.ndim;
  if (ndim !== 4 && ndim !== 5) emitWarning(deprecated("dropout3d", ndim, 3, "4D or 5D"));
  return withBatch(input, ndim === 5, inplace, (x) => featureDropout(x, p, training, inplace));
}

// Python functions of torch/nn/functional.py.
definePython("torch.nn.functional", {
  "dropout1d(input: Tensor, p: float = 0.5, training: bool = True, inplace: bool = False) -> Tensor":
    dropout1d,
  "dropout2d(input: Tensor, p: float = 0.5, training: bool = True, inplace: bool = False) -> Tensor":
    dropout2d,
  "dropout3d(input: Tensor, p: float = 0.5, training: bool = True, inplace: bool = False) -> Tensor":
    dropout3d,
  "alpha_dropout(input: Tensor, p: float = 0.5, training: bool = False, inplace: bool = False) -> Tensor":
    alpha_dropout,
  "feature_alpha_dropout(input: Tensor, p: float = 0.5, training: bool = False, inplace: bool = False) -> Tensor":
    feature_alpha_dropout,
});
