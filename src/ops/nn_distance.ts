// Distances and normalisation of torch.nn.functional: normalize (torch/nn/functional.py), cosine_similarity
// and pairwise_distance (aten/src/ATen/native/Distance.cpp), composed of tensor ops in PyTorch 1.13's order so
// their graphs (grad_fn names) and bits are PyTorch's.
import { no_grad } from "../autograd/grad_mode.js";
import { RuntimeError } from "../errors.js";
import { defineOps, definePython } from "../signatures/registry.js";
import { Category, resultType } from "../tensor/dtype.js";
import { broadcastShapes } from "../tensor/shape.js";
import type { Tensor } from "../tensor/tensor.js";
import { record, unaryKernel } from "./core.js";
import { clamp_ } from "./inplace.js";
import { add, div, mul, pow, sub } from "./elementwise.js";
import { sqrt_ } from "./math.js";
import { toDtype } from "./conversion.js";
import { checkOut, writeOut } from "./out.js";
import { sum } from "./reduce.js";
import { norm } from "./reduce_stats.js";
import { expand, expand_as } from "./shape.js";

/** at::clamp_min(x, min) (ClampMinBackward0): Loss.cpp's clamp_min_ on a fresh tensor records the same node. */
export function clampMin(input: Tensor, min: number): Tensor {
  const out = unaryKernel("clamp", input, input.dtype, [input.dtype.cast(min), NaN]);
  return record("ClampMinBackward0", [input], out, () => ({ self: input, min }));
}

/** F.normalize: input / max(||input||_p over dim, eps), the norm expanded back to input's shape. */
export function normalize(input: Tensor, p = 2, dim = 1, eps = 1e-12, out: Tensor | null = null): Tensor {
  const denom = expand_as(clampMin(norm(input, p, dim, true), eps), input);
  if (out === null) return div(input, denom);
  // torch.div(input, denom, out=out), with its check that nothing requires grad.
  checkOut("div", [input, denom], out);
  return writeOut(div(input, denom), out) as Tensor;
}

/**
 * torch.cosine_similarity: both operands expanded to their broadcast shape, each divided by its norm along dim
 * (sqrt of the sum of squares, clamped to eps² without a graph), then the products summed over dim.
 */
export function cosine_similarity(x1: Tensor, x2: Tensor, dim = 1, eps = 1e-8): Tensor {
  const shape = broadcastShapes(x1.shape, x2.shape);
  const common = resultType([x1, x2]);
  if (common.category !== Category.Floating)
    throw new RuntimeError(
      `expected common dtype to be floating point, yet common dtype is ${common.scalarTypeName}`,
    );
  const [a, b] = [x1, x2].map((x) => expand(x.dtype === common ? x : toDtype(x, common), shape));
  const normalized = [a, b].map((x) => {
    const squaredNorm = sum(pow(x, 2), dim, true);
    no_grad(() => clamp_(squaredNorm, eps * eps));
    return div(x, sqrt_(squaredNorm));
  });
  return sum(mul(normalized[0], normalized[1]), dim);
}

/** torch.pairwise_distance: the p-norm of x1 - x2 + eps over the last dim of the broadcast result. */
export function pairwise_distance(x1: Tensor, x2: Tensor, p = 2, eps = 1e-6, keepdim = false): Tensor {
  const innermost = Math.max(x1.ndim, x2.ndim) - 1;
  return norm(add(sub(x1, x2), eps), p, innermost, keepdim);
}

defineOps("torch", {
  "cosine_similarity(Tensor x1, Tensor x2, int64_t dim=1, double eps=1e-08) -> Tensor": cosine_similarity,
  "pairwise_distance(Tensor x1, Tensor x2, double p=2, double eps=1e-06, bool keepdim=False) -> Tensor":
    pairwise_distance,
});

defineOps("torch.nn.functional", {
  "cosine_similarity(Tensor x1, Tensor x2, int64_t dim=1, double eps=1e-08) -> Tensor": cosine_similarity,
  "pairwise_distance(Tensor x1, Tensor x2, double p=2, double eps=1e-06, bool keepdim=False) -> Tensor":
    pairwise_distance,
});

definePython("torch.nn.functional", {
  "normalize(input: Tensor, p: float = 2.0, dim: int = 1, eps: float = 1e-12, out: Tensor | None = None) -> Tensor":
    normalize,
});
