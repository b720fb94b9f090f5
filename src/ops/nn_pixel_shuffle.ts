// torch.pixel_shuffle / torch.pixel_unshuffle (F.pixel_shuffle, F.pixel_unshuffle): a reshape, a permute and a
// contiguous copy, recorded as PyTorch's one node each (PixelShuffleBackward0, PixelUnshuffleBackward0; their rows,
// each the other op, are in derivatives/nn_pixel_shuffle.ts).
import { no_grad } from "../autograd/grad_mode.js";
import { RuntimeError } from "../errors.js";
import { defineOps } from "../signatures/registry.js";
import type { Tensor } from "../tensor/tensor.js";
import { record } from "./core.js";

/** What both nodes keep: the factor. */
export interface PixelShuffleSaved {
  factor: number;
}

function checkRank(fn: string, input: Tensor): void {
  if (input.ndim < 3)
    throw new RuntimeError(
      `${fn} expects input to have at least 3 dimensions, but got input with ${input.ndim} dimension(s)`,
    );
}

/** pixel_shuffle(input, upscale_factor): [*, C*r*r, H, W] to [*, C, H*r, W*r]. */
export function pixel_shuffle(input: Tensor, upscale_factor: number): Tensor {
  checkRank("pixel_shuffle", input);
  const r = upscale_factor;
  if (r <= 0) throw new RuntimeError(`pixel_shuffle expects a positive upscale_factor, but got ${r}`);
  const [c, h, w] = input.shape.slice(-3);
  if (c % (r * r) !== 0)
    throw new RuntimeError(
      `pixel_shuffle expects its input's 'channel' dimension to be divisible by the square of upscale_factor, but input.size(-3)=${c} is not divisible by ${r * r}`,
    );
  const batch = input.shape.slice(0, -3);
  const b = batch.length;
  const out = no_grad(() =>
    input
      .reshape([...batch, c / (r * r), r, r, h, w])
      .permute([...batch.keys(), b, b + 3, b + 1, b + 4, b + 2])
      .reshape([...batch, c / (r * r), h * r, w * r])
      .contiguous()
      .detach(),
  );
  return record("PixelShuffleBackward0", [input], out, () => ({ factor: r }));
}

/** pixel_unshuffle(input, downscale_factor): [*, C, H*r, W*r] to [*, C*r*r, H, W]. */
export function pixel_unshuffle(input: Tensor, downscale_factor: number): Tensor {
  checkRank("pixel_unshuffle", input);
  const r = downscale_factor;
  if (r <= 0) throw new RuntimeError(`pixel_unshuffle expects a positive downscale_factor, but got ${r}`);
  const [c, h, w] = input.shape.slice(-3);
  if (h % r !== 0)
    throw new RuntimeError(
      `pixel_unshuffle expects height to be divisible by downscale_factor, but input.size(-2)=${h} is not divisible by ${r}`,
    );
  if (w % r !== 0)
    throw new RuntimeError(
      `pixel_unshuffle expects width to be divisible by downscale_factor, but input.size(-1)=${w} is not divisible by ${r}`,
    );
  const batch = input.shape.slice(0, -3);
  const b = batch.length;
  const out = no_grad(() =>
    input
      .reshape([...batch, c, h / r, r, w / r, r])
      .permute([...batch.keys(), b, b + 2, b + 4, b + 1, b + 3])
      .reshape([...batch, c * r * r, h / r, w / r])
      .contiguous()
      .detach(),
  );
  return record("PixelUnshuffleBackward0", [input], out, () => ({ factor: r }));
}

// Builtins: F.pixel_shuffle is torch.pixel_shuffle.
defineOps("torch", {
  "pixel_shuffle(Tensor input, int64_t upscale_factor) -> Tensor": pixel_shuffle,
  "pixel_unshuffle(Tensor input, int64_t downscale_factor) -> Tensor": pixel_unshuffle,
});
defineOps("torch.nn.functional", {
  "pixel_shuffle(Tensor input, int64_t upscale_factor) -> Tensor": pixel_shuffle,
  "pixel_unshuffle(Tensor input, int64_t downscale_factor) -> Tensor": pixel_unshuffle,
});
