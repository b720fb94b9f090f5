// nn.BatchNorm1d/2d/3d, nn.InstanceNorm1d/2d/3d, nn.LayerNorm, nn.GroupNorm and nn.LocalResponseNorm (PyTorch's
// buffers, updates and reprs).
import { no_grad } from "../../autograd/grad_mode.js";
import { ValueError } from "../../errors.js";
import { PySignature, type BoundArgs, type CallArgs } from "../../signatures/registry.js";
import { int64 } from "../../tensor/dtype.js";
import type { Tensor } from "../../tensor/tensor.js";
import { ones_, zeros_ } from "../init.js";
import { Module } from "../module.js";
import { batch_norm, layer_norm } from "../../ops/nn_norm.js";
import { group_norm, instance_norm, local_response_norm } from "../../ops/nn_group_norm.js";
import { Parameter } from "../parameter.js";
import { pyBool, PyFloat, pyFloatRepr, pyStr, pyTupleStr } from "../../python.js";
import { factoryEmpty } from "./common.js";

const BATCH_NORM = new PySignature(
  "torch.nn",
  "_BatchNorm.__init__(num_features: int, eps: float = 1e-05, momentum: float | None = 0.1, affine: bool = True, track_running_stats: bool = True, device: device | None = None, dtype: dtype | None = None)",
  ["BatchNorm1d", "BatchNorm2d", "BatchNorm3d"],
);
const INSTANCE_NORM = new PySignature(
  "torch.nn",
  "_InstanceNorm.__init__(num_features: int, eps: float = 1e-05, momentum: float = 0.1, affine: bool = False, track_running_stats: bool = False, device: device | None = None, dtype: dtype | None = None)",
  ["InstanceNorm1d", "InstanceNorm2d", "InstanceNorm3d"],
);
const GROUP_NORM = new PySignature(
  "torch.nn",
  "GroupNorm.__init__(num_groups: int, num_channels: int, eps: float = 1e-05, affine: bool = True, device: device | None = None, dtype: dtype | None = None)",
);
const LOCAL_RESPONSE_NORM = new PySignature(
  "torch.nn",
  "LocalResponseNorm.__init__(size: int, alpha: float = 0.0001, beta: float = 0.75, k: float = 1.0)",
);
const LAYER_NORM = new PySignature(
  "torch.nn",
  "LayerNorm.__init__(normalized_shape: int | int[], eps: float = 1e-05, elementwise_affine: bool = True, device: device | None = None, dtype: dtype | None = None)",
);

/** PyTorch's _BatchNorm: per-channel normalization with running statistics. */
abstract class _NormBase extends Module {
  readonly num_features: number;
  readonly eps: number;
  /** null: a cumulative moving average (1 / num_batches_tracked). */
  readonly momentum: number | null;
  readonly affine: boolean;
  readonly track_running_stats: boolean;
  weight: Parameter | null;
  bias: Parameter | null;
  declare running_mean: Tensor | null;
  declare running_var: Tensor | null;
  declare num_batches_tracked: Tensor | null;

  constructor(args: BoundArgs<"_BatchNorm.__init__">) {
    super();
    const [num_features, eps, momentum, affine, track_running_stats, device, dtype] = args;
    this.num_features = num_features;
    this.eps = eps;
    this.momentum = momentum;
    this.affine = affine;
    this.track_running_stats = track_running_stats;
    this.weight = affine ? new Parameter(factoryEmpty([num_features], device, dtype)) : null;
    this.bias = affine ? new Parameter(factoryEmpty([num_features], device, dtype)) : null;
    if (track_running_stats) {
      this._registerBuffer("running_mean", factoryEmpty([num_features], device, dtype).zero_());
      this._registerBuffer("running_var", factoryEmpty([num_features], device, dtype).fill_(1));
      this._registerBuffer("num_batches_tracked", factoryEmpty([], device, int64).zero_());
    } else {
      this._registerBuffer("running_mean", null);
      this._registerBuffer("running_var", null);
      this._registerBuffer("num_batches_tracked", null);
    }
    this.reset_parameters();
  }

  /** _NormBase._version: 2 since num_batches_tracked was added (state_dict metadata says so). */
  override get _version(): number {
    return 2;
  }

  /** Version 1 state dicts had no num_batches_tracked: PyTorch loads it as 0 when a state dict lacks it. */
  override _upgradeStateDict(stateDict: Record<string, unknown>, prefix: string): void {
    const key = `${prefix}num_batches_tracked`;
    if (this.track_running_stats && !(key in stateDict))
      stateDict[key] = factoryEmpty([], null, int64).zero_();
  }

  reset_running_stats(): void {
    if (!this.track_running_stats) return;
    no_grad(() => {
      this.running_mean?.zero_();
      this.running_var?.fill_(1);
      this.num_batches_tracked?.zero_();
    });
  }

  reset_parameters(): void {
    this.reset_running_stats();
    if (this.weight && this.bias) {
      ones_(this.weight);
      zeros_(this.bias);
    }
  }

  protected abstract checkInputDim(input: Tensor): void;

  forward(input: Tensor): Tensor {
    this.checkInputDim(input);
    let factor = this.momentum ?? 0;
    if (this.training && this.track_running_stats && this.num_batches_tracked) {
      const tracked = this.num_batches_tracked;
      no_grad(() => tracked.add_(1));
      factor = this.momentum === null ? 1 / tracked.item() : this.momentum;
    }
    const bnTraining = this.training || (this.running_mean === null && this.running_var === null);
    const useRunning = !this.training || this.track_running_stats;
    return batch_norm(
      input,
      useRunning ? this.running_mean : null,
      useRunning ? this.running_var : null,
      this.weight,
      this.bias,
      bnTraining,
      factor,
      this.eps,
    );
  }

  override extra_repr(): string {
    const momentum = pyStr(this.momentum === null ? null : new PyFloat(this.momentum));
    return `${this.num_features}, eps=${pyFloatRepr(this.eps)}, momentum=${momentum}, affine=${pyBool(this.affine)}, track_running_stats=${pyBool(this.track_running_stats)}`;
  }
}

/** Batch norm over [N, C] or [N, C, L] input. */
export class BatchNorm1d extends _NormBase {
  constructor(...args: CallArgs<"_BatchNorm.__init__">) {
    super(BATCH_NORM.bind(args));
  }

  protected checkInputDim(input: Tensor): void {
    if (input.ndim !== 2 && input.ndim !== 3)
      throw new ValueError(`expected 2D or 3D input (got ${input.ndim}D input)`);
  }
}

/** Batch norm over [N, C, H, W] input. */
export class BatchNorm2d extends _NormBase {
  constructor(...args: CallArgs<"_BatchNorm.__init__">) {
    super(BATCH_NORM.bind(args));
  }

  protected checkInputDim(input: Tensor): void {
    if (input.ndim !== 4) throw new ValueError(`expected 4D input (got ${input.ndim}D input)`);
  }
}

/** Batch norm over [N, C, D, H, W] input. */
export class BatchNorm3d extends _NormBase {
  constructor(...args: CallArgs<"_BatchNorm.__init__">) {
    super(BATCH_NORM.bind(args));
  }

  protected checkInputDim(input: Tensor): void {
    if (input.ndim !== 5) throw new ValueError(`expected 5D input (got ${input.ndim}D input)`);
  }
}

/** PyTorch's _InstanceNorm: each sample's channels normalized over their own spatial elements. */
abstract class _InstanceNorm extends _NormBase {
  /** The input's dims without a batch dim. */
  protected abstract readonly noBatchDim: number;

  override forward(input: Tensor): Tensor {
    this.checkInputDim(input);
    if (input.ndim === this.noBatchDim) return this.applyInstanceNorm(input.unsqueeze(0)).squeeze(0);
    return this.applyInstanceNorm(input);
  }

  private applyInstanceNorm(input: Tensor): Tensor {
    return instance_norm(
      input,
      this.running_mean,
      this.running_var,
      this.weight,
      this.bias,
      this.training || !this.track_running_stats,
      this.momentum ?? 0.1,
      this.eps,
    );
  }
}

/** Instance norm over [N, C, L] (or [C, L]) input. */
export class InstanceNorm1d extends _InstanceNorm {
  protected readonly noBatchDim = 2;

  constructor(...args: CallArgs<"_InstanceNorm.__init__">) {
    super(INSTANCE_NORM.bind(args) as unknown as BoundArgs<"_BatchNorm.__init__">);
  }

  protected checkInputDim(input: Tensor): void {
    if (input.ndim !== 2 && input.ndim !== 3)
      throw new ValueError(`expected 2D or 3D input (got ${input.ndim}D input)`);
  }
}

/** Instance norm over [N, C, H, W] (or [C, H, W]) input. */
export class InstanceNorm2d extends _InstanceNorm {
  protected readonly noBatchDim = 3;

  constructor(...args: CallArgs<"_InstanceNorm.__init__">) {
    super(INSTANCE_NORM.bind(args) as unknown as BoundArgs<"_BatchNorm.__init__">);
  }

  protected checkInputDim(input: Tensor): void {
    if (input.ndim !== 3 && input.ndim !== 4)
      throw new ValueError(`expected 3D or 4D input (got ${input.ndim}D input)`);
  }
}

/** Instance norm over [N, C, D, H, W] (or [C, D, H, W]) input. */
export class InstanceNorm3d extends _InstanceNorm {
  protected readonly noBatchDim = 4;

  constructor(...args: CallArgs<"_InstanceNorm.__init__">) {
    super(INSTANCE_NORM.bind(args) as unknown as BoundArgs<"_BatchNorm.__init__">);
  }

  protected checkInputDim(input: Tensor): void {
    if (input.ndim !== 4 && input.ndim !== 5)
      throw new ValueError(`expected 4D or 5D input (got ${input.ndim}D input)`);
  }
}

/** Normalizes each sample over groups of channels, with a per-channel affine transform. */
export class GroupNorm extends Module {
  readonly num_groups: number;
  readonly num_channels: number;
  readonly eps: number;
  readonly affine: boolean;
  weight: Parameter | null;
  bias: Parameter | null;

  constructor(...args: CallArgs<"GroupNorm.__init__">) {
    super();
    const [num_groups, num_channels, eps, affine, device, dtype] = GROUP_NORM.bind(args);
    if (num_channels % num_groups !== 0) throw new ValueError("num_channels must be divisible by num_groups");
    this.num_groups = num_groups;
    this.num_channels = num_channels;
    this.eps = eps;
    this.affine = affine;
    this.weight = affine ? new Parameter(factoryEmpty([num_channels], device, dtype)) : null;
    this.bias = affine ? new Parameter(factoryEmpty([num_channels], device, dtype)) : null;
    this.reset_parameters();
  }

  reset_parameters(): void {
    if (this.weight && this.bias) {
      ones_(this.weight);
      zeros_(this.bias);
    }
  }

  forward(input: Tensor): Tensor {
    return group_norm(input, this.num_groups, this.weight, this.bias, this.eps);
  }

  override extra_repr(): string {
    return `${this.num_groups}, ${this.num_channels}, eps=${pyFloatRepr(this.eps)}, affine=${pyBool(this.affine)}`;
  }
}

/** Normalizes each element by the squares of its neighbours across channels. */
export class LocalResponseNorm extends Module {
  readonly size: number;
  readonly alpha: number;
  readonly beta: number;
  readonly k: number;

  constructor(...args: CallArgs<"LocalResponseNorm.__init__">) {
    super();
    [this.size, this.alpha, this.beta, this.k] = LOCAL_RESPONSE_NORM.bind(args);
  }

  forward(input: Tensor): Tensor {
    return local_response_norm(input, this.size, this.alpha, this.beta, this.k);
  }

  override extra_repr(): string {
    return `${this.size}, alpha=${pyFloatRepr(this.alpha)}, beta=${pyFloatRepr(this.beta)}, k=${pyFloatRepr(this.k)}`;
  }
}

/** Normalizes over the trailing `normalized_shape` dims of each sample. */
export class LayerNorm extends Module {
  readonly normalized_shape: number[];
  readonly eps: number;
  readonly elementwise_affine: boolean;
  weight: Parameter | null;
  bias: Parameter | null;

  constructor(...args: CallArgs<"LayerNorm.__init__">) {
    super();
    const [normalized_shape, eps, elementwise_affine, device, dtype] = LAYER_NORM.bind(args);
    this.normalized_shape = typeof normalized_shape === "number" ? [normalized_shape] : [...normalized_shape];
    this.eps = eps;
    this.elementwise_affine = elementwise_affine;
    const shape = this.normalized_shape;
    this.weight = elementwise_affine ? new Parameter(factoryEmpty(shape, device, dtype)) : null;
    this.bias = elementwise_affine ? new Parameter(factoryEmpty(shape, device, dtype)) : null;
    this.reset_parameters();
  }

  reset_parameters(): void {
    if (this.weight && this.bias) {
      ones_(this.weight);
      zeros_(this.bias);
    }
  }

  forward(input: Tensor): Tensor {
    return layer_norm(input, this.normalized_shape, this.weight, this.bias, this.eps);
  }

  override extra_repr(): string {
    return `${pyTupleStr(this.normalized_shape)}, eps=${pyFloatRepr(this.eps)}, elementwise_affine=${pyBool(this.elementwise_affine)}`;
  }
}
