// Derivatives of src/ops/nn_pixel_shuffle.ts: each op's gradient is the other op of the same factor.
import { derivative } from "../../autograd/derivative.js";
import { pixel_shuffle, pixel_unshuffle, type PixelShuffleSaved } from "../nn_pixel_shuffle.js";

export const NN_PIXEL_SHUFFLE_DERIVATIVES = {
  PixelShuffleBackward0: derivative<PixelShuffleSaved>({
    self: ["pixel_unshuffle(grad, upscale_factor)", (g, s) => pixel_unshuffle(g, s.factor)],
  }),
  PixelUnshuffleBackward0: derivative<PixelShuffleSaved>({
    self: ["pixel_shuffle(grad, downscale_factor)", (g, s) => pixel_shuffle(g, s.factor)],
  }),
};
