// Tensor hooks: `t.register_hook(fn)` (fn may replace the gradient flowing into t) and
// `leaf.register_post_accumulate_grad_hook(fn)` (PyTorch 2.1: fn(leaf) after its .grad was updated).
// A hook lives on the node that receives the tensor's gradient: its grad_fn, or the leaf's AccumulateGrad.
import { RuntimeError } from "../errors.js";
import type { Tensor } from "../tensor/tensor.js";
import { AccumulateGrad, addHook, type RemovableHandle, type TensorHook } from "./node.js";

const NO_GRAD_HOOK = "cannot register a hook on a tensor that doesn't require gradient";

/** Tensor.register_hook(hook). */
export function registerHook(t: Tensor, fn: TensorHook): RemovableHandle {
  if (!t._requiresGrad) throw new RuntimeError(NO_GRAD_HOOK);
  const [node, outputNr] = t._gradEdge();
  return node!._addTensorHook(outputNr, fn);
}

/** Tensor.register_post_accumulate_grad_hook(hook) (a tensorgrad extra from PyTorch 2.1). */
export function registerPostAccumulateGradHook(t: Tensor, fn: (t: Tensor) => void): RemovableHandle {
  if (!t._requiresGrad) throw new RuntimeError(NO_GRAD_HOOK);
  if (!t.is_leaf)
    throw new RuntimeError("post accumulate grad hooks cannot be registered on non-leaf tensors");
  const node = t._gradEdge()[0] as AccumulateGrad;
  return addHook((node._postAccumulateHooks ??= []), fn, "register_post_accumulate_grad_hook");
}
