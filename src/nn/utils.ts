// torch.nn.utils
export {
  clip_grad_norm_,
  clip_grad_value_,
  weight_norm,
  remove_weight_norm,
  spectral_norm,
  remove_spectral_norm,
} from "../generated/nn_utils.js";
export * as rnn from "./utils/rnn.js";
export * as parametrize from "./utils/parametrize.js";
export * as parametrizations from "./utils/parametrizations.js";
