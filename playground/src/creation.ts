// Where each node of a run was recorded, and the tensor it made: the line of the user's code that ran the op
// (so an error inside backward() points at the op whose node failed) and the forward value the graph shows
// on the node. tensorgrad sets a tensor's grad_fn by assigning its `_gradFn` field (a `declare`d field, so an
// accessor on Tensor.prototype sees the assignments); the playground watches those while a program runs,
// without any change to the library. Also: which node a failed backward() was running.
import * as torch from "../../src/index.js";
import { AccumulateGrad, type Node } from "../../src/autograd/node.js";

export interface Created {
  /** The line of the user's code that ran the op (null: not known, e.g. after the cap below). */
  readonly line: number | null;
  /** The tensor the op returned (the node's output), and its version then (an in-place op changes it). */
  readonly tensor: torch.Tensor;
  readonly version: number;
}

/** Nodes whose line is looked up (a stack trace each in JavaScript): enough for any lesson, cheap for a loop. */
const MAX_TRACKED = 50_000;

let onGradFn: ((t: torch.Tensor, node: Node) => void) | null = null;

/** Installs the accessor once: each tensor that gets a grad_fn keeps it in a field of its own, still watched. */
function install(): void {
  const proto = torch.Tensor.prototype as unknown as Record<string, unknown>;
  if (Object.getOwnPropertyDescriptor(proto, "_gradFn")?.set) return;
  Object.defineProperty(proto, "_gradFn", {
    configurable: true,
    get: () => null,
    set(this: torch.Tensor, first: Node | null) {
      if (first === null) return; // a new tensor: no grad_fn, which the getter already says
      let value: Node | null = first;
      Object.defineProperty(this, "_gradFn", {
        configurable: true,
        enumerable: true,
        get: () => value,
        set: (next: Node | null) => {
          value = next;
          if (next !== null) onGradFn?.(this, next);
        },
      });
      onGradFn?.(this, first);
    },
  });
}

/** The nodes made while `fn` runs, with their lines (`lineNow()` at the moment each was recorded). */
export class CreationLog {
  private readonly created = new WeakMap<Node, Created>();
  private count = 0;

  constructor(private readonly lineNow: () => number | null) {}

  async watch(fn: () => Promise<void>): Promise<void> {
    install();
    const previous = onGradFn;
    onGradFn = (t, node) => {
      if (this.created.has(node)) return;
      const line = this.count++ < MAX_TRACKED ? this.lineNow() : null;
      this.created.set(node, { line, tensor: t, version: t._version });
    };
    try {
      await fn();
    } finally {
      onGradFn = previous;
    }
  }

  get(node: Node): Created | undefined {
    return this.created.get(node);
  }
}

/** Every node of the graph under `root`, and for each the nodes that send it a gradient (its parents). */
function parentsOf(root: Node): Map<Node, Node[]> {
  const parents = new Map<Node, Node[]>([[root, []]]);
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    for (const [next] of node.next_functions) {
      if (!next) continue;
      if (!parents.has(next)) {
        parents.set(next, []);
        stack.push(next);
      }
      parents.get(next)!.push(node);
    }
  }
  return parents;
}

/**
 * Watches one backward() over `root`'s graph: a pre-hook marks each node started, a post-hook finished.
 * When backward() raises, `failing(e)` names the node it was running: one started and not finished; else
 * (an output check after the node, or a tensor hook that runs before the node's pre-hooks) the last finished
 * node when the error is about its output, else the node the engine takes next (ready: every node sending
 * to it finished; the one made last, as the engine picks).
 */
export class BackwardWatch {
  private readonly started = new Set<Node>();
  private readonly finished: Node[] = [];
  private readonly handles: { remove(): void }[] = [];
  private readonly parents: Map<Node, Node[]>;

  constructor(private readonly root: Node) {
    this.parents = parentsOf(root);
    for (const node of this.parents.keys()) {
      this.handles.push(node.register_prehook(() => void this.started.add(node)));
      this.handles.push(node.register_hook(() => void this.finished.push(node)));
    }
  }

  remove(): void {
    for (const h of this.handles) h.remove();
  }

  failing(error: unknown): Node | null {
    const done = new Set(this.finished);
    const running = [...this.started].filter((n) => !done.has(n));
    if (running.length > 0) return running[running.length - 1];
    const last = this.finished[this.finished.length - 1];
    if (last && /returned an invalid gradient/.test(String((error as Error)?.message))) return last;
    let next: Node | null = null;
    for (const [node, parents] of this.parents) {
      if (done.has(node) || !parents.every((p) => done.has(p))) continue;
      if (next === null || node.seq > next.seq) next = node;
    }
    return next ?? (this.started.size === 0 ? this.root : null);
  }
}

/** The line of the op that recorded a node (an AccumulateGrad: none, a leaf is not made by an op). */
export function lineOf(log: CreationLog, node: Node | null): number | null {
  if (!node || node instanceof AccumulateGrad) return null;
  return log.get(node)?.line ?? null;
}
