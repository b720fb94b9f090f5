// nn.MaxPool2d, nn.AvgPool2d and nn.AdaptiveAvgPool2d with PyTorch's arguments and reprs.
import type { Tensor } from "../../tensor/tensor.js";
import { Module } from "../module.js";
import type { IntOrTuple } from "../ops/conv.js";
import { adaptive_avg_pool2d, avg_pool2d, max_pool2d_with_indices } from "../ops/pooling.js";

/** How Python prints an int, a tuple or None given as an argument. */
const pyArg = (v: IntOrTuple | null | readonly (number | null)[]): string =>
  v === null
    ? "None"
    : typeof v === "number"
      ? String(v)
      : `(${v.map((x) => (x === null ? "None" : x)).join(", ")}${v.length === 1 ? "," : ""})`;

export interface MaxPool2dModuleOptions {
  stride?: IntOrTuple | null;
  padding?: IntOrTuple;
  dilation?: IntOrTuple;
  return_indices?: boolean;
  ceil_mode?: boolean;
}

export class MaxPool2d extends Module {
  readonly stride: IntOrTuple;
  readonly padding: IntOrTuple;
  readonly dilation: IntOrTuple;
  readonly return_indices: boolean;
  readonly ceil_mode: boolean;

  constructor(
    readonly kernel_size: IntOrTuple,
    opts: MaxPool2dModuleOptions = {},
  ) {
    super();
    this.stride = opts.stride ?? kernel_size;
    this.padding = opts.padding ?? 0;
    this.dilation = opts.dilation ?? 1;
    this.return_indices = opts.return_indices ?? false;
    this.ceil_mode = opts.ceil_mode ?? false;
  }

  /** The pooled values, or [values, indices] when return_indices is set. */
  forward(input: Tensor): Tensor | [Tensor, Tensor] {
    const result = max_pool2d_with_indices(input, this.kernel_size, {
      stride: this.stride,
      padding: this.padding,
      dilation: this.dilation,
      ceil_mode: this.ceil_mode,
    });
    return this.return_indices ? result : result[0];
  }

  override extra_repr(): string {
    return `kernel_size=${pyArg(this.kernel_size)}, stride=${pyArg(this.stride)}, padding=${pyArg(this.padding)}, dilation=${pyArg(this.dilation)}, ceil_mode=${this.ceil_mode ? "True" : "False"}`;
  }
}

export interface AvgPool2dModuleOptions {
  stride?: IntOrTuple | null;
  padding?: IntOrTuple;
  ceil_mode?: boolean;
  count_include_pad?: boolean;
  divisor_override?: number | null;
}

export class AvgPool2d extends Module {
  readonly stride: IntOrTuple;
  readonly padding: IntOrTuple;
  readonly ceil_mode: boolean;
  readonly count_include_pad: boolean;
  readonly divisor_override: number | null;

  constructor(
    readonly kernel_size: IntOrTuple,
    opts: AvgPool2dModuleOptions = {},
  ) {
    super();
    this.stride = opts.stride ?? kernel_size;
    this.padding = opts.padding ?? 0;
    this.ceil_mode = opts.ceil_mode ?? false;
    this.count_include_pad = opts.count_include_pad ?? true;
    this.divisor_override = opts.divisor_override ?? null;
  }

  forward(input: Tensor): Tensor {
    return avg_pool2d(input, this.kernel_size, {
      stride: this.stride,
      padding: this.padding,
      ceil_mode: this.ceil_mode,
      count_include_pad: this.count_include_pad,
      divisor_override: this.divisor_override,
    });
  }

  override extra_repr(): string {
    return `kernel_size=${pyArg(this.kernel_size)}, stride=${pyArg(this.stride)}, padding=${pyArg(this.padding)}`;
  }
}

export class AdaptiveAvgPool2d extends Module {
  constructor(readonly output_size: number | readonly (number | null)[]) {
    super();
  }

  forward(input: Tensor): Tensor {
    return adaptive_avg_pool2d(input, this.output_size);
  }

  override extra_repr(): string {
    return `output_size=${pyArg(this.output_size)}`;
  }
}
