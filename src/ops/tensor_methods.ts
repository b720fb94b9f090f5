// The Tensor class's own public methods (sizes, values, autograd state, backward, hooks), declared with
// PyTorch's signatures: C methods that take no arguments, the hand-bound size/stride/requires_grad_/
// is_contiguous, and the Python-level backward and register_hook. Their implementations live next to
// the Tensor class (src/tensor/tensor.ts) and in src/autograd/.
import { backward as autogradBackward } from "../autograd/entry.js";
import { registerHook, registerPostAccumulateGradHook } from "../autograd/hooks.js";
import { defineMethods, defineNoArgMethods, definePython } from "../signatures/registry.js";
import { RuntimeError } from "../errors.js";
import { pyTypeName } from "../signatures/messages.js";
import { filled, tensorFromData, withRequiresGrad } from "../tensor/creation.js";
import { channels_last, type Device, type Layout, type MemoryFormat } from "../tensor/device.js";
import { bool, type DType } from "../tensor/dtype.js";
import { sizeOf } from "../tensor/size.js";
import { emitWarning } from "../warnings.js";
import { TENSOR_TYPE_NAMES } from "./conversion.js";
import type {} from "../generated/types.js";
import { checkOptions, checkSize } from "./creation.js";
import { expand, reshape, view } from "./shape.js";
import {
  detach,
  detach_,
  isContiguousTensor,
  item,
  numelOf,
  retainGrad,
  setRequiresGrad,
  sizeAt,
  strideAt,
  tolist,
  Tensor,
} from "../tensor/tensor.js";

/** Whether a 4-D tensor's strides are those of a contiguous NHWC layout (size-1 dims may have any stride). */
function isChannelsLast(t: Tensor): boolean {
  if (t.ndim !== 4) return false;
  let expected = 1;
  for (const d of [1, 3, 2, 0]) {
    if (t.shape[d] !== 1 && t._strides[d] !== expected) return false;
    expected *= t.shape[d];
  }
  return true;
}

function isContiguous(t: Tensor, memoryFormat: MemoryFormat): boolean {
  return memoryFormat === channels_last ? isChannelsLast(t) : isContiguousTensor(t);
}

// ---- new_zeros, new_ones, new_full, new_empty, new_tensor: factories inheriting self's dtype ----

function newFilled(value: number | bigint | boolean) {
  return (
    self: Tensor,
    size: number[],
    dtype: DType | null,
    layout: Layout | null,
    device: Device | null,
    pinMemory: boolean | null,
    requiresGrad: boolean | null,
  ): Tensor => newFull(self, size, value, dtype, layout, device, pinMemory, requiresGrad);
}

function newFull(
  self: Tensor,
  size: number[],
  fillValue: number | bigint | boolean,
  dtype: DType | null,
  layout: Layout | null,
  device: Device | null,
  pinMemory: boolean | null,
  requiresGrad: boolean | null,
): Tensor {
  checkSize(size);
  checkOptions(layout, device, pinMemory);
  const value = typeof fillValue === "boolean" ? Number(fillValue) : fillValue;
  return withRequiresGrad(filled(size, dtype ?? self.dtype, value), requiresGrad);
}

/** Tensor.new_tensor(data): torch.tensor's copy of data, in self's dtype unless dtype says otherwise (no inference). */
function newTensor(
  self: Tensor,
  data: unknown,
  dtype: DType | null,
  device: Device | null,
  requiresGrad: boolean,
): Tensor {
  if (device !== null) checkOptions(null, device, false);
  // new_tensor infers no type: None is stored as a number of the target dtype, which Python refuses.
  if (data === null || data === undefined) {
    const floating = (dtype ?? self.dtype).is_floating_point;
    throw new TypeError(
      floating
        ? "must be real number, not NoneType"
        : "'NoneType' object cannot be interpreted as an integer",
    );
  }
  if (data instanceof Tensor) {
    emitWarning(
      "To copy construct from a tensor, it is recommended to use sourceTensor.clone().detach() or " +
        "sourceTensor.clone().detach().requires_grad_(True), rather than tensor.new_tensor(sourceTensor).",
    );
  }
  return withRequiresGrad(tensorFromData(data, dtype ?? self.dtype), requiresGrad);
}

// ---- apply_ and map_: a JS function called on each element, as PyTorch calls a Python callable ----

/** The value a callback returned, as torch::utils::unpack<scalar_t> reads a Python number for self's dtype. */
function unpackNumber(self: Tensor, v: unknown): number {
  if (typeof v === "boolean") return Number(v);
  if (typeof v === "bigint") return self.dtype.cast(Number(v));
  if (typeof v === "number") {
    if (!self.dtype.is_floating_point && !Number.isInteger(v))
      throw new TypeError(`'float' object cannot be interpreted as an integer`);
    return self.dtype.cast(v);
  }
  throw new TypeError(`must be real number, not ${pyTypeName(v)}`);
}

/** An element as Python sees it: a bool tensor's as a boolean, others as numbers. */
const elementOf = (t: Tensor, v: number): number | boolean => (t.dtype === bool ? v !== 0 : v);

/** Row-major storage offsets of t's elements. */
function offsetsOf(t: Tensor): number[] {
  const offsets: number[] = [];
  const index = new Array<number>(t.ndim).fill(0);
  for (let i = 0; i < numelOf(t); i++) {
    let off = t._offset;
    for (let d = 0; d < t.ndim; d++) off += index[d] * t._strides[d];
    offsets.push(off);
    for (let d = t.ndim - 1; d >= 0; d--) {
      if (++index[d] < t.shape[d]) break;
      index[d] = 0;
    }
  }
  return offsets;
}

/** The callable apply_ and map_ call: Python's error for calling anything else, raised at the first call. */
function asCallable(callable: unknown): (...args: (number | boolean)[]) => unknown {
  if (typeof callable === "function") return callable as (...args: (number | boolean)[]) => unknown;
  return () => {
    throw new TypeError(`'${pyTypeName(callable)}' object is not callable`);
  };
}

/** Tensor.apply_(callable): self[i] = callable(self[i]) for each element, in place (never in a graph). */
function apply_(self: Tensor, callable: unknown): Tensor {
  if (self.requires_grad)
    throw new RuntimeError(
      "Can't call apply_() on Variable that requires grad. Use var.detach().apply_() instead.",
    );
  const fn = asCallable(callable);
  const data = self._storage.data;
  for (const off of offsetsOf(self)) data[off] = unpackNumber(self, fn(elementOf(self, data[off])));
  return self;
}

/** map_'s type names: the legacy tensor type's, except bool's, which that table lacks (its C++ type name). */
const mapTypeName = (dtype: DType): string =>
  dtype === bool ? "CPUBoolType" : TENSOR_TYPE_NAMES[dtype.name];

/** Tensor.map_(other, callable): self[i] = callable(self[i], other[i]), other broadcast to self's shape. */
function map_(self: Tensor, other: Tensor, callable: unknown): Tensor {
  if (self.requires_grad || other.requires_grad)
    throw new RuntimeError(
      "Can't call map_() on Variable that requires grad. Use var.detach().map_() instead.",
    );
  if (other.dtype !== self.dtype)
    throw new TypeError(
      `map_: expected ${mapTypeName(self.dtype)} for 'other' (got ${mapTypeName(other.dtype)})`,
    );
  const fn = asCallable(callable);
  const others = expand(other, self.shape).values();
  const data = self._storage.data;
  offsetsOf(self).forEach((off, i) => {
    data[off] = unpackNumber(self, fn(elementOf(self, data[off]), elementOf(self, others[i])));
  });
  return self;
}

/** Tensor.backward(gradient=None, retain_graph=None, create_graph=False, inputs=None): torch/_tensor.py's. */
function backward(
  self: Tensor,
  gradient: unknown,
  retainGraph: unknown,
  createGraph: unknown,
  inputs: unknown,
): void {
  autogradBackward(self, gradient, retainGraph, createGraph, inputs);
}

defineNoArgMethods({
  "Tensor.dim() -> int": (self) => self.shape.length,
  "Tensor.numel() -> int": numelOf,
  "Tensor.nelement() -> int": numelOf,
  "Tensor.element_size() -> int": (self) => self.dtype.itemsize,
  "Tensor.is_floating_point() -> bool": (self) => self.dtype.is_floating_point,
  "Tensor.storage_offset() -> int": (self) => self._offset,
  "Tensor.item() -> float": item,
  "Tensor.tolist() -> Nested<number | boolean>": tolist,
  "Tensor.retain_grad() -> None": retainGrad,
  "Tensor.detach() -> Tensor": detach,
  "Tensor.detach_() -> Tensor": detach_,
  "Tensor.is_inference() -> bool": (self) => self._storage.inference,
});

// Bound by hand in PyTorch (python_variable_methods.cpp).
defineMethods({
  "size(int64_t dim) -> int": sizeAt,
  "size() -> int[]": (self) => sizeOf(self.shape),
  "size(Dimname dim) -> int": null,
  "stride(int64_t dim) -> int": strideAt,
  "stride() -> int[]": (self) => self._strides.slice(),
  "stride(Dimname dim) -> int": null,
  "requires_grad_(bool requires_grad=True) -> Tensor": setRequiresGrad,
  "is_contiguous(*, MemoryFormat memory_format=MemoryFormat::Contiguous) -> bool": isContiguous,
  "new_tensor(PyObject* data, *, ScalarType dtype=None, Device? device=None, bool requires_grad=False) -> Tensor":
    newTensor,
  "apply_(PyObject* callable) -> Tensor": apply_,
  "map_(Tensor other, PyObject* callable) -> Tensor": map_,
});

defineMethods({
  "new_zeros(SymIntArrayRef size, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=False, bool? requires_grad=False) -> Tensor":
    newFilled(0),
  "new_ones(SymIntArrayRef size, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=False, bool? requires_grad=False) -> Tensor":
    newFilled(1),
  "new_empty(SymIntArrayRef size, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=False, bool? requires_grad=False) -> Tensor":
    newFilled(0),
  "new_full(SymIntArrayRef size, Scalar fill_value, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=False, bool? requires_grad=False) -> Tensor":
    newFull,
  "view_as(Tensor other) -> Tensor": (self, other) => view(self, other.shape),
  "reshape_as(Tensor other) -> Tensor": (self, other) => reshape(self, other.shape),
});

definePython("Tensor", {
  "Tensor.backward(gradient: object = None, retain_graph: truthy | None = None, create_graph: truthy = False, inputs: object = None) -> None":
    backward,
  "Tensor.register_hook(hook: callable) -> RemovableHandle": registerHook,
  "Tensor.register_post_accumulate_grad_hook(hook: callable) -> RemovableHandle":
    registerPostAccumulateGradHook,
});

// Tensor.type (declared in conversion.ts) returns the type's name when called without a dtype and the
// converted tensor otherwise; these overloads say so, ahead of the generated `Tensor | string` ones
// (TypeScript puts a later augmentation's overloads first, hence the type-only import of the generated
// declarations at the top of this file, which makes this one later).
declare module "../tensor/tensor.js" {
  interface Tensor {
    /** The tensor's type name, as `x.type()` gives it: "torch.FloatTensor". */
    type(): string;
    type(dtype: null, opts?: { non_blocking?: boolean; memory_format?: MemoryFormat | null }): string;
    /** The tensor converted to `dtype` (a dtype or a type name such as "torch.DoubleTensor"). */
    type(
      dtype: DType | string,
      non_blocking?: boolean,
      opts?: { memory_format?: MemoryFormat | null },
    ): Tensor;
    type(
      dtype: DType | string,
      opts?: { non_blocking?: boolean; memory_format?: MemoryFormat | null },
    ): Tensor;
    type(opts: {
      dtype: DType | string;
      non_blocking?: boolean;
      memory_format?: MemoryFormat | null;
    }): Tensor;
  }
}
