// Tensor.unfold(dimension, size, step): every `size`-long window of `dimension`, `step` apart, as a new last
// dim; a view (TensorShape.cpp's unfold), whose gradient is at::unfold_backward (UnfoldBackward0), itself
// differentiable (UnfoldBackwardBackward0: the gradient's unfold).
import { no_grad } from "../autograd/grad_mode.js";
import { RuntimeError } from "../errors.js";
import { zeros } from "../tensor/creation.js";
import { allocate, int64 } from "../tensor/dtype.js";
import { normalizeDim, type Shape } from "../tensor/shape.js";
import { Tensor } from "../tensor/tensor.js";
import { defineMethods } from "../signatures/registry.js";
import { fromData, record } from "./core.js";
import { index_add } from "./indexing.js";
import { makeView, movedim, reshape } from "./shape.js";

/** The unrecorded view: dims' sizes and strides with `dimension` cut into windows. */
function unfoldView(input: Tensor, d: number, size: number, step: number): Tensor {
  const maxSize = input.ndim === 0 ? 1 : input.shape[d];
  if (size > maxSize)
    throw new RuntimeError(`maximum size for tensor at dimension ${d} is ${maxSize} but size is ${size}`);
  if (step <= 0) throw new RuntimeError(`step is ${step} but must be > 0`);
  const shape = [...input.shape];
  const strides = [...input._strides];
  if (input.ndim === 0) {
    shape.push(size);
    strides.push(1);
  } else {
    // C++'s integer division truncates toward zero (a negative size is caught by as_strided's check below).
    shape[d] = Math.trunc((maxSize - size) / step) + 1;
    strides[d] = input._strides[d] * step;
    shape.push(size);
    strides.push(input._strides[d]);
  }
  if (shape.some((s) => s < 0)) {
    throw new RuntimeError(
      `Storage size calculation overflowed with sizes=[${shape.join(", ")}] and strides=[${strides.join(", ")}]`,
    );
  }
  return makeView(input, shape, strides);
}

/** Tensor.unfold(dimension, size, step): a view with the windows of `dimension` in a new last dim. */
export function unfold(input: Tensor, dimension: number, size: number, step: number): Tensor {
  const d = normalizeDim(dimension, input.ndim);
  const selfShape = input.shape;
  return record("UnfoldBackward0", [input], unfoldView(input, d, size, step), () => ({
    selfShape,
    dimension: d,
    size,
    step,
  }));
}

/**
 * @internal at::unfold_backward(grad, input_sizes, dim, size, step): each window's gradient added back where the
 * window came from (windows may overlap), as one index_add of the windows laid end to end.
 */
export function unfold_backward(
  grad: Tensor,
  inputSizes: Shape,
  dim: number,
  size: number,
  step: number,
): Tensor {
  const out = no_grad(() => {
    if (inputSizes.length === 0) {
      // A 0-d input has one window of size 0 or 1 over its one element.
      return reshape(unfold_backward(grad.unsqueeze(0), [1], 0, size, step), []);
    }
    const windows = grad.shape[dim];
    const index = allocate(int64, windows * size);
    for (let w = 0; w < windows; w++) for (let j = 0; j < size; j++) index[w * size + j] = w * step + j;
    const laid = movedim(grad, -1, dim + 1);
    const merged = reshape(laid, [...inputSizes.slice(0, dim), windows * size, ...inputSizes.slice(dim + 1)]);
    const base = zeros([...inputSizes], { dtype: grad.dtype });
    return index_add(base, dim, fromData(index, [windows * size], int64), merged);
  });
  return record("UnfoldBackwardBackward0", [grad], out, () => ({ dimension: dim, size, step }));
}

defineMethods({
  "unfold(int64_t dimension, int64_t size, int64_t step) -> Tensor": unfold,
});
