// F.max_unpool2d (torch._C._nn.max_unpool2d): each input value written at its index in a zero plane of the
// output size, recorded as PyTorch's MaxUnpool2DBackward0 (its row, a gather of grad at the indices, is in
// derivatives/nn_unpool.ts). Python's part, the output size from the pooling geometry, is functional.py's.
import { no_grad } from "../autograd/grad_mode.js";
import { RuntimeError, ValueError } from "../errors.js";
import { bindNative } from "../signatures/bind.js";
import { definePython } from "../signatures/registry.js";
import { parseSignature } from "../signatures/schema.js";
import { checkAllocation, int64 } from "../tensor/dtype.js";
import type { Tensor } from "../tensor/tensor.js";
import { record } from "./core.js";
import { pyTupleStr } from "../python.js";

/** What MaxUnpool2DBackward0 keeps: the indices, read as [N, C, h*w] positions into each output plane. */
export interface MaxUnpoolSaved {
  indices: Tensor;
}

/** at::max_unpool2d(input, indices, output_size). */
export function max_unpool2d(input: Tensor, indices: Tensor, output_size: readonly number[]): Tensor {
  if (indices.dtype !== int64)
    throw new RuntimeError(
      `elements in indices should be type int64 but got: ${indices.dtype.scalarTypeName}`,
    );
  if (output_size.length !== 2)
    throw new RuntimeError(
      `There should be exactly two elements (height, width) in output_size, but got ${output_size.length} elements.`,
    );
  if (input.ndim !== 3 && input.ndim !== 4)
    throw new RuntimeError(
      `Input to max_unpooling2d should be a 3d or 4d Tensor, but got a tensor with ${input.ndim} dimensions.`,
    );
  const shapeText = (t: Tensor) => `[${t.shape.join(", ")}]`;
  if (shapeText(input) !== shapeText(indices))
    throw new RuntimeError(
      `Expected shape of indices to be same as that of the input tensor (${shapeText(input)}) but got indices tensor with shape: ${shapeText(indices)}`,
    );
  for (let i = 1; i < input.ndim; i++)
    if (input.shape[i] <= 0)
      throw new RuntimeError(
        `max_unpooling2d_forward_out_cpu(): Expected input to have non-zero size for non-batch dimensions, but got ${shapeText(input)} with dimension ${i} being empty.`,
      );
  const [oh, ow] = output_size;
  const outShape = [...input.shape.slice(0, -2), oh, ow];
  const planes = input.shape.slice(0, -2).reduce((a, b) => a * b, 1);
  checkAllocation(input.dtype, planes * oh * ow);
  if (planes * oh * ow !== 0) {
    if (!input.dtype.is_floating_point)
      throw new RuntimeError(`"max_unpool2d" not implemented for '${input.dtype.scalarTypeName}'`);
    // The kernel reports the last out-of-range index it meets.
    const flat = Array.from(indices.contiguous().values(), Number);
    const bad = flat.filter((p) => p < 0 || p >= oh * ow);
    if (bad.length > 0)
      throw new RuntimeError(
        `Found an invalid max index: ${bad[bad.length - 1]} (output volumes are of size ${oh}x${ow}`,
      );
  }
  const out = no_grad(() =>
    input
      .new_zeros([planes, oh * ow])
      .scatter(1, indices.reshape(planes, -1), input.reshape(planes, -1))
      .reshape(outShape)
      .detach(),
  );
  return record("MaxUnpool2DBackward0", [input, indices], out, () => ({ indices }));
}

const NATIVE_MAX_UNPOOL2D = parseSignature(
  "max_unpool2d(Tensor input, Tensor indices, IntArrayRef[2] output_size, *, Tensor out=None) -> Tensor",
  "native",
);

const pair = (v: number | readonly number[]): number[] => (typeof v === "number" ? [v, v] : [...v]);

/** functional.py's _unpool_output_size: the size max pooling came from, or a requested one within a stride of it. */
function unpoolOutputSize(
  input: Tensor,
  kernel: readonly number[],
  stride: readonly number[],
  padding: readonly number[],
  outputSize: readonly number[] | null,
): number[] {
  const dims = kernel.length;
  const defaults = kernel.map(
    (k, d) => (input.shape[input.ndim - dims + d] - 1) * stride[d] + k - 2 * padding[d],
  );
  if (outputSize === null) return defaults;
  const size = outputSize.length === dims + 2 ? outputSize.slice(2) : outputSize;
  if (size.length !== dims)
    throw new ValueError(
      `output_size should be a sequence containing ${dims} or ${dims + 2} elements, but it has a length of '${size.length}'`,
    );
  for (let d = 0; d < dims; d++) {
    const [min, max] = [defaults[d] - stride[d], defaults[d] + stride[d]];
    if (!(min < size[d] && size[d] < max))
      throw new ValueError(
        `invalid output_size "${pyTupleStr(size)}" (dim ${d} must be between ${min} and ${max})`,
      );
  }
  return [...size];
}

/** F.max_unpool2d(input, indices, kernel_size, stride=None, padding=0, output_size=None). */
export function maxUnpool2d(
  input: Tensor,
  indices: Tensor,
  kernel_size: number | readonly number[],
  stride: number | readonly number[] | null = null,
  padding: number | readonly number[] = 0,
  output_size: readonly number[] | null = null,
): Tensor {
  const kernel = pair(kernel_size);
  const size = unpoolOutputSize(
    input,
    kernel,
    stride === null ? kernel : pair(stride),
    pair(padding),
    output_size,
  );
  const bound = bindNative([NATIVE_MAX_UNPOOL2D], [input, indices, size], null);
  return max_unpool2d(...(bound.values.slice(0, 3) as [Tensor, Tensor, number[]]));
}

// Python functions of torch/nn/functional.py.
definePython("torch.nn.functional", {
  "max_unpool2d(input: Tensor, indices: Tensor, kernel_size: int | int[], stride: int | int[] | None = None, padding: int | int[] = 0, output_size: int[] | None = None) -> Tensor":
    maxUnpool2d,
});
