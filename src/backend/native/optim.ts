// The optimizers' fused updates on the native backend (native/optim.c): one C pass per parameter instead of
// the five to fifteen tensor ops (and their float64 temporaries) of the TypeScript path, with its arithmetic.
// No size cutover: the TypeScript path costs tens of µs per parameter even for a bias of ten elements.
import type { StridedArray } from "../backend.js";
import { isContiguous, numel } from "../../tensor/shape.js";
import { OP_CODES, type RawAddon } from "./addon.js";

/** The hyperparameters of one SGD update of a parameter group (src/optim/sgd.ts). */
export interface SgdHyper {
  lr: number;
  momentum: number;
  dampening: number;
  weight_decay: number;
  nesterov: boolean;
  maximize: boolean;
}

/** The scalars of one Adam or AdamW update, with this step's step_size and sqrt(bias_correction2). */
export interface AdamHyper {
  lr: number;
  beta1: number;
  beta2: number;
  eps: number;
  weight_decay: number;
  amsgrad: boolean;
  maximize: boolean;
  /** AdamW's weight decay: param *= 1 - lr * weight_decay */
  decoupled: boolean;
  step_size: number;
  bias_correction2_sqrt: number;
}

/** Adam's per-parameter state tensors as views (max_exp_avg_sq only with amsgrad). */
export interface AdamState {
  exp_avg: StridedArray;
  exp_avg_sq: StridedArray;
  max_exp_avg_sq: StridedArray | null;
}

/** The optimizers of `OptimKernels.step` (native/optim.h lists each one's state arrays, hyper array and flags). */
export type FusedOptimizer = "rmsprop" | "adagrad" | "adamax" | "nadam" | "radam" | "adadelta";

/** `step`'s flags. */
export const OPTIM_FLAGS = { centered: 1, maximize: 2, rectified: 4 } as const;

/** Fused optimizer updates a backend may offer; each returns false, having done nothing, when it declines. */
export interface OptimKernels {
  /**
   * _single_tensor_sgd on one parameter: param (and, with momentum, the existing buf) updated in place from
   * grad, rounding exactly as src/optim/sgd.ts's tensor ops do.
   */
  sgd(param: StridedArray, grad: StridedArray, buf: StridedArray | null, h: SgdHyper): boolean;
  /** _single_tensor_adam(w) on one parameter, after its step count was incremented; as src/optim/adam.ts. */
  adam(param: StridedArray, grad: StridedArray, state: AdamState, h: AdamHyper): boolean;
  /**
   * One update of `op` on one parameter: param and the op's state tensors (in native/optim.h's order; null
   * for one the op doesn't use with these options) updated in place from grad, with the op's scalars.
   */
  step(
    op: FusedOptimizer,
    param: StridedArray,
    grad: StridedArray,
    states: readonly (StridedArray | null)[],
    hyper: readonly number[],
    flags: number,
  ): boolean;
}

type FloatArray = Float32Array | Float64Array;

const isDenseFloat = (x: StridedArray, like: StridedArray) =>
  x.dtype === like.dtype &&
  (x.dtype.name === "float32" || x.dtype.name === "float64") &&
  isContiguous(x.shape, x.strides);

export function nativeOptimKernels(addon: RawAddon): OptimKernels {
  return {
    step(op, param, grad, states, hyper, flags) {
      if (!isDenseFloat(param, param) || !isDenseFloat(grad, param)) return false;
      if (!states.every((s) => s === null || isDenseFloat(s, param))) return false;
      const data = param.data as FloatArray;
      // A state the op doesn't read with these options: an empty array of param's type stands in.
      const none = data.subarray(0, 0);
      const [a, b, c] = [0, 1, 2].map((k) => states[k] ?? null);
      addon.optimStep(
        OP_CODES.optimizer[op],
        data,
        param.offset,
        grad.data as FloatArray,
        grad.offset,
        a ? (a.data as FloatArray) : none,
        a ? a.offset : 0,
        b ? (b.data as FloatArray) : none,
        b ? b.offset : 0,
        c ? (c.data as FloatArray) : none,
        c ? c.offset : 0,
        numel(param.shape),
        Float64Array.from(hyper),
        flags,
      );
      return true;
    },

    sgd(param, grad, buf, h) {
      if (
        !isDenseFloat(param, param) ||
        !isDenseFloat(grad, param) ||
        (h.momentum !== 0 && (buf === null || !isDenseFloat(buf, param)))
      )
        return false;
      const data = param.data as FloatArray;
      // Without momentum buf is never read: an empty array of param's type stands in.
      const bufData = buf && h.momentum !== 0 ? (buf.data as FloatArray) : data.subarray(0, 0);
      addon.sgdStep(
        data,
        param.offset,
        grad.data as FloatArray,
        grad.offset,
        bufData,
        buf && h.momentum !== 0 ? buf.offset : 0,
        numel(param.shape),
        h.lr,
        h.momentum,
        1 - h.dampening,
        h.weight_decay,
        h.nesterov ? 1 : 0,
        h.maximize ? 1 : 0,
      );
      return true;
    },

    adam(param, grad, state, h) {
      const { exp_avg, exp_avg_sq, max_exp_avg_sq } = state;
      if (
        !isDenseFloat(param, param) ||
        !isDenseFloat(grad, param) ||
        !isDenseFloat(exp_avg, param) ||
        !isDenseFloat(exp_avg_sq, param) ||
        (h.amsgrad && (max_exp_avg_sq === null || !isDenseFloat(max_exp_avg_sq, param)))
      )
        return false;
      const data = param.data as FloatArray;
      const max = h.amsgrad ? max_exp_avg_sq : null;
      addon.adamStep(
        data,
        param.offset,
        grad.data as FloatArray,
        grad.offset,
        exp_avg.data as FloatArray,
        exp_avg.offset,
        exp_avg_sq.data as FloatArray,
        exp_avg_sq.offset,
        max ? (max.data as FloatArray) : data.subarray(0, 0),
        max ? max.offset : 0,
        numel(param.shape),
        h.lr,
        h.beta1,
        h.beta2,
        h.eps,
        h.weight_decay,
        h.step_size,
        h.bias_correction2_sqrt,
        (h.amsgrad ? 1 : 0) | (h.maximize ? 2 : 0) | (h.decoupled ? 4 : 0),
      );
      return true;
    },
  };
}
