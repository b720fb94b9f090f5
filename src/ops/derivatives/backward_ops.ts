// Derivatives of the *_backward functions (src/ops/backward_ops.ts): what a second backward pass
// (create_graph) runs through a first one. Formulas from PyTorch's derivatives.yaml, in its operation order.
import { derivative, type FormulaContext } from "../../autograd/derivative.js";
import { zeros_like } from "../../tensor/creation.js";
import type { Tensor } from "../../tensor/tensor.js";
import {
  _gelu_backward,
  _hardtanh_backward,
  _sigmoid_backward,
  _softmax_backward_data,
  _threshold_backward,
  type BatchNormBackwardState,
  type LayerNormBackwardState,
} from "../backward_ops.js";
import { add, div, exp, mul, neg, powScalar, rsub, sub, tanh } from "../elementwise.js";
import { cosh } from "../math.js";
import { sum } from "../reduce.js";
import { expand, reshape } from "../shape.js";

export interface SoftmaxBackwardSaved {
  gradOutput: Tensor;
  output: Tensor;
  dim: number;
}

/** FunctionsManual.cpp's gelu_double_backward: ggI * gO * gelu''(input). */
function geluDoubleBackward(ggI: Tensor, gO: Tensor, input: Tensor, approximate: "none" | "tanh"): Tensor {
  if (approximate === "tanh") {
    const kBeta = Math.SQRT2 * (2 / Math.sqrt(Math.PI)) * 0.5;
    const kKappa = 0.044715;
    const inner = mul(add(input, mul(powScalar(input, 3), kKappa)), kBeta);
    const tanhInner = tanh(inner);
    const sechInner = div(1, cosh(inner));
    const f = mul(input, 0.5);
    const g = rsub(mul(tanhInner, tanhInner), 1);
    const h = mul(add(mul(mul(input, 3 * kKappa), input), 1), kBeta);
    const fPrimeGh = mul(mul(g, 0.5), h);
    const gPrime = mul(mul(mul(sechInner, 2), mul(neg(sechInner), tanhInner)), h);
    const gPrimeFh = mul(mul(f, h), gPrime);
    const hPrime = mul(mul(input, 6 * kKappa), kBeta);
    const hPrimeFg = mul(mul(f, g), hPrime);
    return mul(mul(ggI, gO), add(add(add(fPrimeGh, fPrimeGh), gPrimeFh), hPrimeFg));
  }
  const kBeta = (2 / Math.sqrt(Math.PI)) * Math.SQRT1_2 * 0.5;
  const inputSq = mul(input, input);
  const pdf = mul(exp(mul(inputSq, -0.5)), kBeta);
  const dgradDInput = sub(mul(pdf, 2), mul(inputSq, pdf));
  return mul(mul(ggI, gO), dgradDInput);
}

/** a + b where either may be absent (an undefined gradient). */
const addDefined = (a: Tensor | null, b: Tensor): Tensor => (a ? add(a, b) : b);

/** FunctionsManual.cpp's sum_exclude_dim1: at::sum over dim 0, then each trailing dim from the last down. */
function sumExcludeDim1(t: Tensor, keepdim = true): Tensor {
  let r = sum(t, 0, keepdim);
  for (let d = r.ndim - 1; d > (keepdim ? 1 : 0); d--) r = sum(r, d, keepdim);
  return r;
}

type BatchNormBackwardSaved = BatchNormBackwardState & { gradOut: Tensor };

/**
 * FunctionsManual.cpp's batchnorm_double_backward: the gradients of grad_out, input and weight of
 * native_batch_norm_backward, given those of its outputs (grad_input, grad_weight, grad_bias).
 */
function batchNormDoubleBackward(s: BatchNormBackwardSaved, ctx: FormulaContext): (Tensor | null)[] {
  const { input, weight, gradOut: gO, training } = s;
  const [ggI, ggG, ggB] = [0, 1, 2].map((i) => ctx.gradOutputs[i] ?? null);
  const dim1 = [1, input.shape[1], ...Array<number>(input.ndim - 2).fill(1)];
  const expandAsDim1 = (t: Tensor) => expand(reshape(t, dim1), input.shape);
  const gammaExpanded = weight ? expandAsDim1(weight) : null;
  const ggGExpanded = weight && ggG ? expandAsDim1(ggG) : null;
  const ggBExpanded = weight && ggB ? expandAsDim1(ggB) : null;
  const M = input.numel() / input.shape[1];
  const mu = reshape(training ? s.saveMean! : s.runningMean!, dim1);
  const inputSubMu = sub(input, mu);
  const invstd = reshape(training ? s.saveInvstd! : powScalar(add(s.runningVar!, s.eps), -0.5), dim1);
  const invstd2 = powScalar(invstd, 2);
  const invstd3 = powScalar(invstd, 3);
  const inputMuInvstd3 = mul(inputSubMu, invstd3);
  const gOinmuSum = sumExcludeDim1(mul(gO, inputSubMu));
  const gOSum = sumExcludeDim1(gO);
  let gI: Tensor | null = null;
  if (ggI && training) {
    const ggISum = sumExcludeDim1(ggI);
    const ggIinmuSum = sumExcludeDim1(mul(ggI, inputSubMu));
    const allSub = add(
      sub(div(mul(ggISum, gOSum), M), sumExcludeDim1(mul(gO, ggI))),
      mul(mul(mul(invstd2, gOinmuSum), ggIinmuSum), 3 / M),
    );
    const gI0 = div(mul(inputMuInvstd3, allSub), M);
    const gI1 = mul(div(mul(ggIinmuSum, invstd3), M), sub(div(gOSum, M), gO));
    const gI2 = mul(div(mul(gOinmuSum, invstd3), M), sub(div(ggISum, M), ggI));
    const terms = add(add(gI0, gI1), gI2);
    gI = gammaExpanded ? mul(gammaExpanded, terms) : terms;
  }
  if (ggGExpanded) {
    if (training) {
      const t0 = mul(gO, invstd);
      const t1 = div(mul(invstd, gOSum), -M);
      const t2 = div(mul(inputMuInvstd3, sumExcludeDim1(mul(gO, inputSubMu))), -M);
      gI = addDefined(gI, mul(ggGExpanded, add(add(t0, t1), t2)));
    } else {
      gI = addDefined(gI, mul(mul(ggGExpanded, invstd), gO));
    }
  }
  // The first backward's grad_input (gamma absent: at::ones({}), a factor of one).
  const firstBackGradInput = (gOLocal: Tensor, gamma: Tensor | null): Tensor => {
    const h0 = div(gamma ? mul(gamma, invstd) : invstd, M);
    const h1 = sub(
      sub(mul(gOLocal, M), sumExcludeDim1(gOLocal)),
      mul(mul(inputSubMu, invstd2), sumExcludeDim1(mul(gOLocal, inputSubMu))),
    );
    return mul(h0, h1);
  };
  let gG: Tensor | null = null;
  if (weight && ggI) {
    gG = training
      ? sumExcludeDim1(mul(ggI, firstBackGradInput(gO, null)), false)
      : sumExcludeDim1(mul(mul(ggI, gO), invstd), false);
  }
  let ggO: Tensor | null = null;
  if (ggI) {
    if (training) ggO = firstBackGradInput(ggI, gammaExpanded);
    else ggO = gammaExpanded ? mul(mul(ggI, invstd), gammaExpanded) : mul(ggI, invstd);
  }
  if (ggGExpanded) ggO = addDefined(ggO, mul(mul(ggGExpanded, inputSubMu), invstd));
  if (ggBExpanded) ggO = addDefined(ggO, ggBExpanded);
  return [ggO, gI, gG];
}

type LayerNormBackwardSaved = LayerNormBackwardState & { gradOut: Tensor };

/**
 * FunctionsManual.cpp's layer_norm_double_backward: the gradients of grad_out, input and weight of
 * native_layer_norm_backward, over the input viewed as M rows of N normalized elements.
 */
function layerNormDoubleBackward(s: LayerNormBackwardSaved, ctx: FormulaContext): (Tensor | null)[] {
  const { input: inputT, weight } = s;
  const [ggI, ggG, ggB] = [0, 1, 2].map((i) => ctx.gradOutputs[i] ?? null);
  const axis = inputT.ndim - s.normDims;
  const M = inputT.shape.slice(0, axis).reduce((a, b) => a * b, 1);
  const N = inputT.shape.slice(axis).reduce((a, b) => a * b, 1);
  const input = reshape(inputT, [M, N]);
  const gO = reshape(s.gradOut, [M, N]);
  const gammaExpanded = weight ? reshape(weight, [1, N]) : null;
  const ggGExpanded = weight && ggG ? reshape(ggG, [1, N]) : null;
  const ggBExpanded = weight && ggB ? reshape(ggB, [1, N]) : null;
  const ggIExpanded = ggI ? reshape(ggI, [M, N]) : null;
  const inputSubMu = sub(input, reshape(s.mean, [M, 1]));
  const invstd = reshape(s.rstd, [M, 1]);
  const invstd2 = powScalar(invstd, 2);
  const invstd3 = powScalar(invstd, 3);
  const inputMuInvstd3 = mul(inputSubMu, invstd3);
  let gI: Tensor | null = null;
  if (ggIExpanded) {
    const gxhat = gammaExpanded ? mul(gO, gammaExpanded) : gO;
    const gxhatMuSum = sum(mul(gxhat, inputSubMu), 1, true);
    const gxhatSum = sum(gxhat, 1, true);
    const ggISum = sum(ggIExpanded, 1, true);
    const ggIMuSum = sum(mul(ggIExpanded, inputSubMu), 1, true);
    const allSub = add(
      sub(div(mul(ggISum, gxhatSum), N), sum(mul(ggIExpanded, gxhat), 1, true)),
      mul(mul(mul(invstd2, gxhatMuSum), ggIMuSum), 3 / N),
    );
    const gI0 = div(mul(inputMuInvstd3, allSub), N);
    const gI1 = mul(div(mul(ggIMuSum, invstd3), N), sub(div(gxhatSum, N), gxhat));
    const gI2 = mul(div(mul(gxhatMuSum, invstd3), N), sub(div(ggISum, N), ggIExpanded));
    gI = add(add(gI0, gI1), gI2);
  }
  if (ggGExpanded) {
    const t0 = mul(mul(gO, ggGExpanded), invstd);
    const t1 = div(mul(invstd, sum(mul(gO, ggGExpanded), 1, true)), -N);
    const t2 = div(mul(inputMuInvstd3, sum(mul(mul(gO, ggGExpanded), inputSubMu), 1, true)), -N);
    gI = addDefined(gI, add(add(t0, t1), t2));
  }
  if (gI) gI = reshape(gI, inputT.shape);
  // The first backward's grad_input (gamma absent: at::ones, a factor of one).
  const firstBwdFnGradInput = (gOLocal: Tensor, gamma: Tensor | null): Tensor => {
    const h0 = div(gamma ? mul(gamma, invstd) : invstd, N);
    const h1 = sub(
      sub(mul(gOLocal, N), sum(gOLocal, 1, true)),
      mul(mul(inputSubMu, invstd2), sum(mul(gOLocal, inputSubMu), 1, true)),
    );
    return mul(h0, h1);
  };
  let gG: Tensor | null = null;
  if (weight && ggIExpanded)
    gG = reshape(sum(mul(gO, firstBwdFnGradInput(ggIExpanded, null)), 0), weight.shape);
  let ggO: Tensor | null = null;
  if (ggIExpanded) ggO = firstBwdFnGradInput(ggIExpanded, gammaExpanded);
  if (ggGExpanded) ggO = addDefined(ggO, mul(mul(ggGExpanded, inputSubMu), invstd));
  if (ggBExpanded) ggO = addDefined(ggO, ggBExpanded);
  if (ggO) ggO = reshape(expand(ggO, [M, N]), inputT.shape);
  return [ggO, gI, gG];
}

export const BACKWARD_OPS_DERIVATIVES = {
  SigmoidBackwardBackward0: derivative<{ grad: Tensor; output: Tensor }>({
    grad_output: ["sigmoid_backward(grad, output)", (g, s) => _sigmoid_backward(g, s.output)],
    output: [
      "grad * grad_output * (-2 * output + 1)",
      (g, s) => mul(mul(g, s.grad), add(mul(s.output, -2), 1)),
    ],
  }),
  ThresholdBackwardBackward0: derivative<{ self: Tensor; threshold: number }>({
    grad_output: [
      "threshold_backward(grad, self, threshold)",
      (g, s) => _threshold_backward(g, s.self, s.threshold),
    ],
    self: ["zeros_like(grad)", (g) => zeros_like(g)],
  }),
  SoftmaxBackwardDataBackward0: derivative<SoftmaxBackwardSaved>({
    grad_output: [
      "_softmax_backward_data(grad, output, dim, input_dtype)",
      (g, s) => _softmax_backward_data(g, s.output, s.dim),
    ],
    output: [
      "softmax_double_backward(grad, grad_output, dim, output)",
      (g, { gradOutput, output, dim }) =>
        sub(
          sub(mul(gradOutput, g), mul(sum(mul(output, gradOutput), dim, true), g)),
          mul(gradOutput, sum(mul(output, g), dim, true)),
        ),
    ],
  }),
  LogSoftmaxBackwardDataBackward0: derivative<SoftmaxBackwardSaved>({
    grad_output: [
      "grad - (grad * output.exp()).sum(dim, true)",
      (g, s) => sub(g, sum(mul(g, exp(s.output)), s.dim, true)),
    ],
    output: [
      "-grad_output.sum(dim, true) * output.exp() * grad",
      (g, s) => mul(mul(neg(sum(s.gradOutput, s.dim, true)), exp(s.output)), g),
    ],
  }),
  HardtanhBackwardBackward0: derivative<{ self: Tensor; minVal: number; maxVal: number }>({
    grad_output: [
      "hardtanh_backward(grad, self, min_val, max_val)",
      (g, s) => _hardtanh_backward(g, s.self, s.minVal, s.maxVal),
    ],
    self: ["zeros_like(grad)", (g) => zeros_like(g)],
  }),
  GeluBackwardBackward0: derivative<{ gradOutput: Tensor; self: Tensor; approximate: "none" | "tanh" }>({
    grad_output: [
      "gelu_backward(grad, self, approximate)",
      (g, s) => _gelu_backward(g, s.self, s.approximate),
    ],
    self: [
      "gelu_double_backward(grad, grad_output, self, approximate)",
      (g, s) => geluDoubleBackward(g, s.gradOutput, s.self, s.approximate),
    ],
  }),
  NativeLayerNormBackwardBackward0: derivative<LayerNormBackwardSaved>({
    "grad_out, input, weight": [
      "layer_norm_double_backward(input, weight, grads[0], grads[1], grads[2], grad_out, mean, rstd, normalized_shape, grad_input_mask)",
      (_g, s, ctx) => layerNormDoubleBackward(s, ctx),
    ],
  }),
  NativeBatchNormBackwardBackward0: derivative<BatchNormBackwardSaved>({
    "grad_out, input, weight": [
      "batchnorm_double_backward(input, weight, grads[0], grads[1], grads[2], grad_out, running_mean, running_var, train, eps, save_mean, save_invstd, grad_input_mask)",
      (_g, s, ctx) => batchNormDoubleBackward(s, ctx),
    ],
  }),
};
