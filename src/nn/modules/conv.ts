// nn.Conv1d, Conv2d, Conv3d, ConvTranspose1d, ConvTranspose2d and ConvTranspose3d with PyTorch's constructor arguments,
// initialisation and repr.
import { ValueError } from "../../errors.js";
import { PySignature, type BoundArgs, type CallArgs } from "../../signatures/registry.js";
import type { Tensor } from "../../tensor/tensor.js";
import { pad } from "../../ops/join.js";
import { calculate_fan_in_and_fan_out, kaiming_uniform_, uniform_ } from "../init.js";
import { Module } from "../module.js";
import { convNd } from "../../ops/nn_conv.js";
import { convTransposeNd } from "../../ops/nn_conv_transpose.js";
import { Parameter } from "../parameter.js";
import { pyTupleStr } from "../../python.js";
import { factoryEmpty } from "./common.js";

export type PaddingMode = "zeros" | "reflect" | "replicate" | "circular";

const CONV_PARAMS =
  "in_channels: int, out_channels: int, kernel_size: int | int[], stride: int | int[] = 1, padding: 'valid' | 'same' | int | int[] = 0, dilation: int | int[] = 1, groups: int = 1, bias: bool | None = True, padding_mode: 'zeros' | 'reflect' | 'replicate' | 'circular' = 'zeros', device: device | None = None, dtype: dtype | None = None";
const CONV1D = new PySignature("torch.nn", `Conv1d.__init__(${CONV_PARAMS})`);
const CONV2D = new PySignature("torch.nn", `Conv2d.__init__(${CONV_PARAMS})`);
const CONV3D = new PySignature("torch.nn", `Conv3d.__init__(${CONV_PARAMS})`);
const CONV_TRANSPOSE_PARAMS =
  "in_channels: int, out_channels: int, kernel_size: int | int[], stride: int | int[] = 1, padding: int | int[] = 0, output_padding: int | int[] = 0, groups: int = 1, bias: bool = True, dilation: int | int[] = 1, padding_mode: str = 'zeros', device: device | None = None, dtype: dtype | None = None";
const CONV_TRANSPOSE1D = new PySignature("torch.nn", `ConvTranspose1d.__init__(${CONV_TRANSPOSE_PARAMS})`);
const CONV_TRANSPOSE2D = new PySignature("torch.nn", `ConvTranspose2d.__init__(${CONV_TRANSPOSE_PARAMS})`);
const CONV_TRANSPOSE3D = new PySignature("torch.nn", `ConvTranspose3d.__init__(${CONV_TRANSPOSE_PARAMS})`);

type ConvArgs = BoundArgs<"Conv2d.__init__">;
type ConvTransposeArgs = BoundArgs<"ConvTranspose2d.__init__">;

/** PyTorch's _single / _pair: a sequence is kept as it is, an int repeated. */
const ntuple = (v: number | readonly number[], n: number): number[] =>
  typeof v === "number" ? Array<number>(n).fill(v) : [...v];

/** _ConvNd.__init__'s arguments, once each subclass has made its tuples. */
interface ConvOptions {
  in_channels: number;
  out_channels: number;
  kernel_size: number[];
  stride: number[];
  padding: number[] | string;
  dilation: number[];
  transposed: boolean;
  output_padding: number[];
  groups: number;
  bias: boolean | null;
  padding_mode: string;
  device: ConvArgs[9];
  dtype: ConvArgs[10];
}

/** The shared part of the convolutions (PyTorch's _ConvNd): checks, parameters, init, repr. */
abstract class _ConvNd extends Module {
  readonly in_channels: number;
  readonly out_channels: number;
  readonly kernel_size: number[];
  readonly stride: number[];
  readonly padding: number[] | "same" | "valid";
  readonly dilation: number[];
  readonly transposed: boolean;
  readonly output_padding: number[];
  readonly groups: number;
  readonly padding_mode: PaddingMode;
  weight: Parameter;
  bias: Parameter | null;

  constructor(
    protected readonly dims: number,
    o: ConvOptions,
  ) {
    super();
    const { in_channels, out_channels, groups, padding, padding_mode } = o;
    if (groups <= 0) throw new ValueError("groups must be a positive integer");
    if (in_channels % groups !== 0) throw new ValueError("in_channels must be divisible by groups");
    if (out_channels % groups !== 0) throw new ValueError("out_channels must be divisible by groups");
    if (typeof padding === "string") {
      if (padding !== "same" && padding !== "valid")
        throw new ValueError(`Invalid padding string '${padding}', should be one of {'valid', 'same'}`);
      if (padding === "same" && o.stride.some((s) => s !== 1))
        throw new ValueError("padding='same' is not supported for strided convolutions");
    }
    if (!["zeros", "reflect", "replicate", "circular"].includes(padding_mode))
      throw new ValueError(
        `padding_mode must be one of {'zeros', 'reflect', 'replicate', 'circular'}, but got padding_mode='${padding_mode}'`,
      );
    this.in_channels = in_channels;
    this.out_channels = out_channels;
    this.kernel_size = o.kernel_size;
    this.stride = o.stride;
    this.padding = padding as number[] | "same" | "valid";
    this.dilation = o.dilation;
    this.transposed = o.transposed;
    this.output_padding = o.output_padding;
    this.groups = groups;
    this.padding_mode = padding_mode as PaddingMode;
    const [rows, cols] = o.transposed ? [in_channels, out_channels] : [out_channels, in_channels];
    this.weight = new Parameter(
      factoryEmpty([rows, Math.floor(cols / groups), ...this.kernel_size], o.device, o.dtype),
    );
    // PyTorch tests `if bias:`, so None means no bias too.
    this.bias = o.bias ? new Parameter(factoryEmpty([out_channels], o.device, o.dtype)) : null;
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

  override extra_repr(): string {
    let s = `${this.in_channels}, ${this.out_channels}, kernel_size=${pyTupleStr(this.kernel_size)}, stride=${pyTupleStr(this.stride)}`;
    const pd = this.padding;
    if (typeof pd === "string") s += `, padding=${pd}`;
    else if (pd.some((p) => p !== 0)) s += `, padding=${pyTupleStr(pd)}`;
    if (this.dilation.some((d) => d !== 1)) s += `, dilation=${pyTupleStr(this.dilation)}`;
    if (this.output_padding.some((p) => p !== 0)) s += `, output_padding=${pyTupleStr(this.output_padding)}`;
    if (this.groups !== 1) s += `, groups=${this.groups}`;
    if (this.bias === null) s += ", bias=False";
    if (this.padding_mode !== "zeros") s += `, padding_mode=${this.padding_mode}`;
    return s;
  }
}

/** Conv1d/2d/3d: an ordinary convolution over `dims` spatial dims. */
abstract class _ConvForward extends _ConvNd {
  constructor(dims: number, args: ConvArgs) {
    const [in_channels, out_channels, kernel_size, stride, padding, dilation, groups, bias, padding_mode] =
      args;
    super(dims, {
      in_channels,
      out_channels,
      kernel_size: ntuple(kernel_size, dims),
      stride: ntuple(stride, dims),
      padding: typeof padding === "string" ? padding : ntuple(padding, dims),
      dilation: ntuple(dilation, dims),
      transposed: false,
      output_padding: Array<number>(dims).fill(0),
      groups,
      bias,
      padding_mode,
      device: args[9],
      dtype: args[10],
    });
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
}

/** Applies a 1-D convolution over [N, C, L] (or unbatched [C, L]) input. */
export class Conv1d extends _ConvForward {
  constructor(...args: CallArgs<"Conv1d.__init__">) {
    super(1, CONV1D.bind(args));
  }
}

/** Applies a 2-D convolution over [N, C, H, W] (or unbatched [C, H, W]) input. */
export class Conv2d extends _ConvForward {
  constructor(...args: CallArgs<"Conv2d.__init__">) {
    super(2, CONV2D.bind(args));
  }
}

/** Applies a 3-D convolution over [N, C, D, H, W] (or unbatched [C, D, H, W]) input. */
export class Conv3d extends _ConvForward {
  constructor(...args: CallArgs<"Conv3d.__init__">) {
    super(3, CONV3D.bind(args));
  }
}

const pyList = (xs: readonly number[]) => `[${xs.join(", ")}]`;

/** PyTorch's _ConvTransposeNd: only zero padding, and an output size chosen in forward. */
abstract class _ConvTransposeNd extends _ConvNd {
  constructor(dims: number, args: ConvTransposeArgs) {
    const [in_channels, out_channels, kernel_size, stride, padding, output_padding, groups, bias, dilation] =
      args;
    const padding_mode = args[9];
    if (padding_mode !== "zeros")
      throw new ValueError(`Only "zeros" padding mode is supported for ${new.target.name}`);
    super(dims, {
      in_channels,
      out_channels,
      kernel_size: ntuple(kernel_size, dims),
      stride: ntuple(stride, dims),
      padding: ntuple(padding, dims),
      dilation: ntuple(dilation, dims),
      transposed: true,
      output_padding: ntuple(output_padding, dims),
      groups,
      bias,
      padding_mode,
      device: args[10],
      dtype: args[11],
    });
  }

  /**
   * The output padding that makes the output `output_size` (its spatial sizes, or with the batch and channel
   * dims), within the range of sizes a strided transposed convolution can give (_output_padding).
   */
  private outputPaddingFor(input: Tensor, outputSize: readonly number[] | null): number[] {
    if (outputSize === null) return this.output_padding;
    const dims = this.dims;
    const nonSpatial = input.ndim === dims + 2 ? 2 : 1;
    const size = outputSize.length === nonSpatial + dims ? outputSize.slice(nonSpatial) : [...outputSize];
    if (size.length !== dims)
      throw new ValueError(
        `ConvTranspose${dims}D: for ${input.ndim}D input, output_size must have ${dims} or ${nonSpatial + dims} elements (got ${size.length})`,
      );
    const minSizes = this.kernel_size.map(
      (k, d) =>
        (input.shape[d + nonSpatial] - 1) * this.stride[d] -
        2 * (this.padding as number[])[d] +
        this.dilation[d] * (k - 1) +
        1,
    );
    const maxSizes = minSizes.map((m, d) => m + this.stride[d] - 1);
    if (size.some((s, d) => s < minSizes[d] || s > maxSizes[d]))
      throw new ValueError(
        `requested an output size of ${pyList(size)}, but valid sizes range from ${pyList(minSizes)} to ${pyList(maxSizes)} (for an input of torch.Size(${pyList(input.shape.slice(2))}))`,
      );
    return size.map((s, d) => s - minSizes[d]);
  }

  forward(input: Tensor, output_size: readonly number[] | null = null): Tensor {
    const outputPadding = this.outputPaddingFor(input, output_size);
    return convTransposeNd(
      this.dims,
      `conv_transpose${this.dims}d`,
      input,
      this.weight,
      this.bias,
      this.stride,
      this.padding as number[],
      outputPadding,
      this.groups,
      this.dilation,
    );
  }
}

/** Applies a 1-D transposed convolution (the gradient of Conv1d with respect to its input). */
export class ConvTranspose1d extends _ConvTransposeNd {
  constructor(...args: CallArgs<"ConvTranspose1d.__init__">) {
    super(1, CONV_TRANSPOSE1D.bind(args));
  }
}

/** Applies a 2-D transposed convolution (the gradient of Conv2d with respect to its input). */
export class ConvTranspose2d extends _ConvTransposeNd {
  constructor(...args: CallArgs<"ConvTranspose2d.__init__">) {
    super(2, CONV_TRANSPOSE2D.bind(args));
  }
}

/** Applies a 3-D transposed convolution (the gradient of Conv3d with respect to its input). */
export class ConvTranspose3d extends _ConvTransposeNd {
  constructor(...args: CallArgs<"ConvTranspose3d.__init__">) {
    super(3, CONV_TRANSPOSE3D.bind(args));
  }
}
