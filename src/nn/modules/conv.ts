// nn.Conv1d and nn.Conv2d with PyTorch's constructor arguments, initialisation and repr.
import { ValueError } from "../../errors.js";
import { PySignature, type BoundArgs, type CallArgs } from "../../signatures/registry.js";
import type { Tensor } from "../../tensor/tensor.js";
import { pad } from "../../ops/join.js";
import { calculate_fan_in_and_fan_out, kaiming_uniform_, uniform_ } from "../init.js";
import { Module } from "../module.js";
import { convNd } from "../../ops/nn_conv.js";
import { Parameter } from "../parameter.js";
import { pyTupleStr } from "../../python.js";
import { factoryEmpty } from "./common.js";

export type PaddingMode = "zeros" | "reflect" | "replicate" | "circular";

const CONV_PARAMS =
  "in_channels: int, out_channels: int, kernel_size: int | int[], stride: int | int[] = 1, padding: 'valid' | 'same' | int | int[] = 0, dilation: int | int[] = 1, groups: int = 1, bias: bool | None = True, padding_mode: 'zeros' | 'reflect' | 'replicate' | 'circular' = 'zeros', device: device | None = None, dtype: dtype | None = None";
const CONV1D = new PySignature("torch.nn", `Conv1d.__init__(${CONV_PARAMS})`);
const CONV2D = new PySignature("torch.nn", `Conv2d.__init__(${CONV_PARAMS})`);

type ConvArgs = BoundArgs<"Conv2d.__init__">;

/** PyTorch's _single / _pair: a sequence is kept as it is, an int repeated. */
const ntuple = (v: number | readonly number[], n: number): number[] =>
  typeof v === "number" ? Array<number>(n).fill(v) : [...v];

/** The shared part of Conv1d/Conv2d (PyTorch's _ConvNd). */
abstract class _ConvNd extends Module {
  readonly in_channels: number;
  readonly out_channels: number;
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
    args: ConvArgs,
  ) {
    super();
    const [in_channels, out_channels, kernel_size, stride, padding, dilation, groups, bias, padding_mode] =
      args;
    const [device, dtype] = [args[9], args[10]];
    this.kernel_size = ntuple(kernel_size, dims);
    this.stride = ntuple(stride, dims);
    this.dilation = ntuple(dilation, dims);
    if (groups <= 0) throw new ValueError("groups must be a positive integer");
    if (in_channels % groups !== 0) throw new ValueError("in_channels must be divisible by groups");
    if (out_channels % groups !== 0) throw new ValueError("out_channels must be divisible by groups");
    if (typeof padding === "string") {
      if (padding !== "same" && padding !== "valid")
        throw new ValueError(`Invalid padding string '${padding}', should be one of {'valid', 'same'}`);
      if (padding === "same" && this.stride.some((s) => s !== 1))
        throw new ValueError("padding='same' is not supported for strided convolutions");
      this.padding = padding;
    } else this.padding = ntuple(padding, dims);
    if (!["zeros", "reflect", "replicate", "circular"].includes(padding_mode))
      throw new ValueError(
        `padding_mode must be one of {'zeros', 'reflect', 'replicate', 'circular'}, but got padding_mode='${padding_mode}'`,
      );
    this.in_channels = in_channels;
    this.out_channels = out_channels;
    this.groups = groups;
    this.padding_mode = padding_mode;
    this.weight = new Parameter(
      factoryEmpty([out_channels, Math.floor(in_channels / groups), ...this.kernel_size], device, dtype),
    );
    // PyTorch tests `if bias:`, so None means no bias too.
    this.bias = bias ? new Parameter(factoryEmpty([out_channels], device, dtype)) : null;
    this.reset_parameters();
  }

  reset_parameters(): void {
    kaiming_uniform_(this.weight, Math.sqrt(5));
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
    if (this.padding_mode !== "zeros") {
      // Non-zero padding modes pad first (reversed pairs per dim, like PyTorch), then convolve unpadded.
      const padded = pad(input, this.reversedPaddingRepeatedTwice(), this.padding_mode);
      const noPadding = this.stride.map(() => 0);
      return convNd(
        this.dims,
        fn,
        padded,
        this.weight,
        this.bias,
        this.stride,
        noPadding,
        this.dilation,
        this.groups,
      );
    }
    return convNd(
      this.dims,
      fn,
      input,
      this.weight,
      this.bias,
      this.stride,
      this.padding,
      this.dilation,
      this.groups,
    );
  }

  /** PyTorch's _reversed_padding_repeated_twice: F.pad's pairs, last dim first ('same' split as it splits it). */
  private reversedPaddingRepeatedTwice(): number[] {
    const pd = this.padding;
    if (pd === "valid") return this.kernel_size.flatMap(() => [0, 0]);
    if (pd === "same") {
      return this.kernel_size
        .map((k, i) => {
          const total = this.dilation[i] * (k - 1);
          return [Math.floor(total / 2), total - Math.floor(total / 2)];
        })
        .reverse()
        .flat();
    }
    return [...pd].reverse().flatMap((p) => [p, p]);
  }

  override extra_repr(): string {
    let s = `${this.in_channels}, ${this.out_channels}, kernel_size=${pyTupleStr(this.kernel_size)}, stride=${pyTupleStr(this.stride)}`;
    const pd = this.padding;
    if (typeof pd === "string") s += `, padding=${pd}`;
    else if (pd.some((p) => p !== 0)) s += `, padding=${pyTupleStr(pd)}`;
    if (this.dilation.some((d) => d !== 1)) s += `, dilation=${pyTupleStr(this.dilation)}`;
    if (this.groups !== 1) s += `, groups=${this.groups}`;
    if (this.bias === null) s += ", bias=False";
    if (this.padding_mode !== "zeros") s += `, padding_mode=${this.padding_mode}`;
    return s;
  }
}

/** Applies a 1-D convolution over [N, C, L] (or unbatched [C, L]) input. */
export class Conv1d extends _ConvNd {
  constructor(...args: CallArgs<"Conv1d.__init__">) {
    super(1, CONV1D.bind(args));
  }
}

/** Applies a 2-D convolution over [N, C, H, W] (or unbatched [C, H, W]) input. */
export class Conv2d extends _ConvNd {
  constructor(...args: CallArgs<"Conv2d.__init__">) {
    super(2, CONV2D.bind(args));
  }
}
