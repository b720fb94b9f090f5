// One node for a whole LSTM layer over a padded sequence (what PyTorch 2's CPU path records as
// MkldnnRnnLayerBackward0), in place of the two nodes per time step (the hidden linear's AddmmBackward0 and
// TBackward0, the fused cell's ThnnFusedLstmCellBackward0) and the UnbindBackward0 of the input gates.
// Forward and backward run the very kernels those nodes run, in the order the engine runs them, so values and
// gradients keep their bits: a step's hidden gradient is the sum of two terms (the output's and the next
// step's), the weight's and bias's gradients are summed over the steps from the last one back, as the
// engine's input buffers sum them. What changes is the cost: no node, no edge and no input buffer per step,
// and w_hh's per-step gradient products are added into one array by BLAS (beta = 1; the product of one
// k-block, rounded, added once: the bits of mm then add) instead of being allocated and then added.
// Under create_graph the backward recomputes the layer with the per-step ops and differentiates that graph,
// so higher derivatives are those of the per-step path.
import { grad as autogradGrad } from "../autograd/engine.js";
import type { FormulaContext } from "../autograd/derivative.js";
import { is_grad_enabled, no_grad } from "../autograd/grad_mode.js";
import { backend } from "../backend/backend.js";
import type { LstmCellBackwardInto, LstmWeightGradKernel } from "../backend/native/rnn.js";
import { zeros } from "../tensor/creation.js";
import { allocate, float32, float64, type DType } from "../tensor/dtype.js";
import type { Tensor } from "../tensor/tensor.js";
import { fromData, recordOutputs } from "./core.js";
import { addmm, mm } from "./linalg.js";
import { mmMat1Backward } from "./derivatives/linalg.js";
import { dense, FUSED_CELLS, kernels } from "./nn_rnn_fused.js";
import { t } from "./shape.js";

/** The weights a layer steps with (nn_rnn.ts's CellParams without projections). */
export interface LayerParams {
  w_hh: Tensor;
  b_hh: Tensor | null;
}

/** What MkldnnRnnLayerBackward0 keeps. */
export interface FusedLstmLayerSaved {
  input_gates: Tensor;
  hx: Tensor;
  cx: Tensor;
  w_hh: Tensor;
  b_hh: Tensor | null;
  /** every step's h and c ([B, H]), and activated gates and tanh(c) ([B, 5H]) */
  hs: Tensor[];
  cs: Tensor[];
  workspaces: Tensor[];
  /** The per-step layer on the same inputs, with its graph (create_graph's backward differentiates it). */
  recompute: () => Tensor[];
}

/** @internal Tests turn the one-node layer off to compare it with the node-per-step layer. */
export const FUSED_LAYERS = { enabled: true };

/**
 * Whether one node may run the layer: grad recorded, the fused cells on, no projections, one float dtype,
 * input gates [T, B, 4H] dense, states [B, H], w_hh [4H, H] row-major (its transpose column-major, as
 * mm_mat2_backward tests).
 */
function applies(ig: Tensor, h0: Tensor, c0: Tensor, p: LayerParams): boolean {
  if (!FUSED_CELLS.enabled || !FUSED_LAYERS.enabled || !is_grad_enabled()) return false;
  const inputs = [ig, h0, c0, p.w_hh, p.b_hh];
  if (!inputs.some((x) => x !== null && x.requires_grad)) return false;
  const dtype = ig.dtype;
  if (dtype !== float32 && dtype !== float64) return false;
  if (inputs.some((x) => x !== null && x.dtype !== dtype)) return false;
  if (ig.ndim !== 3 || h0.ndim !== 2 || c0.ndim !== 2 || p.w_hh.ndim !== 2 || !ig.is_contiguous())
    return false;
  const [steps, batch, width] = ig.shape;
  const [b, hidden] = c0.shape;
  if (steps === 0 || batch === 0 || hidden === 0 || b !== batch || width !== 4 * hidden) return false;
  if (h0.shape[0] !== batch || h0.shape[1] !== hidden) return false;
  const w = p.w_hh;
  if (w.shape[0] !== width || w.shape[1] !== hidden || w.stride(1) !== 1 || w.stride(0) !== hidden)
    return false;
  return p.b_hh === null || (p.b_hh.ndim === 1 && p.b_hh.shape[0] === width);
}

/**
 * The layer over input gates `ig` (linear_ih of the whole sequence, [T, B, 4H]) from (h0, c0): each step's h,
 * and the last c; null when one node can't run it (nn_rnn.ts then steps with a node per step).
 */
export function fusedLstmLayer(
  ig: Tensor,
  h0: Tensor,
  c0: Tensor,
  p: LayerParams,
  recompute: () => Tensor[],
): { hs: Tensor[]; c: Tensor } | null {
  if (!applies(ig, h0, c0, p)) return null;
  const [steps, batch, width] = ig.shape;
  const hidden = c0.shape[1];
  const dtype = ig.dtype;
  const hs: Tensor[] = [];
  const cs: Tensor[] = [];
  const workspaces: Tensor[] = [];
  const gates = ig._storage.data;
  const wT = t(p.w_hh);
  no_grad(() => {
    let h = h0;
    let c = c0;
    for (let s = 0; s < steps; s++) {
      // linear(h, w_hh, b_hh) as nn_rnn.ts's cell calls it: addmm with a bias, mm without.
      const hg = p.b_hh === null ? mm(h, wT) : addmm(p.b_hh, h, wT);
      const stepGates = { data: gates, offset: ig._offset + s * batch * width };
      const r = kernels().lstmCell(stepGates, dense(hg), dense(c), batch, hidden, dtype);
      h = fromData(r.hy, [batch, hidden], dtype);
      c = fromData(r.cy, [batch, hidden], dtype);
      hs.push(h);
      cs.push(c);
      workspaces.push(fromData(r.workspace, [batch, 5 * hidden], dtype));
    }
  });
  const outputs = recordOutputs(
    "MkldnnRnnLayerBackward0",
    [ig, h0, c0, p.w_hh, p.b_hh],
    [...hs, cs[steps - 1]],
    () => ({ input_gates: ig, hx: h0, cx: c0, w_hh: p.w_hh, b_hh: p.b_hh, hs, cs, workspaces, recompute }),
  );
  return { hs: outputs.slice(0, steps), c: outputs[steps] };
}

/** w_hh's gradient summed over the steps: BLAS adds each step's product into one array where it can. */
class WeightGradSum {
  /** The array BLAS sums into, while it does. */
  private data: Float32Array | Float64Array | null = null;
  private sum: Tensor | null = null;
  private blas = true;
  constructor(
    private readonly rows: number,
    private readonly cols: number,
    private readonly dtype: DType,
  ) {}

  /** Adds dgatesᵀ @ h (mm_mat2_backward of the step's addmm, transposed back by TBackward0). */
  add(dgates: Tensor, h: Tensor): void {
    if (this.blas) {
      const kernel = (backend().rnn as Partial<LstmWeightGradKernel> | undefined)?.lstmWeightGrad;
      const [batch, hidden] = h.shape;
      const data = this.data ?? (allocate(this.dtype, this.rows * this.cols) as Float32Array | Float64Array);
      const rowMajor = h.stride(1) === 1 && h.stride(0) === hidden;
      if (
        kernel &&
        rowMajor &&
        kernel(dense(dgates), dense(h), data, batch, this.rows, hidden, this.data !== null)
      ) {
        this.data = data;
        return;
      }
      this.blas = false;
      if (this.data !== null) this.sum = fromData(this.data, [this.rows, this.cols], this.dtype);
      this.data = null;
    }
    const product = mm(t(dgates), h);
    this.sum = this.sum === null ? product : this.sum.add(product);
  }

  result(): Tensor | null {
    return this.data !== null ? fromData(this.data, [this.rows, this.cols], this.dtype) : this.sum;
  }
}

/** The gradients of the input gates, h0, c0, w_hh and b_hh. */
export function fusedLstmLayerBackward(s: FusedLstmLayerSaved, ctx: FormulaContext): (Tensor | null)[] {
  const grads = ctx.gradOutputs;
  const needs = ctx.needsInputGrad;
  const steps = s.hs.length;
  if (is_grad_enabled()) return recomputedBackward(s, ctx);
  const [batch, hidden] = s.cx.shape;
  const width = 4 * hidden;
  const dtype = s.cx.dtype;
  const dInput = needs[0] ? (allocate(dtype, steps * batch * width) as Float32Array | Float64Array) : null;
  const weight = needs[3] ? new WeightGradSum(width, hidden, dtype) : null;
  let bias: Tensor | null = null;
  let dh: Tensor | null = null;
  let dc: Tensor | null = grads[steps];
  let dh0: Tensor | null = null;
  let dc0: Tensor | null = null;
  for (let step = steps - 1; step >= 0; step--) {
    // The step's h gets the output's gradient and the next step's (two terms: either order, same bits).
    const fromOutput = grads[step];
    const dhy = fromOutput && dh ? fromOutput.add(dh) : (fromOutput ?? dh);
    const cPrev = step > 0 ? s.cs[step - 1] : s.cx;
    const hPrev = step > 0 ? s.hs[step - 1] : s.hx;
    // No gradient for either state (the kernel needs one): a zero dc, as the per-step cell's zeros.
    if (!dhy && !dc) dc = zeros([batch, hidden], { dtype });
    const slice = dInput?.subarray(step * batch * width, (step + 1) * batch * width);
    const r = (kernels().lstmCellBackward as LstmCellBackwardInto).call(
      kernels(),
      dhy ? dense(dhy) : null,
      dc ? dense(dc) : null,
      dense(cPrev),
      dense(s.workspaces[step]),
      batch,
      hidden,
      dtype,
      slice && { dgates: slice },
    );
    if (dInput && r.dgates !== slice) dInput.set(r.dgates, step * batch * width);
    const dgates = fromData(r.dgates, [batch, width], dtype);
    // AddmmBackward0 of the step's linear: the bias's (summed to its size), w_hh's, h's.
    if (needs[4] && s.b_hh !== null) {
      const db = dgates.sum_to_size([width]);
      bias = bias === null ? db : bias.add(db);
    }
    weight?.add(dgates, hPrev);
    dh = null;
    if (step > 0 || needs[1]) dh = mmMat1Backward(dgates, hPrev, t(s.w_hh));
    dc = fromData(r.dcx, [batch, hidden], dtype);
    if (step === 0) {
      dh0 = needs[1] ? dh : null;
      dc0 = needs[2] ? dc : null;
    }
  }
  return [
    dInput ? fromData(dInput, [steps, batch, width], dtype) : null,
    dh0,
    dc0,
    weight?.result() ?? null,
    bias,
  ];
}

/** create_graph: the per-step layer again, with its graph, differentiated with that graph recorded. */
function recomputedBackward(s: FusedLstmLayerSaved, ctx: FormulaContext): (Tensor | null)[] {
  const inputs = [s.input_gates, s.hx, s.cx, s.w_hh, s.b_hh];
  const wanted = inputs.map((x, i) => (x !== null && ctx.needsInputGrad[i] && x.requires_grad ? x : null));
  const targets = wanted.filter((x): x is Tensor => x !== null);
  const outputs = s.recompute();
  const pairs = outputs
    .map((o, i) => [o, ctx.gradOutputs[i]] as const)
    .filter((pair): pair is readonly [Tensor, Tensor] => pair[1] !== null && pair[0].requires_grad);
  if (targets.length === 0 || pairs.length === 0) return inputs.map(() => null);
  const found = autogradGrad(
    pairs.map(([o]) => o),
    targets,
    pairs.map(([, g]) => g),
    true,
    true,
    true,
  );
  let k = 0;
  return wanted.map((x) => (x === null ? null : found[k++]));
}
