// F.pad's non-constant modes, as PyTorch 1.13's PadNd.cpp dispatches them: reflect and replicate run
// reflection_pad{1,2,3}d / replication_pad{1,2,3}d (their checks and texts, grad_fns ReflectionPad1DBackward0,
// ...), circular is _pad_circular's composite of slice copies (grad_fn CopySlices). An output element of a
// reflect or replicate pad reads one input element, named by a flat index into each plane of the last k dims;
// the backward sums the gradient back through that index in output order, as PyTorch's backward kernels do.
import { NotImplementedError, RuntimeError } from "../errors.js";
import { zeros } from "../tensor/creation.js";
import { checkAllocation, int64 } from "../tensor/dtype.js";
import { numel } from "../tensor/shape.js";
import type { Tensor } from "../tensor/tensor.js";
import { no_grad } from "../autograd/grad_mode.js";
import { fromData, record } from "./core.js";
import { index_add, index_select } from "./indexing.js";
import { copy_ } from "./inplace.js";
import { narrow, reshape } from "./shape.js";

export type PadKind = "reflection" | "replication";
/** How many trailing dims a pad covers: reflection_pad1d, 2d or 3d. */
export type PadDims = 1 | 2 | 3;

/** Each output element's flat position in its input plane (the last k dims). */
function padIndex(kind: PadKind, inSizes: readonly number[], padding: readonly number[]): Tensor {
  const k = inSizes.length;
  // padding runs from the last dim: [left, right, top, bottom, front, back].
  const before = inSizes.map((_, d) => padding[2 * (k - 1 - d)]);
  const outSizes = inSizes.map((n, d) => n + before[d] + padding[2 * (k - 1 - d) + 1]);
  const source = (o: number, d: number): number => {
    const n = inSizes[d];
    const i = o - before[d];
    if (kind === "replication") return Math.min(Math.max(i, 0), n - 1);
    return i < 0 ? -i : i >= n ? 2 * (n - 1) - i : i;
  };
  const count = numel(outSizes);
  const data = new Float64Array(count);
  const at = new Array<number>(k).fill(0);
  for (let p = 0; p < count; p++) {
    let flat = 0;
    for (let d = 0; d < k; d++) flat = flat * inSizes[d] + source(at[d], d);
    data[p] = flat;
    for (let d = k - 1; d >= 0; d--) {
      if (++at[d] < outSizes[d]) break;
      at[d] = 0;
    }
  }
  return fromData(data, [count], int64);
}

const shapeText = (s: readonly number[]) => `[${s.join(", ")}]`;
/** How PyTorch prints an empty tensor in a check's message: `[ torch.FloatTensor{2,0,4} ]`. */
const emptyTensorText = (t: Tensor) => `[ torch.${t.dtype.scalarTypeName}Tensor{${t.shape.join(",")}} ]`;

/** The op's name as its kernel names itself in PyTorch's dtype error. */
function kernelName(kind: PadKind, k: PadDims): string {
  if (kind === "reflection") return k === 3 ? "reflection_pad3d_cpu" : `reflection_pad${k}d`;
  return `replication_pad${k}d_cpu`;
}

/** The shape, padding and dtype checks of reflection_pad{k}d / replication_pad{k}d, in PyTorch's order. */
function checkPad(kind: PadKind, k: PadDims, input: Tensor, padding: readonly number[]): number[] {
  const ndim = input.ndim;
  // reflection_pad1d/2d ask only that the non-batch dims be non-empty; the others (check_valid_input) also
  // want every dim of an unbatched input non-empty.
  const legacy = kind === "reflection" && k < 3;
  const nonEmptyFrom = legacy || ndim === k + 2 ? 1 : 0;
  if (input.shape.slice(nonEmptyFrom).some((s) => s === 0)) {
    const dims = `${k + 1}D or ${k + 2}D (batch mode) tensor`;
    throw new RuntimeError(
      legacy
        ? `${dims} expected for input, but got: ${emptyTensorText(input)}`
        : `Expected ${dims} with possibly 0 batch size and other non-zero dimensions for input, but got: ${shapeText(input.shape)}`,
    );
  }
  const inSizes = input.shape.slice(ndim - k);
  const outSizes = inSizes.map((n, d) => n + padding[2 * (k - 1 - d)] + padding[2 * (k - 1 - d) + 1]);
  if (kind === "reflection") {
    for (let j = 0; j < k; j++) {
      const d = k - 1 - j;
      const [l, r] = [padding[2 * j], padding[2 * j + 1]];
      if (!(l < inSizes[d] && r < inSizes[d])) {
        const of = k === 2 ? `${ndim}` : shapeText(input.shape);
        throw new RuntimeError(
          `Argument #${4 + 2 * j}: Padding size should be less than the corresponding input dimension, but got: padding (${l}, ${r}) at dimension ${ndim - 1 - j} of input ${of}`,
        );
      }
    }
  }
  checkOutputSize(kind, k, inSizes, outSizes, input.shape);
  if (!input.dtype.is_floating_point)
    throw new RuntimeError(`"${kernelName(kind, k)}" not implemented for '${input.dtype.scalarTypeName}'`);
  return outSizes;
}

/** The "too small" checks, whose texts differ between the kernels (spaces included). */
function checkOutputSize(
  kind: PadKind,
  k: PadDims,
  inSizes: readonly number[],
  outSizes: readonly number[],
  shape: readonly number[],
): void {
  if (k === 1 && outSizes[0] < 1) {
    const [w, ow] = [inSizes[0], outSizes[0]];
    throw new RuntimeError(
      kind === "reflection"
        ? `2input (W: ${w})is too small. Calculated output W: ${ow}`
        : `input (W: ${w}) is too small. Calculated output W: ${ow}`,
    );
  }
  if (k === 2) {
    const [h, w] = inSizes;
    const [oh, ow] = outSizes;
    if (oh < 1 && ow < 1) {
      throw new RuntimeError(
        kind === "reflection"
          ? `input (H: ${h}, W: ${w})is too small. Calculated output H: ${oh} W: ${ow}`
          : `input (H: ${h}, W: ${w} ) is too small. Calculated output H: ${oh} W: ${ow}`,
      );
    }
    if (oh < 0 || ow < 0) {
      if (kind === "reflection") throw new RuntimeError("numel: integer multiplication overflow");
      const out = [...shape.slice(0, shape.length - 2), oh, ow];
      throw new RuntimeError(
        `Trying to create tensor with negative dimension ${Math.min(oh, ow)}: ${shapeText(out)}`,
      );
    }
  }
}

/** Output values: each plane's elements gathered through the index. */
function gatherPlanes(input: Tensor, index: Tensor, k: PadDims, outSizes: readonly number[]): Tensor {
  const lead = input.shape.slice(0, input.ndim - k);
  return no_grad(() => {
    const planes = reshape(input.detach(), [...lead, numel(input.shape.slice(input.ndim - k))]);
    return reshape(index_select(planes, -1, index), [...lead, ...outSizes]).detach();
  });
}

/** reflection_pad{k}d / replication_pad{k}d. */
export function padPlanes(kind: PadKind, k: PadDims, input: Tensor, padding: readonly number[]): Tensor {
  const outSizes = checkPad(kind, k, input, padding);
  // The output before its index is built: a pad of 2**40 is PyTorch's allocator error, not a JS RangeError.
  checkAllocation(input.dtype, numel([...input.shape.slice(0, input.ndim - k), ...outSizes]));
  const index = padIndex(kind, input.shape.slice(input.ndim - k), padding);
  const out = gatherPlanes(input, index, k, outSizes);
  const pads = [...padding];
  return record(forwardName(kind, k), [input], out, () => ({ self: input, padding: pads, kind, k }));
}

/** reflection_pad{k}d_backward(grad_output, self, padding): the gradient summed back in output order. */
export function padPlanesBackward(
  kind: PadKind,
  k: PadDims,
  grad: Tensor,
  self: Tensor,
  padding: readonly number[],
): Tensor {
  const inSizes = self.shape.slice(self.ndim - k);
  const index = padIndex(kind, inSizes, padding);
  const lead = self.shape.slice(0, self.ndim - k);
  const out = no_grad(() => {
    const flat = zeros([...lead, numel(inSizes)], { dtype: grad.dtype });
    const g = reshape(grad.detach(), [...lead, index.numel()]);
    return reshape(index_add(flat, -1, index, g), [...self.shape]).detach();
  });
  const pads = [...padding];
  return record(backwardName(kind, k), [grad, self], out, () => ({ self, padding: pads, kind, k }));
}

const FORWARD = {
  reflection: ["ReflectionPad1DBackward0", "ReflectionPad2DBackward0", "ReflectionPad3DBackward0"],
  replication: ["ReplicationPad1DBackward0", "ReplicationPad2DBackward0", "ReplicationPad3DBackward0"],
} as const;
const BACKWARD = {
  reflection: [
    "ReflectionPad1DBackwardBackward0",
    "ReflectionPad2DBackwardBackward0",
    "ReflectionPad3DBackwardBackward0",
  ],
  replication: [
    "ReplicationPad1DBackwardBackward0",
    "ReplicationPad2DBackwardBackward0",
    "ReplicationPad3DBackwardBackward0",
  ],
} as const;
const forwardName = (kind: PadKind, k: PadDims) => FORWARD[kind][k - 1];
const backwardName = (kind: PadKind, k: PadDims) => BACKWARD[kind][k - 1];

/**
 * _pad_circular: an empty output, the input (cropped where a pad is negative) copied into its middle, then
 * each padded dim's borders copied from the opposite side of the output, in PyTorch's order.
 */
export function padCircular(input: Tensor, padding: readonly number[]): Tensor {
  const inShape = input.shape;
  const k = inShape.length - 2;
  if (padding.length + 4 !== inShape.length * 2)
    throw new RuntimeError(`Invalid padding size, expected ${k * 2} but got ${padding.length}`);
  const outShape = [...inShape];
  for (let i = 0; i < k; i++) {
    const [l, r] = [padding[2 * (k - i - 1)], padding[2 * (k - i - 1) + 1]];
    const size = inShape[2 + i];
    outShape[2 + i] = size + l + r;
    if (!(l <= size && r <= size))
      throw new RuntimeError("Padding value causes wrapping around more than once.");
    if (outShape[2 + i] < 0)
      throw new RuntimeError("Negative padding value is resulting in an empty dimension");
  }
  const out = zeros(outShape, { dtype: input.dtype });
  const slice = (t: Tensor, dim: number, start: number, end: number) => narrow(t, dim, start, end - start);
  let outSlice = out;
  let inSlice = input;
  for (let i = 0; i < k; i++) {
    const dim = k - i + 1;
    const [l, r] = [padding[2 * i], padding[2 * i + 1]];
    outSlice = slice(outSlice, dim, Math.max(l, 0), outShape[dim] - Math.max(r, 0));
    inSlice = slice(inSlice, dim, Math.max(-l, 0), inShape[dim] - Math.max(-r, 0));
  }
  copy_(outSlice, inSlice);
  for (let i = 0; i < k; i++) {
    const dim = k - i + 1;
    const [l, r] = [padding[2 * i], padding[2 * i + 1]];
    if (l > 0) {
      const from = outShape[dim] - l - Math.max(r, 0);
      copy_(slice(out, dim, 0, l), slice(out, dim, from, outShape[dim] - Math.max(r, 0)));
    }
    if (r > 0) {
      const start = Math.max(l, 0);
      copy_(slice(out, dim, outShape[dim] - r, outShape[dim]), slice(out, dim, start, start + r));
    }
  }
  return out;
}

const MODE_NAMES: Record<string, PadKind> = { reflect: "reflection", replicate: "replication" };

/** _pad_enum's dispatch of a non-constant mode on the pad's length and the input's dims. */
export function padNonConstant(
  input: Tensor,
  padding: readonly number[],
  mode: string,
  value: number | null,
) {
  if (value !== null && value !== 0)
    throw new RuntimeError(`Padding mode "${mode}" doesn't take in value argument`);
  const k = padding.length / 2;
  if ((k === 1 || k === 2 || k === 3) && (input.ndim === k + 1 || input.ndim === k + 2)) {
    return mode === "circular" ? padCircular(input, padding) : padPlanes(MODE_NAMES[mode], k, input, padding);
  }
  throw new NotImplementedError(
    "Only 2D, 3D, 4D, 5D padding with non-constant padding are supported for now",
  );
}

export interface PadSaved {
  self: Tensor;
  padding: number[];
  kind: PadKind;
  k: PadDims;
}
