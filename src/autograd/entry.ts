// torch.autograd.backward and torch.autograd.grad as torch/autograd/__init__.py runs them: Python's reading
// of the arguments (a tensor or a sequence of them, _make_grads' checks, the engine's byte flags) and
// PyTorch's messages, before the engine (engine.ts) runs.
import { ones_like } from "../tensor/creation.js";
import { allocate } from "../tensor/dtype.js";
import { AttributeError, NotImplementedError, RuntimeError, ValueError } from "../errors.js";
import { pyTypeName } from "../signatures/messages.js";
import { definePython } from "../signatures/registry.js";
import { shapesEqual } from "../tensor/shape.js";
import { Tensor } from "../tensor/tensor.js";
import { emitWarning } from "../warnings.js";
import { checkRoots, grad, runBackward, sizeRepr } from "./engine.js";
import { byteFlag, pyTruthy } from "./python.js";

const sameShape = shapesEqual;

/** Python's tuple(v) of a "Tensor or sequence of Tensors" argument (a tensor counts as one). */
function tensorTuple(v: unknown): unknown[] {
  if (v instanceof Tensor) return [v];
  if (Array.isArray(v)) return [...(v as unknown[])];
  if (typeof v === "string") return [...v];
  throw new TypeError(`'${pyTypeName(v)}' object is not iterable`);
}

/** Python's len(v). */
function pyLen(v: unknown): number {
  if (Array.isArray(v) || typeof v === "string") return v.length;
  if (v instanceof Tensor) {
    if (v.ndim === 0) throw new TypeError("len() of a 0-d tensor");
    return v.shape[0];
  }
  throw new TypeError(`object of type '${pyTypeName(v)}' has no len()`);
}

/** _tensor_or_tensors_to_tuple: one gradient per root (None for each when none are given). */
function gradTuple(v: unknown, n: number): unknown[] {
  if (v === null) return new Array<null>(n).fill(null);
  return tensorTuple(v);
}

/** ones_like(o), the implicit gradient of a one-element output; a 0-dim float one is made directly (per step). */
function implicitGrad(o: Tensor): Tensor {
  if (o.shape.length !== 0 || !o.dtype.is_floating_point) return ones_like(o);
  const data = allocate(o.dtype, 1);
  data[0] = 1;
  return Tensor._scalar(data, o.dtype);
}

/**
 * _make_grads: each given gradient checked against its output, None standing for ones for a scalar output
 * that requires grad. As Python's zip, the shorter of the two sequences decides how many there are.
 */
function makeGrads(outputs: readonly unknown[], grads: readonly unknown[]): (Tensor | null)[] {
  const n = Math.min(outputs.length, grads.length);
  const out: (Tensor | null)[] = [];
  for (let i = 0; i < n; i++) {
    const o = outputs[i];
    const g = grads[i];
    if (g instanceof Tensor) {
      // Python's torch.is_same_size(out, grad): its parser names a non-tensor output.
      if (!(o instanceof Tensor))
        throw new TypeError(
          `is_same_size(): argument 'input' (position 1) must be Tensor, not ${pyTypeName(o)}`,
        );
      const shape = o.shape;
      if (!sameShape(shape, g.shape)) {
        throw new RuntimeError(
          `Mismatch in shape: grad_output[${grads.indexOf(g)}] has a shape of ${sizeRepr(g.shape)} and output[${outputs.indexOf(o)}] has a shape of ${sizeRepr(shape)}.`,
        );
      }
      out.push(g);
    } else if (g === null || g === undefined) {
      if (!(o instanceof Tensor))
        throw new AttributeError(`'${pyTypeName(o)}' object has no attribute 'requires_grad'`);
      if (!o.requires_grad) out.push(null);
      else if (o.numel() !== 1)
        throw new RuntimeError("grad can be implicitly created only for scalar outputs");
      else out.push(implicitGrad(o));
    } else {
      throw new TypeError(`gradients can be either Tensors or None, but got ${pyTypeName(g)}`);
    }
  }
  return out;
}

/** run_backward's checks of what Python hands it (python_engine.cpp): the counts, then the inputs. */
function checkEngineArgs(
  tensors: readonly unknown[],
  grads: readonly unknown[],
  inputs: readonly unknown[],
): void {
  if (tensors.length !== grads.length)
    throw new RuntimeError(`got ${tensors.length} tensors and ${grads.length} gradients`);
  checkRoots(tensors as Tensor[]);
  for (const t of inputs) {
    if (!(t instanceof Tensor))
      throw new TypeError(`all inputs have to be Tensors, but got ${pyTypeName(t)}`);
    if (!t._requiresGrad) throw new RuntimeError("One of the differentiated Tensors does not require grad");
  }
}

/** torch.autograd.backward(tensors, grad_tensors=None, retain_graph=None, create_graph=False, inputs=None). */
export function backward(
  tensors: unknown,
  gradTensors: unknown = null,
  retainGraph: unknown = null,
  createGraph: unknown = false,
  inputs: unknown = null,
): void {
  if (inputs !== null && pyLen(inputs) === 0)
    throw new RuntimeError("'inputs' argument to backward() cannot be empty.");
  const roots = tensorTuple(tensors);
  const inputList = inputs === null ? [] : tensorTuple(inputs);
  const grads = makeGrads(roots, gradTuple(gradTensors, roots.length));
  const create = byteFlag(createGraph);
  const retain = retainGraph === null ? create : byteFlag(retainGraph);
  checkEngineArgs(roots, grads, inputList);
  runBackward(roots as Tensor[], grads, retain, create, inputList as Tensor[]);
}

/**
 * torch.autograd.grad(outputs, inputs, grad_outputs=None, retain_graph=None, create_graph=False,
 * only_inputs=True, allow_unused=False, is_grads_batched=False): the gradients of outputs w.r.t. inputs.
 */
function gradEntry(
  outputs: unknown,
  inputs: unknown,
  gradOutputs: unknown,
  retainGraph: unknown,
  createGraph: unknown,
  onlyInputs: unknown,
  allowUnused: unknown,
  isGradsBatched: unknown,
): (Tensor | null)[] {
  const roots = tensorTuple(outputs);
  const targets = tensorTuple(inputs);
  if (!pyTruthy(onlyInputs)) {
    emitWarning(
      "only_inputs argument is deprecated and is ignored now (defaults to True). To accumulate gradient for other parts of the graph, please use torch.autograd.backward.",
    );
  }
  const grads = makeGrads(roots, gradTuple(gradOutputs, roots.length));
  if (pyTruthy(isGradsBatched)) {
    if (grads.some((g) => g === null))
      throw new ValueError(
        "vmap(vjp, in_dims=0, ...)(<inputs>): Got in_dim=0 for an input but the input is of type <class 'NoneType'>. We cannot vmap over non-Tensor arguments, please use None as the respective in_dim",
      );
    throw new NotImplementedError(
      "tensorgrad's autograd.grad does not support is_grads_batched=True (it needs vmap)",
    );
  }
  const create = byteFlag(createGraph);
  const retain = retainGraph === null ? create : byteFlag(retainGraph);
  const allow = byteFlag(allowUnused);
  checkEngineArgs(roots, grads, targets);
  return grad(roots as Tensor[], targets as Tensor[], grads, retain, create, allow);
}

definePython("torch.autograd", {
  "backward(tensors: object, grad_tensors: object = None, retain_graph: truthy | None = None, create_graph: truthy = False, grad_variables: object = None, inputs: object = None) -> None":
    (tensors, gradTensors, retainGraph, createGraph, gradVariables, inputs) => {
      let grads = gradTensors;
      if (gradVariables !== null) {
        emitWarning("'grad_variables' is deprecated. Use 'grad_tensors' instead.");
        if (grads !== null) {
          throw new RuntimeError(
            "'grad_tensors' and 'grad_variables' (deprecated) arguments both passed to backward(). Please only use 'grad_tensors'.",
          );
        }
        grads = gradVariables;
      }
      backward(tensors, grads, retainGraph, createGraph, inputs);
    },
  "grad(outputs: object, inputs: object, grad_outputs: object = None, retain_graph: truthy | None = None, create_graph: truthy = False, only_inputs: truthy = True, allow_unused: truthy = False, is_grads_batched: truthy = False) -> (Tensor | null)[]":
    gradEntry,
});
