// Derivatives of src/ops/nn_rnn.ts, nn_rnn_fused.ts, nn_rnn_layer.ts and nn_rnn_packing.ts: the recurrent layers
// are composed of other ops, the fused cells (src/ops/nn_rnn_fused.ts) and the fused LSTM layer
// (src/ops/nn_rnn_layer.ts); the other node is _pack_padded_sequence's.
import { derivative } from "../../autograd/derivative.js";
import { zeros } from "../../tensor/creation.js";
import type { Tensor } from "../../tensor/tensor.js";
import { cat, constant_pad_nd, stack } from "../join.js";
import {
  fusedGruCellBackward,
  fusedLstmCellBackward,
  type FusedGruCellSaved,
  type FusedLstmCellSaved,
} from "../nn_rnn_fused.js";
import { fusedLstmLayerBackward, type FusedLstmLayerSaved } from "../nn_rnn_layer.js";
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
  ThnnFusedLstmCellBackward0: derivative<FusedLstmCellSaved>({
    "input_gates, hidden_gates, cx": [
      "GradMode::is_enabled() ? _thnn_differentiable_lstm_cell_backward(grads[0], grads[1], input_gates, hidden_gates, {}, {}, cx, result1) : _thnn_fused_lstm_cell_backward(grads[0], grads[1], cx, result1, result2, false)",
      (_g, s, ctx) => fusedLstmCellBackward(s, ctx),
    ],
  }),
  // One node per LSTM layer (src/ops/nn_rnn_layer.ts): the steps' ThnnFusedLstmCellBackward0 and
  // AddmmBackward0 formulas, run from the last step back.
  MkldnnRnnLayerBackward0: derivative<FusedLstmLayerSaved>({
    "input_gates, hx, cx, w_hh, b_hh": [
      "GradMode::is_enabled() ? <the per-step layer's graph, differentiated> : <each step's _thnn_fused_lstm_cell_backward and mm_mat1/mat2_backward, last step first>",
      (_g, s, ctx) => fusedLstmLayerBackward(s, ctx),
    ],
  }),
  ThnnFusedGruCellBackward0: derivative<FusedGruCellSaved>({
    "input_gates, hidden_gates, hx": [
      "grad.defined() ? (GradMode::is_enabled() ? _thnn_differentiable_gru_cell_backward(grad, input_gates, hidden_gates, hx, {}, {}) : _thnn_fused_gru_cell_backward(grad, result1, false)) : std::tuple<Tensor, Tensor, Tensor, Tensor, Tensor>()",
      (g, s) => fusedGruCellBackward(g, s),
    ],
  }),
  PackPaddedSequenceBackward0: derivative<PackPaddedSequenceSaved>({
    input: [
      "_pack_padded_sequence_backward(grad, input.sizes(), result1, batch_first)",
      (g, s) => packPaddedSequenceBackward(g, s),
    ],
  }),
};
