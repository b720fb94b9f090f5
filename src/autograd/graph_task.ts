// What one backward run tracks (PyTorch's GraphTask): the queue of ready nodes, each node's count of
// gradients still to arrive and its buffer of gradients summed so far, and which nodes the run needs.
// The engine (engine.ts) drives the run; this file keeps its books.
import { numel, shapesEqual } from "../tensor/shape.js";
import type { Tensor } from "../tensor/tensor.js";
import { is_grad_enabled } from "./grad_mode.js";
import type { Edge, Node } from "./node.js";

/** A max-heap of nodes by sequence number. */
export class ReadyQueue {
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
export class RunState {
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
    if (!completed)
      for (const node of this.nodes) {
        releaseBuffer(node._buffer);
        node._buffer = null;
      }
    for (let i = this.previous.length - 1; i >= 0; i--) {
      const [node, run, deps, buffer] = this.previous[i];
      node._runId = run;
      node._deps = deps;
      node._buffer = buffer;
    }
  }
}

/** Counts, for each node reachable from the roots, how many edges point at it (iteratively). */
export function countDependencies(roots: readonly Node[], state: RunState): void {
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

/**
 * Nodes from which a captured node can be reached through at least one edge: the only ones autograd.grad()
 * runs (PyTorch's exec_info needed_). A captured node itself only hands over its gradient unless it also
 * leads to another captured node. backward(inputs=...) runs its targets too (runTargets): they accumulate.
 */
export function nodesLeadingTo(roots: readonly Node[], targets: Set<Node>, runTargets: boolean): Set<Node> {
  const needed = new Set<Node>();
  // Post-order walk without recursion: a node is needed if an edge leads it to a target or a needed node.
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
    if (
      (runTargets && targets.has(node)) ||
      edges.some(([n]) => n !== null && (targets.has(n) || needed.has(n)))
    )
      needed.add(node);
  }
  return needed;
}

/** Adds grad into the node's buffer for inputNr (in arrival order: PyTorch's summation order). */
export function accumulate(node: Node, inputNr: number, grad: Tensor): void {
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
  buffer[inputNr] = old ? sum(old, grad) : grad;
}

/**
 * Sums this run made that wait in a buffer, which alone holds them: a later gradient for the same input is
 * added into one in place (PyTorch's InputBuffer::accumulate; a weight used at every step of a sequence
 * gets dozens). A gradient that arrives first is never written: the node that made it may have handed the
 * same tensor to another edge, or a view of it. A sum leaves this set when its node takes its buffer.
 */
const ownedSums = new Set<Tensor>();

/** From this many elements a sum is kept for adding into in place; smaller ones are summed afresh. */
const IN_PLACE_MIN_NUMEL = 4096;

/** old + grad, the same bits either way: in place into a sum this run owns, else a fresh sum. */
function sum(old: Tensor, grad: Tensor): Tensor {
  // Under create_graph the sum is an op of the graph (AddBackward0), so it is never written in place.
  if (is_grad_enabled() || numel(old.shape) < IN_PLACE_MIN_NUMEL) return old.add(grad);
  const fits = old.dtype === grad.dtype && shapesEqual(old.shape, grad.shape);
  const transposed = fits && isTransposed(old) && isTransposed(grad);
  if (fits && ownedSums.has(old)) {
    // Two transposed matrices (a linear layer's weight gradients) add as their dense transposes.
    if (transposed) old.t().add_(grad.t());
    else old.add_(grad);
    return old;
  }
  // A sum of transposed matrices stays transposed, as PyTorch's TensorIterator lays out its result.
  const result = transposed ? old.t().add(grad.t()).t() : old.add(grad);
  if (result._storage !== old._storage && result._storage !== grad._storage) ownedSums.add(result);
  return result;
}

/** A 2-D tensor laid out as the transpose of a dense matrix (TBackward0's gradient of a weight). */
function isTransposed(t: Tensor): boolean {
  const shape = t.shape;
  const strides = t._strides;
  return shape.length === 2 && shape[0] > 1 && shape[1] > 1 && strides[0] === 1 && strides[1] === shape[0];
}

/** A node's buffer is taken (or dropped): its sums are ordinary tensors from now on. */
export function releaseBuffer(buffer: readonly (Tensor | null)[] | null): void {
  if (buffer === null || ownedSums.size === 0) return;
  for (const g of buffer) if (g !== null) ownedSums.delete(g);
}

/** Where autograd.grad() captures gradients: per node, [inputNr, index in the result] pairs. */
export function captureTable(capture: Edge[]): Map<Node, [number, number][]> {
  const captureAt = new Map<Node, [number, number][]>();
  capture.forEach(([node, inputNr], i) => {
    if (!node) return;
    const list = captureAt.get(node) ?? [];
    list.push([inputNr, i]);
    captureAt.set(node, list);
  });
  return captureAt;
}
