// F.ctc_loss and torch.ctc_loss (PyTorch 1.13's aten/src/ATen/native/LossCTC.cpp on the CPU): the composite
// ctc_loss (lengths as lists or tensors, unbatched input, zero_infinity, the reductions) around _ctc_loss, whose
// one node is CtcLossBackward0. _ctc_loss_backward has no derivative in PyTorch: its node raises on a second one.
import { is_grad_enabled } from "../autograd/grad_mode.js";
import * as kernels from "../backend/js/nn_ctc.js";
import { RuntimeError } from "../errors.js";
import { defineOps, definePython } from "../signatures/registry.js";
import { zeros } from "../tensor/creation.js";
import { float32, float64, int64, type DType } from "../tensor/dtype.js";
import { Tensor } from "../tensor/tensor.js";
import { fromData, record } from "./core.js";
import { div, eq, where } from "./elementwise.js";
import { checkReduction } from "./nn_losses.js";
import { meanAll, sumAll } from "./reduce.js";
import { squeeze, unsqueeze } from "./shape.js";

const FROM = "(while checking arguments for ctc_loss_cpu)";

/** What the CtcLossBackward0 row reads: the problem (without values of log_probs) and the forward's results. */
export interface CtcSaved {
  logProbs: Tensor;
  problem: Omit<kernels.CtcProblem, "logProbs" | "f32">;
  nll: Float64Array;
  logAlpha: Float64Array;
  zeroInfinity: boolean;
}

/** ctc_loss_cpu_template's checks and bookkeeping: where each item's targets are, and the alphas' width. */
function problemOf(
  logProbs: Tensor,
  targets: Tensor,
  inputLengths: number[],
  targetLengths: number[],
  blank: number,
): Omit<kernels.CtcProblem, "logProbs" | "f32"> {
  if (logProbs.ndim !== 3)
    throw new RuntimeError(
      `Expected 3-dimensional tensor, but got ${logProbs.ndim}-dimensional tensor for argument #1 'log_probs' ${FROM}`,
    );
  if (targets.ndim < 1 || targets.ndim >= 3)
    throw new RuntimeError(
      `Expected 1 to 2 dimensions, but got ${targets.ndim}-dimensional tensor for argument #2 'targets' ${FROM}`,
    );
  const [maxInputLength, batch, labels] = logProbs.shape;
  if (!(blank >= 0 && blank < labels)) throw new RuntimeError("blank must be in label range");
  if (inputLengths.length !== batch) throw new RuntimeError("input_lengths must be of size batch_size");
  if (targetLengths.length !== batch) throw new RuntimeError("target_lengths must be of size batch_size");
  const batchOffsets: number[] = [];
  let maxTargetLength = 0;
  let targetStride: number;
  if (targets.ndim === 1) {
    let pos = 0;
    for (let i = 0; i < batch; i++) {
      batchOffsets.push(pos);
      pos += targetLengths[i];
      maxTargetLength = Math.max(maxTargetLength, targetLengths[i]);
    }
    targetStride = 1;
    if (targets.shape[0] !== pos)
      throw new RuntimeError(
        `Expected tensor to have size ${pos} at dimension 0, but got size ${targets.shape[0]} for argument #2 'targets' ${FROM}`,
      );
  } else {
    const width = targets.shape[1];
    for (let i = 0; i < batch; i++) {
      batchOffsets.push(i * width);
      maxTargetLength = Math.max(maxTargetLength, targetLengths[i]);
    }
    targetStride = 1;
    if (targets.shape[0] !== batch)
      throw new RuntimeError(
        `Expected tensor to have size ${batch} at dimension 0, but got size ${targets.shape[0]} for argument #2 'targets' ${FROM}`,
      );
    if (width < maxTargetLength)
      throw new RuntimeError(
        `Expected tensor to have size at least ${maxTargetLength} at dimension 1, but got size ${width} for argument #2 'targets' ${FROM}`,
      );
  }
  for (const length of inputLengths)
    if (length > maxInputLength)
      throw new RuntimeError(
        `Expected input_lengths to have value at most ${maxInputLength}, but got value ${length} ${FROM}`,
      );
  // log_alpha.narrow(1, 0, 1).fill_(neginf) on an input of no time steps.
  if (maxInputLength === 0) throw new RuntimeError("start (0) + length (1) exceeds dimension size (0).");
  return {
    maxInputLength,
    batch,
    labels,
    targets: Float64Array.from(targets.contiguous().values()),
    batchOffsets,
    targetStride,
    inputLengths,
    targetLengths,
    states: 2 * maxTargetLength + 1,
    blank,
  };
}

const floatValues = (t: Tensor) => t.detach().contiguous().values();
const asDtype = (values: Float64Array, shape: number[], dtype: DType) =>
  fromData(dtype === float32 ? Float32Array.from(values) : values, shape, dtype);

/** at::_ctc_loss on the CPU: each batch item's negative log likelihood (the alphas are kept for the backward). */
function ctcLossCore(
  logProbs: Tensor,
  targets: Tensor,
  inputLengths: number[],
  targetLengths: number[],
  blank: number,
  zeroInfinity: boolean,
): Tensor {
  if (logProbs.dtype !== float32 && logProbs.dtype !== float64)
    throw new RuntimeError(`"ctc_loss_cpu" not implemented for '${logProbs.dtype.scalarTypeName}'`);
  const problem = problemOf(logProbs, targets, inputLengths, targetLengths, blank);
  const f32 = logProbs.dtype === float32;
  const { nll, logAlpha } = kernels.ctcForward({ ...problem, logProbs: floatValues(logProbs), f32 });
  const out = asDtype(nll, [problem.batch], logProbs.dtype);
  return record("CtcLossBackward0", [logProbs], out, () => ({
    logProbs,
    problem,
    nll,
    logAlpha,
    zeroInfinity,
  }));
}

/** @internal _ctc_loss_backward: the gradient of log_probs; its node raises when differentiated again. */
export function ctc_loss_backward(grad: Tensor, s: CtcSaved): Tensor {
  const f32 = s.logProbs.dtype === float32;
  const values = kernels.ctcBackward(
    { ...s.problem, logProbs: floatValues(s.logProbs), f32 },
    floatValues(grad.to(s.logProbs.dtype)),
    s.nll,
    s.logAlpha,
    s.zeroInfinity,
  );
  const out = asDtype(values, [...s.logProbs.shape], s.logProbs.dtype);
  const needing = [grad, s.logProbs].find((t) => t.requires_grad);
  if (!is_grad_enabled() || needing === undefined) return out;
  return record("torch::autograd::NotImplemented", [needing], out, () => ({ op: "_ctc_loss_backward" }));
}

/** An int list argument's values, or a lengths tensor's (which must be integral). */
function lengthsOf(lengths: Tensor | number[], name: string): number[] {
  if (!(lengths instanceof Tensor)) return lengths;
  if (lengths.dtype.is_floating_point || lengths.dtype.is_complex || lengths.dtype.name === "bool")
    throw new RuntimeError(`${name} must be integral`);
  return Array.from(lengths.to(int64).contiguous().values(), Number);
}

/**
 * torch.ctc_loss(log_probs, targets, input_lengths, target_lengths, blank=0, reduction=Mean, zero_infinity=False):
 * reduction is the enum (0 none, 1 mean, 2 sum); mean divides each loss by its target length (at least 1).
 */
export function ctc_loss_native(
  log_probs: Tensor,
  targets: Tensor,
  input_lengths: Tensor | number[],
  target_lengths: Tensor | number[],
  blank = 0,
  reduction = 1,
  zero_infinity = false,
): Tensor {
  const il = lengthsOf(input_lengths, "input_lengths");
  const tl = lengthsOf(target_lengths, "target_lengths");
  const batched = log_probs.ndim === 3;
  const lp = batched ? log_probs : unsqueeze(log_probs, 1);
  let res = ctcLossCore(lp, targets.to(int64), il, tl, blank, zero_infinity);
  if (zero_infinity) res = where(eq(res, Infinity), zeros([], { dtype: res.dtype }), res);
  if (reduction === 1) {
    const lengths = fromData(
      Float64Array.from(tl, (v) => Math.max(v, 1)),
      [tl.length],
      int64,
    ).to(res.dtype);
    return meanAll(div(res, lengths));
  }
  if (reduction === 2) return sumAll(res);
  return batched ? res : squeeze(res, 0);
}

/** F.ctc_loss: the reduction string as its enum, then torch.ctc_loss. */
export function ctc_loss(
  log_probs: Tensor,
  targets: Tensor,
  input_lengths: Tensor | number[],
  target_lengths: Tensor | number[],
  blank = 0,
  reduction = "mean",
  zero_infinity = false,
): Tensor {
  const r = checkReduction(reduction);
  const e = r === "none" ? 0 : r === "mean" ? 1 : 2;
  return ctc_loss_native(log_probs, targets, input_lengths, target_lengths, blank, e, zero_infinity);
}

defineOps("torch", {
  "ctc_loss(Tensor log_probs, Tensor targets, IntArrayRef input_lengths, IntArrayRef target_lengths, int64_t blank=0, int64_t reduction=at::Reduction::Mean, bool zero_infinity=False) -> Tensor":
    ctc_loss_native,
  "ctc_loss(Tensor log_probs, Tensor targets, Tensor input_lengths, Tensor target_lengths, int64_t blank=0, int64_t reduction=at::Reduction::Mean, bool zero_infinity=False) -> Tensor":
    ctc_loss_native,
});

definePython("torch.nn.functional", {
  "ctc_loss(log_probs: Tensor, targets: Tensor, input_lengths: Tensor | int[], target_lengths: Tensor | int[], blank: int = 0, reduction: str = 'mean', zero_infinity: bool = False) -> Tensor":
    ctc_loss,
});
