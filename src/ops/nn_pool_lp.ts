// F.lp_pool2d: functional.py's composite, the power-average pool: avg_pool2d of input**p, its sign times the
// relu of its magnitude, scaled by the window's size, to the power 1/p (so its grad_fn is PowBackward0).
import { ValueError } from "../errors.js";
import { definePython } from "../signatures/registry.js";
import type { Tensor } from "../tensor/tensor.js";
import { avg_pool2d } from "./nn_pool.js";

type IntOrTuple = number | readonly number[];

export function lp_pool2d(
  input: Tensor,
  norm_type: number,
  kernel_size: IntOrTuple,
  stride: IntOrTuple | null = null,
  ceil_mode = false,
): Tensor {
  // kw, kh = utils._pair(kernel_size): a list is unpacked as it is
  if (typeof kernel_size !== "number" && kernel_size.length !== 2)
    throw new ValueError(
      kernel_size.length < 2
        ? `not enough values to unpack (expected 2, got ${kernel_size.length})`
        : "too many values to unpack (expected 2)",
    );
  const [kw, kh] = typeof kernel_size === "number" ? [kernel_size, kernel_size] : kernel_size;
  const out = avg_pool2d(
    input.pow(norm_type),
    kernel_size as number[],
    stride as number[] | null,
    0,
    ceil_mode,
  );
  return out
    .sign()
    .mul(out.abs().relu())
    .mul(kw * kh)
    .pow(1.0 / norm_type);
}

// Python functions of torch/nn/functional.py.
definePython("torch.nn.functional", {
  "lp_pool2d(input: Tensor, norm_type: int | float, kernel_size: int | int[], stride: int | int[] | None = None, ceil_mode: bool = False) -> Tensor":
    lp_pool2d,
});
