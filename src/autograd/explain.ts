// torch.autograd.explain(output): the backward pass, step by step, with real numbers. It runs the engine
// itself (autograd.grad with retain_graph, so .grad fields and the graph are left as they were) and records
// every node through its pre/post hooks, so the order and the gradients are exactly what backward() does.
import { ones_like } from "../tensor/creation.js";
import { registerPyType } from "../signatures/bind.js";
import { pyTypeName } from "../signatures/messages.js";
import { definePython } from "../signatures/registry.js";
import { Tensor } from "../tensor/tensor.js";
import { grad } from "./engine.js";
import { no_grad } from "./grad_mode.js";
import { AccumulateGrad, OpNode, type Node, type RemovableHandle } from "./node.js";

/** Names for tensors: `{ w, b }`, a Map, or [name, tensor] pairs (`model.named_parameters()`). */
export type NamedTensors = Record<string, Tensor> | Iterable<[string, Tensor]>;

registerPyType("NamedTensors", (v) => v !== null && typeof v === "object" && !(v instanceof Tensor));

export interface ExplainOptions {
  /** Names for leaves (and other tensors): `{ w, b }`. Unnamed leaves are called `leaf0`, `leaf1`, ... */
  params?: NamedTensors | null;
  /** The gradient to start from when output is not a scalar (backward's `gradient`). */
  gradient?: Tensor | null;
}

/**
 * A node's formulas as the derivatives table writes them, input by input ("self: grad * other; other: grad *
 * self"). Every row has its text (test/autograd/derivative_rows.test.ts); a custom Function's node runs
 * the user's backward.
 */
function formulaText(node: Node): string {
  if (node instanceof AccumulateGrad) return "leaf.grad += incoming grad";
  if (!(node instanceof OpNode)) return `${node.name()}: the custom Function's backward`;
  const row = node._derivative;
  const parts = row.formulas.map((f) => `${f.inputs.map((i) => row.inputNames[i]).join(", ")}: ${f.text}`);
  return parts.length > 0 ? parts.join("; ") : "not differentiable: no input takes a gradient";
}

function describeEntry(entry: unknown): string {
  return Array.isArray(entry) ? `[${entry.map(pyTypeName).join(", ")}]` : pyTypeName(entry);
}

/** The (name, tensor) pairs of a NamedTensors argument (explain's and make_dot's `params`), checked. */
export function namedTensorEntries(params: NamedTensors | null, fn: string): [string, Tensor][] {
  if (params === null) return [];
  const entries: unknown[] =
    Symbol.iterator in params ? [...(params as Iterable<unknown>)] : Object.entries(params);
  return entries.map((entry) => {
    const [name, t] = Array.isArray(entry) ? entry : [];
    if (typeof name !== "string" || !(t instanceof Tensor))
      throw new TypeError(
        `${fn}(): params must name tensors ({ w, b } or [name, tensor] pairs), got ${describeEntry(entry)}`,
      );
    return [name, t];
  });
}

/** Where one input's gradient goes: the next node, or a leaf. */
export interface ExplainInput {
  /** The receiving node's name (`MulBackward0`) or the leaf's name (`w`). */
  readonly to: string;
  /** The leaf tensor, when the gradient goes to a leaf. */
  readonly leaf: Tensor | null;
  /** ∂(this node's output)/∂(this input), elementwise: the node applied to a gradient of ones. */
  readonly local: Tensor | null;
  /** The gradient sent: incoming grad times the local derivative (null: this input needs none). */
  readonly grad: Tensor | null;
}

export interface ExplainStep {
  /** 1-based position in the engine's execution order. */
  readonly step: number;
  readonly node: Node;
  readonly name: string;
  /** The gradient of the loss w.r.t. this node's output (the sum of everything that reached it). */
  readonly grad_output: Tensor | null;
  readonly formula: string;
  readonly inputs: readonly ExplainInput[];
}

export interface ExplainLeaf {
  readonly name: string;
  readonly tensor: Tensor;
  /** What backward() adds to this leaf's .grad. */
  readonly grad: Tensor | null;
}

/** The result of explain(): steps newest node first, then the leaves' gradients. */
export class Explanation {
  constructor(
    readonly output: Tensor,
    readonly steps: readonly ExplainStep[],
    readonly leaves: readonly ExplainLeaf[],
  ) {}

  /** The step of the first node with this name (`find("SigmoidBackward0")`), or of the nth (0-based). */
  find(name: string, nth = 0): ExplainStep | undefined {
    return this.steps.filter((s) => s.name === name)[nth];
  }

  /** The gradient that reaches the named leaf. */
  leaf(name: string): ExplainLeaf | undefined {
    return this.leaves.find((l) => l.name === name);
  }

  /** The same explanation with leaves renamed (names known only later, e.g. a playground's variables). */
  withNames(params: Record<string, Tensor> | Iterable<[string, Tensor]>): Explanation {
    const names = namesOf(params);
    const rename = (t: Tensor | null, old: string): string => (t && names.get(t)) ?? old;
    return new Explanation(
      this.output,
      this.steps.map((s) => ({ ...s, inputs: s.inputs.map((i) => ({ ...i, to: rename(i.leaf, i.to) })) })),
      this.leaves.map((l) => ({ ...l, name: rename(l.tensor, l.name) })),
    );
  }

  toString(): string {
    const show = (t: Tensor | null): string =>
      t === null ? "None" : t.toString().replace(/\n/g, "\n        ");
    const out = [
      `Backward pass from ${this.output.grad_fn?.name() ?? "leaf"} (${this.steps.length} steps, newest node first):`,
    ];
    for (const s of this.steps) {
      out.push(
        ``,
        `[${s.step}] ${s.name}`,
        `    incoming grad: ${show(s.grad_output)}`,
        `    local: ${s.formula}`,
      );
      s.inputs.forEach((input, i) => {
        if (!input.grad) return;
        out.push(`    input ${i} → ${input.to}: local ${show(input.local)}, sends ${show(input.grad)}`);
      });
    }
    out.push(``, `Leaves (what backward() adds to .grad):`);
    for (const l of this.leaves) out.push(`    ${l.name} (${l.tensor.shape.join(", ")}): ${show(l.grad)}`);
    return out.join("\n");
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

function namesOf(params: ExplainOptions["params"]): Map<Tensor, string> {
  const names = new Map<Tensor, string>();
  if (!params) return names;
  const entries =
    Symbol.iterator in params ? [...(params as Iterable<[string, Tensor]>)] : Object.entries(params);
  for (const [name, t] of entries) if (t instanceof Tensor && !names.has(t)) names.set(t, name);
  return names;
}

/** Every node reachable from root, and the leaves (AccumulateGrad) in first-seen order. */
function collectGraph(root: Node): { nodes: Node[]; leaves: AccumulateGrad[] } {
  const nodes: Node[] = [];
  const leaves: AccumulateGrad[] = [];
  const seen = new Set<Node>([root]);
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    nodes.push(node);
    if (node instanceof AccumulateGrad) leaves.push(node);
    for (const [next] of [...node.next_functions].reverse()) {
      if (next && !seen.has(next)) {
        seen.add(next);
        stack.push(next);
      }
    }
  }
  return { nodes, leaves };
}

/** ∂output/∂input per input: the node's own backward applied to ones (exact for elementwise ops). */
function localDerivatives(node: Node, gradOutputs: readonly (Tensor | null)[]): (Tensor | null)[] {
  if (node instanceof AccumulateGrad) return [];
  const ones = gradOutputs.map((g) => (g ? ones_like(g) : null));
  return no_grad(() => node.apply(ones));
}

/** Explains `output.backward()`: each node's incoming gradient, local derivative and outgoing gradients. */
export function explain(
  output: Tensor,
  params: ExplainOptions["params"] = null,
  gradient: Tensor | null = null,
): Explanation {
  const opts: ExplainOptions = { params, gradient };
  const names = new Map<Tensor, string>();
  for (const [name, t] of namedTensorEntries(opts.params ?? null, "explain")) names.set(t, name);
  const root = output.requires_grad ? output._gradEdge()[0] : null;
  const { nodes, leaves } = root ? collectGraph(root) : { nodes: [], leaves: [] };
  let unnamed = 0;
  const leafName = new Map<AccumulateGrad, string>();
  for (const leaf of leaves) leafName.set(leaf, names.get(leaf.variable) ?? `leaf${unnamed++}`);
  const targetName = (n: Node | null): string =>
    n === null ? "(no grad)" : n instanceof AccumulateGrad ? leafName.get(n)! : n.name();

  // Record through hooks while the real engine runs.
  const order: Node[] = [];
  const incoming = new Map<Node, (Tensor | null)[]>();
  const local = new Map<Node, (Tensor | null)[]>();
  const sent = new Map<Node, (Tensor | null)[]>();
  const handles: RemovableHandle[] = [];
  for (const node of nodes) {
    if (node instanceof AccumulateGrad) continue;
    handles.push(
      node.register_prehook((gradOutputs) => {
        order.push(node);
        incoming.set(node, gradOutputs);
        local.set(node, localDerivatives(node, gradOutputs));
      }),
      node.register_hook((gradInputs) => {
        sent.set(node, gradInputs);
      }),
    );
  }
  // Non-leaf tensors that retain_grad() also get .grad from the engine: put theirs back afterwards.
  const retained = nodes.flatMap((n) =>
    n._retainedGrads.map((ref) => ref?.deref()).filter((t): t is Tensor => !!t),
  );
  const retainedBefore = retained.map((t) => t._grad);
  let leafGrads: (Tensor | null)[];
  try {
    leafGrads = grad(
      [output],
      leaves.map((l) => l.variable),
      [opts.gradient ?? null],
      true,
      false,
      true,
    );
  } finally {
    for (const h of handles) h.remove();
    retained.forEach((t, i) => (t._grad = retainedBefore[i]));
  }

  const steps = order.map((node, i): ExplainStep => {
    const gradOutputs = incoming.get(node) ?? [];
    const locals = local.get(node) ?? [];
    const grads = sent.get(node) ?? [];
    return {
      step: i + 1,
      node,
      name: node.name(),
      grad_output: gradOutputs[0] ?? null,
      formula: formulaText(node),
      inputs: node.next_functions.map(([next], k) => ({
        to: targetName(next),
        leaf: next instanceof AccumulateGrad ? next.variable : null,
        local: next ? (locals[k] ?? null) : null,
        grad: next ? (grads[k] ?? null) : null,
      })),
    };
  });
  return new Explanation(
    output,
    steps,
    leaves.map((l, i) => ({ name: leafName.get(l)!, tensor: l.variable, grad: leafGrads[i] ?? null })),
  );
}

// A tensorgrad extra; params names the leaves.
definePython("torch.autograd", {
  "explain(output: Tensor, *, params: NamedTensors | None = None, gradient: Tensor | None = None) -> Explanation":
    explain,
});
