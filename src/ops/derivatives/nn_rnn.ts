// Derivatives of src/ops/nn_rnn.ts and nn_rnn_packing.ts: the recurrent layers are composed of other ops;
// their own node is _pack_padded_sequence's.
import { derivative } from "../../autograd/derivative.js";
import { zeros } from "../../tensor/creation.js";
import type { Tensor } from "../../tensor/tensor.js";
import { cat, constant_pad_nd, stack } from "../join.js";
import { narrow, transpose } from "../shape.js";

export interface PackPaddedSequenceSaved {
  inputShape: number[];
  batchSizes: number[];
  batchFirst: boolean;
}

/** _pack_padded_sequence_backward: each step's rows back in place in a zero [T, B, *] tensor. */
function packPaddedSequenceBackward(g: Tensor, s: PackPaddedSequenceSaved): Tensor {
  const shape = [...s.inputShape];
  if (s.batchFirst) [shape[0], shape[1]] = [shape[1], shape[0]];
  const [steps, batch, ...trailing] = shape;
  const rows: Tensor[] = [];
  let offset = 0;
  for (const size of s.batchSizes) {
    const piece = narrow(g, 0, offset, size);
    rows.push(constant_pad_nd(piece, [...trailing.flatMap(() => [0, 0]), 0, batch - size]));
    offset += size;
  }
  let gradInput = stack(rows, 0);
  if (steps > rows.length)
    gradInput = cat([gradInput, zeros([steps - rows.length, batch, ...trailing], { dtype: g.dtype })], 0);
  return s.batchFirst ? transpose(gradInput, 0, 1) : gradInput;
}

export const NN_RNN_DERIVATIVES = {
  PackPaddedSequenceBackward0: derivative<PackPaddedSequenceSaved>({
    input: [
      "_pack_padded_sequence_backward(grad, input.sizes(), result1, batch_first)",
      (g, s) => packPaddedSequenceBackward(g, s),
    ],
  }),
};
