// Lazy modules (PyTorch 1.13's LazyModuleMixin): LazyLinear, LazyConv1d/2d/3d, LazyConvTranspose1d/2d and
// LazyBatchNorm1d/2d, whose parameters are UninitializedParameters until the first forward call infers
// their input size, materialises them and initialises them with the module's own reset_parameters (so
// the random draws are PyTorch's); the module then becomes its cls_to_become (LazyLinear a Linear), as
// Python's `module.__class__ = cls_to_become` does.
import { no_grad } from "../../autograd/grad_mode.js";
import { IndexError, RuntimeError, ValueError } from "../../errors.js";
import { PySignature, type CallArgs } from "../../signatures/registry.js";
import { int64 } from "../../tensor/dtype.js";
import { full } from "../../tensor/creation.js";
import type { Tensor } from "../../tensor/tensor.js";
import { emitWarning } from "../../warnings.js";
import type { Module } from "../module.js";
import { is_lazy, UninitializedBuffer, UninitializedParameter } from "../parameter.js";
import { Conv1d, Conv2d, Conv3d, ConvTranspose1d, ConvTranspose2d } from "./conv.js";
import { Linear } from "./linear.js";
import { BatchNorm1d, BatchNorm2d } from "./normalization.js";

const CONV =
  "out_channels: int, kernel_size: int | int[], stride: int | int[] = 1, padding: 'valid' | 'same' | int | int[] = 0, dilation: int | int[] = 1, groups: int = 1, bias: bool | None = True, padding_mode: 'zeros' | 'reflect' | 'replicate' | 'circular' = 'zeros', device: device | None = None, dtype: dtype | None = None";
const CONV_TRANSPOSE =
  "out_channels: int, kernel_size: int | int[], stride: int | int[] = 1, padding: int | int[] = 0, output_padding: int | int[] = 0, groups: int = 1, bias: bool = True, dilation: int | int[] = 1, padding_mode: str = 'zeros', device: device | None = None, dtype: dtype | None = None";
const CONVS = ["LazyConv1d", "LazyConv2d", "LazyConv3d", "LazyConvTranspose1d", "LazyConvTranspose2d"];
const NORMS = ["LazyBatchNorm1d", "LazyBatchNorm2d"];
const SIG = {
  linear: new PySignature(
    "torch.nn",
    "LazyLinear.__init__(out_features: int, bias: bool | None = True, device: device | None = None, dtype: dtype | None = None)",
  ),
  conv1d: new PySignature("torch.nn", `LazyConv1d.__init__(${CONV})`),
  conv2d: new PySignature("torch.nn", `LazyConv2d.__init__(${CONV})`),
  conv3d: new PySignature("torch.nn", `LazyConv3d.__init__(${CONV})`),
  convTranspose1d: new PySignature("torch.nn", `LazyConvTranspose1d.__init__(${CONV_TRANSPOSE})`),
  convTranspose2d: new PySignature("torch.nn", `LazyConvTranspose2d.__init__(${CONV_TRANSPOSE})`),
  norm: new PySignature(
    "torch.nn",
    "_LazyNormBase.__init__(eps: float = 1e-05, momentum: float | None = 0.1, affine: bool = True, track_running_stats: bool = True, device: device | None = None, dtype: dtype | None = None)",
    ["LazyBatchNorm1d", "LazyBatchNorm2d"],
  ),
  // The mixins' methods, under the qualified names PyTorch's errors print and the modules that define
  // them. `input` is unannotated there (read as input.shape); annotating it checks it up front.
  hasUninitialized: new PySignature("torch.nn.modules.lazy", "LazyModuleMixin.has_uninitialized_params()", [
    "LazyLinear",
    ...CONVS,
    ...NORMS,
  ]),
  initLinear: new PySignature("torch.nn", "LazyLinear.initialize_parameters(input: Tensor) -> None"),
  initConv: new PySignature(
    "torch.nn.modules.conv",
    "_LazyConvXdMixin.initialize_parameters(input: Tensor) -> None",
    CONVS,
  ),
  initNorm: new PySignature(
    "torch.nn.modules.batchnorm",
    "_LazyNormBase.initialize_parameters(input: Tensor) -> None",
    NORMS,
  ),
};

const LAZY_WARNING =
  "Lazy modules are a new feature under heavy development so changes to the API or functionality can happen at any moment.";

/** What each lazy class adds to its base: how it materialises itself from the first input. */
interface Lazy extends Module {
  initialize_parameters(...args: [input: Tensor]): void;
}

/** input.shape[dim] in Python: an IndexError past the end (a 0-dim input has no last size). */
function sizeAt(input: Tensor, dim: number): number {
  const d = dim < 0 ? dim + input.ndim : dim;
  if (d < 0 || d >= input.ndim) throw new IndexError("tuple index out of range");
  return input.shape[d];
}

/** Own parameters and buffers (None entries aside), as PyTorch's _parameters and _buffers hold them. */
function ownTensors(module: Module): [string, Tensor][] {
  return [...module.named_parameters("", false), ...module.named_buffers("", false)];
}

/** LazyModuleMixin.has_uninitialized_params. */
function hasUninitialized(module: Module): boolean {
  return ownTensors(module).some(([, t]) => is_lazy(t));
}

/**
 * LazyModuleMixin.__init__: the forward pre-hook that materialises the module on its first call, the
 * state_dict hooks (uninitialized entries saved as they are; loading a real tensor into one materialises
 * it first), and PyTorch's warning.
 */
function setUpLazy(module: Lazy, becomes: { prototype: object }): void {
  const load = module._register_load_state_dict_pre_hook((...args: unknown[]) => {
    const [stateDict, prefix] = args as [Record<string, unknown>, string];
    for (const [name, t] of ownTensors(module)) {
      const input = stateDict[prefix + name];
      if (input !== undefined && is_lazy(t) && !is_lazy(input))
        no_grad(() => t.materialize((input as Tensor).shape));
    }
  });
  const save = module._register_state_dict_hook(
    (_m: Module, stateDict: Record<string, unknown>, prefix: string) => {
      for (const [name, t] of ownTensors(module))
        if (is_lazy(t) && prefix + name in stateDict) stateDict[prefix + name] = t;
    },
  );
  const init = module.register_forward_pre_hook((m: Module, inputs: unknown[]) => {
    const lazy = m as Lazy;
    (lazy.initialize_parameters as (...a: unknown[]) => void)(...inputs);
    if (hasUninitialized(lazy))
      throw new RuntimeError(`module ${lazy.constructor.name} has not been fully initialized`);
    init.remove();
    load.remove();
    save.remove();
    Object.setPrototypeOf(lazy, becomes.prototype);
  });
  emitWarning(LAZY_WARNING);
}

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** A Linear whose in_features is the last size of its first input. */
export class LazyLinear extends Linear implements Lazy {
  static readonly cls_to_become = Linear;

  constructor(...args: CallArgs<"LazyLinear.__init__">) {
    const [out_features, bias, device, dtype] = SIG.linear.bind(args);
    super(0, 0, false);
    const self = this as Writable<LazyLinear>;
    self.weight = new UninitializedParameter(true, device, dtype);
    self.out_features = out_features;
    if (bias) self.bias = new UninitializedParameter(true, device, dtype);
    setUpLazy(this, Linear);
  }

  override reset_parameters(): void {
    if (!this.has_uninitialized_params() && this.in_features !== 0) super.reset_parameters();
  }

  has_uninitialized_params(...args: CallArgs<"LazyModuleMixin.has_uninitialized_params">): boolean {
    SIG.hasUninitialized.bind(args);
    return hasUninitialized(this);
  }

  initialize_parameters(...args: CallArgs<"LazyLinear.initialize_parameters">): void {
    const [input] = SIG.initLinear.bind(args);
    if (!this.has_uninitialized_params()) return;
    no_grad(() => {
      (this as Writable<LazyLinear>).in_features = sizeAt(input, -1);
      (this.weight as UninitializedParameter).materialize([this.out_features, this.in_features]);
      if (this.bias !== null) (this.bias as UninitializedParameter).materialize([this.out_features]);
      this.reset_parameters();
    });
  }
}

type ConvLike = Conv1d & { transposed: boolean };

/** _LazyConvXdMixin's initialize_parameters: in_channels from the input's channel dim. */
function initializeConv(m: ConvLike, input: Tensor, dims: number): void {
  if (!hasUninitialized(m)) return;
  const noBatch = dims + 1;
  if (input.ndim !== noBatch && input.ndim !== noBatch + 1)
    throw new RuntimeError(
      `Expected ${noBatch}D (unbatched) or ${noBatch + 1}D (batched) input to ${m.constructor.name}, but got input of size: torch.Size([${input.shape.join(", ")}])`,
    );
  const inChannels = input.ndim === noBatch + 1 ? input.shape[1] : input.shape[0];
  (m as Writable<ConvLike>).in_channels = inChannels;
  if (inChannels % m.groups !== 0) throw new ValueError("in_channels must be divisible by groups");
  const [rows, cols] = m.transposed ? [inChannels, m.out_channels] : [m.out_channels, inChannels];
  (m.weight as UninitializedParameter).materialize([rows, Math.floor(cols / m.groups), ...m.kernel_size]);
  if (m.bias !== null) (m.bias as UninitializedParameter).materialize([m.out_channels]);
  m.reset_parameters();
}

/** The constructor body the lazy convolutions share, after their base's super(0, 0, ...) call. */
function lazyConv(
  m: ConvLike,
  outChannels: number,
  bias: boolean | null,
  device: unknown,
  dtype: unknown,
): void {
  const self = m as Writable<ConvLike>;
  const options = [true, device, dtype] as ConstructorParameters<typeof UninitializedParameter>;
  self.weight = new UninitializedParameter(...options);
  self.out_channels = outChannels;
  if (bias) self.bias = new UninitializedParameter(...options);
}

export class LazyConv1d extends Conv1d implements Lazy {
  static readonly cls_to_become = Conv1d;
  constructor(...args: CallArgs<"LazyConv1d.__init__">) {
    const [out, k, stride, padding, dilation, groups, bias, mode, device, dtype] = SIG.conv1d.bind(args);
    super(0, 0, k, stride, padding, dilation, groups, false, mode, device, dtype);
    lazyConv(this, out, bias, device, dtype);
    setUpLazy(this, Conv1d);
  }
  override reset_parameters(): void {
    if (!this.has_uninitialized_params() && this.in_channels !== 0) super.reset_parameters();
  }
  has_uninitialized_params(...args: CallArgs<"LazyModuleMixin.has_uninitialized_params">): boolean {
    SIG.hasUninitialized.bind(args);
    return hasUninitialized(this);
  }
  initialize_parameters(...args: CallArgs<"_LazyConvXdMixin.initialize_parameters">): void {
    const [input] = SIG.initConv.bind(args);
    no_grad(() => initializeConv(this, input, 1));
  }
}

export class LazyConv2d extends Conv2d implements Lazy {
  static readonly cls_to_become = Conv2d;
  constructor(...args: CallArgs<"LazyConv2d.__init__">) {
    const [out, k, stride, padding, dilation, groups, bias, mode, device, dtype] = SIG.conv2d.bind(args);
    super(0, 0, k, stride, padding, dilation, groups, false, mode, device, dtype);
    lazyConv(this, out, bias, device, dtype);
    setUpLazy(this, Conv2d);
  }
  override reset_parameters(): void {
    if (!this.has_uninitialized_params() && this.in_channels !== 0) super.reset_parameters();
  }
  has_uninitialized_params(...args: CallArgs<"LazyModuleMixin.has_uninitialized_params">): boolean {
    SIG.hasUninitialized.bind(args);
    return hasUninitialized(this);
  }
  initialize_parameters(...args: CallArgs<"_LazyConvXdMixin.initialize_parameters">): void {
    const [input] = SIG.initConv.bind(args);
    no_grad(() => initializeConv(this, input, 2));
  }
}

export class LazyConv3d extends Conv3d implements Lazy {
  static readonly cls_to_become = Conv3d;
  constructor(...args: CallArgs<"LazyConv3d.__init__">) {
    const [out, k, stride, padding, dilation, groups, bias, mode, device, dtype] = SIG.conv3d.bind(args);
    super(0, 0, k, stride, padding, dilation, groups, false, mode, device, dtype);
    lazyConv(this, out, bias, device, dtype);
    setUpLazy(this, Conv3d);
  }
  override reset_parameters(): void {
    if (!this.has_uninitialized_params() && this.in_channels !== 0) super.reset_parameters();
  }
  has_uninitialized_params(...args: CallArgs<"LazyModuleMixin.has_uninitialized_params">): boolean {
    SIG.hasUninitialized.bind(args);
    return hasUninitialized(this);
  }
  initialize_parameters(...args: CallArgs<"_LazyConvXdMixin.initialize_parameters">): void {
    const [input] = SIG.initConv.bind(args);
    no_grad(() => initializeConv(this, input, 3));
  }
}

export class LazyConvTranspose1d extends ConvTranspose1d implements Lazy {
  static readonly cls_to_become = ConvTranspose1d;
  constructor(...args: CallArgs<"LazyConvTranspose1d.__init__">) {
    const [out, k, stride, padding, outPadding, groups, bias, dilation, mode, device, dtype] =
      SIG.convTranspose1d.bind(args);
    super(0, 0, k, stride, padding, outPadding, groups, false, dilation, mode, device, dtype);
    lazyConv(this as unknown as ConvLike, out, bias, device, dtype);
    setUpLazy(this, ConvTranspose1d);
  }
  override reset_parameters(): void {
    if (!this.has_uninitialized_params() && this.in_channels !== 0) super.reset_parameters();
  }
  has_uninitialized_params(...args: CallArgs<"LazyModuleMixin.has_uninitialized_params">): boolean {
    SIG.hasUninitialized.bind(args);
    return hasUninitialized(this);
  }
  initialize_parameters(...args: CallArgs<"_LazyConvXdMixin.initialize_parameters">): void {
    const [input] = SIG.initConv.bind(args);
    no_grad(() => initializeConv(this as unknown as ConvLike, input, 1));
  }
}

export class LazyConvTranspose2d extends ConvTranspose2d implements Lazy {
  static readonly cls_to_become = ConvTranspose2d;
  constructor(...args: CallArgs<"LazyConvTranspose2d.__init__">) {
    const [out, k, stride, padding, outPadding, groups, bias, dilation, mode, device, dtype] =
      SIG.convTranspose2d.bind(args);
    super(0, 0, k, stride, padding, outPadding, groups, false, dilation, mode, device, dtype);
    lazyConv(this as unknown as ConvLike, out, bias, device, dtype);
    setUpLazy(this, ConvTranspose2d);
  }
  override reset_parameters(): void {
    if (!this.has_uninitialized_params() && this.in_channels !== 0) super.reset_parameters();
  }
  has_uninitialized_params(...args: CallArgs<"LazyModuleMixin.has_uninitialized_params">): boolean {
    SIG.hasUninitialized.bind(args);
    return hasUninitialized(this);
  }
  initialize_parameters(...args: CallArgs<"_LazyConvXdMixin.initialize_parameters">): void {
    const [input] = SIG.initConv.bind(args);
    no_grad(() => initializeConv(this as unknown as ConvLike, input, 2));
  }
}

type NormLike = BatchNorm1d | BatchNorm2d;

/** _LazyNormBase.__init__ after its base's super(0, eps, momentum, False, False, ...) call. */
function lazyNorm(m: NormLike, affine: boolean, track: boolean, device: unknown, dtype: unknown): void {
  const self = m as Writable<NormLike>;
  self.affine = affine;
  self.track_running_stats = track;
  const options = [true, device, dtype] as ConstructorParameters<typeof UninitializedParameter>;
  if (affine) {
    self.weight = new UninitializedParameter(...options);
    self.bias = new UninitializedParameter(...options);
  }
  if (track) {
    const bufferOptions = [false, device, dtype] as ConstructorParameters<typeof UninitializedBuffer>;
    self.running_mean = new UninitializedBuffer(...bufferOptions);
    self.running_var = new UninitializedBuffer(...bufferOptions);
    self.num_batches_tracked = full([], 0n, { dtype: int64 });
  }
}

/** _LazyNormBase.initialize_parameters: num_features from the input's channel dim. */
function initializeNorm(m: NormLike, input: Tensor): void {
  if (!hasUninitialized(m)) return;
  no_grad(() => {
    const n = sizeAt(input, 1);
    (m as Writable<NormLike>).num_features = n;
    if (m.affine) {
      (m.weight as UninitializedParameter).materialize([n]);
      (m.bias as UninitializedParameter).materialize([n]);
    }
    if (m.track_running_stats) {
      (m.running_mean as UninitializedBuffer).materialize([n]);
      (m.running_var as UninitializedBuffer).materialize([n]);
    }
    m.reset_parameters();
  });
}

export class LazyBatchNorm1d extends BatchNorm1d implements Lazy {
  static readonly cls_to_become = BatchNorm1d;
  constructor(...args: CallArgs<"_LazyNormBase.__init__">) {
    const [eps, momentum, affine, track, device, dtype] = SIG.norm.bind(args);
    super(0, eps, momentum, false, false, device, dtype);
    lazyNorm(this, affine, track, device, dtype);
    setUpLazy(this, BatchNorm1d);
  }
  override reset_parameters(): void {
    if (!this.has_uninitialized_params() && this.num_features !== 0) super.reset_parameters();
  }
  has_uninitialized_params(...args: CallArgs<"LazyModuleMixin.has_uninitialized_params">): boolean {
    SIG.hasUninitialized.bind(args);
    return hasUninitialized(this);
  }
  initialize_parameters(...args: CallArgs<"_LazyNormBase.initialize_parameters">): void {
    const [input] = SIG.initNorm.bind(args);
    initializeNorm(this, input);
  }
}

export class LazyBatchNorm2d extends BatchNorm2d implements Lazy {
  static readonly cls_to_become = BatchNorm2d;
  constructor(...args: CallArgs<"_LazyNormBase.__init__">) {
    const [eps, momentum, affine, track, device, dtype] = SIG.norm.bind(args);
    super(0, eps, momentum, false, false, device, dtype);
    lazyNorm(this, affine, track, device, dtype);
    setUpLazy(this, BatchNorm2d);
  }
  override reset_parameters(): void {
    if (!this.has_uninitialized_params() && this.num_features !== 0) super.reset_parameters();
  }
  has_uninitialized_params(...args: CallArgs<"LazyModuleMixin.has_uninitialized_params">): boolean {
    SIG.hasUninitialized.bind(args);
    return hasUninitialized(this);
  }
  initialize_parameters(...args: CallArgs<"_LazyNormBase.initialize_parameters">): void {
    const [input] = SIG.initNorm.bind(args);
    initializeNorm(this, input);
  }
}
