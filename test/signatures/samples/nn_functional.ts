// Samples for torch.nn.functional and torch.nn.init, where the generic ones don't fit an op's shapes.
import type { SampleOverrides } from "../calls.js";

const F = "torch.nn.functional";
const INIT = "torch.nn.init";

const t = (name: string) => ({ tensor: name });

/** conv1d: unbatched [C=2, L=3] input, a [2, 2, 3] kernel. */
const CONV1D = {
  weight: { value: t("f223") },
  bias: { value: t("f2") },
  stride: { value: [1], alt: [2] },
  padding: { value: [0], alt: [1] },
  dilation: { value: [1], alt: [1] },
};

/** 2-D pooling over an unbatched [C=2, H=2, W=3] input. */
const POOL = {
  input: { value: t("f223") },
  kernel_size: { value: 2, alt: [2, 1] },
  stride: { value: 1, alt: [1, 2] },
  padding: { value: 0, alt: 1 },
  dilation: { value: 1, alt: [1, 2] },
};

export const NN_FUNCTIONAL_SAMPLES: SampleOverrides = {
  [`${F}.conv1d`]: CONV1D,
  [`${F}.conv2d`]: {
    ...CONV1D,
    input: { value: t("f223") },
    weight: { value: t("f2212") },
    stride: { value: [1], alt: [1, 2] },
    padding: { value: [0], alt: [0, 1] },
    dilation: { value: [1], alt: [2, 1] },
  },
  [`${F}.max_pool2d_with_indices`]: POOL,
  [`${F}.avg_pool2d`]: {
    ...POOL,
    kernel_size: { value: [2], alt: [2, 1] },
    stride: { value: [1], alt: [1, 2] },
    padding: { value: [0], alt: [1, 0] },
  },
  [`${F}.adaptive_avg_pool2d`]: { input: { value: t("f223") }, output_size: { value: [1, 2], alt: 1 } },
  [`${F}.batch_norm`]: {
    running_mean: { value: t("f3") },
    running_var: { value: t("f3") },
    weight: { value: t("f3") },
    bias: { value: t("f3") },
  },
  [`${F}.layer_norm`]: {
    normalized_shape: { value: [3] },
    weight: { value: t("f3") },
    bias: { value: t("f3") },
  },
  [`${F}.embedding`]: { input: { value: t("idx23") }, weight: { value: t("f32") } },
  [`${F}.bilinear`]: {
    input1: { value: t("f2") },
    input2: { value: t("f3") },
    weight: { value: t("f223") },
    bias: { value: t("f2") },
  },
  [`${F}.linear`]: { bias: { value: t("f2") } },
  [`${F}.pad`]: { pad: { value: [1, 1], alt: [0, 1, 1, 0] } },
  // An empty input, and p = 0 or 1, keep dropout deterministic (the walk does not seed the generators).
  [`${F}.dropout`]: { input: { value: t("fe") }, p: { value: 0, alt: 1 } },
  [`${F}.softmax`]: { _stacklevel: { value: 3, alt: 2 } },
  [`${F}.log_softmax`]: { _stacklevel: { value: 3, alt: 2 } },
  [`${F}.nll_loss`]: { target: { value: t("idx2") }, weight: { value: t("f3") } },
  [`${F}.cross_entropy`]: { weight: { value: t("f3") } },
  [`${F}.multi_head_attention_forward`]: {
    query: { value: t("f32") },
    key: { value: t("f32") },
    value: { value: t("f32") },
    embed_dim_to_check: { value: 2 },
    num_heads: { value: 1, alt: 2 },
    in_proj_weight: { value: t("f62") },
    in_proj_bias: { value: t("f6") },
    bias_k: { value: null },
    bias_v: { value: null },
    dropout_p: { value: 0, alt: 0 },
    out_proj_weight: { value: t("f22") },
    out_proj_bias: { value: t("f2") },
    attn_mask: { value: t("g23") },
    q_proj_weight: { value: t("f22") },
    k_proj_weight: { value: t("f22") },
    v_proj_weight: { value: t("f22") },
  },
  // Random fills of a zero-element tensor are deterministic (the walk does not seed the generators).
  [`${INIT}.uniform_`]: { tensor: { value: t("fe") } },
  [`${INIT}.normal_`]: { tensor: { value: t("fe") } },
  [`${INIT}.calculate_gain`]: { nonlinearity: { value: "leaky_relu" } },
};

/** Calls whose PyTorch outcome tensorgrad cannot reproduce, by case id, with the reason. */
export const NN_FUNCTIONAL_EXCEPTIONS: Record<string, string> = {};
