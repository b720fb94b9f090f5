// What a graph node saved for backward, for drawing it (make_dot with show_saved).
import { OpNode, type Node } from "../autograd/node.js";
import { pyStr, pyTupleStr } from "../python.js";
import { Tensor } from "../tensor/tensor.js";

/** One saved value as torchviz names it (`self`, `result`, `other`, `tensors[1]`). */
export interface SavedTensor {
  readonly name: string;
  readonly tensor: Tensor;
}

/** The saved state of an OpNode (null for other nodes, or once backward freed it). */
export function savedStateOf(node: Node): Readonly<Record<string, unknown>> | null {
  if (!(node instanceof OpNode)) return null;
  const state: unknown = node._savedState;
  return state && typeof state === "object" ? (state as Record<string, unknown>) : null;
}

/** The tensors among a node's saved values, in the order the formula declared them. */
export function savedTensorsOf(node: Node): SavedTensor[] {
  const state = savedStateOf(node);
  if (!state) return [];
  const found: SavedTensor[] = [];
  for (const [name, value] of Object.entries(state)) {
    if (value instanceof Tensor) found.push({ name, tensor: value });
    else if (Array.isArray(value))
      value.forEach((v, i) => {
        if (v instanceof Tensor) found.push({ name: `${name}[${i}]`, tensor: v });
      });
  }
  return found;
}

/** The non-tensor saved values (alpha, min, max, dims), for labels that show attributes. */
export function savedAttributesOf(node: Node): [string, string][] {
  const state = savedStateOf(node);
  if (!state) return [];
  const attrs: [string, string][] = [];
  for (const [name, value] of Object.entries(state)) {
    if (value instanceof Tensor) continue;
    if (Array.isArray(value) && value.some((v) => v instanceof Tensor)) continue;
    // torchviz prints str(val): a saved int[] is a tuple there, a bool True.
    attrs.push([name, Array.isArray(value) ? pyTupleStr(value) : pyStr(value)]);
  }
  return attrs;
}
