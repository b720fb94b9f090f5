// torch.nn.utils
export {
  clip_grad_norm,
  clip_grad_norm_,
  clip_grad_value_,
  parameters_to_vector,
  vector_to_parameters,
  fuse_conv_bn_eval,
  fuse_conv_bn_weights,
  skip_init,
  weight_norm,
  remove_weight_norm,
  spectral_norm,
  remove_spectral_norm,
} from "../generated/nn_utils.js";
export * as rnn from "./utils/rnn.js";
export * as parametrize from "./utils/parametrize.js";
export * as parametrizations from "./utils/parametrizations.js";
