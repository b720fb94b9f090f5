// The recurrent layers' cells as one op each (PyTorch's _thnn_fused_lstm_cell and _thnn_fused_gru_cell, whose
// nodes are ThnnFusedLstmCellBackward0 and ThnnFusedGruCellBackward0): the pointwise part of LSTMCell and
// GRUCell after the two linear maps, in one backend kernel each way (src/backend/js/rnn.ts, native/rnn.c).
// PyTorch 1.13 runs these cells on CPU as separate ops; the kernels repeat those ops element for element, so
// values and gradients keep their bits, and only the nodes inside a layer (which no output shows) change.
// Under create_graph the backward runs the same arithmetic in tensor ops (PyTorch's
// _thnn_differentiable_lstm_cell_backward / _gru_), so higher derivatives work.
import { backend } from "../backend/backend.js";
import type { Dense } from "../backend/js/norm_kernels.js";
import { jsRnnKernels, type RnnKernels } from "../backend/js/rnn.js";
import type { FormulaContext } from "../autograd/derivative.js";
import { zeros_like } from "../tensor/creation.js";
import { float32, float64 } from "../tensor/dtype.js";
import type { Tensor } from "../tensor/tensor.js";
import { _sigmoid_backward } from "./backward_ops.js";
import { fromData, needsGraph, record, recordOutputs } from "./core.js";
import { add, mul, neg, rsub, sigmoid, sub, tanh } from "./elementwise.js";
import { cat, chunk } from "./join.js";

/** The backend's RNN kernels, or the TypeScript ones where it has none. */
export const kernels = (): RnnKernels => backend().rnn ?? jsRnnKernels;

/** @internal Tests turn the fused cells off to compare them with the separate ops they replace. */
export const FUSED_CELLS = { enabled: true };

/** A tensor's elements in row-major order (copied when not contiguous), as the RNN kernels read them. */
export function dense(t: Tensor): Dense {
  const c = t.is_contiguous() ? t : t.detach().contiguous();
  return { data: c._storage.data, offset: c._offset };
}

/**
 * Whether the fused kernels take a cell's operands: float32 or float64 alike, gates [B, gates * H] and the
 * state [B, H], nothing empty.
 */
export function fusable(ig: Tensor, hg: Tensor, state: Tensor, gates: number): boolean {
  const dtype = ig.dtype;
  if (!FUSED_CELLS.enabled) return false;
  if ((dtype !== float32 && dtype !== float64) || hg.dtype !== dtype || state.dtype !== dtype) return false;
  if (ig.ndim !== 2 || hg.ndim !== 2 || state.ndim !== 2) return false;
  const [batch, hidden] = state.shape;
  const width = gates * hidden;
  return (
    batch > 0 &&
    hidden > 0 &&
    ig.shape[0] === batch &&
    hg.shape[0] === batch &&
    ig.shape[1] === width &&
    hg.shape[1] === width
  );
}

/** What ThnnFusedLstmCellBackward0 keeps: the inputs, and the activated gates and tanh(cy) ([B, 5H]). */
export interface FusedLstmCellSaved {
  input_gates: Tensor;
  hidden_gates: Tensor;
  cx: Tensor;
  workspace: Tensor;
}

/** _thnn_fused_lstm_cell(input_gates, hidden_gates, cx) -> (hy, cy): LSTMCell after its linear maps. */
export function fusedLstmCell(ig: Tensor, hg: Tensor, cx: Tensor): [Tensor, Tensor] {
  const [batch, hidden] = cx.shape;
  const dtype = cx.dtype;
  const r = kernels().lstmCell(dense(ig), dense(hg), dense(cx), batch, hidden, dtype);
  const hy = fromData(r.hy, [batch, hidden], dtype);
  const cy = fromData(r.cy, [batch, hidden], dtype);
  const workspace = fromData(r.workspace, [batch, 5 * hidden], dtype);
  const [h, c] = recordOutputs("ThnnFusedLstmCellBackward0", [ig, hg, cx], [hy, cy], () => ({
    input_gates: ig,
    hidden_gates: hg,
    cx,
    workspace,
  }));
  return [h, c];
}

/** The gradients of the input gates, the hidden gates (the same tensor) and cx. */
export function fusedLstmCellBackward(s: FusedLstmCellSaved, ctx: FormulaContext): (Tensor | null)[] {
  const [dhy, dcy] = ctx.gradOutputs;
  const { input_gates: ig, hidden_gates: hg, cx } = s;
  if (!needsGraph([dhy, dcy, ig, hg, cx])) {
    const [batch, hidden] = cx.shape;
    const r = kernels().lstmCellBackward(
      dhy ? dense(dhy) : null,
      dcy ? dense(dcy) : null,
      dense(cx),
      dense(s.workspace),
      batch,
      hidden,
      cx.dtype,
    );
    const dgates = fromData(r.dgates, [batch, 4 * hidden], cx.dtype);
    return [dgates, dgates, fromData(r.dcx, [batch, hidden], cx.dtype)];
  }
  // The unfused cell's ops and their derivative formulas, recorded.
  const [i, f, g, o] = chunk(add(hg, ig), 4, 1);
  const ingate = sigmoid(i);
  const forgetgate = sigmoid(f);
  const cellgate = tanh(g);
  const outgate = sigmoid(o);
  const cy = add(mul(forgetgate, cx), mul(ingate, cellgate));
  const tc = tanh(cy);
  let dc = dcy;
  let dOut: Tensor = zeros_like(outgate);
  if (dhy) {
    dOut = _sigmoid_backward(mul(dhy, tc), outgate);
    const fromH = mul(mul(dhy, outgate), rsub(mul(tc, tc), 1));
    dc = dc ? add(dc, fromH) : fromH;
  }
  const dcT = dc as Tensor;
  const dgates = cat(
    [
      _sigmoid_backward(mul(dcT, cellgate), ingate),
      _sigmoid_backward(mul(dcT, cx), forgetgate),
      mul(mul(dcT, ingate), rsub(mul(cellgate, cellgate), 1)),
      dOut,
    ],
    1,
  );
  return [dgates, dgates, mul(dcT, forgetgate)];
}

/** What ThnnFusedGruCellBackward0 keeps: the inputs, and the activated r, z, n ([B, 3H]). */
export interface FusedGruCellSaved {
  input_gates: Tensor;
  hidden_gates: Tensor;
  hx: Tensor;
  workspace: Tensor;
}

/** _thnn_fused_gru_cell(input_gates, hidden_gates, hx) -> hy: GRUCell after its linear maps. */
export function fusedGruCell(ig: Tensor, hg: Tensor, hx: Tensor): Tensor {
  const [batch, hidden] = hx.shape;
  const dtype = hx.dtype;
  const r = kernels().gruCell(dense(ig), dense(hg), dense(hx), batch, hidden, dtype);
  const hy = fromData(r.hy, [batch, hidden], dtype);
  const workspace = fromData(r.workspace, [batch, 3 * hidden], dtype);
  return record("ThnnFusedGruCellBackward0", [ig, hg, hx], hy, () => ({
    input_gates: ig,
    hidden_gates: hg,
    hx,
    workspace,
  }));
}

/** The gradients of the input gates, the hidden gates and hx. */
export function fusedGruCellBackward(dhy: Tensor, s: FusedGruCellSaved): (Tensor | null)[] {
  const { input_gates: ig, hidden_gates: hg, hx } = s;
  if (!needsGraph([dhy, ig, hg, hx])) {
    const [batch, hidden] = hx.shape;
    const r = kernels().gruCellBackward(
      dense(dhy),
      dense(hg),
      dense(hx),
      dense(s.workspace),
      batch,
      hidden,
      hx.dtype,
    );
    const shape = [batch, 3 * hidden];
    return [
      fromData(r.dig, shape, hx.dtype),
      fromData(r.dhg, shape, hx.dtype),
      fromData(r.dhx, [batch, hidden], hx.dtype),
    ];
  }
  const [ir, iz, inn] = chunk(ig, 3, 1);
  const [hr, hz, hn] = chunk(hg, 3, 1);
  const resetgate = sigmoid(add(hr, ir));
  const inputgate = sigmoid(add(hz, iz));
  const newgate = tanh(add(inn, mul(hn, resetgate)));
  const diff = sub(hx, newgate);
  const dDiff = mul(dhy, inputgate);
  const dz = _sigmoid_backward(mul(dhy, diff), inputgate);
  const dn = mul(add(dhy, neg(dDiff)), rsub(mul(newgate, newgate), 1));
  const dr = _sigmoid_backward(mul(dn, hn), resetgate);
  return [cat([dr, dz, dn], 1), cat([dr, dz, mul(dn, resetgate)], 1), dDiff];
}
