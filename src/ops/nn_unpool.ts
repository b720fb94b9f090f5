// F.max_unpool1d/2d/3d: each input value written at its index in a zero plane of the output size. The 2-D
// and 3-D ops are torch._C._nn.max_unpool2d / max_unpool3d (their checks and texts, recorded as PyTorch's
// MaxUnpool2DBackward0 / MaxUnpool3DBackward0, whose row, a gather of grad at the indices, is in
// derivatives/nn_unpool.ts); F.max_unpool1d is functional.py's max_unpool2d over an added last dim. Python's
// part, the output size from the pooling geometry, is functional.py's _unpool_output_size.
import { no_grad } from "../autograd/grad_mode.js";
import { IndexError, RuntimeError, ValueError } from "../errors.js";
import { bindNative } from "../signatures/bind.js";
import { definePython } from "../signatures/registry.js";
import { parseSignature } from "../signatures/schema.js";
import { checkAllocation, int64 } from "../tensor/dtype.js";
import type { Tensor } from "../tensor/tensor.js";
import { record } from "./core.js";
import { isPyTuple, pyStr, pyTuple } from "../python.js";

/** What MaxUnpool{2,3}DBackward0 keep: the indices, read as positions into each output plane of `dims` dims. */
export interface MaxUnpoolSaved {
  indices: Tensor;
  dims: 2 | 3;
}

const shapeText = (s: readonly number[]) => `[${s.join(", ")}]`;

/** The checks max_unpool2d and max_unpool3d share, after their own first ones, in PyTorch's order. */
function checkInput(input: Tensor, indices: Tensor, dims: 2 | 3): void {
  if (shapeText(input.shape) !== shapeText(indices.shape))
    throw new RuntimeError(
      `Expected shape of indices to be same as that of the input tensor (${shapeText(input.shape)}) but got indices tensor with shape: ${shapeText(indices.shape)}`,
    );
  for (let i = 1; i < input.ndim; i++)
    if (input.shape[i] <= 0)
      throw new RuntimeError(
        `max_unpooling${dims}d_forward_out_cpu(): Expected input to have non-zero size for non-batch dimensions, but got ${shapeText(input.shape)} with dimension ${i} being empty.`,
      );
}

/** The kernel: each plane's values scattered to their indices in a zero plane of the output size. */
function unpool(input: Tensor, indices: Tensor, outputSize: readonly number[], dims: 2 | 3): Tensor {
  const lead = input.shape.slice(0, -dims);
  const planes = lead.reduce((a, b) => a * b, 1);
  // Resizing the output to a negative size overflows c10's numel check.
  if (outputSize.some((n) => n < 0)) throw new RuntimeError("numel: integer multiplication overflow");
  const area = outputSize.reduce((a, b) => a * b, 1);
  checkAllocation(input.dtype, planes * area);
  if (planes * area !== 0) {
    if (!input.dtype.is_floating_point)
      throw new RuntimeError(`"max_unpool${dims}d" not implemented for '${input.dtype.scalarTypeName}'`);
    // The kernel reports the last out-of-range index it meets.
    const flat = Array.from(indices.contiguous().values(), Number);
    const bad = flat.filter((p) => p < 0 || p >= area);
    if (bad.length > 0)
      throw new RuntimeError(
        `Found an invalid max index: ${bad[bad.length - 1]} (output volumes are of size ${outputSize.join("x")}`,
      );
  }
  const out = no_grad(() =>
    input
      .new_zeros([planes, area])
      .scatter(1, indices.reshape(planes, -1), input.reshape(planes, -1))
      .reshape([...lead, ...outputSize])
      .detach(),
  );
  return record(`MaxUnpool${dims}DBackward0`, [input, indices], out, () => ({ indices, dims }));
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
  checkInput(input, indices, 2);
  return unpool(input, indices, output_size, 2);
}

/** at::max_unpool3d(input, indices, output_size, stride, padding): stride and padding only checked. */
export function max_unpool3d(
  input: Tensor,
  indices: Tensor,
  output_size: readonly number[],
  stride: readonly number[],
  padding: readonly number[],
): Tensor {
  if (indices.dtype !== int64) throw new RuntimeError("elements in indices should be type int64");
  if (input.ndim !== 4 && input.ndim !== 5)
    throw new RuntimeError(
      `Input to max_unpooling3d should be a 4d or 5d Tensor, but got a tensor with ${input.ndim} dimensions.`,
    );
  const three = (what: string, n: number, colon: string) => {
    if (n !== 3)
      throw new RuntimeError(
        `There should be exactly three elements (depth, height, width) in ${what}, but got${colon} ${n} elements.`,
      );
  };
  three("output_size", output_size.length, "");
  three("stride", stride.length, ":");
  three("padding", padding.length, ":");
  checkInput(input, indices, 3);
  if (!stride.every((s) => s > 0))
    throw new RuntimeError(`strides should be greater than zero, but got stride: ${shapeText(stride)}`);
  return unpool(input, indices, output_size, 3);
}

const NATIVE_MAX_UNPOOL2D = parseSignature(
  "max_unpool2d(Tensor input, Tensor indices, IntArrayRef[2] output_size, *, Tensor out=None) -> Tensor",
  "native",
);
const NATIVE_MAX_UNPOOL3D = parseSignature(
  "max_unpool3d(Tensor input, Tensor indices, IntArrayRef[3] output_size, IntArrayRef[3] stride, IntArrayRef[3] padding, *, Tensor out=None) -> Tensor",
  "native",
);

type IntOrTuple = number | readonly number[];
/** _ntuple(n): an int repeated n times; a sequence kept as it is. */
const ntuple = (v: IntOrTuple, n: number): number[] =>
  typeof v === "number" ? Array<number>(n).fill(v) : [...v];

/** functional.py's _unpool_output_size: the size max pooling came from, or a requested one within a stride of it. */
function unpoolOutputSize(
  input: Tensor,
  kernel: readonly number[],
  stride: readonly number[],
  padding: readonly number[],
  outputSize: readonly number[] | null,
): number[] {
  const dims = kernel.length;
  // input.size()[-len(kernel_size) + d]: a tuple index past the front is Python's IndexError.
  if (input.ndim < dims) throw new IndexError("tuple index out of range");
  const defaults = kernel.map(
    (k, d) => (input.shape[input.ndim - dims + d] - 1) * stride[d] + k - 2 * padding[d],
  );
  if (outputSize === null) return defaults;
  // output_size[2:] keeps its type: a list prints as a list, a tuple (pyTuple) as a tuple.
  const size =
    outputSize.length === dims + 2
      ? isPyTuple(outputSize)
        ? pyTuple(outputSize.slice(2))
        : outputSize.slice(2)
      : outputSize;
  if (size.length !== dims)
    throw new ValueError(
      `output_size should be a sequence containing ${dims} or ${dims + 2} elements, but it has a length of '${size.length}'`,
    );
  for (let d = 0; d < dims; d++) {
    const [min, max] = [defaults[d] - stride[d], defaults[d] + stride[d]];
    if (!(min < size[d] && size[d] < max))
      throw new ValueError(
        `invalid output_size "${pyStr(size)}" (dim ${d} must be between ${min} and ${max})`,
      );
  }
  return [...size];
}

/** The geometry F.max_unpool{n}d makes: kernel, stride (the kernel by default), padding, output size. */
function geometry(
  n: number,
  input: Tensor,
  kernel_size: IntOrTuple,
  stride: IntOrTuple | null,
  padding: IntOrTuple,
  output_size: readonly number[] | null,
): [number[], number[], number[]] {
  const kernel = ntuple(kernel_size, n);
  const strides = stride === null ? kernel : ntuple(stride, n);
  const pads = ntuple(padding, n);
  return [unpoolOutputSize(input, kernel, strides, pads, output_size), strides, pads];
}

/** F.max_unpool1d: max_unpool2d over a trailing dim of 1, squeezed off again (SqueezeBackward1). */
export function maxUnpool1d(
  input: Tensor,
  indices: Tensor,
  kernel_size: IntOrTuple,
  stride: IntOrTuple | null = null,
  padding: IntOrTuple = 0,
  output_size: readonly number[] | null = null,
): Tensor {
  const [size] = geometry(1, input, kernel_size, stride, padding, output_size);
  return maxUnpool2dNative(input.unsqueeze(-1), indices.unsqueeze(-1), [...size, 1]).squeeze(-1);
}

function maxUnpool2dNative(input: Tensor, indices: Tensor, size: readonly number[]): Tensor {
  const bound = bindNative([NATIVE_MAX_UNPOOL2D], [input, indices, size], null);
  return max_unpool2d(...(bound.values.slice(0, 3) as [Tensor, Tensor, number[]]));
}

/** F.max_unpool2d(input, indices, kernel_size, stride=None, padding=0, output_size=None). */
export function maxUnpool2d(
  input: Tensor,
  indices: Tensor,
  kernel_size: IntOrTuple,
  stride: IntOrTuple | null = null,
  padding: IntOrTuple = 0,
  output_size: readonly number[] | null = null,
): Tensor {
  const [size] = geometry(2, input, kernel_size, stride, padding, output_size);
  return maxUnpool2dNative(input, indices, size);
}

/** F.max_unpool3d(input, indices, kernel_size, stride=None, padding=0, output_size=None). */
export function maxUnpool3d(
  input: Tensor,
  indices: Tensor,
  kernel_size: IntOrTuple,
  stride: IntOrTuple | null = null,
  padding: IntOrTuple = 0,
  output_size: readonly number[] | null = null,
): Tensor {
  const [size, strides, pads] = geometry(3, input, kernel_size, stride, padding, output_size);
  const bound = bindNative([NATIVE_MAX_UNPOOL3D], [input, indices, size, strides, pads], null);
  return max_unpool3d(...(bound.values.slice(0, 5) as [Tensor, Tensor, number[], number[], number[]]));
}

const UNPOOL_PARAMS =
  "(input: Tensor, indices: Tensor, kernel_size: int | int[], stride: int | int[] | None = None, padding: int | int[] = 0, output_size: int[] | None = None) -> Tensor";

// Python functions of torch/nn/functional.py.
definePython("torch.nn.functional", {
  [`max_unpool1d${UNPOOL_PARAMS}`]: maxUnpool1d,
  [`max_unpool2d${UNPOOL_PARAMS}`]: maxUnpool2d,
  [`max_unpool3d${UNPOOL_PARAMS}`]: maxUnpool3d,
});
