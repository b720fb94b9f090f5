// nn.Upsample, nn.UpsamplingNearest2d and nn.UpsamplingBilinear2d: F.interpolate with the module's settings
// (torch/nn/modules/upsampling.py), scale factors kept as floats as PyTorch stores them.
import { interpolate } from "../../ops/nn_upsample.js";
import { pyFloatRepr, pyTupleStr } from "../../python.js";
import { PySignature, type CallArgs } from "../../signatures/registry.js";
import type { Tensor } from "../../tensor/tensor.js";
import { Module } from "../module.js";

const UPSAMPLE = new PySignature(
  "torch.nn",
  "Upsample.__init__(size: int | int[] | None = None, scale_factor: float | float[] | None = None, mode: str = 'nearest', align_corners: bool | None = None, recompute_scale_factor: bool | None = None)",
);
const UPSAMPLING_NEAREST_2D = new PySignature(
  "torch.nn",
  "UpsamplingNearest2d.__init__(size: int | int[] | None = None, scale_factor: float | float[] | None = None)",
);
const UPSAMPLING_BILINEAR_2D = new PySignature(
  "torch.nn",
  "UpsamplingBilinear2d.__init__(size: int | int[] | None = None, scale_factor: float | float[] | None = None)",
);

type Size = number | readonly number[] | null;

/** Upsamples [N, C, ...] input to `size` or by `scale_factor` with F.interpolate. */
export class Upsample extends Module {
  readonly name: string;
  size: Size;
  scale_factor: number | readonly number[] | null;
  mode: string;
  align_corners: boolean | null;
  recompute_scale_factor: boolean | null;

  constructor(...args: CallArgs<"Upsample.__init__">) {
    super();
    const bound = UPSAMPLE.bind(args);
    this.name = new.target.name;
    [this.size, this.scale_factor, this.mode, this.align_corners, this.recompute_scale_factor] = bound;
    this.init(...bound);
  }

  /** The attributes, as Upsample.__init__ sets them (a falsy scale factor is None). */
  protected init(
    size: Size,
    scale_factor: number | readonly number[] | null,
    mode: string,
    align_corners: boolean | null,
    recompute_scale_factor: boolean | null,
  ): void {
    this.size = typeof size === "number" || size === null ? size : [...size];
    this.scale_factor =
      scale_factor === null || scale_factor === 0
        ? null
        : typeof scale_factor === "number"
          ? scale_factor
          : [...scale_factor];
    this.mode = mode;
    this.align_corners = align_corners;
    this.recompute_scale_factor = recompute_scale_factor;
  }

  forward(input: Tensor): Tensor {
    return interpolate(
      input,
      this.size,
      this.scale_factor,
      this.mode,
      this.align_corners,
      this.recompute_scale_factor,
    );
  }

  override extra_repr(): string {
    const sf = this.scale_factor;
    const info =
      sf !== null
        ? `scale_factor=${typeof sf === "number" ? pyFloatRepr(sf) : `(${sf.map(pyFloatRepr).join(", ")}${sf.length === 1 ? "," : ""})`}`
        : `size=${this.size === null ? "None" : typeof this.size === "number" ? this.size : pyTupleStr(this.size)}`;
    return `${info}, mode=${this.mode}`;
  }
}

/** Nearest-neighbour upsampling of [N, C, H, W] input. */
export class UpsamplingNearest2d extends Upsample {
  constructor(...args: CallArgs<"UpsamplingNearest2d.__init__">) {
    const [size, scale_factor] = UPSAMPLING_NEAREST_2D.bind(args);
    super(size, scale_factor, { mode: "nearest" });
  }
}

/** Bilinear upsampling of [N, C, H, W] input with align_corners=True. */
export class UpsamplingBilinear2d extends Upsample {
  constructor(...args: CallArgs<"UpsamplingBilinear2d.__init__">) {
    const [size, scale_factor] = UPSAMPLING_BILINEAR_2D.bind(args);
    super(size, scale_factor, { mode: "bilinear", align_corners: true });
  }
}
