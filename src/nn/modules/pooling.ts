// nn.MaxPool2d, nn.AvgPool2d and nn.AdaptiveAvgPool2d with PyTorch's arguments and reprs.
import { PySignature, type CallArgs } from "../../signatures/registry.js";
import type { Tensor } from "../../tensor/tensor.js";
import { Module } from "../module.js";
import { adaptive_avg_pool2d, avg_pool2d, max_pool2d_with_indices } from "../../ops/nn_pool.js";
import { pyBool, pyStr, pyTuple } from "../../python.js";

type IntOrTuple = number | number[];

const MAX_POOL = new PySignature(
  "torch.nn",
  "_MaxPoolNd.__init__(kernel_size: int | int[], stride: int | int[] | None = None, padding: int | int[] = 0, dilation: int | int[] = 1, return_indices: bool = False, ceil_mode: bool = False)",
  ["MaxPool2d"],
);
const AVG_POOL = new PySignature(
  "torch.nn",
  "AvgPool2d.__init__(kernel_size: int | int[], stride: int | int[] | None = None, padding: int | int[] = 0, ceil_mode: bool = False, count_include_pad: bool = True, divisor_override: int | None = None)",
);
const ADAPTIVE_AVG_POOL = new PySignature(
  "torch.nn",
  "_AdaptiveAvgPoolNd.__init__(output_size: int | None | (int | None)[])",
  ["AdaptiveAvgPool2d"],
);

export class MaxPool2d extends Module {
  readonly kernel_size: IntOrTuple;
  readonly stride: IntOrTuple;
  readonly padding: IntOrTuple;
  readonly dilation: IntOrTuple;
  readonly return_indices: boolean;
  readonly ceil_mode: boolean;

  constructor(...args: CallArgs<"_MaxPoolNd.__init__">) {
    super();
    const [kernel_size, stride, padding, dilation, return_indices, ceil_mode] = MAX_POOL.bind(args);
    this.kernel_size = kernel_size;
    this.stride = stride ?? kernel_size;
    this.padding = padding;
    this.dilation = dilation;
    this.return_indices = return_indices;
    this.ceil_mode = ceil_mode;
  }

  /** The pooled values, or [values, indices] when return_indices is set. */
  forward(input: Tensor): Tensor | [Tensor, Tensor] {
    const result = max_pool2d_with_indices(
      input,
      this.kernel_size,
      this.stride,
      this.padding,
      this.dilation,
      this.ceil_mode,
    );
    return this.return_indices ? result : result[0];
  }

  override extra_repr(): string {
    return `kernel_size=${pyStr(pyTuple(this.kernel_size))}, stride=${pyStr(pyTuple(this.stride))}, padding=${pyStr(pyTuple(this.padding))}, dilation=${pyStr(pyTuple(this.dilation))}, ceil_mode=${pyBool(this.ceil_mode)}`;
  }
}

export class AvgPool2d extends Module {
  readonly kernel_size: IntOrTuple;
  readonly stride: IntOrTuple;
  readonly padding: IntOrTuple;
  readonly ceil_mode: boolean;
  readonly count_include_pad: boolean;
  readonly divisor_override: number | null;

  constructor(...args: CallArgs<"AvgPool2d.__init__">) {
    super();
    const [kernel_size, stride, padding, ceil_mode, count_include_pad, divisor_override] =
      AVG_POOL.bind(args);
    this.kernel_size = kernel_size;
    this.stride = stride ?? kernel_size;
    this.padding = padding;
    this.ceil_mode = ceil_mode;
    this.count_include_pad = count_include_pad;
    this.divisor_override = divisor_override;
  }

  forward(input: Tensor): Tensor {
    return avg_pool2d(
      input,
      this.kernel_size,
      this.stride,
      this.padding,
      this.ceil_mode,
      this.count_include_pad,
      this.divisor_override,
    );
  }

  override extra_repr(): string {
    return `kernel_size=${pyStr(pyTuple(this.kernel_size))}, stride=${pyStr(pyTuple(this.stride))}, padding=${pyStr(pyTuple(this.padding))}`;
  }
}

export class AdaptiveAvgPool2d extends Module {
  readonly output_size: number | null | (number | null)[];

  constructor(...args: CallArgs<"_AdaptiveAvgPoolNd.__init__">) {
    super();
    [this.output_size] = ADAPTIVE_AVG_POOL.bind(args);
  }

  forward(input: Tensor): Tensor {
    // F.adaptive_avg_pool2d takes the output size's length: None has none, as in Python.
    if (this.output_size === null) throw new TypeError("object of type 'NoneType' has no len()");
    return adaptive_avg_pool2d(input, this.output_size);
  }

  override extra_repr(): string {
    return `output_size=${pyStr(pyTuple(this.output_size))}`;
  }
}
