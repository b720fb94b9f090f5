// nn.BatchNorm1d, nn.BatchNorm2d and nn.LayerNorm (PyTorch's buffers, updates and reprs).
import { no_grad } from "../../autograd/grad_mode.js";
import { ValueError } from "../../errors.js";
import { empty, zeros } from "../../tensor/creation.js";
import { int64, type DType } from "../../tensor/dtype.js";
import type { Tensor } from "../../tensor/tensor.js";
import { pythonFloatRepr } from "../../tensor/pyfloat.js";
import { ones_, zeros_ } from "../init.js";
import { Module } from "../module.js";
import { batch_norm, layer_norm } from "../ops/norm.js";
import { Parameter } from "../parameter.js";

export interface BatchNormModuleOptions {
  eps?: number;
  /** null: a cumulative moving average (1 / num_batches_tracked). */
  momentum?: number | null;
  affine?: boolean;
  track_running_stats?: boolean;
  dtype?: string | DType;
}

const pyBool = (b: boolean) => (b ? "True" : "False");

/** PyTorch's _BatchNorm: per-channel normalization with running statistics. */
abstract class BatchNormBase extends Module {
  readonly eps: number;
  readonly momentum: number | null;
  readonly affine: boolean;
  readonly track_running_stats: boolean;
  weight: Parameter | null;
  bias: Parameter | null;
  declare running_mean: Tensor | null;
  declare running_var: Tensor | null;
  declare num_batches_tracked: Tensor | null;

  constructor(
    readonly num_features: number,
    opts: BatchNormModuleOptions,
  ) {
    super();
    this.eps = opts.eps ?? 1e-5;
    this.momentum = opts.momentum === undefined ? 0.1 : opts.momentum;
    this.affine = opts.affine ?? true;
    this.track_running_stats = opts.track_running_stats ?? true;
    const dtype = opts.dtype ?? null;
    this.weight = this.affine ? new Parameter(empty([num_features], { dtype })) : null;
    this.bias = this.affine ? new Parameter(empty([num_features], { dtype })) : null;
    if (this.track_running_stats) {
      this.register_buffer("running_mean", zeros([num_features], { dtype }));
      this.register_buffer("running_var", zeros([num_features], { dtype }).fill_(1));
      this.register_buffer("num_batches_tracked", zeros([], { dtype: int64 }));
    } else {
      this.register_buffer("running_mean", null);
      this.register_buffer("running_var", null);
      this.register_buffer("num_batches_tracked", null);
    }
    this.reset_parameters();
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
    return batch_norm(input, useRunning ? this.running_mean : null, useRunning ? this.running_var : null, {
      weight: this.weight,
      bias: this.bias,
      training: bnTraining,
      momentum: factor,
      eps: this.eps,
    });
  }

  override extra_repr(): string {
    const momentum = this.momentum === null ? "None" : pythonFloatRepr(this.momentum);
    return `${this.num_features}, eps=${pythonFloatRepr(this.eps)}, momentum=${momentum}, affine=${pyBool(this.affine)}, track_running_stats=${pyBool(this.track_running_stats)}`;
  }
}

/** Batch norm over [N, C] or [N, C, L] input. */
export class BatchNorm1d extends BatchNormBase {
  constructor(num_features: number, opts: BatchNormModuleOptions = {}) {
    super(num_features, opts);
  }

  protected checkInputDim(input: Tensor): void {
    if (input.ndim !== 2 && input.ndim !== 3)
      throw new ValueError(`expected 2D or 3D input (got ${input.ndim}D input)`);
  }
}

/** Batch norm over [N, C, H, W] input. */
export class BatchNorm2d extends BatchNormBase {
  constructor(num_features: number, opts: BatchNormModuleOptions = {}) {
    super(num_features, opts);
  }

  protected checkInputDim(input: Tensor): void {
    if (input.ndim !== 4) throw new ValueError(`expected 4D input (got ${input.ndim}D input)`);
  }
}

export interface LayerNormOptions {
  eps?: number;
  elementwise_affine?: boolean;
  dtype?: string | DType;
}

/** Normalizes over the trailing `normalized_shape` dims of each sample. */
export class LayerNorm extends Module {
  readonly normalized_shape: number[];
  readonly eps: number;
  readonly elementwise_affine: boolean;
  weight: Parameter | null;
  bias: Parameter | null;

  constructor(normalized_shape: number | readonly number[], opts: LayerNormOptions = {}) {
    super();
    this.normalized_shape = typeof normalized_shape === "number" ? [normalized_shape] : [...normalized_shape];
    this.eps = opts.eps ?? 1e-5;
    this.elementwise_affine = opts.elementwise_affine ?? true;
    const dtype = opts.dtype ?? null;
    this.weight = this.elementwise_affine ? new Parameter(empty(this.normalized_shape, { dtype })) : null;
    this.bias = this.elementwise_affine ? new Parameter(empty(this.normalized_shape, { dtype })) : null;
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
    const shape = this.normalized_shape;
    const tuple = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(", ")})`;
    return `${tuple}, eps=${pythonFloatRepr(this.eps)}, elementwise_affine=${pyBool(this.elementwise_affine)}`;
  }
}
