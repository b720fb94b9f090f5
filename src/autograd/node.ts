// Graph nodes (what `t.grad_fn` returns): one per recorded op, plus AccumulateGrad for leaves.
import type { DType } from "../tensor/dtype.js";
import { is_grad_enabled } from "../tensor/grad_mode_state.js";
import { installLeafSink, Tensor } from "../tensor/tensor.js";
import { RuntimeError } from "../errors.js";
import { runDerivative, type Derivative } from "./derivative.js";
import { formulaOf } from "./formulas.js";
import { forwardTrace } from "./anomaly.js";
import { handToUserCode, mayKeepAsGrad } from "./grad_ownership.js";

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

/** Shared by nodes until an output calls retain_grad() (tensor.ts then gives the node its own array). */
export const NO_RETAINED_GRADS: (WeakRef<Tensor> | undefined)[] = Object.freeze([]) as unknown as [];

/** What the engine needs to know of an input to fit its gradient: shape and dtype. */
export interface InputMetadata {
  readonly shape: readonly number[];
  readonly dtype: DType;
}

/** A node's rarely used state (see Node._extras). */
export interface NodeExtras {
  retainedGrads: (WeakRef<Tensor> | undefined)[];
  tensorHooks: HookEntry<TensorHook>[][] | null;
  preHooks: HookEntry<NodePreHook>[] | null;
  postHooks: HookEntry<NodePostHook>[] | null;
  readonly forwardTrace: string | undefined;
}

/** A new node's extras: none, unless anomaly mode wants the forward trace. */
function newExtras(): NodeExtras | null {
  const trace = forwardTrace();
  if (trace === undefined) return null;
  return {
    retainedGrads: NO_RETAINED_GRADS,
    tensorHooks: null,
    preHooks: null,
    postHooks: null,
    forwardTrace: trace,
  };
}

/** The inputMeta of a node not told its inputs: shared, as nodes are made once per recorded op. */
const NO_INPUT_META: readonly (InputMetadata | null)[] = Object.freeze([]);

/** The namespace of nodes PyTorch writes in C++ (CopySlices, CopyBackwards, NotImplemented). */
const CPP_NAMESPACE = "torch::autograd::";

// Fields are `declare`d and set in the constructors: a node is made per recorded op, and V8 builds plain
// constructor assignments faster than class-field definitions (measured: ~5% of a scalar op chain).
export abstract class Node {
  /** Creation order; the engine runs the ready node created last first, like PyTorch. */
  declare readonly seq: number;
  declare readonly next_functions: readonly Edge[];
  /** @internal Per input: where its gradient must be summed/cast to (null: no check). */
  declare inputMeta: readonly (InputMetadata | null)[];
  /** @internal Hooks, retained grads and the forward trace: rare, so kept out of the node until used. */
  declare _extras: NodeExtras | null;
  // The backward run's books (see RunState in graph_task.ts): the run that last reached this node (an id:
  // a number, cheap to write into a long-lived node), the edges still to arrive in it, and the gradients
  // w.r.t. this node's outputs summed so far.
  /** @internal */ declare _runId: number;
  /** @internal */ declare _deps: number;
  /** @internal */ declare _buffer: (Tensor | null)[] | null;
  /** @internal The edge [this, 0], made on first use and shared by every op that reads output 0. */
  declare _edge0: Edge | null;

  constructor(nextFunctions: readonly Edge[], seq?: number) {
    this.seq = seq ?? nextSequenceNr++;
    this.next_functions = nextFunctions;
    this.inputMeta = NO_INPUT_META;
    this._extras = newExtras();
    this._runId = 0;
    this._deps = 0;
    this._buffer = null;
    this._edge0 = null;
  }

  /** @internal This node's extras, made on first use. */
  _ensureExtras(): NodeExtras {
    return (this._extras ??= {
      retainedGrads: NO_RETAINED_GRADS,
      tensorHooks: null,
      preHooks: null,
      postHooks: null,
      forwardTrace: undefined,
    });
  }

  /** @internal Outputs that called retain_grad(), by output number (NO_RETAINED_GRADS while none did). */
  get _retainedGrads(): (WeakRef<Tensor> | undefined)[] {
    return this._extras?.retainedGrads ?? NO_RETAINED_GRADS;
  }

  set _retainedGrads(list: (WeakRef<Tensor> | undefined)[]) {
    this._ensureExtras().retainedGrads = list;
  }

  /** @internal Output `t` of this node called retain_grad(): the engine sums its gradient into t.grad. */
  _retainGradOf(t: Tensor): void {
    const extras = this._ensureExtras();
    // Nodes share one frozen empty list until an output retains its grad.
    if (extras.retainedGrads === NO_RETAINED_GRADS) extras.retainedGrads = [];
    extras.retainedGrads[t._outputNr] = new WeakRef(t);
  }

  /** @internal Hooks of the tensors this node produced (or of the leaf, for AccumulateGrad), by output number. */
  get _tensorHooks(): HookEntry<TensorHook>[][] | null {
    return this._extras?.tensorHooks ?? null;
  }

  /** @internal */
  get _preHooks(): HookEntry<NodePreHook>[] | null {
    return this._extras?.preHooks ?? null;
  }

  /** @internal */
  get _postHooks(): HookEntry<NodePostHook>[] | null {
    return this._extras?.postHooks ?? null;
  }

  /** @internal Where the forward pass created this node (anomaly mode only). */
  get _forwardTrace(): string | undefined {
    return this._extras?.forwardTrace;
  }

  /** Registers fn(gradInputs, gradOutputs), run after this node computed its gradients. */
  register_hook(fn: NodePostHook): RemovableHandle {
    return addHook((this._ensureExtras().postHooks ??= []), fn, "register_hook");
  }

  /** Registers fn(gradOutputs), run before this node computes its gradients. */
  register_prehook(fn: NodePreHook): RemovableHandle {
    return addHook((this._ensureExtras().preHooks ??= []), fn, "register_prehook");
  }

  /** @internal Registers a hook of the tensor that is output `outputNr` of this node. */
  _addTensorHook(outputNr: number, fn: TensorHook): RemovableHandle {
    const all = (this._ensureExtras().tensorHooks ??= []);
    return addHook((all[outputNr] ??= []), fn, "register_hook");
  }

  abstract name(): string;
  /** Gradients w.r.t. each next function, given gradients w.r.t. this node's outputs. */
  abstract apply(gradOutputs: readonly (Tensor | null)[]): (Tensor | null)[];
  /**
   * @internal Whether apply() runs user code (a custom Function's backward), which may keep the gradients it
   * gets or returns (see grad_ownership.ts). True unless a built-in node says otherwise.
   */
  get _runsUserCode(): boolean {
    return true;
  }
  /** Frees what backward saved (called after use unless retain_graph). */
  release(): void {}
  get numOutputs(): number {
    return 1;
  }

  /** The node's Python type name, as reprs print it: name() without C++'s `torch::autograd::` namespace. */
  _typeName(): string {
    const name = this.name();
    return name.startsWith(CPP_NAMESPACE) ? name.slice(CPP_NAMESPACE.length) : name;
  }

  toString(): string {
    return `<${this._typeName()} object>`;
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

/** The sink for a leaf tensor's gradient: adds it into `variable.grad`. */
export class AccumulateGrad extends Node {
  declare readonly variable: Tensor;
  /** @internal register_post_accumulate_grad_hook's hooks: fn(variable) after .grad was updated. */
  declare _postAccumulateHooks: HookEntry<(t: Tensor) => void>[] | null;

  constructor(variable: Tensor) {
    // PyTorch gives AccumulateGrad the highest sequence number so it runs as soon as it is ready.
    super([], Number.MAX_SAFE_INTEGER);
    this.variable = variable;
    this._postAccumulateHooks = null;
  }

  name(): string {
    return "AccumulateGrad";
  }

  override get _runsUserCode(): boolean {
    return false;
  }

  apply(gradOutputs: readonly (Tensor | null)[]): (Tensor | null)[] {
    const grad = gradOutputs[0];
    if (!grad) return [];
    const v = this.variable;
    // With create_graph the sum stays in the graph; otherwise .grad is a plain tensor updated in place.
    if (is_grad_enabled()) v._grad = v._grad ? v._grad.add(grad) : copyRecorded(grad);
    else if (v._grad) v._grad.add_(grad);
    // Like PyTorch, keep the incoming gradient when nothing else holds it (grad_ownership.ts); else a copy.
    else v._grad = mayKeepAsGrad(grad, v) ? grad.detach() : grad.detach().clone();
    const hooks = this._postAccumulateHooks;
    if (hooks !== null && hooks.length > 0) {
      // The hooks are user code: they may write .grad in place.
      handToUserCode(NO_GRADS);
      for (const { fn } of [...hooks]) fn(v);
    }
    return [];
  }
}

const NO_GRADS: readonly Tensor[] = Object.freeze([]);

/** The edge of the fresh tensor copy_ writes into, which takes no gradient. */
const NO_EDGE = Object.freeze([null, 0]) as unknown as Edge;

/**
 * The first gradient of a leaf under create_graph: PyTorch's AccumulateGrad stores a copy made by
 * new_empty_strided(...).copy_(grad), so .grad's grad_fn is CopyBackwards, leading to the gradient's graph.
 */
function copyRecorded(grad: Tensor): Tensor {
  const copy = grad.detach().clone();
  if (!grad._requiresGrad) return copy;
  const name = "torch::autograd::CopyBackwards";
  const node = new OpNode(name, formulaOf(name) as Derivative<object>, {}, [NO_EDGE, grad._gradEdge()]);
  const meta = { shape: grad.shape, dtype: grad.dtype };
  node.inputMeta = [meta, meta];
  copy._gradFn = node;
  copy._outputNr = 0;
  copy._requiresGrad = true;
  return copy;
}

installLeafSink((leaf) => new AccumulateGrad(leaf));

export const SAVED_FREED =
  "Trying to backward through the graph a second time (or directly access saved tensors after they have " +
  "already been freed). Saved intermediate values of the graph are freed when you call .backward() or " +
  "autograd.grad(). Specify retain_graph=True if you need to backward through the graph a second time or " +
  "if you need to access saved tensors after calling backward.";

/** PyTorch's legacy type names, used in autograd error messages. */
export function legacyTypeName(t: Tensor): string {
  return `torch.${t.dtype.scalarTypeName}Tensor`;
}

/** Node's fields, writable: OpNode's constructor sets them itself (see OpNode). */
type NodeFields = { -readonly [K in keyof Node]: Node[K] };

/**
 * A node made from a row of the derivatives table.
 *
 * A Node, but not declared `extends Node`: its prototype is linked to Node.prototype below and its
 * constructor sets Node's fields itself. Tools that keep function names (esbuild's keepNames, which tsx
 * uses) redefine each class's `name`, and V8 then builds instances of a *derived* class through a slow
 * runtime path (about 130 ns per `new`, doubling the cost of a scalar op); a base class is not affected.
 */
// The interface gives the class Node's members (merged declarations need the same type parameters).
// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unused-vars
export interface OpNode<S extends object> extends Node {}
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- the prototype is linked below
export class OpNode<S extends object> {
  declare private saved: S | null;
  // Each saved tensor and its version when it was saved (as version * 2 + 1 when it is this node's own
  // output), to catch in-place changes before backward. The first two live in fields, since most ops save
  // at most two and a node is kept alive until backward; more go to a list of [tensor, code] pairs.
  declare private saved0: Tensor | null;
  declare private code0: number;
  declare private saved1: Tensor | null;
  declare private code1: number;
  declare private savedMore: (Tensor | number)[] | null;
  /** The output numbers of saved outputs other than output 0 (a multi-output op's, as eigh's eigenvectors). */
  declare private savedOutputNrs: Map<Tensor, number> | null;
  /** Whether the op saved a tensor (alone or in a list): only then does release() free anything. */
  declare private savesTensors: boolean;
  /** Whether nothing of the node may run after release (_markSavesTensors), not just formulas reading a tensor. */
  declare private wholeStateFreed: boolean;
  /** After release: the saved state whose tensors raise when a formula reads them (PyTorch's unpack). */
  declare private releasedState: S | null;
  declare private readonly opName: string;
  declare private readonly derivative: Derivative<S>;
  declare private readonly outputs: number;

  constructor(
    opName: string,
    derivative: Derivative<S>,
    saved: S,
    nextFunctions: readonly Edge[],
    outputs = 1,
  ) {
    // Node's constructor, inlined (plain `this.x =` so V8 sizes the object for every field).
    (this as NodeFields).seq = nextSequenceNr++;
    (this as NodeFields).next_functions = nextFunctions;
    this.inputMeta = NO_INPUT_META;
    this._extras = newExtras();
    this._runId = 0;
    this._deps = 0;
    this._buffer = null;
    this._edge0 = null;
    this.opName = opName;
    this.derivative = derivative;
    this.outputs = outputs;
    this.saved = saved;
    this.saved0 = null;
    this.code0 = 0;
    this.saved1 = null;
    this.code1 = 0;
    this.savedMore = null;
    this.savedOutputNrs = null;
    this.savesTensors = false;
    this.wholeStateFreed = false;
    this.releasedState = null;
  }

  /**
   * @internal The node holds what a second backward may not reuse (a list of tensors, as index's indices;
   * CopySlices' in-place op): backward after release() raises.
   */
  _markSavesTensors(): void {
    this.savesTensors = true;
    this.wholeStateFreed = true;
  }

  /**
   * @internal Remembers a saved tensor's version; `isOutput` says it is this node's own result, output
   * `outputNr` of it.
   */
  trackSaved(t: Tensor, isOutput: boolean, outputNr = 0): void {
    this.savesTensors = true;
    if (isOutput && outputNr !== 0) (this.savedOutputNrs ??= new Map()).set(t, outputNr);
    const code = t._version * 2 + (isOutput ? 1 : 0);
    if (this.saved0 === null) {
      this.saved0 = t;
      this.code0 = code;
    } else if (this.saved1 === null) {
      this.saved1 = t;
      this.code1 = code;
    } else {
      (this.savedMore ??= []).push(t, code);
    }
  }

  /** @internal What backward saved, read-only (null once freed); torch.viz shows it with show_saved. */
  get _savedState(): Readonly<S> | null {
    return this.saved;
  }

  name(): string {
    return this.opName;
  }

  /** @internal The row of the derivatives table this node runs (the explainer prints its formulas). */
  get _derivative(): Derivative<S> {
    return this.derivative;
  }

  /**
   * @internal An in-place op computed `from` out of place and wrote it into `to`: a formula that saved its
   * result now holds `to`, so later in-place writes to `to` raise PyTorch's version error.
   */
  _aliasOutput(from: Tensor, to: Tensor): void {
    if (!this.saved) return;
    const state = this.saved as Record<string, unknown>;
    for (const key of Object.keys(state)) if (state[key] === from) state[key] = to;
    const recode = (code: number) => to._version * 2 + (code % 2);
    if (this.saved0 === from) [this.saved0, this.code0] = [to, recode(this.code0)];
    if (this.saved1 === from) [this.saved1, this.code1] = [to, recode(this.code1)];
    const more = this.savedMore ?? [];
    for (let i = 0; i < more.length; i += 2) {
      if (more[i] === from) [more[i], more[i + 1]] = [to, recode(more[i + 1] as number)];
    }
  }

  get numOutputs(): number {
    return this.outputs;
  }

  /** @internal A derivatives-table row: built-in code, which only reads the gradients it is given. */
  get _runsUserCode(): boolean {
    return false;
  }

  apply(gradOutputs: readonly (Tensor | null)[]): (Tensor | null)[] {
    const saved = this.unpack();
    const first = gradOutputs[0] ?? gradOutputs.find((g) => g) ?? null;
    if (!first) return this.next_functions.map(() => null);
    return runDerivative(this.derivative, first, saved, {
      gradOutputs,
      needsInputGrad: needsInputGradOf(this.next_functions),
    });
  }

  private unpack(): S {
    if (!this.saved) {
      if (this.releasedState !== null) return readFreed(this.releasedState);
      throw new RuntimeError(SAVED_FREED);
    }
    if (this.saved0 !== null) this.checkVersion(this.saved0, this.code0);
    if (this.saved1 !== null) this.checkVersion(this.saved1, this.code1);
    const more = this.savedMore;
    if (more !== null)
      for (let i = 0; i < more.length; i += 2) this.checkVersion(more[i] as Tensor, more[i + 1] as number);
    return this.saved;
  }

  private checkVersion(t: Tensor, code: number): void {
    const isOutput = code % 2;
    if (t._version * 2 + isOutput !== code)
      checkSavedVersion(
        t,
        (code - isOutput) / 2,
        this.opName,
        isOutput === 1,
        this.savedOutputNrs?.get(t) ?? 0,
      );
  }

  /**
   * Frees the saved tensors. As in PyTorch, a node that saved none (only sizes or scalars, like (x + 1).sum())
   * keeps what it has, so a second backward through it runs; and a second backward raises only when a formula
   * that runs reads a freed tensor (x.index_add(0, i, s) twice: x's formula `grad` reads nothing).
   */
  release(): void {
    if (!this.savesTensors) return;
    const saved = this.saved;
    this.saved = null;
    this.saved0 = null;
    this.saved1 = null;
    this.savedMore = null;
    if (saved !== null && !this.wholeStateFreed) this.releasedState = freeTensors(saved);
  }
}

Object.setPrototypeOf(OpNode.prototype, Node.prototype);

/** What a freed tensor of a released node's state reads as, until unpack wraps the state. */
const FREED = Symbol("freed");

/**
 * A released node's state, in place: its tensors replaced by FREED (so their memory can go), its numbers and
 * shapes kept. Runs at every backward, so it allocates nothing; the raising view is made only if read again.
 */
function freeTensors<S extends object>(saved: S): S {
  const state = saved as Record<string, unknown>;
  for (const key in state) {
    const value = state[key];
    if (value instanceof Tensor || (Array.isArray(value) && value.some((v) => v instanceof Tensor)))
      state[key] = FREED;
  }
  return saved;
}

/** A released state as formulas read it: numbers and shapes as they were, a freed tensor raising SAVED_FREED. */
function readFreed<S extends object>(state: S): S {
  return new Proxy(state, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (value === FREED) throw new RuntimeError(SAVED_FREED);
      return value;
    },
  });
}

/** needsInputGrad for one or two edges: shared arrays, since apply runs once per node in every backward. */
const NEEDS_GRAD_1 = [Object.freeze([false]), Object.freeze([true])];
const NEEDS_GRAD_2 = [
  Object.freeze([false, false]),
  Object.freeze([true, false]),
  Object.freeze([false, true]),
  Object.freeze([true, true]),
];

/** Which inputs get a gradient: those with an edge to a node (PyTorch's should_compute_output). */
function needsInputGradOf(edges: readonly Edge[]): readonly boolean[] {
  if (edges.length === 1) return NEEDS_GRAD_1[edges[0][0] !== null ? 1 : 0];
  if (edges.length === 2)
    return NEEDS_GRAD_2[(edges[0][0] !== null ? 1 : 0) + (edges[1][0] !== null ? 2 : 0)];
  const needs = new Array<boolean>(edges.length);
  for (let i = 0; i < edges.length; i++) needs[i] = edges[i][0] !== null;
  return needs;
}

/** PyTorch's error when a tensor saved for backward was modified in place after it was saved. */
export function checkSavedVersion(
  t: Tensor,
  version: number,
  nodeName: string,
  isOutput: boolean,
  outputNr = 0,
): void {
  if (t._version === version) return;
  const what = isOutput
    ? `, which is output ${outputNr} of ${nodeName},`
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
