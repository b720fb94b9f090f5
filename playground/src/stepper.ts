// Stepping through backward on the drawn graph: which node of make_dot's drawing runs at step k of the
// engine's order (torch.autograd.explain records that order), which edges carry its gradients, and what
// each leaf's .grad holds so far. Pure logic, so Node tests check it; main.ts paints it on the SVG.
import * as torch from "../../src/index.js";
import type { Explanation, ExplainStep } from "../../src/autograd/explain.js";
import { AccumulateGrad, type Node } from "../../src/autograd/node.js";
import { savedTensorsOf, type SavedTensor } from "../../src/viz/saved.js";

/**
 * The ids make_dot gives the output tensor and each node (a leaf's AccumulateGrad is drawn as its tensor):
 * the same walk as make_dot's (depth first, ids handed out as nodes and edges are written), so the ids
 * name the SVG's `<g class="node"><title>n3</title>` groups.
 */
export function dotIds(output: torch.Tensor): Map<object, string> {
  const ids = new Map<object, string>();
  const idOf = (o: object): string => {
    let id = ids.get(o);
    if (id === undefined) ids.set(o, (id = `n${ids.size}`));
    return id;
  };
  const nodeId = (node: Node): string => (node instanceof AccumulateGrad ? idOf(node.variable) : idOf(node));
  const drawn = new Set<object>();
  idOf(output);
  drawn.add(output);
  const root = output.grad_fn as Node | null;
  const stack: Node[] = root ? [root] : [];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (drawn.has(node)) continue;
    drawn.add(node);
    if (node instanceof AccumulateGrad) {
      if (!drawn.has(node.variable)) {
        drawn.add(node.variable);
        idOf(node.variable);
      }
      continue;
    }
    idOf(node);
    const nexts = node.next_functions.map(([n]) => n).filter((n): n is Node => n !== null);
    for (const next of nexts) nodeId(next);
    for (const next of nexts.reverse()) stack.push(next);
  }
  return ids;
}

export interface LeafState {
  readonly name: string;
  /** What backward() has added to this leaf's .grad after the steps so far (null: nothing yet). */
  readonly grad: torch.Tensor | null;
}

export interface StepState {
  /** 0: before the first step; steps.length: done. */
  readonly index: number;
  readonly step: ExplainStep | null;
  /** The SVG id of the running node, and the edges (`nA->nB`) its gradients travel along. */
  readonly nodeId: string | null;
  readonly edges: string[];
  /** What travels along each of those edges at this step. */
  readonly sends: { readonly edge: string; readonly grad: torch.Tensor }[];
  readonly leaves: LeafState[];
}

/** The state after `index` steps of the explained backward. */
export function stepState(explanation: Explanation, index: number, ids: Map<object, string>): StepState {
  const k = Math.max(0, Math.min(index, explanation.steps.length));
  const step = k > 0 ? explanation.steps[k - 1] : null;
  const nodeId = step ? (ids.get(step.node) ?? null) : null;
  const edges: string[] = [];
  const sends: { edge: string; grad: torch.Tensor }[] = [];
  if (step && nodeId) {
    step.node.next_functions.forEach(([next], i) => {
      const grad = step.inputs[i]?.grad;
      if (!next || !grad) return;
      const from = next instanceof AccumulateGrad ? ids.get(next.variable) : ids.get(next);
      if (!from) return;
      edges.push(`${from}->${nodeId}`);
      sends.push({ edge: `${from}->${nodeId}`, grad });
    });
  }
  const leaves = explanation.leaves.map((leaf) => {
    let grad: torch.Tensor | null = null;
    for (const s of explanation.steps.slice(0, k))
      for (const input of s.inputs)
        if (input.leaf === leaf.tensor && input.grad) grad = grad ? torch.add(grad, input.grad) : input.grad;
    return { name: leaf.name, grad };
  });
  return { index: k, step, nodeId, edges, sends, leaves };
}

/** What each node saved for backward, taken while the graph is alive (backward() frees it). */
export function savedOf(explanation: Explanation): Map<Node, SavedTensor[]> {
  return new Map(explanation.steps.map((s) => [s.node, savedTensorsOf(s.node)]));
}

/** A step as the explainer prints it, for the panel beside the graph. */
export function describeStep(step: ExplainStep, saved: SavedTensor[] = []): string {
  const show = (t: torch.Tensor | null) => (t === null ? "None" : t.toString().replace(/\n/g, "\n        "));
  const lines = [
    `[${step.step}] ${step.name}`,
    `    incoming grad: ${show(step.grad_output)}`,
    `    local: ${step.formula}`,
  ];
  step.inputs.forEach((input, i) => {
    if (input.grad)
      lines.push(`    input ${i} → ${input.to}: local ${show(input.local)}, sends ${show(input.grad)}`);
  });
  for (const s of saved) lines.push(`    saved ${s.name}: ${show(s.tensor)}`);
  return lines.join("\n");
}

/** A tensor as PyTorch prints it, shortened (PyTorch's own summarizing: `tensor([1., 2., ..., 9., 10.])`). */
export function shortValue(t: torch.Tensor): string {
  const before = torch.get_printoptions();
  torch.set_printoptions({ threshold: 6, edgeitems: 2, linewidth: 48 });
  try {
    return t.detach().toString();
  } finally {
    torch.set_printoptions({ ...before });
  }
}

/** A leaf's .grad on one line of its box. */
export function gradLine(grad: torch.Tensor | null): string {
  return `.grad = ${grad === null ? "None" : shortValue(grad).replace(/\s*\n\s*/g, " ")}`;
}

/** Where each node of a run was recorded and the tensor it made (runner.ts keeps them). */
export interface NodeOrigins {
  get(
    node: Node,
  ): { readonly line: number | null; readonly tensor: torch.Tensor; readonly version: number } | undefined;
}

/**
 * make_dot's DOT with each box's forward value under its label: a leaf's or the output's own value, a
 * grad_fn's output (the tensor its op returned; marked when an in-place op has changed it since).
 */
export function withValues(
  dot: string,
  ids: Map<object, string>,
  origins: NodeOrigins,
  explanation: Explanation | null = null,
): string {
  // A leaf stepped through gets a last line for its .grad, sized for what backward() adds in the end; the
  // stepper writes each step's sum there (main.ts).
  const finalGrads = new Map<object, torch.Tensor | null>(explanation?.leaves.map((l) => [l.tensor, l.grad]));
  const values = new Map<string, string>();
  for (const [object, id] of ids) {
    if (object instanceof torch.Tensor) {
      const grad = finalGrads.get(object);
      values.set(id, shortValue(object) + (grad === undefined ? "" : `\n${gradLine(grad)}`));
    } else {
      const made = origins.get(object as Node);
      if (!made) continue;
      const changed = made.tensor._version !== made.version ? "\n(changed in place since)" : "";
      values.set(id, shortValue(made.tensor) + changed);
    }
  }
  // Graphviz knows no width for "monospace" (it measures it as Times, narrower than browsers draw it); it
  // measures Courier as monospace is drawn, so the boxes fit the values (style.css draws them monospace).
  const padded = dot.replace(/^(\tnode \[.*)\bfontname=monospace\b/m, "$1fontname=Courier");
  return padded.replace(
    /^(\t(n\d+) \[label=")((?:[^"\\]|\\.)*)"/gm,
    (whole, head: string, id: string, label: string) => {
      const value = values.get(id);
      if (value === undefined) return whole;
      const text = value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
      return `${head}${label}\\n${text}"`;
    },
  );
}
