// nn.MaxPool1d/2d/3d, AvgPool1d/2d/3d, AdaptiveAvgPool1d/2d/3d and AdaptiveMaxPool1d/2d/3d with PyTorch's
// arguments and reprs.
import { PySignature, publicFunction, type CallArgs } from "../../signatures/registry.js";
import type { Tensor } from "../../tensor/tensor.js";
import { Module } from "../module.js";
import { adaptive_avg_pool2d, avg_pool2d, max_pool2d_with_indices } from "../../ops/nn_pool.js";
import {
  adaptive_avg_pool1d,
  avg_pool1d,
  max_pool1d,
  max_pool1d_with_indices,
} from "../../ops/nn_pool_1d.js";
import { adaptive_max_pool1d } from "../../ops/nn_pool_1d.js";
import { lp_pool1d, lp_pool2d } from "../../ops/nn_pool_lp.js";
import { maxUnpool1d, maxUnpool2d, maxUnpool3d } from "../../ops/nn_unpool.js";
import { avg_pool3d, max_pool3d_with_indices } from "../../ops/nn_pool_3d.js";
import "../../ops/nn_pool_adaptive_max.js";
import { pyBool, pyStr, pyTuple } from "../../python.js";

type IntOrTuple = number | number[];

const MAX_POOL = new PySignature(
  "torch.nn",
  "_MaxPoolNd.__init__(kernel_size: int | int[], stride: int | int[] | None = None, padding: int | int[] = 0, dilation: int | int[] = 1, return_indices: bool = False, ceil_mode: bool = False)",
  ["MaxPool1d", "MaxPool2d", "MaxPool3d"],
);
const AVG_POOL1D = new PySignature(
  "torch.nn",
  "AvgPool1d.__init__(kernel_size: int | int[], stride: int | int[] | None = None, padding: int | int[] = 0, ceil_mode: bool = False, count_include_pad: bool = True)",
);
const LP_POOL = new PySignature(
  "torch.nn",
  "_LPPoolNd.__init__(norm_type: float, kernel_size: int | int[], stride: int | int[] | None = None, ceil_mode: bool = False)",
  ["LPPool1d", "LPPool2d"],
);
const UNPOOL_PARAMS =
  "(kernel_size: int | int[], stride: int | int[] | None = None, padding: int | int[] = 0)";
const MAX_UNPOOL1D = new PySignature("torch.nn", `MaxUnpool1d.__init__${UNPOOL_PARAMS}`);
const MAX_UNPOOL2D = new PySignature("torch.nn", `MaxUnpool2d.__init__${UNPOOL_PARAMS}`);
const MAX_UNPOOL3D = new PySignature("torch.nn", `MaxUnpool3d.__init__${UNPOOL_PARAMS}`);
const ADAPTIVE_MAX_POOL = new PySignature(
  "torch.nn",
  "_AdaptiveMaxPoolNd.__init__(output_size: int | None | (int | None)[], return_indices: bool = False)",
  ["AdaptiveMaxPool1d", "AdaptiveMaxPool2d", "AdaptiveMaxPool3d"],
);
const AVG_POOL_PARAMS =
  "(kernel_size: int | int[], stride: int | int[] | None = None, padding: int | int[] = 0, ceil_mode: bool = False, count_include_pad: bool = True, divisor_override: int | None = None)";
const AVG_POOL = new PySignature("torch.nn", `AvgPool2d.__init__${AVG_POOL_PARAMS}`);
const AVG_POOL3D = new PySignature("torch.nn", `AvgPool3d.__init__${AVG_POOL_PARAMS}`);
const ADAPTIVE_AVG_POOL = new PySignature(
  "torch.nn",
  "_AdaptiveAvgPoolNd.__init__(output_size: int | None | (int | None)[])",
  ["AdaptiveAvgPool1d", "AdaptiveAvgPool2d", "AdaptiveAvgPool3d"],
);

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

/** An int or a list as the 1-D ops' int lists (the parser's IntArrayRef[1]). */
const asList = (v: IntOrTuple): number[] => (typeof v === "number" ? [v] : [...v]);

/** _MaxPoolNd's shared state (kernel_size and the rest kept as given, stride defaulting to the kernel). */
abstract class _MaxPoolNd extends Module {
  readonly kernel_size: IntOrTuple;
  readonly stride: IntOrTuple;
  readonly padding: IntOrTuple;
  readonly dilation: IntOrTuple;
  readonly return_indices: boolean;
  readonly ceil_mode: boolean;

  constructor(args: CallArgs<"_MaxPoolNd.__init__">) {
    super();
    const [kernel_size, stride, padding, dilation, return_indices, ceil_mode] = MAX_POOL.bind(args);
    this.kernel_size = kernel_size;
    this.stride = stride ?? kernel_size;
    this.padding = padding;
    this.dilation = dilation;
    this.return_indices = return_indices;
    this.ceil_mode = ceil_mode;
  }

  override extra_repr(): string {
    return `kernel_size=${pyStr(pyTuple(this.kernel_size))}, stride=${pyStr(pyTuple(this.stride))}, padding=${pyStr(pyTuple(this.padding))}, dilation=${pyStr(pyTuple(this.dilation))}, ceil_mode=${pyBool(this.ceil_mode)}`;
  }
}

export class MaxPool1d extends _MaxPoolNd {
  constructor(...args: CallArgs<"_MaxPoolNd.__init__">) {
    super(args);
  }

  /** The pooled values, or [values, indices] when return_indices is set. */
  forward(input: Tensor): Tensor | [Tensor, Tensor] {
    const args = [
      asList(this.kernel_size),
      asList(this.stride),
      asList(this.padding),
      asList(this.dilation),
    ] as const;
    return this.return_indices
      ? max_pool1d_with_indices(input, ...args, this.ceil_mode)
      : max_pool1d(input, ...args, this.ceil_mode);
  }
}

export class MaxPool2d extends _MaxPoolNd {
  constructor(...args: CallArgs<"_MaxPoolNd.__init__">) {
    super(args);
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
}

export class AvgPool1d extends Module {
  readonly kernel_size: number[];
  readonly stride: number[];
  readonly padding: number[];
  readonly ceil_mode: boolean;
  readonly count_include_pad: boolean;

  constructor(...args: CallArgs<"AvgPool1d.__init__">) {
    super();
    const [kernel_size, stride, padding, ceil_mode, count_include_pad] = AVG_POOL1D.bind(args);
    // AvgPool1d keeps its arguments as _single tuples.
    this.kernel_size = asList(kernel_size);
    this.stride = asList(stride ?? kernel_size);
    this.padding = asList(padding);
    this.ceil_mode = ceil_mode;
    this.count_include_pad = count_include_pad;
  }

  forward(input: Tensor): Tensor {
    return avg_pool1d(
      input,
      this.kernel_size,
      this.stride,
      this.padding,
      this.ceil_mode,
      this.count_include_pad,
    );
  }

  override extra_repr(): string {
    return `kernel_size=${pyStr(pyTuple(this.kernel_size))}, stride=${pyStr(pyTuple(this.stride))}, padding=${pyStr(pyTuple(this.padding))}`;
  }
}

export class AdaptiveAvgPool1d extends Module {
  readonly output_size: number | null | (number | null)[];

  constructor(...args: CallArgs<"_AdaptiveAvgPoolNd.__init__">) {
    super();
    [this.output_size] = ADAPTIVE_AVG_POOL.bind(args);
  }

  forward(input: Tensor): Tensor {
    return adaptive_avg_pool1d(input, asList(this.output_size as IntOrTuple));
  }

  override extra_repr(): string {
    return `output_size=${pyStr(pyTuple(this.output_size))}`;
  }
}

/** _AdaptiveMaxPoolNd: the output size as given, and whether forward returns the indices too. */
abstract class _AdaptiveMaxPoolNd extends Module {
  readonly output_size: number | null | (number | null)[];
  readonly return_indices: boolean;

  constructor(args: CallArgs<"_AdaptiveMaxPoolNd.__init__">) {
    super();
    [this.output_size, this.return_indices] = ADAPTIVE_MAX_POOL.bind(args);
  }

  override extra_repr(): string {
    return `output_size=${pyStr(pyTuple(this.output_size))}`;
  }
}

export class AdaptiveMaxPool1d extends _AdaptiveMaxPoolNd {
  constructor(...args: CallArgs<"_AdaptiveMaxPoolNd.__init__">) {
    super(args);
  }

  /** The pooled values, or [values, indices] when return_indices is set. */
  forward(input: Tensor): Tensor | [Tensor, Tensor] {
    const result = adaptive_max_pool1d(input, asList(this.output_size as IntOrTuple));
    return this.return_indices ? result : result[0];
  }
}

export class AdaptiveMaxPool2d extends _AdaptiveMaxPoolNd {
  constructor(...args: CallArgs<"_AdaptiveMaxPoolNd.__init__">) {
    super(args);
  }

  /** The pooled values, or [values, indices] when return_indices is set; None sizes keep the input's. */
  forward(input: Tensor): Tensor | [Tensor, Tensor] {
    const F = publicFunction("torch.nn.functional", "adaptive_max_pool2d") as (...a: unknown[]) => unknown;
    return F(input, this.output_size, this.return_indices) as Tensor | [Tensor, Tensor];
  }
}

/** _LPPoolNd: F.lp_pool{n}d with the module's arguments, kept as given. */
abstract class _LPPoolNd extends Module {
  readonly norm_type: number;
  readonly kernel_size: IntOrTuple;
  readonly stride: IntOrTuple | null;
  readonly ceil_mode: boolean;

  constructor(args: CallArgs<"_LPPoolNd.__init__">) {
    super();
    [this.norm_type, this.kernel_size, this.stride, this.ceil_mode] = LP_POOL.bind(args);
  }

  override extra_repr(): string {
    return `norm_type=${pyStr(this.norm_type)}, kernel_size=${pyStr(pyTuple(this.kernel_size))}, stride=${pyStr(pyTuple(this.stride))}, ceil_mode=${pyBool(this.ceil_mode)}`;
  }
}

export class LPPool1d extends _LPPoolNd {
  constructor(...args: CallArgs<"_LPPoolNd.__init__">) {
    super(args);
  }

  forward(input: Tensor): Tensor {
    return lp_pool1d(input, this.norm_type, this.kernel_size, this.stride, this.ceil_mode);
  }
}

export class LPPool2d extends _LPPoolNd {
  constructor(...args: CallArgs<"_LPPoolNd.__init__">) {
    super(args);
  }

  forward(input: Tensor): Tensor {
    return lp_pool2d(input, this.norm_type, this.kernel_size, this.stride, this.ceil_mode);
  }
}

/** _MaxUnpoolNd: F.max_unpool{n}d with the module's tuples (_single, _pair, _triple). */
abstract class _MaxUnpoolNd extends Module {
  readonly kernel_size: number[];
  readonly stride: number[];
  readonly padding: number[];

  constructor([kernel_size, stride, padding]: [IntOrTuple, IntOrTuple | null, IntOrTuple], n: number) {
    super();
    const tuple = (v: IntOrTuple) => (typeof v === "number" ? Array<number>(n).fill(v) : [...v]);
    this.kernel_size = tuple(kernel_size);
    this.stride = tuple(stride ?? kernel_size);
    this.padding = tuple(padding);
  }

  override extra_repr(): string {
    return `kernel_size=${pyStr(pyTuple(this.kernel_size))}, stride=${pyStr(pyTuple(this.stride))}, padding=${pyStr(pyTuple(this.padding))}`;
  }
}

export class MaxUnpool1d extends _MaxUnpoolNd {
  constructor(...args: CallArgs<"MaxUnpool1d.__init__">) {
    super(MAX_UNPOOL1D.bind(args), 1);
  }

  forward(input: Tensor, indices: Tensor, output_size: number[] | null = null): Tensor {
    return maxUnpool1d(input, indices, this.kernel_size, this.stride, this.padding, output_size);
  }
}

export class MaxUnpool2d extends _MaxUnpoolNd {
  constructor(...args: CallArgs<"MaxUnpool2d.__init__">) {
    super(MAX_UNPOOL2D.bind(args), 2);
  }

  forward(input: Tensor, indices: Tensor, output_size: number[] | null = null): Tensor {
    return maxUnpool2d(input, indices, this.kernel_size, this.stride, this.padding, output_size);
  }
}

export class MaxUnpool3d extends _MaxUnpoolNd {
  constructor(...args: CallArgs<"MaxUnpool3d.__init__">) {
    super(MAX_UNPOOL3D.bind(args), 3);
  }

  forward(input: Tensor, indices: Tensor, output_size: number[] | null = null): Tensor {
    return maxUnpool3d(input, indices, this.kernel_size, this.stride, this.padding, output_size);
  }
}

export class MaxPool3d extends _MaxPoolNd {
  constructor(...args: CallArgs<"_MaxPoolNd.__init__">) {
    super(args);
  }

  /** The pooled values, or [values, indices] when return_indices is set. */
  forward(input: Tensor): Tensor | [Tensor, Tensor] {
    const result = max_pool3d_with_indices(
      input,
      asList(this.kernel_size),
      asList(this.stride),
      asList(this.padding),
      asList(this.dilation),
      this.ceil_mode,
    );
    return this.return_indices ? result : result[0];
  }
}

export class AvgPool3d extends Module {
  readonly kernel_size: IntOrTuple;
  readonly stride: IntOrTuple;
  readonly padding: IntOrTuple;
  readonly ceil_mode: boolean;
  readonly count_include_pad: boolean;
  readonly divisor_override: number | null;

  constructor(...args: CallArgs<"AvgPool3d.__init__">) {
    super();
    const [kernel_size, stride, padding, ceil_mode, count_include_pad, divisor_override] =
      AVG_POOL3D.bind(args);
    this.kernel_size = kernel_size;
    this.stride = stride ?? kernel_size;
    this.padding = padding;
    this.ceil_mode = ceil_mode;
    this.count_include_pad = count_include_pad;
    this.divisor_override = divisor_override;
  }

  forward(input: Tensor): Tensor {
    return avg_pool3d(
      input,
      asList(this.kernel_size),
      asList(this.stride),
      asList(this.padding),
      this.ceil_mode,
      this.count_include_pad,
      this.divisor_override,
    );
  }

  override extra_repr(): string {
    return `kernel_size=${pyStr(pyTuple(this.kernel_size))}, stride=${pyStr(pyTuple(this.stride))}, padding=${pyStr(pyTuple(this.padding))}`;
  }
}

export class AdaptiveAvgPool3d extends Module {
  readonly output_size: number | null | (number | null)[];

  constructor(...args: CallArgs<"_AdaptiveAvgPoolNd.__init__">) {
    super();
    [this.output_size] = ADAPTIVE_AVG_POOL.bind(args);
  }

  /** F.adaptive_avg_pool3d: None sizes keep the input's. */
  forward(input: Tensor): Tensor {
    // _list_with_default takes the output size's length: None has none, as in Python.
    if (this.output_size === null) throw new TypeError("object of type 'NoneType' has no len()");
    const F = publicFunction("torch.nn.functional", "adaptive_avg_pool3d") as (...a: unknown[]) => Tensor;
    return F(input, this.output_size);
  }

  override extra_repr(): string {
    return `output_size=${pyStr(pyTuple(this.output_size))}`;
  }
}

export class AdaptiveMaxPool3d extends _AdaptiveMaxPoolNd {
  constructor(...args: CallArgs<"_AdaptiveMaxPoolNd.__init__">) {
    super(args);
  }

  /** The pooled values, or [values, indices] when return_indices is set; None sizes keep the input's. */
  forward(input: Tensor): Tensor | [Tensor, Tensor] {
    const F = publicFunction("torch.nn.functional", "adaptive_max_pool3d") as (...a: unknown[]) => unknown;
    return F(input, this.output_size, this.return_indices) as Tensor | [Tensor, Tensor];
  }
}
