// The backward engine: one pass over the graph in PyTorch's order, without recursion.
// Ready nodes run newest first (a max-heap on creation order); gradients arriving at the same
// input are summed in arrival order, which is what makes `.grad` digits match PyTorch's.
import { RuntimeError } from "../errors.js";
import { ones_like } from "../tensor/creation.js";
import { shapesEqual } from "../tensor/shape.js";
import { lastStorageSerial, Tensor } from "../tensor/tensor.js";
import { is_anomaly_enabled } from "./anomaly.js";
import { is_grad_enabled, set_grad_enabled } from "./grad_mode.js";
import { AccumulateGrad, gradOwnership, NO_RETAINED_GRADS, OpNode, type Edge, type Node } from "./node.js";

/** A max-heap of nodes by sequence number. */
class ReadyQueue {
  private heap: Node[] = [];

  get size(): number {
    return this.heap.length;
  }

  push(node: Node): void {
    const h = this.heap;
    h.push(node);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (h[parent].seq >= h[i].seq) break;
      [h[parent], h[i]] = [h[i], h[parent]];
      i = parent;
    }
  }

  pop(): Node {
    const h = this.heap;
    const top = h[0];
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let big = i;
        if (l < h.length && h[l].seq > h[big].seq) big = l;
        if (r < h.length && h[r].seq > h[big].seq) big = r;
        if (big === i) break;
        [h[big], h[i]] = [h[i], h[big]];
        i = big;
      }
    }
    return top;
  }
}

/** Ids of the runs in progress (a hook may start a run inside another); 0 is no run. */
const activeRuns: number[] = [];
let lastRunId = 0;

/**
 * The per-node state of one run, in fields of the nodes themselves: _runId names the run, _deps and
 * _buffer are its edges still to arrive and its gradients summed so far. A Map or an entry object per node
 * was a large part of a scalar backward. A node's _runId may name a finished run (nothing is cleared after a
 * normal run: every node it reached has run and emptied its buffer); only active runs count. A run started
 * inside another (a hook calling backward) saves the fields it overwrites and puts them back when it ends,
 * so the outer run finds its own.
 */
class RunState {
  readonly id = ++lastRunId;
  /** Every node this run reached, in discovery order (countDependencies walks it as its work list). */
  readonly nodes: Node[] = [];
  /** An active outer run's state of a node this run also uses: node, run id, deps, buffer (nested runs). */
  private readonly previous: [Node, number, number, (Tensor | null)[] | null][] = [];

  constructor() {
    activeRuns.push(this.id);
  }

  has(node: Node): boolean {
    return node._runId === this.id;
  }

  add(node: Node, deps: number): void {
    const other = node._runId;
    if (other !== 0 && activeRuns.includes(other))
      this.previous.push([node, other, node._deps, node._buffer]);
    node._runId = this.id;
    node._deps = deps;
    node._buffer = null;
    this.nodes.push(node);
  }

  /** Ends the run: frees the buffers an aborted run left, and puts back what add() replaced. */
  finish(completed: boolean): void {
    if (activeRuns[activeRuns.length - 1] === this.id) activeRuns.pop();
    else activeRuns.splice(activeRuns.lastIndexOf(this.id), 1);
    if (!completed) for (const node of this.nodes) node._buffer = null;
    for (let i = this.previous.length - 1; i >= 0; i--) {
      const [node, run, deps, buffer] = this.previous[i];
      node._runId = run;
      node._deps = deps;
      node._buffer = buffer;
    }
  }
}

/** Counts, for each node reachable from the roots, how many edges point at it (iteratively). */
function countDependencies(roots: readonly Node[], state: RunState): void {
  for (const root of roots) if (!state.has(root)) state.add(root, 0);
  // state.nodes grows as new nodes are found: walking it visits each reachable node once.
  const { nodes, id } = state;
  for (let k = 0; k < nodes.length; k++) {
    const edges = nodes[k].next_functions;
    for (let i = 0; i < edges.length; i++) {
      const next = edges[i][0];
      if (next === null) continue;
      if (next._runId === id) next._deps++;
      else state.add(next, 1);
    }
  }
}

/** Nodes from which some captured node can be reached: the only ones autograd.grad() needs to run. */
function nodesLeadingTo(roots: readonly Node[], targets: Set<Node>): Set<Node> {
  const needed = new Set<Node>();
  // Post-order walk without recursion: a node is needed if it is a target or feeds a needed node.
  const visited = new Set<Node>();
  const stack: [Node, number][] = roots.map((r) => [r, 0]);
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    const [node, i] = top;
    if (i === 0) {
      if (visited.has(node)) {
        stack.pop();
        continue;
      }
      visited.add(node);
    }
    const edges = node.next_functions;
    if (i < edges.length) {
      top[1]++;
      const next = edges[i][0];
      if (next && !visited.has(next)) stack.push([next, 0]);
      continue;
    }
    stack.pop();
    if (targets.has(node) || edges.some(([n]) => n && needed.has(n))) needed.add(node);
  }
  return needed;
}

const sameShape = shapesEqual;

export function sizeRepr(shape: readonly number[]): string {
  return `torch.Size([${shape.join(", ")}])`;
}

/** The gradient each root starts with: ones for a scalar, or the user's, checked against the root. */
function rootGradients(roots: readonly Tensor[], grads: readonly (Tensor | null)[]): Tensor[] {
  return roots.map((root, i) => {
    const g = grads[i] ?? null;
    if (g === null) {
      if (root.numel() !== 1)
        throw new RuntimeError("grad can be implicitly created only for scalar outputs");
      return ones_like(root);
    }
    if (!(g instanceof Tensor)) throw new TypeError(`gradient must be a Tensor or null, but got ${typeof g}`);
    if (!sameShape(g.shape, root.shape)) {
      throw new RuntimeError(
        `Mismatch in shape: grad_output[${i}] has a shape of ${sizeRepr(g.shape)} and output[${i}] has a shape of ${sizeRepr(root.shape)}.`,
      );
    }
    return g;
  });
}

/** Makes a node's output gradient fit the input it flows to: summed over broadcast dims, cast to its dtype. */
function fitToInput(node: Node, index: number, grad: Tensor): Tensor {
  const input = node.inputMeta[index];
  if (!input) return grad;
  let g = grad;
  if (g.shape !== input.shape && !sameShape(g.shape, input.shape)) {
    try {
      g = g.sum_to_size(input.shape);
    } catch {
      throw new RuntimeError(
        `Function ${node.name()} returned an invalid gradient at index ${index} - got [${g.shape.join(", ")}] but expected shape compatible with [${input.shape.join(", ")}]`,
      );
    }
  }
  if (g.dtype !== input.dtype) g = g.to(input.dtype);
  return g;
}

interface RunOptions {
  retainGraph: boolean;
  createGraph: boolean;
  /** autograd.grad(): capture gradients at these edges instead of accumulating into leaves. */
  capture: Edge[] | null;
  /** backward(inputs=...): only these leaves accumulate. */
  onlyLeaves: Set<Tensor> | null;
}

function run(roots: readonly Tensor[], rootGrads: Tensor[], opts: RunOptions): (Tensor | null)[] {
  const rootEdges = roots.map((r) => r._gradEdge());
  const rootNodes = rootEdges.map(([n]) => n as Node);
  const state = new RunState();
  let completed = false;
  try {
    countDependencies(rootNodes, state);
    const captured = runGraph(rootEdges, rootNodes, rootGrads, opts);
    completed = true;
    return captured;
  } finally {
    state.finish(completed);
  }
}

/** Adds grad into the node's buffer for inputNr (in arrival order: PyTorch's summation order). */
function accumulate(node: Node, inputNr: number, grad: Tensor): void {
  let buffer = node._buffer;
  if (buffer === null) {
    const n = node.numOutputs;
    if (n === 1 && inputNr === 0) {
      node._buffer = [grad];
      return;
    }
    buffer = new Array<Tensor | null>(n).fill(null);
    node._buffer = buffer;
  }
  const old = buffer[inputNr];
  buffer[inputNr] = old ? old.add(grad) : grad;
}

/** Where autograd.grad() captures gradients: per node, [inputNr, index in the result] pairs. */
function captureTable(capture: Edge[]): Map<Node, [number, number][]> {
  const captureAt = new Map<Node, [number, number][]>();
  capture.forEach(([node, inputNr], i) => {
    if (!node) return;
    const list = captureAt.get(node) ?? [];
    list.push([inputNr, i]);
    captureAt.set(node, list);
  });
  return captureAt;
}

function runGraph(
  rootEdges: Edge[],
  rootNodes: Node[],
  rootGrads: Tensor[],
  opts: RunOptions,
): (Tensor | null)[] {
  const capture = opts.capture;
  const captured: (Tensor | null)[] = capture ? capture.map(() => null) : [];
  const captureAt = capture ? captureTable(capture) : null;
  let needed: Set<Node> | null = null;
  if (captureAt) needed = nodesLeadingTo(rootNodes, new Set(captureAt.keys()));
  else if (opts.onlyLeaves) {
    const sinks = new Set<Node>(
      [...opts.onlyLeaves].map((t) => t._gradEdge()[0]).filter((n): n is Node => n !== null),
    );
    needed = nodesLeadingTo(rootNodes, sinks);
  }

  // Gradients made from here on may be kept as .grad without a copy (node.ts, gradOwnership).
  const outerOwnership = { ...gradOwnership };
  gradOwnership.floor = lastStorageSerial();
  gradOwnership.kept = new Set();
  gradOwnership.refused = null;
  try {
    return drain(rootEdges, rootNodes, rootGrads, opts, captured, captureAt, needed);
  } finally {
    Object.assign(gradOwnership, outerOwnership);
  }
}

function drain(
  rootEdges: Edge[],
  rootNodes: Node[],
  rootGrads: Tensor[],
  opts: RunOptions,
  captured: (Tensor | null)[],
  captureAt: ReturnType<typeof captureTable> | null,
  needed: Set<Node> | null,
): (Tensor | null)[] {
  const capture = opts.capture;
  const retainGraph = opts.retainGraph;
  const anomaly = is_anomaly_enabled();
  const ready = new ReadyQueue();
  for (let i = 0; i < rootEdges.length; i++) accumulate(rootEdges[i][0]!, rootEdges[i][1], rootGrads[i]);
  for (let i = 0; i < rootNodes.length; i++) {
    const node = rootNodes[i];
    // A node may be the root of several outputs: queue it once.
    if (node._deps === 0 && rootNodes.indexOf(node) === i) ready.push(node);
  }

  while (ready.size > 0) {
    const node = ready.pop();
    let inputs = node._buffer ?? [];
    node._buffer = null;
    const run = needed === null || needed.has(node);
    // Hooks and retained grads live in node._extras (null for most nodes); read it afresh after each step,
    // since a hook may register more.
    let extras = node._extras;
    if (run && extras !== null && (extras.tensorHooks || extras.preHooks)) inputs = runPreHooks(node, inputs);
    const captures = captureAt?.get(node);
    if (captures) for (const [inputNr, i] of captures) captured[i] = inputs[inputNr] ?? null;

    // The instanceof test last: it is the slow part when a tool has renamed the class (see OpNode).
    const skipLeaf =
      (capture !== null || opts.onlyLeaves !== null) &&
      node instanceof AccumulateGrad &&
      (capture !== null || !opts.onlyLeaves!.has(node.variable));
    let outputs = run && !skipLeaf ? node.apply(inputs) : NO_OUTPUTS;
    if (run && !retainGraph) node.release();
    extras = node._extras;
    if (run && extras !== null && extras.postHooks) outputs = runPostHooks(node, outputs, inputs);
    // Gradients a custom Function or a hook produced may be held elsewhere: never kept without a copy.
    if (run && (!(node instanceof OpNode) || (extras !== null && extras.postHooks))) refuseOwnership(outputs);
    if (run && anomaly) checkForNan(node, outputs);
    extras = node._extras;
    if (extras !== null && extras.retainedGrads !== NO_RETAINED_GRADS) retainGrads(node, inputs);

    const edges = node.next_functions;
    for (let i = 0; i < edges.length; i++) {
      const edge = edges[i];
      const next = edge[0];
      if (next === null) continue;
      const g = outputs[i];
      if (g) accumulate(next, edge[1], fitToInput(node, i, g));
      if (--next._deps === 0) ready.push(next);
    }
  }
  return captured;
}

function refuseOwnership(grads: readonly (Tensor | null)[]): void {
  const refused = (gradOwnership.refused ??= new WeakSet());
  for (const g of grads) if (g) refused.add(g);
}

/** No gradients: what a node that did not run hands on. */
const NO_OUTPUTS: readonly (Tensor | null)[] = Object.freeze([]);

/** Sums each output gradient into the .grad of the output tensor that called retain_grad(). */
function retainGrads(node: Node, grads: readonly (Tensor | null)[]): void {
  for (let outputNr = 0; outputNr < grads.length; outputNr++) {
    const g = grads[outputNr];
    const retained = g && retainedTensorOf(node, outputNr);
    if (retained) retained._grad = retained._grad ? retained._grad.add(g) : g.detach().clone();
  }
}

/** Runs the tensor hooks of each output gradient, then the node's pre-hooks; returns the gradients to use. */
function runPreHooks(node: Node, grads: (Tensor | null)[]): (Tensor | null)[] {
  let result = grads;
  const tensorHooks = node._tensorHooks;
  if (tensorHooks) {
    result = grads.slice();
    tensorHooks.forEach((hooks, outputNr) => {
      let g = result[outputNr];
      if (!g || !hooks) return;
      for (const { fn } of [...hooks]) {
        const replaced = fn(g);
        if (replaced !== undefined && replaced !== null) g = checkHookResult(replaced, g);
      }
      result[outputNr] = g;
    });
  }
  for (const { fn } of node._preHooks ? [...node._preHooks] : []) {
    const replaced = fn(result.slice());
    if (replaced !== undefined && replaced !== null) result = checkHookResults(node, replaced, result);
  }
  return result;
}

function runPostHooks(
  node: Node,
  gradInputs: readonly (Tensor | null)[],
  gradOutputs: (Tensor | null)[],
): readonly (Tensor | null)[] {
  let result = gradInputs;
  for (const { fn } of [...node._postHooks!]) {
    const replaced = fn(result.slice(), gradOutputs.slice());
    if (replaced !== undefined && replaced !== null) result = checkHookResults(node, replaced, result);
  }
  return result;
}

function checkHookResult(value: unknown, old: Tensor): Tensor {
  if (!(value instanceof Tensor)) throw new TypeError(`expected Tensor or None (got ${typeof value})`);
  if (!sameShape(value.shape, old.shape)) throw new RuntimeError(`hook 'hook' has changed the size of value`);
  return value;
}

function checkHookResults(
  node: Node,
  values: readonly (Tensor | null)[],
  old: readonly (Tensor | null)[],
): (Tensor | null)[] {
  if (!Array.isArray(values) || values.length !== old.length) {
    throw new RuntimeError(
      `hook 'hook' has returned an incorrect number of values (got ${Array.isArray(values) ? values.length : 1}, but expected ${old.length})`,
    );
  }
  return values.map((v, i) =>
    v === null || v === undefined ? null : old[i] ? checkHookResult(v, old[i]) : v,
  );
}

/** Anomaly mode: a NaN in a node's output names the node and the forward stack that created it. */
function checkForNan(node: Node, outputs: readonly (Tensor | null)[]): void {
  outputs.forEach((g, i) => {
    if (!g || !g.dtype.is_floating_point || !g.values().some((v) => Number.isNaN(v))) return;
    const trace = node._forwardTrace
      ? `\n\nError detected in ${node.name()}. Traceback of forward call that caused the error:\n${node._forwardTrace}`
      : "";
    throw new RuntimeError(`Function '${node.name()}' returned nan values in its ${i}th output.${trace}`);
  });
}

function retainedTensorOf(node: Node, outputNr: number): Tensor | null {
  const t = node._retainedGrads[outputNr]?.deref() ?? null;
  return t && t._retainsGrad && t.grad_fn === node ? t : null;
}

export function checkRoots(roots: readonly Tensor[]): void {
  for (let i = 0; i < roots.length; i++) {
    const r = roots[i];
    if (!(r instanceof Tensor)) throw new TypeError(`element ${i} of tensors is not a Tensor`);
    if (!r._requiresGrad)
      throw new RuntimeError(`element ${i} of tensors does not require grad and does not have a grad_fn`);
  }
}

function withGradMode<T>(mode: boolean, fn: () => T): T {
  const previous = is_grad_enabled();
  set_grad_enabled(mode);
  try {
    return fn();
  } finally {
    set_grad_enabled(previous);
  }
}

/** The engine's backward over checked arguments (autograd.backward and Tensor.backward end here). */
export function runBackward(
  roots: readonly Tensor[],
  grads: readonly (Tensor | null)[],
  retainGraph: boolean,
  createGraph: boolean,
  inputs: readonly Tensor[],
): void {
  checkRoots(roots);
  const rootGrads = rootGradients(roots, grads);
  const onlyLeaves = inputs.length > 0 ? new Set(inputs) : null;
  // withGradMode inlined: backward runs once per training step, and small graphs make its closure count.
  const previous = is_grad_enabled();
  set_grad_enabled(createGraph);
  try {
    run(roots, rootGrads, { retainGraph, createGraph, capture: null, onlyLeaves });
  } finally {
    set_grad_enabled(previous);
  }
}

/** autograd.grad on checked arguments (the internal callers' entry). */
export function grad(
  outputs: readonly Tensor[],
  inputs: readonly unknown[],
  gradOutputs: readonly (Tensor | null)[] = [],
  retainGraph: boolean | null = null,
  createGraph = false,
  allowUnused = false,
): (Tensor | null)[] {
  checkRoots(outputs);
  const targets = inputs as Tensor[];
  targets.forEach((t, i) => {
    if (!(t instanceof Tensor)) throw new TypeError(`element ${i} of inputs is not a Tensor`);
    if (!t._requiresGrad) throw new RuntimeError("One of the differentiated Tensors does not require grad");
  });
  const retain = retainGraph ?? createGraph;
  const rootGrads = rootGradients(outputs, gradOutputs);
  const result = withGradMode(createGraph, () =>
    run(outputs, rootGrads, {
      retainGraph: retain,
      createGraph,
      capture: targets.map((t) => t._gradEdge()),
      onlyLeaves: null,
    }),
  );
  result.forEach((g, i) => {
    if (g === null && !allowUnused) {
      throw new RuntimeError(
        "One of the differentiated Tensors appears to not have been used in the graph. Set allow_unused=True if this is the desired behavior.",
      );
    }
    if (g && !sameShape(g.shape, targets[i].shape)) result[i] = g.sum_to_size(targets[i].shape);
  });
  return result;
}
