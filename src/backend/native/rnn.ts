// The native backend's fused recurrent cells: native/rnn.c, the loops of src/backend/js/rnn.ts. Operands go
// to C as their array and offset; an absent gradient as an empty array with its flag 0.
import { jsRnnKernels, type RnnKernels } from "../js/rnn.js";
import type { Dense } from "../js/norm_kernels.js";
import { allocate, type DType } from "../../tensor/dtype.js";
import type { RawAddon } from "./addon.js";

type FloatArray = Float32Array | Float64Array;

const arr = (d: Dense): FloatArray => d.data as FloatArray;
const fresh = (dtype: DType, n: number) => allocate(dtype, n) as FloatArray;

/** Node's Buffer, present wherever the addon loads. */
const NodeBuffer = (globalThis as { Buffer?: { allocUnsafeSlow(size: number): Uint8Array } }).Buffer;

/**
 * An output array the LSTM kernels write every element of: from 64 KiB not zero-filled first (as the native
 * backend's newArray), which a layer's steps otherwise pay for on every gates workspace.
 */
function written(dtype: DType, n: number): FloatArray {
  const bytes = n * dtype.itemsize;
  if (!NodeBuffer || bytes < 64 * 1024) return fresh(dtype, n);
  const { buffer } = NodeBuffer.allocUnsafeSlow(bytes);
  return dtype.name === "float32" ? new Float32Array(buffer, 0, n) : new Float64Array(buffer, 0, n);
}
const empty = (like: FloatArray): FloatArray =>
  like instanceof Float32Array ? new Float32Array(0) : new Float64Array(0);

/**
 * lstmCellBackward writing dgates into `into.dgates` (a [B, 4H] array of cx's type) when given; the TypeScript
 * kernel ignores it and returns a fresh array.
 */
export type LstmCellBackwardInto = (
  ...args: [...Parameters<RnnKernels["lstmCellBackward"]>, into?: { dgates: FloatArray }]
) => ReturnType<RnnKernels["lstmCellBackward"]>;

/** An LSTM layer's w_hh gradient (src/ops/nn_rnn_layer.ts), which only the native backend's kernels offer. */
export interface LstmWeightGradKernel {
  /**
   * out (+)= dgatesᵀ @ h by BLAS, as the native matmul computes mm(dgates.t(), h) (a transposed [gates, batch]
   * operand, a row-major [batch, hidden] one); accumulate adds into out (beta = 1), which for one k-block (a
   * batch of at most 128) rounds as the product then an add. False, having done nothing, when the native
   * matmul would not call BLAS for this size or the batch is outside 2..128.
   */
  lstmWeightGrad(
    dgates: Dense,
    h: Dense,
    out: FloatArray,
    batch: number,
    gates: number,
    hidden: number,
    accumulate: boolean,
  ): boolean;
}

/**
 * `cutover.transcendental` (the native backend's CUTOVER, which tests set to 0): below that many elements per
 * gate the TypeScript loops run.
 */
export function nativeRnnKernels(
  addon: RawAddon,
  cutover: { readonly transcendental: number; readonly matmulFlops?: number },
): RnnKernels & LstmWeightGradKernel {
  return {
    lstmWeightGrad(dgates, h, out, batch, gates, hidden, accumulate) {
      if (batch < 2 || batch > 128 || hidden < 2 || gates * hidden * batch < (cutover.matmulFlops ?? 4096))
        return false;
      if (!(dgates.data instanceof out.constructor) || !(h.data instanceof out.constructor)) return false;
      addon.gemm(
        arr(dgates),
        dgates.offset,
        0,
        1,
        gates,
        arr(h),
        h.offset,
        0,
        0,
        hidden,
        out,
        1,
        gates,
        hidden,
        batch,
        accumulate ? 1 : 0,
      );
      return true;
    },

    lstmCell(ig, hg, cx, batch, hidden, dtype) {
      if (batch * hidden < cutover.transcendental)
        return jsRnnKernels.lstmCell(ig, hg, cx, batch, hidden, dtype);
      const hy = written(dtype, batch * hidden);
      const cy = written(dtype, batch * hidden);
      const workspace = written(dtype, batch * 5 * hidden);
      addon.lstmCell(
        arr(ig),
        ig.offset,
        arr(hg),
        hg.offset,
        arr(cx),
        cx.offset,
        batch,
        hidden,
        hy,
        cy,
        workspace,
      );
      return { hy, cy, workspace };
    },

    lstmCellBackward(dhy, dcy, cx, workspace, batch, hidden, dtype, into?: { dgates: FloatArray }) {
      if (batch * hidden < cutover.transcendental)
        return jsRnnKernels.lstmCellBackward(dhy, dcy, cx, workspace, batch, hidden, dtype);
      // An LSTM layer's backward (src/ops/nn_rnn_layer.ts) has each step's dgates written into its slice of
      // the input gates' gradient; the kernel writes every element.
      const out = into?.dgates;
      const fits =
        out !== undefined && out.length === batch * 4 * hidden && out.constructor === arr(cx).constructor;
      const dgates = fits ? out : written(dtype, batch * 4 * hidden);
      const dcx = written(dtype, batch * hidden);
      const c = arr(cx);
      addon.lstmCellBackward(
        dhy ? arr(dhy) : empty(c),
        dhy ? dhy.offset : 0,
        dhy ? 1 : 0,
        dcy ? arr(dcy) : empty(c),
        dcy ? dcy.offset : 0,
        dcy ? 1 : 0,
        c,
        cx.offset,
        arr(workspace),
        workspace.offset,
        batch,
        hidden,
        dgates,
        dcx,
      );
      return { dgates, dcx };
    },

    gruCell(ig, hg, hx, batch, hidden, dtype) {
      if (batch * hidden < cutover.transcendental)
        return jsRnnKernels.gruCell(ig, hg, hx, batch, hidden, dtype);
      const hy = fresh(dtype, batch * hidden);
      const workspace = fresh(dtype, batch * 3 * hidden);
      addon.gruCell(arr(ig), ig.offset, arr(hg), hg.offset, arr(hx), hx.offset, batch, hidden, hy, workspace);
      return { hy, workspace };
    },

    gruCellBackward(dhy, hg, hx, workspace, batch, hidden, dtype) {
      if (batch * hidden < cutover.transcendental)
        return jsRnnKernels.gruCellBackward(dhy, hg, hx, workspace, batch, hidden, dtype);
      const dig = fresh(dtype, batch * 3 * hidden);
      const dhg = fresh(dtype, batch * 3 * hidden);
      const dhx = fresh(dtype, batch * hidden);
      addon.gruCellBackward(
        arr(dhy),
        dhy.offset,
        arr(hg),
        hg.offset,
        arr(hx),
        hx.offset,
        arr(workspace),
        workspace.offset,
        batch,
        hidden,
        dig,
        dhg,
        dhx,
      );
      return { dig, dhg, dhx };
    },
  };
}
