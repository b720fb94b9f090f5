// Lazy modules (PyTorch 1.13's LazyModuleMixin): LazyLinear, LazyConv1d/2d/3d, LazyConvTranspose1d/2d/3d,
// LazyBatchNorm1d/2d/3d and LazyInstanceNorm1d/2d/3d, whose parameters are UninitializedParameters until the first forward call infers
// their input size, materialises them and initialises them with the module's own reset_parameters (so
// the random draws are PyTorch's); the module then becomes its cls_to_become (LazyLinear a Linear), as
// Python's `module.__class__ = cls_to_become` does. The conv and norm families are one class factory each
// (PyTorch's _LazyConvXdMixin and _LazyNormBase), whose classes export a type alias of the same name.
import { no_grad } from "../../autograd/grad_mode.js";
import { IndexError, RuntimeError, ValueError } from "../../errors.js";
import { PySignature, type CallArgs } from "../../signatures/registry.js";
import { int64 } from "../../tensor/dtype.js";
import { full } from "../../tensor/creation.js";
import type { Tensor } from "../../tensor/tensor.js";
import { emitWarning } from "../../warnings.js";
import type { Module } from "../module.js";
import { is_lazy, UninitializedBuffer, UninitializedParameter } from "../parameter.js";
import { Conv1d, Conv2d, Conv3d, ConvTranspose1d, ConvTranspose2d, ConvTranspose3d } from "./conv.js";
import { Linear } from "./linear.js";
import {
  BatchNorm1d,
  BatchNorm2d,
  BatchNorm3d,
  InstanceNorm1d,
  InstanceNorm2d,
  InstanceNorm3d,
} from "./normalization.js";

const CONV =
  "out_channels: int, kernel_size: int | int[], stride: int | int[] = 1, padding: 'valid' | 'same' | int | int[] = 0, dilation: int | int[] = 1, groups: int = 1, bias: bool | None = True, padding_mode: 'zeros' | 'reflect' | 'replicate' | 'circular' = 'zeros', device: device | None = None, dtype: dtype | None = None";
const CONV_TRANSPOSE =
  "out_channels: int, kernel_size: int | int[], stride: int | int[] = 1, padding: int | int[] = 0, output_padding: int | int[] = 0, groups: int = 1, bias: bool = True, dilation: int | int[] = 1, padding_mode: str = 'zeros', device: device | None = None, dtype: dtype | None = None";
const CONVS = [
  "LazyConv1d",
  "LazyConv2d",
  "LazyConv3d",
  "LazyConvTranspose1d",
  "LazyConvTranspose2d",
  "LazyConvTranspose3d",
];
const NORMS = [
  "LazyBatchNorm1d",
  "LazyBatchNorm2d",
  "LazyBatchNorm3d",
  "LazyInstanceNorm1d",
  "LazyInstanceNorm2d",
  "LazyInstanceNorm3d",
];
const SIG = {
  linear: new PySignature(
    "torch.nn",
    "LazyLinear.__init__(out_features: int, bias: bool | None = True, device: device | None = None, dtype: dtype | None = None)",
  ),
  norm: new PySignature(
    "torch.nn",
    "_LazyNormBase.__init__(eps: float = 1e-05, momentum: float | None = 0.1, affine: bool = True, track_running_stats: bool = True, device: device | None = None, dtype: dtype | None = None)",
    NORMS,
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

/** The conv a lazy conv becomes: ConvTranspose1d/2d/3d share Conv1d's fields and add `transposed`. */
type ConvLike = Conv1d & { transposed: boolean };
type NormLike = BatchNorm1d;
type AnyClass = abstract new (...args: never) => object;

/** What every lazy class adds to its base, typed by the mixin that declares initialize_parameters. */
interface LazyMethods<Init extends string> {
  has_uninitialized_params(...args: CallArgs<"LazyModuleMixin.has_uninitialized_params">): boolean;
  initialize_parameters(...args: CallArgs<Init>): void;
}
/** A lazy class made by a factory: built from its own __init__ arguments, an instance of its base. */
export type LazyClass<B extends AnyClass, Init extends string, Args extends string> = {
  new (...args: CallArgs<Args>): InstanceType<B> & LazyMethods<Init>;
  readonly cls_to_become: B;
  readonly prototype: InstanceType<B> & LazyMethods<Init>;
};

/** A class expression is anonymous: it takes PyTorch's class name (what m.constructor.name reads). */
function named<C extends object>(cls: C, name: string): C {
  Object.defineProperty(cls, "name", { value: name });
  return cls;
}

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

/**
 * LazyConvNd / LazyConvTransposeNd (_LazyConvXdMixin over `Base`): the base built with in_channels 0 and no
 * bias, then an UninitializedParameter weight (and bias) until the first input gives in_channels. Both
 * families' __init__ bind [out_channels, kernel_size, ...five geometry args..., bias, ..., device, dtype],
 * and their bases take the same list with (in_channels, out_channels) = (0, 0) in front and bias False.
 */
function lazyConv<B extends AnyClass, N extends string>(
  Base: B,
  init: N,
  params: string,
  dims: number,
): LazyClass<B, "_LazyConvXdMixin.initialize_parameters", N> {
  const sig = new PySignature("torch.nn", `${init}(${params})`);
  const Plain = Base as unknown as new (...args: unknown[]) => ConvLike;
  const cls = class extends Plain implements Lazy {
    static readonly cls_to_become = Base;
    constructor(...args: unknown[]) {
      const bound = sig.bind(args) as unknown[];
      super(0, 0, ...bound.slice(1, 6), false, ...bound.slice(7));
      const self = this as Writable<ConvLike>;
      const options = [true, ...bound.slice(-2)] as unknown as ConstructorParameters<
        typeof UninitializedParameter
      >;
      self.weight = new UninitializedParameter(...options);
      self.out_channels = bound[0] as number;
      if (bound[6]) self.bias = new UninitializedParameter(...options);
      setUpLazy(this, Base);
    }
    override reset_parameters(): void {
      if (!this.has_uninitialized_params() && this.in_channels !== 0) super.reset_parameters();
    }
    has_uninitialized_params(...args: unknown[]): boolean {
      SIG.hasUninitialized.bind(args);
      return hasUninitialized(this);
    }
    initialize_parameters(...args: unknown[]): void {
      const [input] = SIG.initConv.bind(args);
      no_grad(() => initializeConv(this, input, dims));
    }
  };
  return named(cls, init.split(".")[0]) as unknown as LazyClass<
    B,
    "_LazyConvXdMixin.initialize_parameters",
    N
  >;
}

export const LazyConv1d = lazyConv(Conv1d, "LazyConv1d.__init__", CONV, 1);
export type LazyConv1d = InstanceType<typeof LazyConv1d>;
export const LazyConv2d = lazyConv(Conv2d, "LazyConv2d.__init__", CONV, 2);
export type LazyConv2d = InstanceType<typeof LazyConv2d>;
export const LazyConv3d = lazyConv(Conv3d, "LazyConv3d.__init__", CONV, 3);
export type LazyConv3d = InstanceType<typeof LazyConv3d>;
export const LazyConvTranspose1d = lazyConv(
  ConvTranspose1d,
  "LazyConvTranspose1d.__init__",
  CONV_TRANSPOSE,
  1,
);
export type LazyConvTranspose1d = InstanceType<typeof LazyConvTranspose1d>;
export const LazyConvTranspose2d = lazyConv(
  ConvTranspose2d,
  "LazyConvTranspose2d.__init__",
  CONV_TRANSPOSE,
  2,
);
export type LazyConvTranspose2d = InstanceType<typeof LazyConvTranspose2d>;
export const LazyConvTranspose3d = lazyConv(
  ConvTranspose3d,
  "LazyConvTranspose3d.__init__",
  CONV_TRANSPOSE,
  3,
);
export type LazyConvTranspose3d = InstanceType<typeof LazyConvTranspose3d>;

/** _LazyNormBase.initialize_parameters: num_features from input.shape[1], batched or not, as 1.13 reads it. */
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

/**
 * A lazy norm (_LazyNormBase over `Base`): the base built with num_features 0, affine and tracking off, then
 * the asked-for affine and tracking with UninitializedParameters and UninitializedBuffers. The base takes
 * momentum 0.1 (InstanceNorm's __init__ wants a float) and the asked-for one is set after, as Python would.
 */
function lazyNorm<B extends AnyClass>(
  Base: B,
  name: string,
): LazyClass<B, "_LazyNormBase.initialize_parameters", "_LazyNormBase.__init__"> {
  const Plain = Base as unknown as new (...args: unknown[]) => NormLike;
  const cls = class extends Plain implements Lazy {
    static readonly cls_to_become = Base;
    constructor(...args: unknown[]) {
      const [eps, momentum, affine, track, device, dtype] = SIG.norm.bind(args);
      super(0, eps, 0.1, false, false, device, dtype);
      const self = this as Writable<NormLike>;
      self.momentum = momentum;
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
      setUpLazy(this, Base);
    }
    override reset_parameters(): void {
      if (!this.has_uninitialized_params() && this.num_features !== 0) super.reset_parameters();
    }
    has_uninitialized_params(...args: unknown[]): boolean {
      SIG.hasUninitialized.bind(args);
      return hasUninitialized(this);
    }
    initialize_parameters(...args: unknown[]): void {
      const [input] = SIG.initNorm.bind(args);
      initializeNorm(this, input);
    }
  };
  return named(cls, name) as unknown as LazyClass<
    B,
    "_LazyNormBase.initialize_parameters",
    "_LazyNormBase.__init__"
  >;
}

export const LazyBatchNorm1d = lazyNorm(BatchNorm1d, "LazyBatchNorm1d");
export type LazyBatchNorm1d = InstanceType<typeof LazyBatchNorm1d>;
export const LazyBatchNorm2d = lazyNorm(BatchNorm2d, "LazyBatchNorm2d");
export type LazyBatchNorm2d = InstanceType<typeof LazyBatchNorm2d>;
export const LazyBatchNorm3d = lazyNorm(BatchNorm3d, "LazyBatchNorm3d");
export type LazyBatchNorm3d = InstanceType<typeof LazyBatchNorm3d>;
export const LazyInstanceNorm1d = lazyNorm(InstanceNorm1d, "LazyInstanceNorm1d");
export type LazyInstanceNorm1d = InstanceType<typeof LazyInstanceNorm1d>;
export const LazyInstanceNorm2d = lazyNorm(InstanceNorm2d, "LazyInstanceNorm2d");
export type LazyInstanceNorm2d = InstanceType<typeof LazyInstanceNorm2d>;
export const LazyInstanceNorm3d = lazyNorm(InstanceNorm3d, "LazyInstanceNorm3d");
export type LazyInstanceNorm3d = InstanceType<typeof LazyInstanceNorm3d>;
