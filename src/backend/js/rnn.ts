// The recurrent cells' pointwise arithmetic fused into one loop each way (PyTorch's _thnn_fused_lstm_cell and
// _thnn_fused_gru_cell), element for element the ops PyTorch 1.13's CPU path runs one after another
// (aten/src/ATen/native/RNN.cpp's LSTMCell and GRUCell, then autograd through them): every step rounds to the
// element type, the sigmoids take the vectorized form on whole blocks (16 floats, 8 doubles) of each row of
// TensorIterator's walk and the scalar form on the rest (src/backend/js/vectorized_ops.ts), tanh is SLEEF's on
// every element, and the backward repeats the derivatives table's formulas (MulBackward0, SigmoidBackward0's
// sigmoid_backward, TanhBackward0's grad * (1 - y * y), the chunk and add nodes' pass-through). native/rnn.c
// has the same loops.
//
// Layouts (rows of the batch, `hidden` = H): LSTM gates [B, 4H] (i, f, g, o), its workspace [B, 5H] (the
// activated i, f, g, o, then tanh(cy)); GRU gates [B, 3H] (r, z, n), its workspace [B, 3H] (r, z, n activated).
import { allocate, float32, type DType, type TypedArray } from "../../tensor/dtype.js";
import * as glibc from "./glibc_f.js";
import * as glibcd from "./glibc_d.js";
import type { Dense } from "./norm_kernels.js";
import { expf } from "./sleef.js";
import * as sleefd from "./sleef_dp.js";
import { f } from "./sleef_df.js";
import { tanhf } from "./sleef_sp.js";

export interface LstmCellOutputs {
  hy: TypedArray;
  cy: TypedArray;
  workspace: TypedArray;
}

export interface LstmCellGrads {
  /** The gradient of the gates' sum (both the input and the hidden gates get it). */
  dgates: TypedArray;
  dcx: TypedArray;
}

export interface GruCellOutputs {
  hy: TypedArray;
  workspace: TypedArray;
}

export interface GruCellGrads {
  /** Gradients of the input gates, the hidden gates and hx. */
  dig: TypedArray;
  dhg: TypedArray;
  dhx: TypedArray;
}

/** The fused cells; every operand dense [B, *] from its offset, of one float dtype. */
export interface RnnKernels {
  lstmCell(ig: Dense, hg: Dense, cx: Dense, batch: number, hidden: number, dtype: DType): LstmCellOutputs;
  /** dhy / dcy null: that output got no gradient. */
  lstmCellBackward(
    dhy: Dense | null,
    dcy: Dense | null,
    cx: Dense,
    workspace: Dense,
    batch: number,
    hidden: number,
    dtype: DType,
  ): LstmCellGrads;
  gruCell(ig: Dense, hg: Dense, hx: Dense, batch: number, hidden: number, dtype: DType): GruCellOutputs;
  gruCellBackward(
    dhy: Dense,
    hg: Dense,
    hx: Dense,
    workspace: Dense,
    batch: number,
    hidden: number,
    dtype: DType,
  ): GruCellGrads;
}

type Lane = (x: number) => number;

interface Arithmetic {
  round: Lane;
  /** The vectorized sigmoid, on whole blocks; the scalar one on the rest. */
  sigmoidBlock: Lane;
  sigmoidTail: Lane;
  tanh: Lane;
  block: number;
}

const FLOAT: Arithmetic = {
  round: f,
  sigmoidBlock: (x) => f(1 / f(1 + expf(f(0 - x)))),
  sigmoidTail: (x) => f(1 / f(1 + glibc.expf(-x))),
  tanh: tanhf,
  block: 16,
};

const DOUBLE: Arithmetic = {
  round: (x) => x,
  sigmoidBlock: (x) => 1 / (1 + sleefd.exp(0 - x)),
  sigmoidTail: (x) => 1 / (1 + glibcd.exp(-x)),
  tanh: sleefd.tanh,
  block: 8,
};

const arithmetic = (dtype: DType): Arithmetic => (dtype === float32 ? FLOAT : DOUBLE);

/** sigmoid_backward: grad * (1 - y) * y. */
const sigmoidGrad = (r: Lane, g: number, y: number): number => r(r(g * r(1 - y)) * y);
/** TanhBackward0: grad * (1 - y * y). */
const tanhGrad = (r: Lane, g: number, y: number): number => r(g * r(1 - r(y * y)));

/**
 * LSTMCell's pointwise part: gates = hg + ig, chunked into i, f, g, o; i, f, o = sigmoid (on [B, H] views with
 * rows of H: whole blocks at the start of each row vectorized), g = tanh; cy = f * cx + i * g;
 * hy = o * tanh(cy).
 */
export function lstmCell(
  ig: Dense,
  hg: Dense,
  cx: Dense,
  batch: number,
  hidden: number,
  dtype: DType,
): LstmCellOutputs {
  const { round: r, sigmoidBlock, sigmoidTail, tanh, block } = arithmetic(dtype);
  const H = hidden;
  const hy = allocate(dtype, batch * H);
  const cy = allocate(dtype, batch * H);
  const ws = allocate(dtype, batch * 5 * H);
  const vectorEnd = H - (H % block);
  const I = ig.data;
  const G = hg.data;
  const C = cx.data;
  for (let b = 0; b < batch; b++) {
    const gi = ig.offset + b * 4 * H;
    const gh = hg.offset + b * 4 * H;
    const w = b * 5 * H;
    for (let j = 0; j < H; j++) {
      const sigmoid = j < vectorEnd ? sigmoidBlock : sigmoidTail;
      const ingate = sigmoid(r(G[gh + j] + I[gi + j]));
      const forgetgate = sigmoid(r(G[gh + H + j] + I[gi + H + j]));
      const cellgate = tanh(r(G[gh + 2 * H + j] + I[gi + 2 * H + j]));
      const outgate = sigmoid(r(G[gh + 3 * H + j] + I[gi + 3 * H + j]));
      const c = r(r(forgetgate * C[cx.offset + b * H + j]) + r(ingate * cellgate));
      const tc = tanh(c);
      cy[b * H + j] = c;
      hy[b * H + j] = r(outgate * tc);
      ws[w + j] = ingate;
      ws[w + H + j] = forgetgate;
      ws[w + 2 * H + j] = cellgate;
      ws[w + 3 * H + j] = outgate;
      ws[w + 4 * H + j] = tc;
    }
  }
  return { hy, cy, workspace: ws };
}

/**
 * The gradients autograd gives the unfused cell: hy = o * tanh(cy) (MulBackward0, TanhBackward0), cy's
 * gradient plus tanh's (two buffers summed), cy = f * cx + i * g, the sigmoid and tanh backwards, and the
 * chunk's gradients side by side (a gate with none, outgate when hy got none, is zeros).
 */
export function lstmCellBackward(
  dhy: Dense | null,
  dcy: Dense | null,
  cx: Dense,
  workspace: Dense,
  batch: number,
  hidden: number,
  dtype: DType,
): LstmCellGrads {
  const r = arithmetic(dtype).round;
  const H = hidden;
  const dgates = allocate(dtype, batch * 4 * H);
  const dcx = allocate(dtype, batch * H);
  const W = workspace.data;
  for (let b = 0; b < batch; b++) {
    const w = workspace.offset + b * 5 * H;
    const d = b * 4 * H;
    for (let j = 0; j < H; j++) {
      const ingate = W[w + j];
      const forgetgate = W[w + H + j];
      const cellgate = W[w + 2 * H + j];
      const outgate = W[w + 3 * H + j];
      const tc = W[w + 4 * H + j];
      const k = b * H + j;
      let dc = 0;
      let dOut = 0;
      if (dhy !== null) {
        const g = dhy.data[dhy.offset + k];
        dOut = sigmoidGrad(r, r(g * tc), outgate);
        const fromH = tanhGrad(r, r(g * outgate), tc);
        dc = dcy !== null ? r(dcy.data[dcy.offset + k] + fromH) : fromH;
      } else if (dcy !== null) dc = dcy.data[dcy.offset + k];
      const c = cx.data[cx.offset + k];
      dcx[k] = r(dc * forgetgate);
      dgates[d + j] = sigmoidGrad(r, r(dc * cellgate), ingate);
      dgates[d + H + j] = sigmoidGrad(r, r(dc * c), forgetgate);
      dgates[d + 2 * H + j] = tanhGrad(r, r(dc * ingate), cellgate);
      dgates[d + 3 * H + j] = dOut;
    }
  }
  return { dgates, dcx };
}

/**
 * GRUCell's pointwise part: r = sigmoid(hr + ir), z = sigmoid(hz + iz) (each on a fresh dense [B, H] tensor:
 * whole blocks of the flat B * H elements vectorized), n = tanh(in + hn * r), hy = (hx - n) * z + n.
 */
export function gruCell(
  ig: Dense,
  hg: Dense,
  hx: Dense,
  batch: number,
  hidden: number,
  dtype: DType,
): GruCellOutputs {
  const { round: r, sigmoidBlock, sigmoidTail, tanh, block } = arithmetic(dtype);
  const H = hidden;
  const n = batch * H;
  const hy = allocate(dtype, n);
  const ws = allocate(dtype, batch * 3 * H);
  const vectorEnd = n - (n % block);
  const I = ig.data;
  const G = hg.data;
  for (let b = 0; b < batch; b++) {
    const gi = ig.offset + b * 3 * H;
    const gh = hg.offset + b * 3 * H;
    const w = b * 3 * H;
    for (let j = 0; j < H; j++) {
      const k = b * H + j;
      const sigmoid = k < vectorEnd ? sigmoidBlock : sigmoidTail;
      const resetgate = sigmoid(r(G[gh + j] + I[gi + j]));
      const inputgate = sigmoid(r(G[gh + H + j] + I[gi + H + j]));
      const newgate = tanh(r(I[gi + 2 * H + j] + r(G[gh + 2 * H + j] * resetgate)));
      hy[k] = r(r(r(hx.data[hx.offset + k] - newgate) * inputgate) + newgate);
      ws[w + j] = resetgate;
      ws[w + H + j] = inputgate;
      ws[w + 2 * H + j] = newgate;
    }
  }
  return { hy, workspace: ws };
}

/**
 * The gradients autograd gives the unfused GRU cell: hy = (hx - n) * z + n (AddBackward0, MulBackward0,
 * SubBackward0; n's two buffers summed), n = tanh(in + hn * r), the sigmoid backwards of r and z; the input
 * gates get (dr, dz, dn), the hidden gates (dr, dz, dn * r), hx the subtraction's gradient.
 */
export function gruCellBackward(
  dhy: Dense,
  hg: Dense,
  hx: Dense,
  workspace: Dense,
  batch: number,
  hidden: number,
  dtype: DType,
): GruCellGrads {
  const r = arithmetic(dtype).round;
  const H = hidden;
  const dig = allocate(dtype, batch * 3 * H);
  const dhg = allocate(dtype, batch * 3 * H);
  const dhx = allocate(dtype, batch * H);
  const W = workspace.data;
  for (let b = 0; b < batch; b++) {
    const w = workspace.offset + b * 3 * H;
    const gh = hg.offset + b * 3 * H;
    const d = b * 3 * H;
    for (let j = 0; j < H; j++) {
      const k = b * H + j;
      const resetgate = W[w + j];
      const inputgate = W[w + H + j];
      const newgate = W[w + 2 * H + j];
      const g = dhy.data[dhy.offset + k];
      const diff = r(hx.data[hx.offset + k] - newgate);
      const dDiff = r(g * inputgate);
      const dz = sigmoidGrad(r, r(g * diff), inputgate);
      const dn = tanhGrad(r, r(g + -dDiff), newgate);
      const hn = hg.data[gh + 2 * H + j];
      const dr = sigmoidGrad(r, r(dn * hn), resetgate);
      dhx[k] = dDiff;
      dig[d + j] = dr;
      dig[d + H + j] = dz;
      dig[d + 2 * H + j] = dn;
      dhg[d + j] = dr;
      dhg[d + H + j] = dz;
      dhg[d + 2 * H + j] = r(dn * resetgate);
    }
  }
  return { dig, dhg, dhx };
}

export const jsRnnKernels: RnnKernels = { lstmCell, lstmCellBackward, gruCell, gruCellBackward };
