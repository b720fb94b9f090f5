// The backward engine: one pass over the graph in PyTorch's order, without recursion.
// Ready nodes run newest first (a max-heap on creation order); gradients arriving at the same
// input are summed in arrival order, which is what makes `.grad` digits match PyTorch's.
// In this file: the core loop (drain) and its steps, the hooks, starting a run, and the entry points.
// The run's books (ready queue, dependency counts, gradient buffers) are in graph_task.ts; whether a leaf
// may keep a gradient without a copy is decided in grad_ownership.ts.
import { RuntimeError } from "../errors.js";
import { emitWarning } from "../warnings.js";
import { ones_like } from "../tensor/creation.js";
import { shapesEqual } from "../tensor/shape.js";
import { Tensor } from "../tensor/tensor.js";
import { is_anomaly_enabled } from "./anomaly.js";
import { is_grad_enabled, set_grad_enabled } from "./grad_mode.js";
import { beginRun, endRun, handToUserCode } from "./grad_ownership.js";
import {
  accumulate,
  captureTable,
  countDependencies,
  nodesLeadingTo,
  ReadyQueue,
  releaseBuffer,
  RunState,
} from "./graph_task.js";
import { AccumulateGrad, NO_RETAINED_GRADS, type Edge, type Node } from "./node.js";

const sameShape = shapesEqual;

/** What a run does besides running every node, fixed when it starts. */
interface RunPlan {
  readonly retainGraph: boolean;
  readonly anomaly: boolean;
  /** The nodes that lead to a captured gradient or a chosen leaf: the only ones to run (null: all). */
  readonly needed: Set<Node> | null;
  /** autograd.grad(): where to capture gradients (see captureTable), and what was captured. */
  readonly captureAt: Map<Node, [number, number][]> | null;
  readonly captured: (Tensor | null)[];
  /** Which leaves accumulate into .grad: every one (null), none (autograd.grad), or backward(inputs=...)'s. */
  readonly accumulating: Set<Tensor> | "none" | null;
}

/**
 * The core loop, as PyTorch's engine runs it (Engine::evaluate_function): take the ready node created last;
 * run its pre-hooks, its backward and its post-hooks; send each gradient it made into the buffer of the node
 * it flows to, where gradients for one input are summed; a node whose last gradient has arrived is ready.
 */
function drain(ready: ReadyQueue, plan: RunPlan): void {
  while (ready.size > 0) {
    const node = ready.pop();
    let gradOutputs = takeBuffer(node);
    let gradInputs = NO_GRADIENTS;
    // autograd.grad() takes what reaches a requested input before any hook runs, as PyTorch 1.13 does; the
    // input's own node runs only when it leads on to another requested input (it keeps what it saved).
    if (plan.captureAt !== null) captureGradients(node, gradOutputs, plan);
    if (plan.needed === null || plan.needed.has(node)) {
      gradOutputs = callPreHooks(node, gradOutputs);
      // A retained gradient is kept before the node runs (PyTorch's retains_grad hooks are pre-hooks), so it
      // is there even when the node's backward raises.
      retainGrads(node, gradOutputs);
      gradInputs = callBackward(node, gradOutputs, plan);
      gradInputs = callPostHooks(node, gradInputs, gradOutputs);
      if (plan.anomaly) checkForNan(node, gradInputs);
    }
    sendToNextNodes(node, gradInputs, ready);
  }
}

/** No gradients: what a node that did not run hands on. */
const NO_GRADIENTS: readonly (Tensor | null)[] = Object.freeze([]);

/** The gradients w.r.t. the node's outputs, summed so far; the buffer is emptied. */
function takeBuffer(node: Node): (Tensor | null)[] {
  const buffer = node._buffer;
  if (buffer === null) return [];
  node._buffer = null;
  releaseBuffer(buffer);
  return buffer;
}

/** The tensor hooks and pre-hooks, when the node has any (they live in node._extras, null for most nodes). */
function callPreHooks(node: Node, gradOutputs: (Tensor | null)[]): (Tensor | null)[] {
  const extras = node._extras;
  if (extras === null || !(extras.tensorHooks || extras.preHooks)) return gradOutputs;
  return runPreHooks(node, gradOutputs);
}

/** autograd.grad(): keeps the gradients that reach the requested inputs. */
function captureGradients(node: Node, gradOutputs: (Tensor | null)[], plan: RunPlan): void {
  const captures = plan.captureAt!.get(node);
  if (captures) for (const [inputNr, i] of captures) plan.captured[i] = gradOutputs[inputNr] ?? null;
}

/** The node's backward (unless it is a leaf this run does not accumulate into); then frees what it saved. */
function callBackward(node: Node, gradOutputs: (Tensor | null)[], plan: RunPlan): readonly (Tensor | null)[] {
  let gradInputs = NO_GRADIENTS;
  if (plan.accumulating === null || !isSkippedLeaf(node, plan.accumulating)) {
    if (!node._runsUserCode) gradInputs = node.apply(gradOutputs);
    else {
      // A custom Function's backward may keep what it gets or returns (grad_ownership.ts).
      handToUserCode(gradOutputs);
      gradInputs = node.apply(gradOutputs);
      handToUserCode(gradInputs);
    }
  }
  if (!plan.retainGraph) node.release();
  return gradInputs;
}

/** Whether node is the AccumulateGrad of a leaf that this run does not accumulate into. */
function isSkippedLeaf(node: Node, accumulating: Set<Tensor> | "none"): boolean {
  // Only autograd.grad() and backward(inputs=...) ask, which keeps instanceof (slow when a tool has renamed
  // the class, see OpNode) off the common path.
  return node instanceof AccumulateGrad && (accumulating === "none" || !accumulating.has(node.variable));
}

/** The node's post-hooks, when it has any (read afresh: a pre-hook may have registered one). */
function callPostHooks(
  node: Node,
  gradInputs: readonly (Tensor | null)[],
  gradOutputs: (Tensor | null)[],
): readonly (Tensor | null)[] {
  const extras = node._extras;
  if (extras === null || !extras.postHooks) return gradInputs;
  return runPostHooks(node, gradInputs, gradOutputs);
}

/** Sends each gradient along its edge: fitted to the input and summed into the next node's buffer. */
function sendToNextNodes(node: Node, gradInputs: readonly (Tensor | null)[], ready: ReadyQueue): void {
  const edges = node.next_functions;
  for (let i = 0; i < edges.length; i++) {
    const edge = edges[i];
    const next = edge[0];
    if (next === null) continue;
    const g = gradInputs[i];
    if (g) accumulate(next, edge[1], fitToInput(node, i, g));
    if (--next._deps === 0) ready.push(next);
  }
}

/** Sums each output gradient into the .grad of the output tensor that called retain_grad(). */
function retainGrads(node: Node, grads: readonly (Tensor | null)[]): void {
  const extras = node._extras;
  if (extras === null || extras.retainedGrads === NO_RETAINED_GRADS) return;
  for (let outputNr = 0; outputNr < grads.length; outputNr++) {
    const g = grads[outputNr];
    const retained = g && retainedTensorOf(node, outputNr);
    if (retained) retained._grad = retained._grad ? retained._grad.add(g) : g.detach().clone();
  }
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

// Hooks are user code: what they see or return is handed to grad_ownership.ts, so no leaf keeps it uncopied.

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
        handToUserCode([g]);
        const replaced = fn(g);
        if (replaced !== undefined && replaced !== null) {
          g = checkHookResult(replaced, g);
          handToUserCode([g]);
        }
      }
      result[outputNr] = g;
    });
  }
  for (const { fn } of node._preHooks ? [...node._preHooks] : []) {
    handToUserCode(result);
    const replaced = fn(result.slice());
    if (replaced !== undefined && replaced !== null) {
      result = checkHookResults(node, replaced, result);
      handToUserCode(result);
    }
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
    handToUserCode(result);
    handToUserCode(gradOutputs);
    const replaced = fn(result.slice(), gradOutputs.slice());
    if (replaced !== undefined && replaced !== null) {
      result = checkHookResults(node, replaced, result);
      handToUserCode(result);
    }
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

// ---- starting a run ----------------------------------------------------------------------------------

interface RunOptions {
  retainGraph: boolean;
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
    const plan = planRun(rootNodes, opts);
    // Gradients made from here on may become .grad without a copy (grad_ownership.ts).
    const outerOwnership = beginRun();
    try {
      const ready = new ReadyQueue();
      startAtRoots(rootEdges, rootNodes, rootGrads, ready);
      drain(ready, plan);
    } finally {
      endRun(outerOwnership);
    }
    completed = true;
    return plan.captured;
  } finally {
    state.finish(completed);
  }
}

function planRun(rootNodes: readonly Node[], opts: RunOptions): RunPlan {
  const { capture, onlyLeaves } = opts;
  const captureAt = capture ? captureTable(capture) : null;
  let needed: Set<Node> | null = null;
  if (captureAt) needed = nodesLeadingTo(rootNodes, new Set(captureAt.keys()), false);
  else if (onlyLeaves) {
    const sinks = new Set<Node>(
      [...onlyLeaves].map((t) => t._gradEdge()[0]).filter((n): n is Node => n !== null),
    );
    needed = nodesLeadingTo(rootNodes, sinks, true);
  }
  return {
    retainGraph: opts.retainGraph,
    anomaly: is_anomaly_enabled(),
    needed,
    captureAt,
    captured: capture ? capture.map(() => null) : [],
    accumulating: capture ? "none" : onlyLeaves,
  };
}

/** Puts each root's gradient in its node's buffer, and queues the roots that wait for nothing else. */
function startAtRoots(rootEdges: Edge[], rootNodes: Node[], rootGrads: Tensor[], ready: ReadyQueue): void {
  for (let i = 0; i < rootEdges.length; i++) accumulate(rootEdges[i][0]!, rootEdges[i][1], rootGrads[i]);
  for (let i = 0; i < rootNodes.length; i++) {
    const node = rootNodes[i];
    // A node may be the root of several outputs: queue it once.
    if (node._deps === 0 && rootNodes.indexOf(node) === i) ready.push(node);
  }
}

// ---- the entry points (autograd.backward, Tensor.backward and autograd.grad end here) ---------------

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

let referenceCycleWarned = false;

/** backward(create_graph=True): PyTorch's TORCH_WARN_ONCE from Engine::execute, once per process. */
function warnReferenceCycleOnce(): void {
  if (referenceCycleWarned) return;
  referenceCycleWarned = true;
  emitWarning(
    "Using backward() with create_graph=True will create a reference cycle between the parameter and its " +
      "gradient which can cause a memory leak. We recommend using autograd.grad when creating the graph to " +
      "avoid this. If you have to use this function, make sure to reset the .grad fields of your parameters " +
      "to None after use to break the cycle and avoid the leak. (Triggered internally at  " +
      "./torch/csrc/autograd/engine.cpp:1059.)",
  );
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
  if (createGraph) warnReferenceCycleOnce();
  const onlyLeaves = inputs.length > 0 ? new Set(inputs) : null;
  // withGradMode inlined: backward runs once per training step, and small graphs make its closure count.
  const previous = is_grad_enabled();
  set_grad_enabled(createGraph);
  try {
    run(roots, rootGrads, { retainGraph, capture: null, onlyLeaves });
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
