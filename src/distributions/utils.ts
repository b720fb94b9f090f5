// torch.distributions.utils: the helpers PyTorch 1.13's distributions share (broadcast_all, _standard_normal,
// probs_to_logits, logits_to_probs, clamp_probs). Distributions compute with the public torch functions, looked
// up when called (the ops register after this module loads), so their results, grad_fns and random draws are
// what the same Python code gives.
import type * as TorchApi from "../generated/torch.js";
import type * as FunctionalApi from "../generated/nn_functional.js";
import { ValueError } from "../errors.js";
import { publicFunction } from "../signatures/registry.js";
import { defaultFloatDtype } from "../tensor/dtype.js";
import { Tensor } from "../tensor/tensor.js";

function namespace<T extends object>(name: string): T {
  return new Proxy({} as T, { get: (_, key) => publicFunction(name, String(key)) });
}

/** The public `torch` functions (torch.normal, torch.log, ...). */
export const torch = namespace<typeof TorchApi>("torch");
/** The public `torch.nn.functional` functions. */
export const F = namespace<typeof FunctionalApi>("torch.nn.functional");

/** float32's and float64's finfo: eps and min (torch.finfo(dtype)). */
export function finfo(t: Tensor): { eps: number; min: number } {
  return t.dtype.name === "float64"
    ? { eps: Number.EPSILON, min: -Number.MAX_VALUE }
    : { eps: 1.1920928955078125e-7, min: -3.4028234663852886e38 };
}

/**
 * broadcast_all(*values): numbers become tensors of the first tensor's dtype (the default dtype when all are
 * numbers), then torch.broadcast_tensors.
 */
export function broadcast_all(...values: unknown[]): Tensor[] {
  if (!values.every((v) => v instanceof Tensor || typeof v === "number"))
    throw new ValueError(
      "Input arguments must all be instances of numbers.Number, " +
        "torch.Tensor or objects implementing __torch_function__.",
    );
  const first = values.find((v): v is Tensor => v instanceof Tensor);
  const dtype = first?.dtype ?? defaultFloatDtype();
  const tensors = values.map((v) => (v instanceof Tensor ? v : torch.tensor(v, { dtype })));
  return torch.broadcast_tensors(...tensors);
}

/** _standard_normal(shape, dtype): torch.empty(shape, dtype=dtype).normal_(). */
export function _standard_normal(shape: readonly number[], like: Tensor): Tensor {
  return torch.empty([...shape], { dtype: like.dtype }).normal_();
}

/** clamp_probs(probs): probs clamped to [eps, 1 - eps] of their dtype. */
export function clamp_probs(probs: Tensor): Tensor {
  const eps = finfo(probs).eps;
  return probs.clamp(eps, 1 - eps);
}

/** logits_to_probs(logits, is_binary=False): sigmoid for binary log-odds, else softmax over the last dim. */
export function logits_to_probs(logits: Tensor, is_binary = false): Tensor {
  if (is_binary) return torch.sigmoid(logits);
  return F.softmax(logits, -1);
}

/** probs_to_logits(probs, is_binary=False): log(p) - log1p(-p) for binary probabilities, else log(p). */
export function probs_to_logits(probs: Tensor, is_binary = false): Tensor {
  const clamped = clamp_probs(probs);
  if (is_binary) return torch.log(clamped).sub(torch.log1p(clamped.neg()));
  return torch.log(clamped);
}
