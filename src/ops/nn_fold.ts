// F.unfold (torch._C._nn.im2col) and F.fold (col2im) over the window plans of nn_windows.ts, each recorded as
// PyTorch's one node (Im2ColBackward0, Col2ImBackward0; their rows, each the other op, are in
// derivatives/nn_fold.ts).
import { no_grad } from "../autograd/grad_mode.js";
import { RuntimeError } from "../errors.js";
import { bindNative } from "../signatures/bind.js";
import { definePython } from "../signatures/registry.js";
import { parseSignature } from "../signatures/schema.js";
import { checkAllocation } from "../tensor/dtype.js";
import type { Tensor } from "../tensor/tensor.js";
import { pyTuple } from "../python.js";
import { record } from "./core.js";
import { foldWindows, slidingPlan, unfoldWindows, type WindowPlan } from "./nn_windows.js";

/** What both nodes keep: the windows and the image's (batched) shape. */
export interface FoldSaved {
  plan: WindowPlan;
  /** [N, C, H, W] of the image side (the input of im2col, the output of col2im). */
  imageShape: number[];
}

/** div_rtn: division rounding toward negative infinity. */
const divRtn = (a: number, b: number) => Math.floor(a / b);

function checkPairs(fn: string, params: Record<string, readonly number[]>): void {
  for (const [name, v] of Object.entries(params))
    if (v.length !== 2)
      throw new RuntimeError(`It is expected ${name} equals to 2, but got size ${v.length}`);
}

interface Geometry {
  kernel: readonly number[];
  dilation: readonly number[];
  padding: readonly number[];
  stride: readonly number[];
}

const checkKernel = ({ kernel: [kh, kw] }: Geometry) => {
  if (!(kw > 0 && kh > 0))
    throw new RuntimeError(
      `kernel size should be greater than zero, but got kernel_height: ${kh} kernel_width: ${kw}`,
    );
};
const checkStride = ({ stride: [sh, sw] }: Geometry) => {
  if (!(sw > 0 && sh > 0))
    throw new RuntimeError(
      `stride should be greater than zero, but got stride_height: ${sh} stride_width: ${sw}`,
    );
};
const checkDilation = ({ dilation: [dh, dw] }: Geometry) => {
  if (!(dw > 0 && dh > 0))
    throw new RuntimeError(
      `dilation should be greater than zero, but got dilation_height: ${dh} dilation_width: ${dw}`,
    );
};
const checkPadding = ({ padding: [ph, pw] }: Geometry) => {
  if (!(pw >= 0 && ph >= 0))
    throw new RuntimeError(`padding should be non-negative, but got pad_height: ${ph} pad_width: ${pw}`);
};

/** The number of sliding blocks along each spatial dim of an image of `sizes`. */
const blocksOf = (sizes: readonly number[], g: Geometry) =>
  sizes.map(
    (s, d) => divRtn(s + 2 * g.padding[d] - (g.dilation[d] * (g.kernel[d] - 1) + 1), g.stride[d]) + 1,
  );

const planOf = (sizes: readonly number[], g: Geometry, blocks: readonly number[]) =>
  slidingPlan({
    sizes,
    kernel: g.kernel,
    stride: g.stride,
    padBefore: g.padding,
    dilation: g.dilation,
    outShape: blocks,
  });

/** im2col(input, kernel_size, dilation, padding, stride): [N, C, H, W] to [N, C*kh*kw, L]. */
export function im2col(
  input: Tensor,
  kernel_size: readonly number[],
  dilation: readonly number[],
  padding: readonly number[],
  stride: readonly number[],
): Tensor {
  checkPairs("im2col", { kernel_size, dilation, padding, stride });
  const g = { kernel: kernel_size, dilation, padding, stride };
  checkKernel(g);
  checkDilation(g);
  checkPadding(g);
  checkStride(g);
  const ndim = input.ndim;
  // im2col_shape_check reads sizes 1 and 2 before it looks at the rank.
  const validDims = input.size(1) !== 0 && input.size(2) !== 0;
  if (!(
    (ndim === 3 && input.shape[0] !== 0 && validDims) ||
    (ndim === 4 && validDims && input.shape[3] !== 0)
  ))
    throw new RuntimeError(
      `Expected 3D or 4D (batch mode) tensor with possibly 0 batch size and other non-zero dimensions for input, but got: [${input.shape.join(", ")}]`,
    );
  const sizes = input.shape.slice(-2);
  const blocks = blocksOf(sizes, g);
  if (blocks.some((b) => b < 1))
    throw new RuntimeError(
      `Given input with spatial size (${sizes.join(", ")}), kernel_size=(${kernel_size.join(", ")}), dilation=(${dilation.join(", ")}), padding=(${padding.join(", ")}), calculated shape of the array of sliding blocks as (${blocks.join(", ")}), but its components must be at least one.`,
    );
  if (!input.dtype.is_floating_point)
    throw new RuntimeError(`"im2col_out_cpu" not implemented for '${input.dtype.scalarTypeName}'`);
  const imageShape = ndim === 3 ? [1, ...input.shape] : [...input.shape];
  const [n, c] = imageShape;
  // The columns, before their windows are planned.
  checkAllocation(input.dtype, n * c * kernel_size[0] * kernel_size[1] * blocks[0] * blocks[1]);
  const plan = planOf(sizes, g, blocks);
  const outShape = [n, c * plan.kernelCount, plan.outCount];
  const out = no_grad(() => {
    const cols = unfoldWindows(input.reshape(imageShape), plan).reshape(outShape);
    return (ndim === 3 ? cols.squeeze(0) : cols).contiguous().detach();
  });
  return record("Im2ColBackward0", [input], out, () => ({ plan, imageShape }));
}

/** col2im(input, output_size, kernel_size, dilation, padding, stride): [N, C*kh*kw, L] summed onto [N, C, H, W]. */
export function col2im(
  input: Tensor,
  output_size: readonly number[],
  kernel_size: readonly number[],
  dilation: readonly number[],
  padding: readonly number[],
  stride: readonly number[],
): Tensor {
  checkPairs("col2im", { output_size, kernel_size, dilation, padding, stride });
  const g = { kernel: kernel_size, dilation, padding, stride };
  checkKernel(g);
  checkStride(g);
  checkDilation(g);
  checkPadding(g);
  const ndim = input.ndim;
  if (!(
    (ndim === 2 && input.shape[0] !== 0 && input.shape[1] !== 0) ||
    (ndim === 3 && input.shape[1] !== 0 && input.shape[2] !== 0)
  ))
    throw new RuntimeError(
      `Expected 2D or 3D (batch mode) tensor for input with possibly 0 batch size and non-zero dimensions for input, but got: [${input.shape.join(", ")}]`,
    );
  const [kh, kw] = kernel_size;
  const planes = input.shape[ndim - 2];
  if (planes % (kh * kw) !== 0)
    throw new RuntimeError(
      `Expected size of input's dimension 1 to be divisible by the product of kernel_size, but got input.size(1)=${planes} and kernel_size=(${kh}, ${kw}).`,
    );
  const length = input.shape[ndim - 1];
  const blocks = blocksOf(output_size, g);
  if (length !== blocks[0] * blocks[1])
    throw new RuntimeError(
      `Given output_size=(${output_size.join(", ")}), kernel_size=(${kh}, ${kw}), dilation=(${dilation.join(", ")}), padding=(${padding.join(", ")}), stride=(${stride.join(", ")}), expected size of input's dimension 2 to match the calculated number of sliding blocks ${blocks[0]} * ${blocks[1]} = ${blocks[0] * blocks[1]}, but got input.size(2)=${length}.`,
    );
  if (!input.dtype.is_floating_point)
    throw new RuntimeError(`"col2im_out_cpu" not implemented for '${input.dtype.scalarTypeName}'`);
  const n = ndim === 3 ? input.shape[0] : 1;
  const imageShape = [n, planes / (kh * kw), ...output_size];
  checkAllocation(
    input.dtype,
    imageShape.reduce((a, b) => a * b, 1),
  );
  const plan = planOf(output_size, g, blocks);
  const out = no_grad(() => {
    const image = foldWindows(
      input.reshape(n, imageShape[1], plan.kernelCount, plan.outCount),
      plan,
      imageShape,
    );
    return (ndim === 2 ? image.squeeze(0) : image).detach();
  });
  return record("Col2ImBackward0", [input], out, () => ({ plan, imageShape }));
}

/** torch._C._nn.im2col / col2im, which F.unfold / F.fold hand their pairs to. */
const NATIVE_IM2COL = parseSignature(
  "im2col(Tensor input, IntArrayRef[2] kernel_size, IntArrayRef[2] dilation, IntArrayRef[2] padding, IntArrayRef[2] stride, *, Tensor out=None) -> Tensor",
  "native",
);
const NATIVE_COL2IM = parseSignature(
  "col2im(Tensor input, SymIntArrayRef[2] output_size, IntArrayRef[2] kernel_size, IntArrayRef[2] dilation, IntArrayRef[2] padding, IntArrayRef[2] stride, *, Tensor out=None) -> Tensor",
  "native",
);

/** Python's _pair: an int twice; any other iterable (a str's characters too) as a tuple. */
const pair = (v: unknown): unknown =>
  typeof v === "number"
    ? [v, v]
    : typeof v === "string" || Array.isArray(v)
      ? pyTuple([...(v as string)])
      : v;

// Python functions of torch/nn/functional.py.
definePython("torch.nn.functional", {
  "unfold(input: ~Tensor, kernel_size: ~int | int[], dilation: ~int | int[] = 1, padding: ~int | int[] = 0, stride: ~int | int[] = 1) -> Tensor":
    (input: unknown, kernel_size: unknown, dilation: unknown, padding: unknown, stride: unknown) => {
      const bound = bindNative(
        [NATIVE_IM2COL],
        [input, ...[kernel_size, dilation, padding, stride].map(pair)],
        null,
      );
      return im2col(...(bound.values.slice(0, 5) as [Tensor, number[], number[], number[], number[]]));
    },
  "fold(input: ~Tensor, output_size: ~int | int[], kernel_size: ~int | int[], dilation: ~int | int[] = 1, padding: ~int | int[] = 0, stride: ~int | int[] = 1) -> Tensor":
    (
      input: unknown,
      output_size: unknown,
      kernel_size: unknown,
      dilation: unknown,
      padding: unknown,
      stride: unknown,
    ) => {
      const rest = [output_size, kernel_size, dilation, padding, stride].map(pair);
      const bound = bindNative([NATIVE_COL2IM], [input, ...rest], null);
      return col2im(
        ...(bound.values.slice(0, 6) as [Tensor, number[], number[], number[], number[], number[]]),
      );
    },
});
