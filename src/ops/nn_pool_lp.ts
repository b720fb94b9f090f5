// F.lp_pool1d / F.lp_pool2d: functional.py's composites, the power-average pool: avg_pool of input**p, its
// sign times the relu of its magnitude, scaled by the window's size, to the power 1/p (grad_fn PowBackward0).
import { ValueError } from "../errors.js";
import { definePython, publicFunction } from "../signatures/registry.js";
import type { Tensor } from "../tensor/tensor.js";
import { avg_pool2d } from "./nn_pool.js";

type IntOrTuple = number | readonly number[];

export function lp_pool1d(
  input: Tensor,
  norm_type: number,
  kernel_size: IntOrTuple,
  stride: IntOrTuple | null = null,
  ceil_mode = false,
): Tensor {
  // avg_pool1d through its argument parser, as Python calls it (an int kernel_size made a list there).
  const avgPool1d = publicFunction("torch.nn.functional", "avg_pool1d") as (...a: unknown[]) => Tensor;
  const pow = input.pow(norm_type);
  const out =
    stride === null
      ? avgPool1d(pow, kernel_size, { padding: 0, ceil_mode })
      : avgPool1d(pow, kernel_size, stride, 0, ceil_mode);
  // .mul(kernel_size): the int as given (a list is the TypeError Tensor.mul gives it).
  return out
    .sign()
    .mul(out.abs().relu())
    .mul(kernel_size as number)
    .pow(1.0 / norm_type);
}

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
  "lp_pool1d(input: Tensor, norm_type: int | float, kernel_size: int | int[], stride: int | int[] | None = None, ceil_mode: bool = False) -> Tensor":
    lp_pool1d,
  "lp_pool2d(input: Tensor, norm_type: int | float, kernel_size: int | int[], stride: int | int[] | None = None, ceil_mode: bool = False) -> Tensor":
    lp_pool2d,
});
