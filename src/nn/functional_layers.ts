// Functional forms of conv, pooling, normalization, embedding, bilinear and attention layers.
export { conv1d, conv2d, type ConvOptions, type ConvPadding, type IntOrTuple } from "./ops/conv.js";
export {
  max_pool2d,
  max_pool2d_with_indices,
  avg_pool2d,
  adaptive_avg_pool2d,
  type MaxPool2dOptions,
  type AvgPool2dOptions,
} from "./ops/pooling.js";
export { batch_norm, layer_norm, type BatchNormOptions } from "./ops/norm.js";
export { embedding, bilinear } from "./ops/embedding.js";
export { multi_head_attention_forward, type MultiheadAttentionArgs } from "./ops/attention.js";
