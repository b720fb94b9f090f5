// torchviz's make_dot: the backward graph of a tensor as Graphviz DOT text.
// Each grad_fn is a box named like PyTorch (`SigmoidBackward0`); a leaf's AccumulateGrad is drawn as the
// leaf itself (light blue, "name\n (shape)"); the output is green; edges go from inputs to outputs.
import { AccumulateGrad, type Node } from "../autograd/node.js";
import { namedTensorEntries, type NamedTensors } from "../autograd/explain.js";
import { definePython } from "../signatures/registry.js";
import { Tensor } from "../tensor/tensor.js";
import { savedAttributesOf, savedTensorsOf } from "./saved.js";

interface MakeDotOptions {
  /** Names for tensors (leaves, usually parameters, or the output): `{ w, b }` or `model.named_parameters()`. */
  params: NamedTensors | null;
  /** Show each node's non-tensor saved values (alpha, min, max) under its name. */
  show_attrs: boolean;
  /** Also draw the tensors each node saved for backward (orange, joined without an arrow). */
  show_saved: boolean;
  /** Longest attribute text before it is cut with "...". */
  max_attr_chars: number;
}

const NODE_ATTRS = "align=left fontname=monospace fontsize=10 height=0.2 ranksep=0.1 shape=box style=filled";

/** torchviz's size_to_str: `(3, 4)`, and `()` for a 0-dim tensor. */
export function sizeToStr(shape: readonly number[]): string {
  return `(${shape.join(", ")})`;
}

/** A DOT double-quoted string; `\n` stays DOT's centred line break. */
function quote(text: string): string {
  return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`;
}

/**
 * torchviz's make_dot(var, params=None, show_attrs=False, show_saved=False, max_attr_chars=50): the DOT
 * text of `output`'s graph (one tensor or several).
 */
export function make_dot(
  output: Tensor | readonly Tensor[],
  params: NamedTensors | null = null,
  show_attrs = false,
  show_saved = false,
  max_attr_chars = 50,
): string {
  const opts: MakeDotOptions = { params, show_attrs, show_saved, max_attr_chars };
  const names = new Map<Tensor, string>();
  for (const [name, t] of namedTensorEntries(opts.params, "make_dot")) names.set(t, name);
  const ids = new Map<object, string>();
  const idOf = (o: object): string => {
    let id = ids.get(o);
    if (id === undefined) ids.set(o, (id = `n${ids.size}`));
    return id;
  };
  const lines: string[] = [];
  const drawn = new Set<object>();
  const varLabel = (t: Tensor, name?: string): string =>
    `${name ?? names.get(t) ?? ""}\n ${sizeToStr(t.shape)}`;
  const drawTensor = (t: Tensor, fill: string, name?: string): void => {
    if (drawn.has(t)) return;
    drawn.add(t);
    lines.push(`\t${idOf(t)} [label=${quote(varLabel(t, name))} fillcolor=${fill}]`);
  };
  const maxChars = opts.max_attr_chars;
  const fnLabel = (node: Node): string => {
    if (!opts.show_attrs) return node.name();
    const attrs = savedAttributesOf(node).map(([k, v]) => {
      const text = v.length > maxChars ? `${v.slice(0, maxChars - 3)}...` : v;
      return `${k}: ${text}`;
    });
    return attrs.length
      ? `${node.name()}\n${"-".repeat(Math.max(...attrs.map((a) => a.length)))}\n${attrs.join("\n")}`
      : node.name();
  };

  // A leaf's AccumulateGrad stands for the leaf: its node id is the leaf tensor's.
  const nodeId = (node: Node): string => (node instanceof AccumulateGrad ? idOf(node.variable) : idOf(node));

  // Depth-first from the output, without recursion (long graphs would overflow the stack).
  const addNodes = (root: Node): void => {
    const stack = [root];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (drawn.has(node)) continue;
      drawn.add(node);
      if (node instanceof AccumulateGrad) {
        drawTensor(node.variable, "lightblue");
        continue;
      }
      lines.push(`\t${idOf(node)} [label=${quote(fnLabel(node))}]`);
      if (opts.show_saved) {
        for (const { name, tensor } of savedTensorsOf(node)) {
          // A saved leaf that requires grad is the same leaf box the graph draws for its AccumulateGrad.
          const isGradLeaf = tensor.is_leaf && tensor.requires_grad;
          drawTensor(
            tensor,
            isGradLeaf ? "lightblue" : "orange",
            isGradLeaf ? undefined : (names.get(tensor) ?? name),
          );
          lines.push(`\t${idOf(node)} -> ${idOf(tensor)} [dir=none]`);
        }
      }
      const nexts = node.next_functions.map(([n]) => n).filter((n): n is Node => n !== null);
      for (const next of nexts) lines.push(`\t${nodeId(next)} -> ${idOf(node)}`);
      for (const next of nexts.reverse()) stack.push(next);
    }
  };

  const outputs = output instanceof Tensor ? [output] : [...output];
  for (const t of outputs) {
    if (!(t instanceof Tensor)) throw new TypeError("make_dot(): expected a Tensor or a list of Tensors");
    if (drawn.has(t)) continue;
    const gradFn = t.grad_fn;
    drawTensor(t, "darkolivegreen1");
    if (gradFn) {
      addNodes(gradFn);
      lines.push(`\t${nodeId(gradFn)} -> ${idOf(t)}`);
    }
  }
  return `digraph {\n\tgraph [size="12,12"]\n\tnode [${NODE_ATTRS}]\n${lines.join("\n")}\n}\n`;
}

// torchviz's make_dot, a tensorgrad extra under torch.viz.
definePython("torch.viz", {
  "make_dot(var: Tensor | Tensor[], params: NamedTensors | None = None, show_attrs: bool = False, show_saved: bool = False, max_attr_chars: int = 50) -> string":
    make_dot,
});
