// The Tensor: a strided view onto shared storage, plus its place in the autograd graph.
// Methods (x.sin(), x.add(y), x.size(), x.backward(), ...) are declared with their PyTorch signatures in
// src/ops/ (the Tensor's own in src/ops/tensor_methods.ts), so this file stays free of import cycles.
// The graph's types are the autograd layer's; the values this file needs from it (the leaf's gradient sink)
// come through installLeafSink, so the tensor layer imports nothing above it.
import type { AccumulateGrad, Edge, Node } from "../autograd/node.js";
import type { StridedArray } from "../backend/backend.js";
import { backend } from "../backend/backend.js";
import { RuntimeError, ValueError } from "../errors.js";
import { pyTypeName } from "../python_type.js";
import { emitWarning } from "../warnings.js";
import { CPU, type Device } from "./device.js";
import { complexValues } from "./complex.js";
import { allocate, type DType, type TypedArray } from "./dtype.js";
import { tensorFormat, tensorRepr } from "./format.js";
import { is_inference_mode_enabled } from "./grad_mode_state.js";
import {
  contiguousStrides,
  isContiguous,
  numel,
  SCALAR_SHAPE,
  SCALAR_STRIDES,
  wrapDimOfTensor,
} from "./shape.js";

/** Memory shared by a tensor and its views; the version counter catches in-place changes. */
// Storage and Tensor `declare` their fields and set them in the constructor: one of each is made per op,
// and V8 builds plain constructor assignments faster than class-field definitions.
export class Storage {
  declare data: TypedArray;
  declare version: number;
  /** Made inside torch.inference_mode: such tensors (and their views) may never join a graph later. */
  declare readonly inference: boolean;
  /**
   * @internal Creation order. A storage with a higher serial than when a backward run began was made during
   * the run: src/autograd/grad_ownership.ts reads it to let a leaf keep such a gradient without a copy.
   */
  declare readonly serial: number;

  constructor(data: TypedArray) {
    this.data = data;
    this.version = 0;
    this.inference = is_inference_mode_enabled();
    this.serial = ++storageSerial;
  }
}

let storageSerial = 0;

/** @internal The serial of the most recently created storage (a backward run's floor: grad_ownership.ts). */
export function lastStorageSerial(): number {
  return storageSerial;
}

export type Nested<T> = T | Nested<T>[];

/** The edge of an input that takes no gradient: shared, as nothing writes an edge once made. */
const NO_EDGE = Object.freeze([null, 0]) as unknown as Edge;

/** Makes a leaf's gradient sink (AccumulateGrad); the autograd layer installs it (src/autograd/node.ts). */
let newLeafSink = (_leaf: Tensor): AccumulateGrad => {
  throw new Error("tensorgrad: the autograd layer (src/autograd/node.ts) is not loaded");
};

/** @internal How a leaf's AccumulateGrad is made: src/autograd/node.ts installs it when it loads. */
export function installLeafSink(make: (leaf: Tensor) => AccumulateGrad): void {
  newLeafSink = make;
}

/** Brings a view's grad_fn up to date after an in-place write to its storage (src/autograd/view_inplace.ts). */
let refreshViewGradFn = (_view: Tensor): void => {};

/** @internal src/autograd/view_inplace.ts installs PyTorch's lazy AsStridedBackward0 regeneration of views. */
export function installViewRefresh(refresh: (view: Tensor) => void): void {
  refreshViewGradFn = refresh;
}

const NON_LEAF_GRAD_WARNING =
  "The .grad attribute of a Tensor that is not a leaf Tensor is being accessed. Its .grad attribute won't be " +
  "populated during autograd.backward(). If you indeed want the .grad field to be populated for a non-leaf " +
  "Tensor, use .retain_grad() on the non-leaf Tensor. If you access the non-leaf Tensor by mistake, make sure " +
  "you access the leaf Tensor instead. See github.com/pytorch/pytorch/pull/30531 for more informations.";

export class Tensor {
  /** @internal */ declare _storage: Storage;
  /** @internal */ declare _strides: number[];
  /** @internal */ declare _offset: number;
  declare readonly shape: readonly number[];
  declare readonly dtype: DType;

  /** @internal */ declare _requiresGrad: boolean;
  /** @internal */ declare _gradFn: Node | null;
  /** @internal Which output of grad_fn this tensor is. */ declare _outputNr: number;
  /** @internal */ declare _grad: Tensor | null;
  /** @internal */ declare _retainsGrad: boolean;
  /** @internal The leaf's gradient sink, made once so every op sees the same node. */
  declare _accumulator: AccumulateGrad | null;
  /** @internal The tensor this one is a view of (shares storage). */ declare _base: Tensor | null;
  /**
   * @internal How this tensor shares its base's storage (VIEW_* bits: detached, made under no_grad, one of an
   * op's several views). Fields, not WeakSets: a model's step makes hundreds of views, and weak tables keyed
   * by short-lived tensors cost the garbage collector on every scavenge.
   */
  declare _viewFlags: number;
  /** @internal A differentiable view's version counter when its grad_fn was last set (-1: not a view). */
  declare _attrVersion: number;

  /** @internal Use torch.tensor() and friends to make tensors. */
  constructor(storage: Storage, shape: readonly number[], strides: number[], offset: number, dtype: DType) {
    this._storage = storage;
    // A frozen shape (another tensor's) cannot change, so it is shared instead of copied.
    this.shape =
      shape.length === 0 ? SCALAR_SHAPE : Object.isFrozen(shape) ? shape : Object.freeze(shape.slice());
    this._strides = strides;
    this._offset = offset;
    this.dtype = dtype;
    this._requiresGrad = false;
    this._gradFn = null;
    this._outputNr = 0;
    this._grad = null;
    this._retainsGrad = false;
    this._accumulator = null;
    this._base = null;
    this._viewFlags = 0;
    this._attrVersion = -1;
  }

  /** @internal A new contiguous tensor owning `data`. */
  static _fromData(data: TypedArray, shape: readonly number[], dtype: DType): Tensor {
    return new Tensor(new Storage(data), shape, contiguousStrides(shape), 0, dtype);
  }

  /** @internal A new 0-dim tensor owning `data` (one element): the hot path of scalar ops. */
  static _scalar(data: TypedArray, dtype: DType): Tensor {
    return new Tensor(new Storage(data), SCALAR_SHAPE, SCALAR_STRIDES, 0, dtype);
  }

  // ---- shape -------------------------------------------------------------------------------------

  get ndim(): number {
    return this.shape.length;
  }

  // ---- device: tensorgrad computes on the CPU only (src/ops/device.ts, docs/numpy_and_devices.md) ----

  get device(): Device {
    return CPU;
  }

  get is_cuda(): boolean {
    return false;
  }

  get is_cpu(): boolean {
    return true;
  }

  // ---- autograd state ----------------------------------------------------------------------------

  /** Also true for a view whose base requires grad, though it has no grad_fn (a view taken under no_grad). */
  get requires_grad(): boolean {
    return this._requiresGrad || viewRequiresGrad(this);
  }

  set requires_grad(flag: boolean) {
    if (typeof flag !== "boolean") throw new TypeError("requires_grad must be a bool");
    setRequiresGrad(this, flag);
  }

  get grad_fn(): Node | null {
    if (this._base !== null) refreshViewGradFn(this);
    return this._gradFn;
  }

  /** A tensor is a leaf unless an op that recorded a graph produced it. */
  get is_leaf(): boolean {
    return this.grad_fn === null;
  }

  get retains_grad(): boolean {
    return this._retainsGrad;
  }

  /** Gradient accumulated by backward(); null until the first backward, and for non-leaves (with a warning). */
  get grad(): Tensor | null {
    if (!this.is_leaf && !this._retainsGrad && this._grad === null)
      emitWarning(NON_LEAF_GRAD_WARNING, "UserWarning");
    return this._grad;
  }

  set grad(value: Tensor | null) {
    if (value !== null) {
      if (!(value instanceof Tensor))
        throw new TypeError(`assigned grad expected to be a Tensor or None but got grad of ${typeof value}`);
      if (value.dtype !== this.dtype) throw new RuntimeError("assigned grad has data of a different type");
      if (value.shape.join() !== this.shape.join() || value.ndim !== this.ndim) {
        throw new RuntimeError("assigned grad has data of a different size");
      }
    }
    this._grad = value;
  }

  /** `x.data`: the same values, outside the graph. */
  get data(): Tensor {
    return detach(this);
  }

  /**
   * `x.data = y`: x takes y's storage, shape, strides and dtype and keeps its own autograd state, as
   * PyTorch's set_data does (Module.double() relies on it to keep tied parameters tied).
   */
  set data(value: Tensor) {
    if (!(value instanceof Tensor))
      throw new TypeError(`Variable data has to be a tensor, but got ${pyTypeName(value)}`);
    if (this._requiresGrad && !value.dtype.is_floating_point && !value.dtype.is_complex)
      throw new RuntimeError(
        "data set to a tensor that requires gradients must be floating point or complex dtype",
      );
    // A gradient sink made for another dtype would check incoming gradients against the old one.
    if (value.dtype !== this.dtype) this._accumulator = null;
    const self = this as { shape: readonly number[]; dtype: DType };
    self.shape = value.shape;
    self.dtype = value.dtype;
    this._storage = value._storage;
    this._strides = value._strides.slice();
    this._offset = value._offset;
  }

  /** @internal Where a gradient for this tensor goes: its grad_fn, or the leaf's AccumulateGrad. */
  _gradEdge(): Edge {
    if (this._base !== null) refreshViewGradFn(this);
    const fn = this._gradFn;
    // Edges are never written once made, so one [node, 0] is shared by every op reading output 0.
    if (fn) return this._outputNr === 0 ? (fn._edge0 ??= [fn, 0]) : [fn, this._outputNr];
    if (!this._requiresGrad) return NO_EDGE;
    const acc = (this._accumulator ??= newLeafSink(this));
    return (acc._edge0 ??= [acc, 0]);
  }

  /** @internal How many in-place writes this tensor's storage has seen. */
  get _version(): number {
    return this._storage.version;
  }

  /** @internal Marks an in-place write. */
  _bumpVersion(): void {
    this._storage.version++;
  }

  // ---- values ------------------------------------------------------------------------------------

  /** @internal This tensor as a backend operand. */
  _view(): StridedArray {
    return {
      data: this._storage.data,
      shape: this.shape,
      strides: this._strides,
      offset: this._offset,
      dtype: this.dtype,
    };
  }

  /** Row-major values as a fresh typed array of this dtype's storage type. */
  values(): TypedArray {
    if (this.dtype.is_complex) return complexValues(this);
    if (this.shape.length === 0) {
      // One element: no backend call (clone() of a scalar gradient runs once per leaf per backward).
      const out = allocate(this.dtype, 1);
      out[0] = this._storage.data[this._offset];
      return out;
    }
    return backend().copy(this._view(), this.dtype);
  }

  /** @internal The single value of a one-element tensor as a JS number (bool: 1 or 0). */
  _item(): number {
    if (this.shape.length !== 0 && numel(this.shape) !== 1)
      throw new ValueError("only one element tensors can be converted to Python scalars");
    return this._storage.data[this._offset];
  }

  // ---- printing ----------------------------------------------------------------------------------

  /** PyTorch's repr, e.g. `tensor(9., grad_fn=<PowBackward0>)`. */
  toString(): string {
    return tensorRepr(this, {
      requiresGrad: this.requires_grad,
      gradFnName: this.grad_fn?._typeName() ?? null,
    });
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }

  /** `${t}` follows Python's format(t): a 0-dim tensor shows its value (`4.0`), anything else the repr; `+t` is item(). */
  [Symbol.toPrimitive](hint: string): string | number {
    if (hint === "number") return this._item();
    return tensorFormat(this, {
      requiresGrad: this.requires_grad,
      gradFnName: this.grad_fn?._typeName() ?? null,
    });
  }
}

// ---- the public methods' implementations (declared in src/ops/tensor_methods.ts) ------------------------

/** Tensor.requires_grad_(flag): only leaves may change it, and only floating tensors may require grad. */
export function setRequiresGrad(t: Tensor, flag: boolean): Tensor {
  if (!t.is_leaf) {
    if (!flag) {
      throw new RuntimeError(
        "you can only change requires_grad flags of leaf variables. If you want to use a computed variable in a " +
          "subgraph that doesn't require differentiation use var_no_grad = var.detach().",
      );
    }
    return t;
  }
  if (flag && !t.dtype.is_floating_point && !t.dtype.is_complex) {
    throw new RuntimeError("only Tensors of floating point dtype can require gradients");
  }
  t._requiresGrad = flag;
  if (!flag) t._accumulator = null;
  return t;
}

/** Tensor.retain_grad(): keeps .grad for a non-leaf tensor during backward. */
export function retainGrad(t: Tensor): void {
  if (!t.requires_grad) throw new RuntimeError("can't retain_grad on Tensor that has requires_grad=False");
  if (t.is_leaf || t._retainsGrad) return;
  t._retainsGrad = true;
  t._gradFn!._retainGradOf(t);
}

/** Tensor._viewFlags: detach()'s results keep a _base (for in-place writes) but are not views, as in PyTorch. */
const VIEW_DETACHED = 1;
/** Views made with grad mode off (PyTorch's CreationMeta::NO_GRAD_MODE), and views of them. */
const VIEW_NO_GRAD = 2;
/** @internal Outputs of split/chunk/unbind made under grad mode, and views of them (MULTI_OUTPUT_NODE). */
export const VIEW_MULTI_OUTPUT = 4;

/** @internal Whether t shares storage with a base through detach() rather than as a view. */
export function isDetached(t: Tensor): boolean {
  return (t._viewFlags & VIEW_DETACHED) !== 0;
}

/** @internal A differentiable view (not a detach()) whose base requires grad: it requires grad too. */
export function viewRequiresGrad(t: Tensor): boolean {
  const base = t._base;
  return base !== null && base._requiresGrad && (t._viewFlags & VIEW_DETACHED) === 0;
}

/** @internal Marks a view made under no_grad: an in-place write into it under grad mode raises. */
export function markNoGradView(view: Tensor): void {
  view._viewFlags |= VIEW_NO_GRAD;
}

/** @internal */
export function isNoGradView(t: Tensor): boolean {
  return (t._viewFlags & VIEW_NO_GRAD) !== 0;
}

/** Tensor.detach(): a new tensor sharing storage (and version counter) but cut from the graph. */
export function detach(t: Tensor): Tensor {
  const out = new Tensor(t._storage, t.shape, t._strides, t._offset, t.dtype);
  out._base = t._base ?? (t.is_leaf ? null : t);
  if (out._base !== null) out._viewFlags |= VIEW_DETACHED;
  return out;
}

/** Tensor.detach_(): cuts the tensor from the graph in place, making it a leaf (views refuse). */
export function detach_(t: Tensor): Tensor {
  if (t._base !== null && !isDetached(t)) {
    throw new RuntimeError(
      "Can't detach views in-place. Use detach() instead. If you are using DistributedDataParallel (DDP) for training, and gradient_as_bucket_view is set as True, gradients are views of DDP buckets, and hence detach_() cannot be called on these gradients. To fix this error, please refer to the Optimizer.zero_grad() function in torch/optim/optimizer.py as the solution.",
    );
  }
  t._gradFn = null;
  t._outputNr = 0;
  t._requiresGrad = false;
  return t;
}

/**
 * Tensor.item(): the value of a one-element tensor: a JS number, or for a bool tensor a boolean (Python's
 * True/False). Typed `number`, the case nearly every caller has: a `number | boolean` would cost a cast at each.
 */
export function item(t: Tensor): number {
  const v = t._item();
  return (t.dtype.name === "bool" ? v !== 0 : v) as number;
}

/** Tensor.tolist(): nested arrays of the values, like Python's (bool tensors give booleans). */
export function tolist(t: Tensor): Nested<number | boolean> {
  const flat = Array.from(t.values(), (v) => (t.dtype.name === "bool" ? v !== 0 : v));
  if (t.ndim === 0) return flat[0];
  const build = (dim: number, start: number): Nested<number | boolean>[] => {
    const size = t.shape[dim];
    if (dim === t.ndim - 1) return flat.slice(start, start + size);
    const step = numel(t.shape.slice(dim + 1));
    return Array.from({ length: size }, (_, i) => build(dim + 1, start + i * step));
  };
  return build(0, 0);
}

/** Tensor.numel(). */
export function numelOf(t: Tensor): number {
  return t.shape.length === 0 ? 1 : numel(t.shape);
}

/** Tensor.is_contiguous(). */
export function isContiguousTensor(t: Tensor): boolean {
  return isContiguous(t.shape, t._strides);
}

/** Tensor.size(dim) and Tensor.stride(dim): negative dims count from the end; a 0-dim tensor has none. */
export function sizeAt(t: Tensor, dim: number): number {
  return t.shape[wrapDimOfTensor(dim, t.ndim)];
}

export function strideAt(t: Tensor, dim: number): number {
  return t._strides[wrapDimOfTensor(dim, t.ndim)];
}
