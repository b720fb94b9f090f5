// The recurrent layers' arithmetic, ported from PyTorch 1.13's CPU path (aten/src/ATen/native/RNN.cpp): the
// cells (SimpleCell, LSTMCell, GRUCell), the layers that scan a cell over a sequence (FullLayer,
// FullBidirectionalLayer, PackedLayer, ReversedPackedLayer, PackedBidirectionalLayer) and apply_layer_stack,
// all composed of ops in PyTorch's order, so values, gradients and grad_fn names follow PyTorch's. On CPU each
// layer applies the input-to-hidden linear to the whole sequence at once (pre_compute_input), then steps.
// The cells' in-place ops (gates.add_, chunk.sigmoid_) are written out of place: the values are the same
// kernels', and the intermediate nodes are never seen (the outputs' grad_fn names are the last op's).
import { RuntimeError } from "../errors.js";
import { Tensor } from "../tensor/tensor.js";
import { add, mul, relu, sigmoid, sub, tanh } from "./elementwise.js";
import { cat, chunk, stack, unbind } from "./join.js";
import { linear, matmul } from "./linalg.js";
import { dropout } from "./nn_dropout.js";
import { fusable, fusedGruCell, fusedLstmCell } from "./nn_rnn_fused.js";
import { fusedLstmLayer } from "./nn_rnn_layer.js";
import { narrow, t, transpose } from "./shape.js";
import { transpose_ } from "./shape_inplace.js";

/** The weights of one layer and direction (gather_params): w_hr only for an LSTM with projections. */
export interface CellParams {
  w_ih: Tensor;
  w_hh: Tensor;
  b_ih: Tensor | null;
  b_hh: Tensor | null;
  w_hr: Tensor | null;
}

/** An RNN's or GRU's hidden state is one tensor, an LSTM's the pair (h, c). */
export type Hidden = Tensor | readonly [Tensor, Tensor];

/** One application of the recurrence; `preComputed` when `input` is already linear_ih(input). */
export type Cell<H extends Hidden> = (input: Tensor, hidden: H, p: CellParams, preComputed: boolean) => H;

export type RnnMode = "RNN_TANH" | "RNN_RELU" | "LSTM" | "GRU";

const linearIh = (input: Tensor, p: CellParams): Tensor => linear(input, p.w_ih, p.b_ih);
const linearHh = (h: Tensor, p: CellParams): Tensor => linear(h, p.w_hh, p.b_hh);

/** SimpleCell: nonlinearity(linear_hh(h) + linear_ih(x)). */
function simpleCell(nonlinearity: (x: Tensor) => Tensor): Cell<Tensor> {
  return (input, hidden, p, pre) => nonlinearity(add(linearHh(hidden, p), pre ? input : linearIh(input, p)));
}

export const tanhCell = simpleCell(tanh);
export const reluCell = simpleCell(relu);

/** LSTMCell after its linear maps, as PyTorch's separate ops (lstm_cell and nn.LSTMCell show their nodes). */
function lstmPointwise(ig: Tensor, hg: Tensor, cx: Tensor): [Tensor, Tensor] {
  const gates = add(hg, ig);
  const [i, f, g, o] = chunk(gates, 4, 1);
  const ingate = sigmoid(i);
  const forgetgate = sigmoid(f);
  const cellgate = tanh(g);
  const outgate = sigmoid(o);
  const cy = add(mul(forgetgate, cx), mul(ingate, cellgate));
  const hy = mul(outgate, tanh(cy));
  return [hy, cy];
}

function lstmCellWith(
  pointwise: (ig: Tensor, hg: Tensor, cx: Tensor) => [Tensor, Tensor],
): Cell<readonly [Tensor, Tensor]> {
  return (input, [hx, cx], p, pre) => {
    const hg = linearHh(hx, p);
    const [hy, cy] = pointwise(pre ? input : linearIh(input, p), hg, cx);
    return [p.w_hr === null ? hy : matmul(hy, t(p.w_hr)), cy];
  };
}

export const lstmCell = lstmCellWith(lstmPointwise);

/**
 * The cell a layer steps with: the same values and gradients from one fused node per step (its nodes are
 * inside the layer, which shows only stack's, cat's and the like).
 */
const lstmLayerCell = lstmCellWith((ig, hg, cx) =>
  fusable(ig, hg, cx, 4) ? fusedLstmCell(ig, hg, cx) : lstmPointwise(ig, hg, cx),
);

/** GRUCell after its linear maps, as PyTorch's separate ops. */
function gruPointwise(ig: Tensor, hg: Tensor, hidden: Tensor): Tensor {
  const igates = chunk(ig, 3, 1);
  const hgates = chunk(hg, 3, 1);
  const resetGate = sigmoid(add(hgates[0], igates[0]));
  const inputGate = sigmoid(add(hgates[1], igates[1]));
  const newGate = tanh(add(igates[2], mul(hgates[2], resetGate)));
  return add(mul(sub(hidden, newGate), inputGate), newGate);
}

function gruCellWith(pointwise: (ig: Tensor, hg: Tensor, hidden: Tensor) => Tensor): Cell<Tensor> {
  return (input, hidden, p, pre) => {
    const ig = pre ? input : linearIh(input, p);
    return pointwise(ig, linearHh(hidden, p), hidden);
  };
}

export const gruCell = gruCellWith(gruPointwise);

/** A layer's GRU step: one fused node, as lstmLayerCell. */
const gruLayerCell = gruCellWith((ig, hg, hidden) =>
  fusable(ig, hg, hidden, 3) ? fusedGruCell(ig, hg, hidden) : gruPointwise(ig, hg, hidden),
);

// ---- hidden-state helpers (RNN.cpp's overloads for one tensor and for LSTM's pair) -----------------------

const isPair = (h: Hidden): h is readonly [Tensor, Tensor] => Array.isArray(h);

function hiddenAsOutput(h: Hidden): Tensor {
  return isPair(h) ? h[0] : (h as Tensor);
}

function hiddenSlice<H extends Hidden>(h: H, start: number, end: number): H {
  if (isPair(h))
    return [narrow(h[0], 0, start, end - start), narrow(h[1], 0, start, end - start)] as const as H;
  return narrow(h as Tensor, 0, start, end - start) as H;
}

function hiddenConcat<H extends Hidden>(hs: readonly H[]): H {
  if (hs.length > 0 && isPair(hs[0])) {
    const pairs = hs as readonly (readonly [Tensor, Tensor])[];
    return [cat(pairs.map((h) => h[0])), cat(pairs.map((h) => h[1]))] as const as H;
  }
  return cat(hs as readonly Tensor[], 0) as H;
}

// ---- layers --------------------------------------------------------------------------------------------

interface LayerOutput<IO, H> {
  outputs: IO;
  finalHidden: H;
}

/** A packed sequence as RNN.cpp sees it: the data and the batch size of each time step. */
export interface PackedData {
  data: Tensor;
  batchSizes: readonly number[];
}

type Layer<IO, H, P> = (input: IO, hidden: H, params: P) => LayerOutput<IO, H>;

function scanSteps<H extends Hidden>(
  cell: Cell<H>,
  steps: readonly Tensor[],
  hidden: H,
  p: CellParams,
): LayerOutput<Tensor[], H> {
  const outputs: Tensor[] = [];
  for (const step of steps) {
    hidden = cell(step, hidden, p, true);
    outputs.push(hiddenAsOutput(hidden));
  }
  return { outputs, finalHidden: hidden };
}

function stackSteps(outputs: readonly Tensor[]): Tensor {
  if (outputs.length === 0) throw new RuntimeError("Expected sequence length to be larger than 0 in RNN");
  return stack(outputs, 0);
}

function fullLayer<H extends Hidden>(cell: Cell<H>): Layer<Tensor, H, CellParams> {
  return (input, hidden, p) => {
    const gates = linearIh(input, p);
    // An LSTM layer as one node where it can (src/ops/nn_rnn_layer.ts): the same values and gradients.
    if ((cell as unknown) === lstmLayerCell && p.w_hr === null) {
      const [h0, c0] = hidden as readonly [Tensor, Tensor];
      const perStep = () => {
        const r = scanSteps(lstmLayerCell, unbind(gates, 0), [h0, c0], p);
        return [...r.outputs, r.finalHidden[1]];
      };
      const fused = fusedLstmLayer(gates, h0, c0, p, perStep);
      if (fused) {
        const finalHidden = [fused.hs[fused.hs.length - 1], fused.c] as const;
        return { outputs: stackSteps(fused.hs), finalHidden: finalHidden as unknown as H };
      }
    }
    const r = scanSteps(cell, unbind(gates, 0), hidden, p);
    return { outputs: stackSteps(r.outputs), finalHidden: r.finalHidden };
  };
}

function fullBidirectionalLayer<H extends Hidden>(
  cell: Cell<H>,
): Layer<Tensor, [H, H], [CellParams, CellParams]> {
  return (input, [hFw, hRev], [pFw, pRev]) => {
    const fw = scanSteps(cell, unbind(linearIh(input, pFw), 0), hFw, pFw);
    const fwOutput = stackSteps(fw.outputs);
    const rev = scanSteps(cell, unbind(linearIh(input, pRev), 0).reverse(), hRev, pRev);
    const revOutput = stack(rev.outputs.reverse(), 0);
    return {
      outputs: cat([fwOutput, revOutput], fwOutput.ndim - 1),
      finalHidden: [fw.finalHidden, rev.finalHidden],
    };
  };
}

function packedLayer<H extends Hidden>(cell: Cell<H>): Layer<PackedData, H, CellParams> {
  return (input, inputHidden, p) => {
    const stepOutputs: Tensor[] = [];
    const hiddens: H[] = [];
    const batchSizes = input.batchSizes;
    const inputW = linearIh(input.data, p);
    let offset = 0;
    let lastBatchSize = batchSizes[0];
    let hidden = inputHidden;
    for (const batchSize of batchSizes) {
      const stepInput = narrow(inputW, 0, offset, batchSize);
      offset += batchSize;
      const dec = lastBatchSize - batchSize;
      if (dec > 0) {
        hiddens.push(hiddenSlice(hidden, lastBatchSize - dec, lastBatchSize));
        hidden = hiddenSlice(hidden, 0, lastBatchSize - dec);
      }
      lastBatchSize = batchSize;
      hidden = cell(stepInput, hidden, p, true);
      stepOutputs.push(hiddenAsOutput(hidden));
    }
    hiddens.push(hidden);
    hiddens.reverse();
    return {
      outputs: { data: cat(stepOutputs, 0), batchSizes },
      finalHidden: hiddenConcat(hiddens),
    };
  };
}

function reversedPackedLayer<H extends Hidden>(cell: Cell<H>): Layer<PackedData, H, CellParams> {
  return (input, inputHidden, p) => {
    const stepOutputs: Tensor[] = [];
    const batchSizes = input.batchSizes;
    const numSteps = batchSizes.length;
    const inputW = linearIh(input.data, p);
    let offset = input.data.shape[0];
    let lastBatchSize = batchSizes[numSteps - 1];
    let hidden = hiddenSlice(inputHidden, 0, lastBatchSize);
    for (let i = numSteps - 1; i >= 0; i--) {
      const batchSize = batchSizes[i];
      if (batchSize > lastBatchSize)
        hidden = hiddenConcat([hidden, hiddenSlice(inputHidden, lastBatchSize, batchSize)]);
      const stepInput = narrow(inputW, 0, offset - batchSize, batchSize);
      offset -= batchSize;
      lastBatchSize = batchSize;
      hidden = cell(stepInput, hidden, p, true);
      stepOutputs.push(hiddenAsOutput(hidden));
    }
    stepOutputs.reverse();
    return { outputs: { data: cat(stepOutputs, 0), batchSizes }, finalHidden: hidden };
  };
}

function packedBidirectionalLayer<H extends Hidden>(
  cell: Cell<H>,
): Layer<PackedData, [H, H], [CellParams, CellParams]> {
  const forward = packedLayer(cell);
  const reverse = reversedPackedLayer(cell);
  return (input, [hFw, hRev], [pFw, pRev]) => {
    const fw = forward(input, hFw, pFw);
    const rev = reverse(input, hRev, pRev);
    return {
      outputs: { data: cat([fw.outputs.data, rev.outputs.data], -1), batchSizes: input.batchSizes },
      finalHidden: [fw.finalHidden, rev.finalHidden],
    };
  };
}

// ---- stacking layers -----------------------------------------------------------------------------------

const isPacked = (input: Tensor | PackedData): input is PackedData => "batchSizes" in input;

function dropoutOf<IO extends Tensor | PackedData>(input: IO, p: number): IO {
  if (isPacked(input)) return { data: dropout(input.data, p, true), batchSizes: input.batchSizes } as IO;
  return dropout(input as Tensor, p, true) as IO;
}

/** apply_layer_stack: each layer's output feeds the next (with dropout between layers in training). */
function applyLayerStack<IO extends Tensor | PackedData, H, P>(
  layer: Layer<IO, H, P>,
  input: IO,
  hiddens: readonly H[],
  weights: readonly P[],
  numLayers: number,
  dropoutP: number,
  train: boolean,
): LayerOutput<IO, H[]> {
  let layerInput = input;
  const finalHiddens: H[] = [];
  for (let l = 0; l < numLayers; l++) {
    const out = layer(layerInput, hiddens[l], weights[l]);
    finalHiddens.push(out.finalHidden);
    layerInput = out.outputs;
    if (dropoutP !== 0 && train && l < numLayers - 1) layerInput = dropoutOf(layerInput, dropoutP);
  }
  return { outputs: layerInput, finalHidden: finalHiddens };
}

function pairs<T>(values: readonly T[]): [T, T][] {
  const out: [T, T][] = [];
  for (let i = 0; i < values.length; i += 2) out.push([values[i], values[i + 1]]);
  return out;
}

/** How a stack of layers runs: the options _VF.rnn_tanh / lstm / gru take after the hidden state. */
export interface StackOptions {
  numLayers: number;
  dropout: number;
  train: boolean;
  bidirectional: boolean;
}

/** _rnn_impl: the layer stack over a padded sequence or a packed one; one final hidden per layer and direction. */
export function rnnImpl<IO extends Tensor | PackedData, H extends Hidden>(
  cell: Cell<H>,
  input: IO,
  params: readonly CellParams[],
  hiddens: readonly H[],
  o: StackOptions,
): LayerOutput<IO, H[]> {
  const packed = isPacked(input);
  if (o.bidirectional) {
    const layer = (packed
      ? packedBidirectionalLayer(cell)
      : fullBidirectionalLayer(cell)) as unknown as Layer<IO, [H, H], [CellParams, CellParams]>;
    const r = applyLayerStack(layer, input, pairs(hiddens), pairs(params), o.numLayers, o.dropout, o.train);
    return { outputs: r.outputs, finalHidden: r.finalHidden.flat() as H[] };
  }
  const layer = (packed ? packedLayer(cell) : fullLayer(cell)) as unknown as Layer<IO, H, CellParams>;
  return applyLayerStack(layer, input, hiddens, params, o.numLayers, o.dropout, o.train);
}

/** gather_params: the flat weight list in groups of 2, 4 (biases) or one more (projections). */
export function gatherParams(
  flat: readonly Tensor[],
  hasBiases: boolean,
  hasProjections: boolean,
): CellParams[] {
  const group = (hasBiases ? 4 : 2) + (hasProjections ? 1 : 0);
  if (flat.length % group !== 0) throw new RuntimeError("got an incorrect number of RNN parameters");
  const out: CellParams[] = [];
  for (let i = 0; i < flat.length; i += group) {
    out.push({
      w_ih: flat[i],
      w_hh: flat[i + 1],
      b_ih: hasBiases ? flat[i + 2] : null,
      b_hh: hasBiases ? flat[i + 3] : null,
      w_hr: hasProjections ? flat[i + group - 1] : null,
    });
  }
  return out;
}

// ---- _VF.rnn_tanh / rnn_relu / gru / lstm ----------------------------------------------------------------

const CELLS = { RNN_TANH: tanhCell, RNN_RELU: reluCell, GRU: gruCell };
const LAYER_CELLS = { RNN_TANH: tanhCell, RNN_RELU: reluCell, GRU: gruLayerCell };

/**
 * The one-hidden recurrences (ONE_HIDDEN_RNN): output and h_n. A padded input is [T, B, *] ([B, T, *] with
 * batchFirst); a packed one gives the packed output's data.
 */
export function oneHiddenRnn(
  mode: Exclude<RnnMode, "LSTM">,
  input: Tensor | PackedData,
  hx: Tensor,
  flat: readonly Tensor[],
  hasBiases: boolean,
  o: StackOptions,
  batchFirst: boolean,
): [Tensor, Tensor] {
  const params = gatherParams(flat, hasBiases, false);
  if (isPacked(input)) {
    const r = rnnImpl(LAYER_CELLS[mode], input, params, unbind(hx, 0), o);
    return [r.outputs.data, stack(r.finalHidden, 0)];
  }
  const r = rnnImpl(LAYER_CELLS[mode], batchFirst ? transpose(input, 0, 1) : input, params, unbind(hx, 0), o);
  const hy = stack(r.finalHidden, 0);
  return [batchFirst ? transpose_(r.outputs, 0, 1) : r.outputs, hy];
}

/** _VF.lstm: output, h_n and c_n; projections when h and c differ in size. */
export function lstmRnn(
  input: Tensor | PackedData,
  hx: readonly [Tensor, Tensor],
  flat: readonly Tensor[],
  hasBiases: boolean,
  o: StackOptions,
  batchFirst: boolean,
): [Tensor, Tensor, Tensor] {
  const hasProjections = hx[0].shape[2] !== hx[1].shape[2];
  const params = gatherParams(flat, hasBiases, hasProjections);
  const layerHx = unbind(hx[0], 0);
  const layerCx = unbind(hx[1], 0);
  const hiddens = layerHx.map((h, i) => [h, layerCx[i]] as const);
  const x = isPacked(input) ? input : batchFirst ? transpose(input, 0, 1) : input;
  const r = rnnImpl(lstmLayerCell, x, params, hiddens, o);
  const hy = stack(
    r.finalHidden.map((h) => h[0]),
    0,
  );
  const cy = stack(
    r.finalHidden.map((h) => h[1]),
    0,
  );
  if (isPacked(r.outputs)) return [r.outputs.data, hy, cy];
  return [batchFirst ? transpose(r.outputs, 0, 1) : r.outputs, hy, cy];
}

// ---- cells as functions (_VF.lstm_cell, gru_cell, rnn_tanh_cell, rnn_relu_cell) ----------------------------

function checkCellInput(input: Tensor, inputSize: number): void {
  if (input.shape[1] !== inputSize)
    throw new RuntimeError(`input has inconsistent input_size: got ${input.shape[1]} expected ${inputSize}`);
}

function checkCellHidden(input: Tensor, hx: Tensor, hiddenSize: number, label: number): void {
  if (input.shape[0] !== hx.shape[0])
    throw new RuntimeError(
      `Input batch size ${input.shape[0]} doesn't match hidden${label} batch size ${hx.shape[0]}`,
    );
  if (hx.shape[1] !== hiddenSize)
    throw new RuntimeError(
      `hidden${label} has inconsistent hidden_size: got ${hx.shape[1]}, expected ${hiddenSize}`,
    );
}

const cellParams = (w_ih: Tensor, w_hh: Tensor, b_ih: Tensor | null, b_hh: Tensor | null): CellParams => ({
  w_ih,
  w_hh,
  b_ih,
  b_hh,
  w_hr: null,
});

export function lstm_cell(
  input: Tensor,
  hx: readonly Tensor[],
  w_ih: Tensor,
  w_hh: Tensor,
  b_ih: Tensor | null = null,
  b_hh: Tensor | null = null,
): [Tensor, Tensor] {
  if (hx.length !== 2) throw new RuntimeError("lstm_cell expects two hidden states");
  const hiddenSize = w_hh.shape[1];
  checkCellInput(input, w_ih.shape[1]);
  checkCellHidden(input, hx[0], hiddenSize, 0);
  // PyTorch 1.13 labels the cell state "hidden0" too.
  checkCellHidden(input, hx[1], hiddenSize, 0);
  const [hy, cy] = lstmCell(input, [hx[0], hx[1]], cellParams(w_ih, w_hh, b_ih, b_hh), false);
  return [hy, cy];
}

/** gru_cell, rnn_tanh_cell and rnn_relu_cell: one hidden state, checked as RNN.cpp checks it. */
export function oneHiddenCell(
  mode: Exclude<RnnMode, "LSTM">,
  input: Tensor,
  hx: Tensor,
  w_ih: Tensor,
  w_hh: Tensor,
  b_ih: Tensor | null = null,
  b_hh: Tensor | null = null,
): Tensor {
  checkCellInput(input, w_ih.shape[1]);
  checkCellHidden(input, hx, w_hh.shape[1], 0);
  return CELLS[mode](input, hx, cellParams(w_ih, w_hh, b_ih, b_hh), false);
}
