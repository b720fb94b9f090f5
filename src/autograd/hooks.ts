// Tensor hooks: `t.register_hook(fn)` (fn may replace the gradient flowing into t) and
// `leaf.register_post_accumulate_grad_hook(fn)` (PyTorch 2.1: fn(leaf) after its .grad was updated).
// A hook lives on the node that receives the tensor's gradient: its grad_fn, or the leaf's AccumulateGrad.
import { RuntimeError } from "../errors.js";
import { Tensor } from "../tensor/tensor.js";
import { AccumulateGrad, addHook, type RemovableHandle, type TensorHook } from "./node.js";

const NO_GRAD_HOOK = "cannot register a hook on a tensor that doesn't require gradient";

function register_hook(this: Tensor, fn: TensorHook): RemovableHandle {
  if (!this._requiresGrad) throw new RuntimeError(NO_GRAD_HOOK);
  const [node, outputNr] = this._gradEdge();
  return node!._addTensorHook(outputNr, fn);
}

function register_post_accumulate_grad_hook(this: Tensor, fn: (t: Tensor) => void): RemovableHandle {
  if (!this._requiresGrad) throw new RuntimeError(NO_GRAD_HOOK);
  if (!this.is_leaf)
    throw new RuntimeError("post accumulate grad hooks cannot be registered on non-leaf tensors");
  const node = this._gradEdge()[0] as AccumulateGrad;
  return addHook((node._postAccumulateHooks ??= []), fn, "register_post_accumulate_grad_hook");
}

declare module "../tensor/tensor.js" {
  interface Tensor {
    /** Registers fn(grad), run when this tensor's gradient is computed; a returned tensor replaces the gradient. */
    register_hook(fn: TensorHook): RemovableHandle;
    /** Registers fn(leaf), run after backward accumulated into this leaf's .grad. */
    register_post_accumulate_grad_hook(fn: (t: Tensor) => void): RemovableHandle;
  }
}

for (const [name, value] of Object.entries({ register_hook, register_post_accumulate_grad_hook })) {
  Object.defineProperty(Tensor.prototype, name, { value, writable: true, configurable: true });
}
