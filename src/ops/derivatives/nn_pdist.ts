// Derivatives of src/ops/nn_pdist.ts: _pdist_backward's per-norm terms (aten's Dist<scalar_t> backward
// functions, written in tensor ops) for each pair's difference, added to row i and subtracted from row j.
import { derivative } from "../../autograd/derivative.js";
import type { Tensor } from "../../tensor/tensor.js";
import { pdistPairs } from "../nn_pdist.js";

/** One pair's gradient term, diff = x_i - x_j, g its grad and dist its distance (both [K, 1]). */
function term(diff: Tensor, g: Tensor, dist: Tensor, p: number): Tensor {
  const zero = dist.eq(0);
  if (p === 0) return diff.mul(0);
  if (p === 1) return diff.sign().mul(g);
  if (p === 2) return g.mul(diff).div(dist).masked_fill(zero, 0);
  if (p === Infinity) return g.mul(diff.sign()).mul(diff.abs().eq(dist));
  const scaled = g.div(dist.pow(p - 1));
  if (p < 2) {
    const t = diff
      .sign()
      .mul(diff.abs().pow(p - 1))
      .mul(scaled);
    const skip = p < 1 ? zero.logical_or(diff.eq(0)) : zero;
    return t.masked_fill(skip, 0);
  }
  return diff
    .mul(diff.abs().pow(p - 2))
    .mul(scaled)
    .masked_fill(zero, 0);
}

export const NN_PDIST_DERIVATIVES = {
  PdistBackward0: derivative<{ self: Tensor; p: number; result: Tensor }>({
    self: [
      "_pdist_backward(grad, self, p, result)",
      (g, s) => {
        const n = s.self.shape[0];
        if (n <= 1 || s.self.shape[1] === 0) return s.self.mul(0);
        const [rows, cols] = pdistPairs(n);
        const diff = s.self.index_select(0, rows).sub(s.self.index_select(0, cols));
        const t = term(diff, g.unsqueeze(1), s.result.unsqueeze(1), s.p);
        return s.self.mul(0).index_add(0, rows, t).index_add(0, cols, t.neg());
      },
    ],
  }),
};
