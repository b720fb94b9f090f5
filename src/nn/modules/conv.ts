// nn.Conv1d and nn.Conv2d with PyTorch's constructor arguments, initialisation and repr.
import { ValueError } from "../../errors.js";
import { empty } from "../../tensor/creation.js";
import type { DType } from "../../tensor/dtype.js";
import type { Tensor } from "../../tensor/tensor.js";
import { pad } from "../../ops/join.js";
import { calculate_fan_in_and_fan_out, kaiming_uniform_, uniform_ } from "../init.js";
import { Module } from "../module.js";
import { convNd, expandTuple, type ConvPadding, type IntOrTuple } from "../ops/conv.js";
import { Parameter } from "../parameter.js";

export type PaddingMode = "zeros" | "reflect" | "replicate" | "circular";

export interface ConvModuleOptions {
  stride?: IntOrTuple;
  padding?: ConvPadding;
  dilation?: IntOrTuple;
  groups?: number;
  bias?: boolean;
  padding_mode?: PaddingMode;
  dtype?: string | DType;
}

/** A Python tuple's repr: (3,) or (3, 3). */
const pyTuple = (t: readonly number[]) => (t.length === 1 ? `(${t[0]},)` : `(${t.join(", ")})`);

/** The shared part of Conv1d/Conv2d (PyTorch's _ConvNd). */
abstract class ConvNd extends Module {
  readonly kernel_size: number[];
  readonly stride: number[];
  readonly padding: number[] | "same" | "valid";
  readonly dilation: number[];
  readonly groups: number;
  readonly padding_mode: PaddingMode;
  weight: Parameter;
  bias: Parameter | null;

  constructor(
    private readonly dims: number,
    readonly in_channels: number,
    readonly out_channels: number,
    kernel_size: IntOrTuple,
    opts: ConvModuleOptions,
  ) {
    super();
    const { stride = 1, padding = 0, dilation = 1, groups = 1, bias = true, padding_mode = "zeros" } = opts;
    if (!Number.isInteger(groups) || groups <= 0) throw new ValueError("groups must be a positive integer");
    if (in_channels % groups !== 0) throw new ValueError("in_channels must be divisible by groups");
    if (out_channels % groups !== 0) throw new ValueError("out_channels must be divisible by groups");
    this.kernel_size = expandTuple(kernel_size, dims, "kernel_size");
    this.stride = expandTuple(stride, dims, "stride");
    if (typeof padding === "string") {
      if (padding !== "same" && padding !== "valid")
        throw new ValueError(`Invalid padding string '${padding}', should be one of {'valid', 'same'}`);
      if (padding === "same" && this.stride.some((s) => s !== 1))
        throw new ValueError("padding='same' is not supported for strided convolutions");
      this.padding = padding;
    } else this.padding = expandTuple(padding, dims, "padding");
    this.dilation = expandTuple(dilation, dims, "dilation");
    if (!["zeros", "reflect", "replicate", "circular"].includes(padding_mode))
      throw new ValueError(
        `padding_mode must be one of {'zeros', 'reflect', 'replicate', 'circular'}, but got padding_mode='${padding_mode}'`,
      );
    this.groups = groups;
    this.padding_mode = padding_mode;
    const dtype = opts.dtype ?? null;
    this.weight = new Parameter(empty([out_channels, in_channels / groups, ...this.kernel_size], { dtype }));
    this.bias = bias ? new Parameter(empty([out_channels], { dtype })) : null;
    this.reset_parameters();
  }

  reset_parameters(): void {
    kaiming_uniform_(this.weight, { a: Math.sqrt(5) });
    if (this.bias) {
      const [fanIn] = calculate_fan_in_and_fan_out(this.weight);
      if (fanIn !== 0) {
        const bound = 1 / Math.sqrt(fanIn);
        uniform_(this.bias, -bound, bound);
      }
    }
  }

  forward(input: Tensor): Tensor {
    const fn = `conv${this.dims}d`;
    if (this.padding_mode !== "zeros" && typeof this.padding !== "string") {
      // Non-zero padding modes pad first (reversed pairs per dim, like PyTorch), then convolve unpadded.
      const pairs = [...this.padding].reverse().flatMap((p) => [p, p]);
      const padded = pad(input, pairs, this.padding_mode);
      return convNd(this.dims, fn, padded, this.weight, this.bias, {
        stride: this.stride,
        padding: 0,
        dilation: this.dilation,
        groups: this.groups,
      });
    }
    return convNd(this.dims, fn, input, this.weight, this.bias, {
      stride: this.stride,
      padding: this.padding,
      dilation: this.dilation,
      groups: this.groups,
    });
  }

  override extra_repr(): string {
    let s = `${this.in_channels}, ${this.out_channels}, kernel_size=${pyTuple(this.kernel_size)}, stride=${pyTuple(this.stride)}`;
    const pd = this.padding;
    if (typeof pd === "string") s += `, padding=${pd}`;
    else if (pd.some((p) => p !== 0)) s += `, padding=${pyTuple(pd)}`;
    if (this.dilation.some((d) => d !== 1)) s += `, dilation=${pyTuple(this.dilation)}`;
    if (this.groups !== 1) s += `, groups=${this.groups}`;
    if (this.bias === null) s += ", bias=False";
    if (this.padding_mode !== "zeros") s += `, padding_mode=${this.padding_mode}`;
    return s;
  }
}

/** Applies a 1-D convolution over [N, C, L] (or unbatched [C, L]) input. */
export class Conv1d extends ConvNd {
  constructor(
    in_channels: number,
    out_channels: number,
    kernel_size: IntOrTuple,
    opts: ConvModuleOptions = {},
  ) {
    super(1, in_channels, out_channels, kernel_size, opts);
  }
}

/** Applies a 2-D convolution over [N, C, H, W] (or unbatched [C, H, W]) input. */
export class Conv2d extends ConvNd {
  constructor(
    in_channels: number,
    out_channels: number,
    kernel_size: IntOrTuple,
    opts: ConvModuleOptions = {},
  ) {
    super(2, in_channels, out_channels, kernel_size, opts);
  }
}
