// The tensor side of the backends' fused optimizer updates (src/backend/native/optim.ts): which parameters
// they may update in place, and the version counters the TypeScript path's in-place ops would have bumped.
import { backend } from "../backend/backend.js";
import type { AdamHyper, FusedOptimizer, SgdHyper } from "../backend/native/optim.js";
import type { Tensor } from "../tensor/tensor.js";

/** Distinct storages none of which is an inference tensor's (whose in-place update must raise, in TypeScript). */
function updatable(...tensors: Tensor[]): boolean {
  const storages = new Set(tensors.map((t) => t._storage));
  return storages.size === tensors.length && tensors.every((t) => !t._storage.inference);
}

/**
 * One _single_tensor_sgd update of `param` by the backend's fused kernel, when it has one and takes these
 * operands (momentum needs the buffer of an earlier step); false, having done nothing, otherwise.
 */
export function fusedSgdStep(param: Tensor, grad: Tensor, buf: Tensor | null, h: SgdHyper): boolean {
  const kernels = backend().optim;
  if (!kernels) return false;
  const scalars = [h.lr, h.momentum, h.dampening, h.weight_decay];
  if (!scalars.every((v) => typeof v === "number")) return false;
  const withBuf = h.momentum !== 0;
  if (withBuf && buf === null) return false;
  if (!updatable(param, grad, ...(withBuf ? [buf as Tensor] : []))) return false;
  if (!kernels.sgd(param._view(), grad._view(), withBuf ? (buf as Tensor)._view() : null, h)) return false;
  // As the TypeScript path's add_(param) and mul_(buf), add_(buf).
  param._bumpVersion();
  if (withBuf) {
    buf!._bumpVersion();
    buf!._bumpVersion();
  }
  return true;
}

/**
 * One _single_tensor_adam(w) update of `param` (its step already counted) by the backend's fused kernel, when
 * it has one and takes these operands; false, having done nothing, otherwise.
 */
export function fusedAdamStep(
  param: Tensor,
  grad: Tensor,
  state: Record<string, unknown>,
  h: AdamHyper,
): boolean {
  const kernels = backend().optim;
  if (!kernels) return false;
  const scalars = [h.lr, h.beta1, h.beta2, h.eps, h.weight_decay, h.step_size, h.bias_correction2_sqrt];
  if (!scalars.every((v) => typeof v === "number")) return false;
  const exp_avg = state.exp_avg as Tensor;
  const exp_avg_sq = state.exp_avg_sq as Tensor;
  const max = h.amsgrad ? (state.max_exp_avg_sq as Tensor) : null;
  const moments = max ? [exp_avg, exp_avg_sq, max] : [exp_avg, exp_avg_sq];
  if (!updatable(param, grad, ...moments)) return false;
  const views = {
    exp_avg: exp_avg._view(),
    exp_avg_sq: exp_avg_sq._view(),
    max_exp_avg_sq: max?._view() ?? null,
  };
  if (!kernels.adam(param._view(), grad._view(), views, h)) return false;
  // As the TypeScript path's in-place ops: mul_ (AdamW) and addcdiv_ on param, mul_ and add_ on exp_avg,
  // mul_ and copy_ on exp_avg_sq, copy_ on max_exp_avg_sq.
  if (h.decoupled) param._bumpVersion();
  param._bumpVersion();
  for (let i = 0; i < 2; i++) {
    exp_avg._bumpVersion();
    exp_avg_sq._bumpVersion();
  }
  max?._bumpVersion();
  return true;
}

/**
 * One update of `param` by the backend's fused kernel for `op` (src/backend/native/optim.ts; native/optim.h has
 * each op's states, hyper and flags), when it has one and takes these operands; false, having done nothing,
 * otherwise. `states` pairs each state tensor (null: unused with these options) with the number of in-place
 * ops the TypeScript path runs on it, `paramOps` those on param: their version counters move as they would.
 */
export function fusedOptimStep(
  op: FusedOptimizer,
  param: Tensor,
  grad: Tensor,
  states: readonly [Tensor | null, number][],
  paramOps: number,
  hyper: readonly number[],
  flags: number,
): boolean {
  const kernels = backend().optim;
  if (!kernels) return false;
  if (!hyper.every((v) => typeof v === "number")) return false;
  const used = states.filter(([t]) => t !== null).map(([t]) => t as Tensor);
  if (!updatable(param, grad, ...used)) return false;
  const views = states.map(([t]) => t?._view() ?? null);
  if (!kernels.step(op, param._view(), grad._view(), views, hyper, flags)) return false;
  for (let i = 0; i < paramOps; i++) param._bumpVersion();
  for (const [t, ops] of states) for (let i = 0; t !== null && i < ops; i++) t._bumpVersion();
  return true;
}
