// torch.nn.utils
export { clip_grad_norm_, clip_grad_value_ } from "../generated/nn_utils.js";
export * as rnn from "./utils/rnn.js";
