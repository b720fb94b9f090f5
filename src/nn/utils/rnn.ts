// torch.nn.utils.rnn: the generated functions (declared in src/nn/utils_rnn.ts) and PackedSequence.
export {
  invert_permutation,
  pack_padded_sequence,
  pad_packed_sequence,
  pad_sequence,
  pack_sequence,
  unpad_sequence,
  unpack_sequence,
} from "../../generated/nn_utils_rnn.js";
export { PackedSequence } from "../utils_rnn.js";
