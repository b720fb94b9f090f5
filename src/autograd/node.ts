// Graph nodes (what `t.grad_fn` returns): one per recorded op, plus AccumulateGrad for leaves.
import type { DType } from "../tensor/dtype.js";
import type { Tensor } from "../tensor/tensor.js";
import { RuntimeError } from "../errors.js";
import { forwardTrace } from "./anomaly.js";
import { is_grad_enabled } from "./grad_mode.js";

/** An edge to the node that receives a gradient, and which of its inputs it lands in. */
export type Edge = [Node | null, number];

let nextSequenceNr = 0;

/** A tensor hook: may return a gradient to use instead of the one given. */
export type TensorHook = (grad: Tensor) => Tensor | null | undefined | void;
/** A node pre-hook: sees the gradients w.r.t. the node's outputs; may return replacements. */
export type NodePreHook = (
  gradOutputs: (Tensor | null)[],
) => readonly (Tensor | null)[] | null | undefined | void;
/** A node hook: sees the gradients it computed for its inputs, and those it got; may return replacements. */
export type NodePostHook = (
  gradInputs: (Tensor | null)[],
  gradOutputs: (Tensor | null)[],
) => readonly (Tensor | null)[] | null | undefined | void;

/** One registered hook; an object so the same function registered twice is removed once per handle. */
interface HookEntry<F> {
  readonly fn: F;
}

/** What register_hook() returns: `handle.remove()` unregisters the hook. */
export class RemovableHandle {
  constructor(
    private readonly list: HookEntry<unknown>[],
    private readonly entry: HookEntry<unknown>,
  ) {}

  remove(): void {
    const i = this.list.indexOf(this.entry);
    if (i >= 0) this.list.splice(i, 1);
  }
}

/** @internal Adds fn to a hook list and returns its handle. */
export function addHook<F>(list: HookEntry<F>[], fn: F, what: string): RemovableHandle {
  if (typeof fn !== "function") throw new TypeError(`${what}: hook must be callable, but got ${typeof fn}`);
  const entry = { fn };
  list.push(entry);
  return new RemovableHandle(list as HookEntry<unknown>[], entry);
}

/** @internal What one backward run tracks for a node: edges still to arrive, and the gradients summed so far. */
export interface PendingGrads {
  /** The run this belongs to. */
  readonly run: object;
  deps: number;
  buffer: (Tensor | null)[] | null;
}

/** What the engine needs to know of an input to fit its gradient: shape and dtype. */
export interface InputMetadata {
  readonly shape: readonly number[];
  readonly dtype: DType;
}

export abstract class Node {
  /** Creation order; the engine runs the ready node created last first, like PyTorch. */
  readonly seq: number;
  readonly next_functions: readonly Edge[];
  /** @internal Per input: where its gradient must be summed/cast to (null: no check). */
  inputMeta: readonly (InputMetadata | null)[] = [];
  /** @internal Outputs that called retain_grad(), by output number. */
  _retainedGrads: (WeakRef<Tensor> | undefined)[] = [];
  /** @internal Hooks of the tensors this node produced (or of the leaf, for AccumulateGrad), by output number. */
  _tensorHooks: HookEntry<TensorHook>[][] | null = null;
  /** @internal */ _preHooks: HookEntry<NodePreHook>[] | null = null;
  /** @internal */ _postHooks: HookEntry<NodePostHook>[] | null = null;
  /** @internal The backward engine's bookkeeping for this node during a run (see RunState in engine.ts). */
  _pending: PendingGrads | null = null;
  /** @internal Where the forward pass created this node (anomaly mode only). */
  readonly _forwardTrace: string | undefined;

  constructor(nextFunctions: readonly Edge[], seq?: number) {
    this.next_functions = nextFunctions;
    this.seq = seq ?? nextSequenceNr++;
    this._forwardTrace = forwardTrace();
  }

  /** Registers fn(gradInputs, gradOutputs), run after this node computed its gradients. */
  register_hook(fn: NodePostHook): RemovableHandle {
    return addHook((this._postHooks ??= []), fn, "register_hook");
  }

  /** Registers fn(gradOutputs), run before this node computes its gradients. */
  register_prehook(fn: NodePreHook): RemovableHandle {
    return addHook((this._preHooks ??= []), fn, "register_prehook");
  }

  /** @internal Registers a hook of the tensor that is output `outputNr` of this node. */
  _addTensorHook(outputNr: number, fn: TensorHook): RemovableHandle {
    const all = (this._tensorHooks ??= []);
    return addHook((all[outputNr] ??= []), fn, "register_hook");
  }

  abstract name(): string;
  /** Gradients w.r.t. each next function, given gradients w.r.t. this node's outputs. */
  abstract apply(gradOutputs: readonly (Tensor | null)[]): (Tensor | null)[];
  /** Frees what backward saved (called after use unless retain_graph). */
  release(): void {}
  get numOutputs(): number {
    return 1;
  }

  toString(): string {
    return `<${this.name()} object>`;
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

/** The sink for a leaf tensor's gradient: adds it into `variable.grad`. */
export class AccumulateGrad extends Node {
  constructor(readonly variable: Tensor) {
    // PyTorch gives AccumulateGrad the highest sequence number so it runs as soon as it is ready.
    super([], Number.MAX_SAFE_INTEGER);
  }

  /** @internal register_post_accumulate_grad_hook's hooks: fn(variable) after .grad was updated. */
  _postAccumulateHooks: HookEntry<(t: Tensor) => void>[] | null = null;

  name(): string {
    return "AccumulateGrad";
  }

  apply(gradOutputs: readonly (Tensor | null)[]): (Tensor | null)[] {
    const grad = gradOutputs[0];
    if (!grad) return [];
    const v = this.variable;
    // With create_graph the sum stays in the graph; otherwise .grad is a plain tensor updated in place.
    if (is_grad_enabled()) v._grad = v._grad ? v._grad.add(grad) : grad;
    else if (v._grad) v._grad.add_(grad);
    // A fresh copy: the incoming gradient may be shared with other inputs of the same node.
    else v._grad = grad.detach().clone();
    if (this._postAccumulateHooks) for (const { fn } of [...this._postAccumulateHooks]) fn(v);
    return [];
  }
}

/** What a formula may ask besides the gradient: all output gradients, and which inputs need one. */
export interface FormulaContext {
  readonly gradOutputs: readonly (Tensor | null)[];
  /** needsInputGrad[i] is false when input i's gradient would be thrown away (PyTorch's should_compute_output). */
  readonly needsInputGrad: readonly boolean[];
}

/** A derivative formula: gradients for each input, from the output gradient and saved state. */
export type Formula<S> = (grad: Tensor, saved: S, ctx: FormulaContext) => (Tensor | null)[];

export const SAVED_FREED =
  "Trying to backward through the graph a second time (or directly access saved tensors after they have " +
  "already been freed). Saved intermediate values of the graph are freed when you call .backward() or " +
  "autograd.grad(). Specify retain_graph=True if you need to backward through the graph a second time or " +
  "if you need to access saved tensors after calling backward.";

/** PyTorch's legacy type names, used in autograd error messages. */
export function legacyTypeName(t: Tensor): string {
  return `torch.${t.dtype.scalarTypeName}Tensor`;
}

/** A node made from a row of the derivatives table. */
export class OpNode<S extends object> extends Node {
  private saved: S | null;
  /** Version of each saved tensor when it was saved, to catch in-place changes before backward. */
  private savedVersions: [Tensor, number, boolean][] = [];

  constructor(
    private readonly opName: string,
    private readonly formula: Formula<S>,
    saved: S,
    nextFunctions: readonly Edge[],
    private readonly outputs = 1,
  ) {
    super(nextFunctions);
    this.saved = saved;
  }

  /** @internal Remembers a saved tensor's version; `isOutput` says it is this node's own result. */
  trackSaved(t: Tensor, isOutput: boolean): void {
    this.savedVersions.push([t, t._version, isOutput]);
  }

  /** @internal What backward saved, read-only (null once freed); torch.viz shows it with show_saved. */
  get _savedState(): Readonly<S> | null {
    return this.saved;
  }

  name(): string {
    return this.opName;
  }

  /**
   * @internal An in-place op computed `from` out of place and wrote it into `to`: a formula that saved its
   * result now holds `to`, so later in-place writes to `to` raise PyTorch's version error.
   */
  _aliasOutput(from: Tensor, to: Tensor): void {
    if (!this.saved) return;
    const state = this.saved as Record<string, unknown>;
    for (const key of Object.keys(state)) if (state[key] === from) state[key] = to;
    for (const entry of this.savedVersions) {
      if (entry[0] === from) {
        entry[0] = to;
        entry[1] = to._version;
      }
    }
  }

  override get numOutputs(): number {
    return this.outputs;
  }

  apply(gradOutputs: readonly (Tensor | null)[]): (Tensor | null)[] {
    const saved = this.unpack();
    const first = gradOutputs[0] ?? gradOutputs.find((g) => g) ?? null;
    if (!first) return this.next_functions.map(() => null);
    // Plain loops here and in unpack(): apply runs once per node in every backward pass.
    const edges = this.next_functions;
    const needsInputGrad = new Array<boolean>(edges.length);
    for (let i = 0; i < edges.length; i++) needsInputGrad[i] = edges[i][0] !== null;
    return this.formula(first, saved, { gradOutputs, needsInputGrad });
  }

  private unpack(): S {
    if (!this.saved) throw new RuntimeError(SAVED_FREED);
    const versions = this.savedVersions;
    for (let i = 0; i < versions.length; i++) {
      const [t, version, isOutput] = versions[i];
      checkSavedVersion(t, version, this.opName, isOutput);
    }
    return this.saved;
  }

  override release(): void {
    this.saved = null;
    this.savedVersions = [];
  }
}

/** PyTorch's error when a tensor saved for backward was modified in place after it was saved. */
export function checkSavedVersion(t: Tensor, version: number, nodeName: string, isOutput: boolean): void {
  if (t._version === version) return;
  const what = isOutput
    ? `, which is output 0 of ${nodeName},`
    : t.grad_fn
      ? `, which is output ${t._outputNr} of ${t.grad_fn.name()},`
      : "";
  throw new RuntimeError(
    `one of the variables needed for gradient computation has been modified by an inplace operation: ` +
      `[${legacyTypeName(t)} [${t.shape.join(", ")}]]${what} is at version ${t._version}; expected version ` +
      `${version} instead. Hint: enable anomaly detection to find the operation that failed to compute its ` +
      `gradient, with torch.autograd.set_detect_anomaly(True).`,
  );
}
