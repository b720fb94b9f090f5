// The native backend's fused recurrent cells: native/rnn.c, the loops of src/backend/js/rnn.ts. Operands go
// to C as their array and offset; an absent gradient as an empty array with its flag 0.
import { jsRnnKernels, type RnnKernels } from "../js/rnn.js";
import type { Dense } from "../js/norm_kernels.js";
import { allocate, type DType } from "../../tensor/dtype.js";
import type { RawAddon } from "./addon.js";

type FloatArray = Float32Array | Float64Array;

const arr = (d: Dense): FloatArray => d.data as FloatArray;
const fresh = (dtype: DType, n: number) => allocate(dtype, n) as FloatArray;
const empty = (like: FloatArray): FloatArray =>
  like instanceof Float32Array ? new Float32Array(0) : new Float64Array(0);

/**
 * `cutover.transcendental` (the native backend's CUTOVER, which tests set to 0): below that many elements per
 * gate the TypeScript loops run.
 */
export function nativeRnnKernels(addon: RawAddon, cutover: { readonly transcendental: number }): RnnKernels {
  return {
    lstmCell(ig, hg, cx, batch, hidden, dtype) {
      if (batch * hidden < cutover.transcendental)
        return jsRnnKernels.lstmCell(ig, hg, cx, batch, hidden, dtype);
      const hy = fresh(dtype, batch * hidden);
      const cy = fresh(dtype, batch * hidden);
      const workspace = fresh(dtype, batch * 5 * hidden);
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

    lstmCellBackward(dhy, dcy, cx, workspace, batch, hidden, dtype) {
      if (batch * hidden < cutover.transcendental)
        return jsRnnKernels.lstmCellBackward(dhy, dcy, cx, workspace, batch, hidden, dtype);
      const dgates = fresh(dtype, batch * 4 * hidden);
      const dcx = fresh(dtype, batch * hidden);
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
