// F.dropout: in training, zeroes each element with probability p and scales the rest by 1/(1-p). The mask is
// drawn like PyTorch's CPU bernoulli_, so masks match after the same manual_seed. No node of its own: PyTorch's
// _dropout_impl multiplies by the noise, so the grad_fn is MulBackward0.
import { RuntimeError, ValueError } from "../errors.js";
import { pyStr } from "../python.js";
import { definePython } from "../signatures/registry.js";
import { empty_like } from "../tensor/creation.js";
import type { Tensor } from "../tensor/tensor.js";
import { inPlace, scalarTensor } from "./core.js";
import { mul } from "./elementwise.js";
import { div_ } from "./inplace.js";
import { bernoulli_ } from "./random.js";

/** _dropout_impl out of place: input * (bernoulli(1 - p) / (1 - p)), or input * zeros({}, input's dtype) when p is 1. */
function dropNoise(input: Tensor, p: number): Tensor {
  // A NaN p passes functional.py's range check and is refused by ATen's.
  if (Number.isNaN(p)) throw new RuntimeError("dropout probability has to be between 0 and 1, but got nan");
  if (p === 1) return mul(input, scalarTensor(0, input.dtype));
  const noise = div_(bernoulli_(empty_like(input), 1 - p), 1 - p);
  return mul(input, noise);
}

/** F.dropout(input, p=0.5, training=True, inplace=False). */
export function dropout(input: Tensor, p = 0.5, training = true, inplace = false): Tensor {
  if (p < 0 || p > 1)
    throw new ValueError(`dropout probability has to be between 0 and 1, but got ${pyStr(p)}`);
  // Without training (or with nothing to drop) both forms return the input itself, untouched.
  if (!training || p === 0 || input.numel() === 0) return input;
  return inplace ? inPlace(input, (x) => dropNoise(x, p)) : dropNoise(input, p);
}

definePython("torch.nn.functional", {
  "dropout(input: Tensor, p: float = 0.5, training: bool = True, inplace: bool = False) -> Tensor": dropout,
});
