// nn.PixelShuffle and nn.PixelUnshuffle: F.pixel_shuffle / F.pixel_unshuffle with the module's factor.
import { pixel_shuffle, pixel_unshuffle } from "../../ops/nn_pixel_shuffle.js";
import { PySignature, type CallArgs } from "../../signatures/registry.js";
import type { Tensor } from "../../tensor/tensor.js";
import { Module } from "../module.js";

const PIXEL_SHUFFLE = new PySignature("torch.nn", "PixelShuffle.__init__(upscale_factor: int)");
const PIXEL_UNSHUFFLE = new PySignature("torch.nn", "PixelUnshuffle.__init__(downscale_factor: int)");

export class PixelShuffle extends Module {
  readonly upscale_factor: number;

  constructor(...args: CallArgs<"PixelShuffle.__init__">) {
    super();
    [this.upscale_factor] = PIXEL_SHUFFLE.bind(args);
  }

  forward(input: Tensor): Tensor {
    return pixel_shuffle(input, this.upscale_factor);
  }

  override extra_repr(): string {
    return `upscale_factor=${this.upscale_factor}`;
  }
}

export class PixelUnshuffle extends Module {
  readonly downscale_factor: number;

  constructor(...args: CallArgs<"PixelUnshuffle.__init__">) {
    super();
    [this.downscale_factor] = PIXEL_UNSHUFFLE.bind(args);
  }

  forward(input: Tensor): Tensor {
    return pixel_unshuffle(input, this.downscale_factor);
  }

  override extra_repr(): string {
    return `downscale_factor=${this.downscale_factor}`;
  }
}
