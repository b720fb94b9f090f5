// Categorical and channel helpers of torch.nn.functional: one_hot (aten/src/ATen/native/Onehot.cpp),
// gumbel_softmax (torch/nn/functional.py, with PyTorch's exponential_ draws) and channel_shuffle
// (aten/src/ATen/native/ChanelShuffle.cpp).
import { RuntimeError } from "../errors.js";
import { emitWarning } from "../warnings.js";
import { defineOps, definePython } from "../signatures/registry.js";
import { allocate, Category, int64 } from "../tensor/dtype.js";
import { default_generator } from "../tensor/random.js";
import { zeros_like } from "../tensor/creation.js";
import type { Tensor } from "../tensor/tensor.js";
import { fromData, record } from "./core.js";
import { add, div, log, neg, sub } from "./elementwise.js";
import { glibcLog } from "../backend/js/glibc_log.js";
import { scatter_ } from "./indexing.js";
import { argmax } from "./reduce.js";
import { softmax } from "./softmax.js";

/** F.one_hot(tensor, num_classes=-1): int64 with a trailing dim of num_classes (max + 1 when -1). */
export function one_hot(input: Tensor, numClasses = -1): Tensor {
  if (input.dtype !== int64) throw new RuntimeError("one_hot is only applicable to index tensor.");
  const shape = [...input.shape];
  if (input.numel() === 0) {
    if (numClasses <= 0) throw new RuntimeError("Can not infer total number of classes from empty tensor.");
    return fromData(allocate(int64, 0), [...shape, numClasses], int64);
  }
  const classes = input.values();
  let [min, max] = [classes[0], classes[0]];
  for (const c of classes) [min, max] = [Math.min(min, c), Math.max(max, c)];
  if (min < 0) throw new RuntimeError("Class values must be non-negative.");
  const n = numClasses === -1 ? max + 1 : numClasses;
  if (numClasses !== -1 && !(numClasses > max))
    throw new RuntimeError("Class values must be smaller than num_classes.");
  const out = allocate(int64, classes.length * n);
  classes.forEach((c, i) => (out[i * n + c] = 1));
  return fromData(out, [...shape, n], int64);
}

/**
 * torch.channel_shuffle(input, groups): channels viewed as (groups, channels / groups), transposed and
 * flattened back. PyTorch 1.13 has no derivative for it.
 */
export function channel_shuffle(input: Tensor, groups: number): Tensor {
  if (input.ndim <= 2)
    throw new RuntimeError(
      `channel_shuffle expects input with > 2 dims, but got input with sizes [${input.shape.join(", ")}]`,
    );
  const c = input.shape[1];
  if (groups <= 0)
    throw new RuntimeError(
      `Number of groups to divide channels in must be positive. Value of groups:${groups}`,
    );
  if (c % groups !== 0)
    throw new RuntimeError(
      `Number of channels must be divisible by groups. Got ${c} channels and ${groups} groups.`,
    );
  const [b, ...rest] = [input.shape[0], ...input.shape.slice(2)];
  const grouped = input.detach().reshape([b, groups, c / groups, ...rest]);
  const order = [0, 2, 1, ...rest.map((_, i) => i + 3)];
  let out = grouped
    .permute(order)
    .contiguous()
    .reshape([...input.shape]);
  // PyTorch's CPU kernel writes a new tensor, never a view of the input (groups=1 permutes nothing)
  if (out._storage === input._storage) out = out.clone();
  return record("torch::autograd::NotImplemented", [input], out, () => ({
    op: "channel_shuffle",
    qualified: false,
  }));
}

/**
 * F.gumbel_softmax(logits, tau=1, hard=False, eps=1e-10, dim=-1): softmax((logits + g) / tau) with
 * g = -log(Exponential(1)) drawn as PyTorch's exponential_ does (-log(1 - u), u a 53-bit uniform, glibc's
 * log, cast to the element type, in row-major order); `hard` returns the one-hot argmax with the soft
 * sample's gradient (straight through).
 */
export function gumbel_softmax(logits: Tensor, tau = 1, hard = false, eps = 1e-10, dim = -1): Tensor {
  if (eps !== 1e-10) emitWarning("`eps` parameter is deprecated and has no effect.");
  // empty_like(logits).exponential_(): floating dtypes only
  if (logits.dtype.category !== Category.Floating)
    throw new RuntimeError(`"exponential_cpu" not implemented for '${logits.dtype.scalarTypeName}'`);
  const draws = allocate(logits.dtype, logits.numel());
  const cast = logits.dtype.cast;
  for (let i = 0; i < draws.length; i++) draws[i] = cast(-glibcLog(1 - default_generator.uniform53()));
  const exponentials = fromData(draws, [...logits.shape], logits.dtype);
  const gumbels = div(add(logits, neg(log(exponentials))), tau);
  const ySoft = softmax(gumbels, dim);
  if (!hard) return ySoft;
  const index = argmax(ySoft, dim, true);
  const yHard = scatter_(zeros_like(logits), dim, index, 1);
  return add(sub(yHard, ySoft.detach()), ySoft);
}

defineOps("torch", {
  "channel_shuffle(Tensor input, int64_t groups) -> Tensor": channel_shuffle,
});

defineOps("torch.nn.functional", {
  "one_hot(Tensor input, int64_t num_classes=-1) -> Tensor": one_hot,
  "channel_shuffle(Tensor input, int64_t groups) -> Tensor": channel_shuffle,
});

definePython("torch.nn.functional", {
  "gumbel_softmax(logits: Tensor, tau: float = 1, hard: bool = False, eps: float = 1e-10, dim: int = -1) -> Tensor":
    gumbel_softmax,
});
