// F.group_norm (torch.group_norm: one NativeGroupNormBackward0 node, computed by a port of PyTorch's CPU kernel,
// src/backend/js/nn_group_norm.ts), F.instance_norm (torch.instance_norm: batch norm over the input viewed as
// [1, N * C, ...] with the parameters repeated N times, as PyTorch computes it, so its values and graph are
// batch norm's) and F.local_response_norm (functional.py's composition of pad, average pooling and pow).
import { no_grad } from "../autograd/grad_mode.js";
import { groupNorm, groupNormBackward } from "../backend/js/nn_group_norm.js";
import { IndexError, RuntimeError, ValueError, ZeroDivisionError } from "../errors.js";
import { definePython } from "../signatures/registry.js";
import type { Tensor } from "../tensor/tensor.js";
import { fromData, needsGraph, record } from "./core.js";
import { add, div, mul, pow, sub } from "./elementwise.js";
import { constant_pad_nd, repeat } from "./join.js";
import { rsqrt } from "./math.js";
import { batchNorm, dense } from "./nn_norm.js";
import { avg_pool2d } from "./nn_pool.js";
import { mean, sum } from "./reduce.js";
import { var_ } from "./reduce_stats.js";
import { reshape, squeeze, unsqueeze } from "./shape.js";

/** What NativeGroupNormBackward0 keeps. */
export interface GroupNormSaved {
  input: Tensor;
  weight: Tensor | null;
  /** [N, G]: the kernel's per-group mean and 1 / std. */
  mean: Tensor;
  rstd: Tensor;
  groups: number;
  eps: number;
}

const sizeText = (t: Tensor) => `[${t.shape.join(", ")}]`;

/** torch.group_norm(input, num_groups, weight, bias, eps) (check_group_norm_inputs, then the kernel). */
export function group_norm_native(
  input: Tensor,
  num_groups: number,
  weight: Tensor | null,
  bias: Tensor | null,
  eps: number,
): Tensor {
  if (input.ndim < 2)
    throw new IndexError(
      `Dimension out of range (expected to be in range of [${-Math.max(input.ndim, 1)}, ${Math.max(input.ndim, 1) - 1}], but got 1)`,
    );
  const [n, c] = input.shape;
  if (num_groups <= 0) throw new RuntimeError(`Expected num groups to be greater than 0, got ${num_groups}`);
  if (c % num_groups !== 0)
    throw new RuntimeError(
      `Expected number of channels in input to be divisible by num_groups, but got input of shape ${sizeText(input)} and num_groups=${num_groups}`,
    );
  if (weight && (weight.ndim !== 1 || weight.numel() !== c))
    throw new RuntimeError(
      `Expected weight to be a vector of size equal to the number of channels in input, but got weight of shape ${sizeText(weight)} and input of shape ${sizeText(input)}`,
    );
  // PyTorch's message prints the weight's shape ([0] when there is none) in place of the bias's.
  if (bias && (bias.ndim !== 1 || bias.numel() !== c))
    throw new RuntimeError(
      `Expected bias to be a vector of size equal to the number of channels in input, but got bias of shape ${weight ? sizeText(weight) : "[0]"} and input of shape ${sizeText(input)}`,
    );
  if (!input.dtype.is_floating_point || input.dtype.itemsize < 4)
    throw new RuntimeError(`"GroupNormKernelImpl" not implemented for '${input.dtype.scalarTypeName}'`);
  if ([weight, bias].some((t) => t !== null && t.dtype !== input.dtype))
    throw new RuntimeError("mixed dtype (CPU): expect input to have scalar type of BFloat16");
  const shape = { n, c, hxw: input.numel() / (n * c) || 0, groups: num_groups };
  const r = groupNorm(
    dense(input),
    weight ? dense(weight) : null,
    bias ? dense(bias) : null,
    shape,
    eps,
    input.dtype,
  );
  const out = fromData(r.out, input.shape, input.dtype);
  return record("NativeGroupNormBackward0", [input, weight, bias], out, () => ({
    input,
    weight,
    mean: fromData(r.mean, [n, num_groups], input.dtype),
    rstd: fromData(r.rstd, [n, num_groups], input.dtype),
    groups: num_groups,
    eps,
  }));
}

/**
 * native_group_norm_backward: PyTorch's kernel when nothing records a graph; under create_graph, the same
 * gradients in tensor ops (so double backward works).
 */
export function group_norm_backward(
  g: Tensor,
  s: GroupNormSaved,
  mask: readonly boolean[],
): (Tensor | null)[] {
  const [n, c] = s.input.shape;
  const G = s.groups;
  if (!needsGraph([g, s.input, s.weight])) {
    const shape = { n, c, hxw: s.input.numel() / (n * c) || 0, groups: G };
    const r = groupNormBackward(
      dense(g),
      dense(s.input),
      dense(s.mean),
      dense(s.rstd),
      s.weight ? dense(s.weight) : null,
      shape,
      mask,
      s.input.dtype,
    );
    return [
      r.gradInput ? fromData(r.gradInput, s.input.shape, s.input.dtype) : null,
      r.gradWeight ? fromData(r.gradWeight, [c], s.input.dtype) : null,
      r.gradBias ? fromData(r.gradBias, [c], s.input.dtype) : null,
    ];
  }
  // [N, G, D * HxW]: each group's normalized values and gradient, then back to the input's shape.
  const grouped = (t: Tensor) => reshape(t, [n, G, -1]);
  const x = grouped(s.input);
  const mu = mean(x, [2], true);
  const invstd = rsqrt(add(var_(x, [2], 0, true), s.eps));
  const xhat = mul(sub(x, mu), invstd);
  const perChannel = (t: Tensor) => reshape(t, [n, c, -1]);
  const gx = s.weight ? mul(perChannel(g), reshape(s.weight, [1, c, 1])) : g;
  let gradInput: Tensor | null = null;
  if (mask[0]) {
    const gg = grouped(gx);
    const centred = sub(sub(gg, mean(gg, [2], true)), mul(xhat, mean(mul(gg, xhat), [2], true)));
    gradInput = reshape(mul(centred, invstd), s.input.shape);
  }
  const xhatC = perChannel(reshape(xhat, s.input.shape));
  const gw = mask[1] ? sum(mul(perChannel(g), xhatC), [0, 2]) : null;
  const gb = mask[2] ? sum(perChannel(g), [0, 2]) : null;
  return [gradInput, gw, gb];
}

/** F.group_norm: functional.py's batch-size check, then torch.group_norm. */
export function group_norm(
  input: Tensor,
  num_groups: number,
  weight: Tensor | null = null,
  bias: Tensor | null = null,
  eps = 1e-5,
): Tensor {
  if (input.ndim < 2)
    throw new IndexError(
      `Dimension out of range (expected to be in range of [${-Math.max(input.ndim, 1)}, ${Math.max(input.ndim, 1) - 1}], but got 1)`,
    );
  if (num_groups === 0) throw new ZeroDivisionError("integer division or modulo by zero");
  const sizes = [
    Math.floor((input.shape[0] * input.shape[1]) / num_groups),
    num_groups,
    ...input.shape.slice(2),
  ];
  const perChannel = sizes.reduce((a, b, i) => (i === 1 ? a : a * b), 1);
  if (perChannel === 1)
    throw new ValueError(
      `Expected more than 1 value per channel when training, got input size [${sizes.join(", ")}]`,
    );
  return group_norm_native(input, num_groups, weight, bias, eps);
}

/**
 * F.instance_norm(input, running_mean=None, running_var=None, weight=None, bias=None, use_input_stats=True,
 * momentum=0.1, eps=1e-5): torch.instance_norm reshapes to [1, N * C, ...] and batch-normalizes.
 */
export function instance_norm(
  input: Tensor,
  running_mean: Tensor | null = null,
  running_var: Tensor | null = null,
  weight: Tensor | null = null,
  bias: Tensor | null = null,
  use_input_stats = true,
  momentum = 0.1,
  eps = 1e-5,
): Tensor {
  if (use_input_stats) {
    const spatial = input.shape.slice(2).reduce((a, b) => a * b, 1);
    if (spatial === 1)
      throw new ValueError(
        `Expected more than 1 spatial element when training, got input size torch.Size([${input.shape.join(", ")}])`,
      );
  }
  return instanceNorm(input, running_mean, running_var, weight, bias, use_input_stats, momentum, eps);
}

/** aten's instance_norm (torch.instance_norm): no spatial-size check; aten's batch_norm of [1, N * C, ...]. */
export function instanceNorm(
  input: Tensor,
  running_mean: Tensor | null,
  running_var: Tensor | null,
  weight: Tensor | null,
  bias: Tensor | null,
  use_input_stats: boolean,
  momentum: number,
  eps: number,
): Tensor {
  if (!use_input_stats && (running_mean === null || running_var === null))
    throw new RuntimeError(
      "Expected running_mean and running_var to be defined when use_input_stats is false",
    );
  const [b, c] = input.shape;
  const rep = (t: Tensor | null) => (t === null ? null : repeat(t, [b]));
  const [w, bi] = [rep(weight), rep(bias)];
  const [rm, rv] = no_grad(() => [rep(running_mean), rep(running_var)]);
  const shape = [1, b * c, ...input.shape.slice(2)];
  const out = batchNorm(reshape(input.contiguous(), shape), rm, rv, w, bi, use_input_stats, momentum, eps);
  no_grad(() => {
    if (running_mean && rm) running_mean.copy_(mean(reshape(rm, [b, c]), [0]));
    if (running_var && rv) running_var.copy_(mean(reshape(rv, [b, c]), [0]));
  });
  return out.view(input.shape);
}

/** F.local_response_norm: functional.py's composition (the channel window's mean of squares by average pooling). */
export function local_response_norm(input: Tensor, size: number, alpha = 1e-4, beta = 0.75, k = 1.0): Tensor {
  const dim = input.ndim;
  if (dim < 3)
    throw new ValueError(
      `Expected 3D or higher dimensionality                          input (got ${dim} dimensions)`,
    );
  if (input.numel() === 0) return input;
  let d = unsqueeze(mul(input, input), 1);
  const [before, after] = [Math.floor(size / 2), Math.floor((size - 1) / 2)];
  if (dim === 3) {
    d = constant_pad_nd(d, [0, 0, before, after]);
    d = squeeze(avg_pool2d(d, [size, 1], 1), 1);
  } else {
    // avg_pool3d with a (size, 1, 1) window over [N, 1, C, H, rest]: the same sums as avg_pool2d's (size, 1)
    // window over [N, 1, C, H * rest].
    const sizes = input.shape;
    d = reshape(d, [sizes[0], 1, sizes[1], -1]);
    d = constant_pad_nd(d, [0, 0, before, after]);
    d = reshape(squeeze(avg_pool2d(d, [size, 1], 1), 1), sizes);
  }
  d = pow(add(mul(d, alpha), k), beta);
  return div(input, d);
}

definePython("torch.nn.functional", {
  "group_norm(input: Tensor, num_groups: int, weight: Tensor | None = None, bias: Tensor | None = None, eps: float = 1e-05) -> Tensor":
    group_norm,
  "instance_norm(input: Tensor, running_mean: Tensor | None = None, running_var: Tensor | None = None, weight: Tensor | None = None, bias: Tensor | None = None, use_input_stats: bool = True, momentum: float = 0.1, eps: float = 1e-05) -> Tensor":
    instance_norm,
  "local_response_norm(input: Tensor, size: int, alpha: float = 0.0001, beta: float = 0.75, k: float = 1.0) -> Tensor":
    local_response_norm,
});
