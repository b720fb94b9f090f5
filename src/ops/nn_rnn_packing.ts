// Packing padded sequences for the recurrent layers, ported from PyTorch 1.13's
// aten/src/ATen/native/PackedSequence.cpp: _pack_padded_sequence (a node of its own,
// PackPaddedSequenceBackward0), _pad_packed_sequence and pad_sequence (composites of full and copy_ into
// slices, so their results' grad_fn is CopySlices, as in PyTorch).
import { no_grad } from "../autograd/grad_mode.js";
import { RuntimeError } from "../errors.js";
import { full } from "../tensor/creation.js";
import { bool, int64, type DType } from "../tensor/dtype.js";
import type { Tensor } from "../tensor/tensor.js";
import { record } from "./core.js";
import { copy_ } from "./inplace.js";
import { cat } from "./join.js";
import { contiguous, narrow, select, transpose, view } from "./shape.js";

/** at::full's padding value in an integer or bool tensor: truncated, and refused where it cannot fit. */
function fillValue(value: number, dtype: DType): number {
  if (dtype.is_floating_point) return value;
  if (dtype === bool) return value !== 0 ? 1 : 0;
  if (!Number.isFinite(value) || Math.abs(value) >= 2 ** 63)
    throw new RuntimeError(
      `value cannot be converted to type ${dtype === int64 ? "int64_t" : "int32_t"} without overflow`,
    );
  return Math.trunc(value);
}

/**
 * _pack_padded_sequence(input, lengths, batch_first): the valid steps of every sequence, time step by time
 * step, and the batch size of each step. `lengths` must be sorted in decreasing order.
 */
export function _pack_padded_sequence(
  padded: Tensor,
  lengths: readonly number[],
  batchFirst: boolean,
): [Tensor, number[]] {
  const input = batchFirst ? transpose(padded, 0, 1) : padded;
  const batchSize = input.size(1) as number;
  if (input.numel() === 0) throw new RuntimeError("Cannot pack empty tensors.");
  if (lengths.length !== batchSize)
    throw new RuntimeError(
      `Expected \`len(lengths)\` to be equal to batch_size, but got ${lengths.length} (batch_size=${batchSize})`,
    );
  if (!(lengths[batchSize - 1] > 0))
    throw new RuntimeError(
      "Length of all samples has to be greater than 0, but found an element in 'lengths' that is <= 0",
    );
  for (let i = 0; i < batchSize - 1; i++) {
    if (lengths[batchSize - 1 - i] > lengths[batchSize - 2 - i])
      throw new RuntimeError(
        "`lengths` array must be sorted in decreasing order when `enforce_sorted` is True. You can pass `enforce_sorted=False` to pack_padded_sequence and/or pack_sequence to sidestep this requirement if you do not need ONNX exportability.",
      );
  }
  const batchSizes: number[] = [];
  const stepShape = [-1, ...input.shape.slice(2)];
  const data = no_grad(() => {
    const steps: Tensor[] = [];
    let prev = 0;
    for (let i = 0; i < batchSize; i++) {
      const l = lengths[batchSize - 1 - i];
      if (l > prev) {
        const current = batchSize - i;
        const block = narrow(narrow(input, 0, prev, l - prev), 1, 0, current);
        steps.push(view(contiguous(block), stepShape));
        for (let j = 0; j < l - prev; j++) batchSizes.push(current);
        prev = l;
      }
    }
    return cat(steps, 0);
  });
  const inputShape = [...padded.shape];
  return [
    record("PackPaddedSequenceBackward0", [padded], data, () => ({
      inputShape,
      batchSizes,
      batchFirst,
    })),
    batchSizes,
  ];
}

/**
 * _pad_packed_sequence(data, batch_sizes, batch_first, padding_value, total_length): the padded [T, B, *]
 * tensor ([B, T, *] with batch_first) and each sequence's length.
 */
export function _pad_packed_sequence(
  data: Tensor,
  batchSizes: readonly number[],
  batchFirst: boolean,
  paddingValue: number,
  totalLength: number,
): [Tensor, number[]] {
  const maxBatchSize = batchSizes[0];
  const maxRealSeqLength = batchSizes.length;
  const maxSeqLength = totalLength > 0 ? totalLength : maxRealSeqLength;
  const trailing = data.shape.slice(1);
  let output = full([maxSeqLength, maxBatchSize, ...trailing], fillValue(paddingValue, data.dtype), {
    dtype: data.dtype,
  });
  const lengths = new Array<number>(maxBatchSize).fill(0);
  let lengthAt = maxBatchSize - 1;
  let dataOffset = 0;
  let prevBatchSize = maxBatchSize;
  let prevI = 0;
  for (let i = 0; i <= maxRealSeqLength; i++) {
    const batchSize = i !== maxRealSeqLength ? batchSizes[i] : 0;
    if (batchSize !== prevBatchSize) {
      const l = prevBatchSize * (i - prevI);
      const tmp = narrow(data, 0, dataOffset, l);
      const into = narrow(narrow(output, 0, prevI, i - prevI), 1, 0, prevBatchSize);
      copy_(into, view(tmp, [i - prevI, prevBatchSize, ...trailing]));
      dataOffset += l;
      prevI = i;
    }
    for (let j = 0; j < prevBatchSize - batchSize; j++) lengths[lengthAt--] = i;
    prevBatchSize = batchSize;
  }
  if (batchFirst) output = transpose(output, 0, 1);
  return [output, lengths];
}

/** torch._C._nn.pad_sequence(sequences, batch_first, padding_value). */
export function pad_sequence(
  sequences: readonly Tensor[],
  batchFirst: boolean,
  paddingValue: number,
): Tensor {
  if (sequences.length === 0) throw new RuntimeError("received an empty list of sequences");
  const maxLen = Math.max(...sequences.map((s) => s.size(0) as number));
  const trailing = sequences[0].shape.slice(1);
  const n = sequences.length;
  const dtype = sequences[0].dtype;
  const out = full(
    batchFirst ? [n, maxLen, ...trailing] : [maxLen, n, ...trailing],
    fillValue(paddingValue, dtype),
    {
      dtype,
    },
  );
  sequences.forEach((seq, i) => {
    const length = seq.shape[0];
    const into = batchFirst
      ? narrow(select(out, 0, i), 0, 0, length)
      : select(narrow(out, 0, 0, length), 1, i);
    copy_(into, seq);
  });
  return out;
}
