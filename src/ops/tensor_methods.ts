// The Tensor class's own public methods (sizes, values, autograd state, backward, hooks), declared with
// PyTorch's signatures: C methods that take no arguments, the hand-bound size/stride/requires_grad_/
// is_contiguous, and the Python-level backward and register_hook. Their implementations live next to
// the Tensor class (src/tensor/tensor.ts) and in src/autograd/.
import { backward as autogradBackward } from "../autograd/entry.js";
import { registerHook, registerPostAccumulateGradHook } from "../autograd/hooks.js";
import { defineMethods, defineNoArgMethods, definePython } from "../signatures/registry.js";
import { channels_last, type MemoryFormat } from "../tensor/device.js";
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
  "size() -> int[]": (self) => self.shape.slice(),
  "size(Dimname dim) -> int": null,
  "stride(int64_t dim) -> int": strideAt,
  "stride() -> int[]": (self) => self._strides.slice(),
  "stride(Dimname dim) -> int": null,
  "requires_grad_(bool requires_grad=True) -> Tensor": setRequiresGrad,
  "is_contiguous(*, MemoryFormat memory_format=MemoryFormat::Contiguous) -> bool": isContiguous,
});

definePython("Tensor", {
  "Tensor.backward(gradient: object = None, retain_graph: truthy | None = None, create_graph: truthy = False, inputs: object = None) -> None":
    backward,
  "Tensor.register_hook(hook: callable) -> RemovableHandle": registerHook,
  "Tensor.register_post_accumulate_grad_hook(hook: callable) -> RemovableHandle":
    registerPostAccumulateGradHook,
});
