// The CTC loss on the CPU (PyTorch 1.13's aten/src/ATen/native/LossCTC.cpp, after Graves et al. 2006): the
// forward's log-space alphas and negative log likelihood, and the backward's betas and gradient of the log
// probabilities. Values are flat row-major arrays; `f32` computes in float32 with glibc's expf and logf (what
// std::exp and std::log on float call), each step rounded as the C++ template does for float.
import { exp } from "./glibc_d.js";
import { expf } from "./glibc_f.js";
import { logf } from "./glibc_logf.js";
import { glibcLog } from "./glibc_log.js";

/** The problem both passes read: log_probs [T, B, C], targets (flat, with each batch item's start and stride). */
export interface CtcProblem {
  logProbs: ArrayLike<number>;
  maxInputLength: number;
  batch: number;
  labels: number;
  targets: ArrayLike<number>;
  /** Where each batch item's targets start in `targets`, and the step between targets. */
  batchOffsets: number[];
  targetStride: number;
  inputLengths: number[];
  targetLengths: number[];
  /** 2 * max_target_length + 1: the alphas' (and betas') last dim. */
  states: number;
  blank: number;
  f32: boolean;
}

function mathOf(f32: boolean) {
  return f32 ? { r: Math.fround, ex: expf, ln: logf } : { r: (x: number) => x, ex: exp, ln: glibcLog };
}

/** get_target_prime: the extended label sequence, blanks at even positions. */
function targetPrime(p: CtcProblem, b: number, s: number): number {
  return s % 2 === 0 ? p.blank : p.targets[p.batchOffsets[b] + p.targetStride * ((s - 1) / 2)];
}

/** ctc_loss_cpu_template: per batch item, the negative log likelihood; and the alphas [B, T, states]. */
export function ctcForward(p: CtcProblem): { nll: Float64Array; logAlpha: Float64Array } {
  const { r, ex, ln } = mathOf(p.f32);
  const { batch, labels, states, maxInputLength: T } = p;
  const lp = (t: number, b: number, c: number) => p.logProbs[(t * batch + b) * labels + c];
  const logAlpha = new Float64Array(batch * T * states).fill(-Infinity);
  const nll = new Float64Array(batch);
  for (let b = 0; b < batch; b++) {
    const inputLength = p.inputLengths[b];
    const targetLength = p.targetLengths[b];
    const la = (t: number, s: number) => (b * T + t) * states + s;
    logAlpha[la(0, 0)] = lp(0, b, p.blank);
    if (targetLength > 0) logAlpha[la(0, 1)] = lp(0, b, targetPrime(p, b, 1));
    for (let t = 1; t < inputLength; t++) {
      for (let s = 0; s < 2 * targetLength + 1; s++) {
        const current = targetPrime(p, b, s);
        const la1 = logAlpha[la(t - 1, s)];
        let lamax = la1;
        let la2 = -Infinity;
        let la3 = -Infinity;
        if (s > 0) {
          la2 = logAlpha[la(t - 1, s - 1)];
          if (la2 > lamax) lamax = la2;
        }
        if (s > 1 && targetPrime(p, b, s - 2) !== current) {
          la3 = logAlpha[la(t - 1, s - 2)];
          if (la3 > lamax) lamax = la3;
        }
        if (lamax === -Infinity) lamax = 0;
        const sum = r(r(ex(r(la1 - lamax)) + ex(r(la2 - lamax))) + ex(r(la3 - lamax)));
        logAlpha[la(t, s)] = r(r(ln(sum) + lamax) + lp(t, b, current));
      }
    }
    if (targetLength === 0) {
      nll[b] = -logAlpha[la(inputLength - 1, 0)];
    } else {
      const l1 = logAlpha[la(inputLength - 1, targetLength * 2)];
      const l2 = logAlpha[la(inputLength - 1, targetLength * 2 - 1)];
      let m = Math.max(l1, l2);
      if (m === -Infinity) m = 0;
      nll[b] = -r(ln(r(ex(r(l1 - m)) + ex(r(l2 - m)))) + m);
    }
  }
  return { nll, logAlpha };
}

/**
 * ctc_loss_backward_cpu_template: the gradient of log_probs [T, B, C] given the gradient of each item's loss,
 * from the betas and the forward's alphas (eq. 16 of the paper); items whose loss is infinite get zeros when
 * zero_infinity is set, and steps past an item's input length get zeros.
 */
export function ctcBackward(
  p: CtcProblem,
  gradOut: ArrayLike<number>,
  nll: ArrayLike<number>,
  logAlpha: ArrayLike<number>,
  zeroInfinity: boolean,
): Float64Array {
  const { r, ex, ln } = mathOf(p.f32);
  const { batch, labels, states, maxInputLength: T } = p;
  const lp = (t: number, b: number, c: number) => p.logProbs[(t * batch + b) * labels + c];
  const grad = new Float64Array(T * batch * labels).fill(-Infinity);
  const gi = (t: number, b: number, c: number) => (t * batch + b) * labels + c;
  const logBeta = new Float64Array(states * T);
  for (let b = 0; b < batch; b++) {
    const zero = (from: number) => {
      for (let t = from; t < T; t++) for (let c = 0; c < labels; c++) grad[gi(t, b, c)] = 0;
    };
    const itemNll = nll[b];
    if (zeroInfinity && itemNll === Infinity) {
      zero(0);
      continue;
    }
    const inputLength = p.inputLengths[b];
    const targetLength = p.targetLengths[b];
    const la = (t: number, s: number) => logAlpha[(b * T + t) * states + s];
    const lb = (t: number, s: number) => t * states + s;
    if (inputLength > 0) {
      const last = inputLength - 1;
      logBeta.fill(-Infinity, lb(last, 0), lb(last, states));
      logBeta[lb(last, 2 * targetLength)] = lp(last, b, p.blank);
      grad[gi(last, b, p.blank)] = r(la(last, 2 * targetLength) + logBeta[lb(last, 2 * targetLength)]);
      if (targetLength > 0) {
        const current = targetPrime(p, b, 2 * targetLength - 1);
        logBeta[lb(last, 2 * targetLength - 1)] = lp(last, b, current);
        grad[gi(last, b, current)] = r(
          la(last, 2 * targetLength - 1) + logBeta[lb(last, 2 * targetLength - 1)],
        );
      }
    }
    for (let t = inputLength - 2; t >= 0; t--) {
      for (let s = 2 * targetLength; s >= 0; s--) {
        const lb1 = logBeta[lb(t + 1, s)];
        let lbmax = lb1;
        let lb2 = -Infinity;
        let lb3 = -Infinity;
        const current = targetPrime(p, b, s);
        if (s < 2 * targetLength) {
          lb2 = logBeta[lb(t + 1, s + 1)];
          if (lb2 > lbmax) lbmax = lb2;
        }
        if (s < 2 * targetLength - 1 && targetPrime(p, b, s + 2) !== current) {
          lb3 = logBeta[lb(t + 1, s + 2)];
          if (lb3 > lbmax) lbmax = lb3;
        }
        if (lbmax === -Infinity) lbmax = 0;
        const sum = r(r(ex(r(lb1 - lbmax)) + ex(r(lb2 - lbmax))) + ex(r(lb3 - lbmax)));
        logBeta[lb(t, s)] = r(r(ln(sum) + lbmax) + lp(t, b, current));
        // collected[t, target'[s]] "log+=" alpha[t, s] + beta[t, s]
        const logAlphaBeta = r(la(t, s) + logBeta[lb(t, s)]);
        const k = gi(t, b, current);
        const lcab = grad[k];
        if (lcab === -Infinity) grad[k] = logAlphaBeta;
        else {
          const max = Math.max(lcab, logAlphaBeta);
          grad[k] = r(r(ln(r(ex(r(lcab - max)) + ex(r(logAlphaBeta - max))))) + max);
        }
      }
    }
    const gr = gradOut[b];
    for (let t = 0; t < inputLength; t++)
      for (let c = 0; c < labels; c++) {
        const k = gi(t, b, c);
        const l = lp(t, b, c);
        grad[k] = r(r(ex(l) - ex(r(r(grad[k] + itemNll) - l))) * gr);
      }
    if (inputLength < T) zero(inputLength);
  }
  return grad;
}
