// torch.nn.functional's layers: convolution, pooling, normalization, embedding, bilinear and attention,
// declared with PyTorch 1.13's signatures (builtins in the parser's language, Python functions in def syntax).
import { ValueError } from "../errors.js";
import { bindNative, bindPython } from "../signatures/bind.js";
import { defineOps, definePython, publicFunction } from "../signatures/registry.js";
import { parseSignature } from "../signatures/schema.js";
import type { Tensor } from "../tensor/tensor.js";
import { multi_head_attention_forward } from "../ops/nn_attention.js";
import { conv1d, conv2d, type IntOrTuple } from "../ops/nn_conv.js";
import { bilinear, embedding } from "../ops/nn_embedding.js";
import { batch_norm, layer_norm } from "../ops/nn_norm.js";
import { adaptive_avg_pool2d, avg_pool2d, max_pool2d, max_pool2d_with_indices } from "../ops/nn_pool.js";

/**
 * F.max_pool2d's parameters (return_indices only steers its dispatch). PyTorch's Python code hands them
 * unchecked to the native torch.max_pool2d / torch._C._nn.max_pool2d_with_indices (`~`: forwarded), whose
 * parser raises the errors users see ("max_pool2d(): argument 'stride' (position 3) must be tuple of ints, not str").
 */
const POOL_PARAMS =
  "(input: ~Tensor, kernel_size: ~int | int[], stride: ~int | int[] | None = None, padding: ~int | int[] = 0, dilation: ~int | int[] = 1, ceil_mode: ~bool = False, return_indices: object = False)";
const NATIVE_POOL_PARAMS =
  "(Tensor input, IntArrayRef[2] kernel_size, IntArrayRef[2] stride=None, IntArrayRef[2] padding=0, IntArrayRef[2] dilation=1, bool ceil_mode=False";

/** The two functions F.max_pool2d dispatches to (PyTorch's boolean_dispatch on return_indices). */
const MAX_POOL2D = parseSignature(`_max_pool2d${POOL_PARAMS} -> Tensor`, "python");
const MAX_POOL2D_WITH_INDICES = parseSignature(`max_pool2d_with_indices${POOL_PARAMS} -> Tensor`, "python");
/** torch._C._nn.max_pool2d_with_indices, the builtin F.max_pool2d_with_indices forwards to. */
const NATIVE_WITH_INDICES = parseSignature(
  `max_pool2d_with_indices${NATIVE_POOL_PARAMS}, *, TensorList[2] out=None) -> (Tensor, Tensor)`,
  "native",
);

type PoolArgs = [Tensor, IntOrTuple, IntOrTuple | null, IntOrTuple, IntOrTuple, boolean];

/** Binds F.max_pool2d's forwarded arguments the way the native op's parser does, with its errors. */
function bindForwarded(sig: typeof NATIVE_WITH_INDICES, args: unknown[]): PoolArgs {
  return bindNative([sig], args, null).values.slice(0, 6) as PoolArgs;
}

/**
 * F.max_pool2d(*args, **kwargs): return_indices (by keyword, or the 7th positional argument) picks
 * max_pool2d_with_indices or _max_pool2d, which bind the arguments and hand them to the native ops.
 */
function maxPool2dDispatch(args: unknown[], kwargs: Record<string, unknown>): Tensor {
  const flag = "return_indices" in kwargs ? kwargs.return_indices : args.length > 6 ? args[6] : false;
  const withIndices = flag !== false && flag !== null && flag !== 0 && flag !== "";
  const bound = bindPython(withIndices ? MAX_POOL2D_WITH_INDICES : MAX_POOL2D, args, kwargs).slice(0, 6);
  if (!withIndices) return (publicFunction("torch", "max_pool2d") as (...a: unknown[]) => Tensor)(...bound);
  // Typed as PyTorch annotates F.max_pool2d (a Tensor); max_pool2d_with_indices is the typed way to the pair.
  return max_pool2d_with_indices(...bindForwarded(NATIVE_WITH_INDICES, bound)) as unknown as Tensor;
}

/** F.max_pool2d_with_indices: return_indices is accepted and ignored (the indices always come back). */
function maxPool2dWithIndices(...args: unknown[]): [Tensor, Tensor] {
  return max_pool2d_with_indices(...bindForwarded(NATIVE_WITH_INDICES, args.slice(0, 6)));
}

/** F.adaptive_avg_pool2d: `None` entries keep the input's size (functional.py's _list_with_default). */
function adaptiveAvgPool2d(input: Tensor, outputSize: number | (number | null)[]): Tensor {
  if (typeof outputSize !== "number" && input.ndim <= outputSize.length)
    throw new ValueError(`Input dimension should be at least ${outputSize.length + 1}`);
  return adaptive_avg_pool2d(input, outputSize);
}

// Builtins (torch.conv2d, torch._C._nn.avg_pool2d, torch.bilinear): the parser's signatures.
defineOps("torch.nn.functional", {
  "conv1d(Tensor input, Tensor weight, Tensor? bias=None, IntArrayRef[1] stride=1, IntArrayRef[1] padding=0, IntArrayRef[1] dilation=1, int64_t groups=1) -> Tensor":
    conv1d,
  'conv1d(Tensor input, Tensor weight, Tensor? bias=None, IntArrayRef[1] stride=1, c10::string_view padding="valid", IntArrayRef[1] dilation=1, int64_t groups=1) -> Tensor':
    conv1d,
  "conv2d(Tensor input, Tensor weight, Tensor? bias=None, IntArrayRef[2] stride=1, IntArrayRef[2] padding=0, IntArrayRef[2] dilation=1, int64_t groups=1) -> Tensor":
    conv2d,
  'conv2d(Tensor input, Tensor weight, Tensor? bias=None, IntArrayRef[2] stride=1, c10::string_view padding="valid", IntArrayRef[2] dilation=1, int64_t groups=1) -> Tensor':
    conv2d,
  "avg_pool2d(Tensor input, IntArrayRef[2] kernel_size, IntArrayRef[2] stride=None, IntArrayRef[2] padding=0, bool ceil_mode=False, bool count_include_pad=True, int64_t? divisor_override=None, *, Tensor out=None) -> Tensor":
    avg_pool2d,
  "bilinear(Tensor input1, Tensor input2, Tensor weight, Tensor? bias=None) -> Tensor": bilinear,
});

// torch.max_pool2d: the builtin F.max_pool2d forwards to.
defineOps("torch", {
  [`max_pool2d${NATIVE_POOL_PARAMS}) -> Tensor`]: max_pool2d,
});

// Python functions of torch/nn/functional.py.
definePython(
  "torch.nn.functional",
  {
    "_max_pool2d(*args, **kwargs) -> Tensor": maxPool2dDispatch,
    [`max_pool2d_with_indices${POOL_PARAMS} -> (Tensor, Tensor)`]: maxPool2dWithIndices,
    "adaptive_avg_pool2d(input: Tensor, output_size: int | (int | None)[]) -> Tensor": adaptiveAvgPool2d,
    "batch_norm(input: Tensor, running_mean: Tensor | None, running_var: Tensor | None, weight: Tensor | None = None, bias: Tensor | None = None, training: bool = False, momentum: float = 0.1, eps: float = 1e-05) -> Tensor":
      batch_norm,
    "layer_norm(input: Tensor, normalized_shape: int[], weight: Tensor | None = None, bias: Tensor | None = None, eps: float = 1e-05) -> Tensor":
      layer_norm,
    "embedding(input: Tensor, weight: Tensor, padding_idx: int | None = None, max_norm: float | None = None, norm_type: float = 2.0, scale_grad_by_freq: bool = False, sparse: bool = False) -> Tensor":
      embedding,
    "multi_head_attention_forward(query: Tensor, key: Tensor, value: Tensor, embed_dim_to_check: int, num_heads: int, in_proj_weight: Tensor | None, in_proj_bias: Tensor | None, bias_k: Tensor | None, bias_v: Tensor | None, add_zero_attn: bool, dropout_p: float, out_proj_weight: Tensor, out_proj_bias: Tensor | None, training: bool = True, key_padding_mask: Tensor | None = None, need_weights: bool = True, attn_mask: Tensor | None = None, use_separate_proj_weight: bool = False, q_proj_weight: Tensor | None = None, k_proj_weight: Tensor | None = None, v_proj_weight: Tensor | None = None, static_k: Tensor | None = None, static_v: Tensor | None = None, average_attn_weights: bool = True) -> [Tensor, Tensor | null]":
      multi_head_attention_forward,
  },
  { publicNames: { _max_pool2d: "max_pool2d" } },
);
